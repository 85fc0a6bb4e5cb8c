//! The back office's search: every variant, hidden or public, filtered by workflow facts and
//! sorted by relevance or date, returned as ids for the store to fill in.
//!
//! It reads the index through tantivy's queries alone, never through the public search's
//! facts (where hidden documents are of no site). It must never be reachable from a reader's
//! request: whether the caller may see drafts is the web layer's check.

use std::ops::Bound;

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Order, Score, Searcher, Term};

use super::{Matching, SearchIndex, unscored};
use crate::analysis::suffix_for;
use crate::query::{self, ReaderText};
use crate::schema::{DOCUMENT_ID, FacetKind, PUBLISHED_AT, UPDATED_AT, VARIANT_ID};
use crate::{DeskHit, DeskOrder, DeskQuery, DeskResults, MAX_RESULT_WINDOW, SearchError};

/// The largest page of back-office hits served; larger requests are capped.
pub const MAX_DESK_LIMIT: usize = 200;
/// The page size of [`DeskQuery::default`].
pub const DEFAULT_DESK_LIMIT: usize = 50;

/// The publication time of a variant that has none, as the indexer writes it.
const UNPUBLISHED: i64 = 0;

impl SearchIndex {
    /// Searches every variant, hidden or public, for the back office: the total and one page
    /// of ids in the asked order, ties to the lower variant id.
    ///
    /// Only for people allowed to see drafts: the caller checks that. Like
    /// [`search`](Self::search), never fails on the text (see [`DeskQuery::text`]); errors are
    /// I/O. Hits end at [`MAX_RESULT_WINDOW`]: a deeper page comes back empty, with the total.
    pub fn desk_search(&self, request: &DeskQuery) -> Result<DeskResults, SearchError> {
        let searcher = self.inner.reader.searcher();
        let text = ReaderText::parse(&request.text);
        let languages = query::distinct(
            request.languages.iter().filter_map(|raw| query::facet_value(FacetKind::Language, raw)),
        );
        let suffixes: Vec<&str> = languages.iter().map(|language| suffix_for(language)).collect();
        let matching = text.as_ref().map(|text| self.matching_in(text, &suffixes));
        let query = self.desk_query(request, matching.as_ref());

        let end = request.offset.saturating_add(request.limit.min(MAX_DESK_LIMIT)).min(MAX_RESULT_WINDOW);
        if request.offset >= end {
            let total = searcher.search(&query, &Count)?;
            return Ok(DeskResults { total, hits: Vec::new() });
        }
        let page = TopDocs::for_doc_range(request.offset..end);
        let order = if request.descending { Order::Desc } else { Order::Asc };
        let by_variant = (SortByStaticFastValue::<i64>::for_field(VARIANT_ID), Order::Asc);
        let has_words = text.as_ref().is_some_and(|text| !text.required.is_empty());
        let by_date = |field: &str| (SortByStaticFastValue::<i64>::for_field(field), order);

        let (total, ranked): (usize, Vec<(Score, DocAddress)>) = match request.order {
            DeskOrder::Relevance if has_words => {
                let (total, top) = searcher
                    .search(&query, &(Count, page.order_by(((SortBySimilarityScore, order), by_variant))))?;
                (total, top.into_iter().map(|((score, _), address)| (score, address)).collect())
            }
            DeskOrder::Published => {
                let (total, top) =
                    searcher.search(&query, &(Count, page.order_by((by_date(PUBLISHED_AT), by_variant))))?;
                (total, top.into_iter().map(|(_, address)| (0.0, address)).collect())
            }
            // Without words every score is the same: the latest work is the likeliest wanted.
            DeskOrder::Relevance | DeskOrder::Updated => {
                let (total, top) =
                    searcher.search(&query, &(Count, page.order_by((by_date(UPDATED_AT), by_variant))))?;
                (total, top.into_iter().map(|(_, address)| (0.0, address)).collect())
            }
        };
        let hits = ranked
            .into_iter()
            .map(|(score, address)| desk_hit(&searcher, address, score))
            .collect::<Result<_, _>>()?;
        Ok(DeskResults { total, hits })
    }

    /// Words and every filter of a back-office request; the filters do not change scores.
    fn desk_query(&self, request: &DeskQuery, matching: Option<&Matching>) -> Box<dyn Query> {
        let fields = &self.inner.fields;
        let words = matching.map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, Matching::query);
        let mut clauses = vec![(Occur::Must, words)];
        let mut narrow = |query: Box<dyn Query>| clauses.push((Occur::Must, unscored(query)));

        if let Some(sites) = &request.sites {
            let terms: Vec<Term> =
                sites.iter().map(|site| Term::from_field_i64(fields.site_id, *site)).collect();
            // An empty list selects no site, hence nothing (not every site).
            narrow(if terms.is_empty() { Box::new(EmptyQuery) } else { Box::new(TermSetQuery::new(terms)) });
        }
        for (kind, raw) in [
            (FacetKind::Language, &request.languages),
            (FacetKind::Kind, &request.kinds),
            (FacetKind::Country, &request.countries),
        ] {
            let values = query::distinct(raw.iter().filter_map(|raw| query::facet_value(kind, raw)));
            if let Some(facet) = self.filter(kind, values) {
                narrow(facet.query);
            }
        }
        let statuses = query::distinct(request.statuses.iter().filter_map(|raw| query::status_value(raw)));
        if !statuses.is_empty() {
            let terms = statuses.iter().map(|status| Term::from_field_text(fields.status, status));
            narrow(Box::new(TermSetQuery::new(terms)));
        }
        if let Some(author_id) = request.author_id {
            let author = Term::from_field_i64(fields.author_id, author_id);
            narrow(Box::new(TermQuery::new(author, IndexRecordOption::Basic)));
        }
        if let Some(editor_id) = request.editor_id {
            let editor = Term::from_field_i64(fields.editor_id, editor_id);
            narrow(Box::new(TermQuery::new(editor, IndexRecordOption::Basic)));
        }
        if let Some(published) =
            half_open(fields.published_at, request.published_from, request.published_until)
        {
            // The indexer writes "never published" as a time; no range may take it for one.
            let unpublished = Term::from_field_i64(fields.published_at, UNPUBLISHED);
            let never = RangeQuery::new(Bound::Included(unpublished.clone()), Bound::Included(unpublished));
            narrow(Box::new(BooleanQuery::new(vec![
                (Occur::Must, published),
                (Occur::MustNot, Box::new(never) as Box<dyn Query>),
            ])));
        }
        if let Some(updated) = half_open(fields.updated_at, request.updated_from, request.updated_until) {
            narrow(updated);
        }
        Box::new(BooleanQuery::new(clauses))
    }
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

/// The ids of one hit, from the fast fields: the document store is not needed.
fn desk_hit(searcher: &Searcher, address: DocAddress, score: Score) -> Result<DeskHit, SearchError> {
    let fast = searcher.segment_reader(address.segment_ord).fast_fields();
    let id = |name: &str| -> Result<i64, SearchError> {
        Ok(fast.i64(name)?.first(address.doc_id).unwrap_or_default())
    };
    Ok(DeskHit { variant_id: id(VARIANT_ID)?, document_id: id(DOCUMENT_ID)?, score })
}
