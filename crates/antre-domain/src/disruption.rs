//! Disruptions: a closure or a disruption of service declared for one office, a province or
//! the whole country, from an instant to an expected end that may not be known. While one is
//! in force at an office, no new place there is given (its slots in the range are closed);
//! the bookings it strands keep their places and may take the special reschedule.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How badly service is hit. Both stop new bookings; the public status tells them apart.
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisruptionKind {
    /// No service at all.
    Closure,
    /// Service limited (the central system slow, part of the counters out).
    Disruption,
}

/// Why: shown to applicants in their language (`disruption-reason-<reason>`), with the note.
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisruptionReason {
    /// The central passport system (SIMKIM) or the national data centre is down.
    CentralSystem,
    Network,
    Power,
    Disaster,
    Renovation,
    Other,
}

/// Where a declaration applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Office(String),
    Province(String),
    National,
}

impl Scope {
    /// Whether an office (by id and province) lies in the scope.
    pub fn covers(&self, office_id: &str, province: &str) -> bool {
        match self {
            Scope::Office(id) => id == office_id,
            Scope::Province(p) => p.eq_ignore_ascii_case(province),
            Scope::National => true,
        }
    }
}

/// An office as the public status shows it.
#[cfg_attr(feature = "schema", derive(ts_rs::TS, utoipa::ToSchema), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficeState {
    Open,
    Disrupted,
    Closed,
}

/// A declaration's times as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub starts_at: DateTime<Utc>,
    pub expected_end: Option<DateTime<Utc>>,
    pub restored_at: Option<DateTime<Utc>>,
}

impl Span {
    /// In force at `now`: begun, not restored, and its expected end (if known) not reached.
    pub fn in_force(&self, now: DateTime<Utc>) -> bool {
        self.restored_at.is_none()
            && self.starts_at <= now
            && self.expected_end.is_none_or(|end| end > now)
    }

    /// Still to come or in force: neither restored nor past its expected end.
    pub fn current(&self, now: DateTime<Utc>) -> bool {
        self.restored_at.is_none() && self.expected_end.is_none_or(|end| end > now)
    }

    /// Whether an appointment from `starts` to `ends` falls (partly) in the span, as long as it
    /// is not restored: the slots the declaration closes.
    pub fn overlaps(&self, starts: DateTime<Utc>, ends: DateTime<Utc>) -> bool {
        self.restored_at.is_none()
            && ends > self.starts_at
            && self.expected_end.is_none_or(|end| starts < end)
    }
}

/// The expected end must come after the start.
pub fn check_span(
    starts_at: DateTime<Utc>,
    expected_end: Option<DateTime<Utc>>,
) -> Result<(), crate::DomainError> {
    match expected_end {
        Some(end) if end <= starts_at => Err(crate::DomainError::DisruptionEndBeforeStart),
        _ => Ok(()),
    }
}

/// An office's state from the kinds of the declarations in force there: a closure wins.
pub fn state_of(in_force: impl IntoIterator<Item = DisruptionKind>) -> OfficeState {
    in_force
        .into_iter()
        .map(|k| match k {
            DisruptionKind::Closure => OfficeState::Closed,
            DisruptionKind::Disruption => OfficeState::Disrupted,
        })
        .max()
        .unwrap_or(OfficeState::Open)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, 0, 0).unwrap()
    }

    #[test]
    fn a_span_closes_what_overlaps_it_until_restored() {
        let open_ended = Span {
            starts_at: t(2),
            expected_end: None,
            restored_at: None,
        };
        assert!(open_ended.overlaps(t(1), t(3)));
        assert!(!open_ended.overlaps(t(0), t(2)), "ends as it begins");
        assert!(open_ended.in_force(t(20)));
        assert!(!open_ended.in_force(t(1)));
        let bounded = Span {
            expected_end: Some(t(5)),
            ..open_ended
        };
        assert!(!bounded.overlaps(t(5), t(6)));
        assert!(!bounded.in_force(t(5)));
        let restored = Span {
            restored_at: Some(t(3)),
            ..open_ended
        };
        assert!(!restored.overlaps(t(4), t(6)));
        assert!(!restored.current(t(4)));
    }

    #[test]
    fn scopes_and_states() {
        assert!(Scope::National.covers("kanim-bekasi", "Jawa Barat"));
        assert!(Scope::Province("jawa barat".into()).covers("x", "Jawa Barat"));
        assert!(!Scope::Office("a".into()).covers("b", "Jawa Barat"));
        assert_eq!(state_of([]), OfficeState::Open);
        assert_eq!(
            state_of([DisruptionKind::Disruption, DisruptionKind::Closure]),
            OfficeState::Closed
        );
        assert!(check_span(t(3), Some(t(3))).is_err());
        assert!(check_span(t(3), None).is_ok());
    }
}
