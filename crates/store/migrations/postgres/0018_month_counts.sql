-- Month counts of the unfiltered lists (issue 9); see sqlite/0018_month_counts.sql.
insert into listing_counts (site_id, language, facet, n)
select site_id, language,
       facet + 2305843009213693952
           + extract(year from to_timestamp(published_at) at time zone 'UTC')::bigint * 12
           + extract(month from to_timestamp(published_at) at time zone 'UTC')::bigint - 1,
       count(*)
from listing
where facet in (0, 576460752303423488)
group by 1, 2, 3
on conflict (site_id, language, facet) do update set n = excluded.n;
