//! The account beyond signing in: new codes (with when the next may be asked for), password
//! reset, the phone's verification, the list of signed-in devices, signing out one device or
//! all of them, deleting the account, and what happens when a session ends elsewhere.
//!
//! A session the server stops accepting (signed out from another device, a password reset, 30
//! days unused) or that reaches its 90-day limit is noted in `session-ended.json` (the email and
//! when, never the token): the sign-in page says what happened, and the saved bookings with
//! their QR codes stay readable until someone signs in. Signing out here, signing out
//! everywhere from here and deleting the account forget everything instead.

use crate::app::{App, CachedBookings};
use crate::backend::Backend;
use crate::error::AppError;
use crate::session::StoredSession;
use crate::types::{
    AccountDeletion, BookingsSnapshot, EndedSession, PasswordCheck, SessionEndReason,
};
use antre_api::accounts::{
    AccountView, CodeChannel, CodeSent, PasswordResetConfirm, PasswordResetRequest, ResendRequest,
    SessionView, VerifyRequest,
};
use antre_domain::person::{PasswordStrength, PASSWORD_MIN_CHARS, PASSWORD_MIN_KINDS};
use antre_i18n::{Arg, Locale, Localizer};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `session-ended.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct EndedRecord {
    pub account_id: Uuid,
    pub email: String,
    pub ended_at: DateTime<Utc>,
    pub reason: SessionEndReason,
}

/// The operating system as people call it.
pub fn os_name(os: &str) -> String {
    match os {
        "linux" => "Linux".into(),
        "windows" => "Windows".into(),
        "macos" => "macOS".into(),
        "android" => "Android".into(),
        "ios" => "iOS".into(),
        "freebsd" => "FreeBSD".into(),
        other => {
            let mut chars = other.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// The name this device gives itself in the account's list of devices ("Antre di Linux").
pub fn device_name(l10n: &Localizer, locale: Locale, os: &str) -> String {
    l10n.message(locale, "app-device-name", &[("os", Arg::from(os_name(os)))])
}

/// The password as typed, measured by the server's own rules.
pub fn check_password(password: &str) -> PasswordCheck {
    let s = PasswordStrength::of(password);
    PasswordCheck {
        chars: s.chars.min(u32::MAX as usize) as u32,
        min_chars: PASSWORD_MIN_CHARS as u32,
        long_enough: s.long_enough(),
        kinds: s.kinds() as u32,
        min_kinds: PASSWORD_MIN_KINDS as u32,
        enough_kinds: s.kinds() >= PASSWORD_MIN_KINDS,
        acceptable: s.acceptable(),
    }
}

impl<B: Backend> App<B> {
    // ---- codes and the password -------------------------------------------------------------

    /// A new verification code for the email or the phone (the previous one stops working).
    /// The answer says when the next may be asked for.
    pub async fn resend_code(&self, req: ResendRequest) -> Result<CodeSent, AppError> {
        let ctx = self.ctx();
        self.retry(|| self.backend.resend_code(&ctx, &req)).await
    }

    /// Forgot the password: a code to the account's email, or to its phone once verified.
    pub async fn forgot_password(&self, req: PasswordResetRequest) -> Result<CodeSent, AppError> {
        let ctx = self.ctx();
        self.retry(|| self.backend.request_password_reset(&ctx, &req))
            .await
    }

    /// Sets the new password with the code. The server ends every session of the account; a
    /// session of that account on this device has ended with them (its saved copy stays
    /// readable, and is kept when the account signs in again).
    pub async fn reset_password(&self, req: PasswordResetConfirm) -> Result<(), AppError> {
        let ctx = self.ctx();
        self.backend.confirm_password_reset(&ctx, &req).await?;
        if let Some(s) = self.current_session() {
            if s.account.email.eq_ignore_ascii_case(req.email.trim()) {
                self.note_ended(&s, SessionEndReason::Rejected);
                self.vault.clear();
            }
        }
        Ok(())
    }

    pub fn check_password(&self, password: &str) -> PasswordCheck {
        check_password(password)
    }

    // ---- the account --------------------------------------------------------------------------

    /// The account as the server has it now (which channels are verified); the saved session
    /// learns it too.
    pub async fn account(&self) -> Result<AccountView, AppError> {
        let ctx = self.authed()?;
        let account = self.retry(|| self.backend.me(&ctx)).await?;
        self.update_session(|s| s.account = account.clone());
        Ok(account)
    }

    /// An SMS code for the account's phone.
    pub async fn send_phone_code(&self) -> Result<CodeSent, AppError> {
        let email = self.signed_in_email()?;
        self.resend_code(ResendRequest {
            email,
            channel: CodeChannel::Phone,
        })
        .await
    }

    /// Verifies the account's phone with the code sent to it by SMS.
    pub async fn verify_phone(&self, code: String) -> Result<AccountView, AppError> {
        let email = self.signed_in_email()?;
        let ctx = self.ctx();
        let req = VerifyRequest {
            email,
            code,
            channel: Some(CodeChannel::Phone),
        };
        self.backend.verify(&ctx, &req).await?;
        self.account().await
    }

    fn signed_in_email(&self) -> Result<String, AppError> {
        self.current_session()
            .map(|s| s.account.email)
            .ok_or_else(AppError::not_signed_in)
    }

    fn update_session(&self, f: impl FnOnce(&mut StoredSession)) {
        if let Some(mut s) = self.current_session() {
            f(&mut s);
            self.vault.save(&s);
        }
    }

    // ---- devices ------------------------------------------------------------------------------

    /// The account's signed-in devices, most recently used first, this one marked. What the
    /// server says of this session's expiry is saved (sessions slide with use).
    pub async fn sessions(&self) -> Result<Vec<SessionView>, AppError> {
        let ctx = self.authed()?;
        let list = self.retry(|| self.backend.sessions(&ctx)).await?;
        if let Some(current) = list.iter().find(|s| s.current) {
            self.update_session(|s| {
                s.expires_at = current.expires_at;
                s.absolute_expires_at = Some(current.absolute_expires_at);
            });
        }
        Ok(list)
    }

    /// Signs another device out; returns the list as it is now. A device already gone (a retry
    /// after a lost answer, or signed out meanwhile) is what was asked for.
    pub async fn end_session(&self, id: &str) -> Result<Vec<SessionView>, AppError> {
        let ctx = self.authed()?;
        match self.retry(|| self.backend.end_session(&ctx, id)).await {
            Ok(()) => {}
            Err(e) if e.code == "not_found" => {}
            Err(e) => return Err(e),
        }
        self.sessions().await
    }

    /// Signs out on every device, this one too, and forgets the account here. Nothing is
    /// forgotten unless the server has done it: the user must not believe a lost phone is
    /// signed out when it is not.
    pub async fn sign_out_everywhere(&self) -> Result<(), AppError> {
        let ctx = self.authed()?;
        let mut lost_answer = false;
        let mut delays = self.config.retry_delays_ms.iter();
        loop {
            match self.backend.sign_out_everywhere(&ctx).await {
                Ok(()) => break,
                Err(e) if e.is_network() => match delays.next() {
                    Some(ms) => {
                        lost_answer = true;
                        tokio::time::sleep(std::time::Duration::from_millis(*ms)).await
                    }
                    None => return Err(e),
                },
                // The first request did it; its answer was lost.
                Err(e) if e.code == "unauthorized" && lost_answer => break,
                Err(e) => return self.forget_rejected_session(Err(e)),
            }
        }
        self.vault.clear();
        self.forget_personal_data();
        Ok(())
    }

    // ---- deleting the account -----------------------------------------------------------------

    /// Deletes the account (UU PDP). Refused while a booking is active: the answer then lists
    /// those bookings (from the server, else the saved copy) so the user can open them.
    pub async fn delete_account(&self) -> Result<AccountDeletion, AppError> {
        let ctx = self.authed()?;
        let mut lost_answer = false;
        let mut delays = self.config.retry_delays_ms.iter();
        let result = loop {
            match self.backend.delete_account(&ctx).await {
                Err(e) if e.is_network() => match delays.next() {
                    Some(ms) => {
                        lost_answer = true;
                        tokio::time::sleep(std::time::Duration::from_millis(*ms)).await
                    }
                    None => break Err(e),
                },
                // Deleting ends every session: a retry after a lost answer finds this one gone.
                Err(e) if e.code == "unauthorized" && lost_answer => break Ok(()),
                other => break other,
            }
        };
        match result {
            Ok(()) => {
                self.vault.clear();
                self.forget_personal_data();
                Ok(AccountDeletion {
                    deleted: true,
                    active_bookings: Vec::new(),
                })
            }
            Err(e) if e.code == "account_has_active_booking" => {
                let bookings = match self.retry(|| self.backend.bookings(&ctx)).await {
                    Ok(list) => list,
                    Err(_) => self.saved_copy().bookings,
                };
                Ok(AccountDeletion {
                    deleted: false,
                    active_bookings: bookings
                        .into_iter()
                        .filter(|b| b.status.is_active())
                        .collect(),
                })
            }
            Err(e) => self.forget_rejected_session(Err(e)),
        }
    }

    // ---- a session that ended elsewhere -------------------------------------------------------

    pub(crate) fn ended_record(&self) -> Option<EndedRecord> {
        self.ended_file.load()
    }

    fn saved_copy(&self) -> CachedBookings {
        self.bookings_file.load().unwrap_or_default()
    }

    /// The session that ended on this device without signing out, if no one has signed in
    /// since.
    pub fn ended_session(&self) -> Option<EndedSession> {
        if self.current_session().is_some() {
            return None;
        }
        let record = self.ended_record()?;
        let now = self.now();
        let upcoming = self
            .saved_copy()
            .bookings
            .iter()
            .filter(|b| b.status.is_active() && b.ends_at > now)
            .count();
        Some(EndedSession {
            email: record.email,
            ended_at: record.ended_at,
            reason: record.reason,
            upcoming_saved: upcoming as u32,
        })
    }

    /// The saved copy of the bookings, without asking the server: readable while signed in and
    /// after a session ended elsewhere (not after signing out here).
    pub fn saved_bookings(&self) -> Result<BookingsSnapshot, AppError> {
        if self.current_session().is_none() && self.ended_record().is_none() {
            return Err(AppError::not_signed_in());
        }
        let cached = self.saved_copy();
        Ok(BookingsSnapshot {
            bookings: cached.bookings,
            fetched_at: cached.fetched_at,
            offline: true,
            pending: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_device_names_itself_in_the_users_language() {
        let l10n = Localizer::new();
        assert_eq!(device_name(&l10n, Locale::Id, "linux"), "Antre di Linux");
        assert_eq!(device_name(&l10n, Locale::En, "macos"), "Antre on macOS");
        assert_eq!(
            device_name(&l10n, Locale::Id, "android"),
            "Antre di Android"
        );
        assert_eq!(os_name("haiku"), "Haiku");
    }

    #[test]
    fn the_password_checklist_follows_the_servers_rule() {
        let short = check_password("Pas5");
        assert!(!short.long_enough && short.enough_kinds && !short.acceptable);
        assert_eq!((short.chars, short.min_chars, short.kinds), (4, 10, 3));
        let one_kind = check_password("passporbaru");
        assert!(one_kind.long_enough && !one_kind.enough_kinds && !one_kind.acceptable);
        for p in ["Passpor2026!", "passpor 2026", "PASSPORBARU9"] {
            assert_eq!(
                check_password(p).acceptable,
                antre_domain::person::check_password_strength(p).is_ok(),
                "{p}"
            );
        }
        assert!(check_password("Passpor-Baru-2026").acceptable);
    }
}
