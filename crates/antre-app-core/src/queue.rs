//! Writes made while the server cannot be reached. A booking and a cancellation are queued
//! (`outbox.json`, in the data folder beside the saved copy) with their idempotency key and sent
//! once the server answers again, in the order they were made; every other write is refused
//! with `offline_write` after the usual short retries (nothing is queued for it, and the user is
//! told so). Nothing is dropped silently: a queued write the server refuses later is kept in
//! `outbox-refused.json` with the server's error until the user has seen it.
//!
//! - a booking is resent with the key the UI chose when the form opened: the server books once;
//! - a cancellation carries a key of its own (one queued cancel per booking); the server's
//!   cancel is idempotent by the booking's state, so a repeat after a lost answer comes back as
//!   `booking_not_active`, and the app fetches the booking to tell "already cancelled" (done)
//!   from a refusal.
//!
//! The queue is sent by [`App::send_queued_writes`]: from the background loop, when the UI sees
//! the connection come back, and before the bookings are listed.

use crate::app::App;
use crate::backend::{Backend, Ctx};
use crate::error::AppError;
use crate::reminders::ReminderKind;
use crate::types::{QueuedWriteKind, QueuedWriteView, RefusedWrite, WriteQueueStatus};
use antre_api::bookings::{BookingView, CreateBookingRequest};
use antre_api::BookingStatus;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How often the background loop asks the server for the bookings' status (paid, cancelled
/// elsewhere, moved by the office), so the reminders follow it.
pub const BOOKINGS_REFRESH: Duration = Duration::minutes(15);

/// How fresh the bookings' status must be when a "pay now" reminder is about to be shown (the
/// background loop ticks every 30 s).
pub const PAY_NOW_CHECK: Duration = Duration::minutes(1);

/// A write waiting for the server's answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingWrite {
    pub idempotency_key: String,
    pub created_at: DateTime<Utc>,
    #[serde(flatten)]
    pub write: QueuedWrite,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum QueuedWrite {
    /// A booking (saved under `request`, as versions before the cancel was queued did).
    #[serde(rename = "request")]
    Booking(CreateBookingRequest),
    #[serde(rename = "cancel")]
    Cancel { booking_id: Uuid },
}

impl QueuedWrite {
    fn kind(&self) -> QueuedWriteKind {
        match self {
            QueuedWrite::Booking(_) => QueuedWriteKind::Booking,
            QueuedWrite::Cancel { .. } => QueuedWriteKind::Cancel,
        }
    }

    fn booking_id(&self) -> Option<Uuid> {
        match self {
            QueuedWrite::Booking(_) => None,
            QueuedWrite::Cancel { booking_id } => Some(*booking_id),
        }
    }
}

impl<B: Backend> App<B> {
    pub(crate) fn outbox(&self) -> Vec<PendingWrite> {
        self.outbox_file.load().unwrap_or_default()
    }

    fn refused(&self) -> Vec<RefusedWrite> {
        self.refused_file.load().unwrap_or_default()
    }

    /// Adds a write to the queue unless one with its key (or, for a cancel, of its booking) is
    /// there already. Call with `outbox_lock` held.
    pub(crate) fn enqueue(&self, write: QueuedWrite, key: Option<String>) -> Result<(), AppError> {
        let mut outbox = self.outbox();
        let already = outbox.iter().any(|p| match (&p.write, &write) {
            (QueuedWrite::Cancel { booking_id: a }, QueuedWrite::Cancel { booking_id: b }) => {
                a == b
            }
            _ => key.as_deref() == Some(p.idempotency_key.as_str()),
        });
        if !already {
            outbox.push(PendingWrite {
                idempotency_key: key.unwrap_or_else(|| Uuid::new_v4().to_string()),
                created_at: self.now(),
                write,
            });
            self.outbox_file.save(&outbox)?;
        }
        Ok(())
    }

    /// Takes a write out of the queue once the server answered (yes or no).
    pub(crate) fn settle<T>(
        &self,
        key: &str,
        result: &Result<T, AppError>,
    ) -> Result<(), AppError> {
        if matches!(result, Err(e) if e.is_network()) {
            return Ok(());
        }
        let outbox: Vec<_> = self
            .outbox()
            .into_iter()
            .filter(|p| p.idempotency_key != key)
            .collect();
        self.outbox_file.save(&outbox)
    }

    /// Cancels on the server (one attempt, or with the retries of [`App::retry`]). A repeat
    /// after a lost answer comes back as `booking_not_active`: the booking is fetched to tell a
    /// cancel that did happen from a refusal.
    pub(crate) async fn send_cancel(
        &self,
        ctx: &Ctx,
        id: Uuid,
        retry: bool,
    ) -> Result<BookingView, AppError> {
        let result = if retry {
            self.retry(|| self.backend.cancel(ctx, id)).await
        } else {
            let r = self.backend.cancel(ctx, id).await;
            self.note_reach(&r);
            r
        };
        match result {
            Err(e) if e.code == "booking_not_active" => match self.backend.booking(ctx, id).await {
                Ok(current) if current.status == BookingStatus::Cancelled => Ok(current),
                _ => Err(e),
            },
            other => other,
        }
    }

