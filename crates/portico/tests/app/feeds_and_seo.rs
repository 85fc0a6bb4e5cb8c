//! Feeds, sitemaps, robots.txt and the data crawlers and link previews read, as a feed
//! reader, a crawler and a browser get them: real server, real HTTP, on SQLite and PostgreSQL.

use crate::support;

use std::collections::BTreeMap;
use std::sync::Arc;

use portico_content::{DocumentId, Draft, Role, Status};
use portico_store::{ReleaseFilter, Store};
use quick_xml::events::Event;
use support::{TestApp, attrs, camp_image, create_release, seed_release_path, text, texts};

/// An XML element, read with quick-xml apart from any feed reader's leniency.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
}

/// Parses a whole document strictly: any malformed XML fails the test.
fn parse_xml(xml: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![Node::default()];
    let open = |e: &quick_xml::events::BytesStart| Node {
        name: e.name().as_ref().to_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    a.key.as_ref().to_owned(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("attribute value")
                        .into_owned(),
                )
            })
            .collect(),
        ..Node::default()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let node = open(&e);
                stack.last_mut().expect("a parent").children.push(node);
            }
            Event::End(_) => {
                let node = stack.pop().expect("an open element");
                stack.last_mut().expect("a parent").children.push(node);
            }
            Event::Text(t) => stack.last_mut().expect("a parent").text.push_str(&t.xml10_content()),
            Event::CData(t) => stack.last_mut().expect("a parent").text.push_str(&t),
            Event::GeneralRef(r) => {
                let entity = format!("&{};", &*r);
                let resolved = quick_xml::escape::unescape(&entity).expect("a known entity").into_owned();
                stack.last_mut().expect("a parent").text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = stack.pop().expect("the document");
    assert!(stack.is_empty(), "every element is closed");
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.remove(0)
}

/// GETs `path`, asserts 200 and the content type, and returns the body.
async fn fetch(app: &TestApp, path: &str, content_type: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status().as_u16(), 200, "GET {path} on {}", app.backend());
    assert_eq!(response.headers()["content-type"], content_type, "GET {path}");
    assert!(response.headers().contains_key("etag"), "GET {path} has an ETag");
    response.text().await.expect("body")
}

fn read_feed(xml: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(xml.as_bytes()).expect("a feed reader reads it")
}

/// The entry whose alternate link is `url`.
fn entry_for<'a>(feed: &'a feed_rs::model::Feed, url: &str) -> &'a feed_rs::model::Entry {
    feed.entries
        .iter()
        .find(|e| e.links.iter().any(|l| l.href == url))
        .unwrap_or_else(|| panic!("an entry links to {url}"))
}

async fn global_site(store: &Store) -> portico_store::Site {
    store.site_by_key("global").await.expect("site").expect("the global site")
}

/// The document behind the release at `path` ("/en/news/slug").
async fn document_at(store: &Store, path: &str) -> DocumentId {
    let site = global_site(store).await;
    let slug = path.rsplit('/').next().expect("a slug");
    store.published_release(site.id, "en", slug).await.expect("read").expect("published").id
}

/// How many releases the feed of the global site in English should hold for `filter`.
async fn expected_entries(store: &Store, filter: &ReleaseFilter) -> usize {
    let site = global_site(store).await;
    let size = portico_web::FEED_SIZE;
    let list = store.published_releases(site.id, "en", filter, 1, size).await.expect("list");
    usize::try_from(list.total.min(i64::from(size))).expect("a count")
}

