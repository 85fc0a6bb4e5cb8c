//! Times [`SearchIndex::search`] alone, without HTTP or templates, over the search addresses
//! `bench/search-paths` prints: `cargo run --release -p portico-search --example search_timing
//! -- DATA/search PATHS-FILE [SITE-ID]`. Prints p50/p99 and the mean, in milliseconds.

use std::time::Instant;

use portico_search::{SearchIndex, SearchQuery};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(paths)) = (args.next(), args.next()) else {
        return Err("usage: search_timing INDEX-DIR PATHS-FILE [SITE-ID]".into());
    };
    let site_id: i64 = args.next().map_or(Ok(1), |s| s.parse())?;
    let index = SearchIndex::open(std::path::Path::new(&dir))?;
    let queries: Vec<SearchQuery> = std::fs::read_to_string(paths)?
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| query(l, site_id))
        .collect();
    let dump = std::env::var_os("DUMP").is_some();
    for query in &queries {
        let results = index.search(query)?;
        if dump {
            let hits: Vec<_> = results
                .hits
                .iter()
                .map(|hit| (hit.variant_id, hit.score, &hit.title_html, &hit.snippet_html))
                .collect();
            println!("{query:?}\n total {} facets {:?}\n hits {hits:?}", results.total, results.facets);
        }
    }
    let mut times = Vec::new();
    let mut slowest = vec![0.0f64; queries.len()];
    for _ in 0..3 {
        for (at, query) in queries.iter().enumerate() {
            let start = Instant::now();
            let results = index.search(query)?;
            std::hint::black_box(results);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            slowest[at] = slowest[at].max(ms);
            times.push(ms);
        }
    }
    // SLOWEST=n: the n queries with the slowest of their three runs.
    if let Some(n) = std::env::var("SLOWEST").ok().and_then(|n| n.parse::<usize>().ok()) {
        let mut order: Vec<usize> = (0..queries.len()).collect();
        order.sort_by(|a, b| slowest[*b].total_cmp(&slowest[*a]));
        for at in order.into_iter().take(n) {
            println!("{:8.2} ms  {:?}", slowest[at], queries[at]);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!(
        "{} searches: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, mean {:.2} ms",
        times.len(),
        at(0.5),
        at(0.99),
        at(1.0),
        mean
    );
    Ok(())
}

/// A search address (`/en/search?q=…&country=…`) as a query of `site_id`.
fn query(path: &str, site_id: i64) -> SearchQuery {
    let mut query = SearchQuery { site_id, ..SearchQuery::default() };
    let params = path.split_once('?').map_or("", |(_, params)| params);
    for pair in params.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = value.replace('+', " ");
        match key {
            "q" => query.text = value,
            "country" => query.countries.push(value),
            "theme" => query.themes.push(value),
            "region" => query.regions.push(value),
            "language" => query.languages.push(value),
            "kind" => query.kinds.push(value),
            "year" => query.years.extend(value.parse::<i32>().ok()),
            "page" => query.page = value.parse().unwrap_or(1),
            _ => {}
        }
    }
    query
}
