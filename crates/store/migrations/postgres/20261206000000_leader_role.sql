-- Village e-commerce leaders (issue 8): a role the hub grants.
ALTER TABLE account_roles DROP CONSTRAINT account_roles_role_check;
ALTER TABLE account_roles ADD CONSTRAINT account_roles_role_check
    CHECK (role IN ('buyer', 'producer', 'hub_operator', 'live_host', 'moderator', 'logistics',
                    'quality_officer', 'analyst', 'leader', 'admin'));
