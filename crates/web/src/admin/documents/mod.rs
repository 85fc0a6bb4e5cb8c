//! Writing and publishing: the document list, the editor for releases and pages, the
//! workflow buttons, revisions and their differences — one file each. What they share (loading
//! a document the user may see, times as forms show them, refusals in words) is here; the
//! rules themselves are the domain's, applied through [`crate::workflow`].

pub(super) mod autosave;
pub(super) mod editor;
pub(super) mod history;
pub(super) mod list;
pub(super) mod paste;
pub(super) mod steps;
mod translation_view;

use portico_content::access::Refusal;
use portico_content::{Action, DocumentId, Kind};
use portico_store::EditableVariant;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::session::Signed;
use crate::{App, WebError};

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

fn parse_kind(kind: &str) -> Result<Kind, WebError> {
    kind.parse().map_err(|_| WebError::NotFound)
}

/// Whether the user may start a document of `kind` on `site` (pages need the right to edit
/// them as well).
fn may_create_on(user: &Signed, kind: Kind, site: portico_content::SiteId) -> bool {
    user.may(Action::CreateDraft, site) && (kind != Kind::Page || user.may(Action::EditPages, site))
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

/// A refusal in the person's language.
pub fn refusal_text(user: &Signed, refusal: Refusal) -> String {
    user.t(refusal_key(refusal))
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    /// A notice code from the previous step.
    pub notice: Option<String>,
    /// Which language variant of a document.
    pub lang: Option<String>,
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
