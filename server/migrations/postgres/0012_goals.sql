-- Goals of a school year at three levels, their links up the chain and their dated
-- follow-up notes; and the head of operations each school answers to.
-- Kept in lockstep with migrations/sqlite/0012_goals.sql (a test compares them).

-- The verksamhetschef the school answers to; NULL while none is named.
ALTER TABLE schools ADD COLUMN head_id BIGINT REFERENCES persons (id);

CREATE TABLE goals (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    school_year_id BIGINT NOT NULL REFERENCES school_years (id),
    -- municipality, school, teacher (kollegium_shared::goals::GoalLevel).
    level TEXT NOT NULL,
    -- A school or teacher goal's school; NULL for the municipality's.
    school_id BIGINT REFERENCES schools (id),
    -- Who answers for it: the setter, the school's principal, the teacher.
    owner_id BIGINT NOT NULL REFERENCES persons (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- key_figure (figure, target, unit) or evidence (evidence).
    measure_kind TEXT NOT NULL,
    figure TEXT NOT NULL DEFAULT '',
    target DOUBLE PRECISION,
    unit TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    -- A curriculum area code (kollegium_shared::library::Area), if any.
    area TEXT,
    -- Agenda 2030 goal numbers, comma-separated ("4,10").
    agenda2030 TEXT NOT NULL DEFAULT '',
    -- kollegium_shared::goals::GoalStatus code.
    status TEXT NOT NULL DEFAULT 'not_started',
    -- The goal of an earlier year this one was carried from.
    carried_from BIGINT REFERENCES goals (id) ON DELETE SET NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX goals_year ON goals (municipality_id, school_year_id, level);
CREATE INDEX goals_owner ON goals (owner_id, school_year_id);
-- A goal is carried to a year once.
CREATE UNIQUE INDEX goals_carried_once ON goals (school_year_id, carried_from);

-- What a goal serves: a school goal one or more municipality goals, a teacher goal one
-- school goal.
CREATE TABLE goal_links (
    goal_id BIGINT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    serves_id BIGINT NOT NULL REFERENCES goals (id),
    PRIMARY KEY (goal_id, serves_id)
);
CREATE INDEX goal_links_serves ON goal_links (serves_id);

CREATE TABLE goal_notes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    goal_id BIGINT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES persons (id),
    -- YYYY-MM-DD.
    noted_on TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX goal_notes_goal ON goal_notes (goal_id);

-- The author's own teacher goal an action plan's focus serves; the goal lists its plans
-- as evidence.
ALTER TABLE action_plans ADD COLUMN goal_id BIGINT REFERENCES goals (id) ON DELETE SET NULL;
CREATE INDEX action_plans_goal ON action_plans (goal_id);
