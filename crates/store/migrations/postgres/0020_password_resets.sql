-- One-time links an admin makes for a user to set a new password (issue 14). Only the
-- SHA-256 of the link's token is kept; a link works once, until it expires.
create table password_resets (
    token_hash text not null primary key,
    user_id bigint not null references users (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index password_resets_user on password_resets (user_id);
