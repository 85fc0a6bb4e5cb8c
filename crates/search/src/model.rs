//! What goes into the index and what comes out of a search.

use serde::{Deserialize, Serialize};

/// One language variant of a release or page, as the indexer hands it over.
///
/// Published variants are indexed with `hidden: false`; every other state (draft, in review,
/// scheduled, archived) with `hidden: true`. The index trusts this flag: a variant marked
/// public is shown to readers, so the indexer must decide it, never this crate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexDoc {
    /// The variant's id: the key for upserts and deletes.
    pub variant_id: i64,
    /// The document the variant translates (all translations share it).
    pub document_id: i64,
    /// The site that publishes it; searches never cross sites.
    pub site_id: i64,
    /// BCP 47 language code, e.g. `"en"`, `"pt-BR"`; picks the analysis (see
    /// [`ANALYZED_LANGUAGES`](crate::ANALYZED_LANGUAGES)).
    pub language: String,
    /// `"release"` or `"page"` (any other kind is indexed as given).
    pub kind: String,
    /// The variant's URL slug, returned in hits for building links.
    pub slug: String,
    /// The title, plain text.
    pub title: String,
    /// The summary, plain text.
    pub summary: String,
    /// The body as plain text, without markup; only its first
    /// [`MAX_BODY_BYTES`](crate::MAX_BODY_BYTES) are indexed.
    pub body_text: String,
    /// The dateline place, e.g. "San Salvador".
    pub dateline: String,
    /// ISO 3166-1 alpha-2 codes of the countries it is about (any case).
    pub countries: Vec<String>,
    /// Slugs of its themes.
    pub themes: Vec<String>,
    /// Publication time, Unix seconds UTC; 0 when it has none (a draft never published).
    pub published_at: i64,
    /// Not for readers: a draft, a version in review, a scheduled or archived one. Only
    /// [`SearchIndex::desk_search`](crate::SearchIndex::desk_search) finds it; the public
    /// [`search`](crate::SearchIndex::search) never returns, counts or highlights it.
    pub hidden: bool,
    /// The workflow status as the store names it (`"draft"`, `"review"`, `"scheduled"`,
    /// `"published"`, `"archived"`, …), matched exactly (trimmed, any case); empty for none.
    pub status: String,
    /// The author's user id; 0 when unknown.
    pub author_id: i64,
    /// The user id of whoever saved it last; 0 when unknown.
    pub editor_id: i64,
    /// Time of the last save, Unix seconds UTC.
    pub updated_at: i64,
}

/// A reader's search: words and facet filters within one site, over public documents only.
///
/// Within a facet, several values widen the search (OR); across facets they narrow it (AND).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// The site to search; results never come from another.
    pub site_id: i64,
    /// What the reader typed. Words must all match (in any language variant); `"quoted
    /// words"` must match as a phrase; `-word` excludes. Nothing else is syntax. Empty means
    /// "everything that matches the filters, newest first".
    pub text: String,
    /// Country filter, ISO alpha-2 codes (any case).
    pub countries: Vec<String>,
    /// Region filter, UN M49 continental codes such as `"019"`.
    pub regions: Vec<String>,
    /// Theme filter, slugs.
    pub themes: Vec<String>,
    /// Kind filter: `"release"`, `"page"`.
    pub kinds: Vec<String>,
    /// Year filter, UTC years of publication.
    pub years: Vec<i32>,
    /// Language filter, codes as indexed (any case); empty searches every language.
    pub languages: Vec<String>,
    /// Page number from 1 (0 reads as 1).
    pub page: u32,
    /// Hits per page, 1 to [`MAX_PER_PAGE`](crate::MAX_PER_PAGE) (0 reads as
    /// [`DEFAULT_PER_PAGE`](crate::DEFAULT_PER_PAGE)).
    pub per_page: u32,
}

/// One page of results with the facet counts of the whole result set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// How many variants match the words and every filter (all pages).
    pub total: usize,
    /// The page actually served (the request's, after defaults).
    pub page: u32,
    /// The page size actually used (the request's, after defaults and capping).
    pub per_page: u32,
    /// This page's hits, best first (newest first when the text is empty).
    pub hits: Vec<Hit>,
    /// Counts per facet value, for refining the search.
    pub facets: Facets,
}

/// One matching language variant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The variant that matched.
    pub variant_id: i64,
    /// Its document.
    pub document_id: i64,
    /// Its language code, as indexed.
    pub language: String,
    /// Its kind, as indexed.
    pub kind: String,
    /// Its slug, for the link.
    pub slug: String,
    /// The whole title as HTML: escaped text with matched words in `<mark>`.
    pub title_html: String,
    /// A passage of summary or body around the matched words, as HTML like `title_html`
    /// (`…` marks a cut); the start of the summary when nothing in it matched.
    pub snippet_html: String,
    /// Publication time, Unix seconds UTC.
    pub published_at: i64,
    /// Its countries, ISO alpha-2 upper case.
    pub countries: Vec<String>,
    /// Relevance (BM25); only comparable within one search, constant when the text is empty.
    pub score: f32,
}

