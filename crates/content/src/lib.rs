//! Portico's domain: the types every other crate speaks in, their validation, slugs, and
//! Markdown rendered to sanitized HTML.
//!
//! This crate does no I/O and knows nothing of databases or HTTP.

pub mod access;
mod ids;
mod kinds;
pub mod markdown;
pub mod publication;
pub mod sdg;
mod slug;
pub mod vacancy;
mod validate;

pub use access::{Action, Refusal, Role, Transition};
pub use ids::{ContactId, DocumentId, MediaId, PartnerId, ProgrammeId, SiteId, ThemeId, UserId, VariantId};
pub use kinds::{Kind, Status, UnknownValue};
pub use slug::{is_valid_path, is_valid_slug, slugify};
pub use validate::{
    Draft, FieldError, MAX_BODY_BYTES, is_valid_language_code, limit_of, max_chars, validate_site,
};
