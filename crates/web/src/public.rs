//! The public site: home, section pages, news list, releases, where we work.

use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use portico_content::is_valid_path;
use portico_store::{MenuItem, ReleaseFilter, Theme as TopicTheme};
use serde::Serialize;

use crate::http::{BodyMeta, respond};
use crate::views::{Crumb, Ctx, Layout, Link, ReleaseCard, country_link, iso_date, tel_uri};
use crate::{App, Scope, WebError};

/// Releases on one page of the news list.
const PER_PAGE: u32 = 20;

type Result<T, E = WebError> = std::result::Result<T, E>;

impl App {
    /// The context of a request for `lang`; a language the site does not publish in is a 404.
    pub(crate) fn ctx(&self, scope: &Scope, lang: &str) -> Result<Ctx> {
        if !scope.site.has_language(lang) {
            return Err(WebError::NotFound);
        }
        Ok(Ctx {
            site: scope.site.clone(),
            lang: lang.to_owned(),
            base: scope.base.clone(),
            origin: scope.origin.clone(),
            i18n: self.i18n(),
        })
    }

    /// Where a document missing in the page's language can be found instead: a redirect to
    /// its translation when one exists, else (when the site allows it) its default-language
    /// variant, shown with a notice. `None` means 404.
    async fn translation_elsewhere(
        &self,
        ctx: &Ctx,
        kind: portico_content::Kind,
        slug: &str,
    ) -> Result<Option<Elsewhere>> {
        let Some(document) = self.store().document_by_slug(ctx.site.id, kind, slug).await? else {
            return Ok(None);
        };
        let variants = self.store().published_translations(document).await?;
        let prefix = if kind == portico_content::Kind::Release { "news/" } else { "" };
        if let Some((_, own)) = variants.iter().find(|(l, _)| *l == ctx.lang) {
            return Ok(Some(Elsewhere::Redirect(ctx.url(&format!("{prefix}{own}")))));
        }
        let default = ctx.site.default_language();
        match variants.into_iter().find(|(l, _)| l == default) {
            Some((language, slug)) if ctx.site.fallback_to_default => {
                Ok(Some(Elsewhere::Fallback { language, slug }))
            }
            _ => Ok(None),
        }
    }

    /// Renders `template` as an HTML page for `ctx`.
    fn html(
        &self,
        headers: &HeaderMap,
        ctx: &Ctx,
        template: &str,
        context: minijinja::Value,
    ) -> Result<Response> {
        let body = self.theme().render(template, context)?;
        let meta = BodyMeta {
            status: StatusCode::OK,
            content_type: "text/html; charset=utf-8",
            language: Some(&ctx.lang),
            cache_control: "public, max-age=0, s-maxage=60, stale-while-revalidate=300",
        };
        Ok(respond(headers, meta, body.as_bytes()))
    }
}

/// A document found in another language than the page's.
enum Elsewhere {
    /// Its translation into the page's language lives at this URL.
    Redirect(String),
    /// Only the default language has it: show that variant with a notice.
    Fallback { language: String, slug: String },
}

/// The languages a document is published in, as (language, site-relative path).
async fn document_alternates(
    app: &App,
    document: portico_content::DocumentId,
    prefix: &str,
) -> Result<Vec<(String, String)>> {
    Ok(app
        .store()
        .published_translations(document)
        .await?
        .into_iter()
        .map(|(language, slug)| (language, format!("{prefix}{slug}")))
        .collect())
}

/// `GET /healthz`: 200 when the database answers.
pub async fn healthz(State(app): State<App>) -> Response {
    match app.store().ping().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// `GET /assets/style.css`: immutable for a year when asked by its current fingerprint.
pub async fn stylesheet(State(app): State<App>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let theme = app.theme();
    let fingerprinted = query.as_deref() == Some(&format!("v={}", theme.css_version));
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type: "text/css; charset=utf-8",
        language: None,
        cache_control: if fingerprinted {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=300"
        },
    };
    respond(&headers, meta, &theme.css)
}

/// `GET /assets/admin.css`.
pub async fn admin_stylesheet(
    State(app): State<App>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    static_asset(&headers, &app, query, "text/css; charset=utf-8", app.theme().admin_css().as_bytes())
}

/// `GET /assets/admin.js`.
pub async fn admin_script(State(app): State<App>, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    static_asset(
        &headers,
        &app,
        query,
        "text/javascript; charset=utf-8",
        crate::templates::ADMIN_JS.as_bytes(),
    )
}

