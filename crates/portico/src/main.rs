//! The `portico` command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use portico::server::{ServeConfig, serve};

/// Portico: the newsroom and website platform for international organizations.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the sites: public pages, feeds and API.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "PORTICO_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// Data folder for the SQLite database and media.
        #[arg(long, env = "PORTICO_DATA", default_value = "data")]
        data: PathBuf,
        /// Database URL (postgres://… or sqlite:PATH); SQLite in the data folder by default.
        #[arg(long, env = "PORTICO_DATABASE", hide_env_values = true)]
        database: Option<String>,
        /// Theme folder whose templates/ and static/ files replace the built-in ones.
        #[arg(long, env = "PORTICO_THEME")]
        theme: Option<PathBuf>,
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
            Command::Serve {
                listen,
                data,
                database,
                theme,
            } => {
                serve(&ServeConfig {
                    listen,
                    data,
                    database,
                    theme,
                })
                .await
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
