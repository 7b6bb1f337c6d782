use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct RegisterRequest {
    /// One `@`, a dotted domain after it, no spaces; at most 254 bytes. Surrounding spaces are
    /// ignored and letters are lower-cased.
    #[schema(max_length = 254, example = "ani@example.id")]
    pub email: String,
    /// An Indonesian mobile number: `08...`, `628...` or `+628...`, 9 to 12 digits after the
    /// country code; spaces, dashes and parentheses are ignored.
    #[schema(pattern = r"^[ ()-]*\+?[0-9 ()-]+$", example = "0812-3456-7890")]
    pub phone: String,
    /// At least 10 characters and at most 1024 bytes, of at least two kinds (lower case, upper
    /// case, digits, others).
    #[schema(min_length = 10, max_length = 1024, example = "Passpor2026!")]
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct RegisterResponse {
    pub account_id: Uuid,
    /// The one-time code went to the account's phone/email; call `verify` with it.
    pub verification_sent: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct VerifyRequest {
    #[schema(max_length = 254, example = "ani@example.id")]
    pub email: String,
    /// The 6-digit code sent on sign-up (surrounding spaces are ignored); valid 15 minutes,
    /// five tries.
    #[schema(example = "123456")]
    pub code: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct LoginRequest {
    #[schema(max_length = 254, example = "ani@example.id")]
    pub email: String,
    #[schema(example = "Passpor2026!")]
    pub password: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Applicant,
    /// Office staff: check-in, roster and no-show sweep at their own office.
    Staff,
    /// Operators: payment confirmation in the local setup, all offices.
    Admin,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct AccountView {
    pub id: Uuid,
    pub email: String,
    pub phone: String,
    pub role: Role,
    #[ts(optional)]
    pub office_id: Option<String>,
}

/// An opaque bearer token; the server keeps only its hash.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SessionResponse {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub account: AccountView,
}
