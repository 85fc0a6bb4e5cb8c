//! `portico export --site K --out DIR`: every public page, feed, sitemap, the stylesheet and
//! every media file of a site, in every language of the site, written as files that nginx, any
//! static host or a CDN can serve as a fallback. The bodies are byte for byte what the server
//! sends, because the server's own router renders them, in-process, for the same host name.
//!
//! Files are named after their address:
//!
//! | address | file |
//! | --- | --- |
//! | ending in `/` (`/en/`) | `en/index.html` |
//! | with an extension (`/en/news.atom`, `/sitemap.xml`, `/media/3/640.webp`) | as is |
//! | news list page N (`/en/news?page=N`) | `en/news.page-N.html` |
//! | anything else (`/en/news/slug`, `/en/where-we-work/sv`) | `en/news/slug.html` |
//!
//! A host serves an address by trying `$uri`, then `$uri.html`, then `$uri/index.html`; only
//! the `?page=N` pages of the lists need a rewrite (see `bench/nginx.conf`).
//!
//! Every link resolves inside the export: after the addresses the site lists (sitemap, lists,
//! countries, media), every address of this export that a written page, feed or sitemap links
//! to (`href`, `src`, `srcset`, `<loc>`, `<link>`) is rendered too, and so on until no new
//! address appears. A link that answers anything but 200 is reported with the page that links
//! it. Addresses with a query other than `page=N` (filtered lists and feeds, search) need the
//! server: they are counted and named in the summary and the manifest, as pointing to the live
//! site. Links to other hosts, and to other sites' `/sites/{key}/` addresses, are not followed.
//!
//! The export is written into a staging folder beside the output (`OUT.partial-PID-N`) and
//! moved into place only once complete, so a failed or interrupted export leaves the previous
//! one as it was. A failed or stopped export (its future dropped) removes its staging folder;
//! what a killed process left is cleared, or put back, by the next export into the same
//! folder. An export is marked by its manifest, [`MANIFEST`]; a folder that is neither empty
//! nor an earlier export is never replaced.
//!
//! It must never write anywhere but the staging folder and, at the end, the output folder.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use portico_web::{App, WebOptions};
use serde::{Deserialize, Serialize};
use tower::ServiceExt;

use crate::server::ServeConfig;

/// Sitemap entries read per query.
const SITEMAP_PAGE: i64 = 5_000;
/// The file that marks a folder as an export, so that a later export may replace it.
pub const MANIFEST: &str = ".portico-export.json";
/// What the manifest's `format` says.
const FORMAT: &str = "portico-export";
/// How many links away from the addresses the site lists an address may be and still be
/// rendered: bounds the export if a page linked ever new addresses.
const MAX_LINK_DEPTH: u8 = 8;
/// At most this many addresses are rendered because only links name them, for the same reason.
const MAX_FOUND_THROUGH_LINKS: usize = 100_000;
/// Unresolved links and live-site addresses named in the manifest (all are counted).
const MANIFEST_LISTS: usize = 100;

/// What to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The site's key.
    pub site: String,
    /// The folder the export ends up in: missing, empty, or an earlier export (which it
    /// replaces whole once the new one is complete).
    pub out: PathBuf,
    /// The scheme and host the pages are rendered for (absolute links, feeds, sitemaps):
    /// `https://www.example.org`. By default `http://` and the site's first host name.
    pub origin: Option<String>,
    /// Pages rendered at once; [`default_jobs`] keeps every core busy.
    pub jobs: usize,
    /// Only these addresses (`/en/news/slug`, `/en/news?page=2`), as the site's visitors
    /// write them; every public address of the site when `None`. Their links are not followed.
    /// Into an earlier export, these files replace theirs and every other file stays (each
    /// file is replaced whole, and only once all of them are rendered); into a missing or
    /// empty folder, they are the whole export.
    pub only: Option<Vec<String>>,
}

/// Pages rendered at once by default: four per core, since a render waits on the database
/// part of its time (on 2 cores, 8 at once gave about 1.2 times the pages per second of 2).
pub fn default_jobs() -> usize {
    4 * std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// What was exported.
#[derive(Debug, Clone, Default)]
pub struct ExportSummary {
    /// Files written.
    pub files: u64,
    /// Their bytes.
    pub bytes: u64,
    /// Addresses expected to exist that did not answer 200, with their status (0: no static
    /// file name), and that no exported file links.
    pub skipped: Vec<(String, u16)>,
    /// Distinct addresses of this export that exported pages, feeds and sitemaps link to: each
    /// is exported, unresolved, or a live-site address.
    pub links_checked: u64,
    /// Files exported because a link named their address, beyond those the site lists.
    pub found_through_links: u64,
    /// Links to addresses of this export that no exported file answers, sorted.
    pub unresolved: Vec<Unresolved>,
    /// Linked addresses with a query a static host cannot serve (`?country=sv`, search),
    /// sorted: they point to the live site.
    pub live_site: Vec<String>,
    /// Links to other sites' addresses on the same host (`/sites/{key}/…`), not followed.
    pub other_sites: u64,
    /// Seconds taken.
    pub seconds: f64,
}

impl ExportSummary {
    /// Files written per second.
    pub fn files_per_second(&self) -> f64 {
        if self.seconds > 0.0 { self.files as f64 / self.seconds } else { 0.0 }
    }

    /// At most `count` of the live-site addresses: one of each list or feed first (all the
    /// countries of one feed would say less), then the rest in order.
    pub fn live_site_examples(&self, count: usize) -> Vec<&str> {
        let path = |address: &str| address.split('?').next().unwrap_or_default().to_owned();
        let mut paths = HashSet::new();
        let (first, rest): (Vec<&str>, Vec<&str>) =
            self.live_site.iter().map(String::as_str).partition(|address| paths.insert(path(address)));
        first.into_iter().chain(rest).take(count).collect()
    }
}

/// A link to an address of this export that the export does not hold.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Unresolved {
    /// The address linked to.
    pub address: String,
    /// Why it is not in the export.
    pub why: Missing,
    /// An exported page, feed or sitemap that links it.
    pub linked_from: String,
}

