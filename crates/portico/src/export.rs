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
//! the `?page=N` pages of the lists need a rewrite (see `bench/nginx.conf`). Search needs the
//! server and is not exported; filtered lists and feeds (`?country=…`) neither.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use portico_content::Kind;
use portico_web::{App, WebOptions};
use tower::ServiceExt;

use crate::server::ServeConfig;

/// Sitemap entries read per query.
const SITEMAP_PAGE: i64 = 5_000;

/// What to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The site's key.
    pub site: String,
    /// The folder to write into; created when missing, files in it overwritten.
    pub out: PathBuf,
    /// The scheme and host the pages are rendered for (absolute links, feeds, sitemaps):
    /// `https://www.example.org`. By default `http://` and the site's first host name.
    pub origin: Option<String>,
    /// Pages rendered at once.
    pub jobs: usize,
    /// Only these addresses (`/en/news/slug`, `/en/news?page=2`), as the site's visitors
    /// write them; every public address of the site when `None`.
    pub only: Option<Vec<String>>,
}

/// What was exported.
#[derive(Debug, Clone, Default)]
pub struct ExportSummary {
    /// Files written.
    pub files: u64,
    /// Their bytes.
    pub bytes: u64,
    /// Addresses expected to exist that did not answer 200, with their status.
    pub skipped: Vec<(String, u16)>,
    /// Seconds taken.
    pub seconds: f64,
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

/// `portico export`: writes the site's public files into `options.out`.
pub async fn export(config: &ServeConfig, options: &ExportOptions) -> Result<ExportSummary> {
    let started = Instant::now();
    let store = crate::server::open(config).await?;
    let web = WebOptions {
        theme_dir: config.theme.clone(),
        media: crate::server::media_storage(&config.data),
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
    let renderer = Renderer { router: app.clone().router(), host, https };
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

    tokio::fs::create_dir_all(&options.out)
        .await
        .with_context(|| format!("cannot create {}", options.out.display()))?;
    let mut summary = write_all(&renderer, &options.out, addresses, options.jobs.max(1)).await?;
    store.close().await;
    summary.seconds = started.elapsed().as_secs_f64();
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
    for lang in &site.languages {
        for path in ["", "news.atom", "news.rss", "where-we-work"] {
            addresses.insert(format!("{base}/{lang}/{path}"));
        }
        for country in portico_geo::countries() {
            addresses.insert(format!("{base}/{lang}/where-we-work/{}", country.iso2.to_ascii_lowercase()));
        }
        for list in ["news", "news/elsewhere"] {
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
            addresses.insert(match entry.kind {
                Kind::Page => format!("{base}/{}/{}", entry.language, entry.slug),
                _ => format!("{base}/{}/news/{}", entry.language, entry.slug),
            });
        }
        if (entries.len() as i64) < SITEMAP_PAGE {
            break;
        }
        offset += SITEMAP_PAGE;
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

/// Renders and writes every address, `jobs` at a time.
async fn write_all(
    renderer: &Renderer,
    out: &Path,
    addresses: BTreeSet<String>,
    jobs: usize,
) -> Result<ExportSummary> {
    let mut summary = ExportSummary::default();
    let mut running = tokio::task::JoinSet::new();
    let mut queue = addresses.into_iter();
    loop {
        while running.len() < jobs {
            let Some(address) = queue.next() else { break };
            let renderer = renderer.clone();
            let out = out.to_owned();
            running.spawn(async move {
                let Some(file) = file_for(&address) else {
                    return Ok::<_, anyhow::Error>((address, None));
                };
                let (status, body) = renderer.get(&address).await?;
                if status != StatusCode::OK {
                    return Ok((address, Some(Err(status.as_u16()))));
                }
                let path = out.join(file);
                if let Some(parent) = path.parent() {
                    tokio::fs::create_dir_all(parent)
                        .await
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                tokio::fs::write(&path, &body)
                    .await
                    .with_context(|| format!("cannot write {}", path.display()))?;
                Ok((address, Some(Ok(body.len() as u64))))
            });
        }
        let Some(done) = running.join_next().await else { break };
        match done.context("export task")?? {
            (_, Some(Ok(bytes))) => {
                summary.files += 1;
                summary.bytes += bytes;
            }
            (address, Some(Err(status))) => summary.skipped.push((address, status)),
            (address, None) => summary.skipped.push((address, 0)),
        }
    }
    summary.skipped.sort();
    Ok(summary)
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
    fn origins_are_a_scheme_and_a_host() {
        assert_eq!(parse_origin("https://www.example.org/").ok(), Some(("www.example.org".to_owned(), true)));
        assert_eq!(parse_origin("http://127.0.0.1:8080").ok(), Some(("127.0.0.1:8080".to_owned(), false)));
        assert!(parse_origin("www.example.org").is_err());
        assert!(parse_origin("https://example.org/path").is_err());
        assert!(parse_origin("https://<script>").is_err());
    }
}
