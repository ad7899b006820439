//! The organisation: the colleague directory for everyone; schools, staff, subjects
//! and the staff import for administrators.

mod admin;
mod directory;
mod import;
mod schools;
mod staff;
mod subjects;
pub(crate) mod text;

pub use admin::AdminPage;
pub use directory::DirectoryPage;
pub use import::ImportPage;
pub use schools::SchoolsAdminPage;
pub use staff::StaffAdminPage;
pub use subjects::SubjectsAdminPage;
