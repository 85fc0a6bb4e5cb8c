//! The 2030 Agenda on the public site: the goals on the *2030 Agenda* section, a page per goal
//! listing what serves it, and the goal badges of releases and pages.

use minijinja::context;
use portico_content::sdg::{self, Goal};
use portico_store::{PublicationFilter, ReleaseFilter};
use serde::Serialize;

use crate::ctx::Ctx;
use crate::pagination::{pager, shorten};
use crate::views::{Crumb, GoalView, Layout, ReleaseCard};
use crate::{App, WebError};

type Result<T, E = WebError> = std::result::Result<T, E>;

pub(crate) use sdg::AGENDA_PATH;

/// Releases on one page of a goal's list.
const PER_PAGE: u32 = 20;

/// The newest publications a goal's page shows; the library lists the rest.
const GOAL_PUBLICATIONS: i64 = 6;

/// A link to the rest of a list shown in part.
#[derive(Serialize)]
struct MoreLink {
    url: String,
    label: String,
}

/// The goal a site-relative path addresses (`2030-agenda/goal-10`), if it is one.
pub(crate) fn goal_in_path(path: &str) -> Option<&'static Goal> {
    let number = path.strip_prefix(AGENDA_PATH)?.strip_prefix("/goal-")?;
    if number.starts_with('0') || number.len() > 2 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Goal::by_number(number.parse().ok()?)
}

/// One goal on the *2030 Agenda* section, with what the site published for it.
#[derive(Serialize)]
pub(crate) struct AgendaTile {
    #[serde(flatten)]
    goal: GoalView,
    /// "12 releases · 2 pages", or empty.
    published: String,
}

/// The seventeen goals with the site's releases, pages and publications for each, from the counts kept on
/// write: one read of the counts and one of the tagged pages, whatever the archive's size.
pub(crate) async fn agenda_tiles(app: &App, ctx: &Ctx) -> Result<Vec<AgendaTile>> {
    let counts = app.store().goal_counts(ctx.site.id, &ctx.lang).await?;
    Ok(sdg::GOALS
        .iter()
        .map(|goal| {
            let count = counts.iter().find(|c| c.goal == goal.number).copied().unwrap_or_default();
            let mut parts = Vec::new();
            if count.releases > 0 {
                parts.push(ctx.t1("release-count", "count", count.releases));
            }
            if count.pages > 0 {
                parts.push(ctx.t1("sdg-page-count", "count", count.pages));
            }
            if count.publications > 0 {
                parts.push(ctx.t1("publication-count", "count", count.publications));
            }
            AgendaTile { goal: GoalView::new(ctx, goal), published: parts.join(" · ") }
        })
        .collect())
}

#[derive(Serialize)]
struct PageLink {
    url: String,
    title: String,
    summary: String,
}

