-- Country sites and languages. Keep the meaning identical to sqlite/0003_sites_languages.sql.

-- Site names per language, as a JSON object {"en": "…", "es": "…"}; `name` stays the default.
alter table sites add column names text not null default '{}';
-- What a reader gets when a page is missing in their language: 'fallback' (the default
-- language's version with a notice) or 'not_found'.
alter table sites add column missing_translation text not null default 'fallback';
-- For a translation: the revision of the original (the site's default-language variant) it
-- was last saved against; it is out of date when the original has a later revision.
alter table variants add column source_revision integer;
