//! Hidden variants (drafts, reviews, scheduled and archived versions) are indexed for the back
//! office and never reach a reader: not as hits, not in totals or facet counts, not in snippets.

mod support;

use portico_search::{DeskQuery, IndexDoc, SearchIndex, SearchQuery, SearchResults};
use support::{DAY, NEW_YEAR_2025, index_with, query, release, strings};

/// A word only hidden variants have.
const SECRET: &str = "zanzibarian";

fn public(id: i64, title: &str, countries: &[&str], themes: &[&str]) -> IndexDoc {
    IndexDoc {
        countries: strings(countries),
        themes: strings(themes),
        summary: format!("{title}: a summary about migrants."),
        status: "published".into(),
        ..release(id, "en", title)
    }
}

/// Public variants on site 1: ten about migrants, one of them in Kenya, so that a Kenya
/// filter keeps few of the word's matches (the public search's other ranking path).
fn public_docs() -> Vec<IndexDoc> {
    let mut docs: Vec<IndexDoc> =
        (1..=10).map(|id| public(id, &format!("Migrants story {id}"), &["SV"], &["migration"])).collect();
    docs.push(public(11, "Migrants in Kenya", &["KE"], &["health"]));
    docs.push(IndexDoc { kind: "page".into(), ..public(12, "Who we are", &[], &[]) });
    docs
}

/// Hidden variants sharing the public ones' words, countries and themes, plus facet values
/// of their own (a language, a country, a theme, a year) and a word no public variant has.
fn hidden_docs() -> Vec<IndexDoc> {
    let draft = IndexDoc {
        hidden: true,
        status: "draft".into(),
        summary: format!("Migrants and the {SECRET} archive, unpublished."),
        body_text: format!("Kenya migrants {SECRET} details."),
        countries: strings(&["KE", "SV", "PH"]),
        themes: strings(&["health", "secret-theme"]),
        published_at: 0,
        ..release(101, "en", &format!("Migrants {SECRET} draft in Kenya"))
    };
    let scheduled = IndexDoc {
        hidden: true,
        status: "scheduled".into(),
        countries: strings(&["KE"]),
        themes: strings(&["migration"]),
        published_at: NEW_YEAR_2025 + 800 * DAY,
        ..release(102, "fr", &format!("Migrants {SECRET} programmés au Kenya"))
    };
    let archived_page = IndexDoc {
        hidden: true,
        status: "archived".into(),
        kind: "page".into(),
        ..release(103, "de", &format!("Who we were {SECRET}"))
    };
    vec![draft, scheduled, archived_page]
}

fn with_hidden() -> SearchIndex {
    index_with(&[public_docs(), hidden_docs()].concat())
}

/// What a reader sees of a search, scores aside (term statistics include every document).
fn seen(results: &SearchResults) -> String {
    let hits: Vec<_> = results
        .hits
        .iter()
        .map(|hit| (hit.variant_id, &hit.title_html, &hit.snippet_html, hit.published_at, &hit.countries))
        .collect();
    format!("total {} page {} hits {hits:?} facets {:?}", results.total, results.page, results.facets)
}

/// Queries covering both ranking paths, listings, exclusions, phrases and every facet filter.
fn reader_queries() -> Vec<SearchQuery> {
    let mut queries: Vec<SearchQuery> =
        ["", "migrants", "Migrants Kenya", "\"migrants story\"", "-story", "who", "migrants -story", SECRET]
            .into_iter()
            .map(query)
            .collect();
    queries.push(SearchQuery { countries: strings(&["KE"]), ..query("migrants") });
    queries.push(SearchQuery { countries: strings(&["KE"]), ..query("") });
    queries.push(SearchQuery { countries: strings(&["PH"]), ..query("") });
    queries.push(SearchQuery { regions: strings(&["002"]), ..query("migrants") });
    queries.push(SearchQuery { themes: strings(&["secret-theme", "health"]), ..query("") });
    queries.push(SearchQuery { kinds: strings(&["page"]), ..query("") });
    queries.push(SearchQuery { years: vec![1970, 2027], ..query("") });
    queries.push(SearchQuery { languages: strings(&["fr", "de"]), ..query("") });
    queries.push(SearchQuery { page: 2, per_page: 5, ..query("migrants") });
    queries
}

