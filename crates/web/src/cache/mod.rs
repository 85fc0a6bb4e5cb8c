//! The page cache: public pages kept in memory as rendered, with their compressed forms, so
//! that a popular page costs a hash lookup instead of queries, a template and compression.
//!
//! What it keeps: `200` answers to GET and HEAD requests for a site's public pages (HTML,
//! feeds, sitemaps, robots.txt) whose handler declared them `public` in `Cache-Control`,
//! keyed by site, origin (scheme and host: absolute links differ), the full address as the
//! client sent it (a `/sites/{key}` prefix changes every link) and the query. Never the back
//! office, the API, media and assets (shared paths, already cheap), search (its index follows
//! the change log on its own clock: a result page cached between a write and its indexing
//! would stay stale), a request that carries a session cookie or credentials, or a response
//! that sets a cookie — so a cached page never holds one user's content for another.
//!
//! When it forgets: each entry is tagged with what it shows — a release page with its own
//! document, its related releases and its image; a list narrowed by a country, a theme or a
//! goal with that narrowed list; every other page with "the lists of its site" — and each
//! change-log entry drops what it touches. A release's entry names the lists it is on before
//! and after the change (the write path reads them from the listing rows, on its own site
//! and on the country offices that show it) and whether the choices of a site's filters
//! changed (then every narrowed list of that site goes); another document's entry drops its
//! pages and every list of its site (and of every site when it is the global site, whose
//! releases country sites show); a menu change drops the whole site; a site change,
//! everything. This happens before
//! a write request is answered (the write path reads the change log right after the handler
//! committed), and within a second for writes of other processes and nodes and for scheduled
//! publications (the page cache's subscription to the change-log follower,
//! [`crate::change_log`]). An entry also expires
//! after [`MAX_AGE`], which bounds what the change log cannot say: a new release becoming
//! "related" to an old one, an image's words edited on another node.
//!
//! The same tags label every public response for shared caches in front of Portico (a CDN,
//! Varnish): [`surrogate_keys`] writes them as surrogate keys, and [`crate::purge`] sends, for
//! each change, the keys of exactly the tags the change drops here — one notion of what a
//! change affects, for both caches. A response outside any site is tagged with the documents it
//! shows, or else, for the read API, with "every site's lists"; assets and media files (their
//! bytes never change under an address) only with the key of everything.
//!
//! A render that raced a write is not stored: an insert is refused when any invalidation
//! happened since the render began. Memory is bounded by the byte count of every stored form;
//! the least recently used entries go first. A hit takes one short lock and clones
//! reference-counted bytes: no query, no I/O, no compression. An entry is stored with brotli
//! and gzip forms at the fast settings every response used so far; its first hit hands it to a
//! single background worker that replaces them with brotli at its best quality and gzip at
//! level 9, so that pages read twice get the smallest bytes without making a miss slower.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use portico_content::{DocumentId, MediaId, SiteId};
use portico_store::TouchedList;

use crate::http::{Encoding, FreshFor, compress, etag_of, if_none_match_hits, negotiate};
pub(crate) mod layer;

/// The default memory bound, in MiB, of `portico serve --page-cache-mb`.
pub const DEFAULT_PAGE_CACHE_MB: usize = 64;
/// How long an entry may be served at most; see the module docs.
pub const MAX_AGE: Duration = Duration::from_secs(300);
/// Bodies shorter than this are sent as they are, as [`crate::http::respond`] does.
const MIN_COMPRESS: usize = 256;
/// Above this size brotli's best quality costs seconds; a lower one is used.
const BEST_BROTLI_MAX: usize = 128 * 1024;
/// What an entry costs besides its bytes: key, maps, header map (an estimate).
const ENTRY_OVERHEAD: usize = 512;

