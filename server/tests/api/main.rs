//! The API tests: one binary that drives the whole router (`app()` with `oneshot`)
//! against a fresh, seeded database per test, on every engine configured (SQLite
//! always, PostgreSQL when `KOLLEGIUM_TEST_POSTGRES_URL` is set; see [`helpers`]). One
//! module per domain, the same names as the server's.

#[macro_use]
mod helpers;

mod auth;
mod connections;
mod durability;
mod followup;
mod goals;
mod groups;
mod input;
mod library;
mod meetings;
mod migrations;
mod networks;
mod org;
mod plumbing;
mod projects;
mod wheel;
