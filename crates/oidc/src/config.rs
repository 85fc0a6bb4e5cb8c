//! What an operator tells `portico serve` about the provider, checked before the server starts:
//! a mistake in the group mapping must stop the start-up, not surface at someone's sign-in.

use std::time::Duration;

use portico_content::Role;

/// The client secret. Its `Debug` hides it, so no log line or error can carry it.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientSecret(String);

impl ClientSecret {
    /// Wraps a secret read from the environment or a file (trailing line breaks dropped).
    pub fn new(secret: &str) -> ClientSecret {
        ClientSecret(secret.trim_end_matches(['\r', '\n']).to_owned())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientSecret(..)")
    }
}

/// One line of the group mapping: members of `group` get `role` on `sites` (site keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRule {
    /// The group as the provider names it in the groups claim.
    pub group: String,
    /// The role it gives.
    pub role: Role,
    /// The keys of the sites the role applies to; empty for admins, who act on every site.
    pub sites: Vec<String>,
}

impl GroupRule {
    /// Reads `GROUP=ROLE[@site,site]`. The group is everything before the last `=`, so that
    /// LDAP-style names (`cn=editors,ou=groups`) work as they are.
    pub fn parse(text: &str) -> Result<GroupRule, String> {
        let (group, grant) =
            text.rsplit_once('=').ok_or_else(|| format!("{text:?} is not GROUP=ROLE[@site,site]"))?;
        let group = group.trim();
        if group.is_empty() {
            return Err(format!("{text:?} names no group before '='"));
        }
        let (role, sites) = match grant.split_once('@') {
            Some((role, sites)) => (role.trim(), Some(sites)),
            None => (grant.trim(), None),
        };
        let role: Role = role
            .parse()
            .map_err(|_| format!("{text:?}: unknown role {role:?} (admin, editor, author or translator)"))?;
        let sites: Vec<String> = sites
            .map(|s| s.split(',').map(|k| k.trim().to_owned()).filter(|k| !k.is_empty()).collect())
            .unwrap_or_default();
        if let Some(bad) =
            sites.iter().find(|k| !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        {
            return Err(format!("{text:?}: {bad:?} is not a site key"));
        }
        match (role, sites.is_empty()) {
            (Role::Admin, false) => {
                Err(format!("{text:?}: admins act on every site, so the rule takes no @sites"))
            }
            (Role::Admin, true) => Ok(GroupRule { group: group.to_owned(), role, sites }),
            (_, true) => Err(format!("{text:?}: a {role} needs sites, as {group}={role}@site[,site]")),
            (_, false) => Ok(GroupRule { group: group.to_owned(), role, sites }),
        }
    }
}

/// What a person's groups give them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The most powerful role any of their groups gives.
    pub role: Role,
    /// The sites of every rule that gives that role, by key, sorted, once each.
    pub sites: Vec<String>,
}

/// The provider and how its people become Portico users.
#[derive(Debug, Clone)]
pub struct Config {
    /// The issuer, exactly as the provider's discovery document and ID tokens write it.
    pub issuer: String,
    /// Portico's client id at the provider.
    pub client_id: String,
    /// Portico's client secret at the provider.
    pub client_secret: ClientSecret,
    /// What the sign-in button calls the provider ("Sign in with …").
    pub display_name: String,
    /// The scopes asked for; `openid` always among them.
    pub scopes: Vec<String>,
    /// The claim that lists the person's groups.
    pub groups_claim: String,
    /// Which groups give which role on which sites.
    pub groups: Vec<GroupRule>,
    /// Only the provider signs people in: no password sign-in, no password changes.
    pub sso_only: bool,
    /// How often a session's access is asked again of the provider.
    pub recheck_every: Duration,
}

/// The scopes asked for when the operator names none: `offline_access` for a refresh token,
/// with which the provider is asked again whether the person still has access.
pub const DEFAULT_SCOPES: &str = "openid email profile offline_access";

/// How often a session is checked again when the operator does not say.
pub const DEFAULT_RECHECK: Duration = Duration::from_secs(5 * 60);

impl Config {
    /// The role and sites that `groups` give, or `None` when no rule names any of them.
    pub fn grant_for(&self, groups: &[String]) -> Option<Grant> {
        let matching: Vec<&GroupRule> =
            self.groups.iter().filter(|rule| groups.contains(&rule.group)).collect();
        let role = Role::ALL.into_iter().find(|role| matching.iter().any(|rule| rule.role == *role))?;
        let mut sites: Vec<String> =
            matching.iter().filter(|rule| rule.role == role).flat_map(|rule| rule.sites.clone()).collect();
        sites.sort();
        sites.dedup();
        Some(Grant { role, sites })
    }

