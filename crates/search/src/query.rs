//! Reader input → what to search for: the words of the query and the facet filters.
//!
//! The reader's text is read by our own small grammar (words, `"phrases"`, `-exclusions`)
//! and handed to tantivy as an already-built syntax tree: tantivy's query grammar is never
//! run on reader input, so no input can reach its error recovery, field syntax or ranges.

use tantivy::query::Occur;
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};

use crate::SearchQuery;
use crate::schema::FacetKind;

/// Reader text beyond this many characters is ignored.
pub const MAX_QUERY_CHARS: usize = 500;

/// Words or phrases beyond this many are ignored: each one costs a lookup per language.
const MAX_QUERY_PARTS: usize = 32;

/// The reader's text, read.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct ReaderText {
    /// Words and phrases that must all match.
    pub required: Vec<String>,
    /// Words and phrases that must not match.
    pub excluded: Vec<String>,
}

impl ReaderText {
    /// Reads the text; `None` when it is blank (a listing, not a search).
    pub fn parse(text: &str) -> Option<ReaderText> {
        let text: String =
            text.chars().take(MAX_QUERY_CHARS).map(|c| if c.is_control() { ' ' } else { c }).collect();
        if text.trim().is_empty() {
            return None;
        }
        let mut read = ReaderText::default();
        let mut chars = text.chars().peekable();
        while read.required.len() + read.excluded.len() < MAX_QUERY_PARTS {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let Some(first) = chars.next() else { break };
            let (excluded, opening) = match first {
                '-' => (true, chars.next()),
                '+' => (false, chars.next()),
                other => (false, Some(other)),
            };
            let part: String = match opening {
                // A lone sign, as in "a - b", is not an operator.
                None => break,
                Some(c) if c.is_whitespace() => continue,
                // An unclosed quote runs to the end of the text.
                Some('"') => chars.by_ref().take_while(|&c| c != '"').collect(),
                Some(c) => std::iter::once(c)
                    .chain(std::iter::from_fn(|| chars.next_if(|&c| !c.is_whitespace() && c != '"')))
                    .collect(),
            };
            if part.trim().is_empty() {
                continue;
            }
            if excluded {
                read.excluded.push(part);
            } else {
                read.required.push(part);
            }
        }
        Some(read)
    }
}

/// The syntax tree of one literal, searched in a parser's default fields.
fn literal(phrase: &str) -> UserInputAst {
    UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(UserInputLiteral {
        field_name: None,
        phrase: phrase.to_owned(),
        delimiter: Delimiter::DoubleQuotes,
        slop: 0,
        prefix: false,
    })))
}

/// The syntax tree of literals that must all match.
pub(crate) fn all_of(phrases: &[String]) -> UserInputAst {
    UserInputAst::Clause(phrases.iter().map(|phrase| (Some(Occur::Must), literal(phrase))).collect())
}

/// A facet value as indexed and filtered: trimmed, without control characters, in the
/// facet's case (country codes upper, kinds, languages and themes lower); `None` if blank.
pub(crate) fn facet_value(kind: FacetKind, raw: &str) -> Option<String> {
    let value = cleaned(raw)?;
    Some(match kind {
        FacetKind::Country => value.to_uppercase(),
        FacetKind::Theme | FacetKind::Kind | FacetKind::Language => value.to_lowercase(),
        FacetKind::Region | FacetKind::Year => value,
    })
}

/// A workflow status as indexed and filtered: trimmed, without control characters, lower
/// case; `None` if blank.
pub(crate) fn status_value(raw: &str) -> Option<String> {
    cleaned(raw).map(|value| value.to_lowercase())
}

fn cleaned(raw: &str) -> Option<String> {
    let value: String = raw.trim().chars().filter(|c| !c.is_control()).collect();
    (!value.is_empty()).then_some(value)
}

/// The distinct values a query selects in one facet, normalised like indexed values.
pub(crate) fn selected(query: &SearchQuery, kind: FacetKind) -> Vec<String> {
    let raw: Vec<String> = match kind {
        FacetKind::Country => query.countries.clone(),
        FacetKind::Region => query.regions.clone(),
        FacetKind::Theme => query.themes.clone(),
        FacetKind::Kind => query.kinds.clone(),
        FacetKind::Year => query.years.iter().map(i32::to_string).collect(),
        FacetKind::Language => query.languages.clone(),
    };
    distinct(raw.iter().filter_map(|raw| facet_value(kind, raw)))
}

/// The values in first-seen order, each once.
pub(crate) fn distinct(values: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for value in values {
        if !kept.contains(&value) {
            kept.push(value);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_and_exclusions_are_read() {
        let read = ReaderText::parse(r#"  niños "Côte d'Ivoire" -sport +water "#).expect("text");
        assert_eq!(read.required, ["niños", "Côte d'Ivoire", "water"]);
        assert_eq!(read.excluded, ["sport"]);
    }

    #[test]
    fn syntax_is_just_text() {
        let read = ReaderText::parse(r#"title: (((a AND b^2 "unclosed"#).expect("text");
        assert_eq!(read.required, ["title:", "(((a", "AND", "b^2", "unclosed"]);
        assert!(read.excluded.is_empty());
    }

    #[test]
    fn blank_text_is_a_listing() {
        assert_eq!(ReaderText::parse(""), None);
        assert_eq!(ReaderText::parse(" \t\u{0}\n "), None);
        assert_eq!(ReaderText::parse("\"").map(|r| r.required.len()), Some(0));
        assert_eq!(ReaderText::parse("a - b").map(|r| r.required), Some(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn long_text_is_cut() {
        let read = ReaderText::parse(&"x".repeat(10_000)).expect("text");
        assert_eq!(read.required[0].len(), MAX_QUERY_CHARS);
        let read = ReaderText::parse(&"a ".repeat(1_000)).expect("text");
        assert_eq!(read.required.len(), MAX_QUERY_PARTS);
    }
}
