//! No reader input makes a search fail, hang, panic or leave its site.

mod support;

use portico_search::{IndexDoc, SearchIndex, SearchQuery};
use support::{ids, index_with, query, release, strings};

fn corpus() -> SearchIndex {
    let other_site = IndexDoc { site_id: 2, ..release(99, "en", "Secret migrants of site two") };
    index_with(&[
        release(1, "en", "Migrants in El Salvador"),
        release(2, "fr", "Santé des migrants"),
        other_site,
    ])
}

const HOSTILE: &[&str] = &[
    "\"unclosed",
    "AND OR NOT",
    "AND",
    "NOT migrants",
    "title:",
    "title:migrants",
    "body_en:migrants",
    "site_id:2",
    "variant_id:99",
    "(((",
    ")))",
    "((((((((((((((((((((((((((((((((((((((((migrants",
    "a:(^",
    "a:(a^",
    "(^",
    "- *",
    "*",
    "-",
    "+",
    "--migrants",
    "\"\"",
    "\"",
    "migrants^1000",
    "migrants~2",
    "\"migrants\"~10",
    "[a TO z]",
    "{a TO z}",
    "title: IN [a b]",
    "/mig.*/",
    "migr*",
    "\\",
    "\\\"",
    "''''",
    "&&||!!",
    "\u{0}\u{1}\u{7f}migrants\u{1b}[31m",
    "\u{202e}migrants\u{200b}",
    "💥🔥",
    "ﷺ",
    "é\u{301}\u{301}\u{301}",
    "<script>alert(1)</script>",
    "'; DROP TABLE releases; --",
    "%00%27",
    "the",
    "   ",
    "",
];

#[test]
fn hostile_queries_never_fail() {
    let index = corpus();
    for text in HOSTILE {
        let results = index.search(&query(text));
        let results = results.unwrap_or_else(|error| panic!("{text:?}: {error}"));
        assert!(!ids(&results).contains(&99), "{text:?} leaked site 2");
    }
}

#[test]
fn huge_queries_are_cut_not_refused() {
    let index = corpus();
    let huge = ["migrants ".repeat(1_200), "(".repeat(10_240), "\"a".repeat(5_120), "é".repeat(10_240)];
    for text in &huge {
        assert!(index.search(&query(text)).is_ok());
    }
    let results = index.search(&query(&huge[0])).expect("search");
    assert_eq!(results.total, 2);
}

#[test]
fn operators_are_read_as_words() {
    let index = corpus();
    let results = index.search(&query("migrants AND salvador")).expect("search");
    assert_eq!(ids(&results), [1]);
    let results = index.search(&query("title:migrants")).expect("search");
    assert!(results.hits.is_empty(), "field syntax is not honoured");
}

#[test]
fn field_syntax_cannot_reach_another_site() {
    let index = corpus();
    for text in ["site_id:2", "site_id:2 migrants", "variant_id:99", "*", "-nothing"] {
        let results = index.search(&query(text)).expect("search");
        assert!(!ids(&results).contains(&99), "{text}");
    }
}

#[test]
fn random_punctuation_never_fails() {
    let index = corpus();
    let alphabet: Vec<char> = "ab \"'()[]{}:^~*?\\/+-!&|<>=,.;#@%$é\u{0}\u{301}ال".chars().collect();
    // A fixed linear congruential generator: the same strings on every run.
    let mut seed: u64 = 0x5eed;
    let mut next = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    for _ in 0..1_000 {
        let length = next() % 24;
        let text: String = (0..length).map(|_| alphabet[next() % alphabet.len()]).collect();
        let results = index.search(&query(&text));
        assert!(results.is_ok(), "{text:?}");
    }
}

#[test]
fn an_empty_query_with_filters_lists_the_filtered_documents() {
    let index = corpus();
    let results = index.search(&SearchQuery { languages: strings(&["fr"]), ..query("  ") }).expect("search");
    assert_eq!(ids(&results), [2]);
}

#[test]
fn stop_words_alone_find_nothing_rather_than_everything() {
    let index = corpus();
    for text in ["the", "The AND the", "\"the\"", "le la les"] {
        let results = index.search(&query(text)).expect("search");
        assert_eq!(results.total, 0, "{text}");
    }
}
