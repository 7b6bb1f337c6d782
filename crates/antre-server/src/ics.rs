//! An iCalendar (RFC 5545) event for a booking, in the applicant's language. Times are written
//! in UTC (`...Z`), so every calendar shows them in its own zone correctly; the text repeats the
//! office's local time with its zone label, as the applicant will see it on the wall clock.

use crate::catalog::OfficeEntry;
use antre_api::bookings::BookingView;
use antre_i18n::{Arg, Locale, Localizer};
use chrono::{DateTime, Utc};

pub fn booking_event(
    l: &Localizer,
    locale: Locale,
    office: &OfficeEntry,
    b: &BookingView,
    now: DateTime<Utc>,
) -> String {
    let tz = office.office.tz;
    let zone = office.office.zone().label();
    let local_start = b.starts_at.with_timezone(&tz);
    let date = l.format_date_long(locale, local_start.date_naive());
    let time = l.format_time(locale, local_start.time(), zone);
    let documents = b
        .documents
        .iter()
        .map(|d| format!("- {}", l.message(locale, d, &[])))
        .collect::<Vec<_>>()
        .join("\n");
    let office_name = office.office.name.as_str();
    let summary = l.message(
        locale,
        "calendar-summary",
        &[("office", Arg::from(office_name))],
    );
    let description = l.message(
        locale,
        "calendar-description",
        &[
            ("name", Arg::from(b.applicant.name.as_str())),
            ("office", Arg::from(office_name)),
            ("date", Arg::from(date.as_str())),
            ("time", Arg::from(time.as_str())),
            ("billing_code", Arg::from(b.billing_code.as_str())),
            ("documents", Arg::from(documents.as_str())),
        ],
    );
    let alarm = l.message(
        locale,
        "calendar-alarm",
        &[
            ("office", Arg::from(office_name)),
            ("time", Arg::from(time.as_str())),
        ],
    );
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Antre//Passport appointments//ID".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}@antre", b.id),
        format!("DTSTAMP:{}", stamp(now)),
        format!("DTSTART:{}", stamp(b.starts_at)),
        format!("DTEND:{}", stamp(b.ends_at)),
        format!("SUMMARY:{}", escape(&summary)),
        format!("DESCRIPTION:{}", escape(&description)),
        format!(
            "LOCATION:{}",
            escape(&format!(
                "{}, {}, {}",
                office_name, office.office.city, office.office.province
            ))
        ),
        format!("GEO:{:.4};{:.4}", office.office.lat, office.office.lon),
        "BEGIN:VALARM".to_string(),
        "ACTION:DISPLAY".to_string(),
        "TRIGGER:-PT12H".to_string(),
        format!("DESCRIPTION:{}", escape(&alarm)),
        "END:VALARM".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    lines
        .iter()
        .map(|line| fold(line))
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

/// TEXT escaping of RFC 5545 §3.3.11.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds_by_octets() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = "DESCRIPTION:".to_string() + &"é".repeat(60);
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", ""), long);
    }
}
