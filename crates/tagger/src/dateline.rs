//! The dateline: the place and date printed before the first dash of a release
//! ("SAN SALVADOR, El Salvador, 21 August 2015 –", "Genève –", "عمان، الأردن –"), and the
//! dates it may hold, in the seven languages (Arabic-Indic digits and the Levantine, Egyptian
//! and Maghrebi month names included).

use crate::Dateline;
use crate::document::{BlockKind, Document};
use crate::fold::{Folded, fold};
use crate::gazetteer::{self, What};

/// A dateline and where it is in the plain text.
#[derive(Debug, Clone)]
pub struct Found {
    /// The dateline.
    pub dateline: Dateline,
    /// Its byte range in [`Document::plain`].
    pub span: (usize, usize),
    /// Whether the country was printed in it (not only known from the city).
    pub country_printed: bool,
}

const SEPARATORS: &[&str] = &[" – ", " — ", " - ", " −", " –", " —", "– ", "— ", ": "];

/// Finds the dateline in the first paragraphs of `doc`. `contact_region` (a byte range of the
/// plain text) gives a last-resort country: the office of the media contact.
pub fn find(doc: &Document, contact_region: Option<&(usize, usize)>, lang: &str) -> Option<Found> {
    let candidates = doc
        .blocks
        .iter()
        .skip(usize::from(doc.has_title_block))
        .filter(|block| matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading(_)))
        .take(4);
    for block in candidates {
        let line = block.text.lines().next().unwrap_or_default();
        let Some((sep_at, sep)) = SEPARATORS
            .iter()
            .filter_map(|sep| line.find(sep).map(|at| (at, *sep)))
            .filter(|(at, _)| *at <= 140)
            .min_by_key(|(at, _)| *at)
        else {
            continue;
        };
        let prefix = &line[..sep_at];
        if let Some(found) = parse(prefix, &line[sep_at + sep.len()..], lang) {
            let mut found = found;
            let (mut dateline, consumed_rest, country_printed) = (found.0, found.1, found.2);
            let evidence_end = sep_at + sep.len() + consumed_rest;
            dateline.evidence = line[..evidence_end].trim().to_owned();
            if dateline.country.is_none() {
                dateline.country = contact_region.and_then(|region| office_country(doc, *region, lang));
            }
            found.0 = dateline.clone();
            return Some(Found {
                dateline,
                span: (block.start, block.start + evidence_end),
                country_printed,
            });
        }
    }
    None
}

/// Reads "PLACE[, COUNTRY][, DATE]" and, when the date follows the dash ("NAIROBI – 15 May
/// 2024 –"), the date after it. Returns the dateline, how many bytes of `rest` it used, and
/// whether a country was printed.
fn parse(prefix: &str, rest: &str, lang: &str) -> Option<(Dateline, usize, bool)> {
    let prefix = prefix.trim().trim_matches(|ch: char| ch == '*' || ch == '_' || ch == '#').trim();
    if prefix.is_empty() || prefix.chars().count() > 110 {
        return None;
    }
    let segments: Vec<&str> = prefix
        .split([',', '،', '(', ')'])
        .map(|segment| segment.trim().trim_matches(|ch: char| ch == '*' || ch == '_').trim())
        .filter(|segment| !segment.is_empty())
        .collect();
    let (place, others) = segments.split_first()?;
    if place.chars().any(|ch| ch.is_ascii_digit()) || place.split_whitespace().count() > 5 {
        return None;
    }
    let place_kind = classify(place, lang);
    let mut country = None;
    let mut date = None;
    let mut country_printed = false;
    for segment in others {
        if date.is_none()
            && let Some(parsed) = parse_date(segment)
        {
            date = Some(parsed);
            continue;
        }
        match classify(segment, lang) {
            Some(What::Country(iso2)) if country.is_none() => {
                country = Some(iso2.to_owned());
                country_printed = true;
            }
            _ => return None,
        }
    }
    let capitals = place.chars().filter(|ch| ch.is_alphabetic()).all(|ch| !ch.is_lowercase())
        && place.chars().any(|ch| ch.is_uppercase());
    let known_place = matches!(place_kind, Some(What::Country(_)) | Some(What::City(_)));
    if !(capitals || known_place || country.is_some() || date.is_some()) {
        return None;
    }
    match place_kind {
        Some(What::Country(iso2)) if country.is_none() => {
            country_printed = true;
            country = Some(iso2.to_owned());
        }
        Some(What::City(iso2)) if country.is_none() => country = Some(iso2.to_owned()),
        _ => {}
    }
    // "NAIROBI – 15 May 2024 –": the date between two dashes.
    let mut used = 0;
    if date.is_none()
        && let Some((at, sep)) =
            SEPARATORS.iter().filter_map(|sep| rest.find(sep).map(|at| (at, *sep))).min_by_key(|(at, _)| *at)
        && at <= 40
        && let Some(parsed) = parse_date(&rest[..at])
    {
        date = Some(parsed);
        used = at + sep.len();
    }
    let dateline = Dateline { city: (*place).to_owned(), country, date, evidence: String::new() };
    Some((dateline, used, country_printed))
}

