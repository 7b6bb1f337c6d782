//! The background check of the fair release: it notices when an entry has been drawn (a place,
//! the waitlist, or left out) and when a place is offered from the waitlist, and keeps the
//! notices to show as desktop notifications.
//!
//! It asks the server only when something can have changed: pending entries from their release
//! instant on (the server draws two seconds after it), and places in line while they wait. An
//! account with neither makes no requests at all ([`next_check`] is `None`).
//!
//! Notices are kept like reminders: saved to disk, marked delivered only once the system took
//! them, never repeated (their id is remembered until a week after they stopped mattering).
//! Texts come from Fluent (`notification-draw-*`, `notification-waitlist-offer-*`) in the
//! user's language, times in the office's zone with WIB/WITA/WIT.

use crate::reminders::{format_instant, zone_label};
use crate::store::JsonFile;
use antre_api::bookings::BookingView;
use antre_api::draws::{Choice, EntryOutcome, EntryView, WaitlistStatus, WaitlistView};
use antre_api::offices::OfficeSummary;
use antre_api::BookingStatus;
use antre_i18n::{Arg, Locale, Localizer};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The server draws two seconds after the release instant; ask a second after that.
pub const DRAW_SETTLE: Duration = Duration::seconds(3);
/// How often to ask about a pending entry in the first minutes after its release instant.
pub const HOT_EVERY: Duration = Duration::seconds(10);
pub const HOT_FOR: Duration = Duration::minutes(10);
/// How often after that, while it is still pending (server slow or unreachable).
pub const COOL_EVERY: Duration = Duration::minutes(5);
/// A pending entry this long after its release instant is no longer asked about.
pub const GIVE_UP: Duration = Duration::hours(24);
/// How often to ask about places in line (offers are held for about 30 minutes).
pub const WAITLIST_EVERY: Duration = Duration::seconds(60);
/// Outcomes of draws older than this are not announced (the app was away; the list shows them).
pub const RECENT: Duration = Duration::hours(24);
/// Notices are remembered this long after they stopped mattering, so none is repeated.
const KEEP_AFTER_EXPIRY: Duration = Duration::days(7);

/// When to ask the server next (`None`: nothing can change, do not ask). `last` is when it was
/// last asked by this check.
pub fn next_check(
    entries: &[EntryView],
    waitlist: &[WaitlistView],
    last: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let mut next: Option<DateTime<Utc>> = None;
    let mut consider = |t: DateTime<Utc>| next = Some(next.map_or(t, |n| n.min(t)));
    for e in entries
        .iter()
        .filter(|e| e.outcome == EntryOutcome::Pending && now < e.release_at + GIVE_UP)
    {
        let first = e.release_at + DRAW_SETTLE;
        match last {
            Some(l) if l >= first => {
                let every = if now < e.release_at + HOT_FOR {
                    HOT_EVERY
                } else {
                    COOL_EVERY
                };
                consider(l + every);
            }
            _ => consider(first),
        }
    }
    let waiting = waitlist.iter().any(|w| {
        matches!(w.status, WaitlistStatus::Waiting | WaitlistStatus::Offered)
            && w.to >= (now - Duration::days(1)).date_naive()
    });
    if waiting {
        consider(last.map_or(now, |l| l + WAITLIST_EVERY));
    }
    next
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    DrawPlaced,
    DrawWaitlisted,
    DrawSkipped,
    WaitlistOffer,
    /// A notice of the server's (a closure, its update, the question after a visit): its
    /// title and body come rendered from the server.
    Server,
}

