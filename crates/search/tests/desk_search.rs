//! The back office's search: every variant of every site, hidden or not, with workflow
//! filters, three orders and stable pages.

mod support;

use portico_search::{
    DeskOrder, DeskQuery, DeskResults, IndexDoc, MAX_DESK_LIMIT, MAX_RESULT_WINDOW, SearchIndex,
};
use support::{DAY, NEW_YEAR_2025, index_with, strings};

/// `days` after 2025-01-01, in Unix seconds.
fn day(days: i64) -> i64 {
    NEW_YEAR_2025 + days * DAY
}

/// A variant as the back office knows it.
struct Variant {
    id: i64,
    site: i64,
    language: &'static str,
    kind: &'static str,
    status: &'static str,
    countries: &'static [&'static str],
    author: i64,
    /// Days after 2025-01-01; `None` when never published.
    published: Option<i64>,
    updated: i64,
    title: &'static str,
}

impl Variant {
    fn doc(&self) -> IndexDoc {
        IndexDoc {
            variant_id: self.id,
            document_id: self.id * 10,
            site_id: self.site,
            language: self.language.into(),
            kind: self.kind.into(),
            slug: format!("v{}", self.id),
            title: self.title.into(),
            countries: strings(self.countries),
            published_at: self.published.map_or(0, day),
            hidden: self.status != "published",
            status: self.status.into(),
            author_id: self.author,
            // Even variants were saved last by someone else than their author.
            editor_id: if self.id % 2 == 0 { 20 } else { self.author },
            updated_at: day(self.updated),
            ..IndexDoc::default()
        }
    }
}

const CORPUS: [Variant; 9] = [
    Variant {
        id: 1,
        site: 1,
        language: "en",
        kind: "release",
        status: "published",
        countries: &["SV"],
        author: 10,
        published: Some(1),
        updated: 1,
        title: "Migrants in El Salvador receive support",
    },
    Variant {
        id: 2,
        site: 1,
        language: "es",
        kind: "release",
        status: "draft",
        countries: &["GT"],
        author: 11,
        published: None,
        updated: 5,
        title: "Apoyo a niño retornado en Guatemala",
    },
    Variant {
        id: 3,
        site: 1,
        language: "en",
        kind: "page",
        status: "review",
        countries: &[],
        author: 10,
        published: None,
        updated: 3,
        title: "About our work with migrants",
    },
    Variant {
        id: 4,
        site: 1,
        language: "en",
        kind: "release",
        status: "scheduled",
        countries: &["KE"],
        author: 12,
        published: Some(10),
        updated: 4,
        title: "Floods in Kenya displace migrants",
    },
    Variant {
        id: 5,
        site: 2,
        language: "fr",
        kind: "release",
        status: "published",
        countries: &["SN"],
        author: 11,
        published: Some(2),
        updated: 2,
        title: "Migrants au Sénégal",
    },
    Variant {
        id: 6,
        site: 2,
        language: "en",
        kind: "release",
        status: "archived",
        countries: &["SV", "GT"],
        author: 10,
        published: Some(-30),
        updated: 6,
        title: "Old report on migrants in Central America",
    },
    Variant {
        id: 7,
        site: 1,
        language: "en",
        kind: "release",
        status: "published",
        countries: &["DE"],
        author: 12,
        published: Some(7),
        updated: 7,
        title: "Floods in Germany",
    },
    // 8 and 9 were saved at the same second: the lower id comes first either way.
    Variant {
        id: 9,
        site: 3,
        language: "en",
        kind: "page",
        status: "Draft",
        countries: &[],
        author: 0,
        published: None,
        updated: 8,
        title: "Contact",
    },
    Variant {
        id: 8,
        site: 3,
        language: "EN",
        kind: "Page",
        status: "published",
        countries: &[],
        author: 0,
        published: Some(8),
        updated: 8,
        title: "Contact us",
    },
];

/// No variant ids.
const NOTHING: [i64; 0] = [];

fn corpus() -> SearchIndex {
    index_with(&CORPUS.iter().map(Variant::doc).collect::<Vec<_>>())
}

fn desk(index: &SearchIndex, request: DeskQuery) -> DeskResults {
    index.desk_search(&request).expect("desk search")
}

fn ids(results: &DeskResults) -> Vec<i64> {
    results.hits.iter().map(|hit| hit.variant_id).collect()
}

/// The variant ids found, in order, and checks the total agrees with them on one page.
fn found(index: &SearchIndex, request: DeskQuery) -> Vec<i64> {
    let results = desk(index, request);
    assert_eq!(results.total, results.hits.len(), "one page holds every hit");
    ids(&results)
}

