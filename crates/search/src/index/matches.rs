//! The documents of a segment that a query matches, unscored, as a [`DocBits`]: each leaf's
//! postings read straight into bits, and "all of", "any of" and "none of" done with AND, OR
//! and AND NOT over 64 documents at a time.
//!
//! The count pass needs every match, not the best ones. Tantivy walks an intersection of
//! unions (two words, each in title or body, in every language) by seeking each union to
//! the next candidate, and a union seeks by refilling a window of documents: at a million
//! documents that was a third of a two-word search. Reading each posting list once costs what
//! its length costs, as one common word already does.

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, EnableScoring, Occur, Query, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, SegmentReader, Term};

use crate::bits::DocBits;

/// A query as set operations over its leaves, made once per search and read per segment.
pub(super) enum Matches {
    /// A term, whose postings are read block by block.
    Term(Term),
    /// Another leaf (a phrase), whose documents tantivy lists.
    Leaf(Box<dyn Weight>),
    All,
    Nothing,
    /// Every `all`, and at least one `any` when `all` is empty, and no `none`.
    Clauses {
        all: Vec<Matches>,
        any: Vec<Matches>,
        none: Vec<Matches>,
    },
}

impl Matches {
    /// `query` as set operations; `None` when it holds a clause these cannot express (more
    /// than one "any of" clause required to match), which the caller then walks with tantivy.
    pub fn of(query: &dyn Query, searcher: &Searcher) -> tantivy::Result<Option<Matches>> {
        if query.downcast_ref::<AllQuery>().is_some() {
            return Ok(Some(Matches::All));
        }
        if query.downcast_ref::<EmptyQuery>().is_some() {
            return Ok(Some(Matches::Nothing));
        }
        let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
            if let Some(term) = single_term(query) {
                return Ok(Some(Matches::Term(term)));
            }
            return Ok(Some(Matches::Leaf(query.weight(EnableScoring::disabled_from_searcher(searcher))?)));
        };
        // Tantivy's own default: one "any of" clause required when there is no other kind.
        let any_required = match boolean.get_minimum_number_should_match() {
            0 => false,
            1 => true,
            _ => return Ok(None),
        };
        let (mut all, mut any, mut none) = (Vec::new(), Vec::new(), Vec::new());
        for (occur, clause) in boolean.clauses() {
            let Some(clause) = Matches::of(clause.as_ref(), searcher)? else { return Ok(None) };
            match occur {
                Occur::Must => all.push(clause),
                Occur::Should => any.push(clause),
                Occur::MustNot => none.push(clause),
            }
        }
        if any_required && any.is_empty() {
            return Ok(Some(Matches::Nothing));
        }
        if !all.is_empty() {
            // Beside a required clause, an optional one changes the score alone.
            let any = std::mem::take(&mut any);
            if any_required {
                all.push(Matches::Clauses { all: Vec::new(), any, none: Vec::new() });
            }
        }
        Ok(Some(Matches::Clauses { all, any, none }))
    }

    /// The documents of `reader` that match, deleted ones included.
    pub fn in_segment(&self, reader: &SegmentReader) -> tantivy::Result<DocBits> {
        let max_doc = reader.max_doc();
        match self {
            Matches::All => Ok(DocBits::full(max_doc)),
            Matches::Nothing => Ok(DocBits::empty(max_doc)),
            Matches::Term(_) | Matches::Leaf(_) => {
                let mut bits = DocBits::empty(max_doc);
                self.add_to(reader, &mut bits)?;
                Ok(bits)
            }
            Matches::Clauses { all, any, none } => {
                let mut bits = match all.split_first() {
                    Some((first, rest)) => {
                        let mut bits = first.in_segment(reader)?;
                        for clause in rest {
                            if bits.is_empty() {
                                break;
                            }
                            bits.intersect_with(&clause.in_segment(reader)?);
                        }
                        bits
                    }
                    None => {
                        let mut bits = DocBits::empty(max_doc);
                        for clause in any {
                            clause.add_to(reader, &mut bits)?;
                        }
                        bits
                    }
                };
                for clause in none {
                    if bits.is_empty() {
                        break;
                    }
                    bits.subtract(&clause.in_segment(reader)?);
                }
                Ok(bits)
            }
        }
    }

    /// Adds the documents of `reader` that match to `bits`: a leaf's straight from its
    /// postings, and an "any of" clause's leaf by leaf, without a set of their own.
    fn add_to(&self, reader: &SegmentReader, bits: &mut DocBits) -> tantivy::Result<()> {
        match self {
            Matches::Term(term) => {
                let postings = reader
                    .inverted_index(term.field())?
                    .read_block_postings(term, IndexRecordOption::Basic)?;
                if let Some(mut postings) = postings {
                    while !postings.docs().is_empty() {
                        postings.docs().iter().for_each(|doc| bits.insert(*doc));
                        postings.advance();
                    }
                }
                Ok(())
            }
            Matches::Leaf(weight) => {
                weight.for_each_no_score(reader, &mut |docs| docs.iter().for_each(|doc| bits.insert(*doc)))
            }
            Matches::Clauses { all, any, none } if all.is_empty() && none.is_empty() => {
                any.iter().try_for_each(|clause| clause.add_to(reader, bits))
            }
            _ => {
                bits.union_with(&self.in_segment(reader)?);
                Ok(())
            }
        }
    }
}

/// The term of a term query, boosted or not: its documents are its postings, whatever the
/// boost. `None` for any other query.
pub(super) fn single_term(query: &dyn Query) -> Option<Term> {
    if query.downcast_ref::<TermQuery>().is_none() && query.downcast_ref::<BoostQuery>().is_none() {
        return None;
    }
    let mut terms = Vec::new();
    query.query_terms(&mut |term, needs_position| terms.push((term.clone(), needs_position)));
    match terms.as_slice() {
        [(term, false)] => Some(term.clone()),
        _ => None,
    }
}
