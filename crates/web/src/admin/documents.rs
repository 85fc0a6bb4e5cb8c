//! Writing and publishing: the document list, the editor for releases and pages, the
//! workflow buttons, revisions and their differences.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use portico_content::access::{Refusal, StepContext, Target};
use portico_content::{Action, DocumentId, Draft, Kind, MediaId, SiteId, Status, Transition, slugify};
use portico_store::{EditableVariant, StoreError};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::auth::Signed;
use super::{AdminLayout, FormData, admin_page, admin_page_with_status, notice, see_other};
use crate::{App, WebError};

#[derive(Deserialize)]
pub struct ListQuery {
    kind: Option<String>,
    status: Option<String>,
    notice: Option<String>,
}

#[derive(Serialize)]
struct Row {
    url: String,
    title: String,
    kind: String,
    site: String,
    language: String,
    status: String,
    status_label: String,
    updated: String,
}

/// A status in words of the person's language ("status-in_review" in the Fluent files).
fn status_text(user: &Signed, status: &str) -> String {
    user.t(&format!("status-{status}"))
}

/// "2026-11-28 14:05 UTC".
pub fn display_time(at: OffsetDateTime) -> String {
    format!("{} {:02}:{:02} UTC", crate::views::iso_date(at), at.hour(), at.minute())
}

/// The value of a `datetime-local` field: "2026-11-28T14:05".
fn input_time(at: Option<OffsetDateTime>) -> String {
    at.map(|at| format!("{}T{:02}:{:02}", crate::views::iso_date(at), at.hour(), at.minute()))
        .unwrap_or_default()
}

/// Reads a `datetime-local` value ("2026-11-28T14:05", seconds optional) as UTC.
fn parse_input_time(value: &str) -> Option<OffsetDateTime> {
    let value = value.trim();
    let with_seconds = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let without = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    time::PrimitiveDateTime::parse(value.get(..19).unwrap_or(value), &with_seconds)
        .or_else(|_| time::PrimitiveDateTime::parse(value, &without))
        .ok()
        .map(|t| t.assume_utc())
}

/// `GET /admin`: the documents of the user's sites, newest change first.
pub async fn dashboard(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let kind = query.kind.as_deref().filter(|k| !k.is_empty()).and_then(|k| k.parse::<Kind>().ok());
    let status = query.status.as_deref().filter(|s| !s.is_empty()).and_then(|s| s.parse::<Status>().ok());
    let rows = app.store().document_rows(user.site_scope(), kind, status, 300).await?;
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|r| Row {
            url: format!("/admin/documents/{}", r.document),
            status_label: status_text(&user, &r.status),
            title: r.title,
            kind: user.t(&format!("kind-{}", r.kind)),
            site: r.site_key,
            language: r.language,
            status: r.status,
            updated: user.time(r.updated_at),
        })
        .collect();
    let any_site = |action| app.sites().iter().any(|s| user.may(action, s.id));
    let can_write = any_site(Action::CreateDraft);
    let can_pages = any_site(Action::EditPages);
    let layout = AdminLayout::new(&app, &user, &user.t("admin-nav-documents"), "/admin")
        .with_notice(notice(&user, query.notice.as_deref()));
    admin_page(
        &app,
        &headers,
        "admin/dashboard.html",
        context! {
            layout, rows, can_write, can_pages,
            kind => kind.map(Kind::as_str), status => status.map(Status::as_str),
            statuses => Status::ALL.iter().map(|s| (s.as_str(), status_text(&user, s.as_str()))).collect::<Vec<_>>(),
        },
    )
}

/// What the editor form shows.
#[derive(Serialize, Default)]
struct EditorForm {
    title: String,
    slug: String,
    dateline: String,
    published_at: String,
    summary: String,
    body_markdown: String,
    countries: String,
    programme: String,
    image: String,
    revision: i32,
}

impl EditorForm {
    fn from_draft(draft: &Draft, revision: i32) -> EditorForm {
        EditorForm {
            title: draft.title.clone(),
            slug: draft.slug.clone(),
            dateline: draft.dateline.clone(),
            published_at: input_time(draft.published_at),
            summary: draft.summary.clone(),
            body_markdown: draft.body_markdown.clone(),
            countries: draft.countries.join(", "),
            programme: draft.programme.clone(),
            image: draft.image.map(|m| m.to_string()).unwrap_or_default(),
            revision,
        }
    }
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    checked: bool,
}

