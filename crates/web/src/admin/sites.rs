//! Sites (admins): the global site and each country office's, with their languages and host
//! names; and, per site, which documents still need translating.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use portico_content::{Action, DocumentId, SiteId};
use portico_store::{NewSite, Site, StoreError};
use serde::Serialize;

use super::documents::{NoticeQuery, doc_url};
use super::{AdminLayout, FormData, admin_page, admin_page_with_status, notice, see_other};
use crate::session::Signed;
use crate::{App, WebError};

/// What a site form holds, as typed.
#[derive(Serialize, Default, Clone)]
struct SiteForm {
    key: String,
    name: String,
    names: String,
    languages: String,
    hosts: String,
    country: String,
    fallback: bool,
}

impl SiteForm {
    fn of(site: &Site) -> SiteForm {
        SiteForm {
            key: site.key.clone(),
            name: site.name.clone(),
            names: site.names.iter().map(|(l, n)| format!("{l}: {n}")).collect::<Vec<_>>().join("\n"),
            languages: site.languages.join(", "),
            hosts: site.hosts.join(", "),
            country: site.country.clone().unwrap_or_default(),
            fallback: site.fallback_to_default,
        }
    }

    fn read(form: &FormData) -> SiteForm {
        SiteForm {
            key: form.get("key").trim().to_lowercase(),
            name: form.get("name").trim().to_owned(),
            names: form.get("names").trim().to_owned(),
            languages: form.get("languages").trim().to_lowercase(),
            hosts: form.get("hosts").trim().to_lowercase(),
            country: form.get("country").trim().to_uppercase(),
            fallback: form.get("missing") != "not_found",
        }
    }
}

fn list(value: &str) -> Vec<String> {
    value.split([',', ' ', '\n']).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect()
}

/// Checks a site's settings by the domain's rules (the same as `portico site add`); the
/// problem as a sentence.
pub fn validate_site(
    key: &str,
    name: &str,
    languages: &[String],
    hosts: &[String],
    country: Option<&str>,
) -> Result<(), String> {
    let is_country = |code: &str| portico_geo::country(code).is_some_and(|c| c.iso2 == code);
    portico_content::validate_site(key, name, languages, hosts, country, is_country).map_err(|e| e.message)
}

fn new_site(form: &SiteForm) -> Result<NewSite, String> {
    let languages = list(&form.languages);
    let hosts = list(&form.hosts);
    let country = (!form.country.is_empty()).then(|| form.country.clone());
    validate_site(&form.key, &form.name, &languages, &hosts, country.as_deref())?;
    let mut names = std::collections::BTreeMap::new();
    for line in form.names.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (language, name) = line
            .split_once(':')
            .ok_or_else(|| format!("Write names per language as \"fr: Nom du site\"; {line:?} is not."))?;
        let language = language.trim().to_lowercase();
        if !languages.contains(&language) {
            return Err(format!("{language:?} is not one of the site's languages."));
        }
        names.insert(language, name.trim().to_owned());
    }
    Ok(NewSite {
        key: form.key.clone(),
        name: form.name.clone(),
        languages,
        country,
        hosts,
        names,
        fallback_to_default: form.fallback,
    })
}

#[derive(Serialize)]
struct SiteRow {
    key: String,
    name: String,
    languages: String,
    hosts: String,
    country: String,
}

fn require_sites(app: &App, user: &Signed) -> Result<(), WebError> {
    user.require(Action::ManageSites, app.sites().first().map(|s| s.id).unwrap_or(SiteId(0)))
}

async fn render_list(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    form: SiteForm,
    error: Option<String>,
    notice: Option<String>,
) -> Result<Response, WebError> {
    let sites: Vec<SiteRow> = app
        .sites()
        .iter()
        .map(|s| SiteRow {
            key: s.key.clone(),
            name: s.name.clone(),
            languages: s.languages.join(", "),
            hosts: s.hosts.join(", "),
            country: s.country.clone().unwrap_or_default(),
        })
        .collect();
    let layout = AdminLayout::new(app, user, &user.t("admin-nav-sites"), "/admin/sites").with_notice(notice);
    admin_page_with_status(app, headers, status, "admin/sites.html", context! { layout, sites, form, error })
}

/// `GET /admin/sites` (admins).
pub async fn index(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    require_sites(&app, &user)?;
    let form = SiteForm { fallback: true, ..SiteForm::default() };
    render_list(&app, &headers, &user, StatusCode::OK, form, None, notice(&user, query.notice.as_deref()))
        .await
}

/// `POST /admin/sites` (admins): creates a site.
pub async fn create(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_sites(&app, &user)?;
    let typed = SiteForm::read(&form);
    let refuse = |message: String| {
        render_list(
            &app,
            &headers,
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            typed.clone(),
            Some(message),
            None,
        )
    };
    let site = match new_site(&typed) {
        Ok(site) => site,
        Err(message) => return refuse(message).await,
    };
    match app.store().create_site(&site, &user.doing("site.create").with_detail(site.key.clone())).await {
        Ok(_) => {
            app.reload_sites().await?;
            Ok(see_other("/admin/sites", "created").into_response())
        }
        Err(StoreError::Conflict { field }) => {
            refuse(user.t(if field == "host" { "error-site-host-taken" } else { "error-site-key-taken" }))
                .await
        }
        Err(err) => Err(err.into()),
    }
}

