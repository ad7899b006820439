//! The organisation: the colleague directory for everyone, and the staff import for
//! administrators.

mod directory;
mod import;
mod schools;
mod staff;

pub use directory::DirectoryPage;
pub use import::ImportPage;
pub use schools::SchoolsAdminPage;
pub use staff::StaffAdminPage;
