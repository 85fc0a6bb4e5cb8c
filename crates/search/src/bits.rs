//! Sets of one segment's documents: a bit per document, or a sorted list for a value few
//! documents have. Counting a facet value among the documents a search keeps is then an AND
//! and a population count over words of 64 documents, instead of a look at every kept
//! document's values.
//!
//! Nothing here knows what a document is for; `facts` and the search decide that.

use std::ops::Range;
use std::sync::Arc;

use tantivy::{DocId, DocSet, TERMINATED};

/// A set of a segment's documents, one bit each: document `d` is bit `d % 64` of word `d / 64`.
#[derive(Clone)]
pub(crate) struct DocBits {
    words: Vec<u64>,
}

impl DocBits {
    /// No document of a segment of `max_doc` documents.
    pub fn empty(max_doc: u32) -> DocBits {
        DocBits { words: vec![0; (max_doc as usize).div_ceil(64)] }
    }

    #[inline]
    pub fn insert(&mut self, doc: DocId) {
        if let Some(word) = self.words.get_mut(doc as usize / 64) {
            *word |= 1 << (doc % 64);
        }
    }

    #[inline]
    pub fn contains(&self, doc: DocId) -> bool {
        self.words.get(doc as usize / 64).is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }

    /// How many documents are in the set.
    pub fn len(&self) -> usize {
        wide::count(&self.words) as usize
    }

    /// Keeps only the documents `other` has too.
    pub fn intersect_with(&mut self, other: &DocBits) {
        wide::and(&mut self.words, &other.words);
    }

    /// Every document of a segment of `max_doc` documents.
    pub fn full(max_doc: u32) -> DocBits {
        let mut bits = DocBits { words: vec![u64::MAX; (max_doc as usize).div_ceil(64)] };
        if let Some(last) = bits.words.last_mut().filter(|_| !max_doc.is_multiple_of(64)) {
            *last = u64::MAX >> (64 - max_doc % 64);
        }
        bits
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|word| *word == 0)
    }

    /// Adds the documents `other` has.
    pub fn union_with(&mut self, other: &DocBits) {
        wide::or(&mut self.words, &other.words);
    }

    /// Leaves out the documents `other` has.
    pub fn subtract(&mut self, other: &DocBits) {
        wide::and_not(&mut self.words, &other.words);
    }

    /// Keeps only the documents for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(DocId) -> bool) {
        for (at, word) in self.words.iter_mut().enumerate() {
            let mut rest = *word;
            while rest != 0 {
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                let doc = (at * 64) as DocId + bit;
                if !keep(doc) {
                    *word &= !(1 << bit);
                }
            }
        }
    }

    /// The words that hold every document of the set: counting against it can skip the rest.
    pub fn span(&self) -> Range<usize> {
        let start = self.words.iter().position(|word| *word != 0).unwrap_or(0);
        let end = self.words.iter().rposition(|word| *word != 0).map_or(start, |last| last + 1);
        start..end
    }
}

/// The documents of a [`DocBits`] in increasing order, as tantivy walks a posting list.
pub(crate) struct BitsDocSet {
    bits: Arc<DocBits>,
    /// The word `doc` is in, and its documents after `doc`.
    word: usize,
    rest: u64,
    doc: DocId,
    len: u32,
}

impl BitsDocSet {
    /// Positioned on the first document, as tantivy expects of a new doc set.
    pub fn new(bits: Arc<DocBits>) -> BitsDocSet {
        let rest = bits.words.first().copied().unwrap_or(0);
        let len = u32::try_from(bits.len()).unwrap_or(u32::MAX);
        let mut docs = BitsDocSet { bits, word: 0, rest, doc: 0, len };
        docs.advance();
        docs
    }
}

impl DocSet for BitsDocSet {
    fn advance(&mut self) -> DocId {
        while self.rest == 0 {
            self.word += 1;
            match self.bits.words.get(self.word) {
                Some(word) => self.rest = *word,
                None => {
                    self.word = self.bits.words.len();
                    self.doc = TERMINATED;
                    return TERMINATED;
                }
            }
        }
        let bit = self.rest.trailing_zeros();
        self.rest &= self.rest - 1;
        self.doc = (self.word * 64) as DocId + bit;
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let word = target as usize / 64;
        if word > self.word {
            self.word = word;
            self.rest = self.bits.words.get(word).copied().unwrap_or(0);
        }
        if word == self.word {
            // Only the documents from `target` on within its word.
            self.rest &= u64::MAX << (target % 64);
        }
        self.advance()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.len
    }
}

/// The documents of a segment that have one facet value.
pub(crate) enum ValueDocs {
    /// For a value many documents have: counting is a pass over words, whatever the count.
    Bits(DocBits),
    /// For a rare value: its documents in increasing order, each looked up on its own.
    List(Vec<DocId>),
}

