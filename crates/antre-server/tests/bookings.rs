mod support;

use antre_api::bookings::CreateBookingRequest;
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use antre_client::Client;
use chrono::Duration;
use support::*;
use uuid::Uuid;

fn req(applicant: Uuid, slot: i64) -> CreateBookingRequest {
    CreateBookingRequest {
        applicant_id: applicant,
        slot_id: slot,
        passport_kind: PassportKind::Electronic,
        validity: Validity::TenYears,
        application_kind: ApplicationKind::New,
    }
}

async fn first_slot(client: &Client, office: &str, date: chrono::NaiveDate, lane: Lane) -> i64 {
    client.day_slots(office, date, Some(lane)).await.unwrap()[0].slot_id
}

fn key() -> String {
    Uuid::new_v4().to_string()
}

#[tokio::test]
async fn book_pay_prove_check_in() {
    let app = spawn_app().await;
    let (client, people) = app.family("booker@example.id", 1, 1).await;
    let slot = first_slot(&client, "kanim-bekasi", day(2026, 12, 8), Lane::Regular).await;
    let (booking, created) = client
        .create_booking(&req(people[0].id, slot), &key())
        .await
        .unwrap();
    assert!(created);
    assert_eq!(booking.status, BookingStatus::PendingPayment);
    assert_eq!(
        booking.fee_total, 950_000,
        "electronic, 10 years (PP 45/2024)"
    );
    assert_eq!(booking.billing_code.len(), 16);
    assert_eq!(
        booking.payment_deadline - app.clock.now(),
        Duration::hours(2)
    );
    assert_eq!(
        booking.documents,
        [
            "doc-ektp",
            "doc-family-card",
            "doc-birth-or-marriage-or-diploma"
        ]
    );
    assert!(booking.proof.is_none(), "no proof before payment");
    assert_eq!(booking.applicant.nik_masked, "3275••••••••••01");
    assert_eq!(booking.office.zone, antre_api::Zone::Wib);

    let ics = client
        .calendar_file(booking.id)
        .await
        .unwrap()
        .replace("\r\n ", ""); // unfold (RFC 5545)
    assert!(ics.contains("DTSTART:20261208T010000Z"), "{ics}");
    assert!(ics.contains(&booking.billing_code));
    assert!(
        !ics.contains("1705960001"),
        "the NIK stays out of calendar files"
    );

    // An applicant cannot take payments; the bank's signed callback pays.
    assert_eq!(
        client
            .confirm_payment(&booking.billing_code)
            .await
            .unwrap_err()
            .code(),
        Some("forbidden")
    );
    app.pay(&booking).await;
    assert_eq!(
        client.booking(booking.id).await.unwrap().status,
        BookingStatus::Confirmed
    );

    // The proof verifies offline with only the published key and binds name + masked NIK.
    let proof = client
        .booking(booking.id)
        .await
        .unwrap()
        .proof
        .expect("proof after payment");
    let key =
        antre_proof::decode_public_key(&client.proof_key().await.unwrap().public_key).unwrap();
    let payload = antre_proof::verify(&key, &proof).unwrap();
    assert_eq!(payload.booking_id, booking.id.to_string());
    assert_eq!(payload.name, "BUDI SANTOSO");
    // The NIK is bound by a digest keyed with the server's data key: knowing the number is not
    // enough to compute it, so nobody can find the number from a photo by trying candidates.
    let personal = &app.running.state.personal_data;
    let number = antre_domain::nik::Nik::parse(&nik(day(1996, 5, 17), false, 1)).unwrap();
    assert_eq!(
        payload.nik_digest,
        personal.proof_digest(&payload.booking_id, &personal.key(&number))
    );
    let unkeyed = |text: String| {
        use sha2::Digest;
        base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            sha2::Sha256::digest(text.as_bytes()),
        )
    };
    for guess in [
        format!("{}:{}", payload.booking_id, number.expose()),
        number.expose().to_string(),
        format!("{}{}", payload.booking_id, number.expose()),
    ] {
        assert_ne!(payload.nik_digest, unkeyed(guess));
    }

    // Check-in: only staff of that office, only on the day.
    let other_office = app
        .staff("petugas@jaktim.id", Some("kanim-jakarta-timur"))
        .await;
    let bekasi_staff = app.staff("petugas@bekasi.id", Some("kanim-bekasi")).await;
    assert_eq!(
        bekasi_staff.check_in(&proof).await.unwrap_err().code(),
        Some("not_today")
    );
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-12-08T01:30:00Z")
            .unwrap()
            .into(),
    );
    assert_eq!(
        other_office.check_in(&proof).await.unwrap_err().code(),
        Some("wrong_office")
    );
    assert_eq!(
        client.check_in(&proof).await.unwrap_err().code(),
        Some("forbidden")
    );
    let tampered = proof.replacen("antre1.", "antre1.x", 1);
    assert_eq!(
        bekasi_staff.check_in(&tampered).await.unwrap_err().code(),
        Some("invalid_proof")
    );
    let entry = bekasi_staff.check_in(&proof).await.unwrap();
    assert_eq!(
        (entry.name.as_str(), entry.nik_masked.as_str()),
        ("BUDI SANTOSO", "3275••••••••••01")
    );
    assert_eq!(entry.status, BookingStatus::CheckedIn);
    assert_eq!(
        bekasi_staff.check_in(&proof).await.unwrap_err().code(),
        Some("booking_not_active")
    );
    let roster = bekasi_staff
        .roster("kanim-bekasi", day(2026, 12, 8), None)
        .await
        .unwrap();
    assert_eq!(roster.len(), 1);
    assert_eq!(
        other_office
            .roster("kanim-bekasi", day(2026, 12, 8), None)
            .await
            .unwrap_err()
            .code(),
        Some("wrong_office")
    );
    app.stop().await;
}

