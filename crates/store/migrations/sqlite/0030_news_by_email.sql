-- News by email (issue 12). Keep the meaning identical to postgres/0030_news_by_email.sql.
--
-- A subscriber is written only when its address is confirmed: the confirmation link carries
-- the request, signed, so an address nobody confirmed is stored nowhere but in the outbox row
-- that asks. One subscription per address and site; a new confirmed request replaces it.
-- Filters are comma-separated lists (ISO countries, theme slugs, language codes); empty means
-- everything. `link_base` is the origin and path prefix the reader subscribed through, for the
-- links in their emails.
create table mail_subscribers (
    id integer primary key,
    site_id integer not null references sites (id) on delete cascade,
    email text not null,
    language text not null,
    frequency text not null,
    countries text not null default '',
    themes text not null default '',
    languages text not null default '',
    link_base text not null,
    confirmed_at text not null,
    unique (site_id, email)
);
-- A site's subscribers, read in id order a batch at a time when a release is published.
create index mail_subscribers_by_site on mail_subscribers (site_id, id);

-- Subscribe requests, for the rate limit per address and per client (like login_failures).
create table mail_requests (
    id integer primary key,
    email text not null,
    client text not null,
    at text not null
);
create index mail_requests_email on mail_requests (email, at);
create index mail_requests_client on mail_requests (client, at);
-- Requests older than the rate limit's window are forgotten.
create index mail_requests_at on mail_requests (at);

-- What each subscriber is to be told: one row per subscriber and release, so that a release
-- reaches a subscriber once however often the change log is replayed. `due_at` is when it
-- goes out (now, or the next daily or weekly digest); `outbox_id` the email that carries it.
create table mail_items (
    subscriber_id integer not null references mail_subscribers (id) on delete cascade,
    document_id integer not null references documents (id) on delete cascade,
    due_at text not null,
    outbox_id integer,
    primary key (subscriber_id, document_id)
);
create index mail_items_due on mail_items (due_at) where outbox_id is null;

-- The outbox: every email, rendered once, with the Message-ID it keeps across retries. A row
-- is sent by whoever holds its lease (one node at a time, as feed_subscriptions), marked
-- `sent_at` as soon as the SMTP server accepted it and never sent again; a temporary refusal
-- moves `next_attempt_at` on, a permanent one (or too many) sets `failed_at`. `dedupe_key`
-- makes enqueueing the same email twice a no-op.
create table mail_outbox (
    id integer primary key,
    subscriber_id integer references mail_subscribers (id) on delete cascade,
    dedupe_key text not null unique,
    message_id text not null unique,
    recipient text not null,
    subject text not null,
    text_body text not null,
    html_body text not null,
    unsubscribe_url text not null default '',
    created_at text not null,
    next_attempt_at text not null,
    attempts integer not null default 0,
    last_error text,
    sent_at text,
    failed_at text,
    lease_holder text,
    lease_until text
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where sent_at is null and failed_at is null;
-- The rate limit counts what went out in the last minute, on every node.
create index mail_outbox_sent on mail_outbox (sent_at) where sent_at is not null;
-- Emails given up on, forgotten after a while like the sent ones.
create index mail_outbox_failed on mail_outbox (failed_at) where failed_at is not null;

-- One row: the key that signs confirmation and unsubscribe links (made at first use, shared
-- by every node through the database) and how far the mailer has read the change log.
create table mail_state (
    id integer primary key check (id = 1),
    signing_key text not null,
    position integer not null default 0
);
