//! Issue 11: the server's notices to the account (a closure or disruption affecting a
//! booking, an update to it, the question after a visit), polled by the background loop,
//! saved for the app's list and handed to the OS as notifications (through the notices of
//! [`crate::outcomes`], which are delivered once and never repeated). Also the one-tap
//! special reschedule, the public service status and the account's language on the server.
//!
//! Polling: every [`POLL_EVERY`] while signed in; when the server does not answer, the wait
//! doubles from [`POLL_EVERY`] up to [`MAX_BACKOFF`], each wait cut by a random share of up to
//! a half (jitter), so that devices cut off together do not come back together.

use crate::app::App;
use crate::backend::Backend;
use crate::error::AppError;
use crate::outcomes::{Notice, NoticeKind};
use antre_api::bookings::BookingView;
use antre_api::disruptions::{NotificationKind, NotificationView, ServiceStatus};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const POLL_EVERY: Duration = Duration::seconds(60);
pub const MAX_BACKOFF: Duration = Duration::minutes(15);
/// Notices kept on the device for the list (newest first).
pub const KEEP: usize = 50;
/// An OS notification of a notice is pointless after this long.
const NOTIFY_FOR: Duration = Duration::days(7);

/// The wait after `failures` polls in a row got no answer; `jitter` in [0, 1) takes up to half
/// of it away.
pub fn backoff(failures: u32, jitter: f64) -> Duration {
    let full = POLL_EVERY
        .checked_mul(1 << failures.min(10))
        .unwrap_or(MAX_BACKOFF)
        .min(MAX_BACKOFF);
    let cut = (full.num_milliseconds() as f64 * jitter.clamp(0.0, 1.0) / 2.0) as i64;
    full - Duration::milliseconds(cut)
}

/// The saved notices and the last id seen (`notifications.json`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Inbox {
    pub last_id: i64,
    pub items: Vec<NotificationView>,
}

/// When to poll next, and how many polls in a row got no answer (in memory).
#[derive(Debug, Clone, Copy, Default)]
pub struct PollState {
    pub next_at: Option<DateTime<Utc>>,
    pub failures: u32,
}

fn jitter() -> f64 {
    (Uuid::new_v4().as_u128() % 1000) as f64 / 1000.0
}

impl<B: Backend> App<B> {
    /// The notices seen so far, newest first (the saved copy: works offline).
    pub fn notifications(&self) -> Vec<NotificationView> {
        let inbox: Inbox = self.inbox_file.load().unwrap_or_default();
        inbox.items
    }

    /// One step of the background loop: asks for new notices when due. New ones join the list
    /// and become OS notifications; a closure or disruption also refreshes the bookings (their
    /// view carries the notice and the one tap). Returns how many were new.
    pub async fn poll_notifications(&self, now: DateTime<Utc>) -> usize {
        let Ok(ctx) = self.authed() else {
            return 0;
        };
        let state = *self.poll.lock().expect("poll");
        if state.next_at.is_some_and(|at| now < at) {
            return 0;
        }
        let mut inbox: Inbox = self.inbox_file.load().unwrap_or_default();
        let answer = self.backend.notifications(&ctx, inbox.last_id).await;
        let got = match answer {
            Ok(got) => {
                *self.poll.lock().expect("poll") = PollState {
                    next_at: Some(now + POLL_EVERY),
                    failures: 0,
                };
                got
            }
            Err(e) => {
                let failures = if e.is_network() {
                    state.failures + 1
                } else {
                    0
                };
                let wait = if e.is_network() {
                    backoff(failures, jitter())
                } else {
                    POLL_EVERY
                };
                *self.poll.lock().expect("poll") = PollState {
                    next_at: Some(now + wait),
                    failures,
                };
                return 0;
            }
        };
        let fresh: Vec<NotificationView> =
            got.into_iter().filter(|n| n.id > inbox.last_id).collect();
        if fresh.is_empty() {
            return 0;
        }
        let disrupted = fresh.iter().any(|n| {
            matches!(
                n.kind,
                NotificationKind::Disrupted | NotificationKind::DisruptionUpdated
            )
        });
        let notices: Vec<Notice> = fresh
            .iter()
            .filter(|n| !n.read)
            .map(|n| Notice {
                id: format!("server:{}", n.id),
                kind: NoticeKind::Server,
                title: n.title.clone(),
                body: n.body.clone(),
                expires_at: n.created_at + NOTIFY_FOR,
                delivered: false,
            })
            .collect();
        let count = fresh.len();
        inbox.last_id = fresh.iter().map(|n| n.id).max().unwrap_or(inbox.last_id);
        let mut items = fresh;
        items.reverse();
        items.extend(inbox.items);
        items.truncate(KEEP);
        inbox.items = items;
        let _ = self.inbox_file.save(&inbox);
        let _ = self.notices.lock().expect("notices").add(notices, now);
        if disrupted {
            let _ = self.bookings().await;
        }
        count
    }

