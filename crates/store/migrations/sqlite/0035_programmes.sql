-- Programmes become a taxonomy (issue 14): one list, edited in the back office, named per
-- language like themes, shared by every site or owned by one (`site_id`), and linked from the
-- document as its themes are, so that its translations show the same programme named in
-- their language. Keep the meaning identical to postgres/0035_programmes.sql.
--
-- `variants.programme`, the free text each language version carried until now, is read once
-- by the pending rebuild 'programmes' (`Store::adopt_programmes`), which makes a programme of
-- each distinct text and links the documents; it is not written any more.
create table programmes (
    id integer primary key,
    slug text not null unique,
    name text not null,
    description text not null default '',
    site_id integer references sites (id) on delete cascade
);
create table programme_names (
    programme_id integer not null references programmes (id) on delete cascade,
    language text not null,
    name text not null,
    description text not null default '',
    primary key (programme_id, language)
);
alter table documents add column programme_id integer references programmes (id) on delete set null;
create index documents_programme on documents (programme_id) where programme_id is not null;

insert into pending_rebuilds (name) values ('programmes');
