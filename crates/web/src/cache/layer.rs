//! The page cache at work: the middleware that answers from it and fills it, what a change
//! drops, and its counters for `/metrics`. The cache itself is [`super`]'s.

use std::collections::HashSet;
use std::fmt::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portico_content::SiteId;
use portico_store::TouchedList;

use super::{
    Change, EVERYTHING_KEY, Entry, MIN_COMPRESS, Shows, Tag, best_brotli, best_gzip, surrogate_keys, tags_of,
};
use crate::app::App;
use crate::error::WebError;
use crate::http::negotiate;
use crate::sites::Scope;

/// The cache key of a request, or `None` when its answer must not be cached.
fn cache_key(request: &Request) -> Option<(String, SiteId)> {
    let scope = request.extensions().get::<Scope>()?;
    Some((key_of(scope, request.uri(), request.headers())?, scope.site.id))
}

/// The cache key of a request for `uri` within `scope`'s site, or `None` when its answer
/// must not be cached.
pub(crate) fn key_of(scope: &Scope, uri: &Uri, headers: &HeaderMap) -> Option<String> {
    let path = uri.path();
    let mut segments = path.trim_start_matches('/').split('/');
    let is_search = segments.nth(1) == Some("search") && segments.next().is_none();
    // A part of a file (`Range`) is the handler's to cut: the cache keeps whole responses.
    if is_search
        || headers.contains_key(header::AUTHORIZATION)
        || headers.contains_key(header::RANGE)
        || has_session_cookie(headers)
    {
        return None;
    }
    // Pages vary with Save-Data (smaller images): the two forms are kept apart.
    let save_data = if crate::http::saves_data(headers) { "|save-data" } else { "" };
    let query = uri.query();
    let mut key = String::with_capacity(
        24 + scope.origin.len() + scope.base.len() + path.len() + query.map_or(0, |q| q.len() + 1),
    );
    // Writing into a String cannot fail.
    let _ = write!(key, "{}|{}{}{path}", scope.site.id.0, scope.origin, scope.base);
    if let Some(query) = query {
        key.push('?');
        key.push_str(query);
    }
    key.push_str(save_data);
    Some(key)
}

/// The cached answer to a request with `headers` for `key`, when the cache holds one.
pub(crate) fn hit(app: &App, key: &str, headers: &HeaderMap) -> Option<Response> {
    let cache = &app.inner.page_cache;
    let entry = cache.get(key)?;
    cache.counters.hits.fetch_add(1, Ordering::Relaxed);
    if !entry.refined.swap(true, Ordering::Relaxed) && entry.identity.len() >= MIN_COMPRESS {
        refine_in_background(app.clone(), key.to_owned(), entry.clone());
    }
    Some(entry.respond(headers))
}

/// Whether the request carries a back-office session cookie (valid or not).
fn has_session_cookie(headers: &HeaderMap) -> bool {
    use crate::session::{COOKIE, SECURE_COOKIE};
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.split_once('=').map(|(name, _)| name.trim()))
        .any(|name| name == COOKIE || name == SECURE_COOKIE)
}

/// Whether a rendered `200` may be kept for others.
fn storable(headers: &HeaderMap) -> bool {
    !headers.contains_key(header::SET_COOKIE)
        && headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("public"))
}

/// Serves cacheable requests from the cache, stores what they render, and brings the cache up
/// to date with the change log after every write request (so that the writer's next request,
/// and everybody's, sees the change).
pub(crate) async fn layer(State(app): State<App>, mut request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let cache = &app.inner.page_cache;
    if method != Method::GET && method != Method::HEAD {
        let response = next.run(request).await;
        // Menus and themes held in memory follow the same subscription, cache or not. A write
        // refused because the database is unreachable wrote nothing, and reading the log
        // would only wait for the same database again.
        if method != Method::OPTIONS && response.status() != StatusCode::SERVICE_UNAVAILABLE {
            app.catch_up_after_write().await;
        }
        return response;
    }
    let Some((key, site)) = cache.enabled().then(|| cache_key(&request)).flatten() else {
        let site = request.extensions().get::<Scope>().map(|scope| scope.site.id);
        // The read API's lists show every site's documents; assets and media files none.
        let api = request.uri().path().starts_with("/api/");
        let (mut parts, body) = next.run(request).await.into_parts();
        label(&app, site, api, &mut parts.headers, parts.extensions.get::<Shows>());
        return Response::from_parts(parts, body);
    };
    if let Some(response) = hit(&app, &key, request.headers()) {
        return response;
    }
    cache.counters.misses.fetch_add(1, Ordering::Relaxed);
    let epoch = cache.epoch();
    // The handler renders the plain bytes once; codings and 304s are answered from the entry.
    let client = request.headers().clone();
    request.headers_mut().remove(header::ACCEPT_ENCODING);
    request.headers_mut().remove(header::IF_NONE_MATCH);
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Labelled before it is kept: a hit answers with the same keys.
    label(&app, Some(site), false, &mut parts.headers, parts.extensions.get::<Shows>());
    let identity = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(err) => return WebError::Internal(format!("cannot read a rendered page: {err}")).into_response(),
    };
    let keep = storable(&parts.headers);
    let tags = tags_of(site, parts.extensions.get::<Shows>());
    let wanted = if keep { None } else { Some(negotiate(&client)) };
    let lifetime = parts.extensions.get::<crate::http::FreshFor>().copied();
    let entry = Arc::new(Entry::new(parts.headers, identity, tags, wanted).living(lifetime.as_ref()));
    let response = entry.respond(&client);
    if keep {
        cache.insert(key, entry, epoch);
    }
    response
}

