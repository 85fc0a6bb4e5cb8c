//! What the search indexer reads: the change log after a point, and documents' language
//! variants with everything the index needs, marked visible or not (the index holds drafts
//! too, hidden from readers, for the back office's document list).
//!
//! This module decides nothing about the index; it only reports what the database holds.
//! Visibility here is the same rule every public read uses ([`crate::reading`]): published,
//! and its publication time has come.

use std::collections::HashMap;

use portico_content::{DocumentId, SiteId, VariantId, markdown};
use time::OffsetDateTime;

use crate::{Result, Store, now, on_pool};

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChangeEntry {
    /// Its id: entries are applied in this order, and an indexer remembers the last one.
    pub id: i64,
    /// When it was written.
    pub at: OffsetDateTime,
    /// The site the change belongs to, when it belongs to one.
    pub site_id: Option<i64>,
    /// What changed: `document`, `site`, `menu`, `feed`, ….
    pub entity: String,
    /// The id of what changed (a document id for `document`).
    pub entity_id: i64,
    /// How it changed: `create`, `update`, `published`, `draft`, `translate`, ….
    pub action: String,
    /// For a release, the lists the change touched, as [`ChangeEntry::touched_lists`] reads
    /// them; `None` when the writer did not say.
    pub lists: Option<String>,
}

/// A public list a change touched: what caches drop for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TouchedList {
    /// The site's unfiltered lists: home, news, feeds, sitemap.
    Unfiltered(SiteId),
    /// The site's releases about a country (ISO alpha-2, upper case).
    Country(SiteId, [u8; 2]),
    /// The site's releases on a theme.
    Theme(SiteId, i64),
    /// The site's releases serving a Sustainable Development Goal.
    Goal(SiteId, u8),
    /// Every narrowed list of the site: the choices its filters offer changed.
    AllNarrowed(SiteId),
}

impl ChangeEntry {
    /// The lists this change touched; `None` when unknown (then it may have touched any list
    /// of its site). A token that cannot be read also makes it unknown, never an omission.
    pub fn touched_lists(&self) -> Option<Vec<TouchedList>> {
        self.lists.as_deref()?.split_ascii_whitespace().map(TouchedList::parse).collect()
    }
}

