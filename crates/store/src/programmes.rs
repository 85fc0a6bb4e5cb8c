//! Programmes: the funded lines of work a release or a page belongs to ("Migration Health
//! Programme"), one list kept in the back office like the themes, named per language, shared
//! by every site or owned by one country office. A document links to at most one; its
//! translations show that programme's name in their language.
//!
//! Must never let a document link a programme another site owns.

use std::collections::HashMap;

use portico_content::{ProgrammeId, SiteId};
use serde::Serialize;

use crate::taxonomy::{ThemeName, replace_names};
use crate::{Result, Store, StoreError, on_pool};

/// A programme's name and description in one language: the shape of a theme's.
pub type ProgrammeName = ThemeName;

/// A programme of the taxonomy.
#[derive(Debug, Clone, Serialize)]
pub struct Programme {
    /// Its id.
    pub id: ProgrammeId,
    /// Stable key, as imports and the API name it.
    pub slug: String,
    /// Default name.
    pub name: String,
    /// One sentence about it, possibly empty.
    pub description: String,
    /// The id of the site that owns it, whose documents alone may link it; `None` for every
    /// site's (as [`crate::Theme::site_id`]).
    pub site_id: Option<i64>,
    /// Its name and description in other languages.
    pub names: Vec<ProgrammeName>,
}

impl Programme {
    /// Its name in `language`, or the default name.
    pub fn name_in(&self, language: &str) -> &str {
        self.names
            .iter()
            .find(|n| n.language == language && !n.name.is_empty())
            .map_or(&self.name, |n| &n.name)
    }

    /// Whether documents of `site` may link it.
    pub fn serves(&self, site: SiteId) -> bool {
        crate::taxonomy::serves(self.site_id, site)
    }
}

/// A programme to create or update by key, with its names in other languages (the demo and
/// installs; the back office edits through [`Store::save_programme`]).
#[derive(Debug, Clone)]
pub struct NewProgramme {
    /// See [`Programme::slug`].
    pub slug: String,
    /// See [`Programme::name`].
    pub name: String,
    /// See [`Programme::description`].
    pub description: String,
    /// See [`Programme::site_id`].
    pub site_id: Option<i64>,
    /// See [`Programme::names`].
    pub names: Vec<ProgrammeName>,
}

/// The programme `$1` names, when documents of site `$2` may link it.
pub(crate) const PROGRAMME_FOR_SITE: &str =
    "select id from programmes where slug = $1 and (site_id is null or site_id = $2)";

impl Store {
    /// Every programme, by name, with its names in other languages.
    pub async fn programmes(&self) -> Result<Vec<Programme>> {
        type Row = (i64, String, String, String, Option<i64>);
        type NameRow = (i64, String, String, String);
        let (rows, names): (Vec<Row>, Vec<NameRow>) = on_pool!(self, |pool| async {
            let rows = sqlx::query_as(
                "select id, slug, name, description, site_id from programmes order by name, id",
            )
            .fetch_all(pool)
            .await?;
            let names = sqlx::query_as(
                "select programme_id, language, name, description from programme_names
                 order by programme_id, language",
            )
            .fetch_all(pool)
            .await?;
            Ok::<_, sqlx::Error>((rows, names))
        }
        .await)?;
        let mut by_id: HashMap<i64, Vec<ProgrammeName>> = HashMap::new();
        for (id, language, name, description) in names {
            by_id.entry(id).or_default().push(ProgrammeName { language, name, description });
        }
        Ok(rows
            .into_iter()
            .map(|(id, slug, name, description, site)| Programme {
                names: by_id.remove(&id).unwrap_or_default(),
                id: ProgrammeId(id),
                slug,
                name,
                description,
                site_id: site,
            })
            .collect())
    }

    /// The programmes documents of `site` may link: every site's and its own, by name.
    pub async fn programmes_for(&self, site: SiteId) -> Result<Vec<Programme>> {
        Ok(self.programmes().await?.into_iter().filter(|p| p.serves(site)).collect())
    }

