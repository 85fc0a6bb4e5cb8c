//! What crawlers and link previews read: the public origin of a request, canonical URLs and
//! meta descriptions, `/sitemap.xml` (and its parts), `/robots.txt`, and a release's
//! OpenGraph, Twitter card and schema.org `NewsArticle` data.
//!
//! Nothing here decides what is public: the sitemap lists what the store's public reads
//! return, and the structured data says what the release page already shows.

use std::io;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;
use portico_content::Kind;
use portico_store::{Release, Store};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::http::{BodyMeta, respond};
use crate::views::{Ctx, Layout};
use crate::{App, Scope, WebError};

/// The most URLs one sitemap file holds; past it `/sitemap.xml` becomes an index of
/// `/sitemap-N.xml` parts. The sitemap protocol allows 50 000; smaller files are cheaper to
/// build on each request and to re-fetch.
pub const SITEMAP_MAX_URLS: u32 = 10_000;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// Crawlers may re-fetch these often; a CDN keeps them a few minutes.
const CRAWLER_CACHE: &str = "public, max-age=300, s-maxage=300, stale-while-revalidate=600";

type Result<T, E = WebError> = std::result::Result<T, E>;

/// The scheme and host a request was sent to, such as `https://www.example.org`: `https`
/// when a proxy says so with `X-Forwarded-Proto`, else `http`; the `Host` header (or the
/// HTTP/2 authority), or `localhost` when it is missing or holds anything but host-name
/// characters — it ends up in links and feeds, and must not smuggle markup into them.
pub fn request_origin(headers: &HeaderMap, uri: &Uri) -> String {
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"));
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()))
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        })
        .unwrap_or("localhost");
    format!("{}://{}", if https { "https" } else { "http" }, host.to_ascii_lowercase())
}

/// The page's own summary, or a sentence about the site when it has none.
pub fn description_or_default(ctx: &Ctx, description: &str) -> String {
    if description.trim().is_empty() {
        ctx.t1("site-description", "site", ctx.site.name_in(&ctx.lang).to_owned())
    } else {
        description.to_owned()
    }
}

impl Layout {
    /// Sets the canonical URL to the site URL `url` (as from [`Ctx::url`], with any query
    /// that belongs to it), made absolute.
    pub fn with_canonical(mut self, ctx: &Ctx, url: &str) -> Layout {
        self.canonical = ctx.absolute(url);
        self
    }

    /// The absolute canonical URL of the page.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }
}

/// A time as RFC 3339 in UTC ("2015-08-21T09:00:00Z"), as Atom, sitemaps and schema.org
/// want it.
pub(crate) fn rfc3339(at: OffsetDateTime) -> Result<String> {
    at.to_offset(time::UtcOffset::UTC)
        .format(&Rfc3339)
        .map_err(|e| WebError::Internal(format!("cannot format {at}: {e}")))
}

/// Text safe to put in an XML 1.0 document: the control characters XML forbids (which
/// Markdown and pasted text may still carry) are dropped.
pub(crate) fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| match c {
        '\t' | '\n' | '\r' => true,
        '\u{fffe}' | '\u{ffff}' => false,
        c => !c.is_control(),
    };
    if text.chars().all(allowed) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
}

/// Writes `<name>text</name>`.
pub(crate) fn text_element<W: io::Write>(writer: &mut Writer<W>, name: &str, text: &str) -> io::Result<()> {
    writer.create_element(name).write_text_content(BytesText::new(&xml_text(text)))?;
    Ok(())
}

/// Writes the XML declaration.
pub(crate) fn xml_declaration<W: io::Write>(writer: &mut Writer<W>) -> io::Result<()> {
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
}

/// Writing XML to memory cannot fail; should it ever, the request fails cleanly.
pub(crate) fn xml_failed(err: io::Error) -> WebError {
    WebError::Internal(format!("cannot write XML: {err}"))
}

