//! Headless Chromium for the browser tests: a `chromedriver` child process on a free port, one
//! WebDriver session in it, and waits that give up after a bounded time with a message that
//! says what the page showed instead. It never skips: a missing browser fails the test.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// Debian's Chromium, which `scripts/test-services` installs with `chromium-driver`.
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "chromedriver";
const INSTALL: &str = "install both with `apt-get install chromium chromium-driver` (scripts/test-services \
                       does when chromedriver is missing)";

/// How long a step may take to show what it should; generous for a busy 2-core machine.
pub const PATIENCE: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(100);

/// A `chromedriver` process of ours, killed when dropped.
struct Chromedriver {
    child: Child,
    url: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Chromedriver {
    /// Starts chromedriver on a free port and waits until it accepts connections.
    async fn start() -> Chromedriver {
        assert!(Path::new(CHROMIUM).exists(), "the browser tests need Chromium at {CHROMIUM}: {INSTALL}");
        let mut last_failure = String::new();
        // The port is free when we look; another process could take it before chromedriver
        // binds it, so try again on a new port if chromedriver exits.
        for _ in 0..3 {
            let port = free_port();
            let dir = tempfile::tempdir().expect("a folder for chromedriver's log");
            let log = dir.path().join("chromedriver.log");
            let child = Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .arg(format!("--log-path={}", log.display()))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            let child = match child {
                Ok(child) => child,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                    panic!("the browser tests need `{CHROMEDRIVER}` on the PATH: {INSTALL}")
                }
                Err(err) => panic!("cannot start {CHROMEDRIVER}: {err}"),
            };
            let mut driver = Chromedriver { child, url: format!("http://127.0.0.1:{port}"), log, _dir: dir };
            let deadline = Instant::now() + PATIENCE;
            while Instant::now() < deadline {
                if let Ok(Some(status)) = driver.child.try_wait() {
                    last_failure = format!("chromedriver exited with {status}: {}", driver.log_text());
                    break;
                }
                if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                    return driver;
                }
                tokio::time::sleep(POLL).await;
            }
            if last_failure.is_empty() {
                last_failure = format!("chromedriver did not listen on port {port} within {PATIENCE:?}");
            }
        }
        panic!("{last_failure}")
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // Our own child, by its handle; the session was closed before, which ends Chromium.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// One headless Chromium window, pointed at one Portico server.
#[derive(Clone)]
pub struct Browser {
    client: Client,
    base: String,
    name: &'static str,
    /// Chromedriver lives as long as the last clone of the browser.
    _driver: Arc<Chromedriver>,
}

impl Browser {
    /// Opens headless Chromium for the server at `base` ("http://127.0.0.1:port"); `name`
    /// names the screenshot taken if the test fails.
    pub async fn launch(base: &str, name: &'static str) -> Browser {
        let driver = Chromedriver::start().await;
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1280,1000",
                ],
            },
            "timeouts": { "pageLoad": 30_000, "script": 10_000, "implicit": 0 },
            // Keeps the console's messages, for tests that look for refused styles or errors.
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(capabilities) = capabilities else { unreachable!("a JSON object literal") };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url)
            .await
            .unwrap_or_else(|err| {
                panic!("chromedriver could not start Chromium: {err}\n{}", driver.log_text())
            });
        Browser { client, base: base.trim_end_matches('/').to_owned(), name, _driver: Arc::new(driver) }
    }

    /// Runs `steps`, then ends the session. When a step panics, first saves a screenshot of
    /// the page to `/tmp/portico-e2e-<name>.png`, then fails with the step's message.
    pub async fn run<F, Fut>(self, steps: F)
    where
        F: FnOnce(Browser) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let outcome = tokio::spawn(steps(self.clone())).await;
        if outcome.is_err() {
            let path = format!("/tmp/portico-e2e-{}.png", self.name);
            match self.client.screenshot().await {
                Ok(png) if std::fs::write(&path, &png).is_ok() => {
                    eprintln!("screenshot of the failure: {path}")
                }
                _ => eprintln!("no screenshot of the failure could be taken"),
            }
        }
        let _ = self.client.clone().close().await;
        if let Err(err) = outcome {
            match err.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(err) => panic!("the browser steps did not finish: {err}"),
            }
        }
    }

    /// Saves a screenshot to `/tmp/portico-e2e-<name>-<step>.png` when
    /// `PORTICO_E2E_SCREENSHOTS` is set: for a person to look at the pages.
    pub async fn snapshot(&self, step: &str) {
        if std::env::var_os("PORTICO_E2E_SCREENSHOTS").is_some() {
            let png = self.client.screenshot().await.expect("screenshot");
            std::fs::write(format!("/tmp/portico-e2e-{}-{step}.png", self.name), png)
                .expect("write screenshot");
        }
    }

    /// Saves a screenshot of the page to `path` (a PNG), for the documentation's pictures.
    #[allow(dead_code, reason = "the accessibility checks' step; browser.rs has no use for it")]
    pub async fn screenshot_to(&self, path: &Path) {
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(path, png).unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn goto(&self, path: &str) {
        let url = self.url(path);
        self.client.goto(&url).await.unwrap_or_else(|err| panic!("cannot open {url}: {err}"));
    }

    /// The path of the page shown, such as "/admin/documents/7".
    pub async fn path(&self) -> String {
        self.client.current_url().await.expect("current URL").path().to_owned()
    }

    /// Waits for an element to appear; fails with what the page shows instead.
    pub async fn find(&self, locator: Locator<'_>) -> Element {
        match self.client.wait().at_most(PATIENCE).every(POLL).for_element(locator).await {
            Ok(element) => element,
            Err(err) => panic!("{} did not appear: {err}\n{}", describe(locator), self.page_summary().await),
        }
    }

    pub async fn css(&self, selector: &str) -> Element {
        self.find(Locator::Css(selector)).await
    }

    /// Types `text` into the field matching `selector`, replacing what it held.
    pub async fn fill(&self, selector: &str, text: &str) {
        let field = self.css(selector).await;
        field.clear().await.unwrap_or_else(|err| panic!("cannot clear {selector}: {err}"));
        field.send_keys(text).await.unwrap_or_else(|err| panic!("cannot type into {selector}: {err}"));
    }

    /// Types `keys` into the element matching `selector` (focusing it), keeping what it holds.
    /// Modifier keys ([`fantoccini::key::Key::Control`]) stay down until the end of `keys`.
    pub async fn keys(&self, selector: &str, keys: &str) {
        let element = self.css(selector).await;
        element.send_keys(keys).await.unwrap_or_else(|err| panic!("cannot type into {selector}: {err}"));
    }

    /// Presses the button labelled `label` from the keyboard: focus and Enter, no click.
    pub async fn activate(&self, label: &str) {
        let button = self.find(Locator::XPath(&format!("//button[normalize-space()='{label}']"))).await;
        let enter = char::from(fantoccini::key::Key::Enter).to_string();
        button.send_keys(&enter).await.unwrap_or_else(|err| panic!("cannot press “{label}” by Enter: {err}"));
    }

    /// The console's messages since the last call (Chromium's log, with what the content
    /// security policy refused and uncaught script errors).
    pub async fn console(&self) -> Vec<String> {
        let entries = self.client.issue_cmd(BrowserLog).await.expect("the browser's console log");
        entries
            .as_array()
            .map(|list| list.iter().filter_map(|e| e["message"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    }

    /// Gives a file input the path of a file to upload.
    pub async fn attach(&self, selector: &str, file: &Path) {
        let input = self.css(selector).await;
        let path = file.to_str().expect("a UTF-8 path");
        input.send_keys(path).await.unwrap_or_else(|err| panic!("cannot attach {path} to {selector}: {err}"));
    }

    pub async fn click(&self, selector: &str) {
        let element = self.css(selector).await;
        element.click().await.unwrap_or_else(|err| panic!("cannot click {selector}: {err}"));
    }

    /// Presses the button labelled `label`.
    pub async fn press(&self, label: &str) {
        let button = self.find(Locator::XPath(&format!("//button[normalize-space()='{label}']"))).await;
        button.click().await.unwrap_or_else(|err| panic!("cannot press “{label}”: {err}"));
    }

    /// Follows the link whose text is `text`.
    pub async fn follow(&self, text: &str) {
        let link = self.find(Locator::LinkText(text)).await;
        link.click().await.unwrap_or_else(|err| panic!("cannot follow the link “{text}”: {err}"));
    }

    /// The text of every element matching `selector` as the page holds it (before CSS such as
    /// `text-transform`), with runs of white space made one space.
    pub async fn texts(&self, selector: &str) -> Vec<String> {
        self.try_texts(selector).await.unwrap_or_else(|err| panic!("cannot read `{selector}`: {err}"))
    }

    async fn try_texts(&self, selector: &str) -> Result<Vec<String>, String> {
        let script = "return Array.from(document.querySelectorAll(arguments[0]), \
                      e => e.textContent.replace(/\\s+/g, ' ').trim());";
        let texts = self.client.execute(script, vec![json!(selector)]).await.map_err(|e| e.to_string())?;
        serde_json::from_value(texts).map_err(|e| e.to_string())
    }

    /// The value of `attribute` on the first element matching `selector`, once it appears.
    pub async fn attr(&self, selector: &str, attribute: &str) -> Option<String> {
        let element = self.css(selector).await;
        element
            .attr(attribute)
            .await
            .unwrap_or_else(|err| panic!("cannot read {selector}[{attribute}]: {err}"))
    }

    /// Waits until the first element matching `selector` reads `expected`: how a step knows
    /// the next page has arrived.
    pub async fn wait_for_text(&self, selector: &str, expected: &str) {
        let deadline = Instant::now() + PATIENCE;
        let mut seen = Ok(Vec::new());
        while Instant::now() < deadline {
            // While a page is being replaced the script may find no document: look again.
            seen = self.try_texts(selector).await;
            if seen.as_ref().is_ok_and(|texts| texts.first().is_some_and(|t| t == expected)) {
                return;
            }
            tokio::time::sleep(POLL).await;
        }
        panic!(
            "`{selector}` never read “{expected}” within {PATIENCE:?}; it read {seen:?}\n{}",
            self.page_summary().await
        )
    }

    /// Waits until the browser shows a page whose path starts with `prefix`; returns the path.
    pub async fn wait_for_path(&self, prefix: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            let path = self.path().await;
            if path.starts_with(prefix) {
                return path;
            }
            tokio::time::sleep(POLL).await;
        }
        panic!("the browser never reached {prefix}… within {PATIENCE:?}\n{}", self.page_summary().await)
    }

    /// Shows `html` as a document of its own, `width` CSS pixels wide (in a frame of a blank
    /// page, so that no page's security policy applies to it, as in a mail client), and
    /// returns how wide its content is: `document.scrollingElement.scrollWidth`.
    #[allow(dead_code, reason = "the news-by-email step; the accessibility checks have no use for it")]
    pub async fn content_width_at(&self, html: &str, width: u32) -> i64 {
        self.client.goto("about:blank").await.expect("blank page");
        let script = "const [html, width, done] = arguments;
            const frame = document.createElement('iframe');
            frame.style.cssText = `border:0;width:${width}px;height:800px`;
            frame.onload = () => done(frame.contentDocument.scrollingElement.scrollWidth);
            frame.srcdoc = html;
            document.body.appendChild(frame);";
        let measured = self.script_async(script, vec![Value::from(html), Value::from(width)]).await;
        measured.as_i64().unwrap_or_else(|| panic!("no width measured: {measured}"))
    }

    /// Runs `script` in the page and returns its result.
    pub async fn script(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute(script, args).await.unwrap_or_else(|err| panic!("script failed: {err}\n{script}"))
    }

    /// Runs `script` in the page and returns what it passes to its last argument, the
    /// callback: for steps that wait on the page (a fetch, a canvas drawn to a file, axe-core).
    pub async fn script_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute_async(script, args).await.unwrap_or_else(|err| {
            panic!("script failed: {err}\n{}", script.chars().take(300).collect::<String>())
        })
    }

    /// Where the browser is and what it shows, for failure messages.
    async fn page_summary(&self) -> String {
        let url = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        let main = match self.client.find(Locator::Css("main")).await {
            Ok(main) => main.text().await.unwrap_or_default(),
            Err(_) => self.client.source().await.unwrap_or_default(),
        };
        let main: String = main.chars().take(1_500).collect();
        format!("the page at {url} shows:\n{main}")
    }
}

/// Chromedriver's own command for the console log (not in the W3C protocol).
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

fn describe(locator: Locator<'_>) -> String {
    match locator {
        Locator::Css(css) => format!("an element matching `{css}`"),
        Locator::Id(id) => format!("the element #{id}"),
        Locator::LinkText(text) => format!("a link “{text}”"),
        Locator::XPath(xpath) => format!("an element at `{xpath}`"),
    }
}