/// The same ids, sorted: for filters, whose order is tested apart.
fn found_set(index: &SearchIndex, request: DeskQuery) -> Vec<i64> {
    let mut ids = found(index, request);
    ids.sort_unstable();
    ids
}

fn updated_order(descending: bool) -> DeskQuery {
    DeskQuery { order: DeskOrder::Updated, descending, ..DeskQuery::default() }
}

#[test]
fn an_empty_desk_search_lists_every_variant_of_every_site_last_saved_first() {
    let index = corpus();
    let results = desk(&index, DeskQuery::default());
    assert_eq!(results.total, 9);
    assert_eq!(ids(&results), [8, 9, 7, 6, 2, 4, 3, 5, 1]);
    assert!(results.hits.iter().all(|hit| hit.document_id == hit.variant_id * 10));
    assert!(results.hits.iter().all(|hit| hit.score == 0.0));
}

#[test]
fn sites_restrict_the_desk_search() {
    let index = corpus();
    assert_eq!(found_set(&index, DeskQuery { sites: None, ..DeskQuery::default() }).len(), 9);
    assert_eq!(found_set(&index, DeskQuery { sites: Some(vec![2]), ..DeskQuery::default() }), [5, 6]);
    assert_eq!(
        found_set(&index, DeskQuery { sites: Some(vec![2, 3]), ..DeskQuery::default() }),
        [5, 6, 8, 9]
    );
    assert_eq!(found_set(&index, DeskQuery { sites: Some(vec![]), ..DeskQuery::default() }), NOTHING);
    assert_eq!(found_set(&index, DeskQuery { sites: Some(vec![42]), ..DeskQuery::default() }), NOTHING);
    let migrants_on_two = DeskQuery { sites: Some(vec![2]), text: "migrants".into(), ..DeskQuery::default() };
    assert_eq!(found_set(&index, migrants_on_two), [5, 6]);
}

#[test]
fn language_kind_status_and_country_filters_match_any_listed_value_in_any_case() {
    let index = corpus();
    let by = |build: fn(&mut DeskQuery)| {
        let mut request = DeskQuery::default();
        build(&mut request);
        found_set(&index, request)
    };
    assert_eq!(by(|q| q.languages = strings(&["ES"])), [2]);
    assert_eq!(by(|q| q.languages = strings(&["fr", "es"])), [2, 5]);
    assert_eq!(by(|q| q.kinds = strings(&["page"])), [3, 8, 9]);
    assert_eq!(by(|q| q.statuses = strings(&[" DRAFT "])), [2, 9]);
    assert_eq!(by(|q| q.statuses = strings(&["draft", "review"])), [2, 3, 9]);
    assert_eq!(by(|q| q.statuses = strings(&["published"])), [1, 5, 7, 8]);
    assert_eq!(by(|q| q.countries = strings(&["sv"])), [1, 6]);
    assert_eq!(by(|q| q.countries = strings(&["GT", "KE"])), [2, 4, 6]);
    // Blank values select nothing, so they do not filter.
    assert_eq!(by(|q| q.statuses = strings(&["  "])).len(), 9);
    // Filters narrow each other.
    assert_eq!(
        by(|q| {
            q.languages = strings(&["en"]);
            q.statuses = strings(&["draft", "archived"]);
            q.countries = strings(&["SV"]);
        }),
        [6]
    );
}

#[test]
fn the_author_filter_keeps_one_authors_variants() {
    let index = corpus();
    assert_eq!(found_set(&index, DeskQuery { author_id: Some(10), ..DeskQuery::default() }), [1, 3, 6]);
    assert_eq!(found_set(&index, DeskQuery { author_id: Some(0), ..DeskQuery::default() }), [8, 9]);
    assert_eq!(found_set(&index, DeskQuery { author_id: Some(99), ..DeskQuery::default() }), NOTHING);
}

#[test]
fn the_editor_filter_keeps_what_one_person_saved_last() {
    let index = corpus();
    assert_eq!(found_set(&index, DeskQuery { editor_id: Some(10), ..DeskQuery::default() }), [1, 3]);
    assert_eq!(found_set(&index, DeskQuery { editor_id: Some(20), ..DeskQuery::default() }), [2, 4, 6, 8]);
    let both = DeskQuery { author_id: Some(10), editor_id: Some(20), ..DeskQuery::default() };
    assert_eq!(found_set(&index, both), [6]);
}

