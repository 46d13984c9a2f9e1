-- Parcels travelling the county network, both ways, and their tracking events. Twin of
-- migrations/sqlite/20261126000000_parcels.sql. `run_id` names a route run (added with
-- planning); it has no foreign key because SQLite cannot add one to an existing column.

CREATE TABLE parcels (
    id                 TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
    code               TEXT    COLLATE "C" NOT NULL UNIQUE CHECK (length(code) = 10),
    direction          TEXT    NOT NULL CHECK (direction IN ('down', 'up')),
    carrier_id         TEXT    REFERENCES carriers (id),
    carrier_tracking   TEXT    CHECK (length(carrier_tracking) BETWEEN 1 AND 40),
    point_id           TEXT    NOT NULL REFERENCES network_nodes (id),
    villager_name      TEXT    NOT NULL,
    villager_phone     TEXT    NOT NULL,
    weight_g           BIGINT  NOT NULL CHECK (weight_g BETWEEN 1 AND 100000),
    order_id           TEXT    REFERENCES orders (id),
    stage              TEXT    NOT NULL CHECK (stage IN ('announced', 'declared', 'received',
                           'planned', 'loaded', 'at_point', 'collected', 'picked_up',
                           'handed_over')),
    run_id             TEXT,
    pickup_code        TEXT    CHECK (length(pickup_code) = 6),
    wrong_pickup_codes BIGINT  NOT NULL DEFAULT 0 CHECK (wrong_pickup_codes >= 0),
    created_at         BIGINT  NOT NULL,
    -- A down parcel came with a carrier; an up parcel has one once handed over.
    CHECK (direction = 'up' OR carrier_id IS NOT NULL),
    CHECK (stage <> 'handed_over' OR (carrier_id IS NOT NULL AND carrier_tracking IS NOT NULL)),
    CHECK (carrier_tracking IS NULL OR carrier_id IS NOT NULL),
    CHECK (stage <> 'planned' OR run_id IS NOT NULL),
    UNIQUE (carrier_id, carrier_tracking)
);
CREATE INDEX parcels_by_stage ON parcels (stage, direction, created_at);
CREATE INDEX parcels_by_point ON parcels (point_id, stage);
CREATE INDEX parcels_by_run ON parcels (run_id);
CREATE INDEX parcels_by_order ON parcels (order_id);

-- One row per step reached: a repeated scan finds its step taken and adds nothing.
CREATE TABLE parcel_events (
    parcel_id   TEXT    NOT NULL REFERENCES parcels (id),
    stage       TEXT    NOT NULL,
    at          BIGINT  NOT NULL,
    node_id     TEXT    REFERENCES network_nodes (id),
    run_id      TEXT,
    by_account  TEXT    REFERENCES accounts (id),
    recorded_at BIGINT  NOT NULL,
    PRIMARY KEY (parcel_id, stage)
);
