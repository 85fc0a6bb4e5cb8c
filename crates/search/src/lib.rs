//! Portico's full-text search: the index of the published releases and pages of every site,
//! analysed per language, searched with ranked and highlighted hits and facet counts.
//!
//! The web layer feeds it [`IndexDoc`]s as it follows the change log, committing in
//! batches with the id of the last change applied ([`SearchIndex::commit`]) so that it can
//! resume after a crash ([`SearchIndex::last_applied_change`]); it renders the
//! [`SearchResults`] of a [`SearchQuery`].
//!
//! ```
//! use portico_search::{IndexDoc, SearchIndex, SearchQuery};
//!
//! let index = SearchIndex::in_memory()?;
//! index.upsert(&IndexDoc {
//!     variant_id: 1,
//!     site_id: 1,
//!     language: "es".into(),
//!     kind: "release".into(),
//!     title: "Apoyo a niño migrante en El Salvador".into(),
//!     countries: vec!["SV".into()],
//!     ..IndexDoc::default()
//! })?;
//! index.commit(7)?;
//!
//! let results = index.search(&SearchQuery { site_id: 1, text: "niños".into(), ..SearchQuery::default() })?;
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].title_html, "Apoyo a <mark>niño</mark> migrante en El Salvador");
//! assert_eq!(results.facets.region[0].value, "019"); // the Americas, from SV
//! assert_eq!(index.last_applied_change(), Some(7));
//! # Ok::<(), portico_search::SearchError>(())
//! ```
//!
//! Each language in [`ANALYZED_LANGUAGES`] has its own analysis (stemming, stop words,
//! accent folding); other languages are folded and lower-cased only.
//!
//! Threads and memory: [`SearchIndex`] is `Send + Sync` and cheap to clone; searches run
//! concurrently. Every call blocks on CPU or disk (commits for up to seconds), so async
//! callers wrap them in `tokio::task::spawn_blocking`. One process at a time may write a
//! folder ([`SearchError::Locked`]); the writer's heap is capped at 50 MB and the index
//! files are memory-mapped.
//!
//! This crate must never know the database or HTTP, never decide what is published (it
//! indexes what it is given), and never let reader input cause an error or a panic: any
//! text is a valid query, at worst matching nothing.

mod analysis;
mod error;
mod facts;
mod highlight;
mod index;
mod model;
mod query;
mod schema;

pub use error::SearchError;
pub use index::{DEFAULT_PER_PAGE, MAX_BODY_BYTES, MAX_PER_PAGE, MAX_RESULT_WINDOW, SearchIndex};
pub use model::{FacetCount, Facets, Hit, IndexDoc, SearchQuery, SearchResults};
pub use query::MAX_QUERY_CHARS;

/// Languages with their own stemming and stop words (ISO 639-1). Documents in any other
/// language are searchable too, with accent and case folding only.
pub const ANALYZED_LANGUAGES: [&str; 8] = ["en", "fr", "es", "de", "it", "pt", "ru", "ar"];
