//! `portico import`: brings another system's archive into a site — WordPress, Drupal, an
//! RSS/Atom archive, a folder of Markdown, a folder of releases run through the tagger.
//!
//! The readers (`portico_import`) turn files into items; this module groups an item with its
//! translations into one document, checks it against the site (languages, slugs, images,
//! taxonomy), and writes it through [`Store::import_sourced`]: one transaction per document,
//! so a refused or failed document leaves nothing behind (the images stored for it just
//! before are removed again). Every document ends up in the
//! [`Report`] as created, updated, skipped or refused, with its file and line or item.
//! A dry run does every check and reads the store, and writes nothing (no media either).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use portico_content::{Draft, Kind, MediaId, Status, UserId, is_valid_path, is_valid_slug, slugify};
use portico_import::{Batch, Item, ItemKind, ItemStatus, Problem};
use portico_media::{FileKind, Limits, MediaFile, PutError};
use portico_store::{
    Audit, ImportOutcome, NewMedia, Site, SourcedDocument, SourcedVariant, Store, StoreError,
};
use sha2::{Digest, Sha256};

/// What to import.
#[derive(Debug, Clone)]
pub enum Source {
    /// A WordPress export file and the `wp-content/uploads` folder its images are in.
    WordPress { file: PathBuf, uploads: Option<PathBuf> },
    /// A JSON:API response file or a folder of them, and Drupal's public files folder.
    Drupal { path: PathBuf, uploads: Option<PathBuf> },
    /// An RSS or Atom file.
    Feed { file: PathBuf },
    /// A folder of Markdown files with front matter.
    Markdown { dir: PathBuf },
    /// A folder of `.docx` and HTML releases.
    Releases { dir: PathBuf },
}

/// An import to run.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The key of the site that receives the documents.
    pub site: String,
    /// What to read.
    pub source: Source,
    /// Check and report only.
    pub dry_run: bool,
    /// Show a progress bar on standard error (hidden when it is not a terminal).
    pub progress: bool,
}

/// What happened to one document (or one piece of input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new document (in a dry run: would be).
    Created,
    /// An existing document changed.
    Updated,
    /// Left out: unchanged since the last run, or not a document.
    Skipped,
    /// Not imported because of a problem with the input.
    Refused,
}

impl Outcome {
    fn word(self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Updated => "updated",
            Outcome::Skipped => "skipped",
            Outcome::Refused => "refused",
        }
    }
}

/// One line of the report.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What happened.
    pub outcome: Outcome,
    /// File and line or item.
    pub at: String,
    /// Title, or the source id when there is none.
    pub what: String,
    /// Why (refused, skipped), or the new address and any notes (created, updated).
    pub reason: String,
}

/// Everything an import did, in input order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One entry per document or piece of input.
    pub entries: Vec<Entry>,
    /// Whether nothing was written.
    pub dry_run: bool,
}

impl Report {
    /// How many entries have `outcome`.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.entries.iter().filter(|e| e.outcome == outcome).count()
    }

    /// The report for a person: one line per entry, then the counts.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for e in &self.entries {
            let _ = writeln!(out, "{:<8} {}  {}: {}", e.outcome.word(), e.at, e.what, e.reason);
        }
        let _ = writeln!(
            out,
            "{} created, {} updated, {} skipped, {} refused{}",
            self.count(Outcome::Created),
            self.count(Outcome::Updated),
            self.count(Outcome::Skipped),
            self.count(Outcome::Refused),
            if self.dry_run { " (dry run: nothing was written)" } else { "" }
        );
        out
    }

    fn push(
        &mut self,
        outcome: Outcome,
        at: impl ToString,
        what: impl Into<String>,
        reason: impl Into<String>,
    ) {
        self.entries.push(Entry { outcome, at: at.to_string(), what: what.into(), reason: reason.into() });
    }
}

