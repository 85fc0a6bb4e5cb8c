-- The libraries' lists and facet counts, kept up to date on write as the news lists are.
-- Keep the meaning identical to sqlite/0033_library_lists.sql, which explains the tables.
create table library (
    site_id bigint not null,
    selection text not null,
    year integer not null,
    document_id bigint not null,
    primary key (site_id, selection, year, document_id)
);

create table library_counts (
    site_id bigint not null,
    selection text not null,
    facet text not null,
    value text not null,
    n bigint not null,
    primary key (site_id, selection, facet, value)
);

insert into pending_rebuilds (name) values ('library');
