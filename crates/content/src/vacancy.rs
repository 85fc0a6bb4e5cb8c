//! A vacancy's own facts: where and at what grade the position is, who may apply, how, and
//! until when. They belong to the document, not to a language: every translation of a
//! vacancy announces the same position.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime, UtcOffset};

use crate::validate::FieldError;

/// The grades a vacancy may be posted at, in the order lists and filters show them:
/// professional and director grades, national officers, general service, then positions
/// outside the grade scales.
pub const GRADES: &[&str] = &[
    "P-1",
    "P-2",
    "P-3",
    "P-4",
    "P-5",
    "D-1",
    "D-2",
    "NO-A",
    "NO-B",
    "NO-C",
    "NO-D",
    "G-1",
    "G-2",
    "G-3",
    "G-4",
    "G-5",
    "G-6",
    "G-7",
    "UG",
    "consultant",
    "intern",
];

/// How long a closed vacancy stays findable, its page saying it is closed; after that its
/// address answers `410 Gone`.
pub const FINDABLE_AFTER_CLOSING: Duration = Duration::days(365);

/// How near its closing time a vacancy counts as closing soon.
pub const CLOSING_SOON: Duration = Duration::days(7);

/// The longest a vacancy may stay open: a typo in the closing year must not keep it listed
/// for a decade.
const MAX_OPEN: Duration = Duration::days(366);

const MAX_SHORT: usize = 200;
const MAX_ADDRESS: usize = 500;

macro_rules! choice {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { #[default] $($(#[$vdoc])* $variant),* }

        impl $name {
            /// Every choice, in the order forms list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable text stored, used in URLs and the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            /// The choice named by `text`, if any.
            pub fn parse(text: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|c| c.as_str() == text)
            }
        }
    };
}

choice! {
    /// The kind of appointment offered.
    Contract {
        /// A fixed-term appointment.
        FixedTerm = "fixed_term",
        /// A temporary appointment for a limited need.
        Temporary = "temporary",
        /// A consultancy: a contractor, not staff.
        Consultancy = "consultancy",
        /// An internship.
        Internship = "internship",
    }
}

impl Contract {
    /// schema.org's `employmentType` for it, as search engines read job postings.
    pub fn employment_type(self) -> &'static str {
        match self {
            Contract::FixedTerm => "FULL_TIME",
            Contract::Temporary => "TEMPORARY",
            Contract::Consultancy => "CONTRACTOR",
            Contract::Internship => "INTERN",
        }
    }
}

choice! {
    /// Who may apply.
    Eligibility {
        /// Anyone, staff or not.
        External = "external",
        /// Current staff only.
        Internal = "internal",
    }
}

/// A vacancy's facts, as the editor fills them in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vacancy {
    /// The organization's reference ("VN 2026/118-P").
    pub reference: String,
    /// The duty station's city.
    pub duty_city: String,
    /// The duty station's country, ISO 3166-1 alpha-2, uppercase.
    pub duty_country: String,
    /// One of [`GRADES`].
    pub grade: String,
    /// The kind of appointment.
    pub contract: Contract,
    /// How long the appointment lasts, in words ("12 months, renewable").
    pub duration: String,
    /// The office or division that hires.
    pub unit: String,
    /// When applications open, with the offset of the time zone it was set in.
    #[serde(with = "time::serde::rfc3339")]
    pub opens_at: OffsetDateTime,
    /// When applications close, with the offset of the time zone it was set in: the moment
    /// the vacancy leaves lists and feeds.
    #[serde(with = "time::serde::rfc3339")]
    pub closes_at: OffsetDateTime,
    /// Who may apply.
    pub eligibility: Eligibility,
    /// Where to apply: an `https://` address or an email address.
    pub apply_to: String,
}

impl Default for Vacancy {
    fn default() -> Self {
        Vacancy {
            reference: String::new(),
            duty_city: String::new(),
            duty_country: String::new(),
            grade: String::new(),
            contract: Contract::default(),
            duration: String::new(),
            unit: String::new(),
            opens_at: OffsetDateTime::UNIX_EPOCH,
            closes_at: OffsetDateTime::UNIX_EPOCH,
            eligibility: Eligibility::default(),
            apply_to: String::new(),
        }
    }
}

/// Where a vacancy stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Applications are not yet taken.
    NotYetOpen,
    /// Applications are taken.
    Open,
    /// Closed, and still findable.
    Closed,
    /// Closed long enough ago to be gone from the public site.
    Gone,
}

impl Vacancy {
    /// Where the vacancy stands at `now`.
    pub fn phase(&self, now: OffsetDateTime) -> Phase {
        if now < self.opens_at {
            Phase::NotYetOpen
        } else if now < self.closes_at {
            Phase::Open
        } else if now < self.closes_at + FINDABLE_AFTER_CLOSING {
            Phase::Closed
        } else {
            Phase::Gone
        }
    }

