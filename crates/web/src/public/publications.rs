//! Publications: the library with its facets, and each publication's page with its downloads,
//! structured data and citations.
//!
//! Every filter value is checked before the store is asked: a value that names nothing is a
//! 400 that says which, never an empty page that looks like a real answer.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use portico_content::Kind;
use portico_content::publication::{Form, Publication};
use portico_store::{FacetCount, PUBLICATION_PAGE, PublicationFile, PublicationFilter, PublishedPublication};
use serde::Serialize;

use crate::ctx::Ctx;
use crate::pagination::{ActiveFilter, pager, shorten};
use crate::views::{Crumb, Layout, Link};
use crate::{App, Scope, WebError};

use super::{DocumentHead, Found, document_layout};

type Result<T, E = WebError> = std::result::Result<T, E>;

/// The longest series name a filter takes: as long as the field it matches.
const MAX_SERIES: usize = 200;

/// A library's filters and page, as read from its query string.
#[derive(Debug, Default)]
struct LibraryQuery {
    filter: PublicationFilter,
    /// The chosen theme's name in the page's language.
    theme_name: Option<String>,
    page: u32,
}

impl LibraryQuery {
    /// Reads `pairs`; a value that names nothing is a 400 saying which.
    async fn parse(app: &App, ctx: &Ctx, pairs: &[(String, String)]) -> Result<LibraryQuery> {
        let mut q = LibraryQuery { page: 1, ..LibraryQuery::default() };
        let bad = |key: &str, value: &str| WebError::BadRequest(ctx.t1(key, "value", shorten(value)));
        for (key, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
            match key.as_str() {
                "year" => {
                    let year = value
                        .parse::<i32>()
                        .ok()
                        .filter(|y| value.len() == 4 && *y >= portico_content::publication::FIRST_YEAR)
                        .ok_or(bad("bad-year", value))?;
                    q.filter.year = Some(year);
                }
                "language" => {
                    if !ctx.site.has_language(value) {
                        return Err(bad("bad-language", value));
                    }
                    q.filter.language = Some(value.clone());
                }
                "country" => {
                    let code = value.to_ascii_uppercase();
                    if portico_geo::country(&code).is_none_or(|c| c.iso2 != code) {
                        return Err(bad("bad-country", value));
                    }
                    q.filter.country = Some(code);
                }
                "theme" => {
                    let themes = app.store().themes().await?;
                    let theme = themes.iter().find(|t| &t.slug == value).ok_or(bad("bad-theme", value))?;
                    q.theme_name = Some(theme.name_in(&ctx.lang).to_owned());
                    q.filter.theme = Some(value.clone());
                }
                "goal" => {
                    let goal = value
                        .parse::<u8>()
                        .ok()
                        .filter(|_| !value.starts_with('0'))
                        .and_then(portico_content::sdg::Goal::by_number)
                        .ok_or(bad("bad-goal", value))?;
                    q.filter.goal = Some(goal.number);
                }
                "series" => {
                    if value.chars().count() > MAX_SERIES || value.chars().any(char::is_control) {
                        return Err(bad("bad-series", value));
                    }
                    q.filter.series = Some(value.trim().to_owned());
                }
                "page" => {
                    q.page = value
                        .parse()
                        .ok()
                        .filter(|p| (1..=10_000).contains(p))
                        .ok_or(bad("bad-page", value))?;
                }
                _ => {}
            }
        }
        Ok(q)
    }

    /// The filters as query pairs, in a stable order.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let f = &self.filter;
        let mut pairs = Vec::new();
        if let Some(year) = f.year {
            pairs.push(("year", year.to_string()));
        }
        if let Some(language) = &f.language {
            pairs.push(("language", language.clone()));
        }
        if let Some(theme) = &f.theme {
            pairs.push(("theme", theme.clone()));
        }
        if let Some(country) = &f.country {
            pairs.push(("country", country.to_ascii_lowercase()));
        }
        if let Some(series) = &f.series {
            pairs.push(("series", series.clone()));
        }
        if let Some(goal) = f.goal {
            pairs.push(("goal", goal.to_string()));
        }
        pairs
    }

    /// This library's address with `key` set to `value` (or removed, for `None`), at `page`.
    fn url_with(&self, ctx: &Ctx, key: &str, value: Option<&str>, page: u32) -> String {
        let mut pairs: Vec<(&str, String)> = self.pairs().into_iter().filter(|(k, _)| *k != key).collect();
        if let Some(value) = value {
            pairs.push((leak_key(key), value.to_owned()));
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        let query = pairs
            .iter()
            .map(|(key, value)| format!("{key}={}", crate::http::percent_encode(value)))
            .collect::<Vec<_>>()
            .join("&");
        let list = ctx.url("publications");
        if query.is_empty() { list } else { format!("{list}?{query}") }
    }
}

