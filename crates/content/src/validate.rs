use serde::Serialize;
use time::OffsetDateTime;

use crate::slug::{is_valid_path, is_valid_slug};
use crate::{Kind, MediaId};

/// One problem with one field of a submitted form or API payload, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as in the form and the API (`title`, `countries`).
    pub field: &'static str,
    /// A stable key for translation and for API clients (`required`, `too_long`).
    pub code: &'static str,
    /// A sentence for a person.
    pub message: String,
}

impl FieldError {
    pub(crate) fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self { field, code, message: message.into() }
    }
}

/// Whether `code` looks like a language tag we serve: two or three lowercase ASCII letters.
pub fn is_valid_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// A release or a page as submitted, before it is stored. Pages leave the release-only fields
/// (dateline, countries, themes, partners, programme, contacts) empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Draft {
    /// Headline or page title.
    pub title: String,
    /// A release's URL slug, or a page's path (`our-work/partnerships`); unique among the
    /// site's documents of that kind in that language.
    pub slug: String,
    /// The place leading the body ("San Salvador").
    pub dateline: String,
    /// When it goes or went public; shown to readers as the release's date. `None` until
    /// it is published or scheduled.
    pub published_at: Option<OffsetDateTime>,
    /// The news in brief: teaser, meta description, feed summary.
    pub summary: String,
    /// Markdown source of the body.
    pub body_markdown: String,
    /// ISO 3166-1 alpha-2 codes, uppercase.
    pub countries: Vec<String>,
    /// Theme slugs.
    pub themes: Vec<String>,
    /// Partner organization slugs.
    pub partners: Vec<String>,
    /// The key of the programme that funded or ran the work (the document's, shared by its
    /// translations), or "" for none.
    pub programme: String,
    /// Media contact keys.
    pub contacts: Vec<String>,
    /// The lead image.
    pub image: Option<MediaId>,
    /// Sustainable Development Goals and targets it serves, by code (`"10"`, `"10.7"`; see
    /// [`crate::sdg`]), in the Agenda's order.
    #[serde(default)]
    pub goals: Vec<String>,
    /// A vacancy's facts; `None` for every other kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vacancy: Option<crate::vacancy::Vacancy>,
    /// A publication's facts (the document's); `None` for every other kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<crate::publication::Publication>,
    /// A publication's file in this language: a PDF in the media library.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<MediaId>,
}

const MAX_TITLE: usize = 300;
const MAX_SHORT: usize = 200;
const MAX_SUMMARY: usize = 2_000;
const MAX_BODY: usize = 400_000;
/// Goals and targets per document: enough for any honest tagging, few enough that each save's
/// listing rows stay bounded.
const MAX_GOALS: usize = 40;
/// The most bytes a body takes: parsing and sanitizing cost grows with it, on every save.
pub const MAX_BODY_BYTES: usize = 512 * 1024;

/// The most characters the text field `field` of a draft takes, for messages that say so.
pub fn max_chars(field: &str) -> Option<usize> {
    match field {
        "title" => Some(MAX_TITLE),
        "dateline" => Some(MAX_SHORT),
        "summary" => Some(MAX_SUMMARY),
        "body_markdown" => Some(MAX_BODY),
        _ => None,
    }
}

/// The limit behind a field error's code, for messages that name it: kilobytes for
/// `too_large`, levels for `too_deep`, characters for `too_long`.
pub fn limit_of(field: &str, code: &str) -> Option<usize> {
    match (field, code) {
        ("body_markdown", "too_large") => Some(MAX_BODY_BYTES / 1024),
        ("body_markdown", "too_deep") => Some(crate::markdown::MAX_NESTING),
        (field, "too_long") => max_chars(field),
        _ => None,
    }
}

fn check_text(errors: &mut Vec<FieldError>, field: &'static str, value: &str, max: usize, required: bool) {
    if required && value.trim().is_empty() {
        errors.push(FieldError::new(field, "required", "This field is required."));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, "too_long", format!("At most {max} characters.")));
    } else if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        errors.push(FieldError::new(field, "control_characters", "Contains control characters."));
    }
}

