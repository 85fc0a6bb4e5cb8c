//! One automaton over every name the tagger knows — countries (CLDR, seven languages, plus
//! aliases), demonyms, cities, organizations, "Red Cross" phrases and look-alikes that are not
//! countries — and the scan that finds them in a release's folded text.
//!
//! A scan returns non-overlapping hits, longest first: "Democratic Republic of the Congo" wins
//! over "Congo", "Japan International Cooperation Agency" (an organization) over "Japan".
//! What a hit means for countries or organizations is decided elsewhere.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::cities_generated::CITIES;
use crate::country_tables::{ALIASES, DEMONYMS, NOT_A_COUNTRY};
use crate::fold::{Folded, fold, is_word_char};
use crate::orgs_table::{ORGANIZATIONS, RED_CROSS};

/// What a name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// A country's name (ISO2).
    Country(&'static str),
    /// A demonym; `weak` when it is also a language's name.
    Demonym { iso2: &'static str, weak: bool },
    /// A city that points to one country.
    City(&'static str),
    /// A built-in organization, by index in [`organizations`].
    Org(usize),
    /// "Red Cross", "Cruz Roja", "الهلال الأحمر"...
    RedCross,
    /// Looks like a country but is not ("Latin American").
    NotACountry,
}

impl What {
    fn priority(self) -> u8 {
        match self {
            What::Org(_) => 5,
            What::NotACountry => 4,
            What::Country(_) => 3,
            What::RedCross => 2,
            What::City(_) => 1,
            What::Demonym { .. } => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Case {
    Any,
    /// The first letter as printed is upper case (or the script has no case).
    Capitalized,
    /// Exactly this, as printed.
    Exact(String),
}

/// What may stand before an Arabic name in the same word: conjunctions and prepositions
/// ("و", "ب", "ل") and, for names that carry it, the article "ال".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArabicLeft {
    NotArabic,
    Clitic,
    Article,
    CliticOrArticle,
}

#[derive(Debug, Clone)]
struct Sense {
    what: What,
    case: Case,
    suffixes: &'static [&'static str],
    arabic: ArabicLeft,
    only_lang: Option<&'static str>,
}

/// A built-in organization.
#[derive(Debug, Clone)]
pub struct Organization {
    /// Acronyms, the usual one first.
    pub acronyms: Vec<&'static str>,
    /// Names, the English one first.
    pub names: Vec<&'static str>,
}

/// A name found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// What it stands for.
    pub what: What,
    /// Byte range in the original text.
    pub start: usize,
    /// End of the byte range in the original text.
    pub end: usize,
    /// Whether the hit matched an exact-case acronym.
    pub acronym: bool,
    /// Whether an ending was matched after the name ("Somali" + "s").
    pub inflected: bool,
}

struct Gazetteer {
    automaton: AhoCorasick,
    senses: Vec<Vec<Sense>>,
    organizations: Vec<Organization>,
}

static GAZETTEER: LazyLock<Option<Gazetteer>> = LazyLock::new(build);

/// The built-in organizations.
pub fn organizations() -> &'static [Organization] {
    GAZETTEER.as_ref().map(|g| g.organizations.as_slice()).unwrap_or(&[])
}

const NO_SUFFIX: &[&str] = &[""];
const GENITIVE: &[&str] = &["", "s"];

fn demonym_suffixes(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &["", "s"],
        "fr" => &["", "s", "e", "es", "ne", "nes"],
        "es" | "pt" => &["", "s", "es", "o", "a", "os", "as"],
        "it" => &["", "o", "a", "i", "e", "he", "hi"],
        "de" => &["", "e", "en", "er", "es", "em", "n", "in", "innen", "s"],
        "ar" => &[
            "",
            "\u{647}",
            "\u{64A}\u{646}",
            "\u{648}\u{646}",
            "\u{64A}",
            "\u{64A}\u{647}",
            "\u{627}\u{62A}",
        ],
        _ => NO_SUFFIX,
    }
}

/// Names CLDR gives a country in one language that are common words or other places in
/// another: matched only in that language.
const HOMONYMS: &[(&str, &str)] =
    &[("salvador", "fr"), ("maurice", "fr"), ("island", "de"), ("la reunion", "fr")];

fn is_arabic(text: &str) -> bool {
    text.chars().any(|ch| ('\u{0600}'..='\u{06FF}').contains(&ch))
}

struct Builder {
    keys: HashMap<String, usize>,
    patterns: Vec<String>,
    senses: Vec<Vec<Sense>>,
}

