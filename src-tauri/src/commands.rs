//! The Tauri commands: each is a one-line adapter over `antre_app_core::App`. Names and argument
//! names match `ui/src/ipc.ts` (Tauri maps the UI's camelCase to snake_case).

use crate::Core;
use antre_api::accounts::{
    AccountView, CodeSent, LoginRequest, PasswordResetConfirm, PasswordResetRequest,
    RegisterRequest, RegisterResponse, ResendRequest, SessionView, VerifyRequest,
};
use antre_api::applicants::{ApplicantRequest, ApplicantView};
use antre_api::availability::{OfficeCalendar, SearchResult, SlotView};
use antre_api::bookings::{BookingView, CreateBookingRequest};
use antre_api::draws::{
    DrawOfficeView, DrawView, EntryRequest, EntryView, WaitlistRequest, WaitlistView,
};
use antre_api::offices::OfficeSummary;
use antre_api::Lane;
use antre_app_core::reminders::QuotaRelease;
use antre_app_core::types::*;
use antre_app_core::AppError;
use chrono::NaiveDate;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};
use uuid::Uuid;

type Core_<'a> = State<'a, Core>;
type R<T> = Result<T, AppError>;

/// Where exported files go: the user's Downloads folder, else the app's data folder.
fn export_dir<Rt: Runtime>(app: &AppHandle<Rt>, core: &Core) -> PathBuf {
    app.path()
        .download_dir()
        .unwrap_or_else(|_| core.data_dir().join("exports"))
}

#[tauri::command]
pub fn app_info(core: Core_<'_>) -> AppInfo {
    core.info()
}

#[tauri::command]
pub async fn set_locale(core: Core_<'_>, locale: Option<UiLocale>) -> R<AppInfo> {
    core.choose_locale(locale).await
}

#[tauri::command]
pub fn set_text_size(core: Core_<'_>, size: TextSize) -> R<AppInfo> {
    core.set_text_size(size)
}

/// Registers the choice with the OS, then remembers it.
#[tauri::command]
pub fn set_start_at_login<Rt: Runtime>(
    app: AppHandle<Rt>,
    core: Core_<'_>,
    enabled: bool,
) -> R<AppInfo> {
    crate::register_start_at_login(&app, enabled).and_then(|_| core.set_start_at_login(enabled))
}

#[tauri::command]
pub fn dismiss_start_at_login_offer(core: Core_<'_>) -> R<AppInfo> {
    core.dismiss_start_at_login_offer()
}

#[tauri::command]
pub async fn ping(core: Core_<'_>) -> R<bool> {
    Ok(core.ping().await)
}

#[tauri::command]
pub async fn server_clock(core: Core_<'_>) -> R<ServerClock> {
    Ok(core.sync_server_clock().await)
}

#[tauri::command]
pub async fn register(core: Core_<'_>, request: RegisterRequest) -> R<RegisterResponse> {
    core.register(request).await
}

#[tauri::command]
pub async fn verify(core: Core_<'_>, request: VerifyRequest) -> R<()> {
    core.verify(request).await
}

#[tauri::command]
pub async fn login(core: Core_<'_>, request: LoginRequest) -> R<SessionInfo> {
    core.login(request).await
}

#[tauri::command]
pub async fn logout(core: Core_<'_>) -> R<()> {
    core.logout().await
}

#[tauri::command]
pub fn restore_session(core: Core_<'_>) -> Option<SessionInfo> {
    core.restore_session()
}

// ---- the account: codes, password, devices, deletion ----------------------------------------

#[tauri::command]
pub async fn resend_code(core: Core_<'_>, request: ResendRequest) -> R<CodeSent> {
    core.resend_code(request).await
}

#[tauri::command]
pub async fn forgot_password(core: Core_<'_>, request: PasswordResetRequest) -> R<CodeSent> {
    core.forgot_password(request).await
}

#[tauri::command]
pub async fn reset_password(core: Core_<'_>, request: PasswordResetConfirm) -> R<()> {
    core.reset_password(request).await
}

#[tauri::command]
pub fn check_password(core: Core_<'_>, password: String) -> PasswordCheck {
    core.check_password(&password)
}

#[tauri::command]
pub async fn account(core: Core_<'_>) -> R<AccountView> {
    core.account().await
}

#[tauri::command]
pub async fn send_phone_code(core: Core_<'_>) -> R<CodeSent> {
    core.send_phone_code().await
}

#[tauri::command]
pub async fn verify_phone(core: Core_<'_>, code: String) -> R<AccountView> {
    core.verify_phone(code).await
}

#[tauri::command]
pub async fn list_sessions(core: Core_<'_>) -> R<Vec<SessionView>> {
    core.sessions().await
}

