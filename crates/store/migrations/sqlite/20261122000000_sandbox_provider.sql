-- The sandbox payment provider's own books: what a real provider keeps on its side of the wire.
-- Twin of migrations/postgres/20261122000000_sandbox_provider.sql.

CREATE TABLE sandbox_payments (
    provider_ref  TEXT    NOT NULL PRIMARY KEY,
    out_trade_no  TEXT    NOT NULL UNIQUE,
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    currency      TEXT    NOT NULL CHECK (currency = 'CNY'),
    description   TEXT    NOT NULL,
    notify_url    TEXT    NOT NULL,
    return_url    TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    outcome       TEXT    CHECK (outcome IN ('succeeded', 'failed', 'closed')),
    settled_at    INTEGER,
    CHECK ((outcome IS NULL) = (settled_at IS NULL))
) STRICT;

CREATE TABLE sandbox_refunds (
    provider_ref  TEXT    NOT NULL PRIMARY KEY,
    out_refund_no TEXT    NOT NULL UNIQUE,
    out_trade_no  TEXT    NOT NULL REFERENCES sandbox_payments (out_trade_no),
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    currency      TEXT    NOT NULL CHECK (currency = 'CNY'),
    reason        TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    settles_at    INTEGER NOT NULL,
    outcome       TEXT    NOT NULL CHECK (outcome IN ('succeeded', 'failed'))
) STRICT;
CREATE INDEX sandbox_refunds_by_payment ON sandbox_refunds (out_trade_no);

CREATE TABLE sandbox_deliveries (
    id              TEXT    NOT NULL PRIMARY KEY,
    url             TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    attempts        INTEGER NOT NULL CHECK (attempts >= 0),
    duplicates_left INTEGER NOT NULL CHECK (duplicates_left >= 0),
    next_attempt_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sandbox_deliveries_due ON sandbox_deliveries (next_attempt_at);
