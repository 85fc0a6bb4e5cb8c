//! The public API against the generated CLDR tables.

use std::collections::HashSet;

use portico_geo::{Lang, countries, countries_in, country, region, regions, subregions_of};

/// Countries M49 places in no region (see the crate docs).
const WITHOUT_REGION: [&str; 1] = ["AQ"];

#[test]
fn there_are_exactly_249_iso_countries() {
    assert_eq!(countries().len(), 249);
}

#[test]
fn el_salvador_has_its_names_region_and_subregion() {
    let sv = country("sv").expect("SV is a country");
    assert_eq!((sv.iso2, sv.iso3, sv.numeric), ("SV", "SLV", 222));
    assert_eq!(sv.name(Lang::En), "El Salvador");
    assert_eq!(sv.name(Lang::Fr), "Salvador");
    assert_eq!(sv.name(Lang::Es), "El Salvador");
    assert_eq!(sv.name(Lang::De), "El Salvador");
    assert_eq!(sv.name(Lang::Ar), "السلفادور");

    let americas = sv.region.expect("SV has a region");
    assert_eq!((americas.code, americas.name(Lang::En)), ("019", "Americas"));
    let central = sv.subregion.expect("SV has a sub-region");
    assert_eq!((central.code, central.name(Lang::En)), ("013", "Central America"));
    assert_eq!(central.name(Lang::Fr), "Amérique centrale");
    assert_eq!(central.parent, Some(americas));
}

#[test]
fn lookup_ignores_ascii_case() {
    let upper = country("SV").expect("SV");
    assert!(std::ptr::eq(upper, country("sv").expect("sv")));
    assert!(std::ptr::eq(upper, country("Sv").expect("Sv")));
    assert!(std::ptr::eq(upper, country("sV").expect("sV")));
}

#[test]
fn codes_that_are_not_countries_are_not_found() {
    for code in [
        "ZZ", "EU", "EZ", "UN", "QO", "XK", "AA", "AN", "SU", "YU", "AC", "EA", "", "S", "SVX", "SLV", "222",
        "ÉS", "S\u{0}", "é", "1", "--",
    ] {
        assert_eq!(country(code), None, "{code:?}");
    }
}

#[test]
fn countries_are_sorted_and_codes_are_unique() {
    let all = countries();
    assert!(all.windows(2).all(|pair| pair[0].iso2 < pair[1].iso2));
    let iso3: HashSet<_> = all.iter().map(|c| c.iso3).collect();
    let numeric: HashSet<_> = all.iter().map(|c| c.numeric).collect();
    assert_eq!(iso3.len(), all.len());
    assert_eq!(numeric.len(), all.len());
    for c in all {
        assert!(c.iso2.len() == 2 && c.iso2.bytes().all(|b| b.is_ascii_uppercase()));
        assert!(c.iso3.len() == 3 && c.iso3.bytes().all(|b| b.is_ascii_uppercase()));
        assert!((1..900).contains(&c.numeric), "{}: {}", c.iso2, c.numeric);
        assert!(std::ptr::eq(c, country(c.iso2).expect("every listed code is found")));
    }
}

#[test]
fn every_country_but_antarctica_has_a_region_and_subregion() {
    for c in countries() {
        if WITHOUT_REGION.contains(&c.iso2) {
            assert_eq!((c.region, c.subregion), (None, None), "{}", c.iso2);
            continue;
        }
        let continent = c.region.unwrap_or_else(|| panic!("{} has no region", c.iso2));
        let sub = c.subregion.unwrap_or_else(|| panic!("{} has no sub-region", c.iso2));
        assert_eq!(sub.parent, Some(continent), "{}", c.iso2);
        assert!(regions().iter().any(|r| std::ptr::eq(r, continent)));
    }
}

#[test]
fn every_name_is_present_in_every_language() {
    let areas = regions().iter().chain(regions().iter().flat_map(subregions_of));
    for area in areas {
        for lang in Lang::ALL {
            assert!(!area.name(lang).trim().is_empty(), "{} {lang:?}", area.code);
        }
    }
    for c in countries() {
        for lang in Lang::ALL {
            let name = c.name(lang);
            assert!(!name.trim().is_empty(), "{} {lang:?}", c.iso2);
            assert!(!name.contains('&'), "{} {lang:?}: {name}", c.iso2);
        }
    }
}