/// The static name of a filter key, for query pairs.
fn leak_key(key: &str) -> &'static str {
    match key {
        "year" => "year",
        "language" => "language",
        "theme" => "theme",
        "country" => "country",
        "goal" => "goal",
        _ => "series",
    }
}

/// One facet value as the library shows it: its label, count, and the address that selects
/// (or, when selected, removes) it.
#[derive(Serialize)]
struct FacetLink {
    label: String,
    count: i64,
    url: String,
    selected: bool,
}

#[derive(Serialize)]
struct Facet {
    key: &'static str,
    heading: String,
    values: Vec<FacetLink>,
}

/// A publication as the library and a goal's page list it.
#[derive(Serialize)]
pub(crate) struct PublicationCard {
    url: String,
    title: String,
    summary: String,
    year: i32,
    authors: String,
    series: String,
    language: String,
    cover: Option<String>,
    /// "From the global site", on a country office's card of a global publication.
    from_site: Option<String>,
}

/// A cover's rendition nearest 320 pixels wide, for lists and the page's aside.
fn cover_url(app: &App, media: &portico_store::Media) -> Option<String> {
    let extension = crate::http::media_extension(&media.mime);
    media
        .renditions
        .iter()
        .filter_map(|name| {
            let (width, ext) = name.split_once('.')?;
            (ext == extension).then_some((width.parse::<u32>().ok()?, name))
        })
        .min_by_key(|(width, _)| width.abs_diff(320))
        .map(|(_, name)| app.public_media_url(&media.path(name)))
}

async fn cover_of(app: &App, publication: &Publication) -> Result<Option<(portico_store::Media, String)>> {
    let Some(id) = publication.cover else { return Ok(None) };
    let Some(media) = app.store().media(id).await? else { return Ok(None) };
    Ok(cover_url(app, &media).map(|url| (media, url)))
}

/// The cards of `items`, each in its own language, which is named where it is not the page's.
pub(crate) async fn cards(
    app: &App,
    ctx: &Ctx,
    items: &[PublishedPublication],
) -> Result<Vec<PublicationCard>> {
    let mut cards = Vec::with_capacity(items.len());
    for item in items {
        let cover = cover_of(app, &item.publication).await?;
        let path = Kind::Publication.path_of(&item.slug);
        let other = (item.site != ctx.site.id).then(|| app.site_by_id(item.site)).flatten();
        cards.push(PublicationCard {
            url: match &other {
                Some(site) => crate::ctx::site_url_in(ctx, site, &item.language, &path),
                None => ctx.url_in(&item.language, &path),
            },
            from_site: other.map(|_| ctx.t("from-global-site")),
            title: item.title.clone(),
            summary: item.summary.clone(),
            year: item.publication.year,
            authors: item.publication.authors.clone(),
            series: item.publication.series.clone(),
            language: if item.language == ctx.lang {
                String::new()
            } else {
                app_language_name(ctx, &item.language)
            },
            cover: cover.map(|(_, url)| url),
        });
    }
    Ok(cards)
}

/// The library's address narrowed to goal `goal`.
pub(crate) fn library_of_goal(ctx: &Ctx, goal: u8) -> String {
    format!("{}?goal={goal}", ctx.url("publications"))
}