impl NoticeKind {
    fn message_prefix(self) -> &'static str {
        match self {
            NoticeKind::DrawPlaced => "notification-draw-placed",
            NoticeKind::DrawWaitlisted => "notification-draw-waitlisted",
            NoticeKind::DrawSkipped => "notification-draw-skipped",
            NoticeKind::WaitlistOffer => "notification-waitlist-offer",
            // Rendered by the server: no message of the app's own.
            NoticeKind::Server => "",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    /// `entry:<entry id>:<outcome>` or `offer:<offer id>`: one notice per outcome, ever.
    pub id: String,
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    /// After this the notice is pointless (payment deadline, offer ended).
    pub expires_at: DateTime<Utc>,
    pub delivered: bool,
}

impl Notice {
    /// A 32-bit id for platform notification APIs.
    pub fn numeric_id(&self) -> i32 {
        crate::reminders::numeric_id(&self.id)
    }
}

/// The id of the notice of an entry's outcome.
pub fn entry_notice_id(e: &EntryView) -> String {
    let outcome = match e.outcome {
        EntryOutcome::Pending => "pending",
        EntryOutcome::Placed => "placed",
        EntryOutcome::Waitlisted => "waitlisted",
        EntryOutcome::Skipped => "skipped",
    };
    format!("entry:{}:{outcome}", e.id)
}

pub fn offer_notice_id(offer: uuid::Uuid) -> String {
    format!("offer:{offer}")
}

/// Whether an entry's outcome is worth announcing now (drawn, recently).
pub fn announceable(e: &EntryView, now: DateTime<Utc>) -> bool {
    e.outcome != EntryOutcome::Pending && now < e.release_at + RECENT
}

/// What the notices say besides the entries and places in line: the bookings that placed
/// entries got, and the offices' names.
pub struct Known<'a> {
    pub bookings: &'a [BookingView],
    pub offices: &'a [OfficeSummary],
}

impl Known<'_> {
    fn office_name(&self, id: &str) -> String {
        self.offices
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| o.name.clone())
    }
}