#[test]
fn the_published_range_is_half_open_and_never_matches_unpublished_variants() {
    let index = corpus();
    let published = |from: Option<i64>, until: Option<i64>| {
        found_set(&index, DeskQuery { published_from: from, published_until: until, ..DeskQuery::default() })
    };
    assert_eq!(published(Some(day(1)), Some(day(7))), [1, 5]);
    assert_eq!(published(Some(day(1)), Some(day(7) + 1)), [1, 5, 7]);
    assert_eq!(published(Some(day(7)), None), [4, 7, 8]);
    // Every variant with a publication time, and none of the three without.
    assert_eq!(published(None, Some(day(1000))), [1, 4, 5, 6, 7, 8]);
    // Not even a range around the zero the indexer writes for "never".
    assert_eq!(published(Some(-DAY), Some(DAY)), NOTHING);
}

#[test]
fn the_updated_range_is_half_open() {
    let index = corpus();
    let updated = |from: Option<i64>, until: Option<i64>| {
        found_set(&index, DeskQuery { updated_from: from, updated_until: until, ..DeskQuery::default() })
    };
    assert_eq!(updated(Some(day(3)), Some(day(6))), [2, 3, 4]);
    assert_eq!(updated(Some(day(8)), None), [8, 9]);
    assert_eq!(updated(None, Some(day(2))), [1]);
    assert_eq!(updated(Some(day(6)), Some(day(6))), NOTHING);
}

#[test]
fn the_text_is_read_and_analysed_as_in_the_public_search() {
    let index = corpus();
    let text = |text: &str| found_set(&index, DeskQuery { text: text.into(), ..DeskQuery::default() });
    assert_eq!(text("migrants"), [1, 3, 4, 5, 6]);
    // Spanish stemming and accent folding: "niños" finds "niño".
    assert_eq!(text("niños"), [2]);
    assert_eq!(text("floods migrants"), [4]);
    assert_eq!(text("migrants -floods"), [1, 3, 5, 6]);
    assert_eq!(text("\"displace migrants\""), [4]);
    assert_eq!(text("\"migrants displace\""), NOTHING);
    assert_eq!(text("-floods").len(), 7);
    assert_eq!(text("title:floods AND (("), NOTHING);
}

#[test]
fn relevance_ranks_best_first_or_last() {
    let index = corpus();
    let relevance = |descending: bool| {
        desk(
            &index,
            DeskQuery {
                text: "floods".into(),
                order: DeskOrder::Relevance,
                descending,
                ..DeskQuery::default()
            },
        )
    };
    let best_first = relevance(true);
    // The shorter title weighs the word more.
    assert_eq!(ids(&best_first), [7, 4]);
    assert!(best_first.hits[0].score > best_first.hits[1].score);
    assert_eq!(ids(&relevance(false)), [4, 7]);

    let migrants = desk(&index, DeskQuery { text: "migrants".into(), ..DeskQuery::default() });
    let scores: Vec<f32> = migrants.hits.iter().map(|hit| hit.score).collect();
    assert!(scores.iter().all(|score| *score > 0.0));
    assert!(scores.windows(2).all(|pair| pair[0] >= pair[1]), "{scores:?}");
}

#[test]
fn relevance_without_words_lists_by_last_save() {
    let index = corpus();
    for text in ["", "  ", "-nothingatall"] {
        let request = DeskQuery { text: text.into(), order: DeskOrder::Relevance, ..DeskQuery::default() };
        assert_eq!(found(&index, request), found(&index, updated_order(true)), "{text:?}");
    }
    let oldest_first = DeskQuery { order: DeskOrder::Relevance, descending: false, ..DeskQuery::default() };
    assert_eq!(found(&index, oldest_first), found(&index, updated_order(false)));
}

#[test]
fn the_updated_order_goes_both_ways_with_ties_to_the_lower_id() {
    let index = corpus();
    assert_eq!(found(&index, updated_order(true)), [8, 9, 7, 6, 2, 4, 3, 5, 1]);
    assert_eq!(found(&index, updated_order(false)), [1, 5, 3, 4, 2, 6, 7, 8, 9]);
}

#[test]
fn the_published_order_puts_unpublished_variants_oldest() {
    let index = corpus();
    let published = |descending: bool| {
        found(&index, DeskQuery { order: DeskOrder::Published, descending, ..DeskQuery::default() })
    };
    assert_eq!(published(true), [4, 8, 7, 5, 1, 6, 2, 3, 9]);
    assert_eq!(published(false), [2, 3, 9, 6, 1, 5, 7, 8, 4]);
}

