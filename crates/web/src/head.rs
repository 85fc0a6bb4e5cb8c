//! What a page's `<head>` announces besides its title: the meta description, the OpenGraph and
//! Twitter card tags with their share image, and the feeds of the news list. Shared by every
//! page's [`crate::views::Layout`] and the release page's richer data in [`crate::seo`].

use serde::Serialize;

use crate::ctx::Ctx;

/// The link-preview image of pages and releases that have none of their own.
pub const SHARE_IMAGE: &[u8] = include_bytes!("../../../themes/default/static/share.png");
/// Where [`SHARE_IMAGE`] is served, and its size in pixels.
pub const SHARE_IMAGE_PATH: &str = "/assets/share.png";
/// [`SHARE_IMAGE`]'s width and height.
pub const SHARE_IMAGE_SIZE: (u32, u32) = (1200, 630);

/// The page's own summary, or a sentence about the site when it has none.
pub fn description_or_default(ctx: &Ctx, description: &str) -> String {
    if description.trim().is_empty() {
        ctx.t1("site-description", "site", ctx.site.name_in(&ctx.lang).to_owned())
    } else {
        description.to_owned()
    }
}

/// One `<meta>` of a page's head: `attr="key" content="content"`.
#[derive(Debug, Serialize)]
pub struct MetaTag {
    pub(crate) attr: &'static str,
    pub(crate) key: &'static str,
    pub(crate) content: String,
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
    let (width, height) = SHARE_IMAGE_SIZE;
    PreviewImage {
        url: ctx.absolute(SHARE_IMAGE_PATH),
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
pub(crate) fn og_locale(lang: &str) -> String {
    match lang {
        "en" => "en_US".to_owned(),
        "fr" => "fr_FR".to_owned(),
        "es" => "es_ES".to_owned(),
        "de" => "de_DE".to_owned(),
        "ar" => "ar_AR".to_owned(),
        other => other.replace('-', "_"),
    }
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

/// A feed announced in a page's head.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// `application/atom+xml` or `application/rss+xml`.
    pub mime: &'static str,
    /// What a feed reader lists it as.
    pub title: String,
    /// Its absolute URL.
    pub url: String,
}

/// The two formats we publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Atom 1.0.
    Atom,
    /// RSS 2.0.
    Rss,
}

impl Format {
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Atom => "atom",
            Format::Rss => "rss",
        }
    }

    pub(crate) fn mime(self) -> &'static str {
        match self {
            Format::Atom => "application/atom+xml",
            Format::Rss => "application/rss+xml",
        }
    }

    pub(crate) fn content_type(self) -> &'static str {
        match self {
            Format::Atom => "application/atom+xml; charset=utf-8",
            Format::Rss => "application/rss+xml; charset=utf-8",
        }
    }
}

/// The absolute URL of the feed of the news list in `ctx`'s language, filtered by `query`
/// (as the news list's query string: `country=sv&year=2015`).
pub(crate) fn feed_url(ctx: &Ctx, format: Format, query: Option<&str>) -> String {
    let path = ctx.url(&format!("news.{}", format.extension()));
    match query.filter(|q| !q.is_empty()) {
        Some(query) => ctx.absolute(&format!("{path}?{query}")),
        None => ctx.absolute(&path),
    }
}

/// The Atom and RSS links of the news feed in `ctx`'s language, filtered by `query` and
/// titled after `label` when given.
pub fn links(ctx: &Ctx, query: Option<&str>, label: Option<&str>) -> Vec<FeedLink> {
    let site = ctx.site.name_in(&ctx.lang);
    let title = match label {
        Some(label) => format!("{site} – {label}"),
        None => format!("{site} – {}", ctx.t("nav-news")),
    };
    [(Format::Atom, "Atom"), (Format::Rss, "RSS")]
        .into_iter()
        .map(|(format, name)| FeedLink {
            mime: format.mime(),
            title: format!("{title} ({name})"),
            url: feed_url(ctx, format, query),
        })
        .collect()
}
