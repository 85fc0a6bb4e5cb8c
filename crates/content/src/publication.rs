//! A publication's own facts: when and by whom it was issued, its book numbers, its series
//! and its cover. They belong to the document, not to a language: every language version of
//! a report is the same report (each with its own PDF, which is the variant's).

use serde::{Deserialize, Serialize};

use crate::MediaId;
use crate::validate::FieldError;

/// The earliest year a publication may carry: older material is an archive, not this library.
pub const FIRST_YEAR: i32 = 1950;

const MAX_SHORT: usize = 200;
const MAX_AUTHORS: usize = 500;

/// What sort of publication it is; it decides its structured data for search engines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// A report or study: schema.org `Report`.
    #[default]
    Report,
    /// A book, usually with an ISBN: schema.org `Book`.
    Book,
    /// A research paper in a series: schema.org `ScholarlyArticle`.
    Paper,
}

impl Form {
    /// Every form, in the order forms list them.
    pub const ALL: &'static [Form] = &[Form::Report, Form::Book, Form::Paper];

    /// The stable text stored, used in URLs and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Report => "report",
            Form::Book => "book",
            Form::Paper => "paper",
        }
    }

    /// The form named by `text`, if any.
    pub fn parse(text: &str) -> Option<Form> {
        Self::ALL.iter().copied().find(|f| f.as_str() == text)
    }
}

/// A publication's facts, as the editor fills them in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// The year of publication.
    pub year: i32,
    /// Its authors, or the office that issued it ("Migration Research Division").
    pub authors: String,
    /// What sort of publication it is.
    #[serde(default)]
    pub form: Form,
    /// Its ISBN (10 or 13 digits, hyphens allowed), or empty.
    #[serde(default)]
    pub isbn: String,
    /// Its series' ISSN (`2078-6778`), or empty.
    #[serde(default)]
    pub issn: String,
    /// The series it belongs to ("Migration Research Series"), or empty. Free text, not a
    /// table: an organization has a handful of series, the library's facet groups them by
    /// their exact name, and a new series needs no administrator.
    #[serde(default)]
    pub series: String,
    /// Its cover: an image in the media library.
    #[serde(default)]
    pub cover: Option<MediaId>,
}

impl Publication {
    /// Every problem with these facts in `this_year` (a publication may be announced for the
    /// next year, never later).
    pub fn validate(&self, this_year: i32) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.year < FIRST_YEAR || self.year > this_year + 1 {
            errors.push(FieldError::new(
                "publication_year",
                "out_of_range",
                format!("Give a year from {FIRST_YEAR} to {}.", this_year + 1),
            ));
        }
        let mut text = |field: &'static str, value: &str, max: usize, required: bool| {
            if required && value.trim().is_empty() {
                errors.push(FieldError::new(field, "required", "This field is required."));
            } else if value.chars().count() > max {
                errors.push(FieldError::new(field, "too_long", format!("At most {max} characters.")));
            } else if value.chars().any(char::is_control) {
                errors.push(FieldError::new(field, "control_characters", "Contains control characters."));
            }
        };
        text("publication_authors", &self.authors, MAX_AUTHORS, true);
        text("publication_series", &self.series, MAX_SHORT, false);
        if !self.isbn.trim().is_empty() && normalize_isbn(&self.isbn).is_none() {
            errors.push(FieldError::new(
                "publication_isbn",
                "invalid_isbn",
                "This is not a valid ISBN: check its digits (10 or 13, the last one a check digit).",
            ));
        }
        if !self.issn.trim().is_empty() && normalize_issn(&self.issn).is_none() {
            errors.push(FieldError::new(
                "publication_issn",
                "invalid_issn",
                "This is not a valid ISSN: eight characters such as 2078-6778, the last a check digit.",
            ));
        }
        errors
    }

    /// The facts as stored: ISBN as 13 digits (a 10-digit one converted), ISSN as `NNNN-NNNC`,
    /// text trimmed. Call on facts that [`validate`](Self::validate) accepted.
    pub fn normalized(&self) -> Publication {
        Publication {
            year: self.year,
            authors: self.authors.trim().to_owned(),
            form: self.form,
            isbn: normalize_isbn(&self.isbn).unwrap_or_default(),
            issn: normalize_issn(&self.issn).unwrap_or_default(),
            series: self.series.trim().to_owned(),
            cover: self.cover,
        }
    }
}