/// Why an address is not in an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// It answered this status (a redirect, 404…).
    Status(u16),
    /// A static host could not serve it under any file name (`/en//x`).
    NoFileName,
    /// It was beyond the bounds on following links (8 links away from a listed address, or
    /// past 100 000 addresses found through links).
    NotFollowed,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Missing::Status(status) => write!(f, "answers {status}"),
            Missing::NoFileName => f.write_str("no static file name"),
            Missing::NotFollowed => f.write_str("too many links away, not followed"),
        }
    }
}

/// The manifest, [`MANIFEST`], at the top of every export.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `portico-export`.
    pub format: String,
    /// The site's key.
    pub site: String,
    /// The scheme and host the pages were rendered for.
    pub origin: String,
    /// When the export was made (RFC 3339).
    pub exported_at: String,
    /// Whether only some addresses were asked for.
    pub only: bool,
    /// Files written (the manifest aside).
    pub files: u64,
    /// Their bytes.
    pub bytes: u64,
    /// Distinct addresses of this export linked to, each checked.
    pub links_checked: u64,
    /// How many links do not resolve in the export.
    pub unresolved_total: u64,
    /// The first of them.
    pub unresolved: Vec<Unresolved>,
    /// How many linked addresses need the live site (a query other than `page=N`).
    pub live_site_total: u64,
    /// Some of them, one of each list or feed first.
    pub live_site: Vec<String>,
    /// What those addresses are, for whoever reads the manifest.
    pub live_site_note: String,
}

/// The file an address is exported to, relative to the output folder; `None` for an address
/// a static host cannot serve (a query other than `page=N`).
pub fn file_for(address: &str) -> Option<PathBuf> {
    let (path, query) = address.split_once('?').unwrap_or((address, ""));
    let relative = path.strip_prefix('/')?;
    let last = relative.rsplit('/').next().unwrap_or("");
    let file = match query {
        "" if last.is_empty() => format!("{relative}index.html"),
        "" if last.contains('.') => relative.to_owned(),
        "" => format!("{relative}.html"),
        query => {
            let page = query
                .strip_prefix("page=")
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))?;
            if last.is_empty() || last.contains('.') {
                return None;
            }
            format!("{relative}.page-{page}.html")
        }
    };
    let safe = file
        .split('/')
        .all(|segment| !segment.is_empty() && segment != "." && segment != ".." && !segment.contains('\\'));
    safe.then(|| PathBuf::from(file))
}

/// Renders addresses through the router, as the server would for `host`.
#[derive(Clone)]
struct Renderer {
    router: axum::Router,
    host: String,
    https: bool,
}

impl Renderer {
    async fn get(&self, address: &str) -> Result<(StatusCode, axum::body::Bytes)> {
        let mut request = Request::builder().uri(address).header(header::HOST, &self.host);
        if self.https {
            request = request.header("x-forwarded-proto", "https");
        }
        let request = request.body(Body::empty()).with_context(|| format!("bad address {address}"))?;
        let response = self.router.clone().oneshot(request).await.map_err(|never| match never {})?;
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .with_context(|| format!("cannot read {address}"))?;
        Ok((status, body))
    }

    async fn exists(&self, address: &str) -> Result<bool> {
        Ok(self.get(address).await?.0 == StatusCode::OK)
    }

    /// The last page of a paged list (`?page=N` answers 404 past it): probed by doubling,
    /// then halving, so a list of thousands of pages costs a couple of dozen renders.
    async fn last_page(&self, list: &str) -> Result<u32> {
        let page = |n: u32| if n == 1 { list.to_owned() } else { format!("{list}?page={n}") };
        if !self.exists(&page(1)).await? {
            return Ok(0);
        }
        let (mut low, mut high) = (1_u32, 2_u32);
        while self.exists(&page(high)).await? {
            low = high;
            high = high.saturating_mul(2);
            if high == u32::MAX {
                break;
            }
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2;
            if self.exists(&page(middle)).await? {
                low = middle;
            } else {
                high = middle;
            }
        }
        Ok(low)
    }
}

/// Splits `https://host:port` into (host with port, https?).
fn parse_origin(origin: &str) -> Result<(String, bool)> {
    let (https, host) = if let Some(host) = origin.strip_prefix("https://") {
        (true, host)
    } else if let Some(host) = origin.strip_prefix("http://") {
        (false, host)
    } else {
        bail!("--origin must start with http:// or https://, as in https://www.example.org");
    };
    let host = host.trim_end_matches('/');
    let valid = !host.is_empty()
        && host.len() <= 255
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    if !valid {
        bail!("--origin must be a scheme and a host name only, as in https://www.example.org");
    }
    Ok((host.to_ascii_lowercase(), https))
}

