//! `/{lang}/search`: full-text search over the current site's published releases and pages,
//! with facets (country, region, theme, kind, year, language) that refine it.
//!
//! The handler validates the reader's parameters, asks the search index off the async
//! threads and shapes the results for `search.html`. It never decides what is published:
//! the indexer (in the binary) feeds the index only what readers may see, following the
//! change log. Reader text is never an error: only filter values that cannot be right are.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use minijinja::context;
use portico_content::Kind;
use portico_search::{FacetCount, Hit, MAX_QUERY_CHARS, MAX_RESULT_WINDOW, SearchQuery, SearchResults};
use portico_store::Theme as TopicTheme;
use serde::Serialize;
use time::OffsetDateTime;

use crate::ctx::Ctx;
use crate::http::percent_encode_into;
use crate::http::{BodyMeta, respond};
use crate::pagination::{ActiveFilter, pager, shorten};
use crate::views::{Crumb, Layout, Link, country_link, iso_date};
use crate::{App, Scope, WebError};

type Result<T, E = WebError> = std::result::Result<T, E>;

/// Hits on one page of results.
const PER_PAGE: u32 = portico_search::DEFAULT_PER_PAGE;
/// More values than this in one facet is not a reader's request.
const MAX_VALUES_PER_FACET: usize = 50;
/// Facet values listed before the rest fold under "more".
const FACET_VALUES_SHOWN: usize = 8;

/// The facets, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facet {
    Country,
    Region,
    Theme,
    Kind,
    Year,
    Language,
}

impl Facet {
    const ALL: [Facet; 6] =
        [Facet::Kind, Facet::Language, Facet::Theme, Facet::Region, Facet::Country, Facet::Year];

    /// The query parameter.
    fn param(self) -> &'static str {
        match self {
            Facet::Country => "country",
            Facet::Region => "region",
            Facet::Theme => "theme",
            Facet::Kind => "kind",
            Facet::Year => "year",
            Facet::Language => "language",
        }
    }

    /// The facet's name, as the Fluent key `search-facet-{param}`.
    fn heading(self, ctx: &Ctx) -> String {
        ctx.t(&format!("search-facet-{}", self.param()))
    }

    /// "More …" under a long list (`search-more-{param}`).
    fn more_label(self, ctx: &Ctx) -> String {
        ctx.t(&format!("search-more-{}", self.param()))
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The counts of this facet in a result set.
    fn counts(self, results: &SearchResults) -> &[FacetCount] {
        let facets = &results.facets;
        match self {
            Facet::Country => &facets.country,
            Facet::Region => &facets.region,
            Facet::Theme => &facets.theme,
            Facet::Kind => &facets.kind,
            Facet::Year => &facets.year,
            Facet::Language => &facets.language,
        }
    }
}

/// A search request, validated. Facet values are kept as the index spells them (country
/// codes upper case, language codes as the site lists them).
struct SearchParams {
    /// What the reader typed, control characters blanked, at most [`MAX_QUERY_CHARS`].
    text: String,
    /// Whether the text was cut to [`MAX_QUERY_CHARS`].
    cut: bool,
    /// Selected values, by [`Facet::index`].
    selected: [Vec<String>; 6],
    page: u32,
}

impl SearchParams {
    fn parse(ctx: &Ctx, pairs: &[(String, String)], themes: &[TopicTheme]) -> Result<SearchParams> {
        let mut params =
            SearchParams { text: String::new(), cut: false, selected: Default::default(), page: 1 };
        let mut typed = String::new();
        for (key, value) in pairs {
            if key == "q" {
                if !typed.is_empty() {
                    typed.push(' ');
                }
                typed.push_str(value);
                continue;
            }
            let value = value.trim();
            if value.is_empty() {
                continue; // An empty field means "all".
            }
            if key == "page" {
                let page = value.parse::<u32>().ok().filter(|p| (1..=100_000).contains(p));
                params.page = page.ok_or_else(|| bad(ctx.t1("bad-page", "value", shorten(value))))?;
                continue;
            }
            let Some(facet) = Facet::ALL.into_iter().find(|f| f.param() == key) else {
                continue; // Unknown parameters (tracking tags and the like) change nothing.
            };
            let value = normalize(ctx, facet, value, themes)?;
            let values = &mut params.selected[facet.index()];
            if !values.contains(&value) {
                if values.len() >= MAX_VALUES_PER_FACET {
                    return Err(bad(ctx.t_with(
                        "search-too-many-values",
                        &[("facet", facet.heading(ctx).into()), ("max", MAX_VALUES_PER_FACET.into())],
                    )));
                }
                values.push(value);
            }
        }
        params.cut = typed.chars().count() > MAX_QUERY_CHARS;
        params.text =
            typed.chars().take(MAX_QUERY_CHARS).map(|c| if c.is_control() { ' ' } else { c }).collect();
        Ok(params)
    }

