//! What the fuzz targets share: a checker of the HTML that Portico's sanitizers promise, and
//! the fixed inputs the targets pair with the fuzzer's bytes.
//!
//! The checker reads HTML as ammonia (html5ever's serializer) writes it: every `<` in text is
//! escaped, every attribute is `name="value"` with `"` escaped. Anything else is a finding.

/// What a sanitized fragment may contain, beyond ammonia's rules that hold everywhere.
pub struct HtmlRules<'a> {
    /// URL schemes a link or image may use; a URL without a scheme is relative.
    pub schemes: &'a [&'a str],
    /// The `rel` every `<a>` must carry.
    pub link_rel: &'a str,
    /// Whether relative URLs may stay (they are resolved or dropped for external HTML).
    pub relative_urls: bool,
    /// Whether `<img>` may stay (it may not in external HTML: it would let a third party watch
    /// our readers).
    pub images: bool,
}

/// The rules of rendered Markdown (`portico_content::markdown::render`).
pub const RENDERED: HtmlRules<'static> = HtmlRules {
    schemes: &["http", "https", "mailto", "tel"],
    link_rel: "noopener noreferrer",
    relative_urls: true,
    images: true,
};

/// The rules of external HTML (`portico_content::markdown::sanitize_external_html`) resolved
/// against a base URL, as the feed reader calls it.
pub const EXTERNAL: HtmlRules<'static> = HtmlRules {
    schemes: &["http", "https", "mailto", "tel"],
    link_rel: "noopener noreferrer nofollow",
    relative_urls: false,
    images: false,
};

/// Elements that run code, load other documents, take input or change how the page reads.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "applet",
    "audio",
    "base",
    "body",
    "button",
    "embed",
    "form",
    "frame",
    "frameset",
    "head",
    "html",
    "iframe",
    "input",
    "link",
    "math",
    "meta",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "option",
    "plaintext",
    "script",
    "select",
    "source",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "video",
    "xmp",
];

/// Attributes whose value is a URL.
const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "cite", "action", "formaction", "longdesc", "poster", "background"];

/// Checks sanitized HTML against `rules`; the error says what is wrong and where.
pub fn check_html(html: &str, rules: &HtmlRules<'_>) -> Result<(), String> {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        at += offset + 1;
        let closing = bytes.get(at) == Some(&b'/');
        if closing {
            at += 1;
        }
        let name_len = html[at..].bytes().take_while(u8::is_ascii_alphanumeric).count();
        if name_len == 0 || !bytes[at].is_ascii_lowercase() {
            return Err(format!("unescaped '<' at byte {}", at - 1));
        }
        let name = &html[at..at + name_len];
        at += name_len;
        if FORBIDDEN_ELEMENTS.contains(&name) || (!rules.images && name == "img") {
            return Err(format!("<{name}> survived"));
        }
        if closing {
            if bytes.get(at) != Some(&b'>') {
                return Err(format!("malformed end tag </{name}"));
            }
            continue;
        }
        let mut rel = None;
        loop {
            match bytes.get(at) {
                Some(b'>') => break,
                Some(b'/') if bytes.get(at + 1) == Some(&b'>') => break,
                Some(b' ') => at += 1,
                Some(_) => {
                    let attr_len =
                        html[at..].bytes().take_while(|b| !matches!(b, b'=' | b' ' | b'>')).count();
                    let attr = &html[at..at + attr_len];
                    at += attr_len;
                    let value = if html[at..].starts_with("=\"") {
                        let end = html[at + 2..]
                            .find('"')
                            .ok_or_else(|| format!("unclosed {attr}= in <{name}>"))?;
                        let value = &html[at + 2..at + 2 + end];
                        at += end + 3;
                        value
                    } else {
                        ""
                    };
                    check_attribute(name, attr, value, rules)?;
                    if attr == "rel" {
                        rel = Some(value);
                    }
                }
                None => return Err(format!("unclosed <{name}>")),
            }
        }
        if name == "a" && rel != Some(rules.link_rel) {
            return Err(format!("<a> with rel {rel:?}, not {:?}", rules.link_rel));
        }
    }
    Ok(())
}

fn check_attribute(element: &str, attr: &str, value: &str, rules: &HtmlRules<'_>) -> Result<(), String> {
    let lower = attr.to_ascii_lowercase();
    if lower.starts_with("on") || lower == "style" || lower == "srcdoc" || lower == "srcset" {
        return Err(format!("attribute {attr} survived on <{element}>"));
    }
    if !URL_ATTRIBUTES.contains(&lower.as_str()) {
        return Ok(());
    }
    // As a browser's URL parser reads it: entities decoded, C0 controls and spaces trimmed at
    // both ends, tabs and line breaks removed anywhere.
    let decoded = value.replace("&quot;", "\"").replace("&nbsp;", "\u{a0}").replace("&amp;", "&");
    let trimmed = decoded.trim_matches(|c: char| c <= ' ');
    let url = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect::<String>();
    let url = url.to_ascii_lowercase();
    let url = url.as_str();
    match scheme_of(url) {
        Some(scheme) if !rules.schemes.contains(&scheme) => {
            Err(format!("{attr}=\"{value}\" on <{element}> has scheme {scheme}"))
        }
        None if !rules.relative_urls && !url.is_empty() => {
            Err(format!("relative {attr}=\"{value}\" on <{element}> survived"))
        }
        _ => Ok(()),
    }
}

/// The scheme of a URL as a browser finds it: a letter, then letters, digits, `+`, `-` or
/// `.`, up to the first `:`. Anything else before a `:` makes the URL relative.
fn scheme_of(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let scheme = &url[..end];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    valid.then_some(scheme)
}

/// The time a fetch is taken to happen at, fixed so that runs repeat.
pub fn fetched_at() -> time::OffsetDateTime {
    // 2026-03-01T00:00:00Z: after every date in the seeds.
    time::OffsetDateTime::from_unix_timestamp(1_772_323_200).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// Checks the checker on HTML whose verdict is known, once per process: the fuzz targets
/// that use it call this first, so that a checker that lets everything through fails at once
/// (there is no `cargo test` for this crate: it builds only under cargo-fuzz).
pub fn check_the_checker() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let cases: [(&str, &HtmlRules<'_>, bool); 12] = [
            ("<p>a &lt; b</p>", &RENDERED, true),
            ("<p>a < b</p>", &RENDERED, false),
            ("<script>x</script>", &RENDERED, false),
            ("<p onclick=\"x\">p</p>", &RENDERED, false),
            ("<a href=\" JavaScript:x\" rel=\"noopener noreferrer\">x</a>", &RENDERED, false),
            ("<a href=\"\u{1}ja\tvascript:x\" rel=\"noopener noreferrer\">x</a>", &RENDERED, false),
            ("<a href=\"ja\u{5}vascript:x\" rel=\"noopener noreferrer\">x</a>", &RENDERED, true),
            ("<a href=\"http=s://x\" rel=\"noopener noreferrer\">x</a>", &RENDERED, true),
            ("<a href=\"/x\" rel=\"noopener noreferrer\">x</a>", &RENDERED, true),
            ("<a href=\"/x\" rel=\"noopener noreferrer nofollow\">x</a>", &EXTERNAL, false),
            ("<a href=\"https://x/\">x</a>", &RENDERED, false),
            ("<img src=\"https://x/p.png\">", &EXTERNAL, false),
        ];
        for (html, rules, safe) in cases {
            assert_eq!(check_html(html, rules).is_ok(), safe, "the HTML checker is wrong about {html}");
        }
    });
}
