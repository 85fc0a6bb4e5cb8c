//! News by email, the part that decides what to send: the signed links (confirm, unsubscribe),
//! the emails themselves (HTML and plain text, in the subscriber's language), and the
//! change-log subscriber that owes each published release to the subscribers it matches and
//! turns what is due into emails in the outbox.
//!
//! Links are signed with HMAC-SHA-256 under a key kept in the database
//! ([`portico_store::Store::mail_signing_key`]), so every node signs and checks alike and a
//! restored backup keeps its links working. Sending is [`crate::outbox`]'s; this module never
//! talks SMTP.

use std::collections::BTreeMap;
use std::sync::Weak;

use hmac::{Hmac, Mac};
use minijinja::context;
use portico_content::{DocumentId, SiteId};
use portico_store::follower::{Batch, BoxFuture, Subscriber, SubscriberError};
use portico_store::{MailRelease, MailVariant, NewEmail, NewSubscriber, Site, Store, Subscriber as Reader};
use serde::Serialize;
use sha2::Sha256;
use time::OffsetDateTime;

use crate::app::{App, Inner};
use crate::http::percent_encode;
use crate::{WebError, i18n::I18n};

/// How long a confirmation link works.
pub const CONFIRM_LIFETIME: time::Duration = time::Duration::days(3);
/// Releases dated longer ago than this are not sent when they are published (an archive
/// imported or put back online): subscribers hear about news.
const NEWS_AGE: time::Duration = time::Duration::days(7);
/// Subscribers read per query when a release is matched.
const SUBSCRIBER_BATCH: i64 = 500;
/// Items turned into emails per round.
const COMPOSE_BATCH: i64 = 500;
/// How long sent and given-up emails are kept (to look into a delivery problem), and how often
/// older ones are forgotten.
const KEEP_EMAILS: time::Duration = time::Duration::days(30);
/// How long subscribe requests are kept: the rate limit's window, and some.
const KEEP_REQUESTS: time::Duration = time::Duration::days(1);
const FORGET_EVERY: time::Duration = time::Duration::hours(1);

/// The HMAC of `message` under the database's key, in hex.
async fn sign(store: &Store, message: &str) -> Result<String, WebError> {
    let key = store.mail_signing_key().await?;
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key.as_bytes()) else { return Ok(String::new()) };
    mac.update(message.as_bytes());
    Ok(mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `signature` is `message`'s (compared in constant time).
async fn verify(store: &Store, message: &str, signature: &str) -> Result<bool, WebError> {
    let expected = sign(store, message).await?;
    Ok(crate::session::same_secret(&expected, signature))
}

/// A subscribe request, as its confirmation link carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The address, lower-cased.
    pub email: String,
    /// `immediate`, `daily` or `weekly`.
    pub frequency: portico_store::Frequency,
    /// Country codes.
    pub countries: Vec<String>,
    /// Theme slugs.
    pub themes: Vec<String>,
    /// Language codes.
    pub languages: Vec<String>,
    /// Until when the link works (Unix seconds).
    pub expires: i64,
}

impl Request {
    fn message(&self, site: &Site, lang: &str) -> String {
        format!(
            "confirm\n{}\n{lang}\n{}\n{}\n{}\n{}\n{}\n{}",
            site.key,
            self.email,
            self.frequency.as_str(),
            self.countries.join(","),
            self.themes.join(","),
            self.languages.join(","),
            self.expires
        )
    }

    /// The query string of its confirmation link, signature included.
    pub async fn query(&self, store: &Store, site: &Site, lang: &str) -> Result<String, WebError> {
        let signature = sign(store, &self.message(site, lang)).await?;
        Ok(format!(
            "e={}&f={}&c={}&t={}&l={}&x={}&s={signature}",
            percent_encode(&self.email),
            self.frequency.as_str(),
            percent_encode(&self.countries.join(",")),
            percent_encode(&self.themes.join(",")),
            percent_encode(&self.languages.join(",")),
            self.expires
        ))
    }

