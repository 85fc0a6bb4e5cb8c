//! Uploaded images and files: their rows. The files live in the media storage
//! (`portico_media::MediaStorage`), named by the row's id, and are put in place while the row's
//! transaction is open ([`Store::create_media_placing`]).
//!
//! An item's URLs carry a random token ([`Media::path`]) so that sequential ids reveal nothing,
//! and [`Store::media_is_public`] says whether anyone may see it yet.

use portico_content::{MediaId, SiteId, UserId};
use serde::Serialize;
use time::OffsetDateTime;

use crate::audit::record_audit;
use crate::{Result, Store, StoreError, now, on_pool};

/// An image or file as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Media {
    /// Its id.
    pub id: MediaId,
    /// The site it belongs to.
    pub site: SiteId,
    /// `image` or `file`.
    pub kind: String,
    /// The name it was uploaded under, for display.
    pub file_name: String,
    /// MIME type, from its content.
    pub mime: String,
    /// Pixel width (0 for files).
    pub width: i32,
    /// Pixel height (0 for files).
    pub height: i32,
    /// Size of the original in bytes.
    pub bytes: i64,
    /// Alternative text; required before a release using the image is published.
    pub alt: String,
    /// Caption.
    pub caption: String,
    /// Credit ("© IOM 2015 / Name").
    pub credit: String,
    /// File names of the renditions, besides the original ("640.webp").
    pub renditions: Vec<String>,
    /// When it was uploaded.
    pub created_at: OffsetDateTime,
    /// The random part of its URLs; see [`Media::path`].
    #[serde(skip)]
    pub token: String,
    /// An editor made it public before anything published used it.
    pub marked_public: bool,
    /// A PDF's page count (0 for images and for files stored before pages were counted).
    pub page_count: i32,
}

impl Media {
    /// The address of one of its files (`original.pdf`, `640.webp`): `/media/{id}-{token}/{file}`.
    pub fn path(&self, file: &str) -> String {
        format!("/media/{}-{}/{file}", self.id, self.token)
    }
}

/// Media to record.
#[derive(Debug, Clone)]
pub struct NewMedia {
    /// Owning site.
    pub site: SiteId,
    /// `image` or `file`.
    pub kind: String,
    /// Uploaded name.
    pub file_name: String,
    /// MIME type.
    pub mime: String,
    /// Pixel width.
    pub width: i32,
    /// Pixel height.
    pub height: i32,
    /// Size in bytes.
    pub bytes: i64,
    /// Alt text.
    pub alt: String,
    /// Caption.
    pub caption: String,
    /// Credit.
    pub credit: String,
    /// Rendition file names.
    pub renditions: Vec<String>,
    /// Uploader.
    pub created_by: Option<UserId>,
    /// What a PDF was read for, stored with the row; `None` for images.
    pub pdf: Option<PdfFacts>,
}

/// What an uploaded PDF was read for: its pages, and its text for search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfFacts {
    /// How many pages it has.
    pub pages: i32,
    /// Its text, already bounded by the upload's checks.
    pub text: String,
}

#[derive(sqlx::FromRow)]
struct MediaRow {
    id: i64,
    site_id: i64,
    kind: String,
    file_name: String,
    mime: String,
    width: i32,
    height: i32,
    bytes: i64,
    alt: String,
    caption: String,
    credit: String,
    renditions: String,
    created_at: OffsetDateTime,
    token: String,
    marked_public: i32,
    page_count: i32,
}

impl From<MediaRow> for Media {
    fn from(row: MediaRow) -> Self {
        Media {
            id: MediaId(row.id),
            site: SiteId(row.site_id),
            kind: row.kind,
            file_name: row.file_name,
            mime: row.mime,
            width: row.width,
            height: row.height,
            bytes: row.bytes,
            alt: row.alt,
            caption: row.caption,
            credit: row.credit,
            renditions: row.renditions.split(',').filter(|r| !r.is_empty()).map(str::to_owned).collect(),
            created_at: row.created_at,
            token: row.token,
            marked_public: row.marked_public != 0,
            page_count: row.page_count,
        }
    }
}

