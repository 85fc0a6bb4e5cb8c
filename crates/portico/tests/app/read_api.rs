//! The public read API as an integrator uses it: real server, real HTTP, on SQLite and
//! PostgreSQL. Every JSON body fetched here is checked against the schema the OpenAPI
//! document promises for that route, method and status.

use crate::support;

use std::collections::HashSet;

use portico_content::{Draft, Kind, Role, Status};
use portico_store::NewDocument;
use serde_json::{Value, json};
use support::TestApp;

/// The demo content's published releases on the global site, in English.
const DEMO_RELEASES: usize = 22;

/// How many releases the store says the global site has published in English: the number a
/// full walk must visit.
async fn published_count(app: &TestApp) -> usize {
    let store = &app.server.store;
    let site = store.site_by_key("global").await.expect("site").expect("global").id;
    let list = store
        .published_releases(site, "en", &portico_store::ReleaseFilter::default(), 1, 1)
        .await
        .expect("count");
    usize::try_from(list.total).expect("a count")
}

/// Every route the router answers under `/api`, with its methods (HEAD and the CORS
/// preflight aside). Keep in step with `api::routes`, `api_read::routes` and `tagging::routes`.
const ROUTES: &[(&str, &[&str])] = &[
    ("/api/v1/releases", &["get", "post"]),
    ("/api/v1/releases/{id}", &["get", "patch"]),
    ("/api/v1/releases/{id}/submit", &["post"]),
    ("/api/v1/releases/{id}/publish", &["post"]),
    ("/api/v1/releases/{id}/schedule", &["post"]),
    ("/api/v1/releases/{id}/unpublish", &["post"]),
    ("/api/v1/releases/{id}/archive", &["post"]),
    ("/api/v1/tag", &["post"]),
    ("/api/v1/vacancies", &["get"]),
    ("/api/v1/publications", &["get"]),
    ("/api/v1/publications/{id}", &["get"]),
    ("/api/v1/countries", &["get"]),
    ("/api/v1/themes", &["get"]),
    ("/api/v1/sites", &["get"]),
    ("/api/openapi.json", &["get"]),
];

/// The OpenAPI document as the server serves it, and checks of bodies against it.
struct Contract {
    doc: Value,
}

impl Contract {
    async fn of(app: &TestApp) -> Contract {
        let response = app.get("/api/openapi.json").await;
        assert_eq!(response.status().as_u16(), 200, "{}", app.backend());
        assert_eq!(response.headers()["content-type"], "application/json");
        let doc: Value = response.json().await.expect("the OpenAPI document is JSON");
        assert_eq!(doc["openapi"], "3.1.0");
        Contract { doc }
    }

    /// Follows a local `$ref` (to a path item or a response object) until there is none.
    fn deref<'a>(&'a self, mut value: &'a Value) -> &'a Value {
        while let Some(target) = value.get("$ref").and_then(Value::as_str) {
            let pointer = target.strip_prefix('#').expect("a local reference");
            value = self.doc.pointer(pointer).unwrap_or_else(|| panic!("{target} resolves"));
        }
        value
    }

    /// A validator for `schema` whose `#/components/...` references resolve against the
    /// document: the components are inlined next to it.
    fn validator(&self, schema: &Value) -> jsonschema::Validator {
        let root = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "components": self.doc["components"],
            "allOf": [schema],
        });
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&root)
            .unwrap_or_else(|e| panic!("the schema compiles: {e}\n{schema}"))
    }

    /// The schema of the JSON body that `method path` answers with `status`.
    fn response_schema(&self, path: &str, method: &str, status: u16) -> &Value {
        let item = self.deref(self.doc["paths"].get(path).unwrap_or_else(|| panic!("{path} is documented")));
        let operation = item.get(method).unwrap_or_else(|| panic!("{method} {path} is documented"));
        let response = operation["responses"]
            .get(status.to_string())
            .unwrap_or_else(|| panic!("{method} {path} documents status {status}"));
        self.deref(response)["content"]["application/json"]
            .get("schema")
            .unwrap_or_else(|| panic!("{method} {path} {status} has a JSON schema"))
    }

    /// Asserts that `body` is what the document promises for `method path` → `status`.
    fn check(&self, path: &str, method: &str, status: u16, body: &Value) {
        let validator = self.validator(self.response_schema(path, method, status));
        let errors: Vec<String> =
            validator.iter_errors(body).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{method} {path} {status} breaks the contract: {errors:#?}\n{body:#}");
    }

    /// Asserts that `body` matches the component schema `name`.
    fn check_component(&self, name: &str, body: &Value) {
        let schema = json!({ "$ref": format!("#/components/schemas/{name}") });
        let validator = self.validator(&schema);
        let errors: Vec<String> = validator.iter_errors(body).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}\n{body:#}");
    }
}

