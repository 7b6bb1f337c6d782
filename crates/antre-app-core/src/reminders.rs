//! Reminders that are not lost: planned from each booking, saved to disk, delivered when due
//! and only then marked delivered (a failed delivery is retried on the next tick, a restart
//! picks up where it left off). Texts come from Fluent in the user's language.
//!
//! - payment deadline: 30 minutes before the unpaid booking lapses;
//! - evening before (19.00 office time): until when the booking can still be moved (23.59 that
//!   evening, office time), or that it cannot be moved any more;
//! - morning of (06.00 office time): documents and address;
//! - quota opens: set by the user on a day whose quota is not released yet, at the release
//!   instant (kept across re-plans of the bookings and sign-ins, forgotten on sign-out).
//!
//! The bookings' status is refreshed in the background (`App::background_sync` in
//! [`crate::queue`]): a paid booking loses its "pay now", a cancelled one every reminder.
//!
//! On desktop the app's own loop calls [`ReminderBook::due`]; on mobile the same plan is handed
//! to the platform scheduler.

use crate::store::JsonFile;
use antre_api::bookings::BookingView;
use antre_api::BookingStatus;
use antre_i18n::{Arg, Locale, Localizer};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

pub const PAYMENT_LEAD: Duration = Duration::minutes(30);
pub const EVENING_HOUR: u32 = 19;
pub const MORNING_HOUR: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    PaymentDeadline,
    EveningBefore,
    MorningOf,
    QuotaOpens,
}

