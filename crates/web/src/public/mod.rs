//! The public site: home, section pages, news list, releases, where we work, and the assets
//! and media files they link to. One file per concern; what they share (the request's
//! [`Ctx`], where a missing translation is found instead) is here.

pub(crate) mod assets;
pub(crate) mod countries;
pub(crate) mod goals;
pub(crate) mod media;
pub(crate) mod news;
pub(crate) mod pages;
pub(crate) mod publications;
pub(crate) mod release;
pub(crate) mod subscribe;
pub(crate) mod vacancies;
mod world_map;
#[rustfmt::skip]
mod world_map_data;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use portico_store::MenuItem;

use crate::ctx::Ctx;
use crate::http::{BodyMeta, respond};
use crate::{App, Scope, WebError};

type Result<T, E = WebError> = std::result::Result<T, E>;

impl App {
    /// The context of a request for `lang`; a language the site does not publish in is a 404.
    pub(crate) fn ctx(&self, scope: &Scope, lang: &str) -> Result<Ctx> {
        if !scope.site.has_language(lang) {
            return Err(WebError::NotFound);
        }
        Ok(Ctx {
            site: scope.site.clone(),
            lang: lang.to_owned(),
            base: scope.base.clone(),
            origin: scope.origin.clone(),
            i18n: self.i18n(),
        })
    }

    /// The published document of `kind` at `slug` in the page's language, fetched by `fetch`
    /// (language, slug); when the page's language lacks it, where it is found instead (see
    /// [`App::translation_elsewhere`]).
    async fn published_or_elsewhere<T, F, Fut>(
        &self,
        ctx: &Ctx,
        kind: portico_content::Kind,
        slug: &str,
        fetch: F,
    ) -> Result<Found<T>>
    where
        F: Fn(String, String) -> Fut,
        Fut: std::future::Future<Output = Result<Option<T>, portico_store::StoreError>>,
    {
        if let Some(item) = fetch(ctx.lang.clone(), slug.to_owned()).await? {
            return Ok(Found::Shown(item, None));
        }
        Ok(match self.translation_elsewhere(ctx, kind, slug).await? {
            Some(Elsewhere::Redirect(url)) => Found::Redirect(url),
            Some(Elsewhere::Fallback { language, slug }) => match fetch(language.clone(), slug).await? {
                Some(item) => Found::Shown(item, Some(language)),
                None => Found::Missing,
            },
            None => Found::Missing,
        })
    }

    /// Where a document missing in the page's language can be found instead: a redirect to
    /// its translation when one exists, else (when the site allows it) its default-language
    /// variant, shown with a notice. `None` means 404.
    async fn translation_elsewhere(
        &self,
        ctx: &Ctx,
        kind: portico_content::Kind,
        slug: &str,
    ) -> Result<Option<Elsewhere>> {
        let Some(document) = self.store().document_by_slug(ctx.site.id, kind, slug).await? else {
            return Ok(None);
        };
        let variants = self.store().published_translations(document).await?;
        if let Some((_, own)) = variants.iter().find(|(l, _)| *l == ctx.lang) {
            return Ok(Some(Elsewhere::Redirect(ctx.url(&kind.path_of(own)))));
        }
        let default = ctx.site.default_language();
        match variants.into_iter().find(|(l, _)| l == default) {
            Some((language, slug)) if ctx.site.fallback_to_default => {
                Ok(Some(Elsewhere::Fallback { language, slug }))
            }
            _ => Ok(None),
        }
    }

    /// Renders `template` as an HTML page for `ctx`.
    fn html(
        &self,
        headers: &HeaderMap,
        ctx: &Ctx,
        template: &str,
        context: minijinja::Value,
    ) -> Result<Response> {
        let body = self.theme().render(template, context)?;
        let meta = BodyMeta {
            status: StatusCode::OK,
            content_type: "text/html; charset=utf-8",
            language: Some(&ctx.lang),
            cache_control: "public, max-age=0, s-maxage=60, stale-while-revalidate=300",
        };
        let mut response = respond(headers, meta, body.into_bytes());
        // Pages with images send smaller ones to readers who ask to save data.
        response.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Encoding, Save-Data"));
        Ok(response)
    }
}

