//! `portico serve`: open the data folder and the database, load the demo into an empty
//! embedded database (or any, with `--demo`), and serve until Ctrl-C or SIGTERM; then drain:
//! `/readyz` turns 503, the listener closes, the requests in flight finish within the drain
//! deadline, and the background jobs stop.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use portico_store::Store;
use portico_web::{App, WebOptions};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Address to listen on, `127.0.0.1:8080` by default; port 0 picks a free one.
    pub listen: String,
    /// The data folder: the SQLite database and media live here.
    pub data: PathBuf,
    /// Where media live when not in the data folder: `s3://bucket/prefix` (`--media`).
    pub media: Option<String>,
    /// A database URL; `None` means SQLite in the data folder.
    pub database: Option<String>,
    /// A theme folder overriding the built-in templates and stylesheet.
    pub theme: Option<PathBuf>,
    /// The site served for a host name no site claims; `None` answers 404.
    pub fallback_site: Option<String>,
    /// How often scheduled documents are checked; [`SCHEDULE_INTERVAL`] unless a test is in a
    /// hurry.
    pub schedule_every: std::time::Duration,
    /// Let subscribed feeds be fetched from loopback addresses (tests, local development).
    /// Every other non-public address (private, link-local, …) is refused regardless.
    pub allow_loopback_feeds: bool,
    /// Load the demo content into an empty database even when it is not the embedded default
    /// (`portico serve --demo`). The embedded default (SQLite in the data folder, no
    /// `database`) gets the demo when empty regardless, so that a first run shows something.
    pub demo: bool,
}

impl Default for ServeConfig {
    /// `portico serve` with no flags: SQLite under `./data`, on 127.0.0.1:8080.
    fn default() -> Self {
        ServeConfig {
            listen: "127.0.0.1:8080".to_owned(),
            data: PathBuf::from("data"),
            media: None,
            database: None,
            theme: None,
            fallback_site: Some("global".to_owned()),
            schedule_every: SCHEDULE_INTERVAL,
            allow_loopback_feeds: false,
            demo: false,
        }
    }
}

impl ServeConfig {
    /// Whether an empty database gets the demo content: see [`ServeConfig::demo`].
    pub fn loads_demo(&self) -> bool {
        self.demo || self.database.is_none()
    }
}

/// Performance and access settings of `portico serve`, apart from [`ServeConfig`] so that the
/// tests' configurations keep their defaults.
#[derive(Debug, Clone)]
pub struct Tuning {
    /// The page cache's memory bound in MiB; 0 turns the cache off.
    pub page_cache_mb: usize,
    /// Timeouts and the connection cap.
    pub connections: crate::connections::Limits,
    /// Who may read `/metrics`.
    pub metrics: portico_web::metrics::MetricsAccess,
    /// Where media live; `None` is what [`ServeConfig::media`] names ([`media_storage`]).
    pub media: Option<portico_media::MediaStorage>,
    /// A CDN in front of the nodes' `/media/` that pages link public media through
    /// (`--media-public-url`); `None` links them to the node.
    pub media_public_url: Option<String>,
    /// Whether readers come over TLS, and which proxies may say so.
    pub transport: portico_web::Transport,
    /// Single sign-on through an OpenID Connect provider; `None`: passwords only.
    pub sso: Option<portico_oidc::Config>,
    /// How this node hears of changes other nodes write: the poll, and on PostgreSQL the
    /// notifications.
    pub change_wakeups: portico_store::follower::Wakeups,
    /// Surrogate keys on public responses and purges to a CDN or proxy in front.
    pub purge: portico_web::purge::PurgeOptions,
    /// News by email through this SMTP server; `None`: subscriptions are unavailable.
    pub mail: Option<portico_web::outbox::MailOptions>,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            page_cache_mb: portico_web::cache::DEFAULT_PAGE_CACHE_MB,
            connections: crate::connections::Limits::default(),
            metrics: portico_web::metrics::MetricsAccess::default(),
            media: None,
            media_public_url: None,
            transport: portico_web::Transport::default(),
            sso: None,
            change_wakeups: portico_store::follower::Wakeups::default(),
            purge: portico_web::purge::PurgeOptions::default(),
            mail: None,
        }
    }
}

