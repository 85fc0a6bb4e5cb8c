-- The editor's pickers (issue 14) read the taxonomy and a site's images a page at a time:
-- partners and contacts in name order up to a limit, a site's images newest first from a
-- cursor. Keep the meaning identical in sqlite/ and postgres/.
create index partners_by_name on partners (name, id);
create index contacts_by_name on contacts (name, id);
create index media_by_site_kind on media (site_id, kind, id);
