-- The årshjul: rings and activities per municipality and school year, the history of
-- every change, and private calendar feed tokens.
-- Kept in lockstep with migrations/postgres/0005_wheel.sql (a test compares them).

-- Whether anyone with the link may read the whole wheel as a calendar feed.
ALTER TABLE municipalities ADD COLUMN public_wheel_token TEXT;

CREATE TABLE wheel_rings (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    school_year_id INTEGER NOT NULL REFERENCES school_years (id),
    -- Code of kollegium_shared::wheel::RingKind.
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    -- #rrggbb.
    colour TEXT NOT NULL,
    -- Lanes from the outside in, 0 outermost.
    position INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- Also what keeps two first visits from making the template twice.
    UNIQUE (school_year_id, position)
);

CREATE TABLE wheel_activities (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    school_year_id INTEGER NOT NULL REFERENCES school_years (id),
    ring_id INTEGER NOT NULL REFERENCES wheel_rings (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- YYYY-MM-DD; ends_on is the last day.
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    -- HH:MM, Swedish time; NULL for all day.
    start_time TEXT,
    end_time TEXT,
    -- kollegium_shared::wheel::Audience as JSON.
    audience TEXT NOT NULL,
    theme TEXT,
    -- Raised on every change; also the iCalendar SEQUENCE.
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX wheel_activities_year ON wheel_activities (municipality_id, school_year_id, starts_on);

CREATE TABLE wheel_changes (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    school_year_id INTEGER NOT NULL REFERENCES school_years (id),
    -- No reference: the history outlives a deleted activity.
    activity_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES persons (id),
    -- created, changed or deleted.
    action TEXT NOT NULL,
    -- The activity before and after, as JSON.
    before TEXT,
    after TEXT,
    at TEXT NOT NULL
);
CREATE INDEX wheel_changes_year ON wheel_changes (municipality_id, school_year_id, id);

CREATE TABLE calendar_tokens (
    person_id INTEGER PRIMARY KEY REFERENCES persons (id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    -- SHA-256 of the token, hex: the token itself is shown once and never stored.
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