/// The offices an entry's choices name, in order, each once.
pub fn chosen_offices(choices: &[Choice]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in choices {
        let ids: Vec<&String> = match c {
            Choice::OfficeDay { office_id, .. } => vec![office_id],
            Choice::EarliestAt { office_ids } => office_ids.iter().collect(),
        };
        for id in ids {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
    }
    out
}

/// The notices the current state calls for (the book drops those it already has).
pub fn plan(
    entries: &[EntryView],
    waitlist: &[WaitlistView],
    known: &Known<'_>,
    l10n: &Localizer,
    locale: Locale,
    now: DateTime<Utc>,
) -> Vec<Notice> {
    let mut out = Vec::new();
    let notice = |kind: NoticeKind, id: String, expires_at, args: &[(&str, Arg)]| {
        let prefix = kind.message_prefix();
        Notice {
            id,
            kind,
            title: l10n.message(locale, &format!("{prefix}-title"), args),
            body: l10n.message(locale, &format!("{prefix}-body"), args),
            expires_at,
            delivered: false,
        }
    };
    for e in entries.iter().filter(|e| announceable(e, now)) {
        let name = ("name", Arg::Str(e.applicant.name.clone()));
        let later = e.release_at + RECENT;
        match e.outcome {
            EntryOutcome::Placed => {
                let Some(b) = known
                    .bookings
                    .iter()
                    .find(|b| Some(b.id) == e.booking_id)
                    .filter(|b| b.status == BookingStatus::PendingPayment)
                else {
                    continue; // paid or ended already: nothing to urge
                };
                let tz = &b.office.time_zone;
                out.push(notice(
                    NoticeKind::DrawPlaced,
                    entry_notice_id(e),
                    b.payment_deadline,
                    &[
                        name,
                        (
                            "when",
                            Arg::Str(format_instant(l10n, locale, b.starts_at, tz)),
                        ),
                        ("office", Arg::Str(b.office.name.clone())),
                        (
                            "deadline",
                            Arg::Str(format_instant(l10n, locale, b.payment_deadline, tz)),
                        ),
                    ],
                ));
            }
            EntryOutcome::Waitlisted => {
                let offices = chosen_offices(&e.choices)
                    .iter()
                    .map(|id| known.office_name(id))
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(notice(
                    NoticeKind::DrawWaitlisted,
                    entry_notice_id(e),
                    later,
                    &[name, ("offices", Arg::Str(offices))],
                ));
            }
            EntryOutcome::Skipped => out.push(notice(
                NoticeKind::DrawSkipped,
                entry_notice_id(e),
                later,
                &[name],
            )),
            EntryOutcome::Pending => {}
        }
    }
    for w in waitlist
        .iter()
        .filter(|w| w.status == WaitlistStatus::Offered)
    {
        let Some(offer) = w.offer.as_ref().filter(|o| now < o.expires_at) else {
            continue;
        };
        let tz_name = &offer.slot.time_zone;
        let tz: Tz = tz_name.parse().unwrap_or(chrono_tz::Asia::Jakarta);
        let until = l10n.format_time(
            locale,
            offer.expires_at.with_timezone(&tz).time(),
            zone_label(tz_name),
        );
        out.push(notice(
            NoticeKind::WaitlistOffer,
            offer_notice_id(offer.id),
            offer.expires_at,
            &[
                ("name", Arg::Str(w.applicant.name.clone())),
                (
                    "when",
                    Arg::Str(format_instant(l10n, locale, offer.slot.starts_at, tz_name)),
                ),
                ("office", Arg::Str(known.office_name(&offer.slot.office_id))),
                ("until", Arg::Str(until)),
            ],
        ));
    }
    out
}

/// The saved notices.
pub struct NoticeBook {
    file: JsonFile,
    items: Vec<Notice>,
}

impl NoticeBook {
    pub fn open(file: JsonFile) -> Self {
        let items = file.load().unwrap_or_default();
        Self { file, items }
    }

    pub fn all(&self) -> &[Notice] {
        &self.items
    }

    pub fn knows(&self, id: &str) -> bool {
        self.items.iter().any(|n| n.id == id)
    }

    /// Adds the notices not seen before and forgets those long past. Returns how many are new.
    pub fn add(
        &mut self,
        planned: Vec<Notice>,
        now: DateTime<Utc>,
    ) -> Result<usize, crate::AppError> {
        let before = self.items.len();
        self.items
            .retain(|n| now < n.expires_at + KEEP_AFTER_EXPIRY);
        let pruned = before != self.items.len();
        let mut added = 0;
        for n in planned {
            if !self.knows(&n.id) {
                self.items.push(n);
                added += 1;
            }
        }
        if added > 0 || pruned {
            self.file.save(&self.items)?;
        }
        Ok(added)
    }

    /// Notices to show now: not delivered, still meaningful.
    pub fn due(&self, now: DateTime<Utc>) -> Vec<Notice> {
        self.items
            .iter()
            .filter(|n| !n.delivered && now < n.expires_at)
            .cloned()
            .collect()
    }

    /// Marks a notice delivered (also to silence one the user acted on in the app already).
    pub fn mark_delivered(&mut self, id: &str) -> Result<(), crate::AppError> {
        let Some(n) = self.items.iter_mut().find(|n| n.id == id && !n.delivered) else {
            return Ok(());
        };
        n.delivered = true;
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
    use crate::reminders::tests::booking;
    use antre_api::availability::SlotView;
    use antre_api::bookings::BookingApplicant;
    use antre_api::draws::OfferView;
    use antre_api::{ApplicationKind, Lane, PassportKind, Validity};
    use chrono::NaiveDate;
    use uuid::Uuid;

    pub fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    pub const RELEASE: &str = "2026-12-11T07:00:00Z";

    pub fn entry(outcome: EntryOutcome) -> EntryView {
        EntryView {
            id: Uuid::from_u128(0xe1),
            draw_id: Uuid::from_u128(0xd1),
            release_at: at(RELEASE),
            applicant: BookingApplicant {
                id: Uuid::from_u128(2),
                name: "BUDI SANTOSO".into(),
                nik_masked: "3275••••••••••02".into(),
            },
            lane: Lane::Regular,
            passport_kind: PassportKind::Ordinary,
            validity: Validity::FiveYears,
            application_kind: ApplicationKind::New,
            choices: vec![
                Choice::OfficeDay {
                    office_id: "bekasi".into(),
                    date: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
                },
                Choice::EarliestAt {
                    office_ids: vec!["bekasi".into(), "depok".into()],
                },
            ],
            digest: "ab".repeat(32),
            salt: "00".repeat(16),
            outcome,
            position: (outcome != EntryOutcome::Pending).then_some(7),
            booking_id: (outcome == EntryOutcome::Placed).then_some(Uuid::from_u128(0xb1)),
            created_at: at("2026-12-10T08:00:00Z"),
            updated_at: at("2026-12-10T08:00:00Z"),
        }
    }

    pub fn waiting(status: WaitlistStatus) -> WaitlistView {
        let starts_at = at("2026-12-15T01:00:00Z"); // 08.00 WIB
        WaitlistView {
            id: Uuid::from_u128(0x31),
            applicant: BookingApplicant {
                id: Uuid::from_u128(1),
                name: "SITI AMINAH".into(),
                nik_masked: "3275••••••••••01".into(),
            },
            lane: Lane::Priority,
            passport_kind: PassportKind::Ordinary,
            validity: Validity::FiveYears,
            application_kind: ApplicationKind::New,
            office_ids: vec!["bekasi".into()],
            from: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
            status,
            end_reason: None,
            ahead: 0,
            offer: (status == WaitlistStatus::Offered).then(|| OfferView {
                id: Uuid::from_u128(0x0f),
                expires_at: at("2026-12-11T07:30:00Z"), // 14.30 WIB
                slot: SlotView {
                    slot_id: 99,
                    office_id: "bekasi".into(),
                    date: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
                    lane: Lane::Priority,
                    session: "08:00-10:00".into(),
                    starts_at,
                    ends_at: starts_at + Duration::hours(2),
                    time_zone: "Asia/Jakarta".into(),
                    capacity: 1,
                    remaining: 0,
                    released_at: at(RELEASE),
                    event_site: None,
                },
            }),
            created_at: at("2026-12-11T02:00:00Z"),
        }
    }

    fn offices() -> Vec<OfficeSummary> {
        let mut bekasi = booking(BookingStatus::Confirmed).office;
        bekasi.name = "Kantor Imigrasi Bekasi".into();
        let mut depok = bekasi.clone();
        depok.id = "depok".into();
        depok.name = "Kantor Imigrasi Depok".into();
        vec![bekasi, depok]
    }

    #[test]
    fn an_idle_account_is_never_checked() {
        let now = at("2026-12-11T07:00:05Z");
        assert_eq!(next_check(&[], &[], None, now), None);
        let drawn = [entry(EntryOutcome::Placed), entry(EntryOutcome::Waitlisted)];
        assert_eq!(next_check(&drawn, &[], None, now), None);
        let ended = [
            waiting(WaitlistStatus::Booked),
            waiting(WaitlistStatus::Left),
        ];
        assert_eq!(next_check(&drawn, &ended, None, now), None);
    }

    #[test]
    fn a_pending_entry_is_checked_from_its_release_instant_then_less_often() {
        let pending = [entry(EntryOutcome::Pending)];
        let release = at(RELEASE);
        // A day before: the first check is right after the draw, nothing before.
        let day_before = at("2026-12-10T08:00:00Z");
        assert_eq!(
            next_check(&pending, &[], None, day_before),
            Some(release + DRAW_SETTLE)
        );
        assert_eq!(
            next_check(&pending, &[], Some(day_before), day_before),
            Some(release + DRAW_SETTLE),
            "a check long before does not count"
        );
        // Just after: every 10 s; later every 5 minutes; after a day, never.
        let asked = release + DRAW_SETTLE;
        assert_eq!(
            next_check(&pending, &[], Some(asked), asked),
            Some(asked + HOT_EVERY)
        );
        let late = release + Duration::minutes(30);
        assert_eq!(
            next_check(&pending, &[], Some(late), late),
            Some(late + COOL_EVERY)
        );
        let too_late = release + GIVE_UP;
        assert_eq!(next_check(&pending, &[], Some(late), too_late), None);
    }

    #[test]
    fn a_place_in_line_is_checked_every_minute() {
        let now = at("2026-12-11T07:05:00Z");
        let line = [waiting(WaitlistStatus::Waiting)];
        assert_eq!(next_check(&[], &line, None, now), Some(now));
        assert_eq!(
            next_check(&[], &line, Some(now), now),
            Some(now + WAITLIST_EVERY)
        );
        // Waiting for days that are over: nothing to ask about.
        assert_eq!(
            next_check(&[], &line, None, at("2026-12-17T03:00:00Z")),
            None
        );
    }

    #[test]
    fn notices_say_what_happened_in_office_time_and_the_users_language() {
        let l10n = Localizer::new();
        let mut placed_booking = booking(BookingStatus::PendingPayment);
        placed_booking.id = Uuid::from_u128(0xb1);
        placed_booking.starts_at = at("2026-12-15T01:00:00Z");
        placed_booking.payment_deadline = at("2026-12-11T09:00:02Z");
        let offices = offices();
        let known = Known {
            bookings: std::slice::from_ref(&placed_booking),
            offices: &offices,
        };
        let now = at("2026-12-11T07:00:05Z");
        let mut placed = entry(EntryOutcome::Placed);
        placed.id = Uuid::from_u128(0xe2);
        let entries = [placed, entry(EntryOutcome::Waitlisted)];
        let line = [waiting(WaitlistStatus::Offered)];
        let id = plan(&entries, &line, &known, &l10n, Locale::Id, now);
        assert_eq!(id.len(), 3);
        assert_eq!(id[0].kind, NoticeKind::DrawPlaced);
        assert_eq!(id[0].title, "Anda mendapat kuota");
        assert!(
            id[0]
                .body
                .contains("Selasa, 15 Desember 2026, 08.00 WIB di Kantor Imigrasi Bekasi"),
            "{}",
            id[0].body
        );
        assert!(id[0].body.contains("dalam 2 jam"), "{}", id[0].body);
        assert!(
            id[0].body.contains("Jumat, 11 Desember 2026, 16.00 WIB"),
            "{}",
            id[0].body
        );
        assert_eq!(id[0].expires_at, placed_booking.payment_deadline);
        assert!(
            id[1]
                .body
                .contains("daftar tunggu untuk Kantor Imigrasi Bekasi, Kantor Imigrasi Depok"),
            "{}",
            id[1].body
        );
        assert_eq!(id[2].kind, NoticeKind::WaitlistOffer);
        assert!(
            id[2].body.contains("sampai pukul 14.30 WIB"),
            "{}",
            id[2].body
        );
        let en = plan(&entries, &line, &known, &l10n, Locale::En, now);
        assert_eq!(en[0].title, "You have a place");
        assert!(en[2].body.contains("until 14:30 WIB"), "{}", en[2].body);
        assert!(
            en[2].body.contains("Tuesday, 15 December 2026, 08:00 WIB"),
            "{}",
            en[2].body
        );

        // A paid booking needs no urging; old outcomes are not announced.
        let mut paid = placed_booking.clone();
        paid.status = BookingStatus::Confirmed;
        let known = Known {
            bookings: std::slice::from_ref(&paid),
            offices: &offices,
        };
        assert_eq!(
            plan(&entries[..1], &[], &known, &l10n, Locale::Id, now).len(),
            0
        );
        let next_week = now + Duration::days(7);
        assert!(plan(&entries, &[], &known, &l10n, Locale::Id, next_week).is_empty());
    }

    #[test]
    fn notices_are_kept_delivered_once_and_forgotten_long_after() {
        let dir = tempfile::tempdir().unwrap();
        let file = || JsonFile::new(dir.path(), "notices.json");
        let l10n = Localizer::new();
        let known = Known {
            bookings: &[],
            offices: &[],
        };
        let now = at("2026-12-11T07:00:05Z");
        let entries = [entry(EntryOutcome::Waitlisted)];
        let mut book = NoticeBook::open(file());
        let planned = plan(&entries, &[], &known, &l10n, Locale::Id, now);
        assert_eq!(book.add(planned.clone(), now).unwrap(), 1);
        assert_eq!(book.add(planned.clone(), now).unwrap(), 0, "known already");
        let due = book.due(now);
        assert_eq!(due.len(), 1);
        assert!(
            due[0].body.contains("untuk bekasi, depok"),
            "{}",
            due[0].body
        );
        // a restart before delivery: still due; after: never again
        let mut book = NoticeBook::open(file());
        assert_eq!(book.due(now).len(), 1);
        book.mark_delivered(&due[0].id).unwrap();
        let mut book = NoticeBook::open(file());
        assert!(book.due(now).is_empty());
        assert_eq!(book.add(planned.clone(), now).unwrap(), 0);
        // long after it stopped mattering it is forgotten (and would not be planned anyway)
        book.add(Vec::new(), now + Duration::days(30)).unwrap();
        assert!(book.all().is_empty());
        assert_ne!(due[0].numeric_id(), 0);
    }
}
