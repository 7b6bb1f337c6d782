//! The payment provider's callback: HMAC-SHA256 over the raw body with the shared secret.
//! A real provider (bank, SIMPONI) plugs in here by signing the same way or by an adapter that
//! translates its own callback into this one.

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::bookings;
use antre_api::bookings::PaymentCallback;
use antre_api::error::ErrorBody;
use antre_api::PAYMENT_SIGNATURE_HEADER;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
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

fn signature_valid(secret: &[u8], body: &[u8], signature_hex: &str) -> bool {
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
    params(("X-Antre-Signature" = String, Header, description = "hex HMAC-SHA256 of the body")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
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
    bookings::confirm_payment(
        &state.db,
        &paid.billing_code,
        paid.amount,
        &paid.provider_reference,
        state.clock.now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
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
