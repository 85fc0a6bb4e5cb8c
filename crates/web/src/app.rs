//! The state every handler shares: the store, the theme, the sites, the interface strings and
//! the page cache, with the accessors that read them. It only holds state: [`crate`]'s root
//! assembles it (`App::new`) and builds the router; the features above read it.

use std::path::PathBuf;
use std::sync::Arc;

use portico_store::follower::{ChangeFollower, SubscriptionId};
use portico_store::{Site, Store};

use crate::cache::PageCache;
use crate::i18n;
use crate::templates::{RenderError, Theme};

/// How the web side is set up.
#[derive(Debug, Clone, Default)]
pub struct WebOptions {
    /// A folder whose `templates/` and `static/` files replace the built-in theme's.
    pub theme_dir: Option<PathBuf>,
    /// Where uploaded media live (the folder `DATA/media`, or a bucket).
    pub media: portico_media::MediaStorage,
    /// A CDN in front of the nodes' `/media/` (`https://cdn.example.org/media`): pages link
    /// the media they make public through it; `None` links them to the node itself.
    pub media_public_url: Option<String>,
    /// The key of the site served for a host no site claims; `None` answers 404 instead.
    pub fallback_site: Option<String>,
    /// How the back office's "fetch now" fetches subscribed feeds.
    pub feed_ingest: portico_ingest::Settings,
    /// The full-text index behind `/{lang}/search` (`DATA/search`); `None` serves the
    /// search page as unavailable.
    pub search: Option<portico_search::SearchIndex>,
    /// The page cache's memory bound in bytes; 0 (the default) turns it off.
    pub page_cache_bytes: usize,
    /// Who may read `/metrics`; this machine only by default.
    pub metrics: MetricsAccess,
    /// Whether readers come over TLS, and which proxies may say so; plain HTTP by default.
    pub transport: crate::security::Transport,
    /// Single sign-on through an OpenID Connect provider; `None` (the default): passwords only.
    pub sso: Option<portico_oidc::Config>,
    /// Surrogate keys on public responses and purges to shared caches; see [`crate::purge`].
    pub purge: crate::purge::PurgeOptions,
    /// News by email through this SMTP server; `None`: the subscribe form says it is not
    /// available.
    pub mail: Option<crate::outbox::MailOptions>,
}

/// Who may read `/metrics`.
#[derive(Clone, Default, PartialEq, Eq)]
pub enum MetricsAccess {
    /// Nobody: `/metrics` answers 404.
    Off,
    /// Requests with `Authorization: Bearer <token>`.
    Token(String),
    /// Requests from a loopback address that no proxy forwarded.
    #[default]
    Loopback,
}

impl std::fmt::Debug for MetricsAccess {
    // Never print the token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MetricsAccess::Off => f.write_str("Off"),
            MetricsAccess::Token(_) => f.write_str("Token(***)"),
            MetricsAccess::Loopback => f.write_str("Loopback"),
        }
    }
}

