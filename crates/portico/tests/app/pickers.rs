//! The editor's pickers over HTTP, on SQLite and PostgreSQL: partners, media contacts and a
//! site's images found by search a bounded page at a time, only by people who write for the
//! site; uploads from the editor answered as JSON through the Media page's own checks; and the
//! editor page itself no longer listing every partner and contact.

use crate::support;

use portico_content::Role;
use portico_store::{NewPartner, Site};
use serde_json::Value;
use support::{Session, TestApp, attrs, camp_image};

/// A GET of a picker, its status and its body read as JSON (`Null` when it is not JSON).
async fn pick(session: &Session, path: &str) -> (u16, Value, String) {
    let response = session.get(path).await;
    let status = response.status().as_u16();
    let body = response.text().await.expect("body");
    (status, serde_json::from_str(&body).unwrap_or(Value::Null), body)
}

/// The `value` of every item of a partner or contact answer.
fn values(answer: &Value) -> Vec<String> {
    answer["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["value"].as_str().expect("value").to_owned())
        .collect()
}

async fn site(app: &TestApp, key: &str) -> Site {
    app.server.store.site_by_key(key).await.expect("site").expect("known site")
}

#[tokio::test]
async fn partners_and_contacts_are_found_by_any_part_of_their_names_a_few_at_a_time() {
    for app in TestApp::each().await {
        let backend = app.backend();
        // The organization's whole address book, far more than a list of checkboxes could show.
        for n in 0..400 {
            app.server
                .store
                .upsert_partner(&NewPartner {
                    slug: format!("ngo-{n:03}"),
                    name: format!("Civil Society Network {n:03}"),
                    acronym: String::new(),
                    names: Vec::new(),
                })
                .await
                .expect("partner");
        }
        let author = app.user("author@example.org", Role::Author, &["global"]).await;
        let session = app.login(&author).await;

        let (status, answer, body) = pick(&session, "/admin/pick/partners?site=global&q=red%20cross").await;
        assert_eq!(status, 200, "{backend}: {body}");
        let found = values(&answer);
        assert!(
            found.contains(&"icrc".to_owned()) && found.contains(&"ifrc".to_owned()),
            "{backend}: {found:?}"
        );
        assert!(!found.contains(&"unhcr".to_owned()), "{backend}: {found:?}");
        let labels: Vec<&str> =
            answer["items"].as_array().expect("items").iter().filter_map(|i| i["label"].as_str()).collect();
        assert!(labels.contains(&"ICRC (International Committee of the Red Cross)"), "{labels:?}");

        let (_, by_acronym, _) = pick(&session, "/admin/pick/partners?site=global&q=unhc").await;
        assert_eq!(values(&by_acronym), ["unhcr"], "{backend}");
        let (_, many, _) = pick(&session, "/admin/pick/partners?site=global&q=network").await;
        assert_eq!(
            values(&many).len(),
            12,
            "a search answers a few matches, never the whole list: {backend}"
        );

        let (status, contacts, body) =
            pick(&session, "/admin/pick/contacts?site=global&q=el%20salvador").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(values(&contacts), ["aamaya"], "{backend}");
        assert_eq!(contacts["items"][0]["detail"], "IOM El Salvador");
        let (_, none, _) =
            pick(&session, "/admin/pick/contacts?site=global&q=nobody%20by%20that%20name").await;
        assert_eq!(values(&none), Vec::<String>::new());

        // The editor page names only what the draft has chosen: the pickers find the rest.
        let editor = session.page("/admin/new/release", 200).await;
        assert!(attrs(&editor, "input[name=partners]", "value").is_empty(), "{backend}");
        assert!(attrs(&editor, "input[name=contacts]", "value").is_empty(), "{backend}");
        assert_eq!(attrs(&editor, "#f-partners", "data-pick"), ["/admin/pick/partners"]);
    }
}

#[tokio::test]
async fn pickers_answer_only_people_who_write_for_the_site_and_refuse_bad_queries_in_words() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let elsewhere = app.user("sv-author@example.org", Role::Author, &["sv"]).await;
        let session = app.login(&elsewhere).await;
        for picker in ["partners", "contacts", "images"] {
            let (status, _, _) = pick(&session, &format!("/admin/pick/{picker}?site=global&q=a")).await;
            assert_eq!(status, 403, "{picker} of a site they do not write for, {backend}");
            let (status, _, body) = pick(&session, &format!("/admin/pick/{picker}?site=sv&q=a")).await;
            assert_eq!(status, 200, "{picker} of their own site, {backend}: {body}");
            let (status, _, _) = pick(&session, &format!("/admin/pick/{picker}?site=nowhere&q=a")).await;
            assert_eq!(status, 404, "{picker} of a site that does not exist, {backend}");
            let (status, _, body) = pick(&session, &format!("/admin/pick/{picker}?q=a")).await;
            assert_eq!(status, 400, "{picker} without a site, {backend}");
            assert!(body.contains("Choose a site."), "{picker}: {body}");
            let long = "a".repeat(101);
            let (status, _, body) = pick(&session, &format!("/admin/pick/{picker}?site=sv&q={long}")).await;
            assert_eq!(status, 400, "{picker} with a search longer than any name, {backend}");
            assert!(body.contains("at most 100 characters"), "{picker}: {body}");
        }
        for before in ["abc", "-5", "0", "99999999999999999999"] {
            let (status, _, body) =
                pick(&session, &format!("/admin/pick/images?site=sv&before={before}")).await;
            assert_eq!(status, 400, "before={before}, {backend}");
            assert!(body.contains("does not exist"), "before={before}: {body}");
        }
        let (status, _, body) = pick(&session, "/admin/pick/images?site=sv&site=global").await;
        assert_eq!(status, 400, "a query string naming the site twice, {backend}: {body}");
        assert!(body.contains("duplicate field"), "{body}");

        // Signed out, the pickers send to the login like every back-office page.
        let anonymous =
            app.client.get(app.url("/admin/pick/partners?site=global&q=a")).send().await.expect("get");
        assert_eq!(anonymous.status().as_u16(), 303, "{backend}");
        assert!(anonymous.headers()["location"].to_str().expect("location").starts_with("/admin/login"));
    }
}

