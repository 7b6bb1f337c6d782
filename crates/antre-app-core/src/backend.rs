//! The server's API as the app needs it. [`crate::http::HttpBackend`] implements it over
//! `antre-client`; tests use an in-memory fake.

use crate::error::AppError;
use crate::types::SearchParams;
use antre_api::accounts::{
    AccountView, CodeSent, LoginRequest, PasswordResetConfirm, PasswordResetRequest,
    RegisterRequest, RegisterResponse, ResendRequest, SessionResponse, SessionView, VerifyRequest,
};
use antre_api::applicants::{ApplicantRequest, ApplicantView};
use antre_api::availability::{OfficeCalendar, SearchResult, SlotView};
use antre_api::bookings::{BookingView, CreateBookingRequest, RegisteredProofKey};
use antre_api::draws::{
    DrawOfficeView, DrawResult, DrawView, EntryRequest, EntryView, WaitlistRequest, WaitlistView,
};
use antre_api::offices::OfficeSummary;
use antre_api::Lane;
use antre_i18n::Locale;
use chrono::{DateTime, NaiveDate, Utc};
use std::future::Future;
use uuid::Uuid;

/// Who is asking, in which language (the server localizes `message` from `Accept-Language`).
#[derive(Debug, Clone)]
pub struct Ctx {
    pub token: Option<String>,
    pub locale: Locale,
}

pub type R<T> = Result<T, AppError>;

