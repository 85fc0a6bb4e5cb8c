//! The facts searches filter and count by, per segment: each site's public documents and each
//! facet value's documents, as sets (module `bits`).
//!
//! Tantivy's own facet columns cost tens of nanoseconds a document and a collector per facet;
//! counting six facets over the tens of thousands of documents a common word matches took most
//! of a search's time. These facts are built from the inverted index when a segment first
//! becomes visible (a [`Warmer`] runs inside every reader reload, that is on every commit), so
//! they are kept up to date on write and a search only reads them. Segments never change once
//! written (deletes only hide documents), so a segment's facts are built once and dropped with it.
//!
//! Only public documents are in a site's set: a hidden one (see [`IndexDoc::hidden`]) is in
//! none, so every search that filters through these facts leaves it out at no cost.
//!
//! This module must never hold anything that depends on a search request, nor give a hidden
//! document a site.
//!
//! [`IndexDoc::hidden`]: crate::IndexDoc::hidden

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use tantivy::index::SegmentId;
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, SearcherGeneration, SegmentReader, TERMINATED, Term, Warmer};

use crate::bits::ValueDocs;
use crate::schema::{FacetKind, PUBLISHED_AT, UNPUBLISHED};

/// A facet value's number in the [`Dictionary`]: a newsroom has a few hundred countries,
/// regions, themes, years, kinds and languages, far below `u16::MAX`.
pub(crate) type ValueId = u16;

/// Every facet value seen in any segment, numbered in order of appearance. Numbers are never
/// reused, so a segment's arrays stay valid as later segments add values.
#[derive(Default)]
pub(crate) struct Dictionary {
    ids: HashMap<(FacetKind, String), ValueId>,
    /// By [`ValueId`]: the value's facet and its text.
    values: Vec<(FacetKind, String)>,
}

impl Dictionary {
    /// The number of a value, if any segment has it.
    pub fn id(&self, kind: FacetKind, value: &str) -> Option<ValueId> {
        self.ids.get(&(kind, value.to_owned())).copied()
    }

    /// The facet and text of a value.
    pub fn value(&self, id: ValueId) -> Option<&(FacetKind, String)> {
        self.values.get(usize::from(id))
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The number of a value, numbering it when new; `None` when the dictionary is full, in
    /// which case the value is neither counted nor filterable through these facts.
    fn intern(&mut self, kind: FacetKind, value: String) -> Option<ValueId> {
        if let Some(id) = self.ids.get(&(kind, value.clone())) {
            return Some(*id);
        }
        let id = ValueId::try_from(self.values.len()).ok().filter(|id| *id < ValueId::MAX)?;
        self.values.push((kind, value.clone()));
        self.ids.insert((kind, value), id);
        Some(id)
    }
}

/// One segment's facts.
pub(crate) struct SegmentFacts {
    /// The site ids present in the segment, each with its public documents.
    sites: Vec<(i64, ValueDocs)>,
    /// The segment's number of documents, deleted ones included.
    max_doc: u32,
    /// The documents of each facet value the segment has, by increasing value number.
    values: Vec<(ValueId, ValueDocs)>,
    /// The earliest publication time of a document of the segment that has one (the indexer
    /// writes [`UNPUBLISHED`] for the others, which would make 1970 look like the start of
    /// the archive); `None` when none has.
    earliest_published: Option<i64>,
}

const NO_SITE: u16 = u16::MAX;

impl SegmentFacts {
    /// The public documents of a site in the segment, `None` when the segment has none.
    pub fn public_on_site(&self, site_id: i64) -> Option<&ValueDocs> {
        self.sites.iter().find(|(site, _)| *site == site_id).map(|(_, docs)| docs)
    }

    /// The segment's number of documents, deleted ones included.
    pub fn max_doc(&self) -> u32 {
        self.max_doc
    }

    /// Each facet value the segment has, with its documents (hidden ones included: the
    /// site says which are public).
    pub fn value_docs(&self) -> &[(ValueId, ValueDocs)] {
        &self.values
    }

    /// The documents of the segment with the value numbered `id`, `None` when none has it.
    pub fn docs_of(&self, id: ValueId) -> Option<&ValueDocs> {
        let at = self.values.binary_search_by_key(&id, |(value, _)| *value).ok()?;
        self.values.get(at).map(|(_, docs)| docs)
    }

    /// See [`SegmentFacts::earliest_published`](#structfield.earliest_published).
    pub fn earliest_published(&self) -> Option<i64> {
        self.earliest_published
    }
}

/// Builds the facts of every new segment as readers reload, and keeps those of the segments
/// that live searchers still use.
pub(crate) struct FactsWarmer {
    site_field: Field,
    /// The bool field indexed `true` for hidden documents.
    hidden_field: Field,
    /// The facet fields, in [`FacetKind::ALL`] order.
    facet_fields: [(FacetKind, Field); 6],
    dictionary: RwLock<Dictionary>,
    segments: Mutex<HashMap<SegmentId, Arc<SegmentFacts>>>,
}

impl FactsWarmer {
    pub fn new(site_field: Field, hidden_field: Field, facet_fields: [(FacetKind, Field); 6]) -> FactsWarmer {
        FactsWarmer {
            site_field,
            hidden_field,
            facet_fields,
            dictionary: RwLock::default(),
            segments: Mutex::default(),
        }
    }

