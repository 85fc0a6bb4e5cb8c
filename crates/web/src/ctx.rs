//! Which site and language a request is for, and the URLs, strings and names that follow from
//! them. Every public page, feed and error page starts from a [`Ctx`].

use std::sync::Arc;

use portico_geo::Lang;
use portico_store::Site;
use time::OffsetDateTime;

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
    /// Scheme and host of the request, for absolute URLs (see [`crate::Scope::origin`]).
    pub origin: String,
    /// The interface's strings.
    pub i18n: Arc<crate::i18n::I18n>,
}

impl Ctx {
    /// The public URL of a site-relative path in this language (`""` is home).
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}/{}", self.base, self.lang, path)
    }

    /// The URL of a site-relative path in another of the site's languages.
    pub fn url_in(&self, language: &str, path: &str) -> String {
        format!("{}/{}/{}", self.base, language, path)
    }

    /// An interface string in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.i18n.t(&self.lang, key, None)
    }

    /// An interface string with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl Into<fluent_bundle::FluentValue<'static>>) -> String {
        self.i18n.t1(&self.lang, key, name, value)
    }

    /// An interface string with several arguments.
    pub fn t_with<'a>(&self, key: &str, args: &[(&'a str, fluent_bundle::FluentValue<'a>)]) -> String {
        self.i18n.with(&self.lang, key, args)
    }

    /// A date as the page's language writes it.
    pub fn date(&self, at: OffsetDateTime) -> String {
        self.i18n.date(&self.lang, at)
    }

    /// The absolute form of a URL from [`Ctx::url`] (feeds, sitemaps, canonical links).
    pub fn absolute(&self, url: &str) -> String {
        format!("{}{url}", self.origin)
    }

    /// The reference-data language for names of countries and regions.
    pub fn geo_lang(&self) -> Lang {
        Lang::from_code(&self.lang).unwrap_or(Lang::En)
    }

    /// "Goal 10: Reduced Inequalities", with the goal's official short name in this language
    /// (English when it has none).
    pub fn goal_label(&self, goal: &portico_content::sdg::Goal) -> String {
        let number = i64::from(goal.number);
        self.t_with("sdg-goal", &[("number", number.into()), ("name", goal.name(&self.lang).into())])
    }

    /// The name of a country in this language, or the code when it is unknown.
    pub fn country_name(&self, iso2: &str) -> String {
        portico_geo::country(iso2)
            .map(|c| c.name(self.geo_lang()).to_owned())
            .unwrap_or_else(|| iso2.to_owned())
    }
}

/// The URL of `path` in the page's language on another site: under the same `/sites/` prefix
/// in development, else on that site's first host name.
pub fn site_url(ctx: &Ctx, site: &Site, path: &str) -> String {
    let language = if site.has_language(&ctx.lang) { ctx.lang.as_str() } else { site.default_language() };
    site_url_in(ctx, site, language, path)
}

/// [`site_url`] in a given language of that site: for an address whose slug is that
/// language's.
pub fn site_url_in(ctx: &Ctx, site: &Site, language: &str, path: &str) -> String {
    if !ctx.base.is_empty() {
        return format!("/sites/{}/{language}/{path}", site.key);
    }
    match site.hosts.first() {
        Some(host) => {
            let scheme = ctx.origin.split_once("://").map_or("http", |(scheme, _)| scheme);
            format!("{scheme}://{host}/{language}/{path}")
        }
        None => format!("/sites/{}/{language}/{path}", site.key),
    }
}
