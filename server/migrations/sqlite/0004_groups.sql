-- School years, groups of every kind and their members (rosters).
-- Kept in lockstep with migrations/postgres/0004_groups.sql (a test compares them).

-- The size bounds for learning groups, per municipality (Mjölby 10–15, Lilla Edet 7–10).
ALTER TABLE municipalities ADD COLUMN group_min INTEGER NOT NULL DEFAULT 10;
ALTER TABLE municipalities ADD COLUMN group_max INTEGER NOT NULL DEFAULT 15;

-- The subject a teacher chose to meet colleagues in; NULL means their first subject.
ALTER TABLE persons ADD COLUMN learning_subject TEXT;

CREATE TABLE school_years (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    -- E.g. 2026/27.
    name TEXT NOT NULL,
    -- Dates as YYYY-MM-DD text: they compare correctly as text, alike on both engines.
    starts_on TEXT NOT NULL,
    spring_starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (municipality_id, name)
);

CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    school_year_id INTEGER NOT NULL REFERENCES school_years (id),
    -- Code of kollegium_shared::groups::GroupKind.
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    -- A subject code, for learning groups.
    subject TEXT,
    -- Stage codes joined by commas: the stages (or school form) the group is for.
    stages TEXT NOT NULL DEFAULT '',
    target_size INTEGER,
    description TEXT NOT NULL DEFAULT '',
    -- Who documented last; the rotation continues after them.
    last_documenter_id INTEGER REFERENCES persons (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (school_year_id, name)
);
CREATE INDEX groups_year ON groups (municipality_id, school_year_id, kind);

CREATE TABLE group_members (
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES persons (id),
    -- Place in the documenter rotation, 0 first.
    position INTEGER NOT NULL,
    leader BOOLEAN NOT NULL DEFAULT FALSE,
    -- Why the formation placed the person here; empty when added by hand.
    reason TEXT NOT NULL DEFAULT '',
    -- The school year for learning groups and NULL for other kinds, so that the
    -- unique key below keeps a teacher in at most one learning group a year.
    learning_year_id INTEGER REFERENCES school_years (id),
    PRIMARY KEY (group_id, person_id),
    UNIQUE (person_id, learning_year_id)
);
CREATE INDEX group_members_person ON group_members (person_id);
