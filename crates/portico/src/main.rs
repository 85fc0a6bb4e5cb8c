//! The `portico` command.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use portico::accounts::{UserAdd, add_token, add_user, reset_two_factor, set_password};
use portico::log_output::{BatchedStdout, LogOutput};
use portico::server::{ServeConfig, open, serve};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Portico: the newsroom and website platform for international organizations.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// How log lines are written: "text" for people, "json" (one object a line) for a log
    /// collector.
    #[arg(long, global = true, env = "PORTICO_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    log_format: String,
}

/// Where the data is, for every command.
#[derive(Args)]
struct Storage {
    /// Data folder for the SQLite database and media.
    #[arg(long, env = "PORTICO_DATA", default_value = "data")]
    data: PathBuf,
    /// Database URL (postgres://… or sqlite:PATH); SQLite in the data folder by default.
    #[arg(long, env = "PORTICO_DATABASE", hide_env_values = true)]
    database: Option<String>,
    /// Media in an S3-compatible bucket, s3://bucket/prefix, instead of the data folder's
    /// media/; endpoint, region and credentials from AWS_ENDPOINT_URL, AWS_REGION,
    /// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (AWS_ALLOW_HTTP=true for a plain-http server).
    #[arg(long, env = "PORTICO_MEDIA")]
    media: Option<String>,
}

impl Storage {
    fn config(self, listen: String, theme: Option<PathBuf>, fallback_site: Option<String>) -> ServeConfig {
        ServeConfig {
            listen,
            data: self.data,
            media: self.media,
            database: self.database,
            theme,
            schedule_every: portico::server::SCHEDULE_INTERVAL,
            allow_loopback_feeds: false,
            fallback_site,
            demo: false,
        }
    }
}

