-- Group-buys (拼团). Twin of migrations/postgres/20261204000000_group_buys.sql.
-- A group-buy offers one SKU at a team price; buyers open teams and join them by paying. A seat
-- is one buyer's order in one team: the order's status says whether the seat is held (awaiting
-- payment), paid, or given up, so nothing here has to be kept in step with it. A group-buy
-- caps the units sold through it; the units themselves come from the SKU as seats take them.

CREATE TABLE group_buys (
    id               TEXT    NOT NULL PRIMARY KEY,
    shop_id          TEXT    NOT NULL REFERENCES shops (id),
    product_id       TEXT    NOT NULL REFERENCES products (id),
    sku_id           TEXT    NOT NULL REFERENCES skus (id),
    team_price_minor INTEGER NOT NULL CHECK (team_price_minor > 0),
    currency         TEXT    NOT NULL CHECK (currency = 'CNY'),
    team_size        INTEGER NOT NULL CHECK (team_size BETWEEN 2 AND 50),
    -- Lower prices for bigger teams: "size:price_minor" items, comma-separated.
    tiers            TEXT    NOT NULL,
    time_limit_hours INTEGER NOT NULL CHECK (time_limit_hours BETWEEN 1 AND 72),
    stock_limit      INTEGER NOT NULL CHECK (stock_limit BETWEEN 1 AND 100000),
    per_buyer_limit  INTEGER NOT NULL CHECK (per_buyer_limit BETWEEN 1 AND 99
                         AND per_buyer_limit <= stock_limit),
    virtual_fill     INTEGER NOT NULL CHECK (virtual_fill IN (0, 1)),
    created_by       TEXT    NOT NULL REFERENCES accounts (id),
    created_at       INTEGER NOT NULL,
    -- When the organiser stopped new teams opening; open teams run on to their deadline.
    closed_at        INTEGER CHECK (closed_at IS NULL OR closed_at >= created_at)
) STRICT;
CREATE INDEX group_buys_by_shop ON group_buys (shop_id, created_at);
CREATE INDEX group_buys_running ON group_buys (created_at) WHERE closed_at IS NULL;

CREATE TABLE group_buy_teams (
    id             TEXT    NOT NULL PRIMARY KEY,
    group_buy_id   TEXT    NOT NULL REFERENCES group_buys (id),
    opened_by      TEXT    NOT NULL REFERENCES accounts (id),
    opened_at      INTEGER NOT NULL,
    deadline       INTEGER NOT NULL CHECK (deadline > opened_at),
    status         TEXT    NOT NULL CHECK (status IN ('open', 'succeeded', 'failed')),
    ended_at       INTEGER,
    -- Paid members when it ended.
    members        INTEGER CHECK (members >= 0),
    -- What each member paid per unit in the end, for a team that succeeded.
    price_minor    INTEGER CHECK (price_minor > 0),
    virtual_filled INTEGER NOT NULL DEFAULT 0 CHECK (virtual_filled IN (0, 1)),
    CHECK ((status = 'open') = (ended_at IS NULL)),
    CHECK ((status = 'open') = (members IS NULL)),
    CHECK ((status = 'succeeded') = (price_minor IS NOT NULL))
) STRICT;
CREATE INDEX group_buy_teams_by_group_buy ON group_buy_teams (group_buy_id, opened_at);
CREATE INDEX group_buy_teams_due ON group_buy_teams (deadline) WHERE status = 'open';

