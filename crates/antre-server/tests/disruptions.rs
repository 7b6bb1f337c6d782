//! Closures and disruptions declared for an office, a province or the whole country: new
//! bookings stop there, exactly the bookings in the span are told (in the app, by SMS, on the
//! booking), each may take the one-tap special reschedule, updates are kept, and anyone can
//! read the status without an account.
mod support;

use antre_api::bookings::CreateBookingRequest;
use antre_api::disruptions::{
    DeclareDisruptionRequest, DisruptionKind, DisruptionReason, DisruptionScope,
    DisruptionUpdateKind, DisruptionUpdateRequest, NotificationKind, OfficeState,
};
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use antre_client::Client;
use chrono::{DateTime, Utc};
use sqlx::Row;
use support::*;
use uuid::Uuid;

fn req(applicant: Uuid, slot: i64) -> CreateBookingRequest {
    CreateBookingRequest {
        applicant_id: applicant,
        slot_id: slot,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
    }
}

fn key() -> String {
    Uuid::new_v4().to_string()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

async fn first_slot(client: &Client, office: &str, date: chrono::NaiveDate) -> i64 {
    client
        .day_slots(office, date, Some(Lane::Regular))
        .await
        .unwrap()[0]
        .slot_id
}

/// The whole of Tuesday 8 December 2026 in WIB.
fn tuesday(
    scope: DisruptionScope,
    office: Option<&str>,
    province: Option<&str>,
) -> DeclareDisruptionRequest {
    DeclareDisruptionRequest {
        scope,
        office_id: office.map(str::to_string),
        province: province.map(str::to_string),
        kind: DisruptionKind::Closure,
        reason: DisruptionReason::CentralSystem,
        note: "Server SIMKIM <pusat> tidak dapat diakses.".into(),
        starts_at: Some(at("2026-12-07T17:00:00Z")),
        expected_end: Some(at("2026-12-08T17:00:00Z")),
    }
}

/// Marks the account's phone verified (what the phone's code does), so SMS notices reach it.
async fn verify_phone(app: &TestApp, email: &str) {
    app.db()
        .execute(
            sqlx::query("UPDATE accounts SET phone_verified_at = $1 WHERE email = $2")
                .bind(app.clock.now().timestamp())
                .bind(email.to_string()),
        )
        .await
        .unwrap();
}

async fn sms_count(app: &TestApp, purpose: &str) -> i64 {
    sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE channel = 'sms' AND purpose = $1")
        .bind(purpose.to_string())
        .fetch_one(&app.db().read)
        .await
        .unwrap()
        .get("n")
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    sqlx::query("SELECT action FROM audit_log WHERE action LIKE 'disruption.%' ORDER BY id")
        .fetch_all(&app.db().read)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("action"))
        .collect()
}

