-- Keep the meaning identical to sqlite/0008_scheduled_only_index.sql, which says why.
drop index variants_by_status;
create index variants_scheduled on variants (published_at) where status = 'scheduled';

update variants set status = 'scheduled' where status = 'published' and published_at > now();

-- A slug in any language (a reader following a link into the wrong language): without this,
-- the lookup reads every release of the site.
create index variants_by_slug on variants (site_id, kind, slug);
