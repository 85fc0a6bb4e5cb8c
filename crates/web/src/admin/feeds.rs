//! Feeds from elsewhere (admins only): the external feeds each site follows, how their last
//! fetch went, and adding, removing, pausing and fetching them now.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use portico_content::{Action, SiteId};
use portico_ingest::{DEFAULT_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, Outcome};
use portico_store::{FeedId, FeedSubscription, FetchStatus, NewFeedSubscription, StoreError};
use serde::Serialize;

use super::documents::NoticeQuery;
use super::{AdminLayout, FormData, admin_page_with_status, notice, see_other};
use crate::session::Signed;
use crate::{App, WebError};

/// Most keywords or categories in one filter.
const MAX_TERMS: usize = 20;

/// Following feeds is an administrator's task: it makes the server fetch from the network on
/// the site's behalf. `ManageUsers` is the action only administrators hold.
fn require_admin(user: &Signed, site: SiteId) -> Result<(), WebError> {
    user.require(Action::ManageUsers, site)
}

#[derive(Serialize)]
struct FeedRow {
    id: i64,
    url: String,
    title: String,
    keywords: String,
    categories: String,
    every: i32,
    enabled: bool,
    status: String,
    last_fetched: String,
    last_error: String,
    items: i64,
}

#[derive(Serialize)]
struct SiteFeeds {
    key: String,
    name: String,
    feeds: Vec<FeedRow>,
}

/// What the add form was filled with, shown again with its error.
#[derive(Serialize, Default)]
struct AddForm {
    site: String,
    url: String,
    title: String,
    keywords: String,
    categories: String,
    every: String,
}

fn status_label(user: &Signed, feed: &FeedSubscription) -> String {
    user.t(match (feed.enabled, feed.last_status) {
        (false, _) => "feed-status-paused",
        (true, FetchStatus::Never) => "feed-status-never",
        (true, FetchStatus::Ok) => "feed-status-ok",
        (true, FetchStatus::NotModified) => "feed-status-not-modified",
        (true, FetchStatus::Error) => "feed-status-failed",
    })
}

async fn render(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    notice: Option<String>,
    form: AddForm,
    error: Option<String>,
) -> Result<Response, WebError> {
    let subscriptions = app.store().feed_subscriptions().await?;
    let mut sites = Vec::new();
    for site in app.sites().iter() {
        let mut feeds = Vec::new();
        for feed in subscriptions.iter().filter(|f| f.site == site.id) {
            feeds.push(FeedRow {
                id: feed.id.0,
                url: feed.url.clone(),
                title: feed.title.clone(),
                keywords: feed.keywords.join(", "),
                categories: feed.categories.join(", "),
                every: feed.fetch_interval_minutes,
                enabled: feed.enabled,
                status: status_label(user, feed),
                last_fetched: feed
                    .last_fetched_at
                    .map(|at| user.time(at))
                    .unwrap_or_else(|| user.t("admin-never")),
                last_error: feed.last_error.clone().unwrap_or_default(),
                items: app.store().ingested_item_count(feed.id).await?,
            });
        }
        sites.push(SiteFeeds { key: site.key.clone(), name: site.name.clone(), feeds });
    }
    let layout =
        AdminLayout::new(app, user, &user.t("admin-title-feeds"), "/admin/feeds").with_notice(notice);
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/feeds.html",
        context! {
            layout, sites, form, error,
            min_every => MIN_INTERVAL_MINUTES, max_every => MAX_INTERVAL_MINUTES,
        },
    )
}

/// `GET /admin/feeds`.
pub async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    require_admin(&user, app.sites().first().map_or(SiteId(0), |s| s.id))?;
    let form = AddForm { every: DEFAULT_INTERVAL_MINUTES.to_string(), ..AddForm::default() };
    render(&app, &headers, &user, StatusCode::OK, notice(&user, query.notice.as_deref()), form, None).await
}

/// A comma-separated list of terms, or why it is not acceptable (`error_key` says it).
fn terms(user: &Signed, text: &str, error_key: &str) -> Result<Vec<String>, String> {
    let terms: Vec<String> = text.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
    if terms.len() > MAX_TERMS
        || terms.iter().any(|t| t.chars().count() > 100 || t.chars().any(char::is_control))
    {
        return Err(user.t1(error_key, "max", MAX_TERMS));
    }
    Ok(terms)
}