#[test]
fn orders_apply_to_text_searches_too() {
    let index = corpus();
    let migrants = |order: DeskOrder, descending: bool| {
        found(&index, DeskQuery { text: "migrants".into(), order, descending, ..DeskQuery::default() })
    };
    assert_eq!(migrants(DeskOrder::Updated, true), [6, 4, 3, 5, 1]);
    assert_eq!(migrants(DeskOrder::Published, false), [3, 6, 1, 5, 4]);
}

#[test]
fn pages_are_consistent_and_stable() {
    let index = corpus();
    for order in [DeskOrder::Relevance, DeskOrder::Published, DeskOrder::Updated] {
        for descending in [true, false] {
            for text in ["", "migrants"] {
                let base = DeskQuery { text: text.into(), order, descending, ..DeskQuery::default() };
                let whole = desk(&index, base.clone());
                let mut paged = Vec::new();
                for offset in (0..whole.total + 2).step_by(2) {
                    let page = desk(&index, DeskQuery { offset, limit: 2, ..base.clone() });
                    assert_eq!(page.total, whole.total);
                    assert!(page.hits.len() <= 2);
                    paged.extend(ids(&page));
                }
                assert_eq!(paged, ids(&whole), "{order:?} descending {descending} {text:?}");
            }
        }
    }
}

#[test]
fn a_page_beyond_the_results_is_empty_with_the_total() {
    let index = corpus();
    let beyond = desk(&index, DeskQuery { offset: 50, limit: 10, ..DeskQuery::default() });
    assert_eq!((beyond.total, beyond.hits.len()), (9, 0));
    let count_only = desk(&index, DeskQuery { text: "migrants".into(), limit: 0, ..DeskQuery::default() });
    assert_eq!((count_only.total, count_only.hits.len()), (5, 0));
}

#[test]
fn pages_end_at_the_window_and_are_capped_in_size() {
    let count = MAX_RESULT_WINDOW + 10;
    let docs: Vec<IndexDoc> = (1..=count as i64)
        .map(|id| IndexDoc {
            variant_id: id,
            document_id: id,
            site_id: 1,
            language: "en".into(),
            title: "Item".into(),
            hidden: id % 2 == 0,
            updated_at: id,
            ..IndexDoc::default()
        })
        .collect();
    let index = index_with(&docs);
    let oldest_first = updated_order(false);

    let huge = desk(&index, DeskQuery { limit: 10 * MAX_DESK_LIMIT, ..oldest_first.clone() });
    assert_eq!((huge.total, huge.hits.len()), (count, MAX_DESK_LIMIT));
    assert_eq!(huge.hits[0].variant_id, 1);

    let last = desk(&index, DeskQuery { offset: MAX_RESULT_WINDOW - 5, limit: 20, ..oldest_first.clone() });
    assert_eq!(last.total, count);
    assert_eq!(ids(&last), (MAX_RESULT_WINDOW as i64 - 4..=MAX_RESULT_WINDOW as i64).collect::<Vec<_>>());

    let beyond = desk(&index, DeskQuery { offset: MAX_RESULT_WINDOW, limit: 5, ..oldest_first });
    assert_eq!((beyond.total, beyond.hits.len()), (count, 0));
}