/// One `<url>` of a sitemap.
struct SitemapUrl {
    loc: String,
    lastmod: Option<OffsetDateTime>,
    /// (hreflang, absolute URL) of each translation, this one included; empty when there
    /// is only one language.
    alternates: Vec<(String, String)>,
}

/// The sitemap of the site `scope` names, with absolute URLs under its origin and base.
///
/// With `part` `None`: the URL set, or — when the site has more than `max_urls` URLs — an
/// index of the parts `/sitemap-1.xml` … With `Some(n)`: the `n`th part (part 1 is the whole
/// set when it is small). `None` when there is no such part. Each language's home and news
/// list come first, then every published page, then every published release by document,
/// each with the `hreflang` alternates of its translations. In a large sitemap part 1 holds
/// the home pages, lists and pages, and each further part the releases of one window of
/// document ids (see `Store::sitemap_windows`): every part is read by index and bounded by
/// its own size, never by the archive's.
pub async fn sitemap_xml(
    store: &Store,
    scope: &Scope,
    part: Option<u32>,
    max_urls: u32,
) -> Result<Option<Vec<u8>>> {
    let site = &scope.site;
    let max = u64::from(max_urls.max(1));
    let languages = &site.languages;
    // As `Ctx::absolute(&Ctx::url(path))` in `lang`.
    let url_in = |lang: &str, path: &str| format!("{}{}/{lang}/{path}", scope.origin, scope.base);
    let statics: Vec<&str> = vec!["", "news"];
    let pages = store.sitemap_pages(site.id, languages).await?;
    let windows = store.sitemap_windows(site.id, languages).await?;
    let first_part = (statics.len() * languages.len() + pages.len()) as u64;
    let total = first_part + windows.iter().map(|(_, n)| u64::try_from(*n).unwrap_or(0)).sum::<u64>();
    let parts = if total <= max { 1 } else { 1 + windows.len() as u64 };

    let mut writer = Writer::new(Vec::new());
    xml_declaration(&mut writer).map_err(xml_failed)?;
    let Some(part) = part.or((parts == 1).then_some(1)) else {
        writer
            .create_element("sitemapindex")
            .with_attribute(("xmlns", SITEMAP_NS))
            .write_inner_content(|w| {
                for n in 1..=parts {
                    let loc = format!("{}{}/sitemap-{n}.xml", scope.origin, scope.base);
                    w.create_element("sitemap").write_inner_content(|w| text_element(w, "loc", &loc))?;
                }
                Ok(())
            })
            .map_err(xml_failed)?;
        return Ok(Some(writer.into_inner()));
    };
    let part = u64::from(part);
    if part == 0 || part > parts {
        return Ok(None);
    }

    let url_of = |kind: Kind, lang: &str, slug: &str| match kind {
        Kind::Page => url_in(lang, slug),
        _ => url_in(lang, &format!("news/{slug}")),
    };
    let entry_url = |entry: &portico_store::SitemapEntry| SitemapUrl {
        loc: url_of(entry.kind, &entry.language, &entry.slug),
        lastmod: Some(entry.updated_at),
        alternates: if entry.alternates.len() > 1 {
            entry.alternates.iter().map(|(l, slug)| (l.clone(), url_of(entry.kind, l, slug))).collect()
        } else {
            Vec::new()
        },
    };
    let mut urls = Vec::new();
    if part == 1 {
        let changed = store.lists_changed_at(site.id, languages).await?;
        urls.extend(statics.iter().flat_map(|path| languages.iter().map(move |lang| (*path, lang))).map(
            |(path, lang)| SitemapUrl {
                loc: url_in(lang, path),
                lastmod: changed.iter().find(|(l, _)| l == lang).map(|(_, at)| *at),
                alternates: if languages.len() > 1 {
                    languages.iter().map(|l| (l.clone(), url_in(l, path))).collect()
                } else {
                    Vec::new()
                },
            },
        ));
        urls.extend(pages.iter().map(entry_url));
    }
    let windows_here: Vec<i64> = if parts == 1 {
        windows.iter().map(|(window, _)| *window).collect()
    } else if part >= 2 {
        windows.get((part - 2) as usize).map(|(window, _)| *window).into_iter().collect()
    } else {
        Vec::new()
    };
    for window in windows_here {
        urls.extend(store.sitemap_window(site.id, languages, window).await?.iter().map(entry_url));
    }

    let lastmods: Vec<Option<String>> =
        urls.iter().map(|u| u.lastmod.map(rfc3339).transpose()).collect::<Result<_>>()?;
    writer
        .create_element("urlset")
        .with_attribute(("xmlns", SITEMAP_NS))
        .with_attribute(("xmlns:xhtml", XHTML_NS))
        .write_inner_content(|w| {
            for (url, lastmod) in urls.iter().zip(&lastmods) {
                w.create_element("url").write_inner_content(|w| {
                    text_element(w, "loc", &url.loc)?;
                    if let Some(lastmod) = lastmod {
                        text_element(w, "lastmod", lastmod)?;
                    }
                    for (lang, href) in &url.alternates {
                        w.create_element("xhtml:link")
                            .with_attribute(("rel", "alternate"))
                            .with_attribute(("hreflang", lang.as_str()))
                            .with_attribute(("href", href.as_str()))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })
        .map_err(xml_failed)?;
    Ok(Some(writer.into_inner()))
}

fn xml_response(headers: &HeaderMap, body: &[u8]) -> Response {
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type: "application/xml; charset=utf-8",
        language: None,
        cache_control: CRAWLER_CACHE,
    };
    respond(headers, meta, body)
}

/// `GET /sitemap.xml`: the site's URLs, or the index of its parts.
pub async fn sitemap(State(app): State<App>, headers: HeaderMap, scope: Scope) -> Result<Response> {
    let body = sitemap_xml(app.store(), &scope, None, SITEMAP_MAX_URLS).await?.ok_or(WebError::NotFound)?;
    Ok(xml_response(&headers, &body))
}

/// `GET /sitemap-{n}.xml`: one part of a large site's sitemap.
pub async fn sitemap_part(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(file): Path<String>,
) -> Result<Response> {
    // Only the canonical spelling of a part: "7.xml", not "07.xml" or "+7.xml".
    let part = file
        .strip_suffix(".xml")
        .and_then(|n| n.parse::<u32>().ok().filter(|p| p.to_string() == n))
        .ok_or(WebError::NotFound)?;
    let body =
        sitemap_xml(app.store(), &scope, Some(part), SITEMAP_MAX_URLS).await?.ok_or(WebError::NotFound)?;
    Ok(xml_response(&headers, &body))
}

/// `GET /robots.txt`: everything public may be crawled, the back office and the API not;
/// names the sitemap.
pub async fn robots(headers: HeaderMap, scope: Scope) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api/\n\nSitemap: {}{}/sitemap.xml\n",
        scope.origin, scope.base
    );
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type: "text/plain; charset=utf-8",
        language: None,
        cache_control: CRAWLER_CACHE,
    };
    respond(&headers, meta, body.as_bytes())
}