impl ValueDocs {
    /// Bits when a pass over the words costs less than a lookup per document (a word holds
    /// 64 documents), the list otherwise.
    pub fn new(docs: Vec<DocId>, max_doc: u32) -> ValueDocs {
        if docs.len().saturating_mul(64) >= max_doc as usize {
            let mut bits = DocBits::empty(max_doc);
            docs.iter().for_each(|doc| bits.insert(*doc));
            ValueDocs::Bits(bits)
        } else {
            ValueDocs::List(docs)
        }
    }

    /// How many of these documents are in `set`; `span` is `set.span()`.
    pub fn count_in(&self, set: &DocBits, span: &Range<usize>) -> u32 {
        match self {
            ValueDocs::Bits(bits) => {
                let (Some(ours), Some(theirs)) = (bits.words.get(span.clone()), set.words.get(span.clone()))
                else {
                    return 0;
                };
                wide::and_count(ours, theirs)
            }
            ValueDocs::List(docs) => docs.iter().filter(|doc| set.contains(**doc)).count() as u32,
        }
    }

    /// Keeps in `set` only these documents.
    pub fn keep_in(&self, set: &mut DocBits) {
        match self {
            ValueDocs::Bits(bits) => set.intersect_with(bits),
            ValueDocs::List(docs) => {
                let mut kept = DocBits { words: vec![0; set.words.len()] };
                docs.iter().filter(|doc| set.contains(**doc)).for_each(|doc| kept.insert(*doc));
                *set = kept;
            }
        }
    }

    /// Adds these documents to `set`.
    pub fn add_to(&self, set: &mut DocBits) {
        match self {
            ValueDocs::Bits(bits) => set.union_with(bits),
            ValueDocs::List(docs) => docs.iter().for_each(|doc| set.insert(*doc)),
        }
    }
}

/// The passes over whole sets, compiled twice: for any x86-64 processor, and for those with
/// AVX2 and `popcnt`, chosen when the program runs. Rust's x86-64 baseline has neither, so a
/// population count is a dozen instructions per word and an AND takes 128 bits at a time;
/// with them, a facet value's count over a million documents (15 625 words) takes a fraction
/// of the time, and a search counts a few hundred values.
mod wide {
    /// The passes themselves, for any processor; inlined into each compiled form.
    pub(super) mod portable {
        #[inline(always)]
        pub fn count(words: &[u64]) -> u32 {
            words.iter().map(|word| word.count_ones()).sum()
        }

        #[inline(always)]
        pub fn and_count(ours: &[u64], theirs: &[u64]) -> u32 {
            ours.iter().zip(theirs).map(|(a, b)| (a & b).count_ones()).sum()
        }

        #[inline(always)]
        pub fn and(words: &mut [u64], other: &[u64]) {
            words.iter_mut().zip(other).for_each(|(word, other)| *word &= other);
        }

        #[inline(always)]
        pub fn or(words: &mut [u64], other: &[u64]) {
            words.iter_mut().zip(other).for_each(|(word, other)| *word |= other);
        }

        #[inline(always)]
        pub fn and_not(words: &mut [u64], other: &[u64]) {
            words.iter_mut().zip(other).for_each(|(word, other)| *word &= !other);
        }
    }

    macro_rules! dispatched {
        ($name:ident($($arg:ident: $ty:ty),*) $(-> $ret:ty)?) => {
            pub fn $name($($arg: $ty),*) $(-> $ret)? {
                #[cfg(target_arch = "x86_64")]
                #[target_feature(enable = "avx2,popcnt")]
                fn avx2($($arg: $ty),*) $(-> $ret)? {
                    portable::$name($($arg),*)
                }

                #[cfg(target_arch = "x86_64")]
                if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("popcnt") {
                    // SAFETY: the processor has both features, checked just above.
                    return unsafe { avx2($($arg),*) };
                }
                portable::$name($($arg),*)
            }
        };
    }

    dispatched!(count(words: &[u64]) -> u32);
    dispatched!(and_count(ours: &[u64], theirs: &[u64]) -> u32);
    dispatched!(and(words: &mut [u64], other: &[u64]));
    dispatched!(or(words: &mut [u64], other: &[u64]));
    dispatched!(and_not(words: &mut [u64], other: &[u64]));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits_of(docs: &[DocId], max_doc: u32) -> DocBits {
        let mut bits = DocBits::empty(max_doc);
        docs.iter().for_each(|doc| bits.insert(*doc));
        bits
    }

    #[test]
    fn a_value_counts_the_same_as_bits_or_as_a_list() {
        let max_doc = 1_000;
        let value: Vec<DocId> = (0..max_doc).filter(|doc| doc % 7 == 0).collect();
        let set = bits_of(&(0..max_doc).filter(|doc| doc % 3 == 0).collect::<Vec<_>>(), max_doc);
        let expected = (0..max_doc).filter(|doc| doc % 21 == 0).count() as u32;
        let span = set.span();
        let as_bits = ValueDocs::new(value.clone(), max_doc);
        assert!(matches!(as_bits, ValueDocs::Bits(_)), "one in seven is dense");
        assert_eq!(as_bits.count_in(&set, &span), expected);
        assert_eq!(ValueDocs::List(value).count_in(&set, &span), expected);
    }

