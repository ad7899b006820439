-- Municipalities, schools and people: the tenancy root and who may sign in.
-- Kept in lockstep with migrations/sqlite/0001_foundation.sql (a test compares them).

-- A municipality (kommun); every other row belongs to exactly one.
CREATE TABLE municipalities (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Short, URL-safe name used at sign-in when an e-mail exists in several municipalities.
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE schools (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    name TEXT NOT NULL,
    -- Deactivated schools keep their history but leave pickers.
    active BOOLEAN NOT NULL DEFAULT TRUE,
    -- Bumped on every change; a stale write is refused with 409.
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (municipality_id, name)
);

-- The stages a school offers (codes of kollegium_shared::org::Stage).
CREATE TABLE school_stages (
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    school_id BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    PRIMARY KEY (school_id, stage)
);

CREATE TABLE persons (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    -- Stored trimmed and lower-case; unique within the municipality.
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    -- E.g. förstelärare, speciallärare; empty when none.
    title TEXT NOT NULL DEFAULT '',
    -- argon2id PHC string; NULL until a password is set (imported staff).
    password_hash TEXT,
    -- Set by an administrator's reset: a new password must be chosen at sign-in.
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    -- Deactivated people cannot sign in but their history stays.
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (municipality_id, email)
);
-- Sign-in looks a person up by e-mail before the municipality is known.
CREATE INDEX persons_email ON persons (email);

CREATE TABLE person_schools (
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    school_id BIGINT NOT NULL REFERENCES schools (id),
    PRIMARY KEY (person_id, school_id)
);

-- Roles (codes of kollegium_shared::org::Role); a person can hold several.
CREATE TABLE person_roles (
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (person_id, role)
);

-- Subjects taught; position 0 is the priority subject used when forming groups.
CREATE TABLE person_subjects (
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (person_id, subject)
);

CREATE TABLE person_stages (
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    PRIMARY KEY (person_id, stage)
);
