//! Titles and snippets as HTML: every character of document text escaped, matched words
//! wrapped in `<mark>`, the only markup we emit.

use std::ops::Range;

use tantivy::snippet::{Snippet, SnippetGenerator};

/// Roughly how long a snippet is, in bytes of text.
pub(crate) const SNIPPET_BYTES: usize = 220;
/// How much of a summary and body is looked through for a passage: first the shorter, then
/// the longer. Finding the words means analysing the text (stemming every word, about a
/// microsecond each), the dearest part of a page of hits; most hits have them early, and a
/// hit that has them only further on (or only in its title) shows its opening instead.
const SNIPPET_SEARCH_BYTES: [usize; 2] = [600, 3_000];

/// The whole title, with the words `generator` matched marked.
pub(crate) fn title_html(generator: Option<&SnippetGenerator>, title: &str) -> String {
    let marks = generator
        .map(|generator| {
            // The generator's fragment spans from the first to the last word of the title;
            // shift its marks to title offsets so the whole title is shown.
            let snippet = generator.snippet(title);
            let start = snippet.fragment_range().start;
            snippet.highlighted().iter().map(|mark| mark.start + start..mark.end + start).collect()
        })
        .unwrap_or_default();
    marked_html(title, marks)
}

/// A passage of `summary` then `body` around the matched words, or the start of the
/// summary (else of the body) when nothing matched.
pub(crate) fn snippet_html(generator: Option<&SnippetGenerator>, summary: &str, body: &str) -> String {
    let text = match (summary.trim(), body.trim()) {
        (summary, "") => summary.to_owned(),
        ("", body) => body.to_owned(),
        (summary, body) => format!("{summary}\n{body}"),
    };
    let snippet = generator.and_then(|generator| {
        let mut searched = 0;
        SNIPPET_SEARCH_BYTES.iter().find_map(|max| {
            let head = head(&text, *max);
            if head.len() <= searched {
                return None;
            }
            searched = head.len();
            Some(generator.snippet(head)).filter(|snippet| !snippet.highlighted().is_empty())
        })
    });
    match snippet {
        Some(snippet) if !snippet.highlighted().is_empty() => passage_html(&text, &snippet),
        _ => opening_html(&text),
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

fn passage_html(text: &str, snippet: &Snippet) -> String {
    let range = snippet.fragment_range();
    let mut html = String::new();
    if range.start > 0 {
        html.push_str("… ");
    }
    html.push_str(&marked_html(snippet.fragment(), snippet.highlighted().to_vec()));
    if range.end < text.len() {
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