#[tokio::test]
async fn unpaid_bookings_lapse_after_two_hours_and_free_their_place() {
    let app = spawn_app().await;
    let (client, people) = app.family("late@example.id", 2, 1).await;
    let slot = first_slot(&client, "kanim-bekasi", day(2026, 12, 9), Lane::Regular).await;
    app.set_capacity(slot, 1).await;
    let (first, _) = client
        .create_booking(&req(people[0].id, slot), &key())
        .await
        .unwrap();
    assert_eq!(
        client
            .create_booking(&req(people[1].id, slot), &key())
            .await
            .unwrap_err()
            .code(),
        Some("slot_full")
    );

    app.clock.advance(Duration::minutes(119));
    assert_eq!(
        client
            .create_booking(&req(people[1].id, slot), &key())
            .await
            .unwrap_err()
            .code(),
        Some("slot_full")
    );
    app.clock.advance(Duration::minutes(1));
    // The moment the deadline passes, the next booking takes the place (no sweeper needed).
    let (second, _) = client
        .create_booking(&req(people[1].id, slot), &key())
        .await
        .unwrap();
    assert_eq!(
        client.booking(first.id).await.unwrap().status,
        BookingStatus::Lapsed
    );
    assert_eq!(app.slot_counts(slot).await, (1, 1, 1));

    // Paying late for the lapsed one: its place went to the second, so the money is owed back.
    app.pay(&first).await;
    let late = client.booking(first.id).await.unwrap();
    assert_eq!(late.status, BookingStatus::Lapsed);
    assert_eq!(late.refund_due, late.fee_total);
    // The sweeper lapses the second in turn.
    app.clock.advance(Duration::hours(3));
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    assert_eq!(
        client.booking(second.id).await.unwrap().status,
        BookingStatus::Lapsed
    );
    assert_eq!(app.slot_counts(slot).await, (1, 0, 0));

    // The same person whose hold expired books again at once (the NIK rule lets go of it).
    let (third, _) = client
        .create_booking(&req(people[0].id, slot), &key())
        .await
        .unwrap();
    let other = first_slot(&client, "kanim-bekasi", day(2026, 12, 10), Lane::Regular).await;
    app.clock.advance(Duration::hours(2));
    let (fourth, _) = client
        .create_booking(&req(people[0].id, other), &key())
        .await
        .unwrap();
    assert_eq!(
        client.booking(third.id).await.unwrap().status,
        BookingStatus::Lapsed
    );
    assert_eq!(fourth.status, BookingStatus::PendingPayment);
    assert_eq!(
        app.slot_counts(slot).await,
        (1, 0, 0),
        "the lapsed hold gave its place back"
    );
    app.stop().await;
}

