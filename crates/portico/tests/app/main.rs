//! Portico's integration tests, in one test binary: a real server on a free port over real
//! SQLite and PostgreSQL, real HTTP, real HTML, and headless Chromium for the back office.
//!
//! One binary, not one per file: each of these links the whole server (about 270 MB in a debug
//! build), and forty of them filled CI's disk. A module per area; run one area with
//! `cargo test -p portico --test app -- back_office::`. The log tests stay a binary of their
//! own (tests/errors_and_logs.rs) because they install the process's global log subscriber.

#[allow(dead_code, reason = "the browser tests' driver; the accessibility checks use a few of its steps")]
mod driver;
mod support;

mod accessibility;
mod back_office;
mod backup;
mod behind_tls;
mod browser;
mod cache_and_export;
mod cli;
mod document_list;
mod feed_ingest;
mod feeds_and_seo;
mod goals;
mod graceful_shutdown;
mod i18n;
mod import;
mod media_s3;
mod metrics_access;
mod news_by_email;
mod overview;
mod page_weight;
mod people;
mod pickers;
mod postgres_restart;
mod probes;
mod public_site;
mod publications;
mod read_api;
mod related;
mod search;
mod single_sign_on;
mod site_init;
mod sites_and_languages;
mod slow_clients;
mod systemd_unit;
mod tagging;
mod taxonomy;
mod translation_view;
mod two_factor;
mod two_nodes;
mod uncached_state;
mod uploads;
mod vacancies;
mod varnish;
