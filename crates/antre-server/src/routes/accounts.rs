//! Sign-up, verification by one-time code, sign-in and sign-out.

use super::{ApiJson, ClientLocale};
use crate::auth::{self, Caller};
use crate::error::{ApiError, ErrorCode};
use crate::notify::OutgoingMessage;
use crate::state::AppState;
use crate::store::accounts::{self, Account, NewAccount};
use antre_api::accounts::{
    AccountView, LoginRequest, RegisterRequest, RegisterResponse, Role, SessionResponse,
    VerifyRequest,
};
use antre_api::error::ErrorBody;
use antre_domain::person::{check_password_strength, Email, Phone};
use antre_i18n::Arg;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use chrono::Duration;
use rand::Rng;

const CODE_VALIDITY: Duration = Duration::minutes(15);
const CODE_ATTEMPTS: i64 = 5;
const SESSION_VALIDITY: Duration = Duration::days(14);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/accounts", post(register))
        .route("/v1/accounts/verify", post(verify))
        .route("/v1/sessions", post(login))
        .route("/v1/sessions/current", delete(logout))
        .route("/v1/me", get(me))
}

pub fn account_view(a: &Account) -> AccountView {
    AccountView {
        id: a.id,
        email: a.email.clone(),
        phone: a.phone.clone(),
        role: a.role,
        office_id: a.office_id.clone(),
    }
}

fn code_hash(account: uuid::Uuid, code: &str) -> String {
    auth::token_hash(&format!("{account}:{code}"))
}

#[utoipa::path(post, path = "/v1/accounts", tag = "accounts", request_body = RegisterRequest,
    responses((status = 201, body = RegisterResponse, description = "created; the one-time code is on its way"),
        (status = 409, body = ErrorBody, description = "`email_taken`"),
        (status = 422, body = ErrorBody, description = "`invalid_email`, `invalid_phone`, `weak_password`")))]
pub async fn register(
    State(state): State<AppState>,
    ClientLocale(locale): ClientLocale,
    ApiJson(req): ApiJson<RegisterRequest>,
) -> Result<(StatusCode, Json<RegisterResponse>), ApiError> {
    let email = Email::parse(&req.email).map_err(|e| ApiError::invalid("email", e))?;
    let phone = Phone::parse(&req.phone).map_err(|e| ApiError::invalid("phone", e))?;
    check_password_strength(&req.password).map_err(|e| ApiError::invalid("password", e))?;
    let password_hash = state
        .passwords
        .hash(&req.password)
        .await
        .map_err(ApiError::internal)?;
    let now = state.clock.now();
    let new = NewAccount {
        email: email.as_str(),
        phone: phone.as_str(),
        password_hash: &password_hash,
        role: Role::Applicant,
        office_id: None,
        verified_at: None,
    };
    let id = accounts::create(&state.db, new, now)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::EmailTaken).field("email"))?;
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    accounts::store_code(&state.db, id, &code_hash(id, &code), now + CODE_VALIDITY).await?;
    let body = state.localizer.message(
        locale,
        "verification-code-message",
        &[("code", Arg::from(code.as_str()))],
    );
    let message = OutgoingMessage {
        account: id,
        channel: "sms",
        recipient: email.as_str(),
        body: &body,
    };
    state
        .sender
        .send(&state.db, message, now)
        .await
        .map_err(ApiError::internal)?;
    Ok((
        StatusCode::CREATED,
        Json(RegisterResponse {
            account_id: id,
            verification_sent: true,
        }),
    ))
}

#[utoipa::path(post, path = "/v1/accounts/verify", tag = "accounts", request_body = VerifyRequest,
    responses((status = 204, description = "verified (or already was)"),
        (status = 422, body = ErrorBody, description = "`invalid_email`; `invalid_verification_code`: wrong, expired or tried too often")))]
pub async fn verify(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<VerifyRequest>,
) -> Result<StatusCode, ApiError> {
    let invalid = || ApiError::new(ErrorCode::InvalidVerificationCode).field("code");
    let email = Email::parse(&req.email).map_err(|e| ApiError::invalid("email", e))?;
    let account = accounts::by_email(&state.db, email.as_str())
        .await?
        .ok_or_else(invalid)?;
    if account.verified {
        return Ok(StatusCode::NO_CONTENT);
    }
    let (hash, expires_at) = accounts::take_code_attempt(&state.db, account.id, CODE_ATTEMPTS)
        .await?
        .ok_or_else(invalid)?;
    let now = state.clock.now();
    if expires_at <= now || hash != code_hash(account.id, req.code.trim()) {
        return Err(invalid());
    }
    accounts::mark_verified(&state.db, account.id, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/v1/sessions", tag = "accounts", request_body = LoginRequest,
    responses((status = 201, body = SessionResponse),
        (status = 401, body = ErrorBody, description = "`invalid_credentials`: unknown email or wrong password (never which)"),
        (status = 403, body = ErrorBody, description = "`account_not_verified`")))]
pub async fn login(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<(StatusCode, Json<SessionResponse>), ApiError> {
    let email =
        Email::parse(&req.email).map_err(|_| ApiError::new(ErrorCode::InvalidCredentials))?;
    let account = accounts::by_email(&state.db, email.as_str()).await?;
    // Verified against a real hash even for unknown emails: timing does not reveal accounts.
    let password_ok = state
        .passwords
        .verify(
            &req.password,
            account.as_ref().map(|a| a.password_hash.as_str()),
        )
        .await
        .map_err(ApiError::internal)?;
    let account = account
        .filter(|_| password_ok)
        .ok_or(ErrorCode::InvalidCredentials)?;
    if !account.verified {
        return Err(ErrorCode::AccountNotVerified.into());
    }
    let now = state.clock.now();
    let (token, token_hash) = auth::new_token();
    let expires_at = now + SESSION_VALIDITY;
    accounts::insert_token(&state.db, &token_hash, account.id, expires_at, now).await?;
    Ok((
        StatusCode::CREATED,
        Json(SessionResponse {
            token,
            expires_at,
            account: account_view(&account),
        }),
    ))
}

#[utoipa::path(delete, path = "/v1/sessions/current", tag = "accounts", security(("bearer" = [])),
    responses((status = 204, description = "signed out: the token no longer works")))]
pub async fn logout(State(state): State<AppState>, caller: Caller) -> Result<StatusCode, ApiError> {
    accounts::delete_token(&state.db, &caller.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/v1/me", tag = "accounts", security(("bearer" = [])), responses((status = 200, body = AccountView)))]
pub async fn me(caller: Caller) -> Json<AccountView> {
    Json(account_view(&caller.account))
}