/// Set by a handler on a page that shows single documents (a release page): their ids and
/// those of its images. The cache then drops the page only when one of them changes, rather
/// than with every change to its site's lists.
#[derive(Debug, Clone, Default)]
pub struct Shows {
    /// The documents whose words the page shows.
    pub documents: Vec<DocumentId>,
    /// The media whose alternative text, caption or credit the page shows.
    pub media: Vec<MediaId>,
    /// Set instead by a page that lists only narrowed lists of its site (a country's
    /// releases, a theme's): it is dropped when a change touches one of them, or changes
    /// the choices of the site's filters, rather than with every change to the site's lists.
    pub lists: Vec<TouchedList>,
}

impl Shows {
    /// A page that lists `list` alone.
    pub(crate) fn list(list: TouchedList) -> Shows {
        Shows { documents: Vec::new(), media: Vec::new(), lists: vec![list] }
    }
}

/// What changed, as far as cached pages care; see [`App::changed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A document's own pages, when the lists its change touched are told apart
    /// ([`Change::Listed`]).
    Shown(DocumentId),
    /// A list a change touched.
    Listed(TouchedList),
    /// A document of a site whose change may have touched any list of the site: created,
    /// edited, translated, published, unpublished.
    Document {
        /// The site that owns it.
        site: SiteId,
        /// The document.
        document: DocumentId,
    },
    /// The words around an image (or the image itself).
    Media(MediaId),
    /// The lists of a site: what its home, news, country pages, feeds and sitemap list.
    Lists(SiteId),
    /// Something every page of a site shows: its menu.
    Site(SiteId),
    /// Anything else, such as the sites themselves (names and links appear across sites).
    Everything,
}

/// What an entry depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Tag {
    /// Every page of a site.
    Site(i64),
    /// The pages of a site that list documents.
    Lists(i64),
    /// Responses outside any site that list documents of every site: the read API's lists.
    /// The page cache keeps none; a shared cache does.
    AllLists,
    /// The pages that show this document.
    Document(i64),
    /// The pages that show this media item.
    Media(i64),
    /// The pages that show a narrowed list of a site: a country's, a theme's, a goal's; or,
    /// as [`TouchedList::AllNarrowed`], all of them.
    Narrow(TouchedList),
}

/// The surrogate key every labelled response carries, purged when everything changes (a
/// site's names, a purge queue that overflowed).
pub(crate) const EVERYTHING_KEY: &str = "portico";

/// The most single documents and media a response is labelled with; a page that shows more
/// is labelled with its site's lists instead, which every document change of the site drops.
/// Keeps the header, and a proxy's key index, bounded per response.
pub(crate) const MAX_SHOWN_TAGS: usize = 48;

impl Tag {
    /// The tag of the pages showing `list`: an unfiltered list is its site's lists.
    pub(crate) fn of_list(list: TouchedList) -> Tag {
        match list {
            TouchedList::Unfiltered(site) => Tag::Lists(site.0),
            list => Tag::Narrow(list),
        }
    }

    /// The surrogate key a shared cache knows this tag by: short, and only `[a-z0-9-]`, as
    /// both xkey and Fastly take them without escaping.
    fn key(self) -> String {
        match self {
            Tag::Site(site) => format!("site-{site}"),
            Tag::Lists(site) => format!("lists-{site}"),
            Tag::AllLists => "lists".to_owned(),
            Tag::Document(document) => format!("doc-{document}"),
            Tag::Media(media) => format!("media-{media}"),
            Tag::Narrow(list) => match list {
                TouchedList::Unfiltered(site) => format!("lists-{}", site.0),
                TouchedList::Country(site, code) => {
                    format!("c-{}-{}", site.0, String::from_utf8_lossy(&code.to_ascii_lowercase()))
                }
                TouchedList::Theme(site, theme) => format!("t-{}-{theme}", site.0),
                TouchedList::Goal(site, goal) => format!("g-{}-{goal}", site.0),
                TouchedList::AllNarrowed(site) => format!("narrowed-{}", site.0),
            },
        }
    }
}