#[tokio::test]
async fn a_sites_images_come_a_page_at_a_time_newest_first_and_by_their_words() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let global = site(&app, "global").await;
        let store = &app.server.store;
        let mut ids = Vec::new();
        for _ in 0..30 {
            ids.push(camp_image(store, &global, &["320.webp", "640.webp"]).await);
        }
        let harbour = camp_image(store, &global, &["320.webp"]).await;
        store
            .update_media_text(
                harbour,
                "Boats in the harbour of Acajutla",
                "",
                "",
                &portico_store::Audit::system("test", "media.edit"),
            )
            .await
            .expect("alt");
        let sv = site(&app, "sv").await;
        let other = camp_image(store, &sv, &["320.webp"]).await;
        let author = app.user("author@example.org", Role::Author, &["global"]).await;
        let session = app.login(&author).await;

        let (status, first, body) = pick(&session, "/admin/pick/images?site=global").await;
        assert_eq!(status, 200, "{backend}: {body}");
        let items = first["items"].as_array().expect("items");
        assert_eq!(items.len(), 24, "one page, {backend}");
        assert_eq!(items[0]["id"], harbour.0, "newest first, {backend}");
        assert_eq!(items[0]["label"], "Boats in the harbour of Acajutla");
        let thumbnail = items[0]["thumbnail"].as_str().expect("thumbnail");
        assert!(
            thumbnail.starts_with(&format!("/media/{}-", harbour.0)) && thumbnail.ends_with("/320.webp"),
            "{thumbnail}"
        );
        assert!(!items.iter().any(|i| i["id"] == other.0), "another site's image is not offered, {backend}");
        let next = first["next"].as_i64().expect("a next page");

        let (_, second, _) = pick(&session, &format!("/admin/pick/images?site=global&before={next}")).await;
        let rest: Vec<i64> =
            second["items"].as_array().expect("items").iter().filter_map(|i| i["id"].as_i64()).collect();
        assert_eq!(rest.len(), 7, "the other seven, {backend}");
        assert_eq!(rest.last(), Some(&ids[0].0), "down to the oldest, {backend}");
        assert!(second["next"].is_null(), "the last page says so, {backend}");

        let (_, found, _) = pick(&session, "/admin/pick/images?site=global&q=ACAJUTLA%20harbour").await;
        let found: Vec<i64> =
            found["items"].as_array().expect("items").iter().filter_map(|i| i["id"].as_i64()).collect();
        assert!(found.is_empty(), "the words in their order: {found:?}");
        let (_, found, _) = pick(&session, "/admin/pick/images?site=global&q=harbour%20ACAJUTLA").await;
        let found: Vec<i64> =
            found["items"].as_array().expect("items").iter().filter_map(|i| i["id"].as_i64()).collect();
        assert_eq!(found, [harbour.0], "{backend}");
    }
}

/// A real PNG, small enough to upload quickly.
fn png() -> Vec<u8> {
    let image =
        image::RgbImage::from_fn(400, 250, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 120]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).expect("encode PNG");
    bytes.into_inner()
}

