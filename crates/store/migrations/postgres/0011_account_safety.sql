-- Sign-in safety (issue 11, items 5 and 8). Same meaning on both databases.
-- When the account last signed in: failed attempts since then are shown to its owner.
alter table users add column last_login_at timestamptz;
-- A disabled user signs in to nothing: their sessions and API tokens end when this is set.
alter table users add column disabled_at timestamptz;
-- Back-off per (account, address): the failures of one pair are counted on every attempt.
create index login_failures_email_client on login_failures (email, client, at);