    /// Whether there is anything to search for (else the page shows the empty form).
    fn is_search(&self) -> bool {
        !self.text.trim().is_empty() || self.selected.iter().any(|values| !values.is_empty())
    }

    fn has_filters(&self) -> bool {
        self.selected.iter().any(|values| !values.is_empty())
    }

    fn is_selected(&self, facet: Facet, value: &str) -> bool {
        self.selected[facet.index()].iter().any(|v| v.eq_ignore_ascii_case(value))
    }

    fn query(&self, site: portico_content::SiteId) -> SearchQuery {
        let values = |facet: Facet| self.selected[facet.index()].clone();
        SearchQuery {
            site_id: site.0,
            text: self.text.clone(),
            countries: values(Facet::Country),
            regions: values(Facet::Region),
            themes: values(Facet::Theme),
            kinds: values(Facet::Kind),
            years: self.selected[Facet::Year.index()].iter().filter_map(|y| y.parse().ok()).collect(),
            languages: values(Facet::Language),
            page: self.page,
            per_page: PER_PAGE,
        }
    }

    /// The search URL with this request's text and filters, `toggle` added or removed,
    /// at `page`.
    fn url(&self, ctx: &Ctx, toggle: Option<(Facet, &str)>, page: u32) -> String {
        // Written into one string: a page of results links every facet value it shows.
        let mut url = ctx.url("search");
        let mut separator = '?';
        let mut param = |url: &mut String, name: &str, value: &str| {
            url.push(separator);
            separator = '&';
            url.push_str(name);
            url.push('=');
            percent_encode_into(url, value);
        };
        if !self.text.trim().is_empty() {
            param(&mut url, "q", self.text.trim());
        }
        for facet in Facet::ALL {
            let selected = &self.selected[facet.index()];
            let toggled = toggle.filter(|(f, _)| *f == facet).map(|(_, value)| value);
            let removed =
                toggled.and_then(|value| selected.iter().position(|v| v.eq_ignore_ascii_case(value)));
            let added = toggled.filter(|_| removed.is_none());
            let values = selected
                .iter()
                .enumerate()
                .filter(|(at, _)| Some(*at) != removed)
                .map(|(_, value)| value.as_str())
                .chain(added);
            for value in values {
                if facet == Facet::Country {
                    param(&mut url, facet.param(), &value.to_ascii_lowercase());
                } else {
                    param(&mut url, facet.param(), value);
                }
            }
        }
        if page > 1 {
            param(&mut url, "page", &page.to_string());
        }
        url
    }
}

/// Checks one facet value and spells it as the index does.
fn normalize(ctx: &Ctx, facet: Facet, value: &str, themes: &[TopicTheme]) -> Result<String> {
    let shown = shorten(value);
    let found = match facet {
        Facet::Country => portico_geo::country(value)
            .map(|c| c.iso2.to_owned())
            .ok_or_else(|| ctx.t1("bad-country", "value", shown)),
        Facet::Region => portico_geo::regions()
            .iter()
            .find(|r| r.code == value)
            .map(|r| r.code.to_owned())
            .ok_or_else(|| ctx.t1("bad-region", "value", shown)),
        Facet::Theme => themes
            .iter()
            .find(|t| t.slug == value)
            .map(|t| t.slug.clone())
            .ok_or_else(|| ctx.t1("bad-theme", "value", shown)),
        Facet::Kind => value.parse::<Kind>().map(|k| k.as_str().to_owned()).map_err(|_| {
            ctx.t_with("bad-kind", &[("value", shown.into()), ("kinds", Kind::listed().into())])
        }),
        Facet::Year => value
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=9999).contains(y))
            .map(|y| y.to_string())
            .ok_or_else(|| ctx.t1("bad-year", "value", shown)),
        Facet::Language => ctx
            .site
            .languages
            .iter()
            .find(|l| l.eq_ignore_ascii_case(value))
            .cloned()
            .ok_or_else(|| ctx.t1("bad-language", "value", shown)),
    };
    found.map_err(bad)
}

fn bad(message: String) -> WebError {
    WebError::BadRequest(message)
}

#[derive(Serialize)]
struct HitView {
    url: String,
    /// Escaped by the index, with `<mark>` around matched words.
    title_html: String,
    snippet_html: String,
    kind: String,
    date: Option<String>,
    date_iso: String,
    /// The hit's language, when it is not the page's.
    lang: Option<String>,
    language_name: Option<String>,
    dir: &'static str,
    countries: Vec<Link>,
}

