//! Slug and form parsing: a back-office form body decoded as axum's `Form` decodes it
//! (`serde_urlencoded` into name–value pairs), its fields made into a `Draft` and a site's
//! settings, and checked by the domain's rules (`Draft::validate`, `validate_site`, `slugify`,
//! `is_valid_slug`, `is_valid_path`) with the real country list.
//!
//! The editor's own glue (`read_form` in the web crate: trimming, the slug made from the title
//! when left empty, the country list split on commas) needs a running app and a store, so the
//! fields are passed the same way here rather than through it.
//!
//! Checks, for any body: nothing panics; a slug made from any title is empty or valid, a valid
//! path, and the same when made again from itself; a draft that validation accepts has a
//! valid slug or path, a title, and a body the renderer takes; every refusal names a field of
//! the form and a code whose limit, if it has one, is known.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portico_content::markdown::try_render;
use portico_content::{Draft, Kind, is_valid_path, is_valid_slug, limit_of, slugify, validate_site};

/// The form's fields; a vacancy's facts are not filled in here, so a vacancy is refused by
/// its first one.
const FIELDS: [&str; 10] = [
    "title",
    "slug",
    "dateline",
    "published_at",
    "summary",
    "body_markdown",
    "countries",
    "programme",
    "vacancy_reference",
    "publication_year",
];

fuzz_target!(|data: &[u8]| {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) else { return };
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str());
    let all =
        |name: &str| pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect::<Vec<_>>();

    let made = slugify(get("title"));
    assert!(made.is_empty() || (is_valid_slug(&made) && is_valid_path(&made)), "slugify gave {made:?}");
    assert_eq!(slugify(&made), made, "slugify is not stable on its own output");

    let kind = get("kind").parse::<Kind>().unwrap_or(Kind::Release);
    let title = get("title").trim().to_owned();
    let slug = match get("slug").trim().trim_matches('/') {
        "" if kind != Kind::Page => slugify(&title),
        slug => slug.to_owned(),
    };
    let draft = Draft {
        title,
        slug,
        dateline: get("dateline").trim().to_owned(),
        summary: get("summary").trim().to_owned(),
        body_markdown: get("body_markdown").replace("\r\n", "\n"),
        countries: get("countries")
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|c| !c.is_empty())
            .map(str::to_ascii_uppercase)
            .collect(),
        themes: all("themes"),
        partners: all("partners"),
        programme: get("programme").trim().to_owned(),
        contacts: all("contacts"),
        ..Draft::default()
    };
    let is_country = |code: &str| portico_geo::country(code).is_some_and(|c| c.iso2 == code);
    let errors = draft.validate(kind, is_country);
    for error in &errors {
        assert!(FIELDS.contains(&error.field), "refusal names no field of the form: {error:?}");
        if matches!(error.code, "too_long" | "too_large" | "too_deep") {
            assert!(limit_of(error.field, error.code).is_some(), "no limit known for {error:?}");
        }
    }
    if errors.is_empty() {
        match kind {
            Kind::Release | Kind::Vacancy | Kind::Publication => {
                assert!(is_valid_slug(&draft.slug), "accepted slug {:?}", draft.slug)
            }
            Kind::Page => assert!(is_valid_path(&draft.slug), "accepted path {:?}", draft.slug),
        }
        assert!(!draft.title.trim().is_empty(), "accepted a blank title");
        assert!(try_render(&draft.body_markdown).is_ok(), "accepted a body the renderer refuses");
    }

    let languages: Vec<String> = get("languages").split(',').map(|l| l.trim().to_owned()).collect();
    let hosts: Vec<String> = get("hosts").split_whitespace().map(str::to_owned).collect();
    let country = Some(get("country")).filter(|c| !c.is_empty());
    if validate_site(get("key"), get("name"), &languages, &hosts, country, is_country).is_ok() {
        assert!(is_valid_slug(get("key")), "accepted site key {:?}", get("key"));
        assert!(!languages.is_empty(), "accepted a site without languages");
    }
});
