// Rebuilds the crate when a migration is added: `sqlx::migrate!` embeds the folder at
// compile time and does not watch it by itself.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
