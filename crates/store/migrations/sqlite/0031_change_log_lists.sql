-- What a document change did to the public lists, so that caches in front of every node
-- drop the pages of exactly those lists (a country's, a theme's) rather than every list of
-- the site: space-separated, each "{site}" (the site's unfiltered lists), "{site}:c:{ISO}",
-- "{site}:t:{theme id}", "{site}:g:{goal}" or "{site}:*" (every narrowed list of the site,
-- when the choices of its filters changed). Null where the writer did not say (older rows,
-- pages, vacancies): readers then drop every list of the site, as before. Additive.
-- Keep the meaning identical to postgres/0031_change_log_lists.sql.
alter table change_log add column lists text;