    /// Reads a confirmation link's fields; `None` when they are not ours, tampered with or
    /// expired.
    pub async fn from_link(
        store: &Store,
        site: &Site,
        lang: &str,
        pairs: &[(String, String)],
        now: OffsetDateTime,
    ) -> Result<Option<Request>, WebError> {
        let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let list = |name: &str| -> Vec<String> {
            get(name).unwrap_or("").split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect()
        };
        let (Some(email), Some(frequency), Some(expires), Some(signature)) =
            (get("e"), get("f").and_then(portico_store::Frequency::parse), get("x"), get("s"))
        else {
            return Ok(None);
        };
        let Ok(expires) = expires.parse::<i64>() else { return Ok(None) };
        let request = Request {
            email: email.to_owned(),
            frequency,
            countries: list("c"),
            themes: list("t"),
            languages: list("l"),
            expires,
        };
        if expires < now.unix_timestamp() || !verify(store, &request.message(site, lang), signature).await? {
            return Ok(None);
        }
        Ok(Some(request))
    }
}

fn unsubscribe_message(subscriber: i64, email: &str) -> String {
    format!("unsubscribe\n{subscriber}\n{email}")
}

/// The one-click unsubscribe link of a subscriber (the email is signed too, so that a link
/// never reaches a later subscriber who got the same id).
async fn unsubscribe_url(store: &Store, reader: &Reader) -> Result<String, WebError> {
    let sub = &reader.subscription;
    let signature = sign(store, &unsubscribe_message(reader.id.0, &sub.email)).await?;
    Ok(format!("{}/{}/unsubscribe?id={}&s={signature}", sub.link_base, sub.language, reader.id.0))
}

/// Checks an unsubscribe link's fields against the subscriber it names; the subscriber when
/// they match, `Ok(None)` when the link is sound but the subscriber is gone already, `Err`
/// when the link is not ours.
pub async fn unsubscribe_target(
    store: &Store,
    id: &str,
    signature: &str,
) -> Result<Result<Option<Reader>, ()>, WebError> {
    let Ok(id) = id.parse::<i64>() else { return Ok(Err(())) };
    let Some(reader) = store.subscriber(portico_store::SubscriberId(id)).await? else {
        // Nothing left to check the link against: gone either way, and saying so tells nothing.
        return Ok(Ok(None));
    };
    if verify(store, &unsubscribe_message(id, &reader.subscription.email), signature).await? {
        Ok(Ok(Some(reader)))
    } else {
        Ok(Err(()))
    }
}

/// The domain of the `From` address, for Message-IDs.
fn message_domain(from: &str) -> String {
    let address = from.rsplit_once('<').map_or(from, |(_, rest)| rest.trim_end_matches('>'));
    address.rsplit_once('@').map_or("localhost", |(_, domain)| domain).trim().to_owned()
}

fn random_hex() -> Result<String, WebError> {
    crate::session::random_token()
}

/// One release as an email shows it.
#[derive(Debug, Serialize)]
struct Item {
    title: String,
    summary: String,
    url: String,
    date: String,
    lang: String,
}

/// Writes the confirmation email of `request` for `site`, to be opened at `link_base`.
pub async fn confirmation_email(
    app: &App,
    site: &Site,
    lang: &str,
    link_base: &str,
    request: &Request,
) -> Result<NewEmail, WebError> {
    let i18n = app.i18n();
    let site_name = site.name_in(lang).to_owned();
    let url =
        format!("{link_base}/{lang}/subscribe/confirm?{}", request.query(app.store(), site, lang).await?);
    let subject = i18n.t1(lang, "email-confirm-subject", "site", site_name.clone());
    let intro = i18n.t1(lang, "email-confirm-intro", "site", site_name.clone());
    let button = i18n.t(lang, "email-confirm-button", None);
    let ignore = i18n.t(lang, "email-confirm-ignore", None);
    let layout = context! { lang, dir => I18n::direction(lang) };
    let html_body = app
        .theme()
        .render("email/confirm.html", context! { layout, subject, site_name, intro, button, ignore, url })?;
    let text_body = format!("{site_name}\n\n{intro}\n\n{button}:\n{url}\n\n{ignore}\n");
    let from = app.inner.mail.as_ref().map_or("", |outbox| outbox.options().from.as_str());
    Ok(NewEmail {
        subscriber: None,
        dedupe_key: format!("confirm:{}", random_hex()?),
        message_id: format!("<confirm.{}@{}>", random_hex()?, message_domain(from)),
        recipient: request.email.clone(),
        subject,
        text_body,
        html_body,
        unsubscribe_url: String::new(),
    })
}

