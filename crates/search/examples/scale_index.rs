//! Builds a larger index from a smaller one, to measure how search scales without importing
//! a corpus into a database: `scale_index SOURCE-DIR TARGET-DIR COPIES`. Each copy of each
//! document gets a new id and a date shifted by whole years; themes, which the index does not
//! store, are drawn again (one to three of the demo's ten). Not part of Portico's tools.

use portico_search::{IndexDoc, SearchIndex};
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

const THEMES: [&str; 10] = [
    "climate-migration",
    "counter-trafficking",
    "data-and-research",
    "emergency-response",
    "integration",
    "labour-migration",
    "migrant-children",
    "migrant-protection",
    "migration-health",
    "return-and-reintegration",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, target, copies] = args.as_slice() else {
        return Err("usage: scale_index SOURCE-DIR TARGET-DIR COPIES".into());
    };
    let copies: i64 = copies.parse()?;
    let source = Index::open_in_dir(source)?;
    let schema = source.schema();
    let field = |name: &str| schema.get_field(name);
    let searcher = source.reader()?.searcher();
    let target = SearchIndex::open(std::path::Path::new(target))?;
    let mut written = 0u64;
    let mut seed = 42u64;
    for copy in 0..copies {
        for reader in searcher.segment_readers() {
            let store = reader.get_store_reader(10)?;
            for doc_id in 0..reader.max_doc() {
                if reader.is_deleted(doc_id) {
                    continue;
                }
                let doc: TantivyDocument = store.get(doc_id)?;
                let text = |name: &str, nth: usize| -> String {
                    field(name)
                        .ok()
                        .and_then(|f| doc.get_all(f).nth(nth).and_then(|v| v.as_str().map(str::to_owned)))
                        .unwrap_or_default()
                };
                let facets = |name: &str| -> Vec<String> {
                    field(name)
                        .ok()
                        .map(|f| {
                            doc.get_all(f)
                                .filter_map(|v| v.as_facet().map(|s| s.trim_start_matches('/').to_owned()))
                                .collect()
                        })
                        .unwrap_or_default()
                };
                let int = |name: &str| {
                    field(name).ok().and_then(|f| doc.get_first(f)).and_then(|v| v.as_i64()).unwrap_or(0)
                };
                let language = facets("language").into_iter().next().unwrap_or_default();
                let suffix = if ["en", "fr", "es", "de", "it", "pt", "ru", "ar"].contains(&language.as_str())
                {
                    language.as_str()
                } else {
                    "other"
                };
                let mut themes = Vec::new();
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                for n in 0..(1 + (seed >> 60) % 3) {
                    let theme = THEMES[((seed >> (20 + 4 * n)) % 10) as usize].to_owned();
                    if !themes.contains(&theme) {
                        themes.push(theme);
                    }
                }
                target.upsert(&IndexDoc {
                    variant_id: copy * 10_000_000 + int("variant_id"),
                    document_id: copy * 10_000_000 + int("document_id"),
                    site_id: 1 + (int("variant_id") % 97 == 0) as i64 * ((int("variant_id") % 4) + 1),
                    language: language.clone(),
                    kind: facets("kind").into_iter().next().unwrap_or_default(),
                    slug: format!("{}-{copy}", text("slug", 0)),
                    title: text(&format!("title_{suffix}"), 0),
                    summary: text(&format!("body_{suffix}"), 0),
                    dateline: text(&format!("body_{suffix}"), 1),
                    body_text: text(&format!("body_{suffix}"), 2),
                    countries: facets("country"),
                    themes,
                    published_at: int("published_at") - copy * 365 * 86_400,
                    // The source holds what readers see: public copies, saved when published.
                    status: "published".into(),
                    updated_at: int("published_at") - copy * 365 * 86_400,
                    ..IndexDoc::default()
                })?;
                written += 1;
                if written.is_multiple_of(50_000) {
                    target.commit(written as i64)?;
                    eprintln!("{written} documents");
                }
            }
        }
    }
    target.commit(written as i64)?;
    eprintln!("{written} documents in all");
    Ok(())
}
