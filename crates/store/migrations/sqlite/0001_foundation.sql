-- The first cut of the content model. Keep the meaning identical to postgres/0001_foundation.sql.
-- Timestamps are UTC text written by sqlx ("YYYY-MM-DD HH:MM:SS.0+00:00"), so they sort as text.

create table sites (
    id integer primary key,
    key text not null unique,
    name text not null,
    languages text not null,          -- comma-separated language codes; the first is the default
    country text,                     -- ISO 3166-1 alpha-2 for a country office
    hosts text not null default '',   -- comma-separated host names
    created_at text not null
);

create table themes (
    id integer primary key,
    slug text not null unique,
    name text not null,
    description text not null default ''
);

create table partners (
    id integer primary key,
    slug text not null unique,
    name text not null,
    acronym text not null default ''
);

create table contacts (
    id integer primary key,
    key text not null unique,
    name text not null,
    office text not null default '',
    phone text not null default '',
    email text not null default ''
);

create table documents (
    id integer primary key,
    site_id integer not null references sites (id),
    kind text not null,
    created_at text not null,
    updated_at text not null
);

create table variants (
    id integer primary key,
    document_id integer not null references documents (id) on delete cascade,
    site_id integer not null references sites (id),
    kind text not null,
    language text not null,
    slug text not null,               -- releases: the slug; pages: the full path
    title text not null,
    summary text not null default '',
    body_markdown text not null default '',
    body_html text not null default '',
    dateline text not null default '',
    programme text not null default '',
    status text not null,
    published_at text,
    revision integer not null default 1,
    created_at text not null,
    updated_at text not null,
    unique (document_id, language),
    unique (site_id, kind, language, slug)
);
create index variants_listing on variants (site_id, language, kind, status, published_at);

create table document_countries (
    document_id integer not null references documents (id) on delete cascade,
    country text not null,
    position integer not null,
    primary key (document_id, country)
);
create index document_countries_country on document_countries (country, document_id);

create table document_themes (
    document_id integer not null references documents (id) on delete cascade,
    theme_id integer not null references themes (id),
    position integer not null,
    primary key (document_id, theme_id)
);
create index document_themes_theme on document_themes (theme_id, document_id);

create table document_partners (
    document_id integer not null references documents (id) on delete cascade,
    partner_id integer not null references partners (id),
    position integer not null,
    primary key (document_id, partner_id)
);

create table document_contacts (
    document_id integer not null references documents (id) on delete cascade,
    contact_id integer not null references contacts (id),
    position integer not null,
    primary key (document_id, contact_id)
);

create table menu_items (
    id integer primary key,
    site_id integer not null references sites (id),
    language text not null,
    parent_id integer references menu_items (id) on delete cascade,
    position integer not null,
    label text not null,
    path text not null                -- site-relative, without the language: "our-work/partnerships"
);
create index menu_items_site on menu_items (site_id, language, position);

create table revisions (
    id integer primary key,
    variant_id integer not null references variants (id) on delete cascade,
    number integer not null,
    snapshot text not null,           -- JSON of the variant's fields at that save
    created_at text not null,
    unique (variant_id, number)
);

-- Append-only. Drives cache invalidation, search indexing and webhooks.
create table change_log (
    id integer primary key autoincrement,
    at text not null,
    site_id integer,
    entity text not null,
    entity_id integer not null,
    action text not null
);
