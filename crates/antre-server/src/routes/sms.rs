//! The SMS gateway's inbound webhook: HMAC-SHA256 over the raw body with the gateway's secret
//! (`ANTRE_SMS_SECRET` or the file `ANTRE_SMS_SECRET_FILE` names; never in the repository).
//! The protocol itself is `crate::sms`.

use super::payments::signature_valid;
use crate::error::{ApiError, ErrorCode};
use crate::sms::{self, SmsCtx};
use crate::state::AppState;
use antre_api::error::ErrorBody;
use antre_api::sms::{SmsInbound, SmsInboundResult};
use antre_api::SMS_SIGNATURE_HEADER;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/sms/inbound", post(inbound))
}

pub fn ctx(state: &AppState) -> SmsCtx {
    SmsCtx {
        db: state.db.clone(),
        catalog: state.catalog.clone(),
        localizer: state.localizer.clone(),
        gateway: state.sms.clone(),
        drawn_releases: state.drawn_releases.clone(),
    }
}

#[utoipa::path(post, path = "/v1/sms/inbound", tag = "sms", request_body = SmsInbound,
    params(("X-Antre-Sms-Signature" = String, Header, pattern = "^[0-9a-fA-F]{64}$", description = "hex HMAC-SHA256 of the body with the gateway's secret")),
    responses((status = 200, body = SmsInboundResult, description = "answered (the replies also went to the outbound gateway); a retry of the same `message_id` is answered once"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: the body is not a message, or `message_id` is blank or over 100 bytes, or a text holds U+0000"),
        (status = 401, body = ErrorBody, description = "`invalid_signature`: the signature is missing or wrong, or the SMS channel is not configured")))]
/// One SMS from a phone: `JADWAL <office>`, `CEK <billing code>`, `BATAL <billing code>`,
/// `PESAN <office> <person> [DD-MM]`, `NILAI <billing code> <1-5>`, `BANTUAN`. Bookings are
/// made, read or cancelled only from a verified number of their account.
pub async fn inbound(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<SmsInboundResult>, ApiError> {
    let secret = state
        .config
        .sms_secret
        .as_ref()
        .ok_or(ErrorCode::InvalidSignature)?;
    let signature = headers
        .get(SMS_SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !signature_valid(secret, &body, signature) {
        return Err(ErrorCode::InvalidSignature.into());
    }
    let msg: SmsInbound =
        serde_json::from_slice(&body).map_err(|_| ApiError::new(ErrorCode::InvalidRequest))?;
    if msg.message_id.trim().is_empty()
        || msg.message_id.len() > 100
        || msg.message_id.contains('\0')
    {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("message_id"));
    }
    if msg.text.contains('\0') || msg.from.contains('\0') || msg.text.len() > 1600 {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("text"));
    }
    let handled = sms::handle(
        &ctx(&state),
        &msg.from,
        &msg.text,
        Some(&msg.message_id),
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?;
    Ok(Json(SmsInboundResult {
        replies: handled.replies,
        rate_limited: handled.rate_limited,
        duplicate: handled.duplicate,
    }))
}

/// Issue 11: after a check-in, the SMS asking for a rating (`NILAI`). Best effort: a failure is
/// logged, the check-in stands.
pub async fn prompt_rating_after_check_in(
    state: &AppState,
    booking: uuid::Uuid,
    now: chrono::DateTime<chrono::Utc>,
) {
    if let Err(e) = sms::prompt_rating(&ctx(state), booking, now).await {
        tracing::warn!(error = %e, "the rating prompt could not be sent by SMS");
    }
}
