-- Sign-ins carry the person's session generation; changing or resetting the password
-- moves it on, which ends every session signed in before.
-- Kept in lockstep with migrations/sqlite/0010_session_generation.sql (a test compares them).

ALTER TABLE persons ADD COLUMN session_generation BIGINT NOT NULL DEFAULT 0;