/// Reads the source into a batch; a whole file that cannot be read is an error.
async fn read(store: &Store, source: &Source) -> Result<Batch> {
    Ok(match source {
        Source::WordPress { file, .. } => portico_import::wordpress::read(file)?,
        Source::Drupal { path, .. } => portico_import::drupal::read(path)?,
        Source::Feed { file } => portico_import::feed::read(file)?,
        Source::Markdown { dir } => portico_import::markdown::read_dir(dir)?,
        Source::Releases { dir } => {
            let files = portico_import::releases::read_dir(dir)?;
            let known = portico_web::tagging::Known::read(store).await?;
            let partners: HashMap<i64, String> =
                store.partners().await?.into_iter().map(|p| (p.id.0, p.slug)).collect();
            let contacts: HashMap<i64, String> =
                store.contacts().await?.into_iter().map(|c| (c.id.0, c.key)).collect();
            let mut batch = Batch::default();
            for file in &files {
                match known.tag(file.format, &file.bytes, None) {
                    Ok(proposal) => batch.items.push(portico_import::releases::item(
                        file,
                        &proposal,
                        image_limit(),
                        |id| partners.get(&id).cloned(),
                        |id| contacts.get(&id).cloned(),
                    )),
                    Err(err) => batch.problems.push(Problem {
                        at: portico_import::Location::file(&file.path),
                        reason: format!("cannot be read: {err}"),
                    }),
                }
            }
            batch
        }
    })
}

/// The largest image file an import reads.
fn image_limit() -> u64 {
    u64::try_from(Limits::default().max_bytes).unwrap_or(u64::MAX)
}

/// The folder relative image paths are read from.
fn uploads_of(source: &Source) -> Option<&Path> {
    match source {
        Source::WordPress { uploads, .. } | Source::Drupal { uploads, .. } => uploads.as_deref(),
        _ => None,
    }
}

/// Items grouped into documents: by translation group, in order of first appearance, the
/// site's default language first within each.
fn documents(items: Vec<Item>, default_language: &str) -> Vec<Vec<Item>> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<Item>> = HashMap::new();
    for item in items {
        let key = item.translation_group.clone().unwrap_or_else(|| item.source.clone());
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(item);
    }
    order
        .into_iter()
        .filter_map(|key| groups.remove(&key))
        .map(|mut group| {
            group
                .sort_by_key(|item| item.language.as_deref().unwrap_or(default_language) != default_language);
            group
        })
        .collect()
}

/// A valid slug (release) or path (page) for the item: its own when valid, else made from it
/// or from the title.
fn slug_for(item: &Item, kind: Kind) -> String {
    let own = item.slug.trim().trim_matches('/').to_lowercase();
    match kind {
        Kind::Release | Kind::Vacancy | Kind::Publication if is_valid_slug(&own) => own,
        Kind::Release | Kind::Vacancy | Kind::Publication => {
            Some(slugify(&own)).filter(|s| is_valid_slug(s)).unwrap_or_else(|| slugify(&item.title))
        }
        Kind::Page if is_valid_path(&own) => own,
        Kind::Page => {
            let made = own.split('/').map(slugify).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("/");
            if is_valid_path(&made) { made } else { slugify(&item.title) }
        }
    }
}

/// The new address of a variant within its site.
fn new_path(kind: Kind, language: &str, slug: &str) -> String {
    format!("/{language}/{}", kind.path_of(slug))
}

/// A variant ready to write, and what the report says of it.
struct Prepared {
    item: Item,
    language: String,
    draft: Draft,
    status: Status,
    /// The image file to read, and its id as a source.
    image: Option<(PathBuf, String)>,
    /// The body's pictures that have bytes (indexes into `item.body_images`), each with its id
    /// as a source: the item's, the picture's, and a digest of its bytes, so that a changed
    /// picture is stored anew and an unchanged one is found again.
    body_images: Vec<(usize, String)>,
    notes: Vec<String>,
}

