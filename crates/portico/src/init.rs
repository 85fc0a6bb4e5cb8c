//! `portico init`: an organization's own site, empty and working, in place of the demo: the
//! global site with its name in its languages and its public address, the organization's
//! sections as empty published pages with their menus, and the first administrator.
//!
//! Every answer is checked before the database is touched, and the store writes it all in one
//! transaction (see `Store::initialize`), so a refusal or a failure leaves nothing behind.
//! The password is never echoed, printed or logged.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use portico_content::{Draft, Kind, Role};
use portico_store::{InitialPage, Installation, MenuItem, NewSite, NewUser, Store, StoreError};
use portico_web::session as auth;
use serde::Deserialize;

const SECTIONS: &str = include_str!("../init/sections.toml");

/// The environment variable `portico init` reads the administrator's password from when no
/// `--password-file` is given.
pub const PASSWORD_ENV: &str = "PORTICO_ADMIN_PASSWORD";

/// What `portico init` was given; a missing value is asked for on a terminal.
#[derive(Debug, Clone, Default)]
pub struct InitArgs {
    /// The organization's name in the default language.
    pub name: Option<String>,
    /// `LANG=NAME`: its name in the site's other languages.
    pub names: Vec<String>,
    /// Where readers find the global site: `https://www.example.org`.
    pub public_url: Option<String>,
    /// Comma-separated language codes, the default first.
    pub languages: Option<String>,
    /// The first administrator's email.
    pub admin_email: Option<String>,
    /// Their display name.
    pub admin_name: String,
    /// A file whose first line is their password.
    pub password_file: Option<PathBuf>,
}

/// A public address, checked: its scheme and host name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    /// `http` or `https`.
    pub scheme: String,
    /// The host name, lowercased, without a port.
    pub host: String,
    /// The port, when one is given.
    pub port: Option<u16>,
}

impl PublicUrl {
    /// Whether readers reach the site over TLS.
    pub fn is_https(&self) -> bool {
        self.scheme == "https"
    }
}

impl std::fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        if let Some(port) = self.port {
            write!(f, ":{port}")?;
        }
        Ok(())
    }
}

/// Parses `https://www.example.org` (a port and a trailing `/` allowed, nothing else); the
/// error says what is wrong, for `--public-url` to name.
pub fn parse_public_url(text: &str) -> Result<PublicUrl, String> {
    let text = text.trim();
    let (scheme, rest) = text
        .split_once("://")
        .ok_or_else(|| format!("{text:?} is not a URL such as https://www.example.org"))?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!("{text:?} must start with https:// or http://"));
    }
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.contains(['/', '?', '#', '@']) {
        return Err(format!("{text:?} must be only a scheme and a host, such as https://www.example.org"));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => {
            let port: u16 = port
                .parse()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| format!("{text:?} has an invalid port"))?;
            (host, Some(port))
        }
        None => (authority, None),
    };
    let host = host.to_ascii_lowercase();
    let valid = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !valid {
        return Err(format!("{text:?} does not name a host such as www.example.org"));
    }
    Ok(PublicUrl { scheme, host, port })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sections {
    section: Vec<BTreeMap<String, SectionName>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct SectionName {
    title: String,
    path: String,
}

/// A section's name in `language`, or its English one.
fn name_in<'a>(section: &'a BTreeMap<String, SectionName>, language: &str) -> Option<&'a SectionName> {
    section.get(language).or_else(|| section.get("en"))
}

/// A menu per language.
type Menus = Vec<(String, Vec<MenuItem>)>;

/// The section pages and menus of a site in `languages` (the default first), checked
/// against the content rules.
fn sections(languages: &[String], news: impl Fn(&str) -> String) -> Result<(Vec<InitialPage>, Menus)> {
    let sections: Sections = toml::from_str(SECTIONS).context("init/sections.toml")?;
    let default = languages.first().map(String::as_str).unwrap_or("en");
    let mut pages = Vec::new();
    for section in &sections.section {
        let original =
            name_in(section, default).context("init/sections.toml: a section has no English name")?;
        let mut variants = vec![(default.to_owned(), original.clone())];
        for language in languages.iter().skip(1) {
            if let Some(name) = section.get(language.as_str()) {
                variants.push((language.clone(), name.clone()));
            }
        }
        let mut drafts = Vec::new();
        for (language, name) in variants {
            let draft = Draft { title: name.title.clone(), slug: name.path.clone(), ..Draft::default() };
            if let Some(problem) = draft.validate(Kind::Page, |_| false).first() {
                bail!("init/sections.toml: {:?} in {language}: {}", name.path, problem.message);
            }
            drafts.push((language, draft));
        }
        pages.push(InitialPage { variants: drafts });
    }
    let mut menus = Vec::new();
    for language in languages {
        // A language without its own names links to the default language's pages.
        let shown = if sections.section.iter().all(|s| s.contains_key(language.as_str())) {
            language.as_str()
        } else {
            default
        };
        let mut menu: Vec<MenuItem> = Vec::new();
        for (section, english) in
            sections.section.iter().filter_map(|s| s.get("en").map(|english| (s, english)))
        {
            let Some(name) = name_in(section, shown) else { continue };
            let item = MenuItem { label: name.title.clone(), path: name.path.clone(), children: Vec::new() };
            if english.path.contains('/') {
                let Some(parent) = menu.last_mut() else {
                    bail!("init/sections.toml: {:?} comes before its parent", english.path)
                };
                parent.children.push(item);
            } else {
                menu.push(item);
            }
        }
        menu.push(MenuItem { label: news(language), path: "news".to_owned(), children: Vec::new() });
        menus.push((language.clone(), menu));
    }
    Ok((pages, menus))
}