    /// The one tap after a closure or disruption. Refused answers come back as they are (the
    /// booking stays); never queued offline (the place is the server's choice now).
    pub async fn special_reschedule(&self, id: Uuid) -> Result<BookingView, AppError> {
        let ctx = self.authed()?;
        let b = self
            .write_or_refuse(|| self.backend.special_reschedule(&ctx, id))
            .await?;
        self.remember(&b)?;
        Ok(b)
    }

    /// After check-in: rates the visit, then shows the booking as it is now (no longer
    /// offering the rating). Never queued offline.
    pub async fn rate_visit(
        &self,
        id: Uuid,
        req: antre_api::feedback::RateVisitRequest,
    ) -> Result<BookingView, AppError> {
        let ctx = self.authed()?;
        self.write_or_refuse(|| self.backend.rate_visit(&ctx, id, &req))
            .await?;
        self.booking(id).await
    }

    /// After check-in: the integrity report (anonymous if chosen), then the booking as it is now.
    pub async fn report_integrity(
        &self,
        req: antre_api::feedback::IntegrityReportRequest,
    ) -> Result<BookingView, AppError> {
        let ctx = self.authed()?;
        self.write_or_refuse(|| self.backend.report_integrity(&ctx, &req))
            .await?;
        self.booking(req.booking_id).await
    }

    /// The public status of every office (no account needed).
    pub async fn service_status(&self) -> Result<ServiceStatus, AppError> {
        let ctx = self.ctx();
        self.retry(|| self.backend.service_status(&ctx)).await
    }

    /// The user switched language: saved here, and told to the server (best effort; the
    /// background loop tries again while it has not gone through).
    pub async fn choose_locale(
        &self,
        locale: Option<crate::types::UiLocale>,
    ) -> Result<crate::types::AppInfo, AppError> {
        let info = self.set_locale(locale)?;
        self.push_language().await;
        Ok(info)
    }

    /// Tells the server the language the user chose, for SMS replies and notices; once per
    /// choice (the background loop tries again while it has not gone through).
    pub async fn push_language(&self) {
        let Ok(ctx) = self.authed() else {
            return;
        };
        let locale = self.locale();
        if *self.language_pushed.lock().expect("language") == Some(locale) {
            return;
        }
        if self.backend.set_language(&ctx, locale.tag()).await.is_ok() {
            *self.language_pushed.lock().expect("language") = Some(locale);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_the_cap_and_jitter_takes_at_most_half() {
        assert_eq!(backoff(0, 0.0), POLL_EVERY);
        assert_eq!(backoff(1, 0.0), POLL_EVERY * 2);
        assert_eq!(backoff(3, 0.0), POLL_EVERY * 8);
        assert_eq!(backoff(30, 0.0), MAX_BACKOFF);
        for failures in 0..12 {
            let full = backoff(failures, 0.0);
            let cut = backoff(failures, 0.999);
            assert!(cut <= full && cut * 2 >= full - Duration::milliseconds(2));
        }
    }
}
