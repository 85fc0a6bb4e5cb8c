//! The index stays within the server's memory budget (300 MB in all) at the scale of the
//! seed organization: 100 000 releases.
//!
//! Slow, so ignored by default: `cargo test -p portico-search --release --test memory_budget
//! -- --ignored --nocapture`. It counts heap bytes with a counting allocator: the index
//! files are memory-mapped, and their pages are file cache that the kernel reclaims under
//! pressure, not heap.
//!
//! Measured on the development machine (release build): commits every 1 000 releases peak
//! at about 36 MB of heap, searching at a few MB. A single commit for all 100 000 (a
//! rebuild) peaks at about 140 MB: tantivy queues up to 10 000 documents in memory
//! between commits.

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use portico_search::{IndexDoc, SearchIndex, SearchQuery};

struct CountingAllocator;

static HEAP: AtomicUsize = AtomicUsize::new(0);
static PEAK_HEAP: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = HEAP.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK_HEAP.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to the system allocator unchanged; we only count.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(pointer, layout) };
        HEAP.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as ours.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            HEAP.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const MB: usize = 1_000_000;

/// Resets the peak to the current heap and returns the previous peak, in MB.
fn take_peak_mb() -> usize {
    PEAK_HEAP.swap(HEAP.load(Ordering::Relaxed), Ordering::Relaxed) / MB
}

fn searches(index: &SearchIndex, vocabulary: &[String]) {
    for n in 0..200 {
        let results = index
            .search(&SearchQuery {
                text: format!("{} {}", vocabulary[n % 40], vocabulary[100 + n * 13]),
                countries: if n % 2 == 0 { vec!["SV".into()] } else { vec![] },
                themes: if n % 3 == 0 { vec!["theme-1".into(), "theme-2".into()] } else { vec![] },
                page: 1 + (n % 5) as u32,
                ..support::query("")
            })
            .expect("search");
        assert!(results.hits.len() <= 20);
    }
}

#[test]
#[ignore = "slow: indexes 100 000 releases; run in release mode"]
fn a_hundred_thousand_releases_fit_in_the_memory_budget() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Zipf-like word frequencies, as in real text: word n is drawn with weight 1/n.
    let vocabulary: Vec<String> = (0..20_000).map(|n| format!("w{n:x}ord")).collect();
    let weights: Vec<f64> = (1..=vocabulary.len()).map(|n| 1.0 / n as f64).collect();
    let total_weight: f64 = weights.iter().sum();
    let cumulative: Vec<f64> = weights
        .iter()
        .scan(0.0, |sum, weight| Some(*sum + weight / total_weight).inspect(|s| *sum = *s))
        .collect();
    let mut seed: u64 = 7;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut words = |count: usize| -> String {
        (0..count)
            .map(|_| {
                vocabulary[cumulative.partition_point(|&c| c < next()).min(vocabulary.len() - 1)].as_str()
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let countries = ["SV", "GT", "KE", "SN", "JO", "PH", "DE", "MX", "CI", "FR"];
    let languages = ["en", "fr", "es", "ar"];

    let baseline = HEAP.load(Ordering::Relaxed) / MB;
    take_peak_mb();
    let started = std::time::Instant::now();
    {
        let index = SearchIndex::open(dir.path()).expect("open");
        for id in 1..=100_000_i64 {
            let doc = IndexDoc {
                title: words(10),
                summary: words(40),
                body_text: words(600),
                countries: vec![countries[id as usize % countries.len()].to_owned()],
                themes: vec![format!("theme-{}", id % 12)],
                ..support::release(id, languages[id as usize % languages.len()], "")
            };
            index.upsert(&doc).expect("upsert");
            // The indexer commits a batch at a time; a batch bounds what tantivy queues.
            if id % 1_000 == 0 {
                index.commit(id).expect("commit");
            }
        }
    }
    let indexing_peak = take_peak_mb();
    let indexing_time = started.elapsed();

    let index = SearchIndex::open(dir.path()).expect("reopen");
    let started = std::time::Instant::now();
    searches(&index, &vocabulary);
    let search_time = started.elapsed();
    let searching_peak = take_peak_mb();

    let disk: u64 = std::fs::read_dir(dir.path())
        .expect("index folder")
        .filter_map(|entry| entry.ok()?.metadata().ok())
        .map(|metadata| metadata.len())
        .sum();
    eprintln!(
        "baseline {baseline} MB; indexing 100k: {indexing_time:?}, peak heap {indexing_peak} MB; \
         200 searches: {search_time:?}, peak heap {searching_peak} MB; index on disk {} MB",
        disk / MB as u64
    );
    assert!(indexing_peak < 80, "indexing peak heap {indexing_peak} MB");
    assert!(searching_peak < 50, "searching peak heap {searching_peak} MB");
}
