//! Folders of press releases as `.docx` or HTML files, each read by the tagger: its title,
//! clean body and the pictures it shows, dateline and date, countries, and the partners,
//! contacts and themes it matched to what the organization already knows. Unknown organizations and contacts are not
//! created: an import only links what exists (the back office proposes the rest).
//!
//! Reading the folder is this module's; the tagging needs the store's registry, so the caller
//! tags each [`ReleaseFile`] and hands the proposal back to [`item`].

use std::path::{Path, PathBuf};

use portico_tagger::{Format, Proposal};

use crate::{BodyImage, Item, ItemKind, Location, ReadError, parse_date};

/// Themes proposed with at least this score are linked.
const THEME_SCORE: f32 = 0.3;

/// One release file, read.
#[derive(Debug, Clone)]
pub struct ReleaseFile {
    /// The file.
    pub path: PathBuf,
    /// Its path under the folder, `/`-separated: its source id.
    pub relative: String,
    /// The folder the import reads: pictures an HTML file names are read from under it only.
    pub folder: PathBuf,
    /// `.docx` or HTML.
    pub format: Format,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Every `.docx`, `.html` and `.htm` file under `dir`.
pub fn read_dir(dir: &Path) -> Result<Vec<ReleaseFile>, ReadError> {
    let mut out = Vec::new();
    for path in crate::files_in(dir, &["docx", "html", "htm"])? {
        let bytes = std::fs::read(&path).map_err(|source| ReadError::Io { file: path.clone(), source })?;
        let format = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
            Format::Docx
        } else {
            Format::Html
        };
        out.push(ReleaseFile {
            relative: crate::relative(dir, &path),
            path,
            folder: dir.to_path_buf(),
            format,
            bytes,
        });
    }
    Ok(out)
}

/// The release `file` as the tagger read it; `partner_slug` and `contact_key` name the known
/// partners and contacts by the ids the tagger matched. Pictures come with it, up to
/// `image_limit` bytes each: a `.docx`'s own, and those an HTML file names by a path under
/// the folder; pictures on the web stay where they are.
pub fn item(
    file: &ReleaseFile,
    proposal: &Proposal,
    image_limit: u64,
    partner_slug: impl Fn(i64) -> Option<String>,
    contact_key: impl Fn(i64) -> Option<String>,
) -> Item {
    let mut item =
        Item::new(format!("file:{}", file.relative), Location::file(&file.path), ItemKind::Release);
    let stem = file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    item.title = proposal.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| stem.clone());
    item.slug = stem.clone();
    item.language = Some(proposal.language.clone()).filter(|l| !l.is_empty());
    item.body_markdown = proposal.body_markdown.clone();
    item.body_images = proposal
        .images
        .iter()
        .filter_map(|image| {
            let bytes = match file.format {
                Format::Docx => portico_tagger::docx_file(&file.bytes, &image.src, image_limit + 1)
                    .ok_or_else(|| "the picture is not in the file".to_owned()),
                _ if image.is_relative() => read_beside(file, &image.src, image_limit),
                _ => return None,
            };
            let bytes = bytes.and_then(|b| {
                if b.len() as u64 > image_limit {
                    Err(format!("larger than {} MB", image_limit >> 20))
                } else {
                    Ok(b)
                }
            });
            let name = image.src.rsplit('/').next().unwrap_or(&image.src);
            let file_name = match file.format {
                Format::Docx => format!("{stem}-{name}"),
                _ => crate::wordpress::percent_decode(name),
            };
            Some(BodyImage { proposal: image.clone(), file_name, bytes })
        })
        .collect();
    if let Some(dateline) = &proposal.dateline {
        item.dateline = dateline.city.clone();
        item.published_at = dateline.date.as_deref().and_then(parse_date);
    }
    item.countries = proposal
        .countries
        .iter()
        .filter(|c| !c.via_demonym_only)
        .map(|c| c.iso2.to_ascii_uppercase())
        .collect();
    if let Some(country) = proposal.dateline.as_ref().and_then(|d| d.country.clone())
        && !item.countries.contains(&country)
    {
        item.countries.insert(0, country);
    }
    item.partners =
        proposal.organizations.iter().filter_map(|o| o.known_partner_id).filter_map(&partner_slug).collect();
    item.contacts =
        proposal.contacts.iter().filter_map(|c| c.known_contact_id).filter_map(&contact_key).collect();
    item.themes = proposal.themes.iter().filter(|t| t.score >= THEME_SCORE).map(|t| t.slug.clone()).collect();
    item
}

/// The picture an HTML release names by the relative path `src`, read from beside it.
fn read_beside(file: &ReleaseFile, src: &str, limit: u64) -> Result<Vec<u8>, String> {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let wanted = file.path.parent().unwrap_or(&file.folder).join(crate::wordpress::percent_decode(path));
    let inside = match (wanted.canonicalize(), file.folder.canonicalize()) {
        (Ok(found), Ok(folder)) if found.starts_with(&folder) => found,
        (Ok(_), _) => return Err(format!("{src} is outside the folder being imported")),
        (Err(_), _) => return Err(format!("{src} is not there")),
    };
    let read = || -> std::io::Result<Vec<u8>> {
        use std::io::Read;
        let mut bytes = Vec::new();
        std::fs::File::open(&inside)?.take(limit + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    };
    read().map_err(|e| format!("cannot read {src}: {e}"))
}
