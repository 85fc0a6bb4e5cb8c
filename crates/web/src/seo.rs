//! What crawlers and link previews read: the public origin of a request, canonical URLs and
//! meta descriptions, `/sitemap.xml` (and its parts), `/robots.txt`, and a release's
//! OpenGraph, Twitter card and schema.org `NewsArticle` data.
//!
//! Nothing here decides what is public: the sitemap lists what the store's public reads
//! return, and the structured data says what the release page already shows.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use portico_store::{Release, Store};
use quick_xml::Writer;
use serde::Serialize;
use time::OffsetDateTime;

use crate::ctx::Ctx;
use crate::head::{
    MetaTag, PreviewImage, default_share_image, description_or_default, image_tags, og_locale,
};
use crate::http::{BodyMeta, respond};
use crate::xml::{rfc3339, rfc3339_into, text_element, xml_declaration, xml_failed, xml_text};
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

/// A sitemap's `<urlset>`, written straight into its bytes. A part holds a few thousand
/// URLs (each translation names all the others); building every URL as a string first and
/// then escaping it into the document was most of a part's cost.
struct Urlset {
    out: Vec<u8>,
    /// `{origin}{base}/`, escaped: every URL starts with it.
    prefix: String,
    urls: usize,
}

impl Urlset {
    fn new(origin: &str, base: &str) -> Urlset {
        let mut out = Vec::with_capacity(64 * 1024);
        out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        out.extend_from_slice(
            format!("<urlset xmlns=\"{SITEMAP_NS}\" xmlns:xhtml=\"{XHTML_NS}\">").as_bytes(),
        );
        Urlset { out, prefix: escaped(&format!("{origin}{base}/")).into_owned(), urls: 0 }
    }

    /// Appends `{prefix}{lang}/{path}`.
    fn push_url(&mut self, lang: &str, path: (&str, &str)) {
        self.out.extend_from_slice(self.prefix.as_bytes());
        self.out.extend_from_slice(escaped(lang).as_bytes());
        self.out.push(b'/');
        self.out.extend_from_slice(escaped(path.0).as_bytes());
        self.out.extend_from_slice(escaped(path.1).as_bytes());
    }

    /// One `<url>`: the page at `path` (a prefix and a slug) in `lang`, and, when given,
    /// the `hreflang` alternates of each of its translations, this one included.
    fn url<'a>(
        &mut self,
        lang: &str,
        path: (&str, &str),
        lastmod: Option<OffsetDateTime>,
        alternates: impl Iterator<Item = (&'a str, (&'a str, &'a str))>,
    ) -> Result<()> {
        self.urls += 1;
        self.out.extend_from_slice(b"<url><loc>");
        self.push_url(lang, path);
        self.out.extend_from_slice(b"</loc>");
        if let Some(at) = lastmod {
            self.out.extend_from_slice(b"<lastmod>");
            rfc3339_into(&mut self.out, at)?;
            self.out.extend_from_slice(b"</lastmod>");
        }
        for (alternate, path) in alternates {
            self.out.extend_from_slice(b"<xhtml:link rel=\"alternate\" hreflang=\"");
            self.out.extend_from_slice(escaped(alternate).as_bytes());
            self.out.extend_from_slice(b"\" href=\"");
            self.push_url(alternate, path);
            self.out.extend_from_slice(b"\"/>");
        }
        self.out.extend_from_slice(b"</url>");
        Ok(())
    }

    /// One `<url>` of a page or release, with its translations when it has more than one.
    fn entry(&mut self, entry: &portico_store::SitemapEntry) -> Result<()> {
        let prefix = entry.kind.path_prefix();
        let alternates = entry.alternates.iter().filter(|_| entry.alternates.len() > 1);
        self.url(
            &entry.language,
            (prefix, &entry.slug),
            Some(entry.updated_at),
            alternates.map(|(lang, slug)| (lang.as_str(), (prefix, slug.as_str()))),
        )
    }

    fn finish(mut self) -> Vec<u8> {
        self.out.extend_from_slice(b"</urlset>");
        self.out
    }
}

