//! Each reader on fixture files written to its format's documented shapes: what it reads, and
//! where it says the bad input is.

use std::path::{Path, PathBuf};

use portico_import::{Batch, ItemKind, ItemStatus, ReadError, drupal, feed, markdown, wordpress};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

fn item<'a>(batch: &'a Batch, source_end: &str) -> &'a portico_import::Item {
    batch.items.iter().find(|i| i.source.ends_with(source_end)).unwrap_or_else(|| {
        panic!("no item {source_end} in {:#?}", batch.items.iter().map(|i| &i.source).collect::<Vec<_>>())
    })
}

#[test]
fn wordpress_posts_and_pages_come_with_terms_authors_images_and_translations() {
    let batch = wordpress::read(&fixture("wordpress/export.xml")).expect("reads");
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    let english = item(&batch, "?p=123");
    assert_eq!(english.source, "wordpress:https://sv.example.org/?p=123");
    assert_eq!(english.kind, ItemKind::Release);
    assert_eq!(english.language.as_deref(), Some("en"));
    assert_eq!(english.slug, "safe-migration-campaign");
    assert_eq!(english.categories[0].slug, "health");
    assert_eq!(english.tags[0].name, "Border management");
    assert_eq!(english.author.as_ref().map(|a| a.email.as_str()), Some("mlopez@example.org"));
    let image = english.image.as_ref().expect("featured image");
    assert_eq!(image.path, "2015/08/border-crossing.png");
    assert_eq!(image.alt, "Families queue at a border post");
    assert_eq!(
        english.old_paths,
        ["/2015/08/21/safe-migration-campaign/", "/?p=123", "/?p=123&lang=en", "/?p=124&lang=en"],
        "its permalink, its plain address, and its group's plain addresses in its language"
    );
    assert!(!english.body_markdown.contains("wp:paragraph"), "{}", english.body_markdown);
    assert!(english.body_markdown.contains("<blockquote"));
    assert_eq!(english.summary, "A campaign on the risks of irregular migration reached 10,000 families.");
    assert_eq!(english.published_at.map(|d| d.unix_timestamp()), Some(1_440_151_200));
    assert!(english.at.to_string().starts_with(&format!("{}:", fixture("wordpress/export.xml").display())));
    assert!(english.at.to_string().ends_with("(post 123)"));

    let french = item(&batch, "?p=124");
    assert_eq!(french.language.as_deref(), Some("fr"));
    assert_eq!(french.slug, "campagne-migration-sûre", "percent-encoded names read back");
    assert_eq!(french.translation_group, english.translation_group, "Polylang links them");

    let spanish = item(&batch, "?p=140");
    let english_wpml = item(&batch, "?p=141");
    assert_eq!(spanish.language.as_deref(), Some("es"));
    assert_eq!(spanish.translation_group.as_deref(), Some("wpml:1457622000"));
    assert_eq!(spanish.translation_group, english_wpml.translation_group, "WPML links them");

    let partnerships = item(&batch, "?page_id=11");
    assert_eq!(partnerships.kind, ItemKind::Page);
    assert_eq!(partnerships.slug, "who-we-are/partnerships", "a page's path from its parents");
    assert!(partnerships.old_paths.contains(&"/?page_id=11".to_owned()), "{:?}", partnerships.old_paths);

    let draft = item(&batch, "?p=130");
    assert_eq!(draft.status, ItemStatus::Draft);
    assert_eq!(draft.published_at, None);

    let reasons: Vec<String> = batch.skipped.iter().map(|s| format!("{} {}", s.at, s.reason)).collect();
    assert_eq!(batch.skipped.len(), 2, "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("(post 300)") && r.contains("nav_menu_item")));
    assert!(reasons.iter().any(|r| r.contains("(post 150)") && r.contains("trash")));
}

#[test]
fn a_malformed_wordpress_file_is_refused_with_its_line() {
    let err = wordpress::read(&fixture("wordpress/malformed.xml")).expect_err("malformed");
    let ReadError::Malformed { at, reason } = &err else { panic!("{err}") };
    assert_eq!(at.line, Some(51), "{err}");
    assert!(reason.contains("malformed XML"), "{reason}");

    let err =
        wordpress::parse(Path::new("feed.xml"), b"<?xml version=\"1.0\"?>\n<feed><title>x</title></feed>")
            .expect_err("not WXR");
    assert!(err.to_string().contains("not a WordPress export"), "{err}");
}

#[test]
fn markdown_folders_read_yaml_and_toml_front_matter_hugo_and_jekyll_style() {
    let batch = markdown::read_dir(&fixture("hugo")).expect("reads");
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    assert_eq!(batch.skipped.len(), 1, "the section list");
    let english = item(&batch, "news/safe-migration.md");
    assert_eq!(english.source, "file:news/safe-migration.md");
    assert_eq!(english.slug, "safe-migration-campaign");
    assert_eq!(english.countries, ["SV"]);
    assert_eq!(english.dateline, "San Salvador");
    assert_eq!(english.categories[0].slug, "health");
    assert!(english.old_paths.contains(&"/2015/08/21/safe-migration-campaign/".to_owned()));
    assert!(
        english.old_paths.contains(&"/news/safe-migration-campaign/".to_owned()),
        "{:?}",
        english.old_paths
    );
    let french = item(&batch, "news/safe-migration.fr.md");
    assert_eq!(french.language.as_deref(), Some("fr"), "from the file name");
    assert_eq!(french.translation_group, english.translation_group);
    assert_eq!(french.published_at.map(|d| d.unix_timestamp()), Some(1_440_151_500), "a TOML date");
    let bundle = item(&batch, "returnee-centre/index.md");
    assert_eq!(bundle.slug, "returnee-centre");
    assert!(bundle.image.as_ref().is_some_and(|i| Path::new(&i.path).is_file()));
    let page = item(&batch, "about/who-we-are.md");
    assert_eq!(page.kind, ItemKind::Page);
    assert_eq!(page.slug, "about/who-we-are");
    assert!(page.old_paths.contains(&"/who-we-are/".to_owned()));

    let jekyll = markdown::read_dir(&fixture("jekyll")).expect("reads");
    let post = &jekyll.items[0];
    assert_eq!(post.slug, "quarterly-figures");
    assert_eq!(post.status, ItemStatus::Draft);
    assert!(post.old_paths.contains(&"/2017/01/10/quarterly-figures.html".to_owned()));
    assert!(post.old_paths.contains(&"/figures/q4-2016".to_owned()));
}

#[test]
fn bad_markdown_is_named_by_file_and_line() {
    let batch = markdown::read_dir(&fixture("markdown-bad")).expect("reads");
    let problems: Vec<String> = batch.problems.iter().map(|p| format!("{} {}", p.at, p.reason)).collect();
    assert_eq!(batch.problems.len(), 2, "{problems:?}");
    assert!(
        problems.iter().any(|p| p.contains("unclosed.md:1 ") && p.contains("never closed")),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.contains("bad-yaml.md:") && p.contains("YAML")), "{problems:?}");
}

