//! The libraries' lists and facet counts, kept up to date on write as the news lists are (see
//! `listing.rs`), so that a library page reads rows bounded by what it shows, however many
//! publications a site has gathered.
//!
//! A *selection* is a library narrowed by at most [`KEPT_FILTERS`] filters (year, series,
//! country, theme, language, goal), written as a [`key`]. Every published publication has one
//! `library` row per site whose library shows it (its own, and each country office's for the
//! global site's publications about its country) and per selection it belongs to; a page is
//! one index range read newest year first. `library_counts` holds, per selection, its size
//! (facet `''`) and how many of it have each value of every facet the selection does not
//! narrow. A narrowed facet shows what choosing another of its values would give (the
//! selection without it), which is where each of its links leads.
//!
//! Entries are derived by [`Facts`] and [`entries`] alone, before and after every write in
//! its own transaction, as the listing is: `listing::current_rows!` reads both, and
//! `listing::apply!` writes both.

use std::collections::{BTreeMap, BTreeSet};

use crate::listing::Sites;

/// How many filters at once a kept selection has. A library narrowed further is counted over
/// its selection (see `Store::library`); two cover landing on the library, each single
/// choice and each pair, at about four hundred rows per publication and site.
pub(crate) const KEPT_FILTERS: usize = 2;

/// The facets, in the order their values appear in a [`key`].
pub(crate) const FACETS: [&str; 6] = ["year", "series", "country", "theme", "language", "goal"];

/// A selection's key: its filters as `facet=value`, in [`FACETS`] order, joined by `&`;
/// the whole library is `''`. Values are escaped so that no series' name can end a pair.
pub(crate) fn key(filters: &[(usize, &str)]) -> String {
    let mut filters = filters.to_vec();
    filters.sort_unstable();
    filters
        .iter()
        .map(|(facet, value)| format!("{}={}", FACETS[*facet], escape(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn escape(value: &str) -> String {
    value.replace('%', "%25").replace('&', "%26").replace('=', "%3D")
}

/// What decides a publication's library entries, read in the writing transaction.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    pub document: i64,
    /// The site that owns it.
    pub site: i64,
    pub year: i32,
    /// Its values per facet, in [`FACETS`] order, each once: the year, the series (if it is
    /// in one), countries, theme ids, languages with a published version, goal numbers.
    pub values: [Vec<String>; 6],
}

/// One `library` row: `document` is in `selection` of `site`'s library.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Member {
    pub site: i64,
    pub selection: String,
    pub year: i32,
    pub document: i64,
}

/// One publication's share of a `library_counts` row: `document` counts towards `value` of
/// `facet` in `selection` of `site` (facet and value `''`: towards the selection's size).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Counted {
    pub site: i64,
    pub selection: String,
    pub facet: &'static str,
    pub value: String,
    pub document: i64,
}

/// Every library entry of some publications.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entries {
    pub members: BTreeSet<Member>,
    pub counted: BTreeSet<Counted>,
}

impl Entries {
    /// Only the entries of `site`'s library.
    pub(crate) fn of_site(self, site: i64) -> Entries {
        Entries {
            members: self.members.into_iter().filter(|m| m.site == site).collect(),
            counted: self.counted.into_iter().filter(|c| c.site == site).collect(),
        }
    }
}

/// Every entry the publications described by `facts` have.
///
/// On a country office, a publication of the global site is about the office's country
/// only: it is listed there for that country, and a worldwide report tagged with a hundred
/// countries would otherwise multiply its selections by a hundred on each of a hundred
/// offices (two million rows for one document, rewritten on every save).
pub(crate) fn entries(facts: &[Facts], sites: &Sites) -> Entries {
    let mut out = Entries::default();
    for fact in facts {
        if fact.values[4].is_empty() {
            continue; // no published version: in no library
        }
        // Its own library, and those of the country offices that list the global site's
        // publications about their country.
        let mut shown_on: Vec<(i64, Option<&str>)> = vec![(fact.site, None)];
        if sites.global == Some(fact.site) {
            for country in &fact.values[2] {
                for (site, _) in sites.by_country.get(country).into_iter().flatten() {
                    if !shown_on.iter().any(|(s, _)| s == site) {
                        shown_on.push((*site, Some(country.as_str())));
                    }
                }
            }
        }
        for (site, office_country) in shown_on {
            let values: Vec<(usize, &str)> = fact
                .values
                .iter()
                .enumerate()
                .flat_map(|(facet, values)| values.iter().map(move |v| (facet, v.as_str())))
                .filter(|(facet, value)| *facet != 2 || office_country.is_none_or(|c| c == *value))
                .collect();
            add_entries(&mut out, site, fact, &values);
        }
    }
    out
}

