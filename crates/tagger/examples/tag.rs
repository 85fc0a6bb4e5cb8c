//! Tags one file and prints the proposal as JSON: `cargo run -p portico-tagger --example tag -- FILE`.
//! The format is detected from the bytes.

use portico_tagger::{Format, Input, Registry, tag};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: tag FILE")?;
    let bytes = std::fs::read(&path)?;
    let input = Input { format: Format::detect(&bytes), bytes: &bytes, language: None };
    let proposal = tag(&input, &Registry::default())?;
    println!("{}", serde_json::to_string_pretty(&proposal)?);
    Ok(())
}
