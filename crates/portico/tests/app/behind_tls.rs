//! Behind TLS: with an https public address, or a trusted proxy's word that the reader came
//! over https, cookies are `Secure` and responses carry HSTS; nobody else's word counts, for
//! the scheme or for the client address the login back-off and the audit log use.

use crate::support;

use portico_content::Role;
use portico_web::Transport;
use scraper::Html;
use support::{PASSWORD, TestApp, attrs, behind_loopback_proxy};

/// `Set-Cookie` values of a response.
fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response.headers().get_all("set-cookie").iter().map(|v| v.to_str().expect("cookie").to_owned()).collect()
}

fn hsts(response: &reqwest::Response) -> Option<String> {
    response.headers().get("strict-transport-security").map(|v| v.to_str().expect("hsts").to_owned())
}

/// Signs in through the real form with `extra` headers on every request; returns the
/// answer to the login POST.
async fn sign_in(app: &TestApp, email: &str, password: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let mut form = app.client.get(app.url("/admin/login"));
    for (name, value) in extra {
        form = form.header(*name, *value);
    }
    let form = form.send().await.expect("login form");
    let jar: Vec<String> =
        set_cookies(&form).iter().map(|c| c.split(';').next().expect("pair").to_owned()).collect();
    let html = Html::parse_document(&form.text().await.expect("body"));
    let csrf = attrs(&html, "input[name=_csrf]", "value").remove(0);
    let mut post = app
        .client
        .post(app.url("/admin/login"))
        .header("cookie", jar.join("; "))
        .header("origin", app.server.url())
        .form(&[("_csrf", csrf.as_str()), ("email", email), ("password", password), ("next", "/admin")]);
    for (name, value) in extra {
        post = post.header(*name, *value);
    }
    post.send().await.expect("login")
}

#[tokio::test]
async fn with_an_https_public_url_cookies_are_secure_and_hsts_is_sent() {
    for app in TestApp::each_with_transport(Transport { https: true, trusted_proxies: vec![] }).await {
        let email = app.user("tls-admin@example.org", Role::Admin, &[]).await;
        let home = app.get("/en/").await;
        assert_eq!(home.status().as_u16(), 200);
        assert_eq!(hsts(&home).as_deref(), Some("max-age=31536000"), "on {}", app.backend());
        let form = app.get("/admin/login").await;
        assert!(hsts(&form).is_some());
        let cookies = set_cookies(&form);
        assert!(!cookies.is_empty() && cookies.iter().all(|c| c.contains("; Secure")), "{cookies:?}");

        let signed_in = sign_in(&app, &email, PASSWORD, &[]).await;
        assert_eq!(signed_in.status().as_u16(), 303, "signs in on {}", app.backend());
        let session = set_cookies(&signed_in)
            .into_iter()
            .find(|c| c.contains("portico_session=") && !c.contains("Max-Age=0"))
            .expect("session cookie");
        assert!(session.starts_with("__Host-portico_session="), "{session}");
        assert!(session.contains("; Secure") && session.contains("HttpOnly"), "{session}");
        // The canonical links say https too.
        let page = Html::parse_document(&app.get("/en/who-we-are").await.text().await.expect("body"));
        assert!(attrs(&page, "link[rel=canonical]", "href")[0].starts_with("https://"));
    }
}

#[tokio::test]
async fn without_tls_nothing_claims_it() {
    for app in TestApp::each().await {
        let form = app.get("/admin/login").await;
        assert_eq!(hsts(&form), None);
        assert!(set_cookies(&form).iter().all(|c| !c.contains("Secure")));
    }
}

#[tokio::test]
async fn forwarded_https_is_believed_from_a_trusted_proxy_only() {
    let untrusted = Transport {
        https: false,
        trusted_proxies: vec![Transport::parse_proxy("10.0.0.0/8").expect("range")],
    };
    let claims: [&[(&str, &str)]; 2] =
        [&[("x-forwarded-proto", "https")], &[("forwarded", "for=203.0.113.9;proto=https")]];
    for (transport, believed) in [(behind_loopback_proxy(), true), (untrusted, false)] {
        for app in TestApp::each_with_transport(transport.clone()).await {
            for claim in claims {
                let mut request = app.client.get(app.url("/admin/login"));
                for (name, value) in claim {
                    request = request.header(*name, *value);
                }
                let response = request.send().await.expect("form");
                let secure = set_cookies(&response).iter().all(|c| c.contains("; Secure"));
                assert_eq!(
                    secure,
                    believed,
                    "{claim:?} from 127.0.0.1 with {transport:?} on {}",
                    app.backend()
                );
                assert_eq!(hsts(&response).is_some(), believed, "{claim:?} with {transport:?}");
                let mut request = app.client.get(app.url("/en/who-we-are"));
                for (name, value) in claim {
                    request = request.header(*name, *value);
                }
                let page =
                    Html::parse_document(&request.send().await.expect("page").text().await.expect("body"));
                let canonical = attrs(&page, "link[rel=canonical]", "href").remove(0);
                assert_eq!(canonical.starts_with("https://"), believed, "{canonical} for {claim:?}");
            }
        }
    }
}

#[tokio::test]
async fn the_client_address_of_sign_ins_comes_from_a_trusted_proxy_only() {
    let untrusted = Transport {
        https: false,
        trusted_proxies: vec![Transport::parse_proxy("10.0.0.0/8").expect("range")],
    };
    for (transport, client) in [(behind_loopback_proxy(), "203.0.113.7"), (untrusted, "127.0.0.1")] {
        for app in TestApp::each_with_transport(transport.clone()).await {
            let email = app.user("client@example.org", Role::Editor, &["global"]).await;
            // The client wrote its own X-Forwarded-For entry first; the proxy appended the
            // address it saw.
            let forwarded = [("x-forwarded-for", "198.51.100.1, 203.0.113.7")];
            let failed = sign_in(&app, &email, "not the password at all", &forwarded).await;
            assert_eq!(failed.status().as_u16(), 401, "the form again, with an error");
            let since = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
            let failures = app.server.store.login_failures(&email, client, since).await.expect("failures");
            assert_eq!(failures.by_pair.0, 1, "the failure counts against {client} with {transport:?}");
            let signed_in = sign_in(&app, &email, PASSWORD, &forwarded).await;
            assert_eq!(signed_in.status().as_u16(), 303);
            let filter = portico_store::AuditFilter { action: Some("login".into()), ..Default::default() };
            let records = app.server.store.audit_records(&filter, 10).await.expect("audit");
            assert!(!records.is_empty());
            for record in records {
                assert_eq!(record.client, client, "{} on {}", record.action, app.backend());
            }
        }
    }
}