#[tauri::command]
pub async fn end_session(core: Core_<'_>, id: String) -> R<Vec<SessionView>> {
    core.end_session(&id).await
}

#[tauri::command]
pub async fn sign_out_everywhere(core: Core_<'_>) -> R<()> {
    core.sign_out_everywhere().await
}

#[tauri::command]
pub async fn delete_account(core: Core_<'_>) -> R<AccountDeletion> {
    core.delete_account().await
}

#[tauri::command]
pub fn ended_session(core: Core_<'_>) -> Option<EndedSession> {
    core.ended_session()
}

#[tauri::command]
pub fn saved_bookings(core: Core_<'_>) -> R<BookingsSnapshot> {
    core.saved_bookings()
}

// ---- applicants -------------------------------------------------------------------------------

#[tauri::command]
pub fn check_nik(core: Core_<'_>, nik: String, birth_date: Option<NaiveDate>) -> NikCheck {
    core.check_nik(&nik, birth_date)
}

#[tauri::command]
pub async fn list_applicants(core: Core_<'_>) -> R<Vec<ApplicantView>> {
    core.applicants().await
}

#[tauri::command]
pub async fn add_applicant(core: Core_<'_>, request: ApplicantRequest) -> R<ApplicantView> {
    core.add_applicant(request).await
}

#[tauri::command]
pub async fn update_applicant(
    core: Core_<'_>,
    id: Uuid,
    request: ApplicantRequest,
) -> R<ApplicantView> {
    core.update_applicant(id, request).await
}

#[tauri::command]
pub async fn delete_applicant(core: Core_<'_>, id: Uuid) -> R<()> {
    core.delete_applicant(id).await
}

#[tauri::command]
pub async fn list_offices(core: Core_<'_>) -> R<Vec<OfficeSummary>> {
    core.offices().await
}

#[tauri::command]
pub async fn search_availability(core: Core_<'_>, params: SearchParams) -> R<SearchResult> {
    core.search(params).await
}

#[tauri::command]
pub async fn office_calendar(
    core: Core_<'_>,
    office_id: String,
    from: NaiveDate,
    to: NaiveDate,
) -> R<OfficeCalendar> {
    core.calendar(&office_id, from, to).await
}

#[tauri::command]
pub async fn day_slots(
    core: Core_<'_>,
    office_id: String,
    date: NaiveDate,
    lane: Option<Lane>,
) -> R<Vec<SlotView>> {
    core.slots(&office_id, date, lane).await
}

#[tauri::command]
pub fn fee_preview(core: Core_<'_>, request: FeePreviewRequest) -> FeePreview {
    core.fee_preview(request)
}

#[tauri::command]
pub async fn create_booking(
    core: Core_<'_>,
    request: CreateBookingRequest,
    idempotency_key: String,
) -> R<BookingView> {
    core.create_booking(request, idempotency_key).await
}

#[tauri::command]
pub async fn list_bookings(core: Core_<'_>) -> R<BookingsSnapshot> {
    core.bookings().await
}

#[tauri::command]
pub async fn get_booking(core: Core_<'_>, id: Uuid) -> R<BookingView> {
    core.booking(id).await
}

#[tauri::command]
pub async fn desk_day(
    core: Core_<'_>,
    office_id: String,
    date: Option<NaiveDate>,
) -> R<antre_api::desk::DeskDay> {
    core.desk_day(&office_id, date).await
}

#[tauri::command]
pub async fn office_feedback(
    core: Core_<'_>,
    office_id: String,
    from: NaiveDate,
    to: NaiveDate,
    period: antre_api::feedback::FeedbackPeriod,
) -> R<antre_api::feedback::OfficeFeedback> {
    core.office_feedback(&office_id, from, to, period).await
}

#[tauri::command]
pub async fn desk_check_in(
    core: Core_<'_>,
    office_id: String,
    proof: String,
    nik: Option<String>,
) -> R<antre_api::desk::DeskEntry> {
    core.desk_check_in(&office_id, &proof, nik).await
}

#[tauri::command]
pub async fn walk_in(
    core: Core_<'_>,
    office_id: String,
    request: antre_api::desk::WalkInRequest,
    idempotency_key: String,
) -> R<antre_api::desk::DeskEntry> {
    core.walk_in(&office_id, request, &idempotency_key).await
}

#[tauri::command]
pub async fn create_event_site(
    core: Core_<'_>,
    office_id: String,
    request: antre_api::desk::EventSiteRequest,
) -> R<antre_api::desk::EventSiteView> {
    core.create_event_site(&office_id, request).await
}

#[tauri::command]
pub async fn list_drives(
    core: Core_<'_>,
    office_id: String,
) -> R<Vec<antre_api::drives::DriveView>> {
    core.drives(&office_id).await
}

