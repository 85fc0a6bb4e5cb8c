//! What the page cache reads besides the change log (which it shares with the search indexer:
//! [`Store::changes_after`]): documents that will become visible later without a change-log
//! entry to say so.
//!
//! This module decides nothing about caching; it only reports what the database holds.

use portico_content::{DocumentId, SiteId};
use time::OffsetDateTime;

use crate::{Result, Store, now, on_pool};

impl Store {
    /// Variants due to go public later (scheduled, or saved as published with a time still to
    /// come, which the store keeps as scheduled), as (document, site, when it goes public), of
    /// `documents` only, or of every document when `None`. The scheduler publishes them when
    /// their time comes, but a cache should not wait for its next round to drop what it holds.
    pub async fn future_publications(
        &self,
        documents: Option<&[DocumentId]>,
    ) -> Result<Vec<(DocumentId, SiteId, OffsetDateTime)>> {
        let only = match documents {
            None => String::new(),
            Some([]) => return Ok(Vec::new()),
            // Integers only, so the list is safe to inline.
            Some(ids) => format!(
                " and document_id in ({})",
                ids.iter().map(|d| d.0.to_string()).collect::<Vec<_>>().join(", ")
            ),
        };
        let sql = format!(
            "select document_id, site_id, published_at from variants
             where status = 'scheduled' and published_at is not null and published_at > $1{only}
             order by published_at"
        );
        let rows: Vec<(i64, i64, OffsetDateTime)> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(now()).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(d, s, at)| (DocumentId(d), SiteId(s), at)).collect())
    }
}

#[cfg(test)]
mod tests {
    use portico_content::{Draft, Kind, Status};

    use crate::testing::TestDb;
    use crate::{NewDocument, NewSite};

    #[tokio::test]
    async fn only_published_variants_dated_later_are_reported_on_both_databases() {
        for db in TestDb::each().await {
            let store = &db.store;
            let site = store
                .create_site(
                    &NewSite {
                        key: "global".into(),
                        name: "Global".into(),
                        languages: vec!["en".into()],
                        country: None,
                        hosts: vec![],
                        names: Default::default(),
                        fallback_to_default: true,
                    },
                    &crate::Audit::system("test", "site.create"),
                )
                .await
                .expect("site");
            let new = |slug: &str, status: Status, hours: i64| NewDocument {
                site,
                kind: Kind::Release,
                language: "en".into(),
                draft: Draft {
                    title: slug.into(),
                    slug: slug.into(),
                    published_at: Some(crate::now() + time::Duration::hours(hours)),
                    ..Draft::default()
                },
                status,
                author: None,
            };
            let (later, _) = store
                .create_document(
                    &new("later", Status::Published, 2),
                    &crate::Audit::system("test", "document.create"),
                )
                .await
                .expect("doc");
            let (past, _) = store
                .create_document(
                    &new("past", Status::Published, -2),
                    &crate::Audit::system("test", "document.create"),
                )
                .await
                .expect("doc");
            let (draft, _) = store
                .create_document(
                    &new("draft", Status::Draft, 2),
                    &crate::Audit::system("test", "document.create"),
                )
                .await
                .expect("doc");

            let all = store.future_publications(None).await.expect("all");
            assert_eq!(
                all.iter().map(|(d, s, _)| (*d, *s)).collect::<Vec<_>>(),
                [(later, site)],
                "{}",
                store.backend()
            );
            assert_eq!(store.future_publications(Some(&[past, draft])).await.expect("some"), []);
            assert_eq!(store.future_publications(Some(&[later])).await.expect("one").len(), 1);
            assert_eq!(store.future_publications(Some(&[])).await.expect("none"), []);
        }
    }
}