impl HitView {
    fn new(ctx: &Ctx, hit: &Hit) -> HitView {
        let kind: Kind = hit.kind.parse().unwrap_or(Kind::Page);
        let is_release = kind == Kind::Release;
        let path = kind.path_of(&hit.slug);
        let published = OffsetDateTime::from_unix_timestamp(hit.published_at).ok();
        let other_language = (!hit.language.eq_ignore_ascii_case(&ctx.lang)).then(|| hit.language.clone());
        HitView {
            url: ctx.url_in(&hit.language, &path),
            title_html: hit.title_html.clone(),
            snippet_html: hit.snippet_html.clone(),
            kind: ctx.t(match kind {
                Kind::Release => "release-kicker",
                Kind::Vacancy => "vacancy-kicker",
                Kind::Publication => "publication-kicker",
                Kind::Page => "search-kind-page",
            }),
            date: published.filter(|_| is_release).map(|at| ctx.date(at)),
            date_iso: published.map(iso_date).unwrap_or_default(),
            language_name: other_language.as_deref().map(|l| crate::i18n::I18n::endonym(l).to_owned()),
            dir: crate::i18n::I18n::direction(&hit.language),
            lang: other_language,
            countries: hit.countries.iter().map(|code| country_link(ctx, code)).collect(),
        }
    }
}

#[derive(Serialize)]
struct FacetValueView {
    label: String,
    count: u64,
    /// The search with this value added, or removed when it is selected.
    url: String,
    selected: bool,
    /// For language names written in their own language.
    lang: Option<String>,
}

#[derive(Serialize)]
struct FacetView {
    param: &'static str,
    heading: String,
    more_label: String,
    shown: Vec<FacetValueView>,
    more: Vec<FacetValueView>,
}

#[derive(Serialize)]
struct Hidden {
    name: &'static str,
    value: String,
}

/// How a facet value reads on the page.
fn value_label(ctx: &Ctx, facet: Facet, value: &str, themes: &[TopicTheme]) -> String {
    match facet {
        Facet::Country => ctx.country_name(value),
        Facet::Region => {
            portico_geo::region(value).map_or_else(|| value.to_owned(), |r| r.name(ctx.geo_lang()).to_owned())
        }
        Facet::Theme => themes
            .iter()
            .find(|t| t.slug == value)
            .map_or_else(|| value.to_owned(), |t| t.name_in(&ctx.lang).to_owned()),
        Facet::Kind if value == Kind::Release.as_str() => ctx.t("admin-kind-releases"),
        Facet::Kind if value == Kind::Page.as_str() => ctx.t("admin-kind-pages"),
        Facet::Kind if value == Kind::Vacancy.as_str() => ctx.t("admin-kind-vacancies"),
        Facet::Kind if value == Kind::Publication.as_str() => ctx.t("admin-kind-publications"),
        Facet::Language => crate::i18n::I18n::endonym(value).to_owned(),
        Facet::Year => ctx.i18n.digits(&ctx.lang, value),
        Facet::Kind => value.to_owned(),
    }
}

fn facet_views(
    ctx: &Ctx,
    params: &SearchParams,
    results: &SearchResults,
    themes: &[TopicTheme],
) -> Vec<FacetView> {
    Facet::ALL
        .into_iter()
        .filter_map(|facet| {
            let mut values: Vec<FacetValueView> = facet
                .counts(results)
                .iter()
                .filter(|c| c.count > 0 || params.is_selected(facet, &c.value))
                .map(|c| {
                    // The index lower-cases language codes; links use the site's spelling.
                    let value = match facet {
                        Facet::Language => ctx
                            .site
                            .languages
                            .iter()
                            .find(|l| l.eq_ignore_ascii_case(&c.value))
                            .cloned()
                            .unwrap_or_else(|| c.value.clone()),
                        _ => c.value.clone(),
                    };
                    FacetValueView {
                        label: value_label(ctx, facet, &value, themes),
                        count: c.count,
                        url: params.url(ctx, Some((facet, &value)), 1),
                        selected: params.is_selected(facet, &value),
                        lang: (facet == Facet::Language).then(|| value.clone()),
                    }
                })
                .collect();
            if facet == Facet::Year {
                // Years read best in their own order, newest first, whatever their counts.
                values.sort_by(|a, b| b.label.cmp(&a.label));
            }
            // A facet with one unselected value cannot refine anything.
            if values.is_empty() || (values.len() == 1 && !values[0].selected) {
                return None;
            }
            let more = if values.len() > FACET_VALUES_SHOWN + 2 {
                values.split_off(FACET_VALUES_SHOWN)
            } else {
                Vec::new()
            };
            Some(FacetView {
                param: facet.param(),
                heading: facet.heading(ctx),
                more_label: facet.more_label(ctx),
                shown: values,
                more,
            })
        })
        .collect()
}

