-- SQLite lets a non-integer primary key hold NULL (a legacy quirk); PostgreSQL does not.
-- Rebuild sessions with `token_hash` not null so both databases refuse the same rows (found by
-- tests/schema_parity.rs). Numbered 0007: 0006 is taken by the listing table.
create table sessions_rebuilt (
    token_hash text not null primary key, -- SHA-256 of the cookie's token; the token itself is never stored
    user_id integer not null references users (id) on delete cascade,
    csrf_token text not null,
    created_at text not null,
    expires_at text not null,
    client text not null default ''
);
insert into sessions_rebuilt (token_hash, user_id, csrf_token, created_at, expires_at, client)
    select token_hash, user_id, csrf_token, created_at, expires_at, client
    from sessions where token_hash is not null;
drop table sessions;
alter table sessions_rebuilt rename to sessions;
create index sessions_user on sessions (user_id);
