//! The organisation: staff, the administrators' staff pages and the command line's
//! staff import and first administrator.

mod cli;
mod staff;
mod staff_admin;
