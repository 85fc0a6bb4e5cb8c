//! Times tagging every release of the labelled set and prints the mean per release.
//! Run in release mode: `cargo run --release -p portico-tagger --example bench`.
//! The first call, which builds the name automaton once per process, is timed apart.

use std::time::{Duration, Instant};

use portico_tagger::{Format, Input, Registry, tag};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let set = include_str!("../testdata/releases.jsonl");
    let texts: Vec<String> = set
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| -> Result<String, Box<dyn std::error::Error>> {
            let value: serde_json::Value = serde_json::from_str(line)?;
            Ok(value["text"].as_str().unwrap_or_default().to_owned())
        })
        .collect::<Result<_, _>>()?;

    let warm_up = Instant::now();
    tag(&Input { format: Format::Text, bytes: b"GENEVA - warm up", language: None }, &Registry::default())?;
    println!("first call (builds the automaton): {:.1} ms", warm_up.elapsed().as_secs_f64() * 1e3);

    let rounds = 20;
    let mut total = Duration::ZERO;
    let mut slowest = Duration::ZERO;
    for _ in 0..rounds {
        for text in &texts {
            let input =
                Input { format: Format::detect(text.as_bytes()), bytes: text.as_bytes(), language: None };
            let start = Instant::now();
            let proposal = tag(&input, &Registry::default())?;
            let elapsed = start.elapsed();
            std::hint::black_box(proposal);
            total += elapsed;
            slowest = slowest.max(elapsed);
        }
    }
    let count = (texts.len() * rounds) as f64;
    println!(
        "{} releases x {rounds} rounds: mean {:.3} ms per release, slowest {:.3} ms",
        texts.len(),
        total.as_secs_f64() * 1e3 / count,
        slowest.as_secs_f64() * 1e3
    );
    Ok(())
}