#[test]
fn readers_see_the_same_results_with_or_without_hidden_variants() {
    let without = index_with(&public_docs());
    let with = with_hidden();
    for request in reader_queries() {
        let expected = without.search(&request).expect("search");
        let actual = with.search(&request).expect("search");
        assert_eq!(seen(&actual), seen(&expected), "{request:?}");
    }
}

#[test]
fn a_hidden_word_finds_nothing_and_shows_up_in_no_snippet() {
    let index = with_hidden();
    let secret = index.search(&query(SECRET)).expect("search");
    assert_eq!(secret.total, 0);
    assert!(secret.hits.is_empty());
    assert!(secret.facets.country.is_empty());
    for request in reader_queries() {
        let results = index.search(&SearchQuery { per_page: 100, ..request.clone() }).expect("search");
        for hit in &results.hits {
            assert!(hit.variant_id < 100, "{request:?} returned hidden {}", hit.variant_id);
            let shown = format!("{}{}", hit.title_html, hit.snippet_html).to_lowercase();
            assert!(!shown.contains(SECRET), "{request:?}: {shown}");
        }
    }
}

#[test]
fn hidden_variants_add_nothing_to_totals_or_facet_counts() {
    let index = with_hidden();
    let listing = index.search(&query("")).expect("search");
    assert_eq!(listing.total, 12);
    let facets = format!("{:?}", listing.facets);
    for value in ["secret-theme", "\"PH\"", "1970", "2027", "\"fr\"", "\"de\""] {
        assert!(!facets.contains(value), "{value} counted: {facets}");
    }
    let kenya =
        index.search(&SearchQuery { countries: strings(&["KE"]), ..query("migrants") }).expect("search");
    assert_eq!(kenya.total, 1);
    assert_eq!(kenya.hits.iter().map(|hit| hit.variant_id).collect::<Vec<_>>(), [11]);
}

#[test]
fn the_back_office_finds_hidden_variants() {
    let index = with_hidden();
    let desk = index.desk_search(&DeskQuery { text: SECRET.into(), ..DeskQuery::default() }).expect("desk");
    assert_eq!(desk.total, 3);
    let mut found: Vec<i64> = desk.hits.iter().map(|hit| hit.variant_id).collect();
    found.sort_unstable();
    assert_eq!(found, [101, 102, 103]);
}

#[test]
fn publishing_and_unpublishing_a_variant_shows_and_hides_it() {
    let index = with_hidden();
    let draft = hidden_docs().swap_remove(0);
    let public_count = |index: &SearchIndex| index.search(&query("migrants")).expect("search").total;
    assert_eq!(public_count(&index), 12);

    index.upsert(&IndexDoc { hidden: false, status: "published".into(), ..draft.clone() }).expect("upsert");
    index.commit(2).expect("commit");
    let published = index.search(&query(SECRET)).expect("search");
    assert_eq!(published.total, 1);
    assert_eq!(published.hits[0].variant_id, 101);
    assert!(published.hits[0].title_html.contains(&format!("<mark>{SECRET}</mark>")));
    assert_eq!(public_count(&index), 13);

    index.upsert(&draft).expect("upsert");
    index.commit(3).expect("commit");
    assert_eq!(index.search(&query(SECRET)).expect("search").total, 0);
    assert_eq!(public_count(&index), 12);
    let desk = index.desk_search(&DeskQuery { text: SECRET.into(), ..DeskQuery::default() }).expect("desk");
    assert_eq!(desk.total, 3, "still one variant 101 for the back office");
}

#[test]
fn hidden_variants_stay_hidden_after_reopening_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let index = SearchIndex::open(dir.path()).expect("open");
        for doc in [public_docs(), hidden_docs()].concat() {
            index.upsert(&doc).expect("upsert");
        }
        index.commit(1).expect("commit");
    }
    let index = SearchIndex::open(dir.path()).expect("reopen");
    assert_eq!(index.num_docs(), 15);
    assert_eq!(index.search(&query(SECRET)).expect("search").total, 0);
    assert_eq!(index.search(&query("")).expect("search").total, 12);
}