#[tokio::test]
async fn an_office_closure_stops_bookings_tells_exactly_its_bookings_and_offers_one_tap() {
    let app = spawn_app().await;
    let (ani, ani_people) = app.family("ani@example.id", 3, 1).await;
    verify_phone(&app, "ani@example.id").await;
    let (budi, budi_people) = app.family("budi@example.id", 1, 11).await;
    let tue = first_slot(&ani, "kanim-bekasi", day(2026, 12, 8)).await;
    let wed = first_slot(&ani, "kanim-bekasi", day(2026, 12, 9)).await;
    let bogor_tue = first_slot(&ani, "kanim-bogor", day(2026, 12, 8)).await;
    let (stranded, _) = ani
        .create_booking(&req(ani_people[0].id, tue), &key())
        .await
        .unwrap();
    let (later, _) = ani
        .create_booking(&req(ani_people[1].id, wed), &key())
        .await
        .unwrap();
    let (elsewhere, _) = budi
        .create_booking(&req(budi_people[0].id, bogor_tue), &key())
        .await
        .unwrap();

    // Neither an applicant nor an ordinary officer declares; a head only for their office.
    let notice = tuesday(DisruptionScope::Office, Some("kanim-bekasi"), None);
    assert_eq!(
        ani.declare_disruption(&notice).await.unwrap_err().code(),
        Some("forbidden")
    );
    let officer = app.staff("petugas@bekasi.id", Some("kanim-bekasi")).await;
    assert_eq!(
        officer
            .declare_disruption(&notice)
            .await
            .unwrap_err()
            .code(),
        Some("forbidden")
    );
    let bogor_head = app.head("kepala@bogor.id", "kanim-bogor").await;
    assert_eq!(
        bogor_head
            .declare_disruption(&notice)
            .await
            .unwrap_err()
            .code(),
        Some("wrong_office")
    );
    let head = app.head("kepala@bekasi.id", "kanim-bekasi").await;
    let mut backwards = notice.clone();
    backwards.expected_end = Some(at("2026-12-07T10:00:00Z"));
    assert_eq!(
        head.declare_disruption(&backwards)
            .await
            .unwrap_err()
            .code(),
        Some("disruption_end_before_start")
    );
    let declared = head.declare_disruption(&notice).await.unwrap();
    assert_eq!(declared.offices, 1);
    assert_eq!(
        declared.affected_bookings, 1,
        "only the booking on the 8th at Bekasi"
    );
    assert_eq!(declared.history.len(), 1);

    // New bookings stop there, on the day in the span only.
    assert_eq!(
        ani.create_booking(&req(ani_people[2].id, tue), &key())
            .await
            .unwrap_err()
            .code(),
        Some("day_closed")
    );
    assert_eq!(
        ani.reschedule(later.id, tue).await.unwrap_err().code(),
        Some("day_closed")
    );
    let cal = ani
        .calendar("kanim-bekasi", day(2026, 12, 8), day(2026, 12, 8))
        .await
        .unwrap();
    assert!(cal.days[0].lanes.iter().all(|l| l.remaining == 0));

    // The stranded booking says why and until when, and offers the special reschedule.
    let seen = ani.booking(stranded.id).await.unwrap();
    let on_booking = seen.disruption.expect("the notice is on the booking");
    assert_eq!(on_booking.id, declared.id);
    assert_eq!(on_booking.reason, DisruptionReason::CentralSystem);
    assert_eq!(on_booking.expected_end, Some(at("2026-12-08T17:00:00Z")));
    assert!(seen.actions.reschedule_special);
    assert!(ani.booking(later.id).await.unwrap().disruption.is_none());
    assert!(budi
        .booking(elsewhere.id)
        .await
        .unwrap()
        .disruption
        .is_none());

    // Told at once: a notice in the app for Ani only, in the language asked; an SMS to her
    // verified phone; nothing for Budi.
    let notes = ani.notifications(None).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, NotificationKind::Disrupted);
    assert_eq!(notes[0].booking_id, Some(stranded.id));
    assert!(
        notes[0]
            .body
            .contains("Kantor Imigrasi Kelas I Non TPI Bekasi"),
        "{}",
        notes[0].body
    );
    let english = app
        .client()
        .with_token(ani.token().unwrap().to_string())
        .with_language("en")
        .notifications(None)
        .await
        .unwrap();
    assert_eq!(english[0].title, "Your appointment is affected");
    assert!(budi.notifications(None).await.unwrap().is_empty());
    assert_eq!(sms_count(&app, "disruption").await, 1);
    ani.mark_notification_read(notes[0].id).await.unwrap();
    assert!(ani.notifications(None).await.unwrap()[0].read);
    assert_eq!(
        budi.mark_notification_read(notes[0].id)
            .await
            .unwrap_err()
            .code(),
        Some("not_found")
    );
    assert!(ani
        .notifications(Some(notes[0].id))
        .await
        .unwrap()
        .is_empty());

    // One tap: the earliest open place at the same office, the ordinary reschedule kept.
    assert_eq!(
        ani.special_reschedule(later.id).await.unwrap_err().code(),
        Some("not_stranded")
    );
    let moved = ani.special_reschedule(stranded.id).await.unwrap();
    assert_eq!(moved.office.id, "kanim-bekasi");
    assert_ne!(moved.date, day(2026, 12, 8), "outside the closure");
    assert!(moved.starts_at > app.clock.now());
    assert_eq!(
        moved.reschedules_left, 1,
        "the ordinary reschedule is not used up"
    );
    assert_eq!(moved.status, BookingStatus::PendingPayment);
    assert!(moved.disruption.is_none());
    assert_eq!(
        app.slot_counts(tue).await.1,
        0,
        "its place on the closed day is given back"
    );

    // Service restored: the day takes bookings again, the update is kept, Ani's other
    // booking was never told, so nobody is told of the restoration by SMS.
    let restored = head
        .update_disruption(
            declared.id,
            &DisruptionUpdateRequest {
                note: "Layanan sudah normal.".into(),
                expected_end: None,
                restored: true,
            },
        )
        .await
        .unwrap();
    assert!(restored.restored_at.is_some());
    assert_eq!(
        restored.history.iter().map(|h| h.kind).collect::<Vec<_>>(),
        vec![
            DisruptionUpdateKind::Declared,
            DisruptionUpdateKind::Restored
        ]
    );
    let (again, _) = ani
        .create_booking(&req(ani_people[2].id, tue), &key())
        .await
        .unwrap();
    assert_eq!(again.date, day(2026, 12, 8));
    assert_eq!(
        head.update_disruption(
            declared.id,
            &DisruptionUpdateRequest {
                note: "lagi".into(),
                expected_end: None,
                restored: true
            }
        )
        .await
        .unwrap_err()
        .code(),
        Some("disruption_restored")
    );
    assert_eq!(
        audit_actions(&app).await,
        vec!["disruption.declare", "disruption.restore"]
    );
    app.assert_invariants().await;
    app.stop().await;
}

