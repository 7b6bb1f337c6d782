//! The office desk: check-in by the QR proof with a reason for every refusal, queue numbers per
//! lane that two desks never give twice, the day by lane and hour, who may do it, and the
//! audit trail.

mod support;

use antre_api::bookings::{BookingView, CreateBookingRequest};
use antre_api::desk::{Arrival, WalkInRequest};
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity, WalkInReason};
use antre_client::{Client, ClientError};
use std::collections::BTreeSet;
use support::*;
use uuid::Uuid;

const BEKASI: &str = "kanim-bekasi";
const JAKTIM: &str = "kanim-jakarta-timur";

/// 08:30 WIB on Tuesday 8 December 2026, the day of the bookings below.
fn desk_time() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-12-08T01:30:00Z")
        .unwrap()
        .into()
}

/// Books `applicant` into the first slot of `lane` at `office` on `date`, and pays if `paid`.
async fn book(
    app: &TestApp,
    client: &Client,
    applicant: Uuid,
    office: &str,
    date: chrono::NaiveDate,
    paid: bool,
) -> BookingView {
    let slot = client
        .day_slots(office, date, Some(Lane::Regular))
        .await
        .unwrap()[0]
        .slot_id;
    let (booking, _) = client
        .create_booking(
            &CreateBookingRequest {
                applicant_id: applicant,
                slot_id: slot,
                passport_kind: PassportKind::Electronic,
                validity: Validity::TenYears,
                application_kind: ApplicationKind::New,
            },
            &Uuid::new_v4().to_string(),
        )
        .await
        .unwrap();
    if !paid {
        return booking;
    }
    app.pay(&booking).await;
    client.booking(booking.id).await.unwrap()
}

fn code(e: ClientError) -> String {
    e.code().unwrap_or("(no answer)").to_string()
}