/// The editor's state between a request and its page.
struct Editor {
    kind: Kind,
    site: SiteId,
    document: Option<EditableVariant>,
    form: EditorForm,
    draft: Draft,
    errors: BTreeMap<&'static str, String>,
    preview_html: Option<String>,
    conflict: Option<String>,
    notice: Option<String>,
}

/// Reads the editor form into a draft; returns it with the problems found, in the person's
/// language.
async fn read_form(
    app: &App,
    user: &Signed,
    kind: Kind,
    site: SiteId,
    form: &FormData,
) -> Result<(Draft, BTreeMap<&'static str, String>), WebError> {
    let mut errors = BTreeMap::new();
    let title = form.get("title").trim().to_owned();
    let mut slug = form.get("slug").trim().trim_matches('/').to_owned();
    if slug.is_empty() && kind == Kind::Release {
        slug = slugify(&title);
    }
    let published_at = match form.get("published_at").trim() {
        "" => None,
        value => match parse_input_time(value) {
            Some(at) => Some(at),
            None => {
                errors.insert("published_at", user.t("error-published-at"));
                None
            }
        },
    };
    let countries: Vec<String> = form
        .get("countries")
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|c| !c.is_empty())
        .map(str::to_ascii_uppercase)
        .collect();
    let image = match form.get("image").trim() {
        "" => None,
        value => match value.parse::<i64>().ok().map(MediaId) {
            Some(id) => match app.store().media(id).await? {
                Some(media) if media.site == site && media.kind == "image" => Some(id),
                _ => {
                    errors.insert("image", user.t("error-image-site"));
                    None
                }
            },
            None => {
                errors.insert("image", user.t("error-image-list"));
                None
            }
        },
    };
    let draft = Draft {
        title,
        slug,
        dateline: form.get("dateline").trim().to_owned(),
        published_at,
        summary: form.get("summary").trim().to_owned(),
        body_markdown: form.get("body_markdown").replace("\r\n", "\n"),
        countries,
        themes: form.all("themes"),
        partners: form.all("partners"),
        programme: form.get("programme").trim().to_owned(),
        contacts: form.all("contacts"),
        image,
    };
    let is_country = |code: &str| portico_geo::country(code).is_some_and(|c| c.iso2 == code);
    let (draft, found) = off_runtime(move || {
        let found = draft.validate(kind, is_country);
        (draft, found)
    })
    .await?;
    for error in found {
        let message = field_error_text(user, &error, &draft, is_country);
        errors.entry(error.field).or_insert(message);
    }
    Ok((draft, errors))
}

/// Runs CPU-bound content work (parsing, sanitizing a body) on the blocking pool, so that a
/// heavy body never holds an async worker that other requests, `/healthz` among them, need.
pub async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, WebError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|err| WebError::Internal(format!("content work failed: {err}")))
}

/// The preview of a body, rendered off the async runtime; `None` unless asked for.
async fn preview_of(wanted: bool, draft: &Draft) -> Result<Option<String>, WebError> {
    if !wanted {
        return Ok(None);
    }
    let body = draft.body_markdown.clone();
    off_runtime(move || portico_content::markdown::render(&body)).await.map(Some)
}

/// A content rule's complaint in the person's language, found by its stable code (a message
/// for this field first, `error-{field}-{code}`, then one for the code, `error-{code}`); the
/// rule's own English sentence when the interface has neither.
fn field_error_text(
    user: &Signed,
    error: &portico_content::FieldError,
    draft: &Draft,
    is_country: impl Fn(&str) -> bool,
) -> String {
    let code = error.code.replace('_', "-");
    let key = [format!("error-{}-{code}", error.field.replace('_', "-")), format!("error-{code}")]
        .into_iter()
        .find(|key| user.i18n.has(key));
    let Some(key) = key else { return error.message.clone() };
    match error.code {
        "too_long" | "too_large" | "too_deep" => match portico_content::limit_of(error.field, error.code) {
            Some(max) => user.t1(&key, "max", max),
            None => error.message.clone(),
        },
        "unknown_country" => match draft.countries.iter().find(|c| !is_country(c)) {
            Some(bad) => user.t1(&key, "code", bad.clone()),
            None => error.message.clone(),
        },
        _ => user.t(&key),
    }
}

