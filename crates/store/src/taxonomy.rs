use portico_content::{ContactId, PartnerId, ThemeId};
use serde::Serialize;

use crate::{Result, Store, StoreError, now, on_pool};

/// A theme of the taxonomy ("Migrant children").
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Theme {
    /// Its id.
    #[sqlx(try_from = "i64")]
    pub id: ThemeId,
    /// URL key, as in `/en/news?theme=migrant-children`.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// One sentence about it.
    pub description: String,
}

/// A partner organization.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Partner {
    /// Its id.
    #[sqlx(try_from = "i64")]
    pub id: PartnerId,
    /// Stable key.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Acronym ("UNHCR"), possibly empty.
    pub acronym: String,
}

/// A media contact.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Contact {
    /// Its id.
    #[sqlx(try_from = "i64")]
    pub id: ContactId,
    /// Stable key.
    pub key: String,
    /// Person's name.
    pub name: String,
    /// Office ("IOM El Salvador").
    pub office: String,
    /// Phone number as written for people ("+503 2521 0500").
    pub phone: String,
    /// Email address.
    pub email: String,
}

/// A theme to create or update, by slug.
#[derive(Debug, Clone)]
pub struct NewTheme {
    /// See [`Theme::slug`].
    pub slug: String,
    /// See [`Theme::name`].
    pub name: String,
    /// See [`Theme::description`].
    pub description: String,
}

/// A partner to create or update, by slug.
#[derive(Debug, Clone)]
pub struct NewPartner {
    /// See [`Partner::slug`].
    pub slug: String,
    /// See [`Partner::name`].
    pub name: String,
    /// See [`Partner::acronym`].
    pub acronym: String,
}

/// A contact to create or update, by key.
#[derive(Debug, Clone)]
pub struct NewContact {
    /// See [`Contact::key`].
    pub key: String,
    /// See [`Contact::name`].
    pub name: String,
    /// See [`Contact::office`].
    pub office: String,
    /// See [`Contact::phone`].
    pub phone: String,
    /// See [`Contact::email`].
    pub email: String,
}

impl Store {
    /// Creates the theme, or updates the one with that slug. Logged as a change of every
    /// site: theme names show on every list, and servers hold them in memory.
    pub async fn upsert_theme(&self, theme: &NewTheme) -> Result<ThemeId> {
        let id: i64 = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let id: i64 = sqlx::query_scalar(
                "insert into themes (slug, name, description) values ($1, $2, $3)
                 on conflict (slug) do update set name = excluded.name, description = excluded.description
                 returning id",
            )
            .bind(&theme.slug)
            .bind(&theme.name)
            .bind(&theme.description)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "insert into change_log (at, site_id, entity, entity_id, action)
                 values ($1, null, 'theme', $2, 'upsert')",
            )
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(id)
        }
        .await)?;
        Ok(ThemeId(id))
    }

    /// Creates the partner, or updates the one with that slug.
    pub async fn upsert_partner(&self, partner: &NewPartner) -> Result<PartnerId> {
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "insert into partners (slug, name, acronym) values ($1, $2, $3)
                 on conflict (slug) do update set name = excluded.name, acronym = excluded.acronym
                 returning id",
            )
            .bind(&partner.slug)
            .bind(&partner.name)
            .bind(&partner.acronym)
            .fetch_one(pool)
            .await
        })?;
        Ok(PartnerId(id))
    }

    /// Creates the contact, or updates the one with that key.
    pub async fn upsert_contact(&self, contact: &NewContact) -> Result<ContactId> {
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "insert into contacts (key, name, office, phone, email) values ($1, $2, $3, $4, $5)
                 on conflict (key) do update set name = excluded.name, office = excluded.office,
                     phone = excluded.phone, email = excluded.email
                 returning id",
            )
            .bind(&contact.key)
            .bind(&contact.name)
            .bind(&contact.office)
            .bind(&contact.phone)
            .bind(&contact.email)
            .fetch_one(pool)
            .await
        })?;
        Ok(ContactId(id))
    }

    /// Every theme, by name.
    pub async fn themes(&self) -> Result<Vec<Theme>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as("select id, slug, name, description from themes order by name")
                .fetch_all(pool)
                .await
        })?)
    }

    /// Every partner, by name.
    pub async fn partners(&self) -> Result<Vec<Partner>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as("select id, slug, name, acronym from partners order by name").fetch_all(pool).await
        })?)
    }

    /// Every contact, by name.
    pub async fn contacts(&self) -> Result<Vec<Contact>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as("select id, key, name, office, phone, email from contacts order by name")
                .fetch_all(pool)
                .await
        })?)
    }

    /// The theme with this slug.
    pub async fn theme_by_slug(&self, slug: &str) -> Result<Option<Theme>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as("select id, slug, name, description from themes where slug = $1")
                .bind(slug)
                .fetch_optional(pool)
                .await
        })?)
    }

    /// Resolves keys of `table` (by its `key_column`) to ids, in the given order; an unknown
    /// key is an error naming `what`.
    pub(crate) async fn resolve_ids(
        &self,
        table: &'static str,
        key_column: &'static str,
        what: &'static str,
        keys: &[String],
    ) -> Result<Vec<i64>> {
        let sql = format!("select id from {table} where {key_column} = $1");
        let mut ids = Vec::with_capacity(keys.len());
        for key in keys {
            let id: Option<i64> =
                on_pool!(self, |pool| { sqlx::query_scalar(&sql).bind(key).fetch_optional(pool).await })?;
            ids.push(id.ok_or_else(|| StoreError::UnknownReference { what, value: key.clone() })?);
        }
        Ok(ids)
    }
}
