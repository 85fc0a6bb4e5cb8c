-- PostgreSQL's 0028 makes every insert into the change log notify the other nodes (NOTIFY).
-- SQLite has no NOTIFY and one process to tell, which wakes its follower itself: nothing to
-- do here. The migration exists so that both trees reach the same version (a backup restores
-- only into the same version, across databases).
select 1;
