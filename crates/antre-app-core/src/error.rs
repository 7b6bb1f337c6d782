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
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            field: None,
        }
    }

    pub fn network(message: impl Into<String>) -> Self {
        Self::new("network", message)
    }

    pub fn storage(message: impl std::fmt::Display) -> Self {
        Self::new("storage", message.to_string())
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
        Self {
            code: body.code,
            message: body.message,
            field: body.field,
        }
    }
}

impl From<antre_domain::DomainError> for AppError {
    fn from(e: antre_domain::DomainError) -> Self {
        Self::new(e.code(), e.to_string())
    }
}
