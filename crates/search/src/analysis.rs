//! Text analysis: how titles, bodies and queries become terms, one analysis per language.
//!
//! Every language with a Snowball stemmer gets its own pipeline (words → lower case → stop
//! words → ASCII folding → stem); every other language shares a plain folded one. The same
//! pipeline runs at index and at query time, so accents, case and inflection never matter.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer, StopWordFilter,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// One language that has its own analysis.
pub(crate) struct Analysis {
    /// The ISO 639-1 code, also the suffix of its fields (`title_en`, `body_en`).
    pub code: &'static str,
    stemmer: Language,
}

/// Languages with their own stemming and stop words, in field order.
pub(crate) const STEMMED: [Analysis; 8] = [
    Analysis { code: "en", stemmer: Language::English },
    Analysis { code: "fr", stemmer: Language::French },
    Analysis { code: "es", stemmer: Language::Spanish },
    Analysis { code: "de", stemmer: Language::German },
    Analysis { code: "it", stemmer: Language::Italian },
    Analysis { code: "pt", stemmer: Language::Portuguese },
    Analysis { code: "ru", stemmer: Language::Russian },
    Analysis { code: "ar", stemmer: Language::Arabic },
];

/// The field suffix of every language without its own analysis.
pub(crate) const OTHER: &str = "other";

/// Bumped whenever an analyzer changes: the name is part of the schema, so an index built
/// with older analysis is refused at open (see `SearchError::IncompatibleIndex`).
const ANALYSIS_VERSION: u32 = 1;

/// Longer tokens (in bytes) are dropped: they are data, not words (base64, URLs, hashes).
const MAX_TOKEN_BYTES: usize = 64;

/// The tokenizer name registered for the analysis with this field suffix.
pub(crate) fn tokenizer_name(suffix: &str) -> String {
    format!("portico_{suffix}_v{ANALYSIS_VERSION}")
}

/// The field suffix for a document or query language such as `"pt-BR"`: its primary subtag
/// when that language has its own analysis, [`OTHER`] otherwise.
pub(crate) fn suffix_for(language: &str) -> &'static str {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    STEMMED
        .iter()
        .find(|analysis| analysis.code.eq_ignore_ascii_case(primary))
        .map_or(OTHER, |analysis| analysis.code)
}

/// Registers every analyzer under its [`tokenizer_name`].
pub(crate) fn register(manager: &TokenizerManager) {
    for (slot, analysis) in STEMMED.iter().enumerate() {
        manager.register(&tokenizer_name(analysis.code), stemmed(slot, analysis.stemmer));
    }
    manager.register(&tokenizer_name(OTHER), folded());
}

/// Words → lower case → (stop words → ASCII folding → stem, remembered per word).
fn stemmed(slot: usize, language: Language) -> TextAnalyzer {
    let stop_words = match language {
        Language::Arabic => StopWordFilter::remove(ARABIC_STOP_WORDS.iter().map(|word| (*word).to_owned())),
        // Every other language of `STEMMED` has a list in tantivy.
        other => StopWordFilter::new(other).unwrap_or_else(|| StopWordFilter::remove([])),
    };
    // Stop words are matched before folding because tantivy's lists carry their accents;
    // folding comes before stemming so that "niños" and "ninos" stem alike.
    let term_of_word = TextAnalyzer::builder(RawTokenizer::default())
        .filter(stop_words)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(language))
        .build();
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(Remembered { slot, term_of_word })
        .build()
}

fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Runs `term_of_word` (stop words, folding, stemming) on each lower-cased word, remembering
/// its answer per thread. A page of hits analyses the openings of twenty similar texts, and
/// an import every release: the same few thousand words over and over. A Snowball stem costs
/// a few hundred nanoseconds, a lookup a few tens.
#[derive(Clone)]
struct Remembered {
    /// The analysis's position in [`STEMMED`], which picks its memory.
    slot: usize,
    /// Gives a word's term, or nothing for a stop word.
    term_of_word: TextAnalyzer,
}

/// Words remembered per thread and analysis before the memory is emptied: about a megabyte,
/// past which the words of a newsroom's texts rarely miss.
const REMEMBERED_WORDS: usize = 16_384;

/// Each word's term, `None` for a stop word.
type WordTerms = FxHashMap<Box<str>, Option<Box<str>>>;

