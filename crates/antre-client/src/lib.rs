//! Typed HTTP client for the Antre server: one async method per endpoint, the API's own types
//! in and out. Used by the Tauri app and by the server's end-to-end tests, so both exercise
//! the same code path.

use antre_api::accounts::{
    AccountView, CodeSent, LoginRequest, PasswordResetConfirm, PasswordResetRequest,
    RegisterRequest, RegisterResponse, ResendRequest, SessionResponse, SessionView, VerifyRequest,
};
use antre_api::applicants::{ApplicantRequest, ApplicantView};
use antre_api::availability::{OfficeCalendar, SearchQuery, SearchResult, SlotView};
use antre_api::bookings::{
    BookingView, CreateBookingRequest, ProofKeyView, RegisteredProofKey, RescheduleRequest,
};
use antre_api::draws::{
    DrawOfficeView, DrawResult, DrawView, EntryRequest, EntryView, WaitlistRequest, WaitlistView,
};
use antre_api::error::ErrorBody;
use antre_api::meta::ServerTime;
use antre_api::offices::{OfficeDetail, OfficeSummary};
use antre_api::staff::{
    AuditPage, CheckInRequest, NoShowSweepRequest, NoShowSweepResult, OfficeDayKind,
    OfficeDayRequest, RosterEntry, SuspiciousView,
};
use antre_api::{Lane, IDEMPOTENCY_KEY_HEADER};
use chrono::NaiveDate;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::time::Duration;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error body (its `code` is stable, `message` localized).
    #[error("{status}: {} ({})", body.code, body.message)]
    Api { status: u16, body: ErrorBody },
    /// No answer: offline, timeout, refused. Safe to retry; writes carry idempotency keys.
    #[error("network: {0}")]
    Network(#[from] reqwest::Error),
    #[error("unexpected response: {0}")]
    Unexpected(String),
}

impl ClientError {
    /// The server's error code, if the server answered.
    pub fn code(&self) -> Option<&str> {
        match self {
            ClientError::Api { body, .. } => Some(&body.code),
            _ => None,
        }
    }

    pub fn is_network(&self) -> bool {
        matches!(self, ClientError::Network(_))
    }
}

pub type Result<T> = std::result::Result<T, ClientError>;

#[derive(Clone, Debug)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    token: Option<String>,
    language: String,
}

