-- Paying producers: where each shop is paid (its payee account) and every payout made.
-- Twin of migrations/sqlite/20261122050000_payouts.sql. A payout row is written in the same
-- transaction as its ledger entry; a run pays a shop at most once (`UNIQUE (shop_id, run_key)`).

CREATE TABLE shop_payees (
    shop_id    TEXT    NOT NULL PRIMARY KEY REFERENCES shops (id),
    holder     TEXT    NOT NULL,
    bank       TEXT    NOT NULL,
    account_no TEXT    NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE payouts (
    id            TEXT    NOT NULL PRIMARY KEY,
    shop_id       TEXT    NOT NULL REFERENCES shops (id),
    run_key       TEXT    NOT NULL,
    amount_minor  BIGINT NOT NULL CHECK (amount_minor > 0),
    currency      TEXT    NOT NULL CHECK (currency = 'CNY'),
    status        TEXT    NOT NULL CHECK (status IN ('paid')),
    -- Where the money went, as the account read when it was paid.
    payee_holder  TEXT    NOT NULL,
    payee_bank    TEXT    NOT NULL,
    payee_account TEXT    NOT NULL,
    reference     TEXT    NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    paid_at       BIGINT,
    CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
    UNIQUE (shop_id, run_key)
);
CREATE INDEX payouts_by_shop ON payouts (shop_id, created_at);
CREATE INDEX payouts_by_run ON payouts (run_key);
