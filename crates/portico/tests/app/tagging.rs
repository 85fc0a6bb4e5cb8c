//! A release pasted as text, Markdown, HTML or .docx comes back with its facts proposed,
//! matched to the organization's own partners: through the API and the command line.
//! Real server, real HTTP, both databases.

use crate::support;

use std::process::Command;

use portico_content::Role;
use portico_tagger::testing::Docx;
use serde_json::Value;
use support::TestApp;

const RELEASE: &str = "Partners meet on returns in Central America\n\n\
SAN SALVADOR, El Salvador, 21 August 2015 – Officials from Guatemala and Honduras met with \
UNHCR and UNICEF to review how returned children are received.\n\n\
For more information please contact Ana Morales, IOM El Salvador, Tel: +503 2521 0500, \
Email: amorales@example.org\n";

async fn tag(
    app: &TestApp,
    token: Option<&str>,
    content_type: &str,
    body: Vec<u8>,
    query: &str,
) -> (u16, Value) {
    let mut request = app
        .client
        .post(app.url(&format!("/api/v1/tag{query}")))
        .header("content-type", content_type)
        .body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_api_proposes_the_facts_of_a_release_matched_to_known_partners() {
    for app in TestApp::each().await {
        let token = app.token(&app.user("au@example.org", Role::Author, &["global"]).await).await;
        let (status, body) = tag(&app, Some(&token), "text/plain", RELEASE.into(), "?language=en").await;
        assert_eq!(status, 200, "{body} on {}", app.backend());
        let data = &body["data"];
        assert_eq!(data["dateline"]["country"], "SV");
        assert_eq!(data["dateline"]["date"], "2015-08-21");
        let countries: Vec<&str> = data["countries"]
            .as_array()
            .expect("countries")
            .iter()
            .filter_map(|c| c["iso2"].as_str())
            .collect();
        for code in ["SV", "GT", "HN"] {
            assert!(countries.contains(&code), "{code} in {countries:?}");
        }
        let unhcr =
            app.server.store.partners().await.expect("partners").into_iter().find(|p| p.acronym == "UNHCR");
        let unhcr = unhcr.expect("the demo knows UNHCR");
        let organizations = data["organizations"].as_array().expect("organizations");
        let found = organizations.iter().find(|o| o["acronym"] == "UNHCR").expect("UNHCR proposed");
        assert_eq!(found["known_partner_id"], unhcr.id.0, "matched, not duplicated, on {}", app.backend());
        assert!(!found["evidence"].as_array().expect("evidence").is_empty(), "with the words it came from");
        assert_eq!(data["contacts"][0]["email"], "amorales@example.org");

        let html = format!("<h1>Title</h1><p>{}</p>", RELEASE.replace("\n\n", "</p><p>"));
        let (status, body) = tag(&app, Some(&token), "text/html; charset=utf-8", html.into_bytes(), "").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["data"]["dateline"]["country"], "SV");

        // Bad input answers with what to fix, and nothing is written.
        let documents_before =
            app.server.store.document_rows(None, None, None, 1000).await.expect("rows").len();
        assert_eq!(tag(&app, None, "text/plain", RELEASE.into(), "").await.0, 401);
        let (status, body) = tag(&app, Some(&token), "application/json", b"{}".to_vec(), "").await;
        assert_eq!((status, body["error"]["code"].as_str()), (415, Some("unsupported_media_type")));
        let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        let (status, body) = tag(&app, Some(&token), docx, b"PK\x03\x04 not a zip".to_vec(), "").await;
        assert_eq!((status, body["error"]["code"].as_str()), (422, Some("unreadable_release")), "{body}");
        let (status, _) = tag(&app, Some(&token), "text/plain", RELEASE.into(), "?language=French!").await;
        assert_eq!(status, 400);
        let deep = format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let (status, body) = tag(&app, Some(&token), "text/html", deep.into_bytes(), "").await;
        assert_eq!((status, body["error"]["code"].as_str()), (422, Some("unreadable_release")), "too deep");
        let (status, _) = tag(&app, Some(&token), "text/plain", vec![0xff, 0xfe, 0x00], "").await;
        assert_eq!(status, 422, "not UTF-8");
        let documents_after =
            app.server.store.document_rows(None, None, None, 1000).await.expect("rows").len();
        assert_eq!(documents_before, documents_after, "tagging saves nothing");

        let translator = app.token(&app.user("tr@example.org", Role::Translator, &["global"]).await).await;
        let (status, _) = tag(&app, Some(&translator), "text/plain", RELEASE.into(), "").await;
        assert_eq!(status, 403, "a translator writes no releases");
    }
}

