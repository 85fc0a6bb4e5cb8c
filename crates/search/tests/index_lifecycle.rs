//! Upserts, deletes, rebuilds, commits, crashes and sharing, in RAM and on disk.

mod support;

use std::thread;

use portico_search::{IndexDoc, SearchError, SearchIndex, SearchQuery};
use support::{found, index_with, query, release};

fn on_disk(dir: &std::path::Path) -> SearchIndex {
    SearchIndex::open(dir).expect("open index")
}

#[test]
fn the_index_is_shareable_across_threads() {
    fn shareable<T: Send + Sync + Clone + 'static>() {}
    shareable::<SearchIndex>();
}

#[test]
fn changes_are_invisible_until_commit() {
    let index = SearchIndex::in_memory().expect("index");
    index.upsert(&release(1, "en", "Migrants at sea")).expect("upsert");
    assert!(found(&index, "migrants").is_empty());
    assert_eq!(index.num_docs(), 0);
    index.commit(1).expect("commit");
    assert_eq!(found(&index, "migrants"), [1]);
    assert_eq!(index.num_docs(), 1);
}

#[test]
fn upsert_replaces_the_earlier_version() {
    let index = index_with(&[release(1, "en", "Old title about floods")]);
    index.upsert(&release(1, "en", "New title about droughts")).expect("upsert");
    index.commit(2).expect("commit");
    assert!(found(&index, "floods").is_empty());
    assert_eq!(found(&index, "droughts"), [1]);
    assert_eq!(index.num_docs(), 1);
}

#[test]
fn upserting_twice_in_one_batch_keeps_one_document() {
    let index = SearchIndex::in_memory().expect("index");
    index.upsert(&release(1, "en", "First draft of floods")).expect("upsert");
    index.upsert(&release(1, "en", "Second version of floods")).expect("upsert");
    index.commit(1).expect("commit");
    assert_eq!(found(&index, "floods"), [1]);
    assert_eq!(index.num_docs(), 1);
    assert!(found(&index, "draft").is_empty());
}

#[test]
fn a_language_change_moves_the_variant_to_the_new_analysis() {
    let index = index_with(&[release(1, "en", "Niños")]);
    index.upsert(&release(1, "es", "Niños")).expect("upsert");
    index.commit(2).expect("commit");
    assert_eq!(found(&index, "niño"), [1]);
    let results = index.search(&query("")).expect("search");
    assert_eq!(results.hits[0].language, "es");
    assert_eq!(results.facets.language.len(), 1);
}

#[test]
fn delete_removes_a_variant_after_commit() {
    let index =
        index_with(&[release(1, "en", "Floods in the north"), release(2, "en", "Floods in the south")]);
    index.delete(1).expect("delete");
    assert_eq!(found(&index, "floods").len(), 2);
    index.commit(2).expect("commit");
    assert_eq!(found(&index, "floods"), [2]);
    index.delete(12345).expect("deleting an unknown variant is a no-op");
    index.commit(3).expect("commit");
    assert_eq!(index.num_docs(), 1);
}

#[test]
fn clear_then_reindex_replaces_everything_at_commit() {
    let index =
        index_with(&[release(1, "en", "Floods in the north"), release(2, "en", "Floods in the south")]);
    index.clear().expect("clear");
    index.upsert(&release(3, "en", "Floods in the east")).expect("upsert");
    // Readers keep the old index until the rebuild is committed.
    assert_eq!(found(&index, "floods").len(), 2);
    index.commit(50).expect("commit");
    assert_eq!(found(&index, "floods"), [3]);
    assert_eq!(index.num_docs(), 1);
    assert_eq!(index.last_applied_change(), Some(50));
}

#[test]
fn clear_drops_uncommitted_upserts_too() {
    let index = SearchIndex::in_memory().expect("index");
    index.upsert(&release(1, "en", "Floods")).expect("upsert");
    index.clear().expect("clear");
    index.commit(1).expect("commit");
    assert_eq!(index.num_docs(), 0);
}

#[test]
fn sites_never_see_each_others_documents() {
    let site_two =
        |id| IndexDoc { site_id: 2, countries: vec!["KE".into()], ..release(id, "en", "Floods in Kenya") };
    let index = index_with(&[release(1, "en", "Floods in Peru"), site_two(2), site_two(3)]);
    let site_one = index.search(&query("floods")).expect("search");
    assert_eq!(site_one.total, 1);
    assert_eq!(site_one.hits[0].variant_id, 1);
    let listing = index.search(&query("")).expect("search");
    assert_eq!(listing.total, 1);
    assert!(listing.facets.country.is_empty(), "site 2's countries are not counted");
    let kenya = index.search(&SearchQuery { countries: vec!["KE".into()], ..query("") }).expect("search");
    assert_eq!(kenya.total, 0);
    let site_two_results = index.search(&SearchQuery { site_id: 2, ..query("floods") }).expect("search");
    assert_eq!(site_two_results.total, 2);
    let nobody = index.search(&SearchQuery { site_id: 3, ..query("") }).expect("search");
    assert_eq!(nobody.total, 0);
}