/// Facet counts. Each facet is counted over the results of the words and every *other*
/// facet's filters, so a reader sees the alternatives to what is selected in it; values
/// selected in the query are always listed, with 0 when nothing has them.
///
/// Each list is sorted by count, highest first, then by value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    /// ISO alpha-2 country codes.
    pub country: Vec<FacetCount>,
    /// UN M49 continental region codes, derived from the countries.
    pub region: Vec<FacetCount>,
    /// Theme slugs.
    pub theme: Vec<FacetCount>,
    /// Kinds: `"release"`, `"page"`.
    pub kind: Vec<FacetCount>,
    /// UTC years of publication.
    pub year: Vec<FacetCount>,
    /// Language codes.
    pub language: Vec<FacetCount>,
}

/// How many results have one facet value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The value: a country code, a region code, a theme slug, a kind, a year, a language.
    pub value: String,
    /// The number of matching variants with it.
    pub count: u64,
}

/// A back-office search over every variant, hidden or public, for people allowed to see
/// drafts: the web layer must check that before calling
/// [`SearchIndex::desk_search`](crate::SearchIndex::desk_search).
///
/// Every filter narrows the search (AND); several values within one filter widen it (OR); an
/// empty list does not filter. Values are matched like the public search's filters (trimmed,
/// any case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskQuery {
    /// The sites to search: `None` searches every site, `Some` only those listed (none when
    /// the list is empty).
    pub sites: Option<Vec<i64>>,
    /// Words, `"phrases"` and `-exclusions`, read and analysed as in
    /// [`SearchQuery::text`]; empty lists everything that matches the filters.
    pub text: String,
    /// Language codes.
    pub languages: Vec<String>,
    /// Kinds: `"release"`, `"page"`.
    pub kinds: Vec<String>,
    /// Workflow statuses, as in [`IndexDoc::status`].
    pub statuses: Vec<String>,
    /// ISO alpha-2 country codes.
    pub countries: Vec<String>,
    /// Only the variants of this author.
    pub author_id: Option<i64>,
    /// Only the variants this user saved last.
    pub editor_id: Option<i64>,
    /// Only variants published at or after this time (Unix seconds). A variant without a
    /// publication time never matches a published range.
    pub published_from: Option<i64>,
    /// Only variants published before this time (Unix seconds).
    pub published_until: Option<i64>,
    /// Only variants saved at or after this time (Unix seconds).
    pub updated_from: Option<i64>,
    /// Only variants saved before this time (Unix seconds).
    pub updated_until: Option<i64>,
    /// What the hits are sorted by.
    pub order: DeskOrder,
    /// Highest first (best, newest); `false` for lowest first.
    pub descending: bool,
    /// Hits to skip; pages end at [`MAX_RESULT_WINDOW`](crate::MAX_RESULT_WINDOW).
    pub offset: usize,
    /// Hits to return, at most [`MAX_DESK_LIMIT`](crate::MAX_DESK_LIMIT); 0 returns only
    /// the total.
    pub limit: usize,
}

impl Default for DeskQuery {
    /// Every variant of every site, best (or most recently saved) first, one page of
    /// [`DEFAULT_DESK_LIMIT`](crate::DEFAULT_DESK_LIMIT).
    fn default() -> Self {
        DeskQuery {
            sites: None,
            text: String::new(),
            languages: Vec::new(),
            kinds: Vec::new(),
            statuses: Vec::new(),
            countries: Vec::new(),
            author_id: None,
            editor_id: None,
            published_from: None,
            published_until: None,
            updated_from: None,
            updated_until: None,
            order: DeskOrder::Relevance,
            descending: true,
            offset: 0,
            limit: crate::DEFAULT_DESK_LIMIT,
        }
    }
}

/// What back-office hits are sorted by; ties always go to the lower variant id, so pages
/// are stable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeskOrder {
    /// Relevance to the words (BM25); [`Updated`](Self::Updated) when the text has no words
    /// to rank by (empty, or only exclusions).
    #[default]
    Relevance,
    /// Publication time; variants without one count as published at 0, before any other.
    Published,
    /// Time of the last save.
    Updated,
}

/// One page of back-office hits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeskResults {
    /// How many variants match the words and every filter (all pages, even those beyond
    /// [`MAX_RESULT_WINDOW`](crate::MAX_RESULT_WINDOW)).
    pub total: usize,
    /// This page's hits, in the asked order.
    pub hits: Vec<DeskHit>,
}

/// One variant found by a back-office search: ids only, the store has the rest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct DeskHit {
    /// The variant that matched.
    pub variant_id: i64,
    /// Its document.
    pub document_id: i64,
    /// Relevance (BM25) when sorted by relevance to words; 0 otherwise.
    pub score: f32,
}