/// `portico export`: writes the site's public files into a staging folder beside
/// `options.out`, then puts them in its place.
pub async fn export(config: &ServeConfig, options: &ExportOptions) -> Result<ExportSummary> {
    let started = Instant::now();
    // First of all, so that a folder that is not an export is refused before any work.
    let output = Output::check(&options.out)?;
    let store = crate::server::open(config).await?;
    let web = WebOptions {
        theme_dir: config.theme.clone(),
        media: crate::server::check_media(config).await?,
        // The export holds its media files beside its pages.
        media_public_url: None,
        // Only the site's own host names, or the `/sites/{key}` prefix, reach it.
        fallback_site: None,
        feed_ingest: portico_ingest::Settings::default(),
        search: None,
        // Every page rendered afresh.
        page_cache_bytes: 0,
        metrics: portico_web::metrics::MetricsAccess::Off,
        // Pages are rendered in-process, each request saying its scheme itself.
        transport: portico_web::Transport::default(),
        // Nobody signs in to an export.
        sso: None,
        // Static files have no proxy to purge.
        purge: portico_web::purge::PurgeOptions { key_header: None, targets: Vec::new() },
        // An export sends no email.
        mail: None,
    };
    let app = App::new(store.clone(), web).await.context("cannot prepare the pages")?;
    let site = app.site_by_key(&options.site).ok_or_else(|| {
        let keys: Vec<String> = app.sites().iter().map(|s| s.key.clone()).collect();
        anyhow!("no site has the key {:?}; the sites are: {}", options.site, keys.join(", "))
    })?;
    let origin = match &options.origin {
        Some(origin) => origin.clone(),
        None => format!("http://{}", site.hosts.first().map_or("localhost", String::as_str)),
    };
    let (host, https) = parse_origin(&origin)?;
    // On a host name the site claims its addresses have no prefix; elsewhere they are under
    // `/sites/{key}`, and so are the files.
    let claimed = app.site_for_host(Some(&host)).is_some_and(|s| s.id == site.id);
    let base = if claimed { String::new() } else { format!("/sites/{}", site.key) };
    let renderer = Renderer { router: app.clone().router(), host: host.clone(), https };
    let addresses = match &options.only {
        Some(only) => {
            if let Some(bad) = only.iter().find(|a| !a.starts_with('/')) {
                bail!("an address to export starts with /, as in /en/news: {bad:?}");
            }
            only.iter().cloned().collect()
        }
        None => every_address(app.media(), &store, &site, &base, &renderer).await?,
    };
    tracing::info!(site = %site.key, addresses = addresses.len(), "exporting");

    let staging = output.stage()?;
    // An `only` export writes just what it was asked for.
    let links = options.only.is_none().then(|| Arc::new(Links { host, base }));
    let crawled = crawl(&renderer, &staging.folder, addresses, links, options.jobs.max(1)).await;
    store.close().await;
    let mut summary = crawled?;
    if options.only.is_some() && output.earlier {
        staging.merge()?;
    } else {
        let manifest = Manifest::new(&site.key, &origin, options.only.is_some(), &summary)?;
        staging.folder.write(Path::new(MANIFEST), &serde_json::to_vec_pretty(&manifest)?)?;
        staging.place()?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    tracing::info!(
        site = %site.key,
        files = summary.files,
        unresolved = summary.unresolved.len(),
        live_site = summary.live_site.len(),
        seconds = summary.seconds,
        "exported"
    );
    Ok(summary)
}

/// Every public address of `site`: robots, sitemaps, stylesheet; per language the home, the
/// feeds, where we work and every country, each page of the paged lists; every published page
/// and release; every media file.
async fn every_address(
    media_storage: &portico_media::MediaStorage,
    store: &portico_store::Store,
    site: &portico_store::Site,
    base: &str,
    renderer: &Renderer,
) -> Result<BTreeSet<String>> {
    let mut addresses: BTreeSet<String> = BTreeSet::new();
    addresses.insert("/assets/style.css".to_owned());
    addresses.insert(format!("{base}/robots.txt"));
    let sitemap = format!("{base}/sitemap.xml");
    // A large site's sitemap is an index of its parts, numbered with gaps (by window of
    // document ids): the index names them.
    let (_, index) = renderer.get(&sitemap).await?;
    let index = String::from_utf8_lossy(&index);
    if index.contains("<sitemapindex") {
        for loc in index.split("<loc>").skip(1).filter_map(|rest| rest.split("</loc>").next()) {
            if let Some(file) = loc.rsplit('/').next().filter(|f| f.starts_with("sitemap-")) {
                addresses.insert(format!("{base}/{file}"));
            }
        }
    }
    addresses.insert(sitemap);
    // A goal's page lists the releases serving it in pages, as the news list does; its
    // page exists in every language once the site published for the goal in any (as the
    // sitemap lists them).
    let mut goals = BTreeSet::new();
    for lang in &site.languages {
        goals.extend(store.goal_counts(site.id, lang).await?.into_iter().map(|count| count.goal));
    }
    let goal_paths: Vec<String> =
        goals.into_iter().filter_map(portico_content::sdg::Goal::by_number).map(|goal| goal.path()).collect();
    for lang in &site.languages {
        for path in ["", "news.atom", "news.rss", "vacancies.atom", "vacancies.rss", "where-we-work"] {
            addresses.insert(format!("{base}/{lang}/{path}"));
        }
        for country in portico_geo::countries() {
            addresses.insert(format!("{base}/{lang}/where-we-work/{}", country.iso2.to_ascii_lowercase()));
        }
        let lists = ["news", "news/elsewhere", "vacancies", "publications"].into_iter();
        for list in lists.chain(goal_paths.iter().map(String::as_str)) {
            let list = format!("{base}/{lang}/{list}");
            let last = renderer.last_page(&list).await?;
            if last >= 1 {
                addresses.insert(list.clone());
            }
            for page in 2..=last {
                addresses.insert(format!("{list}?page={page}"));
            }
        }
    }
    let mut offset = 0;
    loop {
        let entries = store.sitemap_entries(site.id, &site.languages, offset, SITEMAP_PAGE).await?;
        for entry in &entries {
            addresses.insert(format!("{base}/{}/{}", entry.language, entry.kind.path_of(&entry.slug)));
        }
        if (entries.len() as i64) < SITEMAP_PAGE {
            break;
        }
        offset += SITEMAP_PAGE;
    }
    // A static copy cannot close a vacancy by itself: it holds them as they stood when it was made.
    for entry in store.sitemap_vacancies(site.id, &site.languages).await? {
        addresses.insert(format!("{base}/{}/{}", entry.language, entry.kind.path_of(&entry.slug)));
    }
    for entry in store.sitemap_publications(site.id, &site.languages).await? {
        addresses.insert(format!("{base}/{}/{}", entry.language, entry.kind.path_of(&entry.slug)));
    }
    for media in store.media_list(Some(&[site.id]), i64::MAX).await? {
        // A static copy is public: only what the site itself would show to anyone.
        if !store.media_is_public(&media, true).await? {
            continue;
        }
        for name in media_storage.list(media.id.0).await? {
            addresses.insert(media.path(&name));
        }
    }
    Ok(addresses)
}

/// Where an address stands in an export.
#[derive(Debug, Clone, Copy)]
enum State {
    Queued,
    Written,
    NotExported(Missing),
}

/// An address the export knows of: listed by the site, or linked from a written file.
#[derive(Debug)]
struct Known {
    state: State,
    /// Links followed from a listed address to reach it (0: listed).
    depth: u8,
    /// The first written file found linking it.
    linked_from: Option<Arc<str>>,
}

/// What rendering one address gave.
enum Rendered {
    /// Written: its bytes, the addresses of this export it links to, and those of other sites.
    Written { bytes: u64, here: Vec<String>, other_sites: Vec<String> },
    /// Not written.
    NotExported(Missing),
}

/// Renders `addresses` into `folder`, `jobs` at a time; with `links`, then every address of
/// the export that the written files link to, and theirs, until no new one appears (within
/// [`MAX_LINK_DEPTH`] and [`MAX_FOUND_THROUGH_LINKS`]). The first error stops it once the
/// renders under way have finished, so that nothing is written after it returns.
async fn crawl(
    renderer: &Renderer,
    folder: &Arc<Folder>,
    addresses: BTreeSet<String>,
    links: Option<Arc<Links>>,
    jobs: usize,
) -> Result<ExportSummary> {
    let bar = progress_bar(addresses.len() as u64);
    let mut known: HashMap<String, Known> = HashMap::with_capacity(addresses.len());
    let mut queue: VecDeque<String> = VecDeque::with_capacity(addresses.len());
    for address in addresses {
        known.insert(address.clone(), Known { state: State::Queued, depth: 0, linked_from: None });
        queue.push_back(address);
    }
    let mut live_site: BTreeSet<String> = BTreeSet::new();
    let mut other_sites: HashSet<String> = HashSet::new();
    let mut found_through_links = 0_usize;
    let mut summary = ExportSummary::default();
    let mut failure = None;
    let mut running = tokio::task::JoinSet::new();
    loop {
        while failure.is_none() && running.len() < jobs {
            let Some(address) = queue.pop_front() else { break };
            running.spawn(render_one(renderer.clone(), folder.clone(), links.clone(), address));
        }
        let Some(done) = running.join_next().await else { break };
        let (address, rendered) = match done.context("export task").and_then(|rendered| rendered) {
            Ok(done) => done,
            Err(error) => {
                failure.get_or_insert(error);
                continue;
            }
        };
        bar.inc(1);
        let Some(entry) = known.get_mut(&address) else { continue };
        let depth = entry.depth;
        let (here, other) = match rendered {
            Rendered::NotExported(why) => {
                entry.state = State::NotExported(why);
                continue;
            }
            Rendered::Written { bytes, here, other_sites } => {
                entry.state = State::Written;
                summary.files += 1;
                summary.bytes += bytes;
                (here, other_sites)
            }
        };
        other_sites.extend(other);
        let page: Arc<str> = Arc::from(address);
        for link in here {
            if let Some(entry) = known.get_mut(&link) {
                entry.linked_from.get_or_insert_with(|| page.clone());
                continue;
            }
            if live_site.contains(&link) {
                continue;
            }
            if links.as_ref().is_some_and(|links| links.need_the_server(&link)) {
                live_site.insert(link);
                continue;
            }
            let state = if file_for(&link).is_some() {
                if depth >= MAX_LINK_DEPTH || found_through_links >= MAX_FOUND_THROUGH_LINKS {
                    State::NotExported(Missing::NotFollowed)
                } else {
                    found_through_links += 1;
                    bar.inc_length(1);
                    queue.push_back(link.clone());
                    State::Queued
                }
            } else {
                State::NotExported(Missing::NoFileName)
            };
            known.insert(link, Known { state, depth: depth + 1, linked_from: Some(page.clone()) });
        }
    }
    bar.finish_and_clear();
    if let Some(error) = failure {
        return Err(error);
    }
    for (address, entry) in known {
        if entry.linked_from.is_some() {
            summary.links_checked += 1;
        }
        match (entry.state, entry.linked_from) {
            (State::Written, _) => {
                if entry.depth > 0 {
                    summary.found_through_links += 1;
                }
            }
            (State::NotExported(why), Some(page)) => {
                summary.unresolved.push(Unresolved { address, why, linked_from: page.to_string() })
            }
            (State::NotExported(Missing::Status(status)), None) => summary.skipped.push((address, status)),
            (State::NotExported(_), None) => summary.skipped.push((address, 0)),
            (State::Queued, _) => bail!("{address} was never rendered"),
        }
    }
    summary.links_checked += live_site.len() as u64;
    summary.live_site = live_site.into_iter().collect();
    summary.other_sites = other_sites.len() as u64;
    summary.unresolved.sort();
    summary.skipped.sort();
    Ok(summary)
}

/// Renders one address and writes it into `folder`; with `links`, reads the links of what it
/// wrote. A server error is an error: an export without a page the site has is no copy of it.
async fn render_one(
    renderer: Renderer,
    folder: Arc<Folder>,
    links: Option<Arc<Links>>,
    address: String,
) -> Result<(String, Rendered)> {
    let Some(file) = file_for(&address) else {
        return Ok((address, Rendered::NotExported(Missing::NoFileName)));
    };
    let (status, body) = renderer.get(&address).await?;
    if status.is_server_error() {
        bail!("GET {address} answered {status}: the export stops, and any earlier one stays as it was");
    }
    if status != StatusCode::OK {
        return Ok((address, Rendered::NotExported(Missing::Status(status.as_u16()))));
    }
    // Files and links off the async workers; a page's links are read where its bytes are.
    tokio::task::spawn_blocking(move || {
        folder.write(&file, &body)?;
        let (here, other_sites) = match links {
            Some(links) => links.in_file(&address, &file, &body),
            None => (Vec::new(), Vec::new()),
        };
        Ok((address, Rendered::Written { bytes: body.len() as u64, here, other_sites }))
    })
    .await
    .context("export task")?
}

/// The progress bar of the rendering (hidden when standard error is not a terminal).
fn progress_bar(addresses: u64) -> indicatif::ProgressBar {
    let bar =
        indicatif::ProgressBar::with_draw_target(Some(addresses), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages, {per_sec:1} ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Which links of an exported file point into the export.
struct Links {
    /// The export's host name (with its port), in lower case.
    host: String,
    /// `/sites/{key}` when the export lives under that prefix, else empty.
    base: String,
}

/// Where a link points.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// An address of this export: path and query, without the fragment.
    Here(String),
    /// An address of another site on the same host (`/sites/{key}/…`; with a prefix, the
    /// host's own site).
    OtherSite(String),
    /// Another host or scheme (`mailto:`), or a place in the same page.
    Elsewhere,
}

impl Links {
    /// The addresses of this export, and of other sites on its host, that `body` (written for
    /// `address` as `file`) links to, each once.
    fn in_file(&self, address: &str, file: &Path, body: &[u8]) -> (Vec<String>, Vec<String>) {
        let Ok(text) = std::str::from_utf8(body) else { return (Vec::new(), Vec::new()) };
        let (mut here, mut other_sites) = (Vec::new(), Vec::new());
        let mut each = |raw: &str| match self.target(address, raw) {
            Target::Here(link) => here.push(link),
            Target::OtherSite(link) => other_sites.push(link),
            Target::Elsewhere => {}
        };
        match file.extension().and_then(|e| e.to_str()) {
            Some("html") => html_links(text, &mut each),
            Some("xml" | "atom" | "rss") => xml_links(text, &mut each),
            _ => {}
        }
        for list in [&mut here, &mut other_sites] {
            list.sort_unstable();
            list.dedup();
        }
        (here, other_sites)
    }

    /// Where `raw`, a link as written in the file of `page`, points.
    fn target(&self, page: &str, raw: &str) -> Target {
        let decoded = decode_entities(raw.trim());
        let link = decoded.split_once('#').map_or(decoded.as_ref(), |(link, _)| link);
        if link.is_empty() {
            return Target::Elsewhere;
        }
        let address: Cow<'_, str> = if let Some(rest) = link.strip_prefix("//") {
            match self.on_host(rest) {
                Some(address) => address,
                None => return Target::Elsewhere,
            }
        } else if let Some((scheme, rest)) = scheme_of(link) {
            let web = scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http");
            match rest.strip_prefix("//").filter(|_| web).and_then(|rest| self.on_host(rest)) {
                Some(address) => address,
                None => return Target::Elsewhere,
            }
        } else if link.starts_with('/') {
            Cow::Borrowed(link)
        } else {
            Cow::Owned(join(page, link))
        };
        // A version query (`?v=…`) only tells caches that the file changed: a static host
        // serves the file whatever the query says.
        let address = match address.split_once('?') {
            Some((path, version)) if version.starts_with("v=") && !version.contains('&') => path,
            _ => address.as_ref(),
        };
        if self.belongs(address) {
            Target::Here(address.to_owned())
        } else {
            Target::OtherSite(address.to_owned())
        }
    }

    /// Whether only the server can answer `address` as it does: with a query other than
    /// `page=N` (filtered lists and feeds, search), or the search page itself.
    fn need_the_server(&self, address: &str) -> bool {
        let (path, query) = address.split_once('?').unwrap_or((address, ""));
        let search = path
            .strip_prefix(self.base.as_str())
            .and_then(|path| path.strip_prefix('/')?.split_once('/'))
            .is_some_and(|(_language, rest)| rest == "search");
        search || (!query.is_empty() && file_for(address).is_none())
    }

    /// The address in `rest` (what follows `//` in a URL) when its host is the export's.
    fn on_host<'a>(&self, rest: &'a str) -> Option<Cow<'a, str>> {
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (host, address) = rest.split_at(end);
        if !host.eq_ignore_ascii_case(&self.host) {
            return None;
        }
        Some(if address.starts_with('/') {
            Cow::Borrowed(address)
        } else {
            Cow::Owned(format!("/{address}"))
        })
    }

    /// Whether `address`, on the export's host, is this site's rather than another's.
    fn belongs(&self, address: &str) -> bool {
        // Served the same for every site of a host.
        const SHARED: [&str; 3] = ["/assets/", "/media/", "/favicon."];
        if SHARED.iter().any(|shared| address.starts_with(shared)) {
            return true;
        }
        if self.base.is_empty() {
            return !address.starts_with("/sites/");
        }
        address
            .strip_prefix(self.base.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
    }
}

