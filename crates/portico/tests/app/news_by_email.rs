//! News by email through real parts: a real server on a free port over SQLite and PostgreSQL,
//! real HTTP, and a real SMTP server (aiosmtpd, `tests/smtp-sink/smtp_sink.py`) whose
//! messages are read back as Python's email parser reads them.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use portico::server::{ServeConfig, Server, Tuning, start_tuned};
use portico_content::{Draft, Role, Status};
use portico_store::testing::TestDb;
use portico_web::outbox::{MailOptions, SmtpTls};
use scraper::{Html, Selector};
use support::{TestApp, create_release};

/// aiosmtpd on a free port, writing what it accepts to a folder; stopped when dropped.
struct SmtpSink {
    port: u16,
    dir: tempfile::TempDir,
    child: Child,
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let port =
            std::net::TcpListener::bind("127.0.0.1:0").expect("free port").local_addr().expect("addr").port();
        let dir = tempfile::tempdir().expect("mail folder");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/smtp-sink/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(&script)
            .arg(port.to_string())
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs the SMTP sink (scripts/test-services installs aiosmtpd)");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("sink starts");
        assert_eq!(line.trim(), "ready", "the SMTP sink did not start (is aiosmtpd installed?)");
        SmtpSink { port, dir, child }
    }

    fn options(&self, per_minute: i64) -> MailOptions {
        MailOptions {
            host: "127.0.0.1".into(),
            port: self.port,
            tls: SmtpTls::None,
            credentials: None,
            from: "IOM News <news@example.org>".into(),
            per_minute,
            retry_after: Duration::from_secs(1),
        }
    }

    /// Refuses every message for now (451) while `on`.
    fn refuse(&self, on: bool) {
        let flag = self.dir.path().join("refuse");
        if on {
            std::fs::write(flag, b"").expect("flag");
        } else {
            std::fs::remove_file(flag).expect("flag");
        }
    }

    /// Every message accepted so far, in order of arrival.
    fn messages(&self) -> Vec<Mail> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .expect("mail folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| Mail(serde_json::from_slice(&std::fs::read(p).expect("message")).expect("json")))
            .collect()
    }

    /// Waits until `count` messages arrived; all of them.
    async fn wait_for(&self, count: usize) -> Vec<Mail> {
        let started = Instant::now();
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "only {} of {count} emails arrived",
                messages.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One message as the sink's parser read it.
struct Mail(serde_json::Value);

impl Mail {
    fn header(&self, name: &str) -> Option<String> {
        self.0["headers"].as_array().expect("headers").iter().find_map(|pair| {
            (pair[0].as_str()?.eq_ignore_ascii_case(name)).then(|| pair[1].as_str().unwrap_or("").to_owned())
        })
    }
    fn text(&self) -> &str {
        self.0["text"].as_str().unwrap_or("")
    }
    fn html(&self) -> &str {
        self.0["html"].as_str().unwrap_or("")
    }
    fn recipients(&self) -> Vec<String> {
        self.0["recipients"]
            .as_array()
            .expect("recipients")
            .iter()
            .map(|r| r.as_str().unwrap_or("").to_owned())
            .collect()
    }
    /// The first link in the plain text that contains `needle`, as a path and query.
    fn link(&self, needle: &str) -> String {
        let url = self
            .text()
            .split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(needle))
            .unwrap_or_else(|| panic!("no {needle} link in:\n{}", self.text()));
        let after_scheme = url.split_once("://").expect("absolute").1;
        format!("/{}", after_scheme.split_once('/').expect("path").1)
    }
}

fn mail_tuning(sink: &SmtpSink, per_minute: i64) -> Tuning {
    Tuning { mail: Some(sink.options(per_minute)), ..Tuning::default() }
}

/// The fields of a page's first POST form.
fn hidden_fields(html: &Html) -> Vec<(String, String)> {
    let selector = Selector::parse("form[method=post] input[type=hidden]").expect("selector");
    html.select(&selector)
        .map(|i| (i.attr("name").unwrap_or("").to_owned(), i.attr("value").unwrap_or("").to_owned()))
        .collect()
}

async fn subscribe(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    app.client.post(app.url("/en/subscribe")).form(fields).send().await.expect("subscribe")
}

fn release(title: &str, country: &str) -> Draft {
    Draft {
        title: title.into(),
        slug: portico_content::slugify(title),
        published_at: Some(time::OffsetDateTime::now_utc() - time::Duration::minutes(1)),
        summary: format!("{title}, in brief."),
        body_markdown: "The body.".into(),
        countries: vec![country.into()],
        ..Draft::default()
    }
}

