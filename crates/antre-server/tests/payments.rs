//! Every payment is recorded, whatever its booking's state: money that arrived is never lost.
mod support;

use antre_api::bookings::{
    CreateBookingRequest, PaymentCallback, PaymentOutcome, PaymentReceipt, RefundReason,
};
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use chrono::Duration;
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

/// Posts a callback signed with `secret`; the status and the parsed body (JSON either way).
async fn callback(
    app: &TestApp,
    body: &PaymentCallback,
    secret: &[u8],
) -> (u16, serde_json::Value) {
    let body = serde_json::to_vec(body).unwrap();
    let signature = antre_server::routes::payments::sign(secret, &body);
    let response = reqwest::Client::new()
        .post(format!("{}/v1/payments/callback", app.url))
        .header(antre_api::PAYMENT_SIGNATURE_HEADER, signature)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

fn paid(code: &str, amount: i64, reference: &str) -> PaymentCallback {
    PaymentCallback {
        billing_code: code.into(),
        amount,
        provider_reference: reference.into(),
    }
}

async fn receipt(app: &TestApp, body: &PaymentCallback) -> PaymentReceipt {
    let (status, json) = callback(app, body, b"test-payment-secret").await;
    assert_eq!(status, 200, "{json}");
    serde_json::from_value(json).unwrap()
}

#[tokio::test]
async fn forged_and_wrong_payments_are_told_apart() {
    let app = spawn_app().await;
    let (client, people) = app.family("payer@example.id", 1, 1).await;
    let slot = client
        .day_slots("kanim-bekasi", day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap()[0]
        .slot_id;
    let (booking, _) = client
        .create_booking(&req(people[0].id, slot), &key())
        .await
        .unwrap();
    let (status, body) = callback(
        &app,
        &paid(&booking.billing_code, booking.fee_total, "bank-0"),
        b"not-the-secret",
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("invalid_signature"))
    );

    let wrong = receipt(&app, &paid(&booking.billing_code, 1, "bank-1")).await;
    assert_eq!(
        (wrong.outcome, wrong.refund_reason),
        (PaymentOutcome::RefundDue, Some(RefundReason::WrongAmount))
    );
    let unknown = receipt(&app, &paid("1234567890123456", 350_000, "bank-2")).await;
    assert_eq!(
        unknown.refund_reason,
        Some(RefundReason::UnknownBillingCode)
    );

    let applied = receipt(
        &app,
        &paid(&booking.billing_code, booking.fee_total, "bank-3"),
    )
    .await;
    assert_eq!(applied.outcome, PaymentOutcome::Applied);
    assert_eq!(applied.booking_id, Some(booking.id));
    // The provider retries its callback: the same answer, recorded once.
    let retried = receipt(
        &app,
        &paid(&booking.billing_code, booking.fee_total, "bank-3"),
    )
    .await;
    assert_eq!(retried.outcome, PaymentOutcome::Applied);
    // Paid twice (another reference): the second is owed back.
    let twice = receipt(
        &app,
        &paid(&booking.billing_code, booking.fee_total, "bank-4"),
    )
    .await;
    assert_eq!(twice.refund_reason, Some(RefundReason::AlreadyPaid));

    let view = client.booking(booking.id).await.unwrap();
    assert_eq!(view.status, BookingStatus::Confirmed);
    let outcomes: Vec<_> = view.payments.iter().map(|p| p.outcome).collect();
    assert_eq!(
        outcomes,
        [
            PaymentOutcome::RefundDue,
            PaymentOutcome::Applied,
            PaymentOutcome::RefundDue
        ]
    );
    assert_eq!(view.refund_due, 1 + booking.fee_total);
    app.stop().await;
}

#[tokio::test]
async fn a_late_payment_reinstates_the_booking_if_its_place_is_free_else_is_owed_back() {
    let app = spawn_app().await;
    let (client, people) = app.family("late@example.id", 3, 1).await;
    let slot = client
        .day_slots("kanim-bekasi", day(2026, 12, 9), Some(Lane::Regular))
        .await
        .unwrap()[0]
        .slot_id;
    app.set_capacity(slot, 1).await;
    let (first, _) = client
        .create_booking(&req(people[0].id, slot), &key())
        .await
        .unwrap();
    app.clock.advance(Duration::hours(3));
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    assert_eq!(
        client.booking(first.id).await.unwrap().status,
        BookingStatus::Lapsed
    );
    // The bank's callback arrives after the lapse, the place still free: reinstated.
    let late = receipt(&app, &paid(&first.billing_code, first.fee_total, "late-1")).await;
    assert_eq!(late.outcome, PaymentOutcome::Reinstated);
    assert_eq!(
        client.booking(first.id).await.unwrap().status,
        BookingStatus::Confirmed
    );
    assert_eq!(app.slot_counts(slot).await, (1, 1, 1));

    // Cancelled, then a payment arrives: owed back, not resurrected.
    client.cancel(first.id).await.unwrap();
    let (second, _) = client
        .create_booking(&req(people[1].id, slot), &key())
        .await
        .unwrap();
    client.cancel(second.id).await.unwrap();
    let after_cancel = receipt(
        &app,
        &paid(&second.billing_code, second.fee_total, "late-2"),
    )
    .await;
    assert_eq!(after_cancel.refund_reason, Some(RefundReason::Cancelled));

    // Lapsed and the place taken by someone else meanwhile: owed back, shown to the
    // applicant and to staff.
    let (third, _) = client
        .create_booking(&req(people[1].id, slot), &key())
        .await
        .unwrap();
    app.clock.advance(Duration::hours(3));
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    let (fourth, _) = client
        .create_booking(&req(people[2].id, slot), &key())
        .await
        .unwrap();
    assert_eq!(fourth.status, BookingStatus::PendingPayment);
    let taken = receipt(&app, &paid(&third.billing_code, third.fee_total, "late-3")).await;
    assert_eq!(taken.refund_reason, Some(RefundReason::PlaceTaken));
    let view = client.booking(third.id).await.unwrap();
    assert_eq!(
        (view.status, view.refund_due),
        (BookingStatus::Lapsed, view.fee_total)
    );
    let staff = app.staff("petugas@bekasi.id", Some("kanim-bekasi")).await;
    let roster = staff
        .roster("kanim-bekasi", day(2026, 12, 9), None)
        .await
        .unwrap();
    let row = roster
        .iter()
        .find(|r| r.booking_id == third.id)
        .expect("on the roster");
    assert!(row.refund_due);
    assert_eq!(app.slot_counts(slot).await, (1, 1, 1), "nothing overbooked");
    app.stop().await;
}

#[tokio::test]
async fn counter_payments_only_where_the_office_allows_them_and_audited() {
    let app = spawn_app().await;
    let (client, people) = app.family("loket@example.id", 1, 1).await;
    let slot = client
        .day_slots("kanim-bekasi", day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap()[0]
        .slot_id;
    let (booking, _) = client
        .create_booking(&req(people[0].id, slot), &key())
        .await
        .unwrap();
    let staff = app.staff("petugas@bekasi.id", Some("kanim-bekasi")).await;
    assert_eq!(
        staff
            .confirm_payment(&booking.billing_code)
            .await
            .unwrap_err()
            .code(),
        Some("counter_payment_not_allowed")
    );
    // The office's policy says yes (data/quotas.csv `counter_payment`).
    app.db()
        .execute(sqlx::query(
            "UPDATE offices SET counter_payment = 1 WHERE id = 'kanim-bekasi'",
        ))
        .await
        .unwrap();
    let other = app.staff("petugas@depok.id", Some("kanim-depok")).await;
    assert_eq!(
        other
            .confirm_payment(&booking.billing_code)
            .await
            .unwrap_err()
            .code(),
        Some("wrong_office")
    );
    let confirmed = staff.confirm_payment(&booking.billing_code).await.unwrap();
    assert_eq!(confirmed.status, BookingStatus::Confirmed);
    assert_eq!(
        staff
            .confirm_payment(&booking.billing_code)
            .await
            .unwrap_err()
            .code(),
        Some("payment_not_pending")
    );
    use sqlx::Row;
    let audit = sqlx::query(
        "SELECT actor_account_id, actor_role, action, target FROM audit_log WHERE office_id = 'kanim-bekasi'",
    )
    .fetch_all(&app.db().read)
    .await
    .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].get::<String, _>("action"), "payment.counter");
    assert_eq!(audit[0].get::<String, _>("actor_role"), "staff");
    assert_eq!(audit[0].get::<String, _>("target"), booking.id.to_string());
    assert!(audit[0]
        .get::<Option<String>, _>("actor_account_id")
        .is_some());
    app.stop().await;
}