thread_local! {
    /// Per analysis (by slot), each word's term, `None` for a stop word. Per thread, so that
    /// no lookup waits on a lock; tantivy clones an analyzer for every snippet, so a memory
    /// inside the analyzer would last one snippet.
    static TERMS: RefCell<[WordTerms; STEMMED.len()]> = RefCell::default();
}

impl TokenFilter for Remembered {
    type Tokenizer<T: Tokenizer> = RememberedFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RememberedFilter<T> {
        RememberedFilter { remembered: self, inner: tokenizer }
    }
}

#[derive(Clone)]
pub(crate) struct RememberedFilter<T> {
    remembered: Remembered,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for RememberedFilter<T> {
    type TokenStream<'a> = RememberedStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RememberedStream { remembered: &mut self.remembered, tail: self.inner.token_stream(text) }
    }
}

pub(crate) struct RememberedStream<'a, T> {
    remembered: &'a mut Remembered,
    tail: T,
}

impl<T: TokenStream> TokenStream for RememberedStream<'_, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            let Remembered { slot, term_of_word } = &mut *self.remembered;
            let kept = TERMS.with_borrow_mut(|memories| {
                let Some(memory) = memories.get_mut(*slot) else {
                    return true;
                };
                let term = match memory.get(token.text.as_str()) {
                    Some(term) => term.as_deref(),
                    None => {
                        if memory.len() >= REMEMBERED_WORDS {
                            memory.clear();
                        }
                        let mut terms = term_of_word.token_stream(&token.text);
                        let term: Option<Box<str>> = terms.next().map(|term| term.text.as_str().into());
                        drop(terms);
                        memory.entry(token.text.as_str().into()).or_insert(term).as_deref()
                    }
                };
                match term {
                    Some(term) => {
                        if term != token.text {
                            token.text.clear();
                            token.text.push_str(term);
                        }
                        true
                    }
                    None => false,
                }
            });
            if kept {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Frequent Arabic function words (tantivy has no Arabic list), without diacritics.
const ARABIC_STOP_WORDS: &[&str] = &[
    "في",
    "من",
    "على",
    "إلى",
    "الى",
    "عن",
    "مع",
    "و",
    "أو",
    "او",
    "ثم",
    "أن",
    "ان",
    "إن",
    "لا",
    "ما",
    "لم",
    "لن",
    "قد",
    "لقد",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هو",
    "هي",
    "هم",
    "كان",
    "كانت",
    "التي",
    "الذي",
    "الذين",
    "كل",
    "بين",
    "عند",
    "حتى",
    "بعد",
    "قبل",
    "منذ",
    "خلال",
    "كما",
    "أي",
    "وقد",
    "وفي",
    "ولا",
    "هناك",
    "أيضا",
    "به",
];

/// Splits text into words like tantivy's `SimpleTokenizer` (runs of letters and digits), with
/// two differences that matter for our languages:
///
/// - combining marks (Arabic harakat and tatweel, decomposed Latin accents) stay inside the
///   word and are dropped from the term, so "مُهَاجِر" is one word, "مهاجر", and a decomposed
///   "é" folds like a composed one;
/// - each Han ideograph and kana is a word of its own, so Chinese and Japanese text, which
///   has no spaces, is still searchable (a query of several ideographs becomes a phrase).
#[derive(Clone, Default)]
pub(crate) struct WordTokenizer {
    token: Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream { text, at: 0, token: &mut self.token }
    }
}

/// The words of one text, see [`WordTokenizer`].
pub(crate) struct WordTokenStream<'a> {
    text: &'a str,
    /// Where the next word is looked for, a character boundary of `text`.
    at: usize,
    token: &'a mut Token,
}

impl WordTokenStream<'_> {
    /// The character at `at`, a character boundary before the end.
    fn char_at(&self, at: usize) -> char {
        self.text[at..].chars().next().unwrap_or_default()
    }
}

