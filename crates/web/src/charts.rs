//! Charts drawn on the server as SVG: no script, no third-party library, readable by a
//! screen reader through their `<title>` and the table of numbers printed beside them.
//!
//! Everything written into the SVG is escaped here; callers pass plain text.

use std::fmt::Write as _;

/// A stacked bar chart: one bar per column, one coloured segment per series.
pub struct StackedBars<'a> {
    /// What the chart shows, for its `<title>` ("Releases published per month").
    pub title: &'a str,
    /// The columns' labels ("Jan 2026").
    pub columns: &'a [String],
    /// Each series' name and its value per column (same length as `columns`).
    pub series: &'a [(String, Vec<i64>)],
}

/// Colours told apart by people with the common forms of colour blindness (Okabe–Ito).
const PALETTE: [&str; 8] =
    ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 40.0;
const TOP: f64 = 12.0;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A round number at or above `max` for the axis's top (1, 2, 5 × a power of ten).
fn nice_ceiling(max: i64) -> i64 {
    if max <= 0 {
        return 1;
    }
    let mut step = 1_i64;
    loop {
        for factor in [1, 2, 5] {
            if step.saturating_mul(factor) >= max {
                return step.saturating_mul(factor);
            }
        }
        step = step.saturating_mul(10);
    }
}

impl StackedBars<'_> {
    /// The chart as an inline `<svg>` element, with a legend under it.
    pub fn to_svg(&self) -> String {
        let totals: Vec<i64> = (0..self.columns.len())
            .map(|c| self.series.iter().map(|(_, values)| values.get(c).copied().unwrap_or(0).max(0)).sum())
            .collect();
        let top = nice_ceiling(totals.iter().copied().max().unwrap_or(0));
        let plot_height = HEIGHT - BOTTOM - TOP;
        let plot_width = WIDTH - LEFT - 8.0;
        let slot = plot_width / self.columns.len().max(1) as f64;
        let bar = (slot * 0.7).max(1.0);
        let y_of = |value: i64| TOP + plot_height - plot_height * value as f64 / top as f64;

        let mut svg = String::new();
        let legend_rows = self.series.len().div_ceil(4);
        let total_height = HEIGHT + 22.0 * legend_rows as f64;
        let _ = write!(
            svg,
            "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {total_height}\" role=\"img\" aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-title\">{}</title>",
            escape(self.title)
        );
        // Axis and guide lines at 0, half and the top.
        for value in [0, top / 2, top] {
            let y = y_of(value);
            let _ = write!(
                svg,
                "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#c9d3e0\"/><text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#4a5568\">{value}</text>",
                WIDTH - 8.0,
                LEFT - 6.0,
                y + 4.0
            );
        }
        for (c, label) in self.columns.iter().enumerate() {
            let x = LEFT + slot * c as f64 + (slot - bar) / 2.0;
            let mut base = 0_i64;
            for (s, (name, values)) in self.series.iter().enumerate() {
                let value = values.get(c).copied().unwrap_or(0).max(0);
                if value == 0 {
                    continue;
                }
                let (y_top, y_bottom) = (y_of(base + value), y_of(base));
                let _ = write!(
                    svg,
                    "<rect x=\"{x:.1}\" y=\"{y_top:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {} {value}</title></rect>",
                    (y_bottom - y_top).max(0.5),
                    PALETTE[s % PALETTE.len()],
                    escape(label),
                    escape(name)
                );
                base += value;
            }
            // Every label when they fit, else every other one.
            if self.columns.len() <= 12 || c % 2 == 0 {
                let _ = write!(
                    svg,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1d2430\">{}</text>",
                    x + bar / 2.0,
                    HEIGHT - BOTTOM + 16.0,
                    escape(label)
                );
            }
        }
        for (s, (name, _)) in self.series.iter().enumerate() {
            let (row, col) = (s / 4, s % 4);
            let (x, y) = (LEFT + 170.0 * col as f64, HEIGHT + 4.0 + 22.0 * row as f64);
            let _ = write!(
                svg,
                "<rect x=\"{x}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#1d2430\">{}</text>",
                PALETTE[s % PALETTE.len()],
                x + 18.0,
                y + 11.0,
                escape(name)
            );
        }
        svg.push_str("</svg>");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_stack_to_their_totals_and_text_is_escaped() {
        let columns = vec!["Jan".to_owned(), "Feb <b>".to_owned()];
        let series = vec![("English".to_owned(), vec![3, 0]), ("Français & co".to_owned(), vec![2, 5])];
        let svg =
            StackedBars { title: "Releases \"per\" month", columns: &columns, series: &series }.to_svg();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title id=\"chart-title\">Releases &quot;per&quot; month</title>"));
        assert!(svg.contains("Feb &lt;b&gt;") && !svg.contains("<b>"), "labels are escaped");
        assert!(svg.contains("Français &amp; co"));
        // Three segments drawn (a zero draws none), each with its number in its tooltip.
        assert_eq!(svg.matches("<rect x=").count() - series.len(), 3, "{svg}");
        assert!(svg.contains("Jan: English 3</title>") && svg.contains("Français &amp; co 5</title>"));
        // The axis tops at a round number at or above the largest total (5).
        assert!(svg.contains(">5</text>"));
    }

    #[test]
    fn the_axis_top_is_a_round_number() {
        assert_eq!([0, 1, 3, 7, 12, 99, 101, 4_000].map(nice_ceiling), [1, 1, 5, 10, 20, 100, 200, 5_000]);
    }
}
