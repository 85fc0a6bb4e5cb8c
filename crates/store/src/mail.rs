//! News by email: subscribers, the requests that rate-limit the subscribe form, the items each
//! subscriber is owed, and the outbox the mailer sends from.
//!
//! Every write here is idempotent under replay: an item is keyed by subscriber and release, an
//! email by its dedupe key, so a mailer that reads the change log again (after a restart, or on
//! a second node) enqueues nothing twice. Sending is leased per row, as feed fetches are
//! ([`Store::take_feed_lease`]): two nodes never send the same email at once. This module never
//! renders or sends an email: that is the web side's mailer.

use portico_content::{DocumentId, SiteId};
use time::OffsetDateTime;

use crate::{Result, Store, StoreError, now, on_pool};

/// Inserts an email in a transaction unless its dedupe key is taken; its id when it was new.
/// A macro, as [`crate::audit::record_audit`] is, to serve both pools' transactions.
macro_rules! insert_email {
    ($tx:expr, $email:expr, $at:expr) => {
        sqlx::query_scalar::<_, i64>(
            "insert into mail_outbox (subscriber_id, dedupe_key, message_id, recipient, subject, text_body,
               html_body, unsubscribe_url, created_at, next_attempt_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
             on conflict (dedupe_key) do nothing
             returning id",
        )
        .bind($email.subscriber.map(|s: SubscriberId| s.0))
        .bind(&$email.dedupe_key)
        .bind(&$email.message_id)
        .bind(&$email.recipient)
        .bind(&$email.subject)
        .bind(&$email.text_body)
        .bind(&$email.html_body)
        .bind(&$email.unsubscribe_url)
        .bind($at)
        .fetch_optional(&mut *$tx)
        .await?
    };
}

/// A subscriber's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SubscriberId(pub i64);

/// How often a subscriber hears from us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    /// One email per release, as soon as it is published.
    Immediate,
    /// One digest a day of what was published since the last.
    Daily,
    /// One digest a week.
    Weekly,
}

impl Frequency {
    /// Every frequency, in the order a form offers them.
    pub const ALL: [Frequency; 3] = [Frequency::Immediate, Frequency::Daily, Frequency::Weekly];

    /// The stored and submitted name.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Immediate => "immediate",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
        }
    }

    /// The frequency a name stands for.
    pub fn parse(text: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.as_str() == text)
    }

    /// When an item found at `at` goes out: at once, or at the next digest (every day at
    /// [`DIGEST_HOUR_UTC`], on Mondays for the weekly one).
    pub fn due_after(self, at: OffsetDateTime) -> OffsetDateTime {
        let at = crate::normalize(at);
        let today = at.replace_time(time::Time::MIDNIGHT) + time::Duration::hours(DIGEST_HOUR_UTC);
        match self {
            Frequency::Immediate => at,
            Frequency::Daily => {
                if today > at {
                    today
                } else {
                    today + time::Duration::days(1)
                }
            }
            Frequency::Weekly => {
                let monday = today - time::Duration::days(i64::from(at.weekday().number_days_from_monday()));
                if monday > at { monday } else { monday + time::Duration::weeks(1) }
            }
        }
    }
}

/// The hour (UTC) at which daily and weekly digests go out.
pub const DIGEST_HOUR_UTC: i64 = 7;

/// A subscribe request as confirmed by its link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscriber {
    /// The site subscribed to.
    pub site: SiteId,
    /// The address, lower-cased.
    pub email: String,
    /// The language emails are written in.
    pub language: String,
    /// How often.
    pub frequency: Frequency,
    /// Only releases about one of these countries (ISO codes); empty: all.
    pub countries: Vec<String>,
    /// Only releases on one of these themes (slugs); empty: all.
    pub themes: Vec<String>,
    /// Only releases published in one of these languages; empty: all.
    pub languages: Vec<String>,
    /// Origin and path prefix for the links in emails (`https://www.example.org`,
    /// `http://localhost:8080/sites/sv`).
    pub link_base: String,
}

/// A confirmed subscriber.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    /// Its id.
    pub id: SubscriberId,
    /// What they asked for.
    pub subscription: NewSubscriber,
    /// When they confirmed (their last confirmed request).
    pub confirmed_at: OffsetDateTime,
}