/// The body's length, then (only when that is within bounds, so the check stays cheap) its
/// nesting, which the renderer bounds.
fn check_body(errors: &mut Vec<FieldError>, body: &str) {
    let field = "body_markdown";
    if body.len() > MAX_BODY_BYTES {
        let kb = MAX_BODY_BYTES / 1024;
        errors.push(FieldError::new(field, "too_large", format!("At most {kb} KB.")));
        return;
    }
    let before = errors.len();
    check_text(errors, field, body, MAX_BODY, false);
    if errors.len() == before && crate::markdown::check_nesting(body).is_err() {
        let max = crate::markdown::MAX_NESTING;
        errors.push(FieldError::new(
            field,
            "too_deep",
            format!("Block quotes, lists and other elements may nest at most {max} levels deep."),
        ));
    }
}

impl Draft {
    /// Every problem with this draft of a document of `kind`. `is_known_country` answers for
    /// an uppercase alpha-2 code; themes, partners and contacts are checked against the store
    /// by the caller.
    pub fn validate(&self, kind: Kind, is_known_country: impl Fn(&str) -> bool) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_text(&mut errors, "title", &self.title, MAX_TITLE, true);
        match kind {
            Kind::Release | Kind::Vacancy | Kind::Publication if !is_valid_slug(&self.slug) => {
                errors.push(FieldError::new(
                    "slug",
                    "invalid_slug",
                    "Use lowercase letters, digits and single hyphens, at most 80 characters.",
                ))
            }
            Kind::Page if !is_valid_path(&self.slug) => errors.push(FieldError::new(
                "slug",
                "invalid_path",
                "Use lowercase words joined by hyphens, with / between levels (our-work/partnerships).",
            )),
            _ => {}
        }
        check_text(&mut errors, "dateline", &self.dateline, MAX_SHORT, false);
        check_text(&mut errors, "summary", &self.summary, MAX_SUMMARY, false);
        check_body(&mut errors, &self.body_markdown);
        if !self.programme.is_empty() && !is_valid_slug(&self.programme) {
            errors.push(FieldError::new(
                "programme",
                "unknown_programme",
                format!("{:?} is not the key of a programme.", self.programme),
            ));
        }
        if let Some(bad) = self.countries.iter().find(|c| !is_known_country(c)) {
            errors.push(FieldError::new(
                "countries",
                "unknown_country",
                format!("{bad:?} is not an ISO 3166-1 country code."),
            ));
        }
        if let Some(bad) = self.goals.iter().find(|c| crate::sdg::goal_of(c).is_none()) {
            errors.push(FieldError::new(
                "goals",
                "unknown_goal",
                format!("{bad:?} is neither a Sustainable Development Goal (1 to 17) nor one of its targets (such as 10.7)."),
            ));
        } else if self.goals.len() > MAX_GOALS {
            errors.push(FieldError::new(
                "goals",
                "too_many",
                format!("At most {MAX_GOALS} goals and targets."),
            ));
        }
        match (kind, &self.vacancy) {
            (Kind::Vacancy, Some(vacancy)) => errors.extend(vacancy.validate(&is_known_country)),
            (Kind::Vacancy, None) => errors.push(FieldError::new(
                "vacancy_reference",
                "required",
                "A vacancy needs its reference, duty station, grade and dates.",
            )),
            _ => {}
        }
        match (kind, &self.publication) {
            (Kind::Publication, Some(publication)) => {
                errors.extend(publication.validate(OffsetDateTime::now_utc().year()))
            }
            (Kind::Publication, None) => errors.push(FieldError::new(
                "publication_year",
                "required",
                "A publication needs its year and its authors or issuing office.",
            )),
            _ => {}
        }
        errors
    }
}

/// Whether `host` is a host name: dot-separated labels of letters, digits and inner hyphens.
fn is_host_name(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
        })
}

