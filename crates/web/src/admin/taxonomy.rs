//! Themes, partners, media contacts and programmes, as admins keep them: names per language
//! for themes, partners and programmes (a French page says "Enfants migrants"), and a
//! contact's office (per language too), phone and email. Each is every site's or, chosen when
//! it is added, one site's own, offered on that site's documents only. Only admins change
//! them; every save is one store call that writes its audit and change-log entries with it.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use portico_content::{Action, ContactId, MediaId, PartnerId, ProgrammeId, ThemeId};
use portico_store::{ContactName, NewContact, PartnerName, StoreError, TaxonomyKind, ThemeName};
use serde::Serialize;

use super::documents::NoticeQuery;
use super::manage::{is_plausible_email, require_admin};
use super::{AdminLayout, FormData, admin_page_with_status, notice, see_other};
use crate::session::Signed;
use crate::uploads::{NewUpload, UploadError, store_upload};
use crate::{App, WebError};

const SECTION: &str = "/admin/taxonomy";

/// Every language some site publishes in, in the order the sites list them.
fn languages(app: &App) -> Vec<String> {
    let mut languages: Vec<String> = Vec::new();
    for site in app.sites().iter() {
        for language in &site.languages {
            if !languages.contains(language) {
                languages.push(language.clone());
            }
        }
    }
    languages
}

#[derive(Serialize)]
struct Row {
    url: String,
    key: String,
    name: String,
    detail: String,
    translated: String,
    /// The site that keeps it, or "every site".
    site: String,
}

/// `GET /admin/taxonomy` (admins only): the three lists, each entry linking to its form.
pub async fn index(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    require_admin(&app, &user, Action::ManageSites)?;
    let notice = notice(&user, query.notice.as_deref());
    render_index(&app, &headers, &user, StatusCode::OK, notice, None).await
}

/// A refused addition: which list, why, and what was typed.
#[derive(Serialize)]
struct Refused {
    kind: &'static str,
    error: String,
    typed: Vec<(String, String)>,
}

async fn render_index(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    notice: Option<String>,
    refused: Option<Refused>,
) -> Result<Response, WebError> {
    let store = app.store();
    let listed = |names: Vec<&str>| names.join(", ");
    let themes: Vec<Row> = store
        .themes()
        .await?
        .into_iter()
        .map(|t| Row {
            url: format!("/admin/themes/{}", t.id.0),
            translated: listed(t.names.iter().map(|n| n.language.as_str()).collect()),
            site: owner_name(app, user, t.site_id),
            key: t.slug,
            name: t.name,
            detail: t.description,
        })
        .collect();
    let partners: Vec<Row> = store
        .partners()
        .await?
        .into_iter()
        .map(|p| Row {
            url: format!("/admin/partners/{}", p.id.0),
            translated: listed(p.names.iter().map(|n| n.language.as_str()).collect()),
            site: owner_name(app, user, p.site_id),
            key: p.slug,
            name: p.name,
            detail: p.acronym,
        })
        .collect();
    let contacts: Vec<Row> = store
        .contacts()
        .await?
        .into_iter()
        .map(|c| Row {
            url: format!("/admin/contacts/{}", c.id.0),
            site: owner_name(app, user, c.site_id),
            translated: listed(c.names.iter().map(|n| n.language.as_str()).collect()),
            key: c.key,
            name: c.name,
            detail: c.office,
        })
        .collect();
    let programmes: Vec<Row> = store
        .programmes()
        .await?
        .into_iter()
        .map(|p| Row {
            url: format!("/admin/programmes/{}", p.id.0),
            translated: listed(p.names.iter().map(|n| n.language.as_str()).collect()),
            site: owner_name(app, user, p.site_id),
            detail: p.description,
            key: p.slug,
            name: p.name,
        })
        .collect();
    let owners: Vec<(String, String)> =
        app.sites().iter().map(|s| (s.id.0.to_string(), s.name.clone())).collect();
    let layout = AdminLayout::new(app, user, &user.t("admin-title-taxonomy"), SECTION).with_notice(notice);
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/taxonomy.html",
        context! { layout, themes, partners, contacts, programmes, owners, refused },
    )
}

