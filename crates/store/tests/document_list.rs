//! The back office's document list, on both databases: every order walks every row exactly
//! once across pages (ties in the sort key included), forwards and backwards; each filter
//! selects what it says; a site scope is never crossed.

use std::cmp::Ordering;

use portico_content::{Draft, Kind, Role, SiteId, Status, UserId};
use portico_store::testing::{ListFacts, TestDb, new_site as site};
use portico_store::{
    Audit, DOCUMENT_PAGE_SIZE, DateField, DocumentQuery, ImportDocument, ImportVariant, ListOrder, ListTotal,
    NewDocument, NewUser, PageFrom, SortValue, Store,
};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

struct Corpus {
    global: SiteId,
    sv: SiteId,
    jo: SiteId,
    alice: UserId,
    bob: UserId,
}

const COUNTRIES: [&str; 5] = ["SV", "JO", "GT", "MX", "LB"];

/// Three sites and `imported` imported releases whose sort keys tie often (an import saves a
/// batch in one second; publication days and titles repeat), some undated drafts, and a few
/// documents written, translated and moved through the workflow by two people.
async fn corpus(store: &Store, imported: usize) -> Corpus {
    let system = Audit::system("test", "site.create");
    let global = store.create_site(&site("global", &["en", "fr"], None), &system).await.expect("site");
    let sv = store.create_site(&site("sv", &["es", "en"], Some("SV")), &system).await.expect("site");
    let jo = store.create_site(&site("jo", &["ar", "en"], Some("JO")), &system).await.expect("site");
    let user = |email: &str, role, sites: Vec<SiteId>| NewUser {
        email: email.into(),
        name: email.split('@').next().unwrap_or_default().into(),
        password_hash: "x".into(),
        role,
        sites,
    };
    let alice = store
        .create_user(&user("alice@example.org", Role::Author, vec![global]), &system)
        .await
        .expect("user");
    let bob = store
        .create_user(&user("bob@example.org", Role::Editor, vec![global, sv]), &system)
        .await
        .expect("user");
    let base = datetime!(2020-01-01 0:00 UTC);
    let mut batch = Vec::new();
    for i in 0..imported {
        let (site, languages) = match i % 5 {
            0 => (sv, ["es", "en"]),
            1 => (jo, ["ar", "en"]),
            _ => (global, ["en", "fr"]),
        };
        let status = match i % 11 {
            0 => Status::Draft,
            1 => Status::Archived,
            _ => Status::Published,
        };
        let published_at =
            (status != Status::Draft || i % 2 == 0).then(|| base + Duration::days((i % 40) as i64));
        let variants = languages
            .iter()
            .take(1 + usize::from(i % 3 == 0))
            .map(|language| ImportVariant {
                language: (*language).to_owned(),
                draft: Draft {
                    title: format!("Release {} {language}", i % 600),
                    slug: format!("release-{i}"),
                    published_at,
                    countries: vec![COUNTRIES[i % 5].to_owned(), COUNTRIES[(i / 5) % 5].to_owned()]
                        .into_iter()
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                    ..Draft::default()
                },
                status,
            })
            .collect();
        batch.push(ImportDocument {
            site,
            kind: if i % 50 == 7 { Kind::Page } else { Kind::Release },
            variants,
        });
        if batch.len() == 500 {
            store
                .import_documents(std::mem::take(&mut batch), &Audit::system("test", "import"))
                .await
                .expect("import");
        }
    }
    store.import_documents(batch, &Audit::system("test", "import")).await.expect("import");
    let as_user =
        |id: UserId, email: &str| portico_store::Actor::person(id, email, "").doing("document.save");
    for n in 0..6 {
        let draft = Draft {
            title: format!("Alice draft {n}"),
            slug: format!("alice-draft-{n}"),
            countries: vec!["SV".into()],
            ..Draft::default()
        };
        let new = NewDocument {
            site: global,
            kind: Kind::Release,
            language: "en".into(),
            draft: draft.clone(),
            status: Status::Draft,
            author: Some(alice),
        };
        let (document, _) =
            store.create_document(&new, &as_user(alice, "alice@example.org")).await.expect("create");
        if n % 2 == 0 {
            store
                .set_status(
                    document,
                    "en",
                    Status::Draft,
                    Status::InReview,
                    None,
                    &as_user(alice, "alice@example.org"),
                )
                .await
                .expect("submit");
        }
        if n % 3 == 0 {
            let editable =
                store.editable_variant(document, Some("en")).await.expect("read").expect("variant");
            let mut changed = draft.clone();
            changed.title = format!("Alice draft {n}, edited by Bob");
            store
                .update_document(
                    document,
                    "en",
                    editable.revision,
                    &changed,
                    &as_user(bob, "bob@example.org"),
                )
                .await
                .expect("update");
            store
                .create_translation(document, "fr", &as_user(bob, "bob@example.org"))
                .await
                .expect("translate");
        }
    }
    Corpus { global, sv, jo, alice, bob }
}

