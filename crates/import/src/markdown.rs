//! Folders of Markdown with front matter, as Hugo and Jekyll lay them out: YAML between
//! `---` lines or TOML between `+++` lines, then the body.
//!
//! Read from the front matter: `title`, `date`, `slug`, `draft` (Jekyll: `published: false`),
//! `tags`, `categories`, `lang`/`language`, `summary`/`description`, `aliases`, `url`,
//! `permalink`, `redirect_from`, `translationKey`, `type`/`layout` (`page` makes a page),
//! `image`/`featured_image`, `dateline`, `countries`. A Hugo file named `name.fr.md` is the
//! French version of `name.md`; Jekyll's `_posts/2015-08-21-slug.md` gives its date and slug.
//! Section lists (`_index.md`) are left out.

use std::path::Path;

use serde_json::Value;

use crate::{Batch, ImageRef, Item, ItemKind, ItemStatus, Location, Problem, ReadError, Term, parse_date};

/// Reads every `.md` and `.markdown` file under `dir`.
pub fn read_dir(dir: &Path) -> Result<Batch, ReadError> {
    let mut batch = Batch::default();
    for file in crate::files_in(dir, &["md", "markdown"])? {
        let rel = crate::relative(dir, &file);
        let text = match std::fs::read(&file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    let line = crate::line_at(e.as_bytes(), e.utf8_error().valid_up_to());
                    batch.problems.push(Problem {
                        at: Location::file(&file).at_line(line),
                        reason: "not UTF-8 text".to_owned(),
                    });
                    continue;
                }
            },
            Err(source) => return Err(ReadError::Io { file, source }),
        };
        match parse_file(dir, &file, &rel, &text) {
            Ok(Some(item)) => batch.items.push(item),
            Ok(None) => batch.skipped.push(Problem {
                at: Location::file(&file),
                reason: "a section list (_index.md), not a document".to_owned(),
            }),
            Err(problem) => batch.problems.push(problem),
        }
    }
    Ok(batch)
}

/// The front matter as a JSON value and the body, or the problem with its line.
fn split(file: &Path, text: &str) -> Result<(Value, String), Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let at = |line: usize, reason: String| Problem { at: Location::file(file).at_line(line), reason };
    let (fence, yaml) = if text.starts_with("---") {
        ("---", true)
    } else if text.starts_with("+++") {
        ("+++", false)
    } else {
        return Ok((Value::Object(Default::default()), text.to_owned()));
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    let mut matter = String::new();
    let mut consumed = first.len();
    let mut closed = false;
    for line in lines {
        consumed += line.len();
        let bare = line.trim_end();
        if bare == fence || (yaml && bare == "...") {
            closed = true;
            break;
        }
        matter.push_str(line);
    }
    if !closed {
        return Err(at(1, format!("the front matter opened by {fence} is never closed")));
    }
    let value: Value = if yaml {
        if matter.trim().is_empty() {
            Value::Object(Default::default())
        } else {
            serde_norway::from_str(&matter).map_err(|e| {
                let line = e.location().map_or(1, |l| l.line() + 1);
                at(line, format!("malformed YAML front matter: {e}"))
            })?
        }
    } else {
        let table: toml::Table = matter.parse().map_err(|e: toml::de::Error| {
            let line = e.span().map_or(1, |span| crate::line_at(matter.as_bytes(), span.start) + 1);
            at(line, format!("malformed TOML front matter: {}", e.message()))
        })?;
        serde_json::to_value(table).map_err(|e| at(1, format!("unreadable TOML front matter: {e}")))?
    };
    if !value.is_object() {
        return Err(at(2, "the front matter is not a list of fields".to_owned()));
    }
    Ok((value, text[consumed..].to_owned()))
}

/// A front-matter field as text: strings, numbers, and TOML dates.
fn text_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        // toml writes its dates as this one-field table when serialized.
        Value::Object(map) => map.get("$__toml_private_datetime").and_then(|v| v.as_str()).map(str::to_owned),
        _ => None,
    }
}

/// A field that may be one string or a list of them.
fn list_of(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(|v| text_of(Some(v))).collect(),
        Some(other) => text_of(Some(other)).into_iter().collect(),
        None => Vec::new(),
    }
}