/// `POST /admin/taxonomy/{kind}` (admins only): adds a theme, partner, media contact or
/// programme, for every site or kept for the one chosen; its key is the one typed, or made from
/// its name. Opens the new entry's form, for its names in other languages.
pub async fn add(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(kind): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&app, &user, Action::ManageSites)?;
    let (kind, names, second_limit): (TaxonomyKind, &[&str], usize) = match kind.as_str() {
        "themes" => (TaxonomyKind::Theme, &["name", "second"], 500),
        "partners" => (TaxonomyKind::Partner, &["name", "second"], 30),
        "contacts" => (TaxonomyKind::Contact, &["name", "office", "phone", "email"], 200),
        "programmes" => (TaxonomyKind::Programme, &["name", "second"], 500),
        _ => return Err(WebError::NotFound),
    };
    // The keeping site: "" for every site, or a site's id.
    let typed_owner = form.get("site").trim().to_owned();
    let owner = match typed_owner.as_str() {
        "" => Ok(None),
        id => id
            .parse::<i64>()
            .ok()
            .and_then(|id| app.sites().iter().find(|s| s.id.0 == id).map(|s| s.id))
            .map(Some)
            .ok_or(()),
    };
    let fields: Vec<String> = names.iter().map(|n| form.get(n).trim().to_owned()).collect();
    let typed_key = form.get("key").trim().to_owned();
    let key = if typed_key.is_empty() {
        portico_content::slugify(&fields[0])
    } else {
        portico_content::slugify(&typed_key)
    };
    let long = |s: &String, limit: usize| s.chars().count() > limit;
    let problem = if fields[0].is_empty() || key.is_empty() {
        Some(user.t("error-taxonomy-name"))
    } else if long(&fields[0], 200) || fields[1..].iter().any(|f| long(f, second_limit)) {
        Some(user.t("error-taxonomy-long"))
    } else if owner.is_err() {
        Some(user.t("error-taxonomy-site"))
    } else if kind == TaxonomyKind::Contact
        && !fields[2].chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        Some(user.t("error-contact-phone"))
    } else if kind == TaxonomyKind::Contact
        && !fields[3].is_empty()
        && !is_plausible_email(&fields[3].to_lowercase())
    {
        Some(user.t("error-email"))
    } else {
        None
    };
    let typed = || {
        let mut typed: Vec<(String, String)> =
            names.iter().zip(&fields).map(|(n, v)| ((*n).to_owned(), v.clone())).collect();
        typed.push(("key".to_owned(), typed_key.clone()));
        typed.push(("site".to_owned(), typed_owner.clone()));
        typed
    };
    let refuse = |error: String| Refused { kind: kind.as_str(), error, typed: typed() };
    if let Some(problem) = problem {
        return render_index(
            &app,
            &headers,
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(refuse(problem)),
        )
        .await;
    }
    let mut values: Vec<String> = fields.clone();
    if kind == TaxonomyKind::Contact {
        values[3] = values[3].to_lowercase();
    }
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    let audit = user.doing(&format!("{}.create", kind.as_str())).with_detail(key.clone());
    let owner = owner.unwrap_or_default();
    match app.store().create_taxonomy_entry(kind, &key, &values, owner, &audit).await {
        Ok(id) => {
            let path = match kind {
                TaxonomyKind::Theme => format!("/admin/themes/{id}"),
                TaxonomyKind::Partner => format!("/admin/partners/{id}"),
                TaxonomyKind::Contact => format!("/admin/contacts/{id}"),
                TaxonomyKind::Programme => format!("/admin/programmes/{id}"),
            };
            Ok(see_other(&path, "taxonomy_added").into_response())
        }
        Err(StoreError::Conflict { .. }) => {
            let error = user.t1("error-taxonomy-key-taken", "key", key.clone());
            render_index(&app, &headers, &user, StatusCode::CONFLICT, None, Some(refuse(error))).await
        }
        Err(err) => Err(err.into()),
    }
}

/// A partner's logo as its form shows it.
#[derive(Serialize)]
struct PartnerLogo {
    /// The address of the image shown, or "" when it has none.
    path: String,
    /// Where the logo form posts.
    action: String,
}

fn partner_logo(partner: &portico_store::Partner) -> Option<PartnerLogo> {
    Some(PartnerLogo {
        path: partner.logo_path.clone(),
        action: format!("/admin/partners/{}/logo", partner.id.0),
    })
}