#[tokio::test]
async fn the_atom_feed_carries_full_sanitized_releases_with_ids_that_survive_an_edit() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let xml = fetch(&app, "/en/news.atom", "application/atom+xml; charset=utf-8").await;
        let feed = read_feed(&xml);
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        let title = feed.title.as_ref().expect("a title").content.clone();
        assert!(title.contains("International Organization for Migration"), "{title}");
        assert_eq!(feed.entries.len(), expected_entries(store, &ReleaseFilter::default()).await);
        let self_link = feed.links.iter().find(|l| l.rel.as_deref() == Some("self")).expect("rel=self");
        assert_eq!(self_link.href, app.url("/en/news.atom"));
        assert_eq!(feed.authors[0].name.as_deref(), Some("International Organization for Migration"));

        // The seed release is from 2015: it is in El Salvador's feed, not in the newest 20.
        let seed_path = seed_release_path(&app).await;
        let feed =
            read_feed(&fetch(&app, "/en/news.atom?country=sv", "application/atom+xml; charset=utf-8").await);
        let seed = entry_for(&feed, &app.url(&seed_path));
        assert!(seed.id.starts_with("tag:localhost,"), "a tag URI: {}", seed.id);
        assert_eq!(seed.published.expect("published").to_rfc3339(), "2015-08-21T09:00:00+00:00");
        assert!(seed.updated.is_some(), "updated");
        let body = seed.content.as_ref().and_then(|c| c.body.clone()).expect("full content");
        assert!(body.contains("<p>") && body.contains("San Salvador"), "the body's HTML: {body}");
        assert!(seed.categories.iter().any(|c| c.term == "sv" && c.label.as_deref() == Some("El Salvador")));
        assert!(seed.categories.iter().any(|c| c.term == "mx"), "every country is a category");
        // Its themes are categories too, in the author's order, named in the feed's language.
        let document = document_at(store, &seed_path).await;
        let tags = store.document_tags(document).await.expect("tags");
        let themes: Vec<&str> = seed
            .categories
            .iter()
            .filter(|c| c.scheme.as_deref().is_some_and(|s| s.contains("theme=")))
            .map(|c| c.term.as_str())
            .collect();
        assert!(!tags.themes.is_empty(), "the seed release has themes");
        assert_eq!(themes, tags.themes, "themes are categories, in order");
        let (id_before, updated_before) = (seed.id.clone(), seed.updated);

        // An edit through the API, as an integration makes it, changes the title and the body,
        // never the id.
        let variant = store.editable_variant(document, Some("en")).await.expect("read").expect("variant");
        let title = format!("{} (updated)", variant.draft.title);
        let body_markdown = format!(
            "{}\n\nMore facts.\n\n<script>alert('feed')</script>\n\n[click](javascript:alert(2))\n\n<img src=x onerror=alert(3)>\n",
            variant.draft.body_markdown
        );
        let token = app.token(&app.user("editor@example.org", Role::Editor, &["global"]).await).await;
        let edit = app
            .client
            .patch(app.url(&format!("/api/v1/releases/{}", document.0)))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "title": title, "body_markdown": body_markdown }))
            .send()
            .await
            .expect("request");
        assert_eq!(edit.status().as_u16(), 200, "the edit is saved on {}", app.backend());

        let feed =
            read_feed(&fetch(&app, "/en/news.atom?country=sv", "application/atom+xml; charset=utf-8").await);
        let seed = entry_for(&feed, &app.url(&seed_path));
        assert_eq!(seed.id, id_before, "the id is stable across an edit on {}", app.backend());
        assert_eq!(seed.title.as_ref().expect("title").content, title);
        assert!(seed.updated >= updated_before);
        let body =
            seed.content.as_ref().and_then(|c| c.body.clone()).expect("full content").to_ascii_lowercase();
        assert!(body.contains("more facts."), "the edit is in the feed");
        for hostile in ["<script", "javascript:", "onerror"] {
            assert!(!body.contains(hostile), "{hostile} is sanitized away on {}: {body}", app.backend());
        }
    }
}

#[tokio::test]
async fn the_rss_feed_matches_the_atom_feed() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let atom = read_feed(&fetch(&app, "/en/news.atom", "application/atom+xml; charset=utf-8").await);
        let xml = fetch(&app, "/en/news.rss", "application/rss+xml; charset=utf-8").await;
        let rss = read_feed(&xml);
        assert_eq!(rss.feed_type, feed_rs::model::FeedType::RSS2);
        assert!(
            rss.title.as_ref().expect("a title").content.contains("International Organization for Migration")
        );
        assert_eq!(rss.entries.len(), expected_entries(store, &ReleaseFilter::default()).await);
        let self_link =
            rss.links.iter().find(|l| l.rel.as_deref() == Some("self")).expect("atom:link rel=self");
        assert_eq!(self_link.href, app.url("/en/news.rss"));
        let ids = |feed: &feed_rs::model::Feed| feed.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&rss), ids(&atom), "the same stable ids in both formats");

        let xml = fetch(&app, "/en/news.rss?country=sv", "application/rss+xml; charset=utf-8").await;
        let rss = read_feed(&xml);
        let seed = entry_for(&rss, &app.url(&seed_release_path(&app).await));
        assert_eq!(seed.published.expect("pubDate").to_rfc3339(), "2015-08-21T09:00:00+00:00");
        let body = seed.content.as_ref().and_then(|c| c.body.clone()).expect("content:encoded");
        assert!(body.contains("<p>"), "full HTML body");
        assert!(seed.summary.is_some(), "the summary is the description");
        assert!(
            seed.authors
                .iter()
                .any(|a| a.name.as_deref() == Some("International Organization for Migration"))
        );
        assert!(xml.contains("<pubDate>Fri, 21 Aug 2015 09:00:00 +0000</pubDate>"), "RFC 2822 dates in UTC");
    }
}