#[tokio::test]
async fn a_province_closure_covers_its_offices_and_the_status_is_public() {
    let app = spawn_app().await;
    let (ani, people) = app.family("ani@example.id", 2, 1).await;
    let bekasi = first_slot(&ani, "kanim-bekasi", day(2026, 12, 8)).await;
    let jakarta = first_slot(&ani, "kanim-jakarta-selatan", day(2026, 12, 8)).await;
    let (in_province, _) = ani
        .create_booking(&req(people[0].id, bekasi), &key())
        .await
        .unwrap();
    let (outside, _) = ani
        .create_booking(&req(people[1].id, jakarta), &key())
        .await
        .unwrap();

    let notice = tuesday(DisruptionScope::Province, None, Some("jawa barat"));
    let head = app.head("kepala@bekasi.id", "kanim-bekasi").await;
    assert_eq!(
        head.declare_disruption(&notice).await.unwrap_err().code(),
        Some("forbidden")
    );
    let admin = app.staff("admin@imigrasi.go.id", None).await;
    let mut unknown = notice.clone();
    unknown.province = Some("Atlantis".into());
    assert_eq!(
        admin.declare_disruption(&unknown).await.unwrap_err().code(),
        Some("invalid_request")
    );
    let mut disruption = notice.clone();
    disruption.kind = DisruptionKind::Disruption;
    disruption.expected_end = None;
    let declared = admin.declare_disruption(&disruption).await.unwrap();
    assert!(
        declared.offices > 5,
        "every office of Jawa Barat: {}",
        declared.offices
    );
    assert_eq!(declared.province.as_deref(), Some("Jawa Barat"));
    assert!(ani
        .booking(in_province.id)
        .await
        .unwrap()
        .disruption
        .is_some());
    assert!(ani.booking(outside.id).await.unwrap().disruption.is_none());
    // Unknown end: every later day at Bekasi is closed too, Jakarta is not.
    let later = ani
        .day_slots("kanim-bekasi", day(2026, 12, 11), Some(Lane::Regular))
        .await
        .unwrap();
    assert!(later.iter().all(|s| s.remaining == 0), "{later:?}");
    let jakarta_later = ani
        .day_slots(
            "kanim-jakarta-selatan",
            day(2026, 12, 11),
            Some(Lane::Regular),
        )
        .await
        .unwrap();
    assert!(jakarta_later.iter().any(|s| s.remaining > 0));
    // A head cannot change a declaration wider than their office.
    assert_eq!(
        head.update_disruption(
            declared.id,
            &DisruptionUpdateRequest {
                note: "x".into(),
                expected_end: None,
                restored: true
            }
        )
        .await
        .unwrap_err()
        .code(),
        Some("wrong_office")
    );

    // The public status, without an account: before the 8th it is announced, not in force.
    let anyone = app.client();
    let status = anyone.service_status(Some("kanim-bekasi")).await.unwrap();
    assert_eq!(status.offices.len(), 1);
    assert_eq!(
        status.offices[0].state,
        OfficeState::Open,
        "announced, not begun"
    );
    assert_eq!(status.offices[0].current.len(), 1);
    app.clock.set(at("2026-12-07T18:00:00Z"));
    let status = anyone.service_status(None).await.unwrap();
    let state_of = |id: &str| {
        status
            .offices
            .iter()
            .find(|o| o.office_id == id)
            .unwrap()
            .state
    };
    assert_eq!(state_of("kanim-bekasi"), OfficeState::Disrupted);
    assert_eq!(state_of("kanim-jakarta-selatan"), OfficeState::Open);

    // An update names the end: the days after it open again, and the holder is told.
    let updated = admin
        .update_disruption(
            declared.id,
            &DisruptionUpdateRequest {
                note: "Perbaikan selesai Rabu malam.".into(),
                expected_end: Some(at("2026-12-09T12:00:00Z")),
                restored: false,
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.history.len(), 2);
    let reopened = ani
        .day_slots("kanim-bekasi", day(2026, 12, 11), Some(Lane::Regular))
        .await
        .unwrap();
    assert!(reopened.iter().any(|s| s.remaining > 0), "{reopened:?}");
    let kinds: Vec<_> = ani
        .notifications(None)
        .await
        .unwrap()
        .iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            NotificationKind::Disrupted,
            NotificationKind::DisruptionUpdated
        ]
    );

    // The plain page, in the language asked, with the office's note escaped.
    let page = reqwest::get(format!("{}/status?lang=en&office=kanim-bekasi", app.url))
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Service status of immigration offices"),
        "{html}"
    );
    assert!(
        html.contains("Server SIMKIM &lt;pusat&gt;")
            || html.contains("Perbaikan selesai Rabu malam."),
        "{html}"
    );
    assert!(!html.contains("<pusat>"));
    let id_page = reqwest::Client::new()
        .get(format!("{}/status", app.url))
        .header("accept-language", "id")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(id_page.contains("Status layanan kantor imigrasi"));
    assert_eq!(
        audit_actions(&app).await,
        vec!["disruption.declare", "disruption.update"]
    );
    app.assert_invariants().await;
    app.stop().await;
}

