//! What the editor's pickers ask for while a person types: the partners and media contacts
//! whose names hold the words typed, and the ones a draft already names. Every query returns
//! at most the limit it is given, in name order.
//!
//! The words match anywhere in a name ("cross" finds "Red Cross"), which no B-tree index can
//! answer: a search reads at most the whole table (SQLite walks it in name order through
//! `partners_by_name` and stops at the limit; PostgreSQL may scan and keep the top few). These
//! tables are as large as the organization's address book, thousands of rows, never the
//! archive; the images, which grow with it, are paged by index (`Store::image_page`).

use portico_content::{PartnerId, SiteId};

use crate::{Contact, Partner, PartnerName, Result, Store, on_pool};

/// The `like` pattern (with `\` as its escape) that finds `words` anywhere, in their order, any
/// text between them: "red  cross" → `%red%cross%`. Case is folded by the query (`lower` on
/// both sides, so that each database folds the pattern as it folds its column).
pub(crate) fn like_pattern(words: &str) -> String {
    let mut pattern = String::from("%");
    for word in words.split_whitespace() {
        for c in word.chars() {
            if matches!(c, '%' | '_' | '\\') {
                pattern.push('\\');
            }
            pattern.push(c);
        }
        pattern.push('%');
    }
    pattern
}

/// `$first, $first+1, …` for `count` values bound from `$first` on.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

