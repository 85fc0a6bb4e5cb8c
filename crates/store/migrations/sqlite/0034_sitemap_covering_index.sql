-- A sitemap part reads every variant of a window of document ids, but only their short
-- columns. In `variants` those come after the two bodies, so reading them from the table walks
-- each row's overflow pages; this index holds them all, in the window's order.
-- Keep the meaning identical to postgres/0034_sitemap_covering_index.sql.
create index variants_sitemap on variants (document_id, kind, language, slug, updated_at, status, published_at, site_id);
