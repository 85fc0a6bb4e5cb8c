//! Scores the tagger against a labelled set in JSON Lines (the format of
//! `testdata/releases.jsonl`, described in `testdata/README.md`): precision and recall for
//! countries and organizations, exact-match rates for dateline, date and media contacts, and
//! every miss listed.
//!
//! Each line: `{"id", "language", "text", "expected": {"dateline", "dateline_country", "date",
//! "countries", "organizations", "media_contacts": [{"name", "phone", "email"}],
//! "countries_optional"?, "organizations_optional"?}}`; other fields are ignored. A bad line
//! is an error naming its number, never a panic.

use serde::Serialize;
use serde_json::Value;

use crate::fold::fold;
use crate::{Format, Input, Proposal, Registry, TagError, tag};

/// Why a labelled set could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A line is not a valid labelled release.
    #[error("line {line}: {problem}")]
    Line {
        /// The line number, from 1.
        line: usize,
        /// What is wrong with it.
        problem: String,
    },
    /// A release could not be read.
    #[error("line {line}: {source}")]
    Tag {
        /// The line number, from 1.
        line: usize,
        /// The tagger's error.
        source: TagError,
    },
    /// The file holds no release.
    #[error("the labelled set holds no release")]
    Empty,
}

/// Precision and recall of a set-valued field, micro-averaged over releases.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PrecisionRecall {
    /// Correct proposals / proposals (optional answers left out).
    pub precision: f64,
    /// Expected answers found / expected answers.
    pub recall: f64,
}

/// The share of releases where a field is exactly right.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Exact {
    /// Between 0 and 1.
    pub exact: f64,
}

/// One answer the tagger got wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Miss {
    /// The release's id.
    pub id: String,
    /// `countries`, `organizations`, `media_contacts`, `dateline` or `date`.
    pub field: &'static str,
    /// What was expected (missing answers for a set-valued field).
    pub expected: String,
    /// What the tagger proposed (wrong answers for a set-valued field).
    pub got: String,
}

/// The scores of one labelled set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// How many releases were scored.
    pub releases: usize,
    /// Countries (ISO2).
    pub countries: PrecisionRecall,
    /// Organizations (same acronym or name, ignoring case and accents).
    pub organizations: PrecisionRecall,
    /// Releases whose media contacts are all exactly right (name, phone digits, e-mail).
    pub media_contacts: Exact,
    /// Releases whose dateline place and country are right.
    pub dateline: Exact,
    /// Releases whose dateline date is right.
    pub date: Exact,
    /// Every miss.
    pub misses: Vec<Miss>,
}

impl Report {
    /// The scores as JSON: `{"countries": {"precision", "recall"}, "organizations":
    /// {"precision", "recall"}, "media_contacts": {"exact"}, "dateline": {"exact"},
    /// "date": {"exact"}}`.
    pub fn to_json(&self) -> String {
        let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
        serde_json::json!({
            "countries": {"precision": round(self.countries.precision), "recall": round(self.countries.recall)},
            "organizations": {"precision": round(self.organizations.precision), "recall": round(self.organizations.recall)},
            "media_contacts": {"exact": round(self.media_contacts.exact)},
            "dateline": {"exact": round(self.dateline.exact)},
            "date": {"exact": round(self.date.exact)},
        })
        .to_string()
    }

    /// The scores and the misses, for a person.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{} releases\ncountries      precision {:.3}  recall {:.3}\norganizations  precision {:.3}  recall {:.3}\nmedia contacts exact {:.3}\ndateline       exact {:.3}\ndate           exact {:.3}\n",
            self.releases,
            self.countries.precision,
            self.countries.recall,
            self.organizations.precision,
            self.organizations.recall,
            self.media_contacts.exact,
            self.dateline.exact,
            self.date.exact,
        );
        if !self.misses.is_empty() {
            out.push_str(&format!("\n{} misses:\n", self.misses.len()));
            for miss in &self.misses {
                out.push_str(&format!(
                    "  {} {}: expected {} got {}\n",
                    miss.id, miss.field, miss.expected, miss.got
                ));
            }
        }
        out
    }
}

