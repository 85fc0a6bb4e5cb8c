-- Two-factor sign-in with TOTP (issue 11, Identity). Same meaning as postgres/0015_two_factor.sql.

-- One TOTP secret per user. It is pending until its owner types a current code from it
-- (confirmed_at set); only then does sign-in ask for codes. The secret is never logged,
-- exported or shown again after enrolment.
create table user_totp (
    user_id integer not null primary key references users (id) on delete cascade,
    secret text not null,                 -- 20 random bytes (RFC 4226's length) in hex: backups are JSON
    confirmed_at text,
    last_step integer not null default 0, -- newest 30-second step a code was accepted for: no replays
    created_at text not null
);

-- Ten single-use codes for a lost phone, shown once and kept only as SHA-256 hashes.
create table recovery_codes (
    id integer primary key,
    user_id integer not null references users (id) on delete cascade,
    code_hash text not null,
    used_at text
);
create index recovery_codes_user on recovery_codes (user_id, code_hash);

-- Wrong codes at the second step, per account: its own back-off, since whoever reaches it
-- already has the password.
create table second_factor_failures (
    id integer primary key,
    user_id integer not null references users (id) on delete cascade,
    client text not null default '',
    at text not null
);
create index second_factor_failures_user on second_factor_failures (user_id, at);

-- Roles whose members must use two-factor sign-in (admin | editor | author | translator).
create table two_factor_roles (
    role text not null primary key
);

-- How far a session has come: '' a full session; 'code' the password passed and the second
-- step is awaited; 'enrol' the password passed and the role requires enrolling first.
alter table sessions add column stage text not null default '';
