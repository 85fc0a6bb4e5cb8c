//! `portico serve`'s flags for news by email: the SMTP server, its security and credentials,
//! the sender, and the rate (see `portico_web::outbox`). Without `--smtp-host` nothing is
//! sent and the subscribe form says subscriptions are unavailable.

use anyhow::bail;
use clap::Args;
use portico_web::outbox::{MailOptions, SmtpTls};

/// The SMTP server news by email goes through.
#[derive(Args, Clone, Default)]
pub struct SmtpArgs {
    /// The SMTP server's host name; without it, news by email is unavailable.
    #[arg(long, env = "PORTICO_SMTP_HOST")]
    pub smtp_host: Option<String>,
    /// Its port; by default 25 with --smtp-tls none, 587 with starttls, 465 with tls.
    #[arg(long, env = "PORTICO_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    /// How the connection is secured: "starttls" (required STARTTLS), "tls" (TLS from the
    /// first byte) or "none" (a relay on this machine or a private network).
    #[arg(long, env = "PORTICO_SMTP_TLS", default_value = "starttls", value_parser = ["none", "starttls", "tls"])]
    pub smtp_tls: String,
    /// The user name, when the server asks to sign in.
    #[arg(long, env = "PORTICO_SMTP_USER")]
    pub smtp_user: Option<String>,
    /// The password; prefer the environment variable. Never logged.
    #[arg(long, env = "PORTICO_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// The sender of every email, such as "IOM News <news@example.org>".
    #[arg(long, env = "PORTICO_SMTP_FROM")]
    pub smtp_from: Option<String>,
    /// Emails sent per minute at most, by all nodes together.
    #[arg(long, env = "PORTICO_SMTP_PER_MINUTE", default_value_t = 120)]
    pub smtp_per_minute: u32,
    /// Seconds to wait after a first temporary refusal; the wait doubles with each further one.
    #[arg(long, env = "PORTICO_SMTP_RETRY_SECONDS", default_value_t = 60)]
    pub smtp_retry_seconds: u64,
}

impl std::fmt::Debug for SmtpArgs {
    // Never print the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpArgs")
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_tls", &self.smtp_tls)
            .field("smtp_user", &self.smtp_user)
            .finish_non_exhaustive()
    }
}

impl SmtpArgs {
    /// The web side's options, `None` without a host, or what is wrong with a flag.
    pub fn options(&self) -> anyhow::Result<Option<MailOptions>> {
        let Some(host) = self.smtp_host.as_deref().map(str::trim).filter(|h| !h.is_empty()) else {
            return Ok(None);
        };
        let Some(tls) = SmtpTls::parse(self.smtp_tls.trim()) else {
            bail!("--smtp-tls must be none, starttls or tls");
        };
        let port = self.smtp_port.unwrap_or(match tls {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        });
        let credentials = match (&self.smtp_user, &self.smtp_password) {
            (Some(user), Some(password)) => Some((user.clone(), password.clone())),
            (None, None) => None,
            _ => bail!("--smtp-user and --smtp-password go together"),
        };
        let Some(from) = self.smtp_from.as_deref().map(str::trim).filter(|f| !f.is_empty()) else {
            bail!("--smtp-host needs --smtp-from, the sender of the emails");
        };
        if self.smtp_per_minute == 0 {
            bail!("--smtp-per-minute must be at least 1");
        }
        Ok(Some(MailOptions {
            host: host.to_owned(),
            port,
            tls,
            credentials,
            from: from.to_owned(),
            per_minute: i64::from(self.smtp_per_minute),
            retry_after: std::time::Duration::from_secs(self.smtp_retry_seconds.max(1)),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(host: Option<&str>) -> SmtpArgs {
        SmtpArgs {
            smtp_host: host.map(str::to_owned),
            smtp_tls: "starttls".into(),
            smtp_from: Some("News <news@example.org>".into()),
            smtp_per_minute: 120,
            smtp_retry_seconds: 60,
            ..SmtpArgs::default()
        }
    }

    #[test]
    fn no_host_means_no_email_and_the_port_follows_the_tls_mode() {
        assert!(args(None).options().expect("valid").is_none());
        let options = args(Some("smtp.example.org")).options().expect("valid").expect("mail");
        assert_eq!((options.port, options.tls), (587, SmtpTls::StartTls));
        let tls = SmtpArgs { smtp_tls: "tls".into(), ..args(Some("smtp.example.org")) };
        assert_eq!(tls.options().expect("valid").expect("mail").port, 465);
        let plain = SmtpArgs { smtp_tls: "none".into(), smtp_port: Some(2525), ..args(Some("relay")) };
        assert_eq!(plain.options().expect("valid").expect("mail").port, 2525);
    }

    #[test]
    fn incomplete_settings_are_refused_and_the_password_is_never_printed() {
        let no_from = SmtpArgs { smtp_from: None, ..args(Some("smtp.example.org")) };
        assert!(no_from.options().is_err());
        let half = SmtpArgs { smtp_user: Some("news".into()), ..args(Some("smtp.example.org")) };
        assert!(half.options().is_err());
        let silent = SmtpArgs { smtp_per_minute: 0, ..args(Some("smtp.example.org")) };
        assert!(silent.options().is_err());
        let secret = SmtpArgs {
            smtp_user: Some("news".into()),
            smtp_password: Some("hunter2-secret".into()),
            ..args(Some("smtp.example.org"))
        };
        let options = secret.options().expect("valid").expect("mail");
        assert!(!format!("{secret:?}").contains("hunter2"));
        assert!(!format!("{options:?}").contains("hunter2"));
    }
}
