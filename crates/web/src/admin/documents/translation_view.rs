//! The original beside a translation: its title, summary and paragraphs as they are now, with
//! what changed since the translation was last saved marked, so that a translator sees what
//! to bring over without comparing revisions by hand.

use minijinja::context;
use portico_store::EditableVariant;
use serde::Serialize;

use crate::session::Signed;
use crate::{App, WebError};

/// One paragraph (or list, heading, table: a block between blank lines) of the original.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(super) struct SourceBlock {
    /// Its Markdown.
    pub text: String,
    /// Not in the original as the translation last saw it.
    pub changed: bool,
}

/// The blocks of a Markdown body: what blank lines separate, trimmed.
fn blocks(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in markdown.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n").trim().to_owned());
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n").trim().to_owned());
    }
    out
}

/// The blocks of `now`, each marked changed when `then` (the body the translation last saw)
/// does not have it; with no `then`, nothing is marked.
pub(super) fn marked_blocks(now: &str, then: Option<&str>) -> Vec<SourceBlock> {
    let before: Option<Vec<String>> = then.map(blocks);
    blocks(now)
        .into_iter()
        .map(|text| SourceBlock {
            changed: before.as_ref().is_some_and(|before| !before.contains(&text)),
            text,
        })
        .collect()
}

/// What the editor shows beside `variant` when it translates another: `None` for an original.
pub(super) async fn source_view(
    app: &App,
    user: &Signed,
    variant: &EditableVariant,
) -> Result<Option<minijinja::Value>, WebError> {
    if !variant.is_translation {
        return Ok(None);
    }
    let Some(source) = app.store().translation_source(variant.document, &variant.language).await? else {
        return Ok(None);
    };
    let then = source.then.as_ref();
    let blocks = marked_blocks(&source.now.body_markdown, then.map(|d| d.body_markdown.as_str()));
    let changed = blocks.iter().filter(|b| b.changed).count();
    let title_changed = then.is_some_and(|t| t.title != source.now.title);
    let summary_changed = then.is_some_and(|t| t.summary != source.now.summary);
    let up_to_date = source.translated_revision.is_some_and(|r| r >= source.revision);
    Ok(Some(context! {
        language => source.language.clone(),
        language_name => user.i18n.language_name(user.lang, &source.language),
        dir => crate::i18n::I18n::direction(&source.language),
        revision => source.revision,
        translated_revision => source.translated_revision,
        known => then.is_some(),
        up_to_date,
        title => source.now.title,
        title_changed,
        summary => source.now.summary,
        summary_changed,
        blocks,
        changed => changed + usize::from(title_changed) + usize::from(summary_changed),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_new_or_reworded_since_the_translation_are_marked() {
        let then = "First paragraph.\n\nSecond one,\nover two lines.\n\n- a list\n- of two";
        let now = "First paragraph.\n\nSecond one, reworded.\n\n\n- a list\n- of two\n\nA new ending.";
        let marked = marked_blocks(now, Some(then));
        let changed: Vec<bool> = marked.iter().map(|b| b.changed).collect();
        assert_eq!(changed, [false, true, false, true]);
        assert_eq!(marked[2].text, "- a list\n- of two");
        assert!(marked_blocks(now, None).iter().all(|b| !b.changed), "unknown past: nothing marked");
        assert!(marked_blocks("", Some(then)).is_empty());
    }
}
