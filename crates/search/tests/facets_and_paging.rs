//! Facet counts, filters, ordering and pages, against a known corpus of twelve variants.

mod support;

use portico_search::{IndexDoc, SearchIndex, SearchQuery};
use support::{counts, ids, index_with, query, strings};
use time::macros::datetime;

fn variant(
    id: i64,
    language: &str,
    kind: &str,
    countries: &[&str],
    themes: &[&str],
    published_at: time::OffsetDateTime,
    title: &str,
) -> IndexDoc {
    IndexDoc {
        variant_id: id,
        document_id: id,
        site_id: 1,
        language: language.into(),
        kind: kind.into(),
        slug: format!("v{id}"),
        title: title.into(),
        countries: strings(countries),
        themes: strings(themes),
        published_at: published_at.unix_timestamp(),
        ..IndexDoc::default()
    }
}

/// Regions: SV, GT, MX → 019 (Americas); SN, CI, KE → 002 (Africa); JO, PH → 142 (Asia);
/// DE → 150 (Europe).
fn corpus() -> SearchIndex {
    let mut page_without_language_case =
        variant(10, "ES", "Page", &[], &[], datetime!(2024-02-01 0:00 UTC), "Quiénes somos");
    page_without_language_case.themes = vec![];
    index_with(&[
        variant(
            1,
            "en",
            "release",
            &["SV"],
            &["migration"],
            datetime!(2025-03-01 0:00 UTC),
            "Migrants in El Salvador receive support",
        ),
        variant(
            2,
            "en",
            "release",
            &["sv", "GT"],
            &["migration", "health"],
            datetime!(2024-05-01 0:00 UTC),
            "Health care for migrants in Central America",
        ),
        variant(
            3,
            "es",
            "release",
            &["SV"],
            &["migration"],
            datetime!(2025-02-01 0:00 UTC),
            "Apoyo a migrantes en El Salvador",
        ),
        variant(
            4,
            "fr",
            "release",
            &["SN"],
            &["climate"],
            datetime!(2024-04-01 0:00 UTC),
            "Climat et migration au Sénégal",
        ),
        variant(5, "en", "page", &[], &[], datetime!(2023-01-15 0:00 UTC), "Who we are"),
        variant(
            6,
            "en",
            "release",
            &["KE"],
            &["climate", "health"],
            datetime!(2023-06-01 0:00 UTC),
            "Drought response in Kenya",
        ),
        variant(
            7,
            "fr",
            "release",
            &["CI"],
            &["health"],
            datetime!(2025-01-20 0:00 UTC),
            "Santé des migrants en Côte d'Ivoire",
        ),
        variant(
            8,
            "ar",
            "release",
            &["JO"],
            &["migration"],
            datetime!(2024-03-01 0:00 UTC),
            "دعم المهاجرين في الأردن",
        ),
        variant(
            9,
            "de",
            "release",
            &["DE"],
            &["migration"],
            datetime!(2025-04-01 0:00 UTC),
            "Flüchtlinge in Deutschland",
        ),
        page_without_language_case,
        variant(
            11,
            "en",
            "release",
            &["PH"],
            &["climate"],
            datetime!(2025-05-01 0:00 UTC),
            "Typhoon recovery in the Philippines",
        ),
        variant(
            12,
            "en",
            "release",
            &["MX", "SV"],
            &["migration"],
            datetime!(2023-09-01 0:00 UTC),
            "Returning migrants in Mexico",
        ),
    ])
}

fn filtered(build: impl FnOnce(&mut SearchQuery)) -> SearchQuery {
    let mut query = query("");
    build(&mut query);
    query
}

