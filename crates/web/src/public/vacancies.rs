//! Vacancies: the list of open ones with its filters, each vacancy's page, and their feeds.
//!
//! A vacancy changes by the clock alone: it opens, closes, and a year after closing leaves the
//! site. Every response here is therefore cached — by the page cache, a CDN, a browser — no
//! longer than until the next such moment among what it shows ([`limit_lifetime`]), so that
//! none serves a closed vacancy as open.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use portico_content::Kind;
use portico_content::vacancy::{Contract, Eligibility, GRADES, Phase, Vacancy};
use portico_store::{PublishedVacancy, VACANCY_PAGE, VacancyFilter};
use serde::Serialize;
use time::OffsetDateTime;

use crate::ctx::{Ctx, site_url};
use crate::feeds::{Category, Entry, Feed, atom_xml, rss_xml, tag_authority};
use crate::head::{FeedLink, Format};
use crate::http::{BodyMeta, limit_lifetime, respond};
use crate::pagination::{ActiveFilter, pager, shorten};
use crate::views::{Crumb, Layout, iso_date};
use crate::{App, Scope, WebError};

use super::{DocumentHead, Found, document_layout};

type Result<T, E = WebError> = std::result::Result<T, E>;

/// Vacancies in a feed: a list's first page.
const FEED_SIZE: i64 = VACANCY_PAGE;

/// A vacancy list's filters and page, as read from its query string.
#[derive(Debug, Default)]
struct VacancyQuery {
    filter: VacancyFilter,
    page: u32,
}