/// An email to enqueue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    /// Whom it is for, when it is for a subscriber (deleting them deletes it).
    pub subscriber: Option<SubscriberId>,
    /// Enqueueing a second email with the same key does nothing.
    pub dedupe_key: String,
    /// `<…@…>`, kept across retries.
    pub message_id: String,
    /// The address.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// The plain-text part.
    pub text_body: String,
    /// The HTML part.
    pub html_body: String,
    /// The one-click unsubscribe address (`List-Unsubscribe`); empty for none.
    pub unsubscribe_url: String,
}

/// An email in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEmail {
    /// Its row.
    pub id: i64,
    /// What it says.
    pub email: NewEmail,
    /// Delivery attempts so far.
    pub attempts: i64,
    /// When the SMTP server accepted it.
    pub sent_at: Option<OffsetDateTime>,
    /// When we gave up on it.
    pub failed_at: Option<OffsetDateTime>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
}

/// Subscribe requests counted for the rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailRequests {
    /// For this address, from anywhere.
    pub by_email: i64,
    /// From this client, for any address.
    pub by_client: i64,
}

/// What a release says to the mailer: where it appears and what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailRelease {
    /// The release.
    pub document: DocumentId,
    /// The site that publishes it.
    pub site: SiteId,
    /// Its countries (ISO codes).
    pub countries: Vec<String>,
    /// Its themes (slugs).
    pub themes: Vec<String>,
    /// Its published language versions, as `(language, slug, title, summary, published_at)`.
    pub variants: Vec<MailVariant>,
}

/// One published language version of a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailVariant {
    /// Language code.
    pub language: String,
    /// Slug under `/{lang}/news/`.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// When it was (or will be) published.
    pub published_at: OffsetDateTime,
}

/// A site's subscribers after an id, in id order ([`Store::subscribers_of_site`]).
pub(crate) const SUBSCRIBERS_OF_SITE_SQL: &str = "select id, site_id, email, language, frequency, countries, themes, \
     languages, link_base, confirmed_at from mail_subscribers where site_id = $1 and id > $2 order by id limit $3";
/// Items due and not yet in an email ([`Store::due_items`]).
pub(crate) const DUE_ITEMS_SQL: &str = "select subscriber_id, document_id from mail_items \
     where outbox_id is null and due_at <= $1 order by due_at limit $2";
/// Emails due that nobody holds ([`Store::due_emails`]).
pub(crate) const DUE_EMAILS_SQL: &str = "select id from mail_outbox \
     where sent_at is null and failed_at is null and next_attempt_at <= $1 \
       and (lease_holder is null or lease_until <= $1) order by next_attempt_at limit $2";
/// Emails sent since a time, for the rate limit ([`Store::emails_sent_since`]).
pub(crate) const SENT_SINCE_SQL: &str =
    "select count(*) from mail_outbox where sent_at is not null and sent_at > $1";
/// Subscribe requests for an address since a time ([`Store::record_mail_request`]).
pub(crate) const REQUESTS_BY_EMAIL_SQL: &str =
    "select count(*) from mail_requests where email = $1 and at > $2";
/// Subscribe requests from a client since a time ([`Store::record_mail_request`]).
pub(crate) const REQUESTS_BY_CLIENT_SQL: &str =
    "select count(*) from mail_requests where client = $1 and at > $2";

/// Subscribers per page of the back office's list.
pub const SUBSCRIBER_PAGE: i64 = 100;
/// Rows the mailer takes at once.
pub const OUTBOX_BATCH: i64 = 50;

fn join(list: &[String]) -> String {
    list.join(",")
}

