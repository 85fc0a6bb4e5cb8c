-- The libraries' lists and facet counts, kept up to date on write as the news lists are.
-- Keep the meaning identical to postgres/0033_library_lists.sql.
--
-- `library` holds one row per published publication, per site whose library shows it (its own,
-- and each country office's for the global site's publications about its country), per
-- selection it is in: the library narrowed by at most two filters, written as a key such as
-- `year=2024&country=SV` (see `library::key` in the store crate). A page is one range of the
-- primary key, newest year first.
create table library (
    site_id integer not null,
    selection text not null,
    year integer not null,
    document_id integer not null,
    primary key (site_id, selection, year, document_id)
) without rowid;

-- Per selection, its size (facet and value '') and how many of it have each value of every
-- facet it does not narrow: the library's facets read these instead of counting.
create table library_counts (
    site_id integer not null,
    selection text not null,
    facet text not null,
    value text not null,
    n integer not null,
    primary key (site_id, selection, facet, value)
) without rowid;

insert into pending_rebuilds (name) values ('library');
