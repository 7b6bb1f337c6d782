//! After the visit: a rating of the visit and, separately, an integrity report ("were you
//! asked to pay anything beyond the official fee?") that may be anonymous; per-office results
//! for staff and admins (an office's own staff never see who filed a report).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use antre_domain::feedback::FeedbackPeriod;

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct RateVisitRequest {
    /// 1 (bad) to 5 (good).
    #[schema(minimum = 1, maximum = 5)]
    #[ts(type = "number")]
    pub rating: i64,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub comment: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct IntegrityReportRequest {
    /// The visit (a checked-in booking of the account). With `anonymous`, the report keeps
    /// neither the booking nor the account: only the office and the day.
    pub booking_id: Uuid,
    /// Were you asked to pay anything beyond the official fee?
    pub asked_to_pay: bool,
    /// How much was asked (rupiah), if known.
    #[serde(default)]
    #[ts(optional, type = "number")]
    #[schema(minimum = 0)]
    pub amount: Option<i64>,
    /// Where: a counter, the car park, a broker outside.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub place: String,
    /// When it happened, if not at the appointment.
    #[serde(default)]
    #[ts(optional)]
    pub occurred_at: Option<DateTime<Utc>>,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub description: String,
    #[serde(default)]
    pub anonymous: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct IntegrityReportFiled {
    pub id: Uuid,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedbackQuery {
    /// First day (the office's local date of the visits).
    pub from: NaiveDate,
    /// Last day, at most 366 days after `from`.
    pub to: NaiveDate,
    /// Ratings per `week` (Monday to Sunday; the default) or per calendar `month`, both by
    /// the visit's day in the office's own time zone.
    #[serde(default)]
    #[param(inline)]
    pub period: FeedbackPeriod,
}

/// Ratings of one period (a week, Monday to Sunday, or a calendar month) at an office.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct RatingPeriod {
    /// The period's first day: the week's Monday or the month's 1st (office's local date);
    /// it may be before the range's `from`, though only visits in the range are counted.
    pub start: NaiveDate,
    pub count: u32,
    pub average: f64,
    /// How many gave 1, 2, 3, 4 and 5.
    pub counts: Vec<u32>,
    /// The period's comments (not blank), without who wrote them.
    pub comments: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct IntegrityReportView {
    pub id: Uuid,
    /// The day of the visit (office's local date).
    pub day: NaiveDate,
    pub asked_to_pay: bool,
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub amount: Option<i64>,
    pub place: String,
    #[serde(default)]
    #[ts(optional)]
    pub occurred_at: Option<DateTime<Utc>>,
    pub description: String,
    pub anonymous: bool,
    /// The account that filed it: only for admins (the integrity unit), only when not
    /// anonymous; an office's own staff never see it.
    #[serde(default)]
    #[ts(optional)]
    pub reporter: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct OfficeFeedback {
    pub office_id: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// How `ratings` are grouped.
    pub period: FeedbackPeriod,
    /// Per week or month (`period`), oldest first; periods without ratings are left out.
    pub ratings: Vec<RatingPeriod>,
    pub reports: Vec<IntegrityReportView>,
    /// Reports saying money beyond the official fee was asked.
    pub asked_to_pay: u32,
}