/// Turns a store refusal into a message next to the field it concerns, when it is one.
fn field_error(user: &Signed, err: StoreError, kind: Kind) -> Result<(&'static str, String), WebError> {
    match err {
        StoreError::Conflict { field: "slug" } => Ok((
            "slug",
            match kind {
                Kind::Release => user.t("error-slug-taken-release"),
                Kind::Page => user.t("error-slug-taken-page"),
            },
        )),
        StoreError::UnknownReference { what, value } => {
            let field = match what {
                "theme" => "themes",
                "partner" => "partners",
                _ => "contacts",
            };
            Ok((field, user.t1("error-not-in-list", "value", value)))
        }
        other => Err(other.into()),
    }
}

async fn render_editor(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    editor: Editor,
    status: StatusCode,
) -> Result<Response, WebError> {
    let store = app.store();
    let checked = |list: &[String], value: &str| list.iter().any(|v| v == value);
    let themes: Vec<Choice> = store
        .themes()
        .await?
        .into_iter()
        .map(|t| Choice { checked: checked(&editor.draft.themes, &t.slug), value: t.slug, label: t.name })
        .collect();
    let partners: Vec<Choice> = store
        .partners()
        .await?
        .into_iter()
        .map(|p| Choice {
            checked: checked(&editor.draft.partners, &p.slug),
            label: if p.acronym.is_empty() { p.name } else { format!("{} ({})", p.acronym, p.name) },
            value: p.slug,
        })
        .collect();
    let contacts: Vec<Choice> = store
        .contacts()
        .await?
        .into_iter()
        .map(|c| Choice {
            checked: checked(&editor.draft.contacts, &c.key),
            label: format!("{}, {}", c.name, c.office),
            value: c.key,
        })
        .collect();
    let images: Vec<Choice> = store
        .media_list(Some(&[editor.site]), 500)
        .await?
        .into_iter()
        .filter(|m| m.kind == "image")
        .map(|m| Choice {
            checked: editor.draft.image == Some(m.id),
            value: m.id.to_string(),
            label: if m.alt.is_empty() {
                user.t1("admin-image-no-alt", "file", m.file_name.clone())
            } else {
                format!("{} — {}", m.file_name, m.alt)
            },
        })
        .collect();
    let sites: Vec<Choice> = app
        .sites()
        .iter()
        .filter(|s| {
            user.may(Action::CreateDraft, s.id)
                && (editor.kind == Kind::Release || user.may(Action::EditPages, s.id))
        })
        .map(|s| Choice { value: s.key.clone(), label: s.name.clone(), checked: s.id == editor.site })
        .collect();
    let (translations, missing_languages) = match &editor.document {
        Some(doc) => {
            let variants = store.variants_of(doc.document).await?;
            let site = app.site_by_id(doc.site);
            let missing: Vec<String> = site
                .map(|s| {
                    s.languages
                        .iter()
                        .filter(|l| !variants.iter().any(|v| &v.language == *l))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            let may_translate =
                user.may(Action::EditTranslation, doc.site) || user.may(Action::CreateDraft, doc.site);
            let listed: Vec<minijinja::Value> = variants
                .iter()
                .map(|v| {
                    context! {
                        language => v.language.clone(), title => v.title.clone(), status => v.status.as_str(),
                        status_label => status_text(user, v.status.as_str()), original => v.original,
                        out_of_date => v.out_of_date, current => v.language == doc.language,
                    }
                })
                .collect();
            let missing: Vec<minijinja::Value> = missing
                .iter()
                .map(|code| context! { code => code, name => crate::i18n::I18n::endonym(code) })
                .collect();
            (listed, if may_translate { missing } else { Vec::new() })
        }
        None => (Vec::new(), Vec::new()),
    };
    let (title, document, actions) = match &editor.document {
        Some(doc) => {
            let site = app.site_by_id(doc.site);
            let public_url = (doc.status == Status::Published).then(|| match doc.kind {
                Kind::Release => format!("/{}/news/{}", doc.language, doc.draft.slug),
                Kind::Page => format!("/{}/{}", doc.language, doc.draft.slug),
            });
            let document = context! {
                id => doc.document.0, status => doc.status.as_str(), status_label => status_text(user, doc.status.as_str()),
                language => doc.language.clone(), site => site.map(|s| s.name.clone()).unwrap_or_default(),
                revision => doc.revision, updated => user.time(doc.updated_at), public_url,
                published_at => doc.draft.published_at.map(|at| user.time(at)),
            };
            (
                user.t1("admin-title-edit", "title", doc.draft.title.clone()),
                Some(document),
                workflow_actions(user, doc),
            )
        }
        None => (
            user.t(match editor.kind {
                Kind::Release => "admin-title-new-release",
                Kind::Page => "admin-title-new-page",
            }),
            None,
            Vec::new(),
        ),
    };
    let layout = AdminLayout::new(app, user, &title, "/admin").with_notice(editor.notice.clone());
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/edit.html",
        context! {
            layout, document, actions, translations, missing_languages,
            kind => editor.kind.as_str(),
            is_release => editor.kind == Kind::Release,
            form => editor.form, errors => editor.errors,
            themes, partners, contacts, images, sites,
            preview_html => editor.preview_html, conflict => editor.conflict,
            can_set_time => user.may(Action::Publish, editor.site),
            action_url => match &editor.document {
                Some(doc) => format!("/admin/documents/{}", doc.document),
                None => format!("/admin/new/{}", editor.kind),
            },
        },
    )
}

#[derive(Serialize)]
struct WorkflowAction {
    action: &'static str,
    label: String,
    needs_time: bool,
}

/// The workflow buttons this user may press on this document now: the steps offered from its
/// status that the rules allow them (the step's own fields, such as a time, aside).
fn workflow_actions(user: &Signed, doc: &EditableVariant) -> Vec<WorkflowAction> {
    let mut actions = Vec::new();
    for transition in Transition::ALL {
        let allowed = portico_content::access::may_act(
            user.user.role,
            &user.user.sites,
            transition.permission(),
            target(doc),
        );
        if allowed.is_ok() && transition.is_offered_from(doc.status) {
            // Each button's words are `workflow-{action}` in the Fluent files. A scheduled
            // release was never public: taking it back is cancelling its schedule.
            let key = match transition {
                Transition::Unpublish if doc.status == Status::Scheduled => "workflow-unschedule".to_owned(),
                _ => format!("workflow-{}", transition.as_str().replace('_', "-")),
            };
            actions.push(WorkflowAction {
                action: transition.as_str(),
                label: user.t(&key),
                needs_time: transition == Transition::Schedule,
            });
        }
    }
    actions
}

fn parse_kind(kind: &str) -> Result<Kind, WebError> {
    kind.parse().map_err(|_| WebError::NotFound)
}

/// `GET /admin/new/{kind}`.
pub async fn new_form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(kind): Path<String>,
) -> Result<Response, WebError> {
    let kind = parse_kind(&kind)?;
    let site = app
        .sites()
        .iter()
        .find(|s| {
            user.may(Action::CreateDraft, s.id)
                && (kind == Kind::Release || user.may(Action::EditPages, s.id))
        })
        .ok_or(WebError::Forbidden)?
        .id;
    let editor = Editor {
        kind,
        site,
        document: None,
        form: EditorForm::default(),
        draft: Draft::default(),
        errors: BTreeMap::new(),
        preview_html: None,
        conflict: None,
        notice: None,
    };
    render_editor(&app, &headers, &user, editor, StatusCode::OK).await
}

