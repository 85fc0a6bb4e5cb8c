//! Times [`SearchIndex::desk_search`] alone, without HTTP, the database or templates, on the
//! word searches `bench/doclist` makes of the back office's document list:
//! `cargo run --release -p portico-search --example desk_timing -- DATA/search [SITE-ID]`.
//! Prints, per search, the total found and p50/p99 in milliseconds over 30 runs.

use std::time::Instant;

use portico_search::{DeskOrder, DeskQuery, SearchIndex};

const RUNS: usize = 30;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        return Err("usage: desk_timing INDEX-DIR [SITE-ID]".into());
    };
    let site_id: i64 = args.next().map_or(Ok(1), |s| s.parse())?;
    let index = SearchIndex::open(std::path::Path::new(&dir))?;
    // One page of the document list: 50 rows, best first unless said otherwise.
    let words = |text: &str| DeskQuery {
        text: text.into(),
        order: DeskOrder::Relevance,
        descending: true,
        limit: 50,
        ..DeskQuery::default()
    };
    let cases = [
        ("words", words("migrants")),
        ("words, rare", words("zzqx")),
        ("words in drafts", DeskQuery { statuses: vec!["draft".into()], ..words("migrants") }),
        (
            "words, oldest published first",
            DeskQuery { order: DeskOrder::Published, descending: false, ..words("migrants") },
        ),
        (
            "words in one site, French",
            DeskQuery { sites: Some(vec![site_id]), languages: vec!["fr".into()], ..words("migrants") },
        ),
        ("words, page 20", DeskQuery { offset: 19 * 50, ..words("migrants") }),
    ];
    for (name, query) in &cases {
        let total = index.desk_search(query)?.total;
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let start = Instant::now();
            std::hint::black_box(index.desk_search(query)?);
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
        println!("{name:32} {total:>9} found   p50 {:7.2} ms   p99 {:7.2} ms", at(0.5), at(0.99));
    }
    Ok(())
}
