//! Revisions of a document: the list, the differences between two, restoring one.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use portico_content::Draft;
use portico_store::StoreError;
use serde::{Deserialize, Serialize};

use crate::admin::{AdminLayout, FormData, admin_page, see_other};
use crate::session::Signed;
use crate::{App, WebError};

use super::{NoticeQuery, display_time, doc_url, visible_document};
use crate::workflow::{may_edit, publication_time};

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

/// Each field of a draft as text, after the Fluent key of its name; a vacancy's facts too.
fn field_texts(draft: &Draft) -> Vec<(&'static str, String)> {
    let mut fields = vec![
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
        ("field-goals", draft.goals.join(", ")),
    ];
    // As the editor sets them, in the vacancy's own time zone: a closing time moved by an
    // hour reads as such, not as two UTC times to compare.
    let local = |at: time::OffsetDateTime| {
        let offset = portico_content::vacancy::offset_label(at.offset());
        format!("{} {:02}:{:02} ({offset})", crate::views::iso_date(at), at.hour(), at.minute())
    };
    // A document of another kind has no facts: each shows as empty, so nothing differs.
    let facts = draft.vacancy.as_ref();
    let fact =
        |read: &dyn Fn(&portico_content::vacancy::Vacancy) -> String| facts.map(read).unwrap_or_default();
    fields.extend([
        ("vacancy-reference", fact(&|v| v.reference.clone())),
        ("field-vacancy-duty-city", fact(&|v| v.duty_city.clone())),
        ("vacancy-duty-country", fact(&|v| v.duty_country.clone())),
        ("vacancy-grade", fact(&|v| v.grade.clone())),
        ("vacancy-contract", fact(&|v| v.contract.as_str().to_owned())),
        ("vacancy-duration", fact(&|v| v.duration.clone())),
        ("vacancy-unit", fact(&|v| v.unit.clone())),
        ("vacancy-opens", fact(&|v| local(v.opens_at))),
        ("vacancy-closes", fact(&|v| local(v.closes_at))),
        ("vacancy-eligibility", fact(&|v| v.eligibility.as_str().to_owned())),
        ("field-vacancy-apply-to", fact(&|v| v.apply_to.clone())),
    ]);
    fields
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
    // A revision saved before programmes were a list holds the programme's text, not a key
    // (and a programme may have been kept for another site since): the document keeps the
    // programme it has rather than refusing the restore.
    if !restored.programme.is_empty()
        && !app.store().programmes_for(doc.site).await?.iter().any(|p| p.slug == restored.programme)
    {
        restored.programme = doc.draft.programme.clone();
    }
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
