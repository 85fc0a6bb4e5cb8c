//! The theme: templates and the stylesheet built into the binary, each overridable by a file
//! of the same name in a theme folder given at run time.

use std::path::PathBuf;

use minijinja::Environment;
use serde::Serialize;

/// Templates of the default theme, by name.
const EMBEDDED: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../themes/default/templates/base.html")),
    ("macros.html", include_str!("../../../themes/default/templates/macros.html")),
    ("home.html", include_str!("../../../themes/default/templates/home.html")),
    ("page.html", include_str!("../../../themes/default/templates/page.html")),
    ("goal.html", include_str!("../../../themes/default/templates/goal.html")),
    ("news.html", include_str!("../../../themes/default/templates/news.html")),
    ("search.html", include_str!("../../../themes/default/templates/search.html")),
    ("news_elsewhere.html", include_str!("../../../themes/default/templates/news_elsewhere.html")),
    ("admin/feeds.html", include_str!("../../../themes/default/templates/admin/feeds.html")),
    ("admin/redirects.html", include_str!("../../../themes/default/templates/admin/redirects.html")),
    ("release.html", include_str!("../../../themes/default/templates/release.html")),
    ("vacancies.html", include_str!("../../../themes/default/templates/vacancies.html")),
    ("vacancy.html", include_str!("../../../themes/default/templates/vacancy.html")),
    ("subscribe.html", include_str!("../../../themes/default/templates/subscribe.html")),
    ("email/news.html", include_str!("../../../themes/default/templates/email/news.html")),
    ("email/confirm.html", include_str!("../../../themes/default/templates/email/confirm.html")),
    ("admin/subscribers.html", include_str!("../../../themes/default/templates/admin/subscribers.html")),
    ("publications.html", include_str!("../../../themes/default/templates/publications.html")),
    ("publication.html", include_str!("../../../themes/default/templates/publication.html")),
    ("where_we_work.html", include_str!("../../../themes/default/templates/where_we_work.html")),
    ("country.html", include_str!("../../../themes/default/templates/country.html")),
    ("error.html", include_str!("../../../themes/default/templates/error.html")),
    ("admin/base.html", include_str!("../../../themes/default/templates/admin/base.html")),
    ("admin/login_base.html", include_str!("../../../themes/default/templates/admin/login_base.html")),
    ("admin/login.html", include_str!("../../../themes/default/templates/admin/login.html")),
    ("admin/login_code.html", include_str!("../../../themes/default/templates/admin/login_code.html")),
    ("admin/two_factor.html", include_str!("../../../themes/default/templates/admin/two_factor.html")),
    ("admin/dashboard.html", include_str!("../../../themes/default/templates/admin/dashboard.html")),
    ("admin/edit.html", include_str!("../../../themes/default/templates/admin/edit.html")),
    ("admin/revisions.html", include_str!("../../../themes/default/templates/admin/revisions.html")),
    ("admin/diff.html", include_str!("../../../themes/default/templates/admin/diff.html")),
    ("admin/media.html", include_str!("../../../themes/default/templates/admin/media.html")),
    ("admin/media_edit.html", include_str!("../../../themes/default/templates/admin/media_edit.html")),
    ("admin/menus.html", include_str!("../../../themes/default/templates/admin/menus.html")),
    ("admin/audit.html", include_str!("../../../themes/default/templates/admin/audit.html")),
    ("admin/account.html", include_str!("../../../themes/default/templates/admin/account.html")),
    ("admin/sites.html", include_str!("../../../themes/default/templates/admin/sites.html")),
    ("admin/site_edit.html", include_str!("../../../themes/default/templates/admin/site_edit.html")),
    ("admin/translations.html", include_str!("../../../themes/default/templates/admin/translations.html")),
    ("admin/users.html", include_str!("../../../themes/default/templates/admin/users.html")),
    ("admin/error.html", include_str!("../../../themes/default/templates/admin/error.html")),
    ("admin/error_plain.html", include_str!("../../../themes/default/templates/admin/error_plain.html")),
    ("admin/error_body.html", include_str!("../../../themes/default/templates/admin/error_body.html")),
    ("admin/taxonomy.html", include_str!("../../../themes/default/templates/admin/taxonomy.html")),
    (
        "admin/taxonomy_entry.html",
        include_str!("../../../themes/default/templates/admin/taxonomy_entry.html"),
    ),
    ("admin/contact_edit.html", include_str!("../../../themes/default/templates/admin/contact_edit.html")),
    ("admin/overview.html", include_str!("../../../themes/default/templates/admin/overview.html")),
    ("admin/paste.html", include_str!("../../../themes/default/templates/admin/paste.html")),
    ("admin/person.html", include_str!("../../../themes/default/templates/admin/person.html")),
    (
        "admin/password_reset.html",
        include_str!("../../../themes/default/templates/admin/password_reset.html"),
    ),
];

