-- A country office may keep themes, partners and media contacts of its own (issue 14), as it
-- may keep programmes (0035): `site_id` names the one site whose documents may link the
-- entry; null, as every entry so far, is every site's. Keep the meaning identical to
-- postgres/0036_site_taxonomies.sql.
alter table themes add column site_id integer references sites (id) on delete cascade;
alter table partners add column site_id integer references sites (id) on delete cascade;
alter table contacts add column site_id integer references sites (id) on delete cascade;
