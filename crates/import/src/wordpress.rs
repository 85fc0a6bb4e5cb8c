//! WordPress export files (WXR 1.1/1.2: RSS 2.0 with the `wp:`, `content:`, `excerpt:` and
//! `dc:` namespaces): posts become releases and pages pages, with their categories, tags,
//! author, dates, status, lead image (`_thumbnail_id` → the attachment's `_wp_attached_file`,
//! a path under the uploads folder) and translation links.
//!
//! Translations, where a plugin recorded them:
//! - Polylang: each post carries `<category domain="language" nicename="fr">` and
//!   `<category domain="post_translations" nicename="pll_…">`; the `post_translations` term's
//!   description is the serialized map `a:2:{s:2:"en";i:12;s:2:"fr";i:14;}`, read too.
//! - WPML (its *Export and Import* add-on): post meta `_wpml_import_language_code`,
//!   `_wpml_import_source_language_code` and `_wpml_import_translation_group`.
//!
//! The file is read whole before anything is returned: a malformed file fails with the line
//! where the XML breaks, and gives no items.

use std::collections::HashMap;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc2822;

use crate::{
    Author, Batch, ImageRef, Item, ItemKind, ItemStatus, Location, Problem, ReadError, Term, line_at, path_of,
};

/// A child element of a record: its name, attributes and text.
#[derive(Debug, Default)]
struct Field {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

/// An `item`, `wp:author`, `wp:term`, `wp:category` or `wp:tag` with every element under it.
#[derive(Debug)]
struct Record {
    name: String,
    line: usize,
    fields: Vec<Field>,
}

impl Record {
    fn get(&self, name: &str) -> &str {
        self.fields.iter().find(|f| f.name == name).map_or("", |f| f.text.trim())
    }

