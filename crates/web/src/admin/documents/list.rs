//! The document list: what the user may see on their sites, filtered, sorted and paged by a
//! cursor (see `document_list` in the store crate for why every page costs the same). Words
//! searched for are looked up in the search index, which holds every version, drafts
//! included: title, summary and body, best match first, with the same filters, paged by
//! number within the index's window.
//!
//! The sites a user may see are decided here, from their session, never from the request: a
//! `site` filter outside them is refused like a site that does not exist.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use minijinja::context;
use portico_content::{Action, Kind, SiteId, Status, UserId, VariantId};
use portico_search::{DeskOrder, DeskQuery};
use portico_store::{
    DOCUMENT_PAGE_SIZE, DateField, DocumentPage, DocumentQuery, ListOrder, ListPosition, ListTotal, PageFrom,
    SortValue,
};
use serde::Serialize;
use time::OffsetDateTime;

use crate::admin::{AdminLayout, admin_page, notice};
use crate::pagination::shorten;
use crate::session::Signed;
use crate::{App, WebError};

use super::{doc_url, status_text};

/// The longest search accepted, in characters.
const MAX_SEARCH_CHARS: usize = 200;
/// The highest page number a link carries (it is shown, never used to skip rows).
const MAX_PAGE_NUMBER: u32 = 1_000_000;

#[derive(Serialize)]
struct Row {
    url: String,
    title: String,
    kind: String,
    site: String,
    language: String,
    status: String,
    status_label: String,
    updated: String,
    updated_by: String,
    published: String,
}

/// The list's request, validated: every value the form can send, and the cursor.
#[derive(Default)]
struct ListRequest {
    site: Option<SiteId>,
    language: Option<String>,
    kind: Option<Kind>,
    status: Option<Status>,
    author: Option<UserId>,
    editor: Option<UserId>,
    country: Option<&'static portico_geo::Country>,
    dates: DateField,
    from: Option<time::Date>,
    to: Option<time::Date>,
    title: Option<String>,
    order: ListOrder,
    /// Best match first: the default when words are searched for, meaningless without.
    relevance: bool,
    /// `None` for the order's own default direction.
    descending: Option<bool>,
    from_position: PageFrom,
    page: u32,
    notice: Option<String>,
}