    /// Whether it closes within [`CLOSING_SOON`] of `now`, still open.
    pub fn closing_soon(&self, now: OffsetDateTime) -> bool {
        self.phase(now) == Phase::Open && self.closes_at - now <= CLOSING_SOON
    }

    /// The next moment its phase changes after `now`, if it changes at all on the public
    /// site: caches must not keep what they show past it.
    pub fn next_change(&self, now: OffsetDateTime) -> Option<OffsetDateTime> {
        [self.opens_at, self.closes_at, self.closes_at + FINDABLE_AFTER_CLOSING]
            .into_iter()
            .find(|at| *at > now)
    }

    /// The application address as a link target: `mailto:` for an email address.
    pub fn apply_href(&self) -> String {
        if is_email(&self.apply_to) { format!("mailto:{}", self.apply_to) } else { self.apply_to.clone() }
    }

    /// The offset its times were set in, as people read it: `UTC+02:00`, `UTC`.
    pub fn time_zone_label(&self) -> String {
        offset_label(self.closes_at.offset())
    }

    /// Every problem with these facts. `is_known_country` answers for an uppercase alpha-2
    /// code.
    pub fn validate(&self, is_known_country: impl Fn(&str) -> bool) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut text = |field: &'static str, value: &str, max: usize, required: bool| {
            if required && value.trim().is_empty() {
                errors.push(FieldError::new(field, "required", "This field is required."));
            } else if value.chars().count() > max {
                errors.push(FieldError::new(field, "too_long", format!("At most {max} characters.")));
            } else if value.chars().any(char::is_control) {
                errors.push(FieldError::new(field, "control_characters", "Contains control characters."));
            }
        };
        text("vacancy_reference", &self.reference, MAX_SHORT, true);
        text("vacancy_duty_city", &self.duty_city, MAX_SHORT, true);
        text("vacancy_duration", &self.duration, MAX_SHORT, false);
        text("vacancy_unit", &self.unit, MAX_SHORT, false);
        text("vacancy_apply_to", &self.apply_to, MAX_ADDRESS, true);
        if !is_known_country(&self.duty_country) {
            errors.push(FieldError::new(
                "vacancy_duty_country",
                "unknown_country",
                format!("{:?} is not an ISO 3166-1 country code.", self.duty_country),
            ));
        }
        if !GRADES.contains(&self.grade.as_str()) {
            errors.push(FieldError::new(
                "vacancy_grade",
                "unknown_grade",
                format!("{:?} is not a grade; use one of {}.", self.grade, GRADES.join(", ")),
            ));
        }
        if self.closes_at <= self.opens_at {
            errors.push(FieldError::new(
                "vacancy_closes_at",
                "before_opening",
                "Applications must close after they open.",
            ));
        } else if self.closes_at - self.opens_at > MAX_OPEN {
            errors.push(FieldError::new(
                "vacancy_closes_at",
                "too_long_open",
                "A vacancy stays open at most a year; check the closing year.",
            ));
        }
        if self.opens_at.offset() != self.closes_at.offset() {
            errors.push(FieldError::new(
                "vacancy_closes_at",
                "mixed_time_zones",
                "Give the opening and closing times in the same time zone.",
            ));
        }
        let address = self.apply_to.trim();
        if !address.is_empty() && !is_email(address) && !is_https_url(address) {
            errors.push(FieldError::new(
                "vacancy_apply_to",
                "invalid_address",
                "Give an https:// address or an email address.",
            ));
        }
        errors
    }
}

/// `UTC+02:00`, `UTC-03:30`, or `UTC` for a zero offset.
pub fn offset_label(offset: UtcOffset) -> String {
    if offset.is_utc() {
        return "UTC".to_owned();
    }
    let sign = if offset.is_negative() { '-' } else { '+' };
    let (hours, minutes, _) = offset.as_hms();
    format!("UTC{sign}{:02}:{:02}", hours.unsigned_abs(), minutes.unsigned_abs())
}

/// The offset a label of [`offset_label`] or a bare `+02:00` names, within ±14 hours.
pub fn parse_offset(label: &str) -> Option<UtcOffset> {
    let rest = label.trim().strip_prefix("UTC").unwrap_or(label.trim());
    if rest.is_empty() {
        return Some(UtcOffset::UTC);
    }
    let (sign, rest) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':')?;
    if hours.len() != 2 || minutes.len() != 2 {
        return None;
    }
    let hours: i8 = hours.parse().ok()?;
    let minutes: i8 = minutes.parse().ok()?;
    if hours > 14 || !(0..60).contains(&minutes) || (hours == 14 && minutes != 0) {
        return None;
    }
    UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()
}

