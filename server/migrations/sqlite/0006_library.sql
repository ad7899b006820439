-- The research-material library: items with their tags and files, the stems search
-- looks up, and collections of items.
-- Kept in lockstep with migrations/postgres/0006_library.sql (a test compares them).

CREATE TABLE library_items (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    -- Code of kollegium_shared::library::ItemKind.
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    -- Markdown, as written; rendered safely when read.
    summary TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    year INTEGER,
    language TEXT NOT NULL DEFAULT 'sv',
    url TEXT,
    -- kollegium_shared::library::Tags as JSON.
    tags TEXT NOT NULL,
    -- One ' sort:value ' token per tag, for filtering (Tags::facets).
    facets TEXT NOT NULL,
    -- Code of kollegium_shared::library::ItemStatus.
    status TEXT NOT NULL,
    review_comment TEXT,
    author_id INTEGER NOT NULL REFERENCES persons (id),
    featured BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    published_at TEXT
);
CREATE INDEX library_items_listing ON library_items (municipality_id, status, published_at);
CREATE INDEX library_items_author ON library_items (author_id, status);

-- The stems of each item's words with their weights (kollegium_shared::library::search).
-- Compared byte by byte (SQLite's BINARY), so that a prefix is a range.
CREATE TABLE library_terms (
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    term TEXT NOT NULL,
    item_id INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    weight INTEGER NOT NULL,
    PRIMARY KEY (municipality_id, term, item_id)
) WITHOUT ROWID;
CREATE INDEX library_terms_item ON library_terms (item_id);

CREATE TABLE library_files (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    item_id INTEGER NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    -- The name shown and offered on download; never used as a path.
    name TEXT NOT NULL,
    -- Code of kollegium_shared::library::FileType, told by the content.
    file_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    -- The file's name under the data directory: random, made by the server.
    storage_key TEXT NOT NULL UNIQUE,
    uploaded_by INTEGER NOT NULL REFERENCES persons (id),
    created_at TEXT NOT NULL
);
CREATE INDEX library_files_item ON library_files (item_id);

CREATE TABLE library_collections (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    title TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    owner_id INTEGER NOT NULL REFERENCES persons (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX library_collections_municipality ON library_collections (municipality_id, updated_at);

CREATE TABLE library_collection_items (
    collection_id INTEGER NOT NULL REFERENCES library_collections (id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES library_items (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (collection_id, item_id)
);
CREATE INDEX library_collection_items_item ON library_collection_items (item_id);
