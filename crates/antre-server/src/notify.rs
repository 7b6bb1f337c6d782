//! Delivery of one-time codes, each through its own channel: an email to the address, an SMS
//! to the mobile number. `CodeSender` is the seam for real gateways; the local default records
//! every message in the `outbox` table (what a developer, a test or an operator without a
//! gateway reads) and logs only that a message went out, never its recipient or its code.

use crate::store::{accounts, Db};
use chrono::{DateTime, Utc};
use std::future::Future;
use std::pin::Pin;
use uuid::Uuid;

/// What a code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Proves the email address.
    VerifyEmail,
    /// Proves the mobile number.
    VerifyPhone,
    /// Lets a forgotten password be replaced.
    ResetPassword,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::VerifyPhone => "verify_phone",
            Purpose::ResetPassword => "reset_password",
        }
    }
}

pub struct OutgoingMessage<'a> {
    pub account: Uuid,
    pub purpose: Purpose,
    pub recipient: &'a str,
    pub body: &'a str,
}

type Sending<'a> = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;

pub trait CodeSender: Send + Sync {
    fn email<'a>(
        &'a self,
        db: &'a Db,
        message: OutgoingMessage<'a>,
        now: DateTime<Utc>,
    ) -> Sending<'a>;
    fn sms<'a>(
        &'a self,
        db: &'a Db,
        message: OutgoingMessage<'a>,
        now: DateTime<Utc>,
    ) -> Sending<'a>;
}

/// The local default: the outbox table.
pub struct LocalOutbox;

impl LocalOutbox {
    fn record<'a>(
        db: &'a Db,
        channel: &'static str,
        m: OutgoingMessage<'a>,
        now: DateTime<Utc>,
    ) -> Sending<'a> {
        Box::pin(async move {
            accounts::push_outbox(
                db,
                m.account,
                channel,
                m.purpose.as_str(),
                m.recipient,
                m.body,
                now,
            )
            .await?;
            // What went out and why, not to whom or what it said.
            tracing::info!(target: "antre::outbox", channel, purpose = m.purpose.as_str(), "one-time code sent to the local outbox (`antre-server outbox` prints it)");
            Ok(())
        })
    }
}

impl CodeSender for LocalOutbox {
    fn email<'a>(&'a self, db: &'a Db, m: OutgoingMessage<'a>, now: DateTime<Utc>) -> Sending<'a> {
        Self::record(db, "email", m, now)
    }

    fn sms<'a>(&'a self, db: &'a Db, m: OutgoingMessage<'a>, now: DateTime<Utc>) -> Sending<'a> {
        Self::record(db, "sms", m, now)
    }
}