#[tokio::test]
async fn a_national_closure_sends_the_one_tap_to_a_nearby_office_when_the_own_is_full() {
    let app = spawn_app().await;
    let (ani, people) = app.family("ani@example.id", 1, 1).await;
    let tue = first_slot(&ani, "kanim-bekasi", day(2026, 12, 8)).await;
    let (stranded, _) = ani
        .create_booking(&req(people[0].id, tue), &key())
        .await
        .unwrap();
    let admin = app.staff("admin@imigrasi.go.id", None).await;
    // Bekasi closes from now with no known end, so the one tap must look elsewhere.
    let mut notice = tuesday(DisruptionScope::Office, Some("kanim-bekasi"), None);
    notice.starts_at = None;
    notice.expected_end = None;
    admin.declare_disruption(&notice).await.unwrap();
    let moved = ani.special_reschedule(stranded.id).await.unwrap();
    assert_ne!(moved.office.id, "kanim-bekasi");
    assert_eq!(moved.reschedules_left, 1);

    // A national closure with no known end: no office gives a place.
    let national = admin
        .declare_disruption(&DeclareDisruptionRequest {
            scope: DisruptionScope::National,
            office_id: None,
            province: None,
            kind: DisruptionKind::Closure,
            reason: DisruptionReason::CentralSystem,
            note: "Pusat Data Nasional terganggu.".into(),
            starts_at: None,
            expected_end: None,
        })
        .await
        .unwrap();
    assert!(national.offices > 100, "{}", national.offices);
    assert!(national.in_force);
    assert_eq!(national.affected_bookings, 1);
    assert_eq!(
        ani.special_reschedule(stranded.id)
            .await
            .unwrap_err()
            .code(),
        Some("no_place_for_special_reschedule")
    );
    let status = app.client().service_status(None).await.unwrap();
    assert!(status
        .offices
        .iter()
        .all(|o| o.state == OfficeState::Closed));
    app.stop().await;
}

