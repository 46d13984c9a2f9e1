-- Quality: inspections of batches with their measurements and lab reports, and certificates
-- held by shops or products. Twin of migrations/sqlite/20261127020000_quality.sql.

CREATE TABLE inspections (
    id           TEXT    NOT NULL PRIMARY KEY,
    batch_id     TEXT    NOT NULL REFERENCES batches (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('pesticide_residue', 'moisture', 'heavy_metals',
                                                  'grading', 'other')),
    lab          TEXT    NOT NULL,
    inspected_on TEXT    NOT NULL CHECK (length(inspected_on) = 10),
    passed       BIGINT  NOT NULL CHECK (passed IN (0, 1)),
    by_account   TEXT    NOT NULL REFERENCES accounts (id),
    recorded_at  BIGINT NOT NULL
);
CREATE INDEX inspections_by_batch ON inspections (batch_id, inspected_on);

-- Values and limits in thousandths of their unit: fixed point, never floats.
CREATE TABLE inspection_measurements (
    inspection_id TEXT    NOT NULL REFERENCES inspections (id),
    position      BIGINT  NOT NULL CHECK (position >= 0),
    name          TEXT    NOT NULL,
    value_milli   BIGINT NOT NULL CHECK (value_milli >= 0),
    limit_milli   BIGINT NOT NULL CHECK (limit_milli >= 0),
    unit          TEXT    NOT NULL,
    PRIMARY KEY (inspection_id, position)
);

CREATE TABLE inspection_reports (
    inspection_id TEXT    NOT NULL PRIMARY KEY REFERENCES inspections (id),
    media_type    TEXT    NOT NULL,
    file_name     TEXT    NOT NULL,
    size_bytes    BIGINT NOT NULL CHECK (size_bytes > 0),
    content       BYTEA   NOT NULL
);

-- Held by a shop (product_id NULL) or one of its products. Whether one is in force is
-- computed from the day, never stored.
CREATE TABLE certificates (
    id          TEXT    NOT NULL PRIMARY KEY,
    shop_id     TEXT    NOT NULL REFERENCES shops (id),
    product_id  TEXT    REFERENCES products (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('green_food', 'organic',
                                                 'geographical_indication', 'compliance')),
    number      TEXT    NOT NULL,
    issuer      TEXT    NOT NULL,
    valid_from  TEXT    NOT NULL CHECK (length(valid_from) = 10),
    valid_to    TEXT    NOT NULL CHECK (length(valid_to) = 10 AND valid_to >= valid_from),
    promise     TEXT,
    quantity    TEXT,
    recorded_by TEXT    NOT NULL REFERENCES accounts (id),
    recorded_at BIGINT NOT NULL,
    CHECK ((kind = 'compliance') = (promise IS NOT NULL AND quantity IS NOT NULL)),
    CHECK (kind <> 'compliance' OR product_id IS NOT NULL)
);
CREATE INDEX certificates_by_shop ON certificates (shop_id, valid_to);

-- Photos of a batch (the field, the harvest), files stored like product photos.
CREATE TABLE batch_photos (
    batch_id   TEXT    NOT NULL REFERENCES batches (id),
    file_id    TEXT    NOT NULL,
    position   BIGINT NOT NULL CHECK (position >= 0),
    width      BIGINT NOT NULL,
    height     BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (batch_id, position)
);
