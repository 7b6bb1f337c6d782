//! [`Backend`] over the real server, through `antre-client` (reqwest).

use crate::backend::{Backend, Ctx, R};
use crate::error::AppError;
use crate::types::SearchParams;
use antre_api::accounts::{
    AccountView, CodeSent, LoginRequest, PasswordResetConfirm, PasswordResetRequest,
    RegisterRequest, RegisterResponse, ResendRequest, SessionResponse, SessionView, VerifyRequest,
};
use antre_api::applicants::{ApplicantRequest, ApplicantView};
use antre_api::availability::{OfficeCalendar, SearchQuery, SearchResult, SlotView};
use antre_api::bookings::{BookingView, CreateBookingRequest, RegisteredProofKey};
use antre_api::draws::{
    DrawOfficeView, DrawResult, DrawView, EntryRequest, EntryView, WaitlistRequest, WaitlistView,
};
use antre_api::offices::OfficeSummary;
use antre_api::Lane;
use antre_client::{Client, ClientError};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

pub struct HttpBackend {
    client: Client,
}

impl HttpBackend {
    pub fn new(base_url: &str) -> Self {
        Self {
            client: Client::new(base_url),
        }
    }

    pub fn base_url(&self) -> &str {
        self.client.base_url()
    }

    /// A client for one call: the caller's token and language (cheap: the HTTP pool is shared).
    fn with(&self, ctx: &Ctx) -> Client {
        let mut c = self.client.clone().with_language(ctx.locale.tag());
        c.set_token(ctx.token.clone());
        c
    }
}

impl From<ClientError> for AppError {
    fn from(e: ClientError) -> Self {
        match e {
            ClientError::Api { body, .. } => body.into(),
            ClientError::Network(e) => AppError::network(e.to_string()),
            ClientError::Unexpected(text) => AppError::new("internal", text),
        }
    }
}

fn ok<T>(r: Result<T, ClientError>) -> R<T> {
    r.map_err(AppError::from)
}

