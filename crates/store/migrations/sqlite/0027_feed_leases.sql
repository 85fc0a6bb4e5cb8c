-- Feed ingest under several nodes: a fetch takes the feed's lease first (one conditional
-- update), so one node fetches a feed at a time. The lease names its holder (one id per
-- process) and ends at `lease_until`, after which any node may take it over: a killed node
-- holds a feed for one lease at most. Additive: an older node ignores both columns.
-- Keep the meaning identical to postgres/0027_feed_leases.sql.
alter table feed_subscriptions add column lease_holder text;
alter table feed_subscriptions add column lease_until text;
