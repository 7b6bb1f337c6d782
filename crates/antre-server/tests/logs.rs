//! Personal data and secrets stay out of the logs: sign-up, a password reset and the whole
//! applicant and booking flow run with every log line captured at TRACE level (sqlx included),
//! and no NIK, email, phone number, one-time code, password or session token may appear in it.

mod support;

use antre_api::accounts::{
    CodeChannel, LoginRequest, PasswordResetConfirm, PasswordResetRequest, RegisterRequest,
    VerifyRequest,
};
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

/// `needle` as a whole number in `haystack`, not as a part of a longer one nor as the
/// decimals of one: every log line's time ends in six decimals ("10.123456Z") as do sqlx's
/// `elapsed=3.123456ms`, and a six-digit code matched one of those thousands now and then.
fn contains_number(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let mut before = haystack[..at].chars().rev();
        let decimals = match before.next() {
            Some(c) if c.is_ascii_digit() => true,
            Some('.') => before.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        let after = haystack[at + needle.len()..].chars().next();
        !decimals && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

#[test]
fn a_number_is_found_whole_and_not_in_decimals() {
    assert!(contains_number("code=123456 sent", "123456"));
    assert!(contains_number("123456", "123456"));
    assert!(contains_number("at. 123456", "123456"));
    assert!(!contains_number("T00:11:10.123456Z", "123456"));
    assert!(!contains_number("elapsed=3.123456ms", "123456"));
    assert!(!contains_number("91234567", "123456"));
}

#[tokio::test]
async fn no_personal_data_or_secret_in_any_log_line() {
    let captured = Captured::default();
    let sink = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .with_ansi(false)
        .init();

    let app = spawn_app().await;
    let email = "private@example.id";
    let phone = "081298765432";
    let anonymous = app.client();
    anonymous
        .register(&RegisterRequest {
            email: email.into(),
            phone: phone.into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    let email_code = app.code_sent_to(email).await;
    anonymous
        .verify(&VerifyRequest {
            email: email.into(),
            code: email_code.clone(),
            channel: None,
        })
        .await
        .unwrap();
    anonymous
        .request_password_reset(&PasswordResetRequest {
            email: email.into(),
            channel: CodeChannel::Email,
        })
        .await
        .unwrap();
    let reset_code = app.code_sent_to(email).await;
    let new_password = "Sandi-Baru-Rahasia-77";
    anonymous
        .confirm_password_reset(&PasswordResetConfirm {
            email: email.into(),
            code: reset_code.clone(),
            new_password: new_password.into(),
        })
        .await
        .unwrap();
    let session = anonymous
        .login(&LoginRequest {
            email: email.into(),
            password: new_password.into(),
            device: None,
        })
        .await
        .unwrap();
    let client = app.client().with_token(session.token.clone());
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
    for (what, secret) in [
        ("email", email),
        ("phone", phone),
        ("phone", "+6281298765432"),
        ("password", PASSWORD),
        ("password", new_password),
        ("session token", session.token.as_str()),
    ] {
        assert!(!logs.contains(secret), "a {what} leaked into the logs");
    }
    for code in [&email_code, &reset_code] {
        assert!(
            !contains_number(&logs, code),
            "a one-time code leaked into the logs"
        );
    }
}