/// Texts PostgreSQL cannot store (U+0000) are refused as bad requests; they answered 500 there.
#[tokio::test]
async fn texts_holding_u0000_are_refused_not_failed() {
    let app = spawn_app().await;
    for (body, field) in [
        (paid("1234567890123456\u{0}", 1, "bank-0"), "billing_code"),
        (
            paid("1234567890123456", 1, "bank\u{0}"),
            "provider_reference",
        ),
    ] {
        let (status, json) = callback(&app, &body, b"test-payment-secret").await;
        assert_eq!(
            (status, json["code"].as_str(), json["field"].as_str()),
            (400, Some("invalid_request"), Some(field))
        );
    }
    // A billing code is 16 digits: anything else names no booking and is never looked up.
    let staff = app.staff("petugas@bekasi.id", Some("kanim-bekasi")).await;
    for code in ["1234567890123456\u{0}", "123"] {
        assert_eq!(
            staff.confirm_payment(code).await.unwrap_err().code(),
            Some("not_found"),
            "{code:?}"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn an_oversized_callback_gets_the_json_error() {
    let app = spawn_app().await;
    let response = reqwest::Client::new()
        .post(format!("{}/v1/payments/callback", app.url))
        .header(antre_api::PAYMENT_SIGNATURE_HEADER, "00")
        .header("content-type", "application/json")
        .body(vec![b' '; 200 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let body: serde_json::Value = response.json().await.expect("a JSON body");
    assert_eq!(body["code"], "payload_too_large");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    app.stop().await;
}
