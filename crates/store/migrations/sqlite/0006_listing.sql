-- Lists kept up to date on write, so that a public page reads rows bounded by what it shows.
-- Keep the meaning identical to postgres/0006_listing.sql.
--
-- `listing` holds one row per published release variant, per site whose lists show it (its own
-- site, and each country-office site aggregating the global site's releases about its country),
-- per facet: every combination of at most one of its countries and at most one of its themes
-- (see `listing::facet` in the store crate for the encoding). A year filter is a range of
-- `published_at` inside a facet, so years are not multiplied into the rows.
create table listing (
    site_id integer not null,
    language text not null,
    facet integer not null,
    published_at integer not null,    -- Unix seconds, UTC
    document_id integer not null,
    primary key (site_id, language, facet, published_at, document_id)
) without rowid;

-- How many rows each list has, years included as facets: the pager, the filter options and
-- the counts per country read these instead of counting.
create table listing_counts (
    site_id integer not null,
    language text not null,
    facet integer not null,
    n integer not null,
    primary key (site_id, language, facet)
) without rowid;

-- Work the store does once after migrating, in code rather than SQL (the facet encoding is
-- the store's); a row here means "not done yet".
create table pending_rebuilds (
    name text not null primary key
);
insert into pending_rebuilds (name) values ('listing');
