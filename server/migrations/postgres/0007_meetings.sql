-- Meetings of the groups: agenda templates, the meetings themselves (a learning
-- group's meetings follow the wheel's meeting slots), attendance and preparation,
-- protocols with amendments, personal action plans, and the e-mail outbox.
-- Kept in lockstep with migrations/sqlite/0007_meetings.sql (a test compares them).

CREATE TABLE agenda_templates (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    name TEXT NOT NULL,
    -- kollegium_shared::meetings::agenda::AgendaStep list as JSON.
    steps TEXT NOT NULL,
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX agenda_templates_municipality ON agenda_templates (municipality_id);

CREATE TABLE meetings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    group_id BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    -- The wheel's slot the meeting follows; NULL for a meeting a leader added, or
    -- when the slot was removed after the meeting had records.
    activity_id BIGINT REFERENCES wheel_activities (id) ON DELETE SET NULL,
    -- YYYY-MM-DD and HH:MM, Swedish time.
    starts_on TEXT NOT NULL,
    start_time TEXT,
    end_time TEXT,
    place TEXT NOT NULL DEFAULT '',
    video_link TEXT,
    -- planerad, pagar, genomford, protokoll_publicerat.
    status TEXT NOT NULL DEFAULT 'planerad',
    -- The meeting's own agenda (AgendaStep list as JSON), from a template.
    agenda TEXT NOT NULL,
    question TEXT NOT NULL DEFAULT '',
    theme TEXT,
    collection_id BIGINT REFERENCES library_collections (id) ON DELETE SET NULL,
    preparation_task TEXT NOT NULL DEFAULT '',
    documenter_id BIGINT REFERENCES persons (id),
    -- The live meeting: the step on, and when it started or how long ran before a pause.
    live_step BIGINT,
    live_started_at TIMESTAMPTZ,
    live_elapsed BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (group_id, activity_id)
);
CREATE INDEX meetings_municipality ON meetings (municipality_id, starts_on);

CREATE TABLE meeting_attendance (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES persons (id),
    present BOOLEAN NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);

CREATE TABLE meeting_preparations (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES persons (id),
    done_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);

CREATE TABLE protocols (
    meeting_id BIGINT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    -- kollegium_shared::meetings::records::FieldText list as JSON.
    fields TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    updated_by BIGINT NOT NULL REFERENCES persons (id),
    updated_at TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ,
    published_by BIGINT REFERENCES persons (id)
);

CREATE TABLE protocol_amendments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES protocols (meeting_id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES persons (id),
    field TEXT NOT NULL,
    text TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);

CREATE TABLE action_plans (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES persons (id),
    fields TEXT NOT NULL,
    -- Private to its author unless shared with the group.
    shared BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (meeting_id, person_id)
);
CREATE INDEX action_plans_person ON action_plans (person_id, updated_at);

-- Messages to send; retried until the SMTP server accepts them.
CREATE TABLE outbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    -- Comma-separated addresses.
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
