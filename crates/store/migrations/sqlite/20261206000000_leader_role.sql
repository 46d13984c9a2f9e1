-- Village e-commerce leaders (issue 8): a role the hub grants. SQLite cannot change a CHECK,
-- so the table is rebuilt; nothing refers to it.
CREATE TABLE account_roles_new (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('buyer', 'producer', 'hub_operator', 'live_host',
                   'moderator', 'logistics', 'quality_officer', 'analyst', 'leader', 'admin')),
    PRIMARY KEY (account_id, role)
) STRICT;
INSERT INTO account_roles_new (account_id, role) SELECT account_id, role FROM account_roles;
DROP TABLE account_roles;
ALTER TABLE account_roles_new RENAME TO account_roles;