#[tokio::test]
async fn reschedule_once_until_the_day_before_and_cancel_before_start() {
    let app = spawn_app().await;
    let (client, people) = app.family("move@example.id", 1, 1).await;
    let a = first_slot(&client, "kanim-bekasi", day(2026, 12, 8), Lane::Regular).await;
    let b = first_slot(&client, "kanim-bekasi", day(2026, 12, 10), Lane::Regular).await;
    let c = first_slot(&client, "kanim-bekasi", day(2026, 12, 11), Lane::Regular).await;
    let priority = first_slot(&client, "kanim-bekasi", day(2026, 12, 10), Lane::Priority).await;
    let (booking, _) = client
        .create_booking(&req(people[0].id, a), &key())
        .await
        .unwrap();
    // The view says what may be done, by the same rules the requests meet.
    assert!(booking.actions.cancel.allowed && booking.actions.reschedule.allowed);
    assert!(!booking.actions.reschedule_special);

    assert_eq!(
        client
            .reschedule(booking.id, priority)
            .await
            .unwrap_err()
            .code(),
        Some("lane_not_eligible")
    );
    let moved = client.reschedule(booking.id, b).await.unwrap();
    assert_eq!((moved.date, moved.reschedules_left), (day(2026, 12, 10), 0));
    assert_eq!(
        moved.actions.reschedule.refused.as_deref(),
        Some("reschedule_limit_reached")
    );
    assert!(moved.actions.cancel.allowed);
    assert_eq!(app.slot_counts(a).await.1, 0, "old place freed");
    assert_eq!(app.slot_counts(b).await.1, 1, "new place taken");
    assert_eq!(
        client.reschedule(booking.id, c).await.unwrap_err().code(),
        Some("reschedule_limit_reached")
    );

    // Someone else's booking: H-1 rule.
    let (other, people2) = app.family("other@example.id", 1, 2).await;
    let (late, _) = other
        .create_booking(&req(people2[0].id, a), &key())
        .await
        .unwrap();
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-12-07T17:00:00Z")
            .unwrap()
            .into(),
    ); // 8 Dec 00:00 WIB
    assert_eq!(
        other.reschedule(late.id, c).await.unwrap_err().code(),
        Some("reschedule_too_late")
    );
    assert_eq!(
        client.cancel(late.id).await.unwrap_err().code(),
        Some("not_found"),
        "not yours"
    );
    let cancelled = other.cancel(late.id).await.unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(
        other.cancel(late.id).await.unwrap_err().code(),
        Some("booking_not_active")
    );
    assert_eq!(app.slot_counts(a).await.1, 0);

    // Once a booking is cancelled, the same person may book again.
    let (again, _) = other
        .create_booking(&req(people2[0].id, c), &key())
        .await
        .unwrap();
    assert_eq!(again.status, BookingStatus::PendingPayment);
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-12-11T01:00:00Z")
            .unwrap()
            .into(),
    ); // start of the slot
    assert_eq!(
        other
            .booking(again.id)
            .await
            .unwrap()
            .actions
            .cancel
            .refused
            .as_deref(),
        Some("cancel_too_late")
    );
    assert_eq!(
        other.cancel(again.id).await.unwrap_err().code(),
        Some("cancel_too_late")
    );
    app.stop().await;
}

/// Moving into the slot the booking already holds used to succeed and use up the reschedule.
/// A reschedule stays at the office and in the lane, and checks validity by age on the new day.
#[tokio::test]
async fn a_reschedule_must_really_move_within_office_and_lane() {
    let app = spawn_app().await;
    let (client, people) = app.family("stay@example.id", 1, 1).await;
    let a = first_slot(&client, "kanim-bekasi", day(2026, 12, 8), Lane::Regular).await;
    let same_day = first_slot(&client, "kanim-bekasi", day(2026, 12, 8), Lane::SameDay).await;
    let elsewhere = first_slot(&client, "kanim-serang", day(2026, 12, 9), Lane::Regular).await;
    let (booking, _) = client
        .create_booking(&req(people[0].id, a), &key())
        .await
        .unwrap();
    for (target, code) in [
        (a, "same_slot"),
        (same_day, "reschedule_other_lane"),
        (elsewhere, "reschedule_other_office"),
    ] {
        assert_eq!(
            client
                .reschedule(booking.id, target)
                .await
                .unwrap_err()
                .code(),
            Some(code)
        );
    }
    let view = client.booking(booking.id).await.unwrap();
    assert_eq!(
        (view.slot_id, view.reschedules_left),
        (a, 1),
        "refusals use nothing up"
    );

    // A 10-year passport needs the applicant to be 17 on the appointment day: a 16-year-old
    // who turns 17 on 9 December may book the 10th, not move back to the 8th.
    let parent = app.signed_in("teen@example.id").await;
    let teen = parent
        .add_applicant(&applicant("ANAK MUDA", day(2009, 12, 9), 7))
        .await
        .unwrap();
    let d10 = first_slot(&client, "kanim-bekasi", day(2026, 12, 10), Lane::Regular).await;
    let (ten_years, _) = parent
        .create_booking(&req(teen.id, d10), &key())
        .await
        .unwrap();
    assert_eq!(
        parent.reschedule(ten_years.id, a).await.unwrap_err().code(),
        Some("ten_year_not_allowed")
    );
    app.stop().await;
}

