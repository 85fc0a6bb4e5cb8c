//! The small structs handed to templates, kept apart from the store's types, and the
//! formatting that shapes them (dates, URLs, names).

use std::sync::Arc;

use portico_content::sdg::{self, Goal};
use portico_store::{MenuItem, ReleaseSummary, Site};
use serde::Serialize;
use time::OffsetDateTime;

use crate::app::App;
use crate::ctx::{Ctx, site_url};
use crate::head::links;

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
    /// The same page in the site's other languages (switcher and hreflang links).
    alternates: Vec<Alternate>,
    /// The `hreflang="x-default"` URL: the page in the site's default language.
    x_default: Option<String>,
    /// When the content is shown in another language than the page's (a missing
    /// translation): that language, for the content's `lang` attribute, and the notice.
    content_lang: Option<String>,
    translation_notice: Option<String>,
    /// The page's absolute canonical URL; see [`crate::seo`].
    pub(crate) canonical: String,
    /// Feeds announced in the page's head; see [`crate::feeds`].
    pub(crate) feeds: Vec<crate::head::FeedLink>,
    /// OpenGraph and Twitter card tags of a page that has no richer ones (releases have).
    social: Vec<crate::head::MetaTag>,
}

/// The page in one of the site's languages.
#[derive(Debug, Serialize)]
struct Alternate {
    lang: String,
    label: String,
    /// Absolute, for hreflang.
    url: String,
    /// Site-relative, for the switcher.
    href: String,
    /// Whether the page exists in that language (else the link goes to that language's home).
    exists: bool,
    current: bool,
    dir: &'static str,
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
            dir: crate::i18n::I18n::direction(&ctx.lang),
            site_name: ctx.site.name_in(&ctx.lang).to_owned(),
            site_short: site_mark(&ctx.site, &ctx.lang),
            title: title.to_owned(),
            description: crate::head::description_or_default(ctx, description),
            css_version: app.theme().css_version.clone(),
            home: ctx.url(""),
            menu: menu.iter().map(|item| menu_view(ctx, item, path)).collect(),
            breadcrumbs: Vec::new(),
            alternates: Vec::new(),
            x_default: None,
            content_lang: None,
            translation_notice: None,
            canonical: ctx.absolute(&ctx.url(path)),
            feeds: crate::head::links(ctx, None, None),
            social: crate::head::page_meta(ctx, title, description),
        }
    }

    /// The same page in every language of the site at the same path (lists, home, countries).
    pub fn everywhere(self, ctx: &Ctx, path: &str) -> Layout {
        let available: Vec<(String, String)> =
            ctx.site.languages.iter().map(|l| (l.clone(), path.to_owned())).collect();
        self.with_alternates(ctx, &available)
    }

    /// The language switcher and hreflang links, from the languages the page exists in
    /// (language, site-relative path); other languages of the site link to their home.
    pub fn with_alternates(mut self, ctx: &Ctx, available: &[(String, String)]) -> Layout {
        self.alternates = ctx
            .site
            .languages
            .iter()
            .map(|language| {
                let found = available.iter().find(|(l, _)| l == language);
                Alternate {
                    lang: language.clone(),
                    label: crate::i18n::I18n::endonym(language).to_owned(),
                    url: ctx.absolute(&ctx.url_in(language, found.map_or("", |(_, p)| p.as_str()))),
                    href: ctx.url_in(language, found.map_or("", |(_, p)| p.as_str())),
                    exists: found.is_some(),
                    current: *language == ctx.lang,
                    dir: crate::i18n::I18n::direction(language),
                }
            })
            .collect();
        self.x_default = available
            .iter()
            .find(|(l, _)| l == ctx.site.default_language())
            .map(|(l, p)| ctx.absolute(&ctx.url_in(l, p)));
        self
    }

    /// Marks the content as shown in `content_lang` because the page's language lacks it.
    pub fn shown_in(mut self, ctx: &Ctx, content_lang: &str) -> Layout {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("language", ctx.i18n.language_name(&ctx.lang, &ctx.lang));
        args.set("original", ctx.i18n.language_name(&ctx.lang, content_lang));
        self.translation_notice = Some(ctx.i18n.t(&ctx.lang, "translation-missing", Some(&args)));
        self.content_lang = Some(content_lang.to_owned());
        self
    }

    /// Adds a breadcrumb trail: home, then `trail`.
    pub fn with_breadcrumbs(mut self, ctx: &Ctx, trail: Vec<Crumb>) -> Layout {
        self.breadcrumbs = std::iter::once(Crumb { label: ctx.t("breadcrumb-home"), url: ctx.url("") })
            .chain(trail)
            .collect();
        self
    }
}

