//! Markdown to HTML that is safe to put in a page as it is.
//!
//! Rendering happens once, when a variant is saved; the sanitized HTML is stored beside its
//! source so that reading a page never parses Markdown.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown (CommonMark plus tables, strikethrough and footnotes) and sanitizes the
/// result: no script, no style, no event-handler attribute, no `javascript:` or `data:` URL
/// survives; links get `rel="noopener noreferrer"`.
pub fn render(source: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(source, options));
    sanitizer().clean(&unsafe_html).to_string()
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"]);
    builder
}

/// The text of a Markdown document without markup, for summaries and meta descriptions.
pub fn plain_text(source: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut text = String::with_capacity(source.len());
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_common_markdown() {
        let html = render("## Facts\n\n- 175 member states\n- *171* countries\n");
        assert!(html.contains("<h2>Facts</h2>"));
        assert!(html.contains("<li><em>171</em> countries</li>"));
    }

    #[test]
    fn nothing_executable_survives() {
        let hostile = concat!(
            "<script>alert(1)</script>\n\n",
            "<img src=x onerror=\"alert(2)\">\n\n",
            "[click](javascript:alert(3))\n\n",
            "<a href=\"JaVaScRiPt:alert(4)\">x</a>\n\n",
            "<p onclick=\"alert(5)\" style=\"color:red\">p</p>\n\n",
            "<iframe src=\"https://evil.example\"></iframe>\n\n",
            "[data](data:text/html;base64,PHNjcmlwdD4=)\n",
        );
        let html = render(hostile).to_ascii_lowercase();
        for banned in ["<script", "onerror", "onclick", "javascript:", "<iframe", "data:", "style="] {
            assert!(!html.contains(banned), "{banned} survived in {html}");
        }
    }

    #[test]
    fn links_keep_safe_schemes() {
        let html = render("[call](tel:+50325210500) [mail](mailto:a@b.org) [page](/en/news)");
        assert!(html.contains("href=\"tel:+50325210500\""));
        assert!(html.contains("href=\"mailto:a@b.org\""));
        assert!(html.contains("href=\"/en/news\""));
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(plain_text("## A\n\nSome *text* and [a link](/x)."), "A Some text and a link.");
    }
}
