//! What goes into the index and what comes out of a search.

use serde::{Deserialize, Serialize};

/// One language variant of a published release or page, as the indexer hands it over.
///
/// Only published content belongs here: the index cannot tell a draft from a release.
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
    /// Publication time, Unix seconds UTC.
    pub published_at: i64,
}

/// A reader's search: words and facet filters within one site.
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