/// The most images one page of an image search looks through.
pub const IMAGE_SEARCH_WINDOW: i64 = 2_000;

/// What a picker offers: a site's images, or its files (the PDFs that publications link to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// Images, with their renditions.
    Images,
    /// Files: PDFs.
    Files,
}

impl Picked {
    /// The `media.kind` it reads: a constant, safe to write into a query.
    fn kind(self) -> &'static str {
        match self {
            Picked::Images => "image",
            Picked::Files => "file",
        }
    }
}

/// The ids of the items one page of a search looks through: `$1` site, `$2` before, `$3`
/// window, through `media_by_site_kind`.
fn window_sql(picked: Picked) -> String {
    format!(
        "select id from media where site_id = $1 and kind = '{}' and id < $2 order by id desc limit $3",
        picked.kind()
    )
}

/// A page of a site's images (or files): `$1` site, `$2` before, `$3` how many.
pub(crate) fn image_page_sql(picked: Picked) -> String {
    format!(
        "{MEDIA_COLUMNS} where site_id = $1 and kind = '{}' and id < $2 order by id desc limit $3",
        picked.kind()
    )
}

/// A page of a site's images whose words hold `$4`, `$5` at most, among the window that
/// [`window_sql`] reads: the `$3` newest images of site `$1` before `$2`. The window is a derived table with its own limit, which no
/// planner merges into the outer query: PostgreSQL, offered `id in (window)`, filtered every
/// upload by the words first.
pub(crate) fn image_search_sql(picked: Picked) -> String {
    format!(
        "select * from ({MEDIA_COLUMNS} where site_id = $1 and kind = '{}' and id < $2
             order by id desc limit $3) w
         where lower(alt) like lower($4) escape '\\' or lower(caption) like lower($4) escape '\\'
            or lower(credit) like lower($4) escape '\\' or lower(file_name) like lower($4) escape '\\'
         order by id desc limit $5",
        picked.kind()
    )
}

/// How many images the window of a search held, and the oldest of them.
pub(crate) fn image_window_sql(picked: Picked) -> String {
    format!("select count(*), coalesce(min(id), 0) from ({}) w", window_sql(picked))
}

/// One page of images: see [`Store::image_page`].
#[derive(Debug, Clone)]
pub struct ImagePage {
    /// The images, newest first.
    pub items: Vec<Media>,
    /// The `before` of the next page; `None` when there is none.
    pub next: Option<MediaId>,
}

const MEDIA_COLUMNS: &str =
    "select id, site_id, kind, file_name, mime, width, height, bytes, alt, caption, credit,
     renditions, created_at, token, marked_public, page_count from media";

const INSERT_MEDIA: &str = "insert into media (site_id, kind, file_name, mime, width, height, bytes, alt,
         caption, credit, renditions, created_by, created_at, token, page_count)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id";