/// Text as XML carries it, in an element or an attribute: without the characters XML
/// forbids, with its markup characters escaped.
///
/// Language codes and slugs are nearly always plain ASCII letters, digits and dashes, which
/// need no change: telling so from their bytes first spares the two scans a character at a
/// time, which took a tenth of a sitemap part's time.
fn escaped(text: &str) -> std::borrow::Cow<'_, str> {
    if is_plain(text.as_bytes()) {
        return std::borrow::Cow::Borrowed(text);
    }
    match xml_text(text) {
        std::borrow::Cow::Borrowed(text) => quick_xml::escape::escape(text),
        std::borrow::Cow::Owned(text) => {
            std::borrow::Cow::Owned(quick_xml::escape::escape(text).into_owned())
        }
    }
}

/// Whether every byte is an ASCII letter or digit or one of `-_./:`. Read in chunks without
/// an early exit, which the compiler vectorizes: asked byte by byte, with a branch for each,
/// this was still a tenth of a sitemap part's time.
fn is_plain(bytes: &[u8]) -> bool {
    let plain = |b: u8| {
        b.is_ascii_lowercase()
            | b.is_ascii_uppercase()
            | b.is_ascii_digit()
            | (b == b'-')
            | (b == b'_')
            | (b == b'.')
            | (b == b'/')
            | (b == b':')
    };
    bytes.chunks(32).all(|chunk| chunk.iter().fold(true, |all, &b| all & plain(b)))
}

/// The sitemap of the site `scope` names, with absolute URLs under its origin and base.
///
/// With `part` `None`: the URL set, or — when the site has more than `max_urls` URLs — an
/// index of the parts `/sitemap-1.xml` … With `Some(n)`: the `n`th part (part 1 is the whole
/// set when it is small). `None` when there is no such part. Each language's home and news
/// list come first, then every published page, then every published release by document,
/// each with the `hreflang` alternates of its translations. In a large sitemap part 1 holds
/// the home pages, lists and pages, and part `w + 2` the releases of window `w` of document
/// ids (see `Store::sitemap_windows`; the index lists the windows that have any): every part
/// is read by index and bounded by its own size, never by the archive's.
pub async fn sitemap_xml(
    store: &Store,
    scope: &Scope,
    part: Option<u32>,
    max_urls: u32,
) -> Result<Option<Vec<u8>>> {
    let site = &scope.site;
    let max = u64::from(max_urls.max(1));
    let languages = &site.languages;
    let releases = u64::try_from(store.own_release_count(site.id, languages).await?).unwrap_or(0);
    // A part of releases of a site whose releases alone are too many for one file needs
    // nothing of the first part's: it is read at the cost of its own window.
    let releases_only = releases > max && part.is_some_and(|n| n > 1);
    let mut statics: Vec<String> = Vec::new();
    let mut pages = Vec::new();
    if !releases_only {
        // The home pages, the news lists, and the pages of the goals the site published for
        // (in any of its languages: a goal's page exists in each).
        statics = vec![String::new(), "news".to_owned(), "vacancies".to_owned(), "publications".to_owned()];
        let mut goals = std::collections::BTreeSet::new();
        for language in languages {
            goals.extend(store.goal_counts(site.id, language).await?.into_iter().map(|count| count.goal));
        }
        statics.extend(
            goals.into_iter().filter_map(portico_content::sdg::Goal::by_number).map(|goal| goal.path()),
        );
        pages = store.sitemap_pages(site.id, languages).await?;
        // The vacancies still findable: bounded by those posted in the last year or two.
        pages.extend(store.sitemap_vacancies(site.id, languages).await?);
        // The library: bounded by the site's publications, a few thousand at most.
        pages.extend(store.sitemap_publications(site.id, languages).await?);
    }
    let first_part = (statics.len() * languages.len() + pages.len()) as u64;
    let large = releases_only || first_part + releases > max;

    let mut writer = Writer::new(Vec::new());
    xml_declaration(&mut writer).map_err(xml_failed)?;
    // Part 1 holds the home pages, lists and pages; part `w + 2` the releases of window `w`
    // of document ids, so that a part is found without reading the others' counts and keeps
    // its number while windows before it fill or empty.
    let Some(part) = part.or((!large).then_some(1)) else {
        let windows = store.sitemap_windows(site.id, languages).await?;
        writer
            .create_element("sitemapindex")
            .with_attribute(("xmlns", SITEMAP_NS))
            .write_inner_content(|w| {
                let numbers =
                    std::iter::once(1).chain(windows.iter().map(|(window, _)| window.saturating_add(2)));
                for n in numbers {
                    let loc = format!("{}{}/sitemap-{n}.xml", scope.origin, scope.base);
                    w.create_element("sitemap").write_inner_content(|w| text_element(w, "loc", &loc))?;
                }
                Ok(())
            })
            .map_err(xml_failed)?;
        return Ok(Some(writer.into_inner()));
    };
    let windows_here: Vec<i64> = match part {
        0 => return Ok(None),
        1 if large => Vec::new(),
        1 => store.sitemap_windows(site.id, languages).await?.into_iter().map(|(window, _)| window).collect(),
        _ if !large => return Ok(None),
        n => vec![i64::from(n) - 2],
    };

    let mut urlset = Urlset::new(&scope.origin, &scope.base);
    if part == 1 {
        let changed = store.lists_changed_at(site.id, languages).await?;
        for path in &statics {
            for lang in languages {
                let lastmod = changed.iter().find(|(l, _)| l == lang).map(|(_, at)| *at);
                let alternates = languages.iter().filter(|_| languages.len() > 1);
                urlset.url(
                    lang,
                    ("", path),
                    lastmod,
                    alternates.map(|l| (l.as_str(), ("", path.as_str()))),
                )?;
            }
        }
        for entry in &pages {
            urlset.entry(entry)?;
        }
    }
    for window in windows_here {
        let entries = store.sitemap_window(site.id, languages, window).await?;
        // About what a release's URL takes with a translation or two, so the part is
        // written without copying itself as it grows.
        urlset.out.reserve(entries.len() * 384);
        for entry in &entries {
            urlset.entry(entry)?;
        }
    }
    if part > 1 && urlset.urls == 0 {
        return Ok(None);
    }
    Ok(Some(urlset.finish()))
}