/// `GET /admin/sites/{key}` (admins).
pub async fn edit(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(key): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    require_sites(&app, &user)?;
    let site = app.site_by_key(&key).ok_or(WebError::NotFound)?;
    let layout = AdminLayout::new(&app, &user, &site.name, "/admin/sites")
        .with_notice(notice(&user, query.notice.as_deref()));
    admin_page(
        &app,
        &headers,
        "admin/site_edit.html",
        context! { layout, form => SiteForm::of(&site), error => None::<String> },
    )
}

/// `POST /admin/sites/{key}` (admins): changes a site's settings.
pub async fn save(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(key): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_sites(&app, &user)?;
    let site = app.site_by_key(&key).ok_or(WebError::NotFound)?;
    let typed = SiteForm { key: site.key.clone(), ..SiteForm::read(&form) };
    let result = match new_site(&typed) {
        Ok(new) => {
            app.store().update_site(site.id, &new, &user.doing("site.edit")).await.map_err(|err| match err {
                StoreError::Conflict { .. } => Ok(user.t("error-site-host-taken")),
                other => Err(other),
            })
        }
        Err(message) => Err(Ok(message)),
    };
    match result {
        Ok(()) => {
            app.reload_sites().await?;
            Ok(see_other(&format!("/admin/sites/{key}"), "saved").into_response())
        }
        Err(Ok(message)) => {
            let layout = AdminLayout::new(&app, &user, &site.name, "/admin/sites");
            admin_page_with_status(
                &app,
                &headers,
                StatusCode::UNPROCESSABLE_ENTITY,
                "admin/site_edit.html",
                context! { layout, form => typed, error => Some(message) },
            )
        }
        Err(Err(err)) => Err(err.into()),
    }
}

#[derive(Serialize)]
struct Cell {
    state: &'static str,
    label: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct StatusRow {
    title: String,
    kind: String,
    url: String,
    cells: Vec<Cell>,
}

/// `GET /admin/sites/{key}/translations`: what is missing or out of date, per language.
pub async fn translations(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(key): Path<String>,
) -> Result<Response, WebError> {
    let site = app.site_by_key(&key).ok_or(WebError::NotFound)?;
    if !user.may(Action::ViewDrafts, site.id) {
        return Err(WebError::NotFound);
    }
    let rows = app.store().translation_status(site.id).await?;
    let (mut missing, mut outdated) = (0, 0);
    let table: Vec<StatusRow> = rows
        .into_iter()
        .map(|row| StatusRow {
            url: doc_url(row.document.0, &row.original_language),
            cells: site
                .languages
                .iter()
                .map(|language| match row.variants.iter().find(|v| &v.language == language) {
                    None => {
                        missing += 1;
                        Cell { state: "missing", label: user.t("translation-missing-cell"), url: None }
                    }
                    Some(v) if v.out_of_date => {
                        outdated += 1;
                        Cell {
                            state: "outdated",
                            label: user.t("translation-outdated-cell"),
                            url: Some(doc_url(row.document.0, language)),
                        }
                    }
                    Some(v) if v.original => Cell {
                        state: "original",
                        label: user.t("translation-original-cell"),
                        url: Some(doc_url(row.document.0, language)),
                    },
                    Some(_) => Cell {
                        state: "current",
                        label: user.t("translation-current-cell"),
                        url: Some(doc_url(row.document.0, language)),
                    },
                })
                .collect(),
            title: row.title,
            kind: user.t(&format!("kind-{}", row.kind)),
        })
        .collect();
    let sites: Vec<(String, String)> = app
        .sites()
        .iter()
        .filter(|s| user.may(Action::ViewDrafts, s.id))
        .map(|s| (s.key.clone(), s.name.clone()))
        .collect();
    let layout = AdminLayout::new(
        &app,
        &user,
        &user.t1("admin-title-translations", "site", site.name.clone()),
        "/admin/translations",
    );
    admin_page(
        &app,
        &headers,
        "admin/translations.html",
        context! { layout, table, languages => site.languages.clone(), missing, outdated, sites, site_key => site.key.clone() },
    )
}

/// `POST /admin/documents/{id}/translate`: starts a translation into `language`, prefilled
/// with the original, and opens it.
pub async fn translate(
    State(app): State<App>,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let document = DocumentId(id);
    let original = app.store().editable_variant(document, None).await?.ok_or(WebError::NotFound)?;
    if !user.may(Action::ViewDrafts, original.site) {
        return Err(WebError::NotFound);
    }
    if !(user.may(Action::EditTranslation, original.site) || user.may(Action::CreateDraft, original.site)) {
        return Err(WebError::Forbidden);
    }
    let site = app.site_by_id(original.site).ok_or(WebError::NotFound)?;
    let language = form.get("language");
    if !site.has_language(language) {
        return Err(WebError::BadRequest(user.t_with(
            "error-site-language",
            &[("site", site.name.as_str().into()), ("language", language.into())],
        )));
    }
    let audit = user.doing("document.translate").with_detail(language);
    match app.store().create_translation(document, language, &audit).await {
        Ok(_) => {}
        Err(StoreError::Conflict { .. }) => {
            return Err(WebError::BadRequest(user.t1(
                "error-translation-exists",
                "language",
                language.to_owned(),
            )));
        }
        Err(err) => return Err(err.into()),
    }
    Ok(see_other(&doc_url(id, language), "translation").into_response())
}