/// Writes the surrogate-key header on a response that a shared cache may keep (`public`, no
/// cookie set), when the server is told to name one: what the response shows, as the page
/// cache tags it.
fn label(app: &App, site: Option<SiteId>, api: bool, headers: &mut HeaderMap, shows: Option<&Shows>) {
    let Some(name) = app.inner.purger.key_header() else { return };
    if !storable(headers) {
        return;
    }
    // Keys are ASCII letters, digits and dashes: always a valid header value.
    if let Ok(value) = HeaderValue::from_str(&surrogate_keys(site, shows, api)) {
        headers.insert(name.clone(), value);
    }
}

/// Computes an entry's best compressed forms on a blocking thread, one entry at a time.
fn refine_in_background(app: App, key: String, entry: Arc<Entry>) {
    let permits = app.inner.page_cache.refining.clone();
    tokio::spawn(async move {
        let Ok(_permit) = permits.acquire_owned().await else { return };
        let identity = entry.identity.clone();
        let forms = tokio::task::spawn_blocking(move || (best_brotli(&identity), best_gzip(&identity))).await;
        if let Ok((brotli, gzip)) = forms {
            app.inner.page_cache.refine(&key, &entry, brotli, gzip);
        }
    });
}

impl App {
    /// Drops the cached pages that show what changed. The write paths need not call it for
    /// what the change log records (every write request is followed by a read of the change
    /// log); it is for what the change log does not hold, such as an image's words.
    pub fn changed(&self, change: Change) {
        self.changed_all([change]);
    }

    /// Drops the cached pages that show any of `changes`, in one invalidation.
    pub(crate) fn changed_all(&self, changes: impl IntoIterator<Item = Change>) {
        let mut tags = HashSet::new();
        let mut everything = false;
        for change in changes {
            everything |= self.tags_of_change(change, &mut tags);
        }
        // Shared caches drop what this cache drops, keyed alike; sending never waits here.
        if everything {
            self.inner.purger.purge([EVERYTHING_KEY.to_owned()]);
        } else {
            self.inner.purger.purge(tags.iter().map(|tag| tag.key()));
        }
        if everything {
            self.inner.page_cache.clear();
            self.inner.remembered.forget_all();
        } else if !tags.is_empty() {
            for tag in &tags {
                if let Tag::Site(site) = tag {
                    self.inner.remembered.forget_site(SiteId(*site));
                }
            }
            self.inner.page_cache.invalidate(&tags);
        }
    }

    /// Adds the tags `change` drops; `true` when it drops everything.
    fn tags_of_change(&self, change: Change, tags: &mut HashSet<Tag>) -> bool {
        let lists = |site: SiteId, tags: &mut HashSet<Tag>| {
            tags.insert(Tag::Lists(site.0));
            tags.insert(Tag::Narrow(TouchedList::AllNarrowed(site)));
            // The read API's lists span every site.
            tags.insert(Tag::AllLists);
            // Country sites list the global site's releases about their country.
            let sites = self.sites();
            if sites.first().is_some_and(|global| global.id == site) {
                for site in sites.iter() {
                    tags.insert(Tag::Lists(site.id.0));
                    tags.insert(Tag::Narrow(TouchedList::AllNarrowed(site.id)));
                }
            }
        };
        match change {
            Change::Shown(document) => {
                tags.insert(Tag::Document(document.0));
            }
            Change::Listed(list) => {
                tags.insert(Tag::of_list(list));
                tags.insert(Tag::AllLists);
            }
            Change::Document { site, document } => {
                tags.insert(Tag::Document(document.0));
                lists(site, tags);
            }
            Change::Media(media) => {
                tags.insert(Tag::Media(media.0));
            }
            Change::Lists(site) => lists(site, tags),
            Change::Site(site) => {
                tags.insert(Tag::Site(site.0));
            }
            Change::Everything => return true,
        }
        false
    }

