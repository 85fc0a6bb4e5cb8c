//! Admins name themes and partners per language and correct media contacts in the back
//! office; public pages show the names in their own language at once. Real server, real
//! HTTP, both databases.

use crate::support;

use portico_content::Role;
use scraper::Html;
use support::{TestApp, attrs, seed_release_path, text, texts};

#[tokio::test]
async fn a_theme_named_in_french_shows_on_french_pages_and_nowhere_else() {
    for app in TestApp::each().await {
        let admin = app.login(&app.user("boss@example.org", Role::Admin, &[]).await).await;
        let release_path = seed_release_path(&app).await;
        let release = app.page(&release_path, 200).await;
        let theme_href = attrs(&release, ".tags a[href*='theme=']", "href").remove(0);
        let slug = theme_href.rsplit_once("theme=").map(|(_, s)| s.to_owned()).expect("a theme link");
        let english = texts(&release, ".tags a[href*='theme=']").remove(0);

        let taxonomy = admin.page("/admin/taxonomy", 200).await;
        let edit = attrs(&taxonomy, "a[href^='/admin/themes/']", "href")
            .into_iter()
            .zip(texts(&taxonomy, "a[href^='/admin/themes/']"))
            .find(|(_, name)| english.starts_with(name.as_str()))
            .map(|(href, _)| href)
            .expect("the theme is listed");
        let form = admin.page(&edit, 200).await;
        assert_eq!(attrs(&form, "#name", "value"), std::slice::from_ref(&english), "{}", app.backend());
        assert!(!attrs(&form, "#name_fr", "value").is_empty(), "a French field");

        let saved = admin
            .post(
                &edit,
                &[
                    ("name", english.as_str()),
                    ("second", "Default"),
                    ("name_fr", "Enfance en migration"),
                    ("second_fr", ""),
                ],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{}", app.backend());

        let french = app.page("/fr/news", 200).await;
        let label = texts(&french, &format!("#f-theme option[value='{slug}']"));
        assert_eq!(label, ["Enfance en migration"], "the French filter on {}", app.backend());
        let filtered = app.page(&format!("/fr/news?theme={slug}"), 200).await;
        assert!(texts(&filtered, "strong").contains(&"Enfance en migration".to_owned()), "the active filter");
        let english_list = app.page("/en/news", 200).await;
        assert_eq!(
            texts(&english_list, &format!("#f-theme option[value='{slug}']")),
            std::slice::from_ref(&english)
        );

        // The English name itself, set for English, shows on the English release at once.
        let renamed = admin
            .post(
                &edit,
                &[
                    ("name", english.as_str()),
                    ("name_en", "Children on the move"),
                    ("name_fr", "Enfance en migration"),
                ],
            )
            .await;
        assert_eq!(renamed.status().as_u16(), 303);
        let release = app.page(&release_path, 200).await;
        assert!(
            texts(&release, ".tags a[href*='theme=']").contains(&"Children on the move".to_owned()),
            "{}",
            app.backend()
        );

        let themes: serde_json::Value =
            reqwest::get(app.url("/api/v1/themes")).await.expect("api").json().await.expect("json");
        let item =
            themes["data"].as_array().expect("list").iter().find(|t| t["slug"] == slug.as_str()).cloned();
        assert_eq!(item.expect("the theme")["names"]["fr"]["name"], "Enfance en migration");

        let empty = admin.post(&edit, &[("name", " "), ("name_fr", "Gardé")]).await;
        assert_eq!(empty.status().as_u16(), 422, "{}", app.backend());
        let html = Html::parse_document(&empty.text().await.expect("body"));
        assert_eq!(attrs(&html, "#name_fr", "value"), ["Gardé"], "the form keeps what was typed");
    }
}

#[tokio::test]
async fn partners_and_contacts_are_corrected_in_the_back_office_and_only_by_admins() {
    for app in TestApp::each().await {
        let admin = app.login(&app.user("boss@example.org", Role::Admin, &[]).await).await;
        let editor = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        assert_eq!(editor.get("/admin/taxonomy").await.status().as_u16(), 403, "{}", app.backend());

        let store = &app.server.store;
        let release_path = seed_release_path(&app).await;
        let release = app.page(&release_path, 200).await;
        let shown_contact = text(&release, ".contact-name");
        let contact = store.contacts().await.expect("contacts").into_iter().find(|c| c.name == shown_contact);
        let contact = contact.expect("the release's contact");
        let shown_acronym = texts(&release, ".release-facts abbr").remove(0);
        let partner =
            store.partners().await.expect("partners").into_iter().find(|p| p.acronym == shown_acronym);
        let partner = partner.expect("the release's partner");
        assert_eq!(
            editor
                .post(&format!("/admin/contacts/{}", contact.id.0), &[("name", "X")])
                .await
                .status()
                .as_u16(),
            403
        );

        let bad = admin
            .post(
                &format!("/admin/contacts/{}", contact.id.0),
                &[("name", "Ana"), ("phone", "call me"), ("email", "")],
            )
            .await;
        assert_eq!(bad.status().as_u16(), 422, "{}", app.backend());
        let html = Html::parse_document(&bad.text().await.expect("body"));
        assert_eq!(attrs(&html, "#phone", "value"), ["call me"], "the form keeps what was typed");
        let saved = admin
            .post(
                &format!("/admin/contacts/{}", contact.id.0),
                &[
                    ("name", "Ana Pérez"),
                    ("office", "IOM San Salvador"),
                    ("phone", "+503 2521 0599"),
                    ("email", "ana@example.org"),
                ],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{}", app.backend());
        let saved = admin
            .post(
                &format!("/admin/partners/{}", partner.id.0),
                &[
                    ("name", partner.name.as_str()),
                    ("second", partner.acronym.as_str()),
                    ("second_en", "NEWACR"),
                ],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{}", app.backend());

        let release = app.page(&release_path, 200).await;
        assert_eq!(text(&release, ".contact-name"), "Ana Pérez", "the release shows the correction at once");
        assert!(texts(&release, ".release-facts abbr").contains(&"NEWACR".to_owned()), "{}", app.backend());

        let entries = store.audit_records(&portico_store::AuditFilter::default(), 20).await.expect("audit");
        assert!(entries.iter().any(|e| e.action == "contact.save"));
        assert!(entries.iter().any(|e| e.action == "partner.save"));
    }
}

#[tokio::test]
async fn an_admin_adds_a_theme_once_and_a_taken_key_is_refused_with_the_form_kept() {
    for app in TestApp::each().await {
        let admin = app.login(&app.user("boss@example.org", Role::Admin, &[]).await).await;
        let added = admin
            .post(
                "/admin/taxonomy/themes",
                &[("name", "Climate mobility"), ("second", "Moving as the climate changes")],
            )
            .await;
        assert_eq!(added.status().as_u16(), 303, "{}", app.backend());
        let location = added.headers()["location"].to_str().expect("location").to_owned();
        assert!(location.starts_with("/admin/themes/"), "{location}");
        let themes = app.server.store.themes().await.expect("themes");
        assert!(themes.iter().any(|t| t.slug == "climate-mobility" && t.name == "Climate mobility"));

        let again = admin.post("/admin/taxonomy/themes", &[("name", "Climate Mobility")]).await;
        assert_eq!(again.status().as_u16(), 409, "{}", app.backend());
        let html = Html::parse_document(&again.text().await.expect("body"));
        assert!(text(&html, ".add-entry .error-summary").contains("climate-mobility"));
        assert_eq!(
            attrs(&html, "#add-theme-name", "value"),
            ["Climate Mobility"],
            "the form keeps what was typed"
        );

        let contact = admin
            .post(
                "/admin/taxonomy/contacts",
                &[
                    ("name", "Lea Braun"),
                    ("office", "IOM Berlin"),
                    ("phone", "+49 30 1234"),
                    ("email", "LBRAUN@example.org"),
                ],
            )
            .await;
        assert_eq!(contact.status().as_u16(), 303, "{}", app.backend());
        let stored =
            app.server.store.contacts().await.expect("contacts").into_iter().find(|c| c.key == "lea-braun");
        assert_eq!(stored.expect("added").email, "lbraun@example.org");
        assert_eq!(admin.post("/admin/taxonomy/planets", &[("name", "Mars")]).await.status().as_u16(), 404);
        let editor = app.login(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        assert_eq!(editor.post("/admin/taxonomy/themes", &[("name", "Mine")]).await.status().as_u16(), 403);
    }
}

/// A real 400 × 160 PNG, as a partner's logo file would be.
fn logo_png() -> Vec<u8> {
    let image = image::RgbImage::from_fn(400, 160, |x, y| image::Rgb([(x % 200) as u8, 40, (y % 160) as u8]));
    let mut bytes = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).expect("PNG");
    bytes
}

#[tokio::test]
async fn a_partners_logo_is_uploaded_by_an_admin_shown_beside_its_name_and_removed() {
    for app in TestApp::each().await {
        let admin = app.login(&app.user("logos@example.org", Role::Admin, &[]).await).await;
        let editor = app.login(&app.user("ed-logos@example.org", Role::Editor, &["global"]).await).await;
        let store = &app.server.store;
        let release_path = seed_release_path(&app).await;
        let release = app.page(&release_path, 200).await;
        assert!(attrs(&release, ".partner-logo", "src").is_empty(), "no logo yet");
        let shown_acronym = texts(&release, ".release-facts abbr").remove(0);
        let partner =
            store.partners().await.expect("partners").into_iter().find(|p| p.acronym == shown_acronym);
        let partner = partner.expect("the release's partner");
        let upload = |session: &support::Session, bytes: Vec<u8>, name: &'static str| {
            let form = reqwest::multipart::Form::new().text("_csrf", session.csrf.clone()).part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name).mime_str("image/png").expect("mime"),
            );
            session
                .client
                .post(app.url(&format!("/admin/partners/{}/logo", partner.id.0)))
                .header("origin", app.url(""))
                .multipart(form)
        };

        let refused = upload(&editor, logo_png(), "logo.png").send().await.expect("post");
        assert_eq!(refused.status().as_u16(), 403, "only admins: {}", app.backend());
        let not_an_image =
            upload(&admin, b"<svg onload=alert(1)>".to_vec(), "logo.png").send().await.expect("post");
        assert_eq!(not_an_image.status().as_u16(), 422, "{}", app.backend());
        let form = Html::parse_document(&not_an_image.text().await.expect("body"));
        assert!(!text(&form, ".error-summary").is_empty(), "the form says why");
        assert_eq!(
            store
                .partners()
                .await
                .expect("partners")
                .iter()
                .find(|p| p.id == partner.id)
                .map(|p| p.logo_path.clone()),
            Some(String::new())
        );

        let stored = upload(&admin, logo_png(), "unhcr-logo.png").send().await.expect("post");
        assert_eq!(stored.status().as_u16(), 303, "{}", app.backend());
        let form = admin.page(&format!("/admin/partners/{}", partner.id.0), 200).await;
        let preview = attrs(&form, ".partner-logo-preview", "src");
        assert_eq!(preview.len(), 1, "the form shows the logo");

        // The release shows it beside the partner's name, and anyone may load it.
        let release = app.page(&release_path, 200).await;
        let shown = attrs(&release, ".release-facts .partner-logo", "src");
        assert_eq!(shown, preview, "{}", app.backend());
        let image = app.get(&shown[0]).await;
        assert_eq!(image.status().as_u16(), 200, "{}", shown[0]);
        assert_eq!(image.headers()["content-type"], "image/png");

        let removed = admin.post(&format!("/admin/partners/{}/logo/remove", partner.id.0), &[]).await;
        assert_eq!(removed.status().as_u16(), 303);
        let release = app.page(&release_path, 200).await;
        assert!(attrs(&release, ".partner-logo", "src").is_empty(), "removed at once: {}", app.backend());
        let entries = store.audit_records(&portico_store::AuditFilter::default(), 20).await.expect("audit");
        assert_eq!(entries.iter().filter(|e| e.action == "partner.logo").count(), 2);
    }
}

