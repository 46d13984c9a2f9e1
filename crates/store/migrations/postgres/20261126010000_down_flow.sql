-- The down flow: each carrier's intake-API token (its SHA-256 only; one per carrier, replaced
-- when reissued, deleted when revoked) and the pickup notices sent to villagers, one per
-- parcel. Twin of migrations/sqlite/20261126010000_down_flow.sql.

CREATE TABLE carrier_tokens (
    carrier_id TEXT   COLLATE "C" NOT NULL PRIMARY KEY REFERENCES carriers (id),
    token_hash TEXT   COLLATE "C" NOT NULL UNIQUE,
    issued_at  BIGINT NOT NULL
);

CREATE TABLE pickup_notices (
    parcel_id    TEXT   COLLATE "C" NOT NULL PRIMARY KEY REFERENCES parcels (id),
    phone        TEXT   NOT NULL,
    body         TEXT   NOT NULL,
    provider     TEXT   NOT NULL,
    provider_ref TEXT   NOT NULL,
    sent_at      BIGINT NOT NULL
);
CREATE INDEX pickup_notices_by_time ON pickup_notices (sent_at);
