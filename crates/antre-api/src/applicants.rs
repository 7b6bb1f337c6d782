use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;
use uuid::Uuid;

/// A person the account books for (itself or family; at most 5).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ApplicantRequest {
    /// 16 digits; spaces, dots and dashes between them are ignored (`3275 0115 0365 0001`).
    /// The first two name a province, and the birth date it encodes (day + 40 for women) must
    /// be `birth_date`. Other input is refused with a code saying why (`invalid_nik_*`).
    #[schema(pattern = r"^[ .-]*([0-9][ .-]*){16}$", example = "3275015705900001")]
    pub nik: String,
    /// As on the e-KTP: letters of the Latin script, spaces and `' . , -`; at most 100
    /// characters once runs of spaces are joined.
    #[schema(min_length = 1, max_length = 100, example = "Siti Aminah")]
    pub name: String,
    /// Not in the future.
    #[schema(example = "1990-05-17")]
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
