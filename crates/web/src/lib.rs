//! Portico's HTTP side: the public site (and later the back office and API), rendered on the
//! server from the store through the theme's templates.
//!
//! Handlers stay thin: they extract and validate the request, ask the store, shape a view and
//! render it. No SQL here, and no business rule in a template.

pub mod admin;
mod api;
mod api_error;
mod api_read;
mod app;
pub mod cache;
mod change_log;
mod charts;
mod ctx;
mod elsewhere;
mod error;
mod error_page;
mod feeds;
mod front;
mod head;
pub mod http;
pub mod i18n;
mod mail;
pub mod metrics;
mod news_query;
pub mod outbox;
mod pagination;
mod probes;
mod public;
pub mod purge;
mod related;
mod remembered;
mod request_log;
mod search;
mod security;
mod seo;
pub mod session;
mod sites;
mod sso_check;
pub mod tagging;
mod templates;
mod uploads;
mod views;
mod workflow;
mod xml;

use std::sync::Arc;

use axum::Router;
use axum::middleware;
use axum::routing::get;
use portico_store::follower::{ChangeFollower, Start};
use portico_store::{Site, Store};

use app::Inner;
pub use app::{App, SetupError, WebOptions};
pub use error::WebError;
pub use feeds::FEED_SIZE;
pub use security::{Transport, TransportError};
pub use seo::{SITEMAP_MAX_URLS, sitemap_xml};
pub use sites::Scope;
pub use templates::{RenderError, Theme};

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
        let purger = purge::Purger::start(options.purge);
        let mail = match options.mail {
            Some(mail) => {
                let holder = portico_ingest::process_holder().to_owned();
                Some(outbox::Outbox::start(store.clone(), mail, holder).map_err(SetupError::Mail)?)
            }
            None => None,
        };
        // The mailer resumes where it (or another node) stopped reading the log.
        let mail_position = if mail.is_some() { Some(store.mail_position().await?) } else { None };
        let sso = match options.sso {
            Some(config) => {
                if let Some(problem) = config.problem() {
                    return Err(SetupError::Sso(problem));
                }
                // A group may only name sites that exist, once there are sites at all (a database
                // waiting for `portico init` has none yet).
                if let Some(missing) = config
                    .site_keys()
                    .into_iter()
                    .find(|key| !sites.is_empty() && !sites.iter().any(|s| s.key == *key))
                {
                    return Err(SetupError::Sso(format!(
                        "--oidc-group names the site {missing:?}, which does not exist"
                    )));
                }
                let provider =
                    portico_oidc::Provider::new(config).map_err(|e| SetupError::Sso(e.to_string()))?;
                Some(Arc::new(provider))
            }
            None => None,
        };
        // The cache's subscriber holds the app weakly: the app owns the follower.
        let inner = Arc::new_cyclic(|app| {
            // Subscribed with the cache off too: menus and themes in memory follow it.
            let page_cache_subscription =
                change_log.subscribe(change_log::PageCacheFollower::new(app.clone()), Start::End);
            if let Some(position) = mail_position {
                let start = position.map_or(Start::End, Start::After);
                change_log.subscribe(mail::MailFollower::new(app.clone()), start);
            }
            Inner {
                ingester,
                store,
                theme,
                sites: std::sync::RwLock::new(Arc::new(sites)),
                fallback_site: options.fallback_site,
                media: options.media,
                media_public_url: options.media_public_url.map(|url| url.trim_end_matches('/').to_owned()),
                i18n,
                decoy_hash: tokio::sync::OnceCell::new(),
                search: options.search,
                searching: tokio::sync::Semaphore::new(
                    2 * std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
                ),
                change_log,
                page_cache,
                page_cache_subscription,
                remembered: remembered::Remembered::default(),
                metrics: options.metrics,
                transport: Arc::new(options.transport),
                sso,
                draining: std::sync::atomic::AtomicBool::new(false),
                purger,
                mail,
            }
        });
        Ok(App { inner })
    }

    /// An Argon2id hash of a random secret, checked in place of a real one when a login names
    /// an unknown account, so that the answer takes as long either way.
    async fn decoy_hash(&self) -> Result<String, WebError> {
        self.inner
            .decoy_hash
            .get_or_try_init(|| async { session::hash_password(session::random_token()?).await })
            .await
            .cloned()
    }

    /// The router serving every URL.
    pub fn router(self) -> Router {
        let routes = Router::new()
            .route("/healthz", get(probes::healthz))
            .route("/livez", get(probes::livez))
            .route("/readyz", get(probes::readyz))
            .route("/metrics", get(metrics::serve))
            .route("/assets/style.css", get(public::assets::stylesheet))
            .route("/assets/admin.css", get(public::assets::admin_stylesheet))
            .route("/assets/admin.js", get(public::assets::admin_script))
            .route("/assets/copy.js", get(public::assets::copy_script))
            .route("/assets/editor.js", get(public::assets::editor_script))
            .route("/assets/editor.css", get(public::assets::editor_stylesheet))
            .route("/assets/share.png", get(public::assets::share_image))
            .route("/favicon.svg", get(public::assets::favicon_svg))
            .route("/favicon.ico", get(public::assets::favicon_ico))
            .route("/media/{id}/{file}", get(public::media::file))
            .merge(admin::routes())
            .merge(api::routes())
            .merge(api_read::routes())
            .merge(tagging::routes())
            .route("/", get(public::root))
            .route("/{lang}", get(public::language_root))
            .route("/{lang}/", get(public::pages::home))
            .route("/sitemap.xml", get(seo::sitemap))
            .route("/sitemap-{file}", get(seo::sitemap_part))
            .route("/robots.txt", get(seo::robots))
            .route("/{lang}/search", get(search::search))
            .route("/{lang}/news", get(public::news::list))
            .route("/{lang}/news.atom", get(feeds::atom))
            .route("/{lang}/news.rss", get(feeds::rss))
            .route("/{lang}/news/elsewhere", get(elsewhere::list))
            .route("/{lang}/news/{slug}", get(public::release::show))
            .route("/{lang}/subscribe", get(public::subscribe::form).post(public::subscribe::submit))
            .route(
                "/{lang}/subscribe/confirm",
                get(public::subscribe::confirm_form).post(public::subscribe::confirm),
            )
            .route(
                "/{lang}/unsubscribe",
                get(public::subscribe::unsubscribe_form).post(public::subscribe::unsubscribe),
            )
            .route("/{lang}/vacancies", get(public::vacancies::list))
            .route("/{lang}/vacancies.atom", get(public::vacancies::atom))
            .route("/{lang}/vacancies.rss", get(public::vacancies::rss))
            .route("/{lang}/vacancies/{slug}", get(public::vacancies::show))
            .route("/{lang}/publications", get(public::publications::list))
            .route("/{lang}/publications/{slug}", get(public::publications::show))
            .route("/{lang}/where-we-work", get(public::countries::where_we_work))
            .route("/{lang}/where-we-work/{iso2}", get(public::countries::country))
            .route("/{lang}/{*path}", get(public::pages::page))
            .fallback(public::not_found)
            .with_state(self.clone());
        // The site is chosen before routing, so that `/sites/{key}/…` can be served by the
        // same routes as the site's own host name.
        Router::new()
            .fallback_service(routes)
            .layer(middleware::from_fn_with_state(self.clone(), error_page::render_error_pages))
            .layer(middleware::from_fn_with_state(self.clone(), cache::layer::layer))
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
