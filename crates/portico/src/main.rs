//! The `portico` command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use portico::accounts::{UserAdd, add_token, add_user};
use portico::server::{ServeConfig, open, serve};

/// Portico: the newsroom and website platform for international organizations.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
}

impl Storage {
    fn config(self, listen: String, theme: Option<PathBuf>, fallback_site: Option<String>) -> ServeConfig {
        ServeConfig {
            listen,
            data: self.data,
            database: self.database,
            theme,
            schedule_every: portico::server::SCHEDULE_INTERVAL,
            fallback_site,
        }
    }
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
enum Command {
    /// Manage back-office users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PORTICO_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve { listen, storage, theme, fallback_site } => {
                let fallback = (fallback_site != "none").then_some(fallback_site);
                serve(&storage.config(listen, theme, fallback)).await
            }
            Command::User(UserCommand::Add { email, role, sites, name, password_stdin, storage }) => {
                let store = open(&storage.config(String::new(), None, None)).await?;
                add_user(&store, &UserAdd { email, role, sites, name, password_stdin }).await
            }
            Command::Token(TokenCommand::Add { email, name, storage }) => {
                let store = open(&storage.config(String::new(), None, None)).await?;
                add_token(&store, &email, &name).await
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line: the context chain, outermost first.
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
