-- Målsamtal: the times a principal or head of operations offers, the conversations
-- with each of their teachers or principals, and each party's preparation.
-- Kept in lockstep with migrations/postgres/0013_goal_talks.sql (a test compares them).

CREATE TABLE goal_talks (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    school_year_id INTEGER NOT NULL REFERENCES school_years (id),
    -- teacher (principal and teacher) or principal (head of operations and principal).
    kind TEXT NOT NULL,
    -- Who holds it: the principal, the head of operations.
    leader_id INTEGER NOT NULL REFERENCES persons (id),
    -- Whose conversation it is: the teacher, the principal.
    member_id INTEGER NOT NULL REFERENCES persons (id),
    -- The member's school it is counted under.
    school_id INTEGER NOT NULL REFERENCES schools (id),
    competence TEXT NOT NULL DEFAULT '',
    assignment TEXT NOT NULL DEFAULT '',
    health TEXT NOT NULL DEFAULT '',
    collaboration TEXT NOT NULL DEFAULT '',
    agreements TEXT NOT NULL DEFAULT '',
    -- YYYY-MM-DD of the spring follow-up, and what it came to.
    follow_up_on TEXT,
    follow_up TEXT NOT NULL DEFAULT '',
    -- YYYY-MM-DD each party marked it held; held when both have.
    leader_held_on TEXT,
    member_held_on TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (school_year_id, leader_id, member_id)
);
CREATE INDEX goal_talks_member ON goal_talks (member_id, school_year_id);
CREATE INDEX goal_talks_school ON goal_talks (municipality_id, school_year_id, kind, school_id);

-- A time a leader offers; taken when it names a conversation (one time per talk).
CREATE TABLE goal_talk_slots (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    school_year_id INTEGER NOT NULL REFERENCES school_years (id),
    leader_id INTEGER NOT NULL REFERENCES persons (id),
    -- YYYY-MM-DD and HH:MM, Swedish time.
    held_on TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    talk_id INTEGER UNIQUE REFERENCES goal_talks (id) ON DELETE SET NULL,
    -- Raised on each change, so calendars replace their copy.
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (leader_id, held_on, start_time)
);
CREATE INDEX goal_talk_slots_year ON goal_talk_slots (municipality_id, school_year_id, leader_id);

-- Each party's preparation: private to its writer until shared with the other party.
CREATE TABLE goal_talk_preparations (
    talk_id INTEGER NOT NULL REFERENCES goal_talks (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES persons (id),
    text TEXT NOT NULL DEFAULT '',
    shared BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (talk_id, person_id)
);
