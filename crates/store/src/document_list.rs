//! The back office's document list: one page of language variants in a chosen order, filtered,
//! read from a cursor (keyset paging, never an offset) at a cost bounded by the page, whatever
//! the size of the archive.
//!
//! A page is read from one or more *streams*: each an index range in the list's order, after
//! at most one equality filter that the index leads with (a site, a status that is not
//! published, an author). A scoped user's sites are one stream each, merged here. Filters that
//! no index leads with (language, kind, country, title words, a date of the other kind) are
//! checked on the rows a stream reads, and then a stream reads at most a fixed budget of rows:
//! a page may come back short, with a cursor to read on from where the budget ran out.
//!
//! Must never read variants without a limit, nor return a variant of a site outside the
//! query's `sites`.

use std::cmp::Ordering;

use portico_content::{DocumentId, Kind, SiteId, Status, UserId, VariantId};
use serde::Serialize;
use time::OffsetDateTime;

use crate::{Result, Store, on_pool};

/// Rows a page shows.
pub const DOCUMENT_PAGE_SIZE: usize = 50;
/// Rows read in all streams of a page when a filter has no index: the most any page reads.
pub const SCAN_BUDGET: usize = 2000;
/// Pages' worth of rows a stream reads first when a filter has no index (see `read_page`).
const FIRST_READ_PAGES: usize = 4;
/// Counts above this are shown as "more than": counting is bounded too.
pub const COUNT_CAP: i64 = 1000;
/// Up to this many sites are read one stream (one index range) each; more are read as one
/// stream over every site, their site checked on each row.
const MAX_SITE_STREAMS: usize = 12;

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListOrder {
    /// By the time of the last save (the default).
    #[default]
    Updated,
    /// By publication time; variants without one come last, in either direction.
    Published,
    /// By title in code-point order (the same on both databases).
    Title,
}

/// Which date a date range applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateField {
    /// The last save.
    #[default]
    Updated,
    /// The publication time.
    Published,
}

/// What the list shows, validated by the caller.
#[derive(Debug, Clone, Default)]
pub struct DocumentQuery {
    /// The sites whose variants may be shown; `None` for every site. The caller narrows it to
    /// what the user may see.
    pub sites: Option<Vec<SiteId>>,
    /// Only variants in this language.
    pub language: Option<String>,
    /// Only documents of this kind.
    pub kind: Option<Kind>,
    /// Only variants at this status.
    pub status: Option<Status>,
    /// Only variants created by this user.
    pub author: Option<UserId>,
    /// Only variants last saved by this user.
    pub editor: Option<UserId>,
    /// Only documents about this country (ISO alpha-2, upper case).
    pub country: Option<String>,
    /// Which date `from` and `until` bound.
    pub dates: DateField,
    /// Only from this time on.
    pub from: Option<OffsetDateTime>,
    /// Only before this time.
    pub until: Option<OffsetDateTime>,
    /// Only titles containing this text (case-insensitive for ASCII letters).
    pub title: Option<String>,
    /// The order.
    pub order: ListOrder,
    /// Newest (or Z) first.
    pub descending: bool,
}

/// A row's place in the list: its sort value and its variant, which breaks ties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPosition {
    /// The value of the list's sort key.
    pub value: SortValue,
    /// The variant.
    pub variant: VariantId,
}

/// The value of a sort key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortValue {
    /// A time (last save or publication).
    At(OffsetDateTime),
    /// A title.
    Title(String),
    /// No publication time (ordered after every time).
    Undated,
}

/// Where to read from.
#[derive(Debug, Clone, Default)]
pub enum PageFrom {
    /// The start of the list.
    #[default]
    Start,
    /// The rows after this position.
    After(ListPosition),
    /// The rows before this position (the previous page).
    Before(ListPosition),
}

/// One row of the document list.
#[derive(Debug, Clone, Serialize)]
pub struct ListedDocument {
    /// The variant.
    pub variant: VariantId,
    /// Its document.
    pub document: DocumentId,
    /// Site key.
    pub site_key: String,
    /// `release` or `page`.
    pub kind: String,
    /// Language code.
    pub language: String,
    /// Title.
    pub title: String,
    /// Workflow status.
    pub status: String,
    /// When it goes or went public.
    pub published_at: Option<OffsetDateTime>,
    /// When it was last saved.
    pub updated_at: OffsetDateTime,
    /// Who saved it last (name, or email when unnamed), when known.
    pub updated_by: Option<String>,
    /// Its position, for a cursor.
    #[serde(skip)]
    pub position: ListPosition,
}