/// `GET /{lang}/publications`: the library, newest year first, with facets, paginated.
pub async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let Query(pairs) = query.map_err(|_| WebError::BadRequest(ctx.t("bad-query")))?;
    let mut q = LibraryQuery::parse(&app, &ctx, &pairs).await?;
    q.filter.office = ctx.site.country.clone();
    let offset = i64::from(q.page - 1) * PUBLICATION_PAGE;
    let list = app
        .store()
        .library(ctx.site.id, &ctx.lang, &ctx.site.languages, &q.filter, PUBLICATION_PAGE, offset)
        .await?;
    let last_page =
        u32::try_from((list.total + PUBLICATION_PAGE - 1) / PUBLICATION_PAGE).unwrap_or(u32::MAX).max(1);
    if q.page > last_page {
        return Err(WebError::NotFound);
    }
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let publications = cards(&app, &ctx, &list.items).await?;
    let selected =
        |key: &str| -> Option<String> { q.pairs().into_iter().find(|(k, _)| *k == key).map(|(_, v)| v) };
    let facet =
        |key: &'static str, heading: &str, counts: &[FacetCount], label: &dyn Fn(&FacetCount) -> String| {
            let current = selected(key);
            // A facet counts what each of its values would give in place of the chosen one, so
            // the chosen value gives this very selection: shown, with its total, even where the
            // other filters leave nothing.
            let mut counts = counts.to_vec();
            if let Some(current) = &current
                && !counts.iter().any(|c| c.value.eq_ignore_ascii_case(current))
            {
                let value = if key == "country" { current.to_ascii_uppercase() } else { current.clone() };
                counts.push(FacetCount { label: value.clone(), value, count: list.total });
                if key == "year" {
                    counts.sort_by(|a, b| b.value.cmp(&a.value));
                }
            }
            Facet {
                key,
                heading: ctx.t(heading),
                values: counts
                    .iter()
                    .map(|c| {
                        let value =
                            if key == "country" { c.value.to_ascii_lowercase() } else { c.value.clone() };
                        let is_selected = current.as_deref() == Some(value.as_str());
                        FacetLink {
                            label: label(c),
                            count: c.count,
                            url: q.url_with(&ctx, key, (!is_selected).then_some(value.as_str()), 1),
                            selected: is_selected,
                        }
                    })
                    .collect(),
            }
        };
    let plain = |c: &FacetCount| c.label.clone();
    // The store names themes in the page's language; a chosen one that is in no other
    // selection is named here, as `facet` adds it.
    let mut theme_counts = list.facets.themes.clone();
    if let (Some(slug), Some(name)) = (&q.filter.theme, &q.theme_name)
        && !theme_counts.iter().any(|c| &c.value == slug)
    {
        theme_counts.push(FacetCount { value: slug.clone(), label: name.clone(), count: list.total });
    }
    let mut country_counts = list.facets.countries.clone();
    country_counts.sort_by_cached_key(|c| ctx.country_name(&c.value));
    let facets = vec![
        facet("year", "filter-year", &list.facets.years, &plain),
        facet("language", "publication-language", &list.facets.languages, &|c| {
            app_language_name(&ctx, &c.value)
        }),
        facet("theme", "filter-theme", &theme_counts, &plain),
        facet("country", "filter-country", &country_counts, &|c| ctx.country_name(&c.value)),
        facet("series", "publication-series", &list.facets.series, &plain),
        facet("goal", "filter-goal", &list.facets.goals, &|c| {
            c.value
                .parse()
                .ok()
                .and_then(portico_content::sdg::Goal::by_number)
                .map_or_else(|| c.label.clone(), |goal| ctx.goal_label(goal))
        }),
    ];
    let mut active_filters = Vec::new();
    for f in &facets {
        if let Some(link) = f.values.iter().find(|v| v.selected) {
            active_filters.push(ActiveFilter {
                label: f.heading.clone(),
                value: link.label.clone(),
                remove_url: link.url.clone(),
            });
        }
    }
    let total_text = match list.total {
        0 => ctx.t("publications-total-none"),
        n => ctx.t1("publication-count", "count", n),
    };
    let heading = ctx.t("publications-heading");
    let title = if q.page > 1 {
        ctx.t_with("title-page", &[("title", heading.as_str().into()), ("page", q.page.into())])
    } else {
        heading.clone()
    };
    let pager = pager(last_page, q.page, |n| q.url_with(&ctx, "page", None, n));
    let mut layout =
        Layout::new(&app, &ctx, &menu, &title, &ctx.t("publications-description"), "publications")
            .with_breadcrumbs(
                &ctx,
                vec![Crumb { label: ctx.t("nav-publications"), url: ctx.url("publications") }],
            )
            .everywhere(&ctx, "publications");
    layout = layout.with_canonical(&ctx, &q.url_with(&ctx, "page", None, q.page));
    app.html(
        &headers,
        &ctx,
        "publications.html",
        context! {
            layout, heading, total_text, publications, pager, active_filters, facets,
            list_url => ctx.url("publications"),
        },
    )
    // No `Shows`: a library is one of its site's lists, dropped with any change to them.
}

