//! What the editor's pickers read while a person types, as JSON: partners and media contacts
//! by any part of their names (`GET /admin/pick/partners`, `/admin/pick/contacts`), and a
//! site's images or PDFs a page at a time (`GET /admin/pick/images`, `/admin/pick/files`).
//!
//! Each answers for one site, the one the document is written for, and only to someone who
//! may write there; each answer is bounded (a few matches, one page of images) whatever the
//! size of the lists. Reads only: nothing here changes anything, so there is no CSRF token to
//! check (the session cookie is `SameSite` and the answers are not readable cross-origin).

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use portico_content::{Action, MediaId, SiteId};
use portico_store::Picked;
use serde::{Deserialize, Serialize};

use crate::session::Signed;
use crate::{App, WebError};

/// Most matches a partner or contact search returns: what fits in the list under the box.
const MATCHES: i64 = 12;
/// Images on one page of the grid.
const IMAGES_PER_PAGE: i64 = 24;
/// Longest search accepted, in characters: longer than any name.
const MAX_WORDS: usize = 100;

/// The query of every picker: the site, the words typed and, for images, where a page starts.
#[derive(Deserialize)]
pub struct PickQuery {
    site: Option<String>,
    q: Option<String>,
    before: Option<String>,
}

/// One match of a partner or contact search.
#[derive(Serialize)]
struct Match {
    /// What the form sends: a partner's key or a contact's key.
    value: String,
    /// What the person reads.
    label: String,
    /// A second line: a contact's office.
    detail: String,
}

#[derive(Serialize)]
struct Matches {
    items: Vec<Match>,
}

/// One image (or PDF) of the grid.
#[derive(Serialize)]
struct ImageChoice {
    /// Its id, what the form's `image` field sends.
    id: i64,
    /// The address of a small rendition; empty for a PDF, which has none.
    thumbnail: String,
    /// Its alternative text, possibly empty.
    alt: String,
    /// The name it was uploaded under.
    file_name: String,
    /// What the grid says of it: the alt text, or the file name and that it lacks one.
    label: String,
}

#[derive(Serialize)]
struct ImagePage {
    items: Vec<ImageChoice>,
    /// The `before` of the next page.
    next: Option<i64>,
}

/// The site a picker is asked about, once the person is known to write there: 400 without one,
/// 404 for a site that does not exist, 403 for one they do not write for.
fn writable_site(app: &App, user: &Signed, query: &PickQuery) -> Result<SiteId, WebError> {
    let key = query.site.as_deref().map(str::trim).unwrap_or("");
    if key.is_empty() {
        return Err(WebError::BadRequest(user.t("error-choose-site")));
    }
    let site = app.site_by_key(key).ok_or(WebError::NotFound)?;
    if user.may(Action::CreateDraft, site.id) || user.may(Action::EditTranslation, site.id) {
        Ok(site.id)
    } else {
        Err(WebError::Forbidden)
    }
}

/// The words typed, trimmed; refused when longer than any name.
fn words<'a>(user: &Signed, query: &'a PickQuery) -> Result<&'a str, WebError> {
    let words = query.q.as_deref().unwrap_or("").trim();
    if words.chars().count() > MAX_WORDS {
        return Err(WebError::BadRequest(user.t1("error-pick-too-long", "max", MAX_WORDS)));
    }
    Ok(words)
}

/// `GET /admin/pick/partners?site=…&q=…`: partners of every site or the site's own whose name
/// or acronym, in any language, holds the words; labelled in the person's language.
pub async fn partners(
    State(app): State<App>,
    user: Signed,
    Query(query): Query<PickQuery>,
) -> Result<Response, WebError> {
    let site = writable_site(&app, &user, &query)?;
    let words = words(&user, &query)?;
    let mut items: Vec<Match> = app
        .store()
        .search_partners(site, words, user.lang, MATCHES)
        .await?
        .iter()
        .map(|p| Match { value: p.slug.clone(), label: partner_label(p, user.lang), detail: String::new() })
        .collect();
    crate::i18n::I18n::sort_by_name(user.lang, &mut items, |m| &m.label);
    Ok(Json(Matches { items }).into_response())
}

/// How a partner is named in the editor: "UNHCR (United Nations High Commissioner for
/// Refugees)", in `language` where it has names of its own.
pub(crate) fn partner_label(partner: &portico_store::Partner, language: &str) -> String {
    let (name, acronym) = (partner.name_in(language), partner.acronym_in(language));
    if acronym.is_empty() { name.to_owned() } else { format!("{acronym} ({name})") }
}

/// `GET /admin/pick/contacts?site=…&q=…`: media contacts of every site or the site's own whose
/// name, office or email holds the words.
pub async fn contacts(
    State(app): State<App>,
    user: Signed,
    Query(query): Query<PickQuery>,
) -> Result<Response, WebError> {
    let site = writable_site(&app, &user, &query)?;
    let words = words(&user, &query)?;
    let items = app
        .store()
        .search_contacts(site, words, MATCHES)
        .await?
        .into_iter()
        .map(|c| Match { value: c.key, label: c.name, detail: c.office })
        .collect();
    Ok(Json(Matches { items }).into_response())
}

/// `GET /admin/pick/images?site=…&q=…&before=…`: one page of the site's images, newest first,
/// those whose words hold `q` when it is given.
pub async fn images(
    State(app): State<App>,
    user: Signed,
    Query(query): Query<PickQuery>,
) -> Result<Response, WebError> {
    media_page(&app, &user, &query, Picked::Images).await
}

/// `GET /admin/pick/files?site=…&q=…&before=…`: the same of the site's PDFs, for a
/// publication's language versions.
pub async fn files(
    State(app): State<App>,
    user: Signed,
    Query(query): Query<PickQuery>,
) -> Result<Response, WebError> {
    media_page(&app, &user, &query, Picked::Files).await
}

async fn media_page(
    app: &App,
    user: &Signed,
    query: &PickQuery,
    picked: Picked,
) -> Result<Response, WebError> {
    let site = writable_site(app, user, query)?;
    let words = words(user, query)?;
    let before = match query.before.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => match value.parse::<i64>() {
            Ok(id) if id > 0 => Some(MediaId(id)),
            _ => return Err(WebError::BadRequest(user.t("error-pick-page"))),
        },
    };
    let page = app.store().media_page(site, picked, words, before, IMAGES_PER_PAGE).await?;
    let items = page
        .items
        .iter()
        .map(|m| ImageChoice {
            id: m.id.0,
            thumbnail: super::media::picker_thumbnail(m),
            alt: m.alt.clone(),
            file_name: m.file_name.clone(),
            label: super::media::media_label(user, m),
        })
        .collect();
    Ok(Json(ImagePage { items, next: page.next.map(|id| id.0) }).into_response())
}
