//! The news feeds: Atom 1.0 at `/{lang}/news.atom` and RSS 2.0 at `/{lang}/news.rss`, the
//! newest releases of the site in one language, taking the news list's filters; and the
//! `<link rel="alternate">` tags that announce them in every page's head.
//!
//! A feed is the news list in another format: it reads the same store query and never
//! shows what the list would not.

use std::io;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use portico_store::{FeedRelease, ReleaseSummary, Site};
use quick_xml::Writer;
use quick_xml::events::BytesText;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc2822;

use crate::ctx::{Ctx, site_url};
use crate::head::{Format, feed_url};
use crate::http::{BodyMeta, respond};
use crate::news_query::NewsQuery;
use crate::xml::{rfc3339, text_element, xml_declaration, xml_failed, xml_text};
use crate::{App, Scope, WebError};

/// Releases in a feed, each with its whole body: as many as a reader polling every few hours
/// misses on the busiest day (WordPress sends 10). Each one costs its body's bytes on every
/// uncached render, so not more.
pub const FEED_SIZE: u32 = 20;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

type Result<T, E = WebError> = std::result::Result<T, E>;

/// The authority of our `tag:` URIs: the site's first host name, else the host the request
/// came to (without its port), so that entry ids do not change with the port or scheme.
pub(crate) fn tag_authority(site: &Site, origin: &str) -> String {
    site.hosts.first().cloned().unwrap_or_else(|| {
        let host = origin.split_once("://").map_or(origin, |(_, host)| host);
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name.to_owned(),
            _ => host.to_owned(),
        }
    })
}

/// The stable id of a release's variant in a feed (RFC 4151): the document's id, its
/// language, and its creation date — none of which an edit changes.
fn entry_id(authority: &str, release: &FeedRelease, lang: &str) -> String {
    let created = release.created_at.to_offset(time::UtcOffset::UTC).date();
    format!(
        "tag:{authority},{:04}-{:02}-{:02}:release/{}/{lang}",
        created.year(),
        u8::from(created.month()),
        created.day(),
        release.summary.id
    )
}

/// The absolute URL of a release in a feed: on this site, or on the site that published it
/// when a country site's feed carries a global release.
fn release_url(ctx: &Ctx, sites: &[std::sync::Arc<Site>], release: &ReleaseSummary) -> String {
    let path = format!("news/{}", release.slug);
    let other = (release.site_id != ctx.site.id).then(|| sites.iter().find(|s| s.id == release.site_id));
    match other.flatten() {
        Some(site) => {
            let url = site_url(ctx, site, &path);
            if url.starts_with('/') { ctx.absolute(&url) } else { url }
        }
        None => ctx.absolute(&ctx.url(&path)),
    }
}

/// A category of an entry: a theme or a country.
pub(crate) struct Category {
    pub(crate) term: String,
    pub(crate) label: String,
    pub(crate) scheme: String,
}

/// An entry, shaped for both formats.
pub(crate) struct Entry {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) summary: String,
    pub(crate) content_html: String,
    pub(crate) published: OffsetDateTime,
    pub(crate) updated: OffsetDateTime,
    pub(crate) categories: Vec<Category>,
}

/// A feed, shaped for both formats.
pub(crate) struct Feed {
    pub(crate) lang: String,
    pub(crate) title: String,
    pub(crate) subtitle: String,
    pub(crate) self_url: String,
    pub(crate) html_url: String,
    pub(crate) author: String,
    pub(crate) author_url: String,
    pub(crate) updated: OffsetDateTime,
    pub(crate) entries: Vec<Entry>,
}

/// `GET /{lang}/news.atom`.
pub async fn atom(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    feed(&app, &headers, &scope, &lang, query, Format::Atom).await
}

/// `GET /{lang}/news.rss`.
pub async fn rss(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    feed(&app, &headers, &scope, &lang, query, Format::Rss).await
}