#[tokio::test]
async fn feeds_hold_the_elements_the_standards_require() {
    for app in TestApp::each().await {
        // Atom (RFC 4287): feed id, title, updated; each entry id, title, updated.
        let atom =
            parse_xml(&fetch(&app, "/en/news.atom?country=sv", "application/atom+xml; charset=utf-8").await);
        assert_eq!(atom.name, "feed");
        assert_eq!(atom.attr("xmlns"), Some("http://www.w3.org/2005/Atom"));
        for required in ["id", "title", "updated"] {
            assert!(!atom.text_of(required).unwrap_or_default().is_empty(), "feed/{required}");
        }
        let updated = atom.text_of("updated").expect("updated");
        assert!(
            updated.ends_with('Z')
                && time::OffsetDateTime::parse(updated, &time::format_description::well_known::Rfc3339)
                    .is_ok(),
            "RFC 3339 in UTC: {updated}"
        );
        assert!(atom.all("link").any(|l| l.attr("rel") == Some("self")
            && l.attr("href") == Some(app.url("/en/news.atom?country=sv").as_str())));
        assert!(atom.child("author").and_then(|a| a.text_of("name")).is_some(), "feed/author/name");
        let entries: Vec<&Node> = atom.all("entry").collect();
        assert!(entries.len() >= 2, "El Salvador has releases");
        for entry in &entries {
            for required in ["id", "title", "updated"] {
                assert!(!entry.text_of(required).unwrap_or_default().is_empty(), "entry/{required}");
            }
            let content = entry.child("content").expect("entry/content");
            assert_eq!(content.attr("type"), Some("html"));
            assert!(content.text.contains("<p>"), "escaped HTML reads back as HTML");
        }

        // RSS 2.0: channel title, link, description; each item a title or a description.
        let rss =
            parse_xml(&fetch(&app, "/en/news.rss?country=sv", "application/rss+xml; charset=utf-8").await);
        assert_eq!((rss.name.as_str(), rss.attr("version")), ("rss", Some("2.0")));
        let channel = rss.child("channel").expect("channel");
        for required in ["title", "link", "description"] {
            assert!(!channel.text_of(required).unwrap_or_default().is_empty(), "channel/{required}");
        }
        assert_eq!(channel.text_of("link"), Some(app.url("/en/news?country=sv").as_str()));
        let self_link = channel.child("atom:link").expect("atom:link");
        assert_eq!(self_link.attr("rel"), Some("self"));
        assert_eq!(self_link.attr("href"), Some(app.url("/en/news.rss?country=sv").as_str()));
        let items: Vec<&Node> = channel.all("item").collect();
        assert_eq!(items.len(), entries.len());
        for item in items {
            assert!(
                item.child("title").is_some() || item.child("description").is_some(),
                "item/title or description"
            );
            let guid = item.child("guid").expect("guid");
            assert_eq!(guid.attr("isPermaLink"), Some("false"));
            assert!(guid.text.starts_with("tag:"));
            assert!(item.child("content:encoded").is_some_and(|c| c.text.contains("<p>")));
        }
    }
}

#[tokio::test]
async fn feeds_take_the_news_filters_and_refuse_bad_ones() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let sv = ReleaseFilter { country: Some("SV".into()), ..ReleaseFilter::default() };
        let listed = attrs(&app.page("/en/news?country=sv", 200).await, ".card-title a", "href");
        for format in ["atom", "rss"] {
            let path = format!("/en/news.{format}?country=sv");
            let response = app.get(&path).await;
            assert_eq!(response.status().as_u16(), 200, "{path}");
            let feed = read_feed(&response.text().await.expect("body"));
            assert_eq!(feed.entries.len(), expected_entries(store, &sv).await, "{path} on {}", app.backend());
            for entry in &feed.entries {
                let link = &entry.links[0].href;
                assert!(listed.iter().any(|l| app.url(l) == *link), "{link} is an El Salvador release");
                if format == "atom" {
                    assert!(entry.categories.iter().any(|c| c.term == "sv"), "{link} is about El Salvador");
                }
            }
            let year = read_feed(
                &app.get(&format!("/en/news.{format}?country=sv&year=2015"))
                    .await
                    .text()
                    .await
                    .expect("body"),
            );
            assert_eq!(year.entries.len(), 1, "one El Salvador release in 2015");

            for bad in ["country=zz", "year=20x5", "theme=no-such-theme", "page=0", "country=%FF"] {
                let path = format!("/en/news.{format}?{bad}");
                assert_eq!(app.get(&path).await.status().as_u16(), 400, "{path} on {}", app.backend());
            }
            assert_eq!(app.get(&format!("/de/news.{format}")).await.status().as_u16(), 404, "no German site");
        }
    }
}

#[tokio::test]
async fn feeds_answer_conditional_requests_and_the_proxy_scheme() {
    for app in TestApp::each_behind_proxy().await {
        let first = app.get("/en/news.atom").await;
        let etag = first.headers()["etag"].clone();
        let again = app
            .client
            .get(app.url("/en/news.atom"))
            .header("if-none-match", etag)
            .send()
            .await
            .expect("request");
        assert_eq!(again.status().as_u16(), 304);

        let behind_proxy = app
            .client
            .get(app.url("/en/news.atom"))
            .header("x-forwarded-proto", "https")
            .send()
            .await
            .expect("request");
        let feed = read_feed(&behind_proxy.text().await.expect("body"));
        let self_link = feed.links.iter().find(|l| l.rel.as_deref() == Some("self")).expect("rel=self");
        assert_eq!(self_link.href, app.url("/en/news.atom").replacen("http://", "https://", 1));
        let plain = read_feed(&first.text().await.expect("body"));
        assert_eq!(
            feed.entries.iter().map(|e| &e.id).collect::<Vec<_>>(),
            plain.entries.iter().map(|e| &e.id).collect::<Vec<_>>(),
            "ids do not depend on the scheme"
        );
    }
}