#[derive(Subcommand)]
enum TagCommand {
    /// Score the tagger on a labelled JSON Lines file: precision and recall per field, exact
    /// matches for dateline, date and contacts, and every miss.
    Eval {
        /// One labelled release a line (see crates/tagger/testdata/README.md).
        file: PathBuf,
        /// `json` prints the scores only, as one JSON object.
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
}

/// What every import takes besides its source.
#[derive(Args)]
struct ImportArgs {
    /// The key of the site that receives the documents.
    #[arg(long)]
    site: String,
    /// Check everything and report what would happen; write nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    storage: Storage,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// A WordPress export file (Tools → Export, WXR), with Polylang or WPML translations.
    Wordpress {
        /// The export file.
        file: PathBuf,
        /// The site's wp-content/uploads folder, where featured images are read.
        #[arg(long)]
        uploads: Option<PathBuf>,
        #[command(flatten)]
        args: ImportArgs,
    },
    /// Drupal nodes saved as JSON:API responses: one file, or a folder of them.
    Drupal {
        /// A JSON:API response file or a folder of them.
        path: PathBuf,
        /// Drupal's public files folder (sites/default/files), where images are read.
        #[arg(long)]
        uploads: Option<PathBuf>,
        #[command(flatten)]
        args: ImportArgs,
    },
    /// An RSS or Atom archive file: each entry a release.
    Feed {
        /// The feed file.
        file: PathBuf,
        #[command(flatten)]
        args: ImportArgs,
    },
    /// A folder of Markdown files with YAML or TOML front matter (Hugo, Jekyll).
    Markdown {
        /// The folder (Hugo's content/, Jekyll's site).
        dir: PathBuf,
        #[command(flatten)]
        args: ImportArgs,
    },
    /// A folder of .docx or HTML press releases, each read by the tagger; their pictures (a
    /// .docx's own, or files beside an HTML release) go into the media library.
    Releases {
        /// The folder.
        dir: PathBuf,
        #[command(flatten)]
        args: ImportArgs,
    },
}

#[derive(Subcommand)]
enum MediaCommand {
    /// Copy the data folder's media/ to an object store (--to s3://bucket/prefix) or back
    /// from one (--from s3://bucket/prefix). Files the target holds at the same size are
    /// skipped, so an interrupted migration resumes when run again; nothing is deleted from
    /// the source.
    Migrate {
        /// The object store to copy the data folder's media into.
        #[arg(long, value_name = "S3_URL", conflicts_with = "from", required_unless_present = "from")]
        to: Option<String>,
        /// The object store to copy media from, into the data folder's media/.
        #[arg(long, value_name = "S3_URL")]
        from: Option<String>,
        /// Data folder whose media/ is the other end.
        #[arg(long, env = "PORTICO_DATA", default_value = "data")]
        data: PathBuf,
    },
    /// Remove what uploads cut short left in the media storage (--media, or the data folder's):
    /// staged files, and the files of items whose row never committed.
    Sweep {
        /// Only what is older than this many seconds: younger files may be another node's
        /// upload in flight.
        #[arg(long, default_value_t = 3600)]
        older_than: u64,
        #[command(flatten)]
        storage: Storage,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a back-office user.
    Add {
        /// Login email.
        #[arg(long)]
        email: String,
        /// admin, editor, author or translator.
        #[arg(long)]
        role: String,
        /// A site the role applies to (repeat for several); admins need none.
        #[arg(long = "site")]
        sites: Vec<String>,
        /// Display name.
        #[arg(long, default_value = "")]
        name: String,
        /// Read the password from the first line of standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        storage: Storage,
    },
    /// Set a user's password (their sessions end, their API tokens are revoked): the way back
    /// in for an admin who lost it.
    SetPassword {
        /// Login email.
        #[arg(long)]
        email: String,
        /// Read the password from the first line of standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        storage: Storage,
    },
    /// Remove a user's two-factor sign-in and recovery codes and end their sessions, for an
    /// admin who lost both their phone and their codes.
    ResetTwoFactor {
        /// Login email.
        #[arg(long)]
        email: String,
        #[command(flatten)]
        storage: Storage,
    },
}

#[derive(Subcommand)]
enum SiteCommand {
    /// Create a site, such as a country office's.
    Add {
        /// Short stable key, such as sv.
        #[arg(long)]
        key: String,
        /// Name in the site's default language.
        #[arg(long)]
        name: String,
        /// A host name that routes to the site (repeat for several).
        #[arg(long = "host")]
        hosts: Vec<String>,
        /// Language codes, the default first: es,en.
        #[arg(long)]
        languages: String,
        /// ISO 3166-1 alpha-2 of a country office: global releases about it appear on the site.
        #[arg(long)]
        country: Option<String>,
        /// Answer 404 for a page missing in a language instead of showing the default one.
        #[arg(long)]
        no_fallback: bool,
        #[command(flatten)]
        storage: Storage,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for a user; it is printed once.
    Add {
        /// The user's email.
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long, default_value = "command line")]
        name: String,
        #[command(flatten)]
        storage: Storage,
    },
}

#[derive(Subcommand)]
#[expect(clippy::large_enum_variant, reason = "parsed once at start-up; serve's options are the large one")]
enum Command {
    /// Set up the organization's own site in an empty database: the global site, its
    /// sections as empty pages with menus, and the first administrator. What is not given
    /// as a flag is asked for on a terminal.
    Init {
        /// The organization's name in the site's default language.
        #[arg(long)]
        name: Option<String>,
        /// Its name in another of the site's languages, as LANG=NAME (repeat for several).
        #[arg(long = "name-in", value_name = "LANG=NAME")]
        names: Vec<String>,
        /// Where readers find the global site, such as https://www.example.org; its host
        /// name routes to the site.
        #[arg(long)]
        public_url: Option<String>,
        /// Language codes, the default first: en,fr,es (en when not given and not asked).
        #[arg(long)]
        languages: Option<String>,
        /// The first administrator's email, their login.
        #[arg(long)]
        admin_email: Option<String>,
        /// The administrator's display name.
        #[arg(long, default_value = "")]
        admin_name: String,
        /// A file whose first line is the administrator's password; without it the password
        /// comes from PORTICO_ADMIN_PASSWORD, or is asked for without echo.
        #[arg(long)]
        password_file: Option<PathBuf>,
        #[command(flatten)]
        storage: Storage,
    },
    /// Manage back-office users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Manage sites.
    #[command(subcommand)]
    Site(SiteCommand),
    /// Propose a release's dateline, countries, partners, media contacts and themes from its
    /// text (.txt, .md, .html or .docx), matched to those in the database; nothing is saved.
    /// `portico tag eval FILE.jsonl` scores the tagger on a labelled set instead.
    #[command(args_conflicts_with_subcommands = true)]
    Tag {
        #[command(subcommand)]
        command: Option<TagCommand>,
        /// The release to read.
        file: Option<PathBuf>,
        /// Its language (en, fr, es, ar, de, it, pt) when known; detected otherwise.
        #[arg(long)]
        language: Option<String>,
        /// Print the proposals as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        storage: Storage,
    },
    /// Bring in another system's archive; running it again updates what it brought in. Prints
    /// one line per document (created, updated, skipped, refused, with file and line or item)
    /// and exits with status 2 when a document was refused.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Move media between the data folder and an object store; clear unfinished uploads.
    #[command(subcommand)]
    Media(MediaCommand),
    /// Rebuild the search index of the data folder from the database (stop the server first).
    Reindex {
        #[command(flatten)]
        storage: Storage,
    },
    /// Write the database, media and settings into one archive, while the server runs.
    Backup {
        /// The archive to write (a gzip-compressed tar).
        file: PathBuf,
        #[command(flatten)]
        storage: Storage,
    },
    /// Restore an archive of `portico backup` into an empty data folder and database.
    Restore {
        /// The archive to read.
        file: PathBuf,
        #[command(flatten)]
        storage: Storage,
    },
    /// Fill a fresh database with the demo content and, with --releases, generated releases.
    Demo {
        /// How many press releases to generate after the demo content (translations extra).
        #[arg(long, default_value_t = 0)]
        releases: u64,
        /// The same seed generates the same releases.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[command(flatten)]
        storage: Storage,
    },
    /// Write a site's public pages, feeds, sitemaps and media as static files.
    Export {
        /// The site's key, such as global or sv.
        #[arg(long)]
        site: String,
        /// The folder the export ends up in: a new or empty folder, or an earlier export, which
        /// is replaced once the new one is complete.
        #[arg(long)]
        out: PathBuf,
        /// The scheme and host the pages are for (https://www.example.org); by default
        /// http:// and the site's first host name.
        #[arg(long)]
        origin: Option<String>,
        /// Pages rendered at once; by default four per core (renders wait on the database).
        #[arg(long, default_value_t = portico::export::default_jobs())]
        jobs: usize,
        /// Export only the addresses listed in this file, one per line (/en/news/slug); into an
        /// earlier export, they replace their files and the rest stays.
        #[arg(long)]
        only_from: Option<PathBuf>,
        #[command(flatten)]
        storage: Storage,
    },
    /// Serve the sites: public pages, feeds and API.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "PORTICO_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        #[command(flatten)]
        storage: Storage,
        /// Theme folder whose templates/ and static/ files replace the built-in ones.
        #[arg(long, env = "PORTICO_THEME")]
        theme: Option<PathBuf>,
        /// Site served for a host name no site claims; "none" answers 404 instead.
        #[arg(long, env = "PORTICO_FALLBACK_SITE", default_value = "global")]
        fallback_site: String,
        /// Memory for rendered pages, in MiB (every compressed form counted); 0 turns the page
        /// cache off.
        #[arg(long, env = "PORTICO_PAGE_CACHE_MB", default_value_t = portico_web::cache::DEFAULT_PAGE_CACHE_MB)]
        page_cache_mb: usize,
        /// Seconds a client has to send a request's headers (slow clients are dropped).
        #[arg(long, env = "PORTICO_HEADER_TIMEOUT", default_value_t = 10)]
        header_timeout: u64,
        /// Seconds a connection may move no byte either way before it is closed.
        #[arg(long, env = "PORTICO_IDLE_TIMEOUT", default_value_t = 60)]
        idle_timeout: u64,
        /// Seconds a request body may send nothing before its request ends.
        #[arg(long, env = "PORTICO_BODY_TIMEOUT", default_value_t = 30)]
        body_timeout: u64,
        /// Connections served at once; more wait to be accepted.
        #[arg(long, env = "PORTICO_MAX_CONNECTIONS", default_value_t = 1000)]
        max_connections: usize,
        /// On SIGTERM or Ctrl-C, seconds the requests in flight have to finish before they are
        /// cut; keep the supervisor's stop timeout longer.
        #[arg(long, env = "PORTICO_DRAIN_TIMEOUT", default_value_t = 20)]
        drain_timeout: u64,
        /// Who may read /metrics: "loopback" (this machine, not through a proxy), "token"
        /// (with --metrics-token as a bearer token) or "off".
        #[arg(long, env = "PORTICO_METRICS", default_value = "loopback", value_parser = ["loopback", "token", "off"])]
        metrics: String,
        /// The bearer token /metrics asks for with --metrics token.
        #[arg(long, env = "PORTICO_METRICS_TOKEN", hide_env_values = true)]
        metrics_token: Option<String>,
        /// Load the demo content into an empty database of any kind (without it, only the
        /// default SQLite database in the data folder gets the demo).
        #[arg(long)]
        demo: bool,
        /// Where readers find the global site; https://… makes cookies Secure and sends HSTS
        /// on every response (TLS ended by a proxy in front).
        #[arg(long, env = "PORTICO_PUBLIC_URL")]
        public_url: Option<String>,
        /// A reverse proxy (address or CIDR range) whose Forwarded / X-Forwarded-For /
        /// X-Forwarded-Proto headers are believed; repeat for several. Nobody else's are.
        #[arg(long = "trusted-proxy", env = "PORTICO_TRUSTED_PROXIES", value_delimiter = ',')]
        trusted_proxies: Vec<String>,
        /// Milliseconds between two reads of the change log when nothing signals a change:
        /// how soon other nodes' writes reach this one's pages and search should a
        /// PostgreSQL notification be lost (or, with --change-listen false, always).
        #[arg(long, env = "PORTICO_CHANGE_POLL_MS", default_value_t = portico_store::follower::POLL_INTERVAL_MS)]
        change_poll_ms: u64,
        /// On PostgreSQL, hear other nodes' writes at once through LISTEN on a connection of
        /// its own; "false" behind a pooler that cannot keep one (PgBouncer in transaction
        /// mode), leaving the poll alone.
        #[arg(long, env = "PORTICO_CHANGE_LISTEN", default_value_t = true, action = clap::ArgAction::Set)]
        change_listen: bool,
        /// A CDN or caching proxy in front of the nodes' /media/ (https://cdn.example.org/media):
        /// published pages link their media through it; other media stay linked to the node,
        /// which checks who may see them.
        #[arg(long, env = "PORTICO_MEDIA_PUBLIC_URL")]
        media_public_url: Option<String>,
        /// Single sign-on through an OpenID Connect provider.
        #[command(flatten)]
        sso: portico::sso::SsoArgs,
        /// Surrogate keys and purges for a CDN or caching proxy in front.
        #[command(flatten)]
        cdn: portico::cdn::CdnArgs,
        /// News by email through an SMTP server.
        #[command(flatten)]
        smtp: portico::mail::SmtpArgs,
    },
}

