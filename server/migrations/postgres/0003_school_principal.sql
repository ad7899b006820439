-- Each school's principal (rektor), shown in lists and used for goal conversations.
-- Kept in lockstep with migrations/sqlite/0003_school_principal.sql (a test compares them).

-- NULL while no principal is named.
ALTER TABLE schools ADD COLUMN principal_id BIGINT REFERENCES persons (id);
