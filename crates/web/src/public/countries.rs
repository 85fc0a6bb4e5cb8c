//! Where we work: the regions and their countries, and a page per country.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use portico_store::ReleaseFilter;
use serde::Serialize;

use crate::ctx::site_url;
use crate::views::{Crumb, Layout, Link, ReleaseCard};
use crate::{App, Scope, WebError};

use super::find_menu_item;

type Result<T, E = WebError> = std::result::Result<T, E>;

/// Every country, in the order of its name in `geo_lang` as `language` sorts it. Static data:
/// sorted the first time a page in `language` needs it, then kept, since collating some
/// 250 names took a tenth of the page's time.
fn countries_by_name(language: &str, geo_lang: portico_geo::Lang) -> Arc<[&'static portico_geo::Country]> {
    type Orders = RwLock<HashMap<(String, portico_geo::Lang), Arc<[&'static portico_geo::Country]>>>;
    static ORDERS: OnceLock<Orders> = OnceLock::new();
    let orders = ORDERS.get_or_init(Default::default);
    let key = (language.to_owned(), geo_lang);
    if let Some(order) = orders.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return order.clone();
    }
    let mut countries: Vec<&'static portico_geo::Country> = portico_geo::countries().iter().collect();
    crate::i18n::I18n::sort_by_name(language, &mut countries, |c| c.name(geo_lang));
    let order: Arc<[&'static portico_geo::Country]> = countries.into();
    orders.write().unwrap_or_else(|e| e.into_inner()).insert(key, order.clone());
    order
}

#[derive(Serialize)]
struct CountryEntry {
    name: String,
    url: String,
    releases: i64,
}

#[derive(Serialize)]
struct SubregionGroup {
    name: String,
    countries: Vec<CountryEntry>,
}

#[derive(Serialize)]
struct RegionGroup {
    code: String,
    name: String,
    subregions: Vec<SubregionGroup>,
}

/// `GET /{lang}/where-we-work`: every country, grouped by region and sub-region.
pub async fn where_we_work(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path(lang): Path<String>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let store = app.store();
    // Each read on its own connection, so its own SQLite worker thread: side by side.
    let (menu, page, counts) = tokio::try_join!(
        app.menu(ctx.site.id, &ctx.lang),
        store.published_page(ctx.site.id, &ctx.lang, "where-we-work"),
        store.release_counts_by_country(ctx.site.id, &ctx.lang),
    )?;
    let releases_of: HashMap<&str, i64> = counts.iter().map(|(code, n)| (code.as_str(), *n)).collect();
    let geo_lang = ctx.geo_lang();
    let entry = |c: &portico_geo::Country| CountryEntry {
        name: c.name(geo_lang).to_owned(),
        url: ctx.url(&format!("where-we-work/{}", c.iso2.to_ascii_lowercase())),
        releases: releases_of.get(c.iso2).copied().unwrap_or(0),
    };
    // One pass over the countries in the order of their names, each into its sub-region.
    let mut by_subregion: HashMap<&str, Vec<CountryEntry>> = HashMap::new();
    let mut elsewhere = Vec::new();
    for country in countries_by_name(&ctx.lang, geo_lang).iter() {
        match country.subregion {
            Some(sub) => by_subregion.entry(sub.code).or_default().push(entry(country)),
            None => elsewhere.push(entry(country)),
        }
    }
    let mut regions: Vec<RegionGroup> = portico_geo::regions()
        .iter()
        .map(|region| RegionGroup {
            code: region.code.to_owned(),
            name: region.name(geo_lang).to_owned(),
            subregions: portico_geo::subregions_of(region)
                .filter_map(|sub| {
                    let countries = by_subregion.remove(sub.code)?;
                    Some(SubregionGroup { name: sub.name(geo_lang).to_owned(), countries })
                })
                .collect(),
        })
        .collect();
    if !elsewhere.is_empty() {
        regions.push(RegionGroup {
            code: "other".to_owned(),
            name: ctx.t("region-other"),
            subregions: vec![SubregionGroup { name: ctx.t("subregion-other"), countries: elsewhere }],
        });
    }
    let title = page.as_ref().map_or_else(|| ctx.t("nav-where-we-work"), |p| p.title.clone());
    let description = page.as_ref().map(|p| p.summary.clone()).unwrap_or_default();
    let offices: Vec<String> = app.sites().iter().filter_map(|s| s.country.clone()).collect();
    let covered: Vec<String> = counts.iter().filter(|(_, n)| *n > 0).map(|(code, _)| code.clone()).collect();
    let map = super::world_map::world_map(
        &super::world_map::Marked { offices: &offices, covered: &covered },
        |code| portico_geo::country(code).map_or_else(|| code.to_owned(), |c| c.name(geo_lang).to_owned()),
        |code| ctx.url(&format!("where-we-work/{}", code.to_ascii_lowercase())),
        &ctx.t("map-title"),
        &ctx.t("map-description"),
    );
    let layout = Layout::new(&app, &ctx, &menu, &title, &description, "where-we-work")
        .with_breadcrumbs(&ctx, vec![Crumb { label: title.clone(), url: ctx.url("where-we-work") }])
        .everywhere(&ctx, "where-we-work");
    app.html(&headers, &ctx, "where_we_work.html", context! { layout, title, page, regions, map })
}

#[derive(Serialize)]
struct CountryView {
    name: String,
    region: String,
    subregion: String,
}

/// `GET /{lang}/where-we-work/{iso2}`: one country and its latest releases.
pub async fn country(
    State(app): State<App>,
    headers: HeaderMap,
    scope: Scope,
    Path((lang, iso2)): Path<(String, String)>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let Some(country) = portico_geo::country(&iso2) else {
        return Err(WebError::NotFound);
    };
    let canonical = ctx.url(&format!("where-we-work/{}", country.iso2.to_ascii_lowercase()));
    if iso2 != country.iso2.to_ascii_lowercase() {
        return Ok(Redirect::permanent(&canonical).into_response());
    }
    let store = app.store();
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let filter = ReleaseFilter { country: Some(country.iso2.to_owned()), ..ReleaseFilter::default() };
    let list = store.published_releases(ctx.site.id, &ctx.lang, &filter, 1, 12).await?;
    // On the global site, a country with an office site of its own links to it.
    let sites = app.sites();
    let office = sites
        .iter()
        .find(|s| s.id != ctx.site.id && s.country.as_deref() == Some(country.iso2))
        .map(|s| Link { name: s.name_in(&ctx.lang).to_owned(), url: site_url(&ctx, s, "") });
    let geo_lang = ctx.geo_lang();
    let view = CountryView {
        name: country.name(geo_lang).to_owned(),
        region: country.region.map_or_else(|| ctx.t("region-other"), |r| r.name(geo_lang).to_owned()),
        subregion: country.subregion.map(|r| r.name(geo_lang).to_owned()).unwrap_or_default(),
    };
    let where_label = find_menu_item(&menu, "where-we-work")
        .map_or_else(|| ctx.t("nav-where-we-work"), |m| m.label.clone());
    let layout = Layout::new(
        &app,
        &ctx,
        &menu,
        &view.name,
        &ctx.t1("country-description", "country", view.name.clone()),
        "where-we-work",
    )
    .with_breadcrumbs(
        &ctx,
        vec![
            Crumb { label: where_label, url: ctx.url("where-we-work") },
            Crumb { label: view.name.clone(), url: canonical.clone() },
        ],
    )
    .everywhere(&ctx, canonical.trim_start_matches(&format!("{}/{}/", ctx.base, ctx.lang)));
    let releases: Vec<ReleaseCard> =
        list.items.iter().map(|r| ReleaseCard::new(&ctx, r, &app.sites())).collect();
    let news_url = format!("{}?country={}", ctx.url("news"), country.iso2.to_ascii_lowercase());
    let layout = layout.with_canonical(&ctx, &canonical).with_filtered_feeds(
        &ctx,
        &format!("country={}", country.iso2.to_ascii_lowercase()),
        &ctx.t1("feed-label", "filters", view.name.clone()),
    );
    let mut response = app.html(
        &headers,
        &ctx,
        "country.html",
        context! { layout, country => view, releases, total => list.total, news_url, office },
    )?;
    let [a, b] = country.iso2.as_bytes() else { return Ok(response) };
    let list = portico_store::TouchedList::Country(ctx.site.id, [*a, *b]);
    response.extensions_mut().insert(crate::cache::Shows::list(list));
    Ok(response)
}
