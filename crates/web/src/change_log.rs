//! How the web side follows the change log: one [`ChangeFollower`] per [`App`], woken after
//! every write request, and the page cache's subscription to it. The search indexer (in the
//! binary) and later subscribers (webhooks) subscribe to the same follower through
//! [`App::change_log`]. CDN purges are no subscriber of their own: they are sent from the page
//! cache's invalidations ([`crate::purge`]), so that a shared cache drops what the page cache
//! drops, when it drops it.
//!
//! This module only turns change-log entries into [`Change`]s for the cache; which pages a
//! change drops is the cache's business, and reading the log is the follower's.

use std::collections::BTreeMap;
use std::sync::Weak;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use portico_content::{DocumentId, SiteId};
use portico_store::ChangeEntry;
use portico_store::follower::{Batch, BoxFuture, Subscriber, SubscriberError};
use time::OffsetDateTime;

use crate::app::{App, Inner};
use crate::cache::Change;

/// Wakes the change-log follower after every write request that succeeded (back office and
/// API), so that search follows an edit at once without each handler having to remember to.
pub(crate) async fn wake_after_writes(State(app): State<App>, request: Request, next: Next) -> Response {
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let response = next.run(request).await;
    if writes && !response.status().is_client_error() && !response.status().is_server_error() {
        app.notify_changed();
    }
    response
}

/// What a change-log entry changed, as far as cached pages care: for a document whose
/// writer said which lists it touched, its own pages and those lists.
fn changes_of(entry: &ChangeEntry) -> Vec<Change> {
    let document = DocumentId(entry.entity_id);
    match (entry.entity.as_str(), entry.touched_lists()) {
        ("document", Some(lists)) => {
            std::iter::once(Change::Shown(document)).chain(lists.into_iter().map(Change::Listed)).collect()
        }
        _ => vec![change_of(entry)],
    }
}

/// What a change-log entry changed, as far as cached pages care, when it does not say which
/// lists it touched.
fn change_of(entry: &ChangeEntry) -> Change {
    let site = entry.site_id.map(SiteId);
    match (entry.entity.as_str(), site) {
        ("document", Some(site)) => Change::Document { site, document: DocumentId(entry.entity_id) },
        ("menu", Some(site)) => Change::Site(site),
        // Subscribed feeds fill the "elsewhere" list.
        ("feed_subscription", Some(site)) => Change::Lists(site),
        ("site", _) => Change::Everything,
        (_, Some(site)) => Change::Site(site),
        (_, None) => Change::Everything,
    }
}

/// Published documents dated in the future: they turn visible then without a change-log entry.
#[derive(Default)]
struct Later(BTreeMap<OffsetDateTime, Vec<(DocumentId, SiteId)>>);

impl Later {
    fn add(&mut self, at: OffsetDateTime, document: DocumentId, site: SiteId) {
        let due = self.0.entry(at).or_default();
        if !due.contains(&(document, site)) {
            due.push((document, site));
        }
    }

    fn take_due(&mut self, now: OffsetDateTime) -> Vec<(DocumentId, SiteId)> {
        let later = self.0.split_off(&(now + time::Duration::seconds(1)));
        std::mem::replace(&mut self.0, later).into_values().flatten().collect()
    }
}

/// The page cache as a change-log subscriber: starts at the end of the log (an empty cache
/// has nothing older to forget) and drops the pages each entry touches.
pub(crate) struct PageCacheFollower {
    /// Weak: the app owns the follower that owns this.
    app: Weak<Inner>,
    later: Later,
}

impl PageCacheFollower {
    pub(crate) fn new(app: Weak<Inner>) -> PageCacheFollower {
        PageCacheFollower { app, later: Later::default() }
    }

    fn app(&self) -> Option<App> {
        self.app.upgrade().map(|inner| App { inner })
    }
}

impl Subscriber for PageCacheFollower {
    fn name(&self) -> &'static str {
        "page cache"
    }

    fn start(&mut self, _position: i64) -> BoxFuture<'_, Result<(), SubscriberError>> {
        Box::pin(async move {
            let Some(app) = self.app() else { return Ok(()) };
            let mut later = Later::default();
            for (document, site, at) in app.store().future_publications(None).await? {
                later.add(at, document, site);
            }
            self.later = later;
            // Pages cached before the position was known may predate changes up to it.
            app.inner.page_cache.clear();
            app.inner.remembered.forget_all();
            Ok(())
        })
    }

    fn apply<'a>(&'a mut self, batch: Batch<'a>) -> BoxFuture<'a, Result<(), SubscriberError>> {
        Box::pin(async move {
            let Some(app) = self.app() else { return Ok(()) };
            let changes: Vec<Change> = batch.entries.iter().flat_map(changes_of).collect();
            // Dropped before anything else can fail, so that no entry goes unapplied.
            app.changed_all(changes.iter().copied());
            let mut documents: Vec<DocumentId> = changes
                .iter()
                .filter_map(|change| match change {
                    Change::Document { document, .. } | Change::Shown(document) => Some(*document),
                    _ => None,
                })
                .collect();
            documents.sort_unstable();
            documents.dedup();
            for (document, site, at) in app.store().future_publications(Some(&documents)).await? {
                self.later.add(at, document, site);
            }
            Ok(())
        })
    }

    fn tick(&mut self) -> BoxFuture<'_, Result<(), SubscriberError>> {
        Box::pin(async move {
            let Some(app) = self.app() else { return Ok(()) };
            let due = self.later.take_due(portico_store::now());
            app.changed_all(due.into_iter().map(|(document, site)| Change::Document { site, document }));
            Ok(())
        })
    }
}