#[tokio::test]
async fn the_sitemap_lists_every_published_page_and_release_and_robots_names_it() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let site = global_site(store).await;
        let draft = Draft {
            title: "Not yet public".into(),
            slug: "not-yet-public".into(),
            countries: vec!["SV".into()],
            ..Draft::default()
        };
        create_release(store, &site, "en", draft, Status::Draft).await;

        let sitemap = parse_xml(&fetch(&app, "/sitemap.xml", "application/xml; charset=utf-8").await);
        assert_eq!(sitemap.name, "urlset");
        assert_eq!(sitemap.attr("xmlns"), Some("http://www.sitemaps.org/schemas/sitemap/0.9"));
        let urls: Vec<&Node> = sitemap.all("url").collect();
        let locs: Vec<&str> = urls.iter().map(|u| u.text_of("loc").expect("loc")).collect();
        for url in &urls {
            let loc = url.text_of("loc").expect("loc");
            let lastmod = url.text_of("lastmod").expect("every URL has a lastmod");
            time::OffsetDateTime::parse(lastmod, &time::format_description::well_known::Rfc3339)
                .unwrap_or_else(|_| panic!("a W3C datetime: {lastmod}"));
            let alternates: Vec<&Node> = url.all("xhtml:link").collect();
            for link in &alternates {
                assert_eq!(link.attr("rel"), Some("alternate"));
                let lang = link.attr("hreflang").expect("hreflang");
                assert!(site.has_language(lang), "{lang} is a language of the site");
                let href = link.attr("href").expect("href");
                assert!(locs.contains(&href), "the alternate {href} of {loc} is in the sitemap too");
            }
            if !alternates.is_empty() {
                assert!(alternates.iter().any(|l| l.attr("href") == Some(loc)), "{loc} lists itself");
            }
        }
        for language in &site.languages {
            let releases = store
                .published_releases(site.id, language, &ReleaseFilter::default(), 1, 1000)
                .await
                .expect("list");
            if language == "en" {
                assert!(releases.total > 10);
            }
            for release in &releases.items {
                let url = app.url(&format!("/{language}/news/{}", release.slug));
                assert!(locs.contains(&url.as_str()), "{url} is in the sitemap on {}", app.backend());
            }
            // A release's lastmod is when its version was last saved, to the second.
            if let Some(release) = releases.items.first() {
                let url = app.url(&format!("/{language}/news/{}", release.slug));
                let saved = store.indexable_variants(release.id).await.expect("variants");
                let saved = saved.iter().find(|v| &v.language == language).expect("this version");
                let listed = urls.iter().find(|u| u.text_of("loc") == Some(url.as_str())).expect("listed");
                let lastmod = saved.updated_at.format(&time::format_description::well_known::Rfc3339);
                assert_eq!(listed.text_of("lastmod"), Some(lastmod.expect("format").as_str()), "{url}");
            }
            for page in store.published_page_teasers(site.id, language).await.expect("pages") {
                let url = app.url(&format!("/{language}/{}", page.path));
                assert!(locs.contains(&url.as_str()), "{url} is in the sitemap");
            }
            assert!(locs.contains(&app.url(&format!("/{language}/")).as_str()), "the {language} home");
            assert!(locs.contains(&app.url(&format!("/{language}/news")).as_str()), "the {language} news");
        }
        assert!(!locs.iter().any(|l| l.ends_with("/not-yet-public")), "drafts are not listed");
        let mut unique = locs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), locs.len(), "no URL twice");
        // The demo's "Who we are" is translated into French and Spanish.
        let who =
            urls.iter().find(|u| u.text_of("loc") == Some(app.url("/en/who-we-are").as_str())).expect("who");
        let languages: Vec<&str> = who.all("xhtml:link").filter_map(|l| l.attr("hreflang")).collect();
        assert_eq!(languages, ["en", "es", "fr"]);

        let robots = fetch(&app, "/robots.txt", "text/plain; charset=utf-8").await;
        let lines: Vec<&str> = robots.lines().collect();
        for line in ["User-agent: *", "Allow: /", "Disallow: /admin", "Disallow: /api/"] {
            assert!(lines.contains(&line), "robots.txt says {line}: {robots}");
        }
        assert!(lines.contains(&format!("Sitemap: {}", app.url("/sitemap.xml")).as_str()), "{robots}");
        let dev = fetch(&app, "/sites/sv/robots.txt", "text/plain; charset=utf-8").await;
        assert!(dev.contains(&format!("Sitemap: {}", app.url("/sites/sv/sitemap.xml"))), "{dev}");
        let dev_sitemap =
            parse_xml(&fetch(&app, "/sites/sv/sitemap.xml", "application/xml; charset=utf-8").await);
        let dev_locs: Vec<&str> = dev_sitemap.all("url").filter_map(|u| u.text_of("loc")).collect();
        assert!(dev_locs.contains(&app.url("/sites/sv/es/").as_str()), "{dev_locs:?}");
        assert!(dev_locs.iter().all(|l| l.starts_with(&app.url("/sites/sv/"))), "only the sv site's URLs");
    }
}

