-- County campaigns (issue 8): a window, who takes part, one price rule and the platform's
-- declared share of its discounts; and, per order bought at a campaign's price, what the
-- campaign took off and how much of it the platform bears (booked to the producer on
-- delivery, taken back in proportion on a refund). An order may hold lines of two campaigns.
CREATE TABLE campaigns (
    id               TEXT    NOT NULL PRIMARY KEY,
    name             TEXT    NOT NULL,
    starts_at        INTEGER NOT NULL,
    ends_at          INTEGER NOT NULL CHECK (ends_at > starts_at),
    scope_kind       TEXT    NOT NULL CHECK (scope_kind IN ('everything', 'categories', 'shops', 'products')),
    -- Category slugs, shop ids or product ids, separated by spaces.
    scope_items      TEXT    NOT NULL DEFAULT '',
    rule             TEXT    NOT NULL CHECK (rule IN ('percent_off', 'fixed_price', 'spend_save')),
    percent_off      INTEGER CHECK (percent_off BETWEEN 1 AND 90),
    price_minor      INTEGER CHECK (price_minor > 0),
    threshold_minor  INTEGER CHECK (threshold_minor > 0),
    off_minor        INTEGER CHECK (off_minor > 0),
    platform_percent INTEGER NOT NULL CHECK (platform_percent BETWEEN 0 AND 100),
    created_by       TEXT    NOT NULL REFERENCES accounts (id),
    created_at       INTEGER NOT NULL,
    ended_at         INTEGER
) STRICT;
CREATE INDEX campaigns_by_end ON campaigns (ends_at);

CREATE TABLE order_campaigns (
    order_id        TEXT    NOT NULL REFERENCES orders (id),
    campaign_id     TEXT    NOT NULL REFERENCES campaigns (id),
    discount_minor  INTEGER NOT NULL CHECK (discount_minor > 0),
    platform_minor  INTEGER NOT NULL CHECK (platform_minor BETWEEN 0 AND discount_minor),
    PRIMARY KEY (order_id, campaign_id)
) STRICT;
CREATE INDEX order_campaigns_by_campaign ON order_campaigns (campaign_id);