/// What the site knows that an import matches against.
struct Known {
    /// Theme slug by lowercase slug and name.
    themes: HashMap<String, String>,
    /// User by lowercase email.
    users: HashMap<String, UserId>,
}

impl Known {
    async fn read(store: &Store) -> Result<Known> {
        let mut themes = HashMap::new();
        for theme in store.themes().await? {
            themes.insert(theme.name.to_lowercase(), theme.slug.clone());
            for name in &theme.names {
                themes.insert(name.name.to_lowercase(), theme.slug.clone());
            }
            themes.insert(theme.slug.to_lowercase(), theme.slug);
        }
        let users = store.users().await?.into_iter().map(|u| (u.email.to_lowercase(), u.id)).collect();
        Ok(Known { themes, users })
    }
}

/// Checks one item against the site; the reason it is refused otherwise.
fn prepare(
    item: Item,
    site: &Site,
    kind: Kind,
    uploads: Option<&Path>,
    known: &Known,
) -> Result<Prepared, String> {
    let language = item.language.clone().unwrap_or_else(|| site.default_language().to_owned()).to_lowercase();
    if !site.has_language(&language) {
        return Err(format!(
            "unknown language {language:?}: the site {} has {}",
            site.key,
            site.languages.join(", ")
        ));
    }
    let mut notes = Vec::new();
    let mut themes: Vec<String> = item.themes.clone();
    for term in item.categories.iter().chain(&item.tags) {
        let found = known
            .themes
            .get(&term.slug.to_lowercase())
            .or_else(|| known.themes.get(&term.name.to_lowercase()));
        match found {
            Some(slug) if !themes.contains(slug) => themes.push(slug.clone()),
            Some(_) => {}
            None => notes.push(format!("{:?} is no theme here", term.name)),
        }
    }
    let image = match &item.image {
        None => None,
        Some(image) => {
            let path = Path::new(&image.path);
            let file = if path.is_absolute() {
                path.to_path_buf()
            } else {
                match uploads {
                    Some(dir) => dir.join(path),
                    None => return Err(format!("its image {} needs --uploads DIR to be found", image.path)),
                }
            };
            if !file.is_file() {
                return Err(format!("missing image: {}", file.display()));
            }
            Some((file, image.path.clone()))
        }
    };
    let mut body_markdown = item.body_markdown.clone();
    let mut body_images = Vec::new();
    for (index, image) in item.body_images.iter().enumerate() {
        match &image.bytes {
            Ok(bytes) => {
                let digest: String =
                    Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect();
                body_images.push((index, format!("{}#{}@{digest}", item.source, image.proposal.src)));
            }
            Err(why) => {
                notes.push(format!("picture {} left out: {why}", image.proposal.src));
                body_markdown = image.proposal.left_out_of(&body_markdown);
            }
        }
    }
    let status = match item.status {
        ItemStatus::Published => Status::Published,
        ItemStatus::Draft => Status::Draft,
        ItemStatus::Archived => Status::Archived,
    };
    let draft = Draft {
        title: item.title.trim().to_owned(),
        slug: slug_for(&item, kind),
        dateline: item.dateline.clone(),
        published_at: item.published_at,
        summary: item.summary.clone(),
        body_markdown,
        countries: item.countries.clone(),
        themes,
        partners: item.partners.clone(),
        programme: String::new(),
        contacts: item.contacts.clone(),
        image: None,
        goals: vec![],
        vacancy: None,
        publication: None,
        file: None,
    };
    let is_country = |code: &str| portico_geo::country(code).is_some_and(|c| c.iso2 == code);
    let errors = draft.validate(kind, is_country);
    if let Some(first) = errors.first() {
        return Err(format!("{}: {}", first.field, first.message));
    }
    if status == Status::Published && draft.published_at.is_none() {
        notes.push("no date at the source: dated now".to_owned());
    }
    Ok(Prepared { item, language, draft, status, image, body_images, notes })
}