#[tokio::test]
async fn the_sitemap_links_the_translations_of_a_document() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let site = global_site(store).await;
        let draft = Draft {
            title: "New office in San Salvador".into(),
            slug: "new-office".into(),
            published_at: Some(time::macros::datetime!(2024-01-10 09:00 UTC)),
            body_markdown: "IOM opens an office.".into(),
            countries: vec!["SV".into()],
            ..Draft::default()
        };
        let document = create_release(store, &site, "en", draft, Status::Published).await;
        let untranslated = Draft {
            title: "Only in English".into(),
            slug: "only-in-english".into(),
            published_at: Some(time::macros::datetime!(2024-02-10 09:00 UTC)),
            ..Draft::default()
        };
        create_release(store, &site, "en", untranslated, Status::Published).await;
        store
            .create_translation(document, "fr", &portico_store::Audit::system("test", "document.translate"))
            .await
            .expect("translation");
        let variant = store.editable_variant(document, Some("fr")).await.expect("read").expect("variant");
        let mut french = variant.draft.clone();
        french.title = "Nouveau bureau à San Salvador".into();
        french.slug = "nouveau-bureau".into();
        french.body_markdown = "L'OIM ouvre un bureau.".into();
        store
            .update_document(
                document,
                "fr",
                variant.revision,
                &french,
                &portico_store::Audit::system("test", "document.save"),
            )
            .await
            .expect("translate");
        store
            .set_status(
                document,
                "fr",
                Status::Draft,
                Status::Published,
                None,
                &portico_store::Audit::system("test", "document.status"),
            )
            .await
            .expect("publish");

        let sitemap = parse_xml(&fetch(&app, "/sitemap.xml", "application/xml; charset=utf-8").await);
        let alternates = |loc: &str| -> BTreeMap<String, String> {
            let url = sitemap
                .all("url")
                .find(|u| u.text_of("loc") == Some(loc))
                .unwrap_or_else(|| panic!("{loc} is in the sitemap"));
            assert!(url.text_of("lastmod").is_some(), "{loc} has a lastmod");
            url.all("xhtml:link")
                .map(|l| {
                    assert_eq!(l.attr("rel"), Some("alternate"));
                    (
                        l.attr("hreflang").expect("hreflang").to_owned(),
                        l.attr("href").expect("href").to_owned(),
                    )
                })
                .collect()
        };
        let english = app.url("/en/news/new-office");
        let french_url = app.url("/fr/news/nouveau-bureau");
        let expected: BTreeMap<String, String> =
            [("en".to_owned(), english.clone()), ("fr".to_owned(), french_url.clone())].into();
        assert_eq!(alternates(&english), expected, "on {}", app.backend());
        assert_eq!(alternates(&french_url), expected);
        assert!(alternates(&app.url("/en/news/only-in-english")).is_empty(), "no translation, no alternates");
        let home = alternates(&app.url("/en/"));
        assert_eq!(home.get("es").map(String::as_str), Some(app.url("/es/").as_str()));

        // The translation has its own entry, with its own id, in its own language's feed.
        let feed = read_feed(&fetch(&app, "/fr/news.atom", "application/atom+xml; charset=utf-8").await);
        let entry = entry_for(&feed, &french_url);
        assert!(entry.id.ends_with("/fr"), "{}", entry.id);
        assert_eq!(entry.title.as_ref().expect("title").content, "Nouveau bureau à San Salvador");
    }
}

#[tokio::test]
async fn a_large_sitemap_becomes_an_index_of_parts() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let scope = portico_web::Scope {
            site: Arc::new(global_site(store).await),
            base: String::new(),
            origin: "https://news.example.org".to_owned(),
        };
        let xml = |bytes: Option<Vec<u8>>| String::from_utf8(bytes.expect("a sitemap")).expect("UTF-8");
        let whole =
            parse_xml(&xml(portico_web::sitemap_xml(store, &scope, None, 1_000_000).await.expect("sitemap")));
        let all: Vec<&str> = whole.all("url").map(|u| u.text_of("loc").expect("loc")).collect();
        assert!(all.len() > 20);
        assert!(all.iter().all(|l| l.starts_with("https://news.example.org/")), "{all:?}");

        let index = parse_xml(&xml(portico_web::sitemap_xml(store, &scope, None, 5).await.expect("index")));
        assert_eq!(index.name, "sitemapindex");
        let parts: Vec<&str> = index.all("sitemap").map(|s| s.text_of("loc").expect("loc")).collect();
        // Part 1: the home pages, lists and pages; then one part per window of document ids
        // with releases (the demo's ids all fall in the first).
        assert_eq!(parts.len(), 2);
        let mut joined = Vec::new();
        for (n, loc) in parts.iter().enumerate() {
            let n = u32::try_from(n + 1).expect("small");
            assert_eq!(*loc, format!("https://news.example.org/sitemap-{n}.xml"));
            let part =
                parse_xml(&xml(portico_web::sitemap_xml(store, &scope, Some(n), 5).await.expect("part")));
            let locs: Vec<String> =
                part.all("url").map(|u| u.text_of("loc").expect("loc").to_owned()).collect();
            assert!(!locs.is_empty(), "part {n} is empty");
            assert_eq!(locs.iter().all(|l| l.contains("/news/")), n > 1, "part {n}: {locs:?}");
            joined.extend(locs);
        }
        assert_eq!(joined, all, "the parts are the whole, in order, on {}", app.backend());
        let past_the_end = u32::try_from(parts.len() + 1).expect("small");
        assert!(
            portico_web::sitemap_xml(store, &scope, Some(past_the_end), 5).await.expect("answer").is_none()
        );
        assert!(portico_web::sitemap_xml(store, &scope, Some(0), 5).await.expect("answer").is_none());
        assert_eq!(portico_web::SITEMAP_MAX_URLS, 10_000);

        // Over HTTP the site is small: part 1 is the whole sitemap, and there is no part 2.
        let http_whole = fetch(&app, "/sitemap.xml", "application/xml; charset=utf-8").await;
        assert_eq!(fetch(&app, "/sitemap-1.xml", "application/xml; charset=utf-8").await, http_whole);
        for missing in ["/sitemap-2.xml", "/sitemap-01.xml", "/sitemap-x.xml", "/sitemap-1.txt"] {
            assert_eq!(app.get(missing).await.status().as_u16(), 404, "{missing}");
        }
    }
}