impl VacancyQuery {
    /// Reads `pairs`; a value that names nothing is a 400 saying which.
    fn parse(ctx: &Ctx, pairs: &[(String, String)]) -> Result<VacancyQuery> {
        let mut q = VacancyQuery { page: 1, ..VacancyQuery::default() };
        let bad = |key: &str, value: &str| WebError::BadRequest(ctx.t1(key, "value", shorten(value)));
        for (key, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
            match key.as_str() {
                "country" => {
                    let code = value.to_ascii_uppercase();
                    if portico_geo::country(&code).is_none_or(|c| c.iso2 != code) {
                        return Err(bad("bad-country", value));
                    }
                    q.filter.country = Some(code);
                }
                "grade" => {
                    let grade = GRADES
                        .iter()
                        .find(|g| g.eq_ignore_ascii_case(value))
                        .ok_or(bad("bad-grade", value))?;
                    q.filter.grade = Some((*grade).to_owned());
                }
                "contract" => {
                    q.filter.contract = Some(Contract::parse(value).ok_or(bad("bad-contract", value))?)
                }
                "closing" if value == "soon" => q.filter.closing_soon = true,
                "closing" => return Err(bad("bad-closing", value)),
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

    /// The query string of this list at `page`, without `without` (one filter's key).
    fn query_string(&self, without: Option<&str>, page: u32) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(country) = &self.filter.country {
            pairs.push(("country", country.to_ascii_lowercase()));
        }
        if let Some(grade) = &self.filter.grade {
            pairs.push(("grade", grade.clone()));
        }
        if let Some(contract) = self.filter.contract {
            pairs.push(("contract", contract.as_str().to_owned()));
        }
        if self.filter.closing_soon {
            pairs.push(("closing", "soon".to_owned()));
        }
        pairs.retain(|(key, _)| Some(*key) != without);
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        pairs
            .iter()
            .map(|(key, value)| format!("{key}={}", crate::http::percent_encode(value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    fn url(&self, ctx: &Ctx, without: Option<&str>, page: u32) -> String {
        let query = self.query_string(without, page);
        let list = ctx.url("vacancies");
        if query.is_empty() { list } else { format!("{list}?{query}") }
    }
}

/// A vacancy as lists and feeds show it.
#[derive(Serialize)]
struct VacancyCard {
    url: String,
    title: String,
    summary: String,
    reference: String,
    grade: String,
    contract: String,
    duty_station: String,
    closes: String,
    closes_iso: String,
    closing_soon: bool,
    internal: bool,
    from_site: Option<String>,
}

/// "4 December 2026, 23:59 (UTC-06:00)": a time as the duty station reads it.
fn local_time(ctx: &Ctx, at: OffsetDateTime) -> String {
    format!(
        "{}, {:02}:{:02} ({})",
        ctx.date(at),
        at.hour(),
        at.minute(),
        portico_content::vacancy::offset_label(at.offset())
    )
}

fn rfc3339(at: OffsetDateTime) -> String {
    crate::xml::rfc3339(at).unwrap_or_default()
}

fn contract_label(ctx: &Ctx, contract: Contract) -> String {
    ctx.t(&format!("vacancy-contract-{}", contract.as_str().replace('_', "-")))
}

fn grade_label(ctx: &Ctx, grade: &str) -> String {
    match grade {
        "consultant" | "intern" | "UG" => ctx.t(&format!("vacancy-grade-{}", grade.to_ascii_lowercase())),
        other => other.to_owned(),
    }
}

fn duty_station(ctx: &Ctx, vacancy: &Vacancy) -> String {
    format!("{}, {}", vacancy.duty_city, ctx.country_name(&vacancy.duty_country))
}

/// A vacancy's address: on this site, or on the global site for one it lists from there.
fn vacancy_url(app: &App, ctx: &Ctx, item: &PublishedVacancy) -> String {
    let path = Kind::Vacancy.path_of(&item.slug);
    if item.site == ctx.site.id {
        return ctx.url(&path);
    }
    match app.sites().iter().find(|s| s.id == item.site) {
        Some(site) => site_url(ctx, site, &path),
        None => ctx.url(&path),
    }
}

fn card(app: &App, ctx: &Ctx, item: &PublishedVacancy, now: OffsetDateTime) -> VacancyCard {
    let vacancy = &item.vacancy;
    VacancyCard {
        url: vacancy_url(app, ctx, item),
        title: item.title.clone(),
        summary: item.summary.clone(),
        reference: vacancy.reference.clone(),
        grade: grade_label(ctx, &vacancy.grade),
        contract: contract_label(ctx, vacancy.contract),
        duty_station: duty_station(ctx, vacancy),
        closes: local_time(ctx, vacancy.closes_at),
        closes_iso: rfc3339(vacancy.closes_at),
        closing_soon: vacancy.closing_soon(now),
        internal: vacancy.eligibility == Eligibility::Internal,
        from_site: (item.site != ctx.site.id).then(|| ctx.t("from-global-site")),
    }
}

/// Seconds an HTML page may be served by shared caches, counting stale-while-revalidate (see
/// `App::html`).
const HTML_LIFETIME: i64 = 60 + 300;
/// The same for feeds (see `crate::feeds`).
const FEED_LIFETIME: i64 = 300 + 600;

#[derive(Serialize)]
struct SelectOption {
    value: String,
    label: String,
    selected: bool,
}

/// The vacancy feeds of `ctx`'s language, for a page's head.
fn feed_links(ctx: &Ctx) -> Vec<FeedLink> {
    let title = format!("{} – {}", ctx.site.name_in(&ctx.lang), ctx.t("nav-vacancies"));
    [(Format::Atom, "Atom"), (Format::Rss, "RSS")]
        .into_iter()
        .map(|(format, name)| FeedLink {
            mime: format.mime(),
            title: format!("{title} ({name})"),
            url: ctx.absolute(&ctx.url(&format!("vacancies.{}", format.extension()))),
        })
        .collect()
}

/// `GET /{lang}/vacancies`: the open vacancies, closing soonest first, filtered and paginated.
pub async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let Query(pairs) = query.map_err(|_| WebError::BadRequest(ctx.t("bad-query")))?;
    let q = VacancyQuery::parse(&ctx, &pairs)?;
    let store = app.store();
    let country = ctx.site.country.as_deref();
    let offset = i64::from(q.page - 1) * VACANCY_PAGE;
    // Two connections, so two SQLite worker threads: both read side by side.
    let (list, next_change) = tokio::try_join!(
        store.open_vacancies(ctx.site.id, country, &ctx.lang, &q.filter, VACANCY_PAGE, offset),
        store.next_vacancy_change(ctx.site.id, country),
    )?;
    let last_page = u32::try_from((list.total + VACANCY_PAGE - 1) / VACANCY_PAGE).unwrap_or(u32::MAX).max(1);
    if q.page > last_page {
        return Err(WebError::NotFound);
    }
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let now = OffsetDateTime::now_utc();
    let vacancies: Vec<VacancyCard> = list.items.iter().map(|item| card(&app, &ctx, item, now)).collect();

    let mut country_options: Vec<SelectOption> = portico_geo::countries()
        .iter()
        .map(|c| SelectOption {
            value: c.iso2.to_ascii_lowercase(),
            label: c.name(ctx.geo_lang()).to_owned(),
            selected: q.filter.country.as_deref() == Some(c.iso2),
        })
        .collect();
    crate::i18n::I18n::sort_by_name(&ctx.lang, &mut country_options, |o| &o.label);
    let grade_options: Vec<SelectOption> = GRADES
        .iter()
        .map(|g| SelectOption {
            value: (*g).to_owned(),
            label: grade_label(&ctx, g),
            selected: q.filter.grade.as_deref() == Some(*g),
        })
        .collect();
    let contract_options: Vec<SelectOption> = Contract::ALL
        .iter()
        .map(|c| SelectOption {
            value: c.as_str().to_owned(),
            label: contract_label(&ctx, *c),
            selected: q.filter.contract == Some(*c),
        })
        .collect();

    let mut active_filters = Vec::new();
    if let Some(code) = &q.filter.country {
        active_filters.push(ActiveFilter {
            label: ctx.t("filter-country"),
            value: ctx.country_name(code),
            remove_url: q.url(&ctx, Some("country"), 1),
        });
    }
    if let Some(grade) = &q.filter.grade {
        active_filters.push(ActiveFilter {
            label: ctx.t("vacancy-grade"),
            value: grade_label(&ctx, grade),
            remove_url: q.url(&ctx, Some("grade"), 1),
        });
    }
    if let Some(contract) = q.filter.contract {
        active_filters.push(ActiveFilter {
            label: ctx.t("vacancy-contract"),
            value: contract_label(&ctx, contract),
            remove_url: q.url(&ctx, Some("contract"), 1),
        });
    }
    if q.filter.closing_soon {
        active_filters.push(ActiveFilter {
            label: ctx.t("vacancy-closing"),
            value: ctx.t("vacancy-closing-soon"),
            remove_url: q.url(&ctx, Some("closing"), 1),
        });
    }
    let total_text = match list.total {
        0 => ctx.t("vacancies-total-none"),
        n => ctx.t1("vacancy-count", "count", n),
    };
    let heading = ctx.t("vacancies-heading");
    let title = if q.page > 1 {
        ctx.t_with("title-page", &[("title", heading.as_str().into()), ("page", q.page.into())])
    } else {
        heading.clone()
    };
    let pager = pager(last_page, q.page, |n| q.url(&ctx, None, n));
    let mut layout = Layout::new(&app, &ctx, &menu, &title, &ctx.t("vacancies-description"), "vacancies")
        .with_breadcrumbs(&ctx, vec![Crumb { label: ctx.t("nav-vacancies"), url: ctx.url("vacancies") }])
        .everywhere(&ctx, "vacancies");
    layout = layout.with_canonical(&ctx, &q.url(&ctx, None, q.page));
    layout.feeds = feed_links(&ctx);
    let feed = ctx.url("vacancies.atom");
    let mut response = app.html(
        &headers,
        &ctx,
        "vacancies.html",
        context! {
            layout, heading, total_text, vacancies, pager, active_filters, feed,
            country_options, grade_options, contract_options,
            closing_soon => q.filter.closing_soon, list_url => ctx.url("vacancies"),
        },
    )?;
    limit_lifetime(&mut response, next_change, HTML_LIFETIME);
    Ok(response)
}

#[derive(Serialize)]
struct Fact {
    label: String,
    value: String,
    /// A machine-readable time, for `<time datetime>`.
    datetime: Option<String>,
}

/// `GET /{lang}/vacancies/{slug}`: one vacancy, open, closed (for a year) or not yet open.
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
    let fetch =
        |language: String, slug: String| async move { store.published_vacancy(site, &language, &slug).await };
    let (item, shown_in) = match app.published_or_elsewhere(&ctx, Kind::Vacancy, &slug, fetch).await? {
        Found::Shown(item, shown_in) => (item, shown_in),
        Found::Redirect(url) => return Ok(Redirect::to(&url).into_response()),
        Found::Missing => return Err(WebError::NotFound),
    };
    let now = OffsetDateTime::now_utc();
    let vacancy = &item.vacancy;
    let phase = vacancy.phase(now);
    if phase == Phase::Gone {
        return Err(WebError::Gone(ctx.t1("vacancy-gone", "date", ctx.date(vacancy.closes_at))));
    }
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let head = DocumentHead {
        kind: Kind::Vacancy,
        id: item.id,
        slug: &item.slug,
        title: &item.title,
        summary: &item.summary,
    };
    let mut layout = document_layout(&app, &ctx, &menu, head, shown_in.as_deref()).await?;
    layout.feeds = feed_links(&ctx);
    let fact = |label: &str, value: String| Fact { label: ctx.t(label), value, datetime: None };
    let mut facts = vec![
        fact("vacancy-reference", vacancy.reference.clone()),
        fact("vacancy-duty-station", duty_station(&ctx, vacancy)),
        fact("vacancy-grade", grade_label(&ctx, &vacancy.grade)),
        fact("vacancy-contract", contract_label(&ctx, vacancy.contract)),
    ];
    if !vacancy.duration.is_empty() {
        facts.push(fact("vacancy-duration", vacancy.duration.clone()));
    }
    if !vacancy.unit.is_empty() {
        facts.push(fact("vacancy-unit", vacancy.unit.clone()));
    }
    facts.push(fact(
        "vacancy-eligibility",
        ctx.t(match vacancy.eligibility {
            Eligibility::External => "vacancy-eligibility-external",
            Eligibility::Internal => "vacancy-eligibility-internal",
        }),
    ));
    facts.push(Fact {
        label: ctx.t("vacancy-opens"),
        value: local_time(&ctx, vacancy.opens_at),
        datetime: Some(rfc3339(vacancy.opens_at)),
    });
    facts.push(Fact {
        label: ctx.t("vacancy-closes"),
        value: local_time(&ctx, vacancy.closes_at),
        datetime: Some(rfc3339(vacancy.closes_at)),
    });
    let status = match phase {
        Phase::Open if vacancy.closing_soon(now) => ctx.t("vacancy-status-closing-soon"),
        Phase::Open => ctx.t("vacancy-status-open"),
        Phase::NotYetOpen => {
            ctx.t1("vacancy-status-not-yet-open", "date", local_time(&ctx, vacancy.opens_at))
        }
        Phase::Closed | Phase::Gone => {
            ctx.t1("vacancy-status-closed", "date", local_time(&ctx, vacancy.closes_at))
        }
    };
    let seo = crate::seo::job_posting_meta(&ctx, &item, layout.canonical(), phase == Phase::Open)?;
    let view = context! {
        title => item.title,
        summary => item.summary,
        body_html => crate::views::headings_below_title(&item.body_html),
        facts,
        status,
        open => phase == Phase::Open,
        closed => phase == Phase::Closed,
        apply_href => vacancy.apply_href(),
        apply_to => vacancy.apply_to,
        posted => ctx.date(item.published_at),
        posted_iso => iso_date(item.published_at),
    };
    let shows = crate::cache::Shows { documents: vec![item.id], media: vec![], lists: vec![] };
    let mut response = app.html(&headers, &ctx, "vacancy.html", context! { layout, vacancy => view, seo })?;
    response.extensions_mut().insert(shows);
    limit_lifetime(&mut response, vacancy.next_change(now), HTML_LIFETIME);
    Ok(response)
}

/// `GET /{lang}/vacancies.atom`.
pub async fn atom(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    feed(&app, &headers, &scope, &lang, query, Format::Atom).await
}

/// `GET /{lang}/vacancies.rss`.
pub async fn rss(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    feed(&app, &headers, &scope, &lang, query, Format::Rss).await
}

/// The open vacancies as a feed, newest list first page, taking the list's filters.
async fn feed(
    app: &App,
    headers: &HeaderMap,
    scope: &Scope,
    lang: &str,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    format: Format,
) -> Result<Response> {
    let ctx = app.ctx(scope, lang)?;
    let Query(pairs) = query.map_err(|_| WebError::BadRequest(ctx.t("bad-query")))?;
    let q = VacancyQuery::parse(&ctx, &pairs)?;
    let store = app.store();
    let country = ctx.site.country.as_deref();
    let (list, next_change) = tokio::try_join!(
        store.open_vacancies(ctx.site.id, country, &ctx.lang, &q.filter, FEED_SIZE, 0),
        store.next_vacancy_change(ctx.site.id, country),
    )?;
    let authority = tag_authority(&ctx.site, &ctx.origin);
    let site_name = ctx.site.name_in(&ctx.lang).to_owned();
    let countries_url = ctx.absolute(&format!("{}?country=", ctx.url("vacancies")));
    let entries: Vec<Entry> = list
        .items
        .iter()
        .map(|item| {
            let vacancy = &item.vacancy;
            let created = item.published_at.to_offset(time::UtcOffset::UTC).date();
            let url = vacancy_url(app, &ctx, item);
            let facts = format!(
                "{} · {} · {} · {}",
                duty_station(&ctx, vacancy),
                grade_label(&ctx, &vacancy.grade),
                contract_label(&ctx, vacancy.contract),
                ctx.t1("vacancy-closes-on", "date", local_time(&ctx, vacancy.closes_at)),
            );
            Entry {
                id: format!(
                    "tag:{authority},{:04}-{:02}-{:02}:vacancy/{}/{}",
                    created.year(),
                    u8::from(created.month()),
                    created.day(),
                    item.id,
                    ctx.lang
                ),
                title: item.title.clone(),
                url: if url.starts_with('/') { ctx.absolute(&url) } else { url },
                summary: if item.summary.is_empty() {
                    facts.clone()
                } else {
                    format!("{} — {facts}", item.summary)
                },
                content_html: String::new(),
                published: item.published_at,
                updated: item.updated_at.max(item.published_at),
                categories: vec![Category {
                    term: vacancy.duty_country.to_ascii_lowercase(),
                    label: ctx.country_name(&vacancy.duty_country),
                    scheme: countries_url.clone(),
                }],
            }
        })
        .collect();
    let filters = q.query_string(None, 1);
    let with_filters = |url: String| if filters.is_empty() { url } else { format!("{url}?{filters}") };
    let feed = Feed {
        lang: ctx.lang.clone(),
        title: format!("{site_name} – {}", ctx.t("nav-vacancies")),
        subtitle: ctx.t1("vacancies-feed-subtitle", "site", site_name.clone()),
        self_url: with_filters(ctx.absolute(&ctx.url(&format!("vacancies.{}", format.extension())))),
        html_url: ctx.absolute(&q.url(&ctx, None, 1)),
        author: site_name,
        author_url: ctx.absolute(&ctx.url("")),
        updated: entries.iter().map(|e| e.updated).max().unwrap_or(OffsetDateTime::UNIX_EPOCH),
        entries,
    };
    let body = match format {
        Format::Atom => atom_xml(&feed)?,
        Format::Rss => rss_xml(&feed)?,
    };
    let meta = BodyMeta {
        status: StatusCode::OK,
        content_type: format.content_type(),
        language: Some(&ctx.lang),
        cache_control: "public, max-age=300, s-maxage=300, stale-while-revalidate=600",
    };
    let mut response = respond(headers, meta, body);
    limit_lifetime(&mut response, next_change, FEED_LIFETIME);
    Ok(response)
}
