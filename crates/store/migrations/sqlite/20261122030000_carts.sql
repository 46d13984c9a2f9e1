-- Buyers' carts, kept on the server so a cart follows the buyer from phone to computer.
-- Twin of migrations/postgres/20261122030000_carts.sql.

CREATE TABLE cart_lines (
    account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    sku_id     TEXT    NOT NULL REFERENCES skus (id) ON DELETE CASCADE,
    product_id TEXT    NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (account_id, sku_id)
) STRICT;
