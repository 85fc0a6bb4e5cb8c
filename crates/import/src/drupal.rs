//! Drupal nodes saved as JSON:API responses (`/jsonapi/node/article?include=field_tags,
//! field_image,uid`), one response per file, a page of a collection or a single resource.
//!
//! Read from each `data` resource of type `node--*`: `attributes.drupal_internal__nid`,
//! `langcode`, `default_langcode`, `title`, `body.value` / `body.format` / `body.summary`,
//! `created`, `status` (and `moderation_state`), `path.alias`; from its relationships, the
//! `included` taxonomy terms (`field_tags` as tags, any other term field as categories), the
//! lead image (`field_image`: a `file--file` whose `uri.value` is `public://2015-08/a.jpg`,
//! read under the uploads folder as `2015-08/a.jpg`) and the author (`uid`: a `user--user`).
//! Translations are separate resources with the same `drupal_internal__nid`: they become one
//! document, each version with the source id `drupal:node/{nid}/{langcode}`.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::{
    Author, Batch, ImageRef, Item, ItemKind, ItemStatus, Location, Problem, ReadError, Term, parse_date,
};

/// Reads one JSON:API file, or every `.json` file under a folder.
pub fn read(path: &Path) -> Result<Batch, ReadError> {
    let files = if path.is_dir() { crate::files_in(path, &["json"])? } else { vec![path.to_path_buf()] };
    let mut batch = Batch::default();
    for file in files {
        let bytes = std::fs::read(&file).map_err(|source| ReadError::Io { file: file.clone(), source })?;
        parse(&file, &bytes, &mut batch);
    }
    Ok(batch)
}

/// Reads the bytes of one response named `file` into `batch`.
pub fn parse(file: &Path, bytes: &[u8], batch: &mut Batch) {
    let document: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(e) => {
            batch.problems.push(Problem {
                at: Location::file(file).at_line(e.line().max(1)),
                reason: format!("malformed JSON: {e}"),
            });
            return;
        }
    };
    let resources: Vec<&Value> = match document.get("data") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => {
            let reason = match document.get("errors") {
                Some(errors) => format!(
                    "a JSON:API error response: {}",
                    errors.to_string().chars().take(200).collect::<String>()
                ),
                None => "not a JSON:API document: no \"data\"".to_owned(),
            };
            batch.problems.push(Problem { at: Location::file(file), reason });
            return;
        }
    };
    let mut included: HashMap<(&str, &str), &Value> = HashMap::new();
    for resource in document.get("included").and_then(Value::as_array).into_iter().flatten() {
        if let (Some(kind), Some(id)) = (resource["type"].as_str(), resource["id"].as_str()) {
            included.insert((kind, id), resource);
        }
    }
    for (index, resource) in resources.into_iter().enumerate() {
        let kind = resource["type"].as_str().unwrap_or("");
        let attributes = &resource["attributes"];
        let nid = attributes["drupal_internal__nid"].as_i64();
        let name = match nid {
            Some(nid) => format!("data[{index}] node/{nid}"),
            None => format!("data[{index}] {kind}"),
        };
        let at = Location::file(file).at_line(line_of_item(bytes, resource)).item(name);
        match node(resource, kind, nid, &included, at.clone()) {
            Ok(Some(item)) => batch.items.push(item),
            Ok(None) => batch.skipped.push(Problem { at, reason: format!("a {kind:?}, not a node") }),
            Err(reason) => batch.problems.push(Problem { at, reason }),
        }
    }
}

/// The line where the resource's `id` is written, for messages.
fn line_of_item(bytes: &[u8], resource: &Value) -> usize {
    let Some(id) = resource["id"].as_str().filter(|id| !id.is_empty()) else { return 1 };
    let needle = format!("\"{id}\"");
    let text = String::from_utf8_lossy(bytes);
    text.find(&needle).map_or(1, |offset| crate::line_at(bytes, offset))
}

/// The included resources a relationship points to.
fn related<'a>(
    resource: &'a Value,
    field: &str,
    included: &HashMap<(&str, &str), &'a Value>,
) -> Vec<(&'a Value, &'a Value)> {
    let data = &resource["relationships"][field]["data"];
    let links: Vec<&Value> = match data {
        Value::Array(items) => items.iter().collect(),
        Value::Object(_) => vec![data],
        _ => Vec::new(),
    };
    links
        .into_iter()
        .filter_map(|link| {
            let key = (link["type"].as_str()?, link["id"].as_str()?);
            included.get(&key).map(|found| (link, *found))
        })
        .collect()
}

