//! Personal data stays out of the logs: the whole applicant and booking flow runs with every
//! log line captured at TRACE level (sqlx included), and no full NIK may appear in it.

mod support;

use antre_api::bookings::CreateBookingRequest;
use antre_api::{ApplicationKind, Lane, PassportKind, Validity};
use std::io::Write;
use std::sync::{Arc, Mutex};
use support::*;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_nik_in_any_log_line() {
    let captured = Captured::default();
    let sink = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .with_ansi(false)
        .init();

    let app = spawn_app().await;
    let client = app.signed_in("private@example.id").await;
    let birth = day(1958, 8, 17);
    let person = applicant("SITI RAHMAWATI", birth, 4321);
    let full_nik = person.nik.clone();
    let added = client.add_applicant(&person).await.unwrap();
    // A mistyped NIK on the way in must not be echoed either.
    let typo = antre_api::applicants::ApplicantRequest {
        nik: format!("{}9{}", &full_nik[..8], &full_nik[9..]),
        ..person.clone()
    };
    assert!(client.add_applicant(&typo).await.is_err());
    let slot = client
        .day_slots("kanim-bekasi", day(2026, 12, 8), Some(Lane::Priority))
        .await
        .unwrap()[0]
        .slot_id;
    let req = CreateBookingRequest {
        applicant_id: added.id,
        slot_id: slot,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::Renewal,
    };
    let (booking, _) = client.create_booking(&req, "log-test-key-1").await.unwrap();
    app.pay(&booking).await;
    client.bookings().await.unwrap();
    app.stop().await;

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.len() > 1000,
        "the flow was logged ({} bytes)",
        logs.len()
    );
    assert!(logs.contains("/v1/bookings"), "requests are logged");
    for nik in [&full_nik, &typo.nik] {
        assert!(!logs.contains(nik.as_str()), "a NIK leaked into the logs");
    }
}
