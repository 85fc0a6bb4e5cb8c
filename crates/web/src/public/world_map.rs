//! The map on *Where we work*: every country drawn from Natural Earth's public-domain
//! boundaries (projected once, by `scripts/world-map`), the countries with an office marked,
//! each country linking to its page. Drawn on the server: no tile server, no script.
//!
//! The list of countries under the map is the accessible way through them; the map is one
//! labelled image to assistive technology and its links are for pointers only.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::sync::OnceLock;

use super::world_map_data::{SHAPES, SIZE};

/// How a country is drawn.
pub(crate) struct Marked<'a> {
    /// ISO 3166-1 alpha-2 codes of the countries with an office.
    pub offices: &'a [String],
    /// ISO 3166-1 alpha-2 codes of the countries the site has releases about.
    pub covered: &'a [String],
}

/// The map as an inline `<svg>`, a named group of links (an image may not hold links);
/// `name_of` names a country (alpha-2) in the page's language, `url_of` gives its page,
/// `title` and `description` label the whole map.
pub(crate) fn world_map(
    marked: &Marked<'_>,
    name_of: impl Fn(&str) -> String,
    url_of: impl Fn(&str) -> String,
    title: &str,
    description: &str,
) -> String {
    let (width, height) = SIZE;
    let mut svg = String::with_capacity(100_000);
    let _ = write!(
        svg,
        "<svg class=\"world-map\" viewBox=\"0 0 {width} {height}\" role=\"group\" aria-labelledby=\"map-title map-desc\" dir=\"ltr\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"map-title\">{}</title><desc id=\"map-desc\">{}</desc>",
        escape(title),
        escape(description)
    );
    let offices: HashSet<&str> = marked.offices.iter().map(String::as_str).collect();
    let covered: HashSet<&str> = marked.covered.iter().map(String::as_str).collect();
    for (shape, country) in SHAPES.iter().zip(shape_countries()) {
        let disputed = if shape.disputed { " disputed" } else { "" };
        match country {
            Some(c) => {
                let code = c.iso2;
                let mark = if offices.contains(code) {
                    " office"
                } else if covered.contains(code) {
                    " covered"
                } else {
                    ""
                };
                svg.push_str("<a href=\"");
                push_escaped(&mut svg, &url_of(code));
                let _ = write!(
                    svg,
                    "\" tabindex=\"-1\"><path class=\"area{disputed}{mark}\" d=\"{}\"><title>",
                    shape.d
                );
                push_escaped(&mut svg, &name_of(code));
                svg.push_str("</title></path></a>");
            }
            None => {
                let _ = write!(svg, "<path class=\"area{disputed}\" d=\"{}\"><title>", shape.d);
                push_escaped(&mut svg, shape.name);
                svg.push_str("</title></path>");
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The country each of [`SHAPES`] draws, in the same order; `None` for an area without a
/// code of its own.
fn shape_countries() -> &'static [Option<&'static portico_geo::Country>] {
    static COUNTRIES: OnceLock<Vec<Option<&'static portico_geo::Country>>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        SHAPES
            .iter()
            .map(|shape| {
                portico_geo::countries().iter().find(|c| c.numeric == shape.numeric && shape.numeric != 0)
            })
            .collect()
    })
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Appends `text` with the characters markup gives a meaning to escaped.
fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&quot;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_links_to_its_page_offices_are_marked_and_disputed_areas_dashed() {
        let offices = vec!["SV".to_owned()];
        let covered = vec!["GT".to_owned()];
        let svg = world_map(
            &Marked { offices: &offices, covered: &covered },
            |code| format!("Name of {code}"),
            |code| format!("/en/where-we-work/{}", code.to_ascii_lowercase()),
            "Where we work",
            "Countries with an office are darker. <All> the \"countries\" & areas are listed below.",
        );
        assert!(svg.contains("<a href=\"/en/where-we-work/sv\" tabindex=\"-1\"><path class=\"area office\""));
        assert!(
            svg.contains("<a href=\"/en/where-we-work/gt\" tabindex=\"-1\"><path class=\"area covered\"")
        );
        assert!(svg.contains("<title>Name of FR</title>"), "every coded country is named");
        assert!(svg.contains("class=\"area disputed\""), "Kosovo, Somaliland, N. Cyprus");
        assert!(
            svg.contains(
                "darker. &lt;All&gt; the &quot;countries&quot; &amp; areas are listed below.</desc>"
            ),
            "text is escaped"
        );
        assert!(SHAPES.len() > 170);
        // Every coded shape is a country the geo tables know.
        for shape in SHAPES.iter().filter(|s| s.numeric != 0) {
            assert!(portico_geo::countries().iter().any(|c| c.numeric == shape.numeric), "{}", shape.name);
        }
    }
}