    /// Every site key the mapping names, for the server to check against its sites.
    pub fn site_keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> =
            self.groups.iter().flat_map(|r| r.sites.iter().map(String::as_str)).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The first thing wrong with this configuration, as one line for the operator.
    pub fn problem(&self) -> Option<String> {
        let issuer = self.issuer.as_str();
        let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"].iter().any(|prefix| {
            issuer.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/']))
        });
        if !(issuer.starts_with("https://") || loopback) {
            return Some(format!(
                "--oidc-issuer {issuer:?} must be an https:// address (http:// only on this machine)"
            ));
        }
        if reqwest::Url::parse(issuer).is_err() || issuer.contains(['?', '#']) {
            return Some(format!("--oidc-issuer {issuer:?} is not an address without query or fragment"));
        }
        if self.client_id.trim().is_empty() {
            return Some("--oidc-issuer needs --oidc-client-id".to_owned());
        }
        if self.client_secret.expose().is_empty() {
            return Some(
                "--oidc-issuer needs the client secret in PORTICO_OIDC_CLIENT_SECRET or a file named by \
                 --oidc-client-secret-file"
                    .to_owned(),
            );
        }
        if !self.scopes.iter().any(|s| s == "openid") {
            return Some("--oidc-scopes must include openid".to_owned());
        }
        if self.groups_claim.trim().is_empty() {
            return Some("--oidc-groups-claim is empty".to_owned());
        }
        if self.groups.is_empty() {
            return Some(
                "--oidc-issuer needs at least one --oidc-group GROUP=ROLE[@site,site]: without one nobody \
                 could sign in"
                    .to_owned(),
            );
        }
        if self.recheck_every.is_zero() {
            return Some("--oidc-recheck-seconds must be at least 1".to_owned());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(rules: &[&str]) -> Config {
        Config {
            issuer: "https://id.example.org".into(),
            client_id: "portico".into(),
            client_secret: ClientSecret::new("s3cret\n"),
            display_name: "Example ID".into(),
            scopes: DEFAULT_SCOPES.split(' ').map(str::to_owned).collect(),
            groups_claim: "groups".into(),
            groups: rules.iter().map(|r| GroupRule::parse(r).expect("rule")).collect(),
            sso_only: false,
            recheck_every: DEFAULT_RECHECK,
        }
    }

    #[test]
    fn rules_read_role_and_sites_and_refuse_what_cannot_work() {
        let rule = GroupRule::parse("comms-sv=editor@sv, hn").expect("rule");
        assert_eq!(
            (rule.group.as_str(), rule.role, rule.sites),
            ("comms-sv", Role::Editor, vec!["sv".into(), "hn".into()])
        );
        let dn = GroupRule::parse("cn=web,ou=groups=admin").expect("an LDAP name");
        assert_eq!((dn.group.as_str(), dn.role), ("cn=web,ou=groups", Role::Admin));
        for bad in ["nothing", "=admin", "x=boss@sv", "x=editor", "x=admin@sv", "x=author@s v"] {
            assert!(GroupRule::parse(bad).is_err(), "{bad} is refused");
        }
    }

    #[test]
    fn the_most_powerful_role_wins_with_its_own_sites() {
        let config = config(&["t=translator@global", "sv=editor@sv", "hn=editor@hn,sv", "web=admin"]);
        let groups = |g: &[&str]| g.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            config.grant_for(&groups(&["t", "sv", "hn", "other"])),
            Some(Grant { role: Role::Editor, sites: vec!["hn".into(), "sv".into()] })
        );
        assert_eq!(config.grant_for(&groups(&["web", "t"])).map(|g| g.role), Some(Role::Admin));
        assert_eq!(config.grant_for(&groups(&["other"])), None);
        assert_eq!(config.site_keys(), vec!["global", "hn", "sv"]);
    }

    #[test]
    fn problems_are_named_and_the_secret_never_printed() {
        assert_eq!(config(&["web=admin"]).problem(), None);
        assert!(config(&[]).problem().expect("no rule").contains("--oidc-group"));
        let mut plain = config(&["web=admin"]);
        plain.issuer = "http://id.example.org".into();
        assert!(plain.problem().expect("http").contains("https://"));
        plain.issuer = "http://127.0.0.1:4000".into();
        assert_eq!(plain.problem(), None);
        assert!(!format!("{:?}", config(&["web=admin"])).contains("s3cret"));
    }
}