impl Client {
    pub fn new(base_url: &str) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .connect_timeout(Duration::from_secs(5))
            .build()
            .expect("TLS backend initialises");
        Self {
            base: base_url.trim_end_matches('/').to_string(),
            http,
            token: None,
            language: "id".into(),
        }
    }

    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    pub fn set_token(&mut self, token: Option<String>) {
        self.token = token;
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Language of server messages (`id` or `en`).
    pub fn with_language(mut self, tag: &str) -> Self {
        self.language = tag.to_string();
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let mut r = self
            .http
            .request(method, format!("{}{}", self.base, path))
            .header("Accept-Language", &self.language);
        if let Some(t) = &self.token {
            r = r.bearer_auth(t);
        }
        r
    }

    async fn send<T: DeserializeOwned>(r: RequestBuilder) -> Result<(StatusCode, T)> {
        let response = r.send().await?;
        let status = response.status();
        if status.is_success() {
            Ok((status, response.json().await?))
        } else {
            Err(Self::error(status, response).await)
        }
    }

    async fn send_empty(r: RequestBuilder) -> Result<()> {
        let response = r.send().await?;
        let status = response.status();
        if status.is_success() {
            Ok(())
        } else {
            Err(Self::error(status, response).await)
        }
    }

    async fn error(status: StatusCode, response: reqwest::Response) -> ClientError {
        let text = response.text().await.unwrap_or_default();
        match serde_json::from_str::<ErrorBody>(&text) {
            Ok(body) => ClientError::Api {
                status: status.as_u16(),
                body,
            },
            Err(_) => ClientError::Unexpected(format!("{status}: {text}")),
        }
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        Ok(Self::send(self.request(Method::GET, path)).await?.1)
    }

    async fn post<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Result<T> {
        Ok(Self::send(self.request(Method::POST, path).json(body))
            .await?
            .1)
    }

    async fn put<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Result<T> {
        Ok(Self::send(self.request(Method::PUT, path).json(body))
            .await?
            .1)
    }

    // Accounts

    pub async fn register(&self, req: &RegisterRequest) -> Result<RegisterResponse> {
        self.post("/v1/accounts", req).await
    }

    pub async fn verify(&self, req: &VerifyRequest) -> Result<()> {
        Self::send_empty(self.request(Method::POST, "/v1/accounts/verify").json(req)).await
    }

    pub async fn login(&self, req: &LoginRequest) -> Result<SessionResponse> {
        self.post("/v1/sessions", req).await
    }

    pub async fn logout(&self) -> Result<()> {
        Self::send_empty(self.request(Method::DELETE, "/v1/sessions/current")).await
    }

    pub async fn me(&self) -> Result<AccountView> {
        self.get("/v1/me").await
    }

    pub async fn resend_code(&self, req: &ResendRequest) -> Result<CodeSent> {
        self.post("/v1/accounts/resend", req).await
    }

    pub async fn request_password_reset(&self, req: &PasswordResetRequest) -> Result<CodeSent> {
        self.post("/v1/accounts/password-reset", req).await
    }

    pub async fn confirm_password_reset(&self, req: &PasswordResetConfirm) -> Result<()> {
        Self::send_empty(
            self.request(Method::POST, "/v1/accounts/password-reset/confirm")
                .json(req),
        )
        .await
    }

    pub async fn sessions(&self) -> Result<Vec<SessionView>> {
        self.get("/v1/sessions").await
    }

    pub async fn end_session(&self, id: &str) -> Result<()> {
        Self::send_empty(self.request(Method::DELETE, &format!("/v1/sessions/{id}"))).await
    }

    pub async fn sign_out_everywhere(&self) -> Result<()> {
        Self::send_empty(self.request(Method::DELETE, "/v1/sessions")).await
    }

    pub async fn delete_account(&self) -> Result<()> {
        Self::send_empty(self.request(Method::DELETE, "/v1/me")).await
    }

    // Applicants

    pub async fn applicants(&self) -> Result<Vec<ApplicantView>> {
        self.get("/v1/applicants").await
    }

    pub async fn add_applicant(&self, req: &ApplicantRequest) -> Result<ApplicantView> {
        self.post("/v1/applicants", req).await
    }

    pub async fn update_applicant(
        &self,
        id: Uuid,
        req: &ApplicantRequest,
    ) -> Result<ApplicantView> {
        self.put(&format!("/v1/applicants/{id}"), req).await
    }

    pub async fn remove_applicant(&self, id: Uuid) -> Result<()> {
        Self::send_empty(self.request(Method::DELETE, &format!("/v1/applicants/{id}"))).await
    }

    // Offices and availability

    pub async fn offices(&self) -> Result<Vec<OfficeSummary>> {
        self.get("/v1/offices").await
    }

    pub async fn nearby_offices(
        &self,
        lat: f64,
        lon: f64,
        limit: usize,
    ) -> Result<Vec<OfficeSummary>> {
        self.get(&format!(
            "/v1/offices/nearby?lat={lat}&lon={lon}&limit={limit}"
        ))
        .await
    }

    pub async fn office(&self, id: &str) -> Result<OfficeDetail> {
        self.get(&format!("/v1/offices/{id}")).await
    }

    pub async fn calendar(
        &self,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<OfficeCalendar> {
        self.get(&format!(
            "/v1/offices/{office}/calendar?from={from}&to={to}"
        ))
        .await
    }

    pub async fn day_slots(
        &self,
        office: &str,
        date: NaiveDate,
        lane: Option<Lane>,
    ) -> Result<Vec<SlotView>> {
        let lane = lane
            .map(|l| format!("?lane={}", l.as_str()))
            .unwrap_or_default();
        self.get(&format!("/v1/offices/{office}/days/{date}/slots{lane}"))
            .await
    }

    pub async fn search(&self, q: &SearchQuery) -> Result<SearchResult> {
        Ok(Self::send(
            self.request(Method::GET, "/v1/availability/search")
                .query(q),
        )
        .await?
        .1)
    }

    // Bookings

    /// Creates a booking; retrying with the same `idempotency_key` never books twice.
    /// Returns whether this call created it (`true`) or replayed an earlier one (`false`).
    pub async fn create_booking(
        &self,
        req: &CreateBookingRequest,
        idempotency_key: &str,
    ) -> Result<(BookingView, bool)> {
        let r = self
            .request(Method::POST, "/v1/bookings")
            .header(IDEMPOTENCY_KEY_HEADER, idempotency_key)
            .json(req);
        let (status, view) = Self::send(r).await?;
        Ok((view, status == StatusCode::CREATED))
    }

    pub async fn bookings(&self) -> Result<Vec<BookingView>> {
        self.get("/v1/bookings").await
    }

    pub async fn booking(&self, id: Uuid) -> Result<BookingView> {
        self.get(&format!("/v1/bookings/{id}")).await
    }

    pub async fn reschedule(&self, id: Uuid, slot_id: i64) -> Result<BookingView> {
        self.post(
            &format!("/v1/bookings/{id}/reschedule"),
            &RescheduleRequest { slot_id },
        )
        .await
    }

    pub async fn cancel(&self, id: Uuid) -> Result<BookingView> {
        Ok(
            Self::send(self.request(Method::POST, &format!("/v1/bookings/{id}/cancel")))
                .await?
                .1,
        )
    }

    pub async fn calendar_file(&self, id: Uuid) -> Result<String> {
        let response = self
            .request(Method::GET, &format!("/v1/bookings/{id}/calendar.ics"))
            .send()
            .await?;
        let status = response.status();
        if status.is_success() {
            Ok(response.text().await?)
        } else {
            Err(Self::error(status, response).await)
        }
    }

    /// The key the server signs new proofs with.
    pub async fn proof_key(&self) -> Result<ProofKeyView> {
        self.get("/v1/proof/public-key").await
    }

    /// Every key that has signed proofs, newest first; a proof names its key by `kid`.
    pub async fn proof_keys(&self) -> Result<Vec<RegisteredProofKey>> {
        self.get("/v1/proof/keys").await
    }

    /// The server's clock (releases, deadlines and "today" are judged by it).
    pub async fn server_time(&self) -> Result<ServerTime> {
        self.get("/v1/time").await
    }

    // Staff

    pub async fn check_in(&self, proof: &str) -> Result<RosterEntry> {
        self.post(
            "/v1/staff/check-in",
            &CheckInRequest {
                proof: proof.to_string(),
            },
        )
        .await
    }

    /// Check-in at an office's desk: the proof, and the NIK of the e-KTP presented if typed.
    pub async fn desk_check_in(
        &self,
        office: &str,
        proof: &str,
        nik: Option<&str>,
    ) -> Result<antre_api::desk::DeskEntry> {
        self.post(
            &format!("/v1/staff/offices/{office}/desk/check-in"),
            &antre_api::desk::DeskCheckInRequest {
                proof: proof.to_string(),
                nik: nik.map(str::to_string),
            },
        )
        .await
    }

    /// A priority walk-in at an office's desk; `true` when newly registered (not a replay).
    pub async fn walk_in(
        &self,
        office: &str,
        req: &antre_api::desk::WalkInRequest,
        idempotency_key: &str,
    ) -> Result<(antre_api::desk::DeskEntry, bool)> {
        let r = self
            .request(
                Method::POST,
                &format!("/v1/staff/offices/{office}/desk/walk-ins"),
            )
            .header(IDEMPOTENCY_KEY_HEADER, idempotency_key)
            .json(req);
        let (status, view) = Self::send(r).await?;
        Ok((view, status == StatusCode::CREATED))
    }

    /// Extra places for one lane of an office-day.
    pub async fn release_places(
        &self,
        office: &str,
        date: NaiveDate,
        req: &antre_api::desk::QuotaReleaseRequest,
    ) -> Result<antre_api::desk::QuotaReleaseView> {
        self.post(
            &format!("/v1/staff/offices/{office}/days/{date}/places"),
            req,
        )
        .await
    }

    /// Releases an event site of an office (the head of the office).
    pub async fn create_event_site(
        &self,
        office: &str,
        req: &antre_api::desk::EventSiteRequest,
    ) -> Result<antre_api::desk::EventSiteView> {
        self.post(&format!("/v1/staff/offices/{office}/event-sites"), req)
            .await
    }

    /// An office's event sites from today on.
    pub async fn event_sites(&self, office: &str) -> Result<Vec<antre_api::desk::EventSiteView>> {
        self.get(&format!("/v1/staff/offices/{office}/event-sites"))
            .await
    }

    // Outreach drives

    pub async fn create_drive(
        &self,
        office: &str,
        req: &antre_api::drives::DriveRequest,
    ) -> Result<antre_api::drives::DriveView> {
        self.post(&format!("/v1/staff/offices/{office}/drives"), req)
            .await
    }

    pub async fn drives(&self, office: &str) -> Result<Vec<antre_api::drives::DriveView>> {
        self.get(&format!("/v1/staff/offices/{office}/drives"))
            .await
    }

    pub async fn drive(&self, drive: Uuid) -> Result<antre_api::drives::DriveRoster> {
        self.get(&format!("/v1/staff/drives/{drive}")).await
    }

    pub async fn add_members(
        &self,
        drive: Uuid,
        req: &antre_api::drives::AddMembersRequest,
    ) -> Result<antre_api::drives::AddMembersResult> {
        self.post(&format!("/v1/staff/drives/{drive}/members"), req)
            .await
    }

    /// Sends a CSV file; a list refused as a whole (422) comes back as `Ok(Err(...))`.
    async fn send_list<T: DeserializeOwned>(
        &self,
        path: &str,
        file: Vec<u8>,
    ) -> Result<std::result::Result<T, antre_api::drives::ListRejected>> {
        let response = self
            .request(Method::POST, path)
            .header(reqwest::header::CONTENT_TYPE, "text/csv")
            .body(file)
            .send()
            .await?;
        let status = response.status();
        if status.is_success() {
            Ok(Ok(response.json().await?))
        } else if status == StatusCode::UNPROCESSABLE_ENTITY {
            Ok(Err(response.json().await?))
        } else {
            Err(Self::error(status, response).await)
        }
    }

    /// Imports the leader's list (all rows or none).
    pub async fn import_members(
        &self,
        drive: Uuid,
        file: Vec<u8>,
    ) -> Result<std::result::Result<antre_api::drives::ImportResult, antre_api::drives::ListRejected>>
    {
        self.send_list(&format!("/v1/staff/drives/{drive}/import"), file)
            .await
    }

    /// The members as a CSV file (`;` unless `comma`).
    pub async fn export_members(&self, drive: Uuid, comma: bool) -> Result<Vec<u8>> {
        let q = if comma { "?delimiter=comma" } else { "" };
        let response = self
            .request(Method::GET, &format!("/v1/staff/drives/{drive}/export{q}"))
            .send()
            .await?;
        let status = response.status();
        if status.is_success() {
            Ok(response.bytes().await?.to_vec())
        } else {
            Err(Self::error(status, response).await)
        }
    }

    /// Compares a hajj drive with the religious-affairs office's list.
    pub async fn hajj_check(
        &self,
        drive: Uuid,
        file: Vec<u8>,
    ) -> Result<std::result::Result<antre_api::drives::HajjCheck, antre_api::drives::ListRejected>>
    {
        self.send_list(&format!("/v1/staff/drives/{drive}/hajj-check"), file)
            .await
    }

    /// An office's day at the desk (`None`: today at the office).
    pub async fn desk_day(
        &self,
        office: &str,
        date: Option<NaiveDate>,
    ) -> Result<antre_api::desk::DeskDay> {
        let date = date.map(|d| format!("?date={d}")).unwrap_or_default();
        self.get(&format!("/v1/staff/offices/{office}/desk{date}"))
            .await
    }

    pub async fn roster(
        &self,
        office: &str,
        date: NaiveDate,
        lane: Option<Lane>,
    ) -> Result<Vec<RosterEntry>> {
        let lane = lane
            .map(|l| format!("&lane={}", l.as_str()))
            .unwrap_or_default();
        self.get(&format!(
            "/v1/staff/offices/{office}/roster?date={date}{lane}"
        ))
        .await
    }

    pub async fn no_show_sweep(&self, office: &str, date: NaiveDate) -> Result<NoShowSweepResult> {
        self.post(
            &format!("/v1/staff/offices/{office}/no-show-sweep"),
            &NoShowSweepRequest { date },
        )
        .await
    }

    /// Closes an office-day or opens an extra one (staff of that office).
    pub async fn set_office_day(
        &self,
        office: &str,
        date: NaiveDate,
        kind: OfficeDayKind,
        note: &str,
    ) -> Result<()> {
        let body = OfficeDayRequest {
            kind,
            note: note.to_string(),
        };
        Self::send_empty(
            self.request(
                Method::PUT,
                &format!("/v1/staff/offices/{office}/days/{date}"),
            )
            .json(&body),
        )
        .await
    }

    /// Returns an office-day to the national calendar.
    pub async fn clear_office_day(&self, office: &str, date: NaiveDate) -> Result<()> {
        Self::send_empty(self.request(
            Method::DELETE,
            &format!("/v1/staff/offices/{office}/days/{date}"),
        ))
        .await
    }

    pub async fn confirm_payment(&self, billing_code: &str) -> Result<BookingView> {
        Ok(Self::send(self.request(
            Method::POST,
            &format!("/v1/staff/payments/{billing_code}/confirm"),
        ))
        .await?
        .1)
    }

    pub async fn audit(
        &self,
        office: &str,
        before: Option<i64>,
        limit: Option<u32>,
    ) -> Result<AuditPage> {
        let mut query = Vec::new();
        if let Some(before) = before {
            query.push(("before", before.to_string()));
        }
        if let Some(limit) = limit {
            query.push(("limit", limit.to_string()));
        }
        Ok(Self::send(
            self.request(Method::GET, &format!("/v1/staff/offices/{office}/audit"))
                .query(&query),
        )
        .await?
        .1)
    }

    pub async fn suspicious(&self, office: &str) -> Result<SuspiciousView> {
        self.get(&format!("/v1/staff/offices/{office}/suspicious"))
            .await
    }

    // Draws

    /// Draws releasing between two days (the server's defaults when `None`).
    pub async fn draws(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DrawView>> {
        let mut query = Vec::new();
        if let Some(from) = from {
            query.push(("from", from.to_string()));
        }
        if let Some(to) = to {
            query.push(("to", to.to_string()));
        }
        Ok(
            Self::send(self.request(Method::GET, "/v1/draws").query(&query))
                .await?
                .1,
        )
    }

    pub async fn draw(&self, id: Uuid) -> Result<DrawView> {
        self.get(&format!("/v1/draws/{id}")).await
    }

    pub async fn draw_office(&self, id: Uuid, office: &str) -> Result<DrawOfficeView> {
        self.get(&format!("/v1/draws/{id}/offices/{office}")).await
    }

    pub async fn draw_result(&self, id: Uuid) -> Result<DrawResult> {
        self.get(&format!("/v1/draws/{id}/result")).await
    }

    /// Enters (or changes the entry of) an applicant; `true` when the entry is new.
    pub async fn enter_draw(
        &self,
        draw: Uuid,
        applicant: Uuid,
        req: &EntryRequest,
    ) -> Result<(EntryView, bool)> {
        let (status, entry) = Self::send(
            self.request(
                Method::PUT,
                &format!("/v1/draws/{draw}/entries/{applicant}"),
            )
            .json(req),
        )
        .await?;
        Ok((entry, status == StatusCode::CREATED))
    }

    pub async fn withdraw_entry(&self, draw: Uuid, applicant: Uuid) -> Result<()> {
        Self::send_empty(self.request(
            Method::DELETE,
            &format!("/v1/draws/{draw}/entries/{applicant}"),
        ))
        .await
    }

    pub async fn draw_entries(&self) -> Result<Vec<EntryView>> {
        self.get("/v1/draw-entries").await
    }

    // Waitlist

    pub async fn waitlist(&self) -> Result<Vec<WaitlistView>> {
        self.get("/v1/waitlist").await
    }

    pub async fn join_waitlist(&self, req: &WaitlistRequest) -> Result<WaitlistView> {
        self.post("/v1/waitlist", req).await
    }

    pub async fn leave_waitlist(&self, id: Uuid) -> Result<()> {
        Self::send_empty(self.request(Method::DELETE, &format!("/v1/waitlist/{id}"))).await
    }

    pub async fn accept_offer(&self, id: Uuid) -> Result<BookingView> {
        self.post(&format!("/v1/offers/{id}/accept"), &serde_json::json!({}))
            .await
    }

    pub async fn decline_offer(&self, id: Uuid) -> Result<()> {
        Self::send_empty(self.request(Method::POST, &format!("/v1/offers/{id}/decline"))).await
    }

    pub async fn confirm_attendance(&self, id: Uuid) -> Result<BookingView> {
        self.post(
            &format!("/v1/bookings/{id}/confirm-attendance"),
            &serde_json::json!({}),
        )
        .await
    }

    // Closures and disruptions, the public status, notices.

    pub async fn declare_disruption(
        &self,
        req: &antre_api::disruptions::DeclareDisruptionRequest,
    ) -> Result<antre_api::disruptions::DisruptionView> {
        self.post("/v1/staff/disruptions", req).await
    }

    pub async fn update_disruption(
        &self,
        id: Uuid,
        req: &antre_api::disruptions::DisruptionUpdateRequest,
    ) -> Result<antre_api::disruptions::DisruptionView> {
        self.post(&format!("/v1/staff/disruptions/{id}/updates"), req)
            .await
    }

    pub async fn service_status(
        &self,
        office: Option<&str>,
    ) -> Result<antre_api::disruptions::ServiceStatus> {
        match office {
            Some(o) => self.get(&format!("/v1/status?office={o}")).await,
            None => self.get("/v1/status").await,
        }
    }

    pub async fn notifications(
        &self,
        after: Option<i64>,
    ) -> Result<Vec<antre_api::disruptions::NotificationView>> {
        self.get(&format!("/v1/notifications?after={}", after.unwrap_or(0)))
            .await
    }

    pub async fn mark_notification_read(&self, id: i64) -> Result<()> {
        Self::send_empty(self.request(Method::POST, &format!("/v1/notifications/{id}/read"))).await
    }

    pub async fn special_reschedule(&self, id: Uuid) -> Result<BookingView> {
        Ok(Self::send(self.request(
            Method::POST,
            &format!("/v1/bookings/{id}/special-reschedule"),
        ))
        .await?
        .1)
    }

    /// Rates a visit (a checked-in booking), once.
    pub async fn rate_visit(
        &self,
        id: Uuid,
        req: &antre_api::feedback::RateVisitRequest,
    ) -> Result<()> {
        Self::send_empty(
            self.request(Method::POST, &format!("/v1/bookings/{id}/rating"))
                .json(req),
        )
        .await
    }

    /// An office's results over time (staff of the office, its head, admins): ratings per week
    /// or per calendar month (`period`) and integrity reports of the visits from `from` to `to`.
    pub async fn office_feedback(
        &self,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
        period: antre_api::feedback::FeedbackPeriod,
    ) -> Result<antre_api::feedback::OfficeFeedback> {
        let period = match period {
            antre_api::feedback::FeedbackPeriod::Week => "week",
            antre_api::feedback::FeedbackPeriod::Month => "month",
        };
        self.get(&format!(
            "/v1/staff/offices/{office}/feedback?from={from}&to={to}&period={period}"
        ))
        .await
    }

    /// "Asked to pay beyond the official fee?": one report per visit, anonymous if wished.
    pub async fn report_integrity(
        &self,
        req: &antre_api::feedback::IntegrityReportRequest,
    ) -> Result<antre_api::feedback::IntegrityReportFiled> {
        self.post("/v1/integrity-reports", req).await
    }

    /// The language of the account's SMS replies and notices (`id` or `en`).
    pub async fn set_language(&self, language: &str) -> Result<AccountView> {
        self.put(
            "/v1/me/language",
            &antre_api::accounts::LanguageRequest {
                language: language.to_string(),
            },
        )
        .await
    }

    pub async fn health(&self) -> Result<()> {
        let response = self
            .http
            .get(format!("{}/healthz", self.base))
            .send()
            .await?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(ClientError::Unexpected(format!(
                "health: {}",
                response.status()
            )))
        }
    }
}