/// One `<meta>` of a page's head: `attr="key" content="content"`.
#[derive(Debug, Serialize)]
pub struct MetaTag {
    attr: &'static str,
    key: &'static str,
    content: String,
}

/// A release page's link-preview tags and schema.org data.
#[derive(Debug, Serialize)]
pub struct ArticleMeta {
    /// OpenGraph and Twitter card tags.
    meta: Vec<MetaTag>,
    /// The `NewsArticle` as JSON, safe to put inside `<script>`: no `<` in it.
    json_ld: String,
}

/// The image a link preview shows, with its size in pixels (0 when unknown).
#[derive(Debug, Clone)]
pub struct PreviewImage {
    /// Absolute URL.
    pub url: String,
    /// Width of the file at `url`.
    pub width: u32,
    /// Height of the file at `url`.
    pub height: u32,
    /// Its text alternative, empty when it has none.
    pub alt: String,
}

/// The site's default share image (built in), for pages and releases without their own.
pub fn default_share_image(ctx: &Ctx) -> PreviewImage {
    let (width, height) = crate::public::SHARE_IMAGE_SIZE;
    PreviewImage {
        url: ctx.absolute(crate::public::SHARE_IMAGE_PATH),
        width,
        height,
        alt: ctx.site.name_in(&ctx.lang).to_owned(),
    }
}

