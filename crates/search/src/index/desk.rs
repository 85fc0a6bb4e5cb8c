//! The back office's search: every variant, hidden or public, filtered by workflow facts and
//! sorted by relevance or date, returned as ids for the store to fill in.
//!
//! It reads the index through tantivy's queries alone, never through the public search's
//! facts (where hidden documents are of no site). It must never be reachable from a reader's
//! request: whether the caller may see drafts is the web layer's check.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::{Bound, Range};

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, EnableScoring, Occur, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Order, Score, Searcher, Term};

use super::{Matching, Ranked, SearchIndex, TopRanked, analyses_of, flattened, unscored};
use crate::query::{self, ReaderText};
use crate::schema::{DOCUMENT_ID, FacetKind, PUBLISHED_AT, UNPUBLISHED, UPDATED_AT, VARIANT_ID};
use crate::{DeskHit, DeskOrder, DeskQuery, DeskResults, MAX_RESULT_WINDOW, SearchError};

/// The largest page of back-office hits served; larger requests are capped.
pub const MAX_DESK_LIMIT: usize = 200;
/// The page size of [`DeskQuery::default`].
pub const DEFAULT_DESK_LIMIT: usize = 50;

impl SearchIndex {
    /// Searches every variant, hidden or public, for the back office: the total and one page
    /// of ids in the asked order, ties to the lower variant id.
    ///
    /// Only for people allowed to see drafts: the caller checks that. Like
    /// [`search`](Self::search), never fails on the text (see [`DeskQuery::text`]); errors are
    /// I/O. Hits end at [`MAX_RESULT_WINDOW`]: a deeper page comes back empty, with the total.
    ///
    /// A common word matches most of the archive, so the page is found without ranking every
    /// match: best first by tantivy's pruning, which skips what cannot reach the page; by
    /// date, in a window at the asked end of the dates, widened until it holds the page.
    pub fn desk_search(&self, request: &DeskQuery) -> Result<DeskResults, SearchError> {
        let searcher = self.inner.reader.searcher();
        let text = ReaderText::parse(&request.text);
        let suffixes = analyses_of(&request.languages);
        // Flat where the words allow: tantivy counts a union of terms block by block, and
        // prunes only a flat one.
        let matching = text.as_ref().map(|text| self.matching_in(text, &suffixes));
        let words = matching.as_ref().map(|matching| flattened(matching.query()));
        let filters = self.desk_filters(request);
        let query = all_of(words.as_deref(), &filters);
        let total = searcher.search(&query, &Count)?;

        let end = request.offset.saturating_add(request.limit.min(MAX_DESK_LIMIT)).min(MAX_RESULT_WINDOW);
        if request.offset >= end.min(total) {
            return Ok(DeskResults { total, hits: Vec::new() });
        }
        let page = Page { range: request.offset..end, descending: request.descending };
        let has_words = text.as_ref().is_some_and(|text| !text.required.is_empty());
        let ranked = match (request.order, words.filter(|_| has_words)) {
            (DeskOrder::Relevance, Some(words)) => {
                let per_language = matching.as_ref().map(Matching::per_language).unwrap_or_default();
                let words = Words { all: words.as_ref(), per_language: &per_language };
                by_relevance(&searcher, &words, &filters, query.as_ref(), &page, total)?
            }
            (DeskOrder::Published, _) => {
                let bounds = self.published_bounds(&searcher)?;
                by_date(&searcher, query.as_ref(), PUBLISHED_AT, bounds, &page, total)?
            }
            // Without words every score is the same: the latest work is the likeliest wanted.
            (DeskOrder::Relevance | DeskOrder::Updated, _) => {
                let bounds = time_bounds(&searcher, UPDATED_AT)?;
                by_date(&searcher, query.as_ref(), UPDATED_AT, bounds, &page, total)?
            }
        };
        Ok(DeskResults { total, hits: desk_hits(&searcher, ranked)? })
    }