/// `POST /admin/new/{kind}`: creates a draft.
pub async fn create(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(kind): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let kind = parse_kind(&kind)?;
    let site =
        app.site_by_key(form.get("site")).ok_or_else(|| WebError::BadRequest(user.t("error-choose-site")))?;
    user.require(Action::CreateDraft, site.id)?;
    if kind == Kind::Page {
        user.require(Action::EditPages, site.id)?;
    }
    let (mut draft, mut errors) = read_form(&app, &user, kind, site.id, &form).await?;
    draft.published_at = publication_time(&user, site.id, None, draft.published_at);
    if !user.may(Action::Publish, site.id) {
        // A time they may not set is not theirs to get wrong either.
        errors.remove("published_at");
    }
    let preview = form.get("intent") == "preview";
    if errors.is_empty() && !preview {
        let new = portico_store::NewDocument {
            site: site.id,
            kind,
            language: site.default_language().to_owned(),
            draft: draft.clone(),
            status: Status::Draft,
            author: Some(user.user.id),
        };
        match app.store().create_document(&new, &user.doing("document.create")).await {
            Ok((document, _)) => {
                return Ok(see_other(&format!("/admin/documents/{document}"), "created").into_response());
            }
            Err(err) => {
                let (field, message) = field_error(&user, err, kind)?;
                errors.insert(field, message);
            }
        }
    }
    // A preview shows the page with the other fields' problems, but a body it cannot render is refused.
    let status = if preview && !errors.contains_key("body_markdown") {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let editor = Editor {
        kind,
        site: site.id,
        document: None,
        form: EditorForm::from_draft(&draft, 0),
        preview_html: preview_of(preview && !errors.contains_key("body_markdown"), &draft).await?,
        draft,
        errors,
        conflict: None,
        notice: None,
    };
    render_editor(&app, &headers, &user, editor, status).await
}

/// Loads a document the user may see.
async fn visible_document(
    app: &App,
    user: &Signed,
    id: i64,
    language: Option<&str>,
) -> Result<EditableVariant, WebError> {
    let language = language.filter(|l| !l.is_empty());
    let doc = app.store().editable_variant(DocumentId(id), language).await?.ok_or(WebError::NotFound)?;
    if !user.may(Action::ViewDrafts, doc.site) {
        // Other sites' drafts do not exist as far as this user can tell.
        return Err(WebError::NotFound);
    }
    Ok(doc)
}

/// The editor of one language variant of a document.
pub fn doc_url(id: i64, language: &str) -> String {
    format!("/admin/documents/{id}?lang={language}")
}

/// A variant as the domain's rules see it.
pub fn target(doc: &EditableVariant) -> Target {
    Target { site: doc.site, kind: doc.kind, status: doc.status, is_translation: doc.is_translation }
}

/// Why the user may not change this document's fields in its current state, if they may not.
pub fn edit_refusal(user: &Signed, doc: &EditableVariant) -> Result<(), Refusal> {
    portico_content::access::may_edit(user.user.role, &user.user.sites, target(doc))
}

/// Whether the user may change this document's fields in its current state.
pub fn may_edit(user: &Signed, doc: &EditableVariant) -> bool {
    edit_refusal(user, doc).is_ok()
}

/// A refusal in the person's language.
pub fn refusal_text(user: &Signed, refusal: Refusal) -> String {
    user.t(refusal_key(refusal))
}

/// The publication time a save by this user stores: theirs if they may publish on the site,
/// else the one stored (see [`portico_content::access::publication_time_on_save`]).
pub fn publication_time(
    user: &Signed,
    site: SiteId,
    stored: Option<OffsetDateTime>,
    submitted: Option<OffsetDateTime>,
) -> Option<OffsetDateTime> {
    portico_content::access::publication_time_on_save(
        user.user.role,
        &user.user.sites,
        site,
        stored,
        submitted,
    )
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    /// A notice code from the previous step.
    pub notice: Option<String>,
    /// Which language variant of a document.
    pub lang: Option<String>,
}

/// `GET /admin/documents/{id}`.
pub async fn edit_form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let doc = visible_document(&app, &user, id, query.lang.as_deref()).await?;
    // Say at once why saving will be refused, rather than after the work is typed.
    let conflict = match edit_refusal(&user, &doc) {
        Err(refusal @ Refusal::TranslationIsLive) => Some(refusal_text(&user, refusal)),
        _ => None,
    };
    let editor = Editor {
        kind: doc.kind,
        site: doc.site,
        form: EditorForm::from_draft(&doc.draft, doc.revision),
        draft: doc.draft.clone(),
        document: Some(doc),
        errors: BTreeMap::new(),
        preview_html: None,
        conflict,
        notice: notice(&user, query.notice.as_deref()),
    };
    render_editor(&app, &headers, &user, editor, StatusCode::OK).await
}