/// The media storage `config` names: the bucket of `--media s3://bucket/prefix` (endpoint,
/// region and credentials from the `AWS_*` environment), else the data folder's `media/`.
/// Only parsed: whether the bucket answers is [`check_media`]'s to say.
pub fn media_storage(config: &ServeConfig) -> Result<portico_media::MediaStorage> {
    match &config.media {
        Some(url) => Ok(portico_media::MediaStorage::from_url(url)?),
        None => Ok(local_media(&config.data)),
    }
}

/// The media folder of the data folder `data`.
pub fn local_media(data: &Path) -> portico_media::MediaStorage {
    portico_media::MediaStorage::local(data.join("media"))
}

/// The media storage `config` names, once it answers: a bucket that cannot be reached with
/// the credentials given stops a command before it does anything.
pub async fn check_media(config: &ServeConfig) -> Result<portico_media::MediaStorage> {
    let media = media_storage(config)?;
    media.check().await?;
    Ok(media)
}

/// `--media-public-url`: an http(s) URL with a host and no query, without its trailing slash.
pub fn parse_media_public_url(url: &str) -> Result<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && !rest.starts_with('/')
                && !url.contains(['?', '#', '"', '\'', '<', '>', ' ']) =>
        {
            Ok(url.trim_end_matches('/').to_owned())
        }
        _ => anyhow::bail!(
            "--media-public-url {url:?} is not an http(s) address with a host and no query, such as \
             https://cdn.example.org/media"
        ),
    }
}

/// A database URL fit for a log line or an error: no password.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            let user = credentials.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// Prepares the data folder and the database: migrated, with the demo content when empty and
/// [`ServeConfig::loads_demo`] says so.
pub async fn open(config: &ServeConfig) -> Result<Store> {
    open_with(config, &media_storage(config)?).await
}

/// [`open`], with the demo's media (its publications' PDFs) written to `media`: where the
/// server will read them, which a [`Tuning`] may name instead of the config.
async fn open_with(config: &ServeConfig, media: &portico_media::MediaStorage) -> Result<Store> {
    let store = connect(config).await?;
    if config.loads_demo() && store.is_empty().await? {
        tracing::info!("empty database: loading the demo content");
        crate::demo::load(&store, media).await.context("cannot load the demo content")?;
    }
    Ok(store)
}

/// Prepares the data folder and the database, migrated, and nothing else.
pub async fn connect(config: &ServeConfig) -> Result<Store> {
    let media = config.data.join("media");
    std::fs::create_dir_all(&media)
        .with_context(|| format!("cannot create the data folder {}", media.display()))?;
    let probe = config.data.join(".write-test");
    std::fs::write(&probe, b"")
        .and_then(|()| std::fs::remove_file(&probe))
        .with_context(|| format!("cannot write in the data folder {}", config.data.display()))?;
    let url = match &config.database {
        Some(url) => url.clone(),
        None => format!("sqlite:{}", config.data.join("portico.db").display()),
    };
    let store =
        Store::connect(&url).await.with_context(|| format!("cannot open the database {}", redact(&url)))?;
    store.migrate().await.with_context(|| format!("cannot migrate the database {}", redact(&url)))?;
    Ok(store)
}

/// A server running in the background, for tests and for `serve`.
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// Its store.
    pub store: Store,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Its base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections, lets in-flight requests finish, and waits.
    pub async fn stop(self) -> Result<()> {
        let _ = self.shutdown.send(());
        self.task.await.context("server task")?.context("server")?;
        Ok(())
    }
}

/// Opens everything and starts serving in the background, with the default [`Tuning`].
pub async fn start(config: &ServeConfig) -> Result<Server> {
    start_tuned(config, &Tuning::default()).await
}

