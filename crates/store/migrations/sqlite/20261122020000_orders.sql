-- Checkouts, orders and their lines, Farmgate's side of payments, and the double-entry ledger.
-- Twin of migrations/postgres/20261122020000_orders.sql. A checkout takes its stock in the same
-- transaction that stores it; the idempotency key makes the same request twice one checkout.

CREATE TABLE checkouts (
    id              TEXT    NOT NULL PRIMARY KEY,
    buyer_id        TEXT    NOT NULL REFERENCES accounts (id),
    idempotency_key TEXT    NOT NULL,
    total_minor     INTEGER NOT NULL CHECK (total_minor > 0),
    currency        TEXT    NOT NULL CHECK (currency = 'CNY'),
    created_at      INTEGER NOT NULL,
    UNIQUE (buyer_id, idempotency_key)
) STRICT;

CREATE TABLE orders (
    id               TEXT    NOT NULL PRIMARY KEY,
    checkout_id      TEXT    NOT NULL REFERENCES checkouts (id),
    shop_id          TEXT    NOT NULL REFERENCES shops (id),
    buyer_id         TEXT    NOT NULL REFERENCES accounts (id),
    status           TEXT    NOT NULL CHECK (status IN ('pending_payment', 'paid', 'shipped',
                         'delivered', 'completed', 'cancelled', 'expired', 'refunded')),
    channel          TEXT    NOT NULL CHECK (channel IN ('shelf', 'live', 'group_buy',
                         'short_video', 'campaign')),
    goods_minor      INTEGER NOT NULL CHECK (goods_minor > 0),
    shipping_minor   INTEGER NOT NULL CHECK (shipping_minor >= 0),
    total_minor      INTEGER NOT NULL CHECK (total_minor = goods_minor + shipping_minor),
    commission_minor INTEGER NOT NULL CHECK (commission_minor BETWEEN 0 AND goods_minor),
    currency         TEXT    NOT NULL CHECK (currency = 'CNY'),
    ships_from       INTEGER,
    recipient        TEXT    NOT NULL,
    phone            TEXT    NOT NULL,
    province         TEXT    NOT NULL,
    city             TEXT    NOT NULL,
    county           TEXT    NOT NULL,
    address_detail   TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    pay_by           INTEGER NOT NULL,
    paid_at          INTEGER,
    carrier          TEXT,
    tracking_no      TEXT,
    shipped_at       INTEGER,
    delivered_at     INTEGER,
    closed_at        INTEGER,
    CHECK ((shipped_at IS NULL) = (tracking_no IS NULL))
) STRICT;
CREATE INDEX orders_by_checkout ON orders (checkout_id);
CREATE INDEX orders_by_buyer ON orders (buyer_id, created_at);
CREATE INDEX orders_by_shop ON orders (shop_id, created_at);
CREATE INDEX orders_unpaid ON orders (status, pay_by);

CREATE TABLE order_lines (
    order_id         TEXT    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL CHECK (line_no >= 0),
    sku_id           TEXT    NOT NULL REFERENCES skus (id),
    product_id       TEXT    NOT NULL REFERENCES products (id),
    title            TEXT    NOT NULL,
    sku_name         TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor > 0),
    quantity         INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    weight_g         INTEGER NOT NULL CHECK (weight_g > 0),
    commission_minor INTEGER NOT NULL CHECK (commission_minor >= 0),
    PRIMARY KEY (order_id, line_no)
) STRICT;

CREATE TABLE payments (
    id           TEXT    NOT NULL PRIMARY KEY,
    checkout_id  TEXT    NOT NULL REFERENCES checkouts (id),
    provider     TEXT    NOT NULL,
    provider_ref TEXT,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency     TEXT    NOT NULL CHECK (currency = 'CNY'),
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'closed')),
    created_at   INTEGER NOT NULL,
    settled_at   INTEGER,
    CHECK ((status = 'pending') = (settled_at IS NULL))
) STRICT;
CREATE INDEX payments_by_checkout ON payments (checkout_id);
CREATE INDEX payments_pending ON payments (status, created_at);

CREATE TABLE ledger_entries (
    id         TEXT    NOT NULL PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('payment_captured', 'sale_settled', 'refund',
                   'provider_settled', 'payout')),
    reference  TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (kind, reference)
) STRICT;

CREATE TABLE ledger_postings (
    entry_id     TEXT    NOT NULL REFERENCES ledger_entries (id),
    seq          INTEGER NOT NULL CHECK (seq >= 0),
    account      TEXT    NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
    currency     TEXT    NOT NULL CHECK (currency = 'CNY'),
    PRIMARY KEY (entry_id, seq)
) STRICT;
CREATE INDEX ledger_postings_by_account ON ledger_postings (account);
