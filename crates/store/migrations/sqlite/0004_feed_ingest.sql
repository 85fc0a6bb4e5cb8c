-- Feed ingest: external RSS/Atom feeds a site subscribes to, and the items read from them.
-- Keep the meaning identical to postgres/0004_feed_ingest.sql.

create table feed_subscriptions (
    id integer primary key,
    site_id integer not null references sites (id),
    url text not null,
    title text not null default '',          -- the source's name shown beside its items
    keywords text not null default '',       -- comma-separated; an item must mention one
    categories text not null default '',     -- comma-separated; an item must carry one
    etag text,                               -- from the last 200 answer, sent as If-None-Match
    last_modified text,                      -- from the last 200 answer, sent as If-Modified-Since
    last_fetched_at text,
    next_fetch_at text,                      -- due again then; null: due now
    last_status text not null default '',    -- '', 'ok', 'not_modified' or 'error'
    last_error text,                         -- why the last fetch failed, for the back office
    fetch_interval_minutes integer not null default 60,
    enabled integer not null default 1,
    created_at text not null,
    unique (site_id, url)
);

create table ingested_items (
    id integer primary key,
    subscription_id integer not null references feed_subscriptions (id) on delete cascade,
    guid text not null,                      -- the item's id in its feed, else its link
    link text not null default '',           -- the origin page, http(s) only
    title text not null,
    summary_html text not null default '',   -- sanitized
    published_at text not null,              -- UTC; the fetch time when the feed's date was unusable
    fetched_at text not null,
    unique (subscription_id, guid)
);
create index ingested_items_listing on ingested_items (published_at, id);
