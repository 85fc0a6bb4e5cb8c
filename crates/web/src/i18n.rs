//! UI strings in every supported language (Fluent files in `locales/`, built in), dates and
//! numbers written the way each language writes them, and country names sorted by each
//! language's collation.
//!
//! Content (titles, bodies) is never translated here: only the words of the interface.

use std::collections::HashMap;

use axum::http::{HeaderMap, header};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use time::OffsetDateTime;
use unic_langid::LanguageIdentifier;

/// The interface languages, with their Fluent sources.
const SOURCES: &[(&str, &str)] = &[
    ("en", include_str!("../../../locales/en/main.ftl")),
    ("fr", include_str!("../../../locales/fr/main.ftl")),
    ("es", include_str!("../../../locales/es/main.ftl")),
    ("de", include_str!("../../../locales/de/main.ftl")),
    ("ar", include_str!("../../../locales/ar/main.ftl")),
];

/// Languages written right to left.
const RIGHT_TO_LEFT: &[&str] = &["ar", "fa", "he", "ur"];

/// Formats the numbers Fluent messages receive (`{ $count }`) as language `L` of [`SOURCES`]
/// writes them: grouped, and in Arabic with Arabic-Indic digits. Text arguments and the
/// messages' own words are left alone, so a user's input or a code keeps its digits.
fn fluent_number<const L: usize, M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => {
            // Whole and well inside i64: the cast is exact.
            Some(grouped(SOURCES[L].0, n.value as i64))
        }
        _ => None,
    }
}

/// A whole number with the language's grouping and digits.
fn grouped(language: &str, n: i64) -> String {
    let separator = match language {
        "fr" => "\u{202f}",
        "de" | "es" => ".",
        "ar" => "\u{66c}",
        _ => ",",
    };
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        // Spanish leaves four-digit numbers ungrouped (CLDR minimumGroupingDigits = 2).
        if i > 0 && (digits.len() - i).is_multiple_of(3) && !(language == "es" && digits.len() <= 4) {
            grouped.push_str(separator);
        }
        grouped.push(c);
    }
    if n < 0 {
        grouped.insert(0, '-');
    }
    native_digits(language, &grouped)
}

