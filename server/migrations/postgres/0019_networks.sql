-- Networks: the good examples members submit to a network (a group of kind ikt_natverk
-- or natverk), the municipality's digital tools, and each school's ICT group with its
-- notes (kollegium_shared::networks).
-- Kept in lockstep with migrations/sqlite/0019_networks.sql (a test compares them).

CREATE TABLE network_examples (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL REFERENCES library_items (id),
    submitted_by BIGINT NOT NULL REFERENCES persons (id),
    -- Where the material was made, as the one who submitted it said.
    school_id BIGINT REFERENCES schools (id),
    note TEXT NOT NULL DEFAULT '',
    -- submitted, approved or declined.
    status TEXT NOT NULL,
    review_comment TEXT NOT NULL DEFAULT '',
    reviewed_by BIGINT REFERENCES persons (id),
    submitted_on TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (group_id, item_id)
);

CREATE TABLE digital_tools (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    name TEXT NOT NULL,
    -- The name folded for uniqueness within the municipality.
    name_key TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    -- JSON array of stage codes.
    stages TEXT NOT NULL,
    guide_item_id BIGINT REFERENCES library_items (id),
    url TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (municipality_id, name_key)
);

-- A school's ICT group: its version, and its members with their parts.
CREATE TABLE ict_groups (
    school_id BIGINT PRIMARY KEY REFERENCES schools (id),
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE ict_group_members (
    school_id BIGINT NOT NULL REFERENCES ict_groups (school_id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES persons (id),
    -- rektor, administrator or ikt_pedagog.
    part TEXT NOT NULL,
    PRIMARY KEY (school_id, person_id)
);

CREATE TABLE ict_notes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    school_id BIGINT NOT NULL REFERENCES schools (id),
    note_date TEXT NOT NULL,
    text TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES persons (id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ict_notes_school ON ict_notes (school_id, note_date);