#[tokio::test]
async fn check_in_at_the_desk_refuses_each_wrong_proof_for_its_own_reason() {
    let app = spawn_app().await;
    let (client, people) = app.family("keluarga@example.id", 5, 1).await;
    let tuesday = day(2026, 12, 8);
    let arrives = book(&app, &client, people[0].id, BEKASI, tuesday, true).await;
    let second = book(&app, &client, people[1].id, BEKASI, tuesday, true).await;
    let cancelled = book(&app, &client, people[2].id, BEKASI, tuesday, true).await;
    let wednesday = book(&app, &client, people[3].id, BEKASI, day(2026, 12, 9), true).await;
    let elsewhere = book(&app, &client, people[4].id, JAKTIM, tuesday, true).await;
    let proof = |b: &BookingView| b.proof.clone().expect("a paid booking has a proof");
    let cancelled_proof = proof(&cancelled);
    client.cancel(cancelled.id).await.unwrap();

    let desk = app.staff("meja@bekasi.id", Some(BEKASI)).await;
    let jaktim_desk = app.staff("meja@jaktim.id", Some(JAKTIM)).await;

    // Four days early.
    let early = desk
        .desk_check_in(BEKASI, &proof(&arrives), None)
        .await
        .unwrap_err();
    assert_eq!(code(early), "proof_other_day");

    app.clock.set(desk_time());
    // Who may: staff of this office only.
    assert_eq!(
        code(
            client
                .desk_check_in(BEKASI, &proof(&arrives), None)
                .await
                .unwrap_err()
        ),
        "forbidden"
    );
    assert_eq!(
        code(
            jaktim_desk
                .desk_check_in(BEKASI, &proof(&arrives), None)
                .await
                .unwrap_err()
        ),
        "wrong_office"
    );
    // A proof of another office names that office, in the officer's language.
    let jaktim_name = client.office(JAKTIM).await.unwrap().office.name;
    match desk
        .clone()
        .with_language("en")
        .desk_check_in(BEKASI, &proof(&elsewhere), None)
        .await
        .unwrap_err()
    {
        ClientError::Api { status, body } => {
            assert_eq!((status, body.code.as_str()), (422, "proof_other_office"));
            assert!(body.message.contains(&jaktim_name), "{}", body.message);
        }
        other => panic!("{other}"),
    }
    assert_eq!(
        code(
            desk.desk_check_in(BEKASI, &proof(&wednesday), None)
                .await
                .unwrap_err()
        ),
        "proof_other_day"
    );
    assert_eq!(
        code(
            desk.desk_check_in(BEKASI, &cancelled_proof, None)
                .await
                .unwrap_err()
        ),
        "proof_revoked"
    );
    let tampered = proof(&arrives).replacen("antre1.", "antre1.x", 1);
    assert_eq!(
        code(
            desk.desk_check_in(BEKASI, &tampered, None)
                .await
                .unwrap_err()
        ),
        "invalid_proof"
    );
    // The e-KTP presented is someone else's (the second person's NIK), or not a NIK at all.
    let second_nik = nik(day(1996, 5, 17), false, 2);
    assert_eq!(
        code(
            desk.desk_check_in(BEKASI, &proof(&arrives), Some(&second_nik))
                .await
                .unwrap_err()
        ),
        "proof_other_person"
    );
    assert!(desk
        .desk_check_in(BEKASI, &proof(&arrives), Some("12345"))
        .await
        .unwrap_err()
        .code()
        .is_some_and(|c| c.contains("nik")));
    // None of the refusals checked anybody in.
    assert_eq!(
        client.booking(arrives.id).await.unwrap().status,
        BookingStatus::Confirmed
    );

    // The right person, as a USB scanner types it (with its line end), with their own NIK.
    let own_nik = nik(day(1996, 5, 17), false, 1);
    let entry = desk
        .desk_check_in(BEKASI, &format!(" {}\r\n", proof(&arrives)), Some(&own_nik))
        .await
        .unwrap();
    assert_eq!(
        (
            entry.booking_id,
            entry.name.as_str(),
            entry.nik_masked.as_str()
        ),
        (arrives.id, "BUDI SANTOSO", "3275••••••••••01")
    );
    assert_eq!(entry.status, BookingStatus::CheckedIn);
    assert_eq!(entry.arrival, Arrival::Arrived);
    assert_eq!(entry.queue_number, Some(1));
    assert_eq!(entry.checked_in_at, Some(desk_time()));
    assert_eq!(
        code(
            desk.desk_check_in(BEKASI, &proof(&arrives), None)
                .await
                .unwrap_err()
        ),
        "already_checked_in"
    );
    // The counter's older check-in takes the next number of the same lane.
    let at_counter = desk.check_in(&proof(&second)).await.unwrap();
    assert_eq!(at_counter.queue_number, Some(2));

    // The day at the desk: both arrived with their numbers, the cancelled one is not expected.
    let day_view = desk.desk_day(BEKASI, None).await.unwrap();
    assert_eq!(day_view.date, tuesday);
    assert_eq!(day_view.time_zone, "Asia/Jakarta");
    let regular = day_view
        .lanes
        .iter()
        .find(|l| l.lane == Lane::Regular)
        .expect("the regular lane");
    assert_eq!((regular.arrived, regular.expected), (2, 0));
    assert!(regular.capacity >= regular.taken && regular.taken >= 2);
    let entries: Vec<_> = regular.hours.iter().flat_map(|h| &h.entries).collect();
    let numbers: BTreeSet<_> = entries
        .iter()
        .filter(|e| e.arrival == Arrival::Arrived)
        .map(|e| (e.booking_id, e.queue_number))
        .collect();
    assert_eq!(
        numbers,
        BTreeSet::from([(arrives.id, Some(1)), (second.id, Some(2))])
    );
    assert!(entries.iter().all(|e| e.booking_id != wednesday.id));
    assert!(regular.hours.iter().all(|h| h.hour.ends_with(":00")));
    assert_eq!(
        code(jaktim_desk.desk_day(BEKASI, None).await.unwrap_err()),
        "wrong_office"
    );
    assert_eq!(
        code(client.desk_day(BEKASI, None).await.unwrap_err()),
        "forbidden"
    );
    let roster = desk.roster(BEKASI, tuesday, None).await.unwrap();
    assert!(roster
        .iter()
        .any(|r| r.booking_id == arrives.id && r.queue_number == Some(1)));

    // Both check-ins are in the office's audit trail, with the number given.
    let head = app.head("kepala@bekasi.id", BEKASI).await;
    let trail = head.audit(BEKASI, None, None).await.unwrap();
    let checked_in: BTreeSet<_> = trail
        .entries
        .iter()
        .filter(|e| e.action == "booking.check_in")
        .map(|e| (e.target.clone().unwrap(), e.detail["queue_number"].as_i64()))
        .collect();
    assert_eq!(
        checked_in,
        BTreeSet::from([
            (arrives.id.to_string(), Some(1)),
            (second.id.to_string(), Some(2))
        ])
    );
    app.stop().await;
}

