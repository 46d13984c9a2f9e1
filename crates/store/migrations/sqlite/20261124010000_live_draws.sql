-- Lucky draws in live sessions and the figures a host's dashboard keeps once a session ends.
-- Twin of migrations/postgres/20261124010000_live_draws.sql.
-- A draw's entrants are collected in the room's memory while it is open; closing it writes the
-- result here in one transaction. A draw still open after a restart lost its entrants and is
-- closed as 'interrupted', with no winners made up.

CREATE TABLE live_draws (
    id         TEXT    NOT NULL PRIMARY KEY,
    session_id TEXT    NOT NULL REFERENCES live_sessions (id),
    keyword    TEXT    NOT NULL,
    prize      TEXT    NOT NULL,
    winners    INTEGER NOT NULL CHECK (winners BETWEEN 1 AND 50),
    opens_at   INTEGER NOT NULL,
    closes_at  INTEGER NOT NULL CHECK (closes_at > opens_at),
    status     TEXT    NOT NULL CHECK (status IN ('open', 'drawn', 'interrupted')),
    -- How many entered; known only for a draw that was drawn.
    entrants   INTEGER CHECK (entrants >= 0),
    closed_at  INTEGER,
    CHECK ((status = 'open') = (closed_at IS NULL)),
    CHECK ((status = 'drawn') = (entrants IS NOT NULL))
) STRICT;
CREATE INDEX live_draws_by_session ON live_draws (session_id, opens_at);
-- One draw at a time per session.
CREATE UNIQUE INDEX live_draws_one_open ON live_draws (session_id) WHERE status = 'open';

CREATE TABLE live_draw_winners (
    draw_id      TEXT    NOT NULL REFERENCES live_draws (id),
    account_id   TEXT    NOT NULL REFERENCES accounts (id),
    -- The name they chatted under when they won.
    display_name TEXT    NOT NULL,
    position     INTEGER NOT NULL CHECK (position BETWEEN 0 AND 49),
    PRIMARY KEY (draw_id, account_id),
    UNIQUE (draw_id, position)
) STRICT;

-- The room's own figures, written when the session ends (the room is in memory only).
CREATE TABLE live_session_figures (
    session_id     TEXT    NOT NULL PRIMARY KEY REFERENCES live_sessions (id),
    peak_viewers   INTEGER NOT NULL CHECK (peak_viewers >= 0),
    unique_viewers INTEGER NOT NULL CHECK (unique_viewers >= 0),
    -- 1 when the room stopped counting distinct viewers at its cap.
    unique_capped  INTEGER NOT NULL CHECK (unique_capped IN (0, 1)),
    likes          INTEGER NOT NULL CHECK (likes >= 0),
    saved_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE live_product_clicks (
    session_id TEXT    NOT NULL REFERENCES live_sessions (id),
    product_id TEXT    NOT NULL REFERENCES products (id),
    clicks     INTEGER NOT NULL CHECK (clicks >= 0),
    PRIMARY KEY (session_id, product_id)
) STRICT;

-- Winners are told in-app: a second kind of notification. SQLite cannot change a CHECK, so
-- the table is rebuilt with its rows.
CREATE TABLE notifications_with_draws (
    account_id TEXT    NOT NULL REFERENCES accounts (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('live_started', 'draw_won')),
    title      TEXT    NOT NULL,
    link       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER,
    event_key  TEXT    NOT NULL,
    PRIMARY KEY (account_id, event_key)
) STRICT;
INSERT INTO notifications_with_draws (account_id, kind, title, link, created_at, read_at, event_key)
    SELECT account_id, kind, title, link, created_at, read_at, event_key FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_with_draws RENAME TO notifications;
CREATE INDEX notifications_by_account ON notifications (account_id, created_at);
