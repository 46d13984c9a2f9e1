-- Shop coupons dropped in live rooms, and the buyers' claims of them. Twin of
-- migrations/postgres/20261124000000_coupons.sql. The database is the authority: a coupon is
-- never claimed more than its quantity nor by one buyer more than the limit, and a claim pays
-- for one order at most.

CREATE TABLE coupons (
    id                  TEXT    NOT NULL PRIMARY KEY,
    shop_id             TEXT    NOT NULL REFERENCES shops (id),
    session_id          TEXT    NOT NULL REFERENCES live_sessions (id),
    amount_off_minor    INTEGER NOT NULL CHECK (amount_off_minor > 0),
    -- Above the amount off, so a coupon never brings an order's goods to zero.
    minimum_spend_minor INTEGER NOT NULL CHECK (minimum_spend_minor > amount_off_minor),
    currency            TEXT    NOT NULL CHECK (currency = 'CNY'),
    quantity            INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
    claimed             INTEGER NOT NULL CHECK (claimed BETWEEN 0 AND quantity),
    per_buyer_limit     INTEGER NOT NULL CHECK (per_buyer_limit BETWEEN 1 AND 5
                            AND per_buyer_limit <= quantity),
    valid_until         INTEGER NOT NULL CHECK (valid_until > created_at),
    created_at          INTEGER NOT NULL,
    withdrawn_at        INTEGER
) STRICT;
CREATE INDEX coupons_by_session ON coupons (session_id, created_at);

-- One row per claim; `seq` numbers a buyer's claims of a coupon, and the limit is copied here
-- so a CHECK can hold it. An order left unpaid gives its claim back (used_order_id NULL again).
CREATE TABLE coupon_claims (
    id            TEXT    NOT NULL PRIMARY KEY,
    coupon_id     TEXT    NOT NULL REFERENCES coupons (id),
    buyer_id      TEXT    NOT NULL REFERENCES accounts (id),
    seq           INTEGER NOT NULL,
    buyer_limit   INTEGER NOT NULL,
    claimed_at    INTEGER NOT NULL,
    -- Deferred: the checkout marks the claim before it writes the order, in one transaction.
    used_order_id TEXT    REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED,
    used_at       INTEGER,
    UNIQUE (coupon_id, buyer_id, seq),
    CHECK (seq BETWEEN 1 AND buyer_limit),
    CHECK ((used_order_id IS NULL) = (used_at IS NULL))
) STRICT;
CREATE INDEX coupon_claims_by_buyer ON coupon_claims (buyer_id, claimed_at);
CREATE UNIQUE INDEX coupon_claims_by_order ON coupon_claims (used_order_id)
    WHERE used_order_id IS NOT NULL;

-- What the shop's coupon took off the order's goods. `goods_minor` stays what the buyer pays
-- for the goods (the lines' value less this), so total = goods + shipping still holds.
ALTER TABLE orders ADD COLUMN discount_minor INTEGER NOT NULL DEFAULT 0
    CHECK (discount_minor >= 0);