/// One page of the list.
#[derive(Debug, Clone, Default)]
pub struct DocumentPage {
    /// The rows, in list order.
    pub rows: Vec<ListedDocument>,
    /// Read `PageFrom::Before` this for the previous page; `None` on the first.
    pub previous: Option<ListPosition>,
    /// Read `PageFrom::After` this for the next page; `None` on the last.
    pub next: Option<ListPosition>,
    /// The page stopped at the scan budget: it may hold fewer rows than a page although
    /// more may follow.
    pub cut_short: bool,
}

/// How many rows match, as far as it is cheap to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListTotal {
    /// Exactly this many.
    Exactly(i64),
    /// More than [`COUNT_CAP`].
    MoreThan(i64),
    /// Not counted: a filter has no index, so counting would read the archive.
    Unknown,
}

/// The key a stream's row is merged by: phase (0 dated, 1 undated), value, variant id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Key {
    pub undated: bool,
    pub value: SortValue,
    pub id: i64,
}

impl Key {
    fn of(position: &ListPosition) -> Key {
        Key {
            undated: position.value == SortValue::Undated,
            value: position.value.clone(),
            id: position.variant.0,
        }
    }

    fn position(&self) -> ListPosition {
        ListPosition { value: self.value.clone(), variant: VariantId(self.id) }
    }
}

/// The column a list order reads, as the SQL of each database spells its ordering.
fn order_column(order: ListOrder, postgres: bool) -> &'static str {
    match (order, postgres) {
        (ListOrder::Updated, _) => "v.updated_at",
        (ListOrder::Published, _) => "v.published_at",
        // Byte order everywhere: SQLite's default, PostgreSQL's "C", Rust's `String`.
        (ListOrder::Title, true) => "v.title collate \"C\"",
        (ListOrder::Title, false) => "v.title",
    }
}

/// The equality an index leads with, for one stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lead {
    /// Every site's variants.
    Nothing,
    /// One site's.
    Site(i64),
    /// One status that is not `published`, on every site.
    Status(Status),
    /// One status that is not `published`, on one site.
    SiteStatus(i64, Status),
    /// One author's.
    Author(i64),
    /// One last editor's.
    Editor(i64),
}

/// A value bound to a query.
#[derive(Debug, Clone)]
pub(crate) enum Bind {
    Int(i64),
    Text(String),
    Time(OffsetDateTime),
}

/// One query of a stream: SQL and its binds.
#[derive(Debug, Clone)]
pub(crate) struct StreamQuery {
    pub sql: String,
    pub binds: Vec<Bind>,
}

/// Which filters a stream's index does not serve, checked on each row it reads.
#[derive(Debug, Clone, Default)]
struct Residual {
    sites: bool,
    language: bool,
    kind: bool,
    status: bool,
    author: bool,
    editor: bool,
    country: bool,
    title: bool,
    dates: bool,
}

impl Residual {
    fn any(&self) -> bool {
        self.sites
            || self.language
            || self.kind
            || self.status
            || self.author
            || self.editor
            || self.country
            || self.title
            || self.dates
    }
}

/// The streams a query reads, and what their indexes leave to check.
fn plan(query: &DocumentQuery) -> (Vec<Lead>, Residual) {
    let unpublished_status = query.status.filter(|s| *s != Status::Published);
    let mut residual = Residual {
        language: query.language.is_some(),
        kind: query.kind.is_some(),
        status: query.status.is_some(),
        author: query.author.is_some(),
        editor: query.editor.is_some(),
        country: query.country.is_some(),
        title: query.title.is_some(),
        dates: (query.from.is_some() || query.until.is_some()) && !dates_on_order(query),
        sites: false,
    };
    let updated = query.order == ListOrder::Updated;
    let leads = if let (true, Some(author)) = (updated, query.author) {
        residual.author = false;
        residual.sites = query.sites.is_some();
        vec![Lead::Author(author.0)]
    } else if let (true, Some(editor)) = (updated, query.editor) {
        residual.editor = false;
        residual.sites = query.sites.is_some();
        vec![Lead::Editor(editor.0)]
    } else {
        let status = unpublished_status.filter(|_| updated);
        if status.is_some() {
            residual.status = false;
        }
        match &query.sites {
            Some(sites) if sites.len() <= MAX_SITE_STREAMS => sites
                .iter()
                .map(|site| match status {
                    Some(status) => Lead::SiteStatus(site.0, status),
                    None => Lead::Site(site.0),
                })
                .collect(),
            other => {
                residual.sites = other.is_some();
                vec![status.map_or(Lead::Nothing, Lead::Status)]
            }
        }
    };
    (leads, residual)
}

