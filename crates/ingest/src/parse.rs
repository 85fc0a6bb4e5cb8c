//! Reading a fetched body as a feed: RSS or Atom in whatever charset its XML declares, each
//! item reduced to what we keep (an id, an http(s) link, a plain-text title, sanitized HTML, a
//! UTC date). A bad item is repaired or left out with a note; only a body that is no feed at
//! all fails the whole fetch.

use time::{Duration, OffsetDateTime};

/// Most items kept from one fetch, newest as the feed orders them.
pub const MAX_ITEMS: usize = 200;
/// Longest title kept, in characters.
const MAX_TITLE: usize = 300;
/// Longest summary read, in bytes of its source HTML; a longer one is cut before cleaning.
const MAX_SUMMARY: usize = 16 * 1024;
/// Longest id or link kept, in bytes.
const MAX_ID: usize = 2048;
/// How far ahead of the fetch a date may lie before we take it for a mistake.
const FUTURE_SLACK: Duration = Duration::days(1);

/// A feed as read.
#[derive(Debug, Clone)]
pub struct ParsedFeed {
    /// The feed's own title, plain text.
    pub title: String,
    /// Its items, in the feed's order.
    pub items: Vec<ParsedItem>,
    /// What was repaired or left out, and why, for the log.
    pub notes: Vec<String>,
}

/// An item as read.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedItem {
    /// Its id in the feed, else its link.
    pub guid: String,
    /// Its page at the source, http(s) only; "" when it has none we would link to.
    pub link: String,
    /// Plain-text title.
    pub title: String,
    /// Sanitized HTML of its summary (or of its content when it has no summary).
    pub summary_html: String,
    /// When it was published (or updated), UTC; the fetch time when the feed's date is unusable.
    pub published_at: OffsetDateTime,
    /// Its categories, as the feed names them.
    pub categories: Vec<String>,
    /// Title and summary as plain text, for keyword filters.
    pub text: String,
}

/// A body that is not a feed we can read.
#[derive(Debug, thiserror::Error)]
#[error("not a readable RSS or Atom feed: {0}")]
pub struct ParseError(String);

/// Reads `body`, fetched from `source_url` at `fetched_at`.
pub fn parse_feed(
    body: &[u8],
    source_url: &str,
    fetched_at: OffsetDateTime,
) -> Result<ParsedFeed, ParseError> {
    let parser = feed_rs::parser::Builder::new().base_uri(Some(source_url)).sanitize_content(false).build();
    // Blank lines before the XML declaration (common from templated feeds) would push it past
    // the XML reader's 64-byte look-ahead, where a declared encoding makes it panic.
    let body = body.trim_ascii_start();
    // That reader (quick-xml 0.42) still asserts on other input, such as a declaration after
    // other text: its panic is this feed's refusal, not the ingest job's.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(body)))
        .map_err(|_| ParseError("the XML reader failed on this body".into()))?;
    let feed = parsed.map_err(|e| ParseError(e.to_string()))?;
    let mut notes = Vec::new();
    if feed.entries.len() > MAX_ITEMS {
        notes.push(format!("{} items; kept the first {MAX_ITEMS}", feed.entries.len()));
    }
    let items = feed
        .entries
        .into_iter()
        .take(MAX_ITEMS)
        .enumerate()
        .filter_map(|(index, entry)| read_entry(entry, index, source_url, fetched_at, &mut notes))
        .collect();
    let title = feed.title.map(|t| text_of(&t)).unwrap_or_default();
    Ok(ParsedFeed { title: truncate_chars(&title, MAX_TITLE), items, notes })
}