/// The list's order, written out plainly: undated last, ties by variant id.
fn reference_order(order: ListOrder, descending: bool, a: &ListFacts, b: &ListFacts) -> Ordering {
    let value = |f: &ListFacts| match order {
        ListOrder::Updated => SortValue::At(f.updated_at),
        ListOrder::Published => f.published_at.map_or(SortValue::Undated, SortValue::At),
        ListOrder::Title => SortValue::Title(f.title.clone()),
    };
    let (va, vb) = (value(a), value(b));
    let undated = |v: &SortValue| *v == SortValue::Undated;
    undated(&va).cmp(&undated(&vb)).then_with(|| {
        let o = (va, a.id).cmp(&(vb, b.id));
        if descending { o.reverse() } else { o }
    })
}

/// What the list should show for `query`, from every variant read whole.
fn expected(all: &[ListFacts], query: &DocumentQuery) -> Vec<i64> {
    let date = |f: &ListFacts| match query.dates {
        DateField::Updated => Some(f.updated_at),
        DateField::Published => f.published_at,
    };
    let mut rows: Vec<&ListFacts> = all
        .iter()
        .filter(|f| query.sites.as_ref().is_none_or(|s| s.contains(&SiteId(f.site_id))))
        .filter(|f| query.language.as_ref().is_none_or(|l| *l == f.language))
        .filter(|f| query.kind.is_none_or(|k| k.as_str() == f.kind))
        .filter(|f| query.status.is_none_or(|s| s.as_str() == f.status))
        .filter(|f| query.author.is_none_or(|u| Some(u.0) == f.author_id))
        .filter(|f| query.editor.is_none_or(|u| Some(u.0) == f.updated_by))
        .filter(|f| query.country.as_ref().is_none_or(|c| f.countries.split(',').any(|x| x == c)))
        .filter(|f| query.title.as_ref().is_none_or(|t| f.title.to_lowercase().contains(&t.to_lowercase())))
        .filter(|f| query.from.is_none_or(|from| date(f).is_some_and(|d| d >= from)))
        .filter(|f| query.until.is_none_or(|until| date(f).is_some_and(|d| d < until)))
        .collect();
    rows.sort_by(|a, b| reference_order(query.order, query.descending, a, b));
    rows.into_iter().map(|f| f.id).collect()
}

/// Every page from the start, following `next`; checks each page's size and links.
async fn walk_forward(store: &Store, query: &DocumentQuery) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    let mut from = PageFrom::Start;
    loop {
        let page = store.document_page(query, &from).await.expect("page");
        assert!(page.rows.len() <= DOCUMENT_PAGE_SIZE);
        if !page.cut_short && page.next.is_some() {
            assert_eq!(page.rows.len(), DOCUMENT_PAGE_SIZE, "a page that is not cut short is full");
        }
        assert_eq!(page.previous.is_some(), !pages.is_empty(), "a previous link on every page but the first");
        pages.push(page.rows.iter().map(|r| r.variant.0).collect());
        match page.next {
            Some(next) => from = PageFrom::After(next),
            None => break,
        }
        assert!(pages.len() < 1000, "paging does not end");
    }
    pages
}

/// Every page before the last one, following `previous` backwards.
async fn walk_backward(
    store: &Store,
    query: &DocumentQuery,
    last_first_row: portico_store::ListPosition,
) -> Vec<i64> {
    let mut seen: Vec<Vec<i64>> = Vec::new();
    let mut from = PageFrom::Before(last_first_row);
    loop {
        let page = store.document_page(query, &from).await.expect("page");
        seen.push(page.rows.iter().map(|r| r.variant.0).collect());
        match page.previous {
            Some(previous) => from = PageFrom::Before(previous),
            None => break,
        }
        assert!(seen.len() < 1000, "paging back does not end");
    }
    // Going back past the last row that matches may land on the first page again (a scan
    // cannot know there is nothing further back before it looks): seen once here.
    let mut once = std::collections::HashSet::new();
    seen.into_iter().rev().flatten().filter(|id| once.insert(*id)).collect()
}

