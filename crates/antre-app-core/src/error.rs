//! The one error type the UI sees: `{code, message, field?}`, the same shape as the server's
//! `ErrorBody`. `code` is either an API error code (Fluent `error-<code>`) or one of the app's
//! own codes below (Fluent `app-error-<code>`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an app error code says about the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// No answer from the server (as opposed to an answer saying no).
    NoAnswer,
    /// A write made without an answer: queued to send later, or refused (nothing done).
    WriteWithoutAnswer,
    /// The app's own answer, made without asking the server: says nothing about it.
    Local,
}

/// Codes the app itself produces (the server never sends these), each with its message
/// `app-error-<code>` and what it says about the server. Written once: the UI's
/// `ui/src/generated/app/errorCodes.ts` is written from it (by `cargo test -p antre-app-core`).
pub const APP_ERROR_CODES: &[(&str, Reach)] = &[
    ("network", Reach::NoAnswer),
    ("not_signed_in", Reach::Local),
    ("storage", Reach::Local),
    ("keyring_unavailable", Reach::Local),
    ("no_cached_data", Reach::Local),
    ("start_at_login", Reach::Local),
    ("queued_offline", Reach::WriteWithoutAnswer),
    ("offline_write", Reach::WriteWithoutAnswer),
    ("sealed_key_missing", Reach::Local),
    ("sealed_unreadable", Reach::Local),
    ("sealed_no_keyring", Reach::Local),
    ("already_captured", Reach::Local),
];

/// The message id explaining an app error code: `no_cached_data` becomes
/// `app-error-no-cached-data`.
pub fn app_error_message_id(code: &str) -> String {
    format!("app-error-{}", code.replace('_', "-"))
}

/// `ui/src/generated/app/errorCodes.ts`: [`APP_ERROR_CODES`] for the UI.
pub fn error_codes_ts() -> String {
    use antre_api::codegen::ts_string;
    let kind = |r: Reach| match r {
        Reach::NoAnswer => "no_answer",
        Reach::WriteWithoutAnswer => "write_without_answer",
        Reach::Local => "local",
    };
    let mut out = String::from(
        "// Written by `cargo test -p antre-app-core` from antre_app_core::error::APP_ERROR_CODES. Do not edit.\n\n\
         /** What an app error code says about the server: no answer; a write made without an\n \
         * answer (queued or refused); or the app's own answer, made without asking it. */\n\
         export type Reach = \"no_answer\" | \"write_without_answer\" | \"local\";\n\n\
         /** The codes the app itself produces (the server never sends these); each has its\n \
         * message `app-error-<code>`. Every other code is the server's (`error-<code>`). */\n\
         export const APP_ERROR_CODES: Readonly<Record<string, Reach>> = {\n",
    );
    for (code, reach) in APP_ERROR_CODES {
        out.push_str(&format!("  {code}: {},\n", ts_string(kind(*reach))));
    }
    out.push_str("};\n");
    out
}

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
        APP_ERROR_CODES.contains(&(self.code.as_str(), Reach::NoAnswer))
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
    fn error_codes_ts_is_up_to_date() {
        use antre_api::codegen::{ensure_file_contents, generated_dir};
        ensure_file_contents(
            &generated_dir().join("app/errorCodes.ts"),
            &error_codes_ts(),
        )
        .unwrap();
    }

    /// Each app code has its message in both languages and is none of the server's codes;
    /// the constructors make codes of the table.
    #[test]
    fn app_codes_have_messages_and_are_not_the_servers() {
        let l10n = Localizer::new();
        for (code, _) in APP_ERROR_CODES {
            assert!(l10n.has(&app_error_message_id(code)), "{code}");
            assert!(!antre_i18n::ERROR_CODES.contains(code), "{code}");
        }
        for e in [
            AppError::network(""),
            AppError::storage(""),
            AppError::queued_offline(),
            AppError::offline_write(),
            AppError::not_signed_in(),
        ] {
            assert!(
                APP_ERROR_CODES.iter().any(|(c, _)| *c == e.code),
                "{}",
                e.code
            );
        }
        assert!(AppError::network("").is_network() && !AppError::offline_write().is_network());
    }

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