/// A digest of what is imported for a variant (its image by its source file, not the media
/// id a run gives it), so that an unchanged item is recognized on the next run.
fn fingerprint(kind: Kind, prepared: &Prepared, redirects: &[(String, String)]) -> Result<String> {
    let mut hasher = Sha256::new();
    hasher.update(kind.as_str());
    hasher.update([0]);
    hasher.update(&prepared.language);
    hasher.update([0]);
    hasher.update(prepared.status.as_str());
    hasher.update([0]);
    hasher.update(serde_json::to_vec(&prepared.draft)?);
    hasher.update([0]);
    if let Some((_, source)) = &prepared.image {
        hasher.update(source);
    }
    for (_, source) in &prepared.body_images {
        hasher.update([0]);
        hasher.update(source);
    }
    for (old, new) in redirects {
        hasher.update([0]);
        hasher.update(old);
        hasher.update([1]);
        hasher.update(new);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// An image for a document being imported: one an earlier run stored, or one stored now for
/// this document alone (removed again if the document is not written).
enum ImageFor {
    Earlier(MediaId),
    Fresh(MediaId),
}

/// Why an image was not stored.
enum ImageError {
    /// The file is no image we take (format, size, dimensions) or cannot be read.
    Refused(String),
    /// The media storage or the database failed.
    Failed(String),
}

/// What an imported image says of itself.
struct ImageWords<'a> {
    alt: &'a str,
    caption: &'a str,
    credit: &'a str,
}

/// Stores the image `read` gives (or finds the one an earlier run stored as `source`) for the
/// site.
async fn image_of(
    store: &Store,
    media: &portico_media::MediaStorage,
    site: &Site,
    source: &str,
    file_name: String,
    read: impl FnOnce() -> Result<Vec<u8>, String>,
    words: ImageWords<'_>,
) -> Result<ImageFor, ImageError> {
    if let Ok(Some(id)) = store.imported_media(site.id, source).await
        && let Ok(Some(_)) = store.media(id).await
    {
        return Ok(ImageFor::Earlier(id));
    }
    let bytes = read().map_err(ImageError::Refused)?;
    let image = tokio::task::spawn_blocking(move || {
        portico_media::process_image(&bytes, &Limits::default(), &portico_media::DEFAULT_WIDTHS)
    })
    .await
    .map_err(|e| ImageError::Failed(format!("image task: {e}")))?
    .map_err(|e| ImageError::Refused(format!("image {file_name} refused: {e}")))?;
    let kind: FileKind = image.info.kind;
    let renditions: Vec<MediaFile> = image
        .renditions
        .into_iter()
        .map(|r| MediaFile { name: format!("{}.{}", r.width, r.kind.extension()), bytes: r.bytes })
        .collect();
    let new = NewMedia {
        site: site.id,
        kind: "image".into(),
        file_name: file_name.chars().take(200).collect(),
        mime: kind.mime().to_owned(),
        width: i32::try_from(image.info.width).unwrap_or(0),
        height: i32::try_from(image.info.height).unwrap_or(0),
        bytes: i64::try_from(image.original.len()).unwrap_or(i64::MAX),
        alt: words.alt.to_owned(),
        caption: words.caption.to_owned(),
        credit: words.credit.to_owned(),
        renditions: renditions.iter().map(|f| f.name.clone()).collect(),
        created_by: None,
        pdf: None,
    };
    let original = MediaFile { name: format!("original.{}", kind.extension()), bytes: image.original };
    let files = std::iter::once(original).chain(renditions).collect();
    let audit = Audit::system("import", "media.upload").with_detail(source.to_owned());
    let stored = media
        .put(files, async |placement| {
            store.create_media_placing(&new, &audit, async |id| placement.place(id.0).await).await
        })
        .await;
    let id = match stored {
        Ok(id) => id,
        Err(PutError::Storage(err)) => {
            return Err(ImageError::Failed(format!("cannot store image {file_name}: {err}")));
        }
        Err(PutError::Record(err)) => {
            return Err(ImageError::Failed(format!("cannot record image {file_name}: {err}")));
        }
    };
    if let Err(err) = store.record_imported_media(site.id, source, id).await {
        discard_media(store, media, &[id]).await.map_err(|e| ImageError::Failed(format!("{e:#}")))?;
        return Err(ImageError::Failed(err.to_string()));
    }
    Ok(ImageFor::Fresh(id))
}

/// Removes images stored for a document that was then refused or failed, rows first: a file
/// left without its row is never served, a row left without its files would be.
async fn discard_media(store: &Store, media: &portico_media::MediaStorage, ids: &[MediaId]) -> Result<()> {
    let audit =
        Audit::system("import", "media.delete").with_detail("its document was not imported".to_owned());
    for id in ids {
        store.delete_media(*id, &audit).await.with_context(|| format!("cannot remove image {id}"))?;
        media.delete(id.0).await.with_context(|| format!("cannot remove the files of image {id}"))?;
    }
    Ok(())
}

/// Runs an import and reports on every document. Fails only when the source cannot be read
/// at all, the site does not exist, or the database fails.
pub async fn run(
    store: &Store,
    media: &portico_media::MediaStorage,
    options: &ImportOptions,
) -> Result<Report> {
    let site =
        store.site_by_key(&options.site).await?.with_context(|| format!("no site {:?}", options.site))?;
    let batch = read(store, &options.source).await?;
    let known = Known::read(store).await?;
    let uploads = uploads_of(&options.source);
    if let Some(dir) = uploads
        && !dir.is_dir()
    {
        bail!("{}: the uploads folder does not exist", dir.display());
    }
    let mut report = Report { dry_run: options.dry_run, ..Report::default() };
    for problem in &batch.problems {
        report.push(Outcome::Refused, &problem.at, "", &problem.reason);
    }
    for skipped in &batch.skipped {
        report.push(Outcome::Skipped, &skipped.at, "", &skipped.reason);
    }
    let groups = documents(batch.items, site.default_language());
    let bar = if options.progress {
        indicatif::ProgressBar::with_draw_target(
            Some(groups.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        )
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // (kind, language, slug) → where it was first claimed in this run.
    let mut claimed: HashMap<(Kind, String, String), String> = HashMap::new();
    let audit = Audit::system("import", "document.import");
    for group in groups {
        bar.inc(1);
        import_one(
            store,
            media,
            &site,
            group,
            uploads,
            &known,
            &mut claimed,
            &audit,
            options.dry_run,
            &mut report,
        )
        .await?;
    }
    bar.finish_and_clear();
    Ok(report)
}

#[expect(clippy::too_many_arguments, reason = "one document's step of `run`, sharing its state")]
async fn import_one(
    store: &Store,
    media: &portico_media::MediaStorage,
    site: &Site,
    group: Vec<Item>,
    uploads: Option<&Path>,
    known: &Known,
    claimed: &mut HashMap<(Kind, String, String), String>,
    audit: &Audit,
    dry_run: bool,
    report: &mut Report,
) -> Result<()> {
    let Some(first) = group.first() else { return Ok(()) };
    let kind = match first.kind {
        ItemKind::Release => Kind::Release,
        ItemKind::Page => Kind::Page,
    };
    let at = first.at.to_string();
    let what = first.title.clone();
    // Every variant is checked before anything is written: one bad one refuses the document.
    let mut prepared: Vec<Prepared> = Vec::new();
    for item in group {
        let place = item.at.to_string();
        match prepare(item, site, kind, uploads, known) {
            Ok(p) => {
                if prepared.iter().any(|other| other.language == p.language) {
                    report.push(
                        Outcome::Refused,
                        place,
                        &p.item.title,
                        format!("a second version in {:?}", p.language),
                    );
                    return Ok(());
                }
                prepared.push(p);
            }
            Err(reason) => {
                let reason = if place == at { reason } else { format!("{reason} (in {place})") };
                report.push(Outcome::Refused, &at, &what, reason);
                return Ok(());
            }
        }
    }
    let group_key = at.clone();
    for p in &prepared {
        let key = (kind, p.language.clone(), p.draft.slug.clone());
        if let Some(other) = claimed.get(&key)
            && *other != group_key
        {
            report.push(
                Outcome::Refused,
                p.item.at.to_string(),
                &p.item.title,
                format!("duplicate slug {:?} in {:?}: {other} has it too", p.draft.slug, p.language),
            );
            return Ok(());
        }
    }
    for p in &prepared {
        claimed.insert((kind, p.language.clone(), p.draft.slug.clone()), group_key.clone());
    }
    let mut redirects: Vec<(String, String)> = Vec::new();
    let mut per_variant: Vec<Vec<(String, String)>> = Vec::new();
    for p in &prepared {
        let target = new_path(kind, &p.language, &p.draft.slug);
        let mine: Vec<(String, String)> = p
            .item
            .old_paths
            .iter()
            .filter_map(|old| portico_store::redirect_path(old))
            .filter(|old| *old != target)
            .map(|old| (old, target.clone()))
            .collect();
        redirects.extend(mine.iter().cloned());
        per_variant.push(mine);
    }
    let fingerprints: Vec<String> =
        prepared.iter().zip(&per_variant).map(|(p, r)| fingerprint(kind, p, r)).collect::<Result<_>>()?;
    let sources: Vec<String> = prepared.iter().map(|p| p.item.source.clone()).collect();
    let state = match store.imported_state(site.id, &sources).await {
        Ok(state) => state,
        Err(StoreError::Conflict { .. }) => {
            report.push(
                Outcome::Refused,
                &at,
                &what,
                "its versions were imported into different documents before",
            );
            return Ok(());
        }
        Err(err) => return Err(err.into()),
    };
    let addresses =
        prepared.iter().map(|p| new_path(kind, &p.language, &p.draft.slug)).collect::<Vec<_>>().join(", ");
    let notes: Vec<String> = prepared.iter().flat_map(|p| p.notes.iter().cloned()).collect();
    let said =
        if notes.is_empty() { addresses.clone() } else { format!("{addresses}; {}", notes.join("; ")) };

    if dry_run {
        for p in &prepared {
            if let Some(owner) = store.slug_owner(site.id, kind, &p.language, &p.draft.slug).await?
                && Some(owner) != state.document
            {
                report.push(
                    Outcome::Refused,
                    p.item.at.to_string(),
                    &p.item.title,
                    format!("duplicate slug {:?}: another document has it", p.draft.slug),
                );
                return Ok(());
            }
        }
        let unchanged = state.document.is_some()
            && prepared.iter().zip(&fingerprints).all(|(p, f)| {
                state.fingerprints.get(&p.item.source) == Some(f) && state.languages.contains(&p.language)
            });
        match (state.document, unchanged) {
            (None, _) => report.push(Outcome::Created, &at, &what, said),
            (Some(_), true) => report.push(Outcome::Skipped, &at, &what, "unchanged since the last import"),
            (Some(_), false) => report.push(Outcome::Updated, &at, &what, said),
        }
        return Ok(());
    }

    let mut variants = Vec::with_capacity(prepared.len());
    // Pictures that turned out unusable once read: the document comes without them.
    let mut written_notes: Vec<String> = Vec::new();
    // Images stored for this document: all removed again unless the document is written.
    let mut fresh: Vec<MediaId> = Vec::new();
    for (p, fingerprint) in prepared.iter().zip(fingerprints) {
        let mut draft = p.draft.clone();
        if let Some((file, source)) = &p.image {
            let image = p.item.image.as_ref();
            let words = ImageWords {
                alt: image.map_or("", |i| i.alt.as_str()),
                caption: image.map_or("", |i| i.caption.as_str()),
                credit: "",
            };
            let file_name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let read =
                || std::fs::read(file).map_err(|e| format!("cannot read image {}: {e}", file.display()));
            match image_of(store, media, site, source, file_name, read, words).await {
                Ok(ImageFor::Earlier(id)) => draft.image = Some(id),
                Ok(ImageFor::Fresh(id)) => {
                    fresh.push(id);
                    draft.image = Some(id);
                }
                Err(ImageError::Refused(reason) | ImageError::Failed(reason)) => {
                    discard_media(store, media, &fresh).await?;
                    report.push(Outcome::Refused, p.item.at.to_string(), &p.item.title, reason);
                    return Ok(());
                }
            }
        }
        for (index, source) in &p.body_images {
            let image = &p.item.body_images[*index];
            let Ok(bytes) = &image.bytes else { continue };
            let words = ImageWords {
                alt: &image.proposal.alt,
                caption: &image.proposal.caption,
                credit: &image.proposal.credit,
            };
            let stored =
                image_of(store, media, site, source, image.file_name.clone(), || Ok(bytes.clone()), words);
            let id = match stored.await {
                Ok(ImageFor::Earlier(id)) => id,
                Ok(ImageFor::Fresh(id)) => {
                    fresh.push(id);
                    id
                }
                Err(ImageError::Refused(why)) => {
                    draft.body_markdown = image.proposal.left_out_of(&draft.body_markdown);
                    written_notes.push(format!("picture {} left out: {why}", image.proposal.src));
                    continue;
                }
                Err(ImageError::Failed(reason)) => {
                    discard_media(store, media, &fresh).await?;
                    report.push(Outcome::Refused, p.item.at.to_string(), &p.item.title, reason);
                    return Ok(());
                }
            };
            let Some(stored) = store.media(id).await? else {
                bail!("{}: image {id} was stored and is gone", p.item.at);
            };
            let address = portico_web::http::body_image_path(&stored);
            draft.body_markdown = image.proposal.moved_in(&draft.body_markdown, &address);
        }
        let author = p.item.author.as_ref().and_then(|a| known.users.get(&a.email.to_lowercase()).copied());
        variants.push(SourcedVariant {
            source: p.item.source.clone(),
            language: p.language.clone(),
            draft,
            status: p.status,
            fingerprint,
            author,
        });
    }
    let document = SourcedDocument { site: site.id, kind, variants, redirects };
    let written = store.import_sourced(&document, audit).await;
    // An unchanged document keeps the images it has; any stored now would be nobody's.
    if matches!(written, Err(_) | Ok(ImportOutcome::Unchanged(_))) {
        discard_media(store, media, &fresh).await?;
    }
    let said = if written_notes.is_empty() { said } else { format!("{said}; {}", written_notes.join("; ")) };
    match written {
        Ok(ImportOutcome::Created(_)) => report.push(Outcome::Created, &at, &what, said),
        Ok(ImportOutcome::Updated(_)) => report.push(Outcome::Updated, &at, &what, said),
        Ok(ImportOutcome::Unchanged(_)) => {
            report.push(Outcome::Skipped, &at, &what, "unchanged since the last import")
        }
        Err(StoreError::Conflict { field: "slug" }) => {
            let slugs = prepared.iter().map(|p| p.draft.slug.as_str()).collect::<Vec<_>>().join(", ");
            report.push(
                Outcome::Refused,
                &at,
                &what,
                format!("duplicate slug: another document has {slugs}"),
            );
        }
        Err(StoreError::UnknownReference { what: kind, value }) => {
            report.push(Outcome::Refused, &at, &what, format!("unknown {kind} {value:?}"));
        }
        Err(err) => return Err(anyhow::Error::new(err).context(format!("{at}: cannot import"))),
    }
    Ok(())
}
