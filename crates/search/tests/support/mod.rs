//! Builders shared by the integration tests.

#![allow(dead_code, reason = "each test file uses a different part")]

use portico_search::{FacetCount, IndexDoc, SearchIndex, SearchQuery, SearchResults};

/// 2025-01-01T00:00:00Z; test documents are published a day apart from here.
pub const NEW_YEAR_2025: i64 = 1_735_689_600;
pub const DAY: i64 = 86_400;

/// A release on site 1, published `variant_id` days after 2025-01-01.
pub fn release(variant_id: i64, language: &str, title: &str) -> IndexDoc {
    IndexDoc {
        variant_id,
        document_id: variant_id,
        site_id: 1,
        language: language.to_owned(),
        kind: "release".to_owned(),
        slug: format!("release-{variant_id}"),
        title: title.to_owned(),
        published_at: NEW_YEAR_2025 + variant_id * DAY,
        ..IndexDoc::default()
    }
}

/// An in-memory index holding `docs`, committed.
pub fn index_with(docs: &[IndexDoc]) -> SearchIndex {
    let index = SearchIndex::in_memory().expect("in-memory index");
    for doc in docs {
        index.upsert(doc).expect("upsert");
    }
    index.commit(1).expect("commit");
    index
}

/// A search of site 1 for `text`, no filters.
pub fn query(text: &str) -> SearchQuery {
    SearchQuery { site_id: 1, text: text.to_owned(), ..SearchQuery::default() }
}

/// The variant ids of the hits of `index` for `text` on site 1, in rank order.
pub fn found(index: &SearchIndex, text: &str) -> Vec<i64> {
    ids(&index.search(&query(text)).expect("search"))
}

/// The variant ids of the hits, in rank order.
pub fn ids(results: &SearchResults) -> Vec<i64> {
    results.hits.iter().map(|hit| hit.variant_id).collect()
}

/// A facet as `(value, count)` pairs, in the order returned.
pub fn counts(facet: &[FacetCount]) -> Vec<(&str, u64)> {
    facet.iter().map(|count| (count.value.as_str(), count.count)).collect()
}

/// Strings as owned, for filter lists.
pub fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| (*value).to_owned()).collect()
}