async fn upload_json(
    app: &TestApp,
    session: &Session,
    csrf: &str,
    site: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let form = reqwest::multipart::Form::new()
        .text("_csrf", csrf.to_owned())
        .text("site", site.to_owned())
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name("dropped.png"));
    let response = session
        .client
        .post(app.url("/admin/media"))
        .header("origin", app.server.url())
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn an_upload_from_the_editor_is_answered_as_json_through_the_same_checks() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let author = app.user("author@example.org", Role::Author, &["global"]).await;
        let session = app.login(&author).await;

        let (status, uploaded) = upload_json(&app, &session, &session.csrf, "global", png()).await;
        assert_eq!(status, 201, "{backend}: {uploaded}");
        let id = uploaded["id"].as_i64().expect("id");
        assert_eq!(uploaded["file_name"], "dropped.png");
        assert_eq!(uploaded["label"], "dropped.png (no alt text yet)");
        assert!(uploaded["thumbnail"].as_str().expect("thumbnail").starts_with(&format!("/media/{id}-")));
        let (_, page, _) = pick(&session, "/admin/pick/images?site=global").await;
        assert_eq!(page["items"][0]["id"], id, "the upload leads the grid, {backend}");

        let (status, refused) =
            upload_json(&app, &session, &session.csrf, "global", b"not an image".to_vec()).await;
        assert_eq!(status, 422, "{backend}");
        assert!(refused["error"].as_str().is_some_and(|e| !e.is_empty()), "a reason: {refused}");
        let (status, refused) = upload_json(&app, &session, "forged", "global", png()).await;
        assert_eq!(status, 403, "{backend}");
        assert!(refused["error"].as_str().is_some_and(|e| e.contains("expired")), "{refused}");
        let (status, refused) = upload_json(&app, &session, &session.csrf, "sv", png()).await;
        assert_eq!(status, 403, "not their site, {backend}");
        assert!(refused["error"].as_str().is_some_and(|e| !e.is_empty()), "{refused}");
        let stored = app.server.store.media_list(None, 100).await.expect("media");
        assert_eq!(
            // The demo's publications bring PDFs of their own.
            stored.iter().filter(|m| m.kind == "image").map(|m| m.id.0).collect::<Vec<_>>(),
            [id],
            "only the good upload is stored, {backend}"
        );
    }
}

#[tokio::test]
async fn without_the_script_partners_and_contacts_are_added_by_their_keys() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let author = app.user("author@example.org", Role::Author, &["global"]).await;
        let session = app.login(&author).await;
        let editor = session.page("/admin/new/release", 200).await;
        assert_eq!(attrs(&editor, "#f-partners-keys", "name"), ["partners_keys"], "{backend}");
        assert_eq!(attrs(&editor, "#f-contacts-keys", "name"), ["contacts_keys"], "{backend}");

        let fields = |partners: &'static str| {
            [
                ("site", "global"),
                ("title", "Keys typed by hand"),
                ("body_markdown", "Partners met in San Salvador."),
                ("partners_keys", partners),
                ("contacts_keys", "aamaya"),
                ("intent", "save"),
            ]
        };
        let refused = session.post("/admin/new/release", &fields("unhcr, nobody")).await;
        assert_eq!(refused.status().as_u16(), 422, "{backend}");
        let page = refused.text().await.expect("body");
        assert!(page.contains("“nobody” is not in the list."), "the unknown key is named: {backend}");

        let created = session.post("/admin/new/release", &fields("unhcr, icrc  unhcr")).await;
        assert_eq!(created.status().as_u16(), 303, "{backend}");
        let location = created.headers()["location"].to_str().expect("location").to_owned();
        let id: i64 = location
            .trim_start_matches("/admin/documents/")
            .split(['?', '/'])
            .next()
            .and_then(|id| id.parse().ok())
            .expect("a document id");
        let variant = app
            .server
            .store
            .editable_variant(portico_content::DocumentId(id), None)
            .await
            .expect("read")
            .expect("variant");
        assert_eq!(variant.draft.partners, ["unhcr", "icrc"], "each once, in the order typed: {backend}");
        assert_eq!(variant.draft.contacts, ["aamaya"], "{backend}");
        // The saved choices come back as ticked boxes, the field of keys empty again.
        let editor = session.page(&location, 200).await;
        assert_eq!(attrs(&editor, "input[name=partners][checked]", "value"), ["unhcr", "icrc"], "{backend}");
        assert_eq!(attrs(&editor, "#f-partners-keys", "value"), Vec::<String>::new());
    }
}