    /// The earliest and latest publication time in the index, leaving out the time written for
    /// "never published"; `None` when nothing was ever published.
    fn published_bounds(&self, searcher: &Searcher) -> Result<Option<(i64, i64)>, SearchError> {
        let Some((_, high)) = time_bounds(searcher, PUBLISHED_AT)? else {
            return Ok(None);
        };
        let facts = self.inner.facts.for_searcher(searcher)?;
        Ok(facts.iter().filter_map(|facts| facts.earliest_published()).min().map(|low| (low, high)))
    }

    /// Every filter of a back-office request, each a query that matches what it keeps.
    fn desk_filters(&self, request: &DeskQuery) -> Vec<Box<dyn Query>> {
        let fields = &self.inner.fields;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();

        if let Some(sites) = &request.sites {
            let terms: Vec<Term> =
                sites.iter().map(|site| Term::from_field_i64(fields.site_id, *site)).collect();
            // An empty list selects no site, hence nothing (not every site).
            filters.push(if terms.is_empty() {
                Box::new(EmptyQuery)
            } else {
                Box::new(TermSetQuery::new(terms))
            });
        }
        for (kind, raw) in [
            (FacetKind::Language, &request.languages),
            (FacetKind::Kind, &request.kinds),
            (FacetKind::Country, &request.countries),
        ] {
            let values = query::distinct(raw.iter().filter_map(|raw| query::facet_value(kind, raw)));
            if let Some(facet) = self.filter(kind, values) {
                filters.push(facet.query);
            }
        }
        let statuses = query::distinct(request.statuses.iter().filter_map(|raw| query::status_value(raw)));
        if !statuses.is_empty() {
            let terms = statuses.iter().map(|status| Term::from_field_text(fields.status, status));
            filters.push(Box::new(TermSetQuery::new(terms)));
        }
        if let Some(author_id) = request.author_id {
            let author = Term::from_field_i64(fields.author_id, author_id);
            filters.push(Box::new(TermQuery::new(author, IndexRecordOption::Basic)));
        }
        if let Some(editor_id) = request.editor_id {
            let editor = Term::from_field_i64(fields.editor_id, editor_id);
            filters.push(Box::new(TermQuery::new(editor, IndexRecordOption::Basic)));
        }
        if let Some(published) =
            half_open(fields.published_at, request.published_from, request.published_until)
        {
            // The indexer writes "never published" as a time; no range may take it for one.
            let unpublished = Term::from_field_i64(fields.published_at, UNPUBLISHED);
            let never = RangeQuery::new(Bound::Included(unpublished.clone()), Bound::Included(unpublished));
            filters.push(Box::new(BooleanQuery::new(vec![
                (Occur::Must, published),
                (Occur::MustNot, Box::new(never) as Box<dyn Query>),
            ])));
        }
        if let Some(updated) = half_open(fields.updated_at, request.updated_from, request.updated_until) {
            filters.push(updated);
        }
        filters
    }
}

/// The ranks asked for, in the asked direction.
struct Page {
    range: Range<usize>,
    descending: bool,
}

impl Page {
    fn order(&self) -> Order {
        if self.descending { Order::Desc } else { Order::Asc }
    }
}

/// The words (scored, when given) and every filter (not scored): what the hits and the total
/// are.
fn all_of(words: Option<&dyn Query>, filters: &[Box<dyn Query>]) -> Box<dyn Query> {
    match (words, filters) {
        (Some(words), []) => words.box_clone(),
        (None, []) => Box::new(AllQuery),
        _ => {
            let words = words.map(|words| (Occur::Must, words.box_clone()));
            let filters = filters.iter().map(|filter| (Occur::Must, unscored(filter.box_clone())));
            Box::new(BooleanQuery::new(words.into_iter().chain(filters).collect()))
        }
    }
}

/// Ties to the lower variant id, as every order of the back office breaks them.
fn by_variant() -> (SortByStaticFastValue<i64>, Order) {
    (SortByStaticFastValue::<i64>::for_field(VARIANT_ID), Order::Asc)
}

