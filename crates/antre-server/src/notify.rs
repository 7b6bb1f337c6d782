//! Delivery of one-time codes. The `CodeSender` trait is the seam for an SMS or email gateway;
//! the local default records the message in the `outbox` table and the server log, which is
//! what a developer, a test or an operator without a gateway reads.

use crate::store::{accounts, Db};
use chrono::{DateTime, Utc};
use std::future::Future;
use std::pin::Pin;
use uuid::Uuid;

pub struct OutgoingMessage<'a> {
    pub account: Uuid,
    pub channel: &'static str,
    pub recipient: &'a str,
    pub body: &'a str,
}

pub trait CodeSender: Send + Sync {
    fn send<'a>(
        &'a self,
        db: &'a Db,
        message: OutgoingMessage<'a>,
        now: DateTime<Utc>,
    ) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;
}

/// Writes to the outbox table and logs the message (it holds a code, never a NIK).
pub struct LocalOutbox;

impl CodeSender for LocalOutbox {
    fn send<'a>(
        &'a self,
        db: &'a Db,
        m: OutgoingMessage<'a>,
        now: DateTime<Utc>,
    ) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>> {
        Box::pin(async move {
            accounts::push_outbox(db, m.account, m.channel, m.recipient, m.body, now).await?;
            tracing::info!(target: "antre::outbox", channel = m.channel, recipient = m.recipient, body = m.body, "verification code sent to local outbox");
            Ok(())
        })
    }
}