pub trait Backend: Send + Sync + 'static {
    /// The server's clock; also the cheapest "is the server there" call.
    fn server_time(&self) -> impl Future<Output = R<DateTime<Utc>>> + Send;
    fn register(
        &self,
        ctx: &Ctx,
        req: &RegisterRequest,
    ) -> impl Future<Output = R<RegisterResponse>> + Send;
    fn verify(&self, ctx: &Ctx, req: &VerifyRequest) -> impl Future<Output = R<()>> + Send;
    fn login(
        &self,
        ctx: &Ctx,
        req: &LoginRequest,
    ) -> impl Future<Output = R<SessionResponse>> + Send;
    fn logout(&self, ctx: &Ctx) -> impl Future<Output = R<()>> + Send;
    /// A new verification code on a channel (the same answer whether or not the account exists).
    fn resend_code(
        &self,
        ctx: &Ctx,
        req: &ResendRequest,
    ) -> impl Future<Output = R<CodeSent>> + Send;
    /// Forgot the password: a code to a verified channel of the account.
    fn request_password_reset(
        &self,
        ctx: &Ctx,
        req: &PasswordResetRequest,
    ) -> impl Future<Output = R<CodeSent>> + Send;
    /// The new password with the code; ends every session of the account.
    fn confirm_password_reset(
        &self,
        ctx: &Ctx,
        req: &PasswordResetConfirm,
    ) -> impl Future<Output = R<()>> + Send;
    fn me(&self, ctx: &Ctx) -> impl Future<Output = R<AccountView>> + Send;
    /// The account's signed-in devices, the current one marked.
    fn sessions(&self, ctx: &Ctx) -> impl Future<Output = R<Vec<SessionView>>> + Send;
    fn end_session(&self, ctx: &Ctx, id: &str) -> impl Future<Output = R<()>> + Send;
    /// Ends every session of the account, this one too.
    fn sign_out_everywhere(&self, ctx: &Ctx) -> impl Future<Output = R<()>> + Send;
    /// Deletes the account's personal data (refused while a booking is active).
    fn delete_account(&self, ctx: &Ctx) -> impl Future<Output = R<()>> + Send;
    fn applicants(&self, ctx: &Ctx) -> impl Future<Output = R<Vec<ApplicantView>>> + Send;
    fn add_applicant(
        &self,
        ctx: &Ctx,
        req: &ApplicantRequest,
    ) -> impl Future<Output = R<ApplicantView>> + Send;
    /// Changes an applicant (the NIK only while nothing is bound to it).
    fn update_applicant(
        &self,
        ctx: &Ctx,
        id: Uuid,
        req: &ApplicantRequest,
    ) -> impl Future<Output = R<ApplicantView>> + Send;
    fn delete_applicant(&self, ctx: &Ctx, id: Uuid) -> impl Future<Output = R<()>> + Send;
    fn offices(&self, ctx: &Ctx) -> impl Future<Output = R<Vec<OfficeSummary>>> + Send;
    fn search(
        &self,
        ctx: &Ctx,
        params: &SearchParams,
    ) -> impl Future<Output = R<SearchResult>> + Send;
    fn calendar(
        &self,
        ctx: &Ctx,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Future<Output = R<OfficeCalendar>> + Send;
    fn slots(
        &self,
        ctx: &Ctx,
        office: &str,
        date: NaiveDate,
        lane: Option<Lane>,
    ) -> impl Future<Output = R<Vec<SlotView>>> + Send;
    fn create_booking(
        &self,
        ctx: &Ctx,
        req: &CreateBookingRequest,
        idempotency_key: &str,
    ) -> impl Future<Output = R<BookingView>> + Send;
    fn bookings(&self, ctx: &Ctx) -> impl Future<Output = R<Vec<BookingView>>> + Send;
    fn booking(&self, ctx: &Ctx, id: Uuid) -> impl Future<Output = R<BookingView>> + Send;
    /// The office desk (staff of the office): the day by lane and hour.
    fn desk_day(
        &self,
        ctx: &Ctx,
        office: &str,
        date: Option<NaiveDate>,
    ) -> impl Future<Output = R<antre_api::desk::DeskDay>> + Send;
    /// Check-in by the proof's code, with the NIK of the e-KTP presented if typed.
    fn desk_check_in(
        &self,
        ctx: &Ctx,
        office: &str,
        proof: &str,
        nik: Option<&str>,
    ) -> impl Future<Output = R<antre_api::desk::DeskEntry>> + Send;
    /// A priority walk-in (retried with the same key).
    fn walk_in(
        &self,
        ctx: &Ctx,
        office: &str,
        req: &antre_api::desk::WalkInRequest,
        idempotency_key: &str,
    ) -> impl Future<Output = R<antre_api::desk::DeskEntry>> + Send;
    /// Releases an event site of an office (its head).
    fn create_event_site(
        &self,
        ctx: &Ctx,
        office: &str,
        req: &antre_api::desk::EventSiteRequest,
    ) -> impl Future<Output = R<antre_api::desk::EventSiteView>> + Send;
    /// Outreach drives of an office (its outreach officers and head).
    fn drives(
        &self,
        ctx: &Ctx,
        office: &str,
    ) -> impl Future<Output = R<Vec<antre_api::drives::DriveView>>> + Send;
    fn create_drive(
        &self,
        ctx: &Ctx,
        office: &str,
        req: &antre_api::drives::DriveRequest,
    ) -> impl Future<Output = R<antre_api::drives::DriveView>> + Send;
    fn drive(
        &self,
        ctx: &Ctx,
        id: Uuid,
    ) -> impl Future<Output = R<antre_api::drives::DriveRoster>> + Send;
    fn add_members(
        &self,
        ctx: &Ctx,
        id: Uuid,
        req: &antre_api::drives::AddMembersRequest,
    ) -> impl Future<Output = R<antre_api::drives::AddMembersResult>> + Send;
    fn import_members(
        &self,
        ctx: &Ctx,
        id: Uuid,
        file: Vec<u8>,
    ) -> impl Future<Output = R<crate::types::ImportAnswer>> + Send;
    fn export_members(&self, ctx: &Ctx, id: Uuid) -> impl Future<Output = R<Vec<u8>>> + Send;
    fn hajj_check(
        &self,
        ctx: &Ctx,
        id: Uuid,
        file: Vec<u8>,
    ) -> impl Future<Output = R<crate::types::HajjAnswer>> + Send;
    /// Marks the day's paid bookings whose session ended as no-shows.
    fn no_show_sweep(
        &self,
        ctx: &Ctx,
        office: &str,
        date: NaiveDate,
    ) -> impl Future<Output = R<antre_api::staff::NoShowSweepResult>> + Send;
    fn reschedule(
        &self,
        ctx: &Ctx,
        id: Uuid,
        slot_id: i64,
    ) -> impl Future<Output = R<BookingView>> + Send;
    fn cancel(&self, ctx: &Ctx, id: Uuid) -> impl Future<Output = R<BookingView>> + Send;
    fn calendar_ics(&self, ctx: &Ctx, id: Uuid) -> impl Future<Output = R<String>> + Send;
    /// Every key that has signed proofs (`/v1/proof/keys`).
    fn proof_keys(&self, ctx: &Ctx) -> impl Future<Output = R<Vec<RegisteredProofKey>>> + Send;

    /// Reconfirms attendance where the office asks for it (idempotent on the server).
    fn confirm_attendance(
        &self,
        ctx: &Ctx,
        id: Uuid,
    ) -> impl Future<Output = R<BookingView>> + Send;

    // ---- fair release: the draw at each release instant and the waitlist ------------------

    /// Draws releasing between two days (the server's defaults when `None`).
    fn draws(
        &self,
        ctx: &Ctx,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> impl Future<Output = R<Vec<DrawView>>> + Send;
    fn draw(&self, ctx: &Ctx, id: Uuid) -> impl Future<Output = R<DrawView>> + Send;
    /// Entries naming an office against its places in the release.
    fn draw_office(
        &self,
        ctx: &Ctx,
        id: Uuid,
        office: &str,
    ) -> impl Future<Output = R<DrawOfficeView>> + Send;
    /// The seed and the drawn order (once drawn).
    fn draw_result(&self, ctx: &Ctx, id: Uuid) -> impl Future<Output = R<DrawResult>> + Send;
    /// Enters an applicant, or changes their entry (PUT: the same request twice is one entry).
    fn enter_draw(
        &self,
        ctx: &Ctx,
        draw: Uuid,
        applicant: Uuid,
        req: &EntryRequest,
    ) -> impl Future<Output = R<EntryView>> + Send;
    fn withdraw_entry(
        &self,
        ctx: &Ctx,
        draw: Uuid,
        applicant: Uuid,
    ) -> impl Future<Output = R<()>> + Send;
    /// The account's entries (the last 60 days and ahead) with their outcomes.
    fn draw_entries(&self, ctx: &Ctx) -> impl Future<Output = R<Vec<EntryView>>> + Send;
    fn waitlist(&self, ctx: &Ctx) -> impl Future<Output = R<Vec<WaitlistView>>> + Send;
    fn join_waitlist(
        &self,
        ctx: &Ctx,
        req: &WaitlistRequest,
    ) -> impl Future<Output = R<WaitlistView>> + Send;
    fn leave_waitlist(&self, ctx: &Ctx, id: Uuid) -> impl Future<Output = R<()>> + Send;
    /// Takes an offered place: a booking awaiting payment.
    fn accept_offer(&self, ctx: &Ctx, id: Uuid) -> impl Future<Output = R<BookingView>> + Send;
    /// Lets an offered place pass on; the person stays in line.
    fn decline_offer(&self, ctx: &Ctx, id: Uuid) -> impl Future<Output = R<()>> + Send;
    // Issue 11: disruptions and the account's language.
    /// The account's notices after `after` (the last id seen), oldest first.
    fn notifications(
        &self,
        ctx: &Ctx,
        after: i64,
    ) -> impl Future<Output = R<Vec<antre_api::disruptions::NotificationView>>> + Send;
    /// The one tap after a closure or disruption: the server picks the place (protected
    /// capacity first, the same office or one nearby); the ordinary reschedule is kept.
    fn special_reschedule(
        &self,
        ctx: &Ctx,
        id: Uuid,
    ) -> impl Future<Output = R<BookingView>> + Send;
    /// Every office open, disrupted or closed, with the notices in force and their history
    /// (no account needed).
    fn service_status(
        &self,
        ctx: &Ctx,
    ) -> impl Future<Output = R<antre_api::disruptions::ServiceStatus>> + Send;
    /// After check-in: the rating of the visit (1-5, a comment), once.
    fn rate_visit(
        &self,
        ctx: &Ctx,
        id: Uuid,
        req: &antre_api::feedback::RateVisitRequest,
    ) -> impl Future<Output = R<()>> + Send;
    /// After check-in: "asked to pay beyond the official fee?", anonymous if wished, once.
    fn report_integrity(
        &self,
        ctx: &Ctx,
        req: &antre_api::feedback::IntegrityReportRequest,
    ) -> impl Future<Output = R<antre_api::feedback::IntegrityReportFiled>> + Send;
    /// An office's ratings per week or month and integrity reports (staff of the office, admins).
    fn office_feedback(
        &self,
        ctx: &Ctx,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
        period: antre_api::feedback::FeedbackPeriod,
    ) -> impl Future<Output = R<antre_api::feedback::OfficeFeedback>> + Send;
    /// The language of the account's SMS replies and notices.
    fn set_language(
        &self,
        ctx: &Ctx,
        language: &str,
    ) -> impl Future<Output = R<AccountView>> + Send;
}