/// The OpenGraph and Twitter card tags of a preview image.
pub fn image_tags(image: &PreviewImage) -> Vec<MetaTag> {
    let tag = |attr: &'static str, key: &'static str, content: String| MetaTag { attr, key, content };
    let mut meta = vec![tag("property", "og:image", image.url.clone())];
    if image.width > 0 && image.height > 0 {
        meta.push(tag("property", "og:image:width", image.width.to_string()));
        meta.push(tag("property", "og:image:height", image.height.to_string()));
    }
    if !image.alt.is_empty() {
        meta.push(tag("property", "og:image:alt", image.alt.clone()));
    }
    meta.push(tag("name", "twitter:card", "summary_large_image".to_owned()));
    meta.push(tag("name", "twitter:image", image.url.clone()));
    if !image.alt.is_empty() {
        meta.push(tag("name", "twitter:image:alt", image.alt.clone()));
    }
    meta
}

/// OpenGraph's `ll_CC` locale for a language we publish in.
fn og_locale(lang: &str) -> String {
    match lang {
        "en" => "en_US".to_owned(),
        "fr" => "fr_FR".to_owned(),
        "es" => "es_ES".to_owned(),
        "de" => "de_DE".to_owned(),
        "ar" => "ar_AR".to_owned(),
        other => other.replace('-', "_"),
    }
}

/// An image's best rendition for link previews and its size in pixels: the widest in the
/// original's format, else the widest of any, else the original. Renditions are named by their
/// width and keep the original's proportions, so the size is that of the file referenced.
fn preview_image(media: &portico_store::Media) -> (String, u32, u32) {
    let extension = crate::admin::media_extension(&media.mime);
    let widest = |same_format: bool| {
        media
            .renditions
            .iter()
            .filter_map(|name| {
                let (width, ext) = name.split_once('.')?;
                (!same_format || ext == extension).then_some((width.parse::<u32>().ok()?, name))
            })
            .max_by_key(|(width, _)| *width)
            .map(|(width, name)| (width, name.clone()))
    };
    let original = (u32::try_from(media.width).unwrap_or(0), u32::try_from(media.height).unwrap_or(0));
    match widest(true).or_else(|| widest(false)) {
        Some((width, file)) => {
            let height = match original {
                (0, _) | (_, 0) => 0,
                (original_width, original_height) => {
                    portico_media::scaled_height(original_width, original_height, width)
                }
            };
            (media.path(&file), width, height)
        }
        None => (media.path(&format!("original.{extension}")), original.0, original.1),
    }
}