/// The entries of one publication in `site`'s library, whose facets have `values`.
fn add_entries(out: &mut Entries, site: i64, fact: &Facts, values: &[(usize, &str)]) {
    let mut selections: Vec<Vec<(usize, &str)>> = vec![Vec::new()];
    for (i, first) in values.iter().enumerate() {
        selections.push(vec![*first]);
        if KEPT_FILTERS >= 2 {
            for second in &values[i + 1..] {
                if second.0 != first.0 {
                    selections.push(vec![*first, *second]);
                }
            }
        }
    }
    for selection in &selections {
        let selection_key = key(selection);
        out.members.insert(Member {
            site,
            selection: selection_key.clone(),
            year: fact.year,
            document: fact.document,
        });
        let counted = |facet: &'static str, value: &str| Counted {
            site,
            selection: selection_key.clone(),
            facet,
            value: value.to_owned(),
            document: fact.document,
        };
        out.counted.insert(counted("", ""));
        for (facet, value) in values {
            if !selection.iter().any(|(narrowed, _)| narrowed == facet) {
                out.counted.insert(counted(FACETS[*facet], value));
            }
        }
    }
}

/// What changes between two sets of entries: rows to delete and insert, and the change of
/// every count (without zeros).
#[derive(Debug, Default)]
pub(crate) struct Change {
    pub removed: Vec<Member>,
    pub added: Vec<Member>,
    pub counts: Vec<(CountKey, i64)>,
}