#[test]
fn an_empty_search_counts_every_facet_of_the_site() {
    let results = corpus().search(&query("")).expect("search");
    assert_eq!(results.total, 12);
    let facets = &results.facets;
    assert_eq!(counts(&facets.kind), [("release", 10), ("page", 2)]);
    assert_eq!(counts(&facets.language), [("en", 6), ("es", 2), ("fr", 2), ("ar", 1), ("de", 1)]);
    assert_eq!(
        counts(&facets.country),
        [("SV", 4), ("CI", 1), ("DE", 1), ("GT", 1), ("JO", 1), ("KE", 1), ("MX", 1), ("PH", 1), ("SN", 1)]
    );
    assert_eq!(counts(&facets.region), [("019", 4), ("002", 3), ("142", 2), ("150", 1)]);
    assert_eq!(counts(&facets.theme), [("migration", 6), ("climate", 3), ("health", 3)]);
    assert_eq!(counts(&facets.year), [("2025", 5), ("2024", 4), ("2023", 3)]);
}

#[test]
fn an_empty_search_lists_newest_first() {
    let results = corpus().search(&query("")).expect("search");
    assert_eq!(ids(&results), [11, 9, 1, 3, 7, 2, 4, 8, 10, 12, 6, 5]);
    let dates: Vec<i64> = results.hits.iter().map(|hit| hit.published_at).collect();
    assert!(dates.windows(2).all(|pair| pair[0] >= pair[1]));
}

#[test]
fn a_filter_narrows_hits_but_not_its_own_facet() {
    let results = corpus().search(&filtered(|q| q.countries = strings(&["SV"]))).expect("search");
    assert_eq!(results.total, 4);
    assert_eq!(ids(&results), [1, 3, 2, 12]);
    let facets = &results.facets;
    // The country facet ignores the country filter: the alternatives stay visible.
    assert_eq!(
        counts(&facets.country),
        [("SV", 4), ("CI", 1), ("DE", 1), ("GT", 1), ("JO", 1), ("KE", 1), ("MX", 1), ("PH", 1), ("SN", 1)]
    );
    // Every other facet counts within El Salvador.
    assert_eq!(counts(&facets.language), [("en", 3), ("es", 1)]);
    assert_eq!(counts(&facets.region), [("019", 4)]);
    assert_eq!(counts(&facets.theme), [("migration", 4), ("health", 1)]);
    assert_eq!(counts(&facets.kind), [("release", 4)]);
    assert_eq!(counts(&facets.year), [("2025", 2), ("2023", 1), ("2024", 1)]);
}

#[test]
fn values_of_one_facet_widen_and_facets_narrow() {
    let index = corpus();
    let either_country = index.search(&filtered(|q| q.countries = strings(&["SV", "KE"]))).expect("search");
    assert_eq!(either_country.total, 5);

    let and_health = index
        .search(&filtered(|q| {
            q.countries = strings(&["SV", "KE"]);
            q.themes = strings(&["health"]);
        }))
        .expect("search");
    assert_eq!(ids(&and_health), [2, 6]);
    let facets = &and_health.facets;
    // Countries counted with the theme filter only: health is in GT, SV, KE, CI.
    assert_eq!(counts(&facets.country), [("CI", 1), ("GT", 1), ("KE", 1), ("SV", 1)]);
    // Themes counted with the country filter only: SV or KE.
    assert_eq!(counts(&facets.theme), [("migration", 4), ("health", 2), ("climate", 1)]);
    // The others with both filters.
    assert_eq!(counts(&facets.year), [("2023", 1), ("2024", 1)]);
    assert_eq!(counts(&facets.region), [("002", 1), ("019", 1)]);
    assert_eq!(counts(&facets.language), [("en", 2)]);
}

#[test]
fn region_filter_uses_the_regions_of_the_countries() {
    let results = corpus().search(&filtered(|q| q.regions = strings(&["002"]))).expect("search");
    assert_eq!(ids(&results), [7, 4, 6]);
    assert_eq!(counts(&results.facets.region), [("019", 4), ("002", 3), ("142", 2), ("150", 1)]);
    assert_eq!(counts(&results.facets.country), [("CI", 1), ("KE", 1), ("SN", 1)]);
}