impl TokenStream for WordTokenStream<'_> {
    // Most text we see is ASCII, so runs of ASCII letters and digits are taken a byte at a
    // time and copied at once; any other character goes through `char`'s own classes. At a
    // page of twenty snippets, decoding and pushing every character one by one was a sixth of
    // a search.
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        let bytes = self.text.as_bytes();
        // A word starts at a letter or digit; marks and punctuation before it are skipped.
        while self.at < bytes.len() {
            let start = self.at;
            let first = if bytes[start].is_ascii() { char::from(bytes[start]) } else { self.char_at(start) };
            self.at += first.len_utf8();
            if !first.is_alphanumeric() {
                continue;
            }
            let mut end = self.at;
            let mut has_marks = false;
            if !is_ideograph(first) {
                while end < bytes.len() {
                    if bytes[end].is_ascii_alphanumeric() {
                        end += 1;
                        continue;
                    }
                    if bytes[end].is_ascii() {
                        break;
                    }
                    let next = self.char_at(end);
                    if !next.is_alphanumeric() || is_ideograph(next) {
                        // Not a letter of this word: a mark stays in it, anything else ends it.
                        if !is_combining_mark(next) {
                            break;
                        }
                        has_marks = true;
                    }
                    end += next.len_utf8();
                }
            }
            let word = &self.text[start..end];
            if has_marks {
                // Every character of a word is a letter or digit, or a mark that is neither.
                self.token.text.extend(word.chars().filter(|c| c.is_alphanumeric()));
            } else {
                self.token.text.push_str(word);
            }
            self.at = end;
            self.token.offset_from = start;
            self.token.offset_to = end;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Marks that belong to the letter before them and carry no meaning for search.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' // combining diacritical marks (decomposed Latin accents)
        | '\u{0610}'..='\u{061A}' // Arabic honorifics and small marks
        | '\u{0640}' // Arabic tatweel (kashida), a stretching stroke
        | '\u{064B}'..='\u{065F}' // Arabic harakat: fatha, damma, kasra, shadda, sukun…
        | '\u{0670}' // Arabic superscript alef
        | '\u{06D6}'..='\u{06ED}' // Quranic annotation marks
    )
}

