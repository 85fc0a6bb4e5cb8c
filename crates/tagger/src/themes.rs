//! Themes: the site's themes (passed in) scored by how often the release names them or their
//! keywords. A name counts twice a keyword; a keyword also matches as the start of a longer
//! word ("traffick" finds "trafficking").

use crate::fold::{fold, is_word_char};
use crate::orgs::context;
use crate::{Evidence, KnownTheme, ThemeProposal};

/// Themes with a score above zero, strongest first.
pub fn score(text: &str, themes: &[KnownTheme]) -> Vec<ThemeProposal> {
    if themes.is_empty() {
        return Vec::new();
    }
    let folded = fold(text);
    // Folding can change byte lengths; evidence is taken from the folded text when it does.
    let same_length = folded.len() == text.len();
    let mut out = Vec::new();
    for theme in themes {
        let mut points = 0.0f32;
        let mut evidence = Vec::new();
        let words =
            theme.names.iter().map(|n| (n, 2.0, false)).chain(theme.keywords.iter().map(|k| (k, 1.0, true)));
        for (word, weight, prefix) in words {
            let key = fold(word.trim());
            if key.is_empty() {
                continue;
            }
            for (at, _) in folded.match_indices(&key) {
                let end = at + key.len();
                let left = folded[..at].chars().next_back().is_none_or(|ch| !is_word_char(ch));
                let right = prefix || folded[end..].chars().next().is_none_or(|ch| !is_word_char(ch));
                if !(left && right) {
                    continue;
                }
                points += weight;
                if evidence.len() < 5 {
                    let source = if same_length { text } else { folded.as_str() };
                    evidence.push(Evidence {
                        matched: source[at..end].to_owned(),
                        context: context(source, at, end),
                    });
                }
            }
        }
        if points > 0.0 {
            // Three names (or six keywords) make a release clearly about a theme.
            let score = (points / 6.0).min(1.0);
            out.push(ThemeProposal {
                slug: theme.slug.clone(),
                score: (score * 100.0).round() / 100.0,
                evidence,
            });
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}
