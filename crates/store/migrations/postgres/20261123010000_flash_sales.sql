-- Flash sales (秒杀) in live sessions. Twin of migrations/sqlite/20261123010000_flash_sales.sql.
-- A sale takes its units from the SKU when it is created and gives back what it did not sell
-- when it is settled after closing. The engine's in-memory gate answers buyers at once; these
-- constraints are the authority: a sale never sells more than its units, a buyer never more
-- than the limit, and one idempotency key is one purchase.

CREATE TABLE flash_sales (
    id              TEXT    NOT NULL PRIMARY KEY,
    session_id      TEXT    NOT NULL REFERENCES live_sessions (id),
    product_id      TEXT    NOT NULL REFERENCES products (id),
    sku_id          TEXT    NOT NULL REFERENCES skus (id),
    price_minor     BIGINT  NOT NULL CHECK (price_minor > 0),
    currency        TEXT    NOT NULL CHECK (currency = 'CNY'),
    stock_limit     BIGINT  NOT NULL CHECK (stock_limit BETWEEN 1 AND 100000),
    sold            BIGINT  NOT NULL CHECK (sold BETWEEN 0 AND stock_limit),
    per_buyer_limit BIGINT  NOT NULL CHECK (per_buyer_limit BETWEEN 1 AND 99
                        AND per_buyer_limit <= stock_limit),
    opens_at        BIGINT  NOT NULL,
    closes_at       BIGINT  NOT NULL CHECK (closes_at > opens_at),
    created_at      BIGINT  NOT NULL,
    -- When the unsold units went back to the SKU: once, after closing.
    settled_at      BIGINT  CHECK (settled_at IS NULL OR settled_at >= closes_at)
);
CREATE INDEX flash_sales_by_session ON flash_sales (session_id, created_at);
CREATE INDEX flash_sales_unsettled ON flash_sales (closes_at) WHERE settled_at IS NULL;

-- What each buyer holds of a sale; the limit is copied here so a CHECK can hold it.
CREATE TABLE flash_sale_buyers (
    sale_id     TEXT    NOT NULL REFERENCES flash_sales (id),
    buyer_id    TEXT    NOT NULL REFERENCES accounts (id),
    buyer_limit BIGINT  NOT NULL,
    bought      BIGINT  NOT NULL CHECK (bought BETWEEN 0 AND buyer_limit),
    PRIMARY KEY (sale_id, buyer_id)
);

-- Each accepted purchase and the order it became.
CREATE TABLE flash_sale_purchases (
    sale_id         TEXT    NOT NULL REFERENCES flash_sales (id),
    buyer_id        TEXT    NOT NULL REFERENCES accounts (id),
    idempotency_key TEXT    NOT NULL,
    checkout_id     TEXT    NOT NULL UNIQUE REFERENCES checkouts (id),
    order_id        TEXT    NOT NULL REFERENCES orders (id),
    quantity        BIGINT  NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    created_at      BIGINT  NOT NULL,
    PRIMARY KEY (sale_id, buyer_id, idempotency_key)
);