#[test]
fn filters_combine_with_the_words() {
    let index = corpus();
    let results = index
        .search(&SearchQuery { text: "migrants".into(), languages: strings(&["en"]), ..query("") })
        .expect("search");
    let mut found = ids(&results);
    found.sort();
    assert_eq!(found, [1, 2, 12]);
    let results = index
        .search(&SearchQuery {
            text: "migrants".into(),
            languages: strings(&["en"]),
            years: vec![2025],
            ..query("")
        })
        .expect("search");
    assert_eq!(ids(&results), [1]);
    // The year facet counts the English matches of every year.
    assert_eq!(counts(&results.facets.year), [("2023", 1), ("2024", 1), ("2025", 1)]);
}

#[test]
fn kind_year_and_language_filters_apply() {
    let index = corpus();
    let pages = index.search(&filtered(|q| q.kinds = strings(&["page"]))).expect("search");
    assert_eq!(ids(&pages), [10, 5]);
    let year = index.search(&filtered(|q| q.years = vec![2023, 2024])).expect("search");
    assert_eq!(year.total, 7);
    let french = index.search(&filtered(|q| q.languages = strings(&["FR"]))).expect("search");
    assert_eq!(ids(&french), [7, 4]);
}

#[test]
fn values_are_matched_whatever_their_case() {
    let index = corpus();
    let results = index
        .search(&filtered(|q| {
            q.countries = strings(&["sv"]);
            q.kinds = strings(&["RELEASE"]);
            q.themes = strings(&[" Migration "]);
        }))
        .expect("search");
    assert_eq!(results.total, 4);
    // "ES"/"Page" were indexed in lower case.
    let spanish_pages = index
        .search(&filtered(|q| {
            q.languages = strings(&["es"]);
            q.kinds = strings(&["page"]);
        }))
        .expect("search");
    assert_eq!(ids(&spanish_pages), [10]);
    assert_eq!(spanish_pages.hits[0].language, "es");
    assert_eq!(spanish_pages.hits[0].kind, "page");
}

#[test]
fn a_selected_value_without_results_is_listed_with_zero() {
    let results = corpus()
        .search(&filtered(|q| {
            q.countries = strings(&["SV", "FR"]);
            q.themes = strings(&["climate"]);
        }))
        .expect("search");
    assert_eq!(results.total, 0);
    assert!(results.hits.is_empty());
    assert_eq!(counts(&results.facets.country), [("KE", 1), ("PH", 1), ("SN", 1), ("FR", 0), ("SV", 0)]);
}

#[test]
fn unknown_filter_values_match_nothing() {
    let results = corpus()
        .search(&filtered(|q| q.themes = strings(&["no-such-theme", "a/b", "\u{0}"])))
        .expect("search");
    assert_eq!(results.total, 0);
}

#[test]
fn hits_carry_what_a_result_list_shows() {
    let results = corpus().search(&filtered(|q| q.countries = strings(&["MX"]))).expect("search");
    let hit = &results.hits[0];
    assert_eq!((hit.variant_id, hit.document_id), (12, 12));
    assert_eq!((hit.language.as_str(), hit.kind.as_str(), hit.slug.as_str()), ("en", "release", "v12"));
    assert_eq!(hit.countries, ["MX", "SV"]);
    assert_eq!(hit.published_at, datetime!(2023-09-01 0:00 UTC).unix_timestamp());
    assert_eq!(hit.title_html, "Returning migrants in Mexico");
}

#[test]
fn pages_split_the_results_without_overlap() {
    let index = corpus();
    let page = |page: u32| index.search(&SearchQuery { page, per_page: 5, ..query("") }).expect("search");
    let (first, second, third, fourth) = (page(1), page(2), page(3), page(4));
    assert_eq!(ids(&first), [11, 9, 1, 3, 7]);
    assert_eq!(ids(&second), [2, 4, 8, 10, 12]);
    assert_eq!(ids(&third), [6, 5]);
    assert!(fourth.hits.is_empty());
    for results in [&first, &second, &third, &fourth] {
        assert_eq!(results.total, 12);
        assert_eq!(results.per_page, 5);
    }
    assert_eq!(page(0).page, 1);
    assert_eq!(ids(&page(0)), ids(&first));
}

