-- A sitemap part reads every variant of a window of document ids, but only their short
-- columns: an index holding them all answers it without the table.
-- Keep the meaning identical to sqlite/0034_sitemap_covering_index.sql.
create index variants_sitemap on variants (document_id, kind, language, slug, updated_at, status, published_at, site_id);
