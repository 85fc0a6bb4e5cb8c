-- Keep the meaning identical to sqlite/0010_media_links.sql, which says why.
create table media_links (
    variant_id bigint not null references variants (id) on delete cascade,
    media_id bigint not null,
    primary key (variant_id, media_id)
);
create index media_links_by_media on media_links (media_id, variant_id);
insert into pending_rebuilds (name) values ('media_links');
