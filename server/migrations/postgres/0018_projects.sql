-- Projects: a process leader's project across schools and stages, its partners, its
-- process log and its public showcase (kollegium_shared::projects).
-- Kept in lockstep with migrations/sqlite/0018_projects.sql (a test compares them).

CREATE TABLE projects (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    name TEXT NOT NULL,
    aim TEXT NOT NULL DEFAULT '',
    vision TEXT NOT NULL DEFAULT '',
    -- JSON arrays: focus area names, Agenda 2030 goal numbers, stage codes, partners
    -- (kollegium_shared::projects::Partner).
    focus_areas TEXT NOT NULL,
    global_goals TEXT NOT NULL,
    stages TEXT NOT NULL,
    partners TEXT NOT NULL,
    -- The process leader.
    leader_id BIGINT NOT NULL REFERENCES persons (id),
    -- The project group (kind projektgrupp), whose members take part.
    group_id BIGINT REFERENCES groups (id),
    showcase_enabled BOOLEAN NOT NULL DEFAULT FALSE,
    showcase_summary TEXT NOT NULL DEFAULT '',
    -- The public page's address: unguessable, the same across the municipalities.
    showcase_key TEXT NOT NULL UNIQUE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX projects_municipality ON projects (municipality_id);

CREATE TABLE project_schools (
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    school_id BIGINT NOT NULL REFERENCES schools (id),
    PRIMARY KEY (project_id, school_id)
);

CREATE TABLE project_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    entry_date TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES persons (id),
    text TEXT NOT NULL,
    -- JSON arrays: focus area names, Agenda 2030 goal numbers.
    focus_areas TEXT NOT NULL,
    global_goals TEXT NOT NULL,
    -- Cleared by the process leader for the public showcase.
    cleared BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX project_log_project ON project_log (project_id, entry_date);
