//! Signing in and the person's own profile (password change).

mod login;
mod profile;

pub use login::LoginPage;
pub use profile::ProfilePage;