/// `GET /{lang}/search?q=…&country=…&region=…&theme=…&kind=…&year=…&language=…&page=…`.
pub async fn search(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
    query: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let Query(pairs) = query.map_err(|_| bad(ctx.t("search-unreadable")))?;
    let themes = app.themes().await?;
    let params = SearchParams::parse(&ctx, &pairs, &themes)?;

    let mut status = StatusCode::OK;
    let mut unavailable = false;
    let results = match (params.is_search(), app.search_index()) {
        (false, _) => None,
        (true, None) => {
            unavailable = true;
            status = StatusCode::SERVICE_UNAVAILABLE;
            None
        }
        (true, Some(index)) => {
            let index = index.clone();
            let request = params.query(ctx.site.id);
            let _turn = app
                .inner
                .searching
                .acquire()
                .await
                .map_err(|e| WebError::Internal(format!("search turn: {e}")))?;
            let results = tokio::task::spawn_blocking(move || index.search(&request))
                .await
                .map_err(|e| WebError::Internal(format!("search task: {e}")))?
                .map_err(|e| WebError::Internal(e.to_string()))?;
            Some(results)
        }
    };

    let window_pages = u32::try_from(MAX_RESULT_WINDOW).unwrap_or(u32::MAX).div_ceil(PER_PAGE);
    let last_page = results
        .as_ref()
        .map_or(1, |r| u32::try_from(r.total).unwrap_or(u32::MAX).div_ceil(PER_PAGE).clamp(1, window_pages));
    if results.as_ref().is_some_and(|r| r.total > 0) && params.page > last_page {
        return Err(WebError::NotFound);
    }

    let text = params.text.trim().to_owned();
    let hits: Vec<HitView> = results
        .as_ref()
        .map(|r| r.hits.iter().map(|hit| HitView::new(&ctx, hit)).collect())
        .unwrap_or_default();
    let facets = results.as_ref().map(|r| facet_views(&ctx, &params, r, &themes)).unwrap_or_default();
    let mut active_filters = Vec::new();
    let mut hidden = Vec::new();
    for facet in Facet::ALL {
        for value in &params.selected[facet.index()] {
            active_filters.push(ActiveFilter {
                label: facet.heading(&ctx),
                value: value_label(&ctx, facet, value, &themes),
                remove_url: params.url(&ctx, Some((facet, value)), 1),
            });
            let value = if facet == Facet::Country { value.to_ascii_lowercase() } else { value.clone() };
            hidden.push(Hidden { name: facet.param(), value });
        }
    }
    let total = results.as_ref().map_or(0, |r| r.total);
    let total_text = match total {
        0 => ctx.t("search-no-results"),
        n if last_page > 1 => ctx.t_with(
            "news-total-paged",
            &[
                ("releases", ctx.t1("search-result-count", "count", n).into()),
                ("page", params.page.into()),
                ("pages", last_page.into()),
            ],
        ),
        n => ctx.t1("search-result-count", "count", n),
    };
    let pager = pager(last_page, params.page, |n| params.url(&ctx, None, n));
    let notice = params.cut.then(|| ctx.t1("search-cut", "max", MAX_QUERY_CHARS));

    let heading = if text.is_empty() {
        ctx.t("search-heading")
    } else {
        ctx.t1("search-results-for", "text", text.clone())
    };
    let title = match (text.is_empty(), params.page) {
        (true, _) => ctx.t("search-heading"),
        (false, 1) => ctx.t1("search-title", "text", text.clone()),
        (false, page) => ctx.t_with(
            "title-page",
            &[("title", ctx.t1("search-title", "text", text.clone()).into()), ("page", page.into())],
        ),
    };
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let layout = Layout::new(&app, &ctx, &menu, &title, &ctx.t("search-description"), "search")
        .with_breadcrumbs(&ctx, vec![Crumb { label: ctx.t("search-heading"), url: ctx.url("search") }])
        .everywhere(&ctx, "search");
    let body = app.theme().render(
        "search.html",
        context! {
            layout, heading, text, notice, unavailable, hidden, hits, facets, active_filters, total_text,
            pager,
            searched => results.is_some(),
            has_filters => params.has_filters(),
            search_url => ctx.url("search"),
            clear_url => SearchParams { selected: Default::default(), ..params }.url(&ctx, None, 1),
        },
    )?;
    let meta = BodyMeta {
        status,
        content_type: "text/html; charset=utf-8",
        language: Some(&ctx.lang),
        // Results follow publishing within a second: shared caches may keep them only briefly.
        cache_control: "public, max-age=0, s-maxage=5, stale-while-revalidate=30",
    };
    Ok(respond(&headers, meta, body.into_bytes()))
}
