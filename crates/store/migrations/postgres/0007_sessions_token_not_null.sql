-- Kept in step with sqlite/0007_sessions_token_not_null.sql, which makes SQLite refuse a NULL
-- session token as PostgreSQL always has (a primary key is not null here): nothing to change.
alter table sessions alter column token_hash set not null;
