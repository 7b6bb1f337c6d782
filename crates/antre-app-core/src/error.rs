//! The one error type the UI sees: `{code, message, field?}`, the same shape as the server's
//! `ErrorBody`. `code` is either an API error code (Fluent `error-<code>`) or one of the app's
//! own codes below (Fluent `app-error-<code>`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Codes the app itself produces (the server never sends these).
pub const APP_ERROR_CODES: &[&str] = &[
    "network",
    "not_signed_in",
    "storage",
    "keyring_unavailable",
    "no_cached_data",
    "start_at_login",
    "queued_offline",
    "offline_write",
    "sealed_key_missing",
    "sealed_unreadable",
    "sealed_no_keyring",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[ts(export, export_to = "app/")]
#[error("{code}: {message}")]
pub struct AppError {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// For `too_many_attempts`: whole minutes until attempts are allowed again. The server says
    /// it only inside its localized message; the app reads it from there so the UI can word the
    /// wait (and what to do meanwhile) in its own texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub minutes: Option<u32>,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            field: None,
            minutes: None,
        }
    }

    /// Names the request field at fault (as the server does for validation errors).
    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }

    pub fn network(message: impl Into<String>) -> Self {
        Self::new("network", message)
    }

    pub fn storage(message: impl std::fmt::Display) -> Self {
        Self::new("storage", message.to_string())
    }

    /// No answer from the server: the write (a booking, a cancel) is queued and sent later.
    pub fn queued_offline() -> Self {
        Self::new(
            "queued_offline",
            "no answer; queued, sent when the server answers",
        )
    }

    /// No answer from the server to a write that is not queued: nothing was done.
    pub fn offline_write() -> Self {
        Self::new(
            "offline_write",
            "no answer; not sent, try again when online",
        )
    }

    pub fn not_signed_in() -> Self {
        Self::new("not_signed_in", "sign in first")
    }

    /// No answer from the server (as opposed to an answer saying no).
    pub fn is_network(&self) -> bool {
        self.code == "network"
    }
}

impl From<antre_api::error::ErrorBody> for AppError {
    fn from(body: antre_api::error::ErrorBody) -> Self {
        let minutes = (body.code == "too_many_attempts")
            .then(|| minutes_in(&body.message))
            .flatten();
        Self {
            code: body.code,
            message: body.message,
            field: body.field,
            minutes,
        }
    }
}

/// The one number in a message (`error-too-many-attempts` names only `$minutes`).
fn minutes_in(message: &str) -> Option<u32> {
    message
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| !part.is_empty())
        .and_then(|digits| digits.parse().ok())
}

impl From<antre_domain::DomainError> for AppError {
    fn from(e: antre_domain::DomainError) -> Self {
        Self::new(e.code(), e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use antre_i18n::{Arg, Locale, Localizer};

    #[test]
    fn the_minutes_of_a_throttle_are_read_from_the_servers_message_in_either_language() {
        let l10n = Localizer::new();
        for locale in [Locale::Id, Locale::En] {
            let message = l10n.message(
                locale,
                "error-too-many-attempts",
                &[("minutes", Arg::from(14i64))],
            );
            let e = AppError::from(antre_api::error::ErrorBody {
                code: "too_many_attempts".into(),
                message,
                field: None,
            });
            assert_eq!(e.minutes, Some(14), "{locale:?}: {}", e.message);
        }
        let other = AppError::from(antre_api::error::ErrorBody {
            code: "rate_limited".into(),
            message: "wait 1 minute".into(),
            field: None,
        });
        assert_eq!(other.minutes, None);
    }
}