/// One cached page.
struct Entry {
    /// The handler's headers, without those that depend on the coding sent.
    headers: HeaderMap,
    /// The strong validator of the identity bytes, without quotes or coding suffix.
    etag: String,
    etags: Etags,
    identity: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
    tags: Vec<Tag>,
    stored: Instant,
    /// How long it may be served: [`MAX_AGE`], or less when the handler said when the page
    /// changes by the clock alone ([`FreshFor`]).
    lifetime: Duration,
    /// Whether the best compression was asked for (on the first hit).
    refined: AtomicBool,
}

impl Entry {
    /// An entry for a rendered body with its compressed forms, at the fast quality of
    /// [`compress`], when the body is large enough to be worth it: every form for an entry to
    /// keep, only the `wanted` one for a single answer.
    fn new(mut headers: HeaderMap, identity: Bytes, tags: Vec<Tag>, wanted: Option<Encoding>) -> Entry {
        for name in [header::ETAG, header::CONTENT_ENCODING, header::CONTENT_LENGTH] {
            headers.remove(name);
        }
        let compressible = identity.len() >= MIN_COMPRESS;
        let form = |encoding: Encoding| {
            (compressible && wanted.is_none_or(|w| w == encoding))
                .then(|| Bytes::from(compress(&identity, encoding)))
        };
        let etag = etag_of(&identity);
        Entry {
            etags: Etags::new(&etag),
            etag,
            brotli: form(Encoding::Brotli),
            gzip: form(Encoding::Gzip),
            headers,
            identity,
            tags,
            stored: Instant::now(),
            lifetime: MAX_AGE,
            refined: AtomicBool::new(false),
        }
    }

    /// The entry, kept at most `lifetime` (never longer than [`MAX_AGE`]).
    fn living(mut self, lifetime: Option<&FreshFor>) -> Entry {
        if let Some(FreshFor(lifetime)) = lifetime {
            self.lifetime = (*lifetime).min(MAX_AGE);
        }
        self
    }

    /// Bytes this entry holds, every form counted.
    fn size(&self, key: &str) -> usize {
        let headers: usize = self.headers.iter().map(|(n, v)| n.as_str().len() + v.len()).sum();
        self.identity.len()
            + self.brotli.as_ref().map_or(0, Bytes::len)
            + self.gzip.as_ref().map_or(0, Bytes::len)
            + headers
            + key.len()
            + ENTRY_OVERHEAD
    }

    /// The answer to a request: `304` when the client's copy is current, else the best form
    /// the client accepts that is ready — the same headers [`crate::http::respond`] sends.
    fn respond(&self, request_headers: &HeaderMap) -> Response {
        let wanted =
            if self.identity.len() >= MIN_COMPRESS { negotiate(request_headers) } else { Encoding::Identity };
        let (encoding, body) = match (wanted, &self.brotli, &self.gzip) {
            (Encoding::Brotli, Some(brotli), _) => (Encoding::Brotli, brotli.clone()),
            (Encoding::Gzip, _, Some(gzip)) => (Encoding::Gzip, gzip.clone()),
            // Bodies too short to compress, and single answers to another coding.
            _ => (Encoding::Identity, self.identity.clone()),
        };
        let not_modified = if_none_match_hits(request_headers, &self.etag);
        let mut response = if not_modified {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            response
        } else {
            Response::new(Body::from(body))
        };
        *response.headers_mut() = self.headers.clone();
        response.headers_mut().insert(header::ETAG, self.etags.of(encoding).clone());
        let token = match encoding {
            Encoding::Identity => None,
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
        };
        if let (false, Some(token)) = (not_modified, token) {
            response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(token));
        }
        response
    }
}

/// The `ETag` header of each form of one body, made once rather than on every hit.
#[derive(Clone)]
struct Etags {
    identity: HeaderValue,
    brotli: HeaderValue,
    gzip: HeaderValue,
}