/// The parsed JSON-LD of a page.
fn json_ld(html: &scraper::Html) -> serde_json::Value {
    let selector = scraper::Selector::parse("script[type='application/ld+json']").expect("selector");
    let scripts: Vec<String> = html.select(&selector).map(|s| s.inner_html()).collect();
    assert_eq!(scripts.len(), 1, "one JSON-LD block");
    serde_json::from_str(&scripts[0]).unwrap_or_else(|e| panic!("JSON-LD parses ({e}): {}", scripts[0]))
}

/// The `content` of `<meta property=…>` or `<meta name=…>`.
fn meta(html: &scraper::Html, key: &str) -> Option<String> {
    attrs(html, &format!("meta[property='{key}']"), "content")
        .into_iter()
        .chain(attrs(html, &format!("meta[name='{key}']"), "content"))
        .next()
}

#[tokio::test]
async fn a_release_page_carries_opengraph_twitter_and_news_article_data() {
    for app in TestApp::each().await {
        let path = seed_release_path(&app).await;
        let response = app.get(&path).await;
        let csp = response.headers()["content-security-policy"].to_str().expect("ASCII").to_owned();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
        let html = scraper::Html::parse_document(&response.text().await.expect("body"));
        let headline = text(&html, "h1");
        let canonical = app.url(&path);
        assert_eq!(meta(&html, "og:type").as_deref(), Some("article"));
        assert_eq!(meta(&html, "og:title"), Some(headline.clone()));
        assert_eq!(meta(&html, "og:url"), Some(canonical.clone()));
        assert_eq!(meta(&html, "og:locale").as_deref(), Some("en_US"));
        assert_eq!(meta(&html, "article:published_time").as_deref(), Some("2015-08-21T09:00:00Z"));
        assert!(meta(&html, "og:description").is_some_and(|d| !d.is_empty()));
        // No image of its own: the site's default share image, with its real size.
        let share = app.url("/assets/share.png");
        assert_eq!(meta(&html, "og:image"), Some(share.clone()), "{}", app.backend());
        let png = app.get("/assets/share.png").await;
        assert_eq!(png.headers()["content-type"], "image/png");
        let png = png.bytes().await.expect("png");
        let size =
            |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]).to_string();
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(meta(&html, "og:image:width"), Some(size(16)));
        assert_eq!(meta(&html, "og:image:height"), Some(size(20)));
        assert_eq!(meta(&html, "twitter:card").as_deref(), Some("summary_large_image"));

        let data = json_ld(&html);
        assert_eq!(data["@context"], "https://schema.org");
        assert_eq!(data["@type"], "NewsArticle");
        assert_eq!(data["headline"], headline.as_str());
        assert_eq!(data["datePublished"], "2015-08-21T09:00:00Z");
        assert!(data["dateModified"].as_str().is_some_and(|d| d >= "2015-08-21T09:00:00Z"));
        assert_eq!(data["inLanguage"], "en");
        assert_eq!(data["mainEntityOfPage"], canonical.as_str());
        for party in ["publisher", "author"] {
            assert_eq!(data[party]["@type"], "Organization");
            assert_eq!(data[party]["name"], "International Organization for Migration");
        }
        let places: Vec<&str> = data["contentLocation"]
            .as_array()
            .expect("places")
            .iter()
            .map(|p| {
                assert_eq!(p["@type"], "Place");
                p["name"].as_str().expect("a name")
            })
            .collect();
        for country in ["El Salvador", "Mexico", "Guatemala"] {
            assert!(places.contains(&country), "{country} in {places:?}");
        }
        assert_eq!(data["image"][0], share.as_str(), "the NewsArticle has an image on {}", app.backend());
    }
}

#[tokio::test]
async fn a_release_with_an_image_gets_a_large_card_and_its_json_ld_cannot_break_out() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let site = global_site(store).await;
        let image = camp_image(store, &site, &["640.jpg", "640.webp", "1280.jpg", "1280.webp"]).await;
        let title = "Camp opens </script><script>alert(1)</script> <!-- & more";
        let draft = Draft {
            title: title.into(),
            slug: "camp-opens".into(),
            summary: "A new camp.".into(),
            published_at: Some(time::macros::datetime!(2024-03-01 09:00 UTC)),
            body_markdown: "The camp opened.".into(),
            countries: vec!["SV".into()],
            image: Some(image),
            ..Draft::default()
        };
        create_release(store, &site, "en", draft, Status::Published).await;

        let body = app.get("/en/news/camp-opens").await.text().await.expect("body");
        let script_start = body.find("application/ld+json").expect("JSON-LD");
        let script = &body[script_start..];
        let script = &script[..script.find("</script>").expect("closed")];
        assert!(!script.contains("<script"), "nothing in the JSON-LD opens or closes a script: {script}");
        let html = scraper::Html::parse_document(&body);
        let data = json_ld(&html);
        assert_eq!(data["headline"], title, "the title survives, escaped, on {}", app.backend());
        let stored = store.media(image).await.expect("media").expect("stored");
        let image_url = app.url(&stored.path("1280.jpg"));
        assert_eq!(data["image"][0], image_url.as_str());
        assert_eq!(meta(&html, "og:image"), Some(image_url.clone()));
        assert_eq!(meta(&html, "og:image:alt").as_deref(), Some("Tents in a camp"));
        // The size of the 1280-pixel rendition referenced, not of the 1600 × 900 original.
        assert_eq!(meta(&html, "og:image:width").as_deref(), Some("1280"));
        assert_eq!(meta(&html, "og:image:height").as_deref(), Some("720"));
        assert_eq!(meta(&html, "twitter:card").as_deref(), Some("summary_large_image"));
        assert_eq!(meta(&html, "twitter:image"), Some(image_url));
        assert_eq!(text(&html, "h1"), title);
    }
}

