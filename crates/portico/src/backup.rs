//! `portico backup FILE` and `portico restore FILE`: the database and the media of a data
//! folder in one gzip-compressed tar archive, taken while the server runs.
//!
//! The archive holds, in this order: `portico-backup.json` (the [`Manifest`]: format version,
//! database kind, schema version, every table's row count, every media item's files), then
//! every table's rows as JSON Lines in chunks (`database/{table}/{n}.jsonl`, parents first), then
//! `media/{id}/{file}` for every media row of the backup. Rows come from one consistent read
//! ([`portico_store::backup`]); the media files listed are those the backed-up rows name, read
//! after it through the media storage (a media item's files never change once written).
//! Settings live in the database (sites, users, menus); the search index is derived and rebuilt
//! at the first start.
//!
//! A restore goes into an empty data folder and an empty database of the same kind, in one
//! transaction, writes the media files through the media storage, and checks the counts of the
//! manifest and the archive's checksum before it commits; on failure it removes what it wrote.
//! It never mixes with existing data.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use portico_media::MediaStorage;
use portico_store::Store;
use portico_store::backup::BackupError;
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

/// What the first entry of an archive says it is.
const FORMAT: &str = "portico-backup";
/// The version of the archive layout this Portico writes and reads.
pub const VERSION: u32 = 1;
/// The manifest's name in the archive.
const MANIFEST: &str = "portico-backup.json";
/// Rows per JSON Lines chunk: bounds the memory a table of a million releases takes.
const CHUNK_ROWS: usize = 5_000;
/// Rows inserted per statement on restore.
const INSERT_ROWS: usize = 500;

/// The first entry of an archive.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `portico-backup`.
    pub format: String,
    /// The archive layout's version, [`VERSION`].
    pub version: u32,
    /// `sqlite` or `postgres`: a backup restores into the same kind.
    pub database: String,
    /// The newest migration of the backed-up database.
    pub schema: i64,
    /// When the backup was taken (RFC 3339).
    pub created_at: String,
    /// Every table, parents first, with its rows.
    pub tables: Vec<TableCount>,
    /// Every media item, with its files.
    pub media: Vec<MediaFiles>,
}

/// A table and how many rows the backup holds of it.
#[derive(Debug, Serialize, Deserialize)]
pub struct TableCount {
    /// Its name.
    pub name: String,
    /// Its rows.
    pub rows: u64,
}

/// The files of a media item under `media/{id}/`.
#[derive(Debug, Serialize, Deserialize)]
pub struct MediaFiles {
    /// The media id.
    pub id: i64,
    /// Its file names: the original and every rendition.
    pub files: Vec<String>,
}

/// What a backup or a restore handled, for the closing line.
#[derive(Debug, Default)]
pub struct Summary {
    /// Rows of every table.
    pub rows: u64,
    /// Media files.
    pub files: u64,
}

fn progress_bar(what: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!("{{bar:40}} {{pos}}/{{len}} {what} ({{eta}} left)"))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// What the async side hands the archive writer.
enum Piece {
    Bytes {
        path: String,
        bytes: Vec<u8>,
    },
    /// A media file, read from the storage by the writer itself: one file in memory at a time.
    File {
        path: String,
        id: i64,
        name: String,
    },
    /// Everything was sent: the archive may take its name.
    Done,
}

/// Writes pieces into a gzip-compressed tar at `partial`, then, once told it is complete,
/// renames it to `file`: a backup that fails half-way never leaves an archive that looks whole.
/// Runs on a blocking thread; media files are read from `media` through `runtime`.
fn write_archive(
    file: &Path,
    partial: &Path,
    mut pieces: mpsc::Receiver<Piece>,
    media: &MediaStorage,
    runtime: &tokio::runtime::Handle,
) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    // Readable by its owner only: it holds password and token hashes.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let out = options.open(partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let mut tar = tar::Builder::new(flate2::write::GzEncoder::new(out, flate2::Compression::default()));
    let mtime = u64::try_from(portico_store::now().unix_timestamp()).unwrap_or(0);
    let mut complete = false;
    while let Some(piece) = pieces.blocking_recv() {
        let (path, bytes) = match piece {
            Piece::Done => {
                complete = true;
                break;
            }
            Piece::Bytes { path, bytes } => (path, bytes),
            Piece::File { path, id, name } => {
                let bytes = runtime
                    .block_on(media.read(id, &name))
                    .with_context(|| format!("cannot read media item {id}'s {name}"))?;
                (path, bytes)
            }
        };
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(mtime);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, &path, bytes.as_slice())
            .with_context(|| format!("cannot write {}", partial.display()))?;
    }
    if !complete {
        // The backup failed; its caller says why and removes the partial file.
        return Ok(());
    }
    let gzip = tar.into_inner().with_context(|| format!("cannot write {}", partial.display()))?;
    let out = gzip.finish().with_context(|| format!("cannot write {}", partial.display()))?;
    out.sync_all().with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(partial, file)
        .with_context(|| format!("cannot rename {} to {}", partial.display(), file.display()))
}

