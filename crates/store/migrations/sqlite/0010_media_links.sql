-- Which media each variant uses (its lead image and the media its body links to), kept on
-- every save, so that "does anything published use this?" reads the uses of one item rather
-- than every body in the archive. Keep the meaning identical to postgres/0010_media_links.sql.
create table media_links (
    variant_id integer not null references variants (id) on delete cascade,
    media_id integer not null,
    primary key (variant_id, media_id)
);
create index media_links_by_media on media_links (media_id, variant_id);
insert into pending_rebuilds (name) values ('media_links');