/// (capacity, booked, protected) of a slot, read from the table.
async fn protected_counts(app: &TestApp, slot: i64) -> (i64, i64, i64) {
    let r = sqlx::query("SELECT capacity, booked, protected FROM slots WHERE id = $1")
        .bind(slot)
        .fetch_one(&app.db().read)
        .await
        .unwrap();
    (r.get("capacity"), r.get("booked"), r.get("protected"))
}

/// Test setup: a slot with `ordinary` places free to everyone and `protected` ones kept for
/// the special reschedule (nothing booked yet).
async fn set_places(app: &TestApp, slot: i64, ordinary: i64, protected: i64) {
    app.db()
        .execute(
            sqlx::query("UPDATE slots SET capacity = booked + offered + $1 + $2, protected = $2 WHERE id = $3")
                .bind(ordinary)
                .bind(protected)
                .bind(slot),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn each_day_keeps_the_offices_protected_share_until_noon_the_day_before() {
    let app = spawn_app().await;
    let (ani, _) = app.family("ani@example.id", 1, 1).await;
    let thursday = day(2026, 12, 10);
    let slots = ani
        .day_slots("kanim-bekasi", thursday, Some(Lane::Regular))
        .await
        .unwrap();
    let row = sqlx::query(
        "SELECT quota_regular, protected_percent FROM offices WHERE id = 'kanim-bekasi'",
    )
    .fetch_one(&app.db().read)
    .await
    .unwrap();
    let (quota, percent): (i64, i64) = (row.get("quota_regular"), row.get("protected_percent"));
    let mut protected = 0;
    for s in &slots {
        let (capacity, booked, p) = protected_counts(&app, s.slot_id).await;
        assert_eq!(booked, 0);
        assert!(p > 0 && p < capacity, "{p} of {capacity}");
        assert_eq!(
            i64::from(s.remaining),
            capacity - p,
            "the public sees the rest"
        );
        protected += p;
    }
    assert_eq!(
        protected,
        (quota * percent + 99) / 100,
        "{percent} % of {quota}, rounded up"
    );
    let until: i64 = sqlx::query(
        "SELECT DISTINCT protected_until FROM slots WHERE office_id = 'kanim-bekasi' AND day = $1",
    )
    .bind(thursday.to_string())
    .fetch_one(&app.db().read)
    .await
    .unwrap()
    .get("protected_until");
    assert_eq!(
        until,
        at("2026-12-09T05:00:00Z").timestamp(),
        "12:00 WIB on Wednesday"
    );
    app.stop().await;
}

#[tokio::test]
async fn protected_places_go_only_to_the_special_reschedule_then_to_everyone_the_day_before() {
    let app = spawn_app().await;
    let (ani, ani_people) = app.family("ani@example.id", 2, 1).await;
    let (budi, budi_people) = app.family("budi@example.id", 2, 11).await;
    let monday = first_slot(&ani, "kanim-bekasi", day(2026, 12, 7)).await;
    let tuesday_slots = ani
        .day_slots("kanim-bekasi", day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap();
    let (stranded, _) = ani
        .create_booking(&req(ani_people[0].id, monday), &key())
        .await
        .unwrap();
    // Tuesday's first session keeps one ordinary place and one protected; every other place of
    // Bekasi's Monday and Tuesday is gone.
    let protected_slot = tuesday_slots[0].slot_id;
    set_places(&app, protected_slot, 1, 1).await;
    for s in &tuesday_slots[1..] {
        set_places(&app, s.slot_id, 0, 0).await;
    }
    for s in ani
        .day_slots("kanim-bekasi", day(2026, 12, 7), Some(Lane::Regular))
        .await
        .unwrap()
    {
        if s.slot_id != monday {
            set_places(&app, s.slot_id, 0, 0).await;
        }
    }
    budi.create_booking(&req(budi_people[0].id, protected_slot), &key())
        .await
        .unwrap();
    // Only the protected place is left: public booking is refused, and the calendar says full.
    assert_eq!(
        ani.create_booking(&req(ani_people[1].id, protected_slot), &key())
            .await
            .unwrap_err()
            .code(),
        Some("slot_full")
    );
    let seen = ani
        .day_slots("kanim-bekasi", day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap();
    assert_eq!(seen[0].remaining, 0);
    assert_eq!(protected_counts(&app, protected_slot).await, (2, 1, 1));

    // Bekasi closes on Monday: the one tap takes the protected place on Tuesday, and the
    // ordinary reschedule is still there.
    let head = app.head("kepala@bekasi.id", "kanim-bekasi").await;
    let mut notice = tuesday(DisruptionScope::Office, Some("kanim-bekasi"), None);
    notice.starts_at = Some(at("2026-12-06T17:00:00Z"));
    notice.expected_end = Some(at("2026-12-07T17:00:00Z"));
    head.declare_disruption(&notice).await.unwrap();
    let moved = ani.special_reschedule(stranded.id).await.unwrap();
    assert_eq!(moved.office.id, "kanim-bekasi");
    assert_eq!(moved.date, day(2026, 12, 8));
    assert_eq!(moved.slot_id, protected_slot);
    assert_eq!(
        moved.reschedules_left, 1,
        "the special reschedule is not counted"
    );
    assert_eq!(protected_counts(&app, protected_slot).await, (2, 2, 0));
    assert_eq!(app.slot_counts(monday).await.1, 0);
    // Used up: the ordinary one still moves it (to a place everyone may take).
    let wednesday = first_slot(&ani, "kanim-bekasi", day(2026, 12, 9)).await;
    let again = ani.reschedule(moved.id, wednesday).await.unwrap();
    assert_eq!(again.reschedules_left, 0);

    // Thursday's first session has only a protected place left: nobody takes it until noon
    // on Wednesday (WIB), when the sweep gives it to everyone.
    let thursday = first_slot(&ani, "kanim-bekasi", day(2026, 12, 10)).await;
    set_places(&app, thursday, 0, 1).await;
    app.clock.set(at("2026-12-09T04:59:00Z"));
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    assert_eq!(
        budi.create_booking(&req(budi_people[1].id, thursday), &key())
            .await
            .unwrap_err()
            .code(),
        Some("slot_full")
    );
    app.clock.set(at("2026-12-09T05:00:00Z"));
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    assert_eq!(protected_counts(&app, thursday).await, (1, 0, 0));
    let (late, _) = budi
        .create_booking(&req(budi_people[1].id, thursday), &key())
        .await
        .unwrap();
    assert_eq!(late.slot_id, thursday);
    // A second pass releases nothing more.
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    assert_eq!(protected_counts(&app, thursday).await, (1, 1, 0));
    app.assert_invariants().await;
    app.stop().await;
}

/// Migration 0013 run against slots as they were before 0010 (no protected places, no
/// protection time): each slot whose protection time is still ahead gets exactly what
/// planning gives it now (less where places are already taken), the others stay as they are.
#[tokio::test]
async fn slots_planned_before_protected_places_get_the_share_planning_gives() {
    let app = spawn_app().await;
    let postgres = !app.database_url().starts_with("sqlite");
    let (ani, people) = app.family("ani@example.id", 1, 1).await;
    // A place taken on a day the migration will cover, so that its slot has fewer free places.
    let taken = first_slot(&ani, "kanim-bekasi", day(2026, 12, 11)).await;
    ani.create_booking(&req(people[0].id, taken), "backfill-taken-1")
        .await
        .unwrap();
    let read = || async {
        sqlx::query(
            "SELECT id, capacity, booked, offered, protected, protected_until FROM slots
             WHERE drive_id IS NULL AND event_site_id IS NULL ORDER BY id",
        )
        .fetch_all(&app.db().read)
        .await
        .unwrap()
        .iter()
        .map(|r| {
            let g = |c: &str| r.get::<i64, _>(c);
            (
                g("id"),
                [
                    g("capacity"),
                    g("booked"),
                    g("offered"),
                    g("protected"),
                    g("protected_until"),
                ],
            )
        })
        .collect::<Vec<_>>()
    };
    // What planning gave every slot.
    let planned = read().await;
    assert!(planned.iter().any(|(_, s)| s[3] > 0));
    // As before 0010, with one slot's free places fewer than its share.
    app.db()
        .execute(sqlx::query(
            "UPDATE slots SET protected = 0, protected_until = 0",
        ))
        .await
        .unwrap();
    let share_of_taken = planned.iter().find(|(id, _)| *id == taken).unwrap().1[3];
    assert!(share_of_taken > 1);
    app.db()
        .execute(
            sqlx::query("UPDATE slots SET capacity = booked + offered + 1 WHERE id = $1")
                .bind(taken),
        )
        .await
        .unwrap();
    // The migration, run on the test's clock four days on (so some days' time has passed).
    let now = app.clock.now() + chrono::Duration::days(4);
    let sql = if postgres {
        include_str!("../migrations/postgres/0013_protected_backfill.sql").replace(
            "CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)",
            &now.timestamp().to_string(),
        )
    } else {
        include_str!("../migrations/sqlite/0013_protected_backfill.sql").replace(
            "CAST(strftime('%s', 'now') AS INTEGER)",
            &now.timestamp().to_string(),
        )
    };
    assert!(sql.contains(&now.timestamp().to_string()));
    // The query must outlive the writer's task: leaked, once, in a test.
    let sql: &'static str = Box::leak(sql.into_boxed_str());
    app.db().execute(sqlx::query(sql)).await.unwrap();
    let after = read().await;
    assert_eq!(after.len(), planned.len());
    let (mut filled, mut passed) = (0, 0);
    for ((id, before), (_, now_row)) in planned.iter().zip(&after) {
        let until = before[4];
        if until > now.timestamp() {
            let free = now_row[0] - now_row[1] - now_row[2];
            assert_eq!(now_row[3], before[3].min(free), "slot {id}");
            assert_eq!(now_row[4], until, "slot {id}");
            filled += 1;
        } else {
            assert_eq!((now_row[3], now_row[4]), (0, 0), "slot {id}");
            passed += 1;
        }
    }
    assert!(filled > 0 && passed > 0, "{filled} {passed}");
    assert_eq!(after.iter().find(|(id, _)| *id == taken).unwrap().1[3], 1);
    app.assert_invariants().await;
    app.stop().await;
}
