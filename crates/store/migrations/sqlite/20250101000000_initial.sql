-- Farmgate's first schema for SQLite, the twin of migrations/postgres: keep them in step. STRICT
-- tables make SQLite refuse values of the wrong type, as PostgreSQL does. Integers are 64-bit, time
-- is milliseconds since the epoch (UTC), ids are text.

CREATE TABLE accounts (
    id            TEXT    NOT NULL PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX accounts_by_created ON accounts (created_at, id);

CREATE TABLE account_roles (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('buyer', 'producer', 'hub_operator', 'live_host',
                   'moderator', 'logistics', 'quality_officer', 'analyst', 'admin')),
    PRIMARY KEY (account_id, role)
) STRICT;

CREATE TABLE sessions (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_account ON sessions (account_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           TEXT    NOT NULL PRIMARY KEY,
    account_id   TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
) STRICT;
CREATE INDEX api_tokens_by_account ON api_tokens (account_id, created_at);

CREATE TABLE places (
    code        TEXT    NOT NULL PRIMARY KEY CHECK (length(code) = 12),
    name_zh     TEXT    NOT NULL,
    name_en     TEXT    NOT NULL,
    urban_rural INTEGER NOT NULL CHECK (urban_rural IN (111, 112, 121, 122, 123, 210, 220)),
    lat_e6      INTEGER NOT NULL CHECK (lat_e6 BETWEEN -90000000 AND 90000000),
    lon_e6      INTEGER NOT NULL CHECK (lon_e6 BETWEEN -180000000 AND 180000000)
) STRICT;

CREATE TABLE shops (
    id           TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('individual', 'family_farm', 'cooperative', 'workshop')),
    village_code TEXT    NOT NULL REFERENCES places (code),
    description  TEXT    NOT NULL,
    created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX shops_by_name ON shops (name, id);
CREATE INDEX shops_by_village ON shops (village_code);

CREATE TABLE shop_members (
    shop_id    TEXT NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
    PRIMARY KEY (shop_id, account_id)
) STRICT;
CREATE INDEX shop_members_by_account ON shop_members (account_id);

CREATE TABLE producer_applications (
    id            TEXT    NOT NULL PRIMARY KEY,
    applicant     TEXT    NOT NULL REFERENCES accounts (id),
    shop_name     TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('individual', 'family_farm', 'cooperative', 'workshop')),
    village_code  TEXT    NOT NULL REFERENCES places (code),
    description   TEXT    NOT NULL,
    contact_phone TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason        TEXT,
    reviewed_by   TEXT    REFERENCES accounts (id),
    created_at    INTEGER NOT NULL,
    decided_at    INTEGER,
    -- A decision is recorded whole: who decided and when, exactly when it is no longer pending.
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'pending') = (reviewed_by IS NULL)),
    CHECK (status <> 'rejected' OR reason IS NOT NULL)
) STRICT;
CREATE INDEX producer_applications_by_status ON producer_applications (status, created_at, id);
CREATE INDEX producer_applications_by_applicant ON producer_applications (applicant, created_at, id);

CREATE TABLE application_documents (
    id             TEXT    NOT NULL PRIMARY KEY,
    application_id TEXT    NOT NULL REFERENCES producer_applications (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('identity_card', 'business_licence', 'other')),
    format         TEXT    NOT NULL CHECK (format IN ('image/jpeg', 'image/png', 'application/pdf')),
    file_name      TEXT    NOT NULL,
    size_bytes     INTEGER NOT NULL CHECK (size_bytes >= 0),
    content        BLOB    NOT NULL,
    created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX application_documents_by_application ON application_documents (application_id, created_at, id);

CREATE TABLE meta (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