/// Opens everything and starts serving in the background.
pub async fn start_tuned(config: &ServeConfig, tuning: &Tuning) -> Result<Server> {
    // First, so that a bad bucket stops the server before it touches the database.
    let media = match &tuning.media {
        Some(media) => media.clone(),
        None => check_media(config).await?,
    };
    if let portico_media::MediaStorage::Bucket(bucket) = &media {
        tracing::info!(media.url = bucket.url(), "media in an object store");
    }
    let store = open_with(config, &media).await?;
    if store.is_empty().await? {
        tracing::warn!(
            "the database is empty: run `portico init` to set up your organization's site \
             (or restart with --demo for the demo content); until then every page says it is \
             not initialized yet"
        );
    }
    let search = crate::indexer::open_index(&config.data).await?;
    let options = WebOptions {
        theme_dir: config.theme.clone(),
        media,
        media_public_url: tuning.media_public_url.clone(),
        fallback_site: config.fallback_site.clone(),
        feed_ingest: feed_settings(config),
        search: Some(search.clone()),
        page_cache_bytes: tuning.page_cache_mb.saturating_mul(1024 * 1024),
        metrics: tuning.metrics.clone(),
        transport: tuning.transport.clone(),
        sso: tuning.sso.clone(),
        purge: tuning.purge.clone(),
        mail: tuning.mail.clone(),
    };
    match &tuning.mail {
        Some(mail) => {
            tracing::info!(smtp.host = %mail.host, smtp.port = mail.port, "news by email through SMTP")
        }
        None => tracing::info!("no SMTP server (--smtp-host): news by email is unavailable"),
    }
    if let Some(sso) = &tuning.sso {
        tracing::info!(
            oidc.issuer = %sso.issuer,
            sso_only = sso.sso_only,
            recheck_seconds = sso.recheck_every.as_secs(),
            "single sign-on through the identity provider"
        );
    }
    for target in &tuning.purge.targets {
        tracing::info!(purge.endpoint = %target.redacted(), purge.method = %target.method, "purging a shared cache on every change");
    }
    let app = App::new(store.clone(), options).await.context("cannot start the web application")?;
    let listener = TcpListener::bind(&config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr().context("listening address")?;
    // One follower of the change log for the page cache, the indexer and the rest.
    let change_log = app.change_log();
    let follower = change_log.spawn_with(tuning.change_wakeups);
    let search_indexer = crate::indexer::spawn(store.clone(), search, change_log);
    let (shutdown, stopped) = oneshot::channel::<()>();
    let site_watcher = tokio::spawn(watch_sites(app.clone()));
    let sso_checker =
        tuning.sso.as_ref().map(|sso| tokio::spawn(check_idle_sso_sessions(app.clone(), sso.recheck_every)));
    let staging_sweeper = tokio::spawn(sweep_staging(app.media().clone()));
    let draining = app.clone();
    let front_app = app.clone();
    let router = app.router();
    let front: crate::connections::Front =
        std::sync::Arc::new(move |request| front_app.answer_from_cache(request));
    let limits = tuning.connections;
    let handlers = match store.backend() {
        "postgres" => crate::connections::Handlers::On(tokio::runtime::Handle::current()),
        _ => crate::connections::Handlers::OnConnectionThreads,
    };
    let scheduler = tokio::spawn(publish_scheduled(store.clone(), config.schedule_every));
    let related = tokio::spawn(weigh_related(store.clone()));
    let feed_reader = tokio::spawn(
        portico_ingest::Ingester::new(store.clone(), feed_settings(config))
            .run(portico_ingest::CHECK_INTERVAL),
    );
    let leases = portico_ingest::Ingester::new(store.clone(), feed_settings(config));
    let task = tokio::spawn(async move {
        let served = crate::connections::serve(listener, router, front, handlers, limits, async {
            let _ = stopped.await;
            // Before the listener closes, so that a prober asking meanwhile hears it.
            draining.begin_draining();
        })
        .await;
        // Each job writes in single transactions, so stopping one between two awaits leaves
        // nothing half done; waited for, so that none still runs when the store closes.
        let mut jobs = vec![scheduler, related, feed_reader, staging_sweeper];
        jobs.extend(sso_checker);
        for job in &jobs {
            job.abort();
        }
        for job in jobs {
            let _ = job.await;
        }
        // A fetch cut short leaves its feed leased; let another node take it now.
        match leases.release_all().await {
            Ok(0) => {}
            Ok(released) => {
                tracing::info!(feeds = released, "released the leases of unfinished feed fetches")
            }
            Err(err) => tracing::warn!(error = %err, "cannot release this node's feed leases"),
        }
        // Waited for, so that a stopped server has let go of the index's write lock: the
        // follower first, so that no round still holds the indexer when it unsubscribes.
        follower.shutdown().await;
        search_indexer.shutdown().await;
        site_watcher.abort();
        served
    });
    Ok(Server { addr, store, shutdown, task })
}

/// How subscribed feeds are fetched, by the background job and by "fetch now".
fn feed_settings(config: &ServeConfig) -> portico_ingest::Settings {
    portico_ingest::Settings { allow_loopback: config.allow_loopback_feeds, ..Default::default() }
}

/// Sites created or changed elsewhere (`portico site add`, another node) are picked up
/// within this time; the back office reloads at once on its own changes.
const SITE_REFRESH: std::time::Duration = std::time::Duration::from_secs(30);

async fn watch_sites(app: App) {
    let mut interval = tokio::time::interval(SITE_REFRESH);
    interval.tick().await;
    loop {
        interval.tick().await;
        if let Err(err) = app.reload_sites().await {
            tracing::warn!(error = %err, "cannot reload the sites");
        }
    }
}

/// Queued releases weighed per round of [`weigh_related`]: they share most of what they read
/// (see `Store::refresh_related`), and their results are kept in one transaction.
const RELATED_BATCH: i64 = 256;
/// How often an empty related-releases queue is looked at again.
const RELATED_IDLE: std::time::Duration = std::time::Duration::from_secs(1);

/// Keeps related releases up to date: weighs the releases that writes queued, newest first,
/// until none is left, then looks again every second. After a large import it works through
/// the whole archive in the background; pages weigh what it has not reached on the spot.
async fn weigh_related(store: Store) {
    let mut weighed_since_idle = 0_usize;
    loop {
        match store.refresh_related(RELATED_BATCH, &portico_geo::nearby_countries).await {
            Ok(0) => {
                if weighed_since_idle > 0 {
                    tracing::info!(releases = weighed_since_idle, "related releases weighed");
                    weighed_since_idle = 0;
                }
                tokio::time::sleep(RELATED_IDLE).await;
            }
            Ok(weighed) => weighed_since_idle += weighed,
            Err(err) => {
                tracing::warn!(error = %err, "cannot weigh related releases");
                tokio::time::sleep(RELATED_IDLE * 5).await;
            }
        }
    }
}

/// How old a staged upload must be before a node removes it: far longer than any upload takes,
/// so that another node's upload in flight keeps its files.
pub const STALE_STAGING: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes, at start and then hourly, what uploads cut short by a killed process staged and
/// never placed (see `MediaStorage::remove_stale_staging`). Items whose row never committed
/// need the database and a listing of every item: `portico media sweep` does those.
async fn sweep_staging(media: portico_media::MediaStorage) {
    let mut interval = tokio::time::interval(STALE_STAGING);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match media.remove_stale_staging(STALE_STAGING).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(files = removed, "removed what unfinished uploads staged"),
            Err(err) => tracing::warn!(error = %err, "cannot sweep the media staging area"),
        }
    }
}