/// One language's fields of a theme or partner form.
#[derive(Serialize)]
struct LocalFields {
    language: String,
    label: String,
    dir: &'static str,
    first: String,
    second: String,
}

/// A theme's, partner's or programme's form: `kind` is `theme`, `partner` or `programme`;
/// `first`/`second` are the name and the description (theme, programme) or acronym (partner).
#[expect(clippy::too_many_arguments, reason = "one form drawn for two kinds of entry")]
fn render_named(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    kind: &str,
    action: String,
    key: &str,
    first: &str,
    second: &str,
    local: Vec<LocalFields>,
    error: Option<String>,
    owner: String,
    logo: Option<PartnerLogo>,
) -> Result<Response, WebError> {
    let title = user.t1(&format!("admin-title-{kind}"), "name", first.to_owned());
    let layout = AdminLayout::new(app, user, &title, SECTION);
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/taxonomy_entry.html",
        context! { layout, kind, action, key, first, second, local, error, logo, owner },
    )
}

fn local_fields(app: &App, user: &Signed, found: impl Fn(&str) -> (String, String)) -> Vec<LocalFields> {
    languages(app)
        .into_iter()
        .map(|language| {
            let (first, second) = found(&language);
            LocalFields {
                label: user.i18n.language_name(user.lang, &language),
                dir: crate::i18n::I18n::direction(&language),
                language,
                first,
                second,
            }
        })
        .collect()
}

/// What a theme or partner form sent, checked: the default pair and one pair per language.
struct Sent {
    first: String,
    second: String,
    local: Vec<(String, String, String)>,
}

fn read_sent(app: &App, user: &Signed, form: &FormData, second_limit: usize) -> Result<Sent, (Sent, String)> {
    let clean = |value: &str| value.trim().to_owned();
    let sent = Sent {
        first: clean(form.get("name")),
        second: clean(form.get("second")),
        local: languages(app)
            .into_iter()
            .map(|l| {
                let (first, second) =
                    (clean(form.get(&format!("name_{l}"))), clean(form.get(&format!("second_{l}"))));
                (l, first, second)
            })
            .collect(),
    };
    let too_long = |s: &String, limit: usize| s.chars().count() > limit;
    let problem = if sent.first.is_empty() {
        Some(user.t("error-taxonomy-name"))
    } else if too_long(&sent.first, 200)
        || too_long(&sent.second, second_limit)
        || sent.local.iter().any(|(_, f, s)| too_long(f, 200) || too_long(s, second_limit))
    {
        Some(user.t("error-taxonomy-long"))
    } else {
        None
    };
    match problem {
        Some(problem) => Err((sent, problem)),
        None => Ok(sent),
    }
}

fn sent_fields(app: &App, user: &Signed, sent: &Sent) -> Vec<LocalFields> {
    local_fields(app, user, |language| {
        sent.local
            .iter()
            .find(|(l, _, _)| l == language)
            .map(|(_, f, s)| (f.clone(), s.clone()))
            .unwrap_or_default()
    })
}

/// A theme or a programme as its form edits it: a name and a description, each also per
/// language. The key and the owner stay what they were created with.
struct Described {
    kind: DescribedKind,
    id: i64,
    slug: String,
    name: String,
    description: String,
    names: Vec<ThemeName>,
    site_id: Option<i64>,
}

/// The kinds of entry a [`Described`] form edits.
#[derive(Clone, Copy)]
enum DescribedKind {
    Theme,
    Programme,
}

impl DescribedKind {
    fn taxonomy(self) -> TaxonomyKind {
        match self {
            DescribedKind::Theme => TaxonomyKind::Theme,
            DescribedKind::Programme => TaxonomyKind::Programme,
        }
    }

    /// Its section of the back office, in addresses.
    fn section(self) -> &'static str {
        match self {
            DescribedKind::Theme => "themes",
            DescribedKind::Programme => "programmes",
        }
    }
}

