//! Killing the server (SIGKILL) in the middle of a booking flood, over real processes: no
//! acknowledged booking is lost and none is half-written (counters match the rows, every
//! claimed idempotency key names a booking that exists, a retry after the restart returns the
//! same booking). Ten rounds on the engine the suite runs on (SQLite by default, PostgreSQL
//! with `ANTRE_TEST_POSTGRES_URL`).
mod support;

use antre_api::bookings::CreateBookingRequest;
use antre_api::{ApplicationKind, Lane, PassportKind, Validity};
use antre_client::Client;
use sqlx::Row;
use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::*;
use uuid::Uuid;

const ROUNDS: usize = 10;
const ACCOUNTS: u32 = 8;
const PER_ACCOUNT: u32 = 5;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The server as a process of its own, with the secrets the in-process setup used.
fn start(database_url: &str, port: u16, proof: &[u8; 32], draw: &[u8; 32]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_antre-server"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", database_url)
        .env(
            "ANTRE_DATA_KEY",
            antre_server::secret_file::encode(&TEST_DATA_KEY),
        )
        .env("ANTRE_PROOF_KEY", antre_server::secret_file::encode(proof))
        .env("ANTRE_DRAW_SECRET", antre_server::secret_file::encode(draw))
        .env("ANTRE_PAYMENT_SECRET", "test-payment-secret")
        .env("ANTRE_TEST_CLOCK_START", "2026-12-04T08:00:00Z")
        .env("ANTRE_RATE_PER_IP_PER_MINUTE", "1000000")
        .env("ANTRE_RATE_PER_ACCOUNT_PER_MINUTE", "1000000")
        .env("ANTRE_MAX_IN_FLIGHT", "10000")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("antre-server starts")
}

async fn wait_ready(url: &str) {
    let client = Client::new(url);
    for _ in 0..300 {
        if client.health().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not come up at {url}");
}

struct Person {
    token: String,
    applicant: Uuid,
    key: String,
    slot: i64,
}

#[tokio::test]
async fn sigkill_during_a_booking_flood_loses_no_acknowledged_booking() {
    let mut cut_short = 0;
    for round in 0..ROUNDS {
        // Setup in process (accounts, people), then the server as a real process.
        let app = spawn_app().await;
        let url_db = app.database_url();
        let slots: Vec<i64> = app
            .client()
            .day_slots("kanim-bekasi", day(2026, 12, 8), Some(Lane::Regular))
            .await
            .unwrap()
            .iter()
            .map(|s| s.slot_id)
            .collect();
        let mut people = Vec::new();
        for a in 0..ACCOUNTS {
            let (client, list) = app
                .family(
                    &format!("flood{a}@example.id"),
                    PER_ACCOUNT,
                    1 + a * PER_ACCOUNT,
                )
                .await;
            for (i, p) in list.iter().enumerate() {
                people.push(Person {
                    token: client.token().unwrap().to_string(),
                    applicant: p.id,
                    key: Uuid::new_v4().to_string(),
                    slot: slots[i % slots.len()],
                });
            }
        }
        app.stop_keeping_database().await;
        let (proof, draw): ([u8; 32], [u8; 32]) = (rand::random(), rand::random());
        let port = free_port();
        let url = format!("http://127.0.0.1:{port}");
        let mut child = start(&url_db, port, &proof, &draw);
        wait_ready(&url).await;

        // The flood: every person books at once; the server dies part of the way through, once
        // a number of answers (different each round) has come back.
        let answered = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for p in &people {
            let client = Client::new(&url).with_token(p.token.clone());
            let req = CreateBookingRequest {
                applicant_id: p.applicant,
                slot_id: p.slot,
                passport_kind: PassportKind::Ordinary,
                validity: Validity::FiveYears,
                application_kind: ApplicationKind::New,
            };
            let key = p.key.clone();
            let answered = answered.clone();
            tasks.push(tokio::spawn(async move {
                let id = client
                    .create_booking(&req, &key)
                    .await
                    .ok()
                    .map(|(b, _)| b.id);
                if id.is_some() {
                    answered.fetch_add(1, Ordering::SeqCst);
                }
                id
            }));
        }
        let kill_after = 1 + (round * 7) % (people.len() - 5);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while answered.load(Ordering::SeqCst) < kill_after && tokio::time::Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        let mut acknowledged: HashMap<Uuid, Uuid> = HashMap::new();
        for (p, t) in people.iter().zip(tasks) {
            if let Some(id) = t.await.unwrap() {
                acknowledged.insert(p.applicant, id);
            }
        }

        // Restarted on the same database: the rows are whole.
        let mut child = start(&url_db, port, &proof, &draw);
        wait_ready(&url).await;
        let db = antre_server::store::Db::open(&url_db).await.unwrap();
        let broken = antre_server::store::invariants::check(&db).await.unwrap();
        assert!(broken.is_empty(), "round {round}: {broken:?}");
        let orphans: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM idempotency_keys k WHERE k.booking_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = k.booking_id)",
        )
        .fetch_one(&db.read)
        .await
        .unwrap()
        .get("n");
        assert_eq!(
            orphans, 0,
            "round {round}: a claimed key without its booking"
        );
        let rows: HashMap<Uuid, Uuid> = sqlx::query("SELECT id, applicant_id FROM bookings")
            .fetch_all(&db.read)
            .await
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r.get::<String, _>("applicant_id").parse().unwrap(),
                    r.get::<String, _>("id").parse().unwrap(),
                )
            })
            .collect();
        for (applicant, id) in &acknowledged {
            assert_eq!(
                rows.get(applicant),
                Some(id),
                "round {round}: an acknowledged booking was lost"
            );
        }
        // Every retry with its key gets the booking that was made, or makes the one that was
        // not: afterwards each person has exactly one.
        for p in &people {
            let client = Client::new(&url).with_token(p.token.clone());
            let (b, _) = client
                .create_booking(
                    &CreateBookingRequest {
                        applicant_id: p.applicant,
                        slot_id: p.slot,
                        passport_kind: PassportKind::Ordinary,
                        validity: Validity::FiveYears,
                        application_kind: ApplicationKind::New,
                    },
                    &p.key,
                )
                .await
                .unwrap_or_else(|e| panic!("round {round}: retry: {e:?}"));
            if let Some(first) = rows.get(&p.applicant) {
                assert_eq!(
                    b.id, *first,
                    "round {round}: the retry made a second booking"
                );
            }
        }
        let total: i64 = sqlx::query("SELECT COUNT(*) AS n FROM bookings")
            .fetch_one(&db.read)
            .await
            .unwrap()
            .get("n");
        assert_eq!(total as usize, people.len(), "round {round}");
        let broken = antre_server::store::invariants::check(&db).await.unwrap();
        assert!(broken.is_empty(), "round {round}: {broken:?}");
        eprintln!(
            "round {round}: {} of {} acknowledged before SIGKILL, {} rows after it",
            acknowledged.len(),
            people.len(),
            rows.len()
        );
        if !acknowledged.is_empty() && acknowledged.len() < people.len() {
            cut_short += 1;
        }
        db.close().await;
        child.kill().unwrap();
        child.wait().unwrap();
    }
    assert!(
        cut_short >= ROUNDS / 2,
        "the kill should land in the middle of the flood in most rounds: {cut_short} of {ROUNDS}"
    );
}