#[tauri::command]
pub async fn create_drive(
    core: Core_<'_>,
    office_id: String,
    request: antre_api::drives::DriveRequest,
) -> R<antre_api::drives::DriveView> {
    core.create_drive(&office_id, request).await
}

#[tauri::command]
pub async fn get_drive(core: Core_<'_>, id: Uuid) -> R<antre_api::drives::DriveRoster> {
    core.drive(id).await
}

#[tauri::command]
pub async fn add_members(
    core: Core_<'_>,
    id: Uuid,
    request: antre_api::drives::AddMembersRequest,
) -> R<antre_api::drives::AddMembersResult> {
    core.add_members(id, request).await
}

#[tauri::command]
pub async fn import_members(core: Core_<'_>, id: Uuid, file: String) -> R<ImportAnswer> {
    core.import_members(id, file.into_bytes()).await
}

#[tauri::command]
pub async fn export_members<Rt: Runtime>(
    app: AppHandle<Rt>,
    core: Core_<'_>,
    id: Uuid,
) -> R<ExportResult> {
    core.export_members(id, &export_dir(&app, &core)).await
}

#[tauri::command]
pub async fn hajj_check(core: Core_<'_>, id: Uuid, file: String) -> R<HajjAnswer> {
    core.hajj_check(id, file.into_bytes()).await
}

// ---- outreach offline: members captured on the device, the printed roster and slips ---------

#[tauri::command]
pub async fn capture_member(
    core: Core_<'_>,
    id: Uuid,
    request: CaptureRequest,
) -> R<CaptureAnswer> {
    core.capture_member(id, request).await
}

#[tauri::command]
pub fn capture_status(core: Core_<'_>, id: Uuid) -> R<CaptureStatus> {
    core.capture_status(id)
}

#[tauri::command]
pub async fn sync_captures(core: Core_<'_>, id: Uuid) -> R<CaptureStatus> {
    core.sync_captures()
        .await
        .and_then(|_| core.capture_status(id))
}

#[tauri::command]
pub fn discard_capture(core: Core_<'_>, id: Uuid, member_id: Uuid) -> R<CaptureStatus> {
    core.discard_capture(id, member_id)
}

/// Saves the drive's roster or its members' slips (PDF) to the Downloads folder and opens it.
#[tauri::command]
pub async fn save_drive_print<Rt: Runtime>(
    app: AppHandle<Rt>,
    core: Core_<'_>,
    id: Uuid,
    print: antre_app_core::capture::DrivePrint,
) -> R<ExportResult> {
    let result = core
        .save_drive_print(id, print, &export_dir(&app, &core), None)
        .await?;
    crate::open_file(&app, &result.path);
    Ok(result)
}

#[tauri::command]
pub async fn no_show_sweep(
    core: Core_<'_>,
    office_id: String,
    date: NaiveDate,
) -> R<antre_api::staff::NoShowSweepResult> {
    core.no_show_sweep(&office_id, date).await
}

#[tauri::command]
pub async fn reschedule_booking(core: Core_<'_>, id: Uuid, slot_id: i64) -> R<BookingView> {
    core.reschedule(id, slot_id).await
}

#[tauri::command]
pub async fn cancel_booking(core: Core_<'_>, id: Uuid) -> R<BookingView> {
    core.cancel(id).await
}

#[tauri::command]
pub async fn export_ics<Rt: Runtime>(
    app: AppHandle<Rt>,
    core: Core_<'_>,
    id: Uuid,
) -> R<ExportResult> {
    let result = core.export_ics(id, &export_dir(&app, &core)).await?;
    crate::open_file(&app, &result.path);
    Ok(result)
}

/// Saves the slip (PDF) where the user chooses in the system's save dialog (Downloads and a
/// clear name proposed); no answer when they cancelled. Opening it is offered next
/// (`open_saved_file`), from where it is printed.
#[tauri::command]
pub async fn save_slip<Rt: Runtime>(
    app: AppHandle<Rt>,
    core: Core_<'_>,
    id: Uuid,
) -> R<Option<ExportResult>> {
    let offer = core.slip_save_offer(id, &export_dir(&app, &core)).await?;
    match crate::ask_save_path(&app, offer).await {
        Some(file) => core.save_slip(id, &file).await.map(Some),
        None => Ok(None),
    }
}

/// Opens, in the system's viewer, a file the user saved through the app in this run.
#[tauri::command]
pub fn open_saved_file<Rt: Runtime>(app: AppHandle<Rt>, core: Core_<'_>, path: String) -> R<()> {
    let file = core.saved_file(&path)?;
    crate::open_file(&app, &file.display().to_string());
    Ok(())
}

