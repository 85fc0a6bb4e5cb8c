//! Guesses a release's language among the seven the tagger reads, from its script and its
//! most common short words.

use crate::fold::fold;

const STOPWORDS: [(&str, &[&str]); 6] = [
    ("en", &["the", "and", "of", "to", "in", "for", "with", "is", "said", "from", "have", "has"]),
    ("fr", &["le", "la", "les", "des", "et", "du", "pour", "dans", "est", "une", "sur", "au", "aux"]),
    ("es", &["el", "los", "las", "del", "y", "para", "con", "en", "una", "por", "que", "se"]),
    ("de", &["der", "die", "das", "und", "von", "mit", "für", "fur", "ist", "den", "im", "sich", "auf"]),
    ("it", &["il", "della", "delle", "dei", "e", "per", "con", "nel", "nella", "gli", "sono", "di", "che"]),
    ("pt", &["o", "os", "as", "do", "da", "dos", "das", "e", "para", "com", "em", "uma", "no", "na", "ao"]),
];

/// The ISO 639-1 code of the language of `text` ("en" when nothing tells).
pub fn detect(text: &str) -> &'static str {
    let sample: String = text.chars().take(3000).collect();
    let letters = sample.chars().filter(|ch| ch.is_alphabetic()).count().max(1);
    let arabic = sample.chars().filter(|ch| ('\u{0600}'..='\u{06FF}').contains(ch)).count();
    if arabic * 3 > letters {
        return "ar";
    }
    let folded = fold(&sample);
    let words: Vec<&str> = folded.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    STOPWORDS
        .iter()
        .map(|(lang, stops)| (*lang, words.iter().filter(|w| stops.contains(w)).count()))
        .max_by_key(|(_, count)| *count)
        .filter(|(_, count)| *count > 0)
        .map_or("en", |(lang, _)| lang)
}