/// Whether the date range bounds the list's own sort key (an index range, not a check).
fn dates_on_order(query: &DocumentQuery) -> bool {
    matches!(
        (query.order, query.dates),
        (ListOrder::Updated, DateField::Updated) | (ListOrder::Published, DateField::Published)
    )
}

/// The SQL of one stream segment: the ids and sort values of at most `limit` variants of
/// `lead`, in reading order from `after` (exclusive), each with whether it passes the
/// filters its index does not serve. `undated` reads the variants without a publication time
/// (ordered by id) instead of those with one. `ascending` is the reading direction of the
/// (value, id) pair.
pub(crate) fn stream_sql(
    postgres: bool,
    query: &DocumentQuery,
    lead: Lead,
    undated: bool,
    ascending: bool,
    after: Option<&Key>,
    limit: usize,
) -> StreamQuery {
    let (_, residual) = plan(query);
    let mut binds: Vec<Bind> = Vec::new();
    let param = |bind: Bind, binds: &mut Vec<Bind>| {
        binds.push(bind);
        format!("${}", binds.len())
    };
    let column = order_column(query.order, postgres);
    let mut conditions = lead_conditions(lead, &mut binds);
    let comparison = if ascending { ">" } else { "<" };
    if undated {
        conditions.push("v.published_at is null".into());
        if let Some(after) = after.filter(|a| a.undated) {
            conditions.push(format!("v.id {comparison} {}", param(Bind::Int(after.id), &mut binds)));
        }
    } else {
        if query.order == ListOrder::Published {
            conditions.push("v.published_at is not null".into());
        }
        if let Some(after) = after.filter(|a| !a.undated) {
            let value = match &after.value {
                SortValue::At(at) => Bind::Time(*at),
                SortValue::Title(title) => Bind::Text(title.clone()),
                SortValue::Undated => Bind::Int(0),
            };
            let value = param(value, &mut binds);
            let id = param(Bind::Int(after.id), &mut binds);
            // Not a row-value comparison: PostgreSQL drops the title's collation in one, and
            // then no index serves it. The first term is the index range, the second the tie.
            conditions.push(format!(
                "{column} {comparison}= {value} and ({column} {comparison} {value} or v.id {comparison} {id})"
            ));
        }
        if dates_on_order(query) {
            if let Some(from) = query.from {
                conditions.push(format!(
                    "v.{} >= {}",
                    date_column(query.dates),
                    param(Bind::Time(from), &mut binds)
                ));
            }
            if let Some(until) = query.until {
                conditions.push(format!(
                    "v.{} < {}",
                    date_column(query.dates),
                    param(Bind::Time(until), &mut binds)
                ));
            }
        }
    }
    let checks = residual_sql(query, &residual, &mut binds);
    let direction = if ascending { "asc" } else { "desc" };
    let (value, order_by) = if undated {
        ("v.id".to_owned(), format!("v.id {direction}"))
    } else {
        (column.replace(" collate \"C\"", ""), format!("{column} {direction}, v.id {direction}"))
    };
    let filter = if conditions.is_empty() { "1 = 1".to_owned() } else { conditions.join(" and ") };
    let limit = param(Bind::Int(i64::try_from(limit).unwrap_or(i64::MAX)), &mut binds);
    let sql = format!(
        "select v.id, {value} as sort_value, case when {checks} then 1 else 0 end as hit
         from variants v where {filter} order by {order_by} limit {limit}"
    );
    StreamQuery { sql, binds }
}