async fn feed(
    app: &App,
    headers: &HeaderMap,
    scope: &Scope,
    lang: &str,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    format: Format,
) -> Result<Response> {
    let ctx = app.ctx(scope, lang)?;
    let Query(pairs) = query.map_err(|_| WebError::BadRequest(ctx.t("bad-query")))?;
    let q = NewsQuery::parse(app, &ctx, &pairs).await?;
    let filter = q.filter();
    let releases = app.store().feed_releases(ctx.site.id, &ctx.lang, &filter, FEED_SIZE).await?;
    let sites = app.sites();
    let list_url = q.url(&ctx, None, 1);
    let filters = list_url.split_once('?').map(|(_, query)| query);
    let label = q.label(&ctx);
    let site_name = ctx.site.name_in(&ctx.lang).to_owned();
    let authority = tag_authority(&ctx.site, &ctx.origin);
    let countries_url = ctx.absolute(&ctx.url("where-we-work/"));
    let themes_url = ctx.absolute(&format!("{}?theme=", ctx.url("news")));
    let known_themes = app.themes().await?;
    let entries: Vec<Entry> = releases
        .into_iter()
        .map(|release| {
            let summary = &release.summary;
            // The themes the server holds, kept up to date on write; one created a moment
            // ago may not be among them yet, and is left out until it is.
            let themes =
                release.theme_ids.iter().filter_map(|id| known_themes.iter().find(|k| k.id == *id)).map(
                    |theme| Category {
                        term: theme.slug.clone(),
                        label: theme.name_in(&ctx.lang).to_owned(),
                        scheme: themes_url.clone(),
                    },
                );
            let countries = summary.countries.iter().map(|code| Category {
                term: code.to_ascii_lowercase(),
                label: ctx.country_name(code),
                scheme: countries_url.clone(),
            });
            Entry {
                id: entry_id(&authority, &release, &ctx.lang),
                url: release_url(&ctx, &sites, summary),
                title: summary.title.clone(),
                summary: summary.summary.clone(),
                content_html: release.body_html,
                published: summary.published_at,
                // A release scheduled ahead was saved before it went out: it is new when it
                // goes out.
                updated: release.updated_at.max(summary.published_at),
                categories: themes.chain(countries).collect(),
            }
        })
        .collect();
    let feed = Feed {
        lang: ctx.lang.clone(),
        title: match &label {
            Some(label) => format!("{site_name} – {}", ctx.t1("feed-label", "filters", label.clone())),
            None => format!("{site_name} – {}", ctx.t("nav-news")),
        },
        subtitle: ctx.t1("feed-subtitle", "site", site_name.clone()),
        self_url: feed_url(&ctx, format, filters),
        html_url: ctx.absolute(&list_url),
        author: site_name.clone(),
        author_url: ctx.absolute(&ctx.url("")),
        // An empty feed has nothing to date it by; a fixed time keeps its ETag stable.
        updated: entries.iter().map(|e| e.updated).max().unwrap_or(OffsetDateTime::UNIX_EPOCH),
        entries,
    };
    let body = match format {
        Format::Atom => atom_xml(&feed)?,
        Format::Rss => rss_xml(&feed)?,
    };
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type: format.content_type(),
        language: Some(&ctx.lang),
        cache_control: "public, max-age=300, s-maxage=300, stale-while-revalidate=600",
    };
    let mut response = respond(headers, meta, body);
    if let Some(shows) = q.shows(ctx.site.id) {
        response.extensions_mut().insert(shows);
    }
    Ok(response)
}

/// Room for a feed's XML: its bodies, once escaped, are most of it. A writer that grew by
/// doubling instead would copy a feed's hundred kilobytes over again.
fn feed_capacity(feed: &Feed) -> usize {
    feed.entries
        .iter()
        .map(|e| e.content_html.len() + e.content_html.len() / 8 + e.summary.len() + 2048)
        .sum::<usize>()
        + 4096
}