/// The scheme of an absolute URL (`https`, `mailto`), and what follows its colon.
fn scheme_of(link: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = link.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// `link` (`x`, `./x`, `../x`, `?page=2`), relative to the page at `page`, from the root.
fn join(page: &str, link: &str) -> String {
    let page = page.split_once('?').map_or(page, |(path, _)| path);
    if link.starts_with('?') {
        return format!("{page}{link}");
    }
    let (path, query) = link.split_once('?').map_or((link, None), |(path, query)| (path, Some(query)));
    let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let parts: Vec<&str> = path.split('/').collect();
    for part in &parts {
        match *part {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            part => segments.push(part),
        }
    }
    let mut joined = format!("/{}", segments.join("/"));
    if !segments.is_empty() && matches!(parts.last(), Some(&("" | "." | ".."))) {
        joined.push('/');
    }
    if let Some(query) = query {
        joined.push('?');
        joined.push_str(query);
    }
    joined
}

/// `text` with its character references (`&amp;`, `&#x2f;`) decoded.
fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        // The longest reference read is `&#x10FFFF;`; `;` is ASCII, so a boundary.
        let end = rest.bytes().take(12).position(|b| b == b';');
        let reference = end.map(|end| &rest[1..end]);
        match reference.and_then(character) {
            Some((c, length)) => {
                decoded.push(c);
                rest = &rest[length + 2..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    Cow::Owned(decoded)
}

/// The character a reference (`amp`, `#47`, `#x2F`, without `&` and `;`) stands for, and the
/// reference's length.
fn character(reference: &str) -> Option<(char, usize)> {
    let c = match reference {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let number = reference.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, reference.len()))
}

/// Calls `each` with the value of every `href` and `src` attribute, and every address of
/// every `srcset`, in `html`, as written. A scan of the tags rather than a parse, so that a
/// page costs microseconds: text is skipped to the next `<`, and text never holds one.
fn html_links(html: &str, mut each: impl FnMut(&str)) {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
        } else if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            rest = attributes(rest, &mut each);
        }
    }
}

