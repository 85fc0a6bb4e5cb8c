//! Writing a document as a person: whether they may edit it, which publication time a save of
//! theirs keeps, and a workflow step decided by the domain's rules and written by one store
//! operation. Shared by the back office and the JSON API, which each say a refusal their own
//! way (the back office in the person's language, the API as a code).

use portico_content::access::{Refusal, StepContext, Target};
use portico_content::{SiteId, Status, Transition};
use portico_store::{EditableVariant, StoreError};
use time::OffsetDateTime;

use crate::session::Signed;
use crate::{App, WebError};

/// Runs CPU-bound content work (parsing, sanitizing a body) on the blocking pool, so that a
/// heavy body never holds an async worker that other requests, `/healthz` among them, need.
pub async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, WebError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|err| WebError::Internal(format!("content work failed: {err}")))
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
