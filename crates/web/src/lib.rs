//! Portico's HTTP side: the public site (and later the back office and API), rendered on the
//! server from the store through the theme's templates.
//!
//! Handlers stay thin: they extract and validate the request, ask the store, shape a view and
//! render it. No SQL here, and no business rule in a template.

pub mod admin;
mod api;
mod error;
pub mod http;
mod public;
mod security;
mod templates;
mod views;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::middleware;
use axum::routing::get;
use portico_store::{Site, Store};

pub use error::WebError;
pub use templates::{RenderError, Theme};

/// How the web side is set up.
#[derive(Debug, Clone, Default)]
pub struct WebOptions {
    /// A folder whose `templates/` and `static/` files replace the built-in theme's.
    pub theme_dir: Option<PathBuf>,
    /// Where uploaded media live (`DATA/media`).
    pub media_dir: PathBuf,
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
    /// There is no site to serve.
    #[error("the database has no site")]
    NoSite,
}

/// Everything a request handler may need; cheap to clone.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    theme: Theme,
    sites: Vec<Arc<Site>>,
    media_dir: PathBuf,
    decoy_hash: tokio::sync::OnceCell<String>,
}

impl App {
    /// Loads the theme and the sites.
    pub async fn new(store: Store, options: WebOptions) -> Result<App, SetupError> {
        let theme = Theme::load(options.theme_dir)?;
        theme.check()?;
        let sites: Vec<Arc<Site>> = store.sites().await?.into_iter().map(Arc::new).collect();
        if sites.is_empty() {
            return Err(SetupError::NoSite);
        }
        Ok(App {
            inner: Arc::new(Inner {
                store,
                theme,
                sites,
                media_dir: options.media_dir,
                decoy_hash: tokio::sync::OnceCell::new(),
            }),
        })
    }

    /// The store behind the site.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    fn theme(&self) -> &Theme {
        &self.inner.theme
    }

    /// Every site, the global one first.
    pub fn sites(&self) -> &[Arc<Site>] {
        &self.inner.sites
    }

    /// The site with this id.
    pub fn site_by_id(&self, id: portico_content::SiteId) -> Option<Arc<Site>> {
        self.inner.sites.iter().find(|s| s.id == id).cloned()
    }

    /// The site with this key.
    pub fn site_by_key(&self, key: &str) -> Option<Arc<Site>> {
        self.inner.sites.iter().find(|s| s.key == key).cloned()
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

    /// The site a request is for. Until country sites land, every request goes to the first
    /// (global) site.
    fn site_for(&self, _host: Option<&str>) -> Arc<Site> {
        // `new` refuses an empty site list, so there is always a first site.
        self.inner.sites[0].clone()
    }

    /// The router serving every URL.
    pub fn router(self) -> Router {
        Router::new()
            .route("/healthz", get(public::healthz))
            .route("/assets/style.css", get(public::stylesheet))
            .route("/assets/admin.css", get(public::admin_stylesheet))
            .route("/assets/admin.js", get(public::admin_script))
            .route("/media/{id}/{file}", get(public::media_file))
            .merge(admin::routes())
            .merge(api::routes())
            .route("/", get(public::root))
            .route("/{lang}", get(public::language_root))
            .route("/{lang}/", get(public::home))
            .route("/{lang}/news", get(public::news))
            .route("/{lang}/news/{slug}", get(public::release))
            .route("/{lang}/where-we-work", get(public::where_we_work))
            .route("/{lang}/where-we-work/{iso2}", get(public::country))
            .route("/{lang}/{*path}", get(public::page))
            .fallback(public::not_found)
            .layer(middleware::from_fn_with_state(self.clone(), error::render_error_pages))
            .layer(middleware::from_fn(security::same_origin))
            .layer(middleware::from_fn(security::headers))
            .layer(middleware::from_fn(security::trace))
            .with_state(self)
    }
}