CREATE TABLE group_buy_seats (
    order_id     TEXT    NOT NULL PRIMARY KEY REFERENCES orders (id),
    team_id      TEXT    NOT NULL REFERENCES group_buy_teams (id),
    group_buy_id TEXT    NOT NULL REFERENCES group_buys (id),
    buyer_id     TEXT    NOT NULL REFERENCES accounts (id),
    checkout_id  TEXT    NOT NULL UNIQUE REFERENCES checkouts (id),
    units        INTEGER NOT NULL CHECK (units BETWEEN 1 AND 99),
    taken_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX group_buy_seats_by_team ON group_buy_seats (team_id, taken_at);
CREATE INDEX group_buy_seats_by_buyer ON group_buy_seats (group_buy_id, buyer_id);

-- A team that fails is refunded, and one that reaches a cheaper tier gets the difference back,
-- as after-sales refunds the platform approves itself: two more reasons. SQLite cannot change
-- a CHECK, so the table is rebuilt; its photos wait in a temporary table meanwhile, as dropping
-- the table would delete them.
CREATE TEMP TABLE after_sale_photos_kept AS SELECT * FROM after_sale_photos;
DROP TABLE after_sale_photos;

CREATE TABLE after_sales_next (
    id                        TEXT    NOT NULL PRIMARY KEY,
    order_id                  TEXT    NOT NULL REFERENCES orders (id),
    shop_id                   TEXT    NOT NULL REFERENCES shops (id),
    buyer_id                  TEXT    NOT NULL REFERENCES accounts (id),
    kind                      TEXT    NOT NULL CHECK (kind IN ('refund_only', 'return_and_refund')),
    reason                    TEXT    NOT NULL CHECK (reason IN ('no_longer_wanted', 'not_received',
                                  'damaged', 'spoiled', 'not_as_described', 'short_weight',
                                  'wrong_item', 'other', 'group_buy_failed', 'group_buy_tier')),
    description               TEXT    NOT NULL,
    amount_minor              INTEGER NOT NULL CHECK (amount_minor > 0),
    currency                  TEXT    NOT NULL CHECK (currency = 'CNY'),
    status                    TEXT    NOT NULL CHECK (status IN ('requested', 'awaiting_return',
                                  'return_shipped', 'refund_approved', 'refunded', 'rejected',
                                  'disputed', 'closed', 'withdrawn')),
    created_at                INTEGER NOT NULL,
    updated_at                INTEGER NOT NULL,
    answer_by                 INTEGER,
    reject_reason             TEXT,
    return_address            TEXT,
    return_carrier            TEXT,
    return_tracking_no        TEXT,
    return_shipped_at         INTEGER,
    escalated_at              INTEGER,
    ruling_note               TEXT,
    refunded_at               INTEGER,
    refund_basis              TEXT    CHECK (refund_basis IN ('held', 'settled')),
    commission_reversed_minor INTEGER CHECK (commission_reversed_minor >= 0),
    CHECK ((status = 'refunded') = (refunded_at IS NOT NULL)),
    CHECK ((refunded_at IS NULL) = (refund_basis IS NULL)),
    CHECK ((return_shipped_at IS NULL) = (return_tracking_no IS NULL))
) STRICT;
INSERT INTO after_sales_next SELECT * FROM after_sales;
DROP TABLE after_sales;
ALTER TABLE after_sales_next RENAME TO after_sales;
CREATE INDEX after_sales_by_order ON after_sales (order_id);
CREATE INDEX after_sales_by_shop ON after_sales (shop_id, created_at);
CREATE INDEX after_sales_by_buyer ON after_sales (buyer_id, created_at);
CREATE INDEX after_sales_by_status ON after_sales (status, updated_at);
CREATE UNIQUE INDEX after_sales_one_open_per_order ON after_sales (order_id)
    WHERE status IN ('requested', 'awaiting_return', 'return_shipped', 'refund_approved',
                     'rejected', 'disputed');

CREATE TABLE after_sale_photos (
    after_sale_id TEXT    NOT NULL REFERENCES after_sales (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position BETWEEN 0 AND 2),
    file_id       TEXT    NOT NULL,
    PRIMARY KEY (after_sale_id, position)
) STRICT;
INSERT INTO after_sale_photos SELECT * FROM after_sale_photos_kept;
DROP TABLE after_sale_photos_kept;

-- Members are told in-app when their team ends: a fourth kind of notification, rebuilt as above.
CREATE TABLE notifications_with_group_buys (
    account_id TEXT    NOT NULL REFERENCES accounts (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('live_started', 'draw_won', 'recall', 'group_buy')),
    title      TEXT    NOT NULL,
    link       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER,
    event_key  TEXT    NOT NULL,
    PRIMARY KEY (account_id, event_key)
) STRICT;
INSERT INTO notifications_with_group_buys (account_id, kind, title, link, created_at, read_at, event_key)
    SELECT account_id, kind, title, link, created_at, read_at, event_key FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_with_group_buys RENAME TO notifications;
CREATE INDEX notifications_by_account ON notifications (account_id, created_at);