/// A language's own name, for download links and the language facet.
fn app_language_name(ctx: &Ctx, language: &str) -> String {
    ctx.i18n.language_name(&ctx.lang, language)
}

#[derive(Serialize)]
struct Download {
    url: String,
    language: String,
    language_code: String,
    title: String,
    size: String,
    pages: String,
}

/// `GET /{lang}/publications/{slug}`: one publication with its downloads and citations.
pub async fn show(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path((lang, slug)): Path<(String, String)>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    if !portico_content::is_valid_slug(&slug) {
        return Err(WebError::NotFound);
    }
    let store = app.store();
    let site = ctx.site.id;
    let fetch = |language: String, slug: String| async move {
        store.published_publication(site, &language, &slug).await
    };
    let (item, shown_in) = match app.published_or_elsewhere(&ctx, Kind::Publication, &slug, fetch).await? {
        Found::Shown(item, shown_in) => (item, shown_in),
        Found::Redirect(url) => return Ok(Redirect::to(&url).into_response()),
        Found::Missing => return Err(WebError::NotFound),
    };
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let head = DocumentHead {
        kind: Kind::Publication,
        id: item.id,
        slug: &item.slug,
        title: &item.title,
        summary: &item.summary,
    };
    let layout = document_layout(&app, &ctx, &menu, head, shown_in.as_deref()).await?;
    let files = store.publication_files(item.id).await?;
    // This version's file first, then the others in the order they were written.
    let mut ordered: Vec<&PublicationFile> = files.iter().filter(|f| f.language == item.language).collect();
    ordered.extend(files.iter().filter(|f| f.language != item.language));
    let downloads: Vec<Download> = ordered
        .iter()
        .map(|f| Download {
            url: app.public_media_url(&f.path),
            language: app_language_name(&ctx, &f.language),
            language_code: f.language.clone(),
            title: f.title.clone(),
            size: ctx.i18n.file_size(&ctx.lang, f.bytes),
            pages: if f.pages > 0 {
                ctx.t1("publication-pages", "count", i64::from(f.pages))
            } else {
                String::new()
            },
        })
        .collect();
    let cover = cover_of(&app, &item.publication).await?;
    let facts = publication_facts(&ctx, &item);
    // Its countries and themes lead to the library narrowed to them, as the library's facets do.
    let tags = store.document_tags(item.id).await?;
    let library = ctx.url("publications");
    let countries: Vec<Link> = tags
        .countries
        .iter()
        .map(|c| Link {
            name: ctx.country_name(c),
            url: format!("{library}?country={}", c.to_ascii_lowercase()),
        })
        .collect();
    let all_themes = store.themes().await?;
    let themes: Vec<Link> = tags
        .themes
        .iter()
        .filter_map(|slug| all_themes.iter().find(|t| &t.slug == slug))
        .map(|t| Link { name: t.name_in(&ctx.lang).to_owned(), url: format!("{library}?theme={}", t.slug) })
        .collect();
    let goals = crate::views::badges(&ctx, &tags.goals);
    let absolute = layout.canonical().to_owned();
    let publisher = ctx.site.name_in(&ctx.lang).to_owned();
    let citation = Citation::of(&item, &publisher, &absolute);
    let own_file = files.iter().find(|f| f.language == item.language);
    let seo = crate::seo::publication_meta(
        &ctx,
        &item,
        &absolute,
        cover.as_ref().map(|(_, url)| ctx.absolute(url)),
        own_file.map(|f| (ctx.absolute(&app.public_media_url(&f.path)), f.bytes, f.pages)),
    )?;
    let mut media: Vec<portico_content::MediaId> = files.iter().map(|f| f.media).collect();
    if let Some((m, _)) = &cover {
        media.push(m.id);
    }
    let view = context! {
        title => item.title,
        summary => item.summary,
        body_html => crate::views::headings_below_title(&item.body_html),
        facts,
        downloads,
        cover => cover.as_ref().map(|(m, url)| context! { url => url, alt => m.alt.clone() }),
        countries,
        themes,
        goals,
        apa => citation.apa,
        bibtex => citation.bibtex,
    };
    let shows = crate::cache::Shows { documents: vec![item.id], media, lists: vec![] };
    let mut response =
        app.html(&headers, &ctx, "publication.html", context! { layout, publication => view, seo })?;
    response.extensions_mut().insert(shows);
    Ok(response)
}