impl ListRequest {
    /// Reads the query string; a value that cannot be read is a 400 that says which and why.
    /// Unknown parameters are ignored, as on the public lists.
    fn parse(app: &App, user: &Signed, pairs: &[(String, String)]) -> Result<ListRequest, WebError> {
        let bad = |key: &str, value: &str| WebError::BadRequest(user.t1(key, "value", shorten(value)));
        let mut request = ListRequest { page: 1, ..ListRequest::default() };
        let mut cursor: Option<(bool, String)> = None;
        let mut sorted = false;
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue; // An empty select means "all".
            }
            match key.as_str() {
                "site" => {
                    let site = app.sites().iter().find(|s| s.key == value).map(|s| s.id);
                    // Another site's key reads like an unknown one: its existence is not
                    // this user's business.
                    let visible = site.filter(|id| user.may(Action::ViewDrafts, *id));
                    request.site = Some(visible.ok_or_else(|| bad("admin-list-bad-site", value))?);
                }
                "lang" => {
                    let known = app.sites().iter().any(|s| s.languages.iter().any(|l| l == value));
                    if !known {
                        return Err(bad("admin-list-bad-language", value));
                    }
                    request.language = Some(value.to_owned());
                }
                "kind" => {
                    request.kind = Some(value.parse().map_err(|_| {
                        let args = [("value", shorten(value).into()), ("kinds", Kind::listed().into())];
                        WebError::BadRequest(user.t_with("admin-list-bad-kind", &args))
                    })?)
                }
                "status" => {
                    request.status = Some(value.parse().map_err(|_| bad("admin-list-bad-status", value))?)
                }
                "author" | "editor" => {
                    let id = value.parse::<i64>().map_err(|_| bad("admin-list-bad-user", value))?;
                    if key == "author" {
                        request.author = Some(UserId(id));
                    } else {
                        request.editor = Some(UserId(id));
                    }
                }
                "country" => {
                    request.country =
                        Some(portico_geo::country(value).ok_or_else(|| bad("bad-country", value))?)
                }
                "date" => {
                    request.dates = match value {
                        "updated" => DateField::Updated,
                        "published" => DateField::Published,
                        _ => return Err(bad("admin-list-bad-date-field", value)),
                    }
                }
                "from" | "to" => {
                    let format = time::macros::format_description!("[year]-[month]-[day]");
                    let date =
                        time::Date::parse(value, &format).map_err(|_| bad("admin-list-bad-date", value))?;
                    if key == "from" {
                        request.from = Some(date);
                    } else {
                        request.to = Some(date);
                    }
                }
                "q" => {
                    if value.chars().count() > MAX_SEARCH_CHARS {
                        return Err(bad("admin-list-search-too-long", value));
                    }
                    request.title = Some(value.to_owned());
                }
                "sort" => {
                    sorted = true;
                    request.relevance = value == "relevance";
                    request.order = match value {
                        "updated" | "relevance" => ListOrder::Updated,
                        "published" => ListOrder::Published,
                        "title" => ListOrder::Title,
                        _ => return Err(bad("admin-list-bad-sort", value)),
                    }
                }
                "dir" => {
                    request.descending = match value {
                        "desc" => Some(true),
                        "asc" => Some(false),
                        _ => return Err(bad("admin-list-bad-direction", value)),
                    }
                }
                "after" | "before" => {
                    if cursor.is_some() {
                        return Err(bad("admin-list-bad-cursor", value));
                    }
                    cursor = Some((key == "after", value.to_owned()));
                }
                "page" => {
                    request.page = value
                        .parse::<u32>()
                        .ok()
                        .filter(|p| (1..=MAX_PAGE_NUMBER).contains(p))
                        .ok_or_else(|| bad("bad-page", value))?;
                }
                "notice" => request.notice = Some(value.to_owned()),
                _ => {}
            }
        }
        if let (Some(from), Some(to)) = (request.from, request.to)
            && from > to
        {
            return Err(WebError::BadRequest(user.t("admin-list-bad-range")));
        }
        if !sorted && request.title.is_some() {
            request.relevance = true;
        }
        // Publication dates asked for and no order: by publication date, the one index that
        // reads that range. In the order of the last save, a year of publications deep in the
        // archive is found only a scan budget at a time, and the first pages come back empty.
        if !sorted
            && request.dates == DateField::Published
            && (request.from.is_some() || request.to.is_some())
        {
            request.order = ListOrder::Published;
        }
        // The cursor is read last: what it holds depends on the order.
        if let Some((after, token)) = cursor {
            let position =
                decode_position(request.order, &token).ok_or_else(|| bad("admin-list-bad-cursor", &token))?;
            request.from_position =
                if after { PageFrom::After(position) } else { PageFrom::Before(position) };
        }
        Ok(request)
    }

    /// Newest (or best) first for dates and matches, A to Z for titles, unless asked otherwise.
    fn descending(&self) -> bool {
        self.descending.unwrap_or(self.relevance || self.order != ListOrder::Title)
    }

    /// Whether words are searched for.
    fn searches_words(&self) -> bool {
        self.title.is_some()
    }

    /// The search index's query for words searched for, with every filter of `query`, for
    /// page `self.page`.
    fn desk_query(&self, query: &DocumentQuery) -> DeskQuery {
        let seconds = |at: Option<OffsetDateTime>| at.map(OffsetDateTime::unix_timestamp);
        let (published, updated) = match query.dates {
            DateField::Published => ((seconds(query.from), seconds(query.until)), (None, None)),
            DateField::Updated => ((None, None), (seconds(query.from), seconds(query.until))),
        };
        let page = usize::try_from(self.page.max(1) - 1).unwrap_or(usize::MAX);
        DeskQuery {
            sites: query.sites.as_ref().map(|sites| sites.iter().map(|s| s.0).collect()),
            text: self.title.clone().unwrap_or_default(),
            languages: query.language.iter().cloned().collect(),
            kinds: query.kind.iter().map(|k| k.as_str().to_owned()).collect(),
            statuses: query.status.iter().map(|s| s.as_str().to_owned()).collect(),
            countries: query.country.iter().cloned().collect(),
            author_id: query.author.map(|u| u.0),
            editor_id: query.editor.map(|u| u.0),
            published_from: published.0,
            published_until: published.1,
            updated_from: updated.0,
            updated_until: updated.1,
            order: match (self.relevance, self.order) {
                (false, ListOrder::Published) => DeskOrder::Published,
                (false, ListOrder::Updated) => DeskOrder::Updated,
                // The index keeps no titles in order: found pages come best first.
                (true, _) | (false, ListOrder::Title) => DeskOrder::Relevance,
            },
            descending: self.descending(),
            offset: page.saturating_mul(DOCUMENT_PAGE_SIZE),
            limit: DOCUMENT_PAGE_SIZE,
        }
    }

    /// The store's query, within the sites `user` may see.
    fn query(&self, app: &App, user: &Signed) -> DocumentQuery {
        let sites = match (self.site, user.site_scope()) {
            (Some(site), _) => Some(vec![site]),
            (None, None) => None,
            (None, Some(_)) => Some(
                app.sites().iter().map(|s| s.id).filter(|id| user.may(Action::ViewDrafts, *id)).collect(),
            ),
        };
        let midnight = |date: time::Date| date.midnight().assume_utc();
        DocumentQuery {
            sites,
            language: self.language.clone(),
            kind: self.kind,
            status: self.status,
            author: self.author,
            editor: self.editor,
            country: self.country.map(|c| c.iso2.to_owned()),
            dates: self.dates,
            from: self.from.map(midnight),
            // The end date is included: up to the next midnight.
            until: self.to.and_then(|d| d.next_day()).map(midnight),
            title: self.title.clone(),
            order: self.order,
            descending: self.descending(),
        }
    }

    /// The filters and order as query parameters, without the cursor: the shareable part.
    fn params(&self, app: &App) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if let Some(site) =
            self.site.and_then(|id| app.sites().iter().find(|s| s.id == id).map(|s| s.key.clone()))
        {
            params.push(("site", site));
        }
        if let Some(language) = &self.language {
            params.push(("lang", language.clone()));
        }
        if let Some(kind) = self.kind {
            params.push(("kind", kind.as_str().to_owned()));
        }
        if let Some(status) = self.status {
            params.push(("status", status.as_str().to_owned()));
        }
        if let Some(author) = self.author {
            params.push(("author", author.0.to_string()));
        }
        if let Some(editor) = self.editor {
            params.push(("editor", editor.0.to_string()));
        }
        if let Some(country) = self.country {
            params.push(("country", country.iso2.to_ascii_lowercase()));
        }
        if self.dates == DateField::Published {
            params.push(("date", "published".into()));
        }
        if let Some(from) = self.from {
            params.push(("from", crate::views::iso_date(from.midnight().assume_utc())));
        }
        if let Some(to) = self.to {
            params.push(("to", crate::views::iso_date(to.midnight().assume_utc())));
        }
        if let Some(title) = &self.title {
            params.push(("q", title.clone()));
        }
        if self.searches_words() && self.relevance {
            // The default with words.
        } else if self.order != ListOrder::Updated || self.searches_words() {
            params.push(("sort", order_name(self.order).into()));
        }
        if let Some(descending) = self.descending {
            params.push(("dir", if descending { "desc" } else { "asc" }.into()));
        }
        params
    }
}