#[tokio::test]
async fn two_desks_at_once_never_give_one_number_twice() {
    let app = spawn_app().await;
    let tuesday = day(2026, 12, 8);
    let mut proofs = Vec::new();
    for family in 0..2u32 {
        let (client, people) = app
            .family(&format!("keluarga{family}@example.id"), 5, 10 * family + 1)
            .await;
        for p in &people {
            let b = book(&app, &client, p.id, BEKASI, tuesday, true).await;
            proofs.push(b.proof.unwrap());
        }
    }
    app.clock.set(desk_time());
    let desks = [
        app.staff("meja1@bekasi.id", Some(BEKASI)).await,
        app.staff("meja2@bekasi.id", Some(BEKASI)).await,
    ];
    let tasks: Vec<_> = proofs
        .iter()
        .enumerate()
        .map(|(i, proof)| {
            let desk = desks[i % 2].clone();
            let proof = proof.clone();
            tokio::spawn(async move { desk.desk_check_in(BEKASI, &proof, None).await })
        })
        .collect();
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.unwrap().unwrap().queue_number.unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=proofs.len() as u32).collect::<Vec<_>>());
    // Checked in, they still use their places: the bookkeeping agrees with the rows.
    app.assert_invariants().await;
    // The day at the desk counts every one of them as arrived.
    let day_view = desks[0].desk_day(BEKASI, Some(tuesday)).await.unwrap();
    let regular = day_view
        .lanes
        .iter()
        .find(|l| l.lane == Lane::Regular)
        .unwrap();
    assert_eq!(regular.arrived, proofs.len() as u32);
    app.stop().await;
}

fn walk_in_request(name: &str, birth: chrono::NaiveDate, serial: u32) -> WalkInRequest {
    WalkInRequest {
        nik: nik(birth, false, serial),
        name: name.into(),
        birth_date: birth,
        reason: WalkInReason::Elderly,
        passport_kind: PassportKind::Electronic,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
        beyond_quota: false,
    }
}