impl TouchedList {
    fn parse(token: &str) -> Option<TouchedList> {
        let mut parts = token.splitn(3, ':');
        let site = SiteId(parts.next()?.parse().ok()?);
        Some(match (parts.next(), parts.next()) {
            (None, _) => TouchedList::Unfiltered(site),
            (Some("*"), None) => TouchedList::AllNarrowed(site),
            (Some("c"), Some(code)) => match code.as_bytes() {
                [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => {
                    TouchedList::Country(site, [*a, *b])
                }
                _ => return None,
            },
            (Some("t"), Some(theme)) => TouchedList::Theme(site, theme.parse().ok()?),
            (Some("g"), Some(goal)) => TouchedList::Goal(site, goal.parse().ok()?),
            _ => return None,
        })
    }

    /// The site whose list this is.
    pub fn site(self) -> SiteId {
        match self {
            TouchedList::Unfiltered(site)
            | TouchedList::Country(site, _)
            | TouchedList::Theme(site, _)
            | TouchedList::Goal(site, _)
            | TouchedList::AllNarrowed(site) => site,
        }
    }

    /// The token [`TouchedList::parse`] reads.
    pub(crate) fn token(self) -> String {
        match self {
            TouchedList::Unfiltered(site) => site.0.to_string(),
            TouchedList::Country(site, [a, b]) => format!("{}:c:{}{}", site.0, char::from(a), char::from(b)),
            TouchedList::Theme(site, theme) => format!("{}:t:{theme}", site.0),
            TouchedList::Goal(site, goal) => format!("{}:g:{goal}", site.0),
            TouchedList::AllNarrowed(site) => format!("{}:*", site.0),
        }
    }
}

/// A language variant as the search index takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexableVariant {
    /// The variant.
    pub variant: VariantId,
    /// Its document.
    pub document: DocumentId,
    /// The site that publishes it.
    pub site: SiteId,
    /// Language code.
    pub language: String,
    /// `release` or `page`.
    pub kind: String,
    /// Release slug or page path.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// The body as plain text, without Markdown.
    pub body_text: String,
    /// Dateline place.
    pub dateline: String,
    /// Country codes of the document, upper case, in order.
    pub countries: Vec<String>,
    /// Theme slugs of the document, in order.
    pub themes: Vec<String>,
    /// When it goes or went public, if set.
    pub published_at: Option<OffsetDateTime>,
    /// Whether readers may see it now: published, and its time has come.
    pub visible: bool,
    /// Its workflow status (`draft`, `review`, `scheduled`, `published`, `archived`).
    pub status: String,
    /// Who created it, when known.
    pub author: Option<i64>,
    /// Who saved it last, when known.
    pub editor: Option<i64>,
    /// When it was last saved.
    pub updated_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct VariantRow {
    id: i64,
    document_id: i64,
    site_id: i64,
    language: String,
    kind: String,
    slug: String,
    title: String,
    summary: String,
    body_markdown: String,
    dateline: String,
    status: String,
    published_at: Option<OffsetDateTime>,
    author_id: Option<i64>,
    updated_by: Option<i64>,
    updated_at: OffsetDateTime,
}

const VARIANT_COLUMNS: &str =
    "v.id, v.document_id, v.site_id, v.language, v.kind, v.slug, v.title, v.summary,
     v.body_markdown, v.dateline, v.status, v.published_at, v.author_id, v.updated_by, v.updated_at";

impl Store {
    /// Up to `limit` change-log entries after `after`, oldest first.
    pub async fn changes_after(&self, after: i64, limit: i64) -> Result<Vec<ChangeEntry>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "select id, at, site_id, entity, entity_id, action, lists from change_log
                 where id > $1 order by id limit $2",
            )
            .bind(after)
            .bind(limit)
            .fetch_all(pool)
            .await
        })?)
    }

    /// The id of the newest change-log entry; `None` when nothing was ever written.
    pub async fn last_change_id(&self) -> Result<Option<i64>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar::<_, Option<i64>>("select max(id) from change_log").fetch_one(pool).await
        })?)
    }

    /// Every language variant of a document, visible or not, oldest first; empty when the
    /// document does not exist (any more).
    pub async fn indexable_variants(&self, document: DocumentId) -> Result<Vec<IndexableVariant>> {
        let sql = format!("select {VARIANT_COLUMNS} from variants v where v.document_id = $1 order by v.id");
        let rows: Vec<VariantRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(document.0).fetch_all(pool).await)?;
        self.complete(rows).await
    }

    /// Up to `limit` variants, visible or not, with ids above `after`, in id order: one page
    /// of a full rebuild (pass the last id of a page to get the next).
    pub async fn variants_after(&self, after: VariantId, limit: i64) -> Result<Vec<IndexableVariant>> {
        let sql = format!("select {VARIANT_COLUMNS} from variants v where v.id > $1 order by v.id limit $2");
        let rows: Vec<VariantRow> =
            on_pool!(self, |pool| { sqlx::query_as(&sql).bind(after.0).bind(limit).fetch_all(pool).await })?;
        self.complete(rows).await
    }

    /// How many variants there are, in any status, on every site: what the index holds.
    pub async fn count_variants(&self) -> Result<i64> {
        Ok(on_pool!(self, |pool| sqlx::query_scalar("select count(*) from variants").fetch_one(pool).await)?)
    }

    /// Documents with a variant scheduled for later, with that date: the scheduler publishes
    /// them when the time comes (and logs it), but the index should not wait for its round.
    pub async fn published_later(&self) -> Result<Vec<(DocumentId, OffsetDateTime)>> {
        let rows: Vec<(i64, OffsetDateTime)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "select document_id, published_at from variants
                 where status = 'scheduled' and published_at > $1",
            )
            .bind(now())
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(|(document, at)| (DocumentId(document), at)).collect())
    }

    /// Adds the documents' countries and themes and the plain body text to variant rows.
    async fn complete(&self, rows: Vec<VariantRow>) -> Result<Vec<IndexableVariant>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut documents: Vec<i64> = rows.iter().map(|row| row.document_id).collect();
        documents.sort_unstable();
        documents.dedup();
        // Integers only, so the list is safe to inline; a page holds at most a few hundred.
        let ids = documents.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        let countries_sql = format!(
            "select document_id, country from document_countries
             where document_id in ({ids}) order by document_id, position"
        );
        let themes_sql = format!(
            "select d.document_id, t.slug from document_themes d join themes t on t.id = d.theme_id
             where d.document_id in ({ids}) order by d.document_id, d.position"
        );
        let country_rows: Vec<(i64, String)> =
            on_pool!(self, |pool| sqlx::query_as(&countries_sql).fetch_all(pool).await)?;
        let theme_rows: Vec<(i64, String)> =
            on_pool!(self, |pool| sqlx::query_as(&themes_sql).fetch_all(pool).await)?;
        let group = |rows: Vec<(i64, String)>| {
            let mut by_document: HashMap<i64, Vec<String>> = HashMap::new();
            for (document, value) in rows {
                by_document.entry(document).or_default().push(value);
            }
            by_document
        };
        let countries = group(country_rows);
        let themes = group(theme_rows);
        // A publication version's PDF text, already bounded at upload, is searched with it.
        let variants = rows.iter().map(|row| row.id.to_string()).collect::<Vec<_>>().join(", ");
        let pdf_sql = format!(
            "select f.variant_id, t.text from publication_files f join media_texts t on t.media_id = f.media_id
             where f.variant_id in ({variants})"
        );
        let pdf_texts: HashMap<i64, String> =
            on_pool!(self, |pool| sqlx::query_as::<_, (i64, String)>(&pdf_sql).fetch_all(pool).await)?
                .into_iter()
                .collect();
        let at = now();
        Ok(rows
            .into_iter()
            .map(|row| IndexableVariant {
                visible: row.status == "published" && row.published_at.is_some_and(|p| p <= at),
                variant: VariantId(row.id),
                document: DocumentId(row.document_id),
                site: SiteId(row.site_id),
                language: row.language,
                kind: row.kind,
                slug: row.slug,
                title: row.title,
                summary: row.summary,
                body_text: match pdf_texts.get(&row.id) {
                    Some(pdf) => format!("{}\n\n{pdf}", markdown::plain_text(&row.body_markdown)),
                    None => markdown::plain_text(&row.body_markdown),
                },
                dateline: row.dateline,
                countries: countries.get(&row.document_id).cloned().unwrap_or_default(),
                themes: themes.get(&row.document_id).cloned().unwrap_or_default(),
                published_at: row.published_at,
                status: row.status,
                author: row.author_id,
                editor: row.updated_by,
                updated_at: row.updated_at,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use portico_content::{Draft, Kind, Status};

    use crate::testing::TestDb;
    use crate::{NewDocument, NewSite, NewTheme};

    #[test]
    fn touched_lists_read_what_the_writer_wrote_and_an_unreadable_token_makes_them_unknown() {
        use crate::{ChangeEntry, TouchedList};
        use portico_content::SiteId;
        let lists = [
            TouchedList::Unfiltered(SiteId(1)),
            TouchedList::Country(SiteId(1), *b"SV"),
            TouchedList::Theme(SiteId(2), 40),
            TouchedList::Goal(SiteId(1), 10),
            TouchedList::AllNarrowed(SiteId(2)),
        ];
        let written: Vec<String> = lists.iter().map(|list| list.token()).collect();
        let entry = |lists: Option<&str>| ChangeEntry {
            id: 1,
            at: time::OffsetDateTime::UNIX_EPOCH,
            site_id: Some(1),
            entity: "document".into(),
            entity_id: 7,
            action: "update".into(),
            lists: lists.map(str::to_owned),
        };
        assert_eq!(entry(Some(&written.join(" "))).touched_lists(), Some(lists.to_vec()));
        assert_eq!(entry(Some("")).touched_lists(), Some(vec![]));
        assert_eq!(entry(None).touched_lists(), None);
        for bad in ["1:c:sv", "x", "1:t:", "1:q:3", "1:c:SVN"] {
            assert_eq!(entry(Some(&format!("1 {bad}"))).touched_lists(), None, "{bad}");
        }
    }

    #[tokio::test]
    async fn the_feed_reports_changes_and_visible_variants_on_both_databases() {
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
            store
                .upsert_theme(&NewTheme {
                    slug: "health".into(),
                    name: "Health".into(),
                    description: String::new(),
                    names: Vec::new(),
                })
                .await
                .expect("theme");
            let before = store.last_change_id().await.expect("last change").unwrap_or(0);
            let draft = |slug: &str, published: bool| Draft {
                title: format!("Title {slug}"),
                slug: slug.into(),
                body_markdown: "Some **bold** words".into(),
                countries: vec!["SV".into(), "GT".into()],
                themes: vec!["health".into()],
                published_at: published.then(crate::now),
                ..Draft::default()
            };
            let new = |slug: &str, status: Status| NewDocument {
                site,
                kind: Kind::Release,
                language: "en".into(),
                draft: draft(slug, status == Status::Published),
                status,
                author: None,
            };
            let (public, public_variant) = store
                .create_document(
                    &new("public", Status::Published),
                    &crate::Audit::system("test", "document.create"),
                )
                .await
                .expect("doc");
            let (hidden, _) = store
                .create_document(
                    &new("hidden", Status::Draft),
                    &crate::Audit::system("test", "document.create"),
                )
                .await
                .expect("doc");

            let changes = store.changes_after(before, 10).await.expect("changes");
            let touched: Vec<i64> = changes.iter().map(|c| c.entity_id).collect();
            assert_eq!(touched, [public.0, hidden.0], "{}", store.backend());
            assert!(changes.iter().all(|c| c.entity == "document" && c.site_id == Some(site.0)));
            assert_eq!(store.changes_after(before, 1).await.expect("changes").len(), 1, "the limit holds");

            let variants = store.indexable_variants(public).await.expect("variants");
            assert_eq!(variants.len(), 1);
            let variant = &variants[0];
            assert_eq!(variant.variant, public_variant);
            assert!(variant.visible);
            assert_eq!(variant.body_text.trim(), "Some bold words");
            assert_eq!(variant.countries, ["SV", "GT"]);
            assert_eq!(variant.themes, ["health"]);
            let hidden_variants = store.indexable_variants(hidden).await.expect("variants");
            assert!(!hidden_variants[0].visible, "a draft is not visible");

            let all = store.variants_after(portico_content::VariantId(0), 100).await.expect("page");
            assert_eq!(
                all.iter().map(|v| (v.document, v.visible)).collect::<Vec<_>>(),
                [(public, true), (hidden, false)]
            );
            assert_eq!(all[1].status, "draft");
            assert_eq!(store.count_variants().await.expect("count"), 2);
            let after_last = store.variants_after(all[1].variant, 100).await.expect("page");
            assert!(after_last.is_empty(), "keyset paging ends after the last id");
            assert_eq!(store.variants_after(public_variant, 100).await.expect("page").len(), 1);
            assert!(store.published_later().await.expect("later").is_empty());
        }
    }
}