fn order_name(order: ListOrder) -> &'static str {
    match order {
        ListOrder::Updated => "updated",
        ListOrder::Published => "published",
        ListOrder::Title => "title",
    }
}

/// `/admin?…` with these parameters.
fn list_url(params: &[(&str, String)]) -> String {
    if params.is_empty() {
        return "/admin".into();
    }
    let query: Vec<String> =
        params.iter().map(|(k, v)| format!("{k}={}", crate::http::percent_encode(v))).collect();
    format!("/admin?{}", query.join("&"))
}

/// A position as a cursor parameter: `{variant}.t{unix nanoseconds}`, `{variant}.u` (no
/// publication time) or `{variant}.s{title}`.
fn encode_position(position: &ListPosition) -> String {
    let id = position.variant.0;
    match &position.value {
        SortValue::At(at) => format!("{id}.t{}", at.unix_timestamp_nanos()),
        SortValue::Undated => format!("{id}.u"),
        SortValue::Title(title) => format!("{id}.s{title}"),
    }
}

/// The inverse of [`encode_position`], for the list's order; `None` when the token is not
/// one this order's pages write.
fn decode_position(order: ListOrder, token: &str) -> Option<ListPosition> {
    let (id, rest) = token.split_once('.')?;
    let variant = VariantId(id.parse().ok().filter(|id: &i64| *id > 0)?);
    let value = match (order, rest.split_at_checked(1)?) {
        (ListOrder::Updated | ListOrder::Published, ("t", nanos)) => {
            SortValue::At(OffsetDateTime::from_unix_timestamp_nanos(nanos.parse().ok()?).ok()?)
        }
        (ListOrder::Published, ("u", "")) => SortValue::Undated,
        (ListOrder::Title, ("s", title)) => SortValue::Title(title.to_owned()),
        _ => return None,
    };
    Some(ListPosition { value, variant })
}

