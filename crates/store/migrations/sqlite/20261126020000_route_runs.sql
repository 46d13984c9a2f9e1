-- The day's route runs, their stops in order, and the parcels a plan left behind with the reason.
-- Twin of migrations/postgres/20261126020000_route_runs.sql.

CREATE TABLE route_runs (
    id            TEXT    NOT NULL PRIMARY KEY,
    day           TEXT    NOT NULL CHECK (length(day) = 10),
    depot_id      TEXT    NOT NULL REFERENCES network_nodes (id),
    vehicle_id    TEXT    NOT NULL REFERENCES vehicles (id),
    status        TEXT    NOT NULL CHECK (status IN ('planned', 'out', 'done')),
    depart_minute INTEGER NOT NULL CHECK (depart_minute >= 0),
    return_minute INTEGER NOT NULL CHECK (return_minute >= depart_minute),
    distance_m    INTEGER NOT NULL CHECK (distance_m >= 0),
    cost_minor    INTEGER NOT NULL CHECK (cost_minor >= 0),
    currency      TEXT    NOT NULL CHECK (currency = 'CNY'),
    planned_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX route_runs_by_day ON route_runs (day, status);

CREATE TABLE run_stops (
    run_id           TEXT    NOT NULL REFERENCES route_runs (id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL CHECK (seq >= 0),
    point_id         TEXT    NOT NULL REFERENCES network_nodes (id),
    arrival_minute   INTEGER NOT NULL,
    departure_minute INTEGER NOT NULL CHECK (departure_minute >= arrival_minute),
    drop_grams       INTEGER NOT NULL CHECK (drop_grams >= 0),
    drop_parcels     INTEGER NOT NULL CHECK (drop_parcels >= 0),
    pickup_grams     INTEGER NOT NULL CHECK (pickup_grams >= 0),
    pickup_parcels   INTEGER NOT NULL CHECK (pickup_parcels >= 0),
    done_at          INTEGER,
    PRIMARY KEY (run_id, seq)
) STRICT;

-- Replaced with the day's plan: what it could not put on a run.
CREATE TABLE unplanned_parcels (
    day       TEXT NOT NULL,
    parcel_id TEXT NOT NULL REFERENCES parcels (id),
    reason    TEXT NOT NULL,
    PRIMARY KEY (day, parcel_id)
) STRICT;