/// The characters of an identifier without the hyphens and spaces people type in it.
fn compact(text: &str) -> String {
    text.trim()
        .trim_start_matches("ISBN")
        .trim_start_matches("ISSN")
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | ':'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// An ISBN-10 or ISBN-13 with a correct check digit, as its 13 digits (an ISBN-10 gains the
/// `978` prefix and a new check digit).
pub fn normalize_isbn(text: &str) -> Option<String> {
    let compact = compact(text);
    let digits: Vec<u32> = compact.chars().map_while(|c| c.to_digit(10)).collect();
    match compact.len() {
        13 if digits.len() == 13 && (compact.starts_with("978") || compact.starts_with("979")) => {
            let sum: u32 = digits.iter().enumerate().map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 }).sum();
            sum.is_multiple_of(10).then_some(compact)
        }
        10 => {
            let check = match compact.chars().last()? {
                'X' => 10,
                c => c.to_digit(10)?,
            };
            if digits.len() < 9 {
                return None;
            }
            let sum: u32 =
                digits[..9].iter().enumerate().map(|(i, d)| d * (10 - i as u32)).sum::<u32>() + check;
            if !sum.is_multiple_of(11) {
                return None;
            }
            let mut thirteen: Vec<u32> = [9, 7, 8].into_iter().chain(digits[..9].iter().copied()).collect();
            let sum: u32 =
                thirteen.iter().enumerate().map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 }).sum();
            thirteen.push((10 - sum % 10) % 10);
            Some(thirteen.iter().map(|d| char::from_digit(*d, 10).unwrap_or('0')).collect())
        }
        _ => None,
    }
}

/// An ISSN with a correct check digit, written `NNNN-NNNC`.
pub fn normalize_issn(text: &str) -> Option<String> {
    let compact = compact(text);
    if compact.len() != 8 {
        return None;
    }
    let digits: Vec<u32> = compact.chars().take(7).map_while(|c| c.to_digit(10)).collect();
    if digits.len() != 7 {
        return None;
    }
    let check = match compact.chars().last()? {
        'X' => 10,
        c => c.to_digit(10)?,
    };
    let sum: u32 = digits.iter().enumerate().map(|(i, d)| d * (8 - i as u32)).sum::<u32>() + check;
    sum.is_multiple_of(11).then(|| format!("{}-{}", &compact[..4], &compact[4..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> Publication {
        Publication {
            year: 2026,
            authors: "Migration Research Division".into(),
            form: Form::Book,
            isbn: "978-92-9268-078-7".into(),
            issn: "1561-5502".into(),
            series: "World Migration Report".into(),
            cover: None,
        }
    }

    #[test]
    fn isbns_and_issns_are_checked_by_their_check_digit() {
        assert_eq!(normalize_isbn("978-92-9268-078-7").as_deref(), Some("9789292680787"));
        assert_eq!(normalize_isbn("978-92-9268-078-8"), None, "wrong check digit");
        assert_eq!(normalize_isbn("0-306-40615-2").as_deref(), Some("9780306406157"), "ISBN-10 becomes 13");
        assert_eq!(normalize_isbn("0-8044-2957-X").as_deref(), Some("9780804429573"));
        assert_eq!(normalize_isbn("0-306-40615-3"), None);
        assert_eq!(normalize_isbn("123"), None);
        assert_eq!(normalize_issn("2049-3630").as_deref(), Some("2049-3630"));
        assert_eq!(normalize_issn("2434-561X").as_deref(), Some("2434-561X"));
        assert_eq!(normalize_issn("2434-5611"), None);
        assert_eq!(normalize_issn("20493630").as_deref(), Some("2049-3630"));
    }

    #[test]
    fn complete_facts_are_valid_and_each_problem_names_its_field() {
        assert_eq!(good().validate(2026), vec![]);
        let bad = Publication {
            year: 1900,
            authors: " ".into(),
            isbn: "978-92-9268-078-8".into(),
            issn: "1234".into(),
            ..good()
        };
        let fields: Vec<_> = bad.validate(2026).iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            [
                ("publication_year", "out_of_range"),
                ("publication_authors", "required"),
                ("publication_isbn", "invalid_isbn"),
                ("publication_issn", "invalid_issn"),
            ]
        );
        assert_eq!(Publication { year: 2028, ..good() }.validate(2026)[0].field, "publication_year");
        assert_eq!(Publication { isbn: String::new(), issn: String::new(), ..good() }.validate(2026), vec![]);
        assert_eq!(good().normalized().isbn, "9789292680787");
    }
}