/// The link of a release's variant for a reader of `reader_site` who subscribed at
/// `link_base`: on the release's own site when it is another's (a global release on a country
/// site's list).
fn release_url(
    link_base: &str,
    reader_site: &Site,
    release_site: Option<&Site>,
    variant: &MailVariant,
) -> String {
    let path = format!("/{}/news/{}", variant.language, variant.slug);
    let Some(release_site) = release_site.filter(|s| s.id != reader_site.id) else {
        return format!("{link_base}{path}");
    };
    if let Some(origin) = link_base.strip_suffix(&format!("/sites/{}", reader_site.key)) {
        return format!("{origin}/sites/{}{path}", release_site.key);
    }
    let scheme = link_base.split_once("://").map_or("https", |(scheme, _)| scheme);
    match release_site.hosts.first() {
        Some(host) => format!("{scheme}://{host}{path}"),
        None => format!("{link_base}/sites/{}{path}", release_site.key),
    }
}

/// The variant a reader gets: in their language, else in one they asked for, else the site's
/// default, else the first.
fn variant_for<'a>(
    release: &'a MailRelease,
    sub: &NewSubscriber,
    site: Option<&Site>,
) -> Option<&'a MailVariant> {
    let find = |lang: &str| release.variants.iter().find(|v| v.language == lang);
    find(&sub.language)
        .or_else(|| sub.languages.iter().find_map(|l| find(l)))
        .or_else(|| site.and_then(|s| find(s.default_language())))
        .or_else(|| release.variants.first())
}

/// Whether a release matches what a reader asked for.
fn matches(sub: &NewSubscriber, release: &MailRelease) -> bool {
    fn any<'a>(wanted: &[String], mut has: impl Iterator<Item = &'a String>) -> bool {
        wanted.is_empty() || has.any(|h| wanted.iter().any(|w| w.eq_ignore_ascii_case(h)))
    }
    any(&sub.countries, release.countries.iter())
        && any(&sub.themes, release.themes.iter())
        && any(&sub.languages, release.variants.iter().map(|v| &v.language))
}

