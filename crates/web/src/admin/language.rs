//! The back office's language: the person's own choice (the `portico_lang` cookie, set on
//! the account page), else the best match of their browser's `Accept-Language`, else English.
//!
//! Only the interface changes with it; documents keep the languages they are written in.

use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::{FormData, see_other};
use crate::WebError;
use crate::i18n::I18n;
use crate::session::{self as auth, Signed};

use crate::i18n::LANGUAGE_COOKIE as COOKIE;

/// How long a chosen language is remembered.
const REMEMBER: time::Duration = time::Duration::days(365);

/// One choice of the language selector.
#[derive(Debug, Serialize)]
pub struct LanguageChoice {
    /// The language code, or "" for "as the browser asks".
    value: &'static str,
    /// The language's name for itself.
    label: String,
    /// Whether it is the current choice.
    selected: bool,
    /// The language tag and direction of the label, so each name is read in its own script.
    lang: &'static str,
    dir: &'static str,
}

/// The selector's choices: the browser's language, then every interface language by its own
/// name.
pub fn choices(headers: &HeaderMap, user: &Signed) -> Vec<LanguageChoice> {
    let chosen =
        crate::http::cookie(headers, COOKIE).and_then(|value| I18n::languages().find(|code| *code == value));
    std::iter::once(LanguageChoice {
        value: "",
        label: user.t("admin-language-browser"),
        selected: chosen.is_none(),
        lang: user.lang,
        dir: I18n::direction(user.lang),
    })
    .chain(I18n::languages().map(|code| LanguageChoice {
        value: code,
        label: I18n::endonym(code).to_owned(),
        selected: chosen == Some(code),
        lang: code,
        dir: I18n::direction(code),
    }))
    .collect()
}

/// `POST /admin/account/language`: remembers the chosen language in a cookie, or forgets it
/// (an empty choice) to follow the browser again.
pub async fn set(headers: HeaderMap, user: Signed, form: FormData) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let value = form.get("language");
    let cookie = if value.is_empty() {
        auth::set_cookie(&headers, COOKIE, "", time::Duration::ZERO)
    } else {
        let code = I18n::languages()
            .find(|code| *code == value)
            .ok_or_else(|| WebError::BadRequest(user.t("error-language")))?;
        auth::set_cookie(&headers, COOKIE, code, REMEMBER)
    };
    let mut response = see_other("/admin/account", "language").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}
