//! Fair release over real HTTP: the draw instead of a race, the waitlist for every freed place,
//! and the published rules against hoarding.
mod support;

use antre_api::bookings::CreateBookingRequest;
use antre_api::draws::{Choice, EntryOutcome, EntryRequest, WaitlistRequest, WaitlistStatus};
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use antre_client::Client;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use support::*;
use uuid::Uuid;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().into()
}

fn key() -> String {
    Uuid::new_v4().to_string()
}

fn booking(applicant: Uuid, slot: i64) -> CreateBookingRequest {
    CreateBookingRequest {
        applicant_id: applicant,
        slot_id: slot,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
    }
}

fn entry(choices: Vec<Choice>) -> EntryRequest {
    EntryRequest {
        lane: Lane::Regular,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
        choices,
    }
}

fn bekasi_on(date: NaiveDate) -> Choice {
    Choice::OfficeDay {
        office_id: "kanim-bekasi".into(),
        date,
    }
}

async fn regular_slots(client: &Client, date: NaiveDate) -> Vec<i64> {
    client
        .day_slots("kanim-bekasi", date, Some(Lane::Regular))
        .await
        .unwrap()
        .iter()
        .map(|s| s.slot_id)
        .collect()
}

async fn invariant_holds(app: &TestApp) {
    let broken = antre_server::store::invariants::check(app.db())
        .await
        .unwrap();
    assert!(
        broken.is_empty(),
        "{}",
        broken
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Bekasi releases the week of 14-18 December on Friday 11 December, 14:00 WIB (07:00 UTC).
const RELEASE: &str = "2026-12-11T07:00:00Z";

#[tokio::test]
async fn a_release_is_drawn_not_raced_and_anyone_can_check_it() {
    let app = spawn_app().await;
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    let monday = day(2026, 12, 14);
    let anon = app.client();
    let draws = anon.draws(None, None).await.unwrap();
    let draw = draws
        .iter()
        .find(|d| d.release_at == at(RELEASE))
        .expect("a draw for the coming release");
    assert!(!draw.accepting_entries, "entries open a day before");
    assert_eq!(draw.commitment.len(), 64, "the seed is committed to");
    assert!(draw.seed.is_none(), "and not shown");

    // Three places on Monday (one per session), twelve people who want them.
    let families = [
        app.family("satu@example.id", 5, 1).await,
        app.family("dua@example.id", 5, 11).await,
        app.family("tiga@example.id", 2, 21).await,
    ];
    let slots = regular_slots(&families[0].0, monday).await;
    for s in &slots {
        app.set_capacity(*s, 1).await;
    }
    let wish = entry(vec![bekasi_on(monday)]);
    let (first, people) = (&families[0].0, &families[0].1);
    assert_eq!(
        first
            .enter_draw(draw.id, people[0].id, &wish)
            .await
            .unwrap_err()
            .code(),
        Some("draw_not_open")
    );

    app.clock.set(at("2026-12-10T08:00:00Z"));
    assert!(anon.draw(draw.id).await.unwrap().accepting_entries);
    let mut entries = Vec::new();
    for (client, people) in &families {
        for p in people {
            let (e, created) = client.enter_draw(draw.id, p.id, &wish).await.unwrap();
            assert!(created);
            assert_eq!(e.outcome, EntryOutcome::Pending);
            entries.push(e);
        }
    }
    // Anyone sees how crowded an office is before the draw: entries naming it against its places.
    let standing = anon.draw_office(draw.id, "kanim-bekasi").await.unwrap();
    assert_eq!(standing.entries, 12);
    assert!(standing.places >= 3, "{standing:?}");
    // Sending again, or faster, changes the entry, never adds one.
    for _ in 0..5 {
        let (again, created) = first
            .enter_draw(draw.id, people[0].id, &wish)
            .await
            .unwrap();
        assert!(!created);
        assert_eq!(again.id, entries[0].id);
    }
    // A relative's account cannot enter the same person a second time.
    let relative = app.signed_in("saudara@example.id").await;
    let same_person = relative
        .add_applicant(&applicant("BUDI SANTOSO", day(1996, 5, 17), 1))
        .await
        .unwrap();
    assert_eq!(
        relative
            .enter_draw(draw.id, same_person.id, &wish)
            .await
            .unwrap_err()
            .code(),
        Some("nik_entered_elsewhere")
    );
    let sunday = entry(vec![bekasi_on(day(2026, 12, 13))]);
    let refused = first
        .enter_draw(draw.id, people[1].id, &sunday)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), Some("invalid_choice"));
    // First come, first served has nothing to take before the release...
    assert_eq!(
        first
            .create_booking(&booking(people[1].id, slots[0]), &key())
            .await
            .unwrap_err()
            .code(),
        Some("slot_not_released")
    );
    // ...nor in the seconds the draw takes.
    app.clock.set(at("2026-12-11T07:00:01Z"));
    assert_eq!(
        first
            .create_booking(&booking(people[1].id, slots[0]), &key())
            .await
            .unwrap_err()
            .code(),
        Some("draw_in_progress")
    );
    assert_eq!(
        first
            .enter_draw(draw.id, people[1].id, &wish)
            .await
            .unwrap_err()
            .code(),
        Some("draw_not_open"),
        "entries closed at the release instant"
    );

    // The releases of all three zones are due by now (14:00 WIT, WITA and WIB).
    app.clock.set(at("2026-12-11T07:00:05Z"));
    assert_eq!(
        antre_server::draws::run_due(&app.running.state)
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        antre_server::draws::run_due(&app.running.state)
            .await
            .unwrap(),
        0,
        "a draw runs once"
    );
    let drawn = anon.draw(draw.id).await.unwrap();
    assert_eq!((drawn.entries, drawn.placed), (12, 3));
    let mut outcomes = Vec::new();
    for (client, _) in &families {
        outcomes.extend(client.draw_entries().await.unwrap());
    }
    let placed: Vec<_> = outcomes
        .iter()
        .filter(|e| e.outcome == EntryOutcome::Placed)
        .collect();
    assert_eq!(placed.len(), 3);
    assert_eq!(
        outcomes
            .iter()
            .filter(|e| e.outcome == EntryOutcome::Waitlisted)
            .count(),
        9
    );
    // The winners are the first three drawn, and each has a booking to pay.
    let mut positions: Vec<u64> = placed.iter().map(|e| e.position.unwrap()).collect();
    positions.sort();
    assert_eq!(positions, [1, 2, 3]);
    for e in &placed {
        let owner = families
            .iter()
            .find(|(_, people)| people.iter().any(|p| p.id == e.applicant.id))
            .unwrap();
        let b = owner.0.booking(e.booking_id.unwrap()).await.unwrap();
        assert_eq!(b.status, BookingStatus::PendingPayment);
        assert_eq!(b.source, antre_api::bookings::BookingSource::Draw);
        assert_eq!(b.date, monday);
    }
    // The others wait, first drawn first in line.
    let waiting = families[0].0.waitlist().await.unwrap();
    assert!(waiting
        .iter()
        .all(|w| w.status == WaitlistStatus::Waiting && w.office_ids == ["kanim-bekasi"]));

    // Anyone can check the order: the seed matches the commitment and gives this order.
    let result = anon.draw_result(draw.id).await.unwrap();
    assert_eq!(result.order.len(), 12);
    let seed = antre_domain::draw::Seed(
        (0..32)
            .map(|i| u8::from_str_radix(&result.seed[2 * i..2 * i + 2], 16).unwrap())
            .collect::<Vec<_>>()
            .try_into()
            .unwrap(),
    );
    assert!(antre_domain::draw::verify(
        &draw.commitment,
        &seed,
        &result.order
    ));
    // And with the published script, as anyone would (no Antre code involved).
    let dir = std::env::temp_dir().join(format!("antre-draw-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("result.json");
    std::fs::write(&file, serde_json::to_vec(&result).unwrap()).unwrap();
    let mine = &outcomes[0];
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/verify_draw.py");
    let verified = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .args(["--mine", &mine.salt, &mine.id.to_string()])
        .output()
        .expect("python3 runs the verification script");
    let said = String::from_utf8_lossy(&verified.stdout);
    assert!(verified.status.success(), "{said}");
    assert!(said.contains(&format!(
        "your entry is number {} of 12",
        mine.position.unwrap()
    )));
    let mut moved = result.clone();
    moved.order.swap(0, 1);
    std::fs::write(&file, serde_json::to_vec(&moved).unwrap()).unwrap();
    let caught = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .output()
        .unwrap();
    assert!(!caught.status.success(), "a moved entry is caught");

    // Places left over are first come, first served as before.
    let tuesday = regular_slots(first, day(2026, 12, 15)).await;
    let loser = outcomes
        .iter()
        .find(|e| e.outcome == EntryOutcome::Waitlisted)
        .unwrap();
    let owner = families
        .iter()
        .find(|(_, people)| people.iter().any(|p| p.id == loser.applicant.id))
        .unwrap();
    owner
        .0
        .create_booking(&booking(loser.applicant.id, tuesday[0]), &key())
        .await
        .unwrap();
    invariant_holds(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn every_freed_place_is_offered_in_turn_and_passes_on() {
    let app = spawn_app().await;
    let tuesday = day(2026, 12, 8);
    let (a, a_people) = app.family("pemesan@example.id", 1, 1).await;
    let slot = regular_slots(&a, tuesday).await[0];
    app.set_capacity(slot, 1).await;
    let (held, _) = a
        .create_booking(&booking(a_people[0].id, slot), &key())
        .await
        .unwrap();
    let wait = |applicant: Uuid| WaitlistRequest {
        applicant_id: applicant,
        lane: Lane::Regular,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
        office_ids: vec!["kanim-bekasi".into(), "kanim-depok".into()],
        from: day(2026, 12, 7),
        to: day(2026, 12, 11),
    };
    let (b, b_people) = app.family("tunggu1@example.id", 1, 11).await;
    let (c, c_people) = app.family("tunggu2@example.id", 1, 21).await;
    let (d, d_people) = app.family("cepat@example.id", 1, 31).await;
    let b_wait = b.join_waitlist(&wait(b_people[0].id)).await.unwrap();
    assert_eq!(b_wait.ahead, 0);
    let c_wait = c.join_waitlist(&wait(c_people[0].id)).await.unwrap();
    assert_eq!(c_wait.ahead, 1, "one person ahead");
    assert_eq!(
        c.join_waitlist(&wait(c_people[0].id))
            .await
            .unwrap_err()
            .code(),
        Some("already_waitlisted")
    );

    // The place is freed: it goes to B, held for the office's 30 minutes; nobody can take it
    // first come, first served meanwhile.
    a.cancel(held.id).await.unwrap();
    let offered = b.waitlist().await.unwrap().remove(0);
    assert_eq!(offered.status, WaitlistStatus::Offered);
    let offer = offered.offer.expect("an offer");
    assert_eq!(offer.slot.slot_id, slot);
    assert_eq!(offer.expires_at - app.clock.now(), Duration::minutes(30));
    assert_eq!(
        d.create_booking(&booking(d_people[0].id, slot), &key())
            .await
            .unwrap_err()
            .code(),
        Some("slot_full")
    );
    invariant_holds(&app).await;

    // B declines: it passes to C at once; C lets it run out twice and leaves the line.
    b.decline_offer(offer.id).await.unwrap();
    let to_c = c
        .waitlist()
        .await
        .unwrap()
        .remove(0)
        .offer
        .expect("passed on");
    assert_eq!(
        b.accept_offer(offer.id).await.unwrap_err().code(),
        Some("offer_not_open")
    );
    app.clock.advance(Duration::minutes(31));
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    invariant_holds(&app).await;
    assert!(c.accept_offer(to_c.id).await.is_err(), "expired");
    // Nobody else waits for this place that has not had it: it is free again.
    assert_eq!(app.slot_counts(slot).await, (1, 0, 0));

    // A booking of another place lapses unpaid: that place is offered to the next in line
    // (B waits still; C had its chance at it before).
    let (e_client, e_people) = app.family("lupa@example.id", 1, 41).await;
    let wednesday = regular_slots(&e_client, day(2026, 12, 9)).await[0];
    app.set_capacity(wednesday, 1).await;
    let (unpaid, _) = e_client
        .create_booking(&booking(e_people[0].id, wednesday), &key())
        .await
        .unwrap();
    app.clock.advance(Duration::hours(3));
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    assert_eq!(
        e_client.booking(unpaid.id).await.unwrap().status,
        BookingStatus::Lapsed
    );
    let b_state = b.waitlist().await.unwrap().remove(0);
    let second = b_state.offer.expect("B is offered the lapsed place");
    assert_eq!(second.slot.slot_id, wednesday);
    // Accepting is one tap and makes a booking like any other.
    let accepted = b.accept_offer(second.id).await.unwrap();
    assert_eq!(accepted.status, BookingStatus::PendingPayment);
    assert_eq!(
        accepted.source,
        antre_api::bookings::BookingSource::Waitlist
    );
    assert_eq!(
        b.waitlist().await.unwrap()[0].status,
        WaitlistStatus::Booked
    );
    assert_eq!(app.slot_counts(wednesday).await, (1, 1, 1));
    invariant_holds(&app).await;

    // C let one offer run out and waits on; a second run-out would take C out of the line.
    let c_state = c.waitlist().await.unwrap().remove(0);
    assert_eq!(c_state.status, WaitlistStatus::Waiting);
    app.stop().await;
}

#[tokio::test]
async fn repeated_lapses_and_no_shows_cool_a_nik_down_with_the_reason() {
    let app = spawn_app().await;
    let (client, people) = app.family("lalai@example.id", 1, 1).await;
    let slots = regular_slots(&client, day(2026, 12, 9)).await;
    for slot in &slots[..2] {
        client
            .create_booking(&booking(people[0].id, *slot), &key())
            .await
            .unwrap();
        app.clock.advance(Duration::hours(3));
        antre_server::jobs::sweep(&app.running.state).await.unwrap();
    }
    let refused = client
        .create_booking(&booking(people[0].id, slots[2]), &key())
        .await
        .unwrap_err();
    assert_eq!(refused.code(), Some("nik_cooling_down"));
    let antre_client::ClientError::Api { body, .. } = refused else {
        panic!()
    };
    assert!(body.message.contains("2027-01-03"), "{}", body.message);
    assert!(body.message.contains("tidak membayar"), "{}", body.message);

    // A no-show cools down too (office policy: 30 days).
    let (other, others) = app.family("absen@example.id", 1, 11).await;
    let wednesday = regular_slots(&other, day(2026, 12, 9)).await;
    let (paid, _) = other
        .create_booking(&booking(others[0].id, wednesday[0]), &key())
        .await
        .unwrap();
    app.pay(&paid).await;
    app.clock.set(at("2026-12-09T12:00:00Z"));
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    assert_eq!(
        other.booking(paid.id).await.unwrap().status,
        BookingStatus::NoShow
    );
    let later = regular_slots(&other, day(2026, 12, 10)).await;
    assert_eq!(
        other
            .create_booking(&booking(others[0].id, later[0]), &key())
            .await
            .unwrap_err()
            .code(),
        Some("nik_cooling_down")
    );
    app.stop().await;
}

#[tokio::test]
async fn an_account_cannot_churn_through_nik_numbers() {
    let app = spawn_app().await;
    let client = app.signed_in("calo@example.id").await;
    let add = |i: u32| {
        let client = client.clone();
        async move {
            client
                .add_applicant(&applicant("WARGA", day(1990, 1, i), i))
                .await
        }
    };
    // Five people, three replaced by others, one more replaced: eight additions in 30 days.
    let mut present = Vec::new();
    for i in 1..=5 {
        present.push(add(i).await.unwrap());
    }
    for a in present.drain(..3) {
        client.remove_applicant(a.id).await.unwrap();
    }
    for i in 6..=8 {
        present.push(add(i).await.unwrap());
    }
    client.remove_applicant(present.remove(0).id).await.unwrap();
    assert_eq!(
        add(9).await.unwrap_err().code(),
        Some("applicant_changes_limit"),
        "a ninth addition within 30 days"
    );
    app.clock.advance(Duration::days(31));
    let session = app
        .client()
        .login(&antre_api::accounts::LoginRequest {
            email: "calo@example.id".into(),
            password: PASSWORD.into(),
            device: None,
        })
        .await
        .unwrap();
    app.client()
        .with_token(session.token)
        .add_applicant(&applicant("WARGA", day(1990, 1, 9), 9))
        .await
        .expect("the limit is over a month");
    app.stop().await;
}

#[tokio::test]
async fn unconfirmed_attendance_is_released_to_the_waitlist_where_the_office_asks() {
    let app = spawn_app().await;
    app.db()
        .execute(sqlx::query(
            "UPDATE offices SET reconfirm_until = '20:00' WHERE id = 'kanim-bekasi'",
        ))
        .await
        .unwrap();
    let (client, people) = app.family("datang@example.id", 2, 1).await;
    let tuesday = regular_slots(&client, day(2026, 12, 8)).await;
    let (forgot, _) = client
        .create_booking(&booking(people[0].id, tuesday[0]), &key())
        .await
        .unwrap();
    app.pay(&forgot).await;
    let (confirms, _) = client
        .create_booking(&booking(people[1].id, tuesday[0]), &key())
        .await
        .unwrap();
    app.pay(&confirms).await;
    let attendance = forgot.attendance.expect("the office asks");
    assert_eq!(
        attendance.confirm_by,
        at("2026-12-07T13:00:00Z"),
        "20:00 WIB the day before"
    );
    assert!(!attendance.confirmed);
    assert!(forgot.actions.confirm_attendance.allowed);
    let confirmed = client.confirm_attendance(confirms.id).await.unwrap();
    assert!(confirmed.attendance.unwrap().confirmed);

    app.clock.set(at("2026-12-07T13:00:00Z"));
    assert_eq!(
        client
            .booking(forgot.id)
            .await
            .unwrap()
            .actions
            .confirm_attendance
            .refused
            .as_deref(),
        Some("attendance_too_late"),
        "the view and the request agree on the deadline"
    );
    assert_eq!(
        client
            .confirm_attendance(forgot.id)
            .await
            .unwrap_err()
            .code(),
        Some("attendance_too_late")
    );
    app.clock.set(at("2026-12-07T13:01:00Z"));
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    let released = client.booking(forgot.id).await.unwrap();
    assert_eq!(released.status, BookingStatus::Cancelled);
    assert_eq!(
        released.end_reason,
        Some(antre_api::bookings::EndReason::NotReconfirmed)
    );
    assert_eq!(
        released.refund_due, released.fee_total,
        "the fee is owed back"
    );
    assert_eq!(
        client.booking(confirms.id).await.unwrap().status,
        BookingStatus::Confirmed
    );
    invariant_holds(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn staff_see_suspicious_patterns_with_the_evidence() {
    let app = spawn_app().await;
    let (client, people) = app.family("borong@example.id", 5, 1).await;
    let friday = regular_slots(&client, day(2026, 12, 11)).await;
    // Five holds left to lapse; then five more people booked from the same address.
    for p in &people {
        client
            .create_booking(&booking(p.id, friday[0]), &key())
            .await
            .unwrap();
    }
    app.clock.advance(Duration::hours(3));
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    for p in &people[..1] {
        client
            .create_booking(&booking(p.id, friday[1]), &key())
            .await
            .unwrap();
    }
    app.clock.advance(Duration::hours(3));
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    let (more, more_people) = app.family("borong2@example.id", 5, 11).await;
    for p in &more_people {
        more.create_booking(&booking(p.id, friday[2]), &key())
            .await
            .unwrap();
    }
    let staff = app
        .staff("integritas@bekasi.id", Some("kanim-bekasi"))
        .await;
    let seen = staff.suspicious("kanim-bekasi").await.unwrap();
    assert_eq!(seen.days, 30);
    assert_eq!(seen.lapsing.len(), 1, "{:?}", seen.lapsing);
    assert_eq!(seen.lapsing[0].lapses, 2);
    assert!(seen.lapsing[0].nik_masked.contains('•'), "masked");
    assert!(seen.lapsing[0].cooling_down_until.is_some());
    let address = seen
        .addresses
        .first()
        .expect("one address behind ten people");
    assert!(address.people >= 10 && address.bookings >= 10);
    assert_eq!(
        address.client_key.len(),
        16,
        "a keyed hash, not the address"
    );
    assert_eq!(
        app.client()
            .with_token("x")
            .suspicious("kanim-bekasi")
            .await
            .unwrap_err()
            .code(),
        Some("unauthorized")
    );
    let elsewhere = app.staff("petugas@depok.id", Some("kanim-depok")).await;
    assert_eq!(
        elsewhere
            .suspicious("kanim-bekasi")
            .await
            .unwrap_err()
            .code(),
        Some("wrong_office")
    );
    app.stop().await;
}

/// A week of an office's life with a hundred people doing what people do (booking, paying or
/// not, cancelling, moving, waiting, taking or refusing offers, letting them run out) while
/// staff close and reopen a day: after every simulated day, every slot's counters agree with
/// its rows and booked + offered + free = capacity (no place lost, none offered twice).
#[tokio::test]
async fn the_place_invariant_holds_after_every_simulated_day() {
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    let app = spawn_app().await;
    let mut rng = StdRng::seed_from_u64(7);
    let mut people = Vec::new();
    for a in 0..12u32 {
        let (client, list) = app
            .family(&format!("warga{a}@example.id"), 5, a * 10 + 1)
            .await;
        for p in list {
            people.push((client.clone(), p.id));
        }
    }
    let days: Vec<NaiveDate> = (7..=11).map(|d| day(2026, 12, d)).collect();
    let mut slots = Vec::new();
    for d in &days {
        for s in regular_slots(&people[0].0, *d).await {
            app.set_capacity(s, 2).await;
            slots.push(s);
        }
    }
    let staff = app.staff("kepala@bekasi.id", Some("kanim-bekasi")).await;
    let mut bookings: Vec<(usize, Uuid)> = Vec::new();
    let mut offers_taken = 0;
    for simulated_day in 0..5 {
        for _ in 0..40 {
            let who = rng.gen_range(0..people.len());
            let (client, applicant) = &people[who];
            match rng.gen_range(0..10) {
                0..=2 => {
                    let slot = slots[rng.gen_range(0..slots.len())];
                    if let Ok((b, _)) = client
                        .create_booking(&booking(*applicant, slot), &key())
                        .await
                    {
                        bookings.push((who, b.id));
                    }
                }
                3 => {
                    if let Some((owner, id)) = bookings.get(rng.gen_range(0..bookings.len().max(1)))
                    {
                        let _ = people[*owner].0.cancel(*id).await;
                    }
                }
                4 => {
                    if let Some((owner, id)) = bookings.get(rng.gen_range(0..bookings.len().max(1)))
                    {
                        if let Ok(b) = people[*owner].0.booking(*id).await {
                            if b.status == BookingStatus::PendingPayment {
                                app.pay(&b).await;
                            }
                        }
                    }
                }
                5 => {
                    if let Some((owner, id)) = bookings.get(rng.gen_range(0..bookings.len().max(1)))
                    {
                        let slot = slots[rng.gen_range(0..slots.len())];
                        let _ = people[*owner].0.reschedule(*id, slot).await;
                    }
                }
                6..=7 => {
                    let from = days[rng.gen_range(0..days.len())];
                    let _ = client
                        .join_waitlist(&WaitlistRequest {
                            applicant_id: *applicant,
                            lane: Lane::Regular,
                            passport_kind: PassportKind::Ordinary,
                            validity: Validity::FiveYears,
                            application_kind: ApplicationKind::New,
                            office_ids: vec!["kanim-bekasi".into()],
                            from: from.max(app.clock.now().date_naive()),
                            to: day(2026, 12, 11),
                        })
                        .await;
                }
                8 => {
                    for w in client.waitlist().await.unwrap_or_default() {
                        if let Some(offer) = w.offer {
                            if rng.gen_bool(0.5) {
                                if let Ok(b) = client.accept_offer(offer.id).await {
                                    bookings.push((who, b.id));
                                    offers_taken += 1;
                                }
                            } else {
                                let _ = client.decline_offer(offer.id).await;
                            }
                        }
                    }
                }
                _ => {
                    // Time passes: unpaid holds lapse, offers run out, freed places pass on.
                    app.clock.advance(Duration::minutes(rng.gen_range(10..90)));
                    antre_server::jobs::sweep(&app.running.state).await.unwrap();
                }
            }
        }
        // Staff close one day mid-week, then reopen it.
        let closing = days[2 + simulated_day % 3];
        if simulated_day % 2 == 0 {
            let _ = staff
                .set_office_day(
                    "kanim-bekasi",
                    closing,
                    antre_api::staff::OfficeDayKind::Closed,
                    "pemeliharaan",
                )
                .await;
        } else {
            let _ = staff.clear_office_day("kanim-bekasi", closing).await;
        }
        app.clock.advance(Duration::hours(5));
        antre_server::jobs::sweep(&app.running.state).await.unwrap();
        invariant_holds(&app).await;
    }
    assert!(
        bookings.len() > 20,
        "the week was busy ({} bookings)",
        bookings.len()
    );
    assert!(offers_taken > 0, "some freed places went to people waiting");
    app.stop().await;
}

/// Two instances on one database reach the release instant together: the draw runs once,
/// every winner has one booking, and both publish the same result.
#[tokio::test]
async fn two_instances_draw_a_release_once() {
    let first = spawn_app().await;
    antre_server::jobs::sweep(&first.running.state)
        .await
        .unwrap();
    let secret = first.running.state.draw_secret;
    let second = spawn_app_on(first.database_url(), |c| {
        c.draw_secret = antre_server::config::SecretSource::Value(secret);
    })
    .await;
    let draw = first
        .client()
        .draws(None, None)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.release_at == at(RELEASE))
        .unwrap();
    let monday = day(2026, 12, 14);
    let (client, people) = first.family("kembar@example.id", 5, 1).await;
    let slots = regular_slots(&client, monday).await;
    for s in &slots {
        first.set_capacity(*s, 1).await;
    }
    for app in [&first, &second] {
        app.clock.set(at("2026-12-10T08:00:00Z"));
    }
    for p in &people {
        client
            .enter_draw(draw.id, p.id, &entry(vec![bekasi_on(monday)]))
            .await
            .unwrap();
    }
    for app in [&first, &second] {
        app.clock.set(at("2026-12-11T07:00:05Z"));
    }
    let (a, b) = tokio::join!(
        antre_server::draws::run_due(&first.running.state),
        antre_server::draws::run_due(&second.running.state)
    );
    assert_eq!(
        a.unwrap() + b.unwrap(),
        3,
        "each of the three releases drawn once"
    );
    let placed: Vec<_> = client
        .draw_entries()
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.outcome == EntryOutcome::Placed)
        .collect();
    assert_eq!(placed.len(), 3);
    assert_eq!(
        client.bookings().await.unwrap().len(),
        3,
        "one booking per winner"
    );
    let seen_by_second = second.client().draw_result(draw.id).await.unwrap();
    let seen_by_first = first.client().draw_result(draw.id).await.unwrap();
    assert_eq!(seen_by_first.order, seen_by_second.order);
    invariant_holds(&first).await;
    second.stop_keeping_database().await;
    first.stop().await;
}