    /// The dictionary, read-locked. It only ever grows and a writer cannot leave it
    /// half-changed, so a poisoned lock is still sound to read.
    pub fn dictionary(&self) -> std::sync::RwLockReadGuard<'_, Dictionary> {
        self.dictionary.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The facts of each of the searcher's segments, in segment order; built now for a
    /// segment the warmer has not seen (which a reader's own searchers never have).
    pub fn for_searcher(&self, searcher: &Searcher) -> tantivy::Result<Vec<Arc<SegmentFacts>>> {
        searcher.segment_readers().iter().map(|reader| self.for_segment(reader)).collect()
    }

    fn for_segment(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentFacts>> {
        let id = reader.segment_id();
        if let Some(facts) = self.segments_lock().get(&id) {
            return Ok(facts.clone());
        }
        let facts = Arc::new(self.build(reader)?);
        self.segments_lock().insert(id, facts.clone());
        Ok(facts)
    }

    fn segments_lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentFacts>>> {
        // The map holds whole entries only: a panic elsewhere cannot leave it half-changed.
        self.segments.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads a segment's sites, hidden documents and facet values from its inverted index.
    fn build(&self, reader: &SegmentReader) -> tantivy::Result<SegmentFacts> {
        let max_doc = reader.max_doc() as usize;

        let mut sites = Vec::new();
        let mut site_of = vec![NO_SITE; max_doc];
        let inverted = reader.inverted_index(self.site_field)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let Ok(bytes) = <[u8; 8]>::try_from(terms.key()) else { continue };
            let Some(number) = u16::try_from(sites.len()).ok().filter(|n| *n != NO_SITE) else { break };
            sites.push(tantivy::u64_to_i64(u64::from_be_bytes(bytes)));
            let postings = inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            for_each_doc(postings, |doc| {
                if let Some(slot) = site_of.get_mut(doc as usize) {
                    *slot = number;
                }
            });
        }
        let hidden = Term::from_field_bool(self.hidden_field, true);
        if let Some(postings) =
            reader.inverted_index(self.hidden_field)?.read_postings(&hidden, IndexRecordOption::Basic)?
        {
            for_each_doc(postings, |doc| {
                if let Some(slot) = site_of.get_mut(doc as usize) {
                    *slot = NO_SITE;
                }
            });
        }

        // Each facet term's documents, under its value's number.
        let mut term_values = Vec::new();
        {
            let mut dictionary = self.dictionary.write().unwrap_or_else(PoisonError::into_inner);
            for (kind, field) in self.facet_fields {
                let inverted = reader.inverted_index(field)?;
                let mut terms = inverted.terms().stream()?;
                while terms.advance() {
                    // The empty key is the facet root, which every document has.
                    if terms.key().is_empty() {
                        continue;
                    }
                    let Some(value) = leaf(terms.key()) else { continue };
                    let Some(id) = dictionary.intern(kind, value) else { continue };
                    term_values.push((field, terms.value().clone(), id));
                }
            }
        }
        let mut docs_by_value: BTreeMap<ValueId, Vec<DocId>> = BTreeMap::new();
        for (field, term_info, id) in &term_values {
            let postings = reader
                .inverted_index(*field)?
                .read_postings_from_terminfo(term_info, IndexRecordOption::Basic)?;
            let docs = docs_by_value.entry(*id).or_default();
            let merging = !docs.is_empty();
            for_each_doc(postings, |doc| docs.push(doc));
            if merging {
                docs.sort_unstable();
                docs.dedup();
            }
        }
        let values = docs_by_value
            .into_iter()
            .map(|(id, docs)| (id, ValueDocs::new(docs, reader.max_doc())))
            .collect();
        let published = reader.fast_fields().i64(PUBLISHED_AT)?;
        let earliest_published = published.values.iter().filter(|at| *at != UNPUBLISHED).min();
        let mut public: Vec<Vec<DocId>> = sites.iter().map(|_| Vec::new()).collect();
        for (doc, site) in site_of.iter().enumerate() {
            if let Some(docs) = public.get_mut(usize::from(*site)) {
                docs.push(doc as DocId);
            }
        }
        let sites = sites
            .into_iter()
            .zip(public)
            .map(|(site, docs)| (site, ValueDocs::new(docs, reader.max_doc())))
            .collect();
        Ok(SegmentFacts { sites, max_doc: reader.max_doc(), values, earliest_published })
    }
}

impl Warmer for FactsWarmer {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        self.for_searcher(searcher).map(drop)
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        self.segments_lock()
            .retain(|id, _| live_generations.iter().any(|generation| generation.segments().contains_key(id)));
    }
}

fn for_each_doc(mut docs: impl DocSet, mut each: impl FnMut(DocId)) {
    let mut doc = docs.doc();
    while doc != TERMINATED {
        each(doc);
        doc = docs.advance();
    }
}

/// The value of a one-level facet from its encoded bytes.
fn leaf(encoded: &[u8]) -> Option<String> {
    let facet = Facet::from_encoded(encoded.to_vec()).ok()?;
    facet.to_path().first().map(|step| (*step).to_owned())
}
