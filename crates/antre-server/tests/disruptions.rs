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
    let broken = antre_server::store::invariants::check(app.db())
        .await
        .unwrap();
    assert!(broken.is_empty(), "{broken:?}");
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
    let broken = antre_server::store::invariants::check(app.db())
        .await
        .unwrap();
    assert!(broken.is_empty(), "{broken:?}");
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
