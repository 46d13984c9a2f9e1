-- The bureau's live and logistics figures, as rollups (twin of
-- migrations/postgres/20261203000000_stats_live_network.sql), filled here from what is already
-- stored so a database migrates without a rebuild.

-- A live session's sales, read whole in the period it went live in; `buyers` counts the rows
-- of stats_live_buyers, the session's distinct paying buyers.
CREATE TABLE stats_live_sales (
    session_id     TEXT    NOT NULL PRIMARY KEY,
    paid_minor     INTEGER NOT NULL,
    refunded_minor INTEGER NOT NULL,
    orders         INTEGER NOT NULL,
    units          INTEGER NOT NULL,
    buyers         INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE stats_live_buyers (
    session_id TEXT NOT NULL,
    buyer_id   TEXT NOT NULL,
    PRIMARY KEY (session_id, buyer_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX live_sessions_by_went_live ON live_sessions (went_live_at);

-- Runs that went out, counted on their day ('d', yyyymmdd) and month ('m', yyyymm) with the
-- parcels they carried and, of those, the ones riding with another carrier's parcels.
CREATE TABLE stats_runs (
    grain          TEXT    NOT NULL CHECK (grain IN ('d', 'm')),
    period         INTEGER NOT NULL,
    runs           INTEGER NOT NULL,
    carried        INTEGER NOT NULL,
    co_distributed INTEGER NOT NULL,
    distance_m     INTEGER NOT NULL,
    PRIMARY KEY (grain, period)
) STRICT, WITHOUT ROWID;

-- The villages a run's stop was done in, per day and month.
CREATE TABLE stats_villages_reached (
    grain        TEXT    NOT NULL CHECK (grain IN ('d', 'm')),
    period       INTEGER NOT NULL,
    village_code TEXT    NOT NULL,
    PRIMARY KEY (grain, period, village_code)
) STRICT, WITHOUT ROWID;

INSERT INTO stats_live_buyers (session_id, buyer_id)
SELECT DISTINCT live_session_id, buyer_id FROM orders
WHERE live_session_id IS NOT NULL AND paid_at IS NOT NULL
  AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.id);

INSERT INTO stats_live_sales (session_id, paid_minor, refunded_minor, orders, units, buyers)
SELECT o.live_session_id, SUM(o.goods_minor),
       SUM(MIN(o.goods_minor, COALESCE(r.amount, 0))), COUNT(*), SUM(u.units),
       COUNT(DISTINCT o.buyer_id)
FROM orders o
JOIN (SELECT order_id, SUM(quantity) AS units FROM order_lines GROUP BY order_id) u
  ON u.order_id = o.id
LEFT JOIN (SELECT order_id, SUM(amount_minor) AS amount FROM after_sales
           WHERE status = 'refunded' GROUP BY order_id) r ON r.order_id = o.id
WHERE o.live_session_id IS NOT NULL AND o.paid_at IS NOT NULL
GROUP BY o.live_session_id;

INSERT INTO stats_runs (grain, period, runs, carried, co_distributed, distance_m)
SELECT 'd', CAST(replace(r.day, '-', '') AS INTEGER), COUNT(*), SUM(COALESCE(p.carried, 0)),
       SUM(CASE WHEN p.carriers > 1 THEN p.carried ELSE 0 END), SUM(r.distance_m)
FROM route_runs r
LEFT JOIN (SELECT run_id, COUNT(*) AS carried, COUNT(DISTINCT carrier_id) AS carriers
           FROM parcels WHERE run_id IS NOT NULL GROUP BY run_id) p ON p.run_id = r.id
WHERE r.status IN ('out', 'done')
GROUP BY r.day;

INSERT INTO stats_runs (grain, period, runs, carried, co_distributed, distance_m)
SELECT 'm', period / 100, SUM(runs), SUM(carried), SUM(co_distributed), SUM(distance_m)
FROM stats_runs WHERE grain = 'd' GROUP BY period / 100;

INSERT INTO stats_villages_reached (grain, period, village_code)
SELECT DISTINCT 'd', CAST(strftime('%Y%m%d', s.done_at / 1000 + 8 * 3600, 'unixepoch') AS INTEGER), n.village_code
FROM run_stops s JOIN network_nodes n ON n.id = s.point_id
WHERE s.done_at IS NOT NULL AND n.village_code IS NOT NULL;

INSERT INTO stats_villages_reached (grain, period, village_code)
SELECT DISTINCT 'm', period / 100, village_code FROM stats_villages_reached WHERE grain = 'd';
