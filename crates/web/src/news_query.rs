//! The news list's filters (country, theme, year, page) as a request gives them, validated,
//! shared by the list and by the feeds that follow it.

use portico_content::SiteId;
use portico_store::{ReleaseFilter, Theme as TopicTheme, TouchedList};

use crate::app::App;
use crate::cache::Shows;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::pagination::shorten;

type Result<T, E = WebError> = std::result::Result<T, E>;

/// The validated filters of a news-list request.
pub(crate) struct NewsQuery {
    pub(crate) country: Option<&'static portico_geo::Country>,
    pub(crate) theme: Option<TopicTheme>,
    pub(crate) year: Option<i32>,
    /// A Sustainable Development Goal; never with a country or a theme.
    pub(crate) goal: Option<&'static portico_content::sdg::Goal>,
    pub(crate) page: u32,
}

impl NewsQuery {
    /// Reads the filters of `pairs`; what cannot be read is a 400 saying why, in the page's
    /// language.
    pub(crate) async fn parse(app: &App, ctx: &Ctx, pairs: &[(String, String)]) -> Result<NewsQuery> {
        let mut query = NewsQuery { country: None, theme: None, year: None, goal: None, page: 1 };
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
                        app.themes().await?.iter().find(|t| t.slug == *value).cloned()
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
                "goal" => {
                    let goal = value.parse::<u8>().ok().and_then(portico_content::sdg::Goal::by_number);
                    query.goal =
                        Some(goal.ok_or_else(|| {
                            WebError::BadRequest(ctx.t1("bad-goal", "value", shorten(value)))
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
        // A goal's list is kept alone (see the store's listing): said, rather than an empty list.
        if query.goal.is_some() && (query.country.is_some() || query.theme.is_some()) {
            return Err(WebError::BadRequest(ctx.t("bad-goal-combined")));
        }
        Ok(query)
    }

    pub(crate) fn filter(&self) -> ReleaseFilter {
        ReleaseFilter {
            country: self.country.map(|c| c.iso2.to_owned()),
            theme: self.theme.as_ref().map(|t| t.slug.clone()),
            year: self.year,
            goal: self.goal.map(|g| g.number),
        }
    }

    /// What a page of this list shows, for caches: the narrowed list it lies within (a
    /// country's, else a theme's or a goal's), or `None` for the site's whole lists
    /// (unfiltered, or by year alone).
    pub(crate) fn shows(&self, site: SiteId) -> Option<Shows> {
        let list = if let Some(country) = self.country {
            let [a, b] = country.iso2.as_bytes() else { return None };
            TouchedList::Country(site, [*a, *b])
        } else if let Some(theme) = &self.theme {
            TouchedList::Theme(site, theme.id.0)
        } else if let Some(goal) = self.goal {
            TouchedList::Goal(site, goal.number)
        } else {
            return None;
        };
        Some(Shows::list(list))
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
        if let (Some(g), false) = (self.goal, without == Some("goal")) {
            params.push(format!("goal={}", g.number));
        }
        if page > 1 {
            params.push(format!("page={page}"));
        }
        let base = ctx.url("news");
        if params.is_empty() { base } else { format!("{base}?{}", params.join("&")) }
    }
}

impl NewsQuery {
    /// What the filters select, for titles: "El Salvador · Migrant children · 2015".
    pub(crate) fn label(&self, ctx: &Ctx) -> Option<String> {
        let parts: Vec<String> = [
            self.country.map(|c| c.name(ctx.geo_lang()).to_owned()),
            self.theme.as_ref().map(|t| t.name_in(&ctx.lang).to_owned()),
            self.year.map(|y| y.to_string()),
            self.goal.map(|g| ctx.goal_label(g)),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}
