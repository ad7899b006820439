-- Group-size bounds belong to a school year: forming next year must leave this year's
-- groups and warnings as they were. The municipality's bounds stay as the starting
-- point for a year added later (the last bounds a formation used).
-- Kept in lockstep with migrations/postgres/0016_year_bounds.sql (a test compares them).

ALTER TABLE school_years ADD COLUMN group_min INTEGER NOT NULL DEFAULT 10;
ALTER TABLE school_years ADD COLUMN group_max INTEGER NOT NULL DEFAULT 15;

UPDATE school_years SET
    group_min = (SELECT m.group_min FROM municipalities m WHERE m.id = school_years.municipality_id),
    group_max = (SELECT m.group_max FROM municipalities m WHERE m.id = school_years.municipality_id);