/// Arabic is written with Arabic-Indic digits (CLDR's default numbering for `ar`).
fn native_digits(language: &str, text: &str) -> String {
    if language != "ar" {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0x660 + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The interface's strings, per language.
pub struct I18n {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("languages", &self.bundles.keys().collect::<Vec<_>>()).finish()
    }
}

impl I18n {
    /// Parses the built-in Fluent files; a broken file stops the start, naming it.
    pub fn load() -> Result<I18n, String> {
        let mut bundles = HashMap::new();
        for (index, (code, source)) in SOURCES.iter().enumerate() {
            let resource = FluentResource::try_new((*source).to_owned())
                .map_err(|(_, errors)| format!("locales/{code}/main.ftl: {errors:?}"))?;
            let id: LanguageIdentifier = code.parse().map_err(|e| format!("language {code}: {e}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Isolation marks around arguments confuse plain-text contexts (titles,
            // attributes); the templates set `dir` where it matters instead.
            bundle.set_use_isolating(false);
            match index {
                0 => bundle.set_formatter(Some(fluent_number::<0, _>)),
                1 => bundle.set_formatter(Some(fluent_number::<1, _>)),
                2 => bundle.set_formatter(Some(fluent_number::<2, _>)),
                3 => bundle.set_formatter(Some(fluent_number::<3, _>)),
                _ => bundle.set_formatter(Some(fluent_number::<4, _>)),
            }
            bundle.add_resource(resource).map_err(|errors| format!("locales/{code}/main.ftl: {errors:?}"))?;
            bundles.insert(*code, bundle);
        }
        Ok(I18n { bundles })
    }

    /// Whether the interface has strings for `language`.
    pub fn supports(&self, language: &str) -> bool {
        self.bundles.contains_key(language)
    }

    /// The interface's languages, English first.
    pub fn languages() -> impl Iterator<Item = &'static str> {
        SOURCES.iter().map(|(code, _)| *code)
    }

    /// Whether English, and so the interface, has a message `key`.
    pub fn has(&self, key: &str) -> bool {
        self.bundles.get("en").is_some_and(|bundle| bundle.has_message(key))
    }

    /// The interface language that best suits an `Accept-Language` header ("fr-CH, fr;q=0.9,
    /// en;q=0.8"): the most wanted one we have, by its primary subtag; `None` when the header
    /// names none of ours.
    pub fn negotiate(&self, accept_language: &str) -> Option<&'static str> {
        let mut wanted: Vec<(f32, usize, &str)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(order, item)| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let quality = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (quality > 0.0 && !tag.is_empty()).then_some((quality, order, tag))
            })
            .collect();
        // Most wanted first; among equals, the order the browser gave.
        wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        wanted.into_iter().find_map(|(_, _, tag)| {
            let primary = tag.split(['-', '_']).next().unwrap_or(tag).to_ascii_lowercase();
            SOURCES.iter().map(|(code, _)| *code).find(|code| *code == primary)
        })
    }

    /// The message `key` in `language` (English when the language or the key is missing there;
    /// the key itself when English lacks it too).
    pub fn t(&self, language: &str, key: &str, args: Option<&FluentArgs>) -> String {
        for code in [language, "en"] {
            let Some(bundle) = self.bundles.get(code) else { continue };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else { continue };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if errors.is_empty() {
                return text.into_owned();
            }
            tracing::warn!(language, key, ?errors, "a UI string could not be formatted");
        }
        key.to_owned()
    }

    /// Shorthand for a message with one argument.
    pub fn t1(
        &self,
        language: &str,
        key: &str,
        name: &str,
        value: impl Into<FluentValue<'static>>,
    ) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.into());
        self.t(language, key, Some(&args))
    }

    /// A message with several arguments: `i18n.with("fr", "news-total-paged", &[("page", 2.into())])`.
    pub fn with<'a>(&self, language: &str, key: &str, args: &[(&'a str, FluentValue<'a>)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.clone());
        }
        self.t(language, key, Some(&fluent))
    }

    /// A month's name as the language writes it ("août").
    pub fn month_name(&self, language: &str, month: u8) -> String {
        self.t(language, &format!("month-{month}"), None)
    }

    /// A date as the language writes it in running text: "21 August 2015", "21 août 2015",
    /// "21 de agosto de 2015", "21. August 2015", "٢١ أغسطس ٢٠١٥".
    pub fn date(&self, language: &str, at: OffsetDateTime) -> String {
        let month = self.t(language, &format!("month-{}", u8::from(at.month())), None);
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::String(self.digits(language, &at.day().to_string()).into()));
        args.set("month", FluentValue::String(month.into()));
        args.set("year", FluentValue::String(self.digits(language, &at.year().to_string()).into()));
        self.t(language, "date-long", Some(&args))
    }

    /// A whole number with the language's digits and grouping ("1,234", "1 234", "١٬٢٣٤").
    pub fn number(&self, language: &str, n: i64) -> String {
        grouped(language, n)
    }

    /// A file's size for a download link: whole kilobytes below a megabyte, else megabytes
    /// with one decimal ("840 KB", "2.4 MB", "2,4 MB").
    pub fn file_size(&self, language: &str, bytes: i64) -> String {
        // Precision loss is irrelevant for a one-decimal display.
        let bytes = bytes.max(0) as f64;
        if bytes < 1_048_576.0 {
            format!("{}\u{a0}KB", self.decimal(language, (bytes / 1024.0).ceil(), 0))
        } else {
            format!("{}\u{a0}MB", self.decimal(language, bytes / 1_048_576.0, 1))
        }
    }

    /// A number with `fraction_digits` decimals, grouped, with the language's decimal sign
    /// ("1.5", "1,5", "١٫٥").
    pub fn decimal(&self, language: &str, value: f64, fraction_digits: usize) -> String {
        let text = format!("{:.*}", fraction_digits, value.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = grouped(language, whole.parse::<i64>().unwrap_or(0));
        if value.is_sign_negative() && value != 0.0 {
            out.insert(0, '-');
        }
        if !fraction.is_empty() {
            out.push_str(match language {
                "fr" | "es" | "de" => ",",
                "ar" => "\u{66b}",
                _ => ".",
            });
            out.push_str(&native_digits(language, fraction));
        }
        out
    }

    /// Digits written as the language writes them, without grouping: years, codes of our own.
    pub fn digits(&self, language: &str, text: &str) -> String {
        native_digits(language, text)
    }

    /// A language's own name for itself, for the language switcher.
    pub fn endonym(language: &str) -> &str {
        match language {
            "en" => "English",
            "fr" => "Français",
            "es" => "Español",
            "de" => "Deutsch",
            "ar" => "العربية",
            "pt" => "Português",
            "it" => "Italiano",
            "ru" => "Русский",
            "zh" => "中文",
            other => other,
        }
    }

    /// The name of `language` as a sentence in `in_language` writes it ("anglais" in French),
    /// for phrases such as "the English version"; the language's own name when we have none.
    pub fn language_name(&self, in_language: &str, language: &str) -> String {
        let key = format!("language-name-{language}");
        match self.bundles.get(in_language).and_then(|b| b.get_message(&key)).and_then(|m| m.value()) {
            Some(_) => self.t(in_language, &key, None),
            None => I18n::endonym(language).to_owned(),
        }
    }

    /// `rtl` for right-to-left languages, else `ltr`.
    pub fn direction(language: &str) -> &'static str {
        if RIGHT_TO_LEFT.contains(&language) { "rtl" } else { "ltr" }
    }

    /// Sorts `items` by the name `key` gives, as `language` orders words (so "Égypte" comes
    /// among the E's in French, and "Ñ" after "N" in Spanish).
    pub fn sort_by_name<T>(language: &str, items: &mut [T], key: impl Fn(&T) -> &str) {
        let locale: Option<icu_locale_core::Locale> = language.parse().ok();
        let collator = locale.and_then(|locale| {
            icu_collator::Collator::try_new(locale.into(), icu_collator::options::CollatorOptions::default())
                .ok()
        });
        match collator {
            Some(collator) => items.sort_by(|a, b| collator.compare(key(a), key(b))),
            None => items.sort_by(|a, b| key(a).cmp(key(b))),
        }
    }
}

