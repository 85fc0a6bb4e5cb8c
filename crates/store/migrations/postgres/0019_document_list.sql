-- The back office's document list (issue 14): paged by its sort key, filtered, bounded at a
-- million releases. Same meaning as sqlite/0019_document_list.sql.

-- Who saved a variant last (its save, a workflow step); NULL for the scheduler, imports and
-- the demo. Kept on every write that sets `updated_at`.
alter table variants add column updated_by bigint references users (id) on delete set null;
update variants set updated_by = (
    select r.author_id from revisions r where r.variant_id = variants.id order by r.number desc limit 1
);

-- Each index serves one order of the list, optionally after one equality filter, so that a page
-- is one index range read from its cursor. `id` breaks ties (many rows share a second: an import
-- writes a batch at once). Filters without an index of their own are checked on a bounded
-- number of rows read in order (see `document_list` in the store crate).
create index variants_list_updated on variants (updated_at, id);
create index variants_list_site_updated on variants (site_id, updated_at, id);
-- Status only as a prefix for the few that are not published: a published-status index would
-- span the whole archive, and the planner picked such an index for public reads before (0008).
create index variants_list_status_updated on variants (status, updated_at, id) where status <> 'published';
create index variants_list_site_status_updated on variants (site_id, status, updated_at, id)
    where status <> 'published';
create index variants_list_author_updated on variants (author_id, updated_at, id) where author_id is not null;
create index variants_list_editor_updated on variants (updated_by, updated_at, id) where updated_by is not null;
create index variants_list_published on variants (published_at, id);
-- Variants without a publication time come after the dated ones, by id.
create index variants_list_undated on variants (id) where published_at is null;
create index variants_list_site_undated on variants (site_id, id) where published_at is null;
create index variants_list_site_published on variants (site_id, published_at, id);
-- Titles in byte order (PostgreSQL: collation "C"), the same on both databases and in Rust.
create index variants_list_title on variants (title collate "C", id);
create index variants_list_site_title on variants (site_id, title collate "C", id);