impl ReminderKind {
    fn message_prefix(self) -> &'static str {
        match self {
            ReminderKind::PaymentDeadline => "notification-payment-deadline",
            ReminderKind::EveningBefore => "notification-evening-before",
            ReminderKind::MorningOf => "notification-morning-of",
            ReminderKind::QuotaOpens => "notification-quota-opens",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reminder {
    /// `<booking id>:<kind>` (`quota:<office>:<release instant>` for a quota reminder), stable
    /// across re-plans (also the mobile notification id's seed).
    pub id: String,
    /// The nil id for a quota reminder (it belongs to no booking).
    pub booking_id: Uuid,
    pub kind: ReminderKind,
    pub fire_at: DateTime<Utc>,
    /// After this the reminder is pointless (deadline passed, appointment started).
    pub expires_at: DateTime<Utc>,
    pub title: String,
    pub body: String,
    pub delivered: bool,
    /// What a quota reminder is about (to word it again in another language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<QuotaRelease>,
}

/// Days of an office whose quota opens at one instant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "app/")]
pub struct QuotaRelease {
    pub office_id: String,
    pub office_name: String,
    pub time_zone: String,
    pub release_at: DateTime<Utc>,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// How long after the release a quota reminder is still worth showing.
pub const QUOTA_REMINDER_VALID: Duration = Duration::hours(6);

/// The reminder at the instant a quota opens.
pub fn plan_quota(q: &QuotaRelease, l10n: &Localizer, locale: Locale) -> Reminder {
    let days = if q.first == q.last {
        l10n.format_date_long(locale, q.first)
    } else {
        format!(
            "{} – {}",
            l10n.format_date_long(locale, q.first),
            l10n.format_date_long(locale, q.last)
        )
    };
    let args = vec![
        ("office", Arg::Str(q.office_name.clone())),
        ("days", Arg::Str(days)),
    ];
    let prefix = ReminderKind::QuotaOpens.message_prefix();
    Reminder {
        id: format!("quota:{}:{}", q.office_id, q.release_at.timestamp()),
        booking_id: Uuid::nil(),
        kind: ReminderKind::QuotaOpens,
        fire_at: q.release_at,
        expires_at: q.release_at + QUOTA_REMINDER_VALID,
        title: l10n.message(locale, &format!("{prefix}-title"), &args),
        body: l10n.message(locale, &format!("{prefix}-body"), &args),
        delivered: false,
        quota: Some(q.clone()),
    }
}

impl Reminder {
    /// A 32-bit id for platform notification APIs.
    pub fn numeric_id(&self) -> i32 {
        numeric_id(&self.id)
    }
}

/// A stable 32-bit id (FNV-1a) of a text id, for platform notification APIs.
pub(crate) fn numeric_id(id: &str) -> i32 {
    let mut h: u32 = 2_166_136_261;
    for b in id.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(16_777_619);
    }
    (h & 0x7fff_ffff) as i32
}

fn local_instant(tz: Tz, date: NaiveDate, hour: u32) -> Option<DateTime<Utc>> {
    let naive = date.and_time(NaiveTime::from_hms_opt(hour, 0, 0)?);
    tz.from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// The label of an office's zone (the domain's table); WIB for a name not in it.
pub(crate) fn zone_label(time_zone: &str) -> &'static str {
    antre_domain::office::Zone::of_name(time_zone)
        .unwrap_or(antre_domain::office::Zone::Wib)
        .label()
}

/// "Selasa, 24 November 2026, 09.00 WIB": an instant in the office's zone.
pub fn format_instant(
    l10n: &Localizer,
    locale: Locale,
    instant: DateTime<Utc>,
    time_zone: &str,
) -> String {
    let tz: Tz = time_zone.parse().unwrap_or(chrono_tz::Asia::Jakarta);
    let local = instant.with_timezone(&tz);
    format!(
        "{}, {}",
        l10n.format_date_long(locale, local.date_naive()),
        l10n.format_time(locale, local.time(), zone_label(time_zone))
    )
}

/// The reminders a booking should have now (none once it is no longer active).
pub fn plan(booking: &BookingView, l10n: &Localizer, locale: Locale) -> Vec<Reminder> {
    let active = matches!(
        booking.status,
        BookingStatus::PendingPayment | BookingStatus::Confirmed
    );
    if !active {
        return Vec::new();
    }
    let tz: Tz = booking
        .office
        .time_zone
        .parse()
        .unwrap_or(chrono_tz::Asia::Jakarta);
    let time = l10n.format_time(
        locale,
        booking.starts_at.with_timezone(&tz).time(),
        zone_label(&booking.office.time_zone),
    );
    let office = booking.office.name.clone();
    let name = booking.applicant.name.clone();
    let mut out = Vec::new();
    let mut push = |kind: ReminderKind,
                    fire_at: DateTime<Utc>,
                    expires_at: DateTime<Utc>,
                    args: Vec<(&str, Arg)>,
                    body_id: Option<&str>| {
        let prefix = kind.message_prefix();
        let body_id = body_id.map_or_else(|| format!("{prefix}-body"), str::to_owned);
        out.push(Reminder {
            id: format!(
                "{}:{}",
                booking.id,
                serde_json::to_value(kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            ),
            booking_id: booking.id,
            kind,
            fire_at,
            expires_at,
            title: l10n.message(locale, &format!("{prefix}-title"), &args),
            body: l10n.message(locale, &body_id, &args),
            delivered: false,
            quota: None,
        });
    };
    if booking.status == BookingStatus::PendingPayment {
        push(
            ReminderKind::PaymentDeadline,
            booking.payment_deadline - PAYMENT_LEAD,
            booking.payment_deadline,
            vec![
                (
                    "amount",
                    Arg::Str(l10n.format_rupiah(locale, booking.fee_total)),
                ),
                ("billing_code", Arg::Str(booking.billing_code.clone())),
                (
                    "deadline",
                    Arg::Str(format_instant(
                        l10n,
                        locale,
                        booking.payment_deadline,
                        &booking.office.time_zone,
                    )),
                ),
                ("office", Arg::Str(office.clone())),
            ],
            None,
        );
    }
    let person_args = || {
        vec![
            ("name", Arg::Str(name.clone())),
            ("time", Arg::Str(time.clone())),
            ("office", Arg::Str(office.clone())),
        ]
    };
    if let Some(eve) = booking.date.pred_opt() {
        // Moving is allowed until the day before, by the office's calendar: 23.59 that evening.
        let move_until = local_instant(tz, eve, 23).map(|t| t + Duration::minutes(59));
        if let Some(evening) = local_instant(tz, eve, EVENING_HOUR) {
            let (args, body_id) = match move_until {
                Some(until) if booking.reschedules_left > 0 => {
                    let mut args = person_args();
                    args.push((
                        "move_until",
                        Arg::Str(format_instant(
                            l10n,
                            locale,
                            until,
                            &booking.office.time_zone,
                        )),
                    ));
                    (args, None)
                }
                _ => (
                    person_args(),
                    Some("notification-evening-before-fixed-body"),
                ),
            };
            push(
                ReminderKind::EveningBefore,
                evening,
                booking.starts_at,
                args,
                body_id,
            );
        }
    }
    if let Some(morning) = local_instant(tz, booking.date, MORNING_HOUR) {
        push(
            ReminderKind::MorningOf,
            morning.min(booking.starts_at),
            booking.starts_at,
            person_args(),
            None,
        );
    }
    out
}

/// The saved set of reminders of every booking.
pub struct ReminderBook {
    file: JsonFile,
    items: Vec<Reminder>,
}

impl ReminderBook {
    pub fn open(file: JsonFile) -> Self {
        let items = file.load().unwrap_or_default();
        Self { file, items }
    }

    pub fn all(&self) -> &[Reminder] {
        &self.items
    }

    /// Replaces the reminders of these bookings with a fresh plan. A reminder already delivered
    /// stays delivered if it still fires at the same time (a language switch does not repeat it;
    /// a reschedule does plan it anew). Bookings not in the list keep their reminders unless
    /// `complete` says the list is every booking of the account.
    pub fn replan(
        &mut self,
        bookings: &[BookingView],
        l10n: &Localizer,
        locale: Locale,
        complete: bool,
    ) -> Result<(), crate::AppError> {
        let ids: Vec<Uuid> = bookings.iter().map(|b| b.id).collect();
        let old = std::mem::take(&mut self.items);
        let (replaced, kept): (Vec<_>, Vec<_>) = old.into_iter().partition(|r| {
            r.kind != ReminderKind::QuotaOpens && (complete || ids.contains(&r.booking_id))
        });
        // Quota reminders belong to no booking: kept, worded again in the current language.
        self.items = kept
            .into_iter()
            .map(|r| match &r.quota {
                Some(q) => Reminder {
                    delivered: r.delivered,
                    ..plan_quota(q, l10n, locale)
                },
                None => r,
            })
            .collect();
        for booking in bookings {
            for mut r in plan(booking, l10n, locale) {
                if replaced
                    .iter()
                    .any(|o| o.id == r.id && o.fire_at == r.fire_at && o.delivered)
                {
                    r.delivered = true;
                }
                self.items.push(r);
            }
        }
        self.items.sort_by_key(|r| r.fire_at);
        self.file.save(&self.items)
    }

    /// Reminders to show now: due, not delivered, not pointless yet.
    pub fn due(&self, now: DateTime<Utc>) -> Vec<Reminder> {
        self.items
            .iter()
            .filter(|r| !r.delivered && r.fire_at <= now && now < r.expires_at)
            .cloned()
            .collect()
    }

    /// Reminders still to come (for the platform scheduler on mobile).
    pub fn upcoming(&self, now: DateTime<Utc>) -> Vec<Reminder> {
        self.items
            .iter()
            .filter(|r| !r.delivered && r.fire_at > now)
            .cloned()
            .collect()
    }

    /// Adds (or keeps) the reminder at the instant a quota opens.
    pub fn add_quota(
        &mut self,
        q: &QuotaRelease,
        l10n: &Localizer,
        locale: Locale,
    ) -> Result<Reminder, crate::AppError> {
        let r = plan_quota(q, l10n, locale);
        if !self.items.iter().any(|o| o.id == r.id) {
            self.items.push(r.clone());
            self.items.sort_by_key(|r| r.fire_at);
        }
        self.file.save(&self.items)?;
        Ok(r)
    }

    /// The quota reminders still to come.
    pub fn quota_reminders(&self, now: DateTime<Utc>) -> Vec<QuotaRelease> {
        self.items
            .iter()
            .filter(|r| !r.delivered && now < r.expires_at)
            .filter_map(|r| r.quota.clone())
            .collect()
    }

    pub fn mark_delivered(&mut self, id: &str) -> Result<(), crate::AppError> {
        if let Some(r) = self.items.iter_mut().find(|r| r.id == id) {
            r.delivered = true;
        }
        self.file.save(&self.items)
    }

    pub fn clear(&mut self) {
        self.items.clear();
        self.file.remove();
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use antre_api::bookings::{BookingApplicant, FeeLineView};
    use antre_api::offices::{OfficeSummary, ServicesView};
    use antre_api::{ApplicationKind, Lane, PassportKind, Validity, Zone};

    pub fn booking(status: BookingStatus) -> BookingView {
        let starts_at: DateTime<Utc> = "2026-11-24T02:00:00Z".parse().unwrap(); // 09.00 WIB
        BookingView {
            id: Uuid::from_u128(7),
            status,
            applicant: BookingApplicant {
                id: Uuid::from_u128(1),
                name: "SITI AMINAH".into(),
                nik_masked: "3275••••••••••01".into(),
            },
            office: OfficeSummary {
                id: "bekasi".into(),
                name: "Kantor Imigrasi Bekasi".into(),
                class: "I".into(),
                city: "Bekasi".into(),
                province: "Jawa Barat".into(),
                island: Some(antre_api::IslandGroup::Java),
                time_zone: "Asia/Jakarta".into(),
                zone: Zone::Wib,
                lat: -6.24,
                lon: 106.99,
                coord_precision: "city".into(),
                services: ServicesView {
                    regular: true,
                    same_day: true,
                    electronic: true,
                },
                distance_km: None,
                address: None,
                opening_hours: None,
                phone: None,
                map_url: "https://www.openstreetmap.org/?mlat=-6.24000&mlon=106.99000#map=13/-6.24000/106.99000".into(),
            },
            slot_id: 42,
            date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            session: "09:00-11:00".into(),
            starts_at,
            ends_at: starts_at + Duration::hours(2),
            lane: Lane::Priority,
            passport_kind: PassportKind::Ordinary,
            validity: Validity::FiveYears,
            application_kind: ApplicationKind::New,
            fee_lines: vec![FeeLineView {
                item: "fee-ordinary-5y".into(),
                rupiah: 350_000,
            }],
            fee_total: 350_000,
            billing_code: "820261124000042".into(),
            payment_deadline: "2026-11-20T05:00:00Z".parse().unwrap(),
            documents: vec!["doc-ektp".into(), "doc-family-card".into()],
            reschedules_left: 1,
            proof: None,
            created_at: "2026-11-20T03:00:00Z".parse().unwrap(),
            payments: Vec::new(),
            refund_due: 0,
            source: Default::default(),
            attendance: None,
            end_reason: None,
            actions: Default::default(),
            disruption: None,
            event_site: None,
        }
    }

    #[test]
    fn plans_three_reminders_in_office_time_and_the_users_language() {
        let l10n = Localizer::new();
        let plan = plan(&booking(BookingStatus::PendingPayment), &l10n, Locale::Id);
        assert_eq!(plan.len(), 3);
        assert_eq!(plan[0].kind, ReminderKind::PaymentDeadline);
        assert_eq!(
            plan[0].fire_at,
            "2026-11-20T04:30:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert!(plan[0].body.contains("Rp350.000"), "{}", plan[0].body);
        assert!(
            plan[0].body.contains("Jumat, 20 November 2026, 12.00 WIB"),
            "{}",
            plan[0].body
        );
        // 19.00 WIB the day before = 12:00 UTC
        assert_eq!(
            plan[1].fire_at,
            "2026-11-23T12:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert!(plan[1].body.contains("09.00 WIB"), "{}", plan[1].body);
        assert_eq!(
            plan[2].fire_at,
            "2026-11-23T23:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        let en = super::plan(&booking(BookingStatus::Confirmed), &l10n, Locale::En);
        assert_eq!(en.len(), 2, "paid: no payment reminder");
        assert!(en[0].body.contains("09:00 WIB"), "{}", en[0].body);
        assert!(super::plan(&booking(BookingStatus::Cancelled), &l10n, Locale::En).is_empty());
    }

    #[test]
    fn survive_a_restart_and_are_delivered_once() {
        let dir = tempfile::tempdir().unwrap();
        let l10n = Localizer::new();
        let file = || JsonFile::new(dir.path(), "reminders.json");
        let mut book = ReminderBook::open(file());
        book.replan(
            &[booking(BookingStatus::Confirmed)],
            &l10n,
            Locale::Id,
            true,
        )
        .unwrap();
        let evening: DateTime<Utc> = "2026-11-23T12:05:00Z".parse().unwrap();
        let due = book.due(evening);
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].kind, ReminderKind::EveningBefore);
        // restart before delivery: still due
        let mut book = ReminderBook::open(file());
        assert_eq!(book.due(evening).len(), 1);
        book.mark_delivered(&due[0].id).unwrap();
        let mut book = ReminderBook::open(file());
        assert!(book.due(evening).is_empty());
        // switching language re-plans texts without repeating what was shown
        book.replan(
            &[booking(BookingStatus::Confirmed)],
            &l10n,
            Locale::En,
            true,
        )
        .unwrap();
        assert!(book.due(evening).is_empty());
        assert!(book.upcoming(evening)[0].title.contains("Today"));
        // too late is pointless
        assert!(book.due("2026-11-24T03:00:00Z".parse().unwrap()).is_empty());
        // cancelled: nothing left
        book.replan(
            &[booking(BookingStatus::Cancelled)],
            &l10n,
            Locale::En,
            true,
        )
        .unwrap();
        assert!(book.all().is_empty());
        assert_ne!(
            Reminder::numeric_id(&plan(&booking(BookingStatus::Confirmed), &l10n, Locale::En)[0]),
            0
        );
    }

    #[test]
    fn the_evening_before_says_until_when_the_booking_can_still_be_moved() {
        let l10n = Localizer::new();
        let b = booking(BookingStatus::Confirmed);
        let evening = &plan(&b, &l10n, Locale::Id)[0];
        assert_eq!(evening.kind, ReminderKind::EveningBefore);
        assert!(
            evening
                .body
                .contains("sampai Senin, 23 November 2026, 23.59 WIB"),
            "{}",
            evening.body
        );
        let en = &plan(&b, &l10n, Locale::En)[0];
        assert!(
            en.body
                .contains("moved until Monday, 23 November 2026, 23:59 WIB"),
            "{}",
            en.body
        );
        let mut moved = b.clone();
        moved.reschedules_left = 0;
        let fixed = &plan(&moved, &l10n, Locale::Id)[0];
        assert!(
            fixed.body.contains("tidak bisa diubah lagi") && !fixed.body.contains("23.59"),
            "{}",
            fixed.body
        );
    }

    #[test]
    fn a_quota_reminder_fires_at_the_release_and_outlives_replans() {
        let dir = tempfile::tempdir().unwrap();
        let l10n = Localizer::new();
        let file = || JsonFile::new(dir.path(), "reminders.json");
        let release: DateTime<Utc> = "2026-11-27T07:00:00Z".parse().unwrap(); // 14.00 WIB
        let q = QuotaRelease {
            office_id: "kanim-bekasi".into(),
            office_name: "Kantor Imigrasi Bekasi".into(),
            time_zone: "Asia/Jakarta".into(),
            release_at: release,
            first: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
            last: NaiveDate::from_ymd_opt(2026, 12, 11).unwrap(),
        };
        let mut book = ReminderBook::open(file());
        let r = book.add_quota(&q, &l10n, Locale::Id).unwrap();
        book.add_quota(&q, &l10n, Locale::Id).unwrap();
        assert_eq!(book.all().len(), 1, "set twice, one reminder");
        assert!(
            r.body.contains("Kantor Imigrasi Bekasi")
                && r.body
                    .contains("Senin, 7 Desember 2026 – Jumat, 11 Desember 2026"),
            "{}",
            r.body
        );
        // Re-planning every booking (sign-in, background refresh) keeps it, in the new language.
        book.replan(
            &[booking(BookingStatus::Confirmed)],
            &l10n,
            Locale::En,
            true,
        )
        .unwrap();
        let mut book = ReminderBook::open(file());
        assert_eq!(
            book.quota_reminders(release - Duration::hours(1)),
            vec![q.clone()]
        );
        assert!(book.due(release - Duration::minutes(1)).is_empty());
        let due = book.due(release);
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].title, "The quota opens now");
        book.mark_delivered(&due[0].id).unwrap();
        assert!(book.due(release).is_empty());
        assert!(book.quota_reminders(release).is_empty());
    }
}
