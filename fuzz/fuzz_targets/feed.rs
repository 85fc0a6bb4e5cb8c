//! Feed parsing: a fetched body read as RSS or Atom (`portico_ingest::parse_feed`, which the
//! ingest job runs on every fetched feed).
//!
//! Checks, for any bytes: parsing returns a feed or an error, and no panic escapes it; at most
//! `MAX_ITEMS` items; each item's link is empty or http(s); its title is plain text of at
//! most 300 characters and never empty; its id at most 2048 bytes; its date neither before
//! 1970 nor more than a day after the fetch; its summary passes the external-HTML rules
//! (no script, no image, no relative or `javascript:` URL, links `nofollow`).
#![no_main]

use std::cell::{Cell, RefCell};
use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use portico_fuzz::{EXTERNAL, check_html, check_the_checker, fetched_at};
use portico_ingest::{MAX_ITEMS, parse_feed};

const SOURCE: &str = "https://news.example.org/feeds/all.xml";

thread_local! {
    /// Whether `parse_feed` is running, whose own guard turns a panic of the XML reader into a
    /// refusal (see below).
    static PARSING: Cell<bool> = const { Cell::new(false) };
    /// The last panic while parsing, said again if it escapes `parse_feed`.
    static CAUGHT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// libFuzzer's panic hook aborts at once, before `parse_feed` can catch the XML reader's
/// panic (quick-xml 0.42 asserts on some declarations: found by this target, caught since).
/// While parsing, a panic is noted and left to `parse_feed`; one that escapes it is a crash.
fn hook_parser_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let libfuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if PARSING.get() {
                CAUGHT.replace(info.to_string());
            } else {
                libfuzzer_hook(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    hook_parser_panics();
    check_the_checker();
    let now = fetched_at();
    PARSING.set(true);
    let parsed = std::panic::catch_unwind(|| parse_feed(data, SOURCE, now));
    PARSING.set(false);
    let Ok(parsed) = parsed else { panic!("a panic escaped parse_feed: {}", CAUGHT.take()) };
    let Ok(feed) = parsed else { return };
    assert!(feed.items.len() <= MAX_ITEMS, "{} items", feed.items.len());
    assert!(feed.title.chars().count() <= 300, "feed title of {} chars", feed.title.chars().count());
    for item in &feed.items {
        assert!(
            item.link.is_empty() || item.link.starts_with("http://") || item.link.starts_with("https://"),
            "link {:?}",
            item.link
        );
        assert!(!item.title.is_empty(), "an untitled item is shown by its link");
        assert!(item.title.chars().count() <= 300, "title of {} chars", item.title.chars().count());
        assert!(item.guid.len() <= 2048, "id of {} bytes", item.guid.len());
        assert!(item.published_at >= time::OffsetDateTime::UNIX_EPOCH, "{}", item.published_at);
        assert!(item.published_at <= now + time::Duration::days(1), "{}", item.published_at);
        if let Err(problem) = check_html(&item.summary_html, &EXTERNAL) {
            panic!("summary: {problem}\n{}", item.summary_html);
        }
    }
});