/// GETs `path` with `headers`; returns the status, the response headers and the JSON body
/// (`Null` when there is none).
async fn get(
    app: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, Value) {
    let mut request = app.client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.expect("body");
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("GET {path}: not JSON ({e})"))
    };
    (status, headers, body)
}

/// GETs a documented read route, asserts `status`, and checks the body against the contract.
async fn fetch(app: &TestApp, contract: &Contract, route: &str, path: &str, status: u16) -> Value {
    let (got, headers, body) = get(app, path, &[]).await;
    assert_eq!(got, status, "GET {path} on {}: {body}", app.backend());
    assert!(
        headers["content-type"].to_str().expect("type").starts_with("application/json"),
        "GET {path} answers JSON"
    );
    contract.check(route, "get", status, &body);
    body
}

async fn list(app: &TestApp, contract: &Contract, query: &str) -> Value {
    fetch(app, contract, "/api/v1/releases", &format!("/api/v1/releases{query}"), 200).await
}

/// Every release of the list with `query` (which must not set a cursor), walking the pages.
async fn walk(app: &TestApp, contract: &Contract, query: &str) -> Vec<Value> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let page = match &cursor {
            None => list(app, contract, query).await,
            Some(c) => list(app, contract, &format!("{query}&cursor={c}")).await,
        };
        all.extend(page["data"].as_array().expect("data").iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return all,
        }
    }
    panic!("the walk does not end");
}

fn ids(releases: &[Value]) -> Vec<i64> {
    releases.iter().map(|r| r["id"].as_i64().expect("id")).collect()
}

/// A release straight in the store, on the global site in English.
async fn release(app: &TestApp, title: &str, status: Status, published_at: time::OffsetDateTime) -> i64 {
    let store = &app.server.store;
    let site = store.site_by_key("global").await.expect("site").expect("global").id;
    let draft = Draft {
        title: title.into(),
        slug: portico_content::slugify(title),
        published_at: Some(published_at),
        countries: vec!["SV".into()],
        body_markdown: "Body.".into(),
        ..Draft::default()
    };
    let new = NewDocument { site, kind: Kind::Release, language: "en".into(), draft, status, author: None };
    store
        .create_document(&new, &portico_store::Audit::system("test", "document.create"))
        .await
        .expect("release")
        .0
        .0
}

#[tokio::test]
async fn a_cursor_walk_visits_every_published_release_once_newest_first() {
    for app in TestApp::each().await {
        let contract = Contract::of(&app).await;
        let everything = list(&app, &contract, "?limit=100").await;
        assert_eq!(everything["next_cursor"], Value::Null, "one page holds them all");
        let expected = everything["data"].as_array().expect("data").clone();
        assert_eq!(expected.len(), DEMO_RELEASES, "{}", app.backend());
        assert_eq!(expected.len(), published_count(&app).await);
        let order: Vec<(String, i64)> = expected
            .iter()
            .map(|r| (r["published_at"].as_str().expect("time").to_owned(), r["id"].as_i64().expect("id")))
            .collect();
        let mut sorted = order.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(order, sorted, "newest first, then the higher id");

        let first = list(&app, &contract, "?limit=5").await;
        assert_eq!(first["data"].as_array().expect("data").len(), 5);
        assert_eq!(ids(first["data"].as_array().expect("data")), ids(&expected[..5]));
        let default = list(&app, &contract, "").await;
        assert_eq!(default["data"].as_array().expect("data").len(), 20, "twenty by default");
        let explicit = list(&app, &contract, "?site=global&language=en&limit=20").await;
        assert_eq!(explicit, default, "the global site in English is the default");

        // Walk five at a time, and publish a release after the second page.
        let mut walked = Vec::new();
        let mut cursor = first["next_cursor"].as_str().expect("more pages").to_owned();
        walked.extend(ids(first["data"].as_array().expect("data")));
        let mut pages = 1;
        let mut fresh = None;
        loop {
            let page = list(&app, &contract, &format!("?limit=5&cursor={cursor}")).await;
            pages += 1;
            walked.extend(ids(page["data"].as_array().expect("data")));
            if pages == 2 {
                fresh =
                    Some(release(&app, "Published mid-walk", Status::Published, portico_store::now()).await);
            }
            match page["next_cursor"].as_str() {
                Some(next) => cursor = next.to_owned(),
                None => break,
            }
        }
        assert_eq!(pages, 5, "22 releases make five pages of five");
        assert_eq!(walked, ids(&expected), "every release once, in order, on {}", app.backend());
        let unique: HashSet<i64> = walked.iter().copied().collect();
        assert_eq!(unique.len(), DEMO_RELEASES);

        let after = list(&app, &contract, "?limit=1").await;
        assert_eq!(after["data"][0]["id"].as_i64(), fresh, "the new release now leads the list");
        assert_eq!(after["data"][0]["url"], "/en/news/published-mid-walk");
        assert_eq!(after["data"][0]["countries"], json!(["SV"]));
        assert!(after["data"][0]["body_html"].as_str().expect("html").contains("<p>Body.</p>"));
    }
}