/// The site icon, linked from every page.
pub const FAVICON_SVG: &[u8] = include_bytes!("../../../themes/default/static/favicon.svg");
/// The same icon for clients that ask for `/favicon.ico` without reading the page.
pub const FAVICON_ICO: &[u8] = include_bytes!("../../../themes/default/static/favicon.ico");
/// The link-preview image of pages and releases that have none of their own.
pub const SHARE_IMAGE: &[u8] = include_bytes!("../../../themes/default/static/share.png");
/// Where [`SHARE_IMAGE`] is served, and its size in pixels.
pub const SHARE_IMAGE_PATH: &str = "/assets/share.png";
/// [`SHARE_IMAGE`]'s width and height.
pub const SHARE_IMAGE_SIZE: (u32, u32) = (1200, 630);

/// A built-in file that changes only with a release of Portico: a day in caches.
fn built_in(headers: &HeaderMap, content_type: &'static str, body: &[u8]) -> Response {
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type,
        language: None,
        cache_control: "public, max-age=86400",
    };
    respond(headers, meta, body)
}

/// `GET /favicon.svg`.
pub async fn favicon_svg(headers: HeaderMap) -> Response {
    built_in(&headers, "image/svg+xml", FAVICON_SVG)
}

/// `GET /favicon.ico`.
pub async fn favicon_ico(headers: HeaderMap) -> Response {
    built_in(&headers, "image/x-icon", FAVICON_ICO)
}

/// `GET /assets/share.png`.
pub async fn share_image(headers: HeaderMap) -> Response {
    built_in(&headers, "image/png", SHARE_IMAGE)
}

fn static_asset(
    headers: &HeaderMap,
    app: &App,
    query: Option<String>,
    content_type: &'static str,
    body: &[u8],
) -> Response {
    let fingerprinted = query.as_deref() == Some(&format!("v={}", app.theme().admin_css_version));
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type,
        language: None,
        cache_control: if fingerprinted {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=300"
        },
    };
    respond(headers, meta, body)
}

/// Who may fetch a media file, and so how it may be cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MediaAudience {
    /// Anyone: something published uses it, or an editor made it public. Cached for a year
    /// (a media item's files never change; new uploads get new ids).
    Everyone,
    /// Only signed-in users who may see its site's drafts; never stored by a cache.
    SignedIn,
}

/// `GET /media/{id}-{token}/{file}`: an original or a rendition.
///
/// An item nothing published uses is private: the signed-in users of its site get it, anyone
/// else a 404 (never a 403, which would say it exists). The old `/media/{id}/{file}` address,
/// without the token, still serves public items.
pub async fn media_file(
    State(app): State<App>,
    headers: HeaderMap,
    viewer: std::result::Result<crate::admin::auth::Signed, WebError>,
    Path((key, file)): Path<(String, String)>,
) -> Result<Response> {
    let (stem, extension) = file.split_once('.').ok_or(WebError::NotFound)?;
    let content_type = match extension {
        "jpg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => return Err(WebError::NotFound),
    };
    if !(stem == "original"
        || (!stem.is_empty() && stem.len() <= 5 && stem.bytes().all(|b| b.is_ascii_digit())))
    {
        return Err(WebError::NotFound);
    }
    let (id, token) = match key.split_once('-') {
        Some((id, token)) => (id, Some(token)),
        None => (key.as_str(), None),
    };
    let id = id.parse::<i64>().map_err(|_| WebError::NotFound)?;
    let media = app.store().media(portico_content::MediaId(id)).await?.ok_or(WebError::NotFound)?;
    if token.is_some_and(|token| !crate::admin::auth::same_secret(token, &media.token)) {
        return Err(WebError::NotFound);
    }
    let may_see_drafts = viewer.is_ok_and(|user| user.may(portico_content::Action::ViewDrafts, media.site));
    // Reading published bodies costs a scan: only for a request that knows the token, so that
    // guessing ids stays cheap for us. Staff need no answer at all.
    let audience = if may_see_drafts {
        MediaAudience::SignedIn
    } else if app.store().media_is_public(&media, token.is_some()).await? {
        MediaAudience::Everyone
    } else {
        return Err(WebError::NotFound);
    };
    let bytes = app.media().read(media.id.0, &file).await?;
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type,
        language: None,
        cache_control: match audience {
            MediaAudience::Everyone => "public, max-age=31536000, immutable",
            MediaAudience::SignedIn => "private, no-store",
        },
    };
    let mut response = respond(&headers, meta, &bytes);
    if extension == "pdf" {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, axum::http::HeaderValue::from_static("inline"));
    }
    Ok(response)
}

