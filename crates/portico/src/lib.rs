//! The Portico program: serving the site and the command-line tools around it.
//!
//! The binary (`main.rs`) only parses arguments; what each command does lives here so that
//! tests can run the real server in-process.

pub mod accounts;
pub mod backup;
pub mod cdn;
pub mod connections;
pub mod corpus;
pub mod demo;
pub mod export;
pub mod import;
pub mod indexer;
pub mod init;
pub mod log_output;
pub mod mail;
pub mod media;
pub mod server;
pub mod sites;
pub mod sso;
pub mod tag;
