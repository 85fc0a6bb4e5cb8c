//! `portico serve`'s flags for a CDN or caching proxy in front: which response header carries
//! the surrogate keys, and where purges go (see `portico_web::purge`).

use anyhow::{Context, bail};
use axum::http::{HeaderName, HeaderValue, Method};
use clap::Args;
use portico_web::purge::{DEFAULT_KEY_HEADER, DEFAULT_PURGE_KEY_HEADER, PurgeOptions, PurgeTarget};

/// Surrogate keys and purges.
#[derive(Args, Clone, Default)]
pub struct CdnArgs {
    /// The response header listing a public response's surrogate keys, space-separated:
    /// "xkey" for Varnish's xkey module, "Surrogate-Key" for Fastly; "none" sends none.
    #[arg(long, env = "PORTICO_SURROGATE_KEY_HEADER", default_value = DEFAULT_KEY_HEADER)]
    pub surrogate_key_header: String,
    /// Where to send a purge of the changed keys after every change; repeat for several
    /// proxies. A URL with {key} gets one request per key in its place
    /// (https://api.fastly.com/service/ID/purge/{key}); any other gets the keys in
    /// --purge-key-header (http://varnish:6081/).
    #[arg(long = "purge-url", env = "PORTICO_PURGE_URLS", value_delimiter = ',')]
    pub purge_urls: Vec<String>,
    /// The purge request's method: PURGE for Varnish, POST for Fastly's API.
    #[arg(long, env = "PORTICO_PURGE_METHOD", default_value = "PURGE")]
    pub purge_method: String,
    /// The request header naming the keys to purge, for a --purge-url without {key}.
    #[arg(long, env = "PORTICO_PURGE_KEY_HEADER", default_value = DEFAULT_PURGE_KEY_HEADER)]
    pub purge_key_header: String,
    /// A header sent with every purge, "Name: value" (such as "Fastly-Key: …"); repeat for
    /// several. Never logged; prefer the environment variable for a secret (PORTICO_PURGE_HEADER,
    /// several separated by newlines).
    #[arg(
        long = "purge-header",
        env = "PORTICO_PURGE_HEADER",
        value_delimiter = '\n',
        hide_env_values = true
    )]
    pub purge_headers: Vec<String>,
}

impl std::fmt::Debug for CdnArgs {
    // The purge headers may hold a token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CdnArgs")
            .field("surrogate_key_header", &self.surrogate_key_header)
            .field("purge_urls", &self.purge_urls.len())
            .field("purge_method", &self.purge_method)
            .finish_non_exhaustive()
    }
}

impl CdnArgs {
    /// The web side's options, or what is wrong with a flag (without a header's value).
    pub fn options(&self) -> anyhow::Result<PurgeOptions> {
        let key_header = match self.surrogate_key_header.trim() {
            "" | "none" => None,
            name => {
                Some(HeaderName::try_from(name).with_context(|| format!("--surrogate-key-header {name:?}"))?)
            }
        };
        let method = Method::from_bytes(self.purge_method.trim().as_bytes())
            .map_err(|_| anyhow::anyhow!("--purge-method {:?} is no HTTP method", self.purge_method))?;
        let purge_key_header = HeaderName::try_from(self.purge_key_header.trim())
            .with_context(|| format!("--purge-key-header {:?}", self.purge_key_header))?;
        let mut headers = Vec::new();
        for line in self.purge_headers.iter().filter(|line| !line.trim().is_empty()) {
            let Some((name, value)) = line.split_once(':') else {
                bail!("--purge-header takes \"Name: value\"");
            };
            let name = HeaderName::try_from(name.trim())
                .with_context(|| format!("--purge-header has no valid header name ({:?})", name.trim()))?;
            let mut value = HeaderValue::from_str(value.trim())
                .map_err(|_| anyhow::anyhow!("--purge-header {name}: the value is no valid header value"))?;
            value.set_sensitive(true);
            headers.push((name, value));
        }
        let mut targets = Vec::new();
        for url in self.purge_urls.iter().map(|url| url.trim()).filter(|url| !url.is_empty()) {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                bail!(
                    "--purge-url must start with http:// or https:// ({})",
                    portico_web::purge::redact(url)
                );
            }
            targets.push(PurgeTarget {
                url: url.to_owned(),
                method: method.clone(),
                key_header: purge_key_header.clone(),
                headers: headers.clone(),
            });
        }
        if !targets.is_empty() && key_header.is_none() {
            bail!("--purge-url needs surrogate keys on responses: --surrogate-key-header cannot be none");
        }
        Ok(PurgeOptions { key_header, targets })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(urls: &[&str], headers: &[&str]) -> CdnArgs {
        CdnArgs {
            surrogate_key_header: DEFAULT_KEY_HEADER.to_owned(),
            purge_urls: urls.iter().map(|u| (*u).to_owned()).collect(),
            purge_method: "PURGE".to_owned(),
            purge_key_header: DEFAULT_PURGE_KEY_HEADER.to_owned(),
            purge_headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        }
    }

    #[test]
    fn purge_flags_are_read_and_a_bad_header_is_refused_without_its_value() {
        let options = args(&["http://varnish:6081/"], &["Fastly-Key: s3cret"]).options().expect("valid");
        assert_eq!(options.targets.len(), 1);
        assert_eq!(options.key_header.as_ref().map(HeaderName::as_str), Some("xkey"));
        let err = args(&["http://v/"], &["Fastly-Key: s3cret\u{7f}"]).options().expect_err("bad value");
        assert!(!format!("{err:#}").contains("s3cret"), "{err:#}");
        assert!(args(&["ftp://v/"], &[]).options().is_err());
    }
}