impl Etags {
    /// The headers for a body whose validator is `etag`: quoted, with the coding's suffix.
    fn new(etag: &str) -> Etags {
        // Hex digits and a suffix: always a valid header value.
        let quoted = |suffix: &str| {
            HeaderValue::from_str(&format!("\"{etag}{suffix}\"")).unwrap_or(HeaderValue::from_static("\"\""))
        };
        Etags { identity: quoted(""), brotli: quoted("-br"), gzip: quoted("-gz") }
    }

    fn of(&self, encoding: Encoding) -> &HeaderValue {
        match encoding {
            Encoding::Identity => &self.identity,
            Encoding::Brotli => &self.brotli,
            Encoding::Gzip => &self.gzip,
        }
    }
}

struct Slot {
    entry: Arc<Entry>,
    /// Its place in the recency order.
    used: u64,
    bytes: usize,
}

#[derive(Default)]
struct Shelf {
    entries: HashMap<Arc<str>, Slot>,
    /// Last use → key: the first is the least recently used.
    order: BTreeMap<u64, Arc<str>>,
    tags: HashMap<Tag, HashSet<Arc<str>>>,
    clock: u64,
    bytes: usize,
    /// Counts invalidations, so that a render that began before one is not stored.
    epoch: u64,
}

impl Shelf {
    fn remove(&mut self, key: &str) -> bool {
        let Some(slot) = self.entries.remove(key) else { return false };
        self.order.remove(&slot.used);
        for tag in &slot.entry.tags {
            if let Some(keys) = self.tags.get_mut(tag) {
                keys.remove(key);
                if keys.is_empty() {
                    self.tags.remove(tag);
                }
            }
        }
        self.bytes -= slot.bytes;
        true
    }
}

#[derive(Default)]
struct Counters {
    hits: AtomicU64,
    misses: AtomicU64,
    evictions: AtomicU64,
    invalidations: AtomicU64,
    expirations: AtomicU64,
}

/// The cache itself; one per [`App`].
pub(crate) struct PageCache {
    capacity: usize,
    state: std::sync::Mutex<Shelf>,
    counters: Counters,
    /// One compression at a time, so that refining never takes more than one core.
    refining: Arc<tokio::sync::Semaphore>,
}

impl PageCache {
    /// A cache holding at most `capacity` bytes; 0 turns it off.
    pub(crate) fn new(capacity: usize) -> PageCache {
        PageCache {
            capacity,
            state: std::sync::Mutex::new(Shelf::default()),
            counters: Counters::default(),
            refining: Arc::new(tokio::sync::Semaphore::new(1)),
        }
    }

    pub(crate) fn enabled(&self) -> bool {
        self.capacity > 0
    }