/// The page of one goal: the site's pages and its newest publications serving it, then its
/// releases, newest first and paginated (`?page=N`).
pub(crate) async fn goal_page(
    app: &App,
    headers: &axum::http::HeaderMap,
    ctx: &Ctx,
    goal: &'static Goal,
    query: Option<&[(String, String)]>,
) -> Result<axum::response::Response> {
    let pairs = query.ok_or_else(|| WebError::BadRequest(ctx.t("bad-query")))?;
    let mut page = 1_u32;
    for (key, value) in pairs {
        if key == "page" {
            page = value
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=100_000).contains(p))
                .ok_or_else(|| WebError::BadRequest(ctx.t1("bad-page", "value", shorten(value))))?;
        }
    }
    let store = app.store();
    let filter = ReleaseFilter { goal: Some(goal.number), ..ReleaseFilter::default() };
    let first = page == 1;
    let publication_filter = PublicationFilter {
        goal: Some(goal.number),
        office: ctx.site.country.clone(),
        ..PublicationFilter::default()
    };
    // Each read on its own connection, so its own SQLite worker thread: the page waits for
    // the slowest of them instead of their sum.
    let (list, pages, library, agenda_title) = tokio::try_join!(
        async {
            Ok::<_, WebError>(
                store.published_releases(ctx.site.id, &ctx.lang, &filter, page, PER_PAGE).await?,
            )
        },
        async {
            Ok::<_, WebError>(if first {
                store.goal_pages(ctx.site.id, &ctx.lang, goal.number).await?
            } else {
                Vec::new()
            })
        },
        async {
            Ok::<_, WebError>(if first {
                Some(
                    store
                        .library_page(ctx.site.id, &ctx.lang, &publication_filter, GOAL_PUBLICATIONS, 0)
                        .await?,
                )
            } else {
                None
            })
        },
        agenda_title(app, ctx),
    )?;
    let last_page = u32::try_from(list.total).unwrap_or(u32::MAX).div_ceil(PER_PAGE).max(1);
    if page > last_page {
        return Err(WebError::NotFound);
    }
    let pages: Vec<PageLink> = pages
        .into_iter()
        .map(|p| PageLink { url: ctx.url(&p.path), title: p.title, summary: p.summary })
        .collect();
    let (publications, all_publications) = match library {
        Some((items, total)) => {
            let cards = super::publications::cards(app, ctx, &items).await?;
            // The library narrowed to the goal lists the rest.
            let all = (total > GOAL_PUBLICATIONS).then(|| MoreLink {
                url: super::publications::library_of_goal(ctx, goal.number),
                label: ctx.t1("sdg-all-publications", "count", total),
            });
            (cards, all)
        }
        None => (Vec::new(), None),
    };
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let view = GoalView::new(ctx, goal);
    let path = goal.path();
    let url = |n: u32| if n == 1 { view.url.clone() } else { format!("{}?page={n}", view.url) };
    let pager = pager(last_page, page, url);
    let releases: Vec<ReleaseCard> =
        list.items.iter().map(|r| ReleaseCard::new(ctx, r, &app.sites())).collect();
    let total_text = match list.total {
        0 => ctx.t("news-total-none"),
        n => ctx.t1("release-count", "count", n),
    };
    let title = if page > 1 {
        ctx.t_with("title-page", &[("title", view.label.as_str().into()), ("page", page.into())])
    } else {
        view.label.clone()
    };
    let description = ctx.t1("sdg-goal-description", "goal", view.label.clone());
    let layout = Layout::new(app, ctx, &menu, &title, &description, &path)
        .with_breadcrumbs(
            ctx,
            vec![
                Crumb { label: agenda_title, url: ctx.url(AGENDA_PATH) },
                Crumb { label: view.label.clone(), url: view.url.clone() },
            ],
        )
        .everywhere(ctx, &path);
    let layout = layout.with_canonical(ctx, &url(page)).with_filtered_feeds(
        ctx,
        &format!("goal={}", goal.number),
        &ctx.t1("feed-label", "filters", view.label.clone()),
    );
    let previous = goal.number.checked_sub(1).and_then(Goal::by_number).map(|g| GoalView::new(ctx, g));
    let next = Goal::by_number(goal.number + 1).map(|g| GoalView::new(ctx, g));
    let mut response = app.html(
        headers,
        ctx,
        "goal.html",
        context! {
            layout, goal => view, pages, publications, all_publications, releases, pager, total_text,
            previous, next,
        },
    )?;
    // Pages tagged with the goal are no listed release: a change to one touches every
    // narrowed list of its site, this one too.
    let list = portico_store::TouchedList::Goal(ctx.site.id, goal.number);
    response.extensions_mut().insert(crate::cache::Shows::list(list));
    Ok(response)
}

/// The *2030 Agenda* section's title: its page's, or the interface's words when the site has
/// no such page.
async fn agenda_title(app: &App, ctx: &Ctx) -> Result<String> {
    let teasers = app.store().published_page_teasers(ctx.site.id, &ctx.lang).await?;
    Ok(teasers.into_iter().find(|p| p.path == AGENDA_PATH).map_or_else(|| ctx.t("sdg-agenda"), |p| p.title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheets_colour_each_goal_as_the_reference_data_does() {
        let public = include_str!("../../../../themes/default/static/style.css");
        let admin = include_str!("../../../../themes/default/static/admin.css");
        for goal in &sdg::GOALS {
            let rule = format!(".sdg-{} {{ --sdg: {}; }}", goal.number, goal.colour);
            assert!(public.contains(&rule) && admin.contains(&rule), "{rule}");
        }
    }

    #[test]
    fn only_a_goals_own_address_is_a_goals_page() {
        assert_eq!(goal_in_path("2030-agenda/goal-10").map(|g| g.number), Some(10));
        assert_eq!(goal_in_path("2030-agenda/goal-17").map(|g| g.number), Some(17));
        for other in [
            "2030-agenda",
            "2030-agenda/goal-18",
            "2030-agenda/goal-010",
            "2030-agenda/goal-",
            "2030-agenda/partners",
            "x/goal-1",
        ] {
            assert!(goal_in_path(other).is_none(), "{other}");
        }
    }
}
