//! The one error type of the HTTP layer. Handlers return `ApiError`; its `IntoResponse` marks the
//! response with the error, and the `localize` middleware (which knows the request's
//! `Accept-Language`) writes the body `{code, message, field}` with the message from Fluent.

use antre_domain::DomainError;
use antre_i18n::{Arg, Locale, Localizer};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Declares the server's own error codes once: the variant, its stable name and its status.
macro_rules! error_codes {
    ($($variant:ident => $name:literal, $status:ident;)*) => {
        /// Stable error codes. Never rename one: clients and the Fluent files key on them.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum ErrorCode {
            $($variant,)*
            /// A rule of the domain crate, which has its own stable codes.
            Domain(DomainError),
        }

        impl ErrorCode {
            /// Every code of the server's own (domain codes are listed by the domain crate).
            pub const OWN: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            pub fn as_str(&self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $name,)*
                    ErrorCode::Domain(e) => e.code(),
                }
            }

            pub fn status(&self) -> StatusCode {
                match self {
                    $(ErrorCode::$variant => StatusCode::$status,)*
                    ErrorCode::Domain(
                        DomainError::RescheduleLimit
                        | DomainError::BookingNotActive
                        | DomainError::NotVisited,
                    ) => StatusCode::CONFLICT,
                    ErrorCode::Domain(_) => StatusCode::UNPROCESSABLE_ENTITY,
                }
            }
        }
    };
}

error_codes! {
    InvalidRequest => "invalid_request", BAD_REQUEST;
    PayloadTooLarge => "payload_too_large", PAYLOAD_TOO_LARGE;
    InvalidDate => "invalid_date", BAD_REQUEST;
    InvalidLane => "invalid_lane", BAD_REQUEST;
    DateOutOfRange => "date_out_of_range", BAD_REQUEST;
    Unauthorized => "unauthorized", UNAUTHORIZED;
    Forbidden => "forbidden", FORBIDDEN;
    InvalidCredentials => "invalid_credentials", UNAUTHORIZED;
    AccountNotVerified => "account_not_verified", FORBIDDEN;
    InvalidVerificationCode => "invalid_verification_code", UNPROCESSABLE_ENTITY;
    EmailTaken => "email_taken", CONFLICT;
    RateLimited => "rate_limited", TOO_MANY_REQUESTS;
    DuplicateApplicant => "duplicate_applicant", CONFLICT;
    NotFound => "not_found", NOT_FOUND;
    OfficeNotFound => "office_not_found", NOT_FOUND;
    SlotNotFound => "slot_not_found", NOT_FOUND;
    SlotNotReleased => "slot_not_released", UNPROCESSABLE_ENTITY;
    SlotFull => "slot_full", CONFLICT;
    NikHasActiveBooking => "nik_has_active_booking", CONFLICT;
    ServiceNotOffered => "service_not_offered", UNPROCESSABLE_ENTITY;
    PaymentNotPending => "payment_not_pending", CONFLICT;
    IdempotencyKeyMissing => "idempotency_key_missing", BAD_REQUEST;
    IdempotencyKeyReused => "idempotency_key_reused", CONFLICT;
    InvalidProof => "invalid_proof", BAD_REQUEST;
    WrongOffice => "wrong_office", FORBIDDEN;
    NotToday => "not_today", UNPROCESSABLE_ENTITY;
    InvalidSignature => "invalid_signature", UNAUTHORIZED;
    SameSlot => "same_slot", CONFLICT;
    RescheduleOtherOffice => "reschedule_other_office", UNPROCESSABLE_ENTITY;
    RescheduleOtherLane => "reschedule_other_lane", UNPROCESSABLE_ENTITY;
    ApplicantHasActiveBooking => "applicant_has_active_booking", CONFLICT;
    ApplicantIdentityLocked => "applicant_identity_locked", CONFLICT;
    Overloaded => "overloaded", SERVICE_UNAVAILABLE;
    DayClosed => "day_closed", CONFLICT;
    TooManyAttempts => "too_many_attempts", TOO_MANY_REQUESTS;
    AccountHasActiveBooking => "account_has_active_booking", CONFLICT;
    InvalidCoordinates => "invalid_coordinates", BAD_REQUEST;
    InvalidSearchArea => "invalid_search_area", BAD_REQUEST;
    DrawNotOpen => "draw_not_open", CONFLICT;
    DrawNotDrawn => "draw_not_drawn", CONFLICT;
    DrawInProgress => "draw_in_progress", CONFLICT;
    NikEnteredElsewhere => "nik_entered_elsewhere", CONFLICT;
    InvalidChoice => "invalid_choice", UNPROCESSABLE_ENTITY;
    AlreadyWaitlisted => "already_waitlisted", CONFLICT;
    OfferNotOpen => "offer_not_open", CONFLICT;
    ApplicantChangesLimit => "applicant_changes_limit", CONFLICT;
    NikCoolingDown => "nik_cooling_down", CONFLICT;
    MethodNotAllowed => "method_not_allowed", METHOD_NOT_ALLOWED;
    UnsupportedMediaType => "unsupported_media_type", UNSUPPORTED_MEDIA_TYPE;
    CounterPaymentNotAllowed => "counter_payment_not_allowed", FORBIDDEN;
    // The office desk and outreach drives (issue 10): the desk's check-in and walk-ins, the
    // drives (`routes/drives.rs`). `day_not_open` and `event_site_exists` are reserved for the
    // extra places and event sites whose messages are already written.
    NotOutreachOfficer => "not_outreach_officer", FORBIDDEN;
    DriveNotFound => "drive_not_found", NOT_FOUND;
    DriveFull => "drive_full", CONFLICT;
    OfficerLimitReached => "officer_limit_reached", CONFLICT;
    DuplicateNikInList => "duplicate_nik_in_list", UNPROCESSABLE_ENTITY;
    CsvRowsInvalid => "csv_rows_invalid", UNPROCESSABLE_ENTITY;
    MemberIdReused => "member_id_reused", CONFLICT;
    ProofOtherOffice => "proof_other_office", UNPROCESSABLE_ENTITY;
    ProofOtherDay => "proof_other_day", UNPROCESSABLE_ENTITY;
    ProofOtherPerson => "proof_other_person", UNPROCESSABLE_ENTITY;
    ProofRevoked => "proof_revoked", CONFLICT;
    AlreadyCheckedIn => "already_checked_in", CONFLICT;
    BookingUnpaid => "booking_unpaid", CONFLICT;
    PriorityQuotaFull => "priority_quota_full", CONFLICT;
    WalkInExists => "walk_in_exists", CONFLICT;
    DayNotOpen => "day_not_open", CONFLICT;
    EventSiteExists => "event_site_exists", CONFLICT;
    NotHajjDrive => "not_hajj_drive", CONFLICT;
    InvalidTimeRange => "invalid_time_range", BAD_REQUEST;
    // Disruptions (issue 11).
    DisruptionRestored => "disruption_restored", CONFLICT;
    NotStranded => "not_stranded", CONFLICT;
    NoPlaceForSpecialReschedule => "no_place_for_special_reschedule", CONFLICT;
    AlreadyRated => "already_rated", CONFLICT;
    AlreadyReported => "already_reported", CONFLICT;
    Internal => "internal", INTERNAL_SERVER_ERROR;
}

