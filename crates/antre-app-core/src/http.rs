//! [`Backend`] over the real server, through `antre-client`.

use crate::backend::{Backend, Ctx, R};
use crate::error::AppError;
use crate::types::SearchParams;
use antre_api::accounts::{
    LoginRequest, RegisterRequest, RegisterResponse, SessionResponse, VerifyRequest,
};
use antre_api::applicants::{ApplicantRequest, ApplicantView};
use antre_api::availability::{OfficeCalendar, SearchHit, SlotView};
use antre_api::bookings::{BookingView, CreateBookingRequest, ProofKeyView};
use antre_api::offices::OfficeSummary;
use antre_api::Lane;
use chrono::NaiveDate;
use uuid::Uuid;

pub struct HttpBackend {
    pub base_url: String,
}

impl HttpBackend {
    pub fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
        }
    }
}

fn pending<T>() -> R<T> {
    Err(AppError::network("client not wired yet"))
}

impl Backend for HttpBackend {
    async fn health(&self) -> R<()> {
        pending()
    }
    async fn register(&self, _: &Ctx, _: &RegisterRequest) -> R<RegisterResponse> {
        pending()
    }
    async fn verify(&self, _: &Ctx, _: &VerifyRequest) -> R<()> {
        pending()
    }
    async fn login(&self, _: &Ctx, _: &LoginRequest) -> R<SessionResponse> {
        pending()
    }
    async fn logout(&self, _: &Ctx) -> R<()> {
        pending()
    }
    async fn applicants(&self, _: &Ctx) -> R<Vec<ApplicantView>> {
        pending()
    }
    async fn add_applicant(&self, _: &Ctx, _: &ApplicantRequest) -> R<ApplicantView> {
        pending()
    }
    async fn delete_applicant(&self, _: &Ctx, _: Uuid) -> R<()> {
        pending()
    }
    async fn offices(&self, _: &Ctx) -> R<Vec<OfficeSummary>> {
        pending()
    }
    async fn search(&self, _: &Ctx, _: &SearchParams) -> R<Vec<SearchHit>> {
        pending()
    }
    async fn calendar(&self, _: &Ctx, _: &str, _: NaiveDate, _: NaiveDate) -> R<OfficeCalendar> {
        pending()
    }
    async fn slots(&self, _: &Ctx, _: &str, _: NaiveDate, _: Option<Lane>) -> R<Vec<SlotView>> {
        pending()
    }
    async fn create_booking(&self, _: &Ctx, _: &CreateBookingRequest, _: &str) -> R<BookingView> {
        pending()
    }
    async fn bookings(&self, _: &Ctx) -> R<Vec<BookingView>> {
        pending()
    }
    async fn booking(&self, _: &Ctx, _: Uuid) -> R<BookingView> {
        pending()
    }
    async fn reschedule(&self, _: &Ctx, _: Uuid, _: i64) -> R<BookingView> {
        pending()
    }
    async fn cancel(&self, _: &Ctx, _: Uuid) -> R<BookingView> {
        pending()
    }
    async fn calendar_ics(&self, _: &Ctx, _: Uuid) -> R<String> {
        pending()
    }
    async fn proof_key(&self, _: &Ctx) -> R<ProofKeyView> {
        pending()
    }
}
