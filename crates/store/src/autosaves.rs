//! The editor's unsaved text, kept on the server while a person types, so that a closed tab
//! or an ended session loses nothing: the next time they open that editor they are offered it.
//!
//! An autosave is private scratch of one user: every query here takes the user's id, and none
//! reads another's. It is not content: no revision, change-log or audit row, and it must never
//! be shown to readers. Whether the user may edit the document is the caller's question.

use portico_content::{DocumentId, Kind, UserId};
use time::OffsetDateTime;

use crate::{Result, Store, now, on_pool};

/// What an autosave belongs to: a language of a document, or a new document of a kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AutosaveTarget {
    /// An existing document in one language.
    Document {
        /// The document.
        document: DocumentId,
        /// The language version being edited.
        language: String,
    },
    /// A document not created yet.
    New(Kind),
}

impl AutosaveTarget {
    /// The key it is stored under ("document/12/en", "new/release").
    fn key(&self) -> String {
        match self {
            AutosaveTarget::Document { document, language } => format!("document/{}/{language}", document.0),
            AutosaveTarget::New(kind) => format!("new/{kind}"),
        }
    }

    fn document(&self) -> Option<i64> {
        match self {
            AutosaveTarget::Document { document, .. } => Some(document.0),
            AutosaveTarget::New(_) => None,
        }
    }
}

/// Text kept for a user.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Autosave {
    /// The title as typed.
    pub title: String,
    /// The body's Markdown as typed.
    pub body_markdown: String,
    /// The revision the text was written on (0 for a new document): saving it restored must
    /// still meet the check that catches concurrent edits.
    pub revision: i32,
    /// When it was kept.
    pub saved_at: OffsetDateTime,
}

impl Store {
    /// Keeps `title` and `body` for `user` and `target`, replacing what was kept; returns when.
    pub async fn put_autosave(
        &self,
        user: UserId,
        target: &AutosaveTarget,
        title: &str,
        body: &str,
        revision: i32,
    ) -> Result<OffsetDateTime> {
        let at = now();
        let key = target.key();
        on_pool!(self, |pool| {
            sqlx::query(
                "insert into autosaves (user_id, target, document_id, title, body_markdown, revision, saved_at)
                 values ($1, $2, $3, $4, $5, $6, $7)
                 on conflict (user_id, target) do update set title = excluded.title,
                     body_markdown = excluded.body_markdown, revision = excluded.revision,
                     saved_at = excluded.saved_at",
            )
            .bind(user.0)
            .bind(&key)
            .bind(target.document())
            .bind(title)
            .bind(body)
            .bind(revision)
            .bind(at)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        Ok(at)
    }

    /// What is kept for `user` and `target`, if anything.
    pub async fn autosave(&self, user: UserId, target: &AutosaveTarget) -> Result<Option<Autosave>> {
        let key = target.key();
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "select title, body_markdown, revision, saved_at from autosaves
                 where user_id = $1 and target = $2",
            )
            .bind(user.0)
            .bind(&key)
            .fetch_optional(pool)
            .await
        })?)
    }

    /// Forgets what is kept for `user` and `target` (saved, or discarded).
    pub async fn discard_autosave(&self, user: UserId, target: &AutosaveTarget) -> Result<()> {
        let key = target.key();
        on_pool!(self, |pool| {
            sqlx::query("delete from autosaves where user_id = $1 and target = $2")
                .bind(user.0)
                .bind(&key)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }
}