#[test]
fn the_command_line_tags_a_file_and_scores_a_labelled_set() {
    let dir = tempfile::tempdir().expect("dir");
    let release = dir.path().join("release.txt");
    std::fs::write(&release, RELEASE).expect("write");
    let portico = env!("CARGO_BIN_EXE_portico");
    let data = dir.path().join("data");
    let out = Command::new(portico)
        .args(["tag", "--json", "--data"])
        .arg(&data)
        .arg(&release)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let proposal: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(proposal["dateline"]["country"], "SV");

    let set = concat!(env!("CARGO_MANIFEST_DIR"), "/../tagger/testdata/releases.jsonl");
    let out = Command::new(portico).args(["tag", "eval", set, "--format", "json"]).output().expect("run");
    assert!(out.status.success());
    let scores: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(scores["countries"]["precision"].as_f64().expect("a number") >= 0.98, "{scores}");

    let broken = dir.path().join("broken.jsonl");
    std::fs::write(&broken, "{\"id\": \"x\"}\nnot json\n").expect("write");
    let out = Command::new(portico).args(["tag", "eval"]).arg(&broken).output().expect("run");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("broken.jsonl") && stderr.contains("line"), "{stderr}");
}

#[tokio::test]
async fn a_pasted_or_uploaded_release_opens_a_filled_draft_and_nothing_is_saved_unseen() {
    use scraper::Html;
    use support::{attrs, texts};
    for app in TestApp::each().await {
        let author = app.login(&app.user("au@example.org", Role::Author, &["global"]).await).await;
        let before = app.server.store.document_rows(None, None, None, 1000).await.expect("rows").len();
        let paste = |form: reqwest::multipart::Form| {
            let request = author
                .client
                .post(app.url("/admin/new/release/paste"))
                .header("origin", app.url(""))
                .multipart(form);
            async move { request.send().await.expect("post") }
        };
        let text_form = reqwest::multipart::Form::new()
            .text("_csrf", author.csrf.clone())
            .text("site", "global")
            .text("text", RELEASE);
        let read = paste(text_form).await;
        assert_eq!(read.status().as_u16(), 200, "{}", app.backend());
        let html = Html::parse_document(&read.text().await.expect("body"));
        let countries = attrs(&html, "#f-countries", "value").remove(0);
        for code in ["SV", "GT", "HN"] {
            assert!(countries.contains(code), "{code} in {countries}");
        }
        assert_eq!(attrs(&html, "#f-title", "value"), ["Partners meet on returns in Central America"]);
        assert!(attrs(&html, "#f-dateline", "value")[0].starts_with("SAN SALVADOR"), "{}", app.backend());
        let unhcr =
            app.server.store.partners().await.expect("partners").into_iter().find(|p| p.acronym == "UNHCR");
        let unhcr = unhcr.expect("UNHCR");
        assert_eq!(
            attrs(&html, &format!("input[name=partners][value='{}']", unhcr.slug), "checked").len(),
            1
        );
        let rows = texts(&html, ".proposals tbody tr");
        assert!(
            rows.iter().any(|r| r.contains("UNHCR") && r.contains("met with")),
            "each with its words: {rows:?}"
        );
        assert_eq!(
            app.server.store.document_rows(None, None, None, 1000).await.expect("rows").len(),
            before,
            "nothing saved yet on {}",
            app.backend()
        );

        // Pasted HTML naming a picture on the writer's disk: its words come, the picture,
        // which would be broken on the site, does not.
        let html_form =
            reqwest::multipart::Form::new().text("_csrf", author.csrf.clone()).text("site", "global").text(
                "text",
                r#"<h1>Clinic opens in La Unión</h1><p>SAN SALVADOR, El Salvador – A clinic opened.</p>
<p><img src="release_files/image003.png" alt="A clinic"></p><p>Doctors will see 200 people a week.</p>"#,
            );
        let pasted = paste(html_form).await;
        assert_eq!(pasted.status().as_u16(), 200, "{}", app.backend());
        let pasted = Html::parse_document(&pasted.text().await.expect("body"));
        let pasted_body = texts(&pasted, "#f-body_markdown").join("");
        assert!(pasted_body.contains("200 people"), "{pasted_body}");
        assert!(!pasted_body.contains("release_files"), "{pasted_body}");

        // The person keeps what is right and saves: the draft holds exactly that.
        let title = attrs(&html, "#f-title", "value").remove(0);
        let body = texts(&html, "#f-body_markdown").join("");
        let saved = author
            .post(
                "/admin/new/release",
                &[
                    ("site", "global"),
                    ("title", &title),
                    ("body_markdown", &body),
                    ("countries", "SV, GT"),
                    ("partners", &unhcr.slug),
                ],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{}", app.backend());
        let rows = app.server.store.document_rows(None, None, None, 1000).await.expect("rows");
        assert_eq!(rows.len(), before + 1);

        let file_form = reqwest::multipart::Form::new()
            .text("_csrf", author.csrf.clone())
            .text("site", "global")
            .text("text", "")
            .part(
                "file",
                reqwest::multipart::Part::bytes(
                    Docx::new()
                        .paragraph("Returns to Honduras")
                        .paragraph("TEGUCIGALPA, Honduras, 3 March 2016 – Families returned from Mexico received support.")
                        .build(),
                )
                .file_name("release.docx"),
            );
        let read = paste(file_form).await;
        assert_eq!(read.status().as_u16(), 200, "{}", app.backend());
        let html = Html::parse_document(&read.text().await.expect("body"));
        let countries = attrs(&html, "#f-countries", "value").remove(0);
        assert!(countries.contains("HN") && countries.contains("MX"), "{countries}");

        let empty = reqwest::multipart::Form::new()
            .text("_csrf", author.csrf.clone())
            .text("site", "global")
            .text("text", "  ");
        assert_eq!(paste(empty).await.status().as_u16(), 422);
        let broken = reqwest::multipart::Form::new()
            .text("_csrf", author.csrf.clone())
            .text("site", "global")
            .part("file", reqwest::multipart::Part::bytes(b"PK\x03\x04 broken".to_vec()).file_name("x.docx"));
        let refused = paste(broken).await;
        assert_eq!(refused.status().as_u16(), 422, "{}", app.backend());
        let html = Html::parse_document(&refused.text().await.expect("body"));
        assert!(texts(&html, ".error-summary").join(" ").contains("docx"), "says what is wrong");
        let forged = reqwest::multipart::Form::new()
            .text("_csrf", "forged")
            .text("site", "global")
            .text("text", RELEASE);
        assert_eq!(paste(forged).await.status().as_u16(), 403);
    }
}

/// A real 800 × 500 PNG, as a camera's picture pasted into a word processor would be.
fn photo_png() -> Vec<u8> {
    let image =
        image::RgbImage::from_fn(800, 500, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 120]));
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).expect("PNG");
    bytes
}

