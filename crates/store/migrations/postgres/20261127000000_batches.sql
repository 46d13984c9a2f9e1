-- Traceability: products' GS1 codes, batches (lots), their EPCIS-shaped events, and which
-- batch each shipped unit came from. Twin of migrations/sqlite/20261127000000_batches.sql.

-- A product's GTIN and whether it sells only batches that passed inspection.
CREATE TABLE product_trace (
    product_id          TEXT    COLLATE "C" NOT NULL PRIMARY KEY REFERENCES products (id),
    gtin                TEXT    UNIQUE CHECK (length(gtin) = 14),
    passed_batches_only BIGINT  NOT NULL DEFAULT 0 CHECK (passed_batches_only IN (0, 1))
);

CREATE TABLE batches (
    id           TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
    product_id   TEXT    NOT NULL REFERENCES products (id),
    shop_id      TEXT    NOT NULL REFERENCES shops (id),
    lot          TEXT    NOT NULL CHECK (length(lot) BETWEEN 1 AND 20),
    harvested_on TEXT    NOT NULL CHECK (length(harvested_on) = 10),
    village      TEXT    NOT NULL CHECK (length(village) = 12),
    field_lat_e6 BIGINT,
    field_lon_e6 BIGINT,
    units        BIGINT  NOT NULL CHECK (units BETWEEN 1 AND 10000000),
    grade        TEXT    NOT NULL,
    notes        TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('open', 'recalled')),
    quality      TEXT    NOT NULL CHECK (quality IN ('uninspected', 'passed', 'failed')),
    created_by   TEXT    NOT NULL REFERENCES accounts (id),
    created_at   BIGINT  NOT NULL,
    UNIQUE (product_id, lot),
    CHECK ((field_lat_e6 IS NULL) = (field_lon_e6 IS NULL))
);
CREATE INDEX batches_by_shop ON batches (shop_id, created_at);

-- One row per (batch, step, disposition, subject): a step repeated for the same order,
-- inspection or recall adds nothing.
CREATE TABLE batch_events (
    id                  TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
    batch_id            TEXT    NOT NULL REFERENCES batches (id),
    kind                TEXT    NOT NULL CHECK (kind IN ('object', 'aggregation')),
    action              TEXT    NOT NULL CHECK (action IN ('add', 'observe', 'delete')),
    biz_step            TEXT    NOT NULL,
    disposition         TEXT    NOT NULL,
    subject             TEXT    NOT NULL,
    at                  BIGINT  NOT NULL,
    zone_offset_minutes BIGINT  NOT NULL CHECK (zone_offset_minutes BETWEEN -840 AND 840),
    read_point          TEXT,
    biz_location        TEXT,
    units               BIGINT  CHECK (units >= 1),
    parcel_id           TEXT    REFERENCES parcels (id),
    by_account          TEXT    REFERENCES accounts (id),
    recorded_at         BIGINT  NOT NULL,
    UNIQUE (batch_id, biz_step, disposition, subject)
);
CREATE INDEX batch_events_by_batch ON batch_events (batch_id, at);

-- Units of an order line packed from a batch. The recall query starts from a batch.
CREATE TABLE order_line_batches (
    order_id TEXT    NOT NULL,
    line_no  BIGINT  NOT NULL,
    batch_id TEXT    NOT NULL REFERENCES batches (id),
    units    BIGINT  NOT NULL CHECK (units >= 1),
    PRIMARY KEY (order_id, line_no, batch_id),
    FOREIGN KEY (order_id, line_no) REFERENCES order_lines (order_id, line_no)
);
CREATE INDEX order_line_batches_by_batch ON order_line_batches (batch_id, order_id);
