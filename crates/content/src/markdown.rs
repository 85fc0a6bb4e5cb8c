//! Markdown to HTML that is safe to put in a page as it is.
//!
//! Rendering happens once, when a variant is saved; the sanitized HTML is stored beside its
//! source so that reading a page never parses Markdown.
//!
//! Nesting is bounded: the sanitizer's HTML parser costs grow with the square of the depth
//! (50 000 nested block quotes took seconds), so nothing deeper than [`MAX_NESTING`] reaches it.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd, html};

/// How deeply block quotes, lists, emphasis and raw HTML elements may nest in a body.
pub const MAX_NESTING: usize = 32;

/// A body nested deeper than [`MAX_NESTING`] levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("nested more than {MAX_NESTING} levels deep")]
pub struct TooDeep;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders Markdown (CommonMark plus tables, strikethrough and footnotes) and sanitizes the
/// result: no script, no style, no event-handler attribute, no `javascript:` or `data:` URL
/// survives; links get `rel="noopener noreferrer"`.
///
/// A body nested deeper than [`MAX_NESTING`] (validation refuses those; this guards every other
/// caller) is shown as escaped text in one paragraph, in time linear in its length.
pub fn render(source: &str) -> String {
    try_render(source).unwrap_or_else(|TooDeep| {
        let mut escaped = String::with_capacity(source.len() + 7);
        escaped.push_str("<p>");
        html::push_html(&mut escaped, std::iter::once(Event::Text(source.into())));
        escaped.push_str("</p>");
        escaped
    })
}

/// Like [`render`], but refuses a body nested deeper than [`MAX_NESTING`].
pub fn try_render(source: &str) -> Result<String, TooDeep> {
    if container_depth(source) > MAX_NESTING {
        return Err(TooDeep);
    }
    let mut depth = Depth::default();
    // Stops taking events at the first one too deep, so the HTML is never built past it.
    let events: Vec<Event<'_>> =
        Parser::new_ext(source, options()).take_while(|event| depth.enter(event)).collect();
    if depth.exceeded {
        return Err(TooDeep);
    }
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, with_video_cards(events).into_iter());
    Ok(sanitizer().clean(&unsafe_html).to_string())
}

/// The provider of a video address that a body shows as a card: YouTube (`/watch?v=…`,
/// `/shorts/…`, `/embed/…`, `youtu.be/…`) or Vimeo (`vimeo.com/123`).
pub fn video_provider(address: &str) -> Option<&'static str> {
    let url = ammonia::Url::parse(address).ok()?;
    // As the editor's `videoProvider` decides, so that both show the same body alike.
    if !matches!(url.scheme(), "https" | "http")
        || url.port().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return None;
    }
    let id =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let segments: Vec<&str> = url.path_segments()?.collect();
    match (url.host_str()?, segments.as_slice()) {
        ("youtube.com" | "www.youtube.com" | "m.youtube.com", ["watch"]) => {
            url.query_pairs().any(|(k, v)| k == "v" && id(&v)).then_some("YouTube")
        }
        ("youtube.com" | "www.youtube.com" | "m.youtube.com", ["shorts" | "embed", video])
        | ("youtu.be", [video])
            if id(video) =>
        {
            Some("YouTube")
        }
        ("vimeo.com" | "www.vimeo.com", [video]) if video.bytes().all(|b| b.is_ascii_digit()) => {
            Some("Vimeo")
        }
        _ => None,
    }
}

/// Turns each paragraph that holds only a video's address, as an autolink (`<https://…>`) or
/// around a thumbnail (`[![Title](thumbnail.jpg)](https://…)`), into a card linking to it:
/// the thumbnail, the title and the provider's name. Nothing of the provider's is loaded, no
/// frame, no script, no image from its servers, so a reader's visit stays ours.
fn with_video_cards(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Some((card, used)) = video_card(&events[i..]) {
            out.extend(card);
            i += used;
        } else {
            out.push(events[i].clone());
            i += 1;
        }
    }
    out
}