/// What a whole segment names, if it names one country or one city.
fn classify(segment: &str, lang: &str) -> Option<What> {
    let folded = Folded::new(segment);
    let hits = gazetteer::scan(&folded, segment, lang);
    let covered: usize = hits.iter().map(|hit| segment[hit.start..hit.end].trim().len()).sum();
    let letters = segment.trim().len();
    let hit = hits.first()?;
    if hits.len() != 1 || covered + 4 < letters {
        // Allow a leading article or a word like "City" to stay out ("CIUDAD DE PANAMÁ").
        return hits.iter().find_map(|hit| match hit.what {
            What::Country(_) | What::City(_) if covered * 2 >= letters => Some(hit.what),
            _ => None,
        });
    }
    match hit.what {
        What::Country(_) | What::City(_) => Some(hit.what),
        _ => None,
    }
}

/// The country of the first media contact's office ("OIM Italia"), if one is named.
fn office_country(doc: &Document, region: (usize, usize), lang: &str) -> Option<String> {
    let text = doc.plain.get(region.0..region.1)?;
    let hits = gazetteer::scan(&Folded::new(text), text, lang);
    hits.iter().find_map(|hit| match hit.what {
        What::Country(iso2) => Some(iso2.to_owned()),
        _ => None,
    })
}

/// Reads a date such as "21 August 2015", "August 21, 2015", "le 1er décembre 2022",
/// "21 de agosto de 2015", "14. März 2022", "12 آذار/مارس 2023", "٢١ أغسطس ٢٠٢٣", "2015-08-21"
/// or "21/08/2015" into ISO 8601.
pub fn parse_date(text: &str) -> Option<String> {
    let folded = fold(text);
    let tokens: Vec<&str> = folded
        .split(|ch: char| ch.is_whitespace() || matches!(ch, ',' | '/' | '.' | '-'))
        .filter(|token| !token.is_empty())
        .collect();
    if tokens.is_empty() || tokens.len() > 9 {
        return None;
    }
    // Numeric forms first.
    let numbers: Vec<u32> = tokens.iter().filter_map(|token| token.parse().ok()).collect();
    let all_numeric = tokens.iter().all(|token| token.chars().all(|ch| ch.is_ascii_digit()));
    if all_numeric && numbers.len() == 3 {
        let (year, month, day) = if numbers[0] > 1900 {
            (numbers[0], numbers[1], numbers[2])
        } else {
            (numbers[2], numbers[1], numbers[0])
        };
        return iso(year, month, day);
    }
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens[index];
        if let Some(two) = tokens.get(index + 1).map(|next| format!("{token} {next}"))
            && let Some(m) = month_number(&two)
        {
            month = month.or(Some(m));
            index += 2;
            continue;
        }
        let digits: String = token.chars().take_while(|ch| ch.is_ascii_digit()).collect();
        let tail = &token[digits.len()..];
        if !digits.is_empty() && ["", "er", "st", "nd", "rd", "th", "º", "°", "o"].contains(&tail) {
            let value: u32 = digits.parse().ok()?;
            if digits.len() == 4 {
                year = Some(value);
            } else if day.is_none() && (1..=31).contains(&value) {
                day = Some(value);
            } else {
                return None;
            }
        } else if let Some(m) = month_number(token) {
            month = month.or(Some(m));
        } else if !FILLERS.contains(&token) {
            return None;
        }
        index += 1;
    }
    iso(year?, month?, day?)
}