#[tokio::test]
async fn filters_narrow_the_list_as_on_the_news_page() {
    for app in TestApp::each().await {
        let contract = Contract::of(&app).await;
        let all = walk(&app, &contract, "?limit=100").await;

        let in_sv: Vec<Value> = all
            .iter()
            .filter(|r| r["countries"].as_array().expect("countries").contains(&json!("SV")))
            .cloned()
            .collect();
        assert!(!in_sv.is_empty(), "the demo has releases about El Salvador");
        for query in ["?country=sv&limit=3", "?country=SV&limit=3", "?country=Sv&limit=3"] {
            assert_eq!(ids(&walk(&app, &contract, query).await), ids(&in_sv), "{query} on {}", app.backend());
        }

        let theme = all
            .iter()
            .flat_map(|r| r["themes"].as_array().expect("themes").iter().filter_map(Value::as_str))
            .next()
            .expect("some release has a theme")
            .to_owned();
        let with_theme: Vec<Value> = all
            .iter()
            .filter(|r| r["themes"].as_array().expect("themes").contains(&json!(theme)))
            .cloned()
            .collect();
        assert_eq!(ids(&walk(&app, &contract, &format!("?theme={theme}&limit=2")).await), ids(&with_theme));

        let year = all.last().expect("releases")["published_at"].as_str().expect("time")[..4].to_owned();
        let of_year: Vec<Value> = all
            .iter()
            .filter(|r| r["published_at"].as_str().expect("time").starts_with(&year))
            .cloned()
            .collect();
        assert!(of_year.len() < all.len(), "the year filter leaves some out");
        assert_eq!(ids(&walk(&app, &contract, &format!("?year={year}&limit=4")).await), ids(&of_year));

        let both: Vec<i64> = ids(&in_sv.iter().filter(|r| of_year.contains(r)).cloned().collect::<Vec<_>>());
        assert_eq!(ids(&walk(&app, &contract, &format!("?country=sv&year={year}&limit=100")).await), both);
        let none = list(&app, &contract, "?year=1901").await;
        assert_eq!((none["data"].as_array().expect("data").len(), &none["next_cursor"]), (0, &Value::Null));

        // Empty values break the published schema: a 400 in the API's error shape, never a
        // silently wider answer.
        for query in ["?country=", "?language=", "?theme=", "?year=", "?site=", "?cursor="] {
            let response = app.get(&format!("/api/v1/releases{query}")).await;
            assert_eq!(response.status().as_u16(), 400, "{query} on {}", app.backend());
            let body: Value = response.json().await.expect("json");
            assert_eq!(body["error"]["code"], "invalid_parameter", "{query}: {body}");
        }
        let response = app.get("/api/v1/countries?language=").await;
        assert_eq!(response.status().as_u16(), 400, "{}", app.backend());
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["error"]["code"], "invalid_parameter", "{body}");
    }
}

#[tokio::test]
async fn bad_parameters_are_answered_with_json_400s_naming_them() {
    for app in TestApp::each().await {
        let contract = Contract::of(&app).await;
        let cases: &[(&str, &str, &str)] = &[
            ("/api/v1/releases", "?country=zz", "country"),
            ("/api/v1/releases", "?country=usa", "country"),
            ("/api/v1/releases", "?theme=no-such-theme", "theme"),
            ("/api/v1/releases", "?theme=%3Cscript%3E", "theme"),
            ("/api/v1/releases", "?year=15", "year"),
            ("/api/v1/releases", "?year=abc", "year"),
            ("/api/v1/releases", "?limit=0", "limit"),
            ("/api/v1/releases", "?limit=101", "limit"),
            ("/api/v1/releases", "?limit=1000", "limit"),
            ("/api/v1/releases", "?limit=abc", "limit"),
            ("/api/v1/releases", "?limit=-1", "limit"),
            ("/api/v1/releases", "?cursor=xyz", "cursor"),
            ("/api/v1/releases", "?cursor=00", "cursor"),
            ("/api/v1/releases", "?cursor=72313a783a31", "cursor"),
            ("/api/v1/releases", "?site=mars", "site"),
            ("/api/v1/releases", "?language=zz", "language"),
            ("/api/v1/releases", "?site=global&language=de", "language"),
            ("/api/v1/releases", "?contry=sv", "contry"),
            ("/api/v1/releases", "?country=sv&country=gt", "country"),
            ("/api/v1/countries", "?language=xx", "language"),
            ("/api/v1/countries", "?lang=fr", "lang"),
            ("/api/v1/themes", "?page=2", "page"),
            ("/api/v1/sites", "?site=global", "site"),
            ("/api/v1/releases/{id}", "?lang=en", "lang"),
        ];
        for (route, query, parameter) in cases {
            let path = format!("{}{query}", route.replace("{id}", "1"));
            let body = fetch(&app, &contract, route, &path, 400).await;
            assert_eq!(body["error"]["code"], "invalid_parameter", "{path}");
            let message = body["error"]["message"].as_str().expect("message");
            assert!(message.contains(&format!("`{parameter}`")), "{path}: {message}");
        }
    }
}