/// The feed as Atom 1.0 (RFC 4287).
pub(crate) fn atom_xml(feed: &Feed) -> Result<Vec<u8>> {
    let updated = rfc3339(feed.updated)?;
    let dates: Vec<(String, String)> = feed
        .entries
        .iter()
        .map(|e| Ok((rfc3339(e.published)?, rfc3339(e.updated)?)))
        .collect::<Result<_>>()?;
    let author = |w: &mut Writer<Vec<u8>>| -> io::Result<()> {
        w.create_element("author").write_inner_content(|w| {
            text_element(w, "name", &feed.author)?;
            text_element(w, "uri", &feed.author_url)
        })?;
        Ok(())
    };
    let mut writer = Writer::new(Vec::with_capacity(feed_capacity(feed)));
    xml_declaration(&mut writer).map_err(xml_failed)?;
    writer
        .create_element("feed")
        .with_attribute(("xmlns", ATOM_NS))
        .with_attribute(("xml:lang", feed.lang.as_str()))
        .write_inner_content(|w| {
            text_element(w, "id", &feed.self_url)?;
            text_element(w, "title", &feed.title)?;
            text_element(w, "subtitle", &feed.subtitle)?;
            text_element(w, "updated", &updated)?;
            w.create_element("link")
                .with_attribute(("rel", "self"))
                .with_attribute(("type", Format::Atom.mime()))
                .with_attribute(("href", feed.self_url.as_str()))
                .write_empty()?;
            w.create_element("link")
                .with_attribute(("rel", "alternate"))
                .with_attribute(("type", "text/html"))
                .with_attribute(("href", feed.html_url.as_str()))
                .write_empty()?;
            author(w)?;
            text_element(w, "generator", "Portico")?;
            for (entry, (published, updated)) in feed.entries.iter().zip(&dates) {
                w.create_element("entry").write_inner_content(|w| {
                    text_element(w, "id", &entry.id)?;
                    w.create_element("title")
                        .with_attribute(("type", "text"))
                        .write_text_content(BytesText::new(&xml_text(&entry.title)))?;
                    w.create_element("link")
                        .with_attribute(("rel", "alternate"))
                        .with_attribute(("type", "text/html"))
                        .with_attribute(("href", entry.url.as_str()))
                        .write_empty()?;
                    text_element(w, "published", published)?;
                    text_element(w, "updated", updated)?;
                    author(w)?;
                    for category in &entry.categories {
                        w.create_element("category")
                            .with_attribute(("term", category.term.as_str()))
                            .with_attribute(("label", xml_text(&category.label).as_ref()))
                            .with_attribute(("scheme", category.scheme.as_str()))
                            .write_empty()?;
                    }
                    if !entry.summary.is_empty() {
                        w.create_element("summary")
                            .with_attribute(("type", "text"))
                            .write_text_content(BytesText::new(&xml_text(&entry.summary)))?;
                    }
                    // The sanitized HTML, escaped as text: what `type="html"` means.
                    if !entry.content_html.is_empty() {
                        w.create_element("content")
                            .with_attribute(("type", "html"))
                            .write_text_content(BytesText::new(&xml_text(&entry.content_html)))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })
        .map_err(xml_failed)?;
    Ok(writer.into_inner())
}

/// A time as RFC 2822 in UTC ("Fri, 21 Aug 2015 09:00:00 +0000"), as RSS wants it.
fn rfc2822(at: OffsetDateTime) -> Result<String> {
    at.to_offset(time::UtcOffset::UTC)
        .format(&Rfc2822)
        .map_err(|e| WebError::Internal(format!("cannot format {at}: {e}")))
}

/// The feed as RSS 2.0, with `atom:link rel="self"`, the full body in `content:encoded`
/// and the organization as `dc:creator` (RSS's own `author` must be an email address).
pub(crate) fn rss_xml(feed: &Feed) -> Result<Vec<u8>> {
    let updated = rfc2822(feed.updated)?;
    let dates: Vec<String> = feed.entries.iter().map(|e| rfc2822(e.published)).collect::<Result<_>>()?;
    let mut writer = Writer::new(Vec::with_capacity(feed_capacity(feed)));
    xml_declaration(&mut writer).map_err(xml_failed)?;
    writer
        .create_element("rss")
        .with_attribute(("version", "2.0"))
        .with_attribute(("xmlns:atom", ATOM_NS))
        .with_attribute(("xmlns:content", CONTENT_NS))
        .with_attribute(("xmlns:dc", DC_NS))
        .write_inner_content(|w| {
            w.create_element("channel").write_inner_content(|w| {
                text_element(w, "title", &feed.title)?;
                text_element(w, "link", &feed.html_url)?;
                text_element(w, "description", &feed.subtitle)?;
                text_element(w, "language", &feed.lang)?;
                w.create_element("atom:link")
                    .with_attribute(("href", feed.self_url.as_str()))
                    .with_attribute(("rel", "self"))
                    .with_attribute(("type", Format::Rss.mime()))
                    .write_empty()?;
                text_element(w, "lastBuildDate", &updated)?;
                text_element(w, "generator", "Portico")?;
                text_element(w, "dc:publisher", &feed.author)?;
                for (entry, published) in feed.entries.iter().zip(&dates) {
                    w.create_element("item").write_inner_content(|w| {
                        text_element(w, "title", &entry.title)?;
                        text_element(w, "link", &entry.url)?;
                        w.create_element("guid")
                            .with_attribute(("isPermaLink", "false"))
                            .write_text_content(BytesText::new(&entry.id))?;
                        text_element(w, "pubDate", published)?;
                        text_element(w, "dc:creator", &feed.author)?;
                        for category in &entry.categories {
                            w.create_element("category")
                                .with_attribute(("domain", category.scheme.as_str()))
                                .write_text_content(BytesText::new(&xml_text(&category.label)))?;
                        }
                        text_element(w, "description", &entry.summary)?;
                        if !entry.content_html.is_empty() {
                            text_element(w, "content:encoded", &entry.content_html)?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
            Ok(())
        })
        .map_err(xml_failed)?;
    Ok(writer.into_inner())
}
