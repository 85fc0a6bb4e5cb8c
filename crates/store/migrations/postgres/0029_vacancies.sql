-- A vacancy's facts, one row per vacancy document (its translations share them). Times are
-- stored in UTC, as every time here; `utc_offset_minutes` keeps the offset of the time zone
-- the editor set them in, to show them as the duty station reads them. `site_id` repeats the
-- document's (it never changes) so that a site's open vacancies are one index range from
-- "now" on, which never reads the closed ones that pile up over the years.
create table vacancies (
    document_id bigint primary key references documents (id) on delete cascade,
    site_id bigint not null,
    reference text not null,
    duty_city text not null,
    duty_country text not null,
    grade text not null,
    contract text not null,
    duration text not null default '',
    unit text not null default '',
    opens_at timestamptz not null,
    closes_at timestamptz not null,
    utc_offset_minutes integer not null default 0,
    eligibility text not null,
    apply_to text not null
);
create index vacancies_by_site on vacancies (site_id, closes_at);
-- A country office lists the global site's vacancies in its country too.
create index vacancies_by_country on vacancies (duty_country, closes_at);
-- Where a site's vacancy pages change next, for cache lifetimes.
create index vacancies_opening on vacancies (site_id, opens_at);