/// `POST /admin/documents/{id}`: saves a new revision, or shows a preview.
pub async fn save(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let doc = visible_document(&app, &user, id, Some(form.get("lang"))).await?;
    let (mut draft, mut errors) = read_form(&app, &user, doc.kind, doc.site, &form).await?;
    if let Err(refusal) = edit_refusal(&user, &doc) {
        if refusal == Refusal::Forbidden {
            return Err(WebError::Forbidden);
        }
        // The editor again, with their text kept and the reason in their language.
        let editor = Editor {
            kind: doc.kind,
            site: doc.site,
            form: EditorForm::from_draft(&draft, doc.revision),
            draft,
            document: Some(doc),
            errors,
            preview_html: None,
            conflict: Some(refusal_text(&user, refusal)),
            notice: None,
        };
        return render_editor(&app, &headers, &user, editor, StatusCode::FORBIDDEN).await;
    }
    draft.published_at = publication_time(&user, doc.site, doc.draft.published_at, draft.published_at);
    if !user.may(Action::Publish, doc.site) {
        // A time they may not set is not theirs to get wrong either.
        errors.remove("published_at");
    }
    let expected: i32 =
        form.get("revision").parse().map_err(|_| WebError::BadRequest(user.t("error-lost-revision")))?;
    let preview = form.get("intent") == "preview";
    let mut conflict = None;
    let mut revision = expected;
    if errors.is_empty() && !preview {
        match app
            .store()
            .update_document(doc.document, &doc.language, expected, &draft, &user.doing("document.save"))
            .await
        {
            Ok(_) => {
                return Ok(see_other(&doc_url(id, &doc.language), "saved").into_response());
            }
            Err(StoreError::StaleRevision) => {
                let current = app
                    .store()
                    .editable_variant(doc.document, Some(&doc.language))
                    .await?
                    .ok_or(WebError::NotFound)?;
                revision = current.revision;
                conflict = Some(user.t1("admin-conflict", "revision", current.revision));
            }
            Err(err) => {
                let (field, message) = field_error(&user, err, doc.kind)?;
                errors.insert(field, message);
            }
        }
    }
    let status = if conflict.is_some() {
        StatusCode::CONFLICT
    } else if preview && !errors.contains_key("body_markdown") {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let editor = Editor {
        kind: doc.kind,
        site: doc.site,
        form: EditorForm::from_draft(&draft, revision),
        preview_html: preview_of(preview && !errors.contains_key("body_markdown"), &draft).await?,
        draft,
        document: Some(doc),
        errors,
        conflict,
        notice: None,
    };
    render_editor(&app, &headers, &user, editor, status).await
}

/// Why a workflow step did not happen.
#[derive(Debug)]
pub enum StepError {
    /// The domain's rules refuse it (see [`portico_content::access::decide_transition`]).
    Refused(Refusal),
    /// Someone else moved the document since it was read.
    StatusChanged,
    /// Anything else.
    Failed(WebError),
}

impl From<StoreError> for StepError {
    fn from(err: StoreError) -> Self {
        StepError::Failed(err.into())
    }
}

impl From<WebError> for StepError {
    fn from(err: WebError) -> Self {
        StepError::Failed(err)
    }
}

/// Applies a workflow step; shared by the back office and the API, which each say a refusal
/// in their own way. The domain decides; the store moves the document and writes the audit
/// entry in one transaction.
pub async fn apply_workflow(
    app: &App,
    user: &Signed,
    doc: &EditableVariant,
    action: &str,
    schedule_at: Option<OffsetDateTime>,
) -> Result<Transition, StepError> {
    let transition: Transition = action.parse().map_err(StepError::Refused)?;
    // The lead image is read only when the step would make the document public.
    let goes_public = matches!(transition.to(), Status::Published | Status::Scheduled);
    let lead_image_alt = match (goes_public, doc.draft.image) {
        (true, Some(image)) => Some(app.store().media(image).await?.map(|m| m.alt).unwrap_or_default()),
        _ => None,
    };
    let context = StepContext {
        stored_published_at: doc.draft.published_at,
        schedule_at,
        lead_image_alt: lead_image_alt.as_deref(),
    };
    let step = portico_content::access::decide_transition(
        user.user.role,
        &user.user.sites,
        target(doc),
        transition,
        context,
        portico_store::now(),
    )
    .map_err(StepError::Refused)?;
    let audit = user.doing(&format!("document.{transition}"));
    match app
        .store()
        .set_status(doc.document, &doc.language, step.from, step.to, step.published_at, &audit)
        .await
    {
        Ok(()) => Ok(transition),
        Err(StoreError::StaleRevision) => Err(StepError::StatusChanged),
        Err(err) => Err(err.into()),
    }
}

/// The notice the document's page shows after a step (`notice-{code}` in the Fluent files).
fn step_notice(transition: Transition) -> &'static str {
    match transition {
        Transition::Submit => "submitted",
        Transition::Publish => "published",
        Transition::Schedule => "scheduled",
        Transition::Return | Transition::RestoreDraft => "returned",
        Transition::Unpublish => "unpublished",
        Transition::Archive => "archived",
    }
}

