use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

/// A person the account books for (itself or family; at most 5).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ApplicantRequest {
    /// 16 digits; must agree with `birth_date`.
    pub nik: String,
    /// As on the e-KTP.
    pub name: String,
    pub birth_date: NaiveDate,
    #[serde(default)]
    pub pregnant: bool,
    #[serde(default)]
    pub disability: bool,
    /// Married applicants under 17 may take 10-year validity.
    #[serde(default)]
    pub married: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ApplicantView {
    pub id: Uuid,
    /// e.g. `3275••••••••••01`; the full NIK never leaves the server after registration.
    pub nik_masked: String,
    pub name: String,
    pub birth_date: NaiveDate,
    pub age: u32,
    pub pregnant: bool,
    pub disability: bool,
    pub married: bool,
    /// Eligible for the priority lane today (60+, under 5, pregnant or disabled).
    pub priority_eligible: bool,
}