/// The offsets time zones use, from UTC−12:00 to UTC+14:00, for a form's choice.
pub fn offsets() -> Vec<String> {
    const QUARTER_HOURS: &[i16] = &[
        -720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -120, -60, 0, 60, 120, 180,
        210, 240, 270, 300, 330, 345, 360, 390, 420, 480, 525, 540, 570, 600, 630, 660, 720, 765, 780, 840,
    ];
    QUARTER_HOURS
        .iter()
        .filter_map(|m| UtcOffset::from_whole_seconds(i32::from(*m) * 60).ok())
        .map(offset_label)
        .collect()
}

fn is_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && address.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\\' | ','))
        && !domain.contains('@')
}

fn is_https_url(address: &str) -> bool {
    address.strip_prefix("https://").is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.')
            && !host.is_empty()
            && !rest.chars().any(|c| c.is_whitespace() || c == '"' || c == '<')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn good() -> Vacancy {
        Vacancy {
            reference: "VN 2026/118-P".into(),
            duty_city: "San Salvador".into(),
            duty_country: "SV".into(),
            grade: "P-3".into(),
            contract: Contract::FixedTerm,
            duration: "12 months".into(),
            unit: "Migration Health Division".into(),
            opens_at: datetime!(2026-11-20 09:00 -6),
            closes_at: datetime!(2026-12-04 23:59 -6),
            eligibility: Eligibility::External,
            apply_to: "https://careers.example.org/vn-2026-118".into(),
        }
    }

    #[test]
    fn a_complete_vacancy_is_valid_and_each_problem_names_its_field() {
        assert_eq!(good().validate(|c| c == "SV"), vec![]);
        let bad = Vacancy {
            reference: String::new(),
            duty_country: "ZZ".into(),
            grade: "P-9".into(),
            closes_at: datetime!(2026-11-01 00:00 -6),
            apply_to: "javascript:alert(1)".into(),
            ..good()
        };
        let fields: Vec<_> = bad.validate(|c| c == "SV").iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            [
                ("vacancy_reference", "required"),
                ("vacancy_duty_country", "unknown_country"),
                ("vacancy_grade", "unknown_grade"),
                ("vacancy_closes_at", "before_opening"),
                ("vacancy_apply_to", "invalid_address"),
            ]
        );
        let decade = Vacancy { closes_at: datetime!(2036-12-04 23:59 -6), ..good() };
        assert_eq!(decade.validate(|_| true)[0].code, "too_long_open");
        let mixed = Vacancy { closes_at: datetime!(2026-12-04 23:59 +1), ..good() };
        assert_eq!(mixed.validate(|_| true)[0].code, "mixed_time_zones");
        let mail = Vacancy { apply_to: "hrsansalvador@example.org".into(), ..good() };
        assert_eq!(mail.validate(|_| true), vec![]);
        assert_eq!(mail.apply_href(), "mailto:hrsansalvador@example.org");
    }

    #[test]
    fn a_vacancy_opens_closes_and_goes_at_its_times() {
        let v = good();
        assert_eq!(v.phase(datetime!(2026-11-20 14:59 UTC)), Phase::NotYetOpen);
        assert_eq!(v.phase(datetime!(2026-11-20 15:00 UTC)), Phase::Open);
        assert!(v.closing_soon(datetime!(2026-12-01 00:00 UTC)));
        assert!(!v.closing_soon(datetime!(2026-11-21 00:00 UTC)));
        assert_eq!(v.phase(datetime!(2026-12-05 05:58:59 UTC)), Phase::Open);
        assert_eq!(v.phase(datetime!(2026-12-05 05:59 UTC)), Phase::Closed, "closed at the minute it closes");
        assert_eq!(v.phase(datetime!(2027-12-06 00:00 UTC)), Phase::Gone);
        assert_eq!(v.next_change(datetime!(2026-12-01 00:00 UTC)), Some(v.closes_at));
        assert_eq!(v.next_change(datetime!(2030-01-01 00:00 UTC)), None);
    }

    #[test]
    fn offsets_read_and_print_alike() {
        assert_eq!(good().time_zone_label(), "UTC-06:00");
        for label in offsets() {
            assert_eq!(parse_offset(&label).map(offset_label).as_deref(), Some(label.as_str()));
        }
        assert_eq!(offsets().len(), 38);
        assert_eq!(parse_offset("+05:45").map(offset_label).as_deref(), Some("UTC+05:45"));
        for bad in ["UTC+15:00", "+5:00", "UTC+05:60", "GMT", "UTC+14:30"] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }
}
