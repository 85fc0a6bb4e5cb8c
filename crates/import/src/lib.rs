//! Reading other systems' archives into one model, for `portico import`: WordPress export
//! files (WXR), Drupal nodes saved as JSON:API responses, RSS and Atom archives, folders of
//! Markdown with front matter (Hugo, Jekyll), and folders of press releases (`.docx`, HTML)
//! read through the tagger.
//!
//! Each reader turns bytes and files into [`Item`]s, one per language version of a document,
//! each naming where it came from ([`Location`]: file and line or item) and its stable
//! [`Item::source`] id, so that a second import finds what the first wrote. What a reader
//! cannot use is a [`Problem`] with its place, never a panic and never a silent skip.
//!
//! This crate must never touch a database, the network or the media storage: deciding what
//! to create, update or refuse against the store is the binary's (`portico::import`).

pub mod drupal;
pub mod feed;
pub mod markdown;
pub mod releases;
pub mod wordpress;

use std::fmt;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

/// Where an item or a problem is: a file, and within it a line or an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as given on the command line or found in the folder.
    pub file: PathBuf,
    /// The 1-based line where the item starts, when the format has lines worth naming.
    pub line: Option<usize>,
    /// The item's own name in its source (`post 123`, `data[2] node/42`), when it has one.
    pub item: Option<String>,
}

impl Location {
    /// A whole file.
    pub fn file(file: impl Into<PathBuf>) -> Location {
        Location { file: file.into(), line: None, item: None }
    }

    /// This place at `line`.
    pub fn at_line(mut self, line: usize) -> Location {
        self.line = Some(line);
        self
    }

    /// This place, naming the item.
    pub fn item(mut self, item: impl Into<String>) -> Location {
        self.item = Some(item.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(item) = &self.item {
            write!(f, " ({item})")?;
        }
        Ok(())
    }
}

/// Something in the input that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub at: Location,
    /// Why, in one sentence.
    pub reason: String,
}

/// What a reader read: the items it could use and the problems with the rest.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// One per language version, in the order of the input.
    pub items: Vec<Item>,
    /// Input that cannot be used (refused), each with its place and reason.
    pub problems: Vec<Problem>,
    /// Input left out on purpose (menu entries, revisions, trashed posts), with the reason.
    pub skipped: Vec<Problem>,
}

/// A file that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file or folder could not be opened or read.
    #[error("{}: cannot read: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not of the format it was given as.
    #[error("{at}: {reason}")]
    Malformed {
        /// Where the reader stopped.
        at: Location,
        /// What is wrong there.
        reason: String,
    },
}

/// Whether the document is a press release or a page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A news item, under `/{lang}/news/{slug}`.
    Release,
    /// A page of the site, under `/{lang}/{path}`.
    Page,
}

/// Where the item stood in the source's workflow, in Portico's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    /// Not public: a draft, a pending review, a private post.
    Draft,
    /// Public (or due to be, when its date lies ahead).
    Published,
    /// Withdrawn or trashed at the source but kept.
    Archived,
}

/// A term of a category or tag vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Its slug at the source (`health`).
    pub slug: String,
    /// Its name (`Health`).
    pub name: String,
}

/// An item's lead image: a file to read and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The file: relative to the uploads folder (WordPress, Drupal) or to the Markdown file's
    /// folder, or absolute.
    pub path: String,
    /// Alternative text.
    pub alt: String,
    /// Caption.
    pub caption: String,
}

/// A picture in an item's body that comes with the item: stored with the document and shown
/// from its new address instead of the one the body names (the tagger's
/// [`ImageProposal::moved_in`](portico_tagger::ImageProposal::moved_in)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyImage {
    /// Where the body shows it, with its alternative text, caption and credit.
    pub proposal: portico_tagger::ImageProposal,
    /// Its file name, for the media library.
    pub file_name: String,
    /// Its bytes, or why they could not be read; the item is imported either way, without
    /// the picture when it has none.
    pub bytes: Result<Vec<u8>, String>,
}

/// Who wrote the item at the source.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Author {
    /// Login name.
    pub login: String,
    /// E-mail address, when the source gives one.
    pub email: String,
    /// Name as displayed.
    pub name: String,
}

/// One language version of a document, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Its stable id at the source, prefixed by the source kind: `wordpress:https://site/?p=123`,
    /// `drupal:node/42/fr`, `file:news/2015/slug.md`.
    pub source: String,
    /// Where it was read.
    pub at: Location,
    /// Release or page.
    pub kind: ItemKind,
    /// Its language code (`en`), when the source says.
    pub language: Option<String>,
    /// The key its translations share, when the source links translations; items with the
    /// same key are one document.
    pub translation_group: Option<String>,
    /// Title, plain text.
    pub title: String,
    /// Slug (release) or path (page) as the source had it; the importer normalizes it.
    pub slug: String,
    /// Summary, plain text.
    pub summary: String,
    /// Body as Markdown; HTML from the source is kept as inline HTML, which the renderer
    /// sanitizes.
    pub body_markdown: String,
    /// When it was (or is to be) published.
    pub published_at: Option<OffsetDateTime>,
    /// Its workflow status.
    pub status: ItemStatus,
    /// Categories (or, for Drupal, the first taxonomy field).
    pub categories: Vec<Term>,
    /// Tags.
    pub tags: Vec<Term>,
    /// Its author at the source.
    pub author: Option<Author>,
    /// The lead image.
    pub image: Option<ImageRef>,
    /// The pictures of the body that come with it.
    pub body_images: Vec<BodyImage>,
    /// Its addresses at the source (paths, `/2015/08/21/slug`), to redirect to the new one.
    pub old_paths: Vec<String>,
    /// The place leading the body, for releases.
    pub dateline: String,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// Partner slugs (known ones only).
    pub partners: Vec<String>,
    /// Contact keys (known ones only).
    pub contacts: Vec<String>,
    /// Theme slugs (known ones only).
    pub themes: Vec<String>,
}

