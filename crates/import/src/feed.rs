//! RSS and Atom archives saved to files: each entry becomes a release, with its whole content
//! (the ingest crate keeps summaries of at most 200 items, which an archive must not lose).
//!
//! Source id: `feed:{guid or id}`, else `feed:{link}`. Language: the feed's (`<language>`,
//! `xml:lang`), cut to its first part (`en-us` → `en`). Old address: the entry's link path.

use std::path::Path;

use time::OffsetDateTime;

use crate::{Batch, Item, ItemKind, Location, Problem, ReadError, Term, line_at, path_of};

/// Reads one feed file.
pub fn read(file: &Path) -> Result<Batch, ReadError> {
    let bytes = std::fs::read(file).map_err(|source| ReadError::Io { file: file.to_path_buf(), source })?;
    parse(file, &bytes)
}

/// Reads the bytes of a feed file named `file`.
pub fn parse(file: &Path, bytes: &[u8]) -> Result<Batch, ReadError> {
    let parser = feed_rs::parser::Builder::new().sanitize_content(false).build();
    let trimmed = bytes.trim_ascii_start();
    // The XML reader under feed-rs asserts on some malformed input (see portico-ingest): its
    // panic is this file's refusal, not the import's.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(trimmed)))
        .map_err(|_| ReadError::Malformed {
            at: Location::file(file),
            reason: "the XML reader failed on this file".to_owned(),
        })?
        .map_err(|e| ReadError::Malformed {
            at: Location::file(file),
            reason: format!("not a readable RSS or Atom feed: {e}"),
        })?;
    let language =
        parsed.language.as_deref().map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase());
    let text = String::from_utf8_lossy(bytes);
    let mut batch = Batch::default();
    for (index, entry) in parsed.entries.into_iter().enumerate() {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|rel| rel == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.trim().to_owned())
            .unwrap_or_default();
        let id = Some(entry.id.trim()).filter(|id| !id.is_empty()).unwrap_or(&link).to_owned();
        let line = [id.as_str(), link.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .find_map(|needle| text.find(needle))
            .map_or(1, |offset| line_at(bytes, offset));
        let at = Location::file(file).at_line(line).item(format!("entry {}", index + 1));
        if id.is_empty() {
            batch.problems.push(Problem { at, reason: "neither an id nor a link".to_owned() });
            continue;
        }
        let mut item = Item::new(format!("feed:{id}"), at.clone(), ItemKind::Release);
        item.language = language.clone();
        item.title = entry.title.as_ref().map(|t| crate::strip_tags(&t.content)).unwrap_or_default();
        if item.title.is_empty() {
            batch.problems.push(Problem { at, reason: "no title".to_owned() });
            continue;
        }
        let content = entry.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
        let summary = entry.summary.as_ref().map(|s| s.content.clone()).unwrap_or_default();
        item.body_markdown =
            if content.trim().is_empty() { summary.clone() } else { content }.trim().to_owned();
        item.summary = crate::strip_tags(&summary);
        item.published_at = entry
            .published
            .or(entry.updated)
            .and_then(|d| OffsetDateTime::from_unix_timestamp(d.timestamp()).ok());
        item.slug = path_of(&link)
            .and_then(|p| p.trim_end_matches('/').rsplit('/').next().map(str::to_owned))
            .map(|s| s.trim_end_matches(".html").to_owned())
            .unwrap_or_default();
        item.old_paths.extend(path_of(&link));
        item.categories = entry
            .categories
            .iter()
            .map(|c| {
                let name = c.label.clone().unwrap_or_else(|| c.term.clone());
                Term { slug: portico_content::slugify(&c.term), name }
            })
            .filter(|t| !t.slug.is_empty())
            .collect();
        if let Some(author) = entry.authors.first() {
            item.author = Some(crate::Author {
                name: author.name.clone().unwrap_or_default(),
                email: author.email.clone().unwrap_or_default(),
                ..Default::default()
            });
        }
        batch.items.push(item);
    }
    Ok(batch)
}