    fn attr<'a>(field: &'a Field, name: &str) -> &'a str {
        field.attrs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    /// `wp:postmeta` pairs, in order.
    fn meta(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        let mut key: Option<&str> = None;
        for field in &self.fields {
            match field.name.as_str() {
                "wp:meta_key" => key = Some(field.text.trim()),
                "wp:meta_value" => {
                    if let Some(k) = key.take() {
                        out.push((k, field.text.trim()));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// `(domain, nicename, name)` of each `category` element.
    fn categories(&self) -> Vec<(&str, &str, &str)> {
        self.fields
            .iter()
            .filter(|f| f.name == "category")
            .map(|f| (Record::attr(f, "domain"), Record::attr(f, "nicename"), f.text.trim()))
            .collect()
    }
}

const RECORDS: [&str; 5] = ["item", "wp:author", "wp:term", "wp:category", "wp:tag"];

/// Reads the XML into records; fails at the first malformed spot, with its line.
fn records(file: &Path, bytes: &[u8]) -> Result<Vec<Record>, ReadError> {
    let malformed = |offset: u64, reason: String| ReadError::Malformed {
        at: Location::file(file).at_line(line_at(bytes, usize::try_from(offset).unwrap_or(usize::MAX))),
        reason,
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|e| malformed(e.valid_up_to() as u64, "not UTF-8 text".to_owned()))?;
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Field> = Vec::new();
    let mut open: Option<Record> = None;
    let mut out = Vec::new();
    let mut root_seen = false;
    let mut is_wxr = false;
    loop {
        let start = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| malformed(reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                if !root_seen {
                    root_seen = true;
                    if name != "rss" {
                        return Err(malformed(
                            start,
                            format!("not a WordPress export: the root element is <{name}>, not <rss>"),
                        ));
                    }
                }
                let attrs = attributes(&e).map_err(|reason| malformed(start, reason))?;
                if open.is_none() && RECORDS.contains(&name.as_str()) {
                    open = Some(Record {
                        name: name.clone(),
                        line: line_at(bytes, start as usize),
                        fields: Vec::new(),
                    });
                }
                stack.push(Field { name, attrs, text: String::new() });
            }
            Event::Empty(e) => {
                let name = e.name().as_ref().to_owned();
                let attrs = attributes(&e).map_err(|reason| malformed(start, reason))?;
                if let Some(record) = open.as_mut() {
                    record.fields.push(Field { name, attrs, text: String::new() });
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| malformed(start, format!("unknown entity &{};", &*r)))?
                        .to_owned(),
                    Err(e) => return Err(malformed(start, format!("bad character reference: {e}"))),
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::End(_) => {
                let Some(field) = stack.pop() else { continue };
                if field.name == "wp:wxr_version" {
                    is_wxr = true;
                }
                let closes_record = open.as_ref().is_some_and(|r| r.name == field.name)
                    && stack.iter().all(|f| !RECORDS.contains(&f.name.as_str()) || f.name == "channel");
                if closes_record {
                    if let Some(record) = open.take() {
                        out.push(record);
                    }
                } else if let Some(record) = open.as_mut() {
                    record.fields.push(field);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(malformed(
            text.len() as u64,
            format!("the file ends inside <{}>", stack.last().map_or("", |f| f.name.as_str())),
        ));
    }
    if !is_wxr {
        return Err(ReadError::Malformed {
            at: Location::file(file),
            reason: "not a WordPress export: no <wp:wxr_version>".to_owned(),
        });
    }
    Ok(out)
}

fn attributes(e: &quick_xml::events::BytesStart<'_>) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|e| format!("malformed attribute: {e}"))?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| format!("malformed attribute: {e}"))?;
        out.push((attr.key.as_ref().to_owned(), value.into_owned()));
    }
    Ok(out)
}

/// The post ids listed in a Polylang `post_translations` term description
/// (`a:2:{s:2:"en";i:12;s:2:"fr";i:14;}`).
fn polylang_ids(description: &str) -> Vec<String> {
    description
        .split(';')
        .filter_map(|part| part.trim_start_matches(['{', '}']).strip_prefix("i:"))
        .map(str::to_owned)
        .collect()
}

/// `%d8%a7…` in a post name read back as UTF-8.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = text.get(i + 1..i + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `2015-08-21 10:00:00` as UTC; WordPress writes `0000-00-00 00:00:00` for "none".
fn wp_date(text: &str) -> Option<OffsetDateTime> {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::PrimitiveDateTime::parse(text.trim(), &format).ok().map(|d| d.assume_utc())
}

/// The body as Markdown: the block editor's `<!-- wp:… -->` markers dropped, the rest kept as
/// inline HTML (WordPress stores paragraphs as blank-line-separated text, as Markdown does).
fn body_of(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(at) = rest.find("<!--") {
        out.push_str(&rest[..at]);
        match rest[at..].find("-->") {
            Some(end) => {
                let comment = &rest[at + 4..at + end];
                let trimmed = comment.trim_start();
                if !(trimmed.starts_with("wp:") || trimmed.starts_with("/wp:")) {
                    out.push_str(&rest[at..at + end + 3]);
                }
                rest = &rest[at + end + 3..];
            }
            None => {
                rest = &rest[at..];
                break;
            }
        }
    }
    out.push_str(rest);
    out.replace("\r\n", "\n").lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_owned()
}

/// Reads a WXR file.
pub fn read(file: &Path) -> Result<Batch, ReadError> {
    let bytes = std::fs::read(file).map_err(|source| ReadError::Io { file: file.to_path_buf(), source })?;
    parse(file, &bytes)
}

/// Reads the bytes of a WXR file named `file`.
pub fn parse(file: &Path, bytes: &[u8]) -> Result<Batch, ReadError> {
    let records = records(file, bytes)?;
    let mut authors: HashMap<String, Author> = HashMap::new();
    // post id → Polylang translation group, from the terms' descriptions.
    let mut groups: HashMap<String, String> = HashMap::new();
    // attachment post id → (file under uploads, alt, caption)
    let mut attachments: HashMap<String, ImageRef> = HashMap::new();
    // page post id → (post name, parent id), for page paths.
    let mut pages: HashMap<String, (String, String)> = HashMap::new();
    for record in &records {
        match record.name.as_str() {
            "wp:author" => {
                let login = record.get("wp:author_login").to_owned();
                authors.insert(
                    login.clone(),
                    Author {
                        login,
                        email: record.get("wp:author_email").to_owned(),
                        name: record.get("wp:author_display_name").to_owned(),
                    },
                );
            }
            "wp:term" if record.get("wp:term_taxonomy") == "post_translations" => {
                let group = record.get("wp:term_slug").to_owned();
                for id in polylang_ids(record.get("wp:term_description")) {
                    groups.insert(id, group.clone());
                }
            }
            "item" if record.get("wp:post_type") == "attachment" => {
                let meta = record.meta();
                let attached =
                    meta.iter().find(|(k, _)| *k == "_wp_attached_file").map(|(_, v)| v.to_string());
                let from_url = || {
                    let url = record.get("wp:attachment_url");
                    url.find("/uploads/").map(|at| url[at + "/uploads/".len()..].to_owned())
                };
                if let Some(path) = attached.or_else(from_url) {
                    let alt =
                        meta.iter().find(|(k, _)| *k == "_wp_attachment_image_alt").map_or("", |(_, v)| v);
                    attachments.insert(
                        record.get("wp:post_id").to_owned(),
                        ImageRef {
                            path,
                            alt: alt.to_owned(),
                            caption: crate::strip_tags(record.get("excerpt:encoded")),
                        },
                    );
                }
            }
            "item" if record.get("wp:post_type") == "page" => {
                pages.insert(
                    record.get("wp:post_id").to_owned(),
                    (percent_decode(record.get("wp:post_name")), record.get("wp:post_parent").to_owned()),
                );
            }
            _ => {}
        }
    }
    let mut batch = Batch::default();
    // Each item's id queries, in step with `batch.items`.
    let mut id_queries_of: Vec<Vec<String>> = Vec::new();
    for record in records.iter().filter(|r| r.name == "item") {
        let id = record.get("wp:post_id");
        let at = Location::file(file).at_line(record.line).item(format!("post {id}"));
        let post_type = record.get("wp:post_type");
        let kind = match post_type {
            "post" => ItemKind::Release,
            "page" => ItemKind::Page,
            "attachment" => continue,
            other => {
                batch.skipped.push(Problem { at, reason: format!("a {other:?}, neither a post nor a page") });
                continue;
            }
        };
        let status = match record.get("wp:status") {
            "publish" | "future" => ItemStatus::Published,
            "draft" | "pending" | "private" => ItemStatus::Draft,
            "trash" => {
                batch.skipped.push(Problem { at, reason: "in the trash".to_owned() });
                continue;
            }
            "auto-draft" | "inherit" => {
                batch.skipped.push(Problem { at, reason: "an automatic draft or revision".to_owned() });
                continue;
            }
            other => {
                batch.problems.push(Problem { at, reason: format!("unknown status {other:?}") });
                continue;
            }
        };
        let guid = record.get("guid");
        let source =
            if guid.is_empty() { format!("wordpress:post/{id}") } else { format!("wordpress:{guid}") };
        let mut item = Item::new(source, at.clone(), kind);
        item.status = status;
        item.title = crate::strip_tags(record.get("title"));
        item.body_markdown = body_of(record.get("content:encoded"));
        item.summary = crate::strip_tags(record.get("excerpt:encoded"));
        item.published_at = wp_date(record.get("wp:post_date_gmt")).or_else(|| {
            OffsetDateTime::parse(record.get("pubDate"), &Rfc2822)
                .ok()
                .filter(|_| status != ItemStatus::Draft)
        });
        item.slug = match kind {
            ItemKind::Release => percent_decode(record.get("wp:post_name")),
            ItemKind::Page => page_path(id, &pages),
        };
        let meta = record.meta();
        let meta_value = |key: &str| meta.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string());
        for (domain, nicename, name) in record.categories() {
            let term = Term { slug: nicename.to_owned(), name: name.to_owned() };
            match domain {
                "category" if nicename != "uncategorized" => item.categories.push(term),
                "post_tag" => item.tags.push(term),
                "language" => item.language = Some(nicename.to_owned()),
                "post_translations" => item.translation_group = Some(format!("polylang:{nicename}")),
                _ => {}
            }
        }
        if item.translation_group.is_none() {
            item.translation_group = groups.get(id).map(|g| format!("polylang:{g}"));
        }
        if let Some(language) = meta_value("_wpml_import_language_code") {
            item.language = Some(language);
        }
        if let Some(group) = meta_value("_wpml_import_translation_group") {
            item.translation_group = Some(format!("wpml:{group}"));
        }
        let creator = record.get("dc:creator");
        if !creator.is_empty() {
            item.author = Some(
                authors
                    .get(creator)
                    .cloned()
                    .unwrap_or(Author { login: creator.to_owned(), ..Author::default() }),
            );
        }
        if let Some(thumbnail) = meta_value("_thumbnail_id") {
            match attachments.get(&thumbnail) {
                Some(image) => item.image = Some(image.clone()),
                None => {
                    batch.problems.push(Problem {
                        at,
                        reason: format!("its featured image (attachment {thumbnail}) is not in the export"),
                    });
                    continue;
                }
            }
        }
        for url in [record.get("link"), guid] {
            if let Some(path) = path_of(url)
                && !item.old_paths.contains(&path)
            {
                item.old_paths.push(path);
            }
        }
        let queries = id_queries(id, kind);
        item.old_paths.extend(queries.iter().map(|query| format!("/?{query}")));
        batch.items.push(item);
        id_queries_of.push(queries);
    }
    add_language_queries(&mut batch.items, &id_queries_of);
    Ok(batch)
}

/// The queries WordPress answers for a post whatever its permalinks (`p=123`; a page also
/// `page_id=45`): its "plain" addresses, which guids, old links and shares keep.
fn id_queries(id: &str, kind: ItemKind) -> Vec<String> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    match kind {
        ItemKind::Release => vec![format!("p={id}")],
        ItemKind::Page => vec![format!("page_id={id}"), format!("p={id}")],
    }
}

/// With Polylang, `/?p=123&lang=fr` asks for post 123 in French: each version of a group
/// answers for every version's id with its own language (`items` and `queries` in step).
fn add_language_queries(items: &mut [Item], queries: &[Vec<String>]) {
    let mut extra: Vec<Vec<String>> = vec![Vec::new(); items.len()];
    for (index, item) in items.iter().enumerate() {
        let (Some(group), Some(language)) = (&item.translation_group, &item.language) else { continue };
        for (sibling, sibling_queries) in items.iter().zip(queries) {
            if sibling.translation_group.as_ref() == Some(group) {
                extra[index].extend(sibling_queries.iter().map(|query| format!("/?{query}&lang={language}")));
            }
        }
    }
    for (item, extra) in items.iter_mut().zip(extra) {
        item.old_paths.extend(extra);
    }
}

/// A page's path from its ancestors' post names (`who-we-are/partnerships`).
fn page_path(id: &str, pages: &HashMap<String, (String, String)>) -> String {
    let mut parts = Vec::new();
    let mut current = id.to_owned();
    // A parent loop in a hand-edited export must not hang the import.
    for _ in 0..16 {
        let Some((name, parent)) = pages.get(&current) else { break };
        parts.push(name.clone());
        if parent.is_empty() || parent == "0" {
            break;
        }
        current = parent.clone();
    }
    parts.reverse();
    parts.join("/")
}
