-- The county – township – village logistics network: warehouses, stations and village points
-- (one table, with what only a kind has held by CHECKs), carriers and vehicles. Twin of
-- migrations/sqlite/20261125000000_network.sql.

CREATE TABLE network_nodes (
    id            TEXT    NOT NULL PRIMARY KEY,
    code          TEXT    COLLATE "C" NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    name          TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('warehouse', 'station', 'village_point')),
    lat_e6        BIGINT  NOT NULL CHECK (lat_e6 BETWEEN -90000000 AND 90000000),
    lon_e6        BIGINT  NOT NULL CHECK (lon_e6 BETWEEN -180000000 AND 180000000),
    -- "08:00-12:00 14:00-18:00", as `OpeningHours` writes it.
    hours         TEXT    NOT NULL,
    -- Bit mask of merged services: 1 e-commerce, 2 express, 4 post, 8 bus freight.
    services      BIGINT  NOT NULL CHECK (services BETWEEN 0 AND 15),
    village_code  TEXT    REFERENCES places (code),
    contact_name  TEXT,
    contact_phone TEXT,
    CHECK ((kind = 'station') = (services > 0)),
    CHECK ((kind = 'village_point') = (village_code IS NOT NULL)),
    CHECK ((kind = 'village_point') = (contact_name IS NOT NULL AND contact_phone IS NOT NULL))
);
CREATE INDEX network_nodes_by_village ON network_nodes (village_code);

CREATE TABLE carriers (
    id   TEXT NOT NULL PRIMARY KEY,
    code TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    name TEXT NOT NULL
);

CREATE TABLE vehicles (
    id                 TEXT    NOT NULL PRIMARY KEY,
    plate              TEXT    COLLATE "C" NOT NULL UNIQUE,
    depot_id           TEXT    NOT NULL REFERENCES network_nodes (id),
    capacity_kg        BIGINT  NOT NULL CHECK (capacity_kg > 0),
    capacity_parcels   BIGINT  NOT NULL CHECK (capacity_parcels > 0),
    shift_start_min    BIGINT  NOT NULL CHECK (shift_start_min >= 0),
    shift_end_min      BIGINT  NOT NULL CHECK (shift_end_min BETWEEN shift_start_min + 1 AND 1440),
    cost_per_km_minor  BIGINT  NOT NULL CHECK (cost_per_km_minor >= 0),
    currency           TEXT    NOT NULL CHECK (currency = 'CNY')
);
CREATE INDEX vehicles_by_depot ON vehicles (depot_id);
