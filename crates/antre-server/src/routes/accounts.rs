//! Accounts nobody gets locked out of: sign-up (an unverified sign-up is replaced by a new one),
//! each channel verified by its own code, new codes on request, password reset by a code to a
//! verified channel, sessions that last as long as a booking needs, the list of signed-in
//! devices, and deleting the account. Answers never tell whether an email has an account, except
//! where signing up with a verified email must say it is taken.

use super::{ApiJson, ApiPath, ClientLocale};
use crate::auth::{self, Caller};
use crate::error::{ApiError, ErrorCode};
use crate::notify::{OutgoingMessage, Purpose};
use crate::ratelimit::ClientIp;
use crate::state::AppState;
use crate::store::accounts::{self, Account, Created, Deleted, NewAccount};
use crate::store::codes::{self, Issued};
use crate::store::{sessions, throttle};
use antre_api::accounts::{
    AccountView, CodeChannel, CodeSent, LanguageRequest, LoginRequest, PasswordResetConfirm,
    PasswordResetRequest, RegisterRequest, RegisterResponse, ResendRequest, Role, SessionResponse,
    SessionView, VerifyRequest,
};
use antre_api::error::ErrorBody;
use antre_domain::person::{check_password_strength, Email, Phone};
use antre_i18n::{Arg, Locale};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Extension, Json, Router};
use chrono::{DateTime, Utc};
use rand::Rng;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/accounts", post(register))
        .route("/v1/accounts/verify", post(verify))
        .route("/v1/accounts/resend", post(resend))
        .route("/v1/accounts/password-reset", post(reset_password))
        .route("/v1/accounts/password-reset/confirm", post(confirm_reset))
        .route(
            "/v1/sessions",
            post(login).get(sessions_list).delete(sign_out_everywhere),
        )
        .route("/v1/sessions/current", delete(logout))
        .route("/v1/sessions/{id}", delete(end_session))
        .route("/v1/me", get(me).delete(delete_me))
        .route("/v1/me/language", put(set_language))
}

pub fn account_view(a: &Account) -> AccountView {
    AccountView {
        id: a.id,
        email: a.email.clone(),
        phone: a.phone.clone(),
        role: a.role,
        office_id: a.office_id.clone(),
        email_verified: a.verified,
        phone_verified: a.phone_verified,
        language: a.language.clone(),
    }
}

fn code_hash(account: Uuid, purpose: codes::Purpose, code: &str) -> String {
    auth::token_hash(&format!("{account}:{purpose:?}:{}", code.trim()))
}

fn code_sent(next: Option<DateTime<Utc>>, now: DateTime<Utc>) -> CodeSent {
    let wait = next
        .map(|at| (at - now).num_seconds().max(0))
        .unwrap_or(codes::RESEND_AFTER.num_seconds());
    CodeSent {
        resend_after_seconds: u32::try_from(wait).unwrap_or(u32::MAX),
        valid_minutes: codes::VALIDITY.num_minutes() as u32,
    }
}

/// Makes a code for the account's `channel`, records its hash and sends it through that channel
/// (the email to the address, SMS to the phone). Returns when the next may be asked for.
async fn send_code(
    state: &AppState,
    locale: Locale,
    account: &Account,
    purpose: codes::Purpose,
    channel: CodeChannel,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    match codes::issue(
        &state.db,
        account.id,
        purpose,
        &code_hash(account.id, purpose, &code),
        now,
    )
    .await?
    {
        Issued::NotBefore(at) => return Ok(Some(at)),
        Issued::Now => {}
    }
    let (message_id, notify_purpose) = match purpose {
        codes::Purpose::Email => ("verification-code-message", Purpose::VerifyEmail),
        codes::Purpose::Phone => ("verification-code-message", Purpose::VerifyPhone),
        codes::Purpose::Reset => ("reset-code-message", Purpose::ResetPassword),
    };
    let body = state
        .localizer
        .message(locale, message_id, &[("code", Arg::from(code.as_str()))]);
    let message = |recipient| OutgoingMessage {
        account: account.id,
        purpose: notify_purpose,
        recipient,
        body: &body,
    };
    let sent = match channel {
        CodeChannel::Email => {
            state
                .sender
                .email(&state.db, message(&account.email), now)
                .await
        }
        CodeChannel::Phone => {
            state
                .sender
                .sms(&state.db, message(&account.phone), now)
                .await
        }
    };
    sent.map_err(ApiError::internal)?;
    Ok(None)
}

/// One attempt at a secret, counted against the email and against the client address (keyed
/// hashes: the table holds neither).
struct Attempt {
    email: String,
    address: Option<String>,
}

