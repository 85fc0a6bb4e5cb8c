//! Titles and snippets as HTML: every character of document text escaped, matched words
//! wrapped in `<mark>`, the only markup we emit.

use std::collections::BTreeSet;
use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Score, Searcher, Term};

/// Roughly how long a snippet is, in bytes of text.
pub(crate) const SNIPPET_BYTES: usize = 220;
/// How much of a summary and body is looked through for a passage: first the shorter, then
/// the longer. Finding the words means analysing the text (stemming every word, about a
/// microsecond each), the dearest part of a page of hits; most hits have them early, and a
/// hit that has them only further on (or only in its title) shows its opening instead.
const SNIPPET_SEARCH_BYTES: [usize; 2] = [600, 3_000];

/// Finds the query's words in one language's field, as tantivy's `SnippetGenerator` does
/// and with the same result (the passage of at most `max_bytes` whose words weigh most, each
/// word weighing `1 / (1 + documents with it)`, the earliest on a tie), but with one analyzer
/// kept for the whole page instead of one cloned per text, and each word compared as it comes
/// out of the analysis instead of lower-cased into a new string and looked up in a tree: on a
/// page of twenty hits that was a fifth of the search page's time.
pub(crate) struct Finder {
    analyzer: TextAnalyzer,
    /// The query's terms in this field with their weights, in term order; rarely more than a few.
    terms: Vec<(String, Score)>,
    max_bytes: usize,
}

/// Where the words were found in a text: the passage and each word in it, as byte ranges of
/// that text.
pub(crate) struct Found {
    pub(crate) passage: Range<usize>,
    pub(crate) words: Vec<Range<usize>>,
}

impl Finder {
    pub(crate) fn new(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
        max_bytes: usize,
    ) -> tantivy::Result<Finder> {
        let mut in_field: BTreeSet<&Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                in_field.insert(term);
            }
        });
        let mut terms = Vec::new();
        for term in in_field {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let documents = searcher.doc_freq(term)?;
            if documents > 0 {
                terms.push((text.to_owned(), 1.0 / (1.0 + documents as Score)));
            }
        }
        let analyzer = searcher.index().tokenizer_for_field(field)?;
        Ok(Finder { analyzer, terms, max_bytes })
    }

    /// The best passage of `text`, or `None` when none of the words is in it.
    pub(crate) fn find(&mut self, text: &str) -> Option<Found> {
        self.find_first_in(text, text.len())
    }

    /// The best passage of `text[..first]` when the words are in it (`first` ends a word);
    /// else the best of all `text`. The same as looking through the shorter text and then,
    /// when nothing was found, the longer, without analysing the shorter twice.
    pub(crate) fn find_first_in(&mut self, text: &str, first: usize) -> Option<Found> {
        if self.terms.is_empty() {
            return None;
        }
        let mut best: Option<(Score, Found)> = None;
        let mut score: Score = 0.0;
        let mut current = Found { passage: 0..0, words: Vec::new() };
        let mut looked_first = false;
        let mut tokens = self.analyzer.token_stream(text);
        while tokens.advance() {
            let token = tokens.token();
            if !looked_first && token.offset_to > first {
                looked_first = true;
                if score > 0.0 || best.is_some() {
                    return better(best, score, current).map(|(_, found)| found);
                }
            }
            if token.offset_to - current.passage.start > self.max_bytes {
                let next = Found { passage: token.offset_from..token.offset_from, words: Vec::new() };
                let done = std::mem::replace(&mut current, next);
                best = better(best, score, done);
                score = 0.0;
            }
            current.passage.end = token.offset_to;
            if let Some((_, weight)) = self.terms.iter().find(|(term, _)| *term == token.text) {
                score += weight;
                current.words.push(token.offset_from..token.offset_to);
            }
        }
        better(best, score, current).map(|(_, found)| found)
    }
}

/// The best passage so far or the one just read with `score`, whichever weighs more; the
/// earlier on a tie, and never a passage without words.
fn better(best: Option<(Score, Found)>, score: Score, read: Found) -> Option<(Score, Found)> {
    if score > 0.0 && best.as_ref().is_none_or(|(best, _)| score > *best) {
        Some((score, read))
    } else {
        best
    }
}