/// A language code as Hugo puts it in file names: two or three letters, maybe a region.
fn is_language_suffix(text: &str) -> bool {
    let (lang, region) = text.split_once('-').unwrap_or((text, ""));
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && region.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn parse_file(root: &Path, file: &Path, rel: &str, text: &str) -> Result<Option<Item>, Problem> {
    let stem_name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if stem_name == "_index" || stem_name.starts_with("_index.") {
        return Ok(None);
    }
    let (matter, body) = split(file, text)?;
    let get = |key: &str| text_of(matter.get(key));
    let at = Location::file(file);
    let refuse = |reason: String| Problem { at: at.clone(), reason };

    // `name.fr.md` → base `name`, language `fr`.
    let (base, suffix_language) = match stem_name.rsplit_once('.') {
        Some((base, lang)) if is_language_suffix(lang) => (base.to_owned(), Some(lang.to_owned())),
        _ => (stem_name.clone(), None),
    };
    let folder = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
    // A Hugo page bundle (`news/slug/index.md`) is named by its folder.
    let (base, folder) = if base == "index" {
        match folder.rsplit_once('/') {
            Some((parent, name)) => (name.to_owned(), parent),
            None if !folder.is_empty() => (folder.to_owned(), ""),
            None => (base, folder),
        }
    } else {
        (base, folder)
    };
    // Jekyll: `_posts/2015-08-21-slug.md`.
    let jekyll_date = base.get(..10).filter(|_| base.as_bytes().get(10) == Some(&b'-')).and_then(parse_date);
    let base_slug = if jekyll_date.is_some() { base[11..].to_owned() } else { base.clone() };

    let is_page = ["type", "layout"].iter().any(|k| get(k).as_deref() == Some("page"));
    let kind = if is_page { ItemKind::Page } else { ItemKind::Release };
    let mut item = Item::new(format!("file:{rel}"), at.clone(), kind);
    item.title = get("title").unwrap_or_default();
    if item.title.trim().is_empty() {
        return Err(refuse("no title in the front matter".to_owned()));
    }
    item.language = get("lang").or_else(|| get("language")).or(suffix_language);
    let group_key = get("translationKey")
        .map(|k| format!("key:{k}"))
        .unwrap_or_else(|| format!("file:{}{}{base}", folder, if folder.is_empty() { "" } else { "/" }));
    item.translation_group = Some(group_key);
    let slug = get("slug").unwrap_or(base_slug);
    item.slug = match kind {
        ItemKind::Release => slug.clone(),
        ItemKind::Page if folder.is_empty() || folder == "content" => slug.clone(),
        ItemKind::Page => format!("{}/{slug}", folder.trim_start_matches("content/")),
    };
    let date = get("date");
    item.published_at = match &date {
        Some(text) => Some(parse_date(text).ok_or_else(|| refuse(format!("unreadable date {text:?}")))?),
        None => jekyll_date,
    };
    let draft = matter.get("draft").and_then(Value::as_bool).unwrap_or(false)
        || matter.get("published").and_then(Value::as_bool) == Some(false);
    item.status = if draft { ItemStatus::Draft } else { ItemStatus::Published };
    item.summary =
        get("summary").or_else(|| get("description")).or_else(|| get("excerpt")).unwrap_or_default();
    item.body_markdown = body.trim().to_owned();
    item.dateline = get("dateline").unwrap_or_default();
    item.countries = list_of(matter.get("countries")).into_iter().map(|c| c.to_ascii_uppercase()).collect();
    let term = |name: String| Term { slug: portico_content::slugify(&name), name };
    item.categories = list_of(matter.get("categories")).into_iter().map(term).collect();
    item.tags = list_of(matter.get("tags")).into_iter().map(term).collect();
    if let Some(author) = get("author") {
        item.author = Some(crate::Author { name: author, ..Default::default() });
    }

    let image = get("image")
        .or_else(|| get("featured_image"))
        .or_else(|| list_of(matter.get("images")).into_iter().next());
    if let Some(image) = image {
        let dir = file.parent().unwrap_or(root);
        let candidates = match image.strip_prefix('/') {
            Some(from_root) => vec![root.join(from_root), root.join("static").join(from_root)],
            None => vec![dir.join(&image)],
        };
        let found = candidates.iter().find(|p| p.is_file()).unwrap_or(&candidates[0]);
        item.image = Some(ImageRef {
            path: found.to_string_lossy().into_owned(),
            alt: get("image_alt").unwrap_or_default(),
            caption: get("image_caption").unwrap_or_default(),
        });
    }

    let mut old = Vec::new();
    for key in ["aliases", "redirect_from"] {
        old.extend(list_of(matter.get(key)));
    }
    old.extend(get("url"));
    old.extend(get("permalink"));
    match jekyll_date {
        Some(day) => {
            old.push(format!("/{}/{:02}/{:02}/{slug}.html", day.year(), u8::from(day.month()), day.day()))
        }
        None => {
            let lang_prefix = if stem_name.contains('.') { item.language.clone() } else { None };
            let mut path = String::new();
            if let Some(lang) = lang_prefix {
                path.push('/');
                path.push_str(&lang);
            }
            if !folder.is_empty() {
                path.push('/');
                path.push_str(folder.trim_start_matches("content/").trim_start_matches("content"));
            }
            path.push('/');
            path.push_str(&slug);
            path.push('/');
            old.push(path.replace("//", "/"));
        }
    }
    for path in old {
        if let Some(path) = crate::path_of(&path)
            && !item.old_paths.contains(&path)
        {
            item.old_paths.push(path);
        }
    }
    Ok(Some(item))
}