/// The reader's words, whole and split by language.
struct Words<'a> {
    all: &'a dyn Query,
    /// See [`Matching::per_language`].
    per_language: &'a [Box<dyn Query>],
}

/// The page by score, ties to the lower variant id. `query` is the words with `filters`,
/// and `total` what it matches.
fn by_relevance(
    searcher: &Searcher,
    words: &Words<'_>,
    filters: &[Box<dyn Query>],
    query: &dyn Query,
    page: &Page,
    total: usize,
) -> Result<Vec<(Score, DocAddress)>, SearchError> {
    let ranked_by_tantivy = || -> Result<Vec<(Score, DocAddress)>, SearchError> {
        let collector = TopDocs::for_doc_range(page.range.clone())
            .order_by(((SortBySimilarityScore, page.order()), by_variant()));
        Ok(searcher
            .search(query, &collector)?
            .into_iter()
            .map(|((score, _), address)| (score, address))
            .collect())
    };
    // Worst first has nothing to skip: every match must be scored.
    if !page.descending {
        return ranked_by_tantivy();
    }
    // When few of the words' matches pass the filters, pruning by score would look at most
    // of them in vain; tantivy's intersection, led by the rarer side, then costs less.
    if !filters.is_empty() && total.saturating_mul(8) < searcher.search(words.all, &Count)? {
        return ranked_by_tantivy();
    }
    let filtering = (!filters.is_empty())
        .then(|| all_of(None, filters).weight(EnableScoring::disabled_from_searcher(searcher)))
        .transpose()?;
    let weights = words
        .per_language
        .iter()
        .map(|language| language.weight(EnableScoring::enabled_from_searcher(searcher)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut top = TopRanked::new(page.range.end);
    for (segment_ord, reader) in searcher.segment_readers().iter().enumerate() {
        let alive = reader.alive_bitset();
        let variants = reader.fast_fields().i64(VARIANT_ID)?;
        let segment_ord = u32::try_from(segment_ord).unwrap_or(u32::MAX);
        for weight in &weights {
            let mut kept = filtering.as_ref().map(|filtering| filtering.scorer(reader, 1.0)).transpose()?;
            weight.for_each_pruning(top.threshold(), reader, &mut |doc, score| {
                let passes = !alive.is_some_and(|alive| alive.is_deleted(doc))
                    && kept.as_mut().is_none_or(|kept| {
                        // Pruning hands documents over in increasing order: the filters only
                        // ever move forward.
                        if kept.doc() < doc {
                            kept.seek(doc);
                        }
                        kept.doc() == doc
                    });
                if passes {
                    // Negated: a higher tie wins, and the lower variant id must.
                    let tie = -variants.first(doc).unwrap_or_default();
                    top.push(Ranked { score, tie, address: DocAddress::new(segment_ord, doc) });
                }
                top.threshold()
            })?;
        }
    }
    Ok(top
        .into_sorted()
        .into_iter()
        .skip(page.range.start)
        .map(|ranked| (ranked.score, ranked.address))
        .collect())
}

/// Windows tried before sorting every match.
const MAX_WINDOWS: usize = 6;

/// The page by the time in `field`, ties to the lower variant id. `total` is what `query`
/// matches.
///
/// Sorting every match reads a time for each: a million for a common word. The page is at
/// one end of the times, so first only the matches in a window of times at that end are
/// sorted. Times are taken as even across the archive to size the window, and it is widened
/// by what it held until it holds the whole page: then no match outside it can be on the
/// page.
///
/// `bounds` are the earliest and latest time to size the window from; a window reaches to
/// the end of the times, so a time outside the bounds is sorted as well.
fn by_date(
    searcher: &Searcher,
    query: &dyn Query,
    field: &str,
    bounds: Option<(i64, i64)>,
    page: &Page,
    total: usize,
) -> Result<Vec<(Score, DocAddress)>, SearchError> {
    let collector = || {
        TopDocs::for_doc_range(page.range.clone())
            .order_by(((SortByStaticFastValue::<i64>::for_field(field), page.order()), by_variant()))
    };
    let unscored_hits =
        |top: Vec<(_, DocAddress)>| top.into_iter().map(|(_, address)| (0.0, address)).collect();
    let wanted = page.range.end;
    // With few matches beyond the page, a window could not spare much.
    if total >= wanted.saturating_mul(8) {
        let Some((low, high)) = bounds else {
            return Ok(unscored_hits(searcher.search(query, &collector())?));
        };
        let span = high.saturating_sub(low);
        let mut width = ((span as f64) * (2 * wanted) as f64 / total as f64).max(1.0) as i64;
        let schema_field = searcher.schema().get_field(field)?;
        let at = |time: i64| Term::from_field_i64(schema_field, time);
        for _ in 0..MAX_WINDOWS {
            let (from, until) = if page.descending {
                (Bound::Excluded(at(high.saturating_sub(width))), Bound::Unbounded)
            } else {
                (Bound::Unbounded, Bound::Excluded(at(low.saturating_add(width))))
            };
            let windowed = BooleanQuery::new(vec![
                (Occur::Must, query.box_clone()),
                (Occur::Must, unscored(Box::new(RangeQuery::new(from, until)))),
            ]);
            let (held, top) = searcher.search(&windowed, &(Count, collector()))?;
            if held >= wanted || width > span {
                return Ok(unscored_hits(top));
            }
            let growth = if held == 0 { 16.0 } else { ((2 * wanted) as f64 / held as f64).max(2.0) };
            width = ((width as f64) * growth).min(i64::MAX as f64) as i64;
        }
    }
    Ok(unscored_hits(searcher.search(query, &collector())?))
}

/// The lowest and highest time in `field` over the index; `None` when it is empty.
fn time_bounds(searcher: &Searcher, field: &str) -> Result<Option<(i64, i64)>, SearchError> {
    let mut bounds: Option<(i64, i64)> = None;
    for reader in searcher.segment_readers() {
        if reader.num_docs() == 0 {
            continue;
        }
        let column = reader.fast_fields().i64(field)?;
        let (low, high) = (column.min_value(), column.max_value());
        bounds = Some(bounds.map_or((low, high), |(l, h)| (l.min(low), h.max(high))));
    }
    Ok(bounds)
}

/// The documents with `field` in `[from, until)`; `None` when neither bound is set.
fn half_open(field: Field, from: Option<i64>, until: Option<i64>) -> Option<Box<dyn Query>> {
    if from.is_none() && until.is_none() {
        return None;
    }
    let bound = |at: Option<i64>, make: fn(Term) -> Bound<Term>| {
        at.map_or(Bound::Unbounded, |at| make(Term::from_field_i64(field, at)))
    };
    Some(Box::new(RangeQuery::new(bound(from, Bound::Included), bound(until, Bound::Excluded))))
}

/// The ids of the hits, from the fast fields (the document store is not needed); each
/// segment's columns are opened once, as opening one costs more than reading it.
fn desk_hits(searcher: &Searcher, ranked: Vec<(Score, DocAddress)>) -> Result<Vec<DeskHit>, SearchError> {
    let mut columns: HashMap<u32, (Column<i64>, Column<i64>)> = HashMap::new();
    let mut hits = Vec::with_capacity(ranked.len());
    for (score, address) in ranked {
        let (variants, documents) = match columns.entry(address.segment_ord) {
            Entry::Occupied(open) => open.into_mut(),
            Entry::Vacant(closed) => {
                let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                closed.insert((fast.i64(VARIANT_ID)?, fast.i64(DOCUMENT_ID)?))
            }
        };
        hits.push(DeskHit {
            variant_id: variants.first(address.doc_id).unwrap_or_default(),
            document_id: documents.first(address.doc_id).unwrap_or_default(),
            score,
        });
    }
    Ok(hits)
}