#[tokio::test]
async fn a_pasted_docx_brings_its_pictures_to_the_media_library_and_its_structure_to_the_body() {
    use portico_tagger::testing::BULLETED;
    use scraper::Html;
    use support::{attrs, texts};
    for app in TestApp::each().await {
        let author = app.login(&app.user("pics@example.org", Role::Author, &["global"]).await).await;
        let site = app.server.store.site_by_key("global").await.expect("site").expect("global");
        let media_before = app.server.store.media_list(Some(&[site.id]), 1000).await.expect("media").len();
        let documents_before =
            app.server.store.document_rows(None, None, None, 1000).await.expect("rows").len();
        let docx = Docx::new()
            .styled("Title", "Health screenings reach families at the border")
            .paragraph("SAN SALVADOR, El Salvador, 21 August 2015 – Mobile teams screened 4,000 people.")
            .link("Read ", "the report", "https://example.org/report", ".")
            .list_item(BULLETED, 0, "Vaccinations")
            .list_item(BULLETED, 0, "Psychosocial support")
            .image("image1.png", &photo_png(), "Families queue at a border post")
            .styled("Caption", "Families wait at El Amatillo. Photo: IOM/Jane Doe")
            .image("image2.png", b"this is no picture", "A broken picture")
            .table(&[&["Month", "People"], &["August", "4,000"]])
            .build();
        let form = reqwest::multipart::Form::new()
            .text("_csrf", author.csrf.clone())
            .text("site", "global")
            .part("file", reqwest::multipart::Part::bytes(docx).file_name("border release.docx"));
        let response = author
            .client
            .post(app.url("/admin/new/release/paste"))
            .header("origin", app.url(""))
            .multipart(form)
            .send()
            .await
            .expect("post");
        assert_eq!(response.status().as_u16(), 200, "{}", app.backend());
        let html = Html::parse_document(&response.text().await.expect("body"));
        let body: String = html
            .select(&scraper::Selector::parse("#f-body_markdown").expect("selector"))
            .flat_map(|area| area.text())
            .collect();

        // The good picture is an upload like any other: checked, resized, with its words.
        let media = app.server.store.media_list(Some(&[site.id]), 1000).await.expect("media");
        assert_eq!(
            media.len(),
            media_before + 1,
            "one picture stored, the broken one not, on {}",
            app.backend()
        );
        let stored = &media[0];
        assert_eq!(
            (stored.alt.as_str(), stored.caption.as_str(), stored.credit.as_str(), stored.file_name.as_str()),
            (
                "Families queue at a border post",
                "Families wait at El Amatillo.",
                "IOM/Jane Doe",
                "border release-image1.png"
            )
        );
        assert!(!stored.renditions.is_empty(), "resized like any upload");
        let shown = format!("![Families queue at a border post](/media/{}-{}/", stored.id, stored.token);
        assert!(body.contains(&shown), "{body}");
        assert!(body.contains("*Families wait at El Amatillo. Photo: IOM/Jane Doe*"), "{body}");
        assert!(!body.contains("word/media") && !body.contains("A broken picture]"), "{body}");
        assert!(body.contains("Read [the report](https://example.org/report)."), "{body}");
        assert!(body.contains("- Vaccinations\n- Psychosocial support"), "{body}");
        assert!(body.contains("| Month | People |\n| --- | --- |\n| August | 4,000 |"), "{body}");

        // Each picture is listed with what became of it.
        let rows = texts(&html, ".proposals tbody tr");
        assert!(rows.iter().any(|r| r.contains("image1.png") && r.contains("media library")), "{rows:?}");
        assert!(rows.iter().any(|r| r.contains("image2.png") && r.contains("not brought in")), "{rows:?}");
        assert_eq!(
            app.server.store.document_rows(None, None, None, 1000).await.expect("rows").len(),
            documents_before,
            "the draft itself waits for Save"
        );
        // Without a script the form is the whole truth: the Accept and Dismiss buttons wait hidden.
        assert!(!attrs(&html, "tr[data-target] .proposal-actions", "hidden").is_empty(), "{}", app.backend());
    }
}

