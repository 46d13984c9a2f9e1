-- The down flow: each carrier's intake-API token (its SHA-256 only; one per carrier, replaced
-- when reissued, deleted when revoked) and the pickup notices sent to villagers, one per
-- parcel. Twin of migrations/postgres/20261126010000_down_flow.sql.

CREATE TABLE carrier_tokens (
    carrier_id TEXT    NOT NULL PRIMARY KEY REFERENCES carriers (id),
    token_hash TEXT    NOT NULL UNIQUE,
    issued_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE pickup_notices (
    parcel_id    TEXT    NOT NULL PRIMARY KEY REFERENCES parcels (id),
    phone        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    provider     TEXT    NOT NULL,
    provider_ref TEXT    NOT NULL,
    sent_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX pickup_notices_by_time ON pickup_notices (sent_at);
