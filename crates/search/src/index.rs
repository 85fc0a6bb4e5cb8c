//! [`SearchIndex`]: the index on disk or in RAM, its writer, and the public search.
//!
//! The public search must never return, count or highlight a hidden document: the facts leave
//! them out of every site, and every document the search counts or ranks passes through the
//! facts. The back office's search lives in [`desk`].

mod desk;
mod matches;
mod term_union;

pub use desk::{DEFAULT_DESK_LIMIT, MAX_DESK_LIMIT};

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use tantivy::collector::TopDocs;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::directory::MmapDirectory;
use tantivy::index::SegmentId;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, ConstScorer, EmptyQuery, EmptyScorer, EnableScoring,
    Explanation, Occur, Query, QueryParser, Scorer, TermSetQuery, Weight,
};
use tantivy::schema::{Facet, Value};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{
    DocAddress, DocId, DocSet, Executor, Index, IndexReader, IndexSettings, IndexWriter, Order, ReloadPolicy,
    Score, Searcher, SegmentReader, TERMINATED, TantivyDocument, TantivyError, Term,
};

use crate::analysis::{self, suffix_for};
use crate::bits::{BitsDocSet, DocBits};
use crate::facts::{Dictionary, FactsWarmer, SegmentFacts, ValueId};
use crate::highlight::{self, Finder, SNIPPET_BYTES};
use crate::index::matches::Matches;
use crate::index::term_union::UnionTerm;
use crate::merges::{CappedMerges, SEGMENT_CAP};
use crate::query::{self, ReaderText, facet_value};
use crate::schema::{self, BODY_SUMMARY, BODY_TEXT, FacetKind, Fields, PUBLISHED_AT};
use crate::{FacetCount, Facets, Hit, IndexDoc, SearchError, SearchQuery, SearchResults};

/// Hits per page when the query asks for 0.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// The largest page size served; larger requests are capped.
pub const MAX_PER_PAGE: u32 = 100;
/// Hits beyond this rank are never served, by the public or the back-office search (deeper
/// pages come back empty, with the total): ranking them would cost memory proportional to
/// the depth.
pub const MAX_RESULT_WINDOW: usize = 10_000;

/// The writer's indexing memory. Tantivy flushes a segment when it is full, so this bounds
/// the writer's heap whatever the batch size (merges add a little on top).
const WRITER_HEAP_BYTES: usize = 50_000_000;
/// Decompressed document-store blocks each segment reader keeps (tantivy's default is 100).
const DOC_STORE_CACHE_BLOCKS: usize = 20;
/// How many bytes of stored documents are compressed together. Showing a hit decompresses
/// its whole block: tantivy's 16 KB held three or four releases, of which one was read.
const DOC_STORE_BLOCK_BYTES: usize = 4_096;
/// Body text beyond this many bytes is neither searched nor shown in snippets. The
/// writer queues up to 10 000 documents, so this bounds the queue's worst case.
pub const MAX_BODY_BYTES: usize = 100_000;
/// Titles longer than this (in bytes) are highlighted only up to it.
const TITLE_MAX_BYTES: usize = 10_000;
/// A match in the title counts this many times a match in the body.
const TITLE_BOOST: Score = 2.0;

/// The full-text index of releases and pages: public ones for readers
/// ([`search`](Self::search)), hidden ones too for the back office
/// ([`desk_search`](Self::desk_search)).
///
/// Cheap to clone and share (`Arc` inside); `Send + Sync`. Searches run concurrently with
/// each other and with writes. Writes ([`upsert`](Self::upsert), [`delete`](Self::delete),
/// [`clear`](Self::clear)) queue changes that readers see only after
/// [`commit`](Self::commit) returns.
///
/// Every method blocks on CPU and disk: from async code, call it inside
/// `tokio::task::spawn_blocking`. Commits take from milliseconds to seconds; searches a few
/// milliseconds.
///
/// Memory: searching needs a few MB of heap; the index files are memory-mapped, so the
/// operating system pages them in and out as needed. The writer, created on the first
/// write, indexes within 50 MB, but tantivy also queues up to 10 000 uncommitted documents:
/// commit every 1 000 changes or so (about 40 MB in all at 100 000 releases); a rebuild
/// committed once peaks near 140 MB.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