fn read_entry(
    entry: feed_rs::model::Entry,
    index: usize,
    source_url: &str,
    fetched_at: OffsetDateTime,
    notes: &mut Vec<String>,
) -> Option<ParsedItem> {
    let position = index + 1;
    let link = item_link(&entry.links, source_url);
    if link.is_empty() && !entry.links.is_empty() {
        notes.push(format!("item {position}: link dropped: not an http(s) address"));
    }
    let title = truncate_chars(&entry.title.as_ref().map(text_of).unwrap_or_default(), MAX_TITLE);
    if title.is_empty() && link.is_empty() {
        notes.push(format!("item {position}: left out: neither a title nor a link"));
        return None;
    }
    // Something to click on: an untitled item is shown by its address.
    let title = if title.is_empty() { truncate_chars(&link, MAX_TITLE) } else { title };
    let guid = Some(entry.id.trim()).filter(|id| !id.is_empty()).unwrap_or(&link);
    let guid = truncate_bytes(guid, MAX_ID).to_owned();
    let base = if link.is_empty() { source_url } else { &link };
    let summary_html = match (&entry.summary, &entry.content) {
        (Some(summary), _) if !summary.content.trim().is_empty() => {
            clean_html(&summary.content, is_html(summary.content_type.as_ref()), base)
        }
        (_, Some(content)) => content
            .body
            .as_deref()
            .map(|body| clean_html(body, is_html(content.content_type.as_ref()), base))
            .unwrap_or_default(),
        _ => String::new(),
    };
    let published_at = match entry.published.or(entry.updated) {
        None => {
            notes.push(format!("item {position}: no usable date; dated by the fetch"));
            fetched_at
        }
        Some(date) => match OffsetDateTime::from_unix_timestamp(date.timestamp()) {
            Ok(at) if at <= fetched_at + FUTURE_SLACK && at >= OffsetDateTime::UNIX_EPOCH => at,
            _ => {
                notes.push(format!("item {position}: implausible date ({date}); dated by the fetch"));
                fetched_at
            }
        },
    };
    let categories = entry
        .categories
        .iter()
        .flat_map(|c| [Some(c.term.clone()), c.label.clone()])
        .flatten()
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    let text = format!("{title} {}", plain_text(&summary_html));
    Some(ParsedItem { guid, link, title, summary_html, published_at, categories, text })
}

/// The item's page: its alternate link (or first link), resolved against the feed's address;
/// "" unless it is http(s).
fn item_link(links: &[feed_rs::model::Link], source_url: &str) -> String {
    let chosen = links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or_else(|| links.first());
    let Some(link) = chosen else { return String::new() };
    let resolved = reqwest::Url::parse(source_url).and_then(|base| base.join(link.href.trim()));
    match resolved {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.as_str().len() <= MAX_ID => url.into(),
        _ => String::new(),
    }
}

fn is_html(media_type: &str) -> bool {
    media_type.contains("html")
}

/// Sanitized HTML from a feed's text: markup cleaned, plain text escaped into a paragraph.
fn clean_html(source: &str, html: bool, base: &str) -> String {
    let source = truncate_bytes(source, MAX_SUMMARY);
    let html_source = if html { source.to_owned() } else { format!("<p>{}</p>", escape(source.trim())) };
    portico_content::markdown::sanitize_external_html(&html_source, Some(base)).trim().to_owned()
}