#[tokio::test]
async fn lanes_services_and_release_times_are_enforced() {
    let app = spawn_app().await;
    let client = app.signed_in("rules@example.id").await;
    let adult = client
        .add_applicant(&applicant("ADI", day(1990, 1, 1), 1))
        .await
        .unwrap();
    let grandpa = client
        .add_applicant(&applicant("KAKEK", day(1950, 1, 1), 2))
        .await
        .unwrap();
    let child = client
        .add_applicant(&applicant("ANAK", day(2012, 1, 1), 3))
        .await
        .unwrap();
    let priority = first_slot(&client, "kanim-bekasi", day(2026, 12, 8), Lane::Priority).await;
    assert_eq!(
        client
            .create_booking(&req(adult.id, priority), &key())
            .await
            .unwrap_err()
            .code(),
        Some("lane_not_eligible")
    );
    let (elder, _) = client
        .create_booking(&req(grandpa.id, priority), &key())
        .await
        .unwrap();
    assert_eq!(elder.lane, Lane::Priority);

    let regular = first_slot(&client, "kanim-bekasi", day(2026, 12, 8), Lane::Regular).await;
    assert_eq!(
        client
            .create_booking(&req(child.id, regular), &key())
            .await
            .unwrap_err()
            .code(),
        Some("ten_year_not_allowed")
    );
    let five = CreateBookingRequest {
        validity: Validity::FiveYears,
        ..req(child.id, regular)
    };
    let (kid, _) = client.create_booking(&five, &key()).await.unwrap();
    assert!(kid
        .documents
        .contains(&"doc-parental-statement".to_string()));

    let same_day = first_slot(&client, "kanim-bekasi", day(2026, 12, 9), Lane::SameDay).await;
    let (fast, _) = client
        .create_booking(&req(adult.id, same_day), &key())
        .await
        .unwrap();
    assert_eq!(fast.fee_total, 950_000 + 1_000_000, "same-day surcharge");

    // An office opened in 2026 without e-passports; and a day not yet released.
    let new_office = client
        .offices()
        .await
        .unwrap()
        .into_iter()
        .find(|o| !o.services.electronic)
        .expect("an office without e-passports");
    let friend = app.family("friend@example.id", 1, 9).await;
    let s = first_slot(&client, &new_office.id, day(2026, 12, 8), Lane::Regular).await;
    assert_eq!(
        friend
            .0
            .create_booking(&req(friend.1[0].id, s), &key())
            .await
            .unwrap_err()
            .code(),
        Some("service_not_offered")
    );
    let unreleased = first_slot(&client, "kanim-bekasi", day(2026, 12, 15), Lane::Regular).await;
    let e = friend
        .0
        .create_booking(
            &CreateBookingRequest {
                passport_kind: PassportKind::Ordinary,
                ..req(friend.1[0].id, unreleased)
            },
            &key(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("slot_not_released"));
    let antre_client::ClientError::Api { body, .. } = e else {
        panic!()
    };
    assert!(
        body.message.contains("2026-12-11 14:00 WIB"),
        "{}",
        body.message
    );

    let missing_key = reqwest::Client::new()
        .post(format!("{}/v1/bookings", app.url))
        .bearer_auth(client.token().unwrap())
        .json(&req(adult.id, regular))
        .send()
        .await
        .unwrap();
    assert_eq!(missing_key.status(), 400);
    app.stop().await;
}

#[tokio::test]
async fn no_shows_are_marked_after_the_session() {
    let app = spawn_app().await;
    let (client, people) = app.family("absent@example.id", 1, 1).await;
    let slot = first_slot(&client, "kanim-bekasi", day(2026, 12, 8), Lane::Regular).await;
    let (booking, _) = client
        .create_booking(&req(people[0].id, slot), &key())
        .await
        .unwrap();
    let staff = app.staff("petugas@bekasi.id", Some("kanim-bekasi")).await;
    app.pay(&booking).await;
    assert_eq!(
        staff
            .no_show_sweep("kanim-bekasi", day(2026, 12, 8))
            .await
            .unwrap()
            .marked_no_show,
        0,
        "not yet"
    );
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-12-08T09:00:00Z")
            .unwrap()
            .into(),
    );
    assert_eq!(
        staff
            .no_show_sweep("kanim-bekasi", day(2026, 12, 8))
            .await
            .unwrap()
            .marked_no_show,
        1
    );
    assert_eq!(
        client.booking(booking.id).await.unwrap().status,
        BookingStatus::NoShow
    );
    app.stop().await;
}