#[test]
fn drupal_json_api_nodes_come_with_translations_terms_and_files() {
    let batch = drupal::read(&fixture("drupal/responses")).expect("reads");
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    let english = item(&batch, "node/42/en");
    assert_eq!(english.source, "drupal:node/42/en");
    assert_eq!(english.slug, "safe-migration-campaign");
    assert_eq!(english.tags[0].name, "Border management");
    assert_eq!(english.categories[0].slug, "health");
    assert_eq!(english.image.as_ref().map(|i| i.path.as_str()), Some("2015-08/border-crossing.png"));
    assert_eq!(english.author.as_ref().map(|a| a.login.as_str()), Some("mlopez"));
    assert!(english.body_markdown.starts_with("<p><strong>SAN SALVADOR"));
    assert_eq!(english.old_paths, ["/news/safe-migration-campaign", "/node/42"]);
    let french = item(&batch, "node/42/fr");
    assert_eq!(french.translation_group, english.translation_group);
    assert_eq!(french.old_paths, ["/fr/actualites/campagne-migration-sure", "/fr/node/42"]);
    assert_eq!(item(&batch, "node/10/en").kind, ItemKind::Page);
    assert_eq!(item(&batch, "node/43/en").status, ItemStatus::Draft);

    let truncated = drupal::read(&fixture("drupal/truncated.json")).expect("reads");
    assert_eq!(truncated.problems.len(), 1);
    assert!(truncated.problems[0].reason.contains("malformed JSON"));
    assert!(truncated.problems[0].at.line.is_some());
}

#[test]
fn feed_archives_give_whole_entries() {
    let batch = feed::read(&fixture("feed/archive.rss")).expect("reads");
    assert_eq!(batch.items.len(), 2);
    let first = &batch.items[0];
    assert_eq!(first.source, "feed:https://sv.example.org/?p=123");
    assert_eq!(first.language.as_deref(), Some("en"));
    assert_eq!(first.slug, "safe-migration-campaign");
    assert!(first.body_markdown.contains("<strong>SAN SALVADOR</strong>"), "the content, not the summary");
    assert_eq!(first.old_paths, ["/2015/08/21/safe-migration-campaign/"]);
    assert_eq!(batch.problems.len(), 1, "{:?}", batch.problems);
    assert!(batch.problems[0].at.to_string().contains("entry 3"));

    let err = feed::parse(Path::new("x.rss"), b"this is no feed").expect_err("not a feed");
    assert!(err.to_string().starts_with("x.rss: "), "{err}");
}