fn node(
    resource: &Value,
    kind: &str,
    nid: Option<i64>,
    included: &HashMap<(&str, &str), &Value>,
    at: Location,
) -> Result<Option<Item>, String> {
    let Some(bundle) = kind.strip_prefix("node--") else { return Ok(None) };
    let attributes = &resource["attributes"];
    let nid = nid.ok_or("no attributes.drupal_internal__nid")?;
    let language = attributes["langcode"].as_str().ok_or("no attributes.langcode")?.to_owned();
    let item_kind = if matches!(bundle, "page" | "basic_page" | "landing_page") {
        ItemKind::Page
    } else {
        ItemKind::Release
    };
    let mut item = Item::new(format!("drupal:node/{nid}/{language}"), at, item_kind);
    item.translation_group = Some(format!("drupal:node/{nid}"));
    item.title = attributes["title"].as_str().map(crate::strip_tags).unwrap_or_default();
    if item.title.is_empty() {
        return Err("no attributes.title".to_owned());
    }
    let body = &attributes["body"];
    let value = body["value"].as_str().or_else(|| body["processed"].as_str()).unwrap_or("");
    item.body_markdown = value.replace("\r\n", "\n").trim().to_owned();
    item.summary = body["summary"].as_str().map(crate::strip_tags).unwrap_or_default();
    let created = attributes["created"].as_str().unwrap_or("");
    item.published_at = match created {
        "" => None,
        text => Some(parse_date(text).ok_or_else(|| format!("unreadable attributes.created {text:?}"))?),
    };
    let published = match &attributes["status"] {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_i64() == Some(1),
        _ => true,
    };
    item.status = match (attributes["moderation_state"].as_str(), published) {
        (Some("archived"), _) => ItemStatus::Archived,
        (_, true) => ItemStatus::Published,
        (_, false) => ItemStatus::Draft,
    };
    let is_default = attributes["default_langcode"].as_bool().unwrap_or(true);
    let alias = attributes["path"]["alias"].as_str().unwrap_or("").trim();
    if !alias.is_empty() {
        item.slug = match item_kind {
            ItemKind::Release => alias.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_owned(),
            ItemKind::Page => alias.trim_matches('/').to_owned(),
        };
    }
    // Drupal prefixes a translation's addresses with its language.
    let prefix = if is_default { String::new() } else { format!("/{language}") };
    if !alias.is_empty() {
        item.old_paths.push(format!("{prefix}{alias}"));
    }
    item.old_paths.push(format!("{prefix}/node/{nid}"));
    item.language = Some(language);

    for field in
        resource["relationships"].as_object().map(|m| m.keys().collect::<Vec<_>>()).unwrap_or_default()
    {
        for (_, term) in related(resource, field, included) {
            if !term["type"].as_str().is_some_and(|t| t.starts_with("taxonomy_term--")) {
                continue;
            }
            let name = term["attributes"]["name"].as_str().unwrap_or("").trim().to_owned();
            if name.is_empty() {
                continue;
            }
            let term = Term { slug: portico_content::slugify(&name), name };
            if field == "field_tags" { item.tags.push(term) } else { item.categories.push(term) }
        }
    }
    for field in ["field_image", "field_media_image", "field_lead_image"] {
        let data = &resource["relationships"][field]["data"];
        if data.is_null() {
            continue;
        }
        let Some((link, file)) = related(resource, field, included).into_iter().next() else {
            return Err(format!("its {field} is not among the included resources"));
        };
        let uri = file["attributes"]["uri"]["value"].as_str().unwrap_or("");
        let path = uri.split_once("://").map_or(uri, |(_, rest)| rest);
        if path.is_empty() {
            return Err(format!("its {field} file has no uri"));
        }
        item.image = Some(ImageRef {
            path: path.to_owned(),
            alt: link["meta"]["alt"].as_str().unwrap_or("").to_owned(),
            caption: link["meta"]["title"].as_str().unwrap_or("").to_owned(),
        });
        break;
    }
    if let Some((_, user)) = related(resource, "uid", included).into_iter().next() {
        let a = &user["attributes"];
        item.author = Some(Author {
            login: a["name"].as_str().unwrap_or("").to_owned(),
            email: a["mail"].as_str().unwrap_or("").to_owned(),
            name: a["display_name"].as_str().unwrap_or("").to_owned(),
        });
    }
    Ok(Some(item))
}