/// A workflow refusal in the person's language.
fn step_refusal(user: &Signed, doc: &EditableVariant, action: &str, err: StepError) -> WebError {
    let key = match err {
        StepError::Failed(err) => return err,
        StepError::Refused(Refusal::Forbidden) => return WebError::Forbidden,
        StepError::StatusChanged => "workflow-status-changed",
        StepError::Refused(Refusal::InvalidTransition) => {
            let to = action.parse::<Transition>().map(Transition::to).unwrap_or(doc.status);
            return WebError::BadRequest(user.t_with(
                "workflow-refused",
                &[
                    ("from", status_text(user, doc.status.as_str()).into()),
                    ("to", status_text(user, to.as_str()).into()),
                ],
            ));
        }
        StepError::Refused(refusal) => refusal_key(refusal),
    };
    WebError::BadRequest(user.t(key))
}

/// The Fluent key that says a refusal to a person.
pub fn refusal_key(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::Forbidden => "refusal-forbidden",
        Refusal::TranslationIsLive => "refusal-translation-is-live",
        Refusal::UnknownAction => "workflow-unknown",
        Refusal::InvalidTransition => "workflow-refused",
        Refusal::MissingPublishTime => "workflow-need-time",
        Refusal::PublishTimePassed => "workflow-time-passed",
        Refusal::MissingAltText => "workflow-image-alt",
    }
}

