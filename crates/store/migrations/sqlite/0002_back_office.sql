-- The back office: accounts, sessions, audit log, API tokens, media, workflow columns.
-- Keep the meaning identical to postgres/0002_back_office.sql.

create table users (
    id integer primary key,
    email text not null unique,       -- lowercased
    name text not null default '',
    password_hash text not null,      -- Argon2id PHC string
    role text not null,               -- admin | editor | author | translator
    created_at text not null
);

create table user_sites (
    user_id integer not null references users (id) on delete cascade,
    site_id integer not null references sites (id) on delete cascade,
    primary key (user_id, site_id)
);

create table sessions (
    token_hash text primary key,      -- SHA-256 of the cookie's token; the token itself is never stored
    user_id integer not null references users (id) on delete cascade,
    csrf_token text not null,
    created_at text not null,
    expires_at text not null,
    client text not null default ''
);
create index sessions_user on sessions (user_id);

create table login_failures (
    id integer primary key,
    email text not null,
    client text not null,
    at text not null
);
create index login_failures_email on login_failures (email, at);
create index login_failures_client on login_failures (client, at);

create table audit_log (
    id integer primary key,
    at text not null,
    user_id integer,
    user_email text not null default '',
    action text not null,
    site_id integer,
    entity text not null default '',
    entity_id integer,
    detail text not null default '',
    client text not null default ''
);
create index audit_log_at on audit_log (at);

create table api_tokens (
    id integer primary key,
    user_id integer not null references users (id) on delete cascade,
    name text not null,
    token_hash text not null unique,
    created_at text not null,
    last_used_at text,
    revoked_at text
);

create table media (
    id integer primary key,
    site_id integer not null references sites (id),
    kind text not null,               -- image | file
    file_name text not null,          -- as uploaded, for display only
    mime text not null,
    width integer not null default 0,
    height integer not null default 0,
    bytes integer not null,
    alt text not null default '',
    caption text not null default '',
    credit text not null default '',
    renditions text not null default '', -- comma-separated "640.webp,640.jpg,…" under media/{id}/
    created_by integer references users (id) on delete set null,
    created_at text not null
);

alter table variants add column image_id integer references media (id) on delete set null;
alter table variants add column author_id integer references users (id) on delete set null;
alter table revisions add column author_id integer references users (id) on delete set null;