#[tokio::test]
async fn without_a_token_only_published_releases_can_be_read() {
    for app in TestApp::each().await {
        let contract = Contract::of(&app).await;
        let route = "/api/v1/releases/{id}";
        let first = list(&app, &contract, "?limit=1").await;
        let item = &first["data"][0];
        let id = item["id"].as_i64().expect("id");
        let one = fetch(&app, &contract, route, &format!("/api/v1/releases/{id}"), 200).await;
        assert_eq!(&one, item, "the same shape and values as in the list");
        let english = fetch(&app, &contract, route, &format!("/api/v1/releases/{id}?language=en"), 200).await;
        assert_eq!(&english, item);
        // A translation is read by its document's id and its language.
        let site = app.server.store.site_by_key("global").await.expect("site").expect("global");
        for language in site.languages.iter().skip(1) {
            let translated = list(&app, &contract, &format!("?language={language}&limit=3")).await;
            for item in translated["data"].as_array().expect("data") {
                let id = item["id"].as_i64().expect("id");
                let path = format!("/api/v1/releases/{id}?language={language}");
                assert_eq!(&fetch(&app, &contract, route, &path, 200).await, item, "{path}");
            }
        }
        let body = fetch(&app, &contract, route, &format!("/api/v1/releases/{id}?language=zz"), 404).await;
        assert_eq!(body["error"]["code"], "not_found");

        let draft = release(&app, "Still a draft", Status::Draft, portico_store::now()).await;
        let in_review = release(&app, "Waiting for review", Status::InReview, portico_store::now()).await;
        let later = portico_store::now() + time::Duration::days(2);
        let scheduled = release(&app, "Under embargo", Status::Scheduled, later).await;
        let early = release(&app, "Published ahead of its time", Status::Published, later).await;
        let archived = release(&app, "Withdrawn", Status::Archived, portico_store::now()).await;
        for hidden in [draft, in_review, scheduled, early, archived, 999_999] {
            let body = fetch(&app, &contract, route, &format!("/api/v1/releases/{hidden}"), 404).await;
            assert_eq!(body["error"]["code"], "not_found", "{hidden} on {}", app.backend());
            assert!(!body.to_string().contains("embargo"), "nothing of the release leaks");
        }
        let body = fetch(&app, &contract, route, "/api/v1/releases/abc", 404).await;
        assert_eq!(body["error"]["code"], "not_found");
        let listed = ids(&walk(&app, &contract, "?limit=100").await);
        for hidden in [draft, in_review, scheduled, early, archived] {
            assert!(!listed.contains(&hidden), "{hidden} is not listed");
        }
        assert_eq!(listed.len(), published_count(&app).await);

        // The token-holder's view is unchanged: drafts, with their workflow fields.
        let editor = app.token(&app.user("ed@example.org", Role::Editor, &["global"]).await).await;
        let response = app
            .client
            .get(app.url(&format!("/api/v1/releases/{draft}")))
            .bearer_auth(&editor)
            .send()
            .await
            .expect("get");
        assert_eq!(response.status().as_u16(), 200);
        let body: Value = response.json().await.expect("json");
        assert_eq!((body["status"].as_str(), body["title"].as_str()), (Some("draft"), Some("Still a draft")));
        contract.check(route, "get", 200, &body);
        let response = app
            .client
            .get(app.url(&format!("/api/v1/releases/{draft}")))
            .bearer_auth("ptc_wrong")
            .send()
            .await
            .expect("get");
        assert_eq!(response.status().as_u16(), 401, "a bad token is refused, not ignored");
        contract.check(route, "get", 401, &response.json().await.expect("json"));
    }
}