/// `GET /`: to the site's default language.
pub async fn root(scope: Scope) -> Redirect {
    Redirect::to(&format!("{}/{}/", scope.base, scope.site.default_language()))
}

/// `GET /{lang}`: to `/{lang}/`.
pub async fn language_root(
    State(app): State<App>,
    scope: Scope,
    Path(lang): Path<String>,
) -> Result<Redirect> {
    let ctx = app.ctx(&scope, &lang)?;
    Ok(Redirect::permanent(&ctx.url("")))
}

/// Any other address.
pub async fn not_found() -> WebError {
    WebError::NotFound
}

#[derive(Serialize)]
struct Teaser {
    url: String,
    title: String,
    summary: String,
}

/// `GET /{lang}/`: latest releases and the sections of the site.
pub async fn home(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let store = app.store();
    let menu = store.menu(ctx.site.id, &ctx.lang).await?;
    let filter = ReleaseFilter::default();
    let latest = store.published_releases(ctx.site.id, &ctx.lang, &filter, 1, 6).await?;
    let pages = store.published_page_teasers(ctx.site.id, &ctx.lang).await?;
    let teaser = |path: &str, label: &str| {
        pages.iter().find(|p| p.path == path).map(|p| Teaser {
            url: ctx.url(path),
            title: if label.is_empty() { p.title.clone() } else { label.to_owned() },
            summary: p.summary.clone(),
        })
    };
    let sections: Vec<Teaser> = menu.iter().filter_map(|item| teaser(&item.path, &item.label)).collect();
    let intro = menu.first().and_then(|item| teaser(&item.path, &item.label));
    let description = intro.as_ref().map(|i| i.summary.clone()).unwrap_or_default();
    let layout = Layout::new(&app, &ctx, &menu, "", &description, "").everywhere(&ctx, "");
    let sites = app.sites();
    let latest: Vec<ReleaseCard> = latest.items.iter().map(|r| ReleaseCard::new(&ctx, r, &sites)).collect();
    app.html(
        &headers,
        &ctx,
        "home.html",
        context! { layout, intro, latest, sections, news_url => ctx.url("news") },
    )
}

/// The menu entry at `path`, searching the whole tree.
fn find_menu_item<'a>(items: &'a [MenuItem], path: &str) -> Option<&'a MenuItem> {
    items.iter().find_map(
        |item| {
            if item.path == path { Some(item) } else { find_menu_item(&item.children, path) }
        },
    )
}

/// Breadcrumbs for each ancestor path of `path` (not `path` itself), labelled from the menu
/// or, failing that, the page titles.
fn ancestor_crumbs(
    ctx: &Ctx,
    menu: &[MenuItem],
    pages: &[portico_store::PageTeaser],
    path: &str,
) -> Vec<Crumb> {
    let mut crumbs = Vec::new();
    let mut prefix = String::new();
    let segments: Vec<&str> = path.split('/').collect();
    for segment in &segments[..segments.len().saturating_sub(1)] {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(segment);
        let label = find_menu_item(menu, &prefix)
            .map(|m| m.label.clone())
            .or_else(|| pages.iter().find(|p| p.path == prefix).map(|p| p.title.clone()));
        if let Some(label) = label {
            crumbs.push(Crumb { label, url: ctx.url(&prefix) });
        }
    }
    crumbs
}

