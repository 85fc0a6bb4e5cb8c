-- Lists kept up to date on write, so that a public page reads rows bounded by what it shows.
-- Keep the meaning identical to sqlite/0006_listing.sql, which explains the tables.
create table listing (
    site_id bigint not null,
    language text not null,
    facet bigint not null,
    published_at bigint not null,     -- Unix seconds, UTC
    document_id bigint not null,
    primary key (site_id, language, facet, published_at, document_id)
);

create table listing_counts (
    site_id bigint not null,
    language text not null,
    facet bigint not null,
    n bigint not null,
    primary key (site_id, language, facet)
);

create table pending_rebuilds (
    name text not null primary key
);
insert into pending_rebuilds (name) values ('listing');