/// What [`App::published_or_elsewhere`] found.
enum Found<T> {
    /// The document, and the language it is shown in when that is not the page's.
    Shown(T, Option<String>),
    /// Its translation into the page's language lives at this URL.
    Redirect(String),
    /// Nowhere to be shown: 404.
    Missing,
}

/// A document found in another language than the page's.
enum Elsewhere {
    /// Its translation into the page's language lives at this URL.
    Redirect(String),
    /// Only the default language has it: show that variant with a notice.
    Fallback { language: String, slug: String },
}

/// What a document's own page shows of it, for [`document_layout`].
struct DocumentHead<'a> {
    kind: portico_content::Kind,
    id: portico_content::DocumentId,
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
}

/// The layout of a document's own page under the section that lists its kind (news,
/// vacancies, publications): breadcrumbs through the section, links to its other languages,
/// the notice when it is `shown_in` another language than the page's, and its canonical
/// address (the shown language's, so that a fallback is not indexed twice).
async fn document_layout(
    app: &App,
    ctx: &Ctx,
    menu: &[MenuItem],
    head: DocumentHead<'_>,
    shown_in: Option<&str>,
) -> Result<crate::views::Layout> {
    let path = head.kind.path_of(head.slug);
    let section = head.kind.path_of("");
    let section = section.trim_end_matches('/');
    let alternates = document_alternates(app, head.id, &head.kind.path_of("")).await?;
    let mut layout = crate::views::Layout::new(app, ctx, menu, head.title, head.summary, section)
        .with_breadcrumbs(
            ctx,
            vec![
                crate::views::Crumb { label: ctx.t(&format!("nav-{section}")), url: ctx.url(section) },
                crate::views::Crumb { label: head.title.to_owned(), url: ctx.url(&path) },
            ],
        )
        .with_alternates(ctx, &alternates);
    if let Some(language) = shown_in {
        layout = layout.shown_in(ctx, language);
    }
    let canonical = match shown_in {
        Some(language) => ctx.url_in(language, &path),
        None => ctx.url(&path),
    };
    Ok(layout.with_canonical(ctx, &canonical))
}

/// The languages a document is published in, as (language, site-relative path).
async fn document_alternates(
    app: &App,
    document: portico_content::DocumentId,
    prefix: &str,
) -> Result<Vec<(String, String)>> {
    Ok(app
        .store()
        .published_translations(document)
        .await?
        .into_iter()
        .map(|(language, slug)| (language, format!("{prefix}{slug}")))
        .collect())
}

/// `GET /`: to the site's default language, or, for an old address that is a query on the
/// root (WordPress's `/?p=123`), to where it has moved.
pub async fn root(State(app): State<App>, scope: Scope, uri: axum::http::Uri) -> Response {
    // The root always answers, so its old addresses are looked up here instead of on a 404:
    // only when a query came with it, so a plain `/` still costs no query.
    if let Some(query) = uri.query().filter(|q| !q.is_empty()) {
        match app.store().redirect_for(scope.site.id, &format!("/?{query}")).await {
            Ok(Some(target)) => return crate::error_page::moved(&scope.base, &target),
            Ok(None) => {}
            Err(err) => tracing::warn!(error = %err, "cannot look up a redirect"),
        }
    }
    Redirect::to(&format!("{}/{}/", scope.base, scope.site.default_language())).into_response()
}

/// `GET /{lang}`: to `/{lang}/`.
pub async fn language_root(
    State(app): State<App>,
    scope: Scope,
    Path(lang): Path<String>,
) -> Result<Redirect> {
    let ctx = app.ctx(&scope, &lang)?;
    Ok(Redirect::permanent(&ctx.url("")))
}

/// Any other address.
pub async fn not_found() -> WebError {
    WebError::NotFound
}

/// The menu entry at `path`, searching the whole tree.
fn find_menu_item<'a>(items: &'a [MenuItem], path: &str) -> Option<&'a MenuItem> {
    items.iter().find_map(
        |item| {
            if item.path == path { Some(item) } else { find_menu_item(&item.children, path) }
        },
    )
}