/// `GET /{lang}/{*path}`: a section page.
pub async fn page(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path((lang, path)): Path<(String, String)>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let path = path.trim_end_matches('/');
    if !is_valid_path(path) {
        return Err(WebError::NotFound);
    }
    let store = app.store();
    let (page, shown_in) = match store.published_page(ctx.site.id, &ctx.lang, path).await? {
        Some(page) => (page, None),
        None => match app.translation_elsewhere(&ctx, portico_content::Kind::Page, path).await? {
            Some(Elsewhere::Redirect(url)) => return Ok(Redirect::to(&url).into_response()),
            Some(Elsewhere::Fallback { language, slug }) => {
                let page =
                    store.published_page(ctx.site.id, &language, &slug).await?.ok_or(WebError::NotFound)?;
                (page, Some(language))
            }
            None => return Err(WebError::NotFound),
        },
    };
    let menu = store.menu(ctx.site.id, &ctx.lang).await?;
    let pages = store.published_page_teasers(ctx.site.id, &ctx.lang).await?;
    let children: Vec<Teaser> = find_menu_item(&menu, path)
        .map(|item| {
            item.children
                .iter()
                .map(|child| Teaser {
                    url: ctx.url(&child.path),
                    title: child.label.clone(),
                    summary: pages
                        .iter()
                        .find(|p| p.path == child.path)
                        .map(|p| p.summary.clone())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut trail = ancestor_crumbs(&ctx, &menu, &pages, path);
    trail.push(Crumb { label: page.title.clone(), url: ctx.url(path) });
    let alternates = document_alternates(&app, page.id, "").await?;
    let mut layout = Layout::new(&app, &ctx, &menu, &page.title, &page.summary, path)
        .with_breadcrumbs(&ctx, trail)
        .with_alternates(&ctx, &alternates);
    if let Some(language) = &shown_in {
        layout = layout.shown_in(&ctx, language);
    }
    app.html(&headers, &ctx, "page.html", context! { layout, page, children })
}

/// The validated filters of a news-list request.
pub(crate) struct NewsQuery {
    pub(crate) country: Option<&'static portico_geo::Country>,
    pub(crate) theme: Option<TopicTheme>,
    pub(crate) year: Option<i32>,
    pub(crate) page: u32,
}

impl NewsQuery {
    /// Reads the filters of `pairs`; what cannot be read is a 400 saying why, in the page's
    /// language.
    pub(crate) async fn parse(app: &App, ctx: &Ctx, pairs: &[(String, String)]) -> Result<NewsQuery> {
        let mut query = NewsQuery { country: None, theme: None, year: None, page: 1 };
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue; // An empty select means "all".
            }
            match key.as_str() {
                "country" => {
                    let country = portico_geo::country(value).ok_or_else(|| {
                        WebError::BadRequest(ctx.t1("bad-country", "value", shorten(value)))
                    })?;
                    query.country = Some(country);
                }
                "theme" => {
                    let theme = if portico_content::is_valid_slug(value) {
                        app.store().theme_by_slug(value).await?
                    } else {
                        None
                    };
                    query.theme =
                        Some(theme.ok_or_else(|| {
                            WebError::BadRequest(ctx.t1("bad-theme", "value", shorten(value)))
                        })?);
                }
                "year" => {
                    let year = value.parse::<i32>().ok().filter(|y| (1900..=9999).contains(y));
                    query.year =
                        Some(year.ok_or_else(|| {
                            WebError::BadRequest(ctx.t1("bad-year", "value", shorten(value)))
                        })?);
                }
                "page" => {
                    let page = value.parse::<u32>().ok().filter(|p| (1..=100_000).contains(p));
                    query.page = page
                        .ok_or_else(|| WebError::BadRequest(ctx.t1("bad-page", "value", shorten(value))))?;
                }
                _ => {}
            }
        }
        Ok(query)
    }

    pub(crate) fn filter(&self) -> ReleaseFilter {
        ReleaseFilter {
            country: self.country.map(|c| c.iso2.to_owned()),
            theme: self.theme.as_ref().map(|t| t.slug.clone()),
            year: self.year,
        }
    }

    /// The news-list URL with these filters, leaving out `without`, at `page`.
    pub(crate) fn url(&self, ctx: &Ctx, without: Option<&str>, page: u32) -> String {
        let mut params = Vec::new();
        if let (Some(c), false) = (self.country, without == Some("country")) {
            params.push(format!("country={}", c.iso2.to_ascii_lowercase()));
        }
        if let (Some(t), false) = (&self.theme, without == Some("theme")) {
            params.push(format!("theme={}", t.slug));
        }
        if let (Some(y), false) = (self.year, without == Some("year")) {
            params.push(format!("year={y}"));
        }
        if page > 1 {
            params.push(format!("page={page}"));
        }
        let base = ctx.url("news");
        if params.is_empty() { base } else { format!("{base}?{}", params.join("&")) }
    }
}

/// At most 40 characters of a user's input, for messages.
fn shorten(value: &str) -> String {
    let mut short: String = value.chars().filter(|c| !c.is_control()).take(40).collect();
    if value.chars().count() > 40 {
        short.push('…');
    }
    short
}

#[derive(Serialize)]
struct SelectOption {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct ActiveFilter {
    label: String,
    value: String,
    remove_url: String,
}

#[derive(Serialize)]
struct PagerLink {
    number: u32,
    url: String,
    current: bool,
    gap: bool,
}

#[derive(Serialize)]
struct Pager {
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PagerLink>,
}

fn pager(last: u32, current: u32, url: impl Fn(u32) -> String) -> Pager {
    let mut pages = Vec::new();
    let mut previous = 0;
    for number in 1..=last {
        let near = number.abs_diff(current) <= 2;
        if number == 1 || number == last || near {
            if previous != 0 && number != previous + 1 {
                pages.push(PagerLink { number: 0, url: String::new(), current: false, gap: true });
            }
            pages.push(PagerLink { number, url: url(number), current: number == current, gap: false });
            previous = number;
        }
    }
    Pager {
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < last).then(|| url(current + 1)),
        pages,
    }
}

/// `GET /{lang}/news`: releases, newest first, filtered and paginated.
pub async fn news(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
    query: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let Query(pairs) = query.map_err(|_| WebError::BadRequest(ctx.t("bad-query")))?;
    let q = NewsQuery::parse(&app, &ctx, &pairs).await?;
    let store = app.store();
    let filter = q.filter();
    let list = store.published_releases(ctx.site.id, &ctx.lang, &filter, q.page, PER_PAGE).await?;
    let last_page = u32::try_from(list.total).unwrap_or(u32::MAX).div_ceil(PER_PAGE).max(1);
    if q.page > last_page {
        return Err(WebError::NotFound);
    }
    let menu = store.menu(ctx.site.id, &ctx.lang).await?;
    let themes = store.themes().await?;
    let counts = store.release_counts_by_country(ctx.site.id, &ctx.lang).await?;
    let years = store.release_years(ctx.site.id, &ctx.lang).await?;

    let mut country_options: Vec<SelectOption> = counts
        .iter()
        .map(|(code, _)| SelectOption {
            value: code.to_ascii_lowercase(),
            label: ctx.country_name(code),
            selected: q.country.is_some_and(|c| c.iso2 == code),
        })
        .collect();
    if let Some(c) = q.country.filter(|c| !counts.iter().any(|(code, _)| code == c.iso2)) {
        country_options.push(SelectOption {
            value: c.iso2.to_ascii_lowercase(),
            label: c.name(ctx.geo_lang()).to_owned(),
            selected: true,
        });
    }
    country_options.sort_by(|a, b| a.label.cmp(&b.label));
    let theme_options: Vec<SelectOption> = themes
        .iter()
        .map(|t| SelectOption {
            value: t.slug.clone(),
            label: t.name.clone(),
            selected: q.theme.as_ref().is_some_and(|s| s.slug == t.slug),
        })
        .collect();
    let year_options: Vec<SelectOption> = years
        .iter()
        .map(|y| SelectOption {
            value: y.to_string(),
            label: ctx.i18n.digits(&ctx.lang, &y.to_string()),
            selected: q.year == Some(*y),
        })
        .collect();

    let mut active_filters = Vec::new();
    if let Some(c) = q.country {
        let value = c.name(ctx.geo_lang()).to_owned();
        active_filters.push(ActiveFilter {
            label: ctx.t("filter-country"),
            value,
            remove_url: q.url(&ctx, Some("country"), 1),
        });
    }
    if let Some(t) = &q.theme {
        active_filters.push(ActiveFilter {
            label: ctx.t("filter-theme"),
            value: t.name.clone(),
            remove_url: q.url(&ctx, Some("theme"), 1),
        });
    }
    if let Some(y) = q.year {
        active_filters.push(ActiveFilter {
            label: ctx.t("filter-year"),
            value: ctx.i18n.digits(&ctx.lang, &y.to_string()),
            remove_url: q.url(&ctx, Some("year"), 1),
        });
    }

    let total_text = match list.total {
        0 => ctx.t("news-total-none"),
        n if last_page > 1 => ctx.t_with(
            "news-total-paged",
            &[
                ("releases", ctx.t1("release-count", "count", n).into()),
                ("page", q.page.into()),
                ("pages", last_page.into()),
            ],
        ),
        n => ctx.t1("release-count", "count", n),
    };
    let heading = match q.country {
        Some(c) => ctx.t1("news-about", "country", c.name(ctx.geo_lang()).to_owned()),
        None => ctx.t("news-heading"),
    };
    let pager = pager(last_page, q.page, |n| q.url(&ctx, None, n));
    let releases: Vec<ReleaseCard> =
        list.items.iter().map(|r| ReleaseCard::new(&ctx, r, &app.sites())).collect();
    let title = if q.page > 1 {
        ctx.t_with("title-page", &[("title", heading.as_str().into()), ("page", q.page.into())])
    } else {
        heading.clone()
    };
    let layout = Layout::new(&app, &ctx, &menu, &title, &ctx.t("news-description"), "news")
        .with_breadcrumbs(&ctx, vec![Crumb { label: ctx.t("nav-news"), url: ctx.url("news") }])
        .everywhere(&ctx, "news");
    let feed_filters = q.url(&ctx, None, 1);
    let layout = layout.with_canonical(&ctx, &q.url(&ctx, None, q.page)).with_filtered_feeds(
        &ctx,
        feed_filters.split_once('?').map_or("", |(_, filters)| filters),
        &ctx.t1("feed-label", "filters", q.label(&ctx).unwrap_or_default()),
    );
    app.html(
        &headers,
        &ctx,
        "news.html",
        context! {
            layout, heading, total_text, releases, pager, active_filters,
            country_options, theme_options, year_options, news_url => ctx.url("news"),
        },
    )
}

#[derive(Serialize)]
struct ContactView {
    name: String,
    office: String,
    phone: String,
    tel: String,
    email: String,
}

#[derive(Serialize)]
struct PartnerView {
    name: String,
    acronym: String,
}

#[derive(Serialize)]
struct ImageView {
    src: String,
    srcset: String,
    webp_srcset: String,
    width: i32,
    height: i32,
    alt: String,
    caption: String,
    credit: String,
}

/// The `<picture>` of a lead image: WebP renditions for browsers that take them, the
/// original format for the rest, each at every width.
fn image_view(media: &portico_store::Media) -> Option<ImageView> {
    let set = |extension: &str| -> Vec<(u32, String)> {
        media
            .renditions
            .iter()
            .filter_map(|name| {
                let (width, ext) = name.split_once('.')?;
                (ext == extension).then(|| Some((width.parse::<u32>().ok()?, media.path(name))))?
            })
            .collect()
    };
    let original_ext = crate::admin::media_extension(&media.mime);
    let fallback = set(original_ext);
    let webp = set("webp");
    let srcset = |items: &[(u32, String)]| {
        items.iter().map(|(w, url)| format!("{url} {w}w")).collect::<Vec<_>>().join(", ")
    };
    let src = fallback.iter().find(|(w, _)| *w >= 640).or(fallback.last()).or(webp.last())?.1.clone();
    Some(ImageView {
        src,
        srcset: srcset(&fallback),
        webp_srcset: if original_ext == "webp" { String::new() } else { srcset(&webp) },
        width: media.width,
        height: media.height,
        alt: media.alt.clone(),
        caption: media.caption.clone(),
        credit: media.credit.clone(),
    })
}

#[derive(Serialize)]
struct ReleaseView {
    image: Option<ImageView>,
    title: String,
    summary: String,
    dateline: String,
    date: String,
    date_iso: String,
    body_html: String,
    programme: String,
    countries: Vec<Link>,
    themes: Vec<Link>,
    partners: Vec<PartnerView>,
    contacts: Vec<ContactView>,
}

/// `GET /{lang}/news/{slug}`: one press release.
pub async fn release(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path((lang, slug)): Path<(String, String)>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    if !portico_content::is_valid_slug(&slug) {
        return Err(WebError::NotFound);
    }
    let store = app.store();
    let (release, shown_in) = match store.published_release(ctx.site.id, &ctx.lang, &slug).await? {
        Some(release) => (release, None),
        None => match app.translation_elsewhere(&ctx, portico_content::Kind::Release, &slug).await? {
            Some(Elsewhere::Redirect(url)) => return Ok(Redirect::to(&url).into_response()),
            Some(Elsewhere::Fallback { language, slug }) => {
                let release = store
                    .published_release(ctx.site.id, &language, &slug)
                    .await?
                    .ok_or(WebError::NotFound)?;
                (release, Some(language))
            }
            None => return Err(WebError::NotFound),
        },
    };
    let menu = store.menu(ctx.site.id, &ctx.lang).await?;
    let alternates = document_alternates(&app, release.id, "news/").await?;
    let view = ReleaseView {
        image: release.image.as_ref().and_then(image_view),
        title: release.title.clone(),
        summary: release.summary.clone(),
        dateline: release.dateline.clone(),
        date: ctx.date(release.published_at),
        date_iso: iso_date(release.published_at),
        body_html: crate::views::headings_below_title(&release.body_html),
        programme: release.programme.clone(),
        countries: release.countries.iter().map(|c| country_link(&ctx, c)).collect(),
        themes: release
            .themes
            .iter()
            .map(|t| Link { name: t.name.clone(), url: format!("{}?theme={}", ctx.url("news"), t.slug) })
            .collect(),
        partners: release
            .partners
            .iter()
            .map(|p| PartnerView { name: p.name.clone(), acronym: p.acronym.clone() })
            .collect(),
        contacts: release
            .contacts
            .iter()
            .map(|c| ContactView {
                name: c.name.clone(),
                office: c.office.clone(),
                phone: c.phone.clone(),
                tel: tel_uri(&c.phone),
                email: c.email.clone(),
            })
            .collect(),
    };
    let layout = Layout::new(&app, &ctx, &menu, &release.title, &release.summary, "news").with_breadcrumbs(
        &ctx,
        vec![
            Crumb { label: ctx.t("nav-news"), url: ctx.url("news") },
            Crumb { label: release.title.clone(), url: ctx.url(&format!("news/{}", release.slug)) },
        ],
    );
    let mut layout = layout.with_alternates(&ctx, &alternates);
    if let Some(language) = &shown_in {
        layout = layout.shown_in(&ctx, language);
    }
    let path = format!("news/{}", release.slug);
    let canonical = match &shown_in {
        Some(language) => ctx.url_in(language, &path),
        None => ctx.url(&path),
    };
    let layout = layout.with_canonical(&ctx, &canonical);
    let seo = crate::seo::article_meta(&ctx, &release, layout.canonical())?;
    let related = crate::related::related_cards(&app, &ctx, &release).await?;
    // What the page cache drops this page with: the release, its related releases, its image.
    let shows = crate::cache::Shows {
        documents: std::iter::once(release.id).chain(related.iter().map(|card| card.document)).collect(),
        media: release.image.iter().map(|image| image.id).collect(),
    };
    let mut response =
        app.html(&headers, &ctx, "release.html", context! { layout, release => view, seo, related })?;
    response.extensions_mut().insert(shows);
    Ok(response)
}

#[derive(Serialize)]
struct CountryEntry {
    name: String,
    url: String,
    releases: i64,
}

#[derive(Serialize)]
struct SubregionGroup {
    name: String,
    countries: Vec<CountryEntry>,
}

#[derive(Serialize)]
struct RegionGroup {
    code: String,
    name: String,
    subregions: Vec<SubregionGroup>,
}

/// `GET /{lang}/where-we-work`: every country, grouped by region and sub-region.
pub async fn where_we_work(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let store = app.store();
    let menu = store.menu(ctx.site.id, &ctx.lang).await?;
    let page = store.published_page(ctx.site.id, &ctx.lang, "where-we-work").await?;
    let counts = store.release_counts_by_country(ctx.site.id, &ctx.lang).await?;
    let geo_lang = ctx.geo_lang();
    let entry = |c: &portico_geo::Country| CountryEntry {
        name: c.name(geo_lang).to_owned(),
        url: ctx.url(&format!("where-we-work/{}", c.iso2.to_ascii_lowercase())),
        releases: counts.iter().find(|(code, _)| code == c.iso2).map_or(0, |(_, n)| *n),
    };
    let sorted = |mut countries: Vec<CountryEntry>| {
        crate::i18n::I18n::sort_by_name(&ctx.lang, &mut countries, |c| c.name.as_str());
        countries
    };
    let mut regions: Vec<RegionGroup> = portico_geo::regions()
        .iter()
        .map(|region| RegionGroup {
            code: region.code.to_owned(),
            name: region.name(geo_lang).to_owned(),
            subregions: portico_geo::subregions_of(region)
                .map(|sub| SubregionGroup {
                    name: sub.name(geo_lang).to_owned(),
                    countries: sorted(
                        portico_geo::countries()
                            .iter()
                            .filter(|c| c.subregion.is_some_and(|s| s.code == sub.code))
                            .map(entry)
                            .collect(),
                    ),
                })
                .filter(|sub| !sub.countries.is_empty())
                .collect(),
        })
        .collect();
    let elsewhere: Vec<CountryEntry> =
        portico_geo::countries().iter().filter(|c| c.subregion.is_none()).map(entry).collect();
    if !elsewhere.is_empty() {
        regions.push(RegionGroup {
            code: "other".to_owned(),
            name: ctx.t("region-other"),
            subregions: vec![SubregionGroup { name: ctx.t("subregion-other"), countries: sorted(elsewhere) }],
        });
    }
    let title = page.as_ref().map_or_else(|| ctx.t("nav-where-we-work"), |p| p.title.clone());
    let description = page.as_ref().map(|p| p.summary.clone()).unwrap_or_default();
    let layout = Layout::new(&app, &ctx, &menu, &title, &description, "where-we-work")
        .with_breadcrumbs(&ctx, vec![Crumb { label: title.clone(), url: ctx.url("where-we-work") }])
        .everywhere(&ctx, "where-we-work");
    app.html(&headers, &ctx, "where_we_work.html", context! { layout, title, page, regions })
}

#[derive(Serialize)]
struct CountryView {
    name: String,
    region: String,
    subregion: String,
}

/// `GET /{lang}/where-we-work/{iso2}`: one country and its latest releases.
pub async fn country(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path((lang, iso2)): Path<(String, String)>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let Some(country) = portico_geo::country(&iso2) else {
        return Err(WebError::NotFound);
    };
    let canonical = ctx.url(&format!("where-we-work/{}", country.iso2.to_ascii_lowercase()));
    if iso2 != country.iso2.to_ascii_lowercase() {
        return Ok(Redirect::permanent(&canonical).into_response());
    }
    let store = app.store();
    let menu = store.menu(ctx.site.id, &ctx.lang).await?;
    let filter = ReleaseFilter { country: Some(country.iso2.to_owned()), ..ReleaseFilter::default() };
    let list = store.published_releases(ctx.site.id, &ctx.lang, &filter, 1, 12).await?;
    // On the global site, a country with an office site of its own links to it.
    let sites = app.sites();
    let office = sites
        .iter()
        .find(|s| s.id != ctx.site.id && s.country.as_deref() == Some(country.iso2))
        .map(|s| Link { name: s.name_in(&ctx.lang).to_owned(), url: crate::views::site_url(&ctx, s, "") });
    let geo_lang = ctx.geo_lang();
    let view = CountryView {
        name: country.name(geo_lang).to_owned(),
        region: country.region.map_or_else(|| ctx.t("region-other"), |r| r.name(geo_lang).to_owned()),
        subregion: country.subregion.map(|r| r.name(geo_lang).to_owned()).unwrap_or_default(),
    };
    let where_label = find_menu_item(&menu, "where-we-work")
        .map_or_else(|| ctx.t("nav-where-we-work"), |m| m.label.clone());
    let layout = Layout::new(
        &app,
        &ctx,
        &menu,
        &view.name,
        &ctx.t1("country-description", "country", view.name.clone()),
        "where-we-work",
    )
    .with_breadcrumbs(
        &ctx,
        vec![
            Crumb { label: where_label, url: ctx.url("where-we-work") },
            Crumb { label: view.name.clone(), url: canonical.clone() },
        ],
    )
    .everywhere(&ctx, canonical.trim_start_matches(&format!("{}/{}/", ctx.base, ctx.lang)));
    let releases: Vec<ReleaseCard> =
        list.items.iter().map(|r| ReleaseCard::new(&ctx, r, &app.sites())).collect();
    let news_url = format!("{}?country={}", ctx.url("news"), country.iso2.to_ascii_lowercase());
    let layout = layout.with_canonical(&ctx, &canonical).with_filtered_feeds(
        &ctx,
        &format!("country={}", country.iso2.to_ascii_lowercase()),
        &ctx.t1("feed-label", "filters", view.name.clone()),
    );
    app.html(
        &headers,
        &ctx,
        "country.html",
        context! { layout, country => view, releases, total => list.total, news_url, office },
    )
}
