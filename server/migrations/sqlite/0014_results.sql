-- The schools' results: aggregated key figures per school, school year, year group,
-- key figure, subject and sex; never a pupil's.
-- Kept in lockstep with migrations/postgres/0014_results.sql (a test compares them).

CREATE TABLE school_results (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    school_id INTEGER NOT NULL REFERENCES schools (id),
    -- "2025/26": results may go back before the school years planned here.
    school_year TEXT NOT NULL,
    grade INTEGER NOT NULL,
    -- kollegium_shared::goals::results::Figure code.
    figure TEXT NOT NULL,
    -- A subject code, '' for a figure not per subject.
    subject TEXT NOT NULL DEFAULT '',
    -- all, girls, boys.
    sex TEXT NOT NULL DEFAULT 'all',
    value REAL NOT NULL,
    -- How many pupils the figure rests on; under 10 it is never shown.
    pupils INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    UNIQUE (school_id, school_year, grade, figure, subject, sex)
);
CREATE INDEX school_results_figure ON school_results (municipality_id, figure, grade, subject, sex);