/// Programmes are a list admins keep: one added for the El Salvador office is named in
/// Spanish on its Spanish pages, offered in the editor of that office's documents only, and
/// refused to a document of another site; the seed release keeps the programme it had. A
/// theme and a contact kept for the office are offered there and nowhere else.
#[tokio::test]
async fn a_programme_kept_for_one_office_is_named_per_language_and_refused_to_other_sites() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let store = &app.server.store;
        let admin_email = app.user("boss@example.org", Role::Admin, &[]).await;
        let admin = app.login(&admin_email).await;
        let release_path = seed_release_path(&app).await;
        let release = app.page(&release_path, 200).await;
        assert!(
            texts(&release, ".release-facts p").contains(&"Mesoamerica Regional Programme".to_owned()),
            "{backend}: the seed release shows its programme"
        );

        let sv = store.site_by_key("sv").await.expect("site").expect("the El Salvador office");
        let sv_id = sv.id.0.to_string();
        let unknown_site = admin
            .post("/admin/taxonomy/programmes", &[("name", "Municipal return desks"), ("site", "99999")])
            .await;
        assert_eq!(unknown_site.status().as_u16(), 422, "{backend}");
        let html = Html::parse_document(&unknown_site.text().await.expect("body"));
        assert_eq!(attrs(&html, "#add-programme-name", "value"), ["Municipal return desks"], "kept as typed");
        assert!(
            store.programmes().await.expect("programmes").iter().all(|p| p.slug != "municipal-return-desks")
        );

        let added = admin
            .post(
                "/admin/taxonomy/programmes",
                &[
                    ("name", "Municipal return desks"),
                    ("second", "Help near home"),
                    ("key", ""),
                    ("site", &sv_id),
                ],
            )
            .await;
        assert_eq!(added.status().as_u16(), 303, "{backend}");
        let edit = added.headers()["location"]
            .to_str()
            .expect("location")
            .split('?')
            .next()
            .expect("path")
            .to_owned();
        assert!(edit.starts_with("/admin/programmes/"), "{edit}");
        let taxonomy = admin.page("/admin/taxonomy", 200).await;
        let row = texts(&taxonomy, "table[aria-labelledby='programmes-h'] tbody tr")
            .into_iter()
            .find(|r| r.contains("municipal-return-desks"))
            .expect("listed");
        assert!(row.contains(&sv.name), "{backend}: the owner is named: {row}");

        let form = admin.page(&edit, 200).await;
        assert_eq!(texts(&form, "label[for=name_es]").len(), 1, "{backend}: a Spanish field");
        let saved = admin
            .post(
                &edit,
                &[
                    ("name", "Municipal return desks"),
                    ("second", "Help near home"),
                    ("name_es", "Ventanillas municipales"),
                ],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{backend}");
        let refused = admin.post(&edit, &[("name", ""), ("name_es", "Guardado")]).await;
        assert_eq!(refused.status().as_u16(), 422, "{backend}: a programme needs a name");
        let html = Html::parse_document(&refused.text().await.expect("body"));
        assert_eq!(
            attrs(&html, "#name_es", "value"),
            ["Guardado"],
            "{backend}: the form keeps what was typed"
        );
        let form = admin.page(&edit, 200).await;
        assert_eq!(attrs(&form, "#name_es", "value"), ["Ventanillas municipales"], "{backend}: saved before");

        // The office's release links it, and its Spanish page names it in Spanish.
        let mut draft = portico_content::Draft {
            title: "Ventanillas en cuatro municipios".into(),
            slug: "ventanillas-en-cuatro-municipios".into(),
            published_at: Some(portico_store::now() - time::Duration::hours(1)),
            summary: "Breve.".into(),
            body_markdown: "Texto.".into(),
            countries: vec!["SV".into()],
            programme: "municipal-return-desks".into(),
            ..Default::default()
        };
        let office_release =
            support::create_release(store, &sv, "es", draft.clone(), portico_content::Status::Published)
                .await;
        let public = app.page("/sites/sv/es/news/ventanillas-en-cuatro-municipios", 200).await;
        assert!(
            texts(&public, ".release-facts p").contains(&"Ventanillas municipales".to_owned()),
            "{backend}: named in Spanish"
        );
        let editor = admin.page(&format!("/admin/documents/{}", office_release.0), 200).await;
        assert_eq!(attrs(&editor, "#f-programme option[selected]", "value"), ["municipal-return-desks"]);

        // A global release is offered every site's programmes but not the office's own.
        let global = store.site_by_key("global").await.expect("site").expect("global");
        draft.slug = "a-global-release".into();
        draft.programme = "mesoamerica-regional".into();
        let global_release =
            support::create_release(store, &global, "en", draft, portico_content::Status::Draft).await;
        let editor = admin.page(&format!("/admin/documents/{}", global_release.0), 200).await;
        let offered = attrs(&editor, "#f-programme option", "value");
        assert!(offered.contains(&"mesoamerica-regional".to_owned()), "{backend}: {offered:?}");
        assert!(!offered.contains(&"municipal-return-desks".to_owned()), "{backend}: {offered:?}");
        assert!(!offered.contains(&"retorno-con-dignidad".to_owned()), "{backend}: another office's own");

        let token = app.token(&admin_email).await;
        let refused = app
            .client
            .patch(app.url(&format!("/api/v1/releases/{}", global_release.0)))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "programme": "municipal-return-desks" }))
            .send()
            .await
            .expect("patch");
        assert_eq!(refused.status().as_u16(), 422, "{backend}");
        let body: serde_json::Value = refused.json().await.expect("json");
        assert_eq!(body["error"]["fields"][0]["field"], "programme", "{backend}: {body}");
        let kept = store.editable_variant(global_release, None).await.expect("read").expect("found");
        assert_eq!(kept.draft.programme, "mesoamerica-regional", "{backend}: nothing written");

        // A theme and a media contact kept for the office: offered there, nowhere else.
        for (path, fields) in [
            ("/admin/taxonomy/themes", vec![("name", "Municipal desks"), ("key", "municipal-desks")]),
            (
                "/admin/taxonomy/contacts",
                vec![("name", "Rosa Díaz"), ("office", "IOM San Salvador"), ("key", "rdiaz")],
            ),
        ] {
            let mut fields = fields;
            fields.push(("site", sv_id.as_str()));
            let added = admin.post(path, &fields).await;
            assert_eq!(added.status().as_u16(), 303, "{backend}: {path}");
        }
        let theme_option = "#f-theme option[value='municipal-desks']";
        assert!(attrs(&app.page("/en/news", 200).await, theme_option, "value").is_empty(), "{backend}");
        assert_eq!(
            attrs(&app.page("/sites/sv/es/news", 200).await, theme_option, "value").len(),
            1,
            "{backend}"
        );
        let picked = |site: &'static str| {
            let admin = &admin;
            async move {
                let response = admin.get(&format!("/admin/pick/contacts?site={site}&q=rosa")).await;
                let body: serde_json::Value = response.json().await.expect("json");
                body["items"]
                    .as_array()
                    .expect("items")
                    .iter()
                    .map(|i| i["value"].to_string())
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(picked("sv").await, ["\"rdiaz\""], "{backend}");
        assert!(picked("global").await.is_empty(), "{backend}: another office's contact");
        let taxonomy = admin.page("/admin/taxonomy", 200).await;
        let row = texts(&taxonomy, "table[aria-labelledby='contacts-h'] tbody tr")
            .into_iter()
            .find(|r| r.contains("rdiaz"))
            .expect("listed");
        assert!(row.contains(&sv.name), "{backend}: {row}");

        // The contact's office named in Spanish shows on the office's Spanish release.
        let rosa =
            store.contacts().await.expect("contacts").into_iter().find(|c| c.key == "rdiaz").expect("rdiaz");
        let form = format!("/admin/contacts/{}", rosa.id.0);
        assert_eq!(texts(&admin.page(&form, 200).await, "label[for=office_es]").len(), 1, "{backend}");
        let saved = admin
            .post(
                &form,
                &[("name", "Rosa Díaz"), ("office", "IOM San Salvador"), ("office_es", "OIM San Salvador")],
            )
            .await;
        assert_eq!(saved.status().as_u16(), 303, "{backend}");
        let contacted = portico_content::Draft {
            title: "Rosa Díaz atiende a la prensa".into(),
            slug: "rosa-diaz-atiende-a-la-prensa".into(),
            published_at: Some(portico_store::now() - time::Duration::hours(1)),
            contacts: vec!["rdiaz".into()],
            ..Default::default()
        };
        support::create_release(store, &sv, "es", contacted, portico_content::Status::Published).await;
        let spanish = app.page("/sites/sv/es/news/rosa-diaz-atiende-a-la-prensa", 200).await;
        assert_eq!(texts(&spanish, ".contact-office"), ["OIM San Salvador"], "{backend}");
    }
}
