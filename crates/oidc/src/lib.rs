//! Single sign-on through the organization's OpenID Connect provider: discovery, the keys that
//! sign its ID tokens, the authorization code flow with PKCE, the ID token's checks, the group
//! mapping to roles and sites, and asking the provider again whether a person still has access.
//!
//! It never touches the database or serves a page: the web crate keeps pending sign-ins and
//! sessions in the store and calls here. It never logs a secret, a token or a code.

mod config;
mod provider;

pub use config::{ClientSecret, Config, DEFAULT_RECHECK, DEFAULT_SCOPES, Grant, GroupRule};
pub use provider::{Check, Identity, OidcError, Pkce, Provider, SignIn, Tokens, random_string, same_secret};