/// The equality a stream's index leads with, as conditions on `v`.
fn lead_conditions(lead: Lead, binds: &mut Vec<Bind>) -> Vec<String> {
    let mut param = |bind: Bind| {
        binds.push(bind);
        format!("${}", binds.len())
    };
    match lead {
        Lead::Nothing => vec![],
        Lead::Site(site) => vec![format!("v.site_id = {}", param(Bind::Int(site)))],
        // The status is one of the enum's own words, written in so that the partial index
        // (`status <> 'published'`) is seen to apply.
        Lead::Status(status) => vec![format!("v.status = '{}' and v.status <> 'published'", status.as_str())],
        Lead::SiteStatus(site, status) => vec![format!(
            "v.site_id = {} and v.status = '{}' and v.status <> 'published'",
            param(Bind::Int(site)),
            status.as_str()
        )],
        Lead::Author(user) => vec![format!("v.author_id = {}", param(Bind::Int(user)))],
        Lead::Editor(user) => vec![format!("v.updated_by = {}", param(Bind::Int(user)))],
    }
}

fn date_column(dates: DateField) -> &'static str {
    match dates {
        DateField::Updated => "updated_at",
        DateField::Published => "published_at",
    }
}

/// The filters no index serves, as one condition on the row `v`.
fn residual_sql(query: &DocumentQuery, residual: &Residual, binds: &mut Vec<Bind>) -> String {
    let mut param = |bind: Bind| {
        binds.push(bind);
        format!("${}", binds.len())
    };
    let mut checks: Vec<String> = Vec::new();
    if residual.sites {
        let ids = query.sites.as_deref().unwrap_or_default();
        // Site ids are integers from the database, not input: written in.
        let list = ids.iter().map(|s| s.0.to_string()).collect::<Vec<_>>().join(", ");
        checks.push(if list.is_empty() { "1 = 0".into() } else { format!("v.site_id in ({list})") });
    }
    if let (true, Some(language)) = (residual.language, &query.language) {
        checks.push(format!("v.language = {}", param(Bind::Text(language.clone()))));
    }
    if let (true, Some(kind)) = (residual.kind, query.kind) {
        checks.push(format!("v.kind = '{}'", kind.as_str()));
    }
    if let (true, Some(status)) = (residual.status, query.status) {
        checks.push(format!("v.status = '{}'", status.as_str()));
    }
    if let (true, Some(author)) = (residual.author, query.author) {
        checks.push(format!("v.author_id = {}", param(Bind::Int(author.0))));
    }
    if let (true, Some(editor)) = (residual.editor, query.editor) {
        checks.push(format!("v.updated_by = {}", param(Bind::Int(editor.0))));
    }
    if let (true, Some(country)) = (residual.country, &query.country) {
        // A scalar subquery, not `exists`: PostgreSQL may answer an `exists` by hashing every
        // document of the country, which grows with the archive; this is one lookup per row.
        checks.push(format!(
            "coalesce((select 1 from document_countries dc
                       where dc.document_id = v.document_id and dc.country = {}), 0) = 1",
            param(Bind::Text(country.clone()))
        ));
    }
    if let (true, Some(title)) = (residual.title, &query.title) {
        let pattern = format!("%{}%", escape_like(&title.to_lowercase()));
        checks.push(format!("lower(v.title) like {} escape '\\'", param(Bind::Text(pattern))));
    }
    if residual.dates {
        let column = date_column(query.dates);
        if let Some(from) = query.from {
            checks.push(format!("v.{column} >= {}", param(Bind::Time(from))));
        }
        if let Some(until) = query.until {
            checks.push(format!("v.{column} < {}", param(Bind::Time(until))));
        }
    }
    if checks.is_empty() { "1 = 1".into() } else { checks.join(" and ") }
}

/// `%`, `_` and `\` match themselves.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A row a stream read.
#[derive(Debug, Clone)]
struct Read {
    key: Key,
    hit: bool,
}

/// What a stream read: its rows in reading order, and whether it stopped at its limit (so
/// rows past its last may remain).
struct StreamRead {
    rows: Vec<Read>,
    full: bool,
}

#[derive(sqlx::FromRow)]
struct DisplayRow {
    id: i64,
    document_id: i64,
    site_id: i64,
    site_key: String,
    kind: String,
    language: String,
    title: String,
    status: String,
    published_at: Option<OffsetDateTime>,
    updated_at: OffsetDateTime,
    updated_by: Option<String>,
}

impl Store {
    /// One page of the document list.
    pub async fn document_page(&self, query: &DocumentQuery, from: &PageFrom) -> Result<DocumentPage> {
        let page = self.read_page(query, from, DOCUMENT_PAGE_SIZE).await?;
        // Nothing before the cursor: it was the first row (or the rows before it are gone),
        // and the first page is what a reader going back expects.
        if matches!(from, PageFrom::Before(_)) && page.rows.is_empty() && page.previous.is_none() {
            return self.read_page(query, &PageFrom::Start, DOCUMENT_PAGE_SIZE).await;
        }
        Ok(page)
    }