/// `POST /admin/documents/{id}/workflow`.
pub async fn workflow(
    State(app): State<App>,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let doc = visible_document(&app, &user, id, Some(form.get("lang"))).await?;
    let schedule_at = parse_input_time(form.get("schedule_at"));
    let action = form.get("action");
    let transition = apply_workflow(&app, &user, &doc, action, schedule_at)
        .await
        .map_err(|err| step_refusal(&user, &doc, action, err))?;
    Ok(see_other(&doc_url(id, &doc.language), step_notice(transition)).into_response())
}

#[derive(Serialize)]
struct RevisionRow {
    number: i32,
    saved: String,
    author: String,
    title: String,
}

/// `GET /admin/documents/{id}/revisions`.
pub async fn revisions(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let doc = visible_document(&app, &user, id, query.lang.as_deref()).await?;
    let rows: Vec<RevisionRow> = app
        .store()
        .revisions(doc.variant)
        .await?
        .into_iter()
        .map(|r| RevisionRow {
            number: r.number,
            saved: user.time(r.created_at),
            author: r.author_email.unwrap_or_else(|| user.t("admin-author-import")),
            title: r.draft.title,
        })
        .collect();
    let layout = AdminLayout::new(
        &app,
        &user,
        &user.t1("admin-title-revisions", "title", doc.draft.title.clone()),
        "/admin",
    );
    admin_page(
        &app,
        &headers,
        "admin/revisions.html",
        context! { layout, id, rows, current => doc.revision, can_restore => may_edit(&user, &doc), language => doc.language.clone() },
    )
}

#[derive(Deserialize)]
pub struct DiffQuery {
    lang: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Serialize)]
struct DiffLine {
    tag: &'static str,
    text: String,
}