/// Reads the attributes of the tag that `tag` starts (just after its `<`) for [`html_links`];
/// returns what follows the tag.
fn attributes<'a>(tag: &'a str, each: &mut impl FnMut(&str)) -> &'a str {
    let bytes = tag.as_bytes();
    let is_space = |b: u8| b.is_ascii_whitespace();
    let mut at = bytes.iter().position(|&b| is_space(b) || b == b'>').unwrap_or(bytes.len());
    loop {
        while at < bytes.len() && (is_space(bytes[at]) || bytes[at] == b'/') {
            at += 1;
        }
        match bytes.get(at) {
            None => return "",
            Some(b'>') => return &tag[at + 1..],
            Some(_) => {}
        }
        let name_start = at;
        while at < bytes.len() && !is_space(bytes[at]) && !matches!(bytes[at], b'=' | b'>') {
            at += 1;
        }
        let name = &tag[name_start..at];
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        if bytes.get(at) != Some(&b'=') {
            // A name alone (`defer`), or a stray `=` at the start of one.
            at = at.max(name_start + 1);
            continue;
        }
        at += 1;
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        let value = match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => {
                let Some(length) = tag[at + 1..].find(char::from(quote)) else { return "" };
                let value = &tag[at + 1..at + 1 + length];
                at += length + 2;
                value
            }
            _ => {
                let start = at;
                while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' {
                    at += 1;
                }
                &tag[start..at]
            }
        };
        if name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src") {
            each(value);
        } else if name.eq_ignore_ascii_case("srcset") {
            for candidate in value.split(',') {
                if let Some(address) = candidate.split_whitespace().next() {
                    each(address);
                }
            }
        }
    }
}

