-- The sandbox payment provider's own books: what a real provider keeps on its side of the wire.
-- Twin of migrations/sqlite/20261122000000_sandbox_provider.sql.

CREATE TABLE sandbox_payments (
    provider_ref  TEXT    NOT NULL PRIMARY KEY,
    out_trade_no  TEXT    NOT NULL UNIQUE,
    amount_minor  BIGINT NOT NULL CHECK (amount_minor > 0),
    currency      TEXT    NOT NULL CHECK (currency = 'CNY'),
    description   TEXT    NOT NULL,
    notify_url    TEXT    NOT NULL,
    return_url    TEXT    NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    outcome       TEXT    CHECK (outcome IN ('succeeded', 'failed', 'closed')),
    settled_at    BIGINT,
    CHECK ((outcome IS NULL) = (settled_at IS NULL))
);

CREATE TABLE sandbox_refunds (
    provider_ref  TEXT    NOT NULL PRIMARY KEY,
    out_refund_no TEXT    NOT NULL UNIQUE,
    out_trade_no  TEXT    NOT NULL REFERENCES sandbox_payments (out_trade_no),
    amount_minor  BIGINT NOT NULL CHECK (amount_minor > 0),
    currency      TEXT    NOT NULL CHECK (currency = 'CNY'),
    reason        TEXT    NOT NULL,
    created_at    BIGINT NOT NULL,
    settles_at    BIGINT NOT NULL,
    outcome       TEXT    NOT NULL CHECK (outcome IN ('succeeded', 'failed'))
);
CREATE INDEX sandbox_refunds_by_payment ON sandbox_refunds (out_trade_no);

CREATE TABLE sandbox_deliveries (
    id              TEXT    NOT NULL PRIMARY KEY,
    url             TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    attempts        BIGINT NOT NULL CHECK (attempts >= 0),
    duplicates_left BIGINT NOT NULL CHECK (duplicates_left >= 0),
    next_attempt_at BIGINT NOT NULL
);
CREATE INDEX sandbox_deliveries_due ON sandbox_deliveries (next_attempt_at);
