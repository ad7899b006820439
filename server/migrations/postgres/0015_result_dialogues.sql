-- Resultatdialoger: a school's principal and head of operations on the school's
-- results, with the figures as they stood that day and the insatser decided.
-- Kept in lockstep with migrations/sqlite/0015_result_dialogues.sql (a test compares them).

CREATE TABLE result_dialogues (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    school_id BIGINT NOT NULL REFERENCES schools (id),
    -- The activity of the wheel's Resultatdialoger ring it belongs to.
    activity_id BIGINT REFERENCES wheel_activities (id) ON DELETE SET NULL,
    -- YYYY-MM-DD.
    held_on TEXT NOT NULL,
    -- The school's principal and head of operations when it was held.
    principal_id BIGINT REFERENCES persons (id),
    head_id BIGINT REFERENCES persons (id),
    -- JSON: the school's latest figures on the day (SnapshotFigure), kept as they were.
    figures TEXT NOT NULL,
    analysis TEXT NOT NULL DEFAULT '',
    decisions TEXT NOT NULL DEFAULT '',
    follow_up TEXT NOT NULL DEFAULT '',
    next_on TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX result_dialogues_school ON result_dialogues (municipality_id, school_id, held_on);

-- The insatser decided, in order.
CREATE TABLE result_dialogue_actions (
    dialogue_id BIGINT NOT NULL REFERENCES result_dialogues (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    owner_id BIGINT REFERENCES persons (id),
    -- YYYY-MM-DD.
    due TEXT,
    goal_id BIGINT REFERENCES goals (id) ON DELETE SET NULL,
    PRIMARY KEY (dialogue_id, position)
);