/// Calls `each` with every `href` attribute and the text of every `<loc>` and `<link>`
/// element of a feed or a sitemap.
fn xml_links(xml: &str, mut each: impl FnMut(&str)) {
    html_links(xml, &mut each);
    for (open, close) in [("<loc>", "</loc>"), ("<link>", "</link>")] {
        let mut rest = xml;
        while let Some(at) = rest.find(open) {
            rest = &rest[at + open.len()..];
            let Some(end) = rest.find(close) else { break };
            each(&rest[..end]);
            rest = &rest[end + close.len()..];
        }
    }
}

/// The output folder, checked: missing, empty, or an earlier export.
#[derive(Debug, Clone)]
struct Output {
    /// Its absolute path.
    path: PathBuf,
    /// The folder holding it, where the staging folder goes: on the same file system, so
    /// that moving the export into place is one rename.
    parent: PathBuf,
    /// Its name.
    name: String,
    /// Whether it holds an earlier export (else it is missing or empty).
    earlier: bool,
}

/// Staging folders made by this process, numbering them.
static STAGED: AtomicU32 = AtomicU32::new(0);

impl Output {
    /// Refuses an output folder that is neither missing, nor empty, nor an earlier export, so
    /// that no folder of someone else's is ever replaced; clears what a dead export left.
    fn check(out: &Path) -> Result<Output> {
        let mut path = std::path::absolute(out).with_context(|| format!("cannot read {}", out.display()))?;
        // A link to the folder: the folder is replaced, and the link still leads to it.
        if std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.file_type().is_symlink()) {
            path =
                std::fs::canonicalize(&path).with_context(|| format!("cannot follow {}", path.display()))?;
        }
        let (Some(parent), Some(name)) = (path.parent(), path.file_name().and_then(|name| name.to_str()))
        else {
            bail!("--out must name a folder, as in --out ./site: {}", out.display());
        };
        let (parent, name) = (parent.to_owned(), name.to_owned());
        clear_left_behind(&parent, &name, &path)?;
        let earlier = match std::fs::metadata(&path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => false,
            Err(error) => return Err(error).with_context(|| format!("cannot read {}", path.display())),
            Ok(meta) if !meta.is_dir() => bail!("--out {} is a file, not a folder", path.display()),
            Ok(_) if is_export(&path) => true,
            Ok(_) => {
                let mut entries =
                    std::fs::read_dir(&path).with_context(|| format!("cannot read {}", path.display()))?;
                if entries.next().is_some() {
                    bail!(
                        "refusing to replace {}: it is not empty and not an earlier export (no {MANIFEST}); \
                         export into a new or empty folder",
                        path.display()
                    );
                }
                false
            }
        };
        Ok(Output { path, parent, name, earlier })
    }

    /// Makes a new staging folder beside the output.
    fn stage(&self) -> Result<Staging> {
        std::fs::create_dir_all(&self.parent)
            .with_context(|| format!("cannot create {}", self.parent.display()))?;
        let number = STAGED.fetch_add(1, Ordering::Relaxed);
        let root = self.parent.join(format!("{}.partial-{}-{number}", self.name, std::process::id()));
        std::fs::create_dir(&root).with_context(|| format!("cannot create {}", root.display()))?;
        let folder = Arc::new(Folder { root, made: Mutex::new(HashSet::new()) });
        Ok(Staging { folder, output: self.clone(), number, placed: false })
    }
}

/// Whether `folder` holds an export's manifest.
fn is_export(folder: &Path) -> bool {
    #[derive(Deserialize)]
    struct Format {
        format: String,
    }
    std::fs::read(folder.join(MANIFEST))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Format>(&bytes).ok())
        .is_some_and(|manifest| manifest.format == FORMAT)
}

/// Removes the staging folders (`NAME.partial-PID-N`) of exports into `parent/name` whose
/// process is gone, and the earlier exports they moved aside (`NAME.previous-PID-N`); such an
/// earlier export is put back instead when it was never replaced.
fn clear_left_behind(parent: &Path, name: &str, out: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(parent) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error).with_context(|| format!("cannot read {}", parent.display())),
    };
    for entry in entries.flatten() {
        let Ok(entry_name) = entry.file_name().into_string() else { continue };
        let Some(rest) = entry_name.strip_prefix(name) else { continue };
        let (moved_aside, suffix) = match (rest.strip_prefix(".partial-"), rest.strip_prefix(".previous-")) {
            (Some(suffix), _) => (false, suffix),
            (_, Some(suffix)) => (true, suffix),
            _ => continue,
        };
        // `PID-N`, or `PID-N-removing` for a staging folder whose removal was cut short.
        let Some(pid) = suffix
            .split_once('-')
            .filter(|(pid, n)| !n.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if process_is_running(pid) {
            continue;
        }
        let left = entry.path();
        if moved_aside && !out.exists() {
            std::fs::rename(&left, out)
                .with_context(|| format!("cannot put {} back as {}", left.display(), out.display()))?;
            tracing::warn!(folder = %out.display(), "put back the earlier export an interrupted export had moved aside");
            continue;
        }
        std::fs::remove_dir_all(&left).with_context(|| format!("cannot remove {}", left.display()))?;
        tracing::info!(folder = %left.display(), "removed what an interrupted export left");
    }
    Ok(())
}

/// Whether process `pid` runs: this one, or, where `/proc` tells, another. Elsewhere the
/// folders of any other process are taken as left behind.
fn process_is_running(pid: u32) -> bool {
    pid == std::process::id()
        || (Path::new("/proc/self").exists() && Path::new("/proc").join(pid.to_string()).exists())
}

