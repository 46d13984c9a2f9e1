-- Checkouts, orders and their lines, Farmgate's side of payments, and the double-entry ledger.
-- Twin of migrations/sqlite/20261122020000_orders.sql. A checkout takes its stock in the same
-- transaction that stores it; the idempotency key makes the same request twice one checkout.

CREATE TABLE checkouts (
    id              TEXT    NOT NULL PRIMARY KEY,
    buyer_id        TEXT    NOT NULL REFERENCES accounts (id),
    idempotency_key TEXT    NOT NULL,
    total_minor     BIGINT NOT NULL CHECK (total_minor > 0),
    currency        TEXT    NOT NULL CHECK (currency = 'CNY'),
    created_at      BIGINT NOT NULL,
    UNIQUE (buyer_id, idempotency_key)
);

CREATE TABLE orders (
    id               TEXT    NOT NULL PRIMARY KEY,
    checkout_id      TEXT    NOT NULL REFERENCES checkouts (id),
    shop_id          TEXT    NOT NULL REFERENCES shops (id),
    buyer_id         TEXT    NOT NULL REFERENCES accounts (id),
    status           TEXT    NOT NULL CHECK (status IN ('pending_payment', 'paid', 'shipped',
                         'delivered', 'completed', 'cancelled', 'expired', 'refunded')),
    channel          TEXT    NOT NULL CHECK (channel IN ('shelf', 'live', 'group_buy',
                         'short_video', 'campaign')),
    goods_minor      BIGINT NOT NULL CHECK (goods_minor > 0),
    shipping_minor   BIGINT NOT NULL CHECK (shipping_minor >= 0),
    total_minor      BIGINT NOT NULL CHECK (total_minor = goods_minor + shipping_minor),
    commission_minor BIGINT NOT NULL CHECK (commission_minor BETWEEN 0 AND goods_minor),
    currency         TEXT    NOT NULL CHECK (currency = 'CNY'),
    ships_from       BIGINT,
    recipient        TEXT    NOT NULL,
    phone            TEXT    NOT NULL,
    province         TEXT    NOT NULL,
    city             TEXT    NOT NULL,
    county           TEXT    NOT NULL,
    address_detail   TEXT    NOT NULL,
    created_at       BIGINT NOT NULL,
    pay_by           BIGINT NOT NULL,
    paid_at          BIGINT,
    carrier          TEXT,
    tracking_no      TEXT,
    shipped_at       BIGINT,
    delivered_at     BIGINT,
    closed_at        BIGINT,
    CHECK ((shipped_at IS NULL) = (tracking_no IS NULL))
);
CREATE INDEX orders_by_checkout ON orders (checkout_id);
CREATE INDEX orders_by_buyer ON orders (buyer_id, created_at);
CREATE INDEX orders_by_shop ON orders (shop_id, created_at);
CREATE INDEX orders_unpaid ON orders (status, pay_by);

CREATE TABLE order_lines (
    order_id         TEXT    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no          BIGINT NOT NULL CHECK (line_no >= 0),
    sku_id           TEXT    NOT NULL REFERENCES skus (id),
    product_id       TEXT    NOT NULL REFERENCES products (id),
    title            TEXT    NOT NULL,
    sku_name         TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    unit_price_minor BIGINT NOT NULL CHECK (unit_price_minor > 0),
    quantity         BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    weight_g         BIGINT NOT NULL CHECK (weight_g > 0),
    commission_minor BIGINT NOT NULL CHECK (commission_minor >= 0),
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE payments (
    id           TEXT    NOT NULL PRIMARY KEY,
    checkout_id  TEXT    NOT NULL REFERENCES checkouts (id),
    provider     TEXT    NOT NULL,
    provider_ref TEXT,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency     TEXT    NOT NULL CHECK (currency = 'CNY'),
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'closed')),
    created_at   BIGINT NOT NULL,
    settled_at   BIGINT,
    CHECK ((status = 'pending') = (settled_at IS NULL))
);
CREATE INDEX payments_by_checkout ON payments (checkout_id);
CREATE INDEX payments_pending ON payments (status, created_at);

CREATE TABLE ledger_entries (
    id         TEXT    NOT NULL PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('payment_captured', 'sale_settled', 'refund',
                   'provider_settled', 'payout')),
    reference  TEXT    NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (kind, reference)
);

CREATE TABLE ledger_postings (
    entry_id     TEXT    NOT NULL REFERENCES ledger_entries (id),
    seq          BIGINT NOT NULL CHECK (seq >= 0),
    account      TEXT    NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor <> 0),
    currency     TEXT    NOT NULL CHECK (currency = 'CNY'),
    PRIMARY KEY (entry_id, seq)
);
CREATE INDEX ledger_postings_by_account ON ledger_postings (account);