#[test]
fn continental_regions_come_in_m49_order_with_their_subregions() {
    let codes: Vec<_> = regions().iter().map(|r| r.code).collect();
    assert_eq!(codes, ["002", "019", "142", "150", "009"]);
    let names: Vec<_> = regions().iter().map(|r| r.name(Lang::En)).collect();
    assert_eq!(names, ["Africa", "Americas", "Asia", "Europe", "Oceania"]);

    let americas = region("019").expect("Americas");
    let subs: Vec<_> = subregions_of(americas).map(|r| r.code).collect();
    assert_eq!(subs, ["005", "013", "021", "029"]);
    let sub_count: usize = regions().iter().map(|r| subregions_of(r).count()).sum();
    assert_eq!(sub_count, 22);
    assert_eq!(subregions_of(region("013").expect("013")).count(), 0);
}

#[test]
fn region_lookup_finds_continents_and_subregions_only() {
    assert_eq!(region("150").map(|r| r.name(Lang::De)), Some("Europa"));
    assert_eq!(region("029").map(|r| r.name(Lang::Es)), Some("Caribe"));
    for code in ["001", "202", "419", "QO", "19", "", "EU"] {
        assert_eq!(region(code), None, "{code:?}");
    }
}

#[test]
fn countries_in_a_region_include_its_subregions_countries() {
    let central = region("013").expect("Central America");
    let codes: Vec<_> = countries_in(central).map(|c| c.iso2).collect();
    assert_eq!(codes, ["BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"]);
    let in_continents: usize = regions().iter().map(|r| countries_in(r).count()).sum();
    assert_eq!(in_continents, countries().len() - WITHOUT_REGION.len());
}

#[test]
fn languages_round_trip_through_their_codes() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
    assert_eq!(Lang::from_code("FR"), Some(Lang::Fr));
    assert_eq!(Lang::from_code("pt"), None);
    assert_eq!(Lang::from_code("fr-CA"), None);
    assert_eq!(Lang::from_code(""), None);
}

#[test]
fn chosen_short_names_replace_awkward_defaults() {
    let name = |code: &str, lang| country(code).expect(code).name(lang);
    assert_eq!(name("HK", Lang::En), "Hong Kong");
    assert_eq!(name("MO", Lang::Fr), "Macao");
    assert_eq!(name("MM", Lang::En), "Myanmar");
    assert_eq!(name("BA", Lang::En), "Bosnia and Herzegovina");
    assert_eq!(name("US", Lang::En), "United States");
    assert_eq!(name("GB", Lang::En), "United Kingdom");
}

#[test]
fn every_country_has_a_name_in_each_of_the_seven_languages() {
    for country in countries() {
        for code in portico_geo::NAME_LANGUAGES {
            let name = country.name_in(code).unwrap_or_default();
            assert!(!name.is_empty(), "{} has no {code} name", country.iso2);
        }
    }
}

#[test]
fn italian_and_portuguese_names_come_from_cldr() {
    let ci = country("CI").expect("CI is a country");
    assert_eq!(ci.name_in("it"), Some("Costa d’Avorio"));
    assert_eq!(ci.name_in("PT"), Some("Costa do Marfim"));
    let mm = country("MM").expect("MM is a country");
    assert_eq!(mm.name_in("it"), Some("Myanmar"), "the parenthesis is dropped");
    assert_eq!(mm.name_in("pt"), Some("Mianmar"));
    assert_eq!(country("HK").and_then(|hk| hk.name_in("pt")), Some("Hong Kong"));
}

#[test]
fn name_in_agrees_with_name_for_the_interface_languages_and_knows_no_others() {
    let sv = country("SV").expect("SV is a country");
    for lang in Lang::ALL {
        assert_eq!(sv.name_in(lang.code()), Some(sv.name(lang)));
    }
    assert_eq!(sv.name_in("ru"), None);
    assert_eq!(sv.name_in(""), None);
}
