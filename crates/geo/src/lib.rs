//! Reference data for Portico's taxonomy: every ISO 3166-1 country and the UN M49 regions,
//! with names in English, French, Spanish, German and Arabic (the interface languages of
//! [`Lang`]); country names also in Italian and Portuguese, through [`Country::name_in`].
//!
//! The tables are static, generated from CLDR by `scripts/geo/generate.mjs` into
//! `generated.rs` (see [`CLDR_VERSION`]). This crate does no I/O and allocates nothing.
//!
//! ```
//! use portico_geo::{Lang, country};
//!
//! let sv = country("sv").expect("El Salvador");
//! assert_eq!(sv.name(Lang::Fr), "Salvador");
//! assert_eq!(sv.subregion.map(|r| r.name(Lang::En)), Some("Central America"));
//! ```
//!
//! Names are CLDR's defaults, except: Hong Kong and Macao drop "SAR China" in every
//! language, English "Myanmar (Burma)" is "Myanmar", and English "&" is spelled "and"
//! ("Bosnia and Herzegovina").
//!
//! Antarctica (AQ) is the one country without a region: UN M49 places it in none (CLDR
//! files it under "Outlying Oceania", which is not an M49 area). Show it under "Other".

#[rustfmt::skip]
mod generated;

pub use generated::CLDR_VERSION;
use generated::{COUNTRIES, EXTRA_NAMES, REGIONS, SUBREGIONS};

/// The ISO 639-1 codes of every language [`Country::name_in`] knows: the five of [`Lang`],
/// then Italian and Portuguese (Brazilian spelling, CLDR's `pt`).
pub const NAME_LANGUAGES: [&str; 7] = ["en", "fr", "es", "de", "ar", "it", "pt"];

/// A language the reference names are available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// German.
    De,
    /// Arabic.
    Ar,
}

impl Lang {
    /// Every language, in the order of the generated `names` arrays.
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Fr, Lang::Es, Lang::De, Lang::Ar];

    /// The language for an ISO 639-1 code such as `"fr"` (ASCII case-insensitive).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code().eq_ignore_ascii_case(code))
    }

    /// The ISO 639-1 code, e.g. `"fr"`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::De => "de",
            Lang::Ar => "ar",
        }
    }

    const fn index(self) -> usize {
        self as usize
    }
}

/// A UN M49 area: one of the five continental regions or one of their sub-regions.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Region {
    /// The three-digit M49 code, e.g. `"019"` for the Americas.
    pub code: &'static str,
    /// The continental region containing this sub-region; `None` for a continental region.
    pub parent: Option<&'static Region>,
    names: [&'static str; 5],
}

impl Region {
    /// The region's name in `lang`, e.g. "Central America", "Amérique centrale".
    pub fn name(&self, lang: Lang) -> &'static str {
        self.names[lang.index()]
    }
}

/// An ISO 3166-1 country (or territory with its own code, such as Greenland or Hong Kong).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Country {
    /// The ISO 3166-1 alpha-2 code, upper case, e.g. `"SV"`.
    pub iso2: &'static str,
    /// The ISO 3166-1 alpha-3 code, upper case, e.g. `"SLV"`.
    pub iso3: &'static str,
    /// The ISO 3166-1 numeric code, e.g. 222 (shown zero-padded as "222", 4 as "004").
    pub numeric: u16,
    /// The M49 continental region; `None` only for Antarctica, which M49 places in none.
    pub region: Option<&'static Region>,
    /// The M49 sub-region directly containing the country, e.g. Central America for SV.
    pub subregion: Option<&'static Region>,
    names: [&'static str; 5],
}

impl Country {
    /// The country's name in `lang`, e.g. "El Salvador", "Salvador".
    pub fn name(&self, lang: Lang) -> &'static str {
        self.names[lang.index()]
    }

    /// The country's name in the language with this ISO 639-1 code (ASCII case-insensitive),
    /// one of [`NAME_LANGUAGES`]: the five of [`Lang`] plus `"it"` and `"pt"`. `None` for any
    /// other language. E.g. Côte d'Ivoire is "Costa d’Avorio" in `"it"`.
    pub fn name_in(&self, code: &str) -> Option<&'static str> {
        if let Some(lang) = Lang::from_code(code) {
            return Some(self.name(lang));
        }
        let column = ["it", "pt"].iter().position(|extra| extra.eq_ignore_ascii_case(code))?;
        // EXTRA_NAMES is generated in the order of COUNTRIES, which is sorted by code.
        let row = COUNTRIES.binary_search_by(|country| country.iso2.cmp(self.iso2)).ok()?;
        EXTRA_NAMES.get(row).map(|names| names[column])
    }
}

/// All 249 ISO 3166-1 countries, sorted by alpha-2 code.
pub fn countries() -> &'static [Country] {
    &COUNTRIES
}

/// The country with this alpha-2 code (ASCII case-insensitive), or `None` if there is none.
pub fn country(iso2: &str) -> Option<&'static Country> {
    let &[a, b] = iso2.as_bytes() else {
        return None;
    };
    let key = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
    COUNTRIES
        .binary_search_by(|country| country.iso2.as_bytes().cmp(&key))
        .ok()
        .map(|index| &COUNTRIES[index])
}

/// The five continental regions: Africa, Americas, Asia, Europe, Oceania.
pub fn regions() -> &'static [Region] {
    &REGIONS
}

/// The continental region or sub-region with this M49 code (e.g. `"019"`, `"013"`).
pub fn region(code: &str) -> Option<&'static Region> {
    REGIONS.iter().chain(SUBREGIONS.iter()).find(|region| region.code == code)
}

/// The sub-regions of a continental region, by M49 code; none for a sub-region.
pub fn subregions_of(region: &Region) -> impl Iterator<Item = &'static Region> + use<> {
    let code = region.code;
    SUBREGIONS.iter().filter(move |sub| sub.parent.is_some_and(|parent| parent.code == code))
}

/// The countries in a continental region or sub-region, sorted by alpha-2 code.
pub fn countries_in(region: &Region) -> impl Iterator<Item = &'static Country> + use<> {
    let code = region.code;
    COUNTRIES.iter().filter(move |country| {
        [country.region, country.subregion].into_iter().flatten().any(|area| area.code == code)
    })
}

/// Every country (upper-case code) in the continental regions of `countries`: the region a
/// reader of a release about them is likely to follow.
pub fn nearby_countries(countries: &[String]) -> Vec<String> {
    let mut regions: Vec<&'static Region> =
        countries.iter().filter_map(|code| country(code)?.region).collect();
    regions.sort_by_key(|r| r.code);
    regions.dedup_by_key(|r| r.code);
    let mut codes: Vec<String> =
        regions.into_iter().flat_map(|region| countries_in(region).map(|c| c.iso2.to_owned())).collect();
    codes.sort();
    codes.dedup();
    codes
}

#[cfg(test)]
mod nearby_tests {
    use super::*;

    #[test]
    fn nearby_countries_share_a_region() {
        let nearby = nearby_countries(&["SV".to_owned()]);
        assert!(nearby.iter().any(|c| c == "CO"), "Colombia is in the Americas too");
        assert!(!nearby.iter().any(|c| c == "KE"), "Kenya is not");
        assert!(nearby_countries(&["XX".to_owned()]).is_empty());
    }
}
