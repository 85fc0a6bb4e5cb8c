//! Search query parsing: a reader's search box and facet links, run against a small index
//! (`portico_search::SearchIndex::search`, as the public search page calls it).
//!
//! The input is the query text, then (after `\u{1}` separators) countries, themes, languages,
//! kinds and regions separated by commas; four leading bytes pick the site, page, page size
//! and years. Checks, for any input: the search never fails (the crate promises that any text
//! is a valid query); a page holds at most its size and no more than the total; every hit is
//! from the site searched; titles and snippets are escaped text with only `<mark>` in them.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use portico_search::{IndexDoc, SearchIndex, SearchQuery};

/// Variants 1–99 are site 1's, 100 and up site 2's.
static INDEX: LazyLock<SearchIndex> = LazyLock::new(|| {
    let index = SearchIndex::in_memory().expect("an in-memory index");
    let docs = [
        (
            1,
            1,
            "en",
            "release",
            "IOM <b>trains</b> border officials & \"partners\"",
            "San Salvador",
            &["SV", "GT"][..],
        ),
        (2, 1, "es", "release", "Niños migrantes: ¿qué hacer? Apoyo en El Salvador", "San Salvador", &["SV"]),
        (3, 1, "fr", "page", "Côte d'Ivoire : retour volontaire des migrants", "Abidjan", &["CI"]),
        (4, 1, "ar", "release", "المنظمة الدولية للهجرة تدعم المهاجرين في الأردن", "عمّان", &["JO"]),
        (5, 1, "ru", "release", "МОМ помогает мигрантам в Казахстане", "Астана", &["kz"]),
        (6, 1, "de", "page", "Rückkehr und Reintegration: Zahlen für 2025", "Berlin", &["DE"]),
        (7, 1, "pt-BR", "release", "Migração segura na fronteira", "Brasília", &["BR"]),
        (100, 2, "en", "release", "Another site's release about Senegal", "Dakar", &["SN"]),
        // A draft: indexed hidden, never a reader's hit.
        (HIDDEN, 1, "en", "release", "Migrants draft not for readers", "Geneva", &["CH"]),
    ];
    for (variant_id, site_id, language, kind, title, dateline, countries) in docs {
        index
            .upsert(&IndexDoc {
                variant_id,
                document_id: variant_id,
                site_id,
                language: language.into(),
                kind: kind.into(),
                slug: format!("doc-{variant_id}"),
                title: title.into(),
                summary: format!("{title}. Summary with <tags> & ampersands for {dateline}."),
                body_text: format!(
                    "{title} {dateline} migrants protection water health {}",
                    "word ".repeat(50)
                ),
                dateline: dateline.into(),
                countries: countries.iter().map(|c| (*c).into()).collect(),
                themes: vec!["protection".into(), "health".into()],
                published_at: 1_700_000_000 + variant_id * 86_400 * 40,
                hidden: variant_id == HIDDEN,
                status: if variant_id == HIDDEN { "draft" } else { "published" }.into(),
                updated_at: 1_700_000_000 + variant_id * 86_400 * 40,
                // Fields added later (the back office's) need no change here.
                ..IndexDoc::default()
            })
            .expect("upsert");
    }
    index.commit(1).expect("commit");
    index
});

/// The variant indexed hidden.
const HIDDEN: i64 = 8;

fn list(part: Option<&str>) -> Vec<String> {
    part.map(|p| p.split(',').map(str::to_owned).collect()).unwrap_or_default()
}

/// Whether `html` is escaped text with `<mark>` and `</mark>` as its only tags.
fn only_marks(html: &str) -> bool {
    !html.replace("<mark>", "").replace("</mark>", "").contains(['<', '>'])
}

fuzz_target!(|data: &[u8]| {
    let Some((&[site, page, per_page, years], rest)) = data.split_first_chunk::<4>() else { return };
    let Ok(rest) = std::str::from_utf8(rest) else { return };
    let mut parts = rest.split('\u{1}');
    let text = parts.next().unwrap_or_default().to_owned();
    let query = SearchQuery {
        site_id: i64::from(site % 3),
        text,
        countries: list(parts.next()),
        themes: list(parts.next()),
        languages: list(parts.next()),
        kinds: list(parts.next()),
        regions: list(parts.next()),
        years: (0..8).filter(|bit| years & (1 << bit) != 0).map(|bit| 2020 + bit).collect(),
        page: u32::from(page),
        per_page: u32::from(per_page),
    };
    let results = match INDEX.search(&query) {
        Ok(results) => results,
        Err(err) => panic!("search failed on reader input: {err}\n{query:?}"),
    };
    assert!(
        results.hits.len() <= results.per_page as usize,
        "{} hits on a page of {}",
        results.hits.len(),
        results.per_page
    );
    assert!(results.hits.len() <= results.total, "{} hits of {}", results.hits.len(), results.total);
    for hit in &results.hits {
        let site_of_hit = if hit.variant_id < 100 { 1 } else { 2 };
        assert_eq!(site_of_hit, query.site_id, "hit {} from another site", hit.variant_id);
        assert_ne!(hit.variant_id, HIDDEN, "a hidden draft was a hit");
        assert!(only_marks(&hit.title_html), "title {:?}", hit.title_html);
        assert!(only_marks(&hit.snippet_html), "snippet {:?}", hit.snippet_html);
    }
});