impl Item {
    /// An empty item from `source`, read at `at`.
    pub fn new(source: impl Into<String>, at: Location, kind: ItemKind) -> Item {
        Item {
            source: source.into(),
            at,
            kind,
            language: None,
            translation_group: None,
            title: String::new(),
            slug: String::new(),
            summary: String::new(),
            body_markdown: String::new(),
            published_at: None,
            status: ItemStatus::Published,
            categories: Vec::new(),
            tags: Vec::new(),
            author: None,
            image: None,
            body_images: Vec::new(),
            old_paths: Vec::new(),
            dateline: String::new(),
            countries: Vec::new(),
            partners: Vec::new(),
            contacts: Vec::new(),
            themes: Vec::new(),
        }
    }
}

/// The path of a URL (`https://site/2015/08/slug/?x` → `/2015/08/slug/`), or of a path
/// given as is; `None` for an empty one or the site's root.
pub fn path_of(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = match url.find("://") {
        Some(at) => {
            let after = &url[at + 3..];
            &after[after.find('/').unwrap_or(after.len())..]
        }
        None => url,
    };
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let path = if path.starts_with('/') { path.to_owned() } else { format!("/{path}") };
    (path != "/").then_some(path)
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_at(text: &[u8], offset: usize) -> usize {
    1 + text[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count()
}

/// Files under `dir` (recursively, sorted, hidden ones left out) whose names end in one of
/// `extensions`.
pub fn files_in(dir: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, ReadError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries =
            std::fs::read_dir(&folder).map_err(|source| ReadError::Io { file: folder.clone(), source })?;
        for entry in entries {
            let entry = entry.map_err(|source| ReadError::Io { file: folder.clone(), source })?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_lowercase();
            if name.starts_with('.') {
                continue;
            }
            let kind = entry.file_type().map_err(|source| ReadError::Io { file: path.clone(), source })?;
            if kind.is_dir() {
                stack.push(path);
            } else if extensions.iter().any(|ext| name.ends_with(&format!(".{ext}"))) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The part of `path` under `dir`, with `/` between folders, for source ids that stay the
/// same wherever the folder is.
pub fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// A date as archives write them: RFC 3339 (`2015-08-21T10:00:00Z`), RFC 2822, or
/// `2015-08-21 10:00:00 +0200`, `2015-08-21 10:00:00`, `2015-08-21` (the last two as UTC).
pub fn parse_date(text: &str) -> Option<OffsetDateTime> {
    use time::format_description::well_known::{Rfc2822, Rfc3339};
    use time::macros::format_description;
    let text = text.trim();
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(at);
    }
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc2822) {
        return Some(at);
    }
    let with_offset = format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory][offset_minute]"
    );
    if let Ok(at) = OffsetDateTime::parse(text, &with_offset) {
        return Some(at);
    }
    for format in [
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]"),
    ] {
        if let Ok(at) = time::PrimitiveDateTime::parse(text, &format) {
            return Some(at.assume_utc());
        }
    }
    let day = format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &day).ok().map(|d| d.midnight().assume_utc())
}

/// Text with its HTML tags dropped and its character references read, whitespace collapsed,
/// for titles and summaries.
pub fn strip_tags(html: &str) -> String {
    const BLOCKS: [&str; 12] = ["p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td"];
    let mut text = String::with_capacity(html.len());
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                // Block elements part words; inline ones (`<em>`) do not.
                let name =
                    name.trim_start_matches('/').split([' ', '/']).next().unwrap_or("").to_ascii_lowercase();
                if BLOCKS.contains(&name.as_str()) {
                    text.push(' ');
                }
                tag = None;
            }
            (Some(name), c) => name.push(c),
            (None, c) => text.push(c),
        }
    }
    portico_content::markdown::decode_character_references(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_taken_from_urls_and_the_root_is_none() {
        assert_eq!(
            path_of("https://example.org/2015/08/21/slug/?amp=1").as_deref(),
            Some("/2015/08/21/slug/")
        );
        assert_eq!(path_of("/news/a").as_deref(), Some("/news/a"));
        assert_eq!(path_of("news/a").as_deref(), Some("/news/a"));
        assert_eq!(path_of("https://example.org/?p=12"), None);
        assert_eq!(path_of("https://example.org"), None);
    }

    #[test]
    fn locations_read_as_file_line_and_item() {
        let at = Location::file("export.xml").at_line(42).item("post 123");
        assert_eq!(at.to_string(), "export.xml:42 (post 123)");
    }
}