/// The files of media item `id` in the storage, checked against what its row names: the
/// original and every rendition.
async fn media_files(media: &MediaStorage, id: i64, renditions: &[String]) -> Result<Vec<String>> {
    let files = media.list(id).await.with_context(|| format!("cannot list media item {id}'s files"))?;
    if files.is_empty() {
        bail!("media item {id} has no files in the media storage");
    }
    if !files.iter().any(|name| name.starts_with("original.")) {
        bail!("media item {id} has no original in the media storage");
    }
    if let Some(missing) = renditions.iter().find(|name| !files.contains(name)) {
        bail!("media item {id} names {missing}, which is not in the media storage");
    }
    Ok(files)
}

/// The database `url` (SQLite in the data folder when `None`), which must exist: a backup of
/// nothing is a mistake, not an empty archive.
pub async fn open_existing(data: &Path, url: Option<&str>) -> Result<Store> {
    let url = match url {
        Some(url) => url.to_owned(),
        None => {
            let path = data.join("portico.db");
            if !path.is_file() {
                bail!("there is no database in the data folder {}", data.display());
            }
            format!("sqlite:{}", path.display())
        }
    };
    let shown = crate::server::redact(&url);
    Store::connect(&url).await.with_context(|| format!("cannot open the database {shown}"))
}

/// `portico backup FILE`: see the module docs.
pub async fn backup(store: &Store, media: &MediaStorage, file: &Path) -> Result<Summary> {
    let partial = PathBuf::from(format!("{}.partial", file.display()));
    let (send, receive) = mpsc::channel::<Piece>(16);
    let writer = tokio::task::spawn_blocking({
        let (file, partial, media) = (file.to_owned(), partial.clone(), media.clone());
        let runtime = tokio::runtime::Handle::current();
        move || write_archive(&file, &partial, receive, &media, &runtime)
    });
    let result = fill(store, media, send).await;
    // The writer ends when the sender is dropped (inside `fill`). When both failed, the
    // writer's error comes first: it explains why `fill` could not send.
    let written = writer.await.context("archive writer task")?;
    match (written, result) {
        (Ok(()), Ok(summary)) => Ok(summary),
        (Err(err), _) | (Ok(()), Err(err)) => {
            let _ = std::fs::remove_file(&partial);
            Err(err)
        }
    }
}

async fn fill(store: &Store, media_storage: &MediaStorage, send: mpsc::Sender<Piece>) -> Result<Summary> {
    let closed = || anyhow!("the archive writer stopped");
    let mut snapshot = store.snapshot().await.context("cannot start a consistent read of the database")?;
    let mut tables = Vec::new();
    for name in snapshot.tables() {
        let rows = snapshot.count(&name).await?;
        tables.push(TableCount { name, rows });
    }
    let mut media = Vec::new();
    for (id, renditions) in snapshot.media().await? {
        media.push(MediaFiles { id, files: media_files(media_storage, id, &renditions).await? });
    }
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        version: VERSION,
        database: store.backend().to_owned(),
        schema: store.schema_version().await?,
        created_at: portico_store::now()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        tables,
        media,
    };
    let total_rows: u64 = manifest.tables.iter().map(|t| t.rows).sum();
    let total_files: u64 = manifest.media.iter().map(|m| m.files.len() as u64).sum();
    let bar = progress_bar("rows and media files");
    bar.set_length(total_rows + total_files);
    let bytes = serde_json::to_vec_pretty(&manifest).context("manifest")?;
    send.send(Piece::Bytes { path: MANIFEST.to_owned(), bytes }).await.map_err(|_| closed())?;

    let mut summary = Summary::default();
    for table in &manifest.tables {
        let mut chunk = Vec::new();
        let mut part = 0;
        let mut lines = 0;
        let mut failed = false;
        snapshot
            .each_row(&table.name, async |line| {
                chunk.extend_from_slice(line.as_bytes());
                chunk.push(b'\n');
                lines += 1;
                if lines == CHUNK_ROWS {
                    let path = format!("database/{}/{part:06}.jsonl", table.name);
                    let bytes = std::mem::take(&mut chunk);
                    failed = send.send(Piece::Bytes { path, bytes }).await.is_err();
                    part += 1;
                    bar.inc(lines as u64);
                    lines = 0;
                }
                !failed
            })
            .await?;
        if failed {
            return Err(closed());
        }
        if lines > 0 {
            let path = format!("database/{}/{part:06}.jsonl", table.name);
            send.send(Piece::Bytes { path, bytes: chunk }).await.map_err(|_| closed())?;
            bar.inc(lines as u64);
        }
        summary.rows += table.rows;
    }
    snapshot.finish().await?;
    for item in &manifest.media {
        for name in &item.files {
            let path = format!("media/{}/{name}", item.id);
            let piece = Piece::File { path, id: item.id, name: name.clone() };
            send.send(piece).await.map_err(|_| closed())?;
            bar.inc(1);
            summary.files += 1;
        }
    }
    send.send(Piece::Done).await.map_err(|_| closed())?;
    bar.finish_and_clear();
    Ok(summary)
}

