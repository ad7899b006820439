//! Reusable widgets: form fields with their errors, and the page shell.

mod field;
mod shell;

pub use field::{FieldErrors, TextField};
pub use shell::{NotFound, RequireAuth, Shell};