struct Inner {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// One parser per analysis, in `fields.languages` order, each over its own fields,
    /// with the analyzer of those fields.
    parsers: Vec<(QueryParser, TextAnalyzer)>,
    /// Created on the first write: it takes the folder's lock, which read-only users of
    /// the same folder should not need.
    writer: Mutex<Option<IndexWriter>>,
    /// Sites and facet values per document, built as segments appear; the reader holds it
    /// only weakly.
    facts: Arc<FactsWarmer>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("num_docs", &self.num_docs()).finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the folder and an empty index when missing.
    ///
    /// An index written by a Portico with another schema or analysis is refused with
    /// [`SearchError::IncompatibleIndex`]; it is derived data, to delete and rebuild.
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        let folder_error = |source| SearchError::Folder { path: dir.to_owned(), source };
        std::fs::create_dir_all(dir).map_err(folder_error)?;
        let directory = MmapDirectory::open(dir).map_err(TantivyError::from)?;
        let (schema, fields) = schema::build();
        let exists = Index::exists(&directory).map_err(TantivyError::from)?;
        let index = if exists {
            let index = Index::open(directory).map_err(|error| match error {
                TantivyError::IncompatibleIndex(_) => SearchError::IncompatibleIndex { path: dir.to_owned() },
                other => SearchError::Index(other),
            })?;
            if index.schema() != schema {
                return Err(SearchError::IncompatibleIndex { path: dir.to_owned() });
            }
            index
        } else {
            let settings =
                IndexSettings { docstore_blocksize: DOC_STORE_BLOCK_BYTES, ..IndexSettings::default() };
            Index::create(directory, schema, settings)?
        };
        Self::with_index(index, fields)
    }

    /// An empty index in RAM, for tests and tools.
    pub fn in_memory() -> Result<Self, SearchError> {
        let (schema, fields) = schema::build();
        Self::with_index(Index::create_in_ram(schema), fields)
    }

    fn with_index(index: Index, fields: Fields) -> Result<Self, SearchError> {
        analysis::register(index.tokenizers());
        let facts = Arc::new(FactsWarmer::new(fields.site_id, fields.hidden, fields.facets()));
        let warmer: Arc<dyn tantivy::Warmer> = facts.clone();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
            .warmers(vec![Arc::downgrade(&warmer)])
            .try_into()?;
        let parsers = fields
            .languages
            .iter()
            .map(|language| {
                let mut parser = QueryParser::new(
                    index.schema(),
                    vec![language.title, language.body],
                    index.tokenizers().clone(),
                );
                parser.set_conjunction_by_default();
                parser.set_field_boost(language.title, TITLE_BOOST);
                let analyzer =
                    index.tokenizers().get(&analysis::tokenizer_name(language.suffix)).ok_or_else(|| {
                        TantivyError::InternalError(format!("no analyzer for {}", language.suffix))
                    })?;
                Ok((parser, analyzer))
            })
            .collect::<Result<_, TantivyError>>()?;
        Ok(SearchIndex {
            inner: Arc::new(Inner { index, reader, fields, parsers, writer: Mutex::new(None), facts }),
        })
    }

    /// Adds a language variant, replacing any earlier version with the same `variant_id`.
    /// Visible after the next [`commit`](Self::commit).
    pub fn upsert(&self, doc: &IndexDoc) -> Result<(), SearchError> {
        let document = self.document(doc);
        let term = Term::from_field_i64(self.inner.fields.variant_id, doc.variant_id);
        self.write(|writer| {
            writer.delete_term(term);
            writer.add_document(document)?;
            Ok(())
        })
    }

    /// Removes a language variant (deleted); a no-op for an unknown id. An unpublished
    /// variant the back office still lists is rather upserted as hidden.
    /// Visible after the next [`commit`](Self::commit).
    pub fn delete(&self, variant_id: i64) -> Result<(), SearchError> {
        let term = Term::from_field_i64(self.inner.fields.variant_id, variant_id);
        self.write(|writer| {
            writer.delete_term(term);
            Ok(())
        })
    }

    /// Removes every document, of every site, including upserts not yet committed: the
    /// first step of a full rebuild (clear, upsert everything, commit). Readers keep
    /// seeing the old documents until that [`commit`](Self::commit).
    pub fn clear(&self) -> Result<(), SearchError> {
        self.write(|writer| {
            writer.delete_query(Box::new(AllQuery))?;
            Ok(())
        })
    }

    /// Makes every change since the last commit durable and visible, all or nothing, and
    /// records `last_change_id`: the id of the last change-log entry these changes applied,
    /// read back by [`last_applied_change`](Self::last_applied_change).
    ///
    /// Searches see the changes when this returns. On error, the uncommitted changes are
    /// dropped: replay the change log after `last_applied_change()`, which is what the index
    /// durably holds.
    pub fn commit(&self, last_change_id: i64) -> Result<(), SearchError> {
        self.write(|writer| {
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&last_change_id.to_string());
            prepared.commit()?;
            Ok(())
        })?;
        self.inner.reader.reload()?;
        Ok(())
    }

    /// The `last_change_id` of the last successful [`commit`](Self::commit), kept across
    /// restarts and crashes; `None` for a new index. The indexer resumes after it.
    pub fn last_applied_change(&self) -> Option<i64> {
        let metas = self.inner.index.load_metas().ok()?;
        metas.payload?.parse().ok()
    }

    /// The number of committed documents (language variants) of every site, hidden ones
    /// included.
    pub fn num_docs(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }

    /// Runs `change` on the writer, creating the writer first if needed. When anything
    /// fails the writer is dropped with its uncommitted changes, so the next write starts
    /// cleanly from the last commit.
    fn write(
        &self,
        change: impl FnOnce(&mut IndexWriter) -> Result<(), TantivyError>,
    ) -> Result<(), SearchError> {
        let mut slot = self.writer_slot();
        let writer = match &mut *slot {
            Some(writer) => writer,
            empty => empty.insert(self.new_writer()?),
        };
        let result = change(writer);
        if result.is_err() {
            *slot = None;
        }
        Ok(result?)
    }

    fn writer_slot(&self) -> MutexGuard<'_, Option<IndexWriter>> {
        // A panic while holding the lock cannot leave the writer half-changed in a way we
        // rely on: tantivy's own state is consistent, and a commit is all or nothing.
        self.inner.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn new_writer(&self) -> Result<IndexWriter, SearchError> {
        let options = tantivy::indexer::IndexWriterOptions::builder()
            .memory_budget_per_thread(WRITER_HEAP_BYTES)
            .num_worker_threads(1)
            .num_merge_threads(1)
            .build();
        let writer = self.inner.index.writer_with_options(options).map_err(|error| match error {
            TantivyError::LockFailure(..) => SearchError::Locked,
            other => SearchError::Index(other),
        })?;
        writer.set_merge_policy(Box::new(CappedMerges::new(SEGMENT_CAP)));
        Ok(writer)
    }

    fn document(&self, doc: &IndexDoc) -> TantivyDocument {
        let fields = &self.inner.fields;
        let mut document = TantivyDocument::default();
        document.add_i64(fields.variant_id, doc.variant_id);
        document.add_i64(fields.document_id, doc.document_id);
        document.add_i64(fields.site_id, doc.site_id);
        document.add_i64(fields.published_at, doc.published_at);
        document.add_text(fields.slug, &doc.slug);
        document.add_bool(fields.hidden, doc.hidden);
        if let Some(status) = query::status_value(&doc.status) {
            document.add_text(fields.status, status);
        }
        document.add_i64(fields.author_id, doc.author_id);
        document.add_i64(fields.editor_id, doc.editor_id);
        document.add_i64(fields.updated_at, doc.updated_at);
        let searchable = fields.language(suffix_for(&doc.language));
        document.add_text(searchable.title, &doc.title);
        // In `BODY_SUMMARY`, dateline, `BODY_TEXT` order; empty values are kept in place.
        for text in [&doc.summary, &doc.dateline, cut(&doc.body_text, MAX_BODY_BYTES)] {
            document.add_text(searchable.body, text);
        }

        for (kind, values) in facet_values(doc) {
            let mut added: Vec<String> = Vec::new();
            for value in values.iter().filter_map(|value| facet_value(kind, value)) {
                if !added.contains(&value) {
                    document.add_facet(fields.facet(kind), Facet::from_path([&value]));
                    added.push(value);
                }
            }
        }
        document
    }

    /// Searches the public documents of one site: a page of hits, the total, and facet
    /// counts. Hidden documents are never returned, counted or highlighted.
    ///
    /// Never fails on reader input (see [`SearchQuery::text`]); errors are I/O.
    ///
    /// Two passes. The first gathers the documents the words match, unscored, into a bitset
    /// per segment (see [`Matches`]), keeps the site's public live ones, and counts the
    /// total and every facet against the segments' facts (module `facts`) with bitset
    /// operations; what passes every filter is kept. The second ranks: when most of the
    /// matches pass, the words alone are scored with tantivy's pruning (block-max WAND over
    /// their terms), one language at a time (see [`Matching::candidates_per_language`]),
    /// keeping the passing candidates; when few pass, each passing document is scored by
    /// its language's terms (see [`Self::rank_by_language`]), or, when the words hold a
    /// phrase, each leaf of the words is intersected with the passing documents (see
    /// [`within`]).
    pub fn search(&self, request: &SearchQuery) -> Result<SearchResults, SearchError> {
        self.search_split(request, Split::WhenAlone, Pruning::WhenMostPass)
    }

    /// [`Self::search`], with the segments split over the cores as `split` says and the best
    /// found as `pruning` says.
    fn search_split(
        &self,
        request: &SearchQuery,
        split: Split,
        pruning: Pruning,
    ) -> Result<SearchResults, SearchError> {
        let fields = &self.inner.fields;
        let searcher = self.inner.reader.searcher();
        let facts = self.inner.facts.for_searcher(&searcher)?;
        let per_page = match request.per_page {
            0 => DEFAULT_PER_PAGE,
            n => n.min(MAX_PER_PAGE),
        };
        let page = request.page.max(1);

        let text = ReaderText::parse(&request.text);
        let matching = text.as_ref().map(|text| self.matching(text));
        // Ranked and highlighted in the chosen languages' fields alone (see `matching_in`);
        // counted in every language's, since the language facet counts each of them.
        let suffixes = analyses_of(&request.languages);
        let narrowed =
            text.as_ref().filter(|_| !suffixes.is_empty()).map(|text| self.matching_in(text, &suffixes));
        let ranking = narrowed.as_ref().or(matching.as_ref());
        let filters = self.filters(request);
        let selection = Selection::new(&self.inner.facts.dictionary(), &filters);

        let words = match &matching {
            Some(matching) => {
                let query = matching.query();
                Some(match Matches::of(query.as_ref(), &searcher)? {
                    Some(matches) => matches,
                    None => Matches::Leaf(
                        flattened(query).weight(EnableScoring::disabled_from_searcher(&searcher))?,
                    ),
                })
            }
            None => None,
        };
        let segments = searcher.segment_readers();
        let _running = Running::start();
        let groups = segment_groups(segments, split);
        // Per segment, the documents that pass site and filters: what the ranking keeps.
        let counted = in_groups(&groups, |group| {
            let mut tally = Tally::new(selection.kind_bit.len());
            let mut passing = Vec::with_capacity(group.len());
            for &ord in group {
                let (reader, facts) = (&segments[ord], &facts[ord]);
                let Some(site_docs) = facts.public_on_site(request.site_id) else { continue };
                let mut on_site = match &words {
                    Some(words) => {
                        let mut matched = words.in_segment(reader)?;
                        site_docs.keep_in(&mut matched);
                        matched
                    }
                    None => {
                        let mut on_site = DocBits::empty(reader.max_doc());
                        site_docs.add_to(&mut on_site);
                        on_site
                    }
                };
                if let Some(alive) = reader.alive_bitset() {
                    on_site.retain(|doc| alive.is_alive(doc));
                }
                passing.push((ord, Arc::new(tally.add_segment(&selection, facts, on_site))));
            }
            Ok((tally, passing))
        })?;
        let mut tally = Tally::new(selection.kind_bit.len());
        let mut passing: Vec<Option<Arc<DocBits>>> = vec![None; segments.len()];
        for (part, segments_passing) in counted {
            tally.merge(part);
            for (ord, docs) in segments_passing {
                passing[ord] = Some(docs);
            }
        }
        let total = tally.total;

        let offset = usize::try_from(u64::from(page - 1) * u64::from(per_page)).unwrap_or(usize::MAX);
        let limit = per_page as usize;
        let in_window = offset.saturating_add(limit) <= MAX_RESULT_WINDOW;
        let top_docs = if !in_window || total <= offset {
            Vec::new()
        } else if let Some(matching) = ranking.filter(|_| {
            matches!(pruning, Pruning::WhenMostPass) && total.saturating_mul(8) >= tally.words_on_site
        }) {
            let mut top = TopRanked::new(offset + limit);
            let scoring = EnableScoring::enabled_from_searcher(&searcher);
            let walks = matching
                .candidates_per_language()
                .iter()
                .map(|ranking| {
                    if let Some(terms) = self.union_terms(&searcher, ranking)? {
                        return Ok(Walk::Terms(terms));
                    }
                    let exact = ranking
                        .rescoring()
                        .map(|terms| terms.iter().map(|term| term.weight(scoring)).collect())
                        .transpose()?;
                    Ok(Walk::Pruned(ranking.pruned.weight(scoring)?, exact))
                })
                .collect::<Result<Vec<_>, TantivyError>>()?;
            // Each group keeps its own best: a document among the best of all is among the
            // best of its group, so the merged tops are the tops of one walk.
            let tops = in_groups(&groups, |group| {
                let mut top = TopRanked::new(offset + limit);
                for &ord in group {
                    let (reader, Some(passing)) = (&segments[ord], &passing[ord]) else { continue };
                    let published = reader.fast_fields().i64(PUBLISHED_AT)?;
                    let segment_ord = u32::try_from(ord).unwrap_or(u32::MAX);
                    let keep = |top: &mut TopRanked, doc: DocId, score: Score| {
                        let published_at = published.first(doc).unwrap_or(i64::MIN);
                        top.push(Ranked {
                            score,
                            tie: published_at,
                            address: DocAddress::new(segment_ord, doc),
                        });
                    };
                    for walk in &walks {
                        let (pruned, exact) = match walk {
                            Walk::Terms(terms) => {
                                let threshold = top.threshold();
                                term_union::rank(terms, reader, passing, threshold, &mut |doc, score| {
                                    keep(&mut top, doc, score);
                                    top.threshold()
                                })?;
                                continue;
                            }
                            Walk::Pruned(pruned, exact) => (pruned, exact),
                        };
                        let mut exact = exact
                            .as_ref()
                            .map(|terms: &Vec<Box<dyn Weight>>| term_scorers(terms, reader))
                            .transpose()?;
                        let loose = exact.is_some();
                        let threshold =
                            |top: &TopRanked| if loose { loosened(top.threshold()) } else { top.threshold() };
                        pruned.for_each_pruning(threshold(&top), reader, &mut |doc, score| {
                            if passing.contains(doc) {
                                let score =
                                    exact.as_deref_mut().map_or(score, |terms| exact_score(terms, doc));
                                keep(&mut top, doc, score);
                            }
                            threshold(&top)
                        })?;
                    }
                }
                Ok(top)
            })?;
            for part in tops {
                top.absorb(part);
            }
            top.into_sorted().into_iter().skip(offset).map(|ranked| (ranked.score, ranked.address)).collect()
        } else if let Some(rankings) = ranking.map(Matching::candidates_per_language).filter(|rankings| {
            rankings.iter().all(|ranking| ranking.terms.is_some() && ranking.suffix.is_some())
        }) {
            let top = self.rank_by_language(&searcher, &facts, &passing, &rankings, offset + limit)?;
            top.into_sorted().into_iter().skip(offset).map(|ranked| (ranked.score, ranked.address)).collect()
        } else {
            // Best first; equal scores (all of them when the text is empty) newest first.
            let collector = TopDocs::for_doc_range(offset..offset + limit).order_by((
                (SortBySimilarityScore, Order::Desc),
                (SortByStaticFastValue::<i64>::for_field(PUBLISHED_AT), Order::Desc),
            ));
            let passing = Passing(
                searcher
                    .segment_readers()
                    .iter()
                    .zip(passing)
                    .filter_map(|(reader, passing)| Some((reader.segment_id(), passing?)))
                    .collect(),
            );
            let words = ranking.map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, Matching::query);
            let query = within(words.as_ref(), &passing);
            searcher
                .search(&query, &collector)?
                .into_iter()
                .map(|((score, _), address)| (score, address))
                .collect()
        };

        let facets = selection.facets(&self.inner.facts.dictionary(), &tally.counts, &filters);
        let mut highlighter = Highlighter::new(&searcher, fields, ranking);
        let hits = top_docs
            .into_iter()
            .map(|(score, address)| self.hit(&searcher, address, score, &mut highlighter))
            .collect::<Result<_, _>>()?;
        Ok(SearchResults { total, page, per_page, hits, facets })
    }

    /// The best `size` of the passing documents, when few of the words' matches pass and
    /// every language's words are terms: each passing document is scored by its own
    /// language's terms, in the order [`exact_score`] adds them, as the pruned ranking
    /// does. Tantivy would walk a union over every language's fields of the terms
    /// intersected with the passing documents, refilling a window of documents at each step.
    fn rank_by_language(
        &self,
        searcher: &Searcher,
        facts: &[Arc<SegmentFacts>],
        passing: &[Option<Arc<DocBits>>],
        rankings: &[Ranking],
        size: usize,
    ) -> Result<TopRanked, SearchError> {
        let scoring = EnableScoring::enabled_from_searcher(searcher);
        let terms = rankings
            .iter()
            .map(|ranking| ranking.terms.iter().flatten().map(|term| term.weight(scoring)).collect())
            .collect::<Result<Vec<Vec<Box<dyn Weight>>>, _>>()?;
        // The language values of the facts that each ranking's analysis reads.
        let values: Vec<Vec<ValueId>> = {
            let dictionary = self.inner.facts.dictionary();
            let languages: Vec<(ValueId, &'static str)> = (0..dictionary.len())
                .filter_map(|id| {
                    let id = ValueId::try_from(id).ok()?;
                    match dictionary.value(id)? {
                        (FacetKind::Language, tag) => Some((id, suffix_for(tag))),
                        _ => None,
                    }
                })
                .collect();
            rankings
                .iter()
                .map(|ranking| {
                    languages
                        .iter()
                        .filter(|(_, suffix)| Some(*suffix) == ranking.suffix)
                        .map(|(id, _)| *id)
                        .collect()
                })
                .collect()
        };
        let mut top = TopRanked::new(size);
        for (segment_ord, ((reader, passing), facts)) in
            searcher.segment_readers().iter().zip(passing).zip(facts).enumerate()
        {
            let Some(passing) = passing else { continue };
            let published = reader.fast_fields().i64(PUBLISHED_AT)?;
            let segment_ord = u32::try_from(segment_ord).unwrap_or(u32::MAX);
            let mut push = |doc: DocId, score: Score| {
                let tie = published.first(doc).unwrap_or(i64::MIN);
                top.push(Ranked { score, tie, address: DocAddress::new(segment_ord, doc) });
            };
            let mut scorers =
                terms.iter().map(|terms| term_scorers(terms, reader)).collect::<Result<Vec<_>, _>>()?;
            // A document whose language is in no ranking's facts (the dictionary was full)
            // is scored by every ranking: only its own language's terms match it.
            let mut unplaced = (**passing).clone();
            for (scorers, values) in scorers.iter_mut().zip(&values) {
                let mut docs = DocBits::empty(reader.max_doc());
                values.iter().filter_map(|id| facts.docs_of(*id)).for_each(|value| value.add_to(&mut docs));
                docs.intersect_with(passing);
                unplaced.subtract(&docs);
                let mut walk = BitsDocSet::new(Arc::new(docs));
                while walk.doc() != TERMINATED {
                    push(walk.doc(), exact_score(scorers, walk.doc()));
                    walk.advance();
                }
            }
            if !unplaced.is_empty() {
                let mut scorers =
                    terms.iter().map(|terms| term_scorers(terms, reader)).collect::<Result<Vec<_>, _>>()?;
                let mut walk = BitsDocSet::new(Arc::new(unplaced));
                while walk.doc() != TERMINATED {
                    let doc = walk.doc();
                    let score =
                        scorers.iter_mut().map(|scorers| exact_score(scorers, doc)).fold(0.0, Score::max);
                    push(doc, score);
                    walk.advance();
                }
            }
        }
        Ok(top)
    }

    /// The terms of `ranking` weighted as its queries weigh them, when each is a term query,
    /// boosted or not, and [`term_union::walks_faster`] over them; `None` otherwise.
    fn union_terms(&self, searcher: &Searcher, ranking: &Ranking) -> tantivy::Result<Option<Vec<UnionTerm>>> {
        let Some(queries) = &ranking.terms else { return Ok(None) };
        let Some(terms) =
            queries.iter().map(|query| matches::single_term(query.as_ref())).collect::<Option<Vec<_>>>()
        else {
            return Ok(None);
        };
        // Read in the largest segment alone: a look-up in every segment for every term of
        // every language cost as much as the walk saves.
        let Some(largest) = searcher.segment_readers().iter().max_by_key(|reader| reader.max_doc()) else {
            return Ok(None);
        };
        let mut doc_freqs = Vec::with_capacity(terms.len());
        for term in &terms {
            let info = largest.inverted_index(term.field())?.get_term_info(term)?;
            doc_freqs.push(info.map_or(0, |info| info.doc_freq));
        }
        if !term_union::walks_faster(&doc_freqs) {
            return Ok(None);
        }
        let weighed = terms.into_iter().map(|term| {
            // The parsers boost titles and nothing else.
            let is_title = self.inner.fields.languages.iter().any(|language| language.title == term.field());
            UnionTerm::new(searcher, term, if is_title { TITLE_BOOST } else { 1.0 })
        });
        weighed.collect::<tantivy::Result<Vec<_>>>().map(Some)
    }

    /// The request's facet filters, one per facet with selected values.
    fn filters(&self, request: &SearchQuery) -> Vec<Filter> {
        FacetKind::ALL
            .into_iter()
            .filter_map(|kind| self.filter(kind, query::selected(request, kind)))
            .collect()
    }

    /// The filter of one facet on `values` (normalised); `None` when there are none.
    fn filter(&self, kind: FacetKind, values: Vec<String>) -> Option<Filter> {
        let field = self.inner.fields.facet(kind);
        let terms: Vec<Term> =
            values.iter().map(|value| Term::from_facet(field, &Facet::from_path([value]))).collect();
        (!terms.is_empty()).then(|| Filter { kind, values, query: Box::new(TermSetQuery::new(terms)) })
    }

    /// The query for the reader's words: every analysis parses them with its own analyzer
    /// over its own fields, and a document matches through its language's fields.
    fn matching(&self, text: &ReaderText) -> Matching {
        self.matching_in(text, &[])
    }

    /// [`Self::matching`] over the fields of the analyses in `suffixes` alone (every
    /// analysis when empty). A variant's text is in its own language's fields only, so
    /// when a filter keeps some languages the others' fields can match nothing it keeps:
    /// leaving them out changes no hit and no score, and spares walking their postings.
    fn matching_in(&self, text: &ReaderText, suffixes: &[&str]) -> Matching {
        let (analyses, kept_suffixes): (Vec<&(QueryParser, TextAnalyzer)>, Vec<&'static str>) = self
            .inner
            .parsers
            .iter()
            .zip(&self.inner.fields.languages)
            .filter(|(_, language)| suffixes.is_empty() || suffixes.contains(&language.suffix))
            .map(|(parser, language)| (parser, language.suffix))
            .unzip();
        // In each language, only the words its analysis keeps: a stop word alone must match
        // nothing there, yet tantivy reads a clause left empty by a dropped word as "all".
        let in_any_language = |phrases: &[String]| -> Box<dyn Query> {
            let per_language = analyses
                .iter()
                .map(|(parser, analyzer)| {
                    let kept: Vec<String> =
                        phrases.iter().filter(|phrase| has_terms(analyzer, phrase)).cloned().collect();
                    let query: Box<dyn Query> = if kept.is_empty() {
                        Box::new(EmptyQuery)
                    } else {
                        // Lenient: nothing in a tree we built ourselves is worth reporting.
                        parser.build_query_from_user_input_ast_lenient(query::all_of(&kept)).0
                    };
                    (Occur::Should, query)
                })
                .collect();
            Box::new(BooleanQuery::new(per_language))
        };
        let required = if text.required.is_empty() {
            // Only exclusions ("-sport"): everything else.
            Box::new(AllQuery) as Box<dyn Query>
        } else {
            in_any_language(&text.required)
        };
        // Exclusions apply across languages at once: a document has only one.
        let excluded =
            text.excluded.iter().map(|phrase| in_any_language(std::slice::from_ref(phrase))).collect();
        Matching { required, excluded, suffixes: kept_suffixes }
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: Score,
        highlighter: &mut Highlighter<'_>,
    ) -> Result<Hit, SearchError> {
        let fields = &self.inner.fields;
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field, nth| {
            doc.get_all(field).nth(nth).and_then(|value| value.as_str()).unwrap_or_default().to_owned()
        };
        let facets = |kind| -> Vec<String> {
            doc.get_all(fields.facet(kind)).filter_map(|value| value.as_facet().map(facet_leaf)).collect()
        };
        let language = facets(FacetKind::Language).into_iter().next().unwrap_or_default();
        let searchable = fields.language(suffix_for(&language));
        let title = text(searchable.title, 0);
        let mut finders = highlighter.for_language(&language)?;
        Ok(Hit {
            variant_id: doc.get_first(fields.variant_id).and_then(|value| value.as_i64()).unwrap_or_default(),
            document_id: doc
                .get_first(fields.document_id)
                .and_then(|value| value.as_i64())
                .unwrap_or_default(),
            kind: facets(FacetKind::Kind).into_iter().next().unwrap_or_default(),
            slug: text(fields.slug, 0),
            title_html: highlight::title_html(finders.as_mut().map(|(title, _)| title), &title),
            snippet_html: highlight::snippet_html(
                finders.map(|(_, body)| body),
                &text(searchable.body, BODY_SUMMARY),
                &text(searchable.body, BODY_TEXT),
            ),
            published_at: doc
                .get_first(fields.published_at)
                .and_then(|value| value.as_i64())
                .unwrap_or_default(),
            countries: facets(FacetKind::Country),
            language,
            score,
        })
    }
}

/// One facet's filter: any of its selected values.
struct Filter {
    kind: FacetKind,
    /// The selected values, normalised.
    values: Vec<String>,
    /// Matches the variants with any of `values`.
    query: Box<dyn Query>,
}

/// The reader's words as queries.
struct Matching {
    /// Matches the variants with every required word or phrase (scored).
    required: Box<dyn Query>,
    /// Each matches the variants with one excluded word or phrase.
    excluded: Vec<Box<dyn Query>>,
    /// The analysis of each "any of" clause of `required`, in order, when it has them.
    suffixes: Vec<&'static str>,
}

impl Matching {
    fn query(&self) -> Box<dyn Query> {
        if self.excluded.is_empty() {
            return self.required.box_clone();
        }
        let mut clauses = vec![(Occur::Must, self.required.box_clone())];
        for excluded in &self.excluded {
            clauses.push((Occur::MustNot, excluded.box_clone()));
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

impl Matching {
    /// The words' part in each language analysis, when the words are split so (not when
    /// only exclusions were given).
    fn languages(&self) -> Option<impl Iterator<Item = (&'static str, &dyn Query)>> {
        let languages = self
            .required
            .downcast_ref::<BooleanQuery>()
            .filter(|any| any.clauses().iter().all(|(occur, _)| *occur == Occur::Should))
            .filter(|any| any.clauses().len() == self.suffixes.len())?;
        Some(
            self.suffixes
                .iter()
                .zip(languages.clauses())
                .map(|(suffix, (_, language))| (*suffix, language.as_ref()))
                .filter(|(_, language)| language.downcast_ref::<EmptyQuery>().is_none()),
        )
    }

    /// `language`'s part with the exclusions, flat where it can be.
    fn in_language(&self, language: &dyn Query) -> Box<dyn Query> {
        let excluded = self.excluded.iter().map(|excluded| excluded.box_clone()).collect();
        flattened(Matching { required: language.box_clone(), excluded, suffixes: Vec::new() }.query())
    }

    /// The words split by language analysis, each flat where it can be. A document matches
    /// through its own language's fields alone, so its score is the same in its language's
    /// part as in the whole, and the best of each part make the best of all. Block-max WAND
    /// skips far more over one language's two postings than over every language's
    /// interleaved: in the whole, some language always has a document near.
    fn per_language(&self) -> Vec<Box<dyn Query>> {
        match self.languages() {
            Some(languages) => languages.map(|(_, language)| self.in_language(language)).collect(),
            None => vec![flattened(self.query())],
        }
    }

    /// [`Self::per_language`] for ranking the candidates of the public search's count pass,
    /// which match the words already: each language's terms in one union where they can be
    /// (see [`union_of_terms`]).
    fn candidates_per_language(&self) -> Vec<Ranking> {
        let Some(languages) = self.languages() else {
            return vec![Ranking { pruned: flattened(self.query()), terms: None, suffix: None }];
        };
        languages
            .map(|(suffix, language)| match terms_of(language) {
                Some(terms) => Ranking {
                    pruned: Box::new(BooleanQuery::new(
                        terms.iter().map(|term| (Occur::Should, term.box_clone())).collect(),
                    )),
                    terms: Some(terms),
                    suffix: Some(suffix),
                },
                None => Ranking { pruned: self.in_language(language), terms: None, suffix: Some(suffix) },
            })
            .collect()
    }
}

/// How the public search walks one language's candidates for the best.
enum Walk {
    /// A union of plain terms that [`term_union::rank`] walks faster than tantivy prunes it.
    Terms(Vec<UnionTerm>),
    /// Tantivy's pruning of the ranking, and the terms that score its candidates again when
    /// its sums are not exact (see [`Ranking::rescoring`]).
    Pruned(Box<dyn Weight>, Option<Vec<Box<dyn Weight>>>),
}

/// How one language's part of the words is ranked.
struct Ranking {
    /// What tantivy's pruning walks.
    pruned: Box<dyn Query>,
    /// The terms of `pruned`, when it is their union: what scores a candidate exactly (see
    /// [`exact_score`]).
    terms: Option<Vec<Box<dyn Query>>>,
    /// The language analysis, when the words are split by language.
    suffix: Option<&'static str>,
}

impl Ranking {
    /// The terms that score a candidate the pruning hands over again: when there are more
    /// than two. Block-max WAND adds a document's term scores in an order that depends on
    /// the documents before it, and floating-point sums differ with the order in their
    /// last bits: equally relevant documents would no longer score the same, nor be ranked
    /// newest first. Two terms sum the same in either order.
    fn rescoring(&self) -> Option<&[Box<dyn Query>]> {
        self.terms.as_deref().filter(|terms| terms.len() > 2)
    }
}

/// The scorers of `terms` in `reader`, for [`exact_score`].
fn term_scorers(terms: &[Box<dyn Weight>], reader: &SegmentReader) -> tantivy::Result<Vec<Box<dyn Scorer>>> {
    terms.iter().map(|term| term.scorer(reader, 1.0)).collect()
}

/// The sum of the scores that `terms` give `doc`, in their order; asked in increasing order
/// of `doc`. Each term seeks its own postings, where the words' own query would seek a
/// union of two per word, which refills a window of documents at every step.
fn exact_score(terms: &mut [Box<dyn Scorer>], doc: DocId) -> Score {
    let mut sum = 0.0;
    for term in terms {
        if term.doc() < doc {
            term.seek(doc);
        }
        if term.doc() == doc {
            sum += term.score();
        }
    }
    sum
}

/// `threshold` lowered by more than the rounding of a sum of the most terms a search has, for a
/// pruning whose sums are not the exact ones: a document whose exact score ties the worst
/// kept one must still come and be ranked by its tie-break.
fn loosened(threshold: Score) -> Score {
    if threshold == Score::MIN { threshold } else { threshold - threshold.abs() * 1e-5 }
}

/// Title and body finders per analysis, made on first use: most pages show one or two
/// languages.
struct Highlighter<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    matching: Option<&'a Matching>,
    finders: HashMap<&'static str, (Finder, Finder)>,
}

impl<'a> Highlighter<'a> {
    fn new(searcher: &'a Searcher, fields: &'a Fields, matching: Option<&'a Matching>) -> Self {
        Highlighter { searcher, fields, matching, finders: HashMap::new() }
    }

    /// The title and body finders for a hit's language; `None` when there are no words.
    fn for_language(&mut self, language: &str) -> Result<Option<&mut (Finder, Finder)>, SearchError> {
        let Some(matching) = self.matching else {
            return Ok(None);
        };
        let suffix = suffix_for(language);
        if !self.finders.contains_key(suffix) {
            let searchable = self.fields.language(suffix);
            let query = matching.required.as_ref();
            // Titles are shown whole; the finder only has to find the words.
            let title = Finder::new(self.searcher, query, searchable.title, TITLE_MAX_BYTES)?;
            let body = Finder::new(self.searcher, query, searchable.body, SNIPPET_BYTES)?;
            self.finders.insert(suffix, (title, body));
        }
        Ok(self.finders.get_mut(suffix))
    }
}

/// Per segment, the documents that passed site and filters in the count pass (public ones
/// only), as a query that scores nothing: what the ranking intersects with the words when
/// few of the words' matches pass.
#[derive(Clone)]
struct Passing(HashMap<SegmentId, Arc<DocBits>>);

impl std::fmt::Debug for Passing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Passing({} segments)", self.0.len())
    }
}

impl Query for Passing {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for Passing {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.0.get(&reader.segment_id()) {
            Some(bits) => Box::new(ConstScorer::new(BitsDocSet::new(bits.clone()), 0.0)),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let passes = self.0.get(&reader.segment_id()).is_some_and(|bits| bits.contains(doc));
        if !passes {
            return Err(tantivy::TantivyError::InvalidArgument(format!("document {doc} does not pass")));
        }
        Ok(Explanation::new("public on the site and passing every filter", 0.0))
    }
}

/// `query` with every leaf intersected with `passing`: the same documents and scores as
/// `query AND passing`. Led by the few passing documents, each leaf seeks its own postings;
/// the plain intersection would seek a union of every language's fields, which scores each
/// window of documents whole, passing or not.
fn within(query: &dyn Query, passing: &Passing) -> Box<dyn Query> {
    if query.downcast_ref::<EmptyQuery>().is_some() {
        return query.box_clone();
    }
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return Box::new(BooleanQuery::new(vec![
            (Occur::Must, query.box_clone()),
            (Occur::Must, Box::new(passing.clone())),
        ]));
    };
    let clauses = boolean
        .clauses()
        .iter()
        .map(|(occur, clause)| match occur {
            // An excluded document is excluded whether it passes or not.
            Occur::MustNot => (*occur, clause.box_clone()),
            Occur::Must | Occur::Should => (*occur, within(clause.as_ref(), passing)),
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// The request's filters over the [`Dictionary`]'s values.
struct Selection {
    /// Per value, its kind's bit (one bit per facet kind).
    kind_bit: Vec<u8>,
    /// Per filtered kind: its bit and the numbers of its selected values that some segment
    /// has. A document passes when it has one of each filtered kind's.
    filters: Vec<(u8, Vec<ValueId>)>,
}

impl Selection {
    fn new(dictionary: &Dictionary, filters: &[Filter]) -> Selection {
        let bit = |kind: FacetKind| 1u8 << (kind as u8);
        Selection {
            kind_bit: (0..dictionary.len())
                .map(|id| {
                    ValueId::try_from(id)
                        .ok()
                        .and_then(|id| dictionary.value(id))
                        .map_or(0, |(kind, _)| bit(*kind))
                })
                .collect(),
            filters: filters
                .iter()
                .map(|filter| {
                    let ids =
                        filter.values.iter().filter_map(|value| dictionary.id(filter.kind, value)).collect();
                    (bit(filter.kind), ids)
                })
                .collect(),
        }
    }

    /// The counted values as facet lists; selected values are listed even when nothing has
    /// them, so a reader can still see and unselect them.
    fn facets(&self, dictionary: &Dictionary, counts: &[u32], filters: &[Filter]) -> Facets {
        let mut facets = Facets::default();
        for (id, count) in counts.iter().enumerate() {
            let Some((kind, value)) = ValueId::try_from(id).ok().and_then(|id| dictionary.value(id)) else {
                continue;
            };
            if *count > 0 {
                facet_list(&mut facets, *kind)
                    .push(FacetCount { value: value.clone(), count: u64::from(*count) });
            }
        }
        for filter in filters {
            let list = facet_list(&mut facets, filter.kind);
            for value in &filter.values {
                if !list.iter().any(|listed| &listed.value == value) {
                    list.push(FacetCount { value: value.clone(), count: 0 });
                }
            }
        }
        for kind in FacetKind::ALL {
            facet_list(&mut facets, kind)
                .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        }
        facets
    }
}

/// The first pass's counts.
struct Tally {
    /// Per value: how many documents have it among those that pass every filter but its
    /// kind's own (disjunctive faceting: a reader sees the alternatives to what is selected).
    counts: Vec<u32>,
    /// Documents that pass every filter.
    total: usize,
    /// Documents the words match on the site, filters or not.
    words_on_site: usize,
}

impl Tally {
    fn new(values: usize) -> Tally {
        Tally { counts: vec![0; values], total: 0, words_on_site: 0 }
    }

    /// Adds the counts of other segments.
    fn merge(&mut self, other: Tally) {
        self.counts.iter_mut().zip(other.counts).for_each(|(count, more)| *count += more);
        self.total += other.total;
        self.words_on_site += other.words_on_site;
    }

    /// Counts one segment's documents of the site that the words match (`on_site`), and
    /// returns those that pass every filter.
    fn add_segment(&mut self, selection: &Selection, facts: &SegmentFacts, on_site: DocBits) -> DocBits {
        let max_doc = facts.max_doc();
        let filtered: Vec<DocBits> = selection
            .filters
            .iter()
            .map(|(_, ids)| {
                let mut any = DocBits::empty(max_doc);
                ids.iter().filter_map(|id| facts.docs_of(*id)).for_each(|docs| docs.add_to(&mut any));
                any
            })
            .collect();
        // A filtered kind is counted among the documents that pass every other filter
        // (disjunctive faceting: a reader sees the alternatives to what is selected).
        let alternatives: Vec<(u8, DocBits)> = selection
            .filters
            .iter()
            .enumerate()
            .map(|(skipped, (bit, _))| {
                let mut kept = on_site.clone();
                for (_, filter) in filtered.iter().enumerate().filter(|(at, _)| *at != skipped) {
                    kept.intersect_with(filter);
                }
                (*bit, kept)
            })
            .collect();
        self.words_on_site += on_site.len();
        let mut passing = on_site;
        for filter in &filtered {
            passing.intersect_with(filter);
        }
        let spans: Vec<_> = alternatives.iter().map(|(_, kept)| kept.span()).collect();
        let passing_span = passing.span();

        self.total += passing.len();
        for (id, docs) in facts.value_docs() {
            let kind_bit = selection.kind_bit.get(usize::from(*id)).copied().unwrap_or(0);
            let (among, span) = alternatives
                .iter()
                .zip(&spans)
                .find(|((bit, _), _)| *bit == kind_bit)
                .map_or((&passing, &passing_span), |((_, kept), span)| (kept, span));
            if span.is_empty() {
                continue;
            }
            if let Some(count) = self.counts.get_mut(usize::from(*id)) {
                *count += docs.count_in(among, span);
            }
        }
        passing
    }
}

/// Searches under way in this process, across every index.
static SEARCHES_RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Below this many documents in all segments, a search is not split: handing a group to
/// another thread costs more than the group.
const SPLIT_MIN_DOCS: u32 = 200_000;

/// Whether a search spreads its segments over the cores.
#[derive(Debug, Clone, Copy)]
enum Split {
    /// When it is the only search running and the index is large (see [`segment_groups`]).
    WhenAlone,
    #[cfg_attr(not(test), allow(dead_code))]
    Always,
    #[cfg_attr(not(test), allow(dead_code))]
    Never,
}

/// How a search finds its best documents among those that pass.
#[derive(Debug, Clone, Copy)]
enum Pruning {
    /// Skipping the documents that cannot make the page when most of the words' matches pass;
    /// otherwise scoring each passing document.
    WhenMostPass,
    /// Scoring each passing document: what the pruning must find too.
    #[cfg_attr(not(test), allow(dead_code))]
    Never,
}

/// One search counted in [`SEARCHES_RUNNING`] while it lives.
struct Running;

impl Running {
    fn start() -> Running {
        SEARCHES_RUNNING.fetch_add(1, AtomicOrdering::Relaxed);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        SEARCHES_RUNNING.fetch_sub(1, AtomicOrdering::Relaxed);
    }
}

/// The threads that search groups of segments side by side, one per core; `None` on one
/// core, or when they cannot be started.
fn search_threads() -> Option<&'static Executor> {
    static THREADS: OnceLock<Option<Executor>> = OnceLock::new();
    THREADS
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            (cores > 1).then(|| Executor::multi_thread(cores, "search-")).and_then(Result::ok)
        })
        .as_ref()
}

/// The segments' ordinals in groups to be searched side by side, of about as many documents
/// each: one per core when this is the only search running and the index is large, so that
/// idle cores shorten a lone long search; otherwise one group, since the other searches
/// already keep the cores busy and splitting would only add hand-overs.
fn segment_groups(segments: &[SegmentReader], split: Split) -> Vec<Vec<usize>> {
    let all = || vec![(0..segments.len()).collect::<Vec<_>>()];
    let documents: u32 = segments.iter().map(SegmentReader::max_doc).fold(0, u32::saturating_add);
    let worth_it = match split {
        Split::WhenAlone => {
            documents >= SPLIT_MIN_DOCS && SEARCHES_RUNNING.load(AtomicOrdering::Relaxed) <= 1
        }
        Split::Always => true,
        Split::Never => false,
    };
    if segments.len() < 2 || !worth_it {
        return all();
    }
    let Some(Executor::ThreadPool(threads)) = search_threads() else { return all() };
    let ways = threads.current_num_threads().min(segments.len());
    let mut by_size: Vec<usize> = (0..segments.len()).collect();
    by_size.sort_by_key(|&ord| Reverse(segments[ord].max_doc()));
    let mut groups: Vec<(u64, Vec<usize>)> = vec![(0, Vec::new()); ways];
    for ord in by_size {
        if let Some(lightest) = groups.iter_mut().min_by_key(|(documents, _)| *documents) {
            lightest.0 += u64::from(segments[ord].max_doc());
            lightest.1.push(ord);
        }
    }
    groups
        .into_iter()
        .map(|(_, mut group)| {
            group.sort_unstable();
            group
        })
        .collect()
}

/// `each` of `groups`, side by side on [`search_threads`] when there are several.
fn in_groups<R: Send>(
    groups: &[Vec<usize>],
    each: impl Fn(&[usize]) -> Result<R, SearchError> + Sync,
) -> Result<Vec<R>, SearchError> {
    match (groups, search_threads()) {
        ([_, _, ..], Some(threads)) => {
            threads.map(|group: &Vec<usize>| Ok(each(group)), groups.iter())?.into_iter().collect()
        }
        _ => groups.iter().map(|group| each(group)).collect(),
    }
}

/// A candidate hit: better is a higher score, then a higher `tie` (the public search's is
/// the publication time: newer first), then earlier in the index (the order tantivy's own
/// top-docs collector gives).
#[derive(Clone, Copy)]
struct Ranked {
    score: Score,
    tie: i64,
    address: DocAddress,
}

impl Ranked {
    fn better_than(&self, other: &Ranked) -> std::cmp::Ordering {
        self.score.total_cmp(&other.score).then(self.tie.cmp(&other.tie)).then_with(|| {
            (other.address.segment_ord, other.address.doc_id)
                .cmp(&(self.address.segment_ord, self.address.doc_id))
        })
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.better_than(other).is_eq()
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.better_than(other)
    }
}

/// The best `size` candidates seen, the worst on top of the heap.
struct TopRanked {
    size: usize,
    heap: BinaryHeap<Reverse<Ranked>>,
}

impl TopRanked {
    fn new(size: usize) -> TopRanked {
        TopRanked { size, heap: BinaryHeap::with_capacity(size + 1) }
    }

    fn push(&mut self, candidate: Ranked) {
        if self.heap.len() < self.size {
            self.heap.push(Reverse(candidate));
        } else if self.heap.peek().is_some_and(|Reverse(worst)| candidate > *worst) {
            self.heap.pop();
            self.heap.push(Reverse(candidate));
        }
    }

    /// The score a document must beat to be looked at. Just below the worst kept score, so
    /// that documents scoring the same still come and are ranked by their tie-break.
    fn threshold(&self) -> Score {
        match self.heap.peek() {
            Some(Reverse(worst)) if self.heap.len() >= self.size => worst.score.next_down(),
            _ => Score::MIN,
        }
    }

    /// Keeps the best of `other`'s candidates too.
    fn absorb(&mut self, other: TopRanked) {
        for Reverse(candidate) in other.heap {
            self.push(candidate);
        }
    }

    /// Best first.
    fn into_sorted(self) -> Vec<Ranked> {
        let mut ranked: Vec<Ranked> = self.heap.into_iter().map(|Reverse(ranked)| ranked).collect();
        ranked.sort_by(|a, b| b.cmp(a));
        ranked
    }
}

/// The same query with nested "any of" clauses made one: a document has one language, so
/// the sums are the same, and a flat union of terms is what tantivy's block-max WAND prunes.
fn flattened(query: Box<dyn Query>) -> Box<dyn Query> {
    fn leaves(query: &dyn Query, into: &mut Vec<Box<dyn Query>>) -> bool {
        if query.downcast_ref::<EmptyQuery>().is_some() {
            return true;
        }
        let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
            into.push(query.box_clone());
            return true;
        };
        let clauses = boolean.clauses();
        let transparent =
            clauses.iter().all(|(occur, _)| *occur == Occur::Should) || matches!(clauses, [(Occur::Must, _)]);
        transparent && clauses.iter().all(|(_, clause)| leaves(clause.as_ref(), into))
    }
    let mut flat = Vec::new();
    if !leaves(query.as_ref(), &mut flat) {
        return query;
    }
    if flat.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(BooleanQuery::new(flat.into_iter().map(|leaf| (Occur::Should, leaf)).collect()))
}