/// A fresh token for a media item's URLs: 16 random bytes, in hex.
fn new_token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|err| StoreError::Corrupt(format!("no random source: {err}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl Store {
    /// Records an upload whose files are put in place by `place`, all or nothing: the row is
    /// inserted, `place` is handed its id while the transaction is still open, and the row
    /// commits only if `place` succeeded. A failure of `place` comes back as
    /// [`StoreError::Aborted`] with nothing written.
    ///
    /// The id is not knowable before the insert on every database, and the files are named by
    /// it; committing after they are placed means a reader never finds a row without its files.
    pub async fn create_media_placing<E>(
        &self,
        media: &NewMedia,
        audit: &crate::Audit,
        place: impl AsyncFnOnce(MediaId) -> std::result::Result<(), E>,
    ) -> Result<MediaId>
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        let token = new_token()?;
        let created_at = now();
        let id: i64 = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let id: i64 = sqlx::query_scalar(INSERT_MEDIA)
                .bind(media.site.0)
                .bind(&media.kind)
                .bind(&media.file_name)
                .bind(&media.mime)
                .bind(media.width)
                .bind(media.height)
                .bind(media.bytes)
                .bind(&media.alt)
                .bind(&media.caption)
                .bind(&media.credit)
                .bind(media.renditions.join(","))
                .bind(media.created_by.map(|u| u.0))
                .bind(created_at)
                .bind(&token)
                .bind(media.pdf.as_ref().map_or(0, |pdf| pdf.pages))
                .fetch_one(&mut *tx)
                .await?;
            if let Some(pdf) = media.pdf.as_ref().filter(|pdf| !pdf.text.is_empty()) {
                sqlx::query("insert into media_texts (media_id, text) values ($1, $2)")
                    .bind(id)
                    .bind(&pdf.text)
                    .execute(&mut *tx)
                    .await?;
            }
            record_audit!(tx, created_at, audit, media.site.0, "media", id);
            // Dropping the transaction on this error rolls the row and its audit entry back.
            place(MediaId(id)).await.map_err(|err| StoreError::Aborted(Box::new(err)))?;
            tx.commit().await?;
            Ok::<i64, StoreError>(id)
        }
        .await)?;
        Ok(MediaId(id))
    }

    /// Records a media row alone, for files already where the storage keeps them (tests, and
    /// copies from elsewhere); uploads go through [`Store::create_media_placing`].
    pub async fn create_media(&self, media: &NewMedia, audit: &crate::Audit) -> Result<MediaId> {
        self.create_media_placing(media, audit, async |_| Ok::<(), std::convert::Infallible>(())).await
    }

    /// Removes a media row (its files are the caller's to remove), with its audit entry.
    pub async fn delete_media(&self, id: MediaId, audit: &crate::Audit) -> Result<()> {
        on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let site: Option<i64> = sqlx::query_scalar("delete from media where id = $1 returning site_id")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(site) = site {
                record_audit!(tx, now(), audit, site, "media", id.0);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }

    /// One media item.
    pub async fn media(&self, id: MediaId) -> Result<Option<Media>> {
        let sql = format!("{MEDIA_COLUMNS} where id = $1");
        let row: Option<MediaRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await)?;
        Ok(row.map(Media::from))
    }

    /// The media of the given sites (all when `None`), newest first.
    pub async fn media_list(&self, sites: Option<&[SiteId]>, limit: i64) -> Result<Vec<Media>> {
        let site_filter = match sites {
            None => String::new(),
            Some([]) => " where 1 = 0".to_owned(),
            Some(ids) => format!(
                " where site_id in ({})",
                ids.iter().map(|s| s.0.to_string()).collect::<Vec<_>>().join(", ")
            ),
        };
        let sql = format!("{MEDIA_COLUMNS}{site_filter} order by id desc limit $1");
        let rows: Vec<MediaRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).bind(limit).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(Media::from).collect())
    }

    /// One page of a site's images for the lead-image picker, newest first, from before
    /// `before` (from the newest when `None`): up to `limit` of them, and where the next page
    /// starts when there may be more.
    ///
    /// With `words`, only images whose alt text, caption, credit or file name hold them, looked
    /// for among at most [`IMAGE_SEARCH_WINDOW`] images per page: a page costs the same in an
    /// archive of any size, and a search that finds nothing there says where to look on.
    pub async fn image_page(
        &self,
        site: SiteId,
        words: &str,
        before: Option<MediaId>,
        limit: i64,
    ) -> Result<ImagePage> {
        self.media_page(site, Picked::Images, words, before, limit).await
    }

    /// As [`Store::image_page`], of the site's images or of its files (the PDF picker's).
    pub async fn media_page(
        &self,
        site: SiteId,
        picked: Picked,
        words: &str,
        before: Option<MediaId>,
        limit: i64,
    ) -> Result<ImagePage> {
        let before = before.map_or(i64::MAX, |id| id.0);
        let limit = limit.max(1);
        let one_more = limit + 1;
        let mut rows: Vec<MediaRow> = if words.trim().is_empty() {
            let sql = image_page_sql(picked);
            on_pool!(self, |pool| {
                sqlx::query_as(&sql).bind(site.0).bind(before).bind(one_more).fetch_all(pool).await
            })?
        } else {
            let sql = image_search_sql(picked);
            let pattern = crate::pickers::like_pattern(words);
            on_pool!(self, |pool| {
                sqlx::query_as(&sql)
                    .bind(site.0)
                    .bind(before)
                    .bind(IMAGE_SEARCH_WINDOW)
                    .bind(&pattern)
                    .bind(one_more)
                    .fetch_all(pool)
                    .await
            })?
        };
        let next = if rows.len() as i64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(|row| MediaId(row.id))
        } else if words.trim().is_empty() {
            None
        } else {
            // Fewer matches than asked: more may lie beyond the window this page looked in.
            let sql = image_window_sql(picked);
            let (seen, oldest): (i64, i64) = on_pool!(self, |pool| {
                sqlx::query_as(&sql).bind(site.0).bind(before).bind(IMAGE_SEARCH_WINDOW).fetch_one(pool).await
            })?;
            (seen == IMAGE_SEARCH_WINDOW).then_some(MediaId(oldest))
        };
        Ok(ImagePage { items: rows.into_iter().map(Media::from).collect(), next })
    }

    /// Changes the words around an image, with its audit entry.
    pub async fn update_media_text(
        &self,
        id: MediaId,
        alt: &str,
        caption: &str,
        credit: &str,
        audit: &crate::Audit,
    ) -> Result<()> {
        let done = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let site: Option<i64> = sqlx::query_scalar(
                "update media set alt = $1, caption = $2, credit = $3 where id = $4 returning site_id",
            )
            .bind(alt)
            .bind(caption)
            .bind(credit)
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(site) = site {
                record_audit!(tx, now(), audit, site, "media", id.0);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(site.is_some())
        }
        .await)?;
        if !done {
            return Err(StoreError::UnknownReference { what: "media", value: id.to_string() });
        }
        Ok(())
    }

    /// Whether anyone may see `media`: an editor marked it public, or a published variant
    /// shows it as its lead image or (with `search_bodies`) names one of its addresses in
    /// its body.
    ///
    /// Both tests follow indexes: the lead image through `variants_by_image`, the bodies
    /// through the uses recorded on save (`media_links`), never the bodies themselves.
    pub async fn media_is_public(&self, media: &Media, search_bodies: bool) -> Result<bool> {
        if media.marked_public {
            return Ok(true);
        }
        let found: Option<i32> = on_pool!(self, |pool| {
            sqlx::query_scalar(MEDIA_IN_PUBLISHED_USE)
                .bind(media.id.0)
                .bind(now())
                .bind(i32::from(search_bodies))
                .fetch_optional(pool)
                .await
        })?;
        Ok(found.is_some())
    }

    /// Makes an item public (or not) ahead of any published use, with its audit entry.
    pub async fn set_media_public(&self, id: MediaId, public: bool, audit: &crate::Audit) -> Result<()> {
        let done = on_pool!(self, |pool| async {
            let mut tx = pool.begin_with(self.begin_write()).await?;
            let site: Option<i64> =
                sqlx::query_scalar("update media set marked_public = $1 where id = $2 returning site_id")
                    .bind(i32::from(public))
                    .bind(id.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some(site) = site {
                record_audit!(tx, now(), audit, site, "media", id.0);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(site.is_some())
        }
        .await)?;
        if !done {
            return Err(StoreError::UnknownReference { what: "media", value: id.to_string() });
        }
        Ok(())
    }
}

/// Whether a published variant has medium `$1` as its lead image, its PDF or its
/// publication's cover, or (when `$3` is 1) uses it
/// in its body, at `$2`: read from the uses kept on save, bounded by this item's uses.
pub(crate) const MEDIA_IN_PUBLISHED_USE: &str = "select 1 where exists (
         select 1 from variants where image_id = $1 and status = 'published' and published_at <= $2
     ) or exists (
         select 1 from publications p join variants v on v.document_id = p.document_id
         where p.cover_id = $1 and v.status = 'published' and v.published_at <= $2
     ) or exists (
         select 1 from publication_files f join variants v on v.id = f.variant_id
         where f.media_id = $1 and v.status = 'published' and v.published_at <= $2
     ) or ($3 = 1 and exists (
         select 1 from media_links ml join variants v on v.id = ml.variant_id
         where ml.media_id = $1 and v.status = 'published' and v.published_at <= $2
     ))";