impl Builder {
    fn add(&mut self, name: &str, what: What, case: Case, suffixes: &'static [&'static str]) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let mut key = fold(name).split_whitespace().collect::<Vec<_>>().join(" ");
        let mut arabic = ArabicLeft::NotArabic;
        if is_arabic(&key) {
            arabic = if matches!(what, What::Demonym { .. }) {
                ArabicLeft::CliticOrArticle
            } else {
                ArabicLeft::Clitic
            };
            if let Some(rest) = key.strip_prefix("\u{627}\u{644}")
                && rest.chars().count() >= 3
            {
                key = rest.to_owned();
                arabic = ArabicLeft::Article;
            }
        }
        if key.chars().filter(|ch| ch.is_alphanumeric()).count() < 2 {
            return;
        }
        let only_lang = HOMONYMS.iter().find(|(word, _)| *word == key).map(|(_, lang)| *lang);
        let sense = Sense { what, case, suffixes, arabic, only_lang };
        let id = *self.keys.entry(key.clone()).or_insert_with(|| {
            self.patterns.push(key.clone());
            self.senses.push(Vec::new());
            self.patterns.len() - 1
        });
        if !self.senses[id]
            .iter()
            .any(|s| s.what == sense.what && s.case == sense.case && s.suffixes == sense.suffixes)
        {
            self.senses[id].push(sense);
        }
        // "Guinée-Bissau" is also written "Guinée Bissau".
        if key.contains('-') && !is_arabic(&key) {
            let spaced = name.replace('-', " ");
            if spaced != name {
                self.add(
                    &spaced,
                    what,
                    self.senses[id].last().map(|s| s.case.clone()).unwrap_or(Case::Any),
                    suffixes,
                );
            }
        }
    }
}

fn build() -> Option<Gazetteer> {
    let mut builder = Builder { keys: HashMap::new(), patterns: Vec::new(), senses: Vec::new() };

    for country in portico_geo::countries() {
        for lang in portico_geo::NAME_LANGUAGES {
            let Some(name) = country.name_in(lang) else { continue };
            let suffixes = if lang == "de" { GENITIVE } else { NO_SUFFIX };
            let what = What::Country(country.iso2);
            builder.add(name, what, Case::Capitalized, suffixes);
            // "Myanmar (Birmanie)": both; "Congo - Kinshasa": also "Congo-Kinshasa".
            if let Some((outer, inner)) = name.split_once(" (") {
                builder.add(outer, what, Case::Capitalized, suffixes);
                builder.add(inner.trim_end_matches(')'), what, Case::Capitalized, suffixes);
            }
            if name.contains(" - ") {
                builder.add(&name.replace(" - ", "-"), what, Case::Capitalized, suffixes);
            }
        }
    }
    for line in ALIASES.lines() {
        let Some((iso2, forms)) = line.split_once(':') else { continue };
        let Some(country) = portico_geo::country(iso2.trim()) else { continue };
        for form in forms.split(';') {
            let form = form.trim();
            match form.strip_prefix('=') {
                Some(exact) => {
                    builder.add(exact, What::Country(country.iso2), Case::Exact(exact.to_owned()), NO_SUFFIX)
                }
                None => builder.add(form, What::Country(country.iso2), Case::Capitalized, NO_SUFFIX),
            }
        }
    }
    let mut lang = "en";
    for line in DEMONYMS.lines() {
        let line = line.trim();
        if let Some(code) = line.strip_suffix(':') {
            lang = match code {
                "en" => "en",
                "fr" => "fr",
                "es" => "es",
                "de" => "de",
                "it" => "it",
                "pt" => "pt",
                _ => "ar",
            };
            continue;
        }
        let Some((iso2, stems)) = line.split_once(' ') else { continue };
        let Some(country) = portico_geo::country(iso2) else { continue };
        for stem in stems.split(',') {
            let stem = stem.trim();
            let (weak, stem) = match stem.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, stem),
            };
            let case = if lang == "en" { Case::Capitalized } else { Case::Any };
            builder.add(stem, What::Demonym { iso2: country.iso2, weak }, case, demonym_suffixes(lang));
        }
    }
    for (iso2, names) in CITIES.iter() {
        let Some(country) = portico_geo::country(iso2) else { continue };
        for name in names.iter() {
            builder.add(name, What::City(country.iso2), Case::Capitalized, NO_SUFFIX);
        }
    }
    let mut organizations = Vec::new();
    for line in ORGANIZATIONS.lines() {
        let Some((acronyms, names)) = line.split_once('|') else { continue };
        let index = organizations.len();
        let org = Organization {
            acronyms: acronyms.split(';').map(str::trim).filter(|a| !a.is_empty()).collect(),
            names: names.split(';').map(str::trim).filter(|n| !n.is_empty()).collect(),
        };
        for acronym in &org.acronyms {
            // A multi-word "acronym" ("UN Women", "World Bank") is a short name: any case.
            if acronym.contains(' ') {
                builder.add(acronym, What::Org(index), Case::Any, NO_SUFFIX);
            } else {
                builder.add(acronym, What::Org(index), Case::Exact((*acronym).to_owned()), NO_SUFFIX);
            }
        }
        for name in &org.names {
            builder.add(name, What::Org(index), Case::Any, NO_SUFFIX);
        }
        organizations.push(org);
    }
    for phrase in RED_CROSS {
        builder.add(phrase, What::RedCross, Case::Any, NO_SUFFIX);
    }
    for phrase in NOT_A_COUNTRY {
        builder.add(phrase, What::NotACountry, Case::Any, NO_SUFFIX);
    }

    let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&builder.patterns).ok()?;
    Some(Gazetteer { automaton, senses: builder.senses, organizations })
}

