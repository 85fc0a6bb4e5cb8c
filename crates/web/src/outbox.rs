//! Sending the email outbox over SMTP: the settings (`portico serve --smtp-…`) and the task
//! that takes due rows one lease at a time, hands each to the SMTP server, and records the
//! answer at once — accepted (never sent again), refused for now (tried again later, waiting
//! longer each time), or refused for good.
//!
//! At least once: a node that dies between the server's acceptance and the record sends that
//! one email again after its lease ends; nothing else is ever sent twice. The rate limit counts
//! what every node sent in the last minute. This module never renders an email nor decides who
//! gets one: it sends rows as they are.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use portico_store::{OUTBOX_BATCH, OutboxEmail, Store};
use time::OffsetDateTime;
use tokio::sync::{Notify, oneshot};

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text (a relay on this machine or in a private network).
    None,
    /// Plain text upgraded with STARTTLS, which is required (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl SmtpTls {
    /// Reads `none`, `starttls` or `tls`.
    pub fn parse(text: &str) -> Option<SmtpTls> {
        match text {
            "none" => Some(SmtpTls::None),
            "starttls" => Some(SmtpTls::StartTls),
            "tls" => Some(SmtpTls::Tls),
            _ => None,
        }
    }
}

/// Where and how news by email is sent.
#[derive(Clone)]
pub struct MailOptions {
    /// The SMTP server's host name.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// How the connection is secured.
    pub tls: SmtpTls,
    /// User name and password, when the server asks for them.
    pub credentials: Option<(String, String)>,
    /// The `From` address (`News <news@example.org>`).
    pub from: String,
    /// Emails sent per minute at most, by all nodes together.
    pub per_minute: i64,
    /// The wait after a first temporary refusal; it doubles with each further one.
    pub retry_after: Duration,
}

impl std::fmt::Debug for MailOptions {
    // Never print the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailOptions")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.credentials.as_ref().map(|(user, _)| user))
            .field("from", &self.from)
            .field("per_minute", &self.per_minute)
            .finish()
    }
}

/// Attempts before an email that keeps being refused for now is given up.
pub const MAX_ATTEMPTS: i64 = 12;
/// How long a node holds an email it is sending: far longer than an SMTP exchange takes.
const LEASE: time::Duration = time::Duration::minutes(2);
/// How often the outbox is looked at when nobody says it has something new.
const POLL: Duration = Duration::from_secs(1);
/// The longest wait between two attempts.
const LONGEST_WAIT: Duration = Duration::from_secs(6 * 3600);

/// `List-Unsubscribe` (RFC 2369).
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// Why an email could not be handed over.
#[derive(Debug, thiserror::Error)]
enum SendError {
    /// The row cannot become a message (an address that does not parse): never retried.
    #[error("{0}")]
    Unsendable(String),
    /// The SMTP exchange failed; `permanent` when the server refused for good.
    #[error("{message}")]
    Smtp { message: String, permanent: bool },
}

/// The running sender; dropping it stops the task.
pub struct Outbox {
    options: MailOptions,
    wake: Arc<Notify>,
    _stop: oneshot::Sender<()>,
}

impl Outbox {
    /// Checks the settings and starts sending from `store`'s outbox as `holder` (one name
    /// per process, as feed leases take).
    pub fn start(store: Store, options: MailOptions, holder: String) -> Result<Outbox, String> {
        options.from.parse::<Mailbox>().map_err(|e| format!("--smtp-from {:?}: {e}", options.from))?;
        let transport = transport(&options)?;
        let wake = Arc::new(Notify::new());
        let (stop, stopped) = oneshot::channel();
        let sender = Sender { store, options: options.clone(), transport, holder, wake: wake.clone() };
        tokio::spawn(sender.run(stopped));
        Ok(Outbox { options, wake, _stop: stop })
    }

    /// Says there is something new to send.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// The settings it sends with.
    pub fn options(&self) -> &MailOptions {
        &self.options
    }
}

fn transport(options: &MailOptions) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let parameters = || TlsParameters::new(options.host.clone()).map_err(|e| format!("--smtp-host: {e}"));
    let tls = match options.tls {
        SmtpTls::None => Tls::None,
        SmtpTls::StartTls => Tls::Required(parameters()?),
        SmtpTls::Tls => Tls::Wrapper(parameters()?),
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(options.host.clone())
        .port(options.port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(30)));
    if let Some((user, password)) = &options.credentials {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    Ok(builder.build())
}