#[test]
fn page_sizes_are_defaulted_and_capped() {
    let index = corpus();
    let default = index.search(&query("")).expect("search");
    assert_eq!(default.per_page, portico_search::DEFAULT_PER_PAGE);
    let huge = index.search(&SearchQuery { per_page: u32::MAX, ..query("") }).expect("search");
    assert_eq!(huge.per_page, portico_search::MAX_PER_PAGE);
    assert_eq!(huge.hits.len(), 12);
}

#[test]
fn pages_beyond_the_window_are_empty_but_counted() {
    let results =
        corpus().search(&SearchQuery { page: u32::MAX, per_page: 100, ..query("") }).expect("search");
    assert!(results.hits.is_empty());
    assert_eq!(results.total, 12);
    assert_eq!(results.facets.kind.len(), 2);
}

#[test]
fn equally_relevant_hits_are_newest_first() {
    let same =
        |id, published_at| variant(id, "en", "release", &[], &[], published_at, "Floods in the valley");
    let index = index_with(&[
        same(1, datetime!(2024-01-01 0:00 UTC)),
        same(2, datetime!(2025-01-01 0:00 UTC)),
        same(3, datetime!(2023-01-01 0:00 UTC)),
    ]);
    let results = index.search(&query("floods")).expect("search");
    assert_eq!(ids(&results), [2, 1, 3]);
    assert!(results.hits.iter().all(|hit| hit.score == results.hits[0].score));
}

#[test]
fn a_language_filter_ranks_and_highlights_as_the_words_alone_and_counts_every_language() {
    // Mostly French and English; German rare enough that tantivy intersects words and
    // filter, while French is common enough that the words are ranked alone and checked.
    let language = |id: i64| match id % 10 {
        0 => "de",
        1..=4 => "fr",
        5 => "pt-BR",
        _ => "en",
    };
    let docs: Vec<IndexDoc> = (1..=40_i64)
        .map(|id| IndexDoc {
            body_text: "Des migrants et des familles. ".repeat((id % 3) as usize),
            ..support::release(
                id,
                language(id),
                &format!("Migrants {}", "et réfugiés ".repeat((id % 4) as usize)),
            )
        })
        .collect();
    let index = index_with(&docs);
    let words = SearchQuery { per_page: 40, ..query("migrants") };
    let everywhere = index.search(&words).expect("search");
    assert_eq!(everywhere.total, 40);
    for kept in [vec!["fr"], vec!["de"], vec!["pt-br", "EN"], vec!["de", "fr"]] {
        let filtered =
            index.search(&SearchQuery { languages: strings(&kept), ..words.clone() }).expect("search");
        let lowered: Vec<String> = kept.iter().map(|l| l.to_ascii_lowercase()).collect();
        let expected: Vec<(i64, f32, String)> = everywhere
            .hits
            .iter()
            .filter(|hit| lowered.contains(&language(hit.variant_id).to_ascii_lowercase()))
            .map(|hit| (hit.variant_id, hit.score, hit.snippet_html.clone()))
            .collect();
        let got: Vec<(i64, f32, String)> =
            filtered.hits.iter().map(|hit| (hit.variant_id, hit.score, hit.snippet_html.clone())).collect();
        assert_eq!(filtered.total, expected.len(), "{kept:?}");
        assert_eq!(got, expected, "{kept:?}: the same hits, scores, order and snippets");
        assert_eq!(
            counts(&filtered.facets.language),
            counts(&everywhere.facets.language),
            "{kept:?}: every language is still counted"
        );
    }
}