impl Layout {
    /// Sets the canonical URL to the site URL `url` (as from [`Ctx::url`], with any query
    /// that belongs to it), made absolute.
    pub fn with_canonical(mut self, ctx: &Ctx, url: &str) -> Layout {
        self.canonical = ctx.absolute(url);
        self
    }

    /// The absolute canonical URL of the page.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }
}

impl Layout {
    /// Announces the feeds of a filtered news list as well (`query` as in the news list's
    /// URL, `label` saying what it holds: "News about El Salvador").
    pub fn with_filtered_feeds(mut self, ctx: &Ctx, query: &str, label: &str) -> Layout {
        if !query.is_empty() {
            self.feeds.extend(links(ctx, Some(query), Some(label)));
        }
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
fn short_name(name: &str) -> Option<String> {
    let first = name.split_whitespace().next()?;
    let is_acronym =
        |w: &str| (2..=6).contains(&w.chars().count()) && w.chars().all(|c| c.is_ascii_uppercase());
    if is_acronym(first) {
        return Some(first.to_owned());
    }
    let initials: String =
        name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    is_acronym(&initials).then_some(initials)
}

/// The brand mark of a site: its acronym in the page's language or, for scripts without
/// capitals (Arabic), in any of its names ("IOM Jordan" → "IOM").
fn site_mark(site: &Site, language: &str) -> String {
    std::iter::once(site.name_in(language))
        .chain(std::iter::once(site.name.as_str()))
        .chain(site.names.values().map(String::as_str))
        .find_map(short_name)
        .unwrap_or_else(|| site.name.chars().take(3).collect())
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
    /// For a release another site published (the global site's, on a country site): that
    /// site's name; the link then goes to the release on that site, its canonical home.
    from_site: Option<String>,
    /// Its document, for the page cache (not shown).
    #[serde(skip)]
    pub(crate) document: portico_content::DocumentId,
}

impl ReleaseCard {
    /// Shapes a store summary for a list; `sites` finds the publishing site of a release that
    /// is not the current site's own.
    pub fn new(ctx: &Ctx, release: &ReleaseSummary, sites: &[Arc<Site>]) -> ReleaseCard {
        let other = (release.site_id != ctx.site.id)
            .then(|| sites.iter().find(|s| s.id == release.site_id))
            .flatten();
        let path = format!("news/{}", release.slug);
        ReleaseCard {
            url: match other {
                Some(site) => site_url(ctx, site, &path),
                None => ctx.url(&path),
            },
            title: release.title.clone(),
            summary: release.summary.clone(),
            dateline: release.dateline.clone(),
            date: ctx.date(release.published_at),
            date_iso: iso_date(release.published_at),
            countries: release.countries.iter().map(|code| country_link(ctx, code)).collect(),
            from_site: other.map(|_| ctx.t("from-global-site")),
            document: release.id,
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

/// A goal as pages show it.
#[derive(Serialize)]
pub(crate) struct GoalView {
    pub(crate) number: u8,
    /// "Goal 10: Reduced Inequalities", in the page's language.
    pub(crate) label: String,
    /// The goal's short name alone.
    name: String,
    /// The class that carries its official colour (`sdg-10`).
    pub(crate) colour_class: String,
    pub(crate) url: String,
    /// The targets named, on a document's badge (`10.7`).
    targets: Vec<String>,
}

impl GoalView {
    pub(crate) fn new(ctx: &Ctx, goal: &Goal) -> GoalView {
        let name = goal.name(&ctx.lang).to_owned();
        GoalView {
            number: goal.number,
            label: ctx.goal_label(goal),
            name,
            colour_class: format!("sdg-{}", goal.number),
            url: ctx.url(&goal.path()),
            targets: Vec::new(),
        }
    }
}

/// A document's goals as badges, each with the targets it names, in the Agenda's order.
pub(crate) fn badges(ctx: &Ctx, codes: &[String]) -> Vec<GoalView> {
    let mut badges: Vec<GoalView> = Vec::new();
    for code in sdg::sorted_codes(codes) {
        let Some(goal) = sdg::goal_of(&code) else { continue };
        if badges.last().is_none_or(|b| b.number != goal.number) {
            badges.push(GoalView::new(ctx, goal));
        }
        if code.contains('.')
            && let Some(badge) = badges.last_mut()
        {
            badge.targets.push(code);
        }
    }
    badges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_initials() {
        assert_eq!(short_name("International Organization for Migration").as_deref(), Some("IOM"));
        assert_eq!(short_name("OIM El Salvador").as_deref(), Some("OIM"));
        assert_eq!(short_name("Portico"), None);
        assert_eq!(short_name("المنظمة الدولية للهجرة"), None);
    }

    #[test]
    fn phone_numbers_become_tel_uris() {
        assert_eq!(tel_uri("+503 2521 0500"), "tel:+50325210500");
    }

    #[test]
    fn dates_read_naturally() {
        let at = time::macros::datetime!(2015-08-21 09:00 UTC);
        assert_eq!(iso_date(at), "2015-08-21");
    }
}

/// A body's headings renumbered to sit under the page's `<h1>` without skipping a level:
/// authors write `###` for a small heading, and a screen reader's outline would jump from the
/// title to level 3. The body is sanitized HTML, where a `<` in text is always escaped, so
/// every `<hN` and `</hN` found is a tag.
pub fn headings_below_title(html: &str) -> String {
    let tags = heading_tags(html);
    if tags.is_empty() {
        return html.to_owned();
    }
    // Distinct levels in use, shallowest first, become 2, 3, … in that order.
    let mut levels: Vec<u8> = tags.iter().filter(|t| !t.closing).map(|t| t.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let rank = |level: u8| levels.iter().position(|l| *l == level).map_or(2, |i| i + 2);
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut previous = 1;
    let mut open: Vec<usize> = Vec::new();
    for tag in &tags {
        let level = if tag.closing {
            open.pop().unwrap_or(2)
        } else {
            let level = rank(tag.level).min(previous + 1).min(6);
            previous = level;
            open.push(level);
            level
        };
        out.push_str(&html[copied..tag.digit]);
        out.push_str(&level.to_string());
        copied = tag.digit + 1;
    }
    out.push_str(&html[copied..]);
    out
}

/// A heading tag in HTML: where its level digit is, which level, and whether it closes.
struct HeadingTag {
    digit: usize,
    level: u8,
    closing: bool,
}

fn heading_tags(html: &str) -> Vec<HeadingTag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        let closing = bytes.get(start + 1) == Some(&b'/');
        let h = start + 1 + usize::from(closing);
        let is_heading = matches!(bytes.get(h), Some(b'h' | b'H'))
            && matches!(bytes.get(h + 1), Some(b'1'..=b'6'))
            && matches!(bytes.get(h + 2), Some(b'>' | b' ' | b'\t' | b'\n' | b'/'));
        if is_heading {
            tags.push(HeadingTag { digit: h + 1, level: bytes[h + 1] - b'0', closing });
        }
        at = start + 1;
    }
    tags
}

/// A sanitized body with its images loading lazily: they sit below the page's lead image and
/// title, so the first screen never waits for them. The sanitizer writes every tag as `<img `
/// and escapes any `<` in text, so this finds images only.
pub fn lazy_images(html: &str) -> String {
    html.replace("<img ", "<img loading=\"lazy\" ")
}

#[cfg(test)]
mod heading_tests {
    use super::headings_below_title;

    #[test]
    fn body_headings_follow_the_title_without_a_gap() {
        assert_eq!(
            headings_below_title("<h3>A</h3><p>x</p><h5 id=\"b\">B</h5><h3>C</h3>"),
            "<h2>A</h2><p>x</p><h3 id=\"b\">B</h3><h2>C</h2>"
        );
        assert_eq!(headings_below_title("<h1>T</h1><h4>U</h4>"), "<h2>T</h2><h3>U</h3>");
        assert_eq!(headings_below_title("<p>&lt;h3&gt; is text</p>"), "<p>&lt;h3&gt; is text</p>");
        assert_eq!(headings_below_title("<h4>A</h4><h2>B</h2><h4>C</h4>"), "<h2>A</h2><h2>B</h2><h3>C</h3>");
    }
}