/// Every term of `query`, when each leaf is a single term under "all of" and "any of"
/// clauses alone; `None` otherwise (a phrase, an exclusion).
///
/// Their union is only for ranking candidates that the count pass let through: such a
/// candidate matches every required clause of its language and no excluded one, so its
/// score in the union, the sum of its terms' scores, is its score in the query. Tantivy
/// scores every document of an intersection of unions (two words, each in title or body);
/// a union of terms it ranks with block-max WAND, skipping the blocks where a single word
/// cannot reach the threshold.
fn terms_of(query: &dyn Query) -> Option<Vec<Box<dyn Query>>> {
    fn leaves(query: &dyn Query, into: &mut Vec<Box<dyn Query>>) -> bool {
        let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
            let mut terms = 0;
            let mut positional = false;
            query.query_terms(&mut |_, needs_position| {
                terms += 1;
                positional |= needs_position;
            });
            into.push(query.box_clone());
            return terms == 1 && !positional;
        };
        boolean
            .clauses()
            .iter()
            .all(|(occur, clause)| *occur != Occur::MustNot && leaves(clause.as_ref(), into))
    }
    let mut flat = Vec::new();
    (leaves(query, &mut flat) && !flat.is_empty()).then_some(flat)
}

/// What each facet field is filled with for one document (raw; normalised by the caller).
fn facet_values(doc: &IndexDoc) -> [(FacetKind, Vec<String>); 6] {
    let regions = doc
        .countries
        .iter()
        .filter_map(|iso2| portico_geo::country(iso2.trim()))
        .filter_map(|country| country.region)
        .map(|region| region.code.to_owned())
        .collect();
    let year = time::OffsetDateTime::from_unix_timestamp(doc.published_at)
        .map(|at| vec![at.year().to_string()])
        .unwrap_or_default();
    [
        (FacetKind::Country, doc.countries.clone()),
        (FacetKind::Region, regions),
        (FacetKind::Theme, doc.themes.clone()),
        (FacetKind::Kind, vec![doc.kind.clone()]),
        (FacetKind::Year, year),
        (FacetKind::Language, vec![doc.language.clone()]),
    ]
}