/// Whether the [`Outbox`] was dropped.
fn stopping(stopped: &mut oneshot::Receiver<()>) -> bool {
    !matches!(stopped.try_recv(), Err(oneshot::error::TryRecvError::Empty))
}

struct Sender {
    store: Store,
    options: MailOptions,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    holder: String,
    wake: Arc<Notify>,
}

impl Sender {
    async fn run(self, mut stopped: oneshot::Receiver<()>) {
        loop {
            tokio::select! {
                _ = &mut stopped => break,
                () = self.wake.notified() => {}
                () = tokio::time::sleep(POLL) => {}
            }
            // Not cancelled on stop: an email the server accepted is recorded before we stop.
            if let Err(err) = self.send_due(&mut stopped).await {
                tracing::warn!(error = %err, "cannot read the email outbox");
            }
            if stopping(&mut stopped) {
                break;
            }
        }
        // Stopped: whatever this node still held is anyone's again at once, not after the lease.
        if let Err(err) = self.store.release_email_leases_of(&self.holder).await {
            tracing::warn!(error = %err, "cannot release the email outbox's leases");
        }
    }

    /// Sends what is due, within the rate limit.
    async fn send_due(&self, stopped: &mut oneshot::Receiver<()>) -> Result<(), portico_store::StoreError> {
        loop {
            let now = OffsetDateTime::now_utc();
            let sent = self.store.emails_sent_since(now - time::Duration::minutes(1)).await?;
            let budget = (self.options.per_minute - sent).min(OUTBOX_BATCH);
            if budget <= 0 {
                return Ok(());
            }
            let due = self.store.due_emails(now, budget).await?;
            if due.is_empty() {
                return Ok(());
            }
            for id in due {
                if stopping(stopped) {
                    return Ok(());
                }
                let now = OffsetDateTime::now_utc();
                let Some(email) = self.store.take_email_lease(id, &self.holder, now, now + LEASE).await?
                else {
                    continue;
                };
                self.send_one(&email).await?;
            }
        }
    }

    async fn send_one(&self, row: &OutboxEmail) -> Result<(), portico_store::StoreError> {
        match self.deliver(row).await {
            Ok(()) => {
                self.store.mark_email_sent(row.id).await?;
                tracing::info!(outbox.id = row.id, "email sent");
            }
            Err(err) => {
                let attempts = row.attempts + 1;
                let give_up = match &err {
                    SendError::Unsendable(_) => true,
                    SendError::Smtp { permanent, .. } => *permanent || attempts >= MAX_ATTEMPTS,
                };
                let retry_at = (!give_up).then(|| {
                    let wait = self
                        .options
                        .retry_after
                        .saturating_mul(1 << (attempts - 1).clamp(0, 20))
                        .min(LONGEST_WAIT);
                    OffsetDateTime::now_utc() + wait
                });
                tracing::warn!(outbox.id = row.id, attempts, gave_up = give_up, error = %err, "email not sent");
                self.store.mark_email_failed(row.id, &err.to_string(), retry_at).await?;
            }
        }
        Ok(())
    }

    async fn deliver(&self, row: &OutboxEmail) -> Result<(), SendError> {
        let email = &row.email;
        let unsendable = |e: &dyn std::fmt::Display| SendError::Unsendable(e.to_string());
        let from: Mailbox = self.options.from.parse().map_err(|e| unsendable(&e))?;
        let to: Mailbox = email.recipient.parse().map_err(|e| unsendable(&e))?;
        let mut builder = Message::builder()
            .from(from)
            .to(to)
            .subject(&email.subject)
            .message_id(Some(email.message_id.clone()));
        if !email.unsubscribe_url.is_empty() {
            builder = builder
                .header(ListUnsubscribe(format!("<{}>", email.unsubscribe_url)))
                .header(ListUnsubscribePost);
        }
        let message = builder
            .multipart(MultiPart::alternative_plain_html(email.text_body.clone(), email.html_body.clone()))
            .map_err(|e| unsendable(&e))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| SendError::Smtp { message: e.to_string(), permanent: e.is_permanent() })
    }
}