/// A folder files are written into, making each of its sub-folders once.
struct Folder {
    root: PathBuf,
    /// Sub-folders made so far, relative to the root.
    made: Mutex<HashSet<PathBuf>>,
}

impl Folder {
    /// Writes `body` as `file` (relative to the root).
    fn write(&self, file: &Path, body: &[u8]) -> Result<()> {
        if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            self.make(parent)?;
        }
        let path = self.root.join(file);
        std::fs::write(&path, body).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Makes the sub-folder `relative` and its parents, never the root: once the root is
    /// removed (an export stopped midway), nothing brings it back.
    fn make(&self, relative: &Path) -> Result<()> {
        // A set of names stays whole whatever panicked while holding it.
        let made = self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains(relative);
        if made {
            return Ok(());
        }
        if let Some(parent) = relative.parent().filter(|p| !p.as_os_str().is_empty()) {
            self.make(parent)?;
        }
        let path = self.root.join(relative);
        match std::fs::create_dir(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error).with_context(|| format!("cannot create {}", path.display())),
        }
        self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(relative.to_owned());
        Ok(())
    }
}

/// An export being written: removed when dropped unless moved into place.
struct Staging {
    folder: Arc<Folder>,
    output: Output,
    /// The staging folder's number, shared by the name the earlier export is moved aside to.
    number: u32,
    placed: bool,
}

impl Staging {
    /// Puts the staging folder in the output's place: the earlier export, if any, is moved
    /// aside, the staging folder renamed, and the earlier export removed. Should the rename
    /// fail, the earlier export is moved back.
    fn place(mut self) -> Result<()> {
        let out = &self.output.path;
        let aside = self.output.parent.join(format!(
            "{}.previous-{}-{}",
            self.output.name,
            std::process::id(),
            self.number
        ));
        let moved_aside = match std::fs::rename(out, &aside) {
            Ok(()) => true,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => false,
            Err(error) => {
                return Err(error)
                    .with_context(|| format!("cannot move the earlier export {} aside", out.display()));
            }
        };
        if let Err(error) = std::fs::rename(&self.folder.root, out) {
            if moved_aside && let Err(back) = std::fs::rename(&aside, out) {
                tracing::error!(error = %back, folder = %aside.display(), "cannot put the earlier export back");
            }
            return Err(error).with_context(|| format!("cannot move the export into {}", out.display()));
        }
        self.placed = true;
        if moved_aside && let Err(error) = std::fs::remove_dir_all(&aside) {
            // The new export is in place; the next export into it clears this.
            tracing::warn!(%error, folder = %aside.display(), "cannot remove the earlier export");
        }
        Ok(())
    }