#[test]
fn a_new_index_has_applied_no_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(on_disk(dir.path()).last_applied_change(), None);
    assert_eq!(SearchIndex::in_memory().expect("index").last_applied_change(), None);
}

#[test]
fn open_creates_missing_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let nested = dir.path().join("data").join("search");
    let index = on_disk(&nested);
    index.upsert(&release(1, "en", "Floods")).expect("upsert");
    index.commit(1).expect("commit");
    assert!(nested.join("meta.json").exists());
}

#[test]
fn committed_work_and_its_change_id_survive_a_crash_and_the_rest_does_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let index = on_disk(dir.path());
        index.upsert(&release(1, "en", "Floods in the north")).expect("upsert");
        index.upsert(&release(2, "es", "Niño en la escuela")).expect("upsert");
        index.commit(42).expect("commit");
        assert_eq!(index.last_applied_change(), Some(42));
        // Applied after the commit, then the process "dies": dropped without committing.
        index.upsert(&release(3, "en", "Floods in the south")).expect("upsert");
        index.delete(1).expect("delete");
    }
    let reopened = on_disk(dir.path());
    assert_eq!(reopened.last_applied_change(), Some(42));
    assert_eq!(reopened.num_docs(), 2);
    assert_eq!(found(&reopened, "floods"), [1]);
    assert_eq!(found(&reopened, "niños"), [2]);

    // The indexer resumes after change 42 and carries on.
    reopened.upsert(&release(3, "en", "Floods in the south")).expect("upsert");
    reopened.commit(43).expect("commit");
    assert_eq!(reopened.last_applied_change(), Some(43));
    assert_eq!(found(&reopened, "floods").len(), 2);
}

#[test]
fn commits_without_changes_still_record_the_change_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let index = on_disk(dir.path());
        index.commit(7).expect("commit");
        index.commit(8).expect("commit");
    }
    assert_eq!(on_disk(dir.path()).last_applied_change(), Some(8));
}

#[test]
fn only_one_writer_may_hold_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = on_disk(dir.path());
    first.upsert(&release(1, "en", "Floods")).expect("upsert");
    first.commit(1).expect("commit");

    let second = on_disk(dir.path());
    assert_eq!(found(&second, "floods"), [1], "a second handle can read");
    let refused = second.upsert(&release(2, "en", "Droughts"));
    assert!(matches!(refused, Err(SearchError::Locked)), "{refused:?}");

    drop(first);
    second.upsert(&release(2, "en", "Droughts")).expect("the lock was released");
    second.commit(2).expect("commit");
    assert_eq!(found(&second, "droughts"), [2]);
}

#[test]
fn an_index_from_another_schema_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut schema = tantivy::schema::Schema::builder();
        schema.add_text_field("title", tantivy::schema::TEXT);
        tantivy::Index::create_in_dir(dir.path(), schema.build()).expect("foreign index");
    }
    let refused = SearchIndex::open(dir.path());
    assert!(matches!(refused, Err(SearchError::IncompatibleIndex { .. })), "{:?}", refused.map(|_| ()));
}

#[test]
fn searches_run_concurrently_with_writes() {
    let index = index_with(&[release(1, "en", "Floods")]);
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let index = index.clone();
            thread::spawn(move || {
                for _ in 0..50 {
                    let results = index.search(&query("floods")).expect("search");
                    assert!(results.total >= 1);
                }
            })
        })
        .collect();
    for id in 2..=21 {
        index.upsert(&release(id, "en", "More floods")).expect("upsert");
        if id % 5 == 0 {
            index.commit(id).expect("commit");
        }
    }
    index.commit(99).expect("commit");
    for reader in readers {
        reader.join().expect("reader thread");
    }
    assert_eq!(index.search(&query("floods")).expect("search").total, 21);
}

#[test]
fn very_long_bodies_are_indexed_up_to_the_limit() {
    let mut doc = release(1, "en", "Annual report");
    // Multi-byte characters straddle the limit: the cut must land between characters.
    doc.body_text = format!("{} floods {} droughts", "é".repeat(40_000), "ü".repeat(20_000));
    assert!(doc.body_text.find("droughts").expect("word") > portico_search::MAX_BODY_BYTES);
    let index = index_with(&[doc]);
    assert_eq!(found(&index, "floods"), [1]);
    assert!(found(&index, "droughts").is_empty());
}