/// Why the web side could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The theme folder could not be read.
    #[error("cannot read the theme: {0}")]
    ThemeIo(#[from] std::io::Error),
    /// A template does not compile.
    #[error(transparent)]
    Template(#[from] RenderError),
    /// The store failed while loading sites.
    #[error(transparent)]
    Store(#[from] portico_store::StoreError),
    /// A built-in Fluent file does not parse.
    #[error("cannot load the interface strings: {0}")]
    Locales(String),
    /// The single sign-on settings cannot work.
    #[error("single sign-on: {0}")]
    Sso(String),
    /// The SMTP settings cannot work.
    #[error("news by email: {0}")]
    Mail(String),
}

/// Everything a request handler may need; cheap to clone.
#[derive(Clone)]
pub struct App {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) store: Store,
    pub(crate) theme: Theme,
    pub(crate) sites: std::sync::RwLock<Arc<Vec<Arc<Site>>>>,
    pub(crate) fallback_site: Option<String>,
    pub(crate) media: portico_media::MediaStorage,
    /// See [`WebOptions::media_public_url`]; without a trailing slash.
    pub(crate) media_public_url: Option<String>,
    pub(crate) i18n: Arc<i18n::I18n>,
    pub(crate) decoy_hash: tokio::sync::OnceCell<String>,
    pub(crate) ingester: portico_ingest::Ingester,
    pub(crate) search: Option<portico_search::SearchIndex>,
    /// Searches run at once, two per core: a search is all computation, so more at once only
    /// add threads (and their memory) to the blocking pool; the others wait their turn. Two,
    /// so that a core has the next search while the last one's page is written.
    pub(crate) searching: tokio::sync::Semaphore,
    /// Reads the change log for the page cache, the search indexer and the rest; see
    /// [`change_log`].
    pub(crate) change_log: Arc<ChangeFollower>,
    /// Rendered public pages; see [`cache`].
    pub(crate) page_cache: PageCache,
    /// The page cache's place among the change log's subscribers (menus and themes in memory
    /// follow it too).
    pub(crate) page_cache_subscription: SubscriptionId,
    /// Menus and themes; see [`crate::remembered`].
    pub(crate) remembered: crate::remembered::Remembered,
    /// Who may read `/metrics`.
    pub(crate) metrics: MetricsAccess,
    /// TLS and the trusted proxies.
    pub(crate) transport: Arc<crate::security::Transport>,
    /// The identity provider, when sign-in goes through one.
    pub(crate) sso: Option<Arc<portico_oidc::Provider>>,
    /// Set once the server stops taking connections: `/readyz` answers 503 from then on.
    pub(crate) draining: std::sync::atomic::AtomicBool,
    /// Sends the page cache's invalidations to shared caches as purges; see [`crate::purge`].
    pub(crate) purger: crate::purge::Purger,
    /// Sends the email outbox, when SMTP is configured; see [`crate::outbox`].
    pub(crate) mail: Option<crate::outbox::Outbox>,
}

impl App {
    /// The store behind the site.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Marks the server as shutting down, so that `/readyz` turns load balancers away while
    /// the requests in flight finish. There is no way back: a draining server stops.
    pub fn begin_draining(&self) {
        self.inner.draining.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether [`App::begin_draining`] was called.
    pub fn is_draining(&self) -> bool {
        self.inner.draining.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Fetches subscribed feeds on request (the back office's "fetch now").
    pub fn ingester(&self) -> &portico_ingest::Ingester {
        &self.inner.ingester
    }

    pub(crate) fn theme(&self) -> &Theme {
        &self.inner.theme
    }

    /// The menu of a site in a language.
    pub(crate) async fn menu(
        &self,
        site: portico_content::SiteId,
        language: &str,
    ) -> Result<Arc<Vec<portico_store::MenuItem>>, portico_store::StoreError> {
        self.inner.remembered.menu(&self.inner.store, site, language).await
    }

    /// Every theme, by name.
    pub(crate) async fn themes(&self) -> Result<Arc<Vec<portico_store::Theme>>, portico_store::StoreError> {
        self.inner.remembered.themes(&self.inner.store).await
    }

    /// Every site, the global one first.
    pub fn sites(&self) -> Arc<Vec<Arc<Site>>> {
        // A poisoned lock still holds a complete list: the writer swaps whole lists.
        self.inner.sites.read().map(|s| s.clone()).unwrap_or_else(|e| e.into_inner().clone())
    }

    /// Reads the sites again after one was created or changed.
    pub async fn reload_sites(&self) -> Result<(), portico_store::StoreError> {
        let sites: Vec<Arc<Site>> = self.store().sites().await?.into_iter().map(Arc::new).collect();
        let mut guard = self.inner.sites.write().unwrap_or_else(|e| e.into_inner());
        // Site names and links appear across sites' pages: any difference empties the cache.
        let differs = format!("{:?}", guard.as_slice()) != format!("{sites:?}");
        *guard = Arc::new(sites);
        drop(guard);
        if differs {
            self.changed(crate::cache::Change::Everything);
        }
        Ok(())
    }

    /// The site with this id.
    pub fn site_by_id(&self, id: portico_content::SiteId) -> Option<Arc<Site>> {
        self.sites().iter().find(|s| s.id == id).cloned()
    }

    /// The site with this key.
    pub fn site_by_key(&self, key: &str) -> Option<Arc<Site>> {
        self.sites().iter().find(|s| s.key == key).cloned()
    }

    /// The site that claims `host` (port ignored), else the fallback site, if any.
    pub fn site_for_host(&self, host: Option<&str>) -> Option<Arc<Site>> {
        let name = host.map(|h| {
            h.rsplit_once(':')
                .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
                .map_or(h, |(name, _)| name)
        });
        let sites = self.sites();
        name.and_then(|name| {
            sites.iter().find(|s| s.hosts.iter().any(|h| h.eq_ignore_ascii_case(name))).cloned()
        })
        .or_else(|| self.inner.fallback_site.as_deref().and_then(|key| self.site_by_key(key)))
    }

    /// The interface's strings.
    pub fn i18n(&self) -> Arc<i18n::I18n> {
        self.inner.i18n.clone()
    }

    /// The identity provider, when sign-in goes through one.
    pub fn sso(&self) -> Option<&portico_oidc::Provider> {
        self.inner.sso.as_deref()
    }

    /// Whether only the identity provider signs people in (no passwords).
    pub fn sso_only(&self) -> bool {
        self.sso().is_some_and(|p| p.config().sso_only)
    }

    /// Who may read `/metrics`.
    pub fn metrics_access(&self) -> &MetricsAccess {
        &self.inner.metrics
    }

    /// Where uploaded media live: every read and write of their files goes through it.
    pub fn media(&self) -> &portico_media::MediaStorage {
        &self.inner.media
    }

    /// The address readers get a *public* media file at: `path` (`/media/{id}-{token}/{file}`)
    /// through the CDN when one is set. Only for files the access check already serves to
    /// anyone (a published page's lead image, its body's links): the CDN's origin is this
    /// node's `/media/`, which still checks every fetch, but a CDN that drops cookies would
    /// turn staff away from a private file, and one that ignores `no-store` would keep it.
    pub fn public_media_url(&self, path: &str) -> String {
        match (&self.inner.media_public_url, path.strip_prefix("/media/")) {
            (Some(base), Some(rest)) => format!("{base}/{rest}"),
            _ => path.to_owned(),
        }
    }

    /// A published body's HTML with its links to media (`/media/{id}-{token}/…`, the form
    /// whose use in a published body makes the item public) through the CDN when one is set.
    /// The old form without the token is public only as a lead image, so it stays here.
    pub fn public_media_links(&self, html: &str) -> String {
        match &self.inner.media_public_url {
            Some(base) => media_links_through(html, base),
            None => html.to_owned(),
        }
    }

    /// The search index, when the server opened one.
    pub fn search_index(&self) -> Option<&portico_search::SearchIndex> {
        self.inner.search.as_ref()
    }

    /// The change-log follower: subscribe to it to hear of every change, in order.
    pub fn change_log(&self) -> Arc<ChangeFollower> {
        self.inner.change_log.clone()
    }

    /// Tells the change-log follower that content changed, so that search and the rest follow
    /// now rather than at the next poll. Cheap; call it after any write readers could see.
    pub fn notify_changed(&self) {
        self.inner.change_log.wake();
    }
}

/// `html` with every attribute value naming `/media/{id}-{token}/…` (a `src`, an `href`, each
/// address of a `srcset`) rewritten to `{base}/{id}-{token}/…`; other text is left alone.
fn media_links_through(html: &str, base: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("/media/") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let after = &from["/media/".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        // The start of a value (`src="`), or the next address of a `srcset` (`, `).
        let starts_a_value = before.ends_with(['"', '\'']) || before.ends_with(", ");
        if starts_a_value && digits > 0 && after[digits..].starts_with('-') {
            out.push_str(base);
            out.push('/');
        } else {
            out.push_str("/media/");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::media_links_through;

    #[test]
    fn only_addresses_of_media_with_their_token_go_through_the_cdn() {
        let cdn = "https://cdn.example.org/media";
        assert_eq!(
            media_links_through(
                r#"<img src="/media/12-abc/640.jpg" srcset="/media/12-abc/320.webp 320w, /media/12-abc/640.webp 640w">"#,
                cdn
            ),
            r#"<img src="https://cdn.example.org/media/12-abc/640.jpg" srcset="https://cdn.example.org/media/12-abc/320.webp 320w, https://cdn.example.org/media/12-abc/640.webp 640w">"#
        );
        // Without the token the item is public only as a lead image: it stays on the node.
        let old = r#"<a href="/media/12/original.pdf">report</a>"#;
        assert_eq!(media_links_through(old, cdn), old);
        // Text that merely mentions an address, and other paths, are not links to rewrite.
        let text = "<p>See /media/12-abc/x.jpg or <a href=\"/en/media/1-a\">this</a></p>";
        assert_eq!(media_links_through(text, cdn), text);
    }
}