/// The ids of the media a body links to: `/media/{id}/…` or `/media/{id}-{token}/…`.
pub(crate) fn media_ids_in(body: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = body
        .match_indices("/media/")
        .filter_map(|(at, found)| {
            let rest = &body[at + found.len()..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let after = rest.as_bytes().get(digits).copied();
            // An id is followed by the token's dash or the path's slash.
            (digits > 0 && matches!(after, Some(b'-' | b'/'))).then(|| rest[..digits].parse().ok()).flatten()
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Records anew which media the variants of document `$document` use, through `$tx`.
macro_rules! relink_media {
    ($tx:expr, $document:expr) => {
        async {
            let document: i64 = $document;
            let variants: Vec<(i64, Option<i64>, String)> =
                sqlx::query_as("select id, image_id, body_markdown from variants where document_id = $1")
                    .bind(document)
                    .fetch_all(&mut *$tx)
                    .await?;
            for (variant, image, body) in variants {
                sqlx::query("delete from media_links where variant_id = $1")
                    .bind(variant)
                    .execute(&mut *$tx)
                    .await?;
                let mut ids = $crate::media::media_ids_in(&body);
                ids.extend(image);
                ids.sort_unstable();
                ids.dedup();
                for id in ids {
                    sqlx::query("insert into media_links (variant_id, media_id) values ($1, $2)")
                        .bind(variant)
                        .bind(id)
                        .execute(&mut *$tx)
                        .await?;
                }
            }
            Ok::<(), sqlx::Error>(())
        }
    };
}
pub(crate) use relink_media;

impl Store {
    /// Records the media uses of every document anew, in batches: after the migration that
    /// added them.
    pub(crate) async fn rebuild_media_links(&self) -> Result<()> {
        on_pool!(self, |pool| async {
            let mut last = 0_i64;
            loop {
                let mut tx = pool.begin_with(self.begin_write()).await?;
                let batch: Vec<i64> =
                    sqlx::query_scalar("select id from documents where id > $1 order by id limit 500")
                        .bind(last)
                        .fetch_all(&mut *tx)
                        .await?;
                let Some(&end) = batch.last() else { break };
                for document in batch {
                    relink_media!(tx, document).await?;
                }
                tx.commit().await?;
                last = end;
            }
            sqlx::query("delete from pending_rebuilds where name = 'media_links'").execute(pool).await?;
            Ok::<(), sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }
}

#[cfg(test)]
mod link_tests {
    use super::media_ids_in;

    #[test]
    fn media_links_are_found_in_either_url_shape_and_nothing_else() {
        let body = "![A](/media/12-abcdef/photo-640.webp) [report](/media/7/report.pdf) \
                    /media/ /media/x/ /media/99 /media/12-zz/other.png https://e.org/media/31/a";
        assert_eq!(media_ids_in(body), [7, 12, 31]);
    }
}