/// A JSON value as text that cannot end a `<script>` element early nor open a comment:
/// `<`, `>` and `&` are written as JSON escapes, which every JSON reader decodes back.
pub(crate) fn script_safe_json(value: &serde_json::Value) -> Result<String> {
    let json = serde_json::to_string(value).map_err(|e| WebError::Internal(format!("JSON-LD: {e}")))?;
    Ok(json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026"))
}

/// The OpenGraph and Twitter card tags of any page but a release: a `website` with the
/// site's default share image.
/// `og:url` is not among them: the template writes it from the layout's canonical URL, which a
/// handler may still refine after the layout is made.
pub fn page_meta(ctx: &Ctx, title: &str, description: &str) -> Vec<MetaTag> {
    let site_name = ctx.site.name_in(&ctx.lang).to_owned();
    let title = if title.is_empty() { site_name.clone() } else { title.to_owned() };
    let description = description_or_default(ctx, description);
    let tag = |attr: &'static str, key: &'static str, content: String| MetaTag { attr, key, content };
    let mut meta = vec![
        tag("property", "og:type", "website".to_owned()),
        tag("property", "og:site_name", site_name),
        tag("property", "og:title", title.clone()),
        tag("property", "og:description", description.clone()),
        tag("property", "og:locale", og_locale(&ctx.lang)),
    ];
    meta.extend(image_tags(&default_share_image(ctx)));
    meta.push(tag("name", "twitter:title", title));
    meta.push(tag("name", "twitter:description", description));
    meta
}

/// The OpenGraph, Twitter card and `NewsArticle` data of a release whose absolute
/// canonical URL is `canonical`.
pub fn article_meta(ctx: &Ctx, release: &Release, canonical: &str) -> Result<ArticleMeta> {
    let site_name = ctx.site.name_in(&ctx.lang).to_owned();
    let published = rfc3339(release.published_at)?;
    let modified = rfc3339(release.updated_at.max(release.published_at))?;
    let description = description_or_default(ctx, &release.summary);
    // A release without an image of its own is shared with the site's default image.
    let image = match release.image.as_ref() {
        Some(media) => {
            let (path, width, height) = preview_image(media);
            PreviewImage { url: ctx.absolute(&path), width, height, alt: media.alt.clone() }
        }
        None => default_share_image(ctx),
    };
    let tag = |attr: &'static str, key: &'static str, content: &str| MetaTag {
        attr,
        key,
        content: content.to_owned(),
    };

    let mut meta = vec![
        tag("property", "og:type", "article"),
        tag("property", "og:site_name", &site_name),
        tag("property", "og:title", &release.title),
        tag("property", "og:description", &description),
        tag("property", "og:url", canonical),
        tag("property", "og:locale", &og_locale(&release.language)),
        tag("property", "article:published_time", &published),
        tag("property", "article:modified_time", &modified),
    ];
    for theme in &release.themes {
        meta.push(tag("property", "article:tag", &theme.name));
    }
    meta.extend(image_tags(&image));
    meta.push(tag("name", "twitter:title", &release.title));
    meta.push(tag("name", "twitter:description", &description));

    let organization = serde_json::json!({
        "@type": "Organization",
        "name": site_name,
        "url": ctx.absolute(&ctx.url("")),
    });
    let mut article = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title,
        "description": description,
        "datePublished": published,
        "dateModified": modified,
        "inLanguage": release.language,
        "mainEntityOfPage": canonical,
        "url": canonical,
        "author": organization,
        "publisher": organization,
        "contentLocation": release
            .countries
            .iter()
            .map(|code| serde_json::json!({ "@type": "Place", "name": ctx.country_name(code) }))
            .collect::<Vec<_>>(),
        "keywords": release.themes.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
    });
    if let Some(fields) = article.as_object_mut() {
        if !release.dateline.is_empty() {
            fields.insert("dateline".to_owned(), release.dateline.clone().into());
        }
        fields.insert("image".to_owned(), serde_json::json!([image.url]));
    }
    Ok(ArticleMeta { meta, json_ld: script_safe_json(&article)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script() {
        let value = serde_json::json!({ "headline": "</script><script>alert(1)</script> & <!--" });
        let text = script_safe_json(&value).expect("serializes");
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn the_origin_comes_from_the_host_and_the_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "News.Example.org:8080".parse().expect("header"));
        assert_eq!(request_origin(&headers, &Uri::default()), "http://news.example.org:8080");
        headers.insert("x-forwarded-proto", "https".parse().expect("header"));
        assert_eq!(request_origin(&headers, &Uri::default()), "https://news.example.org:8080");
        headers.insert(header::HOST, "evil\"><script>".parse().expect("header"));
        assert_eq!(request_origin(&headers, &Uri::default()), "https://localhost");
    }

    #[test]
    fn xml_text_drops_forbidden_control_characters() {
        assert_eq!(xml_text("a\u{1}b\tc\u{7f}d é"), "ab\tcd é");
    }
}
