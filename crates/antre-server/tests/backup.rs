//! Online backup and restore of the embedded SQLite database, through the real command line:
//! a backup taken while the server serves, restored into a fresh data directory, opened by a
//! new server with the same secrets: every booking, payment and proof is there.
mod support;

use antre_api::bookings::CreateBookingRequest;
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use antre_server::config::SecretSource;
use std::process::Command;
use support::*;
use uuid::Uuid;

fn sqlite_url(dir: &std::path::Path) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        dir.join("antre-server.db").display()
    )
}

fn run(args: &[&str], database_url: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_antre-server"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("antre-server runs");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_every_booking_and_proof() {
    let root = tempfile::tempdir().unwrap();
    let live_dir = root.path().join("live");
    std::fs::create_dir_all(&live_dir).unwrap();
    let live_url = sqlite_url(&live_dir);
    let proof_key: [u8; 32] = rand::random();
    let app = spawn_app_on(live_url.clone(), |c| {
        c.proof_key = SecretSource::Value(proof_key)
    })
    .await;
    let (client, people) = app.family("ani@example.id", 3, 1).await;
    let slots = client
        .day_slots("kanim-bekasi", day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap();
    let mut made = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let (b, _) = client
            .create_booking(
                &CreateBookingRequest {
                    applicant_id: p.id,
                    slot_id: slots[i % slots.len()].slot_id,
                    passport_kind: PassportKind::Ordinary,
                    validity: Validity::FiveYears,
                    application_kind: ApplicationKind::New,
                },
                &Uuid::new_v4().to_string(),
            )
            .await
            .unwrap();
        made.push(b);
    }
    app.pay(&made[0]).await;
    app.pay(&made[1]).await;
    let before = client.bookings().await.unwrap();
    assert_eq!(before.iter().filter(|b| b.proof.is_some()).count(), 2);

    // Online: the server keeps serving during the backup.
    let backup = root.path().join("antre-backup.db");
    let (ok, out) = run(&["backup", backup.to_str().unwrap()], &live_url);
    assert!(ok, "{out}");
    assert!(out.contains("backed up 3 bookings"), "{out}");
    // Never over an existing file.
    let (ok, out) = run(&["backup", backup.to_str().unwrap()], &live_url);
    assert!(!ok, "{out}");
    // A booking after the backup is not in it.
    client.cancel(made[2].id).await.unwrap();
    app.stop_keeping_database().await;

    // Restore into a fresh data directory (never over a database).
    let (ok, out) = run(&["restore", backup.to_str().unwrap()], &live_url);
    assert!(!ok, "restore over the live database is refused: {out}");
    let fresh_dir = root.path().join("fresh");
    let fresh_url = sqlite_url(&fresh_dir);
    let (ok, out) = run(&["restore", backup.to_str().unwrap()], &fresh_url);
    assert!(ok, "{out}");
    assert!(out.contains("restored 3 bookings"), "{out}");
    let garbage = root.path().join("garbage.db");
    std::fs::write(&garbage, b"not a database at all").unwrap();
    let (ok, _) = run(
        &["restore", garbage.to_str().unwrap()],
        &sqlite_url(&root.path().join("other")),
    );
    assert!(!ok, "a file that is not a database is refused");

    let restored = spawn_app_on(fresh_url, |c| c.proof_key = SecretSource::Value(proof_key)).await;
    // The session was in the database too.
    let again = restored
        .client()
        .with_token(client.token().unwrap().to_string());
    let after = again.bookings().await.unwrap();
    assert_eq!(after.len(), before.len());
    for (a, b) in after.iter().zip(&before) {
        assert_eq!(
            (
                a.id,
                a.status,
                a.slot_id,
                &a.billing_code,
                &a.proof,
                a.payments.len()
            ),
            (
                b.id,
                b.status,
                b.slot_id,
                &b.billing_code,
                &b.proof,
                b.payments.len()
            )
        );
    }
    assert!(
        after.iter().all(|b| b.status != BookingStatus::Cancelled),
        "the cancel after the backup is not in it"
    );
    // A proof issued before the backup checks in at the restored server.
    let staff = restored
        .staff("petugas@bekasi.id", Some("kanim-bekasi"))
        .await;
    let paid = after.iter().find(|b| b.proof.is_some()).unwrap();
    restored
        .clock
        .set(paid.starts_at - chrono::Duration::minutes(30));
    staff
        .check_in(paid.proof.as_deref().unwrap())
        .await
        .unwrap();
    let broken = antre_server::store::invariants::check(restored.db())
        .await
        .unwrap();
    assert!(broken.is_empty(), "{broken:?}");
    restored.stop_keeping_database().await;
}