/// The start of `text`, at most `max` bytes, cut at a character boundary.
fn cut(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// Whether `analyzer` keeps any term of `phrase`.
fn has_terms(analyzer: &TextAnalyzer, phrase: &str) -> bool {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(phrase);
    stream.advance()
}

/// The suffixes of the analyses of the languages a filter keeps (as sent: any case,
/// regional forms); none when it keeps every language.
fn analyses_of(languages: &[String]) -> Vec<&'static str> {
    query::distinct(languages.iter().filter_map(|raw| facet_value(FacetKind::Language, raw)))
        .iter()
        .map(|language| suffix_for(language))
        .collect()
}

/// A query that filters without changing scores.
fn unscored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// The value of a one-level facet, from its encoded form.
fn facet_leaf(encoded: &str) -> String {
    Facet::from_encoded(encoded.as_bytes().to_vec())
        .ok()
        .and_then(|facet| facet.to_path().first().map(|step| (*step).to_owned()))
        .unwrap_or_default()
}

fn facet_list(facets: &mut Facets, kind: FacetKind) -> &mut Vec<FacetCount> {
    match kind {
        FacetKind::Country => &mut facets.country,
        FacetKind::Region => &mut facets.region,
        FacetKind::Theme => &mut facets.theme,
        FacetKind::Kind => &mut facets.kind,
        FacetKind::Year => &mut facets.year,
        FacetKind::Language => &mut facets.language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::IndexDoc;
    use tantivy::snippet::SnippetGenerator;

    /// An index in RAM with one segment of each size, its documents made by `doc` from their
    /// ids (from 1 on) and their segment's number.
    fn index_in_segments(sizes: &[i64], doc: impl Fn(i64, usize) -> IndexDoc) -> SearchIndex {
        let index = SearchIndex::in_memory().expect("index");
        let mut id = 0i64;
        for (segment, size) in sizes.iter().enumerate() {
            for _ in 0..*size {
                id += 1;
                index.upsert(&doc(id, segment)).expect("upsert");
            }
            index.commit(segment as i64 + 1).expect("commit");
        }
        index
    }

    /// A release on site 1, published on one of forty days: equal dates in places, so that
    /// ties are broken by address too.
    fn release(id: i64, language: &str, title: String, body_text: String) -> IndexDoc {
        IndexDoc {
            variant_id: id,
            document_id: id,
            site_id: 1,
            language: language.to_owned(),
            kind: "release".to_owned(),
            slug: format!("r{id}"),
            title,
            body_text,
            published_at: 1_600_000_000 + (id % 40) * 86_400,
            ..IndexDoc::default()
        }
    }

    /// A search spread over the cores finds what it finds on one: the same hits in the same
    /// order with the same scores, the same total and the same facet counts.
    #[test]
    fn a_search_split_over_the_cores_finds_what_one_core_finds() {
        let words = ["migrants", "health", "border", "children", "return", "IOM", "flood", "camp"];
        let countries = ["SV", "GT", "JO", "SN", "PH"];
        let themes = ["migration-health", "migrant-children", "integration"];
        // Five segments of different sizes.
        let index = index_in_segments(&[400, 90, 250, 30, 160], |id, segment| {
            let pick = |n: i64, of: usize| (n.unsigned_abs() as usize * 7 + segment) % of;
            let body: Vec<&str> = (0..1 + id % 9).map(|k| words[pick(id * 3 + k, words.len())]).collect();
            let title = format!("{} and {}", words[pick(id, words.len())], words[pick(id + 5, words.len())]);
            IndexDoc {
                site_id: 1 + id % 2,
                countries: vec![countries[pick(id, countries.len())].to_owned()],
                themes: vec![themes[pick(id * 5, themes.len())].to_owned()],
                ..release(id, ["en", "fr", "es"][pick(id, 3)], title, body.join(" "))
            }
        });
        let searcher = index.inner.reader.searcher();
        assert_eq!(searcher.segment_readers().len(), 5);
        // On one core nothing is split, and the comparison below would be of one walk with itself.
        assert!(segment_groups(searcher.segment_readers(), Split::Always).len() > 1, "not split");
        let requests = [
            SearchQuery { site_id: 1, text: "migrants".into(), ..SearchQuery::default() },
            SearchQuery { site_id: 1, text: "IOM".into(), page: 3, per_page: 7, ..SearchQuery::default() },
            SearchQuery { site_id: 2, text: "health children".into(), ..SearchQuery::default() },
            SearchQuery {
                site_id: 1,
                text: "border".into(),
                countries: vec!["SV".into(), "JO".into()],
                themes: vec!["integration".into()],
                ..SearchQuery::default()
            },
            SearchQuery {
                site_id: 2,
                text: "camp -flood".into(),
                languages: vec!["fr".into()],
                ..SearchQuery::default()
            },
            SearchQuery { site_id: 1, text: String::new(), per_page: 50, ..SearchQuery::default() },
        ];
        for request in &requests {
            let alone = index.search_split(request, Split::Never, Pruning::WhenMostPass).expect("one core");
            let split = index.search_split(request, Split::Always, Pruning::WhenMostPass).expect("split");
            assert!(alone.total > 0, "{request:?} finds nothing: the comparison would be empty");
            assert_eq!(split, alone, "{request:?}");
        }
    }

    /// The walk of a union of terms, which skips blocks of postings, finds the documents and
    /// scores that scoring every passing document with tantivy's term scorers finds.
    #[test]
    fn the_term_walk_ranks_as_scoring_every_passing_document_does() {
        let words = ["migrants", "health", "border", "children", "return", "flood", "camp", "data"];
        let themes = ["migration-health", "migrant-children", "integration"];
        // Three segments, with "IOM" and "migrants" in most titles and bodies: several blocks of
        // postings per term, the last of each one short.
        let index = index_in_segments(&[1_500, 700, 430], |id, segment| {
            let pick = |n: i64, of: usize| (n.unsigned_abs() as usize * 7 + segment) % of;
            // As often as one to four times, in bodies of three to thirty words: many
            // different scores, and many equal ones.
            let body: Vec<&str> = (0..3 + id % 28)
                .map(|k| match k {
                    _ if id % 11 == 0 => words[pick(id * 3 + k, words.len())],
                    _ if k < 1 + id % 4 => "IOM",
                    _ if k < 3 + id % 3 => "migrants",
                    _ => words[pick(id * 3 + k, words.len())],
                })
                .collect();
            let subject =
                format!("{} and {}", words[pick(id, words.len())], words[pick(id + 5, words.len())]);
            let title = if id % 5 == 0 { subject } else { format!("IOM and migrants: {subject}") };
            IndexDoc {
                themes: vec![themes[pick(id * 5, themes.len())].to_owned()],
                ..release(id, ["en", "en", "fr", "es"][(id / 3 % 4) as usize], title, body.join(" "))
            }
        });
        let searcher = index.inner.reader.searcher();
        let walked = |text: &str| {
            let matching = index.matching(&ReaderText::parse(text).expect("words"));
            let rankings = matching.candidates_per_language();
            rankings
                .iter()
                .filter(|ranking| index.union_terms(&searcher, ranking).expect("terms").is_some())
                .count()
        };
        assert!(walked("IOM") > 0 && walked("IOM migrants") > 0, "the walk is not what is compared");
        assert_eq!(walked("IOM border"), 0, "a rare word with common ones is left to tantivy");

        let request = |text: &str| SearchQuery { site_id: 1, text: text.into(), ..SearchQuery::default() };
        let requests = [
            request("IOM"),
            SearchQuery { page: 4, per_page: 50, ..request("IOM") },
            SearchQuery { themes: vec!["integration".into(), "migrant-children".into()], ..request("IOM") },
            request("IOM migrants"),
            SearchQuery { per_page: 100, ..request("migrants IOM -flood") },
            SearchQuery { languages: vec!["en".into()], ..request("IOM migrants") },
            request("IOM border"),
        ];
        for request in &requests {
            let pruned = index.search_split(request, Split::Never, Pruning::WhenMostPass).expect("pruned");
            let every = index.search_split(request, Split::Never, Pruning::Never).expect("every one");
            assert!(pruned.hits.len() >= 20, "{request:?}: too few hits to compare: {}", pruned.hits.len());
            assert_eq!(pruned, every, "{request:?}");
        }
    }

    /// Our finder must pick the passage and words tantivy's snippet generator picks: the
    /// search page's snippets were tantivy's until the finder replaced it for speed.
    #[test]
    fn the_finder_finds_what_tantivy_s_snippet_generator_finds() {
        let index = SearchIndex::in_memory().expect("index");
        let filler = "Background on the programme and its partners in the region. ";
        let mut texts = vec![
            String::new(),
            "Nothing to see here.".to_owned(),
            "Migrants and migrant children; the MIGRANTS' families.".to_owned(),
            format!("{}Health for migrants. {}", filler.repeat(4), filler.repeat(12)),
            format!(
                "{}migrants{}health and migrants {}",
                filler.repeat(9),
                filler.repeat(2),
                filler.repeat(30)
            ),
            format!(
                "Migrants first. {}health, migrants and health again. {}",
                filler.repeat(3),
                filler.repeat(3)
            ),
            "héalth migrànts ".repeat(80),
        ];
        texts.push(format!("{}{}", "x".repeat(700), texts[4]));
        for (n, text) in texts.iter().enumerate() {
            let mut doc = IndexDoc {
                variant_id: n as i64 + 1,
                document_id: n as i64 + 1,
                site_id: 1,
                language: "en".to_owned(),
                kind: "release".to_owned(),
                slug: format!("r{n}"),
                title: "A release".to_owned(),
                ..IndexDoc::default()
            };
            doc.body_text = text.clone();
            index.upsert(&doc).expect("upsert");
        }
        index.commit(1).expect("commit");
        let searcher = index.inner.reader.searcher();
        let body = index.inner.fields.language("en").body;
        for words in ["migrants", "health migrants", "migrant families children", "absent"] {
            let text = ReaderText::parse(words).expect("words");
            let matching = index.matching(&text);
            for max in [40, 220, 3_000] {
                let mut finder =
                    Finder::new(&searcher, matching.required.as_ref(), body, max).expect("finder");
                let mut generator =
                    SnippetGenerator::create(&searcher, matching.required.as_ref(), body).expect("generator");
                generator.set_max_num_chars(max);
                for text in &texts {
                    let expected = generator.snippet(text);
                    let found = finder.find(text);
                    assert_eq!(
                        found.as_ref().map(|found| (found.passage.clone(), found.words.clone())),
                        (!expected.highlighted().is_empty()).then(|| {
                            let start = expected.fragment_range().start;
                            let words = expected
                                .highlighted()
                                .iter()
                                .map(|word| word.start + start..word.end + start);
                            (expected.fragment_range(), words.collect())
                        }),
                        "{words:?} in {max} bytes of {text:?}"
                    );
                    // Looking through a shorter head first, then all of it, in one pass.
                    for first in [0, 17, 61, 250, 600] {
                        let Some(cut) = text.get(..first).and_then(|head| head.rfind(' ')) else {
                            continue;
                        };
                        let in_two = finder.find(&text[..cut]).or_else(|| finder.find(text));
                        let in_one = finder.find_first_in(text, cut);
                        assert_eq!(
                            in_one.map(|found| (found.passage, found.words)),
                            in_two.map(|found| (found.passage, found.words)),
                            "{words:?} in {max} bytes of {text:?}, first {cut}"
                        );
                    }
                }
            }
        }
    }
}