/// Writes the email that carries `releases` to `reader`.
async fn news_email(app: &App, reader: &Reader, releases: &[MailRelease]) -> Result<NewEmail, WebError> {
    let sub = &reader.subscription;
    let sites = app.sites();
    let site_of = |id: SiteId| sites.iter().find(|s| s.id == id).cloned();
    let Some(site) = site_of(sub.site) else { return Err(WebError::NotFound) };
    let lang = sub.language.as_str();
    let i18n = app.i18n();
    let site_name = site.name_in(lang).to_owned();
    let mut items = Vec::new();
    for release in releases {
        let release_site = site_of(release.site);
        let Some(variant) = variant_for(release, sub, release_site.as_deref()) else { continue };
        items.push(Item {
            title: variant.title.clone(),
            summary: variant.summary.clone(),
            url: release_url(&sub.link_base, &site, release_site.as_deref(), variant),
            date: i18n.date(lang, variant.published_at),
            lang: variant.language.clone(),
        });
    }
    let subject = match items.as_slice() {
        [one] => one.title.clone(),
        _ => i18n.with(
            lang,
            "email-news-subject",
            &[("site", site_name.clone().into()), ("count", (items.len() as i64).into())],
        ),
    };
    let heading = i18n.t1(lang, "email-news-heading", "site", site_name.clone());
    let read = i18n.t(lang, "email-news-read", None);
    let why = i18n.t1(lang, "email-news-why", "site", site_name.clone());
    let unsubscribe = i18n.t(lang, "email-unsubscribe", None);
    let unsubscribe_url = unsubscribe_url(app.store(), reader).await?;
    let mut text_body = format!("{heading}\n\n");
    for item in &items {
        text_body.push_str(&format!("{}\n{}\n", item.title, item.date));
        if !item.summary.is_empty() {
            text_body.push_str(&format!("{}\n", item.summary));
        }
        text_body.push_str(&format!("{}\n\n", item.url));
    }
    text_body.push_str(&format!("-- \n{why}\n{unsubscribe}: {unsubscribe_url}\n"));
    let layout = context! { lang, dir => I18n::direction(lang) };
    let html_body = app.theme().render(
        "email/news.html",
        context! { layout, subject, site_name, heading, items, read, why, unsubscribe, unsubscribe_url },
    )?;
    let from = app.inner.mail.as_ref().map_or("", |outbox| outbox.options().from.as_str());
    let mut documents: Vec<i64> = releases.iter().map(|r| r.document.0).collect();
    documents.sort_unstable();
    let keys: Vec<String> = documents.iter().map(i64::to_string).collect();
    Ok(NewEmail {
        subscriber: Some(reader.id),
        dedupe_key: format!("news:{}:{}", reader.id.0, keys.join(",")),
        message_id: format!("<news.{}.{}@{}>", reader.id.0, random_hex()?, message_domain(from)),
        recipient: sub.email.clone(),
        subject,
        text_body,
        html_body,
        unsubscribe_url,
    })
}

/// The mailer as a change-log subscriber: owes each newly published release to the
/// subscribers it matches, and, on every tick, turns what is due into emails.
pub(crate) struct MailFollower {
    /// Weak: the app owns the follower that owns this.
    app: Weak<Inner>,
    /// Published releases dated in the future: they become news then, without a log entry.
    later: BTreeMap<OffsetDateTime, Vec<DocumentId>>,
    /// When old emails and requests were last forgotten.
    forgot_at: Option<OffsetDateTime>,
}

impl MailFollower {
    pub(crate) fn new(app: Weak<Inner>) -> MailFollower {
        MailFollower { app, later: BTreeMap::new(), forgot_at: None }
    }

    fn app(&self) -> Option<App> {
        self.app.upgrade().map(|inner| App { inner })
    }

    /// Owes `document` to the readers it matches, if it is a release that is news now.
    async fn consider(
        &mut self,
        app: &App,
        document: DocumentId,
        at: OffsetDateTime,
    ) -> Result<(), WebError> {
        let store = app.store();
        let Some(release) = store.mail_release(document).await? else { return Ok(()) };
        let now = OffsetDateTime::now_utc();
        let Some(first) = release.variants.iter().map(|v| v.published_at).min() else { return Ok(()) };
        if first > now {
            self.later.entry(first).or_default().push(document);
            return Ok(());
        }
        if first < now - NEWS_AGE {
            return Ok(());
        }
        let sites = app.sites();
        let own = sites.iter().find(|s| s.id == release.site).cloned();
        // A country office's list shows the global releases about its country.
        let mut targets = vec![release.site];
        if own.as_ref().is_some_and(|s| s.country.is_none()) {
            for site in sites.iter().filter(|s| s.id != release.site) {
                if site
                    .country
                    .as_ref()
                    .is_some_and(|c| release.countries.iter().any(|r| r.eq_ignore_ascii_case(c)))
                {
                    targets.push(site.id);
                }
            }
        }
        let mut owed = Vec::new();
        for site in targets {
            let mut after = portico_store::SubscriberId(0);
            loop {
                let batch = store.subscribers_of_site(site, after, SUBSCRIBER_BATCH).await?;
                let Some(last) = batch.last() else { break };
                after = last.id;
                for reader in &batch {
                    // A reader hears of what is published after they subscribed, not of what a
                    // replay of the log brings back from before.
                    if reader.confirmed_at > at || !matches(&reader.subscription, &release) {
                        continue;
                    }
                    owed.push((reader.id, reader.subscription.frequency.due_after(now)));
                }
                if (batch.len() as i64) < SUBSCRIBER_BATCH {
                    break;
                }
            }
        }
        if !owed.is_empty() {
            let added = store.owe_release(document, &owed).await?;
            tracing::debug!(document.id = document.0, subscribers = added, "release owed by email");
        }
        Ok(())
    }

