//! Titles and snippets come back as safe HTML with the matched words marked.

mod support;

use support::{index_with, query, release};

/// The HTML without our `<mark>` tags: what is left must hold no markup at all.
fn without_marks(html: &str) -> String {
    html.replace("<mark>", "").replace("</mark>", "")
}

#[test]
fn matched_words_are_marked_in_the_title() {
    let index = index_with(&[release(1, "en", "Migrants in El Salvador")]);
    let results = index.search(&query("migrant salvador")).expect("search");
    assert_eq!(results.hits[0].title_html, "<mark>Migrants</mark> in El <mark>Salvador</mark>");
}

#[test]
fn folded_and_stemmed_matches_are_marked_as_written() {
    let index = index_with(&[release(1, "fr", "Les enfants de Côte d'Ivoire")]);
    let results = index.search(&query("enfant cote")).expect("search");
    assert_eq!(results.hits[0].title_html, "Les <mark>enfants</mark> de <mark>Côte</mark> d&#39;Ivoire");
}

#[test]
fn document_text_is_escaped_in_title_and_snippet() {
    let mut doc = release(1, "en", "<script>alert('migrants')</script> & \"friends\"");
    doc.summary = "Migrants <img src=x onerror=alert(1)> arrive".into();
    doc.body_text = "<b>bold</b> claims".into();
    let index = index_with(&[doc]);
    let hit = &index.search(&query("migrants")).expect("search").hits[0];
    assert_eq!(
        hit.title_html,
        "&lt;script&gt;alert(&#39;<mark>migrants</mark>&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"
    );
    for html in [&hit.title_html, &hit.snippet_html] {
        let text = without_marks(html);
        assert!(!text.contains('<') && !text.contains('>'), "{html}");
    }
    assert!(hit.snippet_html.contains("<mark>Migrants</mark> &lt;img"));
}

#[test]
fn the_snippet_is_a_passage_around_the_match() {
    let mut doc = release(1, "en", "Annual report");
    doc.summary = "An overview of the year.".into();
    doc.body_text = format!(
        "{} The new shelter opened in March for families. {}",
        "Background sentence. ".repeat(30),
        "Closing remarks. ".repeat(30)
    );
    let index = index_with(&[doc]);
    let hit = &index.search(&query("shelter")).expect("search").hits[0];
    assert!(hit.snippet_html.starts_with("… "), "{}", hit.snippet_html);
    assert!(hit.snippet_html.ends_with(" …"), "{}", hit.snippet_html);
    assert!(hit.snippet_html.contains("<mark>shelter</mark>"));
    assert!(hit.snippet_html.len() < 400);
    assert_eq!(hit.title_html, "Annual report");
}

#[test]
fn without_words_the_snippet_is_the_start_of_the_summary() {
    let mut doc = release(1, "en", "Tom & Jerry");
    doc.summary = "A summary <with> markup-like text.".into();
    doc.body_text = "The body.".into();
    let index = index_with(&[doc]);
    let hit = &index.search(&query("")).expect("search").hits[0];
    assert_eq!(hit.title_html, "Tom &amp; Jerry");
    assert_eq!(hit.snippet_html, "A summary &lt;with&gt; markup-like text.\nThe body.");
}

#[test]
fn a_match_only_in_the_title_shows_the_start_of_the_summary() {
    let mut doc = release(1, "en", "Water for villages");
    doc.summary = "Teams delivered tanks.".into();
    let index = index_with(&[doc]);
    let hit = &index.search(&query("water")).expect("search").hits[0];
    assert_eq!(hit.title_html, "<mark>Water</mark> for villages");
    assert_eq!(hit.snippet_html, "Teams delivered tanks.");
}

#[test]
fn arabic_text_is_marked_whole_words() {
    let index = index_with(&[release(1, "ar", "دعم المهاجرين في الأردن")]);
    let hit = &index.search(&query("مهاجر")).expect("search").hits[0];
    assert_eq!(hit.title_html, "دعم <mark>المهاجرين</mark> في الأردن");
}
