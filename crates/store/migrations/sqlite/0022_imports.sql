-- Imports from other systems (issue 13). Each imported language version remembers its id at
-- the source, so that running the same import again updates the document instead of adding
-- a copy; the fingerprint of what was imported lets an unchanged item be skipped.
create table import_sources (
    site_id integer not null references sites (id) on delete cascade,
    source text not null,              -- "wordpress:https://site/?p=123", "file:news/a.md"
    document_id integer not null references documents (id) on delete cascade,
    language text not null,
    fingerprint text not null,
    imported_at text not null,
    primary key (site_id, source)
);
create index import_sources_document on import_sources (document_id);

-- Images brought in by an import, by their file at the source, so a second run reuses them.
create table import_media (
    site_id integer not null references sites (id) on delete cascade,
    source text not null,              -- the file's path under the uploads folder
    media_id integer not null references media (id) on delete cascade,
    primary key (site_id, source)
);

-- Old addresses answered with a permanent redirect: filled by imports, edited by admins.
-- Looked up only when a path finds nothing, by its primary key.
create table redirects (
    site_id integer not null references sites (id) on delete cascade,
    old_path text not null,            -- "/2015/08/21/slug", no trailing slash
    new_path text not null,            -- "/en/news/slug", within the site
    created_at text not null,
    primary key (site_id, old_path)
);
