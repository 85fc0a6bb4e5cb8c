//! The demo content a fresh install loads: the organization's sections and a newsroom of
//! press releases, written for Portico (facts from the seed, our own words).

use portico_content::{Draft, Kind, Status, slugify};
use portico_store::{MenuItem, NewContact, NewDocument, NewPartner, NewSite, NewTheme, Store};
use serde::Deserialize;
use time::Date;

const TAXONOMY: &str = include_str!("../demo/taxonomy.toml");
const PAGES: &str = include_str!("../demo/pages.toml");
const RELEASES: &str = include_str!("../demo/releases.toml");

/// Why the demo content could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// A demo file does not parse.
    #[error("demo/{file}: {source}")]
    Parse {
        /// Which file.
        file: &'static str,
        /// What is wrong.
        #[source]
        source: toml::de::Error,
    },
    /// A demo entry breaks a content rule.
    #[error("demo/{file}: {entry}: {problem}")]
    Invalid {
        /// Which file.
        file: &'static str,
        /// Which entry (title or path).
        entry: String,
        /// What is wrong.
        problem: String,
    },
    /// The store refused a write.
    #[error(transparent)]
    Store(#[from] portico_store::StoreError),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Taxonomy {
    theme: Vec<ThemeEntry>,
    partner: Vec<PartnerEntry>,
    contact: Vec<ContactEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeEntry {
    slug: String,
    name: String,
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartnerEntry {
    slug: String,
    name: String,
    acronym: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactEntry {
    key: String,
    name: String,
    office: String,
    phone: String,
    email: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pages {
    page: Vec<PageEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageEntry {
    path: String,
    title: String,
    summary: String,
    body: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Releases {
    release: Vec<ReleaseEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReleaseEntry {
    title: String,
    dateline: String,
    date: String,
    countries: Vec<String>,
    themes: Vec<String>,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    programme: String,
    contacts: Vec<String>,
    summary: String,
    body: String,
}

fn parse<T: for<'de> Deserialize<'de>>(file: &'static str, text: &str) -> Result<T, DemoError> {
    toml::from_str(text).map_err(|source| DemoError::Parse { file, source })
}

/// The demo's press releases as drafts, validated; used by the loader and the tests.
fn release_drafts() -> Result<Vec<Draft>, DemoError> {
    let releases: Releases = parse("releases.toml", RELEASES)?;
    let date_format = time::macros::format_description!("[year]-[month]-[day]");
    releases
        .release
        .into_iter()
        .map(|entry| {
            let invalid = |problem: String| DemoError::Invalid {
                file: "releases.toml",
                entry: entry.title.clone(),
                problem,
            };
            let date = Date::parse(&entry.date, &date_format).map_err(|e| invalid(format!("date: {e}")))?;
            // Releases go out at 09:00 UTC on their date.
            let published_at = date.midnight().assume_utc() + time::Duration::hours(9);
            let draft = Draft {
                slug: slugify(&entry.title),
                title: entry.title.clone(),
                dateline: entry.dateline.clone(),
                published_at: Some(published_at),
                summary: entry.summary.clone(),
                body_markdown: entry.body.clone(),
                countries: entry.countries.clone(),
                themes: entry.themes.clone(),
                partners: entry.partners.clone(),
                programme: entry.programme.clone(),
                contacts: entry.contacts.clone(),
                image: None,
            };
            let errors = draft
                .validate(Kind::Release, |code| portico_geo::country(code).is_some_and(|c| c.iso2 == code));
            match errors.first() {
                Some(error) => Err(invalid(format!("{}: {}", error.field, error.message))),
                None => Ok(draft),
            }
        })
        .collect()
}

/// The menu: every top-level page with its children, and the newsroom last.
fn menu_from(pages: &[PageEntry]) -> Vec<MenuItem> {
    let mut menu: Vec<MenuItem> = Vec::new();
    for page in pages {
        let item = MenuItem { label: page.title.clone(), path: page.path.clone(), children: Vec::new() };
        match page.path.rsplit_once('/') {
            Some((parent, _)) => {
                if let Some(parent) = menu.iter_mut().find(|m| m.path == parent) {
                    parent.children.push(item);
                }
            }
            None => menu.push(item),
        }
    }
    menu.push(MenuItem { label: "News".to_owned(), path: "news".to_owned(), children: Vec::new() });
    menu
}

/// Loads the global site with its sections, taxonomy, releases and menu into an empty store.
pub async fn load(store: &Store) -> Result<(), DemoError> {
    let taxonomy: Taxonomy = parse("taxonomy.toml", TAXONOMY)?;
    let pages: Pages = parse("pages.toml", PAGES)?;
    let releases = release_drafts()?;
    for page in &pages.page {
        if !portico_content::is_valid_path(&page.path) {
            return Err(DemoError::Invalid {
                file: "pages.toml",
                entry: page.path.clone(),
                problem: "invalid path".to_owned(),
            });
        }
    }

    let site = store
        .create_site(&NewSite {
            key: "global".to_owned(),
            name: "International Organization for Migration".to_owned(),
            languages: vec!["en".to_owned()],
            country: None,
            hosts: vec!["localhost".to_owned(), "127.0.0.1".to_owned()],
            names: Default::default(),
            fallback_to_default: true,
        })
        .await?;
    for theme in taxonomy.theme {
        store
            .upsert_theme(&NewTheme { slug: theme.slug, name: theme.name, description: theme.description })
            .await?;
    }
    for partner in taxonomy.partner {
        store
            .upsert_partner(&NewPartner { slug: partner.slug, name: partner.name, acronym: partner.acronym })
            .await?;
    }
    for contact in taxonomy.contact {
        store
            .upsert_contact(&NewContact {
                key: contact.key,
                name: contact.name,
                office: contact.office,
                phone: contact.phone,
                email: contact.email,
            })
            .await?;
    }
    let published_at = Some(portico_store::now());
    for page in &pages.page {
        let draft = Draft {
            title: page.title.clone(),
            slug: page.path.clone(),
            summary: page.summary.clone(),
            body_markdown: page.body.clone(),
            published_at,
            ..Draft::default()
        };
        store
            .create_document(&NewDocument {
                site,
                kind: Kind::Page,
                language: "en".to_owned(),
                draft,
                status: Status::Published,
                author: None,
            })
            .await?;
    }
    for draft in releases {
        store
            .create_document(&NewDocument {
                site,
                kind: Kind::Release,
                language: "en".to_owned(),
                draft,
                status: Status::Published,
                author: None,
            })
            .await?;
    }
    store.replace_menu(site, "en", &menu_from(&pages.page)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_release_is_valid() {
        let drafts = release_drafts().expect("demo releases are valid");
        assert!(drafts.len() >= 12);
        let mut slugs: Vec<_> = drafts.iter().map(|d| d.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), drafts.len(), "slugs are unique");
    }

    #[test]
    fn the_menu_nests_children_under_their_sections() {
        let pages: Pages = parse("pages.toml", PAGES).expect("pages parse");
        let menu = menu_from(&pages.page);
        let our_work = menu.iter().find(|m| m.path == "our-work").expect("our work");
        let children: Vec<_> = our_work.children.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(children, ["our-work/what-we-do", "our-work/partnerships", "our-work/highlights"]);
        assert_eq!(menu.last().map(|m| m.path.as_str()), Some("news"));
    }
}
