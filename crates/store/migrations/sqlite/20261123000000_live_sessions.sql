-- Live selling: sessions with their shopping bag and the history of pinned products, orders
-- attributed to the session they were placed in, shop followers and their in-app notifications.
-- Twin of migrations/postgres/20261123000000_live_sessions.sql.

CREATE TABLE live_sessions (
    id                TEXT    NOT NULL PRIMARY KEY,
    shop_id           TEXT    NOT NULL REFERENCES shops (id),
    host_id           TEXT    NOT NULL REFERENCES accounts (id),
    title             TEXT    NOT NULL,
    trailer           TEXT    NOT NULL,
    -- A photo-store file id; none means the first bag product's photo is shown.
    cover_file_id     TEXT,
    starts_at         INTEGER NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('scheduled', 'live', 'ended', 'cancelled')),
    stream_key        TEXT    NOT NULL UNIQUE,
    pinned_product_id TEXT    REFERENCES products (id),
    went_live_at      INTEGER,
    ended_at          INTEGER,
    -- The replay's playlist under the data folder's video directory, once remuxed.
    replay_playlist   TEXT,
    created_at        INTEGER NOT NULL,
    CHECK ((status IN ('live', 'ended')) = (went_live_at IS NOT NULL) OR status = 'cancelled'),
    CHECK ((status IN ('ended', 'cancelled')) = (ended_at IS NOT NULL))
) STRICT;
CREATE INDEX live_sessions_by_shop ON live_sessions (shop_id, starts_at);
CREATE INDEX live_sessions_by_status ON live_sessions (status, starts_at);

CREATE TABLE live_bag_items (
    session_id TEXT    NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
    product_id TEXT    NOT NULL REFERENCES products (id),
    position   INTEGER NOT NULL CHECK (position BETWEEN 0 AND 49),
    PRIMARY KEY (session_id, product_id),
    UNIQUE (session_id, position)
) STRICT;

-- Every pin, so a replay can jump to where each product was shown.
CREATE TABLE live_pins (
    session_id TEXT    NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
    product_id TEXT    NOT NULL REFERENCES products (id),
    pinned_at  INTEGER NOT NULL,
    PRIMARY KEY (session_id, pinned_at, product_id)
) STRICT;

ALTER TABLE orders ADD COLUMN live_session_id TEXT REFERENCES live_sessions (id);

CREATE TABLE shop_followers (
    shop_id     TEXT    NOT NULL REFERENCES shops (id),
    account_id  TEXT    NOT NULL REFERENCES accounts (id),
    followed_at INTEGER NOT NULL,
    PRIMARY KEY (shop_id, account_id)
) STRICT;
CREATE INDEX shop_followers_by_account ON shop_followers (account_id);

CREATE TABLE notifications (
    account_id TEXT    NOT NULL REFERENCES accounts (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('live_started')),
    -- What the event is about (a session's title), set by its author; pages add the words.
    title      TEXT    NOT NULL,
    link       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER,
    -- One reminder per account and event, however often the event is reported.
    event_key  TEXT    NOT NULL,
    PRIMARY KEY (account_id, event_key)
) STRICT;
CREATE INDEX notifications_by_account ON notifications (account_id, created_at);
