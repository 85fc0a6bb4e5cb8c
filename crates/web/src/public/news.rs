//! The news list, filtered and paginated.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use minijinja::context;
use serde::Serialize;

use crate::news_query::NewsQuery;
use crate::pagination::{ActiveFilter, pager};
use crate::views::{Crumb, Layout, ReleaseCard};
use crate::{App, Scope, WebError};

/// Releases on one page of the news list.
const PER_PAGE: u32 = 20;

type Result<T, E = WebError> = std::result::Result<T, E>;
#[derive(Serialize)]
struct SelectOption {
    value: String,
    label: String,
    selected: bool,
}

/// `GET /{lang}/news`: releases, newest first, filtered and paginated.
pub async fn list(
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
    // Two connections, so two SQLite worker threads: the filters' counts are read while the
    // page is, and the page waits for one round trip of the two instead of both.
    let (list, facets) = tokio::try_join!(
        store.published_releases(ctx.site.id, &ctx.lang, &filter, q.page, PER_PAGE),
        store.release_facets(ctx.site.id, &ctx.lang),
    )?;
    let last_page = u32::try_from(list.total).unwrap_or(u32::MAX).div_ceil(PER_PAGE).max(1);
    if q.page > last_page {
        return Err(WebError::NotFound);
    }
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let themes = app.themes().await?;
    let portico_store::ReleaseFacets { countries: counts, years } = facets;

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
    let chosen_theme = |t: &portico_store::Theme| q.theme.as_ref().is_some_and(|s| s.slug == t.slug);
    // Another site's own themes are not this site's to offer.
    let mut theme_options: Vec<SelectOption> = themes
        .iter()
        .filter(|t| t.serves(ctx.site.id) || chosen_theme(t))
        .map(|t| SelectOption {
            value: t.slug.clone(),
            label: t.name_in(&ctx.lang).to_owned(),
            selected: chosen_theme(t),
        })
        .collect();
    crate::i18n::I18n::sort_by_name(&ctx.lang, &mut theme_options, |o| &o.label);
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
            value: t.name_in(&ctx.lang).to_owned(),
            remove_url: q.url(&ctx, Some("theme"), 1),
        });
    }
    if let Some(g) = q.goal {
        active_filters.push(ActiveFilter {
            label: ctx.t("filter-goal"),
            value: g.name(&ctx.lang).to_owned(),
            remove_url: q.url(&ctx, Some("goal"), 1),
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
    let mut response = app.html(
        &headers,
        &ctx,
        "news.html",
        context! {
            layout, heading, total_text, releases, pager, active_filters,
            country_options, theme_options, year_options, news_url => ctx.url("news"),
        },
    )?;
    if let Some(shows) = q.shows(ctx.site.id) {
        response.extensions_mut().insert(shows);
    }
    Ok(response)
}