    #[test]
    fn a_rare_value_is_a_list_and_the_span_bounds_the_set() {
        let max_doc = 10_000;
        let rare = ValueDocs::new(vec![5, 6_400, 9_999], max_doc);
        assert!(matches!(rare, ValueDocs::List(_)));
        let set = bits_of(&[6_400, 6_463, 9_999], max_doc);
        assert_eq!(set.span(), 100..157);
        assert_eq!(set.len(), 3);
        assert_eq!(rare.count_in(&set, &set.span()), 2);
        let mut union = DocBits::empty(max_doc);
        rare.add_to(&mut union);
        assert!(union.contains(5) && union.contains(9_999) && !union.contains(6));
        assert_eq!(DocBits::empty(max_doc).span(), 0..0);
    }

    #[test]
    fn walking_the_bits_finds_every_document_and_seeks_forward() {
        let docs = [0, 1, 63, 64, 200, 999];
        let mut walk = BitsDocSet::new(Arc::new(bits_of(&docs, 1_000)));
        let mut seen = vec![walk.doc()];
        while walk.advance() != TERMINATED {
            seen.push(walk.doc());
        }
        assert_eq!(seen, docs);
        assert_eq!(walk.advance(), TERMINATED, "stays terminated");

        let mut walk = BitsDocSet::new(Arc::new(bits_of(&docs, 1_000)));
        assert_eq!(walk.size_hint(), 6);
        assert_eq!(walk.seek(1), 1);
        assert_eq!(walk.seek(2), 63);
        assert_eq!(walk.seek(63), 63, "a target at the current document stays");
        assert_eq!(walk.seek(65), 200);
        assert_eq!(walk.seek(201), 999);
        assert_eq!(walk.seek(TERMINATED), TERMINATED);
        assert_eq!(BitsDocSet::new(Arc::new(DocBits::empty(0))).doc(), TERMINATED);
        assert_eq!(BitsDocSet::new(Arc::new(DocBits::empty(500))).doc(), TERMINATED);
    }

    #[test]
    fn full_sets_hold_every_document_and_no_more() {
        for max_doc in [0, 1, 63, 64, 65, 1_000] {
            let full = DocBits::full(max_doc);
            assert_eq!(full.len(), max_doc as usize, "{max_doc}");
            assert_eq!(full.is_empty(), max_doc == 0);
        }
        let mut set = bits_of(&[1, 64, 700], 1_000);
        set.union_with(&bits_of(&[2, 64, 999], 1_000));
        assert_eq!(set.len(), 5);
        set.subtract(&bits_of(&[1, 2, 3, 999], 1_000));
        assert_eq!(set.len(), 2);
        assert!(set.contains(64) && set.contains(700));
        set.subtract(&DocBits::full(1_000));
        assert!(set.is_empty());
    }

    /// Whichever form the processor picks, the passes give what the portable ones give, on
    /// lengths around every vector width and with words of every density.
    #[test]
    fn the_compiled_forms_agree_with_the_portable_passes() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for len in (0..70).chain([1_000, 1_567]) {
            let ours: Vec<u64> = (0..len).map(|at| if at % 5 == 0 { u64::MAX } else { next() }).collect();
            let theirs: Vec<u64> = (0..len).map(|at| if at % 7 == 0 { 0 } else { next() & next() }).collect();
            assert_eq!(wide::count(&ours), wide::portable::count(&ours), "{len}");
            assert_eq!(wide::and_count(&ours, &theirs), wide::portable::and_count(&ours, &theirs), "{len}");
            let naive: u32 = ours.iter().zip(&theirs).map(|(a, b)| (a & b).count_ones()).sum();
            assert_eq!(wide::and_count(&ours, &theirs), naive, "{len}");
            type Pass = (fn(&mut [u64], &[u64]), fn(&mut [u64], &[u64]));
            let passes: [Pass; 3] = [
                (wide::and, wide::portable::and),
                (wide::or, wide::portable::or),
                (wide::and_not, wide::portable::and_not),
            ];
            for (dispatched, portable) in passes {
                let (mut left, mut right) = (ours.clone(), ours.clone());
                dispatched(&mut left, &theirs);
                portable(&mut right, &theirs);
                assert_eq!(left, right, "{len}");
            }
        }
    }

    #[test]
    fn intersecting_keeps_the_common_documents() {
        let mut left = bits_of(&[1, 64, 65, 700], 1_000);
        left.intersect_with(&bits_of(&[64, 700, 999], 1_000));
        assert_eq!(left.len(), 2);
        assert!(left.contains(64) && left.contains(700) && !left.contains(1));

        let mut set = bits_of(&[3, 64, 65, 700, 999], 1_000);
        ValueDocs::List(vec![1, 64, 700, 999]).keep_in(&mut set);
        set.retain(|doc| doc != 999);
        assert_eq!(set.len(), 2);
        assert!(set.contains(64) && set.contains(700));
    }
}