/// The whole title, with the words `finder` found marked.
pub(crate) fn title_html(finder: Option<&mut Finder>, title: &str) -> String {
    let marks = finder.and_then(|finder| finder.find(title)).map(|found| found.words).unwrap_or_default();
    marked_html(title, marks)
}

/// A passage of `summary` then `body` around the words found, or the start of the summary
/// (else of the body) when none was.
pub(crate) fn snippet_html(finder: Option<&mut Finder>, summary: &str, body: &str) -> String {
    let text = match (summary.trim(), body.trim()) {
        (summary, "") => summary.to_owned(),
        ("", body) => body.to_owned(),
        (summary, body) => format!("{summary}\n{body}"),
    };
    let found = finder.and_then(|finder| {
        let [shorter, longer] = SNIPPET_SEARCH_BYTES.map(|max| head(&text, max));
        if text[shorter.len()..].starts_with(char::is_whitespace) {
            finder.find_first_in(longer, shorter.len())
        } else {
            // The shorter head ends inside a word (or is all the text): its last word is not
            // the longer head's, so each is looked through on its own.
            finder
                .find(shorter)
                .or_else(|| (longer.len() > shorter.len()).then(|| finder.find(longer)).flatten())
        }
    });
    match found {
        Some(found) => passage_html(&text, found),
        None => opening_html(&text),
    }
}

/// The start of `text`, about `max` bytes, cut after a word.
fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    head.rsplit_once(char::is_whitespace).map_or(head, |(head, _)| head)
}

fn passage_html(text: &str, found: Found) -> String {
    let Found { passage, words } = found;
    let mut html = String::new();
    if passage.start > 0 {
        html.push_str("… ");
    }
    let shifted = words.iter().map(|word| word.start - passage.start..word.end - passage.start).collect();
    html.push_str(&marked_html(&text[passage.clone()], shifted));
    if passage.end < text.len() {
        html.push_str(" …");
    }
    html
}

/// The first [`SNIPPET_BYTES`] of `text`, cut at a space, escaped.
fn opening_html(text: &str) -> String {
    if text.len() <= SNIPPET_BYTES {
        return escape(text);
    }
    let mut cut = SNIPPET_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let head = head.rsplit_once(char::is_whitespace).map_or(head, |(head, _)| head);
    format!("{} …", escape(head.trim_end()))
}

/// `text` escaped, with each range of `marks` (byte offsets) in `<mark>`.
fn marked_html(text: &str, mut marks: Vec<Range<usize>>) -> String {
    marks.sort_by_key(|mark| (mark.start, mark.end));
    let mut html = String::with_capacity(text.len() + 16);
    let mut done = 0;
    for mark in marks {
        // Overlapping, out-of-range or mid-character marks are skipped, never trusted.
        let (Some(before), Some(marked)) = (text.get(done..mark.start), text.get(mark.clone())) else {
            continue;
        };
        if marked.is_empty() {
            continue;
        }
        html.push_str(&escape(before));
        html.push_str("<mark>");
        html.push_str(&escape(marked));
        html.push_str("</mark>");
        done = mark.end;
    }
    html.push_str(&escape(text.get(done..).unwrap_or_default()));
    html
}

/// `text` with the five HTML-special characters escaped, safe in content and attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_wrap_escaped_text() {
        assert_eq!(
            marked_html("<b>a</b> & b", vec![11..12, 3..4]),
            "&lt;b&gt;<mark>a</mark>&lt;/b&gt; &amp; <mark>b</mark>"
        );
    }

    #[test]
    fn bad_marks_are_ignored() {
        assert_eq!(marked_html("né", vec![1..2, 0..1, 0..40]), "<mark>n</mark>é");
    }

    #[test]
    fn openings_are_cut_at_a_space() {
        let text = "word ".repeat(100);
        let html = opening_html(&text);
        assert!(html.ends_with("word …"));
        assert!(html.len() <= SNIPPET_BYTES + 4);
        assert_eq!(opening_html("short <text>"), "short &lt;text&gt;");
    }
}