impl Backend for HttpBackend {
    async fn server_time(&self) -> R<DateTime<Utc>> {
        ok(self.client.server_time().await.map(|t| t.now))
    }
    async fn register(&self, ctx: &Ctx, req: &RegisterRequest) -> R<RegisterResponse> {
        ok(self.with(ctx).register(req).await)
    }
    async fn verify(&self, ctx: &Ctx, req: &VerifyRequest) -> R<()> {
        ok(self.with(ctx).verify(req).await)
    }
    async fn login(&self, ctx: &Ctx, req: &LoginRequest) -> R<SessionResponse> {
        ok(self.with(ctx).login(req).await)
    }
    async fn logout(&self, ctx: &Ctx) -> R<()> {
        ok(self.with(ctx).logout().await)
    }
    async fn resend_code(&self, ctx: &Ctx, req: &ResendRequest) -> R<CodeSent> {
        ok(self.with(ctx).resend_code(req).await)
    }
    async fn request_password_reset(&self, ctx: &Ctx, req: &PasswordResetRequest) -> R<CodeSent> {
        ok(self.with(ctx).request_password_reset(req).await)
    }
    async fn confirm_password_reset(&self, ctx: &Ctx, req: &PasswordResetConfirm) -> R<()> {
        ok(self.with(ctx).confirm_password_reset(req).await)
    }
    async fn me(&self, ctx: &Ctx) -> R<AccountView> {
        ok(self.with(ctx).me().await)
    }
    async fn sessions(&self, ctx: &Ctx) -> R<Vec<SessionView>> {
        ok(self.with(ctx).sessions().await)
    }
    async fn end_session(&self, ctx: &Ctx, id: &str) -> R<()> {
        ok(self.with(ctx).end_session(id).await)
    }
    async fn sign_out_everywhere(&self, ctx: &Ctx) -> R<()> {
        ok(self.with(ctx).sign_out_everywhere().await)
    }
    async fn delete_account(&self, ctx: &Ctx) -> R<()> {
        ok(self.with(ctx).delete_account().await)
    }
    async fn applicants(&self, ctx: &Ctx) -> R<Vec<ApplicantView>> {
        ok(self.with(ctx).applicants().await)
    }
    async fn add_applicant(&self, ctx: &Ctx, req: &ApplicantRequest) -> R<ApplicantView> {
        ok(self.with(ctx).add_applicant(req).await)
    }
    async fn update_applicant(
        &self,
        ctx: &Ctx,
        id: Uuid,
        req: &ApplicantRequest,
    ) -> R<ApplicantView> {
        ok(self.with(ctx).update_applicant(id, req).await)
    }
    async fn delete_applicant(&self, ctx: &Ctx, id: Uuid) -> R<()> {
        ok(self.with(ctx).remove_applicant(id).await)
    }
    async fn offices(&self, ctx: &Ctx) -> R<Vec<OfficeSummary>> {
        ok(self.with(ctx).offices().await)
    }
    async fn search(&self, ctx: &Ctx, p: &SearchParams) -> R<SearchResult> {
        let q = SearchQuery {
            lat: p.lat,
            lon: p.lon,
            from: p.from,
            to: p.to,
            lane: p.lane,
            electronic: p.electronic,
            scope: p.scope,
            radius_km: p.radius_km,
            limit: p.limit.map(|l| l as usize),
        };
        ok(self.with(ctx).search(&q).await)
    }
    async fn calendar(
        &self,
        ctx: &Ctx,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> R<OfficeCalendar> {
        ok(self.with(ctx).calendar(office, from, to).await)
    }
    async fn slots(
        &self,
        ctx: &Ctx,
        office: &str,
        date: NaiveDate,
        lane: Option<Lane>,
    ) -> R<Vec<SlotView>> {
        ok(self.with(ctx).day_slots(office, date, lane).await)
    }
    async fn create_booking(
        &self,
        ctx: &Ctx,
        req: &CreateBookingRequest,
        key: &str,
    ) -> R<BookingView> {
        ok(self
            .with(ctx)
            .create_booking(req, key)
            .await
            .map(|(b, _)| b))
    }
    async fn bookings(&self, ctx: &Ctx) -> R<Vec<BookingView>> {
        ok(self.with(ctx).bookings().await)
    }
    async fn booking(&self, ctx: &Ctx, id: Uuid) -> R<BookingView> {
        ok(self.with(ctx).booking(id).await)
    }
    async fn desk_day(
        &self,
        ctx: &Ctx,
        office: &str,
        date: Option<NaiveDate>,
    ) -> R<antre_api::desk::DeskDay> {
        ok(self.with(ctx).desk_day(office, date).await)
    }
    async fn desk_check_in(
        &self,
        ctx: &Ctx,
        office: &str,
        proof: &str,
        nik: Option<&str>,
    ) -> R<antre_api::desk::DeskEntry> {
        ok(self.with(ctx).desk_check_in(office, proof, nik).await)
    }
    async fn walk_in(
        &self,
        ctx: &Ctx,
        office: &str,
        req: &antre_api::desk::WalkInRequest,
        idempotency_key: &str,
    ) -> R<antre_api::desk::DeskEntry> {
        ok(self
            .with(ctx)
            .walk_in(office, req, idempotency_key)
            .await
            .map(|(e, _)| e))
    }
    async fn create_event_site(
        &self,
        ctx: &Ctx,
        office: &str,
        req: &antre_api::desk::EventSiteRequest,
    ) -> R<antre_api::desk::EventSiteView> {
        ok(self.with(ctx).create_event_site(office, req).await)
    }
    async fn drives(&self, ctx: &Ctx, office: &str) -> R<Vec<antre_api::drives::DriveView>> {
        ok(self.with(ctx).drives(office).await)
    }
    async fn create_drive(
        &self,
        ctx: &Ctx,
        office: &str,
        req: &antre_api::drives::DriveRequest,
    ) -> R<antre_api::drives::DriveView> {
        ok(self.with(ctx).create_drive(office, req).await)
    }
    async fn drive(&self, ctx: &Ctx, id: Uuid) -> R<antre_api::drives::DriveRoster> {
        ok(self.with(ctx).drive(id).await)
    }
    async fn add_members(
        &self,
        ctx: &Ctx,
        id: Uuid,
        req: &antre_api::drives::AddMembersRequest,
    ) -> R<antre_api::drives::AddMembersResult> {
        ok(self.with(ctx).add_members(id, req).await)
    }
    async fn import_members(
        &self,
        ctx: &Ctx,
        id: Uuid,
        file: Vec<u8>,
    ) -> R<crate::types::ImportAnswer> {
        ok(self.with(ctx).import_members(id, file).await).map(|r| match r {
            Ok(done) => crate::types::ImportAnswer::Imported(done),
            Err(rows) => crate::types::ImportAnswer::Rejected(rows),
        })
    }
    async fn export_members(&self, ctx: &Ctx, id: Uuid) -> R<Vec<u8>> {
        ok(self.with(ctx).export_members(id, false).await)
    }
    async fn hajj_check(&self, ctx: &Ctx, id: Uuid, file: Vec<u8>) -> R<crate::types::HajjAnswer> {
        ok(self.with(ctx).hajj_check(id, file).await).map(|r| match r {
            Ok(done) => crate::types::HajjAnswer::Checked(done),
            Err(rows) => crate::types::HajjAnswer::Rejected(rows),
        })
    }
    async fn no_show_sweep(
        &self,
        ctx: &Ctx,
        office: &str,
        date: NaiveDate,
    ) -> R<antre_api::staff::NoShowSweepResult> {
        ok(self.with(ctx).no_show_sweep(office, date).await)
    }
    async fn reschedule(&self, ctx: &Ctx, id: Uuid, slot_id: i64) -> R<BookingView> {
        ok(self.with(ctx).reschedule(id, slot_id).await)
    }
    async fn cancel(&self, ctx: &Ctx, id: Uuid) -> R<BookingView> {
        ok(self.with(ctx).cancel(id).await)
    }
    async fn calendar_ics(&self, ctx: &Ctx, id: Uuid) -> R<String> {
        ok(self.with(ctx).calendar_file(id).await)
    }
    async fn proof_keys(&self, ctx: &Ctx) -> R<Vec<RegisteredProofKey>> {
        ok(self.with(ctx).proof_keys().await)
    }
    async fn confirm_attendance(&self, ctx: &Ctx, id: Uuid) -> R<BookingView> {
        ok(self.with(ctx).confirm_attendance(id).await)
    }
    async fn draws(
        &self,
        ctx: &Ctx,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> R<Vec<DrawView>> {
        ok(self.with(ctx).draws(from, to).await)
    }
    async fn draw(&self, ctx: &Ctx, id: Uuid) -> R<DrawView> {
        ok(self.with(ctx).draw(id).await)
    }
    async fn draw_office(&self, ctx: &Ctx, id: Uuid, office: &str) -> R<DrawOfficeView> {
        ok(self.with(ctx).draw_office(id, office).await)
    }
    async fn draw_result(&self, ctx: &Ctx, id: Uuid) -> R<DrawResult> {
        ok(self.with(ctx).draw_result(id).await)
    }
    async fn enter_draw(
        &self,
        ctx: &Ctx,
        draw: Uuid,
        applicant: Uuid,
        req: &EntryRequest,
    ) -> R<EntryView> {
        ok(self
            .with(ctx)
            .enter_draw(draw, applicant, req)
            .await
            .map(|(e, _)| e))
    }
    async fn withdraw_entry(&self, ctx: &Ctx, draw: Uuid, applicant: Uuid) -> R<()> {
        ok(self.with(ctx).withdraw_entry(draw, applicant).await)
    }
    async fn draw_entries(&self, ctx: &Ctx) -> R<Vec<EntryView>> {
        ok(self.with(ctx).draw_entries().await)
    }
    async fn waitlist(&self, ctx: &Ctx) -> R<Vec<WaitlistView>> {
        ok(self.with(ctx).waitlist().await)
    }
    async fn join_waitlist(&self, ctx: &Ctx, req: &WaitlistRequest) -> R<WaitlistView> {
        ok(self.with(ctx).join_waitlist(req).await)
    }
    async fn leave_waitlist(&self, ctx: &Ctx, id: Uuid) -> R<()> {
        ok(self.with(ctx).leave_waitlist(id).await)
    }
    async fn accept_offer(&self, ctx: &Ctx, id: Uuid) -> R<BookingView> {
        ok(self.with(ctx).accept_offer(id).await)
    }
    async fn decline_offer(&self, ctx: &Ctx, id: Uuid) -> R<()> {
        ok(self.with(ctx).decline_offer(id).await)
    }
    async fn notifications(
        &self,
        ctx: &Ctx,
        after: i64,
    ) -> R<Vec<antre_api::disruptions::NotificationView>> {
        ok(self.with(ctx).notifications(Some(after)).await)
    }
    async fn special_reschedule(&self, ctx: &Ctx, id: Uuid) -> R<BookingView> {
        ok(self.with(ctx).special_reschedule(id).await)
    }
    async fn service_status(&self, ctx: &Ctx) -> R<antre_api::disruptions::ServiceStatus> {
        ok(self.with(ctx).service_status(None).await)
    }
    async fn rate_visit(
        &self,
        ctx: &Ctx,
        id: Uuid,
        req: &antre_api::feedback::RateVisitRequest,
    ) -> R<()> {
        ok(self.with(ctx).rate_visit(id, req).await)
    }
    async fn office_feedback(
        &self,
        ctx: &Ctx,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
        period: antre_api::feedback::FeedbackPeriod,
    ) -> R<antre_api::feedback::OfficeFeedback> {
        ok(self
            .with(ctx)
            .office_feedback(office, from, to, period)
            .await)
    }
    async fn report_integrity(
        &self,
        ctx: &Ctx,
        req: &antre_api::feedback::IntegrityReportRequest,
    ) -> R<antre_api::feedback::IntegrityReportFiled> {
        ok(self.with(ctx).report_integrity(req).await)
    }
    async fn set_language(&self, ctx: &Ctx, language: &str) -> R<AccountView> {
        ok(self.with(ctx).set_language(language).await)
    }
}
