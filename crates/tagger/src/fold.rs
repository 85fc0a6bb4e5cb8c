//! Folding text for matching: lower case, accents and Arabic short vowels dropped, Arabic
//! letter variants merged, Arabic-Indic digits made ASCII, typographic apostrophes and dashes
//! made plain — while remembering, for every folded byte, where it came from in the original,
//! so that a match in folded text maps back to the words as printed.
//!
//! The same folding is applied to the reference tables and to the text; nothing else may fold.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text folded for matching, with the way back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `origin[i]` is the byte offset in the original of the character that produced folded
    /// byte `i`; one extra entry maps the end.
    origin: Vec<usize>,
}

impl Folded {
    /// Folds `original`.
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut buf = [0u8; 4];
        for (at, ch) in original.char_indices() {
            fold_char(ch, &mut |folded| {
                text.push_str(folded.encode_utf8(&mut buf));
                origin.extend(std::iter::repeat_n(at, folded.len_utf8()));
            });
        }
        origin.push(original.len());
        Folded { text, origin }
    }

    /// The original byte range of folded bytes `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let from = self.origin.get(start).copied().unwrap_or(0);
        // The end maps to the start of the character after the last folded one.
        let to = if end == 0 {
            from
        } else {
            let last = self.origin.get(end - 1).copied().unwrap_or(from);
            self.origin[end..]
                .iter()
                .copied()
                .find(|&o| o > last)
                .unwrap_or_else(|| *self.origin.last().unwrap_or(&0))
        };
        (from, to)
    }
}

/// Folds a short string (a table entry) the way [`Folded::new`] folds text.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        fold_char(ch, &mut |folded| out.push(folded));
    }
    out
}

fn fold_char(ch: char, emit: &mut impl FnMut(char)) {
    if ch.is_ascii() {
        emit(ch.to_ascii_lowercase());
        return;
    }
    match ch {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '`' => emit('\''),
        '\u{2010}' | '\u{2011}' | '\u{2012}' => emit('-'),
        '\u{00A0}' | '\u{202F}' | '\u{2009}' => emit(' '),
        // Arabic tatweel (a stretching stroke) and bidi marks carry nothing.
        '\u{0640}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => {}
        '\u{0629}' => emit('\u{0647}'),              // teh marbuta -> heh
        '\u{0649}' | '\u{06CC}' => emit('\u{064A}'), // alef maqsura, Farsi yeh -> yeh
        '\u{06A9}' => emit('\u{0643}'),              // keheh -> kaf
        '\u{0671}' => emit('\u{0627}'),              // alef wasla -> alef
        '\u{060C}' => emit(','),                     // Arabic comma
        '\u{0660}'..='\u{0669}' => emit(char::from(b'0' + (ch as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => emit(char::from(b'0' + (ch as u32 - 0x06F0) as u8)),
        'ı' => emit('i'),
        'ß' => {
            emit('s');
            emit('s');
        }
        'ø' => emit('o'),
        'đ' => emit('d'),
        'ł' => emit('l'),
        _ => {
            // NFD splits accented letters (and Arabic hamza forms) into a base and marks;
            // the marks go.
            for part in std::iter::once(ch).nfd() {
                if is_combining_mark(part) {
                    continue;
                }
                for lower in part.to_lowercase() {
                    emit(lower);
                }
            }
        }
    }
}

/// Whether `ch` is part of a word (for boundaries).
pub fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_arabic_variants_fold_away() {
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("GENÈVE"), "geneve");
        assert_eq!(fold("الأردن"), "الاردن");
        assert_eq!(fold("٢١ أغسطس ٢٠٢٣"), "21 اغسطس 2023");
        assert_eq!(fold("سوريّة"), "سوريه");
    }

    #[test]
    fn a_folded_range_maps_back_to_the_words_as_printed() {
        let original = "À Genève, Côte d’Ivoire";
        let folded = Folded::new(original);
        let start = folded.text.find("cote").expect("folded");
        let (from, to) = folded.original_range(start, start + "cote d'ivoire".len());
        assert_eq!(&original[from..to], "Côte d’Ivoire");
    }
}