#[tokio::test]
async fn every_public_page_has_a_canonical_url_and_a_description() {
    for app in TestApp::each_behind_proxy().await {
        let seed = seed_release_path(&app).await;
        for (path, canonical) in [
            ("/en/", "/en/".to_owned()),
            ("/en/who-we-are", "/en/who-we-are".to_owned()),
            ("/en/our-work/partnerships?utm_source=newsletter", "/en/our-work/partnerships".to_owned()),
            ("/en/news", "/en/news".to_owned()),
            ("/en/news?utm_source=x&year=2015&country=SV&page=1", "/en/news?country=sv&year=2015".to_owned()),
            ("/en/news?page=2", "/en/news?page=2".to_owned()),
            (&format!("{seed}?fbclid=abc"), seed.clone()),
            ("/en/where-we-work", "/en/where-we-work".to_owned()),
            ("/en/where-we-work/sv", "/en/where-we-work/sv".to_owned()),
        ] {
            let html = app.page(path, 200).await;
            assert_eq!(
                attrs(&html, "link[rel=canonical]", "href"),
                [app.url(&canonical)],
                "{path} on {}",
                app.backend()
            );
            let descriptions = attrs(&html, "meta[name=description]", "content");
            assert_eq!(descriptions.len(), 1, "{path} has one description");
            assert!(descriptions[0].trim().len() > 10, "{path} has a real description: {descriptions:?}");
        }
        let https = app
            .client
            .get(app.url("/en/who-we-are"))
            .header("x-forwarded-proto", "https")
            .send()
            .await
            .expect("request");
        let html = scraper::Html::parse_document(&https.text().await.expect("body"));
        assert_eq!(
            attrs(&html, "link[rel=canonical]", "href"),
            [app.url("/en/who-we-are").replacen("http://", "https://", 1)]
        );
    }
}

#[tokio::test]
async fn every_public_page_type_has_opengraph_tags_and_an_icon() {
    for app in TestApp::each().await {
        let seed = seed_release_path(&app).await;
        let share = app.url("/assets/share.png");
        for path in [
            "/en/",
            "/en/who-we-are",
            "/en/news",
            seed.as_str(),
            "/en/news/elsewhere",
            "/en/where-we-work",
            "/en/where-we-work/sv",
            "/en/search?q=migration",
        ] {
            let html = app.page(path, 200).await;
            let on = format!("{path} on {}", app.backend());
            for key in ["og:type", "og:site_name", "og:title", "og:description", "og:url", "og:image"] {
                let values: Vec<String> = attrs(&html, &format!("meta[property='{key}']"), "content");
                assert_eq!(values.len(), 1, "one {key} on {on}");
                assert!(!values[0].trim().is_empty(), "{key} on {on}");
            }
            assert_eq!(meta(&html, "og:url"), attrs(&html, "link[rel=canonical]", "href").into_iter().next());
            if path != seed {
                assert_eq!(meta(&html, "og:type").as_deref(), Some("website"), "{on}");
                assert_eq!(meta(&html, "og:image"), Some(share.clone()), "{on}");
                assert_eq!(meta(&html, "og:image:width").as_deref(), Some("1200"), "{on}");
                assert_eq!(meta(&html, "og:image:height").as_deref(), Some("630"), "{on}");
            }
            assert_eq!(attrs(&html, "link[rel=icon]", "href"), ["/favicon.svg"], "{on}");
        }
        let svg = app.get("/favicon.svg").await;
        assert_eq!(
            (svg.status().as_u16(), &svg.headers()["content-type"]),
            (200, &"image/svg+xml".parse().expect("h"))
        );
        assert!(svg.text().await.expect("body").starts_with("<svg"));
        let ico = app.get("/favicon.ico").await;
        assert_eq!(
            (ico.status().as_u16(), &ico.headers()["content-type"]),
            (200, &"image/x-icon".parse().expect("h"))
        );
        assert_eq!(&ico.bytes().await.expect("body")[..4], &[0, 0, 1, 0], "an ICO file");
    }
}

/// The levels of every `h1`…`h6` of a page, in document order.
fn heading_levels(html: &scraper::Html) -> Vec<u8> {
    let selector = scraper::Selector::parse("h1, h2, h3, h4, h5, h6").expect("selector");
    html.select(&selector).map(|h| h.value().name().as_bytes()[1] - b'0').collect()
}

