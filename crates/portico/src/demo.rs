//! The demo content a fresh install loads: the organization's sections and a newsroom of
//! press releases, written for Portico (facts from the seed, our own words).

use std::collections::BTreeMap;

use portico_content::{Draft, Kind, Status, slugify};
use portico_store::{
    Audit, ContactName, MenuItem, NewContact, NewDocument, NewPartner, NewProgramme, NewSite, NewTheme,
    PartnerName, ProgrammeName, Store, ThemeName,
};
use serde::Deserialize;
use time::Date;

const TAXONOMY: &str = include_str!("../demo/taxonomy.toml");
const PAGES: &str = include_str!("../demo/pages.toml");
const RELEASES: &str = include_str!("../demo/releases.toml");
const SITES: &str = include_str!("../demo/sites.toml");
const TRANSLATIONS: &str = include_str!("../demo/translations.toml");
const VACANCIES: &str = include_str!("../demo/vacancies.toml");
const PUBLICATIONS: &str = include_str!("../demo/publications.toml");
/// Each country site's content, by site key.
const COUNTRY_SITES: &[(&str, &str, &str)] = &[
    ("sv", "site-sv.toml", include_str!("../demo/site-sv.toml")),
    ("sn", "site-sn.toml", include_str!("../demo/site-sn.toml")),
    ("jo", "site-jo.toml", include_str!("../demo/site-jo.toml")),
    ("de", "site-de.toml", include_str!("../demo/site-de.toml")),
];

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
    /// A demo PDF could not be stored.
    #[error("demo/publications.toml: {0}")]
    Media(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Taxonomy {
    theme: Vec<ThemeEntry>,
    partner: Vec<PartnerEntry>,
    contact: Vec<ContactEntry>,
    programme: Vec<ProgrammeEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgrammeEntry {
    slug: String,
    name: String,
    description: String,
    /// The key of the site that keeps it for itself; every site's when absent.
    #[serde(default)]
    site: Option<String>,
    /// Its name by language code.
    #[serde(default)]
    names: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeEntry {
    slug: String,
    name: String,
    description: String,
    /// Its name by language code: French, Spanish, Arabic and German pages name it so.
    #[serde(default)]
    names: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartnerEntry {
    slug: String,
    name: String,
    acronym: String,
    /// Its name and acronym by language code: Spanish pages name UNHCR "ACNUR".
    #[serde(default)]
    names: BTreeMap<String, LocalPartnerName>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LocalPartnerName {
    name: String,
    #[serde(default)]
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
    /// Its office by language code: Spanish pages say "OIM El Salvador".
    #[serde(default)]
    offices: BTreeMap<String, String>,
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
    /// Sustainable Development Goals and targets the section serves.
    #[serde(default)]
    goals: Vec<String>,
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
    /// Sustainable Development Goals and targets it serves.
    #[serde(default)]
    goals: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sites {
    site: Vec<SiteEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteEntry {
    key: String,
    name: String,
    #[serde(default)]
    names: BTreeMap<String, String>,
    languages: Vec<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    hosts: Vec<String>,
    missing: String,
}

/// A page or release of a country site, or a translation (`of` names its original by path
/// or slug). Translations carry only the words; the facts come from the original.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    of: Option<String>,
    lang: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    slug: Option<String>,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    dateline: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    contacts: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entries {
    #[serde(default)]
    page: Vec<Entry>,
    #[serde(default)]
    release: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vacancies {
    vacancy: Vec<VacancyEntry>,
}

/// A demo vacancy; its times are days from the day the demo is loaded.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VacancyEntry {
    site: String,
    slug: String,
    title: String,
    summary: String,
    body: String,
    reference: String,
    duty_city: String,
    duty_country: String,
    grade: String,
    contract: String,
    duration: String,
    unit: String,
    opens: i64,
    closes: i64,
    time: String,
    offset: String,
    eligibility: String,
    apply_to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Publications {
    publication: Vec<PublicationEntry>,
}

/// A demo publication of the global site, in English, with its other language versions.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicationEntry {
    slug: String,
    title: String,
    summary: String,
    body: String,
    year: i32,
    authors: String,
    form: String,
    #[serde(default)]
    isbn: String,
    #[serde(default)]
    issn: String,
    #[serde(default)]
    series: String,
    countries: Vec<String>,
    themes: Vec<String>,
    goals: Vec<String>,
    #[serde(default)]
    translation: Vec<PublicationVersion>,
}

/// Another language version of a demo publication.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicationVersion {
    lang: String,
    slug: String,
    title: String,
    summary: String,
    body: String,
}

/// The demo's publications as (entry, English draft without its PDF), validated.
fn publication_drafts() -> Result<Vec<(PublicationEntry, Draft)>, DemoError> {
    let publications: Publications = parse("publications.toml", PUBLICATIONS)?;
    let is_country = |code: &str| portico_geo::country(code).is_some_and(|c| c.iso2 == code);
    publications
        .publication
        .into_iter()
        .map(|entry| {
            let invalid = |problem: String| DemoError::Invalid {
                file: "publications.toml",
                entry: entry.slug.clone(),
                problem,
            };
            let form = portico_content::publication::Form::parse(&entry.form)
                .ok_or_else(|| invalid(format!("form {:?}", entry.form)))?;
            // Published on 15 March of their year, or a day ago for this year's.
            let march = Date::from_calendar_date(entry.year, time::Month::March, 15)
                .map_err(|e| invalid(format!("year: {e}")))?
                .midnight()
                .assume_utc();
            let draft = Draft {
                title: entry.title.clone(),
                slug: entry.slug.clone(),
                published_at: Some(march.min(portico_store::now() - time::Duration::days(1))),
                summary: entry.summary.clone(),
                body_markdown: entry.body.clone(),
                countries: entry.countries.clone(),
                themes: entry.themes.clone(),
                goals: entry.goals.clone(),
                publication: Some(portico_content::publication::Publication {
                    year: entry.year,
                    authors: entry.authors.clone(),
                    form,
                    isbn: entry.isbn.clone(),
                    issn: entry.issn.clone(),
                    series: entry.series.clone(),
                    cover: None,
                }),
                ..Draft::default()
            };
            match draft.validate(Kind::Publication, is_country).first() {
                Some(error) => Err(invalid(format!("{}: {}", error.field, error.message))),
                None => Ok((entry, draft)),
            }
        })
        .collect()
}

/// A demo PDF of a language version: its title and summary on the first page, each section of
/// its body on a page of its own; stored with its row as an upload is.
async fn demo_pdf(
    store: &Store,
    media: &portico_media::MediaStorage,
    site: portico_content::SiteId,
    slug: &str,
    title: &str,
    summary: &str,
    body: &str,
) -> Result<portico_content::MediaId, DemoError> {
    let mut pages = vec![vec![title.to_owned(), summary.to_owned()]];
    for section in body.split("## ").map(str::trim).filter(|s| !s.is_empty()) {
        let mut lines = section.lines().filter(|l| !l.trim().is_empty());
        let heading = lines.next().unwrap_or_default().to_owned();
        let mut page = vec![heading];
        // The standard fonts do not wrap: lines of about ninety characters fit an A4 page.
        for paragraph in lines {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                if line.len() + word.len() > 90 {
                    page.push(std::mem::take(&mut line));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            page.push(line);
            page.push(String::new());
        }
        pages.push(page);
    }
    let bytes = portico_media::text_pdf(title, &pages);
    let contents =
        portico_media::inspect_pdf(&bytes).map_err(|e| DemoError::Media(format!("{slug}: {e}")))?;
    let new = portico_store::NewMedia {
        site,
        kind: "file".into(),
        file_name: format!("{slug}.pdf"),
        mime: "application/pdf".into(),
        width: 0,
        height: 0,
        bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        alt: String::new(),
        caption: String::new(),
        credit: String::new(),
        renditions: Vec::new(),
        created_by: None,
        pdf: Some(portico_store::PdfFacts {
            pages: i32::try_from(contents.pages).unwrap_or(i32::MAX),
            text: contents.text,
        }),
    };
    let audit = Audit::system("demo", "media.upload");
    let original = portico_media::MediaFile { name: "original.pdf".into(), bytes };
    media
        .put(vec![original], async |placement| {
            store.create_media_placing(&new, &audit, async |id| placement.place(id.0).await).await
        })
        .await
        .map_err(|e| DemoError::Media(format!("{slug}: {e}")))
}

/// Loads the demo publications into the global site, each language version with its PDF.
async fn load_publications(
    store: &Store,
    media: &portico_media::MediaStorage,
    site: portico_content::SiteId,
) -> Result<(), DemoError> {
    for (entry, mut draft) in publication_drafts()? {
        draft.file =
            Some(demo_pdf(store, media, site, &entry.slug, &entry.title, &entry.summary, &entry.body).await?);
        let published_at = draft.published_at;
        let new = NewDocument {
            site,
            kind: Kind::Publication,
            language: "en".to_owned(),
            draft,
            status: Status::Published,
            author: None,
        };
        let (document, _) = store.create_document(&new, &Audit::system("demo", "document.create")).await?;
        for version in &entry.translation {
            store
                .create_translation(document, &version.lang, &Audit::system("demo", "document.translate"))
                .await?;
            let editable = store.editable_variant(document, Some(&version.lang)).await?.ok_or_else(|| {
                DemoError::Invalid {
                    file: "publications.toml",
                    entry: version.slug.clone(),
                    problem: "the translation vanished".to_owned(),
                }
            })?;
            let mut draft = editable.draft;
            draft.title = version.title.clone();
            draft.slug = version.slug.clone();
            draft.summary = version.summary.clone();
            draft.body_markdown = version.body.clone();
            draft.published_at = published_at;
            draft.file = Some(
                demo_pdf(store, media, site, &version.slug, &version.title, &version.summary, &version.body)
                    .await?,
            );
            store
                .update_document(
                    document,
                    &version.lang,
                    editable.revision,
                    &draft,
                    &Audit::system("demo", "document.save"),
                )
                .await?;
            store
                .set_status(
                    document,
                    &version.lang,
                    Status::Draft,
                    Status::Published,
                    None,
                    &Audit::system("demo", "document.publish"),
                )
                .await?;
        }
    }
    Ok(())
}

/// The demo's vacancies as (site key, draft), validated, with their times set relative to
/// `today` so that the same ones are open, closing soon, not yet open or closed whenever the
/// demo is loaded.
fn vacancy_drafts(today: Date) -> Result<Vec<(String, Draft)>, DemoError> {
    let vacancies: Vacancies = parse("vacancies.toml", VACANCIES)?;
    let time_format = time::macros::format_description!("[hour]:[minute]");
    vacancies
        .vacancy
        .into_iter()
        .map(|entry| {
            let invalid = |problem: String| DemoError::Invalid {
                file: "vacancies.toml",
                entry: entry.slug.clone(),
                problem,
            };
            let at =
                time::Time::parse(&entry.time, &time_format).map_err(|e| invalid(format!("time: {e}")))?;
            let offset = portico_content::vacancy::parse_offset(&entry.offset)
                .ok_or_else(|| invalid(format!("offset {:?}", entry.offset)))?;
            let day = |days: i64| (today + time::Duration::days(days)).with_time(at).assume_offset(offset);
            let vacancy = portico_content::vacancy::Vacancy {
                reference: entry.reference,
                duty_city: entry.duty_city,
                duty_country: entry.duty_country,
                grade: entry.grade,
                contract: portico_content::vacancy::Contract::parse(&entry.contract)
                    .ok_or_else(|| invalid(format!("contract {:?}", entry.contract)))?,
                duration: entry.duration,
                unit: entry.unit,
                opens_at: day(entry.opens),
                closes_at: day(entry.closes),
                eligibility: portico_content::vacancy::Eligibility::parse(&entry.eligibility)
                    .ok_or_else(|| invalid(format!("eligibility {:?}", entry.eligibility)))?,
                apply_to: entry.apply_to,
            };
            let posted = vacancy.opens_at.min(portico_store::now());
            let draft = Draft {
                title: entry.title,
                slug: entry.slug.clone(),
                published_at: Some(posted),
                summary: entry.summary,
                body_markdown: entry.body,
                vacancy: Some(vacancy),
                ..Draft::default()
            };
            let errors = draft
                .validate(Kind::Vacancy, |code| portico_geo::country(code).is_some_and(|c| c.iso2 == code));
            match errors.first() {
                Some(error) => Err(invalid(format!("{}: {}", error.field, error.message))),
                None => Ok((entry.site, draft)),
            }
        })
        .collect()
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
                goals: entry.goals.clone(),
                vacancy: None,
                publication: None,
                file: None,
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
    if let Some(take_action) = menu.iter_mut().find(|m| m.path == "take-action") {
        take_action.children.push(MenuItem {
            label: "Vacancies".to_owned(),
            path: "vacancies".to_owned(),
            children: Vec::new(),
        });
    }
    if let Some(research) = menu.iter_mut().find(|m| m.path == "data-and-research") {
        research.children.push(MenuItem {
            label: "Publications".to_owned(),
            path: "publications".to_owned(),
            children: Vec::new(),
        });
    }
    menu.push(MenuItem { label: "News".to_owned(), path: "news".to_owned(), children: Vec::new() });
    menu
}

/// Loads the global site with its sections, taxonomy, releases and menu into an empty store.
pub async fn load(store: &Store, media: &portico_media::MediaStorage) -> Result<(), DemoError> {
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

    let sites: Sites = parse("sites.toml", SITES)?;
    let translations: Entries = parse("translations.toml", TRANSLATIONS)?;
    let mut country_content = Vec::new();
    for (key, file, text) in COUNTRY_SITES {
        country_content.push((*key, *file, parse::<Entries>(file, text)?));
    }
    let mut site_ids = std::collections::HashMap::new();
    for entry in &sites.site {
        let id = store
            .create_site(
                &NewSite {
                    key: entry.key.clone(),
                    name: entry.name.clone(),
                    languages: entry.languages.clone(),
                    country: entry.country.clone(),
                    hosts: entry.hosts.clone(),
                    names: entry.names.clone(),
                    fallback_to_default: entry.missing != "not_found",
                },
                &Audit::system("demo", "site.create"),
            )
            .await?;
        site_ids.insert(entry.key.clone(), id);
    }
    let site = *site_ids.get("global").ok_or_else(|| DemoError::Invalid {
        file: "sites.toml",
        entry: "global".to_owned(),
        problem: "the global site is missing".to_owned(),
    })?;
    for theme in taxonomy.theme {
        let names = theme
            .names
            .into_iter()
            .map(|(language, name)| ThemeName { language, name, description: String::new() })
            .collect();
        store
            .upsert_theme(&NewTheme {
                slug: theme.slug,
                name: theme.name,
                description: theme.description,
                names,
            })
            .await?;
    }
    for partner in taxonomy.partner {
        let names = partner
            .names
            .into_iter()
            .map(|(language, local)| PartnerName { language, name: local.name, acronym: local.acronym })
            .collect();
        store
            .upsert_partner(&NewPartner {
                slug: partner.slug,
                name: partner.name,
                acronym: partner.acronym,
                names,
            })
            .await?;
    }
    for programme in taxonomy.programme {
        let owner = match &programme.site {
            None => None,
            Some(key) => Some(
                site_ids
                    .get(key)
                    .ok_or_else(|| DemoError::Invalid {
                        file: "taxonomy.toml",
                        entry: programme.slug.clone(),
                        problem: format!("no site {key:?}"),
                    })?
                    .0,
            ),
        };
        let names = programme
            .names
            .into_iter()
            .map(|(language, name)| ProgrammeName { language, name, description: String::new() })
            .collect();
        store
            .upsert_programme(&NewProgramme {
                slug: programme.slug,
                name: programme.name,
                description: programme.description,
                site_id: owner,
                names,
            })
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
                names: contact
                    .offices
                    .into_iter()
                    .map(|(language, office)| ContactName { language, office })
                    .collect(),
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
            goals: page.goals.clone(),
            ..Draft::default()
        };
        store
            .create_document(
                &NewDocument {
                    site,
                    kind: Kind::Page,
                    language: "en".to_owned(),
                    draft,
                    status: Status::Published,
                    author: None,
                },
                &Audit::system("demo", "document.create"),
            )
            .await?;
    }
    for draft in releases {
        store
            .create_document(
                &NewDocument {
                    site,
                    kind: Kind::Release,
                    language: "en".to_owned(),
                    draft,
                    status: Status::Published,
                    author: None,
                },
                &Audit::system("demo", "document.create"),
            )
            .await?;
    }
    let english_menu = menu_from(&pages.page);
    store.replace_menu(site, "en", &english_menu, &Audit::system("demo", "menu.save")).await?;

    let i18n = portico_web::i18n::I18n::load().map_err(|problem| DemoError::Invalid {
        file: "locales",
        entry: String::new(),
        problem,
    })?;
    let global =
        sites.site.iter().find(|s| s.key == "global").map(|s| s.languages.clone()).unwrap_or_default();
    let translated = load_entries(store, site, "en", "translations.toml", &translations).await?;
    for language in global.iter().filter(|l| *l != "en") {
        // The English menu, with each page's translation where it has one.
        let translate = |item: &MenuItem| -> MenuItem {
            let found = translated.iter().find(|(l, of, _, _)| l == language && *of == item.path);
            let (label, path) = match (found, item.path.as_str()) {
                (Some((_, _, title, path)), _) => (title.clone(), path.clone()),
                (None, "news") => (i18n.t(language, "nav-news", None), "news".to_owned()),
                (None, "vacancies") => (i18n.t(language, "nav-vacancies", None), "vacancies".to_owned()),
                (None, "publications") => {
                    (i18n.t(language, "nav-publications", None), "publications".to_owned())
                }
                (None, _) => (item.label.clone(), item.path.clone()),
            };
            MenuItem { label, path, children: Vec::new() }
        };
        let menu: Vec<MenuItem> = english_menu
            .iter()
            .map(|item| MenuItem {
                children: item.children.iter().map(translate).collect(),
                ..translate(item)
            })
            .collect();
        store.replace_menu(site, language, &menu, &Audit::system("demo", "menu.save")).await?;
    }

    for (key, file, entries) in &country_content {
        let entry = sites.site.iter().find(|s| s.key == *key).ok_or_else(|| DemoError::Invalid {
            file: "sites.toml",
            entry: (*key).to_owned(),
            problem: "no such site".to_owned(),
        })?;
        let country_site = site_ids[*key];
        let default = entry.languages.first().cloned().unwrap_or_default();
        let loaded = load_entries(store, country_site, &default, file, entries).await?;
        for language in &entry.languages {
            let mut menu: Vec<MenuItem> = entries
                .page
                .iter()
                .filter(|p| p.lang == *language)
                .map(|p| MenuItem {
                    label: p.title.clone(),
                    path: p.path.clone().unwrap_or_default(),
                    children: Vec::new(),
                })
                .collect();
            menu.push(MenuItem {
                label: i18n.t(language, "nav-news", None),
                path: "news".to_owned(),
                children: Vec::new(),
            });
            menu.push(MenuItem {
                label: i18n.t(language, "nav-vacancies", None),
                path: "vacancies".to_owned(),
                children: Vec::new(),
            });
            // The office's library: its own publications and the global ones about its country.
            menu.push(MenuItem {
                label: i18n.t(language, "nav-publications", None),
                path: "publications".to_owned(),
                children: Vec::new(),
            });
            store.replace_menu(country_site, language, &menu, &Audit::system("demo", "menu.save")).await?;
        }
        let _ = loaded;
    }

    let today = portico_store::now().date();
    for (key, draft) in vacancy_drafts(today)? {
        let Some(&site) = site_ids.get(&key) else {
            return Err(DemoError::Invalid {
                file: "vacancies.toml",
                entry: draft.slug,
                problem: format!("no site {key:?}"),
            });
        };
        let language = sites
            .site
            .iter()
            .find(|s| s.key == key)
            .and_then(|s| s.languages.first().cloned())
            .unwrap_or_else(|| "en".to_owned());
        let new = NewDocument {
            site,
            kind: Kind::Vacancy,
            language,
            draft,
            status: Status::Published,
            author: None,
        };
        store.create_document(&new, &Audit::system("demo", "document.create")).await?;
    }
    let global = site_ids.get("global").copied().ok_or_else(|| DemoError::Invalid {
        file: "sites.toml",
        entry: "global".to_owned(),
        problem: "no global site".to_owned(),
    })?;
    load_publications(store, media, global).await?;
    Ok(())
}

/// Loads originals and translations; returns every translation as (language, original's
/// path or slug, title, own path or slug).
async fn load_entries(
    store: &Store,
    site: portico_content::SiteId,
    default_language: &str,
    file: &'static str,
    entries: &Entries,
) -> Result<Vec<(String, String, String, String)>, DemoError> {
    let invalid =
        |entry: &Entry, problem: String| DemoError::Invalid { file, entry: entry.title.clone(), problem };
    let date_format = time::macros::format_description!("[year]-[month]-[day]");
    let mut translations = Vec::new();
    for (kind, list) in [(Kind::Page, &entries.page), (Kind::Release, &entries.release)] {
        for entry in list {
            let key = match kind {
                Kind::Page => entry.path.clone(),
                Kind::Release | Kind::Vacancy | Kind::Publication => {
                    entry.slug.clone().or_else(|| Some(slugify(&entry.title)))
                }
            }
            .ok_or_else(|| invalid(entry, "a page needs a path".to_owned()))?;
            let published_at = match &entry.date {
                Some(date) => Date::parse(date, &date_format)
                    .map(|d| d.midnight().assume_utc() + time::Duration::hours(9))
                    .map_err(|e| invalid(entry, format!("date: {e}")))?,
                None => portico_store::now() - time::Duration::days(1),
            };
            match &entry.of {
                None => {
                    if entry.lang != default_language {
                        return Err(invalid(entry, format!("an original must be in {default_language}")));
                    }
                    let draft = Draft {
                        title: entry.title.clone(),
                        slug: key,
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
                        goals: vec![],
                        vacancy: None,
                        publication: None,
                        file: None,
                    };
                    let problems = draft
                        .validate(kind, |code| portico_geo::country(code).is_some_and(|c| c.iso2 == code));
                    if let Some(problem) = problems.first() {
                        return Err(invalid(entry, format!("{}: {}", problem.field, problem.message)));
                    }
                    let new = NewDocument {
                        site,
                        kind,
                        language: entry.lang.clone(),
                        draft,
                        status: Status::Published,
                        author: None,
                    };
                    store.create_document(&new, &Audit::system("demo", "document.create")).await?;
                }
                Some(of) => {
                    let document = store
                        .document_by_slug(site, kind, of)
                        .await?
                        .ok_or_else(|| invalid(entry, format!("`of` names no published {kind} {of:?}")))?;
                    store
                        .create_translation(
                            document,
                            &entry.lang,
                            &Audit::system("demo", "document.translate"),
                        )
                        .await?;
                    let mut draft = store
                        .editable_variant(document, Some(&entry.lang))
                        .await?
                        .ok_or_else(|| invalid(entry, "the translation vanished".to_owned()))?
                        .draft;
                    draft.title = entry.title.clone();
                    draft.slug = key.clone();
                    draft.summary = entry.summary.clone();
                    draft.body_markdown = entry.body.clone();
                    if !entry.dateline.is_empty() {
                        draft.dateline = entry.dateline.clone();
                    }
                    let problems = draft.validate(kind, |_| true);
                    if let Some(problem) = problems.first() {
                        return Err(invalid(entry, format!("{}: {}", problem.field, problem.message)));
                    }
                    store
                        .update_document(
                            document,
                            &entry.lang,
                            1,
                            &draft,
                            &Audit::system("demo", "document.save"),
                        )
                        .await?;
                    store
                        .set_status(
                            document,
                            &entry.lang,
                            Status::Draft,
                            Status::Published,
                            None,
                            &Audit::system("demo", "document.publish"),
                        )
                        .await?;
                    translations.push((entry.lang.clone(), of.clone(), entry.title.clone(), key));
                }
            }
        }
    }
    Ok(translations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_publication_is_valid_and_its_pdfs_are_real() {
        let drafts = publication_drafts().expect("demo publications are valid");
        assert!(drafts.len() >= 12, "a dozen publications");
        let mut slugs: Vec<_> = drafts.iter().map(|(entry, _)| entry.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), drafts.len(), "slugs are unique");
        let (entry, _) = &drafts[0];
        let bytes =
            portico_media::text_pdf(&entry.title, &[vec![entry.title.clone(), entry.summary.clone()]]);
        assert!(bytes.len() < 8 * 1024, "a few kilobytes: {}", bytes.len());
        let contents = portico_media::inspect_pdf(&bytes).expect("accepted as an upload would be");
        assert!(contents.text.contains("World Migration Report 2026"), "{}", contents.text);
    }

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
