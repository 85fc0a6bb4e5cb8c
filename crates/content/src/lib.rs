//! Portico's domain: the types every other crate speaks in, their validation, slugs, and
//! Markdown rendered to sanitized HTML.
//!
//! This crate does no I/O and knows nothing of databases or HTTP.

mod ids;
mod kinds;
pub mod markdown;
mod slug;
mod validate;

pub use ids::{ContactId, DocumentId, PartnerId, SiteId, ThemeId, VariantId};
pub use kinds::{Kind, Status, UnknownValue};
pub use slug::{is_valid_path, is_valid_slug, slugify};
pub use validate::{FieldError, ReleaseDraft, is_valid_language_code};
