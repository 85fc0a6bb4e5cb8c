//! News by email for readers: the subscribe form, the confirmation its email links to, and
//! unsubscribing (a page with a button, and the one-click POST of RFC 8058 that mail clients
//! send without cookies or a page).
//!
//! The form answers alike whatever the address's state — new, waiting, subscribed, or asked
//! for too often — so that nobody learns who is subscribed; an address asked for too often
//! just gets no further email. A client asking too often is told to wait. No address is ever
//! shown back except to the person who typed it.

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use portico_store::{Frequency, NewSubscriber};
use serde::Serialize;
use time::OffsetDateTime;

use crate::ctx::Ctx;
use crate::mail::{CONFIRM_LIFETIME, Request, confirmation_email, unsubscribe_target};
use crate::session::ClientAddr;
use crate::views::Layout;
use crate::{App, Scope, WebError};

type Result<T, E = WebError> = std::result::Result<T, E>;

/// Requests per address in an hour before the address gets no more confirmation emails.
pub const REQUESTS_PER_ADDRESS: i64 = 3;
/// Requests per client in an hour before the client is told to wait (an office behind one
/// address may have several readers).
pub const REQUESTS_PER_CLIENT: i64 = 10;
/// Longest address accepted.
const EMAIL_MAX: usize = 254;

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    checked: bool,
}

/// What the form was filled with.
#[derive(Default)]
struct Filled {
    email: String,
    frequency: Option<Frequency>,
    countries: Vec<String>,
    themes: Vec<String>,
    languages: Vec<String>,
}

async fn form_view(app: &App, ctx: &Ctx, filled: &Filled) -> Result<minijinja::Value> {
    let frequencies: Vec<Choice> = Frequency::ALL
        .into_iter()
        .map(|f| Choice {
            value: f.as_str().to_owned(),
            label: ctx.t(&format!("subscribe-frequency-{}", f.as_str())),
            checked: filled.frequency.unwrap_or(Frequency::Daily) == f,
        })
        .collect();
    let mut countries: Vec<Choice> = portico_geo::countries()
        .iter()
        .map(|c| Choice {
            value: c.iso2.to_owned(),
            label: c.name(ctx.geo_lang()).to_owned(),
            checked: filled.countries.iter().any(|f| f == c.iso2),
        })
        .collect();
    crate::i18n::I18n::sort_by_name(&ctx.lang, &mut countries, |c| c.label.as_str());
    let themes: Vec<Choice> = app
        .store()
        .themes()
        .await?
        .into_iter()
        .filter(|t| t.serves(ctx.site.id))
        .map(|t| Choice {
            checked: filled.themes.contains(&t.slug),
            label: t.name_in(&ctx.lang).to_owned(),
            value: t.slug,
        })
        .collect();
    let languages: Vec<Choice> = ctx
        .site
        .languages
        .iter()
        .map(|l| Choice {
            value: l.clone(),
            label: ctx.i18n.language_name(&ctx.lang, l),
            checked: filled.languages.contains(l),
        })
        .collect();
    Ok(context! {
        email => filled.email,
        frequencies,
        countries,
        themes,
        languages,
        action => ctx.url("subscribe"),
    })
}

/// A page of the subscribe flow: never stored by any cache (it may carry a signed link).
fn page(app: &App, ctx: &Ctx, status: StatusCode, view: minijinja::Value) -> Result<Response> {
    let body = app.theme().render("subscribe.html", view)?;
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(lang) = HeaderValue::from_str(&ctx.lang) {
        headers.insert(header::CONTENT_LANGUAGE, lang);
    }
    Ok(response)
}

/// `GET /{lang}/subscribe`: the form, or word that subscriptions are unavailable.
pub async fn form(State(app): State<App>, scope: Scope, Path(lang): Path<String>) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let mut layout = Layout::new(&app, &ctx, &menu, &ctx.t("subscribe-title"), "", "subscribe");
    layout = layout.everywhere(&ctx, "subscribe");
    let available = app.inner.mail.is_some();
    let form = if available { Some(form_view(&app, &ctx, &Filled::default()).await?) } else { None };
    page(&app, &ctx, StatusCode::OK, context! { layout, step => "form", available, form })
}