impl Attempt {
    fn new(state: &AppState, what: &str, email: &str, ip: Option<Extension<ClientIp>>) -> Attempt {
        Attempt {
            email: format!("{what}:{}", state.personal_data.email_key(email)),
            address: ip
                .map(|Extension(ip)| format!("address:{}", state.personal_data.address_key(&ip))),
        }
    }

    /// Refused while either count is over its limit, with the minutes left.
    async fn check(&self, state: &AppState, now: DateTime<Utc>) -> Result<(), ApiError> {
        let mut keys = vec![(self.email.as_str(), throttle::EMAIL_LIMIT)];
        keys.extend(
            self.address
                .as_deref()
                .map(|a| (a, throttle::ADDRESS_LIMIT)),
        );
        for (key, limit) in keys {
            if let Some(until) = throttle::blocked_until(&state.db, key, limit, now).await? {
                return Err(ApiError::new(ErrorCode::TooManyAttempts)
                    .arg("minutes", ((until - now).num_minutes() + 1).to_string()));
            }
        }
        Ok(())
    }

    async fn failed(&self, state: &AppState, now: DateTime<Utc>) -> Result<(), ApiError> {
        throttle::failed(&state.db, &self.email, now).await?;
        if let Some(address) = &self.address {
            throttle::failed(&state.db, address, now).await?;
        }
        Ok(())
    }

    /// A success clears the email's count; the address's runs its window out, so successes on
    /// one's own account cannot hide guesses at others'.
    async fn succeeded(&self, state: &AppState) -> Result<(), ApiError> {
        throttle::succeeded(&state.db, &self.email).await?;
        Ok(())
    }
}

/// The account whose `purpose` code this is, the code used up; else `invalid_verification_code`,
/// the same for a wrong code and an unknown email, and the attempt counted.
async fn redeem_code(
    state: &AppState,
    attempt: &Attempt,
    email: &Email,
    purpose: codes::Purpose,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Account, ApiError> {
    attempt.check(state, now).await?;
    let account = accounts::by_email(&state.db, email.as_str()).await?;
    let right = match &account {
        Some(a) => {
            codes::redeem(
                &state.db,
                a.id,
                purpose,
                &code_hash(a.id, purpose, code),
                now,
            )
            .await?
        }
        None => false,
    };
    let Some(account) = account.filter(|_| right) else {
        attempt.failed(state, now).await?;
        return Err(ApiError::new(ErrorCode::InvalidVerificationCode).field("code"));
    };
    attempt.succeeded(state).await?;
    Ok(account)
}

#[utoipa::path(post, path = "/v1/accounts", tag = "accounts", request_body = RegisterRequest,
    responses((status = 201, body = RegisterResponse, description = "created (or an unverified sign-up replaced); a code goes to the email and one to the phone"),
        (status = 409, body = ErrorBody, description = "`email_taken`: a verified account has this email"),
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
    let id = match accounts::create(&state.db, new, now).await? {
        Created::New(id) | Created::ReplacedUnverified(id) => id,
        Created::Taken => return Err(ApiError::new(ErrorCode::EmailTaken).field("email")),
    };
    let account = accounts::by_id(&state.db, id)
        .await?
        .ok_or(ErrorCode::Internal)?;
    let next = send_code(
        &state,
        locale,
        &account,
        codes::Purpose::Email,
        CodeChannel::Email,
        now,
    )
    .await?;
    send_code(
        &state,
        locale,
        &account,
        codes::Purpose::Phone,
        CodeChannel::Phone,
        now,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(RegisterResponse {
            account_id: id,
            verification_sent: true,
            resend_after_seconds: code_sent(next, now).resend_after_seconds,
        }),
    ))
}

#[utoipa::path(post, path = "/v1/accounts/verify", tag = "accounts", request_body = VerifyRequest,
    responses((status = 204, description = "the channel is verified (or already was)"),
        (status = 422, body = ErrorBody, description = "`invalid_email`; `invalid_verification_code`: wrong, expired, used up or no such account (the same answer)"),
        (status = 429, body = ErrorBody, description = "`too_many_attempts` for this email or from this address; try again later")))]
/// Proves a channel with its code: the email's (default; then the account may sign in) or the
/// phone's. The same answer whether or not the email has an account.
pub async fn verify(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    ApiJson(req): ApiJson<VerifyRequest>,
) -> Result<StatusCode, ApiError> {
    let email = Email::parse(&req.email).map_err(|e| ApiError::invalid("email", e))?;
    let now = state.clock.now();
    let phone = req.channel == Some(CodeChannel::Phone);
    let purpose = if phone {
        codes::Purpose::Phone
    } else {
        codes::Purpose::Email
    };
    let attempt = Attempt::new(&state, "verify", email.as_str(), ip);
    let account = redeem_code(&state, &attempt, &email, purpose, &req.code, now).await?;
    accounts::mark_verified(&state.db, account.id, phone, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/v1/accounts/resend", tag = "accounts", request_body = ResendRequest,
    responses((status = 202, body = CodeSent, description = "a new code is on its way if the account exists and still needs it; says when another may be asked for"),
        (status = 422, body = ErrorBody, description = "`invalid_email`")))]
