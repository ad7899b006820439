//! Outgoing mail. Messages are written to the outbox in the same transaction as what
//! they announce (a published protocol); a worker sends what is due over SMTP and
//! marks it sent only once the server has accepted it. A failure is kept with the
//! message and tried again later, waiting longer each time, so a restart or an SMTP
//! outage loses nothing. Each message is claimed before it is sent, so two servers of
//! one database do not both send it.

use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::{Mailbox, Message, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::store::{QueuedMail, Store};

/// How long a claimed message is left to its sender before another may try it.
const LEASE_SECONDS: i64 = 300;
/// How many messages one round sends at most.
const BATCH: i64 = 20;

/// How long to wait before attempt `attempts + 1`: half a minute, doubling, at most an
/// hour.
pub fn backoff(attempts: i64) -> chrono::Duration {
    let doublings = u32::try_from(attempts.clamp(0, 7)).unwrap_or(7);
    chrono::Duration::seconds((30_i64 << doublings).min(3600))
}

/// Where and how mail is sent.
#[derive(Debug, Clone)]
pub struct MailSettings {
    pub host: String,
    pub port: Option<u16>,
    /// `starttls`, `tls` or `none`.
    pub security: String,
    pub user: Option<String>,
    pub password: Option<String>,
    pub from: String,
}

/// An SMTP connection as configured.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(settings: &MailSettings) -> anyhow::Result<Mailer> {
        let builder = match settings.security.as_str() {
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)?
                .port(settings.port.unwrap_or(465)),
            "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
                .port(settings.port.unwrap_or(25)),
            _ => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)?
                .port(settings.port.unwrap_or(587)),
        };
        let builder = match (&settings.user, &settings.password) {
            (Some(user), Some(password)) => {
                builder.credentials(Credentials::new(user.clone(), password.clone()))
            }
            _ => builder,
        };
        Ok(Mailer {
            transport: builder.timeout(Some(Duration::from_secs(30))).build(),
            from: settings.from.parse()?,
        })
    }

    async fn send(&self, mail: &QueuedMail) -> anyhow::Result<()> {
        let mut message = Message::builder()
            .from(self.from.clone())
            .subject(&mail.subject)
            .header(ContentType::TEXT_PLAIN);
        // The members get it as blind copies: one message, no one's address shown to all.
        message = message.to(self.from.clone());
        for address in mail
            .recipients
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            message = message.bcc(address.parse()?);
        }
        let message = message.body(mail.body.clone())?;
        self.transport.send(message).await?;
        Ok(())
    }
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
}

/// Sends the messages due at `now`: each is claimed, sent, and marked sent, or its
/// failure is kept and its next attempt put off.
pub async fn deliver_due(
    store: &Store,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> anyhow::Result<Round> {
    let mut round = Round::default();
    for mail in store.due_mail(now, BATCH).await? {
        let lease = now + chrono::Duration::seconds(LEASE_SECONDS);
        if !store.claim_mail(mail.id, now, lease).await? {
            continue;
        }
        match mailer.send(&mail).await {
            Ok(()) => {
                store.mail_sent(mail.id, Utc::now()).await?;
                round.sent += 1;
            }
            Err(e) => {
                let next = now + backoff(mail.attempts);
                store.mail_failed(mail.id, &format!("{e:#}"), next).await?;
                tracing::warn!(mail = mail.id, attempts = mail.attempts + 1, error = %e, "mail not sent; will try again");
                round.failed += 1;
            }
        }
    }
    Ok(round)
}

/// Runs the outbox worker for as long as the server runs: a round every `every`.
pub fn spawn_worker(store: Store, mailer: Mailer, every: Duration) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match deliver_due(&store, &mailer, Utc::now()).await {
                Ok(round) if round.sent + round.failed > 0 => {
                    tracing::info!(sent = round.sent, failed = round.failed, "outbox round");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "outbox round failed"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(backoff(0).num_seconds(), 30);
        assert_eq!(backoff(1).num_seconds(), 60);
        assert_eq!(backoff(4).num_seconds(), 480);
        assert_eq!(backoff(7).num_seconds(), 3600);
        assert_eq!(backoff(50).num_seconds(), 3600);
        assert_eq!(backoff(-3).num_seconds(), 30);
    }
}
