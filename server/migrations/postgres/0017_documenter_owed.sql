-- Members passed over as documenter because they were absent are owed a turn and come
-- first at the next meeting they attend (kollegium_shared::groups::rotation).
-- Person ids separated by commas, in the order they were passed over.
-- Kept in lockstep with migrations/sqlite/0017_documenter_owed.sql (a test compares them).

ALTER TABLE groups ADD COLUMN documenter_owed TEXT NOT NULL DEFAULT '';