#[tokio::test]
async fn priority_walk_ins_fill_the_quota_and_beyond_it_only_by_choice() {
    let app = spawn_app().await;
    let tuesday = day(2026, 12, 8);
    let (client, _) = app.family("pemohon@example.id", 0, 1).await;
    // One priority place per session today.
    for s in client
        .day_slots(BEKASI, tuesday, Some(Lane::Priority))
        .await
        .unwrap()
    {
        app.set_capacity(s.slot_id, 1).await;
    }
    app.clock.set(desk_time());
    let desk = app.staff("meja@bekasi.id", Some(BEKASI)).await;
    let jaktim_desk = app.staff("meja@jaktim.id", Some(JAKTIM)).await;
    let grandma = walk_in_request("Siti Aminah", day(1960, 1, 1), 7);
    let key = Uuid::new_v4().to_string();

    // Who may, and what is checked before anything is written.
    assert_eq!(
        code(client.walk_in(BEKASI, &grandma, &key).await.unwrap_err()),
        "forbidden"
    );
    assert_eq!(
        code(
            jaktim_desk
                .walk_in(BEKASI, &grandma, &key)
                .await
                .unwrap_err()
        ),
        "wrong_office"
    );
    assert_eq!(
        code(desk.walk_in(BEKASI, &grandma, "short").await.unwrap_err()),
        "idempotency_key_missing"
    );
    let young = walk_in_request("Budi Santoso", day(1996, 5, 17), 8);
    assert_eq!(
        code(
            desk.walk_in(BEKASI, &young, &Uuid::new_v4().to_string())
                .await
                .unwrap_err()
        ),
        "walk_in_not_eligible"
    );
    let wrong_birth = WalkInRequest {
        birth_date: day(1960, 1, 2),
        ..grandma.clone()
    };
    assert_eq!(
        code(
            desk.walk_in(BEKASI, &wrong_birth, &Uuid::new_v4().to_string())
                .await
                .unwrap_err()
        ),
        "nik_birth_date_mismatch"
    );

    // Within the quota: a number at once; a retry of the same request is the same walk-in.
    let (first, created) = desk.walk_in(BEKASI, &grandma, &key).await.unwrap();
    assert!(created);
    assert_eq!(first.walk_in_reason, Some(WalkInReason::Elderly));
    assert!(!first.beyond_quota);
    assert_eq!(first.queue_number, Some(1));
    assert_eq!(first.lane, Lane::Priority);
    assert_eq!(
        (first.status, first.arrival),
        (BookingStatus::PendingPayment, Arrival::Unpaid)
    );
    assert_eq!(first.name, "SITI AMINAH");
    // Filed under the office as a walk-in, not as the officer's own booking.
    assert_eq!(first.source, antre_api::bookings::BookingSource::WalkIn);
    assert!(desk.bookings().await.unwrap().is_empty());
    let owner: String = sqlx::query_scalar(
        "SELECT a.role FROM bookings b JOIN accounts a ON a.id = b.account_id WHERE b.id = $1",
    )
    .bind(first.booking_id.to_string())
    .fetch_one(&app.db().read)
    .await
    .unwrap();
    assert_eq!(owner, "office");
    let (again, created) = desk.walk_in(BEKASI, &grandma, &key).await.unwrap();
    assert!(!created);
    assert_eq!(again.booking_id, first.booking_id);
    let other_body = WalkInRequest {
        beyond_quota: true,
        ..grandma.clone()
    };
    assert_eq!(
        code(desk.walk_in(BEKASI, &other_body, &key).await.unwrap_err()),
        "idempotency_key_reused"
    );
    // The same person under a new key holds a booking already.
    assert_eq!(
        code(
            desk.walk_in(BEKASI, &grandma, &Uuid::new_v4().to_string())
                .await
                .unwrap_err()
        ),
        "nik_has_active_booking"
    );

    // The quota is used up: refused, unless the office chooses to serve beyond it.
    let grandpa = walk_in_request("Ahmad Dahlan", day(1950, 3, 3), 9);
    assert_eq!(
        code(
            desk.walk_in(BEKASI, &grandpa, &Uuid::new_v4().to_string())
                .await
                .unwrap_err()
        ),
        "priority_quota_full"
    );
    let beyond = WalkInRequest {
        beyond_quota: true,
        ..grandpa.clone()
    };
    let (second, _) = desk
        .walk_in(BEKASI, &beyond, &Uuid::new_v4().to_string())
        .await
        .unwrap();
    assert!(second.beyond_quota);
    assert_eq!(second.queue_number, Some(2));
    let slot = desk.booking(second.booking_id).await.unwrap().slot_id;
    let (capacity, booked, holding) = app.slot_counts(slot).await;
    assert_eq!(
        (capacity, booked, holding),
        (2, 2, 2),
        "the place was added to the session"
    );
    app.assert_invariants().await;

    // Paid, the walk-in checks in by the proof and keeps the number given at the desk.
    let view = desk.booking(first.booking_id).await.unwrap();
    app.pay(&view).await;
    let proof = desk.booking(first.booking_id).await.unwrap().proof.unwrap();
    let arrived = desk.desk_check_in(BEKASI, &proof, None).await.unwrap();
    assert_eq!(
        (arrived.queue_number, arrived.arrival),
        (Some(1), Arrival::Arrived)
    );
    assert_eq!(arrived.walk_in_reason, Some(WalkInReason::Elderly));
    // Once a day: no second walk-in for the same person here today.
    assert_eq!(
        code(
            desk.walk_in(BEKASI, &grandma, &Uuid::new_v4().to_string())
                .await
                .unwrap_err()
        ),
        "walk_in_exists"
    );

    // The desk's day shows both walk-ins; the trail shows both, one beyond the quota.
    let day_view = desk.desk_day(BEKASI, Some(tuesday)).await.unwrap();
    let priority = day_view
        .lanes
        .iter()
        .find(|l| l.lane == Lane::Priority)
        .unwrap();
    let walk_ins: BTreeSet<_> = priority
        .hours
        .iter()
        .flat_map(|h| &h.entries)
        .filter_map(|e| e.walk_in_reason.map(|_| (e.booking_id, e.beyond_quota)))
        .collect();
    assert_eq!(
        walk_ins,
        BTreeSet::from([(first.booking_id, false), (second.booking_id, true)])
    );
    assert_eq!(priority.arrived, 1);
    app.assert_invariants().await;
    let head = app.head("kepala@bekasi.id", BEKASI).await;
    let trail = head.audit(BEKASI, None, None).await.unwrap();
    let recorded: BTreeSet<_> = trail
        .entries
        .iter()
        .filter(|e| e.action == "desk.walk_in")
        .map(|e| {
            (
                e.target.clone().unwrap(),
                e.detail["beyond_quota"].as_bool(),
            )
        })
        .collect();
    assert_eq!(
        recorded,
        BTreeSet::from([
            (first.booking_id.to_string(), Some(false)),
            (second.booking_id.to_string(), Some(true))
        ])
    );
    app.stop().await;
}