/// Best first, with many equal scores: ties go to the lower id, pages of any size put
/// together make the whole list, and a filter keeps the order of what it keeps.
#[test]
fn best_first_pages_are_whole_with_ties_and_filters() {
    const FILLERS: [&str; 5] =
        ["", " report", " report on floods", " report on floods in spring", " a b c d e f"];
    let docs: Vec<IndexDoc> = (1..=150_i64)
        .map(|id| IndexDoc {
            variant_id: id,
            document_id: id,
            site_id: 1 + id % 3,
            language: "en".into(),
            title: format!("Migrants{}", FILLERS[(id * 7 % 5) as usize]),
            hidden: id % 4 == 0,
            status: if id % 4 == 0 { "draft" } else { "published" }.into(),
            updated_at: id,
            ..IndexDoc::default()
        })
        .collect();
    let index = index_with(&docs);
    let best_first = DeskQuery {
        text: "migrants".into(),
        order: DeskOrder::Relevance,
        limit: MAX_DESK_LIMIT,
        ..DeskQuery::default()
    };
    for request in [
        best_first.clone(),
        DeskQuery { sites: Some(vec![2]), ..best_first.clone() },
        DeskQuery { statuses: vec!["draft".into()], sites: Some(vec![1, 3]), ..best_first.clone() },
    ] {
        let whole = desk(&index, request.clone());
        assert_eq!(whole.total, whole.hits.len());
        let ranked: Vec<(f32, i64)> = whole.hits.iter().map(|hit| (hit.score, hit.variant_id)).collect();
        let mut expected = ranked.clone();
        expected.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        assert_eq!(ranked, expected, "best first, ties to the lower id");
        assert!(ranked.windows(2).any(|pair| pair[0].0 == pair[1].0), "the corpus has ties");

        let mut paged = Vec::new();
        for offset in (0..whole.total).step_by(7) {
            let page = desk(&index, DeskQuery { offset, limit: 7, ..request.clone() });
            assert_eq!(page.total, whole.total);
            paged.extend(ids(&page));
        }
        assert_eq!(paged, ids(&whole), "{:?} {:?}", request.sites, request.statuses);
    }
    let on_site_two = desk(&index, DeskQuery { sites: Some(vec![2]), ..best_first.clone() });
    let everywhere = desk(&index, best_first);
    let expected: Vec<i64> = ids(&everywhere).into_iter().filter(|id| 1 + id % 3 == 2).collect();
    assert_eq!(ids(&on_site_two), expected, "a filter keeps the order of what it keeps");
}

#[test]
fn a_language_filter_keeps_the_same_hits_and_scores_as_the_words_alone() {
    // The same word in several languages' texts; "sw" has no stemmer of its own and
    // "pt-BR" is read as Portuguese: each is searched in its own analysis's fields.
    let languages = ["en", "fr", "es", "sw", "pt-BR", "de"];
    let docs: Vec<IndexDoc> = (1..=60_i64)
        .map(|id| {
            let language = languages[(id % 6) as usize];
            IndexDoc {
                variant_id: id,
                document_id: id,
                site_id: 1,
                language: language.into(),
                title: format!("Migrants{}", " et réfugiés".repeat((id % 4) as usize)),
                body_text: if id % 5 == 0 { "migrants migrants".into() } else { String::new() },
                status: "published".into(),
                updated_at: id,
                ..IndexDoc::default()
            }
        })
        .collect();
    let index = index_with(&docs);
    let words = DeskQuery {
        text: "migrants -sport".into(),
        order: DeskOrder::Relevance,
        limit: MAX_DESK_LIMIT,
        ..DeskQuery::default()
    };
    let everywhere = desk(&index, words.clone());
    assert_eq!(everywhere.total, 60, "the word is found in every language");
    for kept in [vec!["fr"], vec!["FR", "sw"], vec!["pt-br", "de", "en"], vec!["es", "xx"]] {
        let filtered = desk(&index, DeskQuery { languages: strings(&kept), ..words.clone() });
        let lowered: Vec<String> = kept.iter().map(|l| l.to_ascii_lowercase()).collect();
        let expected: Vec<(i64, f32)> = everywhere
            .hits
            .iter()
            .filter(|hit| lowered.contains(&languages[(hit.variant_id % 6) as usize].to_ascii_lowercase()))
            .map(|hit| (hit.variant_id, hit.score))
            .collect();
        assert!(!expected.is_empty(), "{kept:?}");
        assert_eq!(filtered.total, expected.len(), "{kept:?}");
        let got: Vec<(i64, f32)> = filtered.hits.iter().map(|hit| (hit.variant_id, hit.score)).collect();
        assert_eq!(got, expected, "{kept:?}: the same hits, scores and order");
    }
}