#[derive(Default)]
struct Counts {
    correct: usize,
    wrong: usize,
    found: usize,
    expected: usize,
}

impl Counts {
    fn score(&self) -> PrecisionRecall {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        PrecisionRecall {
            precision: ratio(self.correct, self.correct + self.wrong),
            recall: ratio(self.found, self.expected),
        }
    }
}

struct Labelled {
    id: String,
    language: Option<String>,
    format: Option<Format>,
    text: String,
    dateline: Option<String>,
    dateline_country: Option<String>,
    date: Option<String>,
    countries: Vec<String>,
    countries_optional: Vec<String>,
    organizations: Vec<String>,
    organizations_optional: Vec<String>,
    contacts: Vec<(String, Option<String>, Option<String>)>,
}

/// Scores the tagger on every release of `jsonl`.
pub fn evaluate(jsonl: &str) -> Result<Report, EvalError> {
    let mut labelled = Vec::new();
    for (index, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record = parse_line(line).map_err(|problem| EvalError::Line { line: index + 1, problem })?;
        labelled.push((index + 1, record));
    }
    if labelled.is_empty() {
        return Err(EvalError::Empty);
    }
    let mut countries = Counts::default();
    let mut organizations = Counts::default();
    let (mut contacts_exact, mut dateline_exact, mut date_exact) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for (line, release) in &labelled {
        let input = Input {
            format: release.format.unwrap_or_else(|| Format::detect(release.text.as_bytes())),
            bytes: release.text.as_bytes(),
            language: release.language.as_deref(),
        };
        let proposal =
            tag(&input, &Registry::default()).map_err(|source| EvalError::Tag { line: *line, source })?;
        score_countries(release, &proposal, &mut countries, &mut misses);
        score_organizations(release, &proposal, &mut organizations, &mut misses);
        if score_contacts(release, &proposal, &mut misses) {
            contacts_exact += 1;
        }
        let (place_ok, date_ok) = score_dateline(release, &proposal, &mut misses);
        dateline_exact += usize::from(place_ok);
        date_exact += usize::from(date_ok);
    }
    let total = labelled.len() as f64;
    Ok(Report {
        releases: labelled.len(),
        countries: countries.score(),
        organizations: organizations.score(),
        media_contacts: Exact { exact: contacts_exact as f64 / total },
        dateline: Exact { exact: dateline_exact as f64 / total },
        date: Exact { exact: date_exact as f64 / total },
        misses,
    })
}

fn parse_line(line: &str) -> Result<Labelled, String> {
    let value: Value = serde_json::from_str(line).map_err(|error| format!("not valid JSON ({error})"))?;
    let object = value.as_object().ok_or("not a JSON object")?;
    let string = |key: &str| -> Result<Option<String>, String> {
        match object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("\"{key}\" must be a string")),
        }
    };
    let id = string("id")?.ok_or("missing \"id\"")?;
    let text = string("text")?.ok_or("missing \"text\"")?;
    let format = match string("format")?.as_deref() {
        None => None,
        Some("text") => Some(Format::Text),
        Some("markdown") => Some(Format::Markdown),
        Some("html") => Some(Format::Html),
        Some(other) => return Err(format!("unknown \"format\" {other:?} (text, markdown or html)")),
    };
    let expected = object.get("expected").and_then(Value::as_object).ok_or("missing \"expected\" object")?;
    let exp_string = |key: &str| -> Result<Option<String>, String> {
        match expected.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("\"expected.{key}\" must be a string or null")),
        }
    };
    let exp_list = |key: &str| -> Result<Vec<String>, String> {
        match expected.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| {
                    item.as_str().map(str::to_owned).ok_or(format!("\"expected.{key}\" must hold strings"))
                })
                .collect(),
            Some(_) => Err(format!("\"expected.{key}\" must be a list")),
        }
    };
    let contacts = match expected.get("media_contacts") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                let contact = item.as_object().ok_or("\"expected.media_contacts\" must hold objects")?;
                let field = |key: &str| contact.get(key).and_then(Value::as_str).map(str::to_owned);
                Ok((field("name").ok_or("a media contact without \"name\"")?, field("phone"), field("email")))
            })
            .collect::<Result<_, &str>>()?,
        Some(_) => return Err("\"expected.media_contacts\" must be a list".to_owned()),
    };
    let upper = |codes: Vec<String>| codes.into_iter().map(|c| c.to_ascii_uppercase()).collect();
    Ok(Labelled {
        id,
        language: string("language")?,
        format,
        text,
        dateline: exp_string("dateline")?,
        dateline_country: exp_string("dateline_country")?.map(|c| c.to_ascii_uppercase()),
        date: exp_string("date")?,
        countries: upper(exp_list("countries")?),
        countries_optional: upper(exp_list("countries_optional")?),
        organizations: exp_list("organizations")?,
        organizations_optional: exp_list("organizations_optional")?,
        contacts,
    })
}

