-- A publication's facts, one row per publication document (its language versions share them).
-- `site_id` repeats the document's (it never changes) so that a site's library is one index
-- range, newest year first; the facets read the same range and are bounded by the library's
-- size, never by the news archive's.
create table publications (
    document_id bigint primary key references documents (id) on delete cascade,
    site_id bigint not null,
    year integer not null,
    authors text not null,
    form text not null default 'report',
    isbn text not null default '',
    issn text not null default '',
    series text not null default '',
    cover_id bigint references media (id) on delete set null
);
create index publications_by_site on publications (site_id, year, document_id);
create index publications_by_series on publications (site_id, series, year);
-- Whether a cover may be served: read per media request.
create index publications_by_cover on publications (cover_id);
-- A language version's PDF: one media item per variant.
create table publication_files (
    variant_id bigint primary key references variants (id) on delete cascade,
    document_id bigint not null references documents (id) on delete cascade,
    media_id bigint not null references media (id)
);
create index publication_files_by_document on publication_files (document_id);
create index publication_files_by_media on publication_files (media_id);
-- What an uploaded PDF was read for when it was stored: its pages, and its text for search.
alter table media add column page_count integer not null default 0;
create table media_texts (
    media_id bigint primary key references media (id) on delete cascade,
    text text not null
);
