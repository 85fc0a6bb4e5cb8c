//! The interface in every language: French, Spanish and Arabic pages speak their language,
//! write dates and numbers their way, and Arabic reads right to left; the back office follows
//! the browser's language or the one chosen on the account page. Real server, real HTTP,
//! parsed HTML, on SQLite and PostgreSQL.

use crate::support;

use portico_content::Role;
use scraper::Html;
use support::{TestApp, attrs, text, texts};

/// Whether `text` has Arabic-Indic digits and no ASCII ones.
fn arabic_digits_only(text: &str) -> bool {
    text.chars().any(|c| ('\u{660}'..='\u{669}').contains(&c)) && !text.chars().any(|c| c.is_ascii_digit())
}

/// `n` in Arabic-Indic digits.
fn arabic_number(n: usize) -> String {
    n.to_string().chars().map(|c| char::from_u32(0x660 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect()
}

#[tokio::test]
async fn french_pages_have_a_french_interface() {
    for app in TestApp::each().await {
        let home = app.page("/fr/", 200).await;
        assert_eq!(attrs(&home, "html", "lang"), ["fr"], "{}", app.backend());
        assert_eq!(attrs(&home, "html", "dir"), ["ltr"]);
        assert_eq!(text(&home, "#latest-news"), "Dernières actualités");
        assert_eq!(text(&home, "a.skip-link"), "Aller au contenu principal");
        assert_eq!(attrs(&home, "nav.main-nav", "aria-label"), ["Principal"]);

        let news = app.page("/fr/news", 200).await;
        assert_eq!(text(&news, "h1"), "Actualités et communiqués de presse");
        assert_eq!(text(&news, "label[for=f-country]"), "Pays");
        assert_eq!(text(&news, "form.filters button"), "Appliquer les filtres");
        let lead = text(&news, ".page-header .lead");
        assert!(lead.ends_with("communiqués de presse") || lead.contains(" · page "), "{lead}");
        // Cards come from a macro in another template: they speak French too.
        assert!(attrs(&news, ".card ul.tags", "aria-label").iter().all(|l| l == "Pays"));

        let filtered = app.page("/fr/news?country=zz", 400).await;
        assert_eq!(text(&filtered, "h1"), "Cette demande n'a pas pu être comprise");
        assert!(
            text(&filtered, ".lead").contains("n'est pas un code de pays"),
            "{}",
            text(&filtered, ".lead")
        );
        let missing = app.page("/fr/no-such-page", 404).await;
        assert_eq!(text(&missing, "h1"), "Page introuvable");
        assert_eq!(text(&missing, ".kicker"), "Erreur 404");
    }
}

#[tokio::test]
async fn a_spanish_release_is_dated_the_spanish_way() {
    for app in TestApp::each().await {
        let list = app.page("/es/news?country=sv&year=2015", 200).await;
        assert_eq!(text(&list, "h1"), "Noticias sobre El Salvador", "{}", app.backend());
        assert_eq!(text(&list, ".page-header .lead"), "1 comunicado de prensa");
        let path =
            attrs(&list, ".card-title a", "href").into_iter().next().expect("the Spanish seed release");
        assert_eq!(text(&list, ".card time"), "21 de agosto de 2015");

        let release = app.page(&path, 200).await;
        assert_eq!(attrs(&release, "html", "lang"), ["es"]);
        assert_eq!(text(&release, ".kicker"), "Comunicado de prensa");
        assert_eq!(text(&release, ".release-body .dateline time"), "21 de agosto de 2015");
        assert_eq!(attrs(&release, ".release-body .dateline time", "datetime"), ["2015-08-21"]);
        assert_eq!(texts(&release, ".breadcrumbs li a")[..2], ["Inicio", "Noticias"]);
        let facts = texts(&release, ".release-facts h2");
        assert!(facts.iter().any(|h| h == "Países"), "{facts:?}");
    }
}

#[tokio::test]
async fn arabic_pages_read_right_to_left_with_arabic_digits_and_plurals() {
    for app in TestApp::each().await {
        let news = app.page("/sites/jo/ar/news", 200).await;
        assert_eq!(attrs(&news, "html", "lang"), ["ar"], "{}", app.backend());
        assert_eq!(attrs(&news, "html", "dir"), ["rtl"]);
        assert_eq!(text(&news, "h1"), "الأخبار والبيانات الصحفية");
        let dates = texts(&news, ".card time");
        assert!(!dates.is_empty(), "the demo's Jordan site has Arabic releases");
        for date in &dates {
            assert!(arabic_digits_only(date), "{date}");
        }

        // The count takes the plural form Arabic uses for it (three to ten: "بيانات").
        let count = texts(&news, ".card-title").len();
        assert!((3..=10).contains(&count), "the demo's Jordan site has a few Arabic releases: {count}");
        assert_eq!(text(&news, ".page-header .lead"), format!("{} بيانات صحفية", arabic_number(count)));

        let country = app.page("/sites/jo/ar/where-we-work/jo", 200).await;
        assert_eq!(attrs(&country, "html", "dir"), ["rtl"]);
        assert_eq!(text(&country, "#country-news"), "البيانات الصحفية");
        let more = text(&country, ".section-head a.more");
        assert!(more.starts_with("جميع البيانات الصحفية عن الأردن"), "{more}");
        assert!(arabic_digits_only(&more), "{more}");
    }
}

/// A signed-in editor whose browser asks for `language`.
async fn back_office_page(app: &TestApp, session: &support::Session, path: &str, language: &str) -> Html {
    let response =
        session.client.get(app.url(path)).header("accept-language", language).send().await.expect("request");
    assert_eq!(response.status().as_u16(), 200, "GET {path} on {}", app.backend());
    Html::parse_document(&response.text().await.expect("body"))
}

#[tokio::test]
async fn the_back_office_speaks_the_browsers_language() {
    for app in TestApp::each().await {
        let login = app
            .client
            .get(app.url("/admin/login"))
            .header("accept-language", "de-CH, de;q=0.9, en;q=0.5")
            .send()
            .await
            .expect("login form");
        assert_eq!(login.headers()["content-language"], "de");
        let login = Html::parse_document(&login.text().await.expect("body"));
        assert_eq!(attrs(&login, "html", "lang"), ["de"], "{}", app.backend());
        assert_eq!(text(&login, "h1"), "Bei Portico anmelden");

        let email = app.user("redacteur@example.org", Role::Editor, &["global"]).await;
        let session = app.login(&email).await;
        let dashboard = back_office_page(&app, &session, "/admin", "fr-FR,fr;q=0.9,en;q=0.8").await;
        assert_eq!(attrs(&dashboard, "html", "lang"), ["fr"]);
        assert_eq!(attrs(&dashboard, "html", "dir"), ["ltr"]);
        assert!(texts(&dashboard, ".admin-nav a").iter().any(|l| l == "Médias"));
        assert_eq!(text(&dashboard, ".admin-user button"), "Se déconnecter");
        assert_eq!(text(&dashboard, ".admin-user .role"), "(éditeur)");
        assert!(texts(&dashboard, ".actions a").iter().any(|l| l == "Nouveau communiqué de presse"));

        // Without the header, English: nothing changes for everyone else.
        let english = session.page("/admin", 200).await;
        assert_eq!(attrs(&english, "html", "lang"), ["en"]);
        assert_eq!(text(&english, ".admin-user button"), "Sign out");
    }
}

#[tokio::test]
async fn the_language_chosen_on_the_account_page_wins_and_turns_the_back_office_right_to_left() {
    for app in TestApp::each().await {
        let email = app.user("katiba@example.org", Role::Author, &["global"]).await;
        let session = app.login(&email).await;
        let account = session.page("/admin/account", 200).await;
        let choices = attrs(&account, "form[action='/admin/account/language'] option", "value");
        assert_eq!(choices, ["", "en", "fr", "es", "de", "ar"], "{}", app.backend());

        // Like every form there, the selector needs the session's CSRF token.
        let forged = session
            .client
            .post(app.url("/admin/account/language"))
            .header("origin", app.url(""))
            .form(&[("language", "ar")])
            .send()
            .await
            .expect("forged");
        assert_eq!(forged.status().as_u16(), 403);
        assert_eq!(
            session.post("/admin/account/language", &[("language", "xx")]).await.status().as_u16(),
            400
        );

        let chosen = session.post("/admin/account/language", &[("language", "ar")]).await;
        assert_eq!(chosen.status().as_u16(), 303);
        let cookie = chosen.headers()["set-cookie"].to_str().expect("cookie").to_owned();
        assert!(cookie.starts_with("portico_lang=ar;"), "{cookie}");

        // The cookie beats the browser's own wish.
        let arabic = back_office_page(&app, &session, "/admin/account?notice=language", "fr").await;
        assert_eq!(attrs(&arabic, "html", "lang"), ["ar"]);
        assert_eq!(attrs(&arabic, "html", "dir"), ["rtl"]);
        assert_eq!(text(&arabic, "h1"), "حسابك");
        assert_eq!(text(&arabic, ".notice"), "تستخدم لوحة الإدارة الآن اللغة التي اخترتها.");
        assert_eq!(attrs(&arabic, "option[selected]", "value"), ["ar"]);

        // A field's problem is shown in the chosen language, found by its stable code.
        let refused = session
            .post(
                "/admin/new/release",
                &[("site", "global"), ("title", ""), ("slug", "untitled"), ("intent", "save")],
            )
            .await;
        assert_eq!(refused.status().as_u16(), 422);
        let form = Html::parse_document(&refused.text().await.expect("body"));
        assert_eq!(text(&form, "#title-error"), "هذا الحقل مطلوب.");
        assert_eq!(text(&form, ".error-summary h2"), "لم يُحفظ شيء: يُرجى إصلاح مشكلة واحدة");

        // An empty choice forgets the cookie: the browser decides again.
        let reset = session.post("/admin/account/language", &[("language", "")]).await;
        assert!(reset.headers()["set-cookie"].to_str().expect("cookie").contains("Max-Age=0"));
        let spanish = back_office_page(&app, &session, "/admin/account", "es").await;
        assert_eq!(attrs(&spanish, "html", "lang"), ["es"]);
        assert_eq!(text(&spanish, "h1"), "Su cuenta");
    }
}