    async fn read_page(&self, query: &DocumentQuery, from: &PageFrom, size: usize) -> Result<DocumentPage> {
        if query.sites.as_ref().is_some_and(Vec::is_empty) {
            return Ok(DocumentPage::default());
        }
        let backwards = matches!(from, PageFrom::Before(_));
        let cursor = match from {
            PageFrom::Start => None,
            PageFrom::After(p) | PageFrom::Before(p) => Some(Key::of(p)),
        };
        let (leads, residual) = plan(query);
        let limit = if residual.any() { (SCAN_BUDGET / leads.len()).max(size + 1) } else { size + 1 };
        // A filter that most rows pass fills a page from a few rows: read those first, and
        // the rest of the budget only when they are not enough.
        let first_read = limit.min(FIRST_READ_PAGES * (size + 1));
        let mut streams = Vec::with_capacity(leads.len());
        for lead in &leads {
            streams.push(self.read_stream(query, *lead, backwards, cursor.as_ref(), first_read).await?);
        }
        let hits = streams.iter().flat_map(|s| &s.rows).filter(|r| r.hit).count();
        if first_read < limit && hits <= size {
            for (stream, lead) in streams.iter_mut().zip(&leads) {
                let Some(last) = stream.rows.last().map(|r| r.key.clone()).filter(|_| stream.full) else {
                    continue;
                };
                let more = self.read_stream(query, *lead, backwards, Some(&last), limit - first_read).await?;
                stream.rows.extend(more.rows);
                stream.full = more.full;
            }
        }
        let in_reading_order = |a: &Key, b: &Key| {
            let list_order = compare(query.descending, a, b);
            if backwards { list_order.reverse() } else { list_order }
        };
        // Rows up to the first place where a stream that stopped at its limit stops are
        // complete: past it, that stream may hold rows not read yet.
        let bound: Option<Key> = streams
            .iter()
            .filter(|s| s.full)
            .filter_map(|s| s.rows.last().map(|r| r.key.clone()))
            .min_by(|a, b| in_reading_order(a, b));
        let mut rows: Vec<Read> = streams
            .into_iter()
            .flat_map(|s| s.rows)
            .filter(|r| bound.as_ref().is_none_or(|b| in_reading_order(&r.key, b) != Ordering::Greater))
            .collect();
        rows.sort_by(|a, b| in_reading_order(&a.key, &b.key));
        let mut hits: Vec<Key> = rows.into_iter().filter(|r| r.hit).map(|r| r.key).collect();
        let (continue_at, cut_short) = if hits.len() > size {
            hits.truncate(size);
            (hits.last().cloned(), false)
        } else {
            (bound.clone(), bound.is_some() && hits.len() < size)
        };
        // The row nearest the cursor anchors the link back the other way.
        let near = hits.first().cloned().or_else(|| bound.clone()).or_else(|| cursor.clone());
        if backwards {
            hits.reverse();
        }
        let rows = self.display_rows(query, &hits).await?;
        let (previous, next) = if backwards {
            (continue_at.map(|k| k.position()), near.map(|k| k.position()))
        } else {
            (
                cursor.is_some().then(|| near.map(|k| k.position())).flatten(),
                continue_at.map(|k| k.position()),
            )
        };
        Ok(DocumentPage { rows, previous, next, cut_short })
    }

    /// Reads one stream: from the cursor, up to `limit` rows, the dated variants and then (for
    /// the publication order) the undated ones, or the reverse when reading backwards.
    async fn read_stream(
        &self,
        query: &DocumentQuery,
        lead: Lead,
        backwards: bool,
        cursor: Option<&Key>,
        limit: usize,
    ) -> Result<StreamRead> {
        let ascending = query.descending == backwards;
        let two_phases = query.order == ListOrder::Published
            && !(query.dates == DateField::Published && (query.from.is_some() || query.until.is_some()));
        // Phases in reading order: dated before undated in the list, so the reverse backwards.
        let mut phases: Vec<bool> = if two_phases { vec![false, true] } else { vec![false] };
        if backwards {
            phases.reverse();
        }
        // Start at the cursor's phase.
        if let Some(cursor) = cursor.filter(|_| two_phases) {
            let at = phases.iter().position(|undated| *undated == cursor.undated).unwrap_or(0);
            phases.drain(..at);
        }
        let mut rows: Vec<Read> = Vec::new();
        for undated in phases {
            let want = limit - rows.len();
            if want == 0 {
                break;
            }
            let after = cursor.filter(|c| c.undated == undated);
            let stream =
                stream_sql(self.backend() == "postgres", query, lead, undated, ascending, after, want);
            let read = self.run_stream(&stream, query.order, undated).await?;
            rows.extend(read);
        }
        let full = rows.len() >= limit;
        Ok(StreamRead { rows, full })
    }