/// `GET /admin`: the documents of the user's sites, filtered, sorted and paged.
pub async fn dashboard(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    query: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let Query(pairs) = query.map_err(|_| WebError::BadRequest(user.t("bad-query")))?;
    let request = ListRequest::parse(&app, &user, &pairs)?;
    let query = request.query(&app, &user);
    let store = app.store();
    // Not while the index is being rebuilt, when it holds only part of the archive, nor
    // without one (a tool's server): words are then looked for in titles.
    let index = app.search_index().filter(|index| index.last_applied_change().is_some_and(|at| at >= 0));
    let found = match (request.searches_words(), index) {
        (true, Some(index)) => Some(find_words(&app, index, &request, &query).await?),
        _ => None,
    };
    let (page, total, numbered) = match found {
        Some((page, total, numbered)) => (page, total, Some(numbered)),
        None => {
            let page = store.document_page(&query, &request.from_position).await?;
            // The total only with the first page: it does not change from page to page.
            let total = match request.from_position {
                PageFrom::Start => store.document_total(&query).await?,
                _ => ListTotal::Unknown,
            };
            (page, total, None)
        }
    };
    let total_text = match total {
        ListTotal::Exactly(n) => Some(user.t1("admin-list-total", "count", n)),
        ListTotal::MoreThan(n) => Some(user.t1("admin-list-total-more", "count", n)),
        ListTotal::Unknown => None,
    };
    let rows: Vec<Row> = page
        .rows
        .into_iter()
        .map(|r| Row {
            url: doc_url(r.document.0, &r.language),
            status_label: status_text(&user, &r.status),
            title: r.title,
            kind: user.t(&format!("kind-{}", r.kind)),
            site: r.site_key,
            language: r.language,
            status: r.status,
            updated: user.time(r.updated_at),
            updated_by: r.updated_by.unwrap_or_default(),
            published: r.published_at.map(|at| user.time(at)).unwrap_or_default(),
        })
        .collect();

    let params = request.params(&app);
    let at_page = |number: u32, cursor: Option<(&str, String)>| {
        let mut params = params.clone();
        if let Some((key, token)) = cursor {
            params.push((if key == "after" { "after" } else { "before" }, token));
            params.push(("page", number.to_string()));
        }
        list_url(&params)
    };
    let number = request.page;
    let by_number = |number: u32| {
        let mut params = params.clone();
        if number > 1 {
            params.push(("page", number.to_string()));
        }
        list_url(&params)
    };
    let (previous, next) = match numbered {
        // Found by the index: pages by number, the next while the window holds more.
        Some(more) => ((number > 1).then(|| by_number(number - 1)), more.then(|| by_number(number + 1))),
        None => (
            page.previous.as_ref().map(|p| {
                // Going back to page 1 is the first page itself, with its total.
                if number <= 2 {
                    at_page(1, None)
                } else {
                    at_page(number - 1, Some(("before", encode_position(p))))
                }
            }),
            page.next.as_ref().map(|p| {
                at_page(number.saturating_add(1).min(MAX_PAGE_NUMBER), Some(("after", encode_position(p))))
            }),
        ),
    };
    let first = (page.previous.is_some() || number > 1).then(|| at_page(1, None));
    let cut_short =
        page.cut_short.then(|| user.t1("admin-list-cut-short", "count", portico_store::SCAN_BUDGET as i64));

    let any_site = |action| app.sites().iter().any(|s| user.may(action, s.id));
    let can_write = any_site(Action::CreateDraft);
    let can_pages = any_site(Action::EditPages);
    let layout = AdminLayout::new(&app, &user, &user.t("admin-nav-documents"), "/admin")
        .with_notice(notice(&user, request.notice.as_deref()));
    let options = FormOptions::new(&app, &user).await?;
    let form = FormValues::of(&request, &app);
    let mut sort_labels = vec![
        ("updated", user.t("admin-list-sort-updated")),
        ("published", user.t("admin-list-sort-published")),
        ("title", user.t("admin-list-sort-title")),
    ];
    let by_relevance = numbered.is_some() && request.relevance;
    if numbered.is_some() {
        // Titles are not kept in order by the index: words are sorted by match or by date.
        sort_labels.retain(|(value, _)| *value != "title");
        sort_labels.insert(0, ("relevance", user.t("admin-list-sort-relevance")));
    }
    admin_page(
        &app,
        &headers,
        "admin/dashboard.html",
        context! {
            layout, rows, can_write, can_pages, options, form, sort_labels,
            total => total_text, cut_short, previous, next, first, page_number => number,
            sort => if by_relevance || (numbered.is_some() && request.order == ListOrder::Title) { "relevance" } else { order_name(request.order) },
            descending => request.descending(),
            statuses => Status::ALL.iter().map(|s| (s.as_str(), status_text(&user, s.as_str()))).collect::<Vec<_>>(),
        },
    )
}

