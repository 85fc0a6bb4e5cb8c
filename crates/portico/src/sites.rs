//! `portico site add`: a country office's site from the command line.

use anyhow::{Result, bail};
use portico_content::validate_site;
use portico_store::{Actor, NewSite, Store, StoreError};

/// What `portico site add` was given.
#[derive(Debug, Clone)]
pub struct SiteAdd {
    /// Stable key.
    pub key: String,
    /// Name in the default language.
    pub name: String,
    /// Host names.
    pub hosts: Vec<String>,
    /// Comma-separated language codes, the default first.
    pub languages: String,
    /// ISO 3166-1 alpha-2 of a country office.
    pub country: Option<String>,
    /// Answer 404 instead of falling back to the default language.
    pub no_fallback: bool,
}

/// Creates the site; every argument is checked before anything is written.
pub async fn add_site(store: &Store, args: &SiteAdd) -> Result<()> {
    let languages: Vec<String> =
        args.languages.split(',').map(|l| l.trim().to_lowercase()).filter(|l| !l.is_empty()).collect();
    let hosts: Vec<String> = args.hosts.iter().map(|h| h.trim().to_lowercase()).collect();
    let country = args.country.as_ref().map(|c| c.trim().to_uppercase());
    let is_country = |code: &str| portico_geo::country(code).is_some_and(|c| c.iso2 == code);
    if let Err(problem) =
        validate_site(&args.key, args.name.trim(), &languages, &hosts, country.as_deref(), is_country)
    {
        bail!("{}", problem.message);
    }
    let site = NewSite {
        key: args.key.clone(),
        name: args.name.trim().to_owned(),
        languages,
        country,
        hosts,
        names: Default::default(),
        fallback_to_default: !args.no_fallback,
    };
    let audit = cli_actor().doing("site.create").with_detail(format!("{}, from the command line", site.key));
    match store.create_site(&site, &audit).await {
        Ok(_) => {}
        Err(StoreError::Conflict { field: "host" }) => {
            bail!("a host name in --host is already used by another site")
        }
        Err(StoreError::Conflict { .. }) => bail!("--key {:?} is already used by another site", args.key),
        Err(err) => return Err(err.into()),
    }
    println!(
        "Created site {} ({}); a running server picks it up within a minute.",
        site.key,
        site.languages.join(", ")
    );
    Ok(())
}

/// The command line as the audit log names it: an operator at the machine, not a person with
/// an account.
pub fn cli_actor() -> Actor {
    Actor { client: "cli".to_owned(), ..Actor::system("cli") }
}