impl Store {
    /// Up to `limit` partners that documents of `site` may link whose name, acronym or key
    /// holds `words`, or whose name or acronym in `language` does, in order of their default
    /// name; each with its names in other languages.
    pub async fn search_partners(
        &self,
        site: SiteId,
        words: &str,
        language: &str,
        limit: i64,
    ) -> Result<Vec<Partner>> {
        const SQL: &str = "select p.id, p.slug, p.name, p.acronym, p.site_id from partners p
             left join partner_names n on n.partner_id = p.id and n.language = $2
             where (lower(p.name) like lower($1) escape '\\' or lower(p.acronym) like lower($1) escape '\\'
                or lower(p.slug) like lower($1) escape '\\'
                or lower(coalesce(n.name, '')) like lower($1) escape '\\'
                or lower(coalesce(n.acronym, '')) like lower($1) escape '\\')
               and (p.site_id is null or p.site_id = $4)
             order by p.name, p.id limit $3";
        let pattern = like_pattern(words);
        let partners: Vec<Partner> = on_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(&pattern).bind(language).bind(limit).bind(site.0).fetch_all(pool).await
        })?;
        self.with_partner_names(partners).await
    }

    /// The partners with these keys, in the order given; unknown keys are left out.
    pub async fn partners_by_slugs(&self, slugs: &[String]) -> Result<Vec<Partner>> {
        if slugs.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "select id, slug, name, acronym, site_id from partners where slug in ({})",
            placeholders(1, slugs.len())
        );
        let found: Vec<Partner> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(&sql);
            for slug in slugs {
                query = query.bind(slug);
            }
            query.fetch_all(pool).await
        })?;
        let mut found = self.with_partner_names(found).await?;
        found.sort_by_key(|p| slugs.iter().position(|s| *s == p.slug));
        Ok(found)
    }

    /// Fills in the names in other languages of a few partners.
    async fn with_partner_names(&self, mut partners: Vec<Partner>) -> Result<Vec<Partner>> {
        if partners.is_empty() {
            return Ok(partners);
        }
        let ids: Vec<PartnerId> = partners.iter().map(|p| p.id).collect();
        let sql = format!(
            "select partner_id, language, name, acronym from partner_names where partner_id in ({})
             order by partner_id, language",
            placeholders(1, ids.len())
        );
        let names: Vec<(i64, String, String, String)> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(&sql);
            for id in &ids {
                query = query.bind(id.0);
            }
            query.fetch_all(pool).await
        })?;
        for (id, language, name, acronym) in names {
            if let Some(partner) = partners.iter_mut().find(|p| p.id.0 == id) {
                partner.names.push(PartnerName { language, name, acronym });
            }
        }
        Ok(partners)
    }

    /// Up to `limit` media contacts that documents of `site` may link whose name, office,
    /// email or key holds `words`, by name.
    pub async fn search_contacts(&self, site: SiteId, words: &str, limit: i64) -> Result<Vec<Contact>> {
        const SQL: &str = "select id, key, name, office, phone, email, site_id from contacts
             where (lower(name) like lower($1) escape '\\' or lower(office) like lower($1) escape '\\'
                or lower(email) like lower($1) escape '\\' or lower(key) like lower($1) escape '\\')
               and (site_id is null or site_id = $3)
             order by name, id limit $2";
        let pattern = like_pattern(words);
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(&pattern).bind(limit).bind(site.0).fetch_all(pool).await
        })?)
    }

    /// The contacts with these keys, in the order given; unknown keys are left out.
    pub async fn contacts_by_keys(&self, keys: &[String]) -> Result<Vec<Contact>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "select id, key, name, office, phone, email, site_id from contacts where key in ({})",
            placeholders(1, keys.len())
        );
        let mut found: Vec<Contact> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(&sql);
            for key in keys {
                query = query.bind(key);
            }
            query.fetch_all(pool).await
        })?;
        found.sort_by_key(|c| keys.iter().position(|k| *k == c.key));
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::like_pattern;
    use crate::testing::TestDb;
    use crate::{NewContact, NewPartner};

    #[test]
    fn words_match_in_order_with_wildcards_taken_literally() {
        assert_eq!(like_pattern("  red   cross "), "%red%cross%");
        assert_eq!(like_pattern("100%_a\\b"), "%100\\%\\_a\\\\b%");
        assert_eq!(like_pattern(""), "%");
    }

    #[tokio::test]
    async fn partners_and_contacts_are_found_by_any_part_of_their_names_up_to_the_limit() {
        for db in TestDb::each().await {
            let store = &db.store;
            let audit = crate::Audit::system("test", "site.create");
            let global = store.create_site(&crate::testing::new_site("global", &["en"], None), &audit).await;
            let office =
                store.create_site(&crate::testing::new_site("sv", &["es"], Some("SV")), &audit).await;
            let (global, office) = (global.expect("site"), office.expect("site"));
            for n in 0..30 {
                store
                    .upsert_partner(&NewPartner {
                        slug: format!("partner-{n:02}"),
                        name: format!("Red Cross Society {n:02}"),
                        acronym: String::new(),
                        names: Vec::new(),
                    })
                    .await
                    .expect("partner");
            }
            store
                .upsert_partner(&NewPartner {
                    slug: "unhcr".into(),
                    name: "United Nations High Commissioner for Refugees".into(),
                    acronym: "UNHCR".into(),
                    names: Vec::new(),
                })
                .await
                .expect("partner");
            store
                .upsert_partner(&NewPartner {
                    slug: "odd".into(),
                    name: "100% _Odd".into(),
                    acronym: String::new(),
                    names: Vec::new(),
                })
                .await
                .expect("partner");
            let found = store.search_partners(global, "cross 1", "en", 5).await.expect("search");
            let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(
                names,
                [
                    "Red Cross Society 01",
                    "Red Cross Society 10",
                    "Red Cross Society 11",
                    "Red Cross Society 12",
                    "Red Cross Society 13"
                ],
                "{}",
                db.url()
            );
            let by_acronym = store.search_partners(global, "unhc", "fr", 5).await.expect("search");
            assert_eq!(by_acronym.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["unhcr"]);
            // A wildcard typed is a character looked for, not a wildcard.
            let literal = store.search_partners(global, "0%", "en", 50).await.expect("search");
            assert_eq!(literal.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["odd"], "{}", db.url());
            let literal = store.search_partners(global, "_o", "en", 50).await.expect("search");
            assert_eq!(literal.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["odd"], "{}", db.url());

            let chosen = store
                .partners_by_slugs(&["unhcr".into(), "nobody".into(), "partner-03".into()])
                .await
                .expect("by slugs");
            assert_eq!(chosen.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["unhcr", "partner-03"]);

            store
                .upsert_contact(&NewContact {
                    key: "ana".into(),
                    name: "Ana Pérez".into(),
                    office: "IOM El Salvador".into(),
                    phone: String::new(),
                    email: "aperez@example.org".into(),
                    names: Vec::new(),
                })
                .await
                .expect("contact");
            let found = store.search_contacts(global, "salvador", 5).await.expect("search");
            assert_eq!(found.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(), ["ana"], "{}", db.url());
            assert!(store.search_contacts(global, "guatemala", 5).await.expect("search").is_empty());
            let chosen = store.contacts_by_keys(&["ana".into(), "bob".into()]).await.expect("by keys");
            assert_eq!(chosen.len(), 1);

            // What an office keeps for itself is found on its documents only.
            let audit = crate::Audit::system("test", "taxonomy.create");
            let own = |kind, key: &'static str, fields: &'static [&'static str]| {
                store.create_taxonomy_entry(kind, key, fields, Some(office), &audit)
            };
            own(crate::TaxonomyKind::Partner, "alcaldia", &["Alcaldía de San Salvador", ""])
                .await
                .expect("own");
            own(crate::TaxonomyKind::Contact, "rosa", &["Rosa Díaz", "OIM El Salvador", "", ""])
                .await
                .expect("own");
            let slugs = |found: Vec<crate::Partner>| found.into_iter().map(|p| p.slug).collect::<Vec<_>>();
            assert!(
                slugs(store.search_partners(global, "alcald", "en", 5).await.expect("search")).is_empty()
            );
            assert_eq!(
                slugs(store.search_partners(office, "alcald", "es", 5).await.expect("search")),
                ["alcaldia"]
            );
            let keys = |found: Vec<crate::Contact>| found.into_iter().map(|c| c.key).collect::<Vec<_>>();
            assert_eq!(keys(store.search_contacts(global, "salvador", 5).await.expect("search")), ["ana"]);
            assert_eq!(
                keys(store.search_contacts(office, "salvador", 5).await.expect("search")),
                ["ana", "rosa"],
                "{}",
                db.url()
            );
        }
    }

    #[tokio::test]
    async fn images_come_a_page_at_a_time_newest_first_and_searched_by_their_words() {
        for db in TestDb::each().await {
            let store = &db.store;
            let site = store
                .create_site(
                    &crate::NewSite {
                        key: "global".into(),
                        name: "Global".into(),
                        languages: vec!["en".into()],
                        country: None,
                        hosts: vec![],
                        names: Default::default(),
                        fallback_to_default: true,
                    },
                    &crate::Audit::system("test", "site.create"),
                )
                .await
                .expect("site");
            let mut ids = Vec::new();
            for n in 0..7 {
                let media = crate::NewMedia {
                    site,
                    kind: if n == 3 { "file".into() } else { "image".into() },
                    file_name: format!("photo-{n}.jpg"),
                    mime: "image/jpeg".into(),
                    width: 800,
                    height: 500,
                    bytes: 1000,
                    alt: if n % 2 == 0 { format!("Families at the Harbour {n}") } else { String::new() },
                    caption: String::new(),
                    credit: String::new(),
                    renditions: vec!["320.webp".into()],
                    created_by: None,
                    pdf: None,
                };
                ids.push(
                    store
                        .create_media(&media, &crate::Audit::system("test", "media.upload"))
                        .await
                        .expect("media"),
                );
            }
            let first = store.image_page(site, "", None, 4).await.expect("page");
            let shown: Vec<_> = first.items.iter().map(|m| m.id).collect();
            assert_eq!(shown, [ids[6], ids[5], ids[4], ids[2]], "newest first, files left out: {}", db.url());
            assert_eq!(first.next, Some(ids[2]));
            let second = store.image_page(site, "", first.next, 4).await.expect("page");
            assert_eq!(second.items.iter().map(|m| m.id).collect::<Vec<_>>(), [ids[1], ids[0]]);
            assert_eq!(second.next, None, "the last page says so");

            let found = store.image_page(site, "harbour", None, 2).await.expect("search");
            assert_eq!(
                found.items.iter().map(|m| m.id).collect::<Vec<_>>(),
                [ids[6], ids[4]],
                "{}",
                db.url()
            );
            let rest = store.image_page(site, "HARBOUR", found.next, 2).await.expect("search");
            assert_eq!(rest.items.iter().map(|m| m.id).collect::<Vec<_>>(), [ids[2], ids[0]]);
            let by_name = store.image_page(site, "photo-5", None, 10).await.expect("search");
            assert_eq!(by_name.items.iter().map(|m| m.id).collect::<Vec<_>>(), [ids[5]]);
            assert_eq!(by_name.next, None, "a window not filled has nothing beyond it");
            let other_site = portico_content::SiteId(site.0 + 1000);
            assert!(store.image_page(other_site, "", None, 10).await.expect("page").items.is_empty());
        }
    }

    /// The plan of `sql` on `store`, one line per node.
    async fn plan(store: &crate::Store, sql: &str, binds: &[&str]) -> Vec<String> {
        use sqlx::Row;
        let explain = match store.backend() {
            "sqlite" => format!("explain query plan {sql}"),
            _ => format!("explain {sql}"),
        };
        let column = if store.backend() == "sqlite" { "detail" } else { "QUERY PLAN" };
        crate::on_pool!(store, |pool| async {
            let mut query = sqlx::query(&explain);
            for bind in binds {
                query = match bind.parse::<i64>() {
                    Ok(n) => query.bind(n),
                    Err(_) => query.bind(*bind),
                };
            }
            let rows = query.fetch_all(pool).await.expect("explain");
            rows.iter().map(|row| row.try_get::<String, _>(column).expect("plan line")).collect::<Vec<_>>()
        }
        .await)
    }

    #[tokio::test]
    async fn a_page_of_images_reads_one_sites_images_by_index_however_many_there_are() {
        for db in TestDb::each().await {
            let store = &db.store;
            let mut sites = Vec::new();
            for key in ["global", "sv"] {
                let site = store
                    .create_site(
                        &crate::NewSite {
                            key: key.into(),
                            name: key.into(),
                            languages: vec!["en".into()],
                            country: None,
                            hosts: vec![],
                            names: Default::default(),
                            fallback_to_default: true,
                        },
                        &crate::Audit::system("test", "site.create"),
                    )
                    .await
                    .expect("site");
                sites.push(site);
            }
            // Twenty thousand uploads, a tenth of them files: nearly all the global site's, one
            // in a hundred a country office's, whose pages must not walk the others'.
            crate::on_pool!(store, |pool| {
                sqlx::query(
                    "with recursive n (i) as (select 1 union all select i + 1 from n where i < 20000)
                     insert into media (site_id, kind, file_name, mime, bytes, alt, created_at, token)
                     select case when i % 100 = 0 then $2 else $1 end,
                            case when i % 10 = 0 then 'file' else 'image' end,
                            'photo-' || cast(i as text) || '.jpg', 'image/jpeg', 1000,
                            'Picture ' || cast(i as text), $3, 'token'
                     from n",
                )
                .bind(sites[0].0)
                .bind(sites[1].0)
                .bind(crate::now())
                .execute(pool)
                .await
                .map(|_| ())
            })
            .expect("media");
            if store.backend() == "postgres" {
                crate::on_pool!(store, |pool| sqlx::query("analyze").execute(pool).await.map(|_| ()))
                    .expect("analyze");
            }
            let window = crate::IMAGE_SEARCH_WINDOW.to_string();
            let (big, small) = (sites[0].0.to_string(), sites[1].0.to_string());
            let last = "9223372036854775807";
            for (picked, (site, indexed)) in [crate::media::Picked::Images, crate::media::Picked::Files]
                .into_iter()
                .flat_map(|picked| [(picked, (&big, false)), (picked, (&small, true))])
            {
                let queries = [
                    ("first page", crate::media::image_page_sql(picked), vec![site.as_str(), last, "25"]),
                    (
                        "a later page",
                        crate::media::image_page_sql(picked),
                        vec![site.as_str(), "15000", "25"],
                    ),
                    (
                        "a search",
                        crate::media::image_search_sql(picked),
                        vec![site.as_str(), last, window.as_str(), "%harbour%", "25"],
                    ),
                    (
                        "a search's window",
                        crate::media::image_window_sql(picked),
                        vec![site.as_str(), "15000", window.as_str()],
                    ),
                ];
                for (name, sql, binds) in queries {
                    let plan = plan(store, &sql, &binds).await;
                    let text = plan.join("\n");
                    let backend = store.backend();
                    // A site with most of the uploads may be read newest first by the primary
                    // key, as many rows as the page needs; a small one only through its own.
                    if indexed {
                        assert!(text.contains("media_by_site_kind"), "{name}, small site, {backend}: {text}");
                    }
                    let full_scan = plan.iter().any(|line| {
                        let line = line.trim();
                        line.starts_with("SCAN media") || line.contains("Seq Scan on media")
                    });
                    assert!(!full_scan, "{name} reads every upload on {backend}: {text}");
                }
            }
        }
    }
}
