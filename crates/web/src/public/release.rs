//! A press release.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use portico_content::Kind;
use serde::Serialize;

use crate::views::{Link, country_link, iso_date, tel_uri};
use crate::{App, Scope, WebError};

use super::{DocumentHead, Found, document_layout};

type Result<T, E = WebError> = std::result::Result<T, E>;
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
    /// The address of its logo, or "" when it has none.
    logo: String,
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
/// The lead image's sources: every rendition for the browser to choose from, or only the
/// smallest when the reader saves data.
fn image_view(app: &App, media: &portico_store::Media, save_data: bool) -> Option<ImageView> {
    let set = |extension: &str| -> Vec<(u32, String)> {
        media
            .renditions
            .iter()
            .filter_map(|name| {
                let (width, ext) = name.split_once('.')?;
                (ext == extension)
                    .then(|| Some((width.parse::<u32>().ok()?, app.public_media_url(&media.path(name)))))?
            })
            .collect()
    };
    let original_ext = crate::http::media_extension(&media.mime);
    let mut fallback = set(original_ext);
    let mut webp = set("webp");
    if save_data {
        fallback.sort_unstable_by_key(|(width, _)| *width);
        fallback.truncate(1);
        webp.sort_unstable_by_key(|(width, _)| *width);
        webp.truncate(1);
    }
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
    goals: Vec<crate::views::GoalView>,
}

/// `GET /{lang}/news/{slug}`: one press release.
pub async fn show(
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
    let site = ctx.site.id;
    let fetch =
        |language: String, slug: String| async move { store.published_release(site, &language, &slug).await };
    let (release, shown_in) = match app.published_or_elsewhere(&ctx, Kind::Release, &slug, fetch).await? {
        Found::Shown(release, shown_in) => (release, shown_in),
        Found::Redirect(url) => return Ok(Redirect::to(&url).into_response()),
        Found::Missing => return Err(WebError::NotFound),
    };
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let view = ReleaseView {
        // A published release's lead image and body links are public: see `Store::media_is_public`.
        image: release
            .image
            .as_ref()
            .and_then(|media| image_view(&app, media, crate::http::saves_data(&headers))),
        title: release.title.clone(),
        summary: release.summary.clone(),
        dateline: release.dateline.clone(),
        date: ctx.date(release.published_at),
        date_iso: iso_date(release.published_at),
        body_html: app.public_media_links(&crate::views::lazy_images(&crate::views::headings_below_title(
            &release.body_html,
        ))),
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
            .map(|p| PartnerView {
                name: p.name.clone(),
                acronym: p.acronym.clone(),
                logo: p.logo_path.clone(),
            })
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
        goals: crate::views::badges(&ctx, &release.goals),
    };
    let head = DocumentHead {
        kind: Kind::Release,
        id: release.id,
        slug: &release.slug,
        title: &release.title,
        summary: &release.summary,
    };
    // Two connections, so two SQLite worker threads: the translations and the related
    // releases are read side by side.
    let (layout, related) = tokio::try_join!(
        document_layout(&app, &ctx, &menu, head, shown_in.as_deref()),
        crate::related::related_cards(&app, &ctx, &release),
    )?;
    let seo = crate::seo::article_meta(&ctx, &release, layout.canonical())?;
    // What the page cache drops this page with: the release, its related releases, its image.
    let shows = crate::cache::Shows {
        documents: std::iter::once(release.id).chain(related.iter().map(|card| card.document)).collect(),
        media: release.image.iter().map(|image| image.id).collect(),
        lists: vec![],
    };
    let mut response =
        app.html(&headers, &ctx, "release.html", context! { layout, release => view, seo, related })?;
    response.extensions_mut().insert(shows);
    Ok(response)
}
