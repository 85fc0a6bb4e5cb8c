//! `/{lang}/news/elsewhere`: the items the site's subscribed feeds brought in, newest first,
//! each marked with its source and linking to its origin.
//!
//! The items' HTML was sanitized when it was ingested (see `portico-ingest`); this page only
//! shows it. Nothing here fetches anything.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use minijinja::context;
use portico_store::IngestedItem;
use serde::Serialize;

use crate::ctx::Ctx;
use crate::http::{BodyMeta, respond};
use crate::views::{Crumb, Layout, iso_date};
use crate::{App, Scope, WebError};

/// Items on one page.
const PER_PAGE: u32 = 20;

/// An ingested item as the list shows it.
#[derive(Serialize)]
struct ElsewhereCard {
    title: String,
    /// The origin page, or "" (then the title is not a link).
    link: String,
    /// The source's name.
    source: String,
    /// Sanitized at ingest.
    summary_html: String,
    date: String,
    date_iso: String,
}

impl ElsewhereCard {
    fn new(ctx: &Ctx, item: IngestedItem) -> ElsewhereCard {
        ElsewhereCard {
            source: source_name(&item.source_title, &item.source_url),
            title: item.title,
            link: item.link,
            summary_html: item.summary_html,
            date: ctx.date(item.published_at),
            date_iso: iso_date(item.published_at),
        }
    }
}

/// The subscription's name for a source, else its feed's host name.
fn source_name(title: &str, url: &str) -> String {
    if !title.trim().is_empty() {
        return title.trim().to_owned();
    }
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest).to_owned()
}

/// The page number asked for: 1 when absent; what was given instead, shortened, when it is not
/// a page number.
fn page_number(pairs: &[(String, String)]) -> Result<u32, String> {
    match pairs.iter().rev().find(|(k, _)| k == "page").map(|(_, v)| v.trim()) {
        None | Some("") => Ok(1),
        Some(value) => value
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=100_000).contains(p))
            .ok_or_else(|| value.chars().filter(|c| !c.is_control()).take(40).collect()),
    }
}

/// `GET /{lang}/news/elsewhere`.
pub async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
    query: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let ctx = app.ctx(&scope, &lang)?;
    let Query(pairs) = query.map_err(|_| WebError::BadRequest(ctx.t("bad-query")))?;
    let page =
        page_number(&pairs).map_err(|shown| WebError::BadRequest(ctx.t1("bad-page", "value", shown)))?;
    let store = app.store();
    let list = store.ingested_items(ctx.site.id, page, PER_PAGE).await?;
    let last_page = u32::try_from(list.total).unwrap_or(u32::MAX).div_ceil(PER_PAGE).max(1);
    if page > last_page {
        return Err(WebError::NotFound);
    }
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let url = |n: u32| {
        let base = ctx.url("news/elsewhere");
        if n > 1 { format!("{base}?page={n}") } else { base }
    };
    let newer = (page > 1).then(|| url(page - 1));
    let older = (page < last_page).then(|| url(page + 1));
    let items: Vec<ElsewhereCard> =
        list.items.into_iter().map(|item| ElsewhereCard::new(&ctx, item)).collect();
    let heading = ctx.t("elsewhere-heading");
    let title = if page > 1 {
        ctx.t_with("title-page", &[("title", heading.as_str().into()), ("page", page.into())])
    } else {
        heading.clone()
    };
    let layout = Layout::new(&app, &ctx, &menu, &title, &ctx.t("elsewhere-description"), "news/elsewhere")
        .everywhere(&ctx, "news/elsewhere")
        .with_breadcrumbs(
            &ctx,
            vec![
                Crumb { label: ctx.t("nav-news"), url: ctx.url("news") },
                Crumb { label: heading.clone(), url: ctx.url("news/elsewhere") },
            ],
        );
    let body = app.theme().render(
        "news_elsewhere.html",
        context! {
            layout, heading, items, newer, older, page, last_page,
            total => list.total, news_url => ctx.url("news"),
        },
    )?;
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type: "text/html; charset=utf-8",
        language: Some(&ctx.lang),
        cache_control: "public, max-age=0, s-maxage=60, stale-while-revalidate=300",
    };
    Ok(respond(&headers, meta, body.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_named_by_their_title_or_host() {
        assert_eq!(source_name("Partner News", "https://p.example/feed"), "Partner News");
        assert_eq!(source_name(" ", "https://p.example:8443/feed.xml?x=1"), "p.example:8443");
    }

    #[test]
    fn page_numbers_start_at_one() {
        let q = |v: &str| vec![("page".to_owned(), v.to_owned())];
        assert_eq!(page_number(&[]).ok(), Some(1));
        assert_eq!(page_number(&q("3")).ok(), Some(3));
        for bad in ["0", "-1", "x", "100001"] {
            assert!(page_number(&q(bad)).is_err(), "{bad}");
        }
    }
}
