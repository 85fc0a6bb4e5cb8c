-- A partner's logo: an image of the media library, shown beside its name on public pages.
-- `logo_path` is the address of the rendition shown, written with `logo_id`; readers take it
-- only while `logo_id` is set, so a deleted image (which sets `logo_id` null) leaves no link.
alter table partners add column logo_id bigint references media (id) on delete set null;
alter table partners add column logo_path text not null default '';