/// An import that refused documents: reported line by line already, told apart by its exit
/// status from a failure that stopped the import.
#[derive(Debug, thiserror::Error)]
#[error("{0} documents refused; see the lines marked \"refused\"")]
struct Refused(usize);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("PORTICO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    // The server's lines go out in batches (see `log_output`); every other command's at once.
    let (output, _flusher) = if matches!(cli.command, Command::Serve { .. }) {
        match BatchedStdout::start() {
            Ok((output, flusher)) => (LogOutput::Batched(output), Some(flusher)),
            Err(err) => {
                eprintln!("error: cannot start the log output thread: {err}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        (LogOutput::Stdout, None)
    };
    let writer = move || output.clone();
    if cli.log_format == "json" {
        // The event's fields at the top level, so the request line reads as
        // {"http.method":"GET","http.status":200,…}; its span would repeat the request id.
        tracing_subscriber::fmt()
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .with_env_filter(filter)
            .with_target(false)
            .with_writer(writer)
            .init();
    } else {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_target(false)
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
            .with_writer(writer)
            .init();
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve {
                listen,
                storage,
                theme,
                fallback_site,
                page_cache_mb,
                header_timeout,
                idle_timeout,
                body_timeout,
                max_connections,
                drain_timeout,
                metrics,
                metrics_token,
                demo,
                public_url,
                trusted_proxies,
                change_poll_ms,
                change_listen,
                media_public_url,
                sso,
                cdn,
                smtp,
            } => {
                use portico_web::metrics::MetricsAccess;
                let metrics = match (metrics.as_str(), metrics_token) {
                    ("off", _) => MetricsAccess::Off,
                    ("token", Some(token)) if !token.trim().is_empty() => MetricsAccess::Token(token),
                    ("token", _) => {
                        anyhow::bail!("--metrics token needs --metrics-token (or PORTICO_METRICS_TOKEN)")
                    }
                    _ => MetricsAccess::Loopback,
                };
                let fallback = (fallback_site != "none").then_some(fallback_site);
                let seconds = std::time::Duration::from_secs;
                let connections = portico::connections::Limits {
                    header_timeout: seconds(header_timeout.max(1)),
                    idle_timeout: seconds(idle_timeout.max(1)),
                    body_timeout: seconds(body_timeout.max(1)),
                    max_connections: max_connections.max(1),
                    drain_timeout: seconds(drain_timeout),
                };
                let https = match public_url {
                    Some(url) => portico::init::parse_public_url(&url)
                        .map_err(|problem| anyhow::anyhow!("--public-url {problem}"))?
                        .is_https(),
                    None => false,
                };
                let trusted_proxies = trusted_proxies
                    .iter()
                    .map(|proxy| portico_web::Transport::parse_proxy(proxy))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|err| anyhow::anyhow!("--trusted-proxy {err}"))?;
                let transport = portico_web::Transport { https, trusted_proxies };
                let sso = sso.config()?;
                let purge = cdn.options()?;
                let mail = smtp.options()?;
                let media_public_url = media_public_url
                    .map(|url| portico::server::parse_media_public_url(&url))
                    .transpose()?;
                let change_wakeups = portico_store::follower::Wakeups {
                    poll: std::time::Duration::from_millis(change_poll_ms.max(1)),
                    listen: change_listen,
                };
                let tuning = portico::server::Tuning {
                    page_cache_mb,
                    connections,
                    metrics,
                    transport,
                    sso,
                    change_wakeups,
                    purge,
                    media_public_url,
                    mail,
                    ..Default::default()
                };
                let config = ServeConfig { demo, ..storage.config(listen, theme, fallback) };
                serve(&config, &tuning).await
            }
            Command::Demo { releases, seed, storage } => {
                let started = std::time::Instant::now();
                let options = portico::corpus::CorpusOptions { releases, seed };
                let done =
                    portico::corpus::generate(&storage.config(String::new(), None, None), options).await?;
                println!(
                    "Demo content loaded and {} releases generated ({} language versions) and indexed for \
                     search ({} pages and releases) in {:.1} s; database {} MB, search index {} MB, \
                     at most {} MB on disk during the import.",
                    done.releases,
                    done.variants,
                    done.indexed,
                    started.elapsed().as_secs_f64(),
                    done.database_bytes / 1_000_000,
                    done.index_bytes / 1_000_000,
                    done.largest_disk_bytes / 1_000_000
                );
                Ok(())
            }
            Command::Export { site, out, origin, jobs, only_from, storage } => {
                let only = match only_from {
                    Some(file) => Some(
                        std::fs::read_to_string(&file)
                            .with_context(|| format!("cannot read {}", file.display()))?
                            .lines()
                            .map(str::trim)
                            .filter(|line| !line.is_empty() && !line.starts_with('#'))
                            .map(str::to_owned)
                            .collect(),
                    ),
                    None => None,
                };
                let options = portico::export::ExportOptions { site, out, origin, jobs, only };
                let done =
                    portico::export::export(&storage.config(String::new(), None, None), &options).await?;
                for (address, status) in done.skipped.iter().take(10) {
                    let why =
                        if *status == 0 { "no static file name".to_owned() } else { status.to_string() };
                    eprintln!("not exported: {address} ({why})");
                }
                if done.skipped.len() > 10 {
                    eprintln!("not exported: {} more", done.skipped.len() - 10);
                }
                for link in done.unresolved.iter().take(10) {
                    println!("unresolved: {} ({}), linked from {}", link.address, link.why, link.linked_from);
                }
                if done.unresolved.len() > 10 {
                    println!("unresolved: {} more (see the export's .portico-export.json)", done.unresolved.len() - 10);
                }
                let examples = done.live_site_examples(5);
                for address in &examples {
                    println!("live site: {address}");
                }
                println!(
                    "Checked {} links: {} unresolved; {} addresses with a query (filtered lists, search) \
                     point to the live site{}; {} to other sites, not followed.",
                    done.links_checked,
                    done.unresolved.len(),
                    done.live_site.len(),
                    if examples.len() < done.live_site.len() { " (some listed above)" } else { "" },
                    done.other_sites
                );
                // The last line, which scripts read (bench/run): keep its start as it is.
                println!(
                    "Exported {} files ({:.1} MB) to {} in {:.1} s, {:.0} pages/s.",
                    done.files,
                    done.bytes as f64 / 1_000_000.0,
                    options.out.display(),
                    done.seconds,
                    done.files_per_second()
                );
                Ok(())
            }
            Command::Init {
                name,
                names,
                public_url,
                languages,
                admin_email,
                admin_name,
                password_file,
                storage,
            } => {
                let args = portico::init::InitArgs {
                    name,
                    names,
                    public_url,
                    languages,
                    admin_email,
                    admin_name,
                    password_file,
                };
                let config = storage.config(String::new(), None, None);
                let done = portico::init::init(&args, || portico::server::connect(&config)).await?;
                println!(
                    "Initialized: {} empty section pages to fill (over every language), their menus and the administrator. \
                     Sign in at {}/admin once it runs: portico serve --public-url {}",
                    done.variants, done.public_url, done.public_url
                );
                Ok(())
            }
            Command::User(UserCommand::Add { email, role, sites, name, password_stdin, storage }) => {
                let store = open(&storage.config(String::new(), None, None)).await?;
                add_user(&store, &UserAdd { email, role, sites, name, password_stdin }).await
            }
            Command::User(UserCommand::SetPassword { email, password_stdin, storage }) => {
                let store = open(&storage.config(String::new(), None, None)).await?;
                set_password(&store, &email, password_stdin).await
            }
            Command::User(UserCommand::ResetTwoFactor { email, storage }) => {
                let store = open(&storage.config(String::new(), None, None)).await?;
                reset_two_factor(&store, &email).await
            }
            Command::Site(SiteCommand::Add {
                key,
                name,
                hosts,
                languages,
                country,
                no_fallback,
                storage,
            }) => {
                let store = open(&storage.config(String::new(), None, None)).await?;
                let args = portico::sites::SiteAdd { key, name, hosts, languages, country, no_fallback };
                portico::sites::add_site(&store, &args).await
            }
            Command::Tag { command: Some(TagCommand::Eval { file, format }), .. } => {
                println!("{}", portico::tag::evaluate(&file, format == "json")?);
                Ok(())
            }
            Command::Tag { command: None, file, language, json, storage } => {
                let file = file.ok_or_else(|| anyhow::anyhow!("name the release to read: portico tag FILE"))?;
                // Without a database the built-in lists still work; a database named outright must open.
                let known = match portico::backup::open_existing(&storage.data, storage.database.as_deref()).await {
                    Ok(store) => {
                        let known = portico_web::tagging::Known::read(&store).await;
                        store.close().await;
                        known?
                    }
                    Err(err) if storage.database.is_none() => {
                        eprintln!("note: {err:#}; matching the built-in lists only");
                        portico_web::tagging::Known::default()
                    }
                    Err(err) => return Err(err),
                };
                print!("{}", portico::tag::tag_file(&file, language.as_deref(), &known, json)?);
                Ok(())
            }
            Command::Import { command } => {
                use portico::import::Source;
                let (source, args) = match command {
                    ImportCommand::Wordpress { file, uploads, args } => (Source::WordPress { file, uploads }, args),
                    ImportCommand::Drupal { path, uploads, args } => (Source::Drupal { path, uploads }, args),
                    ImportCommand::Feed { file, args } => (Source::Feed { file }, args),
                    ImportCommand::Markdown { dir, args } => (Source::Markdown { dir }, args),
                    ImportCommand::Releases { dir, args } => (Source::Releases { dir }, args),
                };
                let config = args.storage.config(String::new(), None, None);
                let media = portico::server::check_media(&config).await?;
                // Opened as the server opens it: migrated, so the import tables exist.
                let store = open(&config).await?;
                let options = portico::import::ImportOptions {
                    site: args.site,
                    source,
                    dry_run: args.dry_run,
                    progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
                };
                let report = portico::import::run(&store, &media, &options).await;
                store.close().await;
                let report = report?;
                print!("{}", report.to_text());
                let refused = report.count(portico::import::Outcome::Refused);
                if refused > 0 {
                    return Err(anyhow::Error::new(Refused(refused)));
                }
                Ok(())
            }
            Command::Media(MediaCommand::Migrate { to, from, data }) => {
                let local = portico::server::local_media(&data);
                let (source, target) = match (to, from) {
                    (Some(to), _) => (local, portico_media::MediaStorage::from_url(&to)?),
                    (None, Some(from)) => (portico_media::MediaStorage::from_url(&from)?, local),
                    (None, None) => anyhow::bail!("say where to: --to s3://bucket/prefix or --from s3://bucket/prefix"),
                };
                let started = std::time::Instant::now();
                let done = portico::media::migrate(&source, &target).await?;
                println!(
                    "Migrated {} media items from {} to {}: {} files copied ({:.1} MB), {} already there, in {:.1} s.",
                    done.items,
                    source.describe(),
                    target.describe(),
                    done.copied,
                    done.bytes as f64 / 1_000_000.0,
                    done.skipped,
                    started.elapsed().as_secs_f64()
                );
                Ok(())
            }
            Command::Media(MediaCommand::Sweep { older_than, storage }) => {
                let config = storage.config(String::new(), None, None);
                let media = portico::server::check_media(&config).await?;
                let store = portico::backup::open_existing(&config.data, config.database.as_deref()).await?;
                let swept =
                    portico::media::sweep(&store, &media, std::time::Duration::from_secs(older_than)).await;
                store.close().await;
                let swept = swept?;
                println!(
                    "Swept {}: {} staged files of unfinished uploads and {} items without a row removed.",
                    media.describe(),
                    swept.staged,
                    swept.items
                );
                Ok(())
            }
            Command::Reindex { storage } => {
                let config = storage.config(String::new(), None, None);
                let store = open(&config).await?;
                let count = portico::indexer::reindex(&store, &config.data).await;
                store.close().await;
                let count = count?;
                println!("Search index rebuilt: {count} pages and releases.");
                Ok(())
            }
            Command::Backup { file, storage } => {
                let store =
                    portico::backup::open_existing(&storage.data, storage.database.as_deref()).await?;
                let config = storage.config(String::new(), None, None);
                let media = portico::server::check_media(&config).await?;
                let summary = portico::backup::backup(&store, &media, &file).await;
                store.close().await;
                let summary = summary?;
                println!(
                    "Backed up {} rows and {} media files into {}.",
                    summary.rows,
                    summary.files,
                    file.display()
                );
                Ok(())
            }
            Command::Restore { file, storage } => {
                let config = storage.config(String::new(), None, None);
                let media = portico::server::check_media(&config).await?;
                let summary =
                    portico::backup::restore(&file, &config.data, config.database.as_deref(), &media)
                        .await?;
                println!(
                    "Restored {} rows and {} media files from {}.",
                    summary.rows,
                    summary.files,
                    file.display()
                );
                Ok(())
            }
            Command::Token(TokenCommand::Add { email, name, storage }) => {
                let store = open(&storage.config(String::new(), None, None)).await?;
                add_token(&store, &email, &name).await
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.downcast_ref::<Refused>().is_some() => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
        Err(err) => {
            // One line: the context chain, outermost first.
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