async fn check(store: &Store, all: &[ListFacts], name: &str, query: &DocumentQuery) {
    let want = expected(all, query);
    let pages = walk_forward(store, query).await;
    let got: Vec<i64> = pages.iter().flatten().copied().collect();
    assert_eq!(got.len(), want.len(), "{} {name}: how many rows", store.backend());
    assert_eq!(got, want, "{} {name}: every row once, in order", store.backend());
    if pages.len() > 1 {
        // Back from the last page: the rows before it, in order, and on full pages.
        let last_first = {
            let page = store.document_page(query, &PageFrom::Start).await.expect("page");
            let mut last = page;
            while let Some(next) = last.next.clone() {
                last = store.document_page(query, &PageFrom::After(next)).await.expect("page");
            }
            last.rows.first().map(|r| r.position.clone())
        };
        if let Some(position) = last_first {
            let before = walk_backward(store, query, position).await;
            let last_len = pages.last().map_or(0, Vec::len);
            assert_eq!(before, want[..want.len() - last_len], "{} {name}: paging back", store.backend());
        }
    }
}

#[tokio::test]
async fn every_order_walks_every_row_once_forwards_and_backwards_with_ties() {
    for db in TestDb::each().await {
        let store = &db.store;
        let c = corpus(store, 700).await;
        let all = store.list_facts().await.expect("facts");
        assert!(all.len() > 800);
        for order in [ListOrder::Updated, ListOrder::Published, ListOrder::Title] {
            for descending in [true, false] {
                let query = DocumentQuery { order, descending, ..DocumentQuery::default() };
                check(store, &all, &format!("{order:?} desc={descending}"), &query).await;
                let scoped = DocumentQuery { sites: Some(vec![c.sv, c.jo]), ..query.clone() };
                check(store, &all, &format!("{order:?} desc={descending}, two sites"), &scoped).await;
            }
        }
    }
}

#[tokio::test]
async fn each_filter_selects_what_it_says_in_every_order() {
    for db in TestDb::each().await {
        let store = &db.store;
        let c = corpus(store, 700).await;
        let all = store.list_facts().await.expect("facts");
        let d = DocumentQuery { descending: true, ..DocumentQuery::default() };
        let filters: Vec<(&str, DocumentQuery)> = vec![
            ("site", DocumentQuery { sites: Some(vec![c.sv]), ..d.clone() }),
            ("language", DocumentQuery { language: Some("fr".into()), ..d.clone() }),
            ("kind", DocumentQuery { kind: Some(Kind::Page), ..d.clone() }),
            ("status draft", DocumentQuery { status: Some(Status::Draft), ..d.clone() }),
            (
                "status in review, one site",
                DocumentQuery { status: Some(Status::InReview), sites: Some(vec![c.global]), ..d.clone() },
            ),
            ("status published", DocumentQuery { status: Some(Status::Published), ..d.clone() }),
            ("author", DocumentQuery { author: Some(c.alice), ..d.clone() }),
            (
                "author, other sites",
                DocumentQuery { author: Some(c.alice), sites: Some(vec![c.sv]), ..d.clone() },
            ),
            ("last changed by", DocumentQuery { editor: Some(c.bob), ..d.clone() }),
            ("country", DocumentQuery { country: Some("GT".into()), ..d.clone() }),
            ("title words", DocumentQuery { title: Some("EASE 12".into()), ..d.clone() }),
            ("title with a wildcard", DocumentQuery { title: Some("%".into()), ..d.clone() }),
            (
                "updated range",
                DocumentQuery {
                    from: Some(OffsetDateTime::now_utc() - Duration::days(1)),
                    until: Some(OffsetDateTime::now_utc() + Duration::days(1)),
                    ..d.clone()
                },
            ),
            (
                "published range",
                DocumentQuery {
                    dates: DateField::Published,
                    from: Some(datetime!(2020-01-10 0:00 UTC)),
                    until: Some(datetime!(2020-01-20 0:00 UTC)),
                    ..d.clone()
                },
            ),
            (
                "many sites, checked per row",
                DocumentQuery {
                    sites: Some((0..13).map(|n| SiteId(c.sv.0 + 100 + n)).chain([c.jo]).collect()),
                    ..d.clone()
                },
            ),
            (
                "everything at once",
                DocumentQuery {
                    sites: Some(vec![c.global, c.sv]),
                    language: Some("en".into()),
                    kind: Some(Kind::Release),
                    status: Some(Status::Published),
                    country: Some("SV".into()),
                    title: Some("release".into()),
                    dates: DateField::Published,
                    from: Some(datetime!(2020-01-05 0:00 UTC)),
                    ..d.clone()
                },
            ),
        ];
        for (name, query) in filters {
            assert!(
                !expected(&all, &query).is_empty()
                    || name.contains("wildcard")
                    || name.contains("other sites"),
                "{name}: the corpus has rows for it"
            );
            for order in [ListOrder::Updated, ListOrder::Published, ListOrder::Title] {
                let query = DocumentQuery { order, ..query.clone() };
                check(store, &all, &format!("{name}, {order:?}"), &query).await;
            }
        }
        let _ = c.global;
    }
}

