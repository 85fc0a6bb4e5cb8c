-- Several nodes: every statement that adds to the change log notifies the channel
-- `portico_change_log`, so each node's change-log follower wakes at once instead of at its next
-- poll. A notification is delivered at commit and never for a rolled-back transaction;
-- statement-level, so a bulk import's insert of thousands of rows sends one, and PostgreSQL
-- folds a transaction's equal notifications into one. The log stays the truth: a missed
-- notification costs a poll interval. Additive: an older node ignores the notifications.
-- The channel name is `portico_store::CHANGE_CHANNEL`. SQLite has no NOTIFY and one process
-- to tell; its 0028 only keeps the two trees' versions equal (a backup restores only into the
-- same version, across databases).
create function change_log_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('portico_change_log', '');
  return null;
end $$;

create trigger change_log_notify after insert on change_log
  for each statement execute function change_log_notify();