/// The cookie that remembers a chosen back-office language.
pub const LANGUAGE_COOKIE: &str = "portico_lang";

/// The back office's language for a request.
pub fn from_headers(headers: &HeaderMap, i18n: &I18n) -> &'static str {
    let chosen = crate::http::cookie(headers, LANGUAGE_COOKIE)
        .and_then(|value| I18n::languages().find(|code| *code == value));
    chosen
        .or_else(|| {
            headers
                .get_all(header::ACCEPT_LANGUAGE)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .find_map(|value| i18n.negotiate(value))
        })
        .unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn i18n() -> I18n {
        I18n::load().expect("locales parse")
    }

    #[test]
    fn dates_read_as_each_language_writes_them() {
        let at = time::macros::datetime!(2015-08-21 09:00 UTC);
        let i18n = i18n();
        assert_eq!(i18n.date("en", at), "21 August 2015");
        assert_eq!(i18n.date("fr", at), "21 août 2015");
        assert_eq!(i18n.date("es", at), "21 de agosto de 2015");
        assert_eq!(i18n.date("de", at), "21. August 2015");
        assert_eq!(i18n.date("ar", at), "٢١ أغسطس ٢٠١٥");
    }

    #[test]
    fn numbers_group_and_use_the_languages_digits() {
        let i18n = i18n();
        assert_eq!(i18n.number("en", 1234567), "1,234,567");
        assert_eq!(i18n.number("de", 1234567), "1.234.567");
        assert_eq!(i18n.number("fr", 1234), "1\u{202f}234");
        assert_eq!(i18n.number("es", 1234), "1234");
        assert_eq!(i18n.number("ar", 175), "١٧٥");
    }

    #[test]
    fn plurals_follow_each_languages_rules() {
        let i18n = i18n();
        assert_eq!(i18n.t1("en", "release-count", "count", 1), "1 press release");
        assert_eq!(i18n.t1("en", "release-count", "count", 22), "22 press releases");
        assert_eq!(i18n.t1("fr", "release-count", "count", 0), "0 communiqué de presse");
        assert_eq!(i18n.t1("fr", "release-count", "count", 2), "2 communiqués de presse");
        // Arabic has six plural forms; two of them here.
        assert_ne!(i18n.t1("ar", "release-count", "count", 2), i18n.t1("ar", "release-count", "count", 11));
    }

    #[test]
    fn arabic_counts_take_all_six_plural_forms() {
        let i18n = i18n();
        let forms: Vec<String> =
            [0, 1, 2, 3, 11, 100].iter().map(|n| i18n.t1("ar", "release-count", "count", *n)).collect();
        assert_eq!(forms[3], "٣ بيانات صحفية");
        assert_eq!(forms[4], "١١ بيانًا صحفيًا");
        assert_eq!(forms[5], "١٠٠ بيان صحفي");
        let distinct: std::collections::HashSet<&String> = forms.iter().collect();
        assert_eq!(distinct.len(), 6, "{forms:?}");
    }

    #[test]
    fn numbers_in_messages_are_the_languages_but_text_arguments_keep_their_digits() {
        let i18n = i18n();
        assert_eq!(i18n.t1("en", "release-count", "count", 1234), "1,234 press releases");
        assert_eq!(i18n.t1("ar", "error-kicker", "status", 404), "خطأ ٤٠٤");
        assert_eq!(
            i18n.t1("ar", "bad-year", "value", "20x5"),
            "«20x5» ليس سنة. استخدم أربعة أرقام، مثل 2015."
        );
    }

    #[test]
    fn decimals_use_the_languages_sign() {
        let i18n = i18n();
        assert_eq!(i18n.decimal("en", 1234.56, 1), "1,234.6");
        assert_eq!(i18n.decimal("fr", 2.5, 1), "2,5");
        assert_eq!(i18n.decimal("ar", 2.5, 1), "٢٫٥");
        assert_eq!(i18n.decimal("de", 3.0, 0), "3");
    }

    #[test]
    fn the_browsers_most_wanted_language_we_have_wins() {
        let i18n = i18n();
        assert_eq!(i18n.negotiate("fr-CH, fr;q=0.9, en;q=0.8"), Some("fr"));
        assert_eq!(i18n.negotiate("pt-BR, de;q=0.5, es;q=0.7"), Some("es"));
        assert_eq!(i18n.negotiate("ar-JO"), Some("ar"));
        assert_eq!(i18n.negotiate("en;q=0, de"), Some("de"));
        assert_eq!(i18n.negotiate("ja, zh;q=0.9"), None);
        assert_eq!(i18n.negotiate(""), None);
        assert_eq!(i18n.negotiate("*"), None);
    }

    #[test]
    fn missing_strings_fall_back_to_english_then_the_key() {
        let i18n = i18n();
        assert_eq!(i18n.t("xx", "skip-to-content", None), i18n.t("en", "skip-to-content", None));
        assert_eq!(i18n.t("fr", "no-such-key", None), "no-such-key");
    }

    #[test]
    fn country_names_sort_by_the_languages_collation() {
        let mut names = vec!["Zambie", "Égypte", "Espagne", "Afrique du Sud"];
        I18n::sort_by_name("fr", &mut names, |n| n);
        assert_eq!(names, ["Afrique du Sud", "Égypte", "Espagne", "Zambie"]);
        let mut spanish = vec!["Oman", "Ñandú", "Nepal"];
        I18n::sort_by_name("es", &mut spanish, |n| n);
        assert_eq!(spanish, ["Nepal", "Ñandú", "Oman"]);
    }

    #[test]
    fn every_language_has_every_english_key() {
        let english: Vec<&str> = SOURCES[0]
            .1
            .lines()
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim()))
            .filter(|k| !k.is_empty() && !k.starts_with('#') && !k.starts_with('.') && !k.contains(' '))
            .collect();
        let i18n = i18n();
        for (code, _) in SOURCES {
            let bundle = &i18n.bundles[code];
            for key in &english {
                assert!(bundle.has_message(key), "locales/{code}/main.ftl lacks {key}");
            }
        }
    }

    #[test]
    fn every_kind_of_document_has_a_name_in_every_language() {
        let i18n = i18n();
        for (code, _) in SOURCES {
            for kind in portico_content::Kind::ALL {
                let key = format!("kind-{kind}");
                assert!(i18n.bundles[code].has_message(&key), "locales/{code}/main.ftl lacks {key}");
            }
        }
    }

    #[test]
    fn arabic_is_right_to_left() {
        assert_eq!(I18n::direction("ar"), "rtl");
        assert_eq!(I18n::direction("fr"), "ltr");
    }

    #[test]
    fn the_cookie_wins_over_the_browser_and_english_is_the_last_resort() {
        let i18n = I18n::load().expect("locales parse");
        let mut headers = HeaderMap::new();
        assert_eq!(from_headers(&headers, &i18n), "en");
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("pt-BR, es;q=0.8, fr;q=0.9"));
        assert_eq!(from_headers(&headers, &i18n), "fr");
        headers.insert(header::COOKIE, HeaderValue::from_static("portico_lang=ar"));
        assert_eq!(from_headers(&headers, &i18n), "ar");
        headers.insert(header::COOKIE, HeaderValue::from_static("portico_lang=xx"));
        assert_eq!(from_headers(&headers, &i18n), "fr", "an unknown choice is ignored");
    }
}
