//! Portico's full-text search: the index of the releases and pages of every site, analysed
//! per language, searched with ranked and highlighted hits and facet counts.
//!
//! The web layer feeds it [`IndexDoc`]s as it follows the change log, committing in
//! batches with the id of the last change applied ([`SearchIndex::commit`]) so that it can
//! resume after a crash ([`SearchIndex::last_applied_change`]); it renders the
//! [`SearchResults`] of a [`SearchQuery`].
//!
//! Every variant is indexed, drafts included: one not for readers (a draft, in review,
//! scheduled, archived) is [`hidden`](IndexDoc::hidden). Readers' [`SearchIndex::search`]
//! never returns, counts or highlights a hidden variant, whatever its query; only the back
//! office's [`SearchIndex::desk_search`] finds them, for people the web layer has allowed
//! to see drafts.
//!
//! ```
//! use portico_search::{DeskQuery, IndexDoc, SearchIndex, SearchQuery};
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
//!
//! // A draft is found by the back office only.
//! index.upsert(&IndexDoc {
//!     variant_id: 2,
//!     site_id: 1,
//!     language: "es".into(),
//!     title: "Niños retornados".into(),
//!     hidden: true,
//!     status: "draft".into(),
//!     ..IndexDoc::default()
//! })?;
//! index.commit(8)?;
//! let query = SearchQuery { site_id: 1, text: "niños".into(), ..SearchQuery::default() };
//! assert_eq!(index.search(&query)?.total, 1);
//! let desk = index.desk_search(&DeskQuery { text: "niños".into(), ..DeskQuery::default() })?;
//! assert_eq!(desk.total, 2);
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
//! This crate must never know the database or HTTP, never decide what is published or hidden
//! (it indexes what it is given), never show a hidden variant to a reader, and never let
//! reader input cause an error or a panic: any text is a valid query, at worst matching
//! nothing.

mod analysis;
mod bits;
mod error;
mod facts;
mod highlight;
mod index;
mod merges;
mod model;
mod query;
mod schema;

pub use error::SearchError;
pub use index::{
    DEFAULT_DESK_LIMIT, DEFAULT_PER_PAGE, MAX_BODY_BYTES, MAX_DESK_LIMIT, MAX_PER_PAGE, MAX_RESULT_WINDOW,
    SearchIndex,
};
pub use model::{
    DeskHit, DeskOrder, DeskQuery, DeskResults, FacetCount, Facets, Hit, IndexDoc, SearchQuery, SearchResults,
};
pub use query::MAX_QUERY_CHARS;

/// Languages with their own stemming and stop words (ISO 639-1). Documents in any other
/// language are searchable too, with accent and case folding only.
pub const ANALYZED_LANGUAGES: [&str; 8] = ["en", "fr", "es", "de", "it", "pt", "ru", "ar"];