/// Subscribes `email` to the global site's news about El Salvador and confirms through the
/// confirmation email's link; returns the messages so far.
async fn subscribe_and_confirm(app: &TestApp, sink: &SmtpSink, email: &str, before: usize) -> Vec<Mail> {
    subscribe_and_confirm_to(app, sink, email, before, "immediate").await
}

/// [`subscribe_and_confirm`] at another frequency.
async fn subscribe_and_confirm_to(
    app: &TestApp,
    sink: &SmtpSink,
    email: &str,
    before: usize,
    frequency: &str,
) -> Vec<Mail> {
    let response = subscribe(app, &[("email", email), ("frequency", frequency), ("country", "sv")]).await;
    assert_eq!(response.status(), 200);
    let messages = sink.wait_for(before + 1).await;
    let confirmation = &messages[before];
    assert_eq!(confirmation.recipients(), [email]);
    assert!(confirmation.header("Subject").expect("subject").contains("Confirm"));
    assert!(
        confirmation.html().contains("/en/subscribe/confirm?"),
        "the HTML part links to the confirmation"
    );
    let link = confirmation.link("/subscribe/confirm");
    let page = Html::parse_document(&app.get(&link).await.text().await.expect("body"));
    assert_eq!(support::attrs(&page, "meta[name=robots]", "content"), ["noindex"]);
    let fields = hidden_fields(&page);
    assert!(fields.iter().any(|(k, _)| k == "s"), "the confirmation page carries the signed request");
    let response =
        app.client.post(app.url("/en/subscribe/confirm")).form(&fields).send().await.expect("confirm");
    assert_eq!(response.status(), 200);
    assert!(response.text().await.expect("body").contains("subscription is confirmed"));
    messages
}

