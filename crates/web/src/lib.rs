//! Portico's HTTP side: the public site (and later the back office and API), rendered on the
//! server from the store through the theme's templates.
//!
//! Handlers stay thin: they extract and validate the request, ask the store, shape a view and
//! render it. No SQL here, and no business rule in a template.

pub mod admin;
mod api;
mod api_read;
pub mod cache;
mod change_log;
mod elsewhere;
mod error;
mod feeds;
pub mod http;
pub mod i18n;
pub mod metrics;
mod public;
mod related;
mod request_log;
mod search;
mod security;
mod seo;
mod sites;
mod templates;
mod views;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::middleware;
use axum::routing::get;
use portico_store::follower::{ChangeFollower, Start, SubscriptionId};
use portico_store::{Site, Store};

pub use error::WebError;
pub use security::{Transport, TransportError};
pub use seo::{SITEMAP_MAX_URLS, sitemap_xml};
pub use sites::Scope;
pub use templates::{RenderError, Theme};

/// How the web side is set up.
#[derive(Debug, Clone, Default)]
pub struct WebOptions {
    /// A folder whose `templates/` and `static/` files replace the built-in theme's.
    pub theme_dir: Option<PathBuf>,
    /// Where uploaded media live (`DATA/media`).
    pub media_dir: PathBuf,
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
    pub metrics: metrics::MetricsAccess,
    /// Whether readers come over TLS, and which proxies may say so; plain HTTP by default.
    pub transport: security::Transport,
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
}

/// Everything a request handler may need; cheap to clone.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    theme: Theme,
    sites: std::sync::RwLock<Arc<Vec<Arc<Site>>>>,
    fallback_site: Option<String>,
    media_dir: PathBuf,
    i18n: Arc<i18n::I18n>,
    decoy_hash: tokio::sync::OnceCell<String>,
    ingester: portico_ingest::Ingester,
    search: Option<portico_search::SearchIndex>,
    /// Reads the change log for the page cache, the search indexer and the rest; see
    /// [`change_log`].
    change_log: Arc<ChangeFollower>,
    /// Rendered public pages; see [`cache`].
    page_cache: cache::PageCache,
    /// The page cache's place among the change log's subscribers; `None` when it is off.
    page_cache_subscription: Option<SubscriptionId>,
    /// Who may read `/metrics`.
    metrics: metrics::MetricsAccess,
    /// TLS and the trusted proxies.
    transport: Arc<security::Transport>,
}

impl App {
    /// Loads the theme and the sites.
    pub async fn new(store: Store, options: WebOptions) -> Result<App, SetupError> {
        let i18n = Arc::new(i18n::I18n::load().map_err(SetupError::Locales)?);
        let theme = Theme::load(options.theme_dir, i18n.clone())?;
        theme.check()?;
        // No site yet is a database waiting for `portico init`: every page says so (see
        // [`sites::require_initialized`]) until the sites are reloaded with one.
        let sites: Vec<Arc<Site>> = store.sites().await?.into_iter().map(Arc::new).collect();
        let ingester = portico_ingest::Ingester::new(store.clone(), options.feed_ingest);
        let change_log = ChangeFollower::new(store.clone());
        let page_cache = cache::PageCache::new(options.page_cache_bytes);
        // The cache's subscriber holds the app weakly: the app owns the follower.
        let inner = Arc::new_cyclic(|app| {
            let page_cache_subscription = page_cache
                .enabled()
                .then(|| change_log.subscribe(change_log::PageCacheFollower::new(app.clone()), Start::End));
            Inner {
                ingester,
                store,
                theme,
                sites: std::sync::RwLock::new(Arc::new(sites)),
                fallback_site: options.fallback_site,
                media_dir: options.media_dir,
                i18n,
                decoy_hash: tokio::sync::OnceCell::new(),
                search: options.search,
                change_log,
                page_cache,
                page_cache_subscription,
                metrics: options.metrics,
                transport: Arc::new(options.transport),
            }
        });
        Ok(App { inner })
    }

    /// The store behind the site.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Fetches subscribed feeds on request (the back office's "fetch now").
    pub fn ingester(&self) -> &portico_ingest::Ingester {
        &self.inner.ingester
    }

    fn theme(&self) -> &Theme {
        &self.inner.theme
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
            self.changed(cache::Change::Everything);
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

    /// Who may read `/metrics`.
    pub fn metrics_access(&self) -> &metrics::MetricsAccess {
        &self.inner.metrics
    }

    /// Where uploaded media live.
    pub fn media_dir(&self) -> &std::path::Path {
        &self.inner.media_dir
    }

    /// An Argon2id hash of a random secret, checked in place of a real one when a login names
    /// an unknown account, so that the answer takes as long either way.
    async fn decoy_hash(&self) -> Result<String, WebError> {
        self.inner
            .decoy_hash
            .get_or_try_init(|| async { admin::auth::hash_password(admin::auth::random_token()?).await })
            .await
            .cloned()
    }

    /// The router serving every URL.
    pub fn router(self) -> Router {
        let routes = Router::new()
            .route("/healthz", get(public::healthz))
            .route("/metrics", get(metrics::serve))
            .route("/assets/style.css", get(public::stylesheet))
            .route("/assets/admin.css", get(public::admin_stylesheet))
            .route("/assets/admin.js", get(public::admin_script))
            .route("/assets/share.png", get(public::share_image))
            .route("/favicon.svg", get(public::favicon_svg))
            .route("/favicon.ico", get(public::favicon_ico))
            .route("/media/{id}/{file}", get(public::media_file))
            .merge(admin::routes())
            .merge(api::routes())
            .merge(api_read::routes())
            .route("/", get(public::root))
            .route("/{lang}", get(public::language_root))
            .route("/{lang}/", get(public::home))
            .route("/sitemap.xml", get(seo::sitemap))
            .route("/sitemap-{file}", get(seo::sitemap_part))
            .route("/robots.txt", get(seo::robots))
            .route("/{lang}/search", get(search::search))
            .route("/{lang}/news", get(public::news))
            .route("/{lang}/news.atom", get(feeds::atom))
            .route("/{lang}/news.rss", get(feeds::rss))
            .route("/{lang}/news/elsewhere", get(elsewhere::list))
            .route("/{lang}/news/{slug}", get(public::release))
            .route("/{lang}/where-we-work", get(public::where_we_work))
            .route("/{lang}/where-we-work/{iso2}", get(public::country))
            .route("/{lang}/{*path}", get(public::page))
            .fallback(public::not_found)
            .with_state(self.clone());
        // The site is chosen before routing, so that `/sites/{key}/…` can be served by the
        // same routes as the site's own host name.
        Router::new()
            .fallback_service(routes)
            .layer(middleware::from_fn_with_state(self.clone(), error::render_error_pages))
            .layer(middleware::from_fn_with_state(self.clone(), cache::layer))
            .layer(middleware::from_fn_with_state(self.clone(), sites::route_site))
            .layer(middleware::from_fn_with_state(self.clone(), sites::require_initialized))
            .layer(middleware::from_fn_with_state(self.clone(), change_log::wake_after_writes))
            .layer(middleware::from_fn(api_read::cors))
            .layer(middleware::from_fn(security::same_origin))
            .layer(middleware::from_fn(security::headers))
            .layer(middleware::from_fn(request_log::layer))
            // Outermost: every layer and handler below sees the request as the client sent it
            // to our proxy (scheme, address), and only a trusted proxy's word for it.
            .layer(middleware::from_fn_with_state(self.inner.transport.clone(), security::transport))
            .with_state(self)
    }
}