    /// The page cache's counters in the Prometheus text format.
    pub fn metrics_text(&self) -> String {
        let cache = &self.inner.page_cache;
        let (entries, bytes) = {
            let state = cache.state();
            (state.entries.len(), state.bytes)
        };
        let counters = &cache.counters;
        let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let mut out = String::new();
        for (name, kind, help, value) in [
            ("hits_total", "counter", "Requests answered from the page cache.", load(&counters.hits)),
            ("misses_total", "counter", "Cacheable requests that were rendered.", load(&counters.misses)),
            (
                "evictions_total",
                "counter",
                "Entries dropped, least recently used first, to stay within the memory bound.",
                load(&counters.evictions),
            ),
            (
                "invalidations_total",
                "counter",
                "Entries dropped because something they show changed.",
                load(&counters.invalidations),
            ),
            ("expirations_total", "counter", "Entries dropped for their age.", load(&counters.expirations)),
            ("entries", "gauge", "Pages in the page cache.", entries as u64),
            ("bytes", "gauge", "Bytes the page cache holds, every compressed form counted.", bytes as u64),
            ("capacity_bytes", "gauge", "The page cache's memory bound.", cache.capacity as u64),
        ] {
            out.push_str(&format!(
                "# HELP portico_page_cache_{name} {help}\n# TYPE portico_page_cache_{name} {kind}\n\
                 portico_page_cache_{name} {value}\n"
            ));
        }
        out
    }

    /// After a write request: applies what it wrote to the change log before it is answered,
    /// by catching up the page cache's subscription alone (search and the rest follow on the
    /// follower's own round).
    async fn catch_up_after_write(&self) {
        let subscription = self.inner.page_cache_subscription;
        if let Err(err) = self.inner.change_log.catch_up_one(subscription).await {
            // The database went away: the position did not move, so the change reaches the
            // cache when it is back. Meanwhile the cached pages go on being served, which is
            // what keeps the site up through a database restart.
            if let portico_store::follower::FollowError::Store(store) = &err
                && store.is_unavailable()
            {
                tracing::warn!(error = %err, "cannot read the change log after a write: the database is unreachable");
                return;
            }
            let cause = std::error::Error::source(&err).map(ToString::to_string).unwrap_or_default();
            tracing::warn!(
                error = %err,
                cause = %cause,
                "cannot read the change log after a write; emptying the page cache"
            );
            self.inner.page_cache.clear();
            self.inner.remembered.forget_all();
        }
    }
}

/// `GET /metrics`: counters for Prometheus. Written by hand: a few counters do not need a
/// metrics registry and its exporter.
pub(crate) async fn metrics(State(app): State<App>) -> Response {
    let headers = [
        (header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    let mut text = app.metrics_text();
    text.push_str(&app.inner.purger.metrics_text());
    // How far the background job is behind: after a large import it has the archive to weigh.
    match app.store().related_queue_length().await {
        Ok(queued) => text.push_str(&format!(
            "# HELP portico_related_queue Releases whose related releases wait to be weighed.\n\
             # TYPE portico_related_queue gauge\nportico_related_queue {queued}\n"
        )),
        Err(err) => tracing::warn!(error = %err, "cannot read the related releases' queue for /metrics"),
    }
    (headers, text).into_response()
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn session_cookies_and_search_are_never_cached() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("theme=dark; __Host-portico_session=abc"));
        assert!(has_session_cookie(&headers));
        headers.insert(header::COOKIE, HeaderValue::from_static("theme=dark"));
        assert!(!has_session_cookie(&headers));
        let mut public = HeaderMap::new();
        public.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=0"));
        assert!(storable(&public));
        public.insert(header::SET_COOKIE, HeaderValue::from_static("a=b"));
        assert!(!storable(&public));
        let mut private = HeaderMap::new();
        private.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        assert!(!storable(&private));
    }
}