#[tokio::test]
async fn a_reader_subscribes_confirms_gets_the_news_and_unsubscribes_in_one_click() {
    for db in TestDb::each().await {
        let sink = SmtpSink::start();
        let app = TestApp::on_tuned(db, &mail_tuning(&sink, 100)).await;
        let form = app.page("/en/subscribe", 200).await;
        assert_eq!(form.select(&Selector::parse("form.subscribe-form").expect("sel")).count(), 1);
        let news = app.page("/en/news", 200).await;
        assert!(
            support::attrs(&news, ".subscribe-link a", "href").iter().any(|h| h.ends_with("/en/subscribe")),
            "the news list links to the form"
        );

        let messages = subscribe_and_confirm(&app, &sink, "reader@example.org", 0).await;
        assert_eq!(messages.len(), 1);
        let store = &app.server.store;
        let global = store.site_by_key("global").await.expect("site").expect("global");

        // Not about El Salvador: not for this reader. About it: one email.
        create_release(store, &global, "en", release("Aid reaches Guatemala", "GT"), Status::Published).await;
        create_release(store, &global, "en", release("Returnees in El Salvador", "SV"), Status::Published)
            .await;
        let messages = sink.wait_for(2).await;
        let news = &messages[1];
        assert_eq!(news.recipients(), ["reader@example.org"]);
        assert_eq!(news.header("Subject").as_deref(), Some("Returnees in El Salvador"));
        assert_eq!(news.0["content_type"], "multipart/alternative");
        assert!(
            news.text().contains("Returnees in El Salvador")
                && news.text().contains("/en/news/returnees-in-el-salvador")
        );
        assert!(news.html().contains("Returnees in El Salvador") && news.html().contains("<a href="));
        let message_id = news.header("Message-ID").expect("Message-ID");
        assert!(message_id.starts_with('<') && message_id.ends_with("@example.org>"), "{message_id}");
        let unsubscribe = news.header("List-Unsubscribe").expect("List-Unsubscribe");
        assert!(
            unsubscribe.starts_with("<http") && unsubscribe.contains("/en/unsubscribe?id="),
            "{unsubscribe}"
        );
        assert_eq!(news.header("List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));

        // RFC 8058: a bare POST to the header's address, no cookie, no token of ours.
        let url = unsubscribe.trim_matches(['<', '>']);
        let path = format!("/{}", url.split_once("://").expect("url").1.split_once('/').expect("path").1);
        let one_click = reqwest::Client::new()
            .post(app.url(&path))
            // As a webmail's servers may send it: from their own origin, without our cookies.
            .header("origin", "https://mail.example.net")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .expect("one click");
        assert_eq!(one_click.status(), 200);
        assert_eq!(store.subscriber_count(global.id).await.expect("count"), 0);
        // Clicking again answers the same.
        assert_eq!(app.client.post(app.url(&path)).send().await.expect("again").status(), 200);

        create_release(store, &global, "en", release("More news from El Salvador", "SV"), Status::Published)
            .await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(sink.messages().len(), 2, "nothing is sent after unsubscribing");
    }
}

#[tokio::test]
async fn bad_input_and_forged_links_are_refused_with_a_message_and_nobody_is_enumerated() {
    for db in TestDb::each().await {
        let sink = SmtpSink::start();
        let app = TestApp::on_tuned(db, &mail_tuning(&sink, 100)).await;
        for (fields, says) in [
            (vec![("email", "not-an-address"), ("frequency", "daily")], "not-an-address"),
            (vec![("email", "a@example.org"), ("frequency", "daily"), ("country", "XX")], "XX"),
            (vec![("email", "a@example.org"), ("frequency", "hourly")], "hourly"),
            (
                vec![("email", "a@example.org"), ("frequency", "daily"), ("theme", "no-such-theme")],
                "no-such-theme",
            ),
            (vec![("email", "a@example.org"), ("frequency", "daily"), ("language", "de")], "de"),
        ] {
            let response = subscribe(&app, &fields).await;
            assert_eq!(response.status(), 400, "{fields:?}");
            let page = Html::parse_document(&response.text().await.expect("body"));
            assert!(support::text(&page, ".form-error").contains(says), "{fields:?}");
        }
        assert!(sink.messages().is_empty(), "a refused form sends nothing");

        // A confirmed address and a new one get the same answer.
        subscribe_and_confirm(&app, &sink, "known@example.org", 0).await;
        let known = subscribe(&app, &[("email", "known@example.org"), ("frequency", "daily")]).await;
        let fresh = subscribe(&app, &[("email", "fresh@example.org"), ("frequency", "daily")]).await;
        assert_eq!((known.status().as_u16(), fresh.status().as_u16()), (200, 200));
        let lead = |body: String| support::text(&Html::parse_document(&body), ".lead");
        let known = lead(known.text().await.expect("body")).replace("known@example.org", "ADDRESS");
        let fresh = lead(fresh.text().await.expect("body")).replace("fresh@example.org", "ADDRESS");
        assert_eq!(known, fresh);

        // A forged or tampered link confirms and unsubscribes nobody.
        let messages = sink.wait_for(3).await;
        let link = messages[2].link("/subscribe/confirm");
        let forged = link.replace("fresh%40example.org", "victim%40example.org");
        assert_ne!(forged, link);
        let response = app.get(&forged).await;
        assert_eq!(response.status(), 400);
        assert!(response.text().await.expect("body").contains("not valid or has expired"));
        let fields = [("e", "victim@example.org"), ("f", "daily"), ("x", "99999999999"), ("s", "00")];
        assert_eq!(
            app.client
                .post(app.url("/en/subscribe/confirm"))
                .form(&fields)
                .send()
                .await
                .expect("post")
                .status(),
            400
        );
        for path in ["/en/unsubscribe?id=1&s=forged", "/en/unsubscribe?id=abc&s=x", "/en/unsubscribe"] {
            assert_eq!(app.client.post(app.url(path)).send().await.expect("post").status(), 400, "{path}");
        }
        let global = app.server.store.site_by_key("global").await.expect("site").expect("global");
        assert_eq!(app.server.store.subscriber_count(global.id).await.expect("count"), 1);

        // The address asked for too often gets no more email, and is told nothing different;
        // the client asking too often is told to wait.
        let before = sink.messages().len();
        let mut last = 0;
        for _ in 0..4 {
            last = subscribe(&app, &[("email", "often@example.org"), ("frequency", "daily")])
                .await
                .status()
                .as_u16();
        }
        assert_eq!(last, 200);
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(sink.messages().len(), before + 3, "three confirmations an hour per address");
        let mut statuses = Vec::new();
        for n in 0..4 {
            let email = format!("someone{n}@example.org");
            statuses
                .push(subscribe(&app, &[("email", &email), ("frequency", "daily")]).await.status().as_u16());
        }
        assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    }
}

#[tokio::test]
async fn without_smtp_the_form_says_subscriptions_are_unavailable() {
    let app = TestApp::on(TestDb::sqlite().await).await;
    let page = app.page("/en/subscribe", 200).await;
    assert!(support::text(&page, "main").contains("not available"));
    assert_eq!(page.select(&Selector::parse("form.subscribe-form").expect("sel")).count(), 0);
    let response = subscribe(&app, &[("email", "reader@example.org"), ("frequency", "daily")]).await;
    assert_eq!(response.status(), 503);
}

#[tokio::test]
async fn subscribers_are_for_admins_only_who_list_export_and_delete_them() {
    for db in TestDb::each().await {
        let sink = SmtpSink::start();
        let app = TestApp::on_tuned(db, &mail_tuning(&sink, 100)).await;
        subscribe_and_confirm(&app, &sink, "reader@example.org", 0).await;
        let editor = app.login(&app.user("editor@example.org", Role::Editor, &["global"]).await).await;
        for path in ["/admin/subscribers", "/admin/subscribers.csv?site=global"] {
            assert_eq!(editor.get(path).await.status(), 403, "{path}");
        }
        let translator =
            app.login(&app.user("translator@example.org", Role::Translator, &["global"]).await).await;
        assert_eq!(translator.get("/admin/subscribers").await.status(), 403);
        assert!(!editor.page("/admin", 200).await.html().contains("/admin/subscribers"));

        let admin = app.login(&app.user("boss@example.org", Role::Admin, &[]).await).await;
        let page = admin.page("/admin/subscribers?site=global", 200).await;
        assert_eq!(support::texts(&page, "table.subscribers tbody td[dir=ltr]"), ["reader@example.org"]);
        assert!(support::attrs(&page, "nav a", "href").iter().any(|h| h == "/admin/subscribers"));
        let csv = admin.get("/admin/subscribers.csv?site=global").await;
        assert_eq!(csv.status(), 200);
        assert!(csv.headers()["content-type"].to_str().expect("type").starts_with("text/csv"));
        let csv = csv.text().await.expect("csv");
        assert!(
            csv.starts_with("email,frequency,") && csv.contains("\r\nreader@example.org,immediate,en,SV,"),
            "{csv}"
        );
        assert_eq!(admin.get("/admin/subscribers?site=nowhere").await.status(), 403);
        assert_eq!(admin.get("/admin/subscribers?site=global&after=-3").await.status(), 400);

        let id = support::attrs(&page, "tr[data-subscriber]", "data-subscriber").remove(0);
        let delete = format!("/admin/subscribers/{id}/delete");
        assert_eq!(editor.post(&delete, &[("site", "global")]).await.status(), 403);
        let done = admin.post(&delete, &[("site", "global")]).await;
        assert_eq!(done.status(), 303);
        let page = admin.page("/admin/subscribers?site=global", 200).await;
        assert!(support::texts(&page, "table.subscribers tbody td[dir=ltr]").is_empty());
        assert_eq!(admin.post(&delete, &[("site", "global")]).await.status(), 404);
    }
}

/// A server over `url` with its data in `data`, as `portico serve` runs one.
async fn serve(url: &str, data: &Path, tuning: &Tuning) -> Server {
    let config = ServeConfig {
        listen: "127.0.0.1:0".into(),
        data: data.to_path_buf(),
        database: Some(url.to_owned()),
        media: None,
        theme: None,
        schedule_every: Duration::from_millis(500),
        allow_loopback_feeds: true,
        fallback_site: Some("global".into()),
        demo: true,
    };
    start_tuned(&config, tuning).await.expect("server starts")
}

fn queued(n: usize) -> portico_store::NewEmail {
    portico_store::NewEmail {
        subscriber: None,
        dedupe_key: format!("test:{n}"),
        message_id: format!("<queued.{n}@example.org>"),
        recipient: format!("reader{n}@example.org"),
        subject: format!("Queued {n}"),
        text_body: format!("Text {n}"),
        html_body: format!("<p>HTML {n}</p>"),
        unsubscribe_url: String::new(),
    }
}

#[tokio::test]
async fn a_restart_mid_queue_loses_and_repeats_nothing_and_a_refused_email_is_retried() {
    for db in TestDb::each().await {
        let sink = SmtpSink::start();
        let data = tempfile::tempdir().expect("data");
        // Three a minute: the first server stops mid-queue, with two emails still to send.
        let first = serve(db.url(), data.path(), &mail_tuning(&sink, 3)).await;
        for n in 0..5 {
            assert!(first.store.enqueue_email(&queued(n)).await.expect("enqueue"));
        }
        sink.wait_for(3).await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(sink.messages().len(), 3, "the rate limit holds the rest");
        first.stop().await.expect("stop");

        let second = serve(db.url(), data.path(), &mail_tuning(&sink, 100)).await;
        let messages = sink.wait_for(5).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let mut ids: Vec<String> =
            sink.messages().iter().map(|m| m.header("Message-ID").expect("id")).collect();
        ids.sort();
        let expected: Vec<String> = (0..5).map(|n| format!("<queued.{n}@example.org>")).collect();
        assert_eq!(ids, expected, "each queued email arrived once, with its own Message-ID");
        assert_eq!(messages.len(), 5);

        // Refused for now: kept, tried again, delivered once the server takes it.
        sink.refuse(true);
        assert!(second.store.enqueue_email(&queued(9)).await.expect("enqueue"));
        let started = Instant::now();
        loop {
            let row = second.store.outbox(1).await.expect("outbox").remove(0);
            if row.attempts >= 1 {
                assert!(row.last_error.as_deref().unwrap_or("").contains("451"), "{:?}", row.last_error);
                assert!(row.sent_at.is_none());
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(15), "no attempt was made");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        sink.refuse(false);
        let messages = sink.wait_for(6).await;
        assert_eq!(messages[5].header("Message-ID").as_deref(), Some("<queued.9@example.org>"));
        // The server's acceptance is recorded just after the sink has written the message.
        let started = Instant::now();
        let row = loop {
            let row = second.store.outbox(1).await.expect("outbox").remove(0);
            if row.sent_at.is_some() || started.elapsed() > Duration::from_secs(10) {
                break row;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert!(row.attempts >= 2 && row.sent_at.is_some(), "{row:?}");
        second.stop().await.expect("stop");
    }
}

#[tokio::test]
async fn two_nodes_on_one_postgresql_send_each_email_once() {
    let db = TestDb::postgres().await;
    let sink = SmtpSink::start();
    let (data_a, data_b) = (tempfile::tempdir().expect("data"), tempfile::tempdir().expect("data"));
    let a = serve(db.url(), data_a.path(), &mail_tuning(&sink, 1000)).await;
    let b = serve(db.url(), data_b.path(), &mail_tuning(&sink, 1000)).await;
    // Queued at once, so that both nodes find them due together.
    db.execute(
        "insert into mail_outbox (dedupe_key, message_id, recipient, subject, text_body, html_body, created_at, next_attempt_at)
         select 'two:' || n, '<two.' || n || '@example.org>', 'reader' || n || '@example.org', 'Two nodes ' || n,
                'Text', '<p>HTML</p>', now(), now()
         from generate_series(1, 40) as n",
    )
    .await
    .expect("queue");
    sink.wait_for(40).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut ids: Vec<String> = sink.messages().iter().map(|m| m.header("Message-ID").expect("id")).collect();
    assert_eq!(ids.len(), 40, "no email was sent twice");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 40);
    a.stop().await.expect("stop");
    b.stop().await.expect("stop");
}

#[tokio::test]
async fn a_daily_reader_gets_one_digest_of_the_days_releases_at_the_digest_hour() {
    for db in TestDb::each().await {
        let sink = SmtpSink::start();
        let app = TestApp::on_tuned(db, &mail_tuning(&sink, 100)).await;
        subscribe_and_confirm_to(&app, &sink, "daily@example.org", 0, "daily").await;
        let store = &app.server.store;
        let global = store.site_by_key("global").await.expect("site").expect("global");
        create_release(
            store,
            &global,
            "en",
            release("Morning news from El Salvador", "SV"),
            Status::Published,
        )
        .await;
        create_release(
            store,
            &global,
            "en",
            release("Evening news from El Salvador", "SV"),
            Status::Published,
        )
        .await;
        let started = Instant::now();
        let tomorrow = time::OffsetDateTime::now_utc() + time::Duration::days(2);
        while store.due_items(tomorrow, 10).await.expect("items").first().map_or(0, |(_, d)| d.len()) < 2 {
            assert!(started.elapsed() < Duration::from_secs(15), "the releases were not owed to the reader");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(sink.messages().len(), 1, "nothing goes out before the digest hour");

        // The digest hour comes.
        app.db.execute("update mail_items set due_at = '2000-01-01 00:00:00+00:00'").await.expect("due now");
        let messages = sink.wait_for(2).await;
        let digest = &messages[1];
        assert_eq!(
            digest.header("Subject").as_deref(),
            Some("International Organization for Migration: 2 new releases")
        );
        for title in ["Morning news from El Salvador", "Evening news from El Salvador"] {
            assert!(digest.text().contains(title) && digest.html().contains(title), "{title}");
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(sink.messages().len(), 2, "one digest for both");
    }
}
