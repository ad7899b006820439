//! Rebuilds the server when a migration is added or changed: `sqlx::migrate!` embeds
//! the migrations at compile time.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