/// A page of the documents holding the words searched for, from the search index (which
/// holds every version, hidden ones included), with every filter of `query`: its rows, the
/// total, and whether a next page can be read.
async fn find_words(
    app: &App,
    index: &portico_search::SearchIndex,
    request: &ListRequest,
    query: &DocumentQuery,
) -> Result<(DocumentPage, ListTotal, bool), WebError> {
    let desk = request.desk_query(query);
    let (offset, limit) = (desk.offset, desk.limit);
    let index = index.clone();
    let found = tokio::task::spawn_blocking(move || index.desk_search(&desk))
        .await
        .map_err(|err| WebError::Internal(err.to_string()))?
        .map_err(|err| WebError::Internal(err.to_string()))?;
    let variants: Vec<VariantId> = found.hits.iter().map(|hit| VariantId(hit.variant_id)).collect();
    // The rows as the database has them now; the index may be a moment behind.
    let rows = app.store().document_rows_of(query.sites.clone(), &variants).await?;
    let more = offset + limit < found.total.min(portico_search::MAX_RESULT_WINDOW);
    let total = ListTotal::Exactly(i64::try_from(found.total).unwrap_or(i64::MAX));
    Ok((DocumentPage { rows, ..DocumentPage::default() }, total, more))
}

/// What the filter form offers.
#[derive(Serialize)]
struct FormOptions {
    /// (key, name) of the sites the user may see.
    sites: Vec<(String, String)>,
    /// Language codes of those sites.
    languages: Vec<String>,
    /// (id, name) of the people whose work the user may see.
    people: Vec<(i64, String)>,
    /// (code, name) of every country, by name in the user's language.
    countries: Vec<(String, String)>,
}