/// Any unique violation used to be reported as "this NIK already has a booking". A clash of
/// billing codes is drawn again; only the NIK index means that.
#[tokio::test]
async fn a_billing_code_clash_is_not_a_nik_conflict() {
    use antre_server::store::bookings::{create, Created, NewBooking};
    let app = spawn_app().await;
    let (client, people) = app.family("clash@example.id", 2, 1).await;
    let slot = first_slot(&client, "kanim-bekasi", day(2026, 12, 8), Lane::Regular).await;
    let account = client.me().await.unwrap().id;
    let applicants = antre_server::store::applicants::list(app.db(), account)
        .await
        .unwrap();
    let new = |i: usize| NewBooking {
        account_id: account,
        applicant_id: people[i].id,
        nik: applicants[i].nik_key.clone(),
        slot_id: slot,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
        fee_total: 350_000,
        billing_code: "1111222233334444".into(),
        payment_deadline: app.clock.now() + Duration::hours(2),
        client_key: None,
    };
    let now = app.clock.now();
    let first = create(app.db(), new(0), "clash-1", "h1", now)
        .await
        .unwrap();
    let second = create(app.db(), new(1), "clash-2", "h2", now)
        .await
        .expect("a second booking despite the same billing code");
    let (Created::New(a), Created::New(b)) = (first, second) else {
        panic!("both are new bookings");
    };
    let a = client.booking(a).await.unwrap();
    let b = client.booking(b).await.unwrap();
    assert_eq!(a.billing_code, "1111222233334444");
    assert_ne!(
        b.billing_code, a.billing_code,
        "the second drew another code"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_booking_is_for_an_applicant_of_the_account_in_a_slot_that_exists() {
    let app = spawn_app().await;
    let (client, people) = app.family("mine@example.id", 2, 1).await;
    let (_, theirs) = app.family("theirs@example.id", 1, 3).await;
    let slot = first_slot(&client, "kanim-bekasi", day(2026, 12, 8), Lane::Regular).await;
    let missing_slot = i64::MAX;
    // Someone else's applicant, or none: not found, whether or not the slot exists (the
    // applicant is looked at first), and nothing is booked.
    for applicant in [theirs[0].id, Uuid::new_v4()] {
        for slot in [slot, missing_slot] {
            assert_eq!(
                client
                    .create_booking(&req(applicant, slot), &key())
                    .await
                    .unwrap_err()
                    .code(),
                Some("not_found")
            );
        }
    }
    assert_eq!(
        client
            .create_booking(&req(people[0].id, missing_slot), &key())
            .await
            .unwrap_err()
            .code(),
        Some("slot_not_found")
    );
    // A full slot refuses before any write, but only once its own checks pass.
    app.set_capacity(slot, 0).await;
    assert_eq!(
        client
            .create_booking(&req(people[0].id, slot), &key())
            .await
            .unwrap_err()
            .code(),
        Some("slot_full")
    );
    app.set_capacity(slot, 5).await;
    // A removed applicant books no more.
    client.remove_applicant(people[1].id).await.unwrap();
    assert_eq!(
        client
            .create_booking(&req(people[1].id, slot), &key())
            .await
            .unwrap_err()
            .code(),
        Some("not_found")
    );
    assert_eq!(app.slot_counts(slot).await.1, 0, "nothing booked");
    let (booked, created) = client
        .create_booking(&req(people[0].id, slot), &key())
        .await
        .unwrap();
    assert!(created);
    assert_eq!(booked.applicant.id, people[0].id);
    assert_eq!(booked.slot_id, slot);
    app.stop().await;
}