fn xml_response(headers: &HeaderMap, body: Vec<u8>) -> Response {
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
    Ok(xml_response(&headers, body))
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
    Ok(xml_response(&headers, body))
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

/// A release page's link-preview tags and schema.org data.
#[derive(Debug, Serialize)]
pub struct ArticleMeta {
    /// OpenGraph and Twitter card tags.
    meta: Vec<MetaTag>,
    /// The `NewsArticle` as JSON, safe to put inside `<script>`: no `<` in it.
    json_ld: String,
}

/// An image's best rendition for link previews and its size in pixels: the widest in the
/// original's format, else the widest of any, else the original. Renditions are named by their
/// width and keep the original's proportions, so the size is that of the file referenced.
fn preview_image(media: &portico_store::Media) -> (String, u32, u32) {
    let extension = crate::http::media_extension(&media.mime);
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

/// The link-preview tags of a vacancy's page, and its `JobPosting` while it is open: search
/// engines list a job posting only until it closes, and ask that a closed one carry none.
pub fn job_posting_meta(
    ctx: &Ctx,
    item: &portico_store::PublishedVacancy,
    canonical: &str,
    open: bool,
) -> Result<ArticleMeta> {
    let vacancy = &item.vacancy;
    let mut meta = crate::head::page_meta(ctx, &item.title, &item.summary);
    meta.push(MetaTag { attr: "property", key: "og:url", content: canonical.to_owned() });
    if !open {
        return Ok(ArticleMeta { meta, json_ld: String::new() });
    }
    let site_name = ctx.site.name_in(&ctx.lang).to_owned();
    let description = if item.body_html.trim().is_empty() {
        description_or_default(ctx, &item.summary)
    } else {
        item.body_html.clone()
    };
    let posting = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": item.title,
        "description": description,
        "identifier": {
            "@type": "PropertyValue",
            "name": site_name,
            "value": vacancy.reference,
        },
        "datePosted": rfc3339(vacancy.opens_at)?,
        "validThrough": rfc3339(vacancy.closes_at)?,
        "employmentType": vacancy.contract.employment_type(),
        "hiringOrganization": {
            "@type": "Organization",
            "name": site_name,
            "sameAs": ctx.absolute(&ctx.url("")),
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": vacancy.duty_city,
                "addressCountry": vacancy.duty_country,
            },
        },
        "inLanguage": item.language,
        "url": canonical,
        "directApply": false,
    });
    Ok(ArticleMeta { meta, json_ld: script_safe_json(&posting)? })
}

