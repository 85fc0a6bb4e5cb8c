//! The small structs handed to templates, kept apart from the store's types, and the
//! formatting that shapes them (dates, URLs, names).

use std::sync::Arc;

use portico_geo::Lang;
use portico_store::{MenuItem, ReleaseSummary, Site};
use serde::Serialize;
use time::OffsetDateTime;

use crate::App;

/// Which site and language a request is for.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The site.
    pub site: Arc<Site>,
    /// The language of the page.
    pub lang: String,
    /// Path prefix of the site's URLs: "" when it is served on its own host name,
    /// "/sites/{key}" otherwise.
    pub base: String,
}

impl Ctx {
    /// The public URL of a site-relative path in this language (`""` is home).
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}/{}", self.base, self.lang, path)
    }

    /// The reference-data language for names of countries and regions.
    pub fn geo_lang(&self) -> Lang {
        Lang::from_code(&self.lang).unwrap_or(Lang::En)
    }

    /// The name of a country in this language, or the code when it is unknown.
    pub fn country_name(&self, iso2: &str) -> String {
        portico_geo::country(iso2)
            .map(|c| c.name(self.geo_lang()).to_owned())
            .unwrap_or_else(|| iso2.to_owned())
    }
}

/// What every page's frame needs.
#[derive(Debug, Serialize)]
pub struct Layout {
    lang: String,
    dir: &'static str,
    site_name: String,
    site_short: String,
    title: String,
    description: String,
    css_version: String,
    home: String,
    menu: Vec<MenuView>,
    breadcrumbs: Vec<Crumb>,
}

/// A menu entry, marked when it is the current page or one of its ancestors.
#[derive(Debug, Serialize)]
struct MenuView {
    label: String,
    url: String,
    current: bool,
    exact: bool,
    children: Vec<MenuView>,
}

/// One step of the breadcrumb trail.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// What it says.
    pub label: String,
    /// Where it goes.
    pub url: String,
}

impl Layout {
    /// The frame for a page at site-relative `path` with `title`.
    pub fn new(
        app: &App,
        ctx: &Ctx,
        menu: &[MenuItem],
        title: &str,
        description: &str,
        path: &str,
    ) -> Layout {
        Layout {
            lang: ctx.lang.clone(),
            dir: if ctx.lang == "ar" { "rtl" } else { "ltr" },
            site_name: ctx.site.name.clone(),
            site_short: short_name(&ctx.site.name),
            title: title.to_owned(),
            description: description.to_owned(),
            css_version: app.theme().css_version.clone(),
            home: ctx.url(""),
            menu: menu.iter().map(|item| menu_view(ctx, item, path)).collect(),
            breadcrumbs: Vec::new(),
        }
    }

    /// Adds a breadcrumb trail: home, then `trail`.
    pub fn with_breadcrumbs(mut self, ctx: &Ctx, trail: Vec<Crumb>) -> Layout {
        self.breadcrumbs =
            std::iter::once(Crumb { label: "Home".to_owned(), url: ctx.url("") }).chain(trail).collect();
        self
    }
}

fn menu_view(ctx: &Ctx, item: &MenuItem, path: &str) -> MenuView {
    let exact = item.path == path;
    let current = exact
        || (!item.path.is_empty()
            && path.strip_prefix(item.path.as_str()).is_some_and(|rest| rest.starts_with('/')));
    MenuView {
        label: item.label.clone(),
        url: ctx.url(&item.path),
        current,
        exact,
        children: item.children.iter().map(|child| menu_view(ctx, child, path)).collect(),
    }
}

/// The initials of the capitalized words of a name: "International Organization for
/// Migration" → "IOM".
fn short_name(name: &str) -> String {
    let initials: String =
        name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    if (2..=6).contains(&initials.chars().count()) { initials } else { name.chars().take(3).collect() }
}

/// A link to a country, theme or other listing.
#[derive(Debug, Serialize)]
pub struct Link {
    /// What it says.
    pub name: String,
    /// Where it goes.
    pub url: String,
}

/// A release in a list.
#[derive(Debug, Serialize)]
pub struct ReleaseCard {
    url: String,
    title: String,
    summary: String,
    dateline: String,
    date: String,
    date_iso: String,
    countries: Vec<Link>,
}

impl ReleaseCard {
    /// Shapes a store summary for a list.
    pub fn new(ctx: &Ctx, release: &ReleaseSummary) -> ReleaseCard {
        ReleaseCard {
            url: ctx.url(&format!("news/{}", release.slug)),
            title: release.title.clone(),
            summary: release.summary.clone(),
            dateline: release.dateline.clone(),
            date: display_date(release.published_at),
            date_iso: iso_date(release.published_at),
            countries: release.countries.iter().map(|code| country_link(ctx, code)).collect(),
        }
    }
}

/// A country as a link to the news about it.
pub fn country_link(ctx: &Ctx, code: &str) -> Link {
    Link {
        name: ctx.country_name(code),
        url: format!("{}?country={}", ctx.url("news"), code.to_ascii_lowercase()),
    }
}

/// "21 August 2015".
pub fn display_date(at: OffsetDateTime) -> String {
    format!("{} {} {}", at.day(), at.month(), at.year())
}

/// "2015-08-21".
pub fn iso_date(at: OffsetDateTime) -> String {
    let d = at.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A phone number as a `tel:` URI: the leading `+` and digits only.
pub fn tel_uri(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_initials() {
        assert_eq!(short_name("International Organization for Migration"), "IOM");
        assert_eq!(short_name("Portico"), "Por");
    }

    #[test]
    fn phone_numbers_become_tel_uris() {
        assert_eq!(tel_uri("+503 2521 0500"), "tel:+50325210500");
    }

    #[test]
    fn dates_read_naturally() {
        let at = time::macros::datetime!(2015-08-21 09:00 UTC);
        assert_eq!(display_date(at), "21 August 2015");
        assert_eq!(iso_date(at), "2015-08-21");
    }
}