#[tokio::test]
async fn the_printed_date_is_offered_to_whoever_may_set_the_publication_time() {
    use scraper::Html;
    use support::{attrs, texts};
    for app in TestApp::each().await {
        for (email, role, offered) in
            [("ed@example.org", Role::Editor, true), ("writer@example.org", Role::Author, false)]
        {
            let session = app.login(&app.user(email, role, &["global"]).await).await;
            let form = reqwest::multipart::Form::new()
                .text("_csrf", session.csrf.clone())
                .text("site", "global")
                .text("text", RELEASE);
            let response = session
                .client
                .post(app.url("/admin/new/release/paste"))
                .header("origin", app.url(""))
                .multipart(form)
                .send()
                .await
                .expect("post");
            assert_eq!(response.status().as_u16(), 200, "{email} on {}", app.backend());
            let html = Html::parse_document(&response.text().await.expect("body"));
            let date = attrs(&html, "tr[data-target=published_at]", "data-code");
            assert_eq!(!date.is_empty(), offered, "{email} on {}", app.backend());
            if offered {
                assert_eq!(date, ["2015-08-21T12:00"], "noon UTC: the same day everywhere");
            }
            assert_eq!(attrs(&html, "#f-published_at", "value"), [""], "shown, not filled in");
            let rows = texts(&html, ".proposals tbody tr");
            assert!(rows.iter().any(|r| r.contains("2015-08-21")), "{rows:?}");
        }
    }
}