/// A `library_counts` row's key: site, selection, facet, value.
pub(crate) type CountKey = (i64, String, &'static str, String);

pub(crate) fn change(before: &Entries, after: &Entries) -> Change {
    let removed = before.members.difference(&after.members).cloned().collect();
    let added = after.members.difference(&before.members).cloned().collect();
    let mut counts: BTreeMap<CountKey, i64> = BTreeMap::new();
    for (entries, delta) in
        [(before.counted.difference(&after.counted), -1), (after.counted.difference(&before.counted), 1)]
    {
        for c in entries {
            *counts.entry((c.site, c.selection.clone(), c.facet, c.value.clone())).or_default() += delta;
        }
    }
    Change { removed, added, counts: counts.into_iter().filter(|(_, n)| *n != 0).collect() }
}

/// Reads the library [`Facts`] of `$ids` (document ids; those that are no published
/// publication have none) through `$tx`, as visible at `$at`.
macro_rules! load_facts {
    ($tx:expr, $ids:expr, $at:expr) => {
        async {
            let ids: &[i64] = $ids;
            let at: time::OffsetDateTime = $at;
            let mut facts: std::collections::BTreeMap<i64, $crate::library::Facts> = Default::default();
            for chunk in ids.chunks($crate::listing::CHUNK) {
                let list = (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
                let sql = format!(
                    "select v.document_id, p.site_id, p.year, p.series, v.language, v.published_at
                     from variants v join publications p on p.document_id = v.document_id
                     where v.document_id in ({list}) and v.kind = 'publication' and v.status = 'published'
                       and v.published_at is not null"
                );
                let mut query =
                    sqlx::query_as::<_, (i64, i64, i32, String, String, time::OffsetDateTime)>(&sql);
                for id in chunk {
                    query = query.bind(id);
                }
                for (document, site, year, series, language, published_at) in
                    query.fetch_all(&mut *$tx).await?
                {
                    if published_at > at {
                        continue;
                    }
                    let fact = facts.entry(document).or_insert_with(|| {
                        let mut values: [Vec<String>; 6] = Default::default();
                        values[0].push(year.to_string());
                        if !series.is_empty() {
                            values[1].push(series.clone());
                        }
                        $crate::library::Facts { document, site, year, values }
                    });
                    if !fact.values[4].contains(&language) {
                        fact.values[4].push(language);
                    }
                }
                let listed: Vec<i64> = chunk.iter().copied().filter(|id| facts.contains_key(id)).collect();
                let (countries, themes, goals) = $crate::listing::load_tags!($tx, &listed).await?;
                for (document, country) in countries {
                    if let Some(fact) = facts.get_mut(&document) {
                        if !fact.values[2].contains(&country) {
                            fact.values[2].push(country);
                        }
                    }
                }
                for (document, theme) in themes {
                    if let Some(fact) = facts.get_mut(&document) {
                        let theme = theme.to_string();
                        if !fact.values[3].contains(&theme) {
                            fact.values[3].push(theme);
                        }
                    }
                }
                for (document, goal) in goals {
                    if let Some(fact) = facts.get_mut(&document) {
                        fact.values[5].push(goal.to_string());
                    }
                }
            }
            Ok::<Vec<$crate::library::Facts>, sqlx::Error>(facts.into_values().collect())
        }
    };
}
pub(crate) use load_facts;

/// Writes a [`Change`] through `$tx`; `$pool` only picks the query builder's database.
macro_rules! apply {
    ($pool:expr, $tx:expr, $change:expr) => {
        async {
            let change: &$crate::library::Change = $change;
            for row in &change.removed {
                sqlx::query(
                    "delete from library where site_id = $1 and selection = $2 and year = $3 and document_id = $4",
                )
                .bind(row.site)
                .bind(&row.selection)
                .bind(row.year)
                .bind(row.document)
                .execute(&mut *$tx)
                .await?;
            }
            for chunk in change.added.chunks($crate::listing::CHUNK) {
                let mut query =
                    $crate::listing::builder($pool, "insert into library (site_id, selection, year, document_id) ");
                query.push_values(chunk, |mut b, row| {
                    b.push_bind(row.site).push_bind(row.selection.clone()).push_bind(row.year).push_bind(row.document);
                });
                query.push(" on conflict do nothing");
                query.build().execute(&mut *$tx).await?;
            }
            for chunk in change.counts.chunks($crate::listing::CHUNK) {
                let mut query = $crate::listing::builder(
                    $pool,
                    "insert into library_counts (site_id, selection, facet, value, n) ",
                );
                query.push_values(chunk, |mut b, ((site, selection, facet, value), n)| {
                    b.push_bind(*site)
                        .push_bind(selection.clone())
                        .push_bind(*facet)
                        .push_bind(value.clone())
                        .push_bind(*n);
                });
                query.push(
                    " on conflict (site_id, selection, facet, value) do update set n = library_counts.n + excluded.n
                     returning site_id, selection, facet, value, n",
                );
                let counted: Vec<(i64, String, String, String, i64)> =
                    query.build_query_as().fetch_all(&mut *$tx).await?;
                // A value nothing has any more leaves its facet.
                for (site, selection, facet, value, _) in counted.iter().filter(|row| row.4 == 0) {
                    sqlx::query(
                        "delete from library_counts where site_id = $1 and selection = $2 and facet = $3
                         and value = $4 and n = 0",
                    )
                    .bind(site)
                    .bind(selection)
                    .bind(facet)
                    .bind(value)
                    .execute(&mut *$tx)
                    .await?;
                }
            }
            Ok::<(), sqlx::Error>(())
        }
    };
}
pub(crate) use apply;

impl crate::Store {
    /// Builds every library anew from the publications, in batches of their own transactions:
    /// after the migration that added them. Tests compare the entries kept on write with its
    /// result.
    pub async fn rebuild_library(&self) -> crate::Result<()> {
        crate::on_pool!(self, |pool| async {
            sqlx::query("delete from library").execute(pool).await?;
            sqlx::query("delete from library_counts").execute(pool).await?;
            let mut last = 0_i64;
            loop {
                let mut tx = pool.begin_with(self.begin_write()).await?;
                let batch: Vec<i64> = sqlx::query_scalar(
                    "select id from documents where kind = 'publication' and id > $1 order by id limit $2",
                )
                .bind(last)
                .bind(crate::listing::CHUNK as i64)
                .fetch_all(&mut *tx)
                .await?;
                let Some(&end) = batch.last() else { break };
                let sites = crate::listing::load_sites!(tx).await?;
                let facts = load_facts!(tx, &batch, crate::now()).await?;
                apply!(pool, tx, &change(&Entries::default(), &entries(&facts, &sites))).await?;
                tx.commit().await?;
                last = end;
            }
            sqlx::query("delete from pending_rebuilds where name = 'library'").execute(pool).await?;
            Ok::<(), sqlx::Error>(())
        }
        .await)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(document: i64, site: i64, values: [&[&str]; 6]) -> Facts {
        Facts {
            document,
            site,
            year: values[0][0].parse().expect("year"),
            values: values.map(|v| v.iter().map(|s| (*s).to_owned()).collect()),
        }
    }

    #[test]
    fn keys_name_their_filters_in_one_order_whatever_the_order_given() {
        assert_eq!(key(&[]), "");
        assert_eq!(key(&[(2, "SV"), (0, "2024")]), "year=2024&country=SV");
        assert_eq!(key(&[(1, "A & B = 100%")]), "series=A %26 B %3D 100%25");
    }

    #[test]
    fn a_publication_is_in_every_selection_of_at_most_two_of_its_values() {
        let sites = Sites::default();
        let facts = [fact(7, 1, [&["2024"], &[], &["SV", "GT"], &["3"], &["en", "es"], &[]])];
        let entries = entries(&facts, &sites);
        let selections: BTreeSet<&str> = entries.members.iter().map(|m| m.selection.as_str()).collect();
        assert!(selections.contains(""));
        assert!(selections.contains("country=SV&language=es"));
        assert!(selections.contains("year=2024&theme=3"));
        // Two countries at once is no selection: a filter has one value.
        assert!(!selections.contains("country=GT&country=SV"));
        assert!(!selections.iter().any(|s| s.matches('&').count() >= KEPT_FILTERS));
        // 1 + 6 values + pairs of different facets (21 pairs − 1 country pair − 1 language pair).
        assert_eq!(selections.len(), 1 + 6 + 13);
        // The whole library counts the publication once per value, and its size once.
        let whole: Vec<(&str, &str)> = entries
            .counted
            .iter()
            .filter(|c| c.selection.is_empty())
            .map(|c| (c.facet, c.value.as_str()))
            .collect();
        assert_eq!(whole.len(), 7);
        // A country's selection counts the other facets, not countries.
        assert!(!entries.counted.iter().any(|c| c.selection == "country=SV" && c.facet == "country"));
        assert!(entries.counted.iter().any(|c| c.selection == "country=SV" && c.facet == "language"));
    }

    #[test]
    fn a_global_publication_is_in_the_library_of_each_office_of_its_countries() {
        let sites = Sites::from_rows(vec![
            (1, "en".into(), None),
            (2, "es".into(), Some("SV".into())),
            (3, "es".into(), Some("MX".into())),
        ]);
        let facts = [fact(7, 1, [&["2024"], &[], &["SV", "GT"], &[], &["en"], &[]])];
        let listed = entries(&facts, &sites);
        let sites_shown: BTreeSet<i64> = listed.members.iter().map(|m| m.site).collect();
        assert_eq!(sites_shown, BTreeSet::from([1, 2]));
        // On the office it is about the office's country alone.
        let office_countries: BTreeSet<&str> = listed
            .counted
            .iter()
            .filter(|c| c.site == 2 && c.facet == "country")
            .map(|c| c.value.as_str())
            .collect();
        assert_eq!(office_countries, BTreeSet::from(["SV"]));
        assert!(listed.members.iter().any(|m| m.site == 1 && m.selection == "country=GT"));
        assert!(!listed.members.iter().any(|m| m.site == 2 && m.selection.contains("country=GT")));
        // An office's own publication is in its library only.
        let facts = [fact(8, 2, [&["2024"], &[], &["MX"], &[], &["es"], &[]])];
        let sites_shown: BTreeSet<i64> = entries(&facts, &sites).members.iter().map(|m| m.site).collect();
        assert_eq!(sites_shown, BTreeSet::from([2]));
    }

    #[test]
    fn a_worldwide_report_on_a_hundred_offices_stays_under_a_hundred_thousand_rows() {
        let codes: Vec<String> = (0..100_u8)
            .map(|n| format!("{}{}", char::from(b'A' + n / 26), char::from(b'A' + n % 26)))
            .collect();
        let mut rows: Vec<(i64, String, Option<String>)> = vec![(1, "en".into(), None)];
        rows.extend(codes.iter().enumerate().map(|(i, c)| (i as i64 + 2, "en".into(), Some(c.clone()))));
        let sites = Sites::from_rows(rows);
        let countries: Vec<&str> = codes.iter().map(String::as_str).collect();
        let facts = [fact(
            7,
            1,
            [
                &["2024"],
                &["World Migration Report"],
                &countries,
                &["1", "2", "3"],
                &["en", "fr", "es"],
                &["10", "13", "17"],
            ],
        )];
        let entries = entries(&facts, &sites);
        let sites_shown: BTreeSet<i64> = entries.members.iter().map(|m| m.site).collect();
        assert_eq!(sites_shown.len(), 101);
        let rows = entries.members.len() + entries.counted.len();
        assert!(rows < 100_000, "{rows} rows");
    }

    #[test]
    fn a_change_counts_only_what_differs() {
        let sites = Sites::default();
        let before = entries(&[fact(7, 1, [&["2024"], &[], &["SV"], &[], &["en"], &[]])], &sites);
        let after = entries(&[fact(7, 1, [&["2024"], &[], &["GT"], &[], &["en"], &[]])], &sites);
        let change = change(&before, &after);
        let whole: BTreeMap<(&str, &str), i64> = change
            .counts
            .iter()
            .filter(|((_, selection, ..), _)| selection.is_empty())
            .map(|((_, _, facet, value), n)| ((*facet, value.as_str()), *n))
            .collect();
        assert_eq!(whole, BTreeMap::from([(("country", "GT"), 1), (("country", "SV"), -1)]));
        assert!(change.removed.iter().all(|m| m.selection.contains("country=SV")));
        assert!(change.added.iter().all(|m| m.selection.contains("country=GT")));
        assert!(super::change(&before, &before).counts.is_empty());
    }
}
