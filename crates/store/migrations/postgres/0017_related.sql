-- Keep the meaning identical to sqlite/0017_related.sql, which says why.

-- The related releases of a listed release in one site's lists in one language, best first.
-- More than a page shows are kept, so that one unpublished since still leaves enough.
create table related_releases (
    document_id bigint not null references documents (id) on delete cascade,
    site_id bigint not null,
    language text not null,
    rank integer not null,
    related_id bigint not null references documents (id) on delete cascade,
    primary key (document_id, site_id, language, rank)
);
-- Who shows a release as related: to weigh them again when it leaves the lists.
create index related_releases_by_related on related_releases (related_id);

-- Which lists of a release were weighed: a release with nothing related has a row here and
-- none above, and one with no row here is weighed when read until the queue reaches it.
create table related_computed (
    document_id bigint not null references documents (id) on delete cascade,
    site_id bigint not null,
    language text not null,
    weighed_at bigint not null,               -- Unix microseconds
    primary key (document_id, site_id, language)
);

-- Releases to weigh again, newest first. `neighbours` = 1 when the release itself changed:
-- the releases it may now be related to, if they were weighed before that change
-- (`queued_at`), are weighed again too (once, not in turn theirs). A whole archive imported at
-- once is weighed after it was written, so none of it is weighed twice.
create table related_pending (
    document_id bigint not null primary key references documents (id) on delete cascade,
    neighbours integer not null default 0,
    seq bigint not null default 0,           -- bumped when queued again: a weighing under way leaves it queued
    queued_at bigint not null default 0   -- Unix microseconds of the last change queued
);
insert into related_pending (document_id, neighbours) select id, 0 from documents where kind = 'release';