#[tokio::test]
async fn countries_themes_and_sites_are_listed() {
    for app in TestApp::each_with_sites(&[("pa", &["es", "en"], "PA")]).await {
        let contract = Contract::of(&app).await;
        let english = fetch(&app, &contract, "/api/v1/countries", "/api/v1/countries", 200).await;
        let countries = english["data"].as_array().expect("data");
        assert_eq!(countries.len(), 249, "{}", app.backend());
        let sv = countries.iter().find(|c| c["code"] == "SV").expect("El Salvador");
        assert_eq!(
            sv,
            &json!({
                "code": "SV", "iso3": "SLV", "name": "El Salvador",
                "region": {"code": "019", "name": "Americas"},
                "subregion": {"code": "013", "name": "Central America"},
            })
        );
        let aq = countries.iter().find(|c| c["code"] == "AQ").expect("Antarctica");
        assert_eq!(aq["region"], Value::Null);
        let french = fetch(&app, &contract, "/api/v1/countries", "/api/v1/countries?language=fr", 200).await;
        let name_of = |list: &Value, code: &str| {
            list["data"].as_array().expect("data").iter().find(|c| c["code"] == code).expect("country")["name"].clone()
        };
        assert_eq!(name_of(&french, "SV"), "Salvador");
        assert_eq!(name_of(&french, "DE"), "Allemagne");
        assert_eq!(french["data"].as_array().expect("data").len(), 249);
        let arabic = fetch(&app, &contract, "/api/v1/countries", "/api/v1/countries?language=ar", 200).await;
        assert_ne!(name_of(&arabic, "SV"), "El Salvador");

        let themes = fetch(&app, &contract, "/api/v1/themes", "/api/v1/themes", 200).await;
        let slugs: Vec<&str> =
            themes["data"].as_array().expect("data").iter().filter_map(|t| t["slug"].as_str()).collect();
        let stored = app.server.store.themes().await.expect("themes");
        assert_eq!(slugs, stored.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>());
        assert!(!slugs.is_empty());

        let sites = fetch(&app, &contract, "/api/v1/sites", "/api/v1/sites", 200).await;
        let listed: Vec<&str> =
            sites["data"].as_array().expect("data").iter().filter_map(|s| s["key"].as_str()).collect();
        let stored = app.server.store.sites().await.expect("sites");
        assert_eq!(listed, stored.iter().map(|s| s.key.as_str()).collect::<Vec<_>>());
        assert_eq!(listed[0], "global", "the global site first");
        let pa = sites["data"].as_array().expect("data").iter().find(|s| s["key"] == "pa").expect("pa");
        assert_eq!(
            pa,
            &json!({"key": "pa", "name": "IOM PA", "languages": ["es", "en"], "country": "PA", "hosts": []})
        );

        // A country site's own list: in its default language unless told, none of its own yet.
        let local = fetch(&app, &contract, "/api/v1/releases", "/api/v1/releases?site=pa", 200).await;
        assert_eq!(local, json!({"data": [], "next_cursor": null}));
        let response = get(&app, "/api/v1/releases?site=pa", &[]).await.1;
        assert_eq!(response["content-language"], "es");
        fetch(&app, &contract, "/api/v1/releases", "/api/v1/releases?site=pa&language=en", 200).await;
        let body =
            fetch(&app, &contract, "/api/v1/releases", "/api/v1/releases?site=pa&language=fr", 400).await;
        assert!(body["error"]["message"].as_str().expect("message").contains("es, en"), "{body}");
    }
}