/// Scripts written without spaces between words, where each character is indexed alone.
fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // hiragana and katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FFFF}' // CJK extensions B and later
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(language: &str, text: &str) -> Vec<String> {
        let manager = TokenizerManager::default();
        register(&manager);
        let mut analyzer = manager.get(&tokenizer_name(suffix_for(language))).expect("registered");
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push(token.text.clone());
        }
        terms
    }

    #[test]
    fn inflected_forms_share_a_stem_in_every_language() {
        let pairs = [
            ("en", "migrants", "migrant"),
            ("fr", "enfants", "enfant"),
            ("es", "niños", "niño"),
            ("de", "Flüchtlinge", "Flüchtling"),
            ("it", "migranti", "migrante"),
            ("pt", "crianças", "criança"),
            ("ru", "мигрантов", "мигрант"),
            ("ar", "المهاجرين", "مهاجر"),
        ];
        for (language, inflected, base) in pairs {
            assert_eq!(terms(language, inflected), terms(language, base), "{language}");
        }
    }

    #[test]
    fn accents_and_case_are_folded() {
        assert_eq!(terms("fr", "Côte"), terms("fr", "cote"));
        assert_eq!(terms("fr", "développement"), terms("fr", "developpement"));
        assert_eq!(terms("xx", "Côte"), vec!["cote"]);
        // A decomposed accent folds like a composed one.
        assert_eq!(terms("fr", "de\u{301}veloppement"), terms("fr", "développement"));
    }

    #[test]
    fn arabic_diacritics_and_tatweel_do_not_split_words() {
        assert_eq!(terms("ar", "مُهَاجِر"), terms("ar", "مهاجر"));
        assert_eq!(terms("ar", "مهـــاجر"), terms("ar", "مهاجر"));
        assert_eq!(terms("ar", "مُهَاجِر").len(), 1);
        // Hamza on or under alef is often left out when typing.
        assert_eq!(terms("ar", "أطفال"), terms("ar", "اطفال"));
        assert_eq!(terms("ar", "إغاثة"), terms("ar", "اغاثة"));
    }

    #[test]
    fn remembered_terms_are_what_tantivy_s_own_filters_give() {
        let text = "Los niños migrantes y las niñas: the Migrants' children were helped, and THE migrants \
                    returned; les enfants et les réfugiés";
        for (slot, analysis) in STEMMED.iter().enumerate().take(3) {
            let stop_words = StopWordFilter::new(analysis.stemmer).expect("tantivy has the list");
            let mut plain = TextAnalyzer::builder(WordTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                .filter(LowerCaser)
                .filter(stop_words)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(analysis.stemmer))
                .build();
            let mut remembered = stemmed(slot, analysis.stemmer);
            let tokens = |analyzer: &mut TextAnalyzer| {
                let mut stream = analyzer.token_stream(text);
                let mut tokens = Vec::new();
                while let Some(token) = stream.next() {
                    tokens.push((token.text.clone(), token.offset_from, token.offset_to, token.position));
                }
                tokens
            };
            let expected = tokens(&mut plain);
            // Twice: the second time every word comes from the thread's memory.
            assert_eq!(tokens(&mut remembered), expected, "{}", analysis.code);
            assert_eq!(tokens(&mut remembered.clone()), expected, "{}", analysis.code);
        }
    }

    /// The words of `text` as the tokenizer was first written, a character at a time: the
    /// byte-wise one must give the same tokens, since the index holds what this one gave.
    fn words_char_by_char(text: &str) -> Vec<(String, usize, usize)> {
        let mut chars = text.char_indices().peekable();
        let mut words = Vec::new();
        while let Some((start, first)) = chars.next() {
            if !first.is_alphanumeric() {
                continue;
            }
            let mut word = first.to_string();
            let mut end = start + first.len_utf8();
            if !is_ideograph(first) {
                while let Some(&(offset, next)) = chars.peek() {
                    if next.is_alphanumeric() && !is_ideograph(next) {
                        word.push(next);
                    } else if !is_combining_mark(next) {
                        break;
                    }
                    end = offset + next.len_utf8();
                    chars.next();
                }
            }
            words.push((word, start, end));
        }
        words
    }

    #[test]
    fn words_are_split_as_they_were_a_character_at_a_time() {
        let texts = [
            "",
            "  ",
            "Migrants' children, 2015–2016: IOM/UNHCR (Geneva) — 3.5m people!",
            "Los niños, l'été à Genève; de\u{301}veloppement x\u{301}\u{302}y \u{301}lead",
            "مُهَاجِر مهـــاجر، في المهاجرين.",
            "UN移民儿童 caf\u{e9}s ひらがなカタカナ 漢字abc",
            "Ünïcödé ÆØÅ straße ß İstanbul Ωmega №5 ½ ²³ x²",
            "tab\there\nnew-line_under_score 42nd 3D",
            "\u{301}\u{301}only marks\u{301}",
            // U+0345 is a combining mark and also a letter; U+064E (fatha) is a mark only.
            "α\u{345}\u{301}β \u{345}x\u{301} ع\u{64e}\u{345}ب",
            "мигрантов и беженцев; Ελληνικά; עברית; हिन्दी",
        ];
        for text in texts {
            let mut tokenizer = WordTokenizer::default();
            let mut stream = tokenizer.token_stream(text);
            let mut words = Vec::new();
            let mut positions = Vec::new();
            while let Some(token) = stream.next() {
                words.push((token.text.clone(), token.offset_from, token.offset_to));
                positions.push(token.position);
            }
            assert_eq!(words, words_char_by_char(text), "{text:?}");
            assert_eq!(positions, (0..words.len()).collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn stop_words_are_dropped() {
        assert_eq!(terms("en", "the migrants"), terms("en", "migrants"));
        assert!(terms("en", "the").is_empty());
        assert!(terms("ar", "في").is_empty());
    }

    #[test]
    fn each_ideograph_is_a_word() {
        assert_eq!(terms("zh", "移民儿童"), vec!["移", "民", "儿", "童"]);
        assert_eq!(terms("zh", "UN移民"), vec!["un", "移", "民"]);
    }

    #[test]
    fn the_public_language_list_is_the_analysis_list() {
        assert_eq!(crate::ANALYZED_LANGUAGES, STEMMED.map(|analysis| analysis.code));
    }

    #[test]
    fn unknown_languages_use_the_plain_analysis() {
        assert_eq!(suffix_for("pt-BR"), "pt");
        assert_eq!(suffix_for("EN"), "en");
        assert_eq!(suffix_for("sw"), OTHER);
        assert_eq!(suffix_for(""), OTHER);
    }
}