    /// Moves each written file into the earlier export, replacing its own (each rename is
    /// whole); the earlier export's manifest stays as it was.
    fn merge(self) -> Result<()> {
        let mut folders = vec![PathBuf::new()];
        while let Some(folder) = folders.pop() {
            let here = self.folder.root.join(&folder);
            for entry in
                std::fs::read_dir(&here).with_context(|| format!("cannot read {}", here.display()))?
            {
                let entry = entry.with_context(|| format!("cannot read {}", here.display()))?;
                let relative = folder.join(entry.file_name());
                if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                    folders.push(relative);
                    continue;
                }
                let into = self.output.path.join(&relative);
                if let Some(parent) = into.parent() {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                std::fs::rename(entry.path(), &into)
                    .with_context(|| format!("cannot move {} into place", into.display()))?;
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.placed {
            return;
        }
        // Renamed first: a write still under way (an export dropped midway) then finds no
        // folder under the old name, and cannot add to what is being removed.
        let root = &self.folder.root;
        let removing = root.with_file_name(format!(
            "{}.partial-{}-{}-removing",
            self.output.name,
            std::process::id(),
            self.number
        ));
        let doomed = if std::fs::rename(root, &removing).is_ok() { removing } else { root.clone() };
        if let Err(error) = std::fs::remove_dir_all(&doomed)
            && error.kind() != std::io::ErrorKind::NotFound
        {
            // The next export into the same folder removes it.
            tracing::warn!(%error, folder = %doomed.display(), "cannot remove the staging folder");
        }
    }
}

impl Manifest {
    fn new(site: &str, origin: &str, only: bool, summary: &ExportSummary) -> Result<Manifest> {
        let exported_at = time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .context("cannot write the time")?;
        Ok(Manifest {
            format: FORMAT.to_owned(),
            site: site.to_owned(),
            origin: origin.to_owned(),
            exported_at,
            only,
            files: summary.files,
            bytes: summary.bytes,
            links_checked: summary.links_checked,
            unresolved_total: summary.unresolved.len() as u64,
            unresolved: summary.unresolved.iter().take(MANIFEST_LISTS).cloned().collect(),
            live_site_total: summary.live_site.len() as u64,
            live_site: summary.live_site_examples(MANIFEST_LISTS).into_iter().map(str::to_owned).collect(),
            live_site_note: "Filtered lists and feeds, and search, need the server: links to these \
                             addresses point to the live site."
                .to_owned(),
        })
    }
}

/// The manifest of the export in `folder`.
pub fn read_manifest(folder: &Path) -> Result<Manifest> {
    let path = folder.join(MANIFEST);
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("{} is no export manifest", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_map_to_files_a_static_host_finds() {
        let file = |a: &str| file_for(a).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(file("/en/").as_deref(), Some("en/index.html"));
        assert_eq!(file("/").as_deref(), Some("index.html"));
        assert_eq!(file("/en/news").as_deref(), Some("en/news.html"));
        assert_eq!(file("/en/news?page=50").as_deref(), Some("en/news.page-50.html"));
        assert_eq!(file("/en/news/elsewhere?page=2").as_deref(), Some("en/news/elsewhere.page-2.html"));
        assert_eq!(file("/en/news/a-release").as_deref(), Some("en/news/a-release.html"));
        assert_eq!(file("/en/our-work/partnerships").as_deref(), Some("en/our-work/partnerships.html"));
        assert_eq!(file("/en/news.atom").as_deref(), Some("en/news.atom"));
        assert_eq!(file("/sitemap-2.xml").as_deref(), Some("sitemap-2.xml"));
        assert_eq!(file("/media/3/640.webp").as_deref(), Some("media/3/640.webp"));
        assert_eq!(file("/media/3-0a1b/640.webp").as_deref(), Some("media/3-0a1b/640.webp"));
        assert_eq!(file("/sites/sv/es/").as_deref(), Some("sites/sv/es/index.html"));
        assert_eq!(file("/en/news?country=sv"), None, "filters need the server");
        assert_eq!(file("/en/news?page=x"), None);
        assert_eq!(file("/en/../secret"), None);
        assert_eq!(file("/en//x"), None);
    }

    #[test]
    fn links_are_read_from_attributes_and_never_from_text() {
        let html = r#"<link rel="stylesheet" href="/assets/style.css?v=1a2b">
<a class="x" href='/en/news?country=sv&amp;theme=health'>a</a><a data-href="/no">b</a>
<img src="/media/3-ab/640.webp" srcset="/media/3-ab/640.webp 640w, /media/3-ab/1280.webp 1280w" alt="x = y">
<p>Write href="/not-a-link" as text: href=&quot;/nor-this&quot; <!-- <a href="/old"> --></p>
<script src=/assets/admin.js defer></script><a
  HREF = "/en/"  >"#;
        let mut links = Vec::new();
        html_links(html, |link| links.push(link.to_owned()));
        assert_eq!(
            links,
            [
                "/assets/style.css?v=1a2b",
                "/en/news?country=sv&amp;theme=health",
                "/media/3-ab/640.webp",
                "/media/3-ab/640.webp",
                "/media/3-ab/1280.webp",
                "/assets/admin.js",
                "/en/",
            ]
        );
        let feed = r#"<feed><link href="http://sv.localhost/es/news.atom" rel="self"/>
<url><loc>http://sv.localhost/es/contacto</loc></url><item><link>http://sv.localhost/es/news/a</link></item>"#;
        let mut links = Vec::new();
        xml_links(feed, |link| links.push(link.to_owned()));
        assert_eq!(
            links,
            [
                "http://sv.localhost/es/news.atom",
                "http://sv.localhost/es/contacto",
                "http://sv.localhost/es/news/a"
            ]
        );
    }

    #[test]
    fn links_point_into_the_export_to_other_sites_or_elsewhere() {
        let own = Links { host: "sv.localhost".into(), base: String::new() };
        let here = |link: &str| Target::Here(link.to_owned());
        let page = "/es/news/a-release";
        assert_eq!(own.target(page, "/en/contacto"), here("/en/contacto"));
        assert_eq!(own.target(page, "http://SV.localhost/es/#main"), here("/es/"));
        assert_eq!(own.target(page, "https://sv.localhost?page=2"), here("/?page=2"));
        assert_eq!(own.target(page, "//sv.localhost/es/news"), here("/es/news"));
        assert_eq!(
            own.target(page, "&#x2f;es&#x2f;news?country=sv&amp;year=2015"),
            here("/es/news?country=sv&year=2015")
        );
        assert_eq!(own.target(page, "/assets/style.css?v=0f3e"), here("/assets/style.css"));
        assert_eq!(own.target(page, "other-release"), here("/es/news/other-release"));
        assert_eq!(own.target(page, "../contacto"), here("/es/contacto"));
        assert_eq!(own.target(page, "?page=2"), here("/es/news/a-release?page=2"));
        assert_eq!(own.target(page, "/sites/sn/fr/"), Target::OtherSite("/sites/sn/fr/".into()));
        for elsewhere in
            ["#main", "mailto:press@iom.int", "tel:+503", "http://sn.localhost/fr/", "https://iom.int/", ""]
        {
            assert_eq!(own.target(page, elsewhere), Target::Elsewhere, "{elsewhere}");
        }
        let prefixed = Links { host: "127.0.0.1:8080".into(), base: "/sites/sv".into() };
        let page = "/sites/sv/es/";
        assert_eq!(prefixed.target(page, "/sites/sv/en/contacto"), here("/sites/sv/en/contacto"));
        assert_eq!(prefixed.target(page, "/media/4/original.pdf"), here("/media/4/original.pdf"));
        assert_eq!(prefixed.target(page, "/sites/svx/es/"), Target::OtherSite("/sites/svx/es/".into()));
        assert_eq!(prefixed.target(page, "/en/news"), Target::OtherSite("/en/news".into()));
    }

    #[test]
    fn filtered_lists_and_search_need_the_server() {
        let own = Links { host: "sv.localhost".into(), base: String::new() };
        let prefixed = Links { host: "127.0.0.1:8080".into(), base: "/sites/sv".into() };
        for (links, base) in [(&own, ""), (&prefixed, "/sites/sv")] {
            for live in ["/es/news?country=sv", "/es/news.atom?theme=health", "/es/search", "/es/search?q=x"]
            {
                assert!(links.need_the_server(&format!("{base}{live}")), "{base}{live}");
            }
            for file in ["/es/news?page=2", "/es/news", "/es/news/search", "/es/research"] {
                assert!(!links.need_the_server(&format!("{base}{file}")), "{base}{file}");
            }
        }
    }

    #[test]
    fn references_and_relative_links_are_resolved() {
        assert_eq!(decode_entities("a&amp;b&#47;c&#x2F;d&lt;&bogus;&"), "a&b/c/d<&bogus;&");
        assert_eq!(decode_entities("?q=&amp;ñandú&#x10FFFF"), "?q=&ñandú&#x10FFFF");
        assert_eq!(join("/en/news/slug", "x"), "/en/news/x");
        assert_eq!(join("/en/news/slug", "./"), "/en/news/");
        assert_eq!(join("/en/", "../../../x?y=1"), "/x?y=1");
        assert_eq!(join("/en/news?page=2", "?page=3"), "/en/news?page=3");
    }

    #[test]
    fn origins_are_a_scheme_and_a_host() {
        assert_eq!(parse_origin("https://www.example.org/").ok(), Some(("www.example.org".to_owned(), true)));
        assert_eq!(parse_origin("http://127.0.0.1:8080").ok(), Some(("127.0.0.1:8080".to_owned(), false)));
        assert!(parse_origin("www.example.org").is_err());
        assert!(parse_origin("https://example.org/path").is_err());
        assert!(parse_origin("https://<script>").is_err());
    }
}