fn score_countries(release: &Labelled, proposal: &Proposal, counts: &mut Counts, misses: &mut Vec<Miss>) {
    let got: Vec<&str> = proposal.countries.iter().map(|c| c.iso2.as_str()).collect();
    let wrong: Vec<&str> = got
        .iter()
        .copied()
        .filter(|code| {
            !release.countries.iter().any(|e| e == code)
                && !release.countries_optional.iter().any(|e| e == code)
        })
        .collect();
    let missing: Vec<&str> =
        release.countries.iter().map(String::as_str).filter(|code| !got.contains(code)).collect();
    counts.correct += got.iter().filter(|code| release.countries.iter().any(|e| e == *code)).count();
    counts.wrong += wrong.len();
    counts.expected += release.countries.len();
    counts.found += release.countries.len() - missing.len();
    if !wrong.is_empty() || !missing.is_empty() {
        misses.push(Miss {
            id: release.id.clone(),
            field: "countries",
            expected: missing.join(","),
            got: wrong.join(","),
        });
    }
}

fn org_keys(org: &crate::OrgProposal) -> Vec<String> {
    org.acronym.iter().chain(std::iter::once(&org.name)).chain(org.aliases.iter()).map(|k| key(k)).collect()
}

fn key(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn score_organizations(release: &Labelled, proposal: &Proposal, counts: &mut Counts, misses: &mut Vec<Miss>) {
    let keys: Vec<Vec<String>> = proposal.organizations.iter().map(org_keys).collect();
    let expected: Vec<String> = release.organizations.iter().map(|e| key(e)).collect();
    let optional: Vec<String> = release.organizations_optional.iter().map(|e| key(e)).collect();
    let mut wrong = Vec::new();
    for (org, org_keys) in proposal.organizations.iter().zip(&keys) {
        if expected.iter().any(|e| org_keys.contains(e)) {
            counts.correct += 1;
        } else if !optional.iter().any(|e| org_keys.contains(e)) {
            counts.wrong += 1;
            wrong.push(org.acronym.clone().unwrap_or_else(|| org.name.clone()));
        }
    }
    let mut missing = Vec::new();
    for (printed, e) in release.organizations.iter().zip(&expected) {
        counts.expected += 1;
        if keys.iter().any(|k| k.contains(e)) {
            counts.found += 1;
        } else {
            missing.push(printed.clone());
        }
    }
    if !wrong.is_empty() || !missing.is_empty() {
        misses.push(Miss {
            id: release.id.clone(),
            field: "organizations",
            expected: missing.join("; "),
            got: wrong.join("; "),
        });
    }
}

type ContactKey = (String, String, String);

fn contact_key(name: &str, phone: Option<&str>, email: Option<&str>) -> ContactKey {
    let digits = phone.map(|p| p.chars().filter(char::is_ascii_digit).collect()).unwrap_or_default();
    (key(name), digits, email.map(str::to_ascii_lowercase).unwrap_or_default())
}

fn score_contacts(release: &Labelled, proposal: &Proposal, misses: &mut Vec<Miss>) -> bool {
    let mut expected: Vec<ContactKey> =
        release.contacts.iter().map(|(n, p, e)| contact_key(n, p.as_deref(), e.as_deref())).collect();
    let mut got: Vec<ContactKey> = proposal
        .contacts
        .iter()
        .map(|c| contact_key(&c.name, c.phone.as_deref(), c.email.as_deref()))
        .collect();
    expected.sort();
    got.sort();
    let exact = expected == got;
    if !exact {
        let show = |list: &[ContactKey]| {
            list.iter().map(|(n, p, e)| format!("{n} {p} {e}")).collect::<Vec<_>>().join("; ")
        };
        misses.push(Miss {
            id: release.id.clone(),
            field: "media_contacts",
            expected: show(&expected),
            got: show(&got),
        });
    }
    exact
}

fn score_dateline(release: &Labelled, proposal: &Proposal, misses: &mut Vec<Miss>) -> (bool, bool) {
    let got_place = proposal.dateline.as_ref().map(|d| key(&d.city));
    let got_country = proposal.dateline.as_ref().and_then(|d| d.country.clone());
    let got_date = proposal.dateline.as_ref().and_then(|d| d.date.clone());
    let place_ok = got_place == release.dateline.as_deref().map(key)
        && (release.dateline.is_none() || got_country == release.dateline_country);
    let date_ok = got_date == release.date;
    if !place_ok {
        misses.push(Miss {
            id: release.id.clone(),
            field: "dateline",
            expected: format!("{:?} {:?}", release.dateline, release.dateline_country),
            got: format!("{got_place:?} {got_country:?}"),
        });
    }
    if !date_ok {
        misses.push(Miss {
            id: release.id.clone(),
            field: "date",
            expected: format!("{:?}", release.date),
            got: format!("{got_date:?}"),
        });
    }
    (place_ok, date_ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_an_error_naming_it() {
        let good = r#"{"id": "a", "text": "GENEVA – IOM said.", "expected": {"dateline": "Geneva"}}"#;
        let error = evaluate(&format!("{good}\n{{not json\n")).expect_err("line 2 is bad");
        assert!(error.to_string().starts_with("line 2: not valid JSON"), "{error}");
        let error = evaluate(r#"{"id": "a", "expected": {}}"#).expect_err("no text");
        assert_eq!(error.to_string(), "line 1: missing \"text\"");
        let error =
            evaluate(r#"{"id": "a", "text": "x", "expected": {"countries": "SV"}}"#).expect_err("not a list");
        assert_eq!(error.to_string(), "line 1: \"expected.countries\" must be a list");
        assert!(matches!(evaluate("\n\n"), Err(EvalError::Empty)));
    }

    #[test]
    fn the_json_report_has_exactly_the_agreed_shape() {
        let line = r#"{"id": "a", "language": "en", "text": "GENEVA – IOM helped Syrians in Jordan.", "expected": {"dateline": "Geneva", "dateline_country": "CH", "date": null, "countries": ["JO", "SY"], "organizations": ["IOM"], "media_contacts": []}, "unknown": 1}"#;
        let report = evaluate(line).expect("scores");
        let json: Value = serde_json::from_str(&report.to_json()).expect("JSON");
        let keys: Vec<&String> = json.as_object().expect("object").keys().collect();
        assert_eq!(keys, ["countries", "date", "dateline", "media_contacts", "organizations"]);
        assert_eq!(json["countries"]["recall"], 1.0);
        assert_eq!(json["dateline"]["exact"], 1.0);
        assert!(report.to_text().contains("countries"));
    }
}