#[derive(Serialize)]
struct FieldDiff {
    field: String,
    lines: Vec<DiffLine>,
}

/// Each field of a draft as text, after the Fluent key of its name.
fn field_texts(draft: &Draft) -> [(&'static str, String); 10] {
    [
        ("field-title", draft.title.clone()),
        ("field-slug-or-path", draft.slug.clone()),
        ("field-dateline", draft.dateline.clone()),
        ("field-publication-time", draft.published_at.map(display_time).unwrap_or_default()),
        ("field-summary", draft.summary.clone()),
        ("field-body-short", draft.body_markdown.clone()),
        ("field-countries", draft.countries.join(", ")),
        ("field-themes", draft.themes.join(", ")),
        ("field-partners-short", draft.partners.join(", ")),
        ("field-contacts-short", draft.contacts.join(", ")),
    ]
}

/// Line-by-line differences of each changed field, named in the person's language.
fn diff_drafts(user: &Signed, old: &Draft, new: &Draft) -> Vec<FieldDiff> {
    field_texts(old)
        .into_iter()
        .zip(field_texts(new))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| FieldDiff {
            field: user.t(field),
            lines: similar::TextDiff::from_lines(&a, &b)
                .iter_all_changes()
                .map(|change| DiffLine {
                    tag: match change.tag() {
                        similar::ChangeTag::Delete => "del",
                        similar::ChangeTag::Insert => "ins",
                        similar::ChangeTag::Equal => "same",
                    },
                    text: change.value().trim_end_matches('\n').to_owned(),
                })
                .collect(),
        })
        .collect()
}

/// `GET /admin/documents/{id}/diff?from=N&to=M`.
pub async fn diff(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    Query(query): Query<DiffQuery>,
) -> Result<Response, WebError> {
    let doc = visible_document(&app, &user, id, query.lang.as_deref()).await?;
    let number = |value: &Option<String>| {
        value
            .as_deref()
            .and_then(|v| v.parse::<i32>().ok())
            .ok_or_else(|| WebError::BadRequest(user.t("error-choose-revisions")))
    };
    let (from, to) = (number(&query.from)?, number(&query.to)?);
    let revisions = app.store().revisions(doc.variant).await?;
    let find = |n: i32| {
        revisions
            .iter()
            .find(|r| r.number == n)
            .ok_or_else(|| WebError::BadRequest(user.t1("error-no-revision", "number", n)))
    };
    let (old, new) = (find(from)?, find(to)?);
    let fields = diff_drafts(&user, &old.draft, &new.draft);
    let title = user.t_with("admin-title-diff", &[("from", from.into()), ("to", to.into())]);
    let layout = AdminLayout::new(&app, &user, &title, "/admin");
    admin_page(
        &app,
        &headers,
        "admin/diff.html",
        context! { layout, id, from, to, fields, language => doc.language.clone() },
    )
}

/// `POST /admin/documents/{id}/revisions/{number}/restore`: saves that revision's fields as
/// a new revision.
pub async fn restore(
    State(app): State<App>,
    user: Signed,
    Path((id, number)): Path<(i64, i32)>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let doc = visible_document(&app, &user, id, Some(form.get("lang"))).await?;
    if !may_edit(&user, &doc) {
        return Err(WebError::Forbidden);
    }
    let revisions = app.store().revisions(doc.variant).await?;
    let old = revisions.iter().find(|r| r.number == number).ok_or(WebError::NotFound)?;
    let mut restored = old.draft.clone();
    restored.published_at = publication_time(&user, doc.site, doc.draft.published_at, restored.published_at);
    let audit = user.doing("document.restore").with_detail(format!("revision {number}"));
    match app.store().update_document(doc.document, &doc.language, doc.revision, &restored, &audit).await {
        Ok(_) => {}
        Err(StoreError::StaleRevision) => {
            return Err(WebError::BadRequest(user.t("restore-stale")));
        }
        Err(StoreError::Conflict { .. }) => {
            return Err(WebError::BadRequest(user.t("restore-slug-taken")));
        }
        Err(err) => return Err(err.into()),
    }
    Ok(see_other(&doc_url(id, &doc.language), "restored").into_response())
}
