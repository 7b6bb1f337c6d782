//! Proof signing keys across restarts and instances: a proof names its key (kid), every key is
//! registered in the database, and any instance checks in a proof signed by any registered key.
mod support;

use antre_api::bookings::{BookingView, CreateBookingRequest};
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use antre_server::clock::Clock;
use antre_server::config::SecretSource;
use chrono::{DateTime, Duration, Utc};
use ed25519_dalek::SigningKey;
use sqlx::Row;
use support::*;
use uuid::Uuid;

/// 08:30 WIB on the day of the bookings below: check-in time.
fn appointment_morning() -> DateTime<Utc> {
    "2026-12-08T01:30:00Z".parse().unwrap()
}

/// A booking on 8 December at Bekasi, paid, as its owner sees it (with its proof).
async fn paid_booking(app: &TestApp, email: &str, serial: u32) -> BookingView {
    let (client, people) = app.family(email, 1, serial).await;
    let slot = client
        .day_slots("kanim-bekasi", day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap()[0]
        .slot_id;
    let request = CreateBookingRequest {
        applicant_id: people[0].id,
        slot_id: slot,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
    };
    let (booking, _) = client
        .create_booking(&request, &Uuid::new_v4().to_string())
        .await
        .unwrap();
    app.pay(&booking).await;
    client.booking(booking.id).await.unwrap()
}

fn kid_of(booking: &BookingView) -> String {
    antre_proof::claimed_key_id(booking.proof.as_deref().expect("paid: a proof")).unwrap()
}

fn kid(seed: [u8; 32]) -> String {
    antre_proof::key_id(&SigningKey::from_bytes(&seed).verifying_key())
}

#[tokio::test]
async fn proofs_signed_before_a_key_rotation_still_check_in() {
    let (seed_a, seed_b) = (rand::random::<[u8; 32]>(), rand::random::<[u8; 32]>());
    let first = spawn_app_with(|c| c.proof_key = SecretSource::Value(seed_a)).await;
    let published = first.client().proof_key().await.unwrap();
    assert_eq!(published.kid, kid(seed_a));
    let booking = paid_booking(&first, "before@example.id", 1).await;
    assert_eq!(kid_of(&booking), kid(seed_a));
    let printed = booking.proof.unwrap();
    let database = first.database_url();
    first.stop_keeping_database().await;

    // A day later the server restarts on the same database with a new key.
    let rotated = spawn_app_on(database.clone(), |c| {
        c.proof_key = SecretSource::Value(seed_b);
        c.clock = Clock::manual(test_now() + Duration::days(1));
    })
    .await;
    let keys = rotated.client().proof_keys().await.unwrap();
    let listed: Vec<_> = keys.iter().map(|k| (k.kid.clone(), k.current)).collect();
    assert_eq!(listed, [(kid(seed_b), true), (kid(seed_a), false)]);
    assert_eq!(keys[1].public_key, published.public_key);
    assert_eq!(keys[1].first_used_at, test_now());
    assert_eq!(keys[0].first_used_at, test_now() + Duration::days(1));
    assert!(keys.iter().all(|k| k.algorithm == "Ed25519"));
    assert_eq!(rotated.client().proof_key().await.unwrap().kid, kid(seed_b));

    let staff = rotated
        .staff("petugas@bekasi.id", Some("kanim-bekasi"))
        .await;
    rotated.clock.set(appointment_morning());

    // A proof naming a key nobody registered is refused, however well it is signed.
    let stranger = SigningKey::generate(&mut rand::rngs::OsRng);
    let mut payload = antre_proof::verify(
        &antre_proof::decode_public_key(&published.public_key).unwrap(),
        &printed,
    )
    .unwrap();
    payload.kid = antre_proof::key_id(&stranger.verifying_key());
    let unknown = antre_proof::sign(&stranger, &payload);
    assert_eq!(
        staff.check_in(&unknown).await.unwrap_err().code(),
        Some("invalid_proof")
    );
    // Nor does a registered kid help a proof its key did not sign.
    payload.kid = kid(seed_b);
    let forged = antre_proof::sign(&stranger, &payload);
    assert_eq!(
        staff.check_in(&forged).await.unwrap_err().code(),
        Some("invalid_proof")
    );
    // Nor is a kid that is no key id looked up (U+0000 in it answered 500 on PostgreSQL).
    payload.kid = "\u{0}".into();
    let garbled = antre_proof::sign(&stranger, &payload);
    assert_eq!(
        staff.check_in(&garbled).await.unwrap_err().code(),
        Some("invalid_proof")
    );

    let entry = staff.check_in(&printed).await.unwrap();
    assert_eq!(entry.booking_id.to_string(), payload.booking_id);
    assert_eq!(entry.status, BookingStatus::CheckedIn);
    rotated.stop_keeping_database().await;

    // Back to the first key: it keeps its place in the list (first used first) and is current.
    let back = spawn_app_on(database, |c| {
        c.proof_key = SecretSource::Value(seed_a);
        c.clock = Clock::manual(test_now() + Duration::days(2));
    })
    .await;
    let keys = back.client().proof_keys().await.unwrap();
    let listed: Vec<_> = keys.iter().map(|k| (k.kid.clone(), k.current)).collect();
    assert_eq!(listed, [(kid(seed_b), false), (kid(seed_a), true)]);
    assert_eq!(keys[1].first_used_at, test_now());
    let last_used: i64 = sqlx::query("SELECT last_used_at FROM proof_keys WHERE kid = $1")
        .bind(kid(seed_a))
        .fetch_one(&back.db().read)
        .await
        .unwrap()
        .get("last_used_at");
    assert_eq!(last_used, (test_now() + Duration::days(2)).timestamp());
    back.stop().await;
}

#[tokio::test]
async fn instances_with_different_keys_check_in_each_others_proofs() {
    let one = spawn_app().await;
    let other = spawn_app_on(one.database_url(), |_| {}).await;
    let kid_one = one.client().proof_key().await.unwrap().kid;
    let kid_other = other.client().proof_key().await.unwrap().kid;
    assert_ne!(kid_one, kid_other);

    let signed_by_one = paid_booking(&one, "one@example.id", 1).await;
    let signed_by_other = paid_booking(&other, "other@example.id", 2).await;
    assert_eq!(kid_of(&signed_by_one), kid_one);
    assert_eq!(kid_of(&signed_by_other), kid_other);

    let staff_one = one.staff("petugas1@bekasi.id", Some("kanim-bekasi")).await;
    let staff_other = other
        .staff("petugas2@bekasi.id", Some("kanim-bekasi"))
        .await;
    one.clock.set(appointment_morning());
    other.clock.set(appointment_morning());
    let entry = staff_other
        .check_in(signed_by_one.proof.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(entry.booking_id, signed_by_one.id);
    let entry = staff_one
        .check_in(signed_by_other.proof.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(entry.booking_id, signed_by_other.id);

    for (app, own) in [(&one, &kid_one), (&other, &kid_other)] {
        let keys = app.client().proof_keys().await.unwrap();
        assert_eq!(keys.len(), 2);
        let current: Vec<_> = keys.iter().filter(|k| k.current).map(|k| &k.kid).collect();
        assert_eq!(current, [own]);
    }
    other.stop_keeping_database().await;
    one.stop().await;
}
