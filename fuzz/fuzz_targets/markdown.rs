//! Markdown rendering and sanitizing: what a body becomes when a release or page is saved,
//! and what a feed item's HTML becomes when it is ingested.
//!
//! Checks, for any text: rendering never lets markup through that the sanitizer forbids (see
//! `portico_fuzz::check_html`); the renderer refuses a body exactly when validation would
//! (`check_nesting` agrees with `try_render`), and `render` then falls back to escaped text;
//! the output stays within a bound linear in the input; external HTML is cleaned by the
//! feed reader's rules, and cleaning the result again still is.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portico_content::markdown::{check_nesting, plain_text, render, sanitize_external_html, try_render};
use portico_fuzz::{EXTERNAL, RENDERED, check_html, check_the_checker};

/// The base URL external HTML is resolved against, as a feed's address would be.
const BASE: &str = "https://news.example.org/feeds/all.xml";

fuzz_target!(|data: &[u8]| {
    check_the_checker();
    let Ok(source) = std::str::from_utf8(data) else { return };

    let html = render(source);
    if let Err(problem) = check_html(&html, &RENDERED) {
        panic!("render: {problem}\n{html}");
    }
    match (check_nesting(source), try_render(source)) {
        (Ok(()), Ok(rendered)) => assert_eq!(rendered, html, "render differs from try_render"),
        (Err(_), Err(_)) => assert!(html.starts_with("<p>"), "a refused body renders as one paragraph"),
        (checked, rendered) => {
            panic!("check_nesting says {checked:?} but try_render says {:?}", rendered.map(|_| ()))
        }
    }
    // Generous: `"` becomes `&quot;` (6×) and a link gains its rel; a table row is padded to
    // its header's columns, which is what a tight bound would trip on first.
    let bound = 64 * source.len() + 4096;
    assert!(html.len() <= bound, "{} bytes of HTML from {} of Markdown", html.len(), source.len());
    let _ = plain_text(source);

    let external = sanitize_external_html(source, Some(BASE));
    if let Err(problem) = check_html(&external, &EXTERNAL) {
        panic!("sanitize_external_html: {problem}\n{external}");
    }
    // Not always equal to the first: html5ever re-nests what its serializer wrote flat (a link
    // inside a link, found by this target), so only safety is asserted for the second pass.
    let again = sanitize_external_html(&external, Some(BASE));
    if let Err(problem) = check_html(&again, &EXTERNAL) {
        panic!("sanitize_external_html twice: {problem}\n{again}");
    }
});
