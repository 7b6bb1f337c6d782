//! A booking's life: pending payment -> confirmed -> checked in, or cancelled / lapsed / no-show.
//! These functions are the rules; the database applies them as conditional updates so that two
//! racing requests can never both succeed.

use crate::error::DomainError;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// An unpaid booking holds its place for this long, then lapses and frees it.
pub const PAYMENT_WINDOW: Duration = Duration::hours(2);
/// M-Paspor allows one reschedule per booking.
pub const MAX_RESCHEDULES: u32 = 1;

#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    PendingPayment,
    Confirmed,
    CheckedIn,
    Cancelled,
    Lapsed,
    NoShow,
}

impl BookingStatus {
    pub const ALL: [BookingStatus; 6] = [
        BookingStatus::PendingPayment,
        BookingStatus::Confirmed,
        BookingStatus::CheckedIn,
        BookingStatus::Cancelled,
        BookingStatus::Lapsed,
        BookingStatus::NoShow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BookingStatus::PendingPayment => "pending_payment",
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::CheckedIn => "checked_in",
            BookingStatus::Cancelled => "cancelled",
            BookingStatus::Lapsed => "lapsed",
            BookingStatus::NoShow => "no_show",
        }
    }

    /// Active bookings hold a place and count for "one active booking per NIK".
    pub fn is_active(self) -> bool {
        matches!(
            self,
            BookingStatus::PendingPayment | BookingStatus::Confirmed
        )
    }
}

impl FromStr for BookingStatus {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        BookingStatus::ALL
            .into_iter()
            .find(|b| b.as_str() == s)
            .ok_or(())
    }
}

pub fn payment_deadline(created: DateTime<Utc>) -> DateTime<Utc> {
    created + PAYMENT_WINDOW
}

/// Cancel is allowed any time before the appointment starts.
pub fn check_cancel(
    status: BookingStatus,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if !status.is_active() {
        return Err(DomainError::BookingNotActive);
    }
    if now >= starts_at {
        return Err(DomainError::CancelTooLate);
    }
    Ok(())
}

/// Attendance is reconfirmed while the booking is active, where the office asks for it
/// (`confirm_by` is then set), until that deadline; confirming twice is harmless.
pub fn check_confirm_attendance(
    status: BookingStatus,
    confirm_by: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if !status.is_active() {
        return Err(DomainError::BookingNotActive);
    }
    match confirm_by {
        None => Err(DomainError::AttendanceNotAsked),
        Some(deadline) if now >= deadline => Err(DomainError::AttendanceTooLate),
        Some(_) => Ok(()),
    }
}

/// Which reschedule a booking may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reschedule {
    /// The one ordinary reschedule, until the day before (H-1).
    Ordinary,
    /// The office closed on the appointment day (system outage, force majeure): moving is
    /// allowed whatever was used, until the day itself, and does not use up the ordinary one.
    AfterClosure,
}

/// Reschedule once, no later than the day before (H-1), judged by the office's local calendar;
/// a booking whose day the office closed may always be moved (the "special reschedule").
pub fn check_reschedule(
    status: BookingStatus,
    reschedules_done: u32,
    appointment_day: NaiveDate,
    today_at_office: NaiveDate,
    office_closed_that_day: bool,
) -> Result<Reschedule, DomainError> {
    if !status.is_active() {
        return Err(DomainError::BookingNotActive);
    }
    if office_closed_that_day {
        return if today_at_office <= appointment_day {
            Ok(Reschedule::AfterClosure)
        } else {
            Err(DomainError::RescheduleTooLate)
        };
    }
    if reschedules_done >= MAX_RESCHEDULES {
        return Err(DomainError::RescheduleLimit);
    }
    if today_at_office >= appointment_day {
        return Err(DomainError::RescheduleTooLate);
    }
    Ok(Reschedule::Ordinary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn attendance_is_reconfirmed_only_where_asked_and_in_time() {
        let deadline = d(2026, 12, 1).and_hms_opt(12, 0, 0).unwrap().and_utc();
        let before = deadline - Duration::minutes(1);
        let check = check_confirm_attendance;
        assert_eq!(
            check(BookingStatus::Confirmed, Some(deadline), before),
            Ok(())
        );
        assert_eq!(
            check(BookingStatus::Confirmed, Some(deadline), deadline),
            Err(DomainError::AttendanceTooLate)
        );
        assert_eq!(
            check(BookingStatus::Confirmed, None, before),
            Err(DomainError::AttendanceNotAsked)
        );
        assert_eq!(
            check(BookingStatus::Cancelled, Some(deadline), before),
            Err(DomainError::BookingNotActive)
        );
    }

    #[test]
    fn reschedule_rules() {
        let day = d(2026, 12, 2);
        let check = check_reschedule;
        assert_eq!(
            check(BookingStatus::Confirmed, 0, day, d(2026, 12, 1), false),
            Ok(Reschedule::Ordinary)
        );
        assert_eq!(
            check(BookingStatus::Confirmed, 0, day, day, false),
            Err(DomainError::RescheduleTooLate)
        );
        assert_eq!(
            check(BookingStatus::PendingPayment, 1, day, d(2026, 11, 1), false),
            Err(DomainError::RescheduleLimit)
        );
        assert_eq!(
            check(BookingStatus::Lapsed, 0, day, d(2026, 11, 1), false),
            Err(DomainError::BookingNotActive)
        );
        // After the office closed on the day: once more, even on the day itself, not after.
        assert_eq!(
            check(BookingStatus::Confirmed, 1, day, day, true),
            Ok(Reschedule::AfterClosure)
        );
        assert_eq!(
            check(BookingStatus::Confirmed, 1, day, d(2026, 12, 3), true),
            Err(DomainError::RescheduleTooLate)
        );
        assert_eq!(
            check(BookingStatus::Cancelled, 0, day, d(2026, 12, 1), true),
            Err(DomainError::BookingNotActive)
        );
    }

    #[test]
    fn cancel_rules_and_status_names() {
        let start = DateTime::parse_from_rfc3339("2026-12-02T01:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert!(check_cancel(
            BookingStatus::Confirmed,
            start,
            start - Duration::minutes(1)
        )
        .is_ok());
        assert_eq!(
            check_cancel(BookingStatus::Confirmed, start, start),
            Err(DomainError::CancelTooLate)
        );
        for s in BookingStatus::ALL {
            assert_eq!(s.as_str().parse::<BookingStatus>(), Ok(s));
        }
        assert_eq!(payment_deadline(start) - start, Duration::hours(2));
    }
}