/// Date orders over many matches, with times bunched unevenly (most in one month, a few
/// decades apart, some never published, many equal): every page is what sorting all the
/// matches gives, whichever end of the times it starts from and whatever the filters keep.
#[test]
fn date_ordered_pages_over_many_matches_are_the_whole_sort() {
    let time = |id: i64| -> i64 {
        match id % 10 {
            // Never published.
            0 => 0,
            // A few decades back, one apart.
            1 if id < 100 => NEW_YEAR_2025 - (id / 10) * 3650 * DAY,
            // Most within one month, several on each day.
            _ => day(id % 31),
        }
    };
    let docs: Vec<IndexDoc> = (1..=600_i64)
        .map(|id| IndexDoc {
            variant_id: id,
            document_id: id,
            site_id: 1 + id % 3,
            language: if id % 4 == 0 { "fr" } else { "en" }.into(),
            title: if id % 7 == 0 { "Rapport annuel".into() } else { format!("Migrants report {id}") },
            published_at: time(id),
            status: if id % 10 == 0 { "draft" } else { "published" }.into(),
            hidden: id % 10 == 0,
            // Saved in the other order, with ties every fifth variant.
            updated_at: NEW_YEAR_2025 - (id / 5) * DAY,
            ..IndexDoc::default()
        })
        .collect();
    let index = index_with(&docs);

    for (order, at) in [
        (DeskOrder::Published, &(|doc: &IndexDoc| doc.published_at) as &dyn Fn(&IndexDoc) -> i64),
        (DeskOrder::Updated, &|doc: &IndexDoc| doc.updated_at),
    ] {
        for descending in [false, true] {
            for (text, sites) in [("migrants", None), ("migrants", Some(vec![2, 3])), ("", Some(vec![1]))] {
                let mut expected: Vec<&IndexDoc> = docs
                    .iter()
                    .filter(|doc| text.is_empty() || doc.title.starts_with("Migrants"))
                    .filter(|doc| sites.as_ref().is_none_or(|sites| sites.contains(&doc.site_id)))
                    .collect();
                expected.sort_by(|a, b| {
                    let by_time = at(a).cmp(&at(b));
                    (if descending { by_time.reverse() } else { by_time })
                        .then(a.variant_id.cmp(&b.variant_id))
                });
                let expected: Vec<i64> = expected.iter().map(|doc| doc.variant_id).collect();
                for (offset, limit) in [(0, 10), (0, 1), (10, 15), (40, 50), (expected.len() - 3, 10)] {
                    let request = DeskQuery {
                        text: text.into(),
                        order,
                        descending,
                        sites: sites.clone(),
                        offset,
                        limit,
                        ..DeskQuery::default()
                    };
                    let page = desk(&index, request);
                    assert_eq!(page.total, expected.len());
                    let want: Vec<i64> = expected.iter().skip(offset).take(limit).copied().collect();
                    assert_eq!(
                        ids(&page),
                        want,
                        "{order:?} descending {descending}, {text:?} on {sites:?}, {offset}+{limit}"
                    );
                }
            }
        }
    }
}

/// Best first is found by pruning, one language at a time; worst first by scoring every
/// match. Read backwards, worst first must give the same hits, scores and order, in every
/// language, with words, phrases, exclusions and filters.
#[test]
fn best_first_is_worst_first_reversed_across_languages() {
    let languages = ["en", "fr", "es", "de", "ar", "sw"];
    let words = ["migrants", "migrants", "migrants réfugiés", "migrants children", "sport"];
    let docs: Vec<IndexDoc> = (1..=180_i64)
        .map(|id| IndexDoc {
            variant_id: id,
            document_id: id,
            site_id: 1 + id % 2,
            language: languages[(id % 6) as usize].into(),
            title: format!("{} {}", words[(id % 5) as usize], "news ".repeat((id % 7) as usize)),
            body_text: format!(
                "{} {}",
                "migrants ".repeat((id % 3) as usize),
                "report ".repeat((id % 11) as usize)
            ),
            status: "published".into(),
            updated_at: id,
            ..IndexDoc::default()
        })
        .collect();
    let index = index_with(&docs);
    for (text, sites) in [
        ("migrants", None),
        ("migrants", Some(vec![2])),
        ("migrants children", None),
        ("\"migrants réfugiés\"", None),
        ("migrants -sport -children", Some(vec![1])),
    ] {
        let request = DeskQuery {
            text: text.into(),
            order: DeskOrder::Relevance,
            sites: sites.clone(),
            limit: MAX_DESK_LIMIT,
            ..DeskQuery::default()
        };
        let worst_first = desk(&index, DeskQuery { descending: false, ..request.clone() });
        let mut expected: Vec<(f32, i64)> =
            worst_first.hits.iter().map(|hit| (hit.score, hit.variant_id)).collect();
        expected.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        assert!(expected.len() > 10, "{text:?}: {}", expected.len());
        for (offset, limit) in [(0, MAX_DESK_LIMIT), (0, 5), (7, 9)] {
            let best_first = desk(&index, DeskQuery { descending: true, offset, limit, ..request.clone() });
            assert_eq!(best_first.total, worst_first.total);
            let got: Vec<(f32, i64)> =
                best_first.hits.iter().map(|hit| (hit.score, hit.variant_id)).collect();
            let want: Vec<(f32, i64)> = expected.iter().skip(offset).take(limit).copied().collect();
            assert_eq!(got, want, "{text:?} on {sites:?}, {offset}+{limit}");
        }
    }
}
