//! The editor's unsaved text, kept on the server while a person types: `POST /admin/autosave`
//! keeps it, `POST /admin/autosave/discard` forgets it, and the editor page offers it back.
//!
//! A person only ever reaches their own autosaves (the store is asked with their id), and only
//! for a document they may edit now, or a new one of a kind they may create.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use portico_content::{Kind, MAX_BODY_BYTES, max_chars};
use portico_store::{Autosave, AutosaveTarget, EditableVariant};
use serde::Serialize;

use super::{may_create_on, parse_kind, visible_document};
use crate::admin::FormData;
use crate::session::Signed;
use crate::workflow::edit_refusal;
use crate::{App, WebError};

/// Which autosave a request names (`document` and `lang`, or `kind` for a new document), once
/// the person is known to be allowed to write that document.
async fn allowed_target(app: &App, user: &Signed, form: &FormData) -> Result<AutosaveTarget, WebError> {
    match form.get("document") {
        "" => {
            let kind = parse_kind(form.get("kind"))
                .map_err(|_| WebError::BadRequest(user.t("error-autosave-target")))?;
            if may_create(app, user, kind) { Ok(AutosaveTarget::New(kind)) } else { Err(WebError::Forbidden) }
        }
        id => {
            let id = id.parse().map_err(|_| WebError::BadRequest(user.t("error-autosave-target")))?;
            let doc = visible_document(app, user, id, Some(form.get("lang"))).await?;
            edit_refusal(user, &doc).map_err(|_| WebError::Forbidden)?;
            Ok(target_of(&doc))
        }
    }
}

/// Whether the person may start a document of `kind` on any site.
fn may_create(app: &App, user: &Signed, kind: Kind) -> bool {
    app.sites().iter().any(|s| may_create_on(user, kind, s.id))
}

/// The autosave of a document's language version being edited.
pub(super) fn target_of(doc: &EditableVariant) -> AutosaveTarget {
    AutosaveTarget::Document { document: doc.document, language: doc.language.clone() }
}

#[derive(Serialize)]
struct Kept {
    /// "Unsaved changes kept at …", in the person's language.
    message: String,
}

/// `POST /admin/autosave`: keeps `title` and `body_markdown` as typed, with the `revision`
/// they were written on.
pub async fn keep(State(app): State<App>, user: Signed, form: FormData) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let target = allowed_target(&app, &user, &form).await?;
    let title = form.get("title");
    let body = form.get("body_markdown").replace("\r\n", "\n");
    let max_title = max_chars("title").unwrap_or(300);
    if title.chars().count() > max_title {
        return Err(WebError::BadRequest(user.t1("error-autosave-title-too-long", "max", max_title)));
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(WebError::TooLarge(user.t1(
            "error-autosave-body-too-large",
            "max",
            MAX_BODY_BYTES / 1024,
        )));
    }
    let revision: i32 =
        form.get("revision").parse().map_err(|_| WebError::BadRequest(user.t("error-lost-revision")))?;
    let at = app.store().put_autosave(user.user.id, &target, title, &body, revision).await?;
    Ok(Json(Kept { message: user.t1("autosave-kept", "time", user.time(at)) }).into_response())
}

/// `POST /admin/autosave/discard`: forgets the text kept for a document.
pub async fn discard(State(app): State<App>, user: Signed, form: FormData) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let target = allowed_target(&app, &user, &form).await?;
    app.store().discard_autosave(user.user.id, &target).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// What the editor offers back: the person's kept text for `target`, unless it is what the
/// document already says (kept just before a save, say).
pub(super) async fn offer(
    app: &App,
    user: &Signed,
    target: &AutosaveTarget,
    current_title: &str,
    current_body: &str,
) -> Result<Option<minijinja::Value>, WebError> {
    let kept: Option<Autosave> = app.store().autosave(user.user.id, target).await?;
    Ok(kept.filter(|k| k.title != current_title || k.body_markdown != current_body).map(|k| {
        minijinja::context! {
            time => user.time(k.saved_at), title => k.title, body => k.body_markdown, revision => k.revision,
        }
    }))
}

/// Forgets the kept text once the document is saved. The save already happened: a failure
/// here only means the next visit offers text that matches the document, so it is logged.
pub(super) async fn forget(app: &App, user: &Signed, target: &AutosaveTarget) {
    if let Err(err) = app.store().discard_autosave(user.user.id, target).await {
        tracing::warn!(error = %err, "could not discard an autosave after saving");
    }
}
