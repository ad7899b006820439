-- A project's milestones: each one an activity on the wheel's project ring, with its
-- follow-up, and the participants' reflections on it (kollegium_shared::projects::
-- {Milestone, Reflection}).
-- Kept in lockstep with migrations/postgres/0021_milestones.sql (a test compares them).

CREATE TABLE project_milestones (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    -- Its date and title live on the wheel; removed there, the milestone goes too.
    activity_id INTEGER NOT NULL UNIQUE REFERENCES wheel_activities (id) ON DELETE CASCADE,
    done BOOLEAN NOT NULL DEFAULT FALSE,
    -- What came of it.
    outcome TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE INDEX project_milestones_project ON project_milestones (project_id);

CREATE TABLE project_reflections (
    id INTEGER PRIMARY KEY,
    milestone_id INTEGER NOT NULL REFERENCES project_milestones (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES persons (id),
    text TEXT NOT NULL,
    written_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX project_reflections_milestone ON project_reflections (milestone_id);
