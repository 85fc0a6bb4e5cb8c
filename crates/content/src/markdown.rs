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

/// Sanitizes HTML written elsewhere (an item of an external feed) by the rules of rendered
/// Markdown, and more, since we vouch for none of it: relative URLs are resolved against
/// `base` (dropped when there is none), images are dropped (they would let a third party watch
/// our readers), and links get `rel="noopener noreferrer nofollow"`.
pub fn sanitize_external_html(html: &str, base: Option<&str>) -> String {
    let mut builder = sanitizer();
    builder.rm_tags(["img"]).link_rel(Some("noopener noreferrer nofollow"));
    match base.and_then(|b| ammonia::Url::parse(b).ok()) {
        Some(base) => builder.url_relative(ammonia::UrlRelative::RewriteWithBase(base)),
        None => builder.url_relative(ammonia::UrlRelative::Deny),
    };
    builder.clean(html).to_string()
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
    fn external_html_is_cleaned_and_anchored_to_its_source() {
        let html = sanitize_external_html(
            "<p onclick=\"x()\">Read <a href=\"/story\">more</a><img src=\"https://t.example/p.gif\"></p>\
             <script>alert(1)</script><a href=\"javascript:alert(2)\">x</a>",
            Some("https://news.example.org/feed.xml"),
        );
        assert!(html.contains("href=\"https://news.example.org/story\""), "{html}");
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""), "{html}");
        for banned in ["onclick", "<script", "javascript:", "<img"] {
            assert!(!html.contains(banned), "{banned} survived in {html}");
        }
        assert!(!sanitize_external_html("<a href=\"/x\">x</a>", None).contains("href"));
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(plain_text("## A\n\nSome *text* and [a link](/x)."), "A Some text and a link.");
    }
}