/// An error on its way to the client: the code, the request field at fault and the values its
/// message needs.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub code: ErrorCode,
    pub field: Option<String>,
    pub args: Vec<(&'static str, String)>,
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            field: None,
            args: Vec::new(),
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message this error says, as the `localize` middleware writes it (for the channels
    /// that answer in text, such as the SMS channel's `PESAN`).
    pub fn message(&self, localizer: &Localizer, locale: Locale) -> String {
        let args: Vec<(&str, Arg)> = self.args.iter().map(|(k, v)| (*k, parse_arg(v))).collect();
        localizer.message(
            locale,
            &antre_i18n::error_message_id(self.code.as_str()),
            &args,
        )
    }

    /// A domain rule broken by the value of `field`.
    pub fn invalid(field: &str, e: DomainError) -> Self {
        ApiError::from(e).field(field)
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        // The detail goes to the log only; it may hold SQL, never shown to clients. Nothing
        // that reaches here carries a NIK: they live in bound parameters, not messages.
        tracing::error!(error = %err, "internal error");
        Self::new(ErrorCode::Internal)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code.as_str())?;
        if let Some(field) = &self.field {
            write!(f, " ({field})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        ApiError::new(code)
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        let args = match &e {
            DomainError::ApplicantLimit { max } => vec![("max", max.to_string())],
            DomainError::CsvTooManyRows { max } => vec![("max", max.to_string())],
            DomainError::CsvMissingColumn { column } => vec![("column", column.clone())],
            DomainError::TextTooLong { max } => vec![("max", max.to_string())],
            _ => Vec::new(),
        };
        Self {
            code: ErrorCode::Domain(e),
            field: None,
            args,
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::internal(e)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return ApiError::new(ErrorCode::PayloadTooLarge);
        }
        let text = rejection.body_text();
        ApiError::new(ErrorCode::InvalidRequest).with_field_from(&text)
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::new(ErrorCode::InvalidRequest).with_field_from(&rejection.body_text())
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(_: axum::extract::rejection::PathRejection) -> Self {
        ApiError::new(ErrorCode::NotFound)
    }
}

impl ApiError {
    /// serde's messages name the field: "...: lane: unknown variant" or "missing field `nik`".
    fn with_field_from(mut self, text: &str) -> Self {
        let field = if let Some(rest) = text.split("missing field `").nth(1) {
            rest.split('`').next().map(str::to_string)
        } else {
            text.split(": ")
                .nth(1)
                .filter(|f| {
                    f.chars().all(|c| {
                        c.is_alphanumeric() || c == '_' || c == '.' || c == '[' || c == ']'
                    })
                })
                .map(str::to_string)
        };
        self.field = field.filter(|f| !f.is_empty());
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.code.status().into_response();
        let retry_after = match self.code {
            ErrorCode::RateLimited => Some("60"),
            ErrorCode::Overloaded => Some("1"),
            ErrorCode::DrawInProgress => Some("2"),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                axum::http::HeaderValue::from_static(seconds),
            );
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// The language a request asks for (`Accept-Language`), Indonesian by default.
pub fn request_locale(headers: &axum::http::HeaderMap) -> Locale {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::negotiate)
        .unwrap_or_default()
}

/// Writes the body of every `ApiError` response in the language the client asked for.
pub async fn localize(
    State(localizer): State<Arc<Localizer>>,
    request: Request,
    next: Next,
) -> Response {
    let locale = request_locale(request.headers());
    let mut response = next.run(request).await;
    let Some(error) = response
        .extensions_mut()
        .remove::<ApiError>()
        .or_else(|| unexplained_error(&response))
    else {
        return response;
    };
    let args: Vec<(&str, Arg)> = error.args.iter().map(|(k, v)| (*k, parse_arg(v))).collect();
    let code = error.code.as_str();
    let body = antre_api::error::ErrorBody {
        code: code.to_string(),
        message: localizer.message(locale, &antre_i18n::error_message_id(code), &args),
        field: error.field,
    };
    let status = response.status();
    let mut out = (status, axum::Json(body)).into_response();
    out.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        locale.tag().parse().expect("ascii tag"),
    );
    for (name, value) in response.headers() {
        if name == header::RETRY_AFTER {
            out.headers_mut().insert(name, value.clone());
        }
    }
    out
}

/// An error response that came from outside our handlers (axum's own rejections: a body over
/// the limit, an unknown path or method) as one of our codes, so every error a client sees is
/// `{code, message}` JSON.
fn unexplained_error(response: &Response) -> Option<ApiError> {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return None;
    }
    Some(ApiError::new(match status {
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::RateLimited,
        StatusCode::SERVICE_UNAVAILABLE => ErrorCode::Overloaded,
        s if s.is_client_error() => ErrorCode::InvalidRequest,
        _ => ErrorCode::Internal,
    }))
}

fn parse_arg(value: &str) -> Arg {
    value
        .parse::<i64>()
        .map(Arg::Num)
        .unwrap_or_else(|_| Arg::Str(value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shared list (`antre_i18n::ERROR_CODES`, which the app and the Fluent checks read) is
    /// exactly the codes the server and the domain send: none missing (the test below), none
    /// left over after a code is retired.
    #[test]
    fn error_codes_lists_exactly_the_codes_sent() {
        let sent: std::collections::BTreeSet<&str> = ErrorCode::OWN
            .iter()
            .cloned()
            .chain(DomainError::examples().into_iter().map(ErrorCode::Domain))
            .map(|c| c.as_str())
            .collect();
        let listed: std::collections::BTreeSet<&str> =
            antre_i18n::ERROR_CODES.iter().copied().collect();
        assert_eq!(
            listed.difference(&sent).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "listed in antre_i18n::ERROR_CODES but sent by nobody"
        );
        assert_eq!(
            sent.difference(&listed).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "sent but not listed"
        );
    }

    /// Every code the server can send has a message in every language.
    #[test]
    fn every_code_is_known_to_the_fluent_files() {
        let localizer = Localizer::new();
        for code in ErrorCode::OWN
            .iter()
            .cloned()
            .chain(DomainError::examples().into_iter().map(ErrorCode::Domain))
        {
            assert!(
                antre_i18n::ERROR_CODES.contains(&code.as_str()),
                "{} missing in ERROR_CODES",
                code.as_str()
            );
            assert!(
                localizer.has(&antre_i18n::error_message_id(code.as_str())),
                "{}",
                code.as_str()
            );
        }
    }

    #[test]
    fn serde_messages_name_the_field() {
        let e = ApiError::new(ErrorCode::InvalidRequest)
            .with_field_from("Failed to deserialize the JSON body into the target type: missing field `nik` at line 1");
        assert_eq!(e.field.as_deref(), Some("nik"));
        let e = ApiError::new(ErrorCode::InvalidRequest).with_field_from(
            "Failed to deserialize the JSON body into the target type: lane: unknown variant `x`",
        );
        assert_eq!(e.field.as_deref(), Some("lane"));
    }
}
