-- Media are served publicly only once something published uses them or an editor marks them
-- public, at paths no one can guess: ids are sequential, so each item gets a random token that
-- its URLs carry. Same meaning on both databases.
alter table media add column token text not null default '';
alter table media add column marked_public integer not null default 0;
-- 16 random bytes, hex-encoded, for the items uploaded before tokens.
update media set token = lower(hex(randomblob(16))) where token = '';
-- "Is this the lead image of something published?" is asked on every private media request.
create index variants_by_image on variants (image_id) where image_id is not null;