/// Reads and checks the form; a field that names nothing is a 400 saying which.
async fn read_form(
    app: &App,
    ctx: &Ctx,
    pairs: &[(String, String)],
) -> Result<Result<Filled, (Filled, String)>> {
    let mut filled = Filled::default();
    fn all<'a>(pairs: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
        pairs.iter().filter(move |(k, v)| k == name && !v.is_empty()).map(|(_, v)| v.trim())
    }
    filled.email = pairs.iter().find(|(k, _)| k == "email").map_or("", |(_, v)| v.trim()).to_lowercase();
    let frequency = pairs.iter().find(|(k, _)| k == "frequency").map_or("", |(_, v)| v.as_str());
    filled.frequency = Frequency::parse(frequency);
    let mut problem = None;
    for code in all(pairs, "country") {
        let upper = code.to_ascii_uppercase();
        match portico_geo::country(&upper).filter(|c| c.iso2 == upper) {
            Some(_) if !filled.countries.contains(&upper) => filled.countries.push(upper),
            Some(_) => {}
            None => problem = problem.or_else(|| Some(ctx.t1("bad-country", "value", shorten(code)))),
        }
    }
    let themes: Vec<String> =
        app.store().themes().await?.into_iter().filter(|t| t.serves(ctx.site.id)).map(|t| t.slug).collect();
    for slug in all(pairs, "theme") {
        if themes.iter().any(|t| t == slug) {
            if !filled.themes.iter().any(|t| t == slug) {
                filled.themes.push(slug.to_owned());
            }
        } else {
            problem = problem.or_else(|| Some(ctx.t1("bad-theme", "value", shorten(slug))));
        }
    }
    for language in all(pairs, "language") {
        if ctx.site.has_language(language) {
            if !filled.languages.iter().any(|l| l == language) {
                filled.languages.push(language.to_owned());
            }
        } else {
            problem = problem.or_else(|| Some(ctx.t1("subscribe-bad-language", "value", shorten(language))));
        }
    }
    if filled.frequency.is_none() {
        problem = Some(ctx.t1("subscribe-bad-frequency", "value", shorten(frequency)));
    }
    if filled.email.len() > EMAIL_MAX || !crate::admin::is_plausible_email(&filled.email) {
        problem = Some(ctx.t1("subscribe-bad-email", "value", shorten(&filled.email)));
    }
    Ok(match problem {
        Some(problem) => Err((filled, problem)),
        None => Ok(filled),
    })
}

fn shorten(text: &str) -> String {
    crate::pagination::shorten(text)
}

/// `POST /{lang}/subscribe`: checks the form and sends the confirmation email.
pub async fn submit(
    State(app): State<App>,
    scope: Scope,
    ClientAddr(client): ClientAddr,
    Path(lang): Path<String>,
    form: std::result::Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let Form(pairs) = form.map_err(|_| WebError::BadRequest(ctx.t("bad-query")))?;
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let layout = Layout::new(&app, &ctx, &menu, &ctx.t("subscribe-title"), "", "subscribe");
    if app.inner.mail.is_none() {
        let view = context! { layout, step => "form", available => false };
        return page(&app, &ctx, StatusCode::SERVICE_UNAVAILABLE, view);
    }
    let filled = match read_form(&app, &ctx, &pairs).await? {
        Ok(filled) => filled,
        Err((filled, problem)) => {
            let form = form_view(&app, &ctx, &filled).await?;
            let view = context! { layout, step => "form", available => true, form, error => problem };
            return page(&app, &ctx, StatusCode::BAD_REQUEST, view);
        }
    };
    let since = OffsetDateTime::now_utc() - time::Duration::hours(1);
    let requests = app.store().record_mail_request(&filled.email, &client, since).await?;
    if requests.by_client >= REQUESTS_PER_CLIENT {
        return Err(WebError::TooManyRequests { retry_after: 3600 });
    }
    // Past its limit an address is answered as any other, and left alone.
    if requests.by_email < REQUESTS_PER_ADDRESS {
        let request = Request {
            email: filled.email.clone(),
            frequency: filled.frequency.unwrap_or(Frequency::Daily),
            countries: filled.countries,
            themes: filled.themes,
            languages: filled.languages,
            expires: (OffsetDateTime::now_utc() + CONFIRM_LIFETIME).unix_timestamp(),
        };
        let link_base = format!("{}{}", ctx.origin, ctx.base);
        let email = confirmation_email(&app, &ctx.site, &ctx.lang, &link_base, &request).await?;
        app.store().enqueue_email(&email).await?;
        if let Some(outbox) = &app.inner.mail {
            outbox.wake();
        }
    }
    let view = context! { layout, step => "sent", available => true, email => filled.email };
    page(&app, &ctx, StatusCode::OK, view)
}