/// The default stylesheet.
const EMBEDDED_CSS: &str = include_str!("../../../themes/default/static/style.css");
/// The back office's stylesheet.
const ADMIN_CSS: &str = include_str!("../../../themes/default/static/admin.css");
/// The back office's one script: progressive enhancement only.
pub const ADMIN_JS: &str = include_str!("../../../themes/default/static/admin.js");
/// The public site's one script: copy buttons for citations, progressive enhancement only.
pub const COPY_JS: &str = include_str!("../../../themes/default/static/copy.js");
/// The rich editor of document bodies, built from `editor/` by `scripts/build-editor`.
pub const EDITOR_JS: &str = include_str!("../../../themes/default/static/editor.js");
/// The rich editor's stylesheet, built with it.
pub const EDITOR_CSS: &str = include_str!("../../../themes/default/static/editor.css");

/// Escapes strings for HTML like the default formatter, but leaves `/` alone: minijinja
/// writes it as `&#x2f;`, which bloats every URL in a page and protects nothing in a
/// quoted attribute or text.
fn html_formatter(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text) if state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe() => {
            let mut last = 0;
            for (i, byte) in text.bytes().enumerate() {
                let entity = match byte {
                    b'&' => "&amp;",
                    b'<' => "&lt;",
                    b'>' => "&gt;",
                    b'"' => "&quot;",
                    b'\'' => "&#39;",
                    _ => continue,
                };
                out.write_str(&text[last..i])?;
                out.write_str(entity)?;
                last = i + 1;
            }
            out.write_str(&text[last..])?;
            Ok(())
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// A rendering failure: a template that does not parse or refers to something missing.
#[derive(Debug, thiserror::Error)]
#[error("template {name}: {source}")]
pub struct RenderError {
    name: String,
    #[source]
    source: minijinja::Error,
}

/// The compiled templates and the stylesheet.
pub struct Theme {
    env: Environment<'static>,
    /// The stylesheet's bytes.
    pub css: Vec<u8>,
    /// A short fingerprint of the stylesheet, for cache-busting URLs.
    pub css_version: String,
    /// A short fingerprint of the back office's stylesheets and scripts.
    pub admin_css_version: String,
}

impl Theme {
    /// Loads the default theme, with any file in `override_dir` (`templates/NAME`,
    /// `static/style.css`) taking the place of the built-in one.
    pub fn load(
        override_dir: Option<PathBuf>,
        i18n: std::sync::Arc<crate::i18n::I18n>,
    ) -> std::io::Result<Theme> {
        let css = match &override_dir {
            Some(dir) if dir.join("static/style.css").is_file() => {
                std::fs::read(dir.join("static/style.css"))?
            }
            _ => EMBEDDED_CSS.as_bytes().to_vec(),
        };
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_formatter(html_formatter);
        // `t("key", name=value…)`: an interface string in the page's language (`layout.lang`).
        env.add_function(
            "t",
            move |state: &minijinja::State<'_, '_>, key: String, kwargs: minijinja::value::Kwargs| {
                let language = state
                    .lookup("layout")
                    .and_then(|layout| layout.get_attr("lang").ok())
                    .and_then(|lang| lang.as_str().map(str::to_owned))
                    .unwrap_or_else(|| "en".to_owned());
                let mut args = fluent_bundle::FluentArgs::new();
                for name in kwargs.args() {
                    let value: minijinja::Value = kwargs.get(name)?;
                    match value.as_i64() {
                        Some(number) => args.set(name.to_owned(), number),
                        None => args.set(name.to_owned(), value.to_string()),
                    }
                }
                Ok::<_, minijinja::Error>(i18n.t(&language, &key, Some(&args)))
            },
        );
        env.set_loader(move |name| {
            if let Some(dir) = &override_dir {
                let path = dir.join("templates").join(name);
                // Names come from our own code, never from a request, so no traversal check.
                if path.is_file() {
                    return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                        minijinja::Error::new(minijinja::ErrorKind::TemplateNotFound, e.to_string())
                    });
                }
            }
            Ok(EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, source)| (*source).to_owned()))
        });
        // The public script is versioned with the stylesheet: one query string for both.
        let css_version =
            crate::http::etag_of(&[css.as_slice(), COPY_JS.as_bytes()].concat())[..10].to_owned();
        let admin_css_version =
            crate::http::etag_of(format!("{ADMIN_CSS}{ADMIN_JS}{EDITOR_CSS}{EDITOR_JS}").as_bytes())[..10]
                .to_owned();
        Ok(Theme { env, css, css_version, admin_css_version })
    }

    /// The back office's stylesheet.
    pub fn admin_css(&self) -> &'static str {
        ADMIN_CSS
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: impl Serialize) -> Result<String, RenderError> {
        let wrap = |source| RenderError { name: name.to_owned(), source };
        self.env.get_template(name).map_err(wrap)?.render(context).map_err(wrap)
    }

    /// Checks every built-in template compiles, so a broken theme fails at start, not on a
    /// reader's request.
    pub fn check(&self) -> Result<(), RenderError> {
        for (name, _) in EMBEDDED {
            self.env.get_template(name).map_err(|source| RenderError { name: (*name).to_owned(), source })?;
        }
        Ok(())
    }
}