/// Reads the manifest, the archive's first entry; errors name `file` and say what is wrong.
fn read_manifest(file: &Path) -> Result<Manifest> {
    let input = std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(input));
    let not_a_backup = || anyhow!("{} is not a Portico backup", file.display());
    let mut entries = archive.entries().map_err(|_| not_a_backup())?;
    let mut first = entries.next().ok_or_else(not_a_backup)?.map_err(|_| not_a_backup())?;
    if first.path().ok().as_deref() != Some(Path::new(MANIFEST)) {
        return Err(not_a_backup());
    }
    let mut text = Vec::new();
    first
        .read_to_end(&mut text)
        .map_err(|err| anyhow!("{} is truncated or damaged: {err}", file.display()))?;
    // Format and version first: another version's manifest may not parse as ours.
    #[derive(Deserialize)]
    struct Kind {
        format: String,
        version: u32,
    }
    let kind: Kind = serde_json::from_slice(&text).map_err(|_| not_a_backup())?;
    if kind.format != FORMAT {
        return Err(not_a_backup());
    }
    if kind.version != VERSION {
        bail!(
            "{} is a backup of format version {}; this Portico reads version {VERSION}",
            file.display(),
            kind.version
        );
    }
    serde_json::from_slice(&text).map_err(|err| anyhow!("{} has a damaged manifest: {err}", file.display()))
}

/// What the archive reader hands the async side.
enum Item {
    Rows { table: String, lines: Vec<String> },
    MediaFile,
}

/// Streams the archive after its manifest: rows to the async side in batches, media files
/// into `media` (through `runtime`, this being a blocking thread); then reads to the end so
/// that gzip checks its checksum.
fn read_archive(
    file: &Path,
    media: &MediaStorage,
    runtime: &tokio::runtime::Handle,
    send: mpsc::Sender<Item>,
) -> Result<()> {
    let damaged = |err: std::io::Error| anyhow!("{} is truncated or damaged: {err}", file.display());
    let input = std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(input));
    for entry in archive.entries().map_err(damaged)?.skip(1) {
        let mut entry = entry.map_err(damaged)?;
        let path = entry.path().map_err(damaged)?.to_string_lossy().into_owned();
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["database", table, _] => {
                let mut text = String::new();
                entry.read_to_string(&mut text).map_err(damaged)?;
                let lines: Vec<String> = text.lines().map(str::to_owned).collect();
                for batch in lines.chunks(INSERT_ROWS) {
                    let item = Item::Rows { table: (*table).to_owned(), lines: batch.to_vec() };
                    send.blocking_send(item).map_err(|_| anyhow!("restore stopped"))?;
                }
            }
            ["media", id, name]
                if !id.is_empty()
                    && id.bytes().all(|b| b.is_ascii_digit())
                    && !name.is_empty()
                    && !name.starts_with('.')
                    && !name.contains('\\') =>
            {
                let id: i64 =
                    id.parse().with_context(|| format!("{} names media item {id}", file.display()))?;
                let mut bytes = Vec::new();
                entry.read_to_end(&mut bytes).map_err(damaged)?;
                runtime
                    .block_on(media.write_file(id, name, &bytes))
                    .with_context(|| format!("cannot restore media item {id}'s {name}"))?;
                send.blocking_send(Item::MediaFile).map_err(|_| anyhow!("restore stopped"))?;
            }
            _ => bail!("{} holds an entry a Portico backup does not: {path}", file.display()),
        }
    }
    let mut rest = archive.into_inner();
    std::io::copy(&mut rest, &mut std::io::sink()).map_err(damaged)?;
    Ok(())
}

/// Whether a folder is missing or has nothing in it.
fn is_empty_folder(path: &Path) -> Result<bool> {
    match std::fs::read_dir(path) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(err) => Err(err).with_context(|| format!("cannot read the data folder {}", path.display())),
    }
}