/// The subscription the form asks for, or what to fix.
fn validate(
    app: &App,
    user: &Signed,
    site: Option<SiteId>,
    form: &AddForm,
) -> Result<NewFeedSubscription, String> {
    let site = site.ok_or_else(|| user.t("error-choose-site"))?;
    if form.url.len() > 2000 {
        return Err(user.t("error-feed-url-long"));
    }
    let url = app
        .ingester()
        .check_url(&form.url)
        .map_err(|e| user.t1("error-feed-url", "reason", e.to_string()))?;
    if form.title.chars().count() > 200 || form.title.chars().any(char::is_control) {
        return Err(user.t("error-feed-title"));
    }
    let fetch_interval_minutes = if form.every.is_empty() {
        DEFAULT_INTERVAL_MINUTES
    } else {
        form.every
            .parse::<i32>()
            .ok()
            .filter(|m| (MIN_INTERVAL_MINUTES..=MAX_INTERVAL_MINUTES).contains(m))
            .ok_or_else(|| {
            user.t_with(
                "error-feed-every",
                &[("min", MIN_INTERVAL_MINUTES.into()), ("max", MAX_INTERVAL_MINUTES.into())],
            )
        })?
    };
    Ok(NewFeedSubscription {
        site,
        url,
        title: form.title.clone(),
        keywords: terms(user, &form.keywords, "error-feed-keywords")?,
        categories: terms(user, &form.categories, "error-feed-categories")?,
        fetch_interval_minutes,
    })
}

/// `POST /admin/feeds`: subscribes a site to a feed.
pub async fn create(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let filled = AddForm {
        site: form.get("site").to_owned(),
        url: form.get("url").trim().to_owned(),
        title: form.get("title").trim().to_owned(),
        keywords: form.get("keywords").to_owned(),
        categories: form.get("categories").to_owned(),
        every: form.get("every").trim().to_owned(),
    };
    let site = app.site_by_key(&filled.site);
    require_admin(&user, site.as_ref().map_or(SiteId(0), |s| s.id))?;
    let checked = validate(&app, &user, site.map(|s| s.id), &filled);
    let new = match checked {
        Ok(new) => new,
        Err(problem) => {
            return render(
                &app,
                &headers,
                &user,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                filled,
                Some(problem),
            )
            .await;
        }
    };
    match app
        .store()
        .create_feed_subscription(&new, &user.doing("feed.create").with_detail(new.url.clone()))
        .await
    {
        Ok(_) => Ok(see_other("/admin/feeds", "feed_added").into_response()),
        Err(StoreError::Conflict { .. }) => {
            let problem = Some(user.t("error-feed-exists"));
            render(&app, &headers, &user, StatusCode::UNPROCESSABLE_ENTITY, None, filled, problem).await
        }
        Err(err) => Err(err.into()),
    }
}

/// The subscription in the path, once the user is known to be allowed to touch it.
async fn subscription(app: &App, user: &Signed, id: i64) -> Result<FeedSubscription, WebError> {
    // Refuse non-admins before saying whether the feed exists.
    require_admin(user, app.sites().first().map_or(SiteId(0), |s| s.id))?;
    let feed = app.store().feed_subscription(FeedId(id)).await?.ok_or(WebError::NotFound)?;
    require_admin(user, feed.site)?;
    Ok(feed)
}

/// `POST /admin/feeds/{id}/fetch`: fetches the feed now and shows how it went.
pub async fn fetch_now(
    State(app): State<App>,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let feed = subscription(&app, &user, id).await?;
    // The ingester records the fetch and its audit entry together.
    let outcome = app.ingester().refresh_as(&feed, &user.actor()).await?;
    let notice = match &outcome {
        Outcome::Updated { .. } => "feed_fetched",
        Outcome::NotModified => "feed_not_modified",
        Outcome::Failed(_) => "feed_failed",
        Outcome::Busy => "feed_busy",
    };
    Ok(see_other("/admin/feeds", notice).into_response())
}

/// `POST /admin/feeds/{id}/enabled`: pauses (`enabled=false`) or resumes (`enabled=true`) a feed.
pub async fn set_enabled(
    State(app): State<App>,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let feed = subscription(&app, &user, id).await?;
    let enabled = match form.get("enabled") {
        "true" => true,
        "false" => false,
        _ => {
            return Err(WebError::BadRequest(user.t("error-feed-enabled")));
        }
    };
    let action = if enabled { "feed.enable" } else { "feed.disable" };
    let audit = user.doing(action).with_detail(feed.url.clone());
    app.store().set_feed_subscription_enabled(feed.id, enabled, &audit).await?;
    Ok(see_other("/admin/feeds", if enabled { "feed_enabled" } else { "feed_disabled" }).into_response())
}

/// `POST /admin/feeds/{id}/delete`: stops following a feed and removes its items.
pub async fn delete(
    State(app): State<App>,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let feed = subscription(&app, &user, id).await?;
    let audit = user.doing("feed.delete").with_detail(feed.url.clone());
    app.store().delete_feed_subscription(feed.id, &audit).await?;
    Ok(see_other("/admin/feeds", "feed_removed").into_response())
}