#[test]
fn several_words_rank_the_same_on_every_page_and_through_a_narrow_filter() {
    // Twelve texts, ten documents each: equally relevant documents must score the same
    // and come newest first whatever the pruning summed first.
    let titles = ["Floods in the valley", "Floods", "Valley farms", "Weather report"];
    let docs: Vec<IndexDoc> = (1..=120_i64)
        .map(|id| IndexDoc {
            body_text: format!(
                "{}Rain on the farms.",
                "The floods reached the valley farms. ".repeat((id % 3) as usize)
            ),
            themes: if id % 10 == 0 { strings(&["rare"]) } else { strings(&["common"]) },
            ..support::release(id, "en", titles[(id % 4) as usize])
        })
        .collect();
    let index = index_with(&docs);
    let words = "floods valley farms";
    let all = index.search(&SearchQuery { per_page: 100, ..query(words) }).expect("search");
    assert!(all.total > 60 && all.total <= 100, "every match fits one page: {}", all.total);
    assert_eq!(all.hits.len(), all.total);
    let ranked: Vec<(f32, i64)> = all.hits.iter().map(|hit| (hit.score, hit.published_at)).collect();
    assert!(
        ranked
            .windows(2)
            .all(|pair| pair[0].0 > pair[1].0 || (pair[0].0 == pair[1].0 && pair[0].1 > pair[1].1)),
        "best first, equal scores newest first: {ranked:?}"
    );
    let distinct_scores =
        ranked.iter().map(|(score, _)| score.to_bits()).collect::<std::collections::BTreeSet<_>>();
    assert!(distinct_scores.len() < 12, "equal texts score the same: {distinct_scores:?}");

    let expected: Vec<(i64, f32)> = all.hits.iter().map(|hit| (hit.variant_id, hit.score)).collect();
    for page in 1..=8 {
        let results = index.search(&SearchQuery { page, per_page: 7, ..query(words) }).expect("search");
        let got: Vec<(i64, f32)> = results.hits.iter().map(|hit| (hit.variant_id, hit.score)).collect();
        let from = (page as usize - 1) * 7;
        assert_eq!(got, expected[from..from + 7], "page {page}");
    }

    // Few documents pass this filter, so each is scored instead of the words pruned: the
    // same order and scores.
    let rare = index
        .search(&SearchQuery { themes: strings(&["rare"]), per_page: 100, ..query(words) })
        .expect("search");
    assert!(!rare.hits.is_empty());
    let kept: Vec<(i64, f32)> = rare.hits.iter().map(|hit| (hit.variant_id, hit.score)).collect();
    let among_all: Vec<(i64, f32)> = expected
        .iter()
        .copied()
        .filter(|(id, _)| rare.hits.iter().any(|hit| hit.variant_id == *id))
        .collect();
    assert_eq!(kept, among_all);

    // An excluded word leaves out the documents that have it, and ranks the rest as before.
    let without =
        index.search(&SearchQuery { per_page: 7, ..query("floods valley farms -report") }).expect("search");
    let expected_without: Vec<(i64, f32)> =
        expected.iter().copied().filter(|(id, _)| id % 4 != 3).take(7).collect();
    let got: Vec<(i64, f32)> = without.hits.iter().map(|hit| (hit.variant_id, hit.score)).collect();
    assert_eq!(got, expected_without);
}

#[test]
fn documents_of_the_same_text_score_the_same_whatever_the_pruning_saw_before() {
    let words = ["floods", "valley", "farms", "rain", "river"];
    let text = |id: i64| -> (String, String) {
        let pick = |n: i64| words[(n % 5) as usize];
        let title = format!("{} {} report", pick(id % 7), pick(id % 3 + 1));
        let body = (0..(id % 4 + 1))
            .map(|at| format!("The {} and the {}. ", pick(at + id % 5), pick(at * 2 + id % 6)))
            .collect();
        (title, body)
    };
    let docs: Vec<IndexDoc> = (1..=2_000_i64)
        .map(|id| {
            let (title, body_text) = text(id);
            IndexDoc { body_text, ..support::release(id, "en", &title) }
        })
        .collect();
    let index = index_with(&docs);
    for query_text in ["floods valley farms", "floods valley farms rain river", "rain river valley"] {
        let results = index.search(&SearchQuery { per_page: 100, ..query(query_text) }).expect("search");
        let mut by_text = std::collections::HashMap::new();
        for hit in &results.hits {
            by_text.entry(text(hit.variant_id)).or_insert_with(Vec::new).push((hit.variant_id, hit.score));
        }
        for (text, scores) in by_text {
            assert!(
                scores.iter().all(|(_, score)| *score == scores[0].1),
                "{query_text}: {text:?} {scores:?}"
            );
        }
    }
}