/// Asks on the terminal for a value that was not given, or says which flag is missing.
fn ask(flag: &str, question: &str) -> Result<String> {
    if !std::io::stdin().is_terminal() {
        bail!("{flag} is missing (and there is no terminal to ask on)");
    }
    eprint!("{question}: ");
    std::io::stderr().flush().ok();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).with_context(|| format!("cannot read {flag}"))?;
    Ok(line.trim().to_owned())
}

fn given_or_asked(value: &Option<String>, flag: &str, question: &str) -> Result<String> {
    match value {
        Some(value) => Ok(value.trim().to_owned()),
        None => ask(flag, question),
    }
}

/// The administrator's password: from `--password-file`, else [`PASSWORD_ENV`], else asked
/// twice on the terminal without echo.
fn read_password(file: Option<&PathBuf>) -> Result<String> {
    let password = if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("--password-file {}: cannot read it", file.display()))?;
        text.lines().next().unwrap_or("").to_owned()
    } else if let Ok(password) = std::env::var(PASSWORD_ENV) {
        password
    } else if std::io::stdin().is_terminal() {
        let first =
            rpassword::prompt_password("Administrator's password: ").context("cannot read the password")?;
        let second =
            rpassword::prompt_password("The same password again: ").context("cannot read the password")?;
        if first != second {
            bail!("the two passwords differ");
        }
        first
    } else {
        bail!("the administrator's password is missing: give --password-file or set {PASSWORD_ENV}");
    };
    if password.chars().count() < auth::MIN_PASSWORD {
        let from = match file {
            Some(file) => format!("--password-file {}", file.display()),
            None => "the password".to_owned(),
        };
        bail!("{from}: the password needs at least {} characters", auth::MIN_PASSWORD);
    }
    Ok(password)
}

/// Everything `portico init` will write, checked, with the password still in clear.
struct Plan {
    site: NewSite,
    public_url: PublicUrl,
    email: String,
    admin_name: String,
    password: String,
}

fn plan(args: &InitArgs) -> Result<Plan> {
    let name = given_or_asked(&args.name, "--name", "The organization's name")?;
    let languages_text = match &args.languages {
        Some(languages) => languages.clone(),
        None if std::io::stdin().is_terminal() => {
            let answer = ask("--languages", "Languages, the default first [en]")?;
            if answer.is_empty() { "en".to_owned() } else { answer }
        }
        None => "en".to_owned(),
    };
    let languages: Vec<String> =
        languages_text.split(',').map(|l| l.trim().to_lowercase()).filter(|l| !l.is_empty()).collect();
    // The name and languages first, so that a name is asked for in each valid language.
    if let Err(problem) = portico_web::admin::sites::validate_site("global", &name, &languages, &[], None) {
        bail!("{problem}");
    }
    let mut names = BTreeMap::new();
    for entry in &args.names {
        let (language, text) = entry.split_once('=').ok_or_else(|| {
            anyhow::anyhow!("--name-in {entry:?}: write it as LANG=NAME, such as fr=Organisation")
        })?;
        let language = language.trim().to_lowercase();
        let text = text.trim();
        if !languages.iter().skip(1).any(|l| *l == language) {
            bail!(
                "--name-in {entry:?}: {language:?} is not one of the site's other languages ({})",
                languages.join(", ")
            );
        }
        if text.is_empty() || text.chars().count() > 200 {
            bail!("--name-in {entry:?}: give a name of 1 to 200 characters");
        }
        names.insert(language, text.to_owned());
    }
    if args.names.is_empty() && args.name.is_none() {
        for language in languages.iter().skip(1) {
            let answer = ask("--name-in", &format!("The name in {language} (empty: the same)"))?;
            if !answer.is_empty() {
                names.insert(language.clone(), answer);
            }
        }
    }
    let public_url_text =
        given_or_asked(&args.public_url, "--public-url", "Public address (https://www.example.org)")?;
    let public_url =
        parse_public_url(&public_url_text).map_err(|problem| anyhow::anyhow!("--public-url {problem}"))?;
    let hosts = vec![public_url.host.clone()];
    let email_text = given_or_asked(&args.admin_email, "--admin-email", "Administrator's email")?;
    let email = email_text.trim().to_lowercase();
    if !portico_web::admin::is_plausible_email(&email) {
        bail!("--admin-email {email_text:?} is not an email address");
    }
    let password = read_password(args.password_file.as_ref())?;
    let site = NewSite {
        key: "global".to_owned(),
        name,
        languages,
        country: None,
        hosts,
        names,
        fallback_to_default: true,
    };
    Ok(Plan { site, public_url, email, admin_name: args.admin_name.trim().to_owned(), password })
}

