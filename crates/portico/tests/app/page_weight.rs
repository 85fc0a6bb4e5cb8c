//! Page weight: every page of the demo fits, with its stylesheet, in the first round trip of a
//! new connection (TCP's initial window, about 14 KB), as a browser asking for brotli gets it;
//! images in bodies load lazily; a reader who asks to save data gets the smallest image.

use crate::support;

use portico_content::{Draft, Status};
use support::{TestApp, attrs, camp_image, create_release};

/// The first round trip: ten segments of 1 460 bytes, less the response headers' share.
const FIRST_ROUND_TRIP: usize = 14 * 1024;

/// What the world map on *Where we work* may add: it is that page's content, drawn inline so
/// that every country links to its page (an `<img>` cannot link, and the CSP forbids
/// `<object>`). Everything else on that page keeps to the first round trip.
const WORLD_MAP: usize = 16 * 1024;

/// The bytes of `path` as a browser asking for brotli receives them.
async fn compressed_size(app: &TestApp, path: &str) -> usize {
    let response =
        app.client.get(app.url(path)).header("accept-encoding", "br, gzip").send().await.expect("request");
    assert_eq!(response.status().as_u16(), 200, "GET {path}");
    assert_eq!(
        response.headers().get("content-encoding").and_then(|v| v.to_str().ok()),
        Some("br"),
        "{path} is sent compressed"
    );
    response.bytes().await.expect("body").len()
}

/// Every page address the sitemap of the site under `base` ("" or "/sites/{key}") lists, as
/// paths.
async fn sitemap_paths(app: &TestApp, base: &str) -> Vec<String> {
    let origin = app.url("");
    let index = app.get(&format!("{base}/sitemap.xml")).await.text().await.expect("sitemap");
    let mut documents = vec![index];
    let mut paths = Vec::new();
    while let Some(xml) = documents.pop() {
        let is_index = xml.contains("<sitemapindex");
        for loc in xml.split("<loc>").skip(1).filter_map(|rest| rest.split("</loc>").next()) {
            let path = loc.strip_prefix(&origin).unwrap_or(loc).to_owned();
            if is_index {
                documents.push(app.get(&path).await.text().await.expect("sitemap part"));
            } else {
                paths.push(path);
            }
        }
    }
    paths
}

#[tokio::test]
async fn every_demo_page_fits_with_its_stylesheet_in_the_first_round_trip() {
    for app in TestApp::each().await {
        let home = app.page("/en/", 200).await;
        let stylesheet = attrs(&home, "link[rel=stylesheet]", "href");
        assert_eq!(stylesheet.len(), 1, "one stylesheet");
        let css = compressed_size(&app, &stylesheet[0]).await;
        let mut paths = sitemap_paths(&app, "").await;
        assert!(paths.len() > 30, "the demo's sitemap lists its pages: {}", paths.len());
        assert!(paths.iter().any(|p| p.contains("/news/")), "releases among them");
        // The country offices' sites, each with its own sitemap.
        for key in ["sv", "sn", "jo", "de"] {
            let office = sitemap_paths(&app, &format!("/sites/{key}")).await;
            assert!(office.iter().any(|p| p.starts_with(&format!("/sites/{key}/"))), "{key}: {office:?}");
            paths.extend(office);
        }
        let mut heaviest = (0, String::new());
        for path in paths {
            let html = compressed_size(&app, &path).await;
            let budget = if path.ends_with("/where-we-work") {
                FIRST_ROUND_TRIP + WORLD_MAP
            } else {
                FIRST_ROUND_TRIP
            };
            assert!(
                html + css <= budget,
                "{path}: {html} bytes of HTML and {css} of CSS pass {budget} on {}",
                app.backend()
            );
            heaviest = heaviest.max((html, path));
        }
        println!("heaviest page {} ({} + {css} bytes) on {}", heaviest.1, heaviest.0, app.backend());
    }
}

#[tokio::test]
async fn body_images_load_lazily_and_save_data_gets_the_smallest_lead_image() {
    for app in TestApp::each().await {
        let store = &app.server.store;
        let site = store.site_by_key("global").await.expect("site").expect("global site");
        let image =
            camp_image(store, &site, &["320.jpg", "640.jpg", "1280.jpg", "320.webp", "1280.webp"]).await;
        let body = "The camp opened.\n\n![A tent](https://example.org/tent.jpg)\n\nMore below.";
        let draft = Draft {
            title: "Camp opens".into(),
            slug: "camp-opens".into(),
            summary: "A new camp.".into(),
            published_at: Some(time::macros::datetime!(2024-03-01 09:00 UTC)),
            body_markdown: body.into(),
            image: Some(image),
            ..Draft::default()
        };
        create_release(store, &site, "en", draft, Status::Published).await;

        let page = app.page("/en/news/camp-opens", 200).await;
        assert_eq!(
            attrs(&page, ".prose img, article img[src*=tent]", "loading"),
            ["lazy"],
            "{}",
            app.backend()
        );
        let lead = attrs(&page, "figure img", "srcset");
        assert_eq!(lead.len(), 1, "one lead image");
        assert!(
            lead[0].contains("1280.jpg") && lead[0].contains("320.jpg"),
            "every width offered: {}",
            lead[0]
        );
        assert!(
            attrs(&page, "figure img", "loading").is_empty(),
            "the lead image is above the fold: not lazy"
        );

        let saving = app
            .client
            .get(app.url("/en/news/camp-opens"))
            .header("save-data", "on")
            .send()
            .await
            .expect("request");
        let vary = saving.headers().get("vary").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert!(vary.contains("Save-Data"), "caches keep the two forms apart: {vary}");
        let saving = scraper::Html::parse_document(&saving.text().await.expect("body"));
        let sources = attrs(&saving, "figure img", "srcset");
        assert_eq!(sources.len(), 1);
        assert!(
            sources[0].contains("320.jpg") && !sources[0].contains("1280"),
            "only the smallest: {}",
            sources[0]
        );
        assert!(attrs(&saving, "figure img", "src")[0].ends_with("320.jpg"));
        assert!(attrs(&saving, "figure source", "srcset")[0].ends_with("320.webp 320w"));

        // Asked again without Save-Data (the page cache now holds the other form), every width.
        let again = app.page("/en/news/camp-opens", 200).await;
        assert!(attrs(&again, "figure img", "srcset")[0].contains("1280.jpg"), "{}", app.backend());
    }
}
