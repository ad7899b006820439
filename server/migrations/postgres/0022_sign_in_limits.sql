-- The sign-in limits (crate::security::ratelimit), kept here rather than in a server's
-- memory so that every server sharing the database counts alike and a restart forgets
-- nothing. Times are milliseconds since 1970 (UTC); each row says until when it is
-- worth keeping, and expired rows are swept.
-- Kept in lockstep with migrations/sqlite/0022_sign_in_limits.sql (a test compares them).

-- Attempts per client address in the current fixed window.
CREATE TABLE sign_in_windows (
    bucket TEXT PRIMARY KEY,
    started_ms BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    keep_until_ms BIGINT NOT NULL
);
CREATE INDEX sign_in_windows_keep ON sign_in_windows (keep_until_ms);

-- Failures per account over all addresses, and the addresses it signed in from (a
-- JSON list of [address, ms]).
CREATE TABLE sign_in_accounts (
    account TEXT PRIMARY KEY,
    window_started_ms BIGINT,
    window_failures BIGINT NOT NULL DEFAULT 0,
    next_unfamiliar_ms BIGINT,
    familiar TEXT NOT NULL DEFAULT '[]',
    keep_until_ms BIGINT NOT NULL
);
CREATE INDEX sign_in_accounts_keep ON sign_in_accounts (keep_until_ms);

-- Failures of one account from one address.
CREATE TABLE sign_in_pairs (
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    failures BIGINT NOT NULL,
    last_failure_ms BIGINT NOT NULL,
    wait_until_ms BIGINT NOT NULL,
    keep_until_ms BIGINT NOT NULL,
    PRIMARY KEY (account, address)
);
CREATE INDEX sign_in_pairs_keep ON sign_in_pairs (keep_until_ms);