    /// Sends the queued writes in order, each once (the next send after a failure to connect
    /// uses the same key). Stops at the first that gets no answer. A refusal is kept to show.
    /// Not signed in (or the session was rejected): the queue waits for the same account.
    pub async fn send_queued_writes(&self) -> WriteQueueStatus {
        if let Ok(ctx) = self.authed() {
            let _guard = self.outbox_lock.lock().await;
            for pending in self.outbox() {
                let result = match &pending.write {
                    QueuedWrite::Booking(req) => {
                        let r = self
                            .backend
                            .create_booking(&ctx, req, &pending.idempotency_key)
                            .await;
                        self.note_reach(&r);
                        r
                    }
                    QueuedWrite::Cancel { booking_id } => {
                        self.send_cancel(&ctx, *booking_id, false).await
                    }
                };
                match result {
                    Err(e) if e.is_network() => break,
                    Err(e) if e.code == "unauthorized" => {
                        let _ = self.forget_rejected_session::<()>(Err(e));
                        break;
                    }
                    Ok(booking) => {
                        let _ = self.settle(&pending.idempotency_key, &Ok::<(), AppError>(()));
                        let _ = self.remember(&booking);
                    }
                    Err(error) => {
                        let mut refused = self.refused();
                        refused.push(RefusedWrite {
                            idempotency_key: pending.idempotency_key.clone(),
                            kind: pending.write.kind(),
                            booking_id: pending.write.booking_id(),
                            applicant_name: self.applicant_of(&pending.write),
                            error,
                            made_at: pending.created_at,
                            refused_at: self.now(),
                        });
                        // Kept before it leaves the queue: a crash in between shows it twice at
                        // worst, never not at all.
                        let _ = self.refused_file.save(&refused);
                        let _ = self.settle(&pending.idempotency_key, &Ok::<(), AppError>(()));
                    }
                }
            }
        }
        self.write_queue()
    }

    fn applicant_of(&self, write: &QueuedWrite) -> Option<String> {
        let id = write.booking_id()?;
        self.cached_booking(id).map(|b| b.applicant.name)
    }

    /// What waits to be sent, what the server refused, and whether it answered last time.
    pub fn write_queue(&self) -> WriteQueueStatus {
        WriteQueueStatus {
            online: *self.reach.lock().expect("reach"),
            queued: self
                .outbox()
                .into_iter()
                .map(|p| QueuedWriteView {
                    kind: p.write.kind(),
                    booking_id: p.write.booking_id(),
                    applicant_name: self.applicant_of(&p.write),
                    made_at: p.created_at,
                    idempotency_key: p.idempotency_key,
                })
                .collect(),
            refused: self.refused(),
        }
    }

    /// The user has seen a refusal: it is no longer shown.
    pub fn dismiss_refused_write(&self, key: &str) -> Result<WriteQueueStatus, AppError> {
        let refused: Vec<_> = self
            .refused()
            .into_iter()
            .filter(|r| r.idempotency_key != key)
            .collect();
        self.refused_file.save(&refused)?;
        Ok(self.write_queue())
    }

    /// One step of the background loop: sends the queued writes, and refreshes the bookings
    /// (their status re-plans the reminders: a paid booking gets no "pay now", a cancelled one
    /// none) every [`BOOKINGS_REFRESH`] while one is active, and within [`PAY_NOW_CHECK`] of a
    /// "pay now" being shown. Asks nothing when signed out.
    pub async fn background_sync(&self, now: DateTime<Utc>) {
        if self.authed().is_err() {
            return;
        }
        if !self.outbox().is_empty() {
            self.send_queued_writes().await;
        }
        if self.captures_waiting() {
            let _ = self.sync_captures().await;
        }
        let last = *self.last_refresh.lock().expect("last refresh");
        // A "pay now" about to be shown is checked first: the booking may have been paid since.
        let pay_now_due = self
            .due_reminders(now + PAY_NOW_CHECK)
            .iter()
            .any(|r| r.kind == ReminderKind::PaymentDeadline);
        let due = match last {
            None => true,
            Some(at) if pay_now_due => now - at >= PAY_NOW_CHECK,
            Some(at) => now - at >= BOOKINGS_REFRESH,
        };
        let cached: crate::app::CachedBookings = self.bookings_file.load().unwrap_or_default();
        let any_active = cached.bookings.iter().any(|b| b.status.is_active());
        if due && any_active {
            let _ = self.bookings().await;
        }
        // Issue 11: the server's notices (closures, the question after a visit), and the
        // language chosen, if the server has not taken it yet.
        self.poll_notifications(now).await;
        self.push_language().await;
    }
}