impl FormOptions {
    async fn new(app: &App, user: &Signed) -> Result<FormOptions, WebError> {
        let visible: Vec<_> =
            app.sites().iter().filter(|s| user.may(Action::ViewDrafts, s.id)).cloned().collect();
        let sites = visible.iter().map(|s| (s.key.clone(), s.name_in(user.lang).to_owned())).collect();
        let mut languages: Vec<String> = visible.iter().flat_map(|s| s.languages.iter().cloned()).collect();
        languages.sort();
        languages.dedup();
        // People who share a site with the user (everyone, for an unscoped user).
        let scope = user.site_scope();
        let mut people: Vec<(i64, String)> = app
            .store()
            .users()
            .await?
            .into_iter()
            .filter(|u| {
                scope.is_none_or(|sites| u.id == user.user.id || u.sites.iter().any(|s| sites.contains(s)))
            })
            .map(|u| (u.id.0, if u.name.is_empty() { u.email } else { u.name }))
            .collect();
        people.sort_by_key(|a| a.1.to_lowercase());
        let lang = portico_geo::Lang::from_code(user.lang).unwrap_or(portico_geo::Lang::En);
        let mut countries: Vec<(String, String)> = portico_geo::countries()
            .iter()
            .map(|c| (c.iso2.to_ascii_lowercase(), c.name(lang).to_owned()))
            .collect();
        countries.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(FormOptions { sites, languages, people, countries })
    }
}

/// The form's fields as the request gave them, so that the form shows what is in force.
#[derive(Serialize)]
struct FormValues {
    site: String,
    lang: String,
    kind: String,
    status: String,
    author: String,
    editor: String,
    country: String,
    date: String,
    from: String,
    to: String,
    q: String,
    dir: String,
}

impl FormValues {
    fn of(request: &ListRequest, app: &App) -> FormValues {
        let params = request.params(app);
        let get =
            |key: &str| params.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()).unwrap_or_default();
        FormValues {
            site: get("site"),
            lang: get("lang"),
            kind: get("kind"),
            status: get("status"),
            author: get("author"),
            editor: get("editor"),
            country: get("country"),
            date: if request.dates == DateField::Published { "published".into() } else { "updated".into() },
            from: get("from"),
            to: get("to"),
            q: get("q"),
            dir: if request.descending() { "desc".into() } else { "asc".into() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_belong_to_their_order() {
        let at = OffsetDateTime::from_unix_timestamp(1_700_000_000).expect("time");
        let timed = ListPosition { value: SortValue::At(at), variant: VariantId(42) };
        let token = encode_position(&timed);
        assert_eq!(decode_position(ListOrder::Updated, &token), Some(timed.clone()));
        assert_eq!(decode_position(ListOrder::Title, &token), None);
        let titled = ListPosition { value: SortValue::Title("A. B. «C»".into()), variant: VariantId(7) };
        assert_eq!(decode_position(ListOrder::Title, &encode_position(&titled)), Some(titled));
        let undated = ListPosition { value: SortValue::Undated, variant: VariantId(9) };
        assert_eq!(decode_position(ListOrder::Published, &encode_position(&undated)), Some(undated));
        assert_eq!(decode_position(ListOrder::Updated, "9.u"), None);
        for bad in ["", "x", "1", "1.", "-1.t5", "1.t", "1.tx", "1.q5", "é.t1"] {
            assert_eq!(decode_position(ListOrder::Updated, bad), None, "{bad:?}");
        }
    }
}
