-- Follow-up: when a protocol counts as missing, and the reminders about it.
-- Kept in lockstep with migrations/sqlite/0011_followup.sql (a test compares them).

-- Days after a held meeting before its protocol counts as missing.
ALTER TABLE municipalities ADD COLUMN protocol_due_days BIGINT NOT NULL DEFAULT 2;
-- Bumped when the follow-up settings change; a stale write is refused with 409.
ALTER TABLE municipalities ADD COLUMN followup_version BIGINT NOT NULL DEFAULT 1;

-- Whether the person gets e-mail reminders about protocols; they turn it off in /profil.
ALTER TABLE persons ADD COLUMN reminders BOOLEAN NOT NULL DEFAULT TRUE;

-- One reminder per person and day at most: the row is claimed before the mail is
-- queued, so several servers sharing the database send it once.
CREATE TABLE reminders_sent (
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    -- YYYY-MM-DD, Swedish time.
    day TEXT NOT NULL,
    PRIMARY KEY (person_id, day)
);

