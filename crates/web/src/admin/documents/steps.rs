//! Workflow steps pressed in the back office, said in the person's language.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use portico_content::Transition;
use portico_content::access::Refusal;
use portico_store::EditableVariant;

use crate::admin::{FormData, see_other};
use crate::session::Signed;
use crate::{App, WebError};

use super::{doc_url, parse_input_time, refusal_key, status_text, visible_document};
use crate::workflow::{StepError, apply_workflow};

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
