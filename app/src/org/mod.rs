//! The organisation: the colleague directory for everyone, and the staff import for
//! administrators.

mod directory;
mod import;
mod staff;

pub use directory::DirectoryPage;
pub use import::ImportPage;
pub use staff::StaffAdminPage;