const FILLERS: &[&str] =
    &["le", "de", "del", "of", "the", "el", "am", "den", "il", "em", "du", "لـ", "في", "on"];

fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=2100).contains(&year) && (1..=days).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Month names, folded, in the seven languages.
const MONTHS: [&[&str]; 12] = [
    &[
        "january",
        "jan",
        "janvier",
        "enero",
        "januar",
        "janner",
        "gennaio",
        "janeiro",
        "يناير",
        "كانون الثاني",
        "جانفي",
    ],
    &["february", "feb", "fevrier", "febrero", "februar", "febbraio", "fevereiro", "فبراير", "شباط", "فيفري"],
    &["march", "mar", "mars", "marzo", "marz", "marco", "مارس", "اذار"],
    &["april", "apr", "avril", "abril", "aprile", "ابريل", "نيسان", "افريل"],
    &["may", "mai", "mayo", "maggio", "maio", "مايو", "ايار", "ماي"],
    &["june", "jun", "juin", "junio", "juni", "giugno", "junho", "يونيو", "يونيه", "حزيران", "جوان"],
    &["july", "jul", "juillet", "julio", "juli", "luglio", "julho", "يوليو", "يوليه", "تموز", "جويليه"],
    &["august", "aug", "aout", "agosto", "اغسطس", "اب", "اوت"],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "setembro",
        "سبتمبر",
        "ايلول",
    ],
    &["october", "oct", "octobre", "octubre", "oktober", "ottobre", "outubro", "اكتوبر", "تشرين الاول"],
    &["november", "nov", "novembre", "noviembre", "novembro", "نوفمبر", "تشرين الثاني"],
    &["december", "dec", "decembre", "diciembre", "dezember", "dicembre", "dezembro", "ديسمبر", "كانون الاول"],
];

fn month_number(token: &str) -> Option<u32> {
    MONTHS.iter().position(|names| names.contains(&token)).and_then(|index| u32::try_from(index + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_every_language() {
        let cases = [
            ("21 August 2015", "2015-08-21"),
            ("August 21, 2015", "2015-08-21"),
            ("le 1er décembre 2022", "2022-12-01"),
            ("21 de agosto de 2015", "2015-08-21"),
            ("14. März 2022", "2022-03-14"),
            ("12 luglio 2023", "2023-07-12"),
            ("5 de junho de 2023", "2023-06-05"),
            ("12 آذار/مارس 2023", "2023-03-12"),
            ("10 كانون الثاني/يناير 2024", "2024-01-10"),
            ("٢١ أغسطس ٢٠٢٣", "2023-08-21"),
            ("٢٥ جويلية ٢٠٢٣", "2023-07-25"),
            ("2015-08-21", "2015-08-21"),
            ("21/08/2015", "2015-08-21"),
        ];
        for (text, iso) in cases {
            assert_eq!(parse_date(text).as_deref(), Some(iso), "{text}");
        }
    }

    #[test]
    fn things_that_are_not_dates_are_not_read_as_dates() {
        assert_eq!(parse_date("31 February 2023"), None);
        assert_eq!(parse_date("El Salvador"), None);
        assert_eq!(parse_date("More than 2,500 people"), None);
    }
}
