-- Month counts of the unfiltered lists (issue 9): a deep news page finds the month holding its
-- first row from these and skips only that month's rows. See `listing::facet::MONTH`; the key
-- is the list's facet (0, or 8 << 56 for a country office's aggregated rows) plus 32 << 56
-- plus year × 12 + month − 1. Same meaning as postgres/0018_month_counts.sql; from now on the
-- store keeps them on write.
insert into listing_counts (site_id, language, facet, n)
select site_id, language,
       facet + 2305843009213693952
           + cast(strftime('%Y', published_at, 'unixepoch') as integer) * 12
           + cast(strftime('%m', published_at, 'unixepoch') as integer) - 1,
       count(*)
from listing
where facet in (0, 576460752303423488)
group by 1, 2, 3
on conflict (site_id, language, facet) do update set n = excluded.n;