fn bad_link(ctx: &Ctx) -> WebError {
    WebError::BadRequest(ctx.t("subscribe-link-invalid"))
}

/// `GET /{lang}/subscribe/confirm?…`: the button that confirms (a link alone confirms nothing:
/// mail scanners open links).
pub async fn confirm_form(
    State(app): State<App>,
    scope: Scope,
    Path(lang): Path<String>,
    query: std::result::Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let Query(pairs) = query.map_err(|_| bad_link(&ctx))?;
    let now = OffsetDateTime::now_utc();
    Request::from_link(app.store(), &ctx.site, &ctx.lang, &pairs, now)
        .await?
        .ok_or_else(|| bad_link(&ctx))?;
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let layout = Layout::new(&app, &ctx, &menu, &ctx.t("subscribe-confirm-title"), "", "subscribe");
    let fields: Vec<(String, String)> = pairs.into_iter().filter(|(k, _)| k.len() == 1).collect();
    let view = context! { layout, step => "confirm", fields, action => ctx.url("subscribe/confirm") };
    page(&app, &ctx, StatusCode::OK, view)
}

/// `POST /{lang}/subscribe/confirm`: writes the subscription the signed fields describe.
pub async fn confirm(
    State(app): State<App>,
    scope: Scope,
    Path(lang): Path<String>,
    form: std::result::Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let Form(pairs) = form.map_err(|_| bad_link(&ctx))?;
    let now = OffsetDateTime::now_utc();
    let request = Request::from_link(app.store(), &ctx.site, &ctx.lang, &pairs, now)
        .await?
        .ok_or_else(|| bad_link(&ctx))?;
    app.store()
        .confirm_subscriber(&NewSubscriber {
            site: ctx.site.id,
            email: request.email,
            language: ctx.lang.clone(),
            frequency: request.frequency,
            countries: request.countries,
            themes: request.themes,
            languages: request.languages,
            link_base: format!("{}{}", ctx.origin, ctx.base),
        })
        .await?;
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let layout = Layout::new(&app, &ctx, &menu, &ctx.t("subscribe-confirmed-title"), "", "subscribe");
    page(&app, &ctx, StatusCode::OK, context! { layout, step => "confirmed" })
}

fn link_fields(pairs: &[(String, String)]) -> (&str, &str) {
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str());
    (get("id"), get("s"))
}

/// `GET /{lang}/unsubscribe?id=…&s=…`: the button that unsubscribes.
pub async fn unsubscribe_form(
    State(app): State<App>,
    scope: Scope,
    Path(lang): Path<String>,
    query: std::result::Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let Query(pairs) = query.map_err(|_| bad_link(&ctx))?;
    let (id, signature) = link_fields(&pairs);
    let found = unsubscribe_target(app.store(), id, signature).await?.map_err(|()| bad_link(&ctx))?;
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let layout = Layout::new(&app, &ctx, &menu, &ctx.t("unsubscribe-title"), "", "subscribe");
    let step = if found.is_some() { "unsubscribe" } else { "unsubscribed" };
    let action = format!(
        "{}?id={}&s={}",
        ctx.url("unsubscribe"),
        crate::http::percent_encode(id),
        crate::http::percent_encode(signature)
    );
    page(&app, &ctx, StatusCode::OK, context! { layout, step, action })
}

/// `POST /{lang}/unsubscribe?id=…&s=…`: unsubscribes — from the page's button, or in one
/// click from a mail client (`List-Unsubscribe=One-Click`, RFC 8058: no cookie, no token but
/// the link's own signature). Unsubscribing twice answers as once.
pub async fn unsubscribe(
    State(app): State<App>,
    scope: Scope,
    Path(lang): Path<String>,
    query: std::result::Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response> {
    let ctx = app.ctx(&scope, &lang)?;
    let Query(pairs) = query.map_err(|_| bad_link(&ctx))?;
    let (id, signature) = link_fields(&pairs);
    let found = unsubscribe_target(app.store(), id, signature).await?.map_err(|()| bad_link(&ctx))?;
    if let Some(reader) = found {
        let audit = portico_store::Audit::system("reader", "mail_subscriber.unsubscribe");
        app.store().delete_subscriber(reader.id, &audit).await?;
    }
    let menu = app.menu(ctx.site.id, &ctx.lang).await?;
    let layout = Layout::new(&app, &ctx, &menu, &ctx.t("unsubscribe-title"), "", "subscribe");
    page(&app, &ctx, StatusCode::OK, context! { layout, step => "unsubscribed" })
}
