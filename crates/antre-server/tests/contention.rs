//! The double-booking bug of Easy!Appointments and Cal.com, tried against Antre over real HTTP:
//! many clients at once, and the database must stay exact.

mod support;

use antre_api::availability::SlotView;
use antre_api::bookings::CreateBookingRequest;
use antre_api::{ApplicationKind, Lane, PassportKind, Validity};
use antre_client::Client;
use futures::future::join_all;
use support::*;
use uuid::Uuid;

fn request(applicant: Uuid, slot: i64) -> CreateBookingRequest {
    CreateBookingRequest {
        applicant_id: applicant,
        slot_id: slot,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
    }
}

async fn regular_slots(client: &Client, office: &str) -> Vec<SlotView> {
    client
        .day_slots(office, day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_hundred_clients_for_ten_places_make_exactly_ten_bookings() {
    let app = spawn_app().await;
    let slot = regular_slots(&app.client(), "kanim-bekasi").await[0].clone();
    app.set_capacity(slot.slot_id, 10).await;

    // 300 different people: 60 accounts of 5.
    let emails: Vec<String> = (0..60).map(|i| format!("crowd{i}@example.id")).collect();
    let families = join_all(
        emails
            .iter()
            .zip(0u32..)
            .map(|(email, i)| app.family(email, 5, i * 5 + 1)),
    )
    .await;
    let attempts = families.iter().flat_map(|(client, people)| {
        people.iter().map(move |p| {
            let client = client.clone();
            let req = request(p.id, slot.slot_id);
            async move {
                client
                    .create_booking(&req, &Uuid::new_v4().to_string())
                    .await
            }
        })
    });
    let results = join_all(attempts).await;

    let won = results.iter().filter(|r| r.is_ok()).count();
    let full = results
        .iter()
        .filter(|r| r.as_ref().err().and_then(|e| e.code()) == Some("slot_full"))
        .count();
    assert_eq!(won, 10, "exactly the capacity is booked");
    assert_eq!(
        full,
        290,
        "everyone else is told the slot is full: {:?}",
        results.iter().find(|r| r.is_err())
    );
    let (capacity, booked, held) = app.slot_counts(slot.slot_id).await;
    assert_eq!((capacity, booked, held), (10, 10, 10));
    let after = regular_slots(&app.client(), "kanim-bekasi").await;
    let same = after.iter().find(|s| s.slot_id == slot.slot_id).unwrap();
    assert_eq!(
        same.remaining + booked as u32,
        same.capacity,
        "remaining + booked = quota"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_requests_for_one_nik_at_different_offices_make_one_booking() {
    let app = spawn_app().await;
    let anon = app.client();
    let offices: Vec<String> = anon
        .nearby_offices(-6.2, 106.8, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    let mut slots = Vec::new();
    for office in &offices {
        if let Some(s) = regular_slots(&anon, office).await.first() {
            slots.push(s.clone());
        }
    }
    assert!(
        slots.len() >= 40,
        "enough offices with a slot on 8 Dec: {}",
        slots.len()
    );

    // The same person registered as an applicant on ten accounts (relatives booking for her).
    let person = applicant("SITI AMINAH", day(1990, 2, 3), 77);
    let mut accounts = Vec::new();
    for i in 0..10 {
        let client = app.signed_in(&format!("relative{i}@example.id")).await;
        let a = client.add_applicant(&person).await.unwrap();
        accounts.push((client, a.id));
    }
    let attempts = (0..50).map(|i| {
        let (client, applicant) = accounts[i % accounts.len()].clone();
        let slot = slots[i % slots.len()].slot_id;
        async move {
            client
                .create_booking(&request(applicant, slot), &Uuid::new_v4().to_string())
                .await
        }
    });
    let results = join_all(attempts).await;
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "one active booking per NIK"
    );
    assert!(results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .all(|e| e.code() == Some("nik_has_active_booking")));
    let booked: i64 = {
        let mut total = 0;
        for s in &slots {
            total += app.slot_counts(s.slot_id).await.1;
        }
        total
    };
    assert_eq!(booked, 1, "no other office lost a place");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_retried_request_with_the_same_key_returns_the_same_booking() {
    let app = spawn_app().await;
    let (client, people) = app.family("retry@example.id", 1, 1).await;
    let slot = regular_slots(&client, "kanim-bekasi").await[0].clone();
    let req = request(people[0].id, slot.slot_id);
    let key = Uuid::new_v4().to_string();

    // A flaky connection: the same request sent 20 times at once, then once more later.
    let results = join_all((0..20).map(|_| client.create_booking(&req, &key))).await;
    let views: Vec<_> = results
        .into_iter()
        .map(|r| r.expect("every retry answers with the booking"))
        .collect();
    assert_eq!(
        views.iter().filter(|(_, created)| *created).count(),
        1,
        "created once"
    );
    assert!(
        views.iter().all(|(v, _)| v.id == views[0].0.id),
        "always the same booking"
    );
    let (again, created) = client.create_booking(&req, &key).await.unwrap();
    assert!(!created);
    assert_eq!(again.id, views[0].0.id);
    // Even when the slot has filled up since, the retry gets its booking, not "full".
    app.set_capacity(slot.slot_id, 1).await;
    let (full_now, created) = client.create_booking(&req, &key).await.unwrap();
    assert!(!created);
    assert_eq!(full_now.id, views[0].0.id);
    assert_eq!(app.slot_counts(slot.slot_id).await.1, 1, "one place taken");

    // The same key for a different request is refused rather than silently replayed.
    let other = request(people[0].id, slot.slot_id + 1);
    assert_eq!(
        client
            .create_booking(&other, &key)
            .await
            .unwrap_err()
            .code(),
        Some("idempotency_key_reused")
    );
    assert_eq!(client.bookings().await.unwrap().len(), 1);
    app.stop().await;
}