impl Described {
    /// The theme or programme `id`, or not found.
    async fn find(app: &App, kind: DescribedKind, id: i64) -> Result<Described, WebError> {
        let store = app.store();
        let found = match kind {
            DescribedKind::Programme => {
                store.programmes().await?.into_iter().find(|p| p.id.0 == id).map(|p| Described {
                    kind,
                    id,
                    slug: p.slug,
                    name: p.name,
                    description: p.description,
                    names: p.names,
                    site_id: p.site_id,
                })
            }
            DescribedKind::Theme => {
                store.themes().await?.into_iter().find(|t| t.id.0 == id).map(|t| Described {
                    kind,
                    id,
                    slug: t.slug,
                    name: t.name,
                    description: t.description,
                    names: t.names,
                    site_id: t.site_id,
                })
            }
        };
        found.ok_or(WebError::NotFound)
    }

    fn action(&self) -> String {
        format!("/admin/{}/{}", self.kind.section(), self.id)
    }

    /// Its form, as stored, or as `refused` sent it back with its problem.
    fn form(
        &self,
        app: &App,
        headers: &HeaderMap,
        user: &Signed,
        refused: Option<(Sent, String)>,
    ) -> Result<Response, WebError> {
        let (status, first, second, local, error) = match refused {
            None => {
                let local = local_fields(app, user, |language| {
                    self.names
                        .iter()
                        .find(|n| n.language == language)
                        .map(|n| (n.name.clone(), n.description.clone()))
                        .unwrap_or_default()
                });
                (StatusCode::OK, self.name.clone(), self.description.clone(), local, None)
            }
            Some((sent, problem)) => {
                let local = sent_fields(app, user, &sent);
                (StatusCode::UNPROCESSABLE_ENTITY, sent.first, sent.second, local, Some(problem))
            }
        };
        render_named(
            app,
            headers,
            user,
            status,
            self.kind.taxonomy().as_str(),
            self.action(),
            &self.slug,
            &first,
            &second,
            local,
            error,
            owner_name(app, user, self.site_id),
            None,
        )
    }

    /// Saves what its form sent, or shows the form again with the problem.
    async fn save(
        &self,
        app: &App,
        headers: &HeaderMap,
        user: &Signed,
        form: &FormData,
    ) -> Result<Response, WebError> {
        let sent = match read_sent(app, user, form, 500) {
            Ok(sent) => sent,
            Err(refused) => return self.form(app, headers, user, Some(refused)),
        };
        let names: Vec<ThemeName> = sent
            .local
            .into_iter()
            .map(|(language, name, description)| ThemeName { language, name, description })
            .collect();
        let audit =
            user.doing(&format!("{}.save", self.kind.taxonomy().as_str())).with_detail(self.slug.clone());
        let store = app.store();
        let saved = match self.kind {
            DescribedKind::Programme => {
                store.save_programme(ProgrammeId(self.id), &sent.first, &sent.second, &names, &audit).await?
            }
            DescribedKind::Theme => {
                store.save_theme(ThemeId(self.id), &sent.first, &sent.second, &names, &audit).await?
            }
        };
        if !saved {
            return Err(WebError::NotFound);
        }
        Ok(see_other(SECTION, "taxonomy_saved").into_response())
    }
}

/// `GET /admin/themes/{id}` (admins only).
pub async fn theme_form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    require_admin(&app, &user, Action::ManageSites)?;
    Described::find(&app, DescribedKind::Theme, id).await?.form(&app, &headers, &user, None)
}

/// `POST /admin/themes/{id}` (admins only).
pub async fn save_theme(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&app, &user, Action::ManageSites)?;
    Described::find(&app, DescribedKind::Theme, id).await?.save(&app, &headers, &user, &form).await
}

/// `GET /admin/programmes/{id}` (admins only).
pub async fn programme_form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    require_admin(&app, &user, Action::ManageSites)?;
    Described::find(&app, DescribedKind::Programme, id).await?.form(&app, &headers, &user, None)
}

/// `POST /admin/programmes/{id}` (admins only).
pub async fn save_programme(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&app, &user, Action::ManageSites)?;
    Described::find(&app, DescribedKind::Programme, id).await?.save(&app, &headers, &user, &form).await
}

/// The site that keeps an entry (its id), as lists and forms name it.
fn owner_name(app: &App, user: &Signed, site: Option<i64>) -> String {
    match site {
        None => user.t("admin-taxonomy-every-site"),
        Some(site) => {
            app.sites().iter().find(|s| s.id.0 == site).map_or_else(|| site.to_string(), |s| s.name.clone())
        }
    }
}