/// The first problem with a site's settings, for the back office and `portico site add`
/// alike. `is_known_country` answers for an uppercase alpha-2 code.
pub fn validate_site(
    key: &str,
    name: &str,
    languages: &[String],
    hosts: &[String],
    country: Option<&str>,
    is_known_country: impl Fn(&str) -> bool,
) -> Result<(), FieldError> {
    if !is_valid_slug(key) || key.len() > 40 {
        return Err(FieldError::new(
            "key",
            "invalid_key",
            "The key takes lowercase letters, digits and hyphens, such as sv or global.",
        ));
    }
    if name.is_empty() || name.chars().count() > 200 {
        return Err(FieldError::new(
            "name",
            "invalid_name",
            "Give the site a name of at most 200 characters.",
        ));
    }
    if languages.is_empty() || languages.iter().any(|l| !is_valid_language_code(l)) {
        return Err(FieldError::new(
            "languages",
            "invalid_language",
            "List the site's languages as codes such as es, en; the first is the default.",
        ));
    }
    let mut unique = languages.to_vec();
    unique.sort();
    unique.dedup();
    if unique.len() != languages.len() {
        return Err(FieldError::new("languages", "duplicate_language", "A language is listed twice."));
    }
    if let Some(bad) = hosts.iter().find(|h| !is_host_name(h)) {
        return Err(FieldError::new("hosts", "invalid_host", format!("{bad:?} is not a host name.")));
    }
    if let Some(code) = country.filter(|code| !is_known_country(code)) {
        return Err(FieldError::new(
            "country",
            "unknown_country",
            format!("{code:?} is not an ISO 3166-1 country code."),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> Draft {
        Draft {
            title: "IOM trains border officials".into(),
            slug: "iom-trains-border-officials".into(),
            countries: vec!["SV".into()],
            ..Draft::default()
        }
    }

    #[test]
    fn site_settings_are_refused_by_field_and_code() {
        let langs = |list: &[&str]| list.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>();
        let check = |key: &str, name: &str, languages: &[&str], hosts: &[&str], country: Option<&str>| {
            validate_site(key, name, &langs(languages), &langs(hosts), country, |c| c == "SV")
                .map_err(|e| (e.field, e.code))
        };
        assert_eq!(check("sv", "IOM El Salvador", &["es", "en"], &["sv.example.org"], Some("SV")), Ok(()));
        assert_eq!(check("SV", "x", &["es"], &[], None), Err(("key", "invalid_key")));
        assert_eq!(check("sv", "", &["es"], &[], None), Err(("name", "invalid_name")));
        assert_eq!(check("sv", "x", &[], &[], None), Err(("languages", "invalid_language")));
        assert_eq!(check("sv", "x", &["es", "es"], &[], None), Err(("languages", "duplicate_language")));
        assert_eq!(check("sv", "x", &["es"], &["-bad.example"], None), Err(("hosts", "invalid_host")));
        assert_eq!(check("sv", "x", &["es"], &[], Some("ZZ")), Err(("country", "unknown_country")));
    }

    #[test]
    fn a_complete_draft_is_valid() {
        assert_eq!(good().validate(Kind::Release, |c| c == "SV"), vec![]);
        let page = Draft { slug: "our-work/partnerships".into(), ..good() };
        assert_eq!(
            page.validate(Kind::Page, |_| false).len(),
            1,
            "pages take paths, countries still checked"
        );
    }

    #[test]
    fn each_problem_is_named_by_its_field() {
        let draft = Draft {
            title: "x".repeat(MAX_TITLE + 1),
            slug: "Bad Slug".into(),
            countries: vec!["ZZ".into()],
            summary: "bell\u{7}".into(),
            goals: vec!["10.7".into(), "18".into()],
            ..good()
        };
        let fields: Vec<_> = draft.validate(Kind::Release, |c| c == "SV").iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "slug", "summary", "countries", "goals"]);
        let tagged = Draft { goals: vec!["10".into(), "10.7".into(), "17.19".into()], ..good() };
        assert_eq!(tagged.validate(Kind::Release, |c| c == "SV"), vec![]);
        let crowded = Draft { goals: vec!["1".into(); MAX_GOALS + 1], ..good() };
        assert_eq!(crowded.validate(Kind::Release, |c| c == "SV")[0].code, "too_many");
    }

    #[test]
    fn a_body_too_large_or_too_deep_is_refused_naming_the_limit() {
        let errors = |body: String| Draft { body_markdown: body, ..good() }.validate(Kind::Release, |_| true);
        let deep = errors("> ".repeat(50_000));
        assert_eq!((deep[0].field, deep[0].code), ("body_markdown", "too_deep"));
        assert!(deep[0].message.contains("32 levels"), "{}", deep[0].message);
        let large = errors("word ".repeat(MAX_BODY_BYTES / 5 + 1));
        assert_eq!((large[0].field, large[0].code), ("body_markdown", "too_large"));
        assert!(large[0].message.contains("512 KB"), "{}", large[0].message);
        assert_eq!(limit_of("body_markdown", "too_large"), Some(512));
        assert_eq!(errors("> ".repeat(crate::markdown::MAX_NESTING - 1) + "fine"), vec![]);
    }
}