#[derive(Serialize)]
struct Fact {
    label: String,
    value: String,
}

fn publication_facts(ctx: &Ctx, item: &PublishedPublication) -> Vec<Fact> {
    let p = &item.publication;
    let fact = |label: &str, value: String| Fact { label: ctx.t(label), value };
    let mut facts = vec![
        fact("publication-authors", p.authors.clone()),
        fact("publication-year", p.year.to_string()),
        fact("publication-form", ctx.t(&format!("publication-form-{}", p.form.as_str()))),
    ];
    if !p.series.is_empty() {
        facts.push(fact("publication-series", p.series.clone()));
    }
    if !p.isbn.is_empty() {
        facts.push(fact("publication-isbn", hyphenated_isbn(&p.isbn)));
    }
    if !p.issn.is_empty() {
        facts.push(fact("publication-issn", p.issn.clone()));
    }
    facts
}

/// An ISBN-13 as `978-…-c`: prefix and check digit apart. The group and publisher hyphens
/// depend on registration ranges we do not carry, and every reader accepts this form.
fn hyphenated_isbn(isbn: &str) -> String {
    if isbn.len() == 13 && isbn.is_ascii() {
        format!("{}-{}-{}", &isbn[..3], &isbn[3..12], &isbn[12..])
    } else {
        isbn.to_owned()
    }
}

/// A publication's citation in APA (7th edition) and BibTeX.
struct Citation {
    apa: String,
    bibtex: String,
}

impl Citation {
    fn of(item: &PublishedPublication, publisher: &str, url: &str) -> Citation {
        let p = &item.publication;
        let series = if p.series.is_empty() { String::new() } else { format!(" ({})", p.series) };
        // APA leaves out the publisher when it is the author.
        let publisher_part = if p.authors == publisher { String::new() } else { format!(" {publisher}.") };
        let apa = format!("{}. ({}). {}{}.{} {}", p.authors, p.year, item.title, series, publisher_part, url);
        let entry = match p.form {
            Form::Book => "book",
            Form::Report | Form::Paper => "techreport",
        };
        let key = format!("{}{}", item.slug.split('-').next().unwrap_or("publication"), p.year);
        let mut fields = vec![
            ("title", format!("{{{}}}", bibtex_text(&item.title))),
            ("author", bibtex_authors(&p.authors)),
            ("year", p.year.to_string()),
            (if entry == "book" { "publisher" } else { "institution" }, bibtex_text(publisher)),
        ];
        if !p.series.is_empty() {
            fields.push(("series", bibtex_text(&p.series)));
        }
        if !p.isbn.is_empty() {
            fields.push(("isbn", hyphenated_isbn(&p.isbn)));
        }
        if !p.issn.is_empty() {
            fields.push(("issn", p.issn.clone()));
        }
        fields.push(("language", item.language.clone()));
        fields.push(("url", url.to_owned()));
        let body = fields.iter().map(|(k, v)| format!("  {k} = {{{v}}}")).collect::<Vec<_>>().join(",\n");
        Citation { apa, bibtex: format!("@{entry}{{{key},\n{body}\n}}") }
    }
}

/// Text for a BibTeX value: braces, which would unbalance the entry, and backslashes, which
/// would start commands, dropped; LaTeX's special characters escaped.
fn bibtex_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' | '}' | '\\' => {}
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The authors for BibTeX: personal names separated by semicolons become its `and` list; a
/// single name without a comma is an office, braced so that BibTeX does not split it.
fn bibtex_authors(authors: &str) -> String {
    if authors.contains(';') {
        authors
            .split(';')
            .map(|a| bibtex_text(a.trim()))
            .filter(|a| !a.is_empty())
            .collect::<Vec<_>>()
            .join(" and ")
    } else if authors.contains(',') {
        bibtex_text(authors)
    } else {
        format!("{{{}}}", bibtex_text(authors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibtex_values_cannot_break_out_of_their_braces() {
        assert_eq!(bibtex_text("A {bad} title \\end & 100%"), "A bad title end \\& 100\\%");
        assert_eq!(bibtex_authors("Migration Research Division"), "{Migration Research Division}");
        assert_eq!(bibtex_authors("Doe, Jane; Roe, Ann"), "Doe, Jane and Roe, Ann");
        assert_eq!(hyphenated_isbn("9789292680787"), "978-929268078-7");
    }
}
