-- The day's route runs, their stops in order, and the parcels a plan left behind with the reason.
-- Twin of migrations/sqlite/20261126020000_route_runs.sql.

CREATE TABLE route_runs (
    id            TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
    day           TEXT    NOT NULL CHECK (length(day) = 10),
    depot_id      TEXT    NOT NULL REFERENCES network_nodes (id),
    vehicle_id    TEXT    NOT NULL REFERENCES vehicles (id),
    status        TEXT    NOT NULL CHECK (status IN ('planned', 'out', 'done')),
    depart_minute BIGINT  NOT NULL CHECK (depart_minute >= 0),
    return_minute BIGINT  NOT NULL CHECK (return_minute >= depart_minute),
    distance_m    BIGINT  NOT NULL CHECK (distance_m >= 0),
    cost_minor    BIGINT  NOT NULL CHECK (cost_minor >= 0),
    currency      TEXT    NOT NULL CHECK (currency = 'CNY'),
    planned_at    BIGINT  NOT NULL
);
CREATE INDEX route_runs_by_day ON route_runs (day, status);

CREATE TABLE run_stops (
    run_id           TEXT    NOT NULL REFERENCES route_runs (id) ON DELETE CASCADE,
    seq              BIGINT  NOT NULL CHECK (seq >= 0),
    point_id         TEXT    NOT NULL REFERENCES network_nodes (id),
    arrival_minute   BIGINT  NOT NULL,
    departure_minute BIGINT  NOT NULL CHECK (departure_minute >= arrival_minute),
    drop_grams       BIGINT  NOT NULL CHECK (drop_grams >= 0),
    drop_parcels     BIGINT  NOT NULL CHECK (drop_parcels >= 0),
    pickup_grams     BIGINT  NOT NULL CHECK (pickup_grams >= 0),
    pickup_parcels   BIGINT  NOT NULL CHECK (pickup_parcels >= 0),
    done_at          BIGINT ,
    PRIMARY KEY (run_id, seq)
);

-- Replaced with the day's plan: what it could not put on a run.
CREATE TABLE unplanned_parcels (
    day       TEXT NOT NULL,
    parcel_id TEXT NOT NULL REFERENCES parcels (id),
    reason    TEXT NOT NULL,
    PRIMARY KEY (day, parcel_id)
);
