//! `sqlx::migrate!` embeds the migration files at compile time; without this a new migration
//! file would not rebuild the server (sqlx's documented advice).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
