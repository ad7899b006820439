//! Domain types, wire formats and pure logic shared by the Kollegium server and the
//! browser app. Nothing here touches a database, a network or a UI framework, so the
//! same rules run natively on the server and in the browser (wasm32).

pub mod auth;
pub mod collate;
pub mod date;
pub mod error;
pub mod followup;
pub mod goals;
pub mod groups;
pub(crate) mod hash;
pub mod i18n;
pub mod ids;
pub mod library;
pub mod meetings;
pub mod networks;
pub mod org;
pub mod projects;
pub mod text;
pub mod validation;
pub mod wheel;