/// `portico restore FILE`: checks the archive and the data folder, then restores into the
/// database `url` (SQLite in the data folder when `None`) and the media storage `media`; see
/// the module docs.
pub async fn restore(file: &Path, data: &Path, url: Option<&str>, media: &MediaStorage) -> Result<Summary> {
    let manifest = read_manifest(file)?;
    if !is_empty_folder(data)? {
        bail!("the data folder {} is not empty; restore goes into an empty one", data.display());
    }
    // A storage apart from the data folder (an object store) must not hold them either: a
    // failed restore removes what the archive names, which must not be anyone else's.
    for item in &manifest.media {
        if !media.list(item.id).await?.is_empty() {
            bail!(
                "the media storage already holds files of media item {}; restore goes into an empty one",
                item.id
            );
        }
    }
    std::fs::create_dir_all(data)
        .with_context(|| format!("cannot create the data folder {}", data.display()))?;
    let result = restore_into(file, data, url, &manifest, media).await;
    if result.is_err() {
        // The media the archive holds were ours to write: the storage had none of them.
        for item in &manifest.media {
            let _ = media.delete(item.id).await;
        }
        // Everything in it is ours: the folder was empty.
        if let Ok(entries) = std::fs::read_dir(data) {
            for entry in entries.flatten() {
                let path = entry.path();
                let _ =
                    if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
            }
        }
    }
    result
}

async fn restore_into(
    file: &Path,
    data: &Path,
    url: Option<&str>,
    manifest: &Manifest,
    media: &MediaStorage,
) -> Result<Summary> {
    let url = url.map_or_else(|| format!("sqlite:{}", data.join("portico.db").display()), str::to_owned);
    let shown = crate::server::redact(&url);
    let store = Store::connect(&url).await.with_context(|| format!("cannot open the database {shown}"))?;
    let result = restore_rows(file, media, &store, &shown, manifest).await;
    store.close().await;
    result
}

async fn restore_rows(
    file: &Path,
    media: &MediaStorage,
    store: &Store,
    shown: &str,
    manifest: &Manifest,
) -> Result<Summary> {
    if manifest.database != store.backend() {
        bail!(
            "{} is a backup of a {} database; it restores only into one of the same kind, not {shown}",
            file.display(),
            manifest.database
        );
    }
    store.migrate().await.with_context(|| format!("cannot migrate the database {shown}"))?;
    let schema = store.schema_version().await?;
    if schema != manifest.schema {
        bail!(
            "{} holds schema version {}; this Portico's is {schema}: restore it with the Portico that wrote it",
            file.display(),
            manifest.schema
        );
    }
    let mut restore = match store.restore().await {
        Err(BackupError::NotEmpty { table }) => {
            bail!(
                "the database {shown} is not empty (table {table} has rows); restore goes into an empty one"
            )
        }
        other => other?,
    };
    let total_rows: u64 = manifest.tables.iter().map(|t| t.rows).sum();
    let total_files: u64 = manifest.media.iter().map(|m| m.files.len() as u64).sum();
    let bar = progress_bar("rows and media files");
    bar.set_length(total_rows + total_files);

    let (send, mut receive) = mpsc::channel::<Item>(8);
    let reader = tokio::task::spawn_blocking({
        let (file, media) = (file.to_owned(), media.clone());
        let runtime = tokio::runtime::Handle::current();
        move || read_archive(&file, &media, &runtime, send)
    });
    let mut rows: std::collections::BTreeMap<String, u64> = Default::default();
    let mut files = 0;
    let mut failed = None;
    while let Some(item) = receive.recv().await {
        match item {
            Item::Rows { table, lines } => {
                let count = lines.len() as u64;
                if let Err(err) = restore.insert(&table, &lines).await {
                    failed =
                        Some(anyhow::Error::new(err).context(format!("cannot restore {}", file.display())));
                    break;
                }
                *rows.entry(table).or_default() += count;
                bar.inc(count);
            }
            Item::MediaFile => {
                files += 1;
                bar.inc(1);
            }
        }
    }
    drop(receive);
    let read = reader.await.context("archive reader task")?;
    bar.finish_and_clear();
    if let Some(err) = failed {
        return Err(err);
    }
    read?;
    for table in &manifest.tables {
        let restored = rows.get(&table.name).copied().unwrap_or(0);
        if restored != table.rows {
            bail!(
                "{} is truncated or damaged: table {} has {restored} of its {} rows",
                file.display(),
                table.name,
                table.rows
            );
        }
    }
    if files != total_files {
        bail!("{} is truncated or damaged: {files} of its {total_files} media files", file.display());
    }
    restore.finish().await.with_context(|| format!("cannot restore into {shown}"))?;
    Ok(Summary { rows: total_rows, files })
}
