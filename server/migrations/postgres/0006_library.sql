-- The research-material library: items with their tags and files, the stems search
-- looks up, and collections of items.
-- Kept in lockstep with migrations/sqlite/0006_library.sql (a test compares them).

CREATE TABLE library_items (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    -- Code of kollegium_shared::library::ItemKind.
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    -- Markdown, as written; rendered safely when read.
    summary TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    year BIGINT,
    language TEXT NOT NULL DEFAULT 'sv',
    url TEXT,
    -- kollegium_shared::library::Tags as JSON.
    tags TEXT NOT NULL,
    -- One ' sort:value ' token per tag, for filtering (Tags::facets).
    facets TEXT NOT NULL,
    -- Code of kollegium_shared::library::ItemStatus.
    status TEXT NOT NULL,
    review_comment TEXT,
    author_id BIGINT NOT NULL REFERENCES persons (id),
    featured BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX library_items_listing ON library_items (municipality_id, status, published_at);
CREATE INDEX library_items_author ON library_items (author_id, status);

-- The stems of each item's words with their weights (kollegium_shared::library::search).
-- Compared byte by byte, so that a prefix is a range on both engines.
CREATE TABLE library_terms (
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    term TEXT COLLATE "C" NOT NULL,
    item_id BIGINT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    weight BIGINT NOT NULL,
    PRIMARY KEY (municipality_id, term, item_id)
);
CREATE INDEX library_terms_item ON library_terms (item_id);

CREATE TABLE library_files (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    item_id BIGINT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
    -- The name shown and offered on download; never used as a path.
    name TEXT NOT NULL,
    -- Code of kollegium_shared::library::FileType, told by the content.
    file_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    -- The file's name under the data directory: random, made by the server.
    storage_key TEXT NOT NULL UNIQUE,
    uploaded_by BIGINT NOT NULL REFERENCES persons (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX library_files_item ON library_files (item_id);

CREATE TABLE library_collections (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities (id),
    title TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    owner_id BIGINT NOT NULL REFERENCES persons (id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX library_collections_municipality ON library_collections (municipality_id, updated_at);

CREATE TABLE library_collection_items (
    collection_id BIGINT NOT NULL REFERENCES library_collections (id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL REFERENCES library_items (id),
    position BIGINT NOT NULL,
    PRIMARY KEY (collection_id, item_id)
);
CREATE INDEX library_collection_items_item ON library_collection_items (item_id);