#[tokio::test]
async fn a_release_page_never_skips_a_heading_level() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let site = global_site(store).await;
        let draft = Draft {
            title: "Camp opens with headings".into(),
            slug: "camp-opens-with-headings".into(),
            summary: "A new camp.".into(),
            published_at: Some(time::macros::datetime!(2024-03-01 09:00 UTC)),
            body_markdown:
                "The camp opened.\n\n### Background\n\nText.\n\n##### Detail\n\nMore.\n\n# Big\n\nEnd.".into(),
            countries: vec!["SV".into()],
            ..Draft::default()
        };
        create_release(store, &site, "en", draft, Status::Published).await;
        for path in ["/en/news/camp-opens-with-headings".to_owned(), seed_release_path(&app).await] {
            let html = app.page(&path, 200).await;
            let levels = heading_levels(&html);
            assert_eq!(levels.first(), Some(&1), "{path}: {levels:?}");
            assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1, "one h1 on {path}: {levels:?}");
            for pair in levels.windows(2) {
                assert!(
                    pair[1] <= pair[0] + 1,
                    "{path} skips from h{} to h{} on {}: {levels:?}",
                    pair[0],
                    pair[1],
                    app.backend()
                );
            }
        }
        let html = app.page("/en/news/camp-opens-with-headings", 200).await;
        assert!(texts(&html, ".release-body h2").contains(&"Background".to_owned()));
    }
}

#[tokio::test]
async fn public_pages_announce_their_feeds() {
    for app in TestApp::each().await {
        let seed = seed_release_path(&app).await;
        let cases: [(&str, &[&str]); 5] = [
            ("/en/", &[]),
            ("/en/who-we-are", &[]),
            (&seed, &[]),
            ("/en/news?country=sv&year=2015", &["country=sv&year=2015"]),
            ("/en/where-we-work/sv", &["country=sv"]),
        ];
        for (path, filtered) in cases {
            let html = app.page(path, 200).await;
            for (mime, extension) in [("application/atom+xml", "atom"), ("application/rss+xml", "rss")] {
                let hrefs = attrs(&html, &format!("link[rel=alternate][type='{mime}']"), "href");
                let mut expected = vec![app.url(&format!("/en/news.{extension}"))];
                expected.extend(filtered.iter().map(|q| app.url(&format!("/en/news.{extension}?{q}"))));
                assert_eq!(hrefs, expected, "{path} announces its {extension} feeds on {}", app.backend());
                for href in &hrefs {
                    let response = app.client.get(href).send().await.expect("request");
                    assert_eq!(response.status().as_u16(), 200, "{href}");
                }
            }
            let titles = attrs(&html, "link[rel=alternate][type='application/atom+xml']", "title");
            assert!(
                titles.iter().all(|t| t.contains("International Organization for Migration")),
                "{titles:?}"
            );
        }
    }
}

#[tokio::test]
async fn related_releases_share_countries_and_themes() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let site = global_site(store).await;
        // A draft about the same country and themes must never show up.
        let seed = seed_release_path(&app).await;
        let seed_document = document_at(store, &seed).await;
        let seed_draft =
            store.editable_variant(seed_document, Some("en")).await.expect("read").expect("variant").draft;
        let hidden = Draft {
            title: "Unpublished twin".into(),
            slug: "unpublished-twin".into(),
            countries: seed_draft.countries.clone(),
            themes: seed_draft.themes.clone(),
            published_at: Some(time::macros::datetime!(2024-01-01 09:00 UTC)),
            ..Draft::default()
        };
        create_release(store, &site, "en", hidden, Status::Draft).await;

        let page = app.page(&seed, 200).await;
        assert_eq!(text(&page, ".related-releases h2"), "Related releases");
        let related = attrs(&page, ".related-releases .card-title a", "href");
        assert_eq!(related.len(), 4, "four related releases on {}: {related:?}", app.backend());
        assert!(!related.contains(&seed), "never the release itself");
        assert!(!related.iter().any(|r| r.ends_with("/unpublished-twin")), "never a draft");
        let mut unique = related.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 4, "no release twice");
        let el_salvador = attrs(&app.page("/en/news?country=sv", 200).await, ".card-title a", "href");
        assert!(
            related.iter().any(|r| *r != seed && el_salvador.contains(r)),
            "another El Salvador release is related: {related:?}"
        );

        // A release sharing nothing with any other still gets the newest of its region.
        let lonely = Draft {
            title: "Lonely release".into(),
            slug: "lonely-release".into(),
            countries: vec!["BR".into()],
            published_at: Some(time::macros::datetime!(2024-01-01 09:00 UTC)),
            ..Draft::default()
        };
        create_release(store, &site, "en", lonely, Status::Published).await;
        let lonely_page = app.page("/en/news/lonely-release", 200).await;
        let neighbours = attrs(&lonely_page, ".related-releases .card-title a", "href");
        assert_eq!(neighbours.len(), 4, "{neighbours:?}");
        assert!(
            neighbours.contains(&el_salvador[0]),
            "the newest release about the Americas: {neighbours:?}"
        );
        let kenya = attrs(&app.page("/en/news?country=ke", 200).await, ".card-title a", "href");
        assert!(!neighbours.iter().any(|n| kenya.contains(n)), "nothing from another region");
    }
}