/// A new verification code for a channel (the previous one stops working). At most one a
/// minute and ten a day; the answer says when the next may come, and is the same whether or
/// not the email has an account.
pub async fn resend(
    State(state): State<AppState>,
    ClientLocale(locale): ClientLocale,
    ApiJson(req): ApiJson<ResendRequest>,
) -> Result<(StatusCode, Json<CodeSent>), ApiError> {
    let email = Email::parse(&req.email).map_err(|e| ApiError::invalid("email", e))?;
    let now = state.clock.now();
    let purpose = match req.channel {
        CodeChannel::Email => codes::Purpose::Email,
        CodeChannel::Phone => codes::Purpose::Phone,
    };
    let mut next = None;
    if let Some(account) = accounts::by_email(&state.db, email.as_str()).await? {
        let needed = match req.channel {
            CodeChannel::Email => !account.verified,
            CodeChannel::Phone => !account.phone_verified,
        };
        if needed {
            next = send_code(&state, locale, &account, purpose, req.channel, now).await?;
        }
    }
    Ok((StatusCode::ACCEPTED, Json(code_sent(next, now))))
}

#[utoipa::path(post, path = "/v1/accounts/password-reset", tag = "accounts", request_body = PasswordResetRequest,
    responses((status = 202, body = CodeSent, description = "a code is on its way if the email has an account whose chosen channel is verified"),
        (status = 422, body = ErrorBody, description = "`invalid_email`")))]
/// Forgot the password: a code to the account's verified email or phone. The same answer
/// whether or not the email has an account.
pub async fn reset_password(
    State(state): State<AppState>,
    ClientLocale(locale): ClientLocale,
    ApiJson(req): ApiJson<PasswordResetRequest>,
) -> Result<(StatusCode, Json<CodeSent>), ApiError> {
    let email = Email::parse(&req.email).map_err(|e| ApiError::invalid("email", e))?;
    let now = state.clock.now();
    let mut next = None;
    if let Some(account) = accounts::by_email(&state.db, email.as_str()).await? {
        let verified = match req.channel {
            CodeChannel::Email => account.verified,
            CodeChannel::Phone => account.phone_verified,
        };
        if verified {
            next = send_code(
                &state,
                locale,
                &account,
                codes::Purpose::Reset,
                req.channel,
                now,
            )
            .await?;
        }
    }
    Ok((StatusCode::ACCEPTED, Json(code_sent(next, now))))
}

#[utoipa::path(post, path = "/v1/accounts/password-reset/confirm", tag = "accounts", request_body = PasswordResetConfirm,
    responses((status = 204, description = "the password is replaced and every session of the account ended"),
        (status = 422, body = ErrorBody, description = "`invalid_email`, `weak_password`; `invalid_verification_code`: wrong, expired or no such account (the same answer)"),
        (status = 429, body = ErrorBody, description = "`too_many_attempts` for this email or from this address; try again later")))]
pub async fn confirm_reset(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    ApiJson(req): ApiJson<PasswordResetConfirm>,
) -> Result<StatusCode, ApiError> {
    let email = Email::parse(&req.email).map_err(|e| ApiError::invalid("email", e))?;
    check_password_strength(&req.new_password).map_err(|e| ApiError::invalid("new_password", e))?;
    let now = state.clock.now();
    let attempt = Attempt::new(&state, "reset", email.as_str(), ip);
    let account = redeem_code(
        &state,
        &attempt,
        &email,
        codes::Purpose::Reset,
        &req.code,
        now,
    )
    .await?;
    let hash = state
        .passwords
        .hash(&req.new_password)
        .await
        .map_err(ApiError::internal)?;
    accounts::set_password(&state.db, account.id, &hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/v1/sessions", tag = "accounts", request_body = LoginRequest,
    responses((status = 201, body = SessionResponse),
        (status = 401, body = ErrorBody, description = "`invalid_credentials`: unknown email or wrong password (never which)"),
        (status = 403, body = ErrorBody, description = "`account_not_verified`"),
        (status = 429, body = ErrorBody, description = "`too_many_attempts` for this email or from this address, or `rate_limited` for this address")))]