#[tauri::command]
pub fn proof_qr(core: Core_<'_>, proof: String) -> R<ProofQr> {
    core.proof_qr(&proof)
}

// ---- writes made offline, and reminders the user sets -----------------------------------------

#[tauri::command]
pub fn write_queue(core: Core_<'_>) -> WriteQueueStatus {
    core.write_queue()
}

#[tauri::command]
pub async fn send_queued_writes(core: Core_<'_>) -> R<WriteQueueStatus> {
    Ok(core.send_queued_writes().await)
}

#[tauri::command]
pub fn dismiss_refused_write(core: Core_<'_>, key: String) -> R<WriteQueueStatus> {
    core.dismiss_refused_write(&key)
}

#[tauri::command]
pub async fn remind_at_release(
    core: Core_<'_>,
    office_id: String,
    release_at: chrono::DateTime<chrono::Utc>,
    first: NaiveDate,
    last: NaiveDate,
) -> R<Vec<QuotaRelease>> {
    core.remind_at_release(&office_id, release_at, first, last)
        .await
}

#[tauri::command]
pub fn release_reminders(core: Core_<'_>) -> Vec<QuotaRelease> {
    core.release_reminders()
}

#[tauri::command]
pub async fn confirm_attendance(core: Core_<'_>, id: Uuid) -> R<BookingView> {
    core.confirm_attendance(id).await
}

// ---- the release draw ---------------------------------------------------------------------------

#[tauri::command]
pub async fn list_draws(
    core: Core_<'_>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> R<Vec<DrawView>> {
    core.draws(from, to).await
}

#[tauri::command]
pub async fn get_draw(core: Core_<'_>, id: Uuid) -> R<DrawView> {
    core.draw(id).await
}

#[tauri::command]
pub async fn draw_office(core: Core_<'_>, draw_id: Uuid, office_id: String) -> R<DrawOfficeView> {
    core.draw_office(draw_id, &office_id).await
}

#[tauri::command]
pub async fn check_draw(core: Core_<'_>, id: Uuid) -> R<DrawCheck> {
    core.check_draw(id).await
}

#[tauri::command]
pub async fn save_draw_result<Rt: Runtime>(
    app: AppHandle<Rt>,
    core: Core_<'_>,
    id: Uuid,
) -> R<ExportResult> {
    core.save_draw_result(id, &export_dir(&app, &core)).await
}

#[tauri::command]
pub async fn enter_draw(
    core: Core_<'_>,
    draw_id: Uuid,
    applicant_id: Uuid,
    request: EntryRequest,
) -> R<EntryView> {
    core.enter_draw(draw_id, applicant_id, request).await
}

#[tauri::command]
pub async fn withdraw_entry(core: Core_<'_>, draw_id: Uuid, applicant_id: Uuid) -> R<()> {
    core.withdraw_entry(draw_id, applicant_id).await
}

// ---- entries and the waitlist -------------------------------------------------------------------

#[tauri::command]
pub async fn fair_release(core: Core_<'_>) -> R<FairReleaseSnapshot> {
    core.fair_release().await
}

#[tauri::command]
pub async fn join_waitlist(core: Core_<'_>, request: WaitlistRequest) -> R<WaitlistView> {
    core.join_waitlist(request).await
}

#[tauri::command]
pub async fn leave_waitlist(core: Core_<'_>, id: Uuid) -> R<()> {
    core.leave_waitlist(id).await
}

#[tauri::command]
pub async fn accept_offer(core: Core_<'_>, id: Uuid) -> R<BookingView> {
    core.accept_offer(id).await
}

#[tauri::command]
pub async fn decline_offer(core: Core_<'_>, id: Uuid) -> R<()> {
    core.decline_offer(id).await
}

// Issue 11: the server's notices, the one tap after a closure, the public status.

#[tauri::command]
pub fn notifications(core: Core_<'_>) -> Vec<antre_api::disruptions::NotificationView> {
    core.notifications()
}

#[tauri::command]
pub async fn special_reschedule(core: Core_<'_>, id: Uuid) -> R<BookingView> {
    core.special_reschedule(id).await
}

#[tauri::command]
pub async fn service_status(core: Core_<'_>) -> R<antre_api::disruptions::ServiceStatus> {
    core.service_status().await
}

#[tauri::command]
pub async fn rate_visit(
    core: Core_<'_>,
    id: Uuid,
    request: antre_api::feedback::RateVisitRequest,
) -> R<BookingView> {
    core.rate_visit(id, request).await
}

#[tauri::command]
pub async fn report_integrity(
    core: Core_<'_>,
    request: antre_api::feedback::IntegrityReportRequest,
) -> R<BookingView> {
    core.report_integrity(request).await
}
