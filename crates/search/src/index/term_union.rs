//! Ranking a union of plain terms in one segment: the documents whose summed BM25 score beats
//! a rising threshold, with the bounds tantivy keeps per block of postings.
//!
//! Tantivy's block-max WAND does the same through its term scorers, one document at a time:
//! for each candidate it seeks every scorer, re-sorts them and sums their scores through a
//! trait object. A word in nearly every document ("IOM" in every English release) leaves it
//! few blocks to skip, so that per-document work was half of such a search. Here the terms'
//! postings are walked a block at a time: a window of documents that every term's current
//! block covers is skipped whole when the sum of the blocks' best cannot beat the threshold,
//! and otherwise merged straight from the decoded blocks, checking the search's passing
//! documents before scoring any.
//!
//! It must give every document the score tantivy's own term scorers give it, added in the
//! terms' order (see `exact_score` in the index).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, Searcher, SegmentReader, Term};

use crate::bits::DocBits;

/// One term of the union, weighted as tantivy's term query weighs it in this searcher.
pub(crate) struct UnionTerm {
    term: Term,
    weight: Bm25Weight,
}

impl UnionTerm {
    /// `term` with its BM25 weight over every segment of `searcher`, times `boost` (a field's
    /// boost in the query parser).
    pub fn new(searcher: &Searcher, term: Term, boost: Score) -> tantivy::Result<UnionTerm> {
        let weight = Bm25Weight::for_terms(searcher, std::slice::from_ref(&term))?.boost_by(boost);
        Ok(UnionTerm { term, weight })
    }
}

/// One term's postings in a segment, a decoded block at a time.
struct Cursor<'a> {
    postings: BlockSegmentPostings,
    norms: FieldNormReader,
    term: &'a UnionTerm,
    /// The best score a document of the current block can have from this term.
    block_best: Score,
    /// The first document of the current block not yet walked past.
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(mut postings: BlockSegmentPostings, norms: FieldNormReader, term: &'a UnionTerm) -> Cursor<'a> {
        let block_best = postings.block_max_score(&norms, &term.weight);
        Cursor { postings, norms, term, block_best, at: 0 }
    }

    fn last_doc(&self) -> Option<DocId> {
        self.postings.docs().last().copied()
    }

    fn next_block(&mut self) {
        self.postings.advance();
        self.at = 0;
        self.block_best = self.postings.block_max_score(&self.norms, &self.term.weight);
    }
}

/// Whether [`rank`] should walk terms with these numbers of documents rather than tantivy's
/// block-max WAND: when at least two of them have documents and the rarest has at least
/// half as many documents as the commonest. [`rank`] decodes every block of every term,
/// where tantivy reads the bounds of a block it skips without decoding it; that only pays
/// when there is little to skip. A rare term among common ones (a word in a few titles and
/// every body) lets tantivy skip most blocks of the common ones, since the documents
/// without the rare term cannot make the page. Terms about as common as each other (a name
/// in every title and every body) score much alike in every block, so tantivy scores
/// nearly every document, one seek at a time.
pub(crate) fn walks_faster(doc_freqs: &[u32]) -> bool {
    let present: Vec<u32> = doc_freqs.iter().copied().filter(|count| *count > 0).collect();
    match (present.iter().min(), present.iter().max()) {
        (Some(rarest), Some(commonest)) => present.len() >= 2 && rarest.saturating_mul(2) >= *commonest,
        _ => false,
    }
}

/// Calls `found` with each document of `passing` that one of `terms` matches and whose score,
/// the sum of its terms' scores in their order, is above `threshold`, in increasing order of
/// document; `found` answers the threshold from then on. Documents the threshold rules out
/// may be skipped without being scored.
pub(crate) fn rank(
    terms: &[UnionTerm],
    reader: &SegmentReader,
    passing: &DocBits,
    mut threshold: Score,
    found: &mut dyn FnMut(DocId, Score) -> Score,
) -> tantivy::Result<()> {
    let mut cursors = Vec::with_capacity(terms.len());
    for union_term in terms {
        let field = union_term.term.field();
        let Some(postings) = reader
            .inverted_index(field)?
            .read_block_postings(&union_term.term, IndexRecordOption::WithFreqs)?
        else {
            continue;
        };
        // As tantivy's term weight reads them: a field without norms counts one token.
        let norms = reader
            .fieldnorms_readers()
            .get_field(field)?
            .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1));
        cursors.push(Cursor::new(postings, norms, union_term));
    }
    // Where each cursor's walk of the current window stops.
    let mut ends = vec![0usize; cursors.len()];
    let mut first: DocId = 0;
    loop {
        cursors.retain(|cursor| !cursor.postings.docs().is_empty());
        // Every cursor's current block covers the documents from `first` to `last`, and no
        // other block of the same term has any of them.
        let Some(last) = cursors.iter().filter_map(Cursor::last_doc).min() else {
            return Ok(());
        };
        // Summed in the terms' order, as the scores are, so that no rounding puts a
        // document's score above its window's bound.
        let bound = cursors.iter().fold(0.0, |sum: Score, cursor| sum + cursor.block_best);
        if bound > threshold {
            for (cursor, end) in cursors.iter_mut().zip(ends.iter_mut()) {
                let docs = cursor.postings.docs();
                cursor.at += docs[cursor.at..].partition_point(|doc| *doc < first);
                *end = cursor.at + docs[cursor.at..].partition_point(|doc| *doc <= last);
            }
            threshold = merge(&mut cursors, &ends, passing, threshold, found);
        }
        for cursor in &mut cursors {
            if cursor.last_doc() == Some(last) {
                cursor.next_block();
            }
        }
        first = last + 1;
    }
}

/// Walks the cursors' documents up to their `ends` in increasing order, as one union.
fn merge(
    cursors: &mut [Cursor<'_>],
    ends: &[usize],
    passing: &DocBits,
    mut threshold: Score,
    found: &mut dyn FnMut(DocId, Score) -> Score,
) -> Score {
    loop {
        let next = cursors
            .iter()
            .zip(ends)
            .filter(|(cursor, end)| cursor.at < **end)
            .map(|(cursor, _)| cursor.postings.doc(cursor.at))
            .min();
        let Some(doc) = next else { return threshold };
        let wanted = passing.contains(doc);
        let mut score = 0.0;
        for (cursor, end) in cursors.iter_mut().zip(ends) {
            if cursor.at < *end && cursor.postings.doc(cursor.at) == doc {
                if wanted {
                    let norm = cursor.norms.fieldnorm_id(doc);
                    score += cursor.term.weight.score(norm, cursor.postings.freq(cursor.at));
                }
                cursor.at += 1;
            }
        }
        if wanted && score > threshold {
            threshold = found(doc, score);
        }
    }
}