#[tokio::test]
async fn a_rare_filter_past_the_scan_budget_reads_on_from_where_the_budget_ran_out() {
    for db in TestDb::each().await {
        let store = &db.store;
        corpus(store, 2600).await;
        let all = store.list_facts().await.expect("facts");
        assert!(all.len() > portico_store::SCAN_BUDGET);
        // Pages are scattered: at most a few of them per budget's worth of rows.
        let query = DocumentQuery { kind: Some(Kind::Page), descending: true, ..DocumentQuery::default() };
        check(store, &all, "pages among many releases", &query).await;
        let first = store.document_page(&query, &PageFrom::Start).await.expect("page");
        assert!(first.cut_short && first.next.is_some(), "a short page says more may follow");
        assert_eq!(store.document_total(&query).await.expect("total"), ListTotal::Unknown);
    }
}

#[tokio::test]
async fn a_site_scope_is_never_crossed_and_totals_are_bounded() {
    for db in TestDb::each().await {
        let store = &db.store;
        let c = corpus(store, 1200).await;
        let all = store.list_facts().await.expect("facts");
        for order in [ListOrder::Updated, ListOrder::Published, ListOrder::Title] {
            let query = DocumentQuery {
                sites: Some(vec![c.sv]),
                order,
                descending: true,
                ..DocumentQuery::default()
            };
            let rows: Vec<i64> = walk_forward(store, &query).await.into_iter().flatten().collect();
            let sites: std::collections::BTreeSet<i64> =
                rows.iter().filter_map(|id| all.iter().find(|f| f.id == *id)).map(|f| f.site_id).collect();
            assert_eq!(sites, [c.sv.0].into(), "{} {order:?}", store.backend());
            // A filter that would select another site's rows selects nothing outside the scope.
            let alice = DocumentQuery { author: Some(c.alice), ..query.clone() };
            assert!(store.document_page(&alice, &PageFrom::Start).await.expect("page").rows.is_empty());
        }
        let nothing = DocumentQuery { sites: Some(vec![]), ..DocumentQuery::default() };
        assert!(store.document_page(&nothing, &PageFrom::Start).await.expect("page").rows.is_empty());
        assert_eq!(store.document_total(&nothing).await.expect("total"), ListTotal::Exactly(0));

        let everything = DocumentQuery::default();
        assert_eq!(store.document_total(&everything).await.expect("total"), ListTotal::MoreThan(1000));
        let sv = DocumentQuery { sites: Some(vec![c.sv]), ..DocumentQuery::default() };
        let in_sv = all.iter().filter(|f| f.site_id == c.sv.0).count() as i64;
        assert!(in_sv <= 1000);
        assert_eq!(store.document_total(&sv).await.expect("total"), ListTotal::Exactly(in_sv));
        let review = DocumentQuery {
            status: Some(Status::InReview),
            sites: Some(vec![c.global, c.sv]),
            ..DocumentQuery::default()
        };
        assert_eq!(store.document_total(&review).await.expect("total"), ListTotal::Exactly(3));
        let by_alice = DocumentQuery { author: Some(c.alice), ..DocumentQuery::default() };
        assert_eq!(store.document_total(&by_alice).await.expect("total"), ListTotal::Exactly(6));
    }
}