pub async fn login(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<(StatusCode, Json<SessionResponse>), ApiError> {
    let email =
        Email::parse(&req.email).map_err(|_| ApiError::new(ErrorCode::InvalidCredentials))?;
    let now = state.clock.now();
    let attempt = Attempt::new(&state, "sign-in", email.as_str(), ip);
    attempt.check(&state, now).await?;
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
    let Some(account) = account.filter(|_| password_ok) else {
        attempt.failed(&state, now).await?;
        return Err(ErrorCode::InvalidCredentials.into());
    };
    attempt.succeeded(&state).await?;
    if !account.verified {
        return Err(ErrorCode::AccountNotVerified.into());
    }
    let device = req
        .device
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty() && d.chars().count() <= 100 && !d.contains('\0'));
    let (token, token_hash) = auth::new_token();
    let session = sessions::start(&state.db, &token_hash, account.id, device, now).await?;
    Ok((
        StatusCode::CREATED,
        Json(SessionResponse {
            token,
            expires_at: session.expires_at,
            absolute_expires_at: session.absolute_expires_at,
            account: account_view(&account),
        }),
    ))
}

#[utoipa::path(get, path = "/v1/sessions", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = [SessionView], description = "the account's signed-in devices, most recently used first")))]
pub async fn sessions_list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<SessionView>>, ApiError> {
    let list = sessions::of_account(&state.db, caller.account.id, state.clock.now()).await?;
    Ok(Json(
        list.into_iter()
            .map(|s| SessionView {
                current: s.token_hash == caller.token_hash,
                id: s.id,
                device: s.device,
                created_at: s.created_at,
                last_used_at: s.last_used_at,
                expires_at: s.expires_at,
                absolute_expires_at: s.absolute_expires_at,
            })
            .collect(),
    ))
}

#[utoipa::path(delete, path = "/v1/sessions/{id}", tag = "accounts", security(("bearer" = [])),
    params(("id" = String, Path, description = "a session's id from the list")),
    responses((status = 204, description = "that device is signed out"), (status = 404, body = ErrorBody)))]
pub async fn end_session(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    if sessions::end(&state.db, caller.account.id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ErrorCode::NotFound.into())
    }
}

#[utoipa::path(delete, path = "/v1/sessions", tag = "accounts", security(("bearer" = [])),
    responses((status = 204, description = "every session of the account ended, this one too")))]
/// Signs out everywhere (a lost phone, a shared computer).
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<StatusCode, ApiError> {
    sessions::end_all(&state.db, caller.account.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/v1/sessions/current", tag = "accounts", security(("bearer" = [])),
    responses((status = 204, description = "signed out: the token no longer works")))]
pub async fn logout(State(state): State<AppState>, caller: Caller) -> Result<StatusCode, ApiError> {
    sessions::end_token(&state.db, &caller.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/v1/me", tag = "accounts", security(("bearer" = [])), responses((status = 200, body = AccountView)))]
pub async fn me(caller: Caller) -> Json<AccountView> {
    Json(account_view(&caller.account))
}

#[utoipa::path(delete, path = "/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 204, description = "the account's personal data is deleted; anonymous counts stay"),
        (status = 409, body = ErrorBody, description = "`account_has_active_booking`: cancel it first, or delete after the visit")))]
/// Deletes the account (UU PDP): email, phone, password, the people's names, birth dates and
/// NIKs, messages and sessions. Refused while a booking is active.
pub async fn delete_me(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<StatusCode, ApiError> {
    match accounts::delete(&state.db, caller.account.id, state.clock.now()).await? {
        Deleted::Done => Ok(StatusCode::NO_CONTENT),
        Deleted::HasActiveBooking => Err(ErrorCode::AccountHasActiveBooking.into()),
    }
}

#[utoipa::path(put, path = "/v1/me/language", tag = "accounts", security(("bearer" = [])), request_body = LanguageRequest,
    responses((status = 200, body = AccountView, description = "SMS replies and notices are written in this language from now on"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: not `id` or `en`")))]
/// The language the account's messages are written in: SMS replies, SMS notices, the rating
/// prompt after a visit. The app sets it when its user switches language.
pub async fn set_language(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<LanguageRequest>,
) -> Result<Json<AccountView>, ApiError> {
    let language = match req.language.as_str() {
        "id" => "id",
        "en" => "en",
        _ => return Err(ApiError::new(ErrorCode::InvalidRequest).field("language")),
    };
    accounts::set_language(&state.db, caller.account.id, language)
        .await
        .map_err(ApiError::internal)?;
    let mut account = caller.account.clone();
    account.language = language.to_string();
    Ok(Json(account_view(&account)))
}
