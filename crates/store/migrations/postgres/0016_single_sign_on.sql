-- Single sign-on through an OpenID Connect provider (issue 11, Identity).
-- Same meaning as sqlite/0016_single_sign_on.sql.

-- Who a user is at the provider: the issuer and its stable subject id (`sub`), never the
-- email, which people and providers change. One identity per user.
create table user_identities (
    issuer text not null,
    subject text not null,
    user_id bigint not null unique references users (id) on delete cascade,
    created_at timestamptz not null,
    primary key (issuer, subject)
);

-- Sign-ins sent to the provider and not back yet. The browser holds `state` in a cookie; the
-- row, found by its SHA-256, holds what must never reach the browser (the PKCE verifier) and
-- is deleted by the callback that uses it, so a state and its code work once.
create table sso_logins (
    state_hash text not null primary key,
    nonce text not null,
    verifier text not null,
    redirect_uri text not null,
    next text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index sso_logins_expires on sso_logins (expires_at);

-- A session the provider opened keeps the provider's tokens, to ask it again at most every
-- few minutes whether the person still has access (sso_checked_at: when it was last asked).
-- Null on password sessions.
alter table sessions add column sso_refresh_token text;
alter table sessions add column sso_access_token text;
alter table sessions add column sso_id_token text;
alter table sessions add column sso_checked_at timestamptz;