#[tokio::test]
async fn any_origin_may_read_and_caches_revalidate() {
    for app in TestApp::each().await {
        let contract = Contract::of(&app).await;
        let origin = [("origin", "https://data.example.net")];
        let id = list(&app, &contract, "?limit=1").await["data"][0]["id"].as_i64().expect("id");
        let one = format!("/api/v1/releases/{id}");
        for path in [
            "/api/v1/releases",
            &one,
            "/api/v1/countries",
            "/api/v1/themes",
            "/api/v1/sites",
            "/api/openapi.json",
        ] {
            let (status, headers, _) = get(&app, path, &origin).await;
            assert_eq!(status, 200, "{path} on {}", app.backend());
            assert_eq!(headers["access-control-allow-origin"], "*", "{path}");
            assert!(headers["access-control-expose-headers"].to_str().expect("expose").contains("ETag"));
            let etag = headers["etag"].to_str().expect("etag").to_owned();
            assert!(etag.starts_with('"') && !etag.starts_with("W/"), "a strong ETag on {path}: {etag}");
            let cache = headers["cache-control"].to_str().expect("cache-control");
            assert!(cache.starts_with("public, max-age="), "{path}: {cache}");

            let (status, again, body) = get(&app, path, &[("if-none-match", &etag)]).await;
            assert_eq!((status, body), (304, Value::Null), "{path} revalidates");
            assert_eq!(again["etag"], etag.as_str());
        }
        let (_, headers, _) = get(&app, "/api/v1/releases", &[]).await;
        assert_eq!(headers["cache-control"], "public, max-age=60");
        let (status, headers, _) =
            get(&app, "/api/v1/releases?limit=1", &[("if-none-match", "\"0000000000000000\"")]).await;
        assert_eq!(status, 200, "a stale ETag gets the body");
        assert!(headers.contains_key("etag"));
        let gzipped = app
            .client
            .get(app.url("/api/v1/countries"))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .expect("get");
        assert_eq!(gzipped.headers()["content-encoding"], "gzip", "big bodies go out compressed");

        // Preflights: granted for reading, never for writing.
        let preflight = |path: &'static str, method: &'static str| {
            app.client
                .request(reqwest::Method::OPTIONS, app.url(path))
                .header("origin", "https://data.example.net")
                .header("access-control-request-method", method)
                .send()
        };
        let granted = preflight("/api/v1/releases", "GET").await.expect("preflight");
        assert_eq!(granted.status().as_u16(), 204);
        assert_eq!(granted.headers()["access-control-allow-origin"], "*");
        let methods = granted.headers()["access-control-allow-methods"].to_str().expect("methods").to_owned();
        assert!(
            methods.contains("GET") && !methods.contains("POST") && !methods.contains("PATCH"),
            "{methods}"
        );
        assert_eq!(preflight("/api/openapi.json", "GET").await.expect("preflight").status().as_u16(), 204);
        for (path, method) in [
            ("/api/v1/releases", "POST"),
            ("/api/v1/releases/1", "PATCH"),
            ("/api/v1/releases/1/publish", "POST"),
            ("/api/v1/releases/1", "DELETE"),
        ] {
            let refused = preflight(path, method).await.expect("preflight");
            assert_eq!(refused.status().as_u16(), 403, "{method} {path}");
            assert!(!refused.headers().contains_key("access-control-allow-origin"), "{method} {path}");
            assert!(!refused.headers().contains_key("access-control-allow-methods"));
            contract.check_component("Error", &refused.json().await.expect("json"));
        }
        // A write itself carries no CORS grant either, whatever it answers.
        let write = app
            .client
            .post(app.url("/api/v1/releases"))
            .header("origin", "https://data.example.net")
            .json(&json!({"site": "global", "title": "x"}))
            .send()
            .await
            .expect("post");
        assert!(!write.headers().contains_key("access-control-allow-origin"));
        // The back office and the site are not opened to other origins.
        let health =
            app.client.get(app.url("/healthz")).header("origin", origin[0].1).send().await.expect("get");
        assert!(!health.headers().contains_key("access-control-allow-origin"));
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    for app in TestApp::each().await {
        let contract = Contract::of(&app).await;
        let paths = contract.doc["paths"].as_object().expect("paths");
        for (path, methods) in ROUTES {
            let item = contract.deref(paths.get(*path).unwrap_or_else(|| panic!("{path} is documented")));
            for method in *methods {
                let operation = item.get(*method).unwrap_or_else(|| panic!("{method} {path} is documented"));
                assert!(operation["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {path}");
                let writes = *method != "get";
                let security =
                    item.get(*method).and_then(|o| o.get("security")).cloned().unwrap_or(Value::Null);
                if writes {
                    assert_eq!(security, json!([{"bearer": []}]), "{method} {path} needs a token");
                }
            }
        }
        let documented: Vec<(String, String)> = paths
            .iter()
            .flat_map(|(path, item)| {
                let item = contract.deref(item).as_object().expect("path item").clone();
                item.keys()
                    .filter(|k| ["get", "post", "patch", "put", "delete"].contains(&k.as_str()))
                    .map(|method| (path.clone(), method.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let known: Vec<(String, String)> = ROUTES
            .iter()
            .flat_map(|(path, methods)| methods.iter().map(|m| ((*path).to_owned(), (*m).to_owned())))
            .collect();
        assert_eq!(documented.len(), known.len(), "the document lists exactly the routes: {documented:?}");

        // Each documented operation is answered by the router, in JSON (without a token the
        // writes are refused with 401, as documented).
        let id = list(&app, &contract, "?limit=1").await["data"][0]["id"].as_i64().expect("id");
        let (_, _, publications) = get(&app, "/api/v1/publications", &[]).await;
        let publication = publications["data"][0]["id"].as_i64().expect("a publication's id");
        for (path, method) in &documented {
            let id = if path.starts_with("/api/v1/publications/") { publication } else { id };
            let url = app.url(&path.replace("{id}", &id.to_string()));
            let response = app
                .client
                .request(method.to_uppercase().parse().expect("method"), url)
                .json(&json!({}))
                .send()
                .await
                .expect("request");
            let status = response.status().as_u16();
            assert!(
                response.headers()["content-type"].to_str().expect("type").starts_with("application/json"),
                "{method} {path}"
            );
            let body: Value = response.json().await.expect("json");
            let expected = if method == "get" { 200 } else { 401 };
            assert_eq!(status, expected, "{method} {path}: {body}");
            contract.check(path, method, status, &body);
        }

        // The checks have teeth: a release with a stray field, a missing one or a bad date
        // breaks the contract.
        let mut item = list(&app, &contract, "?limit=1").await["data"][0].clone();
        let release_schema = contract.validator(&json!({ "$ref": "#/components/schemas/Release" }));
        assert!(release_schema.is_valid(&item));
        item["status"] = json!("draft");
        assert!(!release_schema.is_valid(&item), "no stray fields");
        item.as_object_mut().expect("object").remove("status");
        item["published_at"] = json!("yesterday");
        assert!(!release_schema.is_valid(&item), "dates are RFC 3339");
        item.as_object_mut().expect("object").remove("published_at");
        assert!(!release_schema.is_valid(&item), "every field is there");

        // Every component schema compiles, and every reference in the document resolves.
        for name in contract.doc["components"]["schemas"].as_object().expect("schemas").keys() {
            contract.validator(&json!({ "$ref": format!("#/components/schemas/{name}") }));
        }
        let mut stack = vec![&contract.doc];
        while let Some(value) = stack.pop() {
            match value {
                Value::Object(map) => {
                    if let Some(target) = map.get("$ref").and_then(Value::as_str) {
                        let pointer = target.strip_prefix('#').expect("local");
                        assert!(contract.doc.pointer(pointer).is_some(), "{target} resolves");
                    }
                    stack.extend(map.values());
                }
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }

        // Other addresses under /api answer JSON too.
        let body = fetch_any(&app, "/api/v2/nothing").await;
        assert_eq!(body, (404, "not_found".to_owned()));
    }
}

async fn fetch_any(app: &TestApp, path: &str) -> (u16, String) {
    let (status, _, body) = get(app, path, &[]).await;
    (status, body["error"]["code"].as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn options_names_the_methods_each_api_path_really_takes() {
    for app in TestApp::each().await {
        for (path, allow) in [
            ("/api/v1/releases", "GET, HEAD, POST, OPTIONS"),
            ("/api/v1/releases/1", "GET, HEAD, PATCH, OPTIONS"),
            ("/api/v1/releases/1/publish", "POST, OPTIONS"),
            ("/api/v1/releases/1/archive", "POST, OPTIONS"),
            ("/api/v1/countries", "GET, HEAD, OPTIONS"),
            ("/api/v1/themes", "GET, HEAD, OPTIONS"),
            ("/api/v1/sites", "GET, HEAD, OPTIONS"),
            ("/api/openapi.json", "GET, HEAD, OPTIONS"),
        ] {
            let response =
                app.client.request(reqwest::Method::OPTIONS, app.url(path)).send().await.expect("options");
            assert_eq!(response.status().as_u16(), 204, "{path} on {}", app.backend());
            assert_eq!(response.headers()["allow"], allow, "{path} on {}", app.backend());
        }
        // The methods the OpenAPI document lists for each path are the ones `Allow` names.
        let contract: Value = app.get("/api/openapi.json").await.json().await.expect("json");
        for (path, concrete) in
            [("/api/v1/releases", "/api/v1/releases"), ("/api/v1/releases/{id}", "/api/v1/releases/1")]
        {
            let response = app
                .client
                .request(reqwest::Method::OPTIONS, app.url(concrete))
                .send()
                .await
                .expect("options");
            let allow = response.headers()["allow"].to_str().expect("ascii").to_owned();
            for method in
                contract["paths"][path].as_object().expect("path").keys().filter(|m| *m != "parameters")
            {
                assert!(allow.contains(&method.to_uppercase()), "{path}: {method} in {allow}");
            }
        }
        let unknown = app
            .client
            .request(reqwest::Method::OPTIONS, app.url("/api/v1/nothing"))
            .send()
            .await
            .expect("options");
        assert_eq!(unknown.status().as_u16(), 404);
    }
}

#[tokio::test]
async fn open_vacancies_are_listed_by_closing_time_and_keep_their_contract() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let contract = Contract::of(&app).await;
        let (status, headers, body) = get(&app, "/api/v1/vacancies", &[]).await;
        assert_eq!(status, 200, "{backend}");
        contract.check("/api/v1/vacancies", "get", 200, &body);
        let closes: Vec<&str> =
            body["data"].as_array().expect("data").iter().filter_map(|v| v["closes_at"].as_str()).collect();
        assert_eq!(closes.len(), 6, "the demo's six open global vacancies on {backend}");
        let instants: Vec<time::OffsetDateTime> = closes
            .iter()
            .map(|c| {
                time::OffsetDateTime::parse(c, &time::format_description::well_known::Rfc3339)
                    .expect("RFC 3339")
            })
            .collect();
        assert!(instants.windows(2).all(|w| w[0] <= w[1]), "closing soonest first on {backend}: {closes:?}");
        assert!(
            closes.iter().any(|c| c.ends_with("+03:00")),
            "times keep the duty station's offset: {closes:?}"
        );
        assert_eq!(body["total"], 6);
        assert_eq!(body["next_page"], Value::Null);
        assert!(headers["cache-control"].to_str().expect("ascii").starts_with("public"), "{backend}");

        let (_, _, sv) = get(&app, "/api/v1/vacancies?site=sv&language=en", &[]).await;
        contract.check("/api/v1/vacancies", "get", 200, &sv);
        let sites: Vec<&str> =
            sv["data"].as_array().expect("data").iter().filter_map(|v| v["site"].as_str()).collect();
        assert_eq!(
            sites,
            ["global"],
            "El Salvador's English list holds the global vacancy there, on {backend}"
        );
        let (_, _, interns) =
            get(&app, "/api/v1/vacancies?grade=intern&contract=internship&closing=soon", &[]).await;
        assert_eq!(interns["total"], 1, "{backend}");

        for (query, parameter) in [
            ("grade=P-9", "grade"),
            ("contract=permanent", "contract"),
            ("closing=later", "closing"),
            ("country=XX", "country"),
            ("page=0", "page"),
            ("limit=5", "limit"),
        ] {
            let (status, _, body) = get(&app, &format!("/api/v1/vacancies?{query}"), &[]).await;
            assert_eq!(status, 400, "{query} on {backend}");
            contract.check("/api/v1/vacancies", "get", 400, &body);
            assert!(
                body["error"]["message"].as_str().expect("message").contains(parameter),
                "{query}: {body}"
            );
        }
    }
}

#[tokio::test]
async fn publications_are_listed_newest_first_and_one_comes_with_its_pdfs_keeping_their_contract() {
    for app in TestApp::each().await {
        let backend = app.backend();
        let contract = Contract::of(&app).await;
        let (status, _, body) = get(&app, "/api/v1/publications", &[]).await;
        assert_eq!(status, 200, "{backend}");
        contract.check("/api/v1/publications", "get", 200, &body);
        assert_eq!(body["total"], 12, "the demo's dozen on {backend}");
        let years: Vec<i64> =
            body["data"].as_array().expect("data").iter().filter_map(|p| p["year"].as_i64()).collect();
        assert!(years.windows(2).all(|w| w[0] >= w[1]), "newest year first: {years:?}");
        assert!(body["data"][0].get("files").is_none(), "the list leaves the files out");

        let (_, _, series) = get(
            &app,
            "/api/v1/publications?series=Migration%20Research%20Series&country=sn&available_in=fr",
            &[],
        )
        .await;
        contract.check("/api/v1/publications", "get", 200, &series);
        assert_eq!(series["total"], 1, "{backend}: {series}");
        let id = series["data"][0]["id"].as_i64().expect("id");
        let (status, _, item) = get(&app, &format!("/api/v1/publications/{id}?language=fr"), &[]).await;
        assert_eq!(status, 200, "{backend}");
        contract.check("/api/v1/publications/{id}", "get", 200, &item);
        assert_eq!(item["language"], "fr");
        assert_eq!(item["url"], "/fr/publications/retour-et-reintegration-en-afrique-de-l-ouest");
        let files = item["files"].as_array().expect("files");
        assert_eq!(files.len(), 2, "{backend}: English and French");
        assert_eq!(item["countries"], json!(["SN", "ML", "NE"]), "{backend}");
        assert_eq!(item["goals"], json!(["8", "10.7"]), "{backend}: in the Agenda's order");

        let (_, _, serving) = get(&app, "/api/v1/publications?goal=10", &[]).await;
        contract.check("/api/v1/publications", "get", 200, &serving);
        assert_eq!(serving["total"], 7, "{backend}: {serving}");
        assert!(files.iter().all(|f| f["pages"].as_i64() > Some(0) && f["bytes"].as_i64() > Some(0)));
        let (status, _, _) = get(&app, "/api/v1/publications/999999", &[]).await;
        assert_eq!(status, 404, "{backend}");

        for (query, parameter) in [
            ("year=20x6", "year"),
            ("available_in=de", "available_in"),
            ("theme=astrology", "theme"),
            ("country=XX", "country"),
            ("page=0", "page"),
            ("goal=18", "goal"),
            ("limit=5", "limit"),
        ] {
            let (status, _, body) = get(&app, &format!("/api/v1/publications?{query}"), &[]).await;
            assert_eq!(status, 400, "{query} on {backend}");
            contract.check("/api/v1/publications", "get", 400, &body);
            assert!(
                body["error"]["message"].as_str().expect("message").contains(parameter),
                "{query}: {body}"
            );
        }
    }
}