    /// Turns the items that are due into emails in the outbox.
    async fn compose(&self, app: &App) -> Result<(), WebError> {
        let store = app.store();
        let due = store.due_items(OffsetDateTime::now_utc(), COMPOSE_BATCH).await?;
        let mut enqueued = false;
        for (reader, documents) in due {
            let Some(reader) = store.subscriber(reader).await? else { continue };
            let mut releases = Vec::new();
            let mut gone = Vec::new();
            for document in documents {
                match store.mail_release(document).await? {
                    Some(release) => releases.push(release),
                    None => gone.push(document),
                }
            }
            if !gone.is_empty() {
                store.drop_items(reader.id, &gone).await?;
            }
            if releases.is_empty() {
                continue;
            }
            let email = news_email(app, &reader, &releases).await?;
            let carried: Vec<DocumentId> = releases.iter().map(|r| r.document).collect();
            enqueued |= store.enqueue_items_email(&email, &carried).await?;
        }
        if enqueued && let Some(outbox) = &app.inner.mail {
            outbox.wake();
        }
        Ok(())
    }
}

impl Subscriber for MailFollower {
    fn name(&self) -> &'static str {
        "mailer"
    }

    fn start(&mut self, _position: i64) -> BoxFuture<'_, Result<(), SubscriberError>> {
        Box::pin(async move {
            let Some(app) = self.app() else { return Ok(()) };
            let mut later: BTreeMap<OffsetDateTime, Vec<DocumentId>> = BTreeMap::new();
            for (document, _, at) in app.store().future_publications(None).await? {
                later.entry(at).or_default().push(document);
            }
            self.later = later;
            Ok(())
        })
    }

    fn apply<'a>(&'a mut self, batch: Batch<'a>) -> BoxFuture<'a, Result<(), SubscriberError>> {
        Box::pin(async move {
            let Some(app) = self.app() else { return Ok(()) };
            let mut seen: Vec<DocumentId> = Vec::new();
            // Only publishing makes news: edits, translations and imports of what readers were
            // told about (or never will be) send nothing.
            for entry in batch
                .entries
                .iter()
                .filter(|e| e.entity == "document" && matches!(e.action.as_str(), "create" | "published"))
            {
                let document = DocumentId(entry.entity_id);
                if seen.contains(&document) {
                    continue;
                }
                seen.push(document);
                self.consider(&app, document, entry.at).await?;
            }
            app.store().set_mail_position(batch.position).await?;
            Ok(())
        })
    }

    fn tick(&mut self) -> BoxFuture<'_, Result<(), SubscriberError>> {
        Box::pin(async move {
            let Some(app) = self.app() else { return Ok(()) };
            let now = OffsetDateTime::now_utc();
            let later = self.later.split_off(&(now + time::Duration::seconds(1)));
            let due = std::mem::replace(&mut self.later, later);
            for (at, documents) in due {
                for document in documents {
                    self.consider(&app, document, at).await?;
                }
            }
            self.compose(&app).await?;
            if self.forgot_at.is_none_or(|at| at + FORGET_EVERY < now) {
                let forgotten = app.store().forget_old_mail(now - KEEP_EMAILS, now - KEEP_REQUESTS).await?;
                if forgotten > 0 {
                    tracing::info!(rows = forgotten, "old emails and subscribe requests forgotten");
                }
                self.forgot_at = Some(now);
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use portico_content::{DocumentId, SiteId};
    use portico_store::{Frequency, MailRelease, MailVariant, NewSubscriber, Site};

    use super::{matches, message_domain, release_url, variant_for};

    fn site(id: i64, key: &str, hosts: &[&str]) -> Site {
        Site {
            id: SiteId(id),
            key: key.into(),
            name: key.into(),
            languages: vec!["en".into(), "fr".into()],
            country: None,
            hosts: hosts.iter().map(|h| (*h).to_owned()).collect(),
            names: Default::default(),
            fallback_to_default: true,
        }
    }

    fn variant(language: &str) -> MailVariant {
        MailVariant {
            language: language.into(),
            slug: format!("news-{language}"),
            title: "Title".into(),
            summary: String::new(),
            published_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    fn release() -> MailRelease {
        MailRelease {
            document: DocumentId(1),
            site: SiteId(1),
            countries: vec!["SV".into(), "GT".into()],
            themes: vec!["migrant-children".into()],
            variants: vec![variant("en"), variant("fr")],
        }
    }

    fn reader() -> NewSubscriber {
        NewSubscriber {
            site: SiteId(1),
            email: "reader@example.org".into(),
            language: "es".into(),
            frequency: Frequency::Daily,
            countries: vec![],
            themes: vec![],
            languages: vec![],
            link_base: "https://www.example.org".into(),
        }
    }

    #[test]
    fn a_release_matches_when_every_narrowing_finds_something() {
        assert!(matches(&reader(), &release()), "no narrowing: everything");
        assert!(matches(&NewSubscriber { countries: vec!["sv".into()], ..reader() }, &release()));
        assert!(!matches(&NewSubscriber { countries: vec!["MX".into()], ..reader() }, &release()));
        assert!(!matches(&NewSubscriber { themes: vec!["health".into()], ..reader() }, &release()));
        assert!(!matches(&NewSubscriber { languages: vec!["ar".into()], ..reader() }, &release()));
        assert!(matches(
            &NewSubscriber { languages: vec!["ar".into(), "fr".into()], ..reader() },
            &release()
        ));
    }

    #[test]
    fn a_reader_gets_their_language_else_one_they_chose_else_the_sites_default() {
        let global = site(1, "global", &[]);
        let release = release();
        let own = variant_for(&release, &reader(), Some(&global)).expect("a variant");
        assert_eq!(own.language, "en", "no Spanish version: the site's default");
        let chose = NewSubscriber { languages: vec!["fr".into()], ..reader() };
        assert_eq!(variant_for(&release, &chose, Some(&global)).expect("a variant").language, "fr");
        let french = NewSubscriber { language: "fr".into(), ..reader() };
        assert_eq!(variant_for(&release, &french, Some(&global)).expect("a variant").language, "fr");
    }

    #[test]
    fn links_point_to_the_site_that_publishes_the_release() {
        let global = site(1, "global", &["www.example.org"]);
        let sv = site(2, "sv", &["sv.example.org"]);
        let en = variant("en");
        assert_eq!(
            release_url("https://www.example.org", &global, Some(&global), &en),
            "https://www.example.org/en/news/news-en"
        );
        assert_eq!(
            release_url("https://sv.example.org", &sv, Some(&global), &en),
            "https://www.example.org/en/news/news-en"
        );
        assert_eq!(
            release_url("http://localhost:8080/sites/sv", &sv, Some(&global), &en),
            "http://localhost:8080/sites/global/en/news/news-en"
        );
        assert_eq!(message_domain("IOM News <news@example.org>"), "example.org");
        assert_eq!(message_domain("news@example.net"), "example.net");
    }
}
