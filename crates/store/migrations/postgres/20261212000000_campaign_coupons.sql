-- A campaign's coupons (issue 8) and buyers' claims of them. Twin of
-- migrations/sqlite/20261212000000_campaign_coupons.sql. As with live coupons, the database is
-- the authority: never more claims than the quantity nor than the limit per buyer, and a claim
-- pays for one checkout at most (marked on the order that took the largest part of it).
CREATE TABLE campaign_coupons (
    id                  TEXT    NOT NULL PRIMARY KEY,
    campaign_id         TEXT    NOT NULL REFERENCES campaigns (id),
    -- What a buyer types to claim one: unique across campaigns.
    code                TEXT    NOT NULL UNIQUE,
    -- An amount off, or a percentage up to a cap: exactly one of the two.
    amount_off_minor    BIGINT CHECK (amount_off_minor > 0),
    percent_off         BIGINT CHECK (percent_off BETWEEN 1 AND 90),
    cap_minor           BIGINT CHECK (cap_minor > 0),
    minimum_spend_minor BIGINT NOT NULL,
    quantity            BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    claimed             BIGINT NOT NULL CHECK (claimed BETWEEN 0 AND quantity),
    per_buyer_limit     BIGINT NOT NULL CHECK (per_buyer_limit BETWEEN 1 AND 5
                            AND per_buyer_limit <= quantity),
    valid_days          BIGINT NOT NULL CHECK (valid_days BETWEEN 1 AND 30),
    created_at          BIGINT NOT NULL,
    CHECK ((amount_off_minor IS NULL) = (percent_off IS NOT NULL)),
    CHECK ((percent_off IS NULL) = (cap_minor IS NULL)),
    -- Above the most it takes, so it never brings the goods to zero.
    CHECK (minimum_spend_minor > COALESCE(amount_off_minor, cap_minor))
);
CREATE INDEX campaign_coupons_by_campaign ON campaign_coupons (campaign_id, created_at);

CREATE TABLE campaign_coupon_claims (
    id            TEXT    NOT NULL PRIMARY KEY,
    coupon_id     TEXT    NOT NULL REFERENCES campaign_coupons (id),
    buyer_id      TEXT    NOT NULL REFERENCES accounts (id),
    seq           BIGINT NOT NULL,
    buyer_limit   BIGINT NOT NULL,
    claimed_at    BIGINT NOT NULL,
    usable_until  BIGINT NOT NULL CHECK (usable_until > claimed_at),
    used_order_id TEXT    REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED,
    used_at       BIGINT,
    UNIQUE (coupon_id, buyer_id, seq),
    CHECK (seq BETWEEN 1 AND buyer_limit),
    CHECK ((used_order_id IS NULL) = (used_at IS NULL))
);
CREATE INDEX campaign_coupon_claims_by_buyer ON campaign_coupon_claims (buyer_id, claimed_at);
CREATE UNIQUE INDEX campaign_coupon_claims_by_order ON campaign_coupon_claims (used_order_id)
    WHERE used_order_id IS NOT NULL;