/// `GET /admin/partners/{id}` (admins only).
pub async fn partner_form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    require_admin(&app, &user, Action::ManageSites)?;
    let partner =
        app.store().partners().await?.into_iter().find(|p| p.id.0 == id).ok_or(WebError::NotFound)?;
    render_partner(&app, &headers, &user, &partner, StatusCode::OK, None)
}

/// `POST /admin/partners/{id}` (admins only).
pub async fn save_partner(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&app, &user, Action::ManageSites)?;
    let partner =
        app.store().partners().await?.into_iter().find(|p| p.id.0 == id).ok_or(WebError::NotFound)?;
    let action = format!("/admin/partners/{id}");
    let sent = match read_sent(&app, &user, &form, 30) {
        Ok(sent) => sent,
        Err((sent, problem)) => {
            let local = sent_fields(&app, &user, &sent);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render_named(
                &app,
                &headers,
                &user,
                status,
                "partner",
                action,
                &partner.slug,
                &sent.first,
                &sent.second,
                local,
                Some(problem),
                owner_name(&app, &user, partner.site_id),
                partner_logo(&partner),
            );
        }
    };
    let names: Vec<PartnerName> = sent
        .local
        .into_iter()
        .map(|(language, name, acronym)| PartnerName { language, name, acronym })
        .collect();
    let audit = user.doing("partner.save").with_detail(partner.slug.clone());
    if !app.store().save_partner(PartnerId(id), &sent.first, &sent.second, &names, &audit).await? {
        return Err(WebError::NotFound);
    }
    Ok(see_other(SECTION, "taxonomy_saved").into_response())
}

/// A partner's form as saved, with `error` (a refused logo) and `status`.
fn render_partner(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    partner: &portico_store::Partner,
    status: StatusCode,
    error: Option<String>,
) -> Result<Response, WebError> {
    let local = local_fields(app, user, |language| {
        partner
            .names
            .iter()
            .find(|n| n.language == language)
            .map(|n| (n.name.clone(), n.acronym.clone()))
            .unwrap_or_default()
    });
    render_named(
        app,
        headers,
        user,
        status,
        "partner",
        format!("/admin/partners/{}", partner.id.0),
        &partner.slug,
        &partner.name,
        &partner.acronym,
        local,
        error,
        owner_name(app, user, partner.site_id),
        partner_logo(partner),
    )
}

/// `POST /admin/partners/{id}/logo` (admins only): a logo file for the partner, through the
/// checks of any upload, kept in the media library of the first site (partners are every
/// site's); the image becomes public, as public pages show it.
pub async fn upload_partner_logo(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let upload = super::media::read_upload(&user, multipart).await?;
    user.check_csrf(Some(&upload.csrf))?;
    require_admin(&app, &user, Action::ManageSites)?;
    let partner =
        app.store().partners().await?.into_iter().find(|p| p.id.0 == id).ok_or(WebError::NotFound)?;
    let Some(site) = app.sites().first().map(|s| s.id) else { return Err(WebError::NotFound) };
    let new = NewUpload {
        site,
        file_name: upload.file_name.clone(),
        bytes: upload.bytes,
        alt: partner.name.clone(),
        caption: String::new(),
        credit: String::new(),
        uploader: user.user.id,
        audit: user.doing("media.upload").with_detail(format!("logo of {}", partner.slug)),
    };
    let media = match store_upload(&app, new).await {
        Ok(media) => media,
        Err(UploadError::Refused(err)) => {
            let status = if err.code() == "too_large" {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let message = super::media::media_error_text(&user, &err);
            return render_partner(&app, &headers, &user, &partner, status, Some(message));
        }
        Err(UploadError::Failed(err)) => return Err(err),
    };
    let stored = app
        .store()
        .media(media)
        .await?
        .ok_or_else(|| WebError::Internal(format!("media {media} was stored and is gone")))?;
    let path = crate::http::logo_image_path(&stored);
    let audit = user.doing("partner.logo").with_detail(partner.slug.clone());
    if !app.store().set_partner_logo(partner.id, Some((MediaId(stored.id.0), &path)), &audit).await? {
        return Err(WebError::NotFound);
    }
    Ok(see_other(&format!("/admin/partners/{id}"), "taxonomy_saved").into_response())
}

/// `POST /admin/partners/{id}/logo/remove` (admins only): the partner shows no logo; the image
/// stays in the media library.
pub async fn remove_partner_logo(
    State(app): State<App>,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&app, &user, Action::ManageSites)?;
    let audit = user.doing("partner.logo").with_detail("removed".to_owned());
    if !app.store().set_partner_logo(PartnerId(id), None, &audit).await? {
        return Err(WebError::NotFound);
    }
    Ok(see_other(&format!("/admin/partners/{id}"), "taxonomy_saved").into_response())
}

