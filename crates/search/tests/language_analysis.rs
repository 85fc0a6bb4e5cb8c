//! Each language is searched with its own stemming, stop words and accent folding.

mod support;

use support::{found, index_with, release};

#[test]
fn english_plural_finds_the_singular() {
    let index = index_with(&[release(1, "en", "A migrant tells her story")]);
    assert_eq!(found(&index, "migrants"), [1]);
}

#[test]
fn spanish_plural_finds_the_singular() {
    let index = index_with(&[release(1, "es", "Un niño vuelve a la escuela")]);
    assert_eq!(found(&index, "niños"), [1]);
    assert_eq!(found(&index, "ninos"), [1]);
}

#[test]
fn french_plural_finds_the_singular() {
    let index = index_with(&[release(1, "fr", "Chaque enfant compte")]);
    assert_eq!(found(&index, "enfants"), [1]);
}

#[test]
fn german_plural_finds_the_singular_with_or_without_umlaut() {
    let index = index_with(&[release(1, "de", "Ein Flüchtling erzählt")]);
    assert_eq!(found(&index, "Flüchtlinge"), [1]);
    assert_eq!(found(&index, "fluchtlinge"), [1]);
}

#[test]
fn italian_plural_finds_the_singular() {
    let index = index_with(&[release(1, "it", "La storia di un migrante")]);
    assert_eq!(found(&index, "migranti"), [1]);
}

#[test]
fn portuguese_plural_finds_the_singular() {
    let index = index_with(&[release(1, "pt", "Cada criança conta")]);
    assert_eq!(found(&index, "crianças"), [1]);
}

#[test]
fn russian_genitive_plural_finds_the_nominative() {
    let index = index_with(&[release(1, "ru", "Каждый мигрант важен")]);
    assert_eq!(found(&index, "мигрантов"), [1]);
}

#[test]
fn arabic_definite_plural_finds_the_bare_singular() {
    let index = index_with(&[release(1, "ar", "قصة مهاجر في الأردن")]);
    assert_eq!(found(&index, "المهاجرين"), [1]);
}

#[test]
fn arabic_diacritics_and_hamza_do_not_matter() {
    let index = index_with(&[release(1, "ar", "مساعدة الأطفال")]);
    assert_eq!(found(&index, "مُسَاعَدَة"), [1]);
    assert_eq!(found(&index, "الاطفال"), [1]);
}

#[test]
fn regional_language_tags_use_their_language_analysis() {
    let index = index_with(&[release(1, "pt-BR", "Cada criança conta")]);
    assert_eq!(found(&index, "crianças"), [1]);
}

#[test]
fn accents_are_folded_both_ways() {
    let index = index_with(&[
        release(1, "fr", "Projet en Côte d'Ivoire"),
        release(2, "en", "Report from the cote region"),
    ]);
    assert_eq!(found(&index, "cote"), [2, 1]);
    assert_eq!(found(&index, "Côte"), [2, 1]);
}

#[test]
fn french_accented_and_plain_e_match() {
    let index = index_with(&[release(1, "fr", "Le développement durable")]);
    assert_eq!(found(&index, "developpement"), [1]);
    assert_eq!(found(&index, "DÉVELOPPEMENT"), [1]);
}

#[test]
fn other_languages_are_folded_but_not_stemmed() {
    let index = index_with(&[release(1, "sw", "Wahamiaji wa Côte")]);
    assert_eq!(found(&index, "cote"), [1]);
    assert_eq!(found(&index, "WAHAMIAJI"), [1]);
    assert!(found(&index, "wahamiaj").is_empty());
}

#[test]
fn chinese_words_are_found_without_spaces() {
    let index = index_with(&[release(1, "zh", "萨尔瓦多的移民儿童")]);
    assert_eq!(found(&index, "移民"), [1]);
    assert!(found(&index, "民移").is_empty());
}

#[test]
fn a_stop_word_alone_finds_nothing() {
    let index = index_with(&[release(1, "en", "The migrants and the sea")]);
    assert!(found(&index, "the").is_empty());
    assert!(found(&index, "and the").is_empty());
}

#[test]
fn stop_words_do_not_narrow_a_search() {
    let index =
        index_with(&[release(1, "en", "A migrant tells her story"), release(2, "en", "Migrants at sea")]);
    assert_eq!(found(&index, "the migrants"), found(&index, "migrants"));
    assert_eq!(found(&index, "the migrants").len(), 2);
}

#[test]
fn every_word_must_match() {
    let index =
        index_with(&[release(1, "en", "Migrants in El Salvador"), release(2, "en", "Migrants in Mexico")]);
    assert_eq!(found(&index, "migrants salvador"), [1]);
}

#[test]
fn quoted_words_match_as_a_phrase() {
    let index = index_with(&[
        release(1, "en", "Climate change and migration"),
        release(2, "en", "Change in the climate of migration policy"),
    ]);
    assert_eq!(found(&index, r#""climate change""#), [1]);
}

#[test]
fn a_minus_excludes_a_word_in_every_language() {
    let index = index_with(&[
        release(1, "en", "Migrants and sport"),
        release(2, "en", "Migrants and health"),
        release(3, "fr", "Migrants et sport"),
    ]);
    assert_eq!(found(&index, "migrants -sport"), [2]);
    let mut all_but_sport = found(&index, "-sport");
    all_but_sport.sort();
    assert_eq!(all_but_sport, [2]);
}

#[test]
fn one_query_finds_every_language_variant() {
    let index = index_with(&[
        release(1, "en", "Support in El Salvador"),
        release(2, "es", "Apoyo en El Salvador"),
        release(3, "fr", "Soutien au Salvador"),
    ]);
    let mut ids = found(&index, "Salvador");
    ids.sort();
    assert_eq!(ids, [1, 2, 3]);
}

#[test]
fn summary_dateline_and_body_are_searched() {
    let mut doc = release(1, "en", "Title");
    doc.summary = "A summary about floods".into();
    doc.dateline = "Tegucigalpa".into();
    doc.body_text = "The body mentions earthquakes".into();
    let index = index_with(&[doc]);
    assert_eq!(found(&index, "flood"), [1]);
    assert_eq!(found(&index, "tegucigalpa"), [1]);
    assert_eq!(found(&index, "earthquake"), [1]);
}

#[test]
fn a_title_match_ranks_above_a_body_match() {
    let mut in_body = release(1, "en", "News from the field");
    in_body.body_text = "Teams delivered water to the villages.".into();
    let mut in_title = release(2, "en", "Water for the villages");
    in_title.body_text = "Teams delivered it in May.".into();
    let index = index_with(&[in_body, in_title]);
    assert_eq!(found(&index, "water"), [2, 1]);
}