    async fn run_stream(&self, stream: &StreamQuery, order: ListOrder, undated: bool) -> Result<Vec<Read>> {
        macro_rules! fetch {
            ($pool:expr, $t:ty) => {{
                let mut q = sqlx::query_as::<_, (i64, Option<$t>, i32)>(&stream.sql);
                for bind in &stream.binds {
                    q = match bind {
                        Bind::Int(n) => q.bind(*n),
                        Bind::Text(t) => q.bind(t.clone()),
                        Bind::Time(t) => q.bind(*t),
                    };
                }
                q.fetch_all($pool).await
            }};
        }
        let read =
            |id: i64, value: SortValue, hit: i32| Read { key: Key { undated, value, id }, hit: hit == 1 };
        let rows = if order == ListOrder::Title {
            let rows = on_pool!(self, |pool| fetch!(pool, String))?;
            rows.into_iter()
                .map(|(id, v, hit)| read(id, SortValue::Title(v.unwrap_or_default()), hit))
                .collect()
        } else if undated {
            let rows = on_pool!(self, |pool| fetch!(pool, i64))?;
            rows.into_iter().map(|(id, _, hit)| read(id, SortValue::Undated, hit)).collect()
        } else {
            let rows = on_pool!(self, |pool| fetch!(pool, OffsetDateTime))?;
            rows.into_iter()
                .map(|(id, v, hit)| read(id, v.map_or(SortValue::Undated, SortValue::At), hit))
                .collect()
        };
        Ok(rows)
    }

    /// The rows of a page, in the order of `keys`: one lookup by primary key each.
    async fn display_rows(&self, query: &DocumentQuery, keys: &[Key]) -> Result<Vec<ListedDocument>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let list = (1..=keys.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = display_sql(&list);
        let rows: Vec<DisplayRow> = on_pool!(self, |pool| {
            let mut q = sqlx::query_as(&sql);
            for key in keys {
                q = q.bind(key.id);
            }
            q.fetch_all(pool).await
        })?;
        let mut by_id: std::collections::HashMap<i64, DisplayRow> =
            rows.into_iter().map(|r| (r.id, r)).collect();
        // A second check behind the streams': never a row of a site outside the query's.
        let allowed = |site: i64| query.sites.as_ref().is_none_or(|sites| sites.contains(&SiteId(site)));
        Ok(keys
            .iter()
            .filter_map(|key| {
                let row = by_id.remove(&key.id)?;
                allowed(row.site_id).then(|| ListedDocument {
                    variant: VariantId(row.id),
                    document: DocumentId(row.document_id),
                    site_key: row.site_key,
                    kind: row.kind,
                    language: row.language,
                    title: row.title,
                    status: row.status,
                    published_at: row.published_at,
                    updated_at: row.updated_at,
                    updated_by: row.updated_by,
                    position: key.position(),
                })
            })
            .collect())
    }

    /// The list rows of these variants, in the order given, leaving out those that no longer
    /// exist and those of a site outside `sites` (`None`: every site): a page the search index
    /// found. One lookup by primary key each.
    pub async fn document_rows_of(
        &self,
        sites: Option<Vec<SiteId>>,
        variants: &[VariantId],
    ) -> Result<Vec<ListedDocument>> {
        let query = DocumentQuery { sites, ..DocumentQuery::default() };
        // No cursor is read from these rows: a found page is reached by its number.
        let keys: Vec<Key> =
            variants.iter().map(|v| Key { undated: true, value: SortValue::Undated, id: v.0 }).collect();
        self.display_rows(&query, &keys).await
    }