/// The plain text of a feed's text construct. A title may be HTML, declared or not: many RSS
/// feeds put escaped markup in titles that their spec says are plain text.
fn text_of(text: &feed_rs::model::Text) -> String {
    let looks_like_markup = text
        .content
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'));
    if looks_like_markup || is_html(text.content_type.as_ref()) {
        plain_text(&text.content)
    } else {
        text.content.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Text without tags, with character references decoded, whitespace collapsed. Only for
/// display as text (templates escape it again) and keyword matching, never as HTML.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    portico_content::markdown::decode_character_references(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn truncate_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `text` in at most `max` characters, the mark of a cut (`…`) included.
fn truncate_chars(text: &str, max: usize) -> String {
    if text.chars().nth(max).is_none() {
        return text.to_owned();
    }
    let end = text.char_indices().nth(max.saturating_sub(1)).map_or(text.len(), |(end, _)| end);
    format!("{}…", text[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const FETCHED: OffsetDateTime = datetime!(2026-03-01 12:00 UTC);

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Partner &amp; Friends News</title>
  <link>https://partner.example.org/</link>
  <description>News from a partner</description>
  <item>
    <title>Flood response scaled up</title>
    <link>https://partner.example.org/news/flood</link>
    <guid isPermaLink="false">partner-2026-17</guid>
    <pubDate>Tue, 24 Feb 2026 09:30:00 +0100</pubDate>
    <category>Emergencies</category>
    <description>&lt;p&gt;Teams &lt;b&gt;arrived&lt;/b&gt; in &lt;a href="/regions/north"&gt;the north&lt;/a&gt;.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Second item without guid</title>
    <link>/news/second</link>
    <pubDate>Mon, 23 Feb 2026 08:00:00 GMT</pubDate>
  </item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>IOM El Salvador</title>
  <id>tag:portico.example,2026:/en/news</id>
  <updated>2026-02-25T10:00:00Z</updated>
  <link rel="self" href="https://sv.example.org/en/news.atom"/>
  <entry>
    <title type="html">Migrants &lt;em&gt;return&lt;/em&gt; home</title>
    <id>tag:portico.example,2026:release:42</id>
    <link rel="alternate" type="text/html" href="https://sv.example.org/en/news/return-home"/>
    <published>2026-02-25T08:00:00-06:00</published>
    <updated>2026-02-25T09:00:00Z</updated>
    <category term="migration" label="Migration"/>
    <summary type="text">Families came back to San Salvador &amp; Santa Ana.</summary>
  </entry>
</feed>"#;

    #[test]
    fn reads_rss_items_with_their_ids_links_dates_and_categories() {
        let feed = parse_feed(RSS.as_bytes(), "https://partner.example.org/feed.xml", FETCHED).expect("feed");
        assert_eq!(feed.title, "Partner & Friends News");
        assert_eq!(feed.items.len(), 2);
        let first = &feed.items[0];
        assert_eq!(first.guid, "partner-2026-17");
        assert_eq!(first.link, "https://partner.example.org/news/flood");
        assert_eq!(first.title, "Flood response scaled up");
        assert_eq!(first.published_at, datetime!(2026-02-24 08:30 UTC));
        assert_eq!(first.categories, vec!["Emergencies".to_owned()]);
        assert!(first.summary_html.contains("<b>arrived</b>"), "{}", first.summary_html);
        // Relative links in the summary point back to the source, not to us.
        assert!(
            first.summary_html.contains("href=\"https://partner.example.org/regions/north\""),
            "{}",
            first.summary_html
        );
        let second = &feed.items[1];
        assert_eq!(second.link, "https://partner.example.org/news/second");
        assert!(!second.guid.is_empty());
        assert_eq!(second.published_at, datetime!(2026-02-23 08:00 UTC));
    }

    #[test]
    fn reads_atom_entries_and_flattens_html_titles() {
        let feed = parse_feed(ATOM.as_bytes(), "https://sv.example.org/en/news.atom", FETCHED).expect("feed");
        assert_eq!(feed.title, "IOM El Salvador");
        let entry = &feed.items[0];
        assert_eq!(entry.title, "Migrants return home");
        assert_eq!(entry.guid, "tag:portico.example,2026:release:42");
        assert_eq!(entry.link, "https://sv.example.org/en/news/return-home");
        assert_eq!(entry.published_at, datetime!(2026-02-25 14:00 UTC), "published wins over updated");
        assert!(entry.categories.contains(&"migration".to_owned()));
        assert!(entry.categories.contains(&"Migration".to_owned()));
        assert_eq!(entry.summary_html, "<p>Families came back to San Salvador &amp; Santa Ana.</p>");
        assert!(entry.text.contains("San Salvador & Santa Ana"));
    }

    #[test]
    fn scripts_handlers_and_script_links_are_removed() {
        let rss = r#"<rss version="2.0"><channel><title>Bad&lt;script&gt;&lt;/script&gt;</title>
          <item><title>Hello &lt;img src=x onerror=alert(1)&gt;world</title>
            <link>javascript:alert(2)</link><guid>bad-1</guid>
            <description><![CDATA[<p onclick="steal()">Hi<script>alert(3)</script>
              <img src="x" onerror="alert(4)"><a href="javascript:alert(5)">x</a>
              <iframe src="https://evil.example/"></iframe><style>body{}</style></p>]]></description>
          </item></channel></rss>"#;
        let feed = parse_feed(rss.as_bytes(), "https://bad.example/feed", FETCHED).expect("feed");
        let item = &feed.items[0];
        assert_eq!(item.link, "", "a javascript: link is dropped");
        assert!(feed.notes.iter().any(|n| n.contains("link dropped")), "{:?}", feed.notes);
        let html = item.summary_html.to_ascii_lowercase();
        for banned in ["<script", "onclick", "onerror", "javascript:", "<iframe", "<style", "<img"] {
            assert!(!html.contains(banned), "{banned} survived in {html}");
        }
        assert!(html.contains("hi"));
        // Markup in a plain-text title is taken out, not shown.
        assert_eq!(item.title, "Hello world");
        assert_eq!(feed.title, "Bad");
    }

    #[test]
    fn unusable_and_future_dates_fall_back_to_the_fetch_time() {
        let rss = r#"<rss version="2.0"><channel><title>Dates</title>
          <item><title>No date</title><guid>a</guid></item>
          <item><title>Nonsense</title><guid>b</guid><pubDate>the 31st of Smarch</pubDate></item>
          <item><title>Impossible</title><guid>c</guid><pubDate>Mon, 30 Feb 2026 25:61:00 GMT</pubDate></item>
          <item><title>Far future</title><guid>d</guid><pubDate>Fri, 31 Dec 2100 00:00:00 GMT</pubDate></item>
          <item><title>Far past</title><guid>f</guid><pubDate>1066-10-14T09:00:00Z</pubDate></item>
          <item><title>Fine</title><guid>e</guid><pubDate>2026-02-01T10:00:00+02:00</pubDate></item>
        </channel></rss>"#;
        let feed = parse_feed(rss.as_bytes(), "https://dates.example/feed", FETCHED).expect("feed");
        let dates: Vec<OffsetDateTime> = feed.items.iter().map(|i| i.published_at).collect();
        assert_eq!(dates, vec![FETCHED, FETCHED, FETCHED, FETCHED, FETCHED, datetime!(2026-02-01 08:00 UTC)]);
        assert_eq!(feed.notes.len(), 5, "{:?}", feed.notes);
    }

    #[test]
    fn latin1_feeds_are_decoded() {
        let mut body = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>\
            <title>Gen\xe8ve</title><item><title>Caf\xe9 \xe0 Gen\xe8ve</title><guid>1</guid></item>\
            </channel></rss>"
            .to_vec();
        body.shrink_to_fit();
        let feed = parse_feed(&body, "https://latin.example/feed", FETCHED).expect("feed");
        assert_eq!(feed.title, "Genève");
        assert_eq!(feed.items[0].title, "Café à Genève");
    }

    #[test]
    fn entity_bombs_are_not_expanded() {
        let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Bomb &lol9;</title>
<item><title>Laughs &lol9;</title><guid>bomb</guid><description>&lol9;</description></item>
</channel></rss>"#;
        // Either refused or read without expansion; never a billion laughs in memory.
        if let Ok(feed) = parse_feed(bomb.as_bytes(), "https://bomb.example/feed", FETCHED) {
            for item in &feed.items {
                assert!(item.title.len() < 100, "{}", item.title);
                assert!(item.summary_html.len() < 100, "{}", item.summary_html);
            }
            assert!(feed.title.len() < 100);
        }
    }

    #[test]
    fn untitled_items_are_shown_by_their_link_and_empty_ones_left_out() {
        let rss = r#"<rss version="2.0"><channel><title>T</title>
          <item><link>https://t.example/a</link></item>
          <item><description>Neither title nor link</description></item>
        </channel></rss>"#;
        let feed = parse_feed(rss.as_bytes(), "https://t.example/feed", FETCHED).expect("feed");
        assert_eq!(feed.items.len(), 1);
        assert_eq!(feed.items[0].title, "https://t.example/a");
        assert!(!feed.items[0].guid.is_empty());
        assert!(feed.notes.iter().any(|n| n.contains("left out")), "{:?}", feed.notes);
    }

    #[test]
    fn bodies_that_are_no_feed_are_refused() {
        for body in
            [&b"<html><body>Not a feed</body></html>"[..], b"", b"\x00\x01\x02", b"{\"not\": \"a feed\"}"]
        {
            assert!(parse_feed(body, "https://x.example/", FETCHED).is_err(), "{body:?}");
        }
    }

    #[test]
    fn a_declared_encoding_the_xml_reader_cannot_apply_is_a_refusal_not_a_panic() {
        // Found by the `feed` fuzz target: quick-xml asserts when a declaration that changes
        // the encoding ends past its first 64 bytes (with some bodies after it).
        let short: &[u8] = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>";
        let after_nuls = [&[0; 50][..], short].concat();
        assert!(parse_feed(&after_nuls, "https://x.example/", FETCHED).is_err());
        let after_blank_lines = [&[b'\n'; 50][..], short].concat();
        assert_eq!(
            parse_feed(&after_blank_lines, "https://x.example/", FETCHED).is_ok(),
            parse_feed(short, "https://x.example/", FETCHED).is_ok()
        );
        let feed: &[u8] = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\
            <rss version=\"2.0\"><channel><title>Caf\xe9</title></channel></rss>";
        let read =
            parse_feed(&[&[b'\n'; 50][..], feed].concat(), "https://x.example/", FETCHED).expect("a feed");
        assert_eq!(read.title, "Caf\u{e9}");
    }

    #[test]
    fn plain_text_strips_tags_and_decodes_references() {
        assert_eq!(
            plain_text("<p>A &amp; B&nbsp;<b>C</b> &#233;&#xE9; &bogus; &</p>"),
            "A & B C éé &bogus; &"
        );
    }

    #[test]
    fn long_titles_are_cut_on_a_character() {
        assert_eq!(truncate_chars("ééééé", 3), "éé…");
        assert_eq!(truncate_chars("ééé", 3), "ééé");
        // Found by the `feed` fuzz target: the mark of the cut made a title one too long.
        assert_eq!(truncate_chars(&"x".repeat(400), MAX_TITLE).chars().count(), MAX_TITLE);
        assert_eq!(truncate_bytes("éé", 3), "é");
    }
}