/// The card for the paragraph at the start of `events`, with how many events it replaces.
fn video_card<'a>(events: &[Event<'a>]) -> Option<(Vec<Event<'a>>, usize)> {
    let [Event::Start(Tag::Paragraph), Event::Start(Tag::Link { link_type, dest_url, title, .. }), rest @ ..] =
        events
    else {
        return None;
    };
    // A link or image with a title of its own is one the author wrote as such.
    if !title.is_empty()
        || matches!(rest.first(), Some(Event::Start(Tag::Image { title, .. })) if !title.is_empty())
    {
        return None;
    }
    let provider = video_provider(dest_url)?;
    let dest_url_of_link = dest_url;
    let (thumbnail, title, used) = match (link_type, rest) {
        (
            LinkType::Autolink,
            [Event::Text(_), Event::End(TagEnd::Link), Event::End(TagEnd::Paragraph), ..],
        ) => (None, dest_url.clone(), 5),
        (LinkType::Inline, [Event::Start(image @ Tag::Image { .. }), inner @ ..]) => {
            let alt_events = inner.iter().take_while(|e| !matches!(e, Event::End(TagEnd::Image))).count();
            let alt: String = inner[..alt_events]
                .iter()
                .map(|e| if let Event::Text(t) = e { t.as_ref() } else { "" })
                .collect();
            match &inner[alt_events..] {
                [Event::End(TagEnd::Image), Event::End(TagEnd::Link), Event::End(TagEnd::Paragraph), ..] => {
                    let Tag::Image { link_type, dest_url, id, .. } = image else { return None };
                    // The title is said beside it: the image itself is decoration.
                    let decorative = Tag::Image {
                        link_type: *link_type,
                        dest_url: dest_url.clone(),
                        title: "".into(),
                        id: id.clone(),
                    };
                    let title = if alt.trim().is_empty() { dest_url_of_link.clone() } else { alt.into() };
                    (Some(decorative), title, 2 + 1 + alt_events + 3)
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    let mut card = vec![
        Event::Html("<figure class=\"video-card\">".into()),
        Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: dest_url.clone(),
            title: "".into(),
            id: "".into(),
        }),
    ];
    if let Some(image) = thumbnail {
        card.extend([Event::Start(image), Event::End(TagEnd::Image)]);
    }
    card.extend([
        Event::Html("<span class=\"video-title\">".into()),
        Event::Text(title),
        Event::Html("</span><span class=\"video-provider\">".into()),
        Event::Text(provider.into()),
        Event::Html("</span>".into()),
        Event::End(TagEnd::Link),
        Event::Html("</figure>\n".into()),
    ]);
    Some((card, used))
}

/// Checks the nesting of a body without rendering it, for validation.
pub fn check_nesting(source: &str) -> Result<(), TooDeep> {
    if container_depth(source) > MAX_NESTING {
        return Err(TooDeep);
    }
    let mut depth = Depth::default();
    for event in Parser::new_ext(source, options()) {
        if !depth.enter(&event) {
            return Err(TooDeep);
        }
    }
    Ok(())
}

/// The deepest run of block-quote and list markers opening any line ("> > - > text" is 4):
/// a look at each line's first bytes, made before the parser builds anything.
fn container_depth(source: &str) -> usize {
    source.lines().map(line_container_depth).max().unwrap_or(0)
}

fn line_container_depth(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut depth = 0;
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'*' | b'+') if matches!(bytes.get(i + 1), Some(b' ' | b'\t')) => i += 2,
            Some(b'0'..=b'9') => {
                let digits = bytes[i..].iter().take(10).take_while(|b| b.is_ascii_digit()).count();
                match (bytes.get(i + digits), bytes.get(i + digits + 1)) {
                    (Some(b'.' | b')'), Some(b' ' | b'\t')) if digits <= 9 => i += digits + 2,
                    _ => return depth,
                }
            }
            _ => return depth,
        }
        depth += 1;
        if depth > MAX_NESTING {
            return depth;
        }
    }
}

/// The open elements while walking a document's events: Markdown containers and inline
/// spans, and the elements of any raw HTML in it.
#[derive(Default)]
struct Depth {
    markdown: usize,
    html: usize,
    exceeded: bool,
}

impl Depth {
    /// Takes in one event; false once the nesting has gone past [`MAX_NESTING`].
    fn enter(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(_) => self.markdown += 1,
            Event::End(_) => self.markdown = self.markdown.saturating_sub(1),
            Event::Html(fragment) | Event::InlineHtml(fragment) => {
                self.html = html_depth_after(self.html, fragment);
            }
            _ => {}
        }
        self.exceeded |= self.markdown + self.html > MAX_NESTING;
        !self.exceeded
    }
}

/// Elements that never hold others, so never deepen a document.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];

/// The raw-HTML nesting after `fragment`, counting start tags in and end tags out. It errs on
/// the deep side (an unclosed `<p>` counts), which only ever refuses, never lets through.
fn html_depth_after(depth: usize, fragment: &str) -> usize {
    html_depth_walk(depth, fragment, |_| {})
}

/// The deepest raw-HTML nesting anywhere in `html`, counted as [`html_depth_after`] does: for
/// refusing, before any HTML parser sees it, a document deep enough to make parsing slow.
pub fn deepest_html_nesting(html: &str) -> usize {
    let mut deepest = 0;
    html_depth_walk(0, html, |depth| deepest = deepest.max(depth));
    deepest
}