/// What `portico init` reports.
#[derive(Debug, Clone)]
pub struct Initialized {
    /// The site's public address.
    pub public_url: PublicUrl,
    /// Section pages written, over every language.
    pub variants: usize,
}

/// Checks every answer, then asks `open_store` for the database (so that a wrong answer
/// creates no data folder or database), and writes the site in one transaction; refuses a
/// database that already has a site.
pub async fn init<F, Fut>(args: &InitArgs, open_store: F) -> Result<Initialized>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<Store>>,
{
    let plan = plan(args)?;
    let i18n = portico_web::i18n::I18n::load()
        .map_err(|problem| anyhow::anyhow!("the interface strings: {problem}"))?;
    let (pages, menus) = sections(&plan.site.languages, |language| i18n.t(language, "nav-news", None))?;
    let store = open_store().await?;
    let result = write(&store, plan, pages, menus).await;
    store.close().await;
    result
}

const ALREADY: &str = "this database already has a site (the demo or an earlier `portico init`); \
     init needs an empty one: give another --database, or a fresh --data folder";

async fn write(store: &Store, plan: Plan, pages: Vec<InitialPage>, menus: Menus) -> Result<Initialized> {
    if !store.is_empty().await? {
        bail!(ALREADY);
    }
    let password_hash = auth::hash_password(plan.password).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let admin = NewUser {
        email: plan.email,
        name: plan.admin_name,
        password_hash,
        role: Role::Admin,
        sites: Vec::new(),
    };
    let setup = Installation { site: plan.site, pages, menus, admin, client: "cli".to_owned() };
    match store.initialize(&setup).await {
        Ok(done) => Ok(Initialized { public_url: plan.public_url, variants: done.variants }),
        Err(StoreError::Conflict { field }) if field == portico_store::ALREADY_INITIALIZED => bail!(ALREADY),
        Err(err) => Err(err).context("cannot write the site"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_are_a_scheme_and_a_host() {
        let url = parse_public_url("HTTPS://News.Example.org/").expect("valid");
        assert_eq!(url, PublicUrl { scheme: "https".into(), host: "news.example.org".into(), port: None });
        assert!(url.is_https());
        assert_eq!(parse_public_url("http://localhost:8080").expect("valid").port, Some(8080));
        for bad in [
            "www.example.org",
            "ftp://x.org",
            "https://x.org/path",
            "https://",
            "https://a_b.org",
            "https://x.org:0",
        ] {
            assert!(parse_public_url(bad).is_err(), "{bad} is refused");
        }
    }

    #[test]
    fn every_section_is_a_valid_page_in_every_language_and_children_nest() {
        let languages: Vec<String> = ["fr", "en", "es", "de", "ar", "pt"].map(String::from).to_vec();
        let (pages, menus) = sections(&languages, |l| format!("news-{l}")).expect("sections");
        assert_eq!(pages.len(), 12);
        // Portuguese has no names of its own: no version of its own, and the menu in French.
        assert!(pages.iter().all(|p| p.variants.len() == 5 && p.variants[0].0 == "fr"));
        let (_, portuguese) = menus.iter().find(|(l, _)| l == "pt").expect("pt menu");
        assert_eq!(portuguese[0].path, "qui-sommes-nous");
        let (_, english) = menus.iter().find(|(l, _)| l == "en").expect("en menu");
        let our_work = english.iter().find(|m| m.path == "our-work").expect("our work");
        let children: Vec<_> = our_work.children.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(children, ["our-work/what-we-do", "our-work/partnerships", "our-work/highlights"]);
        assert_eq!(english.last().map(|m| m.label.as_str()), Some("news-en"));
        for (_, menu) in &menus {
            for child in menu.iter().flat_map(|m| m.children.iter().map(move |c| (m, c))) {
                assert!(
                    child.1.path.starts_with(&format!("{}/", child.0.path)),
                    "{} under {}",
                    child.1.path,
                    child.0.path
                );
            }
        }
    }
}
