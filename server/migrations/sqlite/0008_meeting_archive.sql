-- Preparation items of a meeting, the municipality's extra protocol recipients, and
-- the stems of published protocols for the archive's search.
-- Kept in lockstep with migrations/postgres/0008_meeting_archive.sql (a test compares them).

-- One default template per municipality, and names that tell templates apart.
CREATE UNIQUE INDEX agenda_templates_default ON agenda_templates (municipality_id) WHERE is_default;
CREATE UNIQUE INDEX agenda_templates_name ON agenda_templates (municipality_id, name);

-- Library items members go through before a meeting, in order (besides a collection).
CREATE TABLE meeting_items (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES library_items (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, item_id)
);
CREATE INDEX meeting_items_item ON meeting_items (item_id);

-- Addresses every published protocol is also sent to, comma-separated.
ALTER TABLE municipalities ADD COLUMN protocol_recipients TEXT NOT NULL DEFAULT '';
ALTER TABLE municipalities ADD COLUMN settings_version INTEGER NOT NULL DEFAULT 1;

-- Stems of published protocols (text, group, theme), as library_terms for items.
CREATE TABLE protocol_terms (
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    term TEXT NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    weight INTEGER NOT NULL,
    PRIMARY KEY (municipality_id, term, meeting_id)
);
CREATE INDEX protocol_terms_meeting ON protocol_terms (meeting_id);