/// Asks the identity provider about idle sessions once per re-check interval: a request of a
/// session asks about it itself, but someone who only uses API tokens makes none.
async fn check_idle_sso_sessions(app: App, every: std::time::Duration) {
    let mut interval = tokio::time::interval(every.max(std::time::Duration::from_secs(1)));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        if let Err(err) = app.check_idle_sso_sessions().await {
            tracing::warn!(error = %err, "cannot check the identity provider's sessions");
        }
    }
}

/// How often scheduled releases are checked: well within the minute we promise.
pub const SCHEDULE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(15);

/// Publishes scheduled documents whose time has come, now and then every few seconds. Because
/// it reads the schedule from the database, a restart catches up at once.
async fn publish_scheduled(store: Store, every: std::time::Duration) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match store.publish_due().await {
            Ok(published) if !published.is_empty() => {
                let ids: Vec<String> = published.iter().map(|(d, _)| d.to_string()).collect();
                tracing::info!(documents = %ids.join(","), "published scheduled documents");
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "cannot publish scheduled documents"),
        }
    }
}

/// `portico serve`: runs until Ctrl-C or SIGTERM.
pub async fn serve(config: &ServeConfig, tuning: &Tuning) -> Result<()> {
    let server = start_tuned(config, tuning).await?;
    tracing::info!(
        database = server.store.backend(),
        data = %config.data.display(),
        "Portico is serving {}/",
        server.url()
    );
    termination().await;
    tracing::info!(
        drain_seconds = tuning.connections.drain_timeout.as_secs(),
        "shutting down: /readyz answers 503, no new connections, finishing requests in flight"
    );
    let store = server.store.clone();
    server.stop().await?;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn termination() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://app:s3cret@db:5432/portico"), "postgres://app:***@db:5432/portico");
        assert_eq!(redact("sqlite:data/portico.db"), "sqlite:data/portico.db");
    }
}
