-- Keep the meaning identical to postgres/0008_scheduled_only_index.sql.
--
-- The scheduler's index covered every variant by status and time, and SQLite's planner chose
-- it for any read of published variants "up to now" — a range over the whole archive, half a
-- second per release page at 100 000 releases. Only the scheduler needs it, for scheduled
-- variants.
drop index variants_by_status;
create index variants_scheduled on variants (published_at) where status = 'scheduled';

-- "Published" now means visible now: a published variant dated later waits as scheduled.
update variants set status = 'scheduled'
where status = 'published' and published_at > strftime('%Y-%m-%d %H:%M:%S', 'now');

-- A slug in any language (a reader following a link into the wrong language): without this,
-- the lookup reads every release of the site.
create index variants_by_slug on variants (site_id, kind, slug);