const CLITICS: &[&str] = &["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"];
const ARTICLES: &[&str] = &["ال", "وال", "بال", "فال", "كال", "لل", "ولل", "فلل", "وبال"];

/// Finds every known name in `folded` (the folding of `original`), in a text of `lang`.
pub fn scan(folded: &Folded, original: &str, lang: &str) -> Vec<Hit> {
    let Some(gazetteer) = GAZETTEER.as_ref() else { return Vec::new() };
    let text = folded.text.as_str();
    let mut candidates: Vec<(usize, usize, Hit, u8)> = Vec::new();
    for found in gazetteer.automaton.find_overlapping_iter(text) {
        let (start, end) = (found.start(), found.end());
        for sense in &gazetteer.senses[found.pattern().as_usize()] {
            if sense.only_lang.is_some_and(|only| only != lang) {
                continue;
            }
            let Some(left) = left_ok(text, start, sense.arabic) else { continue };
            let Some(right) = right_end(text, end, sense.suffixes) else { continue };
            let (from, to) = folded.original_range(start, right);
            let (base_from, base_to) = folded.original_range(start, end);
            let printed = original.get(base_from..base_to).unwrap_or_default();
            let case_ok = match &sense.case {
                Case::Any => true,
                Case::Capitalized => printed.chars().next().is_some_and(|ch| !ch.is_lowercase()),
                Case::Exact(exact) => printed == exact,
            };
            if !case_ok {
                continue;
            }
            // An Arabic name's hit starts with its prefixes ("الليبي", not "ليبي").
            let from = if left < start { folded.original_range(left, right).0 } else { from };
            let hit = Hit {
                what: sense.what,
                start: from,
                end: to,
                acronym: matches!(sense.case, Case::Exact(_)),
                inflected: right > end,
            };
            candidates.push((left, right, hit, sense.what.priority()));
        }
    }
    // Longest first, then by priority; keep what does not overlap what was kept.
    candidates.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(b.3.cmp(&a.3)).then(a.0.cmp(&b.0)));
    let mut kept: Vec<(usize, usize, Hit)> = Vec::new();
    for (start, end, hit, _) in candidates {
        if kept.iter().all(|(s, e, _)| end <= *s || start >= *e) {
            kept.push((start, end, hit));
        }
    }
    kept.sort_by_key(|(start, ..)| *start);
    kept.into_iter().map(|(_, _, hit)| hit).collect()
}

/// Where the word holding the match starts, if what precedes the match in that word is
/// allowed; for Latin script nothing may.
fn left_ok(text: &str, start: usize, arabic: ArabicLeft) -> Option<usize> {
    let before = &text[..start];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, ch)| is_word_char(*ch))
        .last()
        .map_or(start, |(at, _)| at);
    let prefix = &text[word_start..start];
    let allowed = match arabic {
        ArabicLeft::NotArabic => prefix.is_empty(),
        ArabicLeft::Clitic => CLITICS.contains(&prefix),
        ArabicLeft::Article => ARTICLES.contains(&prefix),
        ArabicLeft::CliticOrArticle => CLITICS.contains(&prefix) || ARTICLES.contains(&prefix),
    };
    allowed.then_some(word_start)
}

/// The end of the match with the longest allowed ending after which the word ends.
fn right_end(text: &str, end: usize, suffixes: &[&str]) -> Option<usize> {
    suffixes
        .iter()
        .filter(|suffix| text[end..].starts_with(**suffix))
        .map(|suffix| end + suffix.len())
        .filter(|&stop| text[stop..].chars().next().is_none_or(|ch| !is_word_char(ch)))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whats(text: &str) -> Vec<What> {
        scan(&Folded::new(text), text, "en").into_iter().map(|hit| hit.what).collect()
    }

    #[test]
    fn the_longest_name_wins() {
        assert_eq!(whats("in the Democratic Republic of the Congo"), vec![What::Country("CD")]);
        assert_eq!(whats("South Sudan"), vec![What::Country("SS")]);
    }

    #[test]
    fn acronyms_keep_their_case_and_words_their_boundaries() {
        assert_eq!(whats("the US and us"), vec![What::Country("US")]);
        assert!(whats("Nigeria").iter().all(|w| *w != What::Country("NE")));
    }

    #[test]
    fn arabic_names_take_their_prefixes() {
        let text = "والأردن وللسوريين";
        let found = scan(&Folded::new(text), text, "ar");
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn an_organization_name_hides_the_country_inside_it() {
        assert_eq!(whats("the Japan International Cooperation Agency"), vec![What::Org(whats_index("JICA"))]);
    }

    fn whats_index(acronym: &str) -> usize {
        organizations().iter().position(|org| org.acronyms.contains(&acronym)).unwrap_or(usize::MAX)
    }
}