/// The link-preview tags of a publication's page and its structured data: a `Book` (with its
/// ISBN), a `ScholarlyArticle` or a `Report`, with its series, its cover and this version's
/// PDF (absolute address, bytes, pages).
pub fn publication_meta(
    ctx: &Ctx,
    item: &portico_store::PublishedPublication,
    canonical: &str,
    cover: Option<String>,
    file: Option<(String, i64, i32)>,
) -> Result<ArticleMeta> {
    use portico_content::publication::Form;
    let p = &item.publication;
    let mut meta = crate::head::page_meta(ctx, &item.title, &item.summary);
    meta.push(MetaTag { attr: "property", key: "og:url", content: canonical.to_owned() });
    let site_name = ctx.site.name_in(&ctx.lang).to_owned();
    let kind = match p.form {
        Form::Book => "Book",
        Form::Paper => "ScholarlyArticle",
        Form::Report if !p.isbn.is_empty() => "Book",
        Form::Report => "Report",
    };
    // Personal names are separated by semicolons; anything else is the issuing office.
    let authors: Vec<serde_json::Value> = if p.authors.contains(';') {
        p.authors
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| serde_json::json!({ "@type": "Person", "name": a }))
            .collect()
    } else {
        vec![serde_json::json!({ "@type": "Organization", "name": p.authors })]
    };
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": kind,
        "name": item.title,
        "headline": item.title,
        "description": description_or_default(ctx, &item.summary),
        "datePublished": p.year.to_string(),
        "inLanguage": item.language,
        "author": authors,
        "publisher": { "@type": "Organization", "name": site_name, "url": ctx.absolute(&ctx.url("")) },
        "url": canonical,
    });
    let fields = data.as_object_mut().ok_or_else(|| WebError::Internal("JSON-LD object".into()))?;
    if !p.isbn.is_empty() {
        fields.insert("isbn".into(), p.isbn.clone().into());
    }
    if !p.series.is_empty() || !p.issn.is_empty() {
        let mut series = serde_json::json!({ "@type": "CreativeWorkSeries", "name": p.series });
        if !p.issn.is_empty() {
            series["issn"] = p.issn.clone().into();
        }
        fields.insert("isPartOf".into(), series);
    }
    if let Some(cover) = cover {
        meta.push(MetaTag { attr: "property", key: "og:image", content: cover.clone() });
        fields.insert("image".into(), cover.into());
    }
    if let Some((url, bytes, pages)) = file {
        if pages > 0 && kind == "Book" {
            fields.insert("numberOfPages".into(), pages.into());
        }
        fields.insert(
            "associatedMedia".into(),
            serde_json::json!({
                "@type": "MediaObject", "contentUrl": url, "encodingFormat": "application/pdf",
                "contentSize": format!("{bytes} B"),
            }),
        );
    }
    Ok(ArticleMeta { meta, json_ld: script_safe_json(&data)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_text_is_escaped_unless_plain() {
        let plain = "https://news.example.org/en/news/a-b_c.2024";
        assert!(matches!(escaped(plain), std::borrow::Cow::Borrowed(text) if text == plain));
        for byte in 0..=255u8 {
            let expected = byte.is_ascii_alphanumeric() || b"-_./:".contains(&byte);
            // The byte alone, and at every place of a text longer than a chunk.
            assert_eq!(is_plain(&[byte]), expected, "{byte:#x}");
            for at in [0, 31, 32, 40] {
                let mut text = vec![b'a'; 41];
                text[at] = byte;
                assert_eq!(is_plain(&text), expected, "{byte:#x} at {at}");
            }
        }
        assert_eq!(escaped("r&d <\"x\"> 'y'"), "r&amp;d &lt;&quot;x&quot;&gt; &apos;y&apos;");
        assert_eq!(escaped("a\u{1}b\u{fffe}c"), "abc", "characters XML forbids are dropped");
        assert_eq!(escaped("café/où"), "café/où", "other text passes as it is");
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let value = serde_json::json!({ "headline": "</script><script>alert(1)</script> & <!--" });
        let text = script_safe_json(&value).expect("serializes");
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, value);
    }
}