fn html_depth_walk(mut depth: usize, fragment: &str, mut seen: impl FnMut(usize)) -> usize {
    let mut rest = fragment;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let closing = rest.starts_with('/');
        let name_from = usize::from(closing);
        let name: String = rest[name_from..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .take(16)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !VOID_ELEMENTS.contains(&name.as_str()) {
            let tag_end = rest.find('>').unwrap_or(rest.len());
            if !rest[..tag_end].ends_with('/') {
                depth += 1;
                seen(depth);
            }
        }
    }
    depth
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"])
        .add_allowed_classes("figure", ["video-card"])
        .add_allowed_classes("span", ["video-title", "video-provider"]);
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

/// `&amp;`, `&#8211;`, `&#x2019;` and the like read as characters; unknown ones kept as
/// written. For text taken out of HTML written elsewhere (feeds, imported archives).
pub fn decode_character_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let decoded = after.find(';').filter(|end| *end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_video_address_alone_in_a_paragraph_is_a_card_linking_to_it() {
        let html = render(
            "Watch:\n\n[![Rescue at sea](/media/7-abc/800.jpg)](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n",
        );
        assert!(html.contains(r#"<figure class="video-card"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer"><img src="/media/7-abc/800.jpg" alt=""><span class="video-title">Rescue at sea</span><span class="video-provider">YouTube</span></a></figure>"#), "{html}");
        assert!(!html.contains("<iframe") && !html.contains("ytimg"), "nothing of the provider's is loaded");
        let bare = render("<https://vimeo.com/123456>");
        assert!(bare.contains(r#"<figure class="video-card"><a href="https://vimeo.com/123456" rel="noopener noreferrer"><span class="video-title">https://vimeo.com/123456</span><span class="video-provider">Vimeo</span></a></figure>"#), "{bare}");
        // Not alone, or not a video: as before.
        assert!(!render("See <https://youtu.be/abc> now").contains("video-card"));
        assert!(!render("[![Logo](/logo.png)](https://example.org/)").contains("video-card"));
        assert!(!render("[a talk](https://youtu.be/abc)").contains("video-card"));
        assert!(!render(r#"[![Talk](/t.jpg "A still")](https://youtu.be/abc)"#).contains("video-card"));
        // Nobody else may dress a link as one: a class is kept only where the renderer puts it.
        assert!(!render(r#"<p class="video-provider">x</p>"#).contains("class"));
    }

    #[test]
    fn video_providers_are_known_by_their_address_shapes() {
        for (address, provider) in [
            ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=4", Some("YouTube")),
            ("https://m.youtube.com/watch?v=a_b-c", Some("YouTube")),
            ("https://youtube.com/shorts/abc123", Some("YouTube")),
            ("https://www.youtube.com/embed/abc123", Some("YouTube")),
            ("https://youtu.be/abc123", Some("YouTube")),
            ("https://vimeo.com/76979871", Some("Vimeo")),
            ("https://youtube.com.evil.org/watch?v=x", None),
            ("https://www.youtube.com/watch?list=abc", None),
            ("https://vimeo.com/channels/staffpicks", None),
            ("javascript:alert(1)//youtu.be/x", None),
            ("https://youtube.com/shorts/abc123/", None),
            ("https://youtu.be:8443/abc123", None),
            ("https://someone@youtu.be/abc123", None),
            ("not a url", None),
        ] {
            assert_eq!(video_provider(address), provider, "{address}");
        }
    }

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
    fn nesting_up_to_the_limit_renders_and_deeper_is_refused() {
        let quotes = |n: usize| format!("{}deep", "> ".repeat(n));
        assert!(try_render(&quotes(MAX_NESTING - 1)).is_ok());
        assert_eq!(try_render(&quotes(MAX_NESTING + 1)), Err(TooDeep));
        assert_eq!(check_nesting(&quotes(50_000)), Err(TooDeep));
        let lists: String =
            (0..MAX_NESTING + 2).map(|level| format!("{}- item\n", "  ".repeat(level))).collect();
        assert_eq!(check_nesting(&lists), Err(TooDeep), "lists nested by indentation");
        let html = format!("{}x", "<div>".repeat(MAX_NESTING + 1));
        assert_eq!(check_nesting(&html), Err(TooDeep), "raw HTML elements");
        let emphasis = format!("{}x{}", "*a _a ".repeat(MAX_NESTING), " a_ a*".repeat(MAX_NESTING));
        assert_eq!(check_nesting(&emphasis), Err(TooDeep), "inline spans");
        assert!(check_nesting("<p>One<br>two<img src=\"/x.png\"></p>\n\n> quote\n\n- a\n  - b\n").is_ok());
    }

    #[test]
    fn a_body_too_deep_renders_as_escaped_text_at_once() {
        let hostile = format!("{}<script>alert(1)</script>", "> ".repeat(199_500));
        let started = std::time::Instant::now();
        let html = render(&hostile);
        // Generous: quadratic work took minutes here; linear work takes milliseconds.
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
        assert!(html.starts_with("<p>&gt; &gt;") && !html.contains("<script"), "{}", &html[..40]);
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(plain_text("## A\n\nSome *text* and [a link](/x)."), "A Some text and a link.");
    }
}
