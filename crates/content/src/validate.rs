use serde::Serialize;
use time::Date;

use crate::slug::is_valid_slug;

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
    fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            code,
            message: message.into(),
        }
    }
}

/// Whether `code` looks like a language tag we serve: two or three lowercase ASCII letters.
pub fn is_valid_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// A press release as submitted, before it is stored.
#[derive(Debug, Clone, Default)]
pub struct ReleaseDraft {
    /// Headline.
    pub title: String,
    /// URL slug, unique among the site's releases in that language.
    pub slug: String,
    /// The place leading the body ("San Salvador").
    pub dateline: String,
    /// Publication date as shown to readers.
    pub date: Option<Date>,
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
    /// The programme that funded or ran the work.
    pub programme: String,
    /// Media contact keys.
    pub contacts: Vec<String>,
}

const MAX_TITLE: usize = 300;
const MAX_SHORT: usize = 200;
const MAX_SUMMARY: usize = 2_000;
const MAX_BODY: usize = 400_000;

fn check_text(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: &str,
    max: usize,
    required: bool,
) {
    if required && value.trim().is_empty() {
        errors.push(FieldError::new(
            field,
            "required",
            "This field is required.",
        ));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(
            field,
            "too_long",
            format!("At most {max} characters."),
        ));
    } else if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        errors.push(FieldError::new(
            field,
            "control_characters",
            "Contains control characters.",
        ));
    }
}

impl ReleaseDraft {
    /// Every problem with this draft. `is_known_country` answers for an uppercase alpha-2 code;
    /// themes, partners and contacts are checked against the store by the caller.
    pub fn validate(&self, is_known_country: impl Fn(&str) -> bool) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_text(&mut errors, "title", &self.title, MAX_TITLE, true);
        if !is_valid_slug(&self.slug) {
            errors.push(FieldError::new(
                "slug",
                "invalid_slug",
                "Use lowercase letters, digits and single hyphens, at most 80 characters.",
            ));
        }
        check_text(&mut errors, "dateline", &self.dateline, MAX_SHORT, false);
        check_text(&mut errors, "summary", &self.summary, MAX_SUMMARY, false);
        check_text(
            &mut errors,
            "body_markdown",
            &self.body_markdown,
            MAX_BODY,
            false,
        );
        check_text(&mut errors, "programme", &self.programme, MAX_SHORT, false);
        if self.date.is_none() {
            errors.push(FieldError::new(
                "date",
                "required",
                "A publication date is required.",
            ));
        }
        if let Some(bad) = self.countries.iter().find(|c| !is_known_country(c)) {
            errors.push(FieldError::new(
                "countries",
                "unknown_country",
                format!("{bad:?} is not an ISO 3166-1 country code."),
            ));
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> ReleaseDraft {
        ReleaseDraft {
            title: "IOM trains border officials".into(),
            slug: "iom-trains-border-officials".into(),
            date: Some(time::macros::date!(2015 - 08 - 21)),
            countries: vec!["SV".into()],
            ..ReleaseDraft::default()
        }
    }

    #[test]
    fn a_complete_draft_is_valid() {
        assert_eq!(good().validate(|c| c == "SV"), vec![]);
    }

    #[test]
    fn each_problem_is_named_by_its_field() {
        let draft = ReleaseDraft {
            title: "x".repeat(MAX_TITLE + 1),
            slug: "Bad Slug".into(),
            date: None,
            countries: vec!["ZZ".into()],
            summary: "bell\u{7}".into(),
            ..good()
        };
        let fields: Vec<_> = draft
            .validate(|c| c == "SV")
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["title", "slug", "summary", "date", "countries"]);
    }
}