    /// How many variants the list holds, when an index answers it within [`COUNT_CAP`]
    /// rows; [`ListTotal::Unknown`] when a filter has no index.
    pub async fn document_total(&self, query: &DocumentQuery) -> Result<ListTotal> {
        if query.sites.as_ref().is_some_and(Vec::is_empty) {
            return Ok(ListTotal::Exactly(0));
        }
        let (leads, residual) = plan(query);
        if residual.any() {
            return Ok(ListTotal::Unknown);
        }
        let mut total = 0_i64;
        for lead in leads {
            let stream = count_sql(query, lead, COUNT_CAP + 1 - total);
            let n: i64 = on_pool!(self, |pool| {
                let mut q = sqlx::query_scalar(&stream.sql);
                for bind in &stream.binds {
                    q = match bind {
                        Bind::Int(n) => q.bind(*n),
                        Bind::Text(t) => q.bind(t.clone()),
                        Bind::Time(t) => q.bind(*t),
                    };
                }
                q.fetch_one(pool).await
            })?;
            total += n;
            if total > COUNT_CAP {
                return Ok(ListTotal::MoreThan(COUNT_CAP));
            }
        }
        Ok(ListTotal::Exactly(total))
    }
}

/// The rows of a page by variant id (`list` is `$1, $2, …`).
pub(crate) fn display_sql(list: &str) -> String {
    format!(
        "select v.id, v.document_id, v.site_id, s.key as site_key, v.kind, v.language, v.title, v.status,
                v.published_at, v.updated_at,
                case when u.name <> '' then u.name else u.email end as updated_by
         from variants v join sites s on s.id = v.site_id left join users u on u.id = v.updated_by
         where v.id in ({list})"
    )
}

/// Counts the rows of one stream whose filters its index serves entirely, reading at most
/// `cap` of them.
pub(crate) fn count_sql(query: &DocumentQuery, lead: Lead, cap: i64) -> StreamQuery {
    let mut binds = Vec::new();
    let mut conditions = lead_conditions(lead, &mut binds);
    if dates_on_order(query) {
        for (bound, operator) in [(query.from, ">="), (query.until, "<")] {
            if let Some(at) = bound {
                binds.push(Bind::Time(at));
                conditions.push(format!("v.{} {operator} ${}", date_column(query.dates), binds.len()));
            }
        }
    }
    binds.push(Bind::Int(cap));
    let filter = if conditions.is_empty() { "1 = 1".to_owned() } else { conditions.join(" and ") };
    // In the order of the lead's index, so that the limit stops a walk of that index rather
    // than a scan of the table that a planner may prefer for a common value.
    let order = match (dates_on_order(query), query.dates) {
        (true, DateField::Published) => "v.published_at, v.id",
        _ => "v.updated_at, v.id",
    };
    let sql = format!(
        "select count(*) from (select 1 from variants v where {filter} order by {order} limit ${}) c",
        binds.len()
    );
    StreamQuery { sql, binds }
}

/// The order of two keys in the list.
fn compare(descending: bool, a: &Key, b: &Key) -> Ordering {
    a.undated.cmp(&b.undated).then_with(|| {
        let order = (&a.value, a.id).cmp(&(&b.value, b.id));
        if descending { order.reverse() } else { order }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_in_a_title_search_match_themselves() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }

    #[test]
    fn undated_rows_come_last_in_either_direction() {
        let dated = Key { undated: false, value: SortValue::At(OffsetDateTime::UNIX_EPOCH), id: 1 };
        let undated = Key { undated: true, value: SortValue::Undated, id: 2 };
        assert_eq!(compare(true, &dated, &undated), Ordering::Less);
        assert_eq!(compare(false, &dated, &undated), Ordering::Less);
    }

    #[test]
    fn an_author_leads_the_last_change_order_and_sites_are_then_checked() {
        let query = DocumentQuery {
            sites: Some(vec![SiteId(1), SiteId(2)]),
            author: Some(UserId(7)),
            ..DocumentQuery::default()
        };
        let (leads, residual) = plan(&query);
        assert_eq!(leads, vec![Lead::Author(7)]);
        assert!(residual.sites && !residual.author);
        let query = DocumentQuery { sites: Some(vec![SiteId(1), SiteId(2)]), ..DocumentQuery::default() };
        let (leads, residual) = plan(&query);
        assert_eq!(leads, vec![Lead::Site(1), Lead::Site(2)]);
        assert!(!residual.any());
    }
}
