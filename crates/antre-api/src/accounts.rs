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
    /// A code went to the email and another, by SMS, to the phone; `verify` takes each.
    pub verification_sent: bool,
    /// A new code can be asked for after this many seconds.
    pub resend_after_seconds: u32,
}

/// Where a one-time code goes: the email address, or the mobile number by SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CodeChannel {
    Email,
    Phone,
}

/// Ask for a new code on a channel (the previous one stops working).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ResendRequest {
    #[schema(max_length = 254, example = "ani@example.id")]
    pub email: String,
    pub channel: CodeChannel,
}

/// The answer whenever a code may have been sent (the same whether or not the account exists).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct CodeSent {
    /// A new code can be asked for after this many seconds.
    pub resend_after_seconds: u32,
    /// How long a code stays valid, in minutes.
    pub valid_minutes: u32,
}

/// Forgot the password: a code to a verified channel of the account.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct PasswordResetRequest {
    #[schema(max_length = 254, example = "ani@example.id")]
    pub email: String,
    pub channel: CodeChannel,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct PasswordResetConfirm {
    #[schema(max_length = 254, example = "ani@example.id")]
    pub email: String,
    /// The 6-digit code sent for the reset.
    #[schema(example = "123456")]
    pub code: String,
    /// At least 10 characters and at most 1024 bytes, of at least two kinds.
    #[schema(min_length = 10, max_length = 1024, example = "Passpor-Baru-2026")]
    pub new_password: String,
}

/// A signed-in device.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SessionView {
    pub id: String,
    /// The name the device gave when signing in (e.g. "Antre di Android").
    #[ts(optional)]
    pub device: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    /// Ends unless used before then (each use moves it, up to `absolute_expires_at`).
    pub expires_at: DateTime<Utc>,
    pub absolute_expires_at: DateTime<Utc>,
    /// The session making this request.
    pub current: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct VerifyRequest {
    #[schema(max_length = 254, example = "ani@example.id")]
    pub email: String,
    /// A 6-digit code (surrounding spaces are ignored); valid 15 minutes, five tries, then ask
    /// for a new one.
    #[schema(example = "123456")]
    pub code: String,
    /// Which channel's code this is; by default the email's.
    #[serde(default)]
    #[ts(optional)]
    pub channel: Option<CodeChannel>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct LoginRequest {
    #[schema(max_length = 254, example = "ani@example.id")]
    pub email: String,
    #[schema(example = "Passpor2026!")]
    pub password: String,
    /// A name for this device in the account's list of sessions (at most 100 characters).
    #[serde(default)]
    #[ts(optional)]
    #[schema(max_length = 100, example = "Antre di Android")]
    pub device: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Applicant,
    /// Office staff: check-in, roster and no-show sweep at their own office.
    Staff,
    /// The head of an office: what staff do, and reading the office's audit trail.
    Head,
    /// Outreach officers of an office: create drives and register their members (not the
    /// desk's other work).
    Outreach,
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
    /// The email is proven (the account may sign in).
    #[serde(default)]
    pub email_verified: bool,
    #[serde(default)]
    pub phone_verified: bool,
    /// The language SMS replies and notices are written in (`id` or `en`), set with
    /// `PUT /v1/me/language`.
    #[serde(default = "default_language")]
    pub language: String,
}

fn default_language() -> String {
    "id".into()
}

/// The language an account's messages are written in.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct LanguageRequest {
    /// `id` (Indonesian) or `en` (English).
    #[schema(pattern = "^(id|en)$")]
    pub language: String,
}

/// An opaque bearer token; the server keeps only its hash.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SessionResponse {
    pub token: String,
    /// Ends unless used before then; each use moves it, up to `absolute_expires_at`.
    pub expires_at: DateTime<Utc>,
    #[serde(default = "far_future")]
    pub absolute_expires_at: DateTime<Utc>,
    pub account: AccountView,
}

fn far_future() -> DateTime<Utc> {
    DateTime::<Utc>::MAX_UTC
}
