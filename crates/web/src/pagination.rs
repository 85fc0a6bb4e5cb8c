//! What every paginated, filtered list shares (the news list, search results): the pager, the
//! filters in force, and how a reader's input is quoted back in messages.

use serde::Serialize;

/// At most 40 characters of a user's input, for messages.
pub(crate) fn shorten(value: &str) -> String {
    let mut short: String = value.chars().filter(|c| !c.is_control()).take(40).collect();
    if value.chars().count() > 40 {
        short.push('…');
    }
    short
}

/// A filter in force, shown with a link that removes it.
#[derive(Serialize)]
pub(crate) struct ActiveFilter {
    /// What kind of filter: "Country".
    pub(crate) label: String,
    /// What it selects: "El Salvador".
    pub(crate) value: String,
    /// The same list without it.
    pub(crate) remove_url: String,
}

#[derive(Serialize)]
struct PagerLink {
    number: u32,
    url: String,
    current: bool,
    gap: bool,
}

/// The links of a paginated list.
#[derive(Serialize)]
pub(crate) struct Pager {
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PagerLink>,
}

/// Page links around `current`: the first, the last and two on each side.
pub(crate) fn pager(last: u32, current: u32, url: impl Fn(u32) -> String) -> Pager {
    let mut pages = Vec::new();
    let mut previous = 0;
    for number in 1..=last {
        let near = number.abs_diff(current) <= 2;
        if number == 1 || number == last || near {
            if previous != 0 && number != previous + 1 {
                pages.push(PagerLink { number: 0, url: String::new(), current: false, gap: true });
            }
            pages.push(PagerLink { number, url: url(number), current: number == current, gap: false });
            previous = number;
        }
    }
    Pager {
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < last).then(|| url(current + 1)),
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_around_the_current_one_are_linked() {
        let pager = pager(9, 5, |n| format!("?page={n}"));
        let numbers: Vec<u32> = pager.pages.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [1, 0, 3, 4, 5, 6, 7, 0, 9]);
        assert_eq!(pager.prev.as_deref(), Some("?page=4"));
        assert_eq!(pager.next.as_deref(), Some("?page=6"));
    }

    #[test]
    fn long_input_is_shortened_for_messages() {
        assert_eq!(shorten("a\u{0}b"), "ab");
        assert_eq!(shorten(&"x".repeat(50)).chars().count(), 41);
    }
}
