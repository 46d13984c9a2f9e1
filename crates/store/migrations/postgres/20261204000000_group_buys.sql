-- Group-buys (拼团). Twin of migrations/sqlite/20261204000000_group_buys.sql.
-- A group-buy offers one SKU at a team price; buyers open teams and join them by paying. A seat
-- is one buyer's order in one team: the order's status says whether the seat is held (awaiting
-- payment), paid, or given up, so nothing here has to be kept in step with it. A group-buy
-- caps the units sold through it; the units themselves come from the SKU as seats take them.

CREATE TABLE group_buys (
    id               TEXT    NOT NULL PRIMARY KEY,
    shop_id          TEXT    NOT NULL REFERENCES shops (id),
    product_id       TEXT    NOT NULL REFERENCES products (id),
    sku_id           TEXT    NOT NULL REFERENCES skus (id),
    team_price_minor BIGINT  NOT NULL CHECK (team_price_minor > 0),
    currency         TEXT    NOT NULL CHECK (currency = 'CNY'),
    team_size        BIGINT  NOT NULL CHECK (team_size BETWEEN 2 AND 50),
    -- Lower prices for bigger teams: "size:price_minor" items, comma-separated.
    tiers            TEXT    NOT NULL,
    time_limit_hours BIGINT  NOT NULL CHECK (time_limit_hours BETWEEN 1 AND 72),
    stock_limit      BIGINT  NOT NULL CHECK (stock_limit BETWEEN 1 AND 100000),
    per_buyer_limit  BIGINT  NOT NULL CHECK (per_buyer_limit BETWEEN 1 AND 99
                         AND per_buyer_limit <= stock_limit),
    virtual_fill     BIGINT  NOT NULL CHECK (virtual_fill IN (0, 1)),
    created_by       TEXT    NOT NULL REFERENCES accounts (id),
    created_at       BIGINT  NOT NULL,
    -- When the organiser stopped new teams opening; open teams run on to their deadline.
    closed_at        BIGINT  CHECK (closed_at IS NULL OR closed_at >= created_at)
);
CREATE INDEX group_buys_by_shop ON group_buys (shop_id, created_at);
CREATE INDEX group_buys_running ON group_buys (created_at) WHERE closed_at IS NULL;

CREATE TABLE group_buy_teams (
    id             TEXT    NOT NULL PRIMARY KEY,
    group_buy_id   TEXT    NOT NULL REFERENCES group_buys (id),
    opened_by      TEXT    NOT NULL REFERENCES accounts (id),
    opened_at      BIGINT  NOT NULL,
    deadline       BIGINT  NOT NULL CHECK (deadline > opened_at),
    status         TEXT    NOT NULL CHECK (status IN ('open', 'succeeded', 'failed')),
    ended_at       BIGINT ,
    -- Paid members when it ended.
    members        BIGINT  CHECK (members >= 0),
    -- What each member paid per unit in the end, for a team that succeeded.
    price_minor    BIGINT  CHECK (price_minor > 0),
    virtual_filled BIGINT  NOT NULL DEFAULT 0 CHECK (virtual_filled IN (0, 1)),
    CHECK ((status = 'open') = (ended_at IS NULL)),
    CHECK ((status = 'open') = (members IS NULL)),
    CHECK ((status = 'succeeded') = (price_minor IS NOT NULL))
);
CREATE INDEX group_buy_teams_by_group_buy ON group_buy_teams (group_buy_id, opened_at);
CREATE INDEX group_buy_teams_due ON group_buy_teams (deadline) WHERE status = 'open';

CREATE TABLE group_buy_seats (
    order_id     TEXT    NOT NULL PRIMARY KEY REFERENCES orders (id),
    team_id      TEXT    NOT NULL REFERENCES group_buy_teams (id),
    group_buy_id TEXT    NOT NULL REFERENCES group_buys (id),
    buyer_id     TEXT    NOT NULL REFERENCES accounts (id),
    checkout_id  TEXT    NOT NULL UNIQUE REFERENCES checkouts (id),
    units        BIGINT  NOT NULL CHECK (units BETWEEN 1 AND 99),
    taken_at     BIGINT  NOT NULL
);
CREATE INDEX group_buy_seats_by_team ON group_buy_seats (team_id, taken_at);
CREATE INDEX group_buy_seats_by_buyer ON group_buy_seats (group_buy_id, buyer_id);

-- A team that fails is refunded, and one that reaches a cheaper tier gets the difference back,
-- as after-sales refunds the platform approves itself: two more reasons.
ALTER TABLE after_sales DROP CONSTRAINT after_sales_reason_check;
ALTER TABLE after_sales ADD CONSTRAINT after_sales_reason_check CHECK (reason IN (
    'no_longer_wanted', 'not_received', 'damaged', 'spoiled', 'not_as_described',
    'short_weight', 'wrong_item', 'other', 'group_buy_failed', 'group_buy_tier'));

-- Members are told in-app when their team ends: a fourth kind of notification.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('live_started', 'draw_won', 'recall', 'group_buy'));