fn split(text: &str) -> Vec<String> {
    text.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

type SubscriberRow = (i64, i64, String, String, String, String, String, String, String, OffsetDateTime);

const SUBSCRIBER_COLUMNS: &str =
    "id, site_id, email, language, frequency, countries, themes, languages, link_base, confirmed_at";

fn subscriber(row: SubscriberRow) -> Result<Subscriber> {
    let (id, site, email, language, frequency, countries, themes, languages, link_base, confirmed_at) = row;
    let frequency = Frequency::parse(&frequency)
        .ok_or_else(|| StoreError::Corrupt(format!("frequency {frequency:?}")))?;
    Ok(Subscriber {
        id: SubscriberId(id),
        subscription: NewSubscriber {
            site: SiteId(site),
            email,
            language,
            frequency,
            countries: split(&countries),
            themes: split(&themes),
            languages: split(&languages),
            link_base,
        },
        confirmed_at,
    })
}

type OutboxRow = (
    i64,
    Option<i64>,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    Option<OffsetDateTime>,
    Option<OffsetDateTime>,
    Option<String>,
);

const OUTBOX_COLUMNS: &str = "id, subscriber_id, dedupe_key, message_id, recipient, subject, text_body, html_body, \
     unsubscribe_url, attempts, sent_at, failed_at, last_error";

fn outbox(row: OutboxRow) -> OutboxEmail {
    let (
        id,
        subscriber,
        dedupe_key,
        message_id,
        recipient,
        subject,
        text_body,
        html_body,
        unsubscribe_url,
        attempts,
        sent_at,
        failed_at,
        last_error,
    ) = row;
    OutboxEmail {
        id,
        email: NewEmail {
            subscriber: subscriber.map(SubscriberId),
            dedupe_key,
            message_id,
            recipient,
            subject,
            text_body,
            html_body,
            unsubscribe_url,
        },
        attempts,
        sent_at,
        failed_at,
        last_error,
    }
}

impl Store {
    /// The key that signs subscription links, made on first use and the same on every node;
    /// read once per store.
    pub async fn mail_signing_key(&self) -> Result<String> {
        if let Some(key) = self.mail_key.get() {
            return Ok(key.clone());
        }
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| StoreError::Aborted(Box::new(std::io::Error::other(e.to_string()))))?;
        let fresh: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let key = on_pool!(self, |pool| {
            async {
            sqlx::query("insert into mail_state (id, signing_key, position) values (1, $1, 0) on conflict (id) do nothing")
                .bind(&fresh)
                .execute(pool)
                .await?;
            sqlx::query_scalar::<_, String>("select signing_key from mail_state where id = 1").fetch_one(pool).await
        }
        .await
        })?;
        Ok(self.mail_key.get_or_init(|| key).clone())
    }

    /// How far the mailer has read the change log; `None` before it first ran (it then starts
    /// at the log's end: nobody subscribed to what came before).
    pub async fn mail_position(&self) -> Result<Option<i64>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar("select position from mail_state where id = 1").fetch_optional(pool).await
        })?)
    }

    /// Records that the mailer has read the change log up to `position` (never moves back:
    /// another node may be further on).
    pub async fn set_mail_position(&self, position: i64) -> Result<()> {
        // The state's row, which holds the key, is made with it (a read once per store).
        self.mail_signing_key().await?;
        on_pool!(self, |pool| {
            sqlx::query("update mail_state set position = $1 where id = 1 and position < $1")
                .bind(position)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    /// Counts the subscribe requests for `email` and from `client` since `since`, then records
    /// this one (so that the count includes every request, refused ones too).
    pub async fn record_mail_request(
        &self,
        email: &str,
        client: &str,
        since: OffsetDateTime,
    ) -> Result<MailRequests> {
        let email = email.trim().to_lowercase();
        let since = crate::normalize(since);
        let at = now();
        let (by_email, by_client) = on_pool!(self, |pool| async {
            let by_email: i64 =
                sqlx::query_scalar(REQUESTS_BY_EMAIL_SQL).bind(&email).bind(since).fetch_one(pool).await?;
            let by_client: i64 =
                sqlx::query_scalar(REQUESTS_BY_CLIENT_SQL).bind(client).bind(since).fetch_one(pool).await?;
            sqlx::query("insert into mail_requests (email, client, at) values ($1, $2, $3)")
                .bind(&email)
                .bind(client)
                .bind(at)
                .execute(pool)
                .await?;
            Ok::<_, sqlx::Error>((by_email, by_client))
        }
        .await)?;
        Ok(MailRequests { by_email, by_client })
    }

    /// Writes a confirmed subscription, replacing the address's earlier one on the same site.
    pub async fn confirm_subscriber(&self, new: &NewSubscriber) -> Result<Subscriber> {
        let at = now();
        let sql = format!(
            "insert into mail_subscribers
               (site_id, email, language, frequency, countries, themes, languages, link_base, confirmed_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             on conflict (site_id, email) do update set
               language = excluded.language, frequency = excluded.frequency,
               countries = excluded.countries, themes = excluded.themes,
               languages = excluded.languages, link_base = excluded.link_base,
               confirmed_at = excluded.confirmed_at
             returning {SUBSCRIBER_COLUMNS}"
        );
        let row: SubscriberRow = on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(new.site.0)
                .bind(new.email.trim().to_lowercase())
                .bind(&new.language)
                .bind(new.frequency.as_str())
                .bind(join(&new.countries))
                .bind(join(&new.themes))
                .bind(join(&new.languages))
                .bind(&new.link_base)
                .bind(at)
                .fetch_one(pool)
                .await
        })?;
        subscriber(row)
    }

    /// One subscriber.
    pub async fn subscriber(&self, id: SubscriberId) -> Result<Option<Subscriber>> {
        let sql = format!("select {SUBSCRIBER_COLUMNS} from mail_subscribers where id = $1");
        let row: Option<SubscriberRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await)?;
        row.map(subscriber).transpose()
    }

    /// A site's subscribers after `after`, in id order, at most `limit`: the mailer's and the
    /// back office's batches (one index range, whatever the number of subscribers).
    pub async fn subscribers_of_site(
        &self,
        site: SiteId,
        after: SubscriberId,
        limit: i64,
    ) -> Result<Vec<Subscriber>> {
        let rows: Vec<SubscriberRow> = on_pool!(self, |pool| {
            sqlx::query_as(SUBSCRIBERS_OF_SITE_SQL)
                .bind(site.0)
                .bind(after.0)
                .bind(limit)
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(subscriber).collect()
    }

    /// How many subscribers a site has.
    pub async fn subscriber_count(&self, site: SiteId) -> Result<i64> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar("select count(*) from mail_subscribers where site_id = $1")
                .bind(site.0)
                .fetch_one(pool)
                .await
        })?)
    }

    /// Deletes a subscriber, what they were owed and their emails not sent yet, with its audit
    /// entry; `false` when there was none.
    pub async fn delete_subscriber(&self, id: SubscriberId, audit: &crate::Audit) -> Result<bool> {
        let at = now();
        let removed = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let site: Option<i64> =
                sqlx::query_scalar("delete from mail_subscribers where id = $1 returning site_id")
                    .bind(id.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some(site) = site {
                crate::audit::record_audit!(tx, at, audit, Some(site), "mail_subscriber", id.0);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(site.is_some())
        }
        .await)?;
        Ok(removed)
    }

    /// A published release as the mailer needs it; `None` when it is no published release.
    pub async fn mail_release(&self, document: DocumentId) -> Result<Option<MailRelease>> {
        let found = on_pool!(self, |pool| async {
            let site: Option<i64> =
                sqlx::query_scalar("select site_id from documents where id = $1 and kind = 'release'")
                    .bind(document.0)
                    .fetch_optional(pool)
                    .await?;
            let Some(site) = site else { return Ok::<_, sqlx::Error>(None) };
            let variants: Vec<(String, String, String, String, OffsetDateTime)> = sqlx::query_as(
                "select language, slug, title, summary, published_at from variants
                 where document_id = $1 and status = 'published' and published_at is not null
                 order by id",
            )
            .bind(document.0)
            .fetch_all(pool)
            .await?;
            let countries: Vec<String> = sqlx::query_scalar(
                "select country from document_countries where document_id = $1 order by position",
            )
            .bind(document.0)
            .fetch_all(pool)
            .await?;
            let themes: Vec<String> = sqlx::query_scalar(
                "select t.slug from document_themes dt join themes t on t.id = dt.theme_id
                 where dt.document_id = $1 order by dt.position",
            )
            .bind(document.0)
            .fetch_all(pool)
            .await?;
            Ok(Some((site, variants, countries, themes)))
        }
        .await)?;
        let Some((site, variants, countries, themes)) = found else { return Ok(None) };
        if variants.is_empty() {
            return Ok(None);
        }
        Ok(Some(MailRelease {
            document,
            site: SiteId(site),
            countries,
            themes,
            variants: variants
                .into_iter()
                .map(|(language, slug, title, summary, published_at)| MailVariant {
                    language,
                    slug,
                    title,
                    summary,
                    published_at,
                })
                .collect(),
        }))
    }

    /// Owes `document` to each subscriber, due then; an item already owed (or sent) stays as it
    /// is. Returns how many were new.
    pub async fn owe_release(
        &self,
        document: DocumentId,
        items: &[(SubscriberId, OffsetDateTime)],
    ) -> Result<u64> {
        let mut added = 0;
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            for (subscriber, due) in items {
                added += sqlx::query(
                    "insert into mail_items (subscriber_id, document_id, due_at) values ($1, $2, $3)
                     on conflict (subscriber_id, document_id) do nothing",
                )
                .bind(subscriber.0)
                .bind(document.0)
                .bind(crate::normalize(*due))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            tx.commit().await
        }
        .await)?;
        Ok(added)
    }

    /// Items due by `at` and not yet in an email, grouped by subscriber, for at most `limit`
    /// items (oldest due first).
    pub async fn due_items(
        &self,
        at: OffsetDateTime,
        limit: i64,
    ) -> Result<Vec<(SubscriberId, Vec<DocumentId>)>> {
        let rows: Vec<(i64, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(DUE_ITEMS_SQL).bind(crate::normalize(at)).bind(limit).fetch_all(pool).await
        })?;
        let mut grouped: Vec<(SubscriberId, Vec<DocumentId>)> = Vec::new();
        for (subscriber, document) in rows {
            let subscriber = SubscriberId(subscriber);
            match grouped.iter_mut().find(|(s, _)| *s == subscriber) {
                Some((_, documents)) => documents.push(DocumentId(document)),
                None => grouped.push((subscriber, vec![DocumentId(document)])),
            }
        }
        Ok(grouped)
    }

    /// Forgets items that will not go out (their release was withdrawn before its digest).
    pub async fn drop_items(&self, subscriber: SubscriberId, documents: &[DocumentId]) -> Result<()> {
        on_pool!(self, |pool| {
            async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            for document in documents {
                sqlx::query(
                    "delete from mail_items where subscriber_id = $1 and document_id = $2 and outbox_id is null",
                )
                .bind(subscriber.0)
                .bind(document.0)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await
        }
        .await
        })?;
        Ok(())
    }

    /// Puts `email` in the outbox as the carrier of `documents` for its subscriber, in one
    /// transaction: `false` (and nothing written) when another node got there first with one
    /// of them.
    pub async fn enqueue_items_email(&self, email: &NewEmail, documents: &[DocumentId]) -> Result<bool> {
        let Some(subscriber) = email.subscriber else { return Ok(false) };
        let at = now();
        let done = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let Some(id) = insert_email!(tx, email, at) else { return Ok::<_, sqlx::Error>(false) };
            for document in documents {
                let claimed = sqlx::query(
                    "update mail_items set outbox_id = $1
                     where subscriber_id = $2 and document_id = $3 and outbox_id is null",
                )
                .bind(id)
                .bind(subscriber.0)
                .bind(document.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if claimed == 0 {
                    tx.rollback().await?;
                    return Ok(false);
                }
            }
            tx.commit().await?;
            Ok(true)
        }
        .await)?;
        Ok(done)
    }

    /// Puts `email` in the outbox, once per dedupe key: `false` when it was there already.
    pub async fn enqueue_email(&self, email: &NewEmail) -> Result<bool> {
        let at = now();
        let done = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let id = insert_email!(tx, email, at);
            tx.commit().await?;
            Ok::<_, sqlx::Error>(id.is_some())
        }
        .await)?;
        Ok(done)
    }

    /// The emails that are due and that nobody holds, oldest due first (candidates for
    /// [`Store::take_email_lease`]).
    pub async fn due_emails(&self, at: OffsetDateTime, limit: i64) -> Result<Vec<i64>> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar(DUE_EMAILS_SQL).bind(crate::normalize(at)).bind(limit).fetch_all(pool).await
        })?)
    }

    /// Takes the lease on an email for `holder` until `until` when it is still due and nobody
    /// holds it (one conditional update); `None` when another node has it or it went out.
    pub async fn take_email_lease(
        &self,
        id: i64,
        holder: &str,
        at: OffsetDateTime,
        until: OffsetDateTime,
    ) -> Result<Option<OutboxEmail>> {
        let sql = format!(
            "update mail_outbox set lease_holder = $1, lease_until = $2
             where id = $3 and sent_at is null and failed_at is null
               and (lease_holder is null or lease_until <= $4)
             returning {OUTBOX_COLUMNS}"
        );
        let row: Option<OutboxRow> = on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(holder)
                .bind(crate::normalize(until))
                .bind(id)
                .bind(crate::normalize(at))
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.map(outbox))
    }

    /// Records that the SMTP server accepted an email: it is never sent again.
    pub async fn mark_email_sent(&self, id: i64) -> Result<()> {
        let at = now();
        on_pool!(self, |pool| {
            sqlx::query(
                "update mail_outbox set sent_at = $1, attempts = attempts + 1, last_error = null,
                   lease_holder = null, lease_until = null
                 where id = $2 and sent_at is null",
            )
            .bind(at)
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        Ok(())
    }

    /// Records a failed attempt: tried again at `retry_at`, or given up when `None`.
    pub async fn mark_email_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<OffsetDateTime>,
    ) -> Result<()> {
        let at = now();
        let error: String = error.chars().take(500).collect();
        // Two statements rather than one with a conditional: PostgreSQL cannot type a parameter
        // that is only ever compared with null.
        let (sql, when) = match retry_at {
            Some(retry_at) => (
                "update mail_outbox set attempts = attempts + 1, last_error = $1, next_attempt_at = $2,
                   lease_holder = null, lease_until = null
                 where id = $3 and sent_at is null",
                crate::normalize(retry_at),
            ),
            None => (
                "update mail_outbox set attempts = attempts + 1, last_error = $1, failed_at = $2,
                   lease_holder = null, lease_until = null
                 where id = $3 and sent_at is null",
                at,
            ),
        };
        on_pool!(self, |pool| {
            sqlx::query(sql).bind(&error).bind(when).bind(id).execute(pool).await.map(|_| ())
        })?;
        Ok(())
    }

    /// Ends every lease `holder` still has on emails (a node stopping); returns how many.
    pub async fn release_email_leases_of(&self, holder: &str) -> Result<u64> {
        Ok(on_pool!(self, |pool| {
            sqlx::query(
                "update mail_outbox set lease_holder = null, lease_until = null where lease_holder = $1",
            )
            .bind(holder)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?)
    }

    /// Emails the SMTP server accepted since `since`, on every node: the rate limit's count.
    pub async fn emails_sent_since(&self, since: OffsetDateTime) -> Result<i64> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar(SENT_SINCE_SQL).bind(crate::normalize(since)).fetch_one(pool).await
        })?)
    }

    /// Forgets what no longer serves: emails sent or given up on before `emails_before` (their
    /// addresses with them, a confirmation's among them) and subscribe requests before
    /// `requests_before`. Items stay: they are what keeps a release from being sent twice.
    /// Returns how many rows went.
    pub async fn forget_old_mail(
        &self,
        emails_before: OffsetDateTime,
        requests_before: OffsetDateTime,
    ) -> Result<u64> {
        let (emails_before, requests_before) =
            (crate::normalize(emails_before), crate::normalize(requests_before));
        let removed = on_pool!(self, |pool| async {
            let mut removed = 0;
            for sql in [
                "delete from mail_outbox where sent_at is not null and sent_at < $1",
                "delete from mail_outbox where failed_at is not null and failed_at < $1",
            ] {
                removed += sqlx::query(sql).bind(emails_before).execute(pool).await?.rows_affected();
            }
            removed += sqlx::query("delete from mail_requests where at < $1")
                .bind(requests_before)
                .execute(pool)
                .await?
                .rows_affected();
            Ok::<_, sqlx::Error>(removed)
        }
        .await)?;
        Ok(removed)
    }

    /// The newest outbox rows, newest first (tests and the back office).
    pub async fn outbox(&self, limit: i64) -> Result<Vec<OutboxEmail>> {
        let sql = format!("select {OUTBOX_COLUMNS} from mail_outbox order by id desc limit $1");
        let rows: Vec<OutboxRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(limit).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(outbox).collect())
    }
}
