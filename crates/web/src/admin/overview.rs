//! The overview: what a site published per month and language over the last year, how far
//! each language has come, and what is scheduled ahead — charts drawn on the server, with
//! their numbers as a table. Reads only counts kept on write and bounded index ranges.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use minijinja::context;
use portico_content::Action;
use serde::{Deserialize, Serialize};

use crate::admin::{AdminLayout, admin_page};
use crate::charts::StackedBars;
use crate::session::Signed;
use crate::{App, WebError};

/// Months the chart covers, this one included.
const MONTHS: usize = 12;

#[derive(Deserialize)]
pub struct OverviewQuery {
    site: Option<String>,
}

#[derive(Serialize)]
struct Coverage {
    language: String,
    releases: i64,
    percent: i64,
}

#[derive(Serialize)]
struct Upcoming {
    url: String,
    title: String,
    site: String,
    language: String,
    when: String,
}

/// The last [`MONTHS`] months up to `now`, oldest first, as (year, month).
fn last_months(now: time::OffsetDateTime) -> Vec<(i32, u8)> {
    let mut months = Vec::with_capacity(MONTHS);
    let (mut year, mut month) = (now.year(), u8::from(now.month()));
    for _ in 0..MONTHS {
        months.push((year, month));
        if month == 1 {
            year -= 1;
            month = 12;
        } else {
            month -= 1;
        }
    }
    months.reverse();
    months
}

/// `GET /admin/overview?site=KEY`: for anyone who may see a site's drafts.
pub async fn overview(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<OverviewQuery>,
) -> Result<Response, WebError> {
    let visible: Vec<_> =
        app.sites().iter().filter(|s| user.may(Action::ViewDrafts, s.id)).cloned().collect();
    let site = match query.site.as_deref().filter(|k| !k.is_empty()) {
        Some(key) => visible.iter().find(|s| s.key == key).cloned().ok_or(WebError::Forbidden)?,
        None => visible.first().cloned().ok_or(WebError::Forbidden)?,
    };
    let store = app.store();
    let months = last_months(portico_store::now());
    let (first, last) = (months[0], months[MONTHS - 1]);
    let counts = store.releases_per_month(site.id, &site.languages, first, last).await?;
    // The chart names the months, and the year where it starts or turns; the table both.
    let year_of = |year: i32| user.i18n.digits(user.lang, &year.to_string());
    let month_labels: Vec<String> = months
        .iter()
        .enumerate()
        .map(|(i, (year, month))| {
            let name = user.i18n.month_name(user.lang, *month);
            if i == 0 || *month == 1 { format!("{name} {}", year_of(*year)) } else { name }
        })
        .collect();
    let table_months: Vec<String> = months
        .iter()
        .map(|(year, month)| format!("{} {}", user.i18n.month_name(user.lang, *month), year_of(*year)))
        .collect();
    let series: Vec<(String, Vec<i64>)> = site
        .languages
        .iter()
        .map(|language| {
            let values = months
                .iter()
                .map(|(y, m)| {
                    counts
                        .iter()
                        .find(|c| c.year == *y && c.month == *m && &c.language == language)
                        .map_or(0, |c| c.n)
                })
                .collect();
            (user.i18n.language_name(user.lang, language), values)
        })
        .collect();
    let title = user.t1("admin-overview-chart-title", "site", site.name.clone());
    let chart = StackedBars { title: &title, columns: &month_labels, series: &series }.to_svg();

    let totals = store.releases_per_language(site.id, &site.languages).await?;
    let first_language = totals.first().map_or(0, |(_, n)| *n).max(1);
    let coverage: Vec<Coverage> = totals
        .into_iter()
        .map(|(language, releases)| Coverage {
            language: user.i18n.language_name(user.lang, &language),
            percent: releases * 100 / first_language,
            releases,
        })
        .collect();

    let site_ids: Vec<_> = visible.iter().map(|s| s.id).collect();
    let upcoming: Vec<Upcoming> = store
        .scheduled_ahead(&site_ids, 20)
        .await?
        .into_iter()
        .map(|s| Upcoming {
            url: format!("/admin/documents/{}", s.document_id),
            title: s.title,
            site: app.site_by_id(s.site_id).map(|site| site.name.clone()).unwrap_or_default(),
            language: s.language,
            when: s.published_at.map(|at| user.time(at)).unwrap_or_default(),
        })
        .collect();

    let sites: Vec<(String, String, bool)> =
        visible.iter().map(|s| (s.key.clone(), s.name.clone(), s.id == site.id)).collect();
    let table: Vec<(String, Vec<i64>)> = series.clone();
    let layout = AdminLayout::new(&app, &user, &user.t("admin-title-overview"), "/admin/overview");
    admin_page(
        &app,
        &headers,
        "admin/overview.html",
        context! { layout, chart, sites, months => table_months, table, coverage, upcoming, site_name => site.name.clone() },
    )
}