#[expect(clippy::too_many_arguments, reason = "the form as shown and as refused")]
fn render_contact(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    id: i64,
    contact: &NewContact,
    offices: Vec<LocalFields>,
    owner: String,
    error: Option<String>,
) -> Result<Response, WebError> {
    let title = user.t1("admin-title-contact", "name", contact.name.clone());
    let layout = AdminLayout::new(app, user, &title, SECTION);
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/contact_edit.html",
        context! {
            layout, error, id, owner, offices,
            key => contact.key.clone(), name => contact.name.clone(), office => contact.office.clone(),
            phone => contact.phone.clone(), email => contact.email.clone(),
        },
    )
}

/// `GET /admin/contacts/{id}` (admins only).
pub async fn contact_form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    require_admin(&app, &user, Action::ManageSites)?;
    let c = app.store().contacts().await?.into_iter().find(|c| c.id.0 == id).ok_or(WebError::NotFound)?;
    let owner = owner_name(&app, &user, c.site_id);
    let offices = local_fields(&app, &user, |language| {
        let office = c.names.iter().find(|n| n.language == language).map(|n| n.office.clone());
        (office.unwrap_or_default(), String::new())
    });
    let contact = NewContact {
        key: c.key,
        name: c.name,
        office: c.office,
        phone: c.phone,
        email: c.email,
        names: c.names,
    };
    render_contact(&app, &headers, &user, StatusCode::OK, id, &contact, offices, owner, None)
}

/// `POST /admin/contacts/{id}` (admins only).
pub async fn save_contact(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    require_admin(&app, &user, Action::ManageSites)?;
    let c = app.store().contacts().await?.into_iter().find(|c| c.id.0 == id).ok_or(WebError::NotFound)?;
    let owner = owner_name(&app, &user, c.site_id);
    let names: Vec<ContactName> = languages(&app)
        .into_iter()
        .map(|language| ContactName {
            office: form.get(&format!("office_{language}")).trim().to_owned(),
            language,
        })
        .collect();
    let contact = NewContact {
        key: c.key,
        name: form.get("name").trim().to_owned(),
        office: form.get("office").trim().to_owned(),
        phone: form.get("phone").trim().to_owned(),
        email: form.get("email").trim().to_lowercase(),
        names,
    };
    let long = |s: &str, limit: usize| s.chars().count() > limit;
    let problem = if contact.name.is_empty() {
        Some(user.t("error-taxonomy-name"))
    } else if long(&contact.name, 200)
        || long(&contact.office, 200)
        || long(&contact.phone, 50)
        || contact.names.iter().any(|n| long(&n.office, 200))
    {
        Some(user.t("error-taxonomy-long"))
    } else if !contact.phone.is_empty()
        && !contact.phone.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        Some(user.t("error-contact-phone"))
    } else if !contact.email.is_empty() && !is_plausible_email(&contact.email) {
        Some(user.t("error-email"))
    } else {
        None
    };
    if let Some(problem) = problem {
        let offices = local_fields(&app, &user, |language| {
            let office = contact.names.iter().find(|n| n.language == language).map(|n| n.office.clone());
            (office.unwrap_or_default(), String::new())
        });
        return render_contact(
            &app,
            &headers,
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            id,
            &contact,
            offices,
            owner,
            Some(problem),
        );
    }
    let audit = user.doing("contact.save").with_detail(contact.key.clone());
    if !app.store().save_contact(ContactId(id), &contact, &audit).await? {
        return Err(WebError::NotFound);
    }
    Ok(see_other(SECTION, "taxonomy_saved").into_response())
}
