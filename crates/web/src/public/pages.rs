//! The home page and the section pages of the menu.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use portico_content::is_valid_path;
use portico_store::{MenuItem, ReleaseFilter};
use serde::Serialize;

use crate::ctx::Ctx;
use crate::views::{Crumb, Layout, ReleaseCard};
use crate::{App, Scope, WebError};

use super::{Found, document_alternates, find_menu_item, goals};

type Result<T, E = WebError> = std::result::Result<T, E>;
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
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
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
    query: std::result::Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let path = path.trim_end_matches('/');
    if !is_valid_path(path) {
        return Err(WebError::NotFound);
    }
    if let Some(goal) = goals::goal_in_path(path) {
        let pairs = query.ok().map(|Query(pairs)| pairs);
        return goals::goal_page(&app, &headers, &ctx, goal, pairs.as_deref()).await;
    }
    let store = app.store();
    let is_agenda = path == goals::AGENDA_PATH;
    let site = ctx.site.id;
    let fetch =
        |language: String, path: String| async move { store.published_page(site, &language, &path).await };
    let (page, shown_in) =
        match app.published_or_elsewhere(&ctx, portico_content::Kind::Page, path, fetch).await? {
            Found::Shown(page, shown_in) => (page, shown_in),
            Found::Redirect(url) => return Ok(Redirect::to(&url).into_response()),
            // The goals are shown on a site without an agenda page of its own too.
            Found::Missing if is_agenda => (
                portico_store::Page {
                    id: portico_content::DocumentId(0),
                    path: path.to_owned(),
                    title: ctx.t("sdg-agenda"),
                    summary: ctx.t("sdg-agenda-summary"),
                    body_html: String::new(),
                    updated_at: time::OffsetDateTime::UNIX_EPOCH,
                    goal_codes: None,
                },
                None,
            ),
            Found::Missing => return Err(WebError::NotFound),
        };
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
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
    let alternates = if page.id.0 == 0 {
        ctx.site.languages.iter().map(|l| (l.clone(), path.to_owned())).collect()
    } else {
        document_alternates(&app, page.id, "").await?
    };
    let mut page = page;
    // A published page's body links make its media public: see `Store::media_is_public`.
    page.body_html = app.public_media_links(&crate::views::lazy_images(&page.body_html));
    let goals = crate::views::badges(&ctx, &page.goals());
    let agenda = if is_agenda { Some(goals::agenda_tiles(&app, &ctx).await?) } else { None };
    let mut layout = Layout::new(&app, &ctx, &menu, &page.title, &page.summary, path)
        .with_breadcrumbs(&ctx, trail)
        .with_alternates(&ctx, &alternates);
    if let Some(language) = &shown_in {
        layout = layout.shown_in(&ctx, language);
    }
    app.html(&headers, &ctx, "page.html", context! { layout, page, children, goals, agenda })
}
