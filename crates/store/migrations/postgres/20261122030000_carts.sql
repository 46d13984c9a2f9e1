-- Buyers' carts, kept on the server so a cart follows the buyer from phone to computer.
-- Twin of migrations/sqlite/20261122030000_carts.sql.

CREATE TABLE cart_lines (
    account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    sku_id     TEXT    NOT NULL REFERENCES skus (id) ON DELETE CASCADE,
    product_id TEXT    NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    quantity   BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    added_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, sku_id)
);
