//! The single sign-on options of `portico serve`, read into the provider's configuration and
//! checked before anything starts. The client secret never comes from the command line, where
//! any user of the machine could read it: from PORTICO_OIDC_CLIENT_SECRET or a file.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;
use portico_oidc::{ClientSecret, Config, GroupRule};

/// `portico serve`'s OpenID Connect options.
#[derive(Args, Debug, Clone, Default)]
pub struct SsoArgs {
    /// The OpenID Connect provider's issuer (https://id.example.org/realms/staff); turns single
    /// sign-on on. Its discovery document is read from {issuer}/.well-known/openid-configuration.
    #[arg(long, env = "PORTICO_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,
    /// Portico's client id at the provider. Register the redirect URI
    /// {public URL}/admin/login/sso/callback there.
    #[arg(long, env = "PORTICO_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,
    /// A file whose first line is the client secret; else PORTICO_OIDC_CLIENT_SECRET holds it.
    #[arg(long, env = "PORTICO_OIDC_CLIENT_SECRET_FILE")]
    pub oidc_client_secret_file: Option<PathBuf>,
    /// What the sign-in button calls the provider: "Sign in with NAME".
    #[arg(long, env = "PORTICO_OIDC_NAME", default_value = "your organization's account")]
    pub oidc_name: String,
    /// The scopes to ask for, space-separated; offline_access asks for a refresh token, with
    /// which the provider is asked again whether the person still has access.
    #[arg(long, env = "PORTICO_OIDC_SCOPES", default_value = portico_oidc::DEFAULT_SCOPES)]
    pub oidc_scopes: String,
    /// The claim (in the ID token or from the userinfo endpoint) that lists the person's groups.
    #[arg(long, env = "PORTICO_OIDC_GROUPS_CLAIM", default_value = "groups")]
    pub oidc_groups_claim: String,
    /// GROUP=ROLE[@site,site]: members of GROUP get ROLE (admin, editor, author, translator)
    /// on those sites, admins on all; repeat for several (or separate with ';' in
    /// PORTICO_OIDC_GROUPS). Of several matching groups the most powerful role wins, with the
    /// sites of every group that gives it; a person in none is refused.
    #[arg(
        long = "oidc-group",
        env = "PORTICO_OIDC_GROUPS",
        value_delimiter = ';',
        value_name = "GROUP=ROLE[@SITES]"
    )]
    pub oidc_groups: Vec<String>,
    /// Only the provider signs people in: no password sign-in or password change. To get in
    /// while the provider is down, restart without it (see the README).
    #[arg(long, env = "PORTICO_SSO_ONLY")]
    pub sso_only: bool,
    /// Seconds between two checks with the provider that a signed-in person still has access
    /// (made on a request of their session); a refusal disables them and ends their sessions
    /// and API tokens.
    #[arg(long, env = "PORTICO_OIDC_RECHECK_SECONDS", default_value_t = portico_oidc::DEFAULT_RECHECK.as_secs())]
    pub oidc_recheck_seconds: u64,
}

impl SsoArgs {
    /// The provider's configuration, `None` without `--oidc-issuer`; the first problem as one
    /// line otherwise.
    pub fn config(&self) -> Result<Option<Config>> {
        self.config_with_secret(std::env::var("PORTICO_OIDC_CLIENT_SECRET").ok())
    }

    /// [`SsoArgs::config`] with the environment's secret given (for tests).
    pub fn config_with_secret(&self, secret_from_env: Option<String>) -> Result<Option<Config>> {
        let Some(issuer) = self.oidc_issuer.clone().filter(|i| !i.trim().is_empty()) else {
            if self.sso_only {
                bail!("--sso-only needs --oidc-issuer: without a provider nobody could sign in");
            }
            return Ok(None);
        };
        let secret = match (&self.oidc_client_secret_file, secret_from_env) {
            (Some(file), _) => {
                let text = std::fs::read_to_string(file)
                    .with_context(|| format!("--oidc-client-secret-file {}", file.display()))?;
                ClientSecret::new(text.lines().next().unwrap_or(""))
            }
            (None, Some(secret)) => ClientSecret::new(&secret),
            (None, None) => ClientSecret::new(""),
        };
        let groups = self
            .oidc_groups
            .iter()
            .filter(|g| !g.trim().is_empty())
            .map(|g| GroupRule::parse(g))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|problem| anyhow::anyhow!("--oidc-group {problem}"))?;
        let config = Config {
            issuer: issuer.trim().to_owned(),
            client_id: self.oidc_client_id.clone().unwrap_or_default().trim().to_owned(),
            client_secret: secret,
            display_name: self.oidc_name.trim().to_owned(),
            scopes: self.oidc_scopes.split_whitespace().map(str::to_owned).collect(),
            groups_claim: self.oidc_groups_claim.trim().to_owned(),
            groups,
            sso_only: self.sso_only,
            recheck_every: std::time::Duration::from_secs(self.oidc_recheck_seconds),
        };
        if let Some(problem) = config.problem() {
            bail!("{problem}");
        }
        Ok(Some(config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(groups: &[&str]) -> SsoArgs {
        SsoArgs {
            oidc_issuer: Some("https://id.example.org".into()),
            oidc_client_id: Some("portico".into()),
            oidc_name: "Example ID".into(),
            oidc_scopes: portico_oidc::DEFAULT_SCOPES.into(),
            oidc_groups_claim: "groups".into(),
            oidc_groups: groups.iter().map(|g| (*g).to_owned()).collect(),
            oidc_recheck_seconds: 300,
            ..SsoArgs::default()
        }
    }

    #[test]
    fn mistakes_stop_the_start_with_one_line_naming_them() {
        let problem = |a: &SsoArgs, secret: Option<&str>| {
            a.config_with_secret(secret.map(str::to_owned)).expect_err("refused").to_string()
        };
        assert!(problem(&args(&["web=boss"]), Some("s")).contains("unknown role \"boss\""));
        assert!(problem(&args(&["web=admin"]), None).contains("PORTICO_OIDC_CLIENT_SECRET"));
        assert!(problem(&args(&[]), Some("s")).contains("--oidc-group"));
        let sso_only = SsoArgs { sso_only: true, ..SsoArgs::default() };
        assert!(problem(&sso_only, None).contains("--sso-only needs --oidc-issuer"));
        assert!(SsoArgs::default().config_with_secret(None).expect("off").is_none());
        let config = args(&["web=admin", "sv=editor@sv"]).config_with_secret(Some("s".into())).expect("ok");
        assert_eq!(config.map(|c| c.groups.len()), Some(2));
    }
}