    /// Creates the programme, or updates the one with that key (name, description, names;
    /// its owner stays what it was created with).
    pub async fn upsert_programme(&self, programme: &NewProgramme) -> Result<ProgrammeId> {
        let id: i64 = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let id: i64 = sqlx::query_scalar(
                "insert into programmes (slug, name, description, site_id) values ($1, $2, $3, $4)
                 on conflict (slug) do update set name = excluded.name, description = excluded.description
                 returning id",
            )
            .bind(&programme.slug)
            .bind(&programme.name)
            .bind(&programme.description)
            .bind(programme.site_id)
            .fetch_one(&mut *tx)
            .await?;
            replace_names!(tx, "programme_names", "programme_id", id, &programme.names)?;
            sqlx::query(
                "insert into change_log (at, site_id, entity, entity_id, action)
                 values ($1, null, 'programme', $2, 'upsert')",
            )
            .bind(crate::now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(id)
        }
        .await)?;
        Ok(ProgrammeId(id))
    }

    /// Saves a programme edited in the back office, as [`Store::save_theme`] does a theme.
    pub async fn save_programme(
        &self,
        id: ProgrammeId,
        name: &str,
        description: &str,
        names: &[ProgrammeName],
        audit: &crate::Audit,
    ) -> Result<bool> {
        self.save_described(crate::TaxonomyKind::Programme, id.0, name, description, names, audit).await
    }

    /// The id of the programme `key` names, for a document of `site`; `None` for no key. An
    /// unknown key, or one another site owns, is [`StoreError::UnknownReference`].
    pub(crate) async fn resolve_programme(&self, key: &str, site: SiteId) -> Result<Option<i64>> {
        if key.is_empty() {
            return Ok(None);
        }
        let id: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(PROGRAMME_FOR_SITE).bind(key).bind(site.0).fetch_optional(pool).await
        })?;
        id.map(Some).ok_or_else(|| StoreError::UnknownReference { what: "programme", value: key.to_owned() })
    }

    /// Turns the free-text programmes language versions carried before programmes were a
    /// taxonomy (migration 0035) into programmes: one per distinct text of a document's
    /// original (or, when that has none, first) version, keyed from its words, named in the
    /// other versions' languages by their texts, and linked from the documents. Every site's,
    /// since nothing said otherwise. Runs once, in one transaction.
    pub(crate) async fn adopt_programmes(&self) -> Result<()> {
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            // Versions in id order: a document's original comes first.
            let rows: Vec<(i64, String, String)> = sqlx::query_as(
                "select document_id, language, programme from variants where programme <> ''
                 order by document_id, id",
            )
            .fetch_all(&mut *tx)
            .await?;
            let mut taken: Vec<String> =
                sqlx::query_scalar("select slug from programmes").fetch_all(&mut *tx).await?;
            let mut by_text: HashMap<String, i64> = HashMap::new();
            let mut named: Vec<(i64, String)> = Vec::new();
            let mut linked: HashMap<i64, Vec<i64>> = HashMap::new();
            let mut rows = rows.into_iter().peekable();
            while let Some((document, _, text)) = rows.next() {
                let text = text.trim().to_owned();
                let id = match by_text.get(&text) {
                    Some(id) => *id,
                    None => {
                        let slug = free_slug(&text, &taken);
                        let id: i64 = sqlx::query_scalar(
                            "insert into programmes (slug, name) values ($1, $2) returning id",
                        )
                        .bind(&slug)
                        .bind(&text)
                        .fetch_one(&mut *tx)
                        .await?;
                        taken.push(slug);
                        by_text.insert(text.clone(), id);
                        id
                    }
                };
                linked.entry(id).or_default().push(document);
                // The document's other versions name the same programme in their languages.
                while let Some((_, language, local)) = rows.next_if(|(d, _, _)| *d == document) {
                    let local = local.trim();
                    if local != text && !named.contains(&(id, language.clone())) {
                        sqlx::query(
                            "insert into programme_names (programme_id, language, name) values ($1, $2, $3)",
                        )
                        .bind(id)
                        .bind(&language)
                        .bind(local)
                        .execute(&mut *tx)
                        .await?;
                        named.push((id, language));
                    }
                }
            }
            for (id, documents) in linked {
                for chunk in documents.chunks(500) {
                    let placeholders: Vec<String> = (2..chunk.len() + 2).map(|i| format!("${i}")).collect();
                    let sql = format!(
                        "update documents set programme_id = $1 where id in ({})",
                        placeholders.join(", ")
                    );
                    let mut query = sqlx::query(&sql).bind(id);
                    for document in chunk {
                        query = query.bind(document);
                    }
                    query.execute(&mut *tx).await?;
                }
            }
            sqlx::query("delete from pending_rebuilds where name = 'programmes'").execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<_, StoreError>(())
        }
        .await)
    }
}

/// A key for a programme named `text`, made from its words, that no key in `taken` has.
fn free_slug(text: &str, taken: &[String]) -> String {
    let base = match portico_content::slugify(text) {
        slug if slug.is_empty() => "programme".to_owned(),
        slug => slug,
    };
    let mut slug = base.clone();
    let mut n = 2;
    while taken.contains(&slug) {
        // Still a valid key: at most 80 characters.
        let suffix = format!("-{n}");
        let head = base[..base.len().min(80 - suffix.len())].trim_end_matches('-');
        slug = format!("{head}{suffix}");
        n += 1;
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adopted_keys_come_from_the_words_and_never_repeat() {
        let taken = vec!["migration-health".to_owned(), "migration-health-2".to_owned()];
        assert_eq!(free_slug("Migration Health", &taken), "migration-health-3");
        assert_eq!(free_slug("Programme régional", &[]), "programme-regional");
        assert_eq!(free_slug("« ? »", &[]), "programme");
        let long = "word ".repeat(20);
        let first = free_slug(&long, &[]);
        let second = free_slug(&long, std::slice::from_ref(&first));
        assert!(second.len() <= 80 && second.ends_with("-2") && second != first, "{second}");
        assert!(portico_content::is_valid_slug(&second), "{second}");
    }
}