    fn state(&self) -> std::sync::MutexGuard<'_, Shelf> {
        // A poisoned lock still guards consistent maps: every update is completed before
        // anything that could panic.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn epoch(&self) -> u64 {
        self.state().epoch
    }

    fn get(&self, key: &str) -> Option<Arc<Entry>> {
        let mut state = self.state();
        let entry = &state.entries.get(key)?.entry;
        if entry.stored.elapsed() >= entry.lifetime {
            state.remove(key);
            self.counters.expirations.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        let Shelf { entries, order, clock, .. } = &mut *state;
        let slot = entries.get_mut(key)?;
        if let Some(key) = order.remove(&slot.used) {
            *clock += 1;
            slot.used = *clock;
            order.insert(*clock, key);
        }
        Some(slot.entry.clone())
    }

    /// Stores `entry` unless an invalidation happened since `epoch` or it is too large.
    fn insert(&self, key: String, entry: Arc<Entry>, epoch: u64) {
        let bytes = entry.size(&key);
        if bytes > self.capacity / 4 {
            return;
        }
        let mut state = self.state();
        if state.epoch != epoch {
            return;
        }
        let key: Arc<str> = Arc::from(key);
        state.remove(&key);
        for tag in &entry.tags {
            state.tags.entry(*tag).or_default().insert(key.clone());
        }
        state.clock += 1;
        let used = state.clock;
        state.order.insert(used, key.clone());
        state.bytes += bytes;
        state.entries.insert(key, Slot { entry, used, bytes });
        self.evict(&mut state);
    }

    fn evict(&self, state: &mut Shelf) {
        while state.bytes > self.capacity {
            let Some((_, key)) = state.order.pop_first() else { break };
            state.remove(&key);
            self.counters.evictions.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Puts the best-compressed forms in place of `old`'s, if `old` is still the entry.
    fn refine(&self, key: &str, old: &Arc<Entry>, brotli: Bytes, gzip: Bytes) {
        let mut state = self.state();
        let Some(slot) = state.entries.get_mut(key) else { return };
        if !Arc::ptr_eq(&slot.entry, old) {
            return;
        }
        let entry = Entry {
            headers: old.headers.clone(),
            etag: old.etag.clone(),
            etags: old.etags.clone(),
            identity: old.identity.clone(),
            brotli: Some(brotli),
            gzip: Some(gzip),
            tags: old.tags.clone(),
            stored: old.stored,
            lifetime: old.lifetime,
            refined: AtomicBool::new(true),
        };
        let bytes = entry.size(key);
        let before = slot.bytes;
        slot.bytes = bytes;
        slot.entry = Arc::new(entry);
        state.bytes = state.bytes - before + bytes;
        self.evict(&mut state);
    }

    /// Drops every entry tagged with one of `tags`.
    fn invalidate(&self, tags: &HashSet<Tag>) {
        let mut state = self.state();
        state.epoch += 1;
        let keys: HashSet<Arc<str>> =
            tags.iter().filter_map(|tag| state.tags.get(tag)).flatten().cloned().collect();
        for key in &keys {
            state.remove(key);
        }
        self.counters.invalidations.fetch_add(keys.len() as u64, Ordering::Relaxed);
    }

    /// Drops everything.
    pub(crate) fn clear(&self) {
        let mut state = self.state();
        let dropped = state.entries.len() as u64;
        let epoch = state.epoch + 1;
        *state = Shelf { epoch, ..Shelf::default() };
        self.counters.invalidations.fetch_add(dropped, Ordering::Relaxed);
    }
}

fn tags_of(site: SiteId, shows: Option<&Shows>) -> Vec<Tag> {
    response_tags(Some(site), shows, false)
}

/// What a response depends on: for a site's page, the site and either the single documents
/// and media it shows or the site's lists; outside any site, those documents, or every list
/// when it `lists_everywhere` (the read API), or nothing.
fn response_tags(site: Option<SiteId>, shows: Option<&Shows>, lists_everywhere: bool) -> Vec<Tag> {
    let lists = match site {
        Some(site) => Some(Tag::Lists(site.0)),
        None => lists_everywhere.then_some(Tag::AllLists),
    };
    let mut tags: Vec<Tag> = site.map(|site| Tag::Site(site.0)).into_iter().collect();
    match shows {
        Some(shows) if !shows.lists.is_empty() => {
            for list in &shows.lists {
                tags.push(Tag::of_list(*list));
                tags.push(Tag::Narrow(TouchedList::AllNarrowed(list.site())));
            }
        }
        Some(shows) if shows.documents.len() + shows.media.len() <= MAX_SHOWN_TAGS => {
            tags.extend(shows.documents.iter().map(|d| Tag::Document(d.0)));
            tags.extend(shows.media.iter().map(|m| Tag::Media(m.0)));
        }
        _ => tags.extend(lists),
    }
    tags.sort_unstable();
    tags.dedup();
    tags
}

/// The surrogate keys of a response, space-separated, as both Varnish's xkey and Fastly's
/// `Surrogate-Key` read them; see the module docs.
pub(crate) fn surrogate_keys(site: Option<SiteId>, shows: Option<&Shows>, lists_everywhere: bool) -> String {
    let mut keys = EVERYTHING_KEY.to_owned();
    for tag in response_tags(site, shows, lists_everywhere) {
        keys.push(' ');
        keys.push_str(&tag.key());
    }
    keys
}

fn best_brotli(body: &[u8]) -> Bytes {
    let quality = if body.len() <= BEST_BROTLI_MAX { 11 } else { 8 };
    let params = brotli::enc::BrotliEncoderParams { quality, lgwin: 22, ..Default::default() };
    let mut out = Vec::with_capacity(body.len() / 5);
    let mut input = body;
    // A Vec sink and a slice source: no I/O error is possible.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    Bytes::from(out)
}

fn best_gzip(body: &[u8]) -> Bytes {
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 4), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(body);
    Bytes::from(encoder.finish().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(body: &str, tags: Vec<Tag>) -> Arc<Entry> {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        Arc::new(Entry::new(headers, Bytes::from(body.to_owned()), tags, Some(Encoding::Identity)))
    }

    #[test]
    fn surrogate_keys_name_what_the_page_cache_tags_and_stay_bounded() {
        let release =
            Shows { documents: vec![DocumentId(7), DocumentId(9)], media: vec![MediaId(3)], lists: vec![] };
        assert_eq!(
            surrogate_keys(Some(SiteId(1)), Some(&release), false),
            "portico site-1 doc-7 doc-9 media-3"
        );
        assert_eq!(surrogate_keys(Some(SiteId(1)), None, false), "portico site-1 lists-1");
        assert_eq!(surrogate_keys(None, None, true), "portico lists", "the read API's lists");
        assert_eq!(surrogate_keys(None, None, false), "portico", "an asset or a media file");
        let many = Shows { documents: (0..100).map(DocumentId).collect(), media: vec![], lists: vec![] };
        assert_eq!(surrogate_keys(Some(SiteId(2)), Some(&many), false), "portico site-2 lists-2");
        let tags: Vec<String> = tags_of(SiteId(1), Some(&release)).into_iter().map(Tag::key).collect();
        assert_eq!(
            tags,
            ["site-1", "doc-7", "doc-9", "media-3"],
            "the page cache's own tags, by the same names"
        );
    }

    #[test]
    fn a_narrowed_list_is_keyed_by_what_narrows_it_and_dropped_by_that_or_by_its_sites_choices() {
        let sv = Shows::list(TouchedList::Country(SiteId(3), *b"SV"));
        assert_eq!(surrogate_keys(Some(SiteId(3)), Some(&sv), false), "portico site-3 c-3-sv narrowed-3");
        let theme = Shows::list(TouchedList::Theme(SiteId(3), 12));
        assert_eq!(surrogate_keys(Some(SiteId(3)), Some(&theme), false), "portico site-3 t-3-12 narrowed-3");
        let cache = PageCache::new(1 << 20);
        cache.insert("sv".into(), entry("a", tags_of(SiteId(3), Some(&sv))), 0);
        cache.insert(
            "gt".into(),
            entry("b", tags_of(SiteId(3), Some(&Shows::list(TouchedList::Country(SiteId(3), *b"GT"))))),
            0,
        );
        cache.insert("news".into(), entry("c", tags_of(SiteId(3), None)), 0);
        cache.invalidate(&HashSet::from([
            Tag::of_list(TouchedList::Country(SiteId(3), *b"SV")),
            Tag::Lists(3),
        ]));
        assert!(cache.get("sv").is_none() && cache.get("news").is_none());
        assert!(cache.get("gt").is_some(), "another country's list stays");
        cache.invalidate(&HashSet::from([Tag::Narrow(TouchedList::AllNarrowed(SiteId(3)))]));
        assert!(cache.get("gt").is_none(), "a new choice in the filters drops every narrowed list");
    }

    #[test]
    fn the_least_recently_used_entry_goes_first() {
        let body = "x".repeat(1000);
        let size = entry(&body, vec![]).size("k0");
        let cache = PageCache::new(size * 4 + size / 2);
        for n in 0..3 {
            cache.insert(format!("k{n}"), entry(&body, vec![]), cache.epoch());
        }
        assert!(cache.get("k0").is_some(), "k0 is now the most recently used");
        cache.insert("k3".into(), entry(&body, vec![]), cache.epoch());
        cache.insert("k4".into(), entry(&body, vec![]), cache.epoch());
        assert!(cache.get("k1").is_none(), "k1 was the least recently used");
        assert!(cache.get("k0").is_some() && cache.get("k4").is_some());
        assert!(cache.state().bytes <= cache.capacity);
        assert_eq!(cache.counters.evictions.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn invalidation_drops_exactly_the_tagged_entries_and_refuses_stale_renders() {
        let cache = PageCache::new(1 << 20);
        cache.insert(
            "release".into(),
            entry(
                "a",
                tags_of(
                    SiteId(1),
                    Some(&Shows { documents: vec![DocumentId(7)], media: vec![], lists: vec![] }),
                ),
            ),
            0,
        );
        cache.insert("list".into(), entry("b", tags_of(SiteId(1), None)), 0);
        cache.insert("other".into(), entry("c", tags_of(SiteId(2), None)), 0);
        let started = cache.epoch();
        cache.invalidate(&HashSet::from([Tag::Lists(1)]));
        assert!(cache.get("list").is_none());
        assert!(cache.get("release").is_some() && cache.get("other").is_some());
        cache.insert("list".into(), entry("stale", vec![Tag::Lists(1)]), started);
        assert!(cache.get("list").is_none(), "rendered before the invalidation: not stored");
        cache.invalidate(&HashSet::from([Tag::Document(7)]));
        assert!(cache.get("release").is_none());
        cache.invalidate(&HashSet::from([Tag::Site(2)]));
        assert!(cache.get("other").is_none());
        let state = cache.state();
        assert_eq!((state.entries.len(), state.bytes, state.tags.len(), state.order.len()), (0, 0, 0, 0));
    }

    #[test]
    fn a_cached_entry_answers_codings_and_conditional_requests() {
        let body = "<p>Protecting migrant children</p>".repeat(40);
        let stored = entry(&body, vec![]);
        let mut accept = HeaderMap::new();
        accept.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip, br"));
        let plain = stored.respond(&accept);
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none(), "no form for that coding");
        let kept = Entry::new(stored.headers.clone(), stored.identity.clone(), vec![], None);
        assert_eq!(
            kept.respond(&accept).headers()[header::CONTENT_ENCODING],
            "br",
            "a kept entry has every form"
        );
        let refined = Arc::new(Entry {
            brotli: Some(best_brotli(body.as_bytes())),
            gzip: Some(best_gzip(body.as_bytes())),
            headers: stored.headers.clone(),
            etag: stored.etag.clone(),
            etags: stored.etags.clone(),
            identity: stored.identity.clone(),
            tags: vec![],
            stored: stored.stored,
            lifetime: MAX_AGE,
            refined: AtomicBool::new(true),
        });
        let compressed = refined.respond(&accept);
        assert_eq!(compressed.headers()[header::CONTENT_ENCODING], "br");
        let etag = compressed.headers()[header::ETAG].clone();
        assert_eq!(etag.to_str().ok(), Some(format!("\"{}-br\"", etag_of(body.as_bytes())).as_str()));
        let mut again = accept.clone();
        again.insert(header::IF_NONE_MATCH, etag);
        assert_eq!(refined.respond(&again).status(), StatusCode::NOT_MODIFIED);
        let mut decoded = Vec::new();
        let brotli = refined.brotli.clone().unwrap_or_default();
        brotli::BrotliDecompress(&mut &brotli[..], &mut decoded).expect("unbrotli");
        assert_eq!(decoded, body.as_bytes());
    }
}
