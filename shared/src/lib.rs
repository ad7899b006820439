//! Domain types, wire formats and pure logic shared by the Kollegium server and the
//! browser app. Nothing here touches a database, a network or a UI framework, so the
//! same rules run natively on the server and in the browser (wasm32).

pub mod auth;
pub mod collate;
pub mod date;
pub mod error;
pub mod groups;
pub(crate) mod hash;
pub mod i18n;
pub mod library;
pub mod meetings;
pub mod org;
pub mod text;
pub mod validation;
pub mod wheel;

/// Declares an ID newtype over `i64` that serialises as a bare number.
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}
pub(crate) use id_type;