#[tokio::test]
async fn staff_release_extra_places_for_a_day_and_they_are_booked_like_any() {
    let app = spawn_app().await;
    let desk = app.staff("meja@bekasi.id", Some(BEKASI)).await;
    let jaktim = app.staff("meja@jaktim.id", Some(JAKTIM)).await;
    let (client, people) = app.family("keluarga@example.id", 1, 1).await;
    let tuesday = day(2026, 12, 8);
    let before: Vec<_> = client
        .day_slots(BEKASI, tuesday, Some(Lane::Regular))
        .await
        .unwrap();
    let req = antre_api::desk::QuotaReleaseRequest {
        lane: Lane::Regular,
        places: 25,
        note: "Antrean panjang: layanan diperpanjang".into(),
    };
    assert_eq!(
        code(
            jaktim
                .release_places(BEKASI, tuesday, &req)
                .await
                .unwrap_err()
        ),
        "wrong_office"
    );
    assert_eq!(
        code(
            client
                .release_places(BEKASI, tuesday, &req)
                .await
                .unwrap_err()
        ),
        "forbidden"
    );
    let blank = antre_api::desk::QuotaReleaseRequest {
        note: " ".into(),
        ..req.clone()
    };
    assert_eq!(
        code(
            desk.release_places(BEKASI, tuesday, &blank)
                .await
                .unwrap_err()
        ),
        "invalid_request"
    );
    assert_eq!(
        code(
            desk.release_places(BEKASI, day(2026, 12, 1), &req)
                .await
                .unwrap_err()
        ),
        "date_out_of_range"
    );
    // A Sunday with no session: the day must be opened first.
    assert_eq!(
        code(
            desk.release_places(BEKASI, day(2026, 12, 13), &req)
                .await
                .unwrap_err()
        ),
        "day_not_open"
    );

    let released = desk.release_places(BEKASI, tuesday, &req).await.unwrap();
    assert_eq!(released.places, 25);
    assert_eq!(
        released.sessions.iter().map(|s| s.added).sum::<u32>(),
        25,
        "shared exactly over the sessions"
    );
    assert_eq!(released.sessions.len(), before.len());
    let after = client
        .day_slots(BEKASI, tuesday, Some(Lane::Regular))
        .await
        .unwrap();
    let total = |v: &[antre_api::availability::SlotView]| v.iter().map(|s| s.capacity).sum::<u32>();
    assert_eq!(total(&after), total(&before) + 25);
    // The places are booked like any other.
    let booked = book(&app, &client, people[0].id, BEKASI, tuesday, false).await;
    assert_eq!(booked.status, BookingStatus::PendingPayment);
    app.assert_invariants().await;
    let head = app.head("kepala@bekasi.id", BEKASI).await;
    let audit = head.audit(BEKASI, None, None).await.unwrap();
    assert!(audit
        .entries
        .iter()
        .any(|e| e.action == "office_day.release_places"));
    app.stop().await;
}
