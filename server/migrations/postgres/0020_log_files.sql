-- A process log entry's photos and files (stored as library files are) and the library
-- items it links (kollegium_shared::projects::{LogFile, LogEntry}).
-- Kept in lockstep with migrations/sqlite/0020_log_files.sql (a test compares them).

CREATE TABLE project_log_files (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    entry_id BIGINT NOT NULL REFERENCES project_log (id) ON DELETE CASCADE,
    -- The name shown and offered on download; never used as a path.
    name TEXT NOT NULL,
    -- Code of kollegium_shared::library::FileType, told by the content.
    file_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    -- The file's name under the data directory: random, made by the server.
    storage_key TEXT NOT NULL UNIQUE,
    -- Marked by the process leader as fit for the public page (no pupil recognisable,
    -- or consent given).
    cleared BOOLEAN NOT NULL DEFAULT FALSE,
    uploaded_by BIGINT NOT NULL REFERENCES persons (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX project_log_files_entry ON project_log_files (entry_id);

CREATE TABLE project_log_items (
    entry_id BIGINT NOT NULL REFERENCES project_log (id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    PRIMARY KEY (entry_id, item_id)
);
