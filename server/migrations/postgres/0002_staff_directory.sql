-- Staff administration and the colleague directory.
-- Kept in lockstep with migrations/sqlite/0002_staff_directory.sql (a test compares them).

-- Subjects or areas a municipality adds to the national list (e.g. fritids, elevhälsa).
CREATE TABLE subjects (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    -- Stable code used in the API and in person_subjects.subject.
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (municipality_id, code)
);

-- Free-word expertise ("schemaläggning", "Unikum") that colleagues search for.
CREATE TABLE person_expertise (
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (person_id, tag)
);

-- Folded text (name, e-mail, title, schools, subjects, expertise) that search matches
-- with LIKE; written by the application whenever any of it changes.
ALTER TABLE persons ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
-- The name rewritten so that byte order is Swedish order (å, ä, ö after z).
ALTER TABLE persons ADD COLUMN sort_key TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX persons_directory ON persons (municipality_id, active, sort_key);
