//! The payment provider's callback: HMAC-SHA256 over the raw body with the shared secret.
//! A real provider (bank, SIMPONI) plugs in here by signing the same way or by an adapter that
//! translates its own callback into this one.

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::payments::{self, Channel, Received};
use antre_api::bookings::{PaymentCallback, PaymentReceipt};
use antre_api::error::ErrorBody;
use antre_api::PAYMENT_SIGNATURE_HEADER;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/payments/callback", post(callback))
}

pub fn sign(secret: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(body);
    crate::auth::hex(&mac.finalize().into_bytes())
}

pub(crate) fn signature_valid(secret: &[u8], body: &[u8], signature_hex: &str) -> bool {
    let Some(sig) = (0..signature_hex.len())
        .step_by(2)
        .map(|i| {
            signature_hex
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
    else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(body);
    mac.verify_slice(&sig).is_ok() // constant time
}

#[utoipa::path(post, path = "/v1/payments/callback", tag = "payments", request_body = PaymentCallback,
    params(("X-Antre-Signature" = String, Header, pattern = "^[0-9a-fA-F]{64}$", description = "hex HMAC-SHA256 of the body")),
    responses((status = 200, body = PaymentReceipt, description = "recorded (applied, reinstated, or owed back)"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: the body is not a payment, `provider_reference` is blank or over 128 bytes, or a text holds U+0000"),
        (status = 401, body = ErrorBody, description = "`invalid_signature`: `X-Antre-Signature` is missing or wrong, or callbacks are not configured")))]
/// Every signed payment is recorded, whatever its booking's state: money that arrived is
/// never dropped. A retry with the same `provider_reference` returns the first answer.
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<PaymentReceipt>, ApiError> {
    let secret = state
        .payment_secret
        .as_ref()
        .ok_or(ErrorCode::InvalidSignature)?;
    let signature = headers
        .get(PAYMENT_SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !signature_valid(secret, &body, signature) {
        return Err(ErrorCode::InvalidSignature.into());
    }
    let paid: PaymentCallback =
        serde_json::from_slice(&body).map_err(|_| ApiError::new(ErrorCode::InvalidRequest))?;
    // PostgreSQL text cannot hold U+0000, and no provider sends it.
    if paid.billing_code.contains('\0') {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("billing_code"));
    }
    let reference = paid.provider_reference.as_str();
    if reference.trim().is_empty() || reference.len() > 128 || reference.contains('\0') {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("provider_reference"));
    }
    let recorded = payments::receive(
        &state.db,
        Received {
            channel: Channel::Provider,
            reference: paid.provider_reference,
            billing_code: paid.billing_code,
            amount: paid.amount,
        },
        None,
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?;
    Ok(Json(receipt(&recorded)))
}

pub fn receipt(r: &payments::Recorded) -> PaymentReceipt {
    PaymentReceipt {
        outcome: super::booking_view::outcome_view(r.outcome),
        refund_reason: r.reason.map(super::booking_view::reason_view),
        booking_id: r.booking_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_round_trip_and_reject_tampering() {
        let sig = sign(b"secret", b"{\"a\":1}");
        assert!(signature_valid(b"secret", b"{\"a\":1}", &sig));
        assert!(!signature_valid(b"secret", b"{\"a\":2}", &sig));
        assert!(!signature_valid(b"other", b"{\"a\":1}", &sig));
        assert!(!signature_valid(b"secret", b"{\"a\":1}", "zz"));
    }
}
