//! The app against an in-memory server that can lose answers or be unreachable: nothing is lost
//! and nothing is done twice.

use crate::app::{App, AppConfig};
use crate::backend::{Backend, Ctx, R};
use crate::reminders::tests::booking;
use crate::session::SessionVault;
use crate::types::{SearchParams, TextSize};
use crate::AppError;
use antre_api::accounts::*;
use antre_api::applicants::{ApplicantRequest, ApplicantView};
use antre_api::availability::{OfficeCalendar, SearchResult, SlotView};
use antre_api::bookings::{
    AttendanceView, BookingSource, BookingView, CreateBookingRequest, RegisteredProofKey,
};
use antre_api::draws::{
    DrawOfficeView, DrawResult, DrawView, EntryRequest, EntryView, OfferView, WaitlistRequest,
    WaitlistStatus, WaitlistView,
};
use antre_api::offices::OfficeSummary;
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Mutex;
use uuid::Uuid;

/// An account the fake knows (accounts it does not know sign in with any password, as before).
#[derive(Clone)]
struct FakeAccount {
    id: Uuid,
    email: String,
    password: String,
    verified: bool,
    phone_verified: bool,
    /// The live code per purpose (`email`, `phone`, `reset`).
    codes: HashMap<&'static str, String>,
}

struct FakeSession {
    id: String,
    token: String,
    email: String,
    device: Option<String>,
}

#[derive(Default)]
struct FakeServer {
    accounts: Mutex<Vec<FakeAccount>>,
    sessions: Mutex<Vec<FakeSession>>,
    logins: AtomicU32,
    offline: AtomicBool,
    /// How many answers to writes to lose after doing the work (the request reached the server).
    lose_answers: AtomicU32,
    bookings: Mutex<Vec<BookingView>>,
    keys: Mutex<HashMap<String, Uuid>>,
    proof_keys: Mutex<Vec<RegisteredProofKey>>,
    /// How often the app asked for the proof keys.
    proof_key_fetches: AtomicU32,
    draws: Mutex<Vec<DrawView>>,
    results: Mutex<HashMap<Uuid, DrawResult>>,
    entries: Mutex<Vec<EntryView>>,
    waitlist: Mutex<Vec<WaitlistView>>,
    /// Requests for the entries or the waitlist (what the background check costs).
    fair_reads: AtomicU32,
    /// Cancels the fake carried out.
    cancels: AtomicU32,
    /// Issue 11: the account's language on the server, its notices, how often they were asked.
    language: Mutex<String>,
    notices: Mutex<Vec<antre_api::disruptions::NotificationView>>,
    notice_reads: AtomicU32,
}

impl FakeServer {
    fn reach(&self) -> R<()> {
        if self.offline.load(Ordering::SeqCst) {
            Err(AppError::network("unreachable"))
        } else {
            Ok(())
        }
    }
    fn answer<T>(&self, value: T) -> R<T> {
        if self.lose_answers.load(Ordering::SeqCst) > 0 {
            self.lose_answers.fetch_sub(1, Ordering::SeqCst);
            return Err(AppError::network("connection reset"));
        }
        Ok(value)
    }
}

const RIGHT_CODE: &str = "246810";

impl FakeServer {
    fn add_account(&self, email: &str, password: &str) -> Uuid {
        let id = Uuid::new_v4();
        self.accounts.lock().unwrap().push(FakeAccount {
            id,
            email: email.into(),
            password: password.into(),
            verified: true,
            phone_verified: false,
            codes: HashMap::new(),
        });
        id
    }
    fn account(&self, email: &str) -> Option<FakeAccount> {
        self.accounts
            .lock()
            .unwrap()
            .iter()
            .find(|a| a.email == email)
            .cloned()
    }
    fn with_account<T>(&self, email: &str, f: impl FnOnce(&mut FakeAccount) -> T) -> Option<T> {
        self.accounts
            .lock()
            .unwrap()
            .iter_mut()
            .find(|a| a.email == email)
            .map(f)
    }
    /// The email of the session the token belongs to, else 401.
    fn caller(&self, ctx: &Ctx) -> R<String> {
        let token = ctx.token.as_deref().unwrap_or_default();
        self.sessions
            .lock()
            .unwrap()
            .iter()
            .find(|s| s.token == token)
            .map(|s| s.email.clone())
            .ok_or_else(|| AppError::new("unauthorized", "no session"))
    }
    fn view(&self, email: &str) -> AccountView {
        let a = self.account(email);
        AccountView {
            id: a.as_ref().map_or(Uuid::nil(), |a| a.id),
            email: email.into(),
            phone: "+62812".into(),
            role: Role::Applicant,
            office_id: None,
            email_verified: true,
            phone_verified: a.is_some_and(|a| a.phone_verified),
            language: self.language.lock().unwrap().clone(),
        }
    }
    fn code_sent(&self) -> CodeSent {
        CodeSent {
            resend_after_seconds: 60,
            valid_minutes: 15,
        }
    }
}

fn nope<T>() -> R<T> {
    Err(AppError::new("not_found", "not in the fake"))
}

impl Backend for FakeServer {
    async fn server_time(&self) -> R<chrono::DateTime<chrono::Utc>> {
        self.reach()?;
        Ok(chrono::Utc::now() + chrono::Duration::days(8))
    }
    async fn register(&self, _: &Ctx, _: &RegisterRequest) -> R<RegisterResponse> {
        nope()
    }
    async fn verify(&self, _: &Ctx, req: &VerifyRequest) -> R<()> {
        self.reach()?;
        let purpose = match req.channel {
            Some(CodeChannel::Phone) => "phone",
            _ => "email",
        };
        let right = self.with_account(&req.email, |a| {
            let right = a.codes.get(purpose).is_some_and(|c| *c == req.code);
            if right {
                a.codes.remove(purpose);
                match purpose {
                    "phone" => a.phone_verified = true,
                    _ => a.verified = true,
                }
            }
            right
        });
        match right {
            Some(true) => Ok(()),
            _ => Err(AppError::new("invalid_verification_code", "").with_field("code")),
        }
    }
    async fn login(&self, _: &Ctx, req: &LoginRequest) -> R<SessionResponse> {
        self.reach()?;
        if let Some(a) = self.account(&req.email) {
            if a.password != req.password {
                return Err(AppError::new("invalid_credentials", ""));
            }
            if !a.verified {
                return Err(AppError::new("account_not_verified", ""));
            }
        }
        let n = self.logins.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("tok-{n}");
        self.sessions.lock().unwrap().push(FakeSession {
            id: format!("s{n}"),
            token: token.clone(),
            email: req.email.clone(),
            device: req.device.clone(),
        });
        Ok(SessionResponse {
            token,
            expires_at: chrono::Utc::now() + chrono::Duration::hours(8),
            absolute_expires_at: chrono::Utc::now() + chrono::Duration::days(90),
            account: self.view(&req.email),
        })
    }
    async fn logout(&self, ctx: &Ctx) -> R<()> {
        let token = ctx.token.clone().unwrap_or_default();
        self.sessions.lock().unwrap().retain(|s| s.token != token);
        Ok(())
    }
    async fn resend_code(&self, _: &Ctx, req: &ResendRequest) -> R<CodeSent> {
        self.reach()?;
        let purpose = match req.channel {
            CodeChannel::Phone => "phone",
            CodeChannel::Email => "email",
        };
        self.with_account(&req.email, |a| a.codes.insert(purpose, RIGHT_CODE.into()));
        self.answer(self.code_sent())
    }
    async fn request_password_reset(&self, _: &Ctx, req: &PasswordResetRequest) -> R<CodeSent> {
        self.reach()?;
        self.with_account(&req.email, |a| {
            let verified = match req.channel {
                CodeChannel::Email => a.verified,
                CodeChannel::Phone => a.phone_verified,
            };
            if verified {
                a.codes.insert("reset", RIGHT_CODE.into());
            }
        });
        self.answer(self.code_sent())
    }
    async fn confirm_password_reset(&self, _: &Ctx, req: &PasswordResetConfirm) -> R<()> {
        self.reach()?;
        antre_domain::person::check_password_strength(&req.new_password)
            .map_err(|e| AppError::from(e).with_field("new_password"))?;
        let done = self.with_account(&req.email, |a| {
            let right = a.codes.get("reset").is_some_and(|c| *c == req.code);
            if right {
                a.codes.remove("reset");
                a.password = req.new_password.clone();
            }
            right
        });
        if done != Some(true) {
            return Err(AppError::new("invalid_verification_code", "").with_field("code"));
        }
        // A reset ends every session of the account.
        self.sessions
            .lock()
            .unwrap()
            .retain(|s| s.email != req.email);
        Ok(())
    }
    async fn me(&self, ctx: &Ctx) -> R<AccountView> {
        self.reach()?;
        let email = self.caller(ctx)?;
        Ok(self.view(&email))
    }
    async fn sessions(&self, ctx: &Ctx) -> R<Vec<SessionView>> {
        self.reach()?;
        let email = self.caller(ctx)?;
        let now = chrono::Utc::now();
        Ok(self
            .sessions
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.email == email)
            .map(|s| SessionView {
                id: s.id.clone(),
                device: s.device.clone(),
                created_at: now,
                last_used_at: now,
                expires_at: now + chrono::Duration::days(30),
                absolute_expires_at: now + chrono::Duration::days(90),
                current: ctx.token.as_deref() == Some(s.token.as_str()),
            })
            .collect())
    }
    async fn end_session(&self, ctx: &Ctx, id: &str) -> R<()> {
        self.reach()?;
        let email = self.caller(ctx)?;
        let mut sessions = self.sessions.lock().unwrap();
        let before = sessions.len();
        sessions.retain(|s| !(s.email == email && s.id == id));
        if sessions.len() == before {
            return Err(AppError::new("not_found", ""));
        }
        drop(sessions);
        self.answer(())
    }
    async fn sign_out_everywhere(&self, ctx: &Ctx) -> R<()> {
        self.reach()?;
        let email = self.caller(ctx)?;
        self.sessions.lock().unwrap().retain(|s| s.email != email);
        self.answer(())
    }
    async fn delete_account(&self, ctx: &Ctx) -> R<()> {
        self.reach()?;
        let email = self.caller(ctx)?;
        if self
            .bookings
            .lock()
            .unwrap()
            .iter()
            .any(|b| b.status.is_active())
        {
            return Err(AppError::new("account_has_active_booking", ""));
        }
        self.accounts.lock().unwrap().retain(|a| a.email != email);
        self.sessions.lock().unwrap().retain(|s| s.email != email);
        self.answer(())
    }
    async fn applicants(&self, _: &Ctx) -> R<Vec<ApplicantView>> {
        nope()
    }
    async fn add_applicant(&self, _: &Ctx, _: &ApplicantRequest) -> R<ApplicantView> {
        nope()
    }
    async fn update_applicant(&self, _: &Ctx, _: Uuid, _: &ApplicantRequest) -> R<ApplicantView> {
        nope()
    }
    async fn delete_applicant(&self, _: &Ctx, _: Uuid) -> R<()> {
        nope()
    }
    async fn offices(&self, _: &Ctx) -> R<Vec<OfficeSummary>> {
        nope()
    }
    async fn search(&self, _: &Ctx, _: &SearchParams) -> R<SearchResult> {
        nope()
    }
    async fn calendar(&self, _: &Ctx, _: &str, _: NaiveDate, _: NaiveDate) -> R<OfficeCalendar> {
        nope()
    }
    async fn slots(&self, _: &Ctx, _: &str, _: NaiveDate, _: Option<Lane>) -> R<Vec<SlotView>> {
        nope()
    }
    async fn create_booking(
        &self,
        _: &Ctx,
        req: &CreateBookingRequest,
        key: &str,
    ) -> R<BookingView> {
        self.reach()?;
        let mut keys = self.keys.lock().unwrap();
        let mut bookings = self.bookings.lock().unwrap();
        let b = match keys.get(key) {
            Some(id) => bookings.iter().find(|b| b.id == *id).cloned().unwrap(),
            None => {
                let mut b = booking(BookingStatus::PendingPayment);
                b.id = Uuid::new_v4();
                b.slot_id = req.slot_id;
                keys.insert(key.to_owned(), b.id);
                bookings.push(b.clone());
                b
            }
        };
        drop((keys, bookings));
        self.answer(b)
    }
    async fn bookings(&self, ctx: &Ctx) -> R<Vec<BookingView>> {
        self.reach()?;
        self.caller(ctx)?;
        Ok(self.bookings.lock().unwrap().clone())
    }
    async fn desk_day(
        &self,
        _: &Ctx,
        _: &str,
        _: Option<NaiveDate>,
    ) -> R<antre_api::desk::DeskDay> {
        Err(AppError::network("the fake has no desk"))
    }
    async fn desk_check_in(
        &self,
        _: &Ctx,
        _: &str,
        _: &str,
        _: Option<&str>,
    ) -> R<antre_api::desk::DeskEntry> {
        Err(AppError::network("the fake has no desk"))
    }
    async fn walk_in(
        &self,
        _: &Ctx,
        _: &str,
        _: &antre_api::desk::WalkInRequest,
        _: &str,
    ) -> R<antre_api::desk::DeskEntry> {
        Err(AppError::network("the fake has no desk"))
    }
    async fn create_event_site(
        &self,
        _: &Ctx,
        _: &str,
        _: &antre_api::desk::EventSiteRequest,
    ) -> R<antre_api::desk::EventSiteView> {
        Err(AppError::network("the fake has no desk"))
    }
    async fn drives(&self, _: &Ctx, _: &str) -> R<Vec<antre_api::drives::DriveView>> {
        Err(AppError::network("the fake has no drives"))
    }
    async fn create_drive(
        &self,
        _: &Ctx,
        _: &str,
        _: &antre_api::drives::DriveRequest,
    ) -> R<antre_api::drives::DriveView> {
        Err(AppError::network("the fake has no drives"))
    }
    async fn drive(&self, _: &Ctx, _: Uuid) -> R<antre_api::drives::DriveRoster> {
        Err(AppError::network("the fake has no drives"))
    }
    async fn add_members(
        &self,
        _: &Ctx,
        _: Uuid,
        _: &antre_api::drives::AddMembersRequest,
    ) -> R<antre_api::drives::AddMembersResult> {
        Err(AppError::network("the fake has no drives"))
    }
    async fn import_members(&self, _: &Ctx, _: Uuid, _: Vec<u8>) -> R<crate::types::ImportAnswer> {
        Err(AppError::network("the fake has no drives"))
    }
    async fn export_members(&self, _: &Ctx, _: Uuid) -> R<Vec<u8>> {
        Err(AppError::network("the fake has no drives"))
    }
    async fn hajj_check(&self, _: &Ctx, _: Uuid, _: Vec<u8>) -> R<crate::types::HajjAnswer> {
        Err(AppError::network("the fake has no drives"))
    }
    async fn no_show_sweep(
        &self,
        _: &Ctx,
        _: &str,
        _: NaiveDate,
    ) -> R<antre_api::staff::NoShowSweepResult> {
        Err(AppError::network("the fake has no desk"))
    }
    async fn booking(&self, _: &Ctx, id: Uuid) -> R<BookingView> {
        self.reach()?;
        self.bookings
            .lock()
            .unwrap()
            .iter()
            .find(|b| b.id == id)
            .cloned()
            .ok_or_else(|| AppError::new("not_found", ""))
    }
    async fn reschedule(&self, _: &Ctx, _: Uuid, _: i64) -> R<BookingView> {
        nope()
    }
    async fn cancel(&self, _: &Ctx, id: Uuid) -> R<BookingView> {
        self.reach()?;
        let mut bookings = self.bookings.lock().unwrap();
        let b = bookings.iter_mut().find(|b| b.id == id).unwrap();
        if b.status == BookingStatus::Cancelled {
            return Err(AppError::new("booking_not_active", ""));
        }
        if b.status == BookingStatus::CheckedIn {
            return Err(AppError::new(
                "cancel_too_late",
                "the appointment has begun",
            ));
        }
        self.cancels.fetch_add(1, Ordering::SeqCst);
        b.status = BookingStatus::Cancelled;
        let b = b.clone();
        drop(bookings);
        self.answer(b)
    }
    async fn calendar_ics(&self, _: &Ctx, _: Uuid) -> R<String> {
        nope()
    }
    async fn proof_keys(&self, _: &Ctx) -> R<Vec<RegisteredProofKey>> {
        self.reach()?;
        self.proof_key_fetches.fetch_add(1, Ordering::SeqCst);
        Ok(self.proof_keys.lock().unwrap().clone())
    }
    async fn confirm_attendance(&self, _: &Ctx, id: Uuid) -> R<BookingView> {
        self.reach()?;
        let mut bookings = self.bookings.lock().unwrap();
        let b = bookings.iter_mut().find(|b| b.id == id).unwrap();
        if let Some(a) = b.attendance.as_mut() {
            a.confirmed = true;
        }
        let b = b.clone();
        drop(bookings);
        self.answer(b)
    }
    async fn draws(&self, _: &Ctx, _: Option<NaiveDate>, _: Option<NaiveDate>) -> R<Vec<DrawView>> {
        self.reach()?;
        Ok(self.draws.lock().unwrap().clone())
    }
    async fn draw(&self, _: &Ctx, id: Uuid) -> R<DrawView> {
        self.reach()?;
        self.draws
            .lock()
            .unwrap()
            .iter()
            .find(|d| d.id == id)
            .cloned()
            .ok_or_else(|| AppError::new("not_found", ""))
    }
    async fn draw_office(&self, _: &Ctx, id: Uuid, office: &str) -> R<DrawOfficeView> {
        self.reach()?;
        let entries = self
            .entries
            .lock()
            .unwrap()
            .iter()
            .filter(|e| e.draw_id == id)
            .filter(|e| {
                crate::outcomes::chosen_offices(&e.choices)
                    .iter()
                    .any(|o| o == office)
            })
            .count() as u64;
        Ok(DrawOfficeView {
            draw_id: id,
            office_id: office.into(),
            entries,
            places: 213,
        })
    }
    async fn draw_result(&self, _: &Ctx, id: Uuid) -> R<DrawResult> {
        self.reach()?;
        self.results
            .lock()
            .unwrap()
            .get(&id)
            .cloned()
            .ok_or_else(|| AppError::new("draw_not_drawn", ""))
    }
    async fn enter_draw(
        &self,
        _: &Ctx,
        draw: Uuid,
        applicant: Uuid,
        req: &EntryRequest,
    ) -> R<EntryView> {
        self.reach()?;
        let open = self
            .draws
            .lock()
            .unwrap()
            .iter()
            .any(|d| d.id == draw && d.accepting_entries);
        if !open {
            return Err(AppError::new("draw_not_open", ""));
        }
        let mut entries = self.entries.lock().unwrap();
        let e = match entries
            .iter_mut()
            .find(|e| e.draw_id == draw && e.applicant.id == applicant)
        {
            Some(e) => {
                e.choices = req.choices.clone();
                e.lane = req.lane;
                e.clone()
            }
            None => {
                let mut e = crate::outcomes::tests::entry(antre_api::draws::EntryOutcome::Pending);
                e.id = Uuid::new_v4();
                e.draw_id = draw;
                e.applicant.id = applicant;
                e.choices = req.choices.clone();
                e.lane = req.lane;
                entries.push(e.clone());
                e
            }
        };
        drop(entries);
        self.answer(e)
    }
    async fn withdraw_entry(&self, _: &Ctx, draw: Uuid, applicant: Uuid) -> R<()> {
        self.reach()?;
        let mut entries = self.entries.lock().unwrap();
        let before = entries.len();
        entries.retain(|e| !(e.draw_id == draw && e.applicant.id == applicant));
        if entries.len() == before {
            return Err(AppError::new("not_found", ""));
        }
        drop(entries);
        self.answer(())
    }
    async fn draw_entries(&self, _: &Ctx) -> R<Vec<EntryView>> {
        self.reach()?;
        self.fair_reads.fetch_add(1, Ordering::SeqCst);
        Ok(self.entries.lock().unwrap().clone())
    }
    async fn waitlist(&self, _: &Ctx) -> R<Vec<WaitlistView>> {
        self.reach()?;
        self.fair_reads.fetch_add(1, Ordering::SeqCst);
        Ok(self.waitlist.lock().unwrap().clone())
    }
    async fn join_waitlist(&self, _: &Ctx, req: &WaitlistRequest) -> R<WaitlistView> {
        self.reach()?;
        let mut list = self.waitlist.lock().unwrap();
        if list.iter().any(|w| {
            w.applicant.id == req.applicant_id
                && matches!(w.status, WaitlistStatus::Waiting | WaitlistStatus::Offered)
        }) {
            return Err(AppError::new("already_waitlisted", ""));
        }
        let mut w = crate::outcomes::tests::waiting(WaitlistStatus::Waiting);
        w.id = Uuid::new_v4();
        w.applicant.id = req.applicant_id;
        w.lane = req.lane;
        w.office_ids = req.office_ids.clone();
        w.from = req.from;
        w.to = req.to;
        list.push(w.clone());
        drop(list);
        self.answer(w)
    }
    async fn leave_waitlist(&self, _: &Ctx, id: Uuid) -> R<()> {
        self.reach()?;
        let mut list = self.waitlist.lock().unwrap();
        let Some(w) = list.iter_mut().find(|w| {
            w.id == id && matches!(w.status, WaitlistStatus::Waiting | WaitlistStatus::Offered)
        }) else {
            return Err(AppError::new("not_found", ""));
        };
        w.status = WaitlistStatus::Left;
        w.offer = None;
        drop(list);
        self.answer(())
    }
    async fn accept_offer(&self, _: &Ctx, id: Uuid) -> R<BookingView> {
        self.reach()?;
        let mut list = self.waitlist.lock().unwrap();
        let Some(w) = list
            .iter_mut()
            .find(|w| w.offer.as_ref().is_some_and(|o| o.id == id))
        else {
            return Err(AppError::new("offer_not_open", ""));
        };
        let offer: OfferView = w.offer.take().unwrap();
        w.status = WaitlistStatus::Booked;
        let mut b = booking(BookingStatus::PendingPayment);
        b.id = Uuid::new_v4();
        b.applicant.id = w.applicant.id;
        b.slot_id = offer.slot.slot_id;
        b.source = BookingSource::Waitlist;
        drop(list);
        self.bookings.lock().unwrap().push(b.clone());
        self.answer(b)
    }
    async fn decline_offer(&self, _: &Ctx, id: Uuid) -> R<()> {
        self.reach()?;
        let mut list = self.waitlist.lock().unwrap();
        let Some(w) = list
            .iter_mut()
            .find(|w| w.offer.as_ref().is_some_and(|o| o.id == id))
        else {
            return Err(AppError::new("not_found", ""));
        };
        w.offer = None;
        w.status = WaitlistStatus::Waiting;
        drop(list);
        self.answer(())
    }
    async fn notifications(
        &self,
        _: &Ctx,
        after: i64,
    ) -> R<Vec<antre_api::disruptions::NotificationView>> {
        self.notice_reads.fetch_add(1, Ordering::SeqCst);
        self.reach()?;
        let list = self.notices.lock().unwrap();
        Ok(list.iter().filter(|n| n.id > after).cloned().collect())
    }
    async fn special_reschedule(&self, _: &Ctx, _: Uuid) -> R<BookingView> {
        self.reach()?;
        nope()
    }
    async fn service_status(&self, _: &Ctx) -> R<antre_api::disruptions::ServiceStatus> {
        self.reach()?;
        nope()
    }
    async fn rate_visit(
        &self,
        _: &Ctx,
        _: Uuid,
        _: &antre_api::feedback::RateVisitRequest,
    ) -> R<()> {
        self.reach()?;
        nope()
    }
    async fn report_integrity(
        &self,
        _: &Ctx,
        _: &antre_api::feedback::IntegrityReportRequest,
    ) -> R<antre_api::feedback::IntegrityReportFiled> {
        self.reach()?;
        nope()
    }
    async fn office_feedback(
        &self,
        _: &Ctx,
        _: &str,
        _: NaiveDate,
        _: NaiveDate,
        _: antre_api::feedback::FeedbackPeriod,
    ) -> R<antre_api::feedback::OfficeFeedback> {
        self.reach()?;
        nope()
    }
    async fn set_language(&self, ctx: &Ctx, language: &str) -> R<AccountView> {
        self.reach()?;
        let email = self.caller(ctx)?;
        *self.language.lock().unwrap() = language.to_string();
        Ok(self.view(&email))
    }
}

fn app(dir: &std::path::Path) -> App<FakeServer> {
    App::new(
        FakeServer::default(),
        SessionVault::memory_only(),
        AppConfig {
            server_url: "fake".into(),
            data_dir: dir.to_owned(),
            system_locale: antre_i18n::Locale::Id,
            platform: "desktop",
            retry_delays_ms: &[1, 1],
        },
    )
}

fn request() -> CreateBookingRequest {
    CreateBookingRequest {
        applicant_id: Uuid::from_u128(1),
        slot_id: 42,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
    }
}

async fn signed_in(dir: &std::path::Path) -> App<FakeServer> {
    let a = app(dir);
    a.login(LoginRequest {
        email: "ani@example.id".into(),
        password: "x".into(),
        device: None,
    })
    .await
    .unwrap();
    a
}

#[tokio::test]
async fn a_lost_answer_is_retried_with_the_same_key_and_books_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    a.backend_for_tests()
        .lose_answers
        .store(2, Ordering::SeqCst);
    let b = a.create_booking(request(), "key-1".into()).await.unwrap();
    assert_eq!(a.backend_for_tests().bookings.lock().unwrap().len(), 1);
    assert_eq!(b.slot_id, 42);
    let snap = a.bookings().await.unwrap();
    assert_eq!((snap.bookings.len(), snap.pending), (1, 0));
}

#[tokio::test]
async fn offline_bookings_wait_in_the_outbox_and_are_sent_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    a.backend_for_tests().offline.store(true, Ordering::SeqCst);
    let e = a
        .create_booking(request(), "key-2".into())
        .await
        .unwrap_err();
    assert_eq!(e.code, "queued_offline", "said to be kept and sent later");
    let snap = a.bookings().await.unwrap();
    assert!(snap.offline);
    assert_eq!(snap.pending, 1);
    // the same attempt again while still offline: still one pending
    let _ = a.create_booking(request(), "key-2".into()).await;
    assert_eq!(a.bookings().await.unwrap().pending, 1);
    a.backend_for_tests().offline.store(false, Ordering::SeqCst);
    let snap = a.bookings().await.unwrap();
    assert!(!snap.offline);
    assert_eq!((snap.bookings.len(), snap.pending), (1, 0));
    assert_eq!(a.bookings().await.unwrap().bookings.len(), 1, "never twice");
}

#[tokio::test]
async fn the_saved_copy_opens_offline_and_a_lost_cancel_answer_is_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let b = a.create_booking(request(), "key-3".into()).await.unwrap();
    a.bookings().await.unwrap();
    a.backend_for_tests().offline.store(true, Ordering::SeqCst);
    let snap = a.bookings().await.unwrap();
    assert!(snap.offline && snap.fetched_at.is_some());
    assert_eq!(a.booking(b.id).await.unwrap().billing_code, b.billing_code);
    a.backend_for_tests().offline.store(false, Ordering::SeqCst);
    a.backend_for_tests()
        .lose_answers
        .store(1, Ordering::SeqCst);
    let cancelled = a.cancel(b.id).await.unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    // signing out forgets the personal data on this device
    a.logout().await.unwrap();
    assert!(a.restore_session().is_none());
    assert!(!dir.path().join("bookings.json").exists());
}

fn published(key: &SigningKey, current: bool) -> RegisteredProofKey {
    RegisteredProofKey {
        kid: antre_proof::key_id(&key.verifying_key()),
        algorithm: antre_proof::ALGORITHM.into(),
        public_key: antre_proof::encode_public_key(&key.verifying_key()),
        first_used_at: chrono::Utc::now(),
        current,
    }
}

/// A paid booking whose proof `signer` signed, naming the key `named`.
fn paid(id: u128, signer: &SigningKey, named: &SigningKey) -> BookingView {
    let mut b = booking(BookingStatus::Confirmed);
    b.id = Uuid::from_u128(id);
    let payload = antre_proof::ProofPayload {
        kid: antre_proof::key_id(&named.verifying_key()),
        booking_id: b.id.to_string(),
        office_id: b.office.id.clone(),
        date: b.date.to_string(),
        session: b.session.clone(),
        lane: "priority".into(),
        name: b.applicant.name.clone(),
        nik_masked: b.applicant.nik_masked.clone(),
        nik_digest: antre_proof::nik_digest(&b.id.to_string(), "3275015503650001"),
    };
    b.proof = Some(antre_proof::sign(signer, &payload));
    b
}

#[tokio::test]
async fn a_proof_verifies_offline_with_the_saved_key_its_kid_names() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let server = a.backend_for_tests();
    let fetches = || server.proof_key_fetches.load(Ordering::SeqCst);
    let (old, new, stranger) = (
        SigningKey::from_bytes(&[1; 32]),
        SigningKey::from_bytes(&[2; 32]),
        SigningKey::from_bytes(&[3; 32]),
    );
    *server.proof_keys.lock().unwrap() = vec![published(&old, true)];
    let first = paid(1, &old, &old);
    server.bookings.lock().unwrap().push(first.clone());
    a.bookings().await.unwrap();
    assert_eq!(fetches(), 1, "the first proof brings the keys");
    a.bookings().await.unwrap();
    assert_eq!(fetches(), 1, "no fetch while every proof names a saved key");

    // The server rotated its key: a proof names a key the app has not saved.
    *server.proof_keys.lock().unwrap() = vec![published(&new, true), published(&old, false)];
    let second = paid(2, &new, &new);
    server.bookings.lock().unwrap().push(second.clone());
    a.booking(second.id).await.unwrap();
    assert_eq!(fetches(), 2, "an unknown kid brings the keys again");

    server.offline.store(true, Ordering::SeqCst);
    let verified = |b: &BookingView| a.proof_qr(b.proof.as_deref().unwrap()).unwrap().verified;
    assert_eq!(verified(&first), Some(true), "signed before the rotation");
    assert_eq!(verified(&second), Some(true));
    assert_eq!(
        verified(&paid(3, &stranger, &old)),
        Some(false),
        "names a saved key, signed by another"
    );
    assert_eq!(
        verified(&paid(4, &stranger, &stranger)),
        None,
        "names a key the app does not have"
    );
    assert_eq!(a.proof_qr("antre1.garbage").unwrap().verified, Some(false));
}

// ---- the fair release: draws, the waitlist and the background check ---------------------------

use crate::outcomes::tests::{at, waiting, RELEASE};
use antre_api::draws::{Choice, DrawStatus, EntryOutcome};

const DRAW: Uuid = Uuid::from_u128(0xd1);

fn draw(status: DrawStatus, accepting: bool, commitment: &str) -> DrawView {
    DrawView {
        id: DRAW,
        release_at: at(RELEASE),
        opens_at: at("2026-12-10T07:00:00Z"),
        status,
        accepting_entries: accepting,
        commitment: commitment.into(),
        seed: None,
        entries: 0,
        places: 213,
        placed: 0,
        drawn_at: None,
    }
}

fn entry_request(choices: Vec<Choice>) -> EntryRequest {
    EntryRequest {
        lane: Lane::Regular,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
        choices,
    }
}

fn bekasi_on(day: u32) -> Choice {
    Choice::OfficeDay {
        office_id: "bekasi".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, day).unwrap(),
    }
}

fn wait_request(applicant: Uuid) -> WaitlistRequest {
    WaitlistRequest {
        applicant_id: applicant,
        lane: Lane::Priority,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
        office_ids: vec!["bekasi".into()],
        from: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
    }
}

const BUDI: Uuid = Uuid::from_u128(2);
const SITI: Uuid = Uuid::from_u128(1);

#[tokio::test]
async fn an_entry_sent_again_after_a_lost_answer_stays_one_entry_and_can_be_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let server = a.backend_for_tests();
    server
        .draws
        .lock()
        .unwrap()
        .push(draw(DrawStatus::Open, true, "c0"));
    server.lose_answers.store(2, Ordering::SeqCst);
    let e = a
        .enter_draw(DRAW, BUDI, entry_request(vec![bekasi_on(14)]))
        .await
        .unwrap();
    assert_eq!(server.entries.lock().unwrap().len(), 1);
    // Changing it (a second choice) is the same entry.
    let changed = a
        .enter_draw(
            DRAW,
            BUDI,
            entry_request(vec![bekasi_on(14), bekasi_on(15)]),
        )
        .await
        .unwrap();
    assert_eq!((changed.id, changed.choices.len()), (e.id, 2));
    assert_eq!(server.entries.lock().unwrap().len(), 1);
    assert_eq!(a.draw_office(DRAW, "bekasi").await.unwrap().entries, 1);
    // The saved copy has it while offline.
    server.offline.store(true, Ordering::SeqCst);
    let snap = a.fair_release().await.unwrap();
    assert!(snap.offline);
    assert_eq!(snap.entries.len(), 1);
    assert_eq!(snap.entries[0].choices.len(), 2);
    server.offline.store(false, Ordering::SeqCst);
    // A withdrawal whose answer is lost is recognised when the retry finds nothing to withdraw.
    server.lose_answers.store(1, Ordering::SeqCst);
    a.withdraw_entry(DRAW, BUDI).await.unwrap();
    assert!(server.entries.lock().unwrap().is_empty());
    assert!(a.fair_release().await.unwrap().entries.is_empty());
    // Entries close at the release instant: the server's refusal comes through.
    server.draws.lock().unwrap()[0].accepting_entries = false;
    assert_eq!(
        a.enter_draw(DRAW, BUDI, entry_request(vec![bekasi_on(14)]))
            .await
            .unwrap_err()
            .code,
        "draw_not_open"
    );
}

#[tokio::test]
async fn waitlist_writes_whose_answers_are_lost_are_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let server = a.backend_for_tests();
    // Join: the retry is refused as "already waitlisted", which is this very request.
    server.lose_answers.store(1, Ordering::SeqCst);
    let joined = a.join_waitlist(wait_request(SITI)).await.unwrap();
    assert_eq!(joined.status, WaitlistStatus::Waiting);
    assert_eq!(server.waitlist.lock().unwrap().len(), 1);
    // Another request for the same person is a real refusal.
    let mut other = wait_request(SITI);
    other.to = NaiveDate::from_ymd_opt(2026, 12, 18).unwrap();
    assert_eq!(
        a.join_waitlist(other).await.unwrap_err().code,
        "already_waitlisted"
    );

    // A place is offered; the accept's answer is lost: the retry finds the booking it made.
    let offered = waiting(WaitlistStatus::Offered);
    let offer = offered.offer.clone().unwrap();
    {
        let mut list = server.waitlist.lock().unwrap();
        list[0].status = WaitlistStatus::Offered;
        list[0].offer = Some(offer.clone());
    }
    let snap = a.fair_release().await.unwrap();
    assert_eq!(snap.waitlist[0].status, WaitlistStatus::Offered);
    server.lose_answers.store(1, Ordering::SeqCst);
    let b = a.accept_offer(offer.id).await.unwrap();
    assert_eq!(b.source, BookingSource::Waitlist);
    assert_eq!(b.slot_id, offer.slot.slot_id);
    assert_eq!(server.bookings.lock().unwrap().len(), 1, "booked once");
    assert_eq!(
        a.fair_release().await.unwrap().waitlist[0].status,
        WaitlistStatus::Booked
    );
    // The accepted booking is in the saved copy of the bookings (offline too).
    server.offline.store(true, Ordering::SeqCst);
    assert_eq!(a.booking(b.id).await.unwrap().id, b.id);
    server.offline.store(false, Ordering::SeqCst);
    // An offer that is no longer open, never accepted: a real refusal.
    assert_eq!(
        a.accept_offer(Uuid::from_u128(0xbad))
            .await
            .unwrap_err()
            .code,
        "offer_not_open"
    );

    // Another person declines (lost answer: fine) and then leaves (lost answer: fine).
    let mut second = waiting(WaitlistStatus::Offered);
    second.id = Uuid::from_u128(0x32);
    second.applicant.id = BUDI;
    let second_offer = second.offer.as_ref().unwrap().id;
    server.waitlist.lock().unwrap().push(second.clone());
    server.lose_answers.store(1, Ordering::SeqCst);
    a.decline_offer(second_offer).await.unwrap();
    assert_eq!(
        server.waitlist.lock().unwrap()[1].status,
        WaitlistStatus::Waiting
    );
    server.lose_answers.store(1, Ordering::SeqCst);
    a.leave_waitlist(second.id).await.unwrap();
    assert_eq!(
        server.waitlist.lock().unwrap()[1].status,
        WaitlistStatus::Left
    );
    // Booked, so no longer in line: leaving asks for what already holds.
    a.leave_waitlist(joined.id).await.unwrap();
    assert_eq!(
        server.waitlist.lock().unwrap()[0].status,
        WaitlistStatus::Booked
    );
}

#[tokio::test]
async fn the_background_check_asks_only_while_something_can_change_and_notices_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let server = a.backend_for_tests();
    let reads = || server.fair_reads.load(Ordering::SeqCst);
    let day_before = at("2026-12-10T08:00:00Z");
    // Idle: nothing to ask about, nothing asked.
    assert_eq!(a.next_watch_at(day_before), None);
    assert!(!a.watch(day_before).await.unwrap());
    assert_eq!(reads(), 0);

    server
        .draws
        .lock()
        .unwrap()
        .push(draw(DrawStatus::Open, true, "c0"));
    let e = a
        .enter_draw(DRAW, BUDI, entry_request(vec![bekasi_on(15)]))
        .await
        .unwrap();
    // Before the release instant nothing can change.
    assert_eq!(
        a.next_watch_at(day_before),
        Some(at("2026-12-11T07:00:03Z"))
    );
    assert!(!a.watch(day_before).await.unwrap());
    assert_eq!(reads(), 0);
    // Right after it, the check asks (still pending: the draw takes a moment) ...
    let just_after = at("2026-12-11T07:00:03Z");
    assert!(a.watch(just_after).await.unwrap());
    assert_eq!(reads(), 2);
    assert!(!a.watch(just_after).await.unwrap(), "not again at once");
    // ... and ten seconds later finds the place, with the booking to pay.
    let mut won = booking(BookingStatus::PendingPayment);
    won.id = Uuid::from_u128(0xb1);
    won.applicant.name = "BUDI SANTOSO".into();
    won.starts_at = at("2026-12-15T01:00:00Z");
    won.date = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
    won.payment_deadline = at("2026-12-11T09:00:02Z");
    won.source = BookingSource::Draw;
    server.bookings.lock().unwrap().push(won.clone());
    {
        let mut entries = server.entries.lock().unwrap();
        entries[0].outcome = EntryOutcome::Placed;
        entries[0].position = Some(1);
        entries[0].booking_id = Some(won.id);
    }
    let later = just_after + chrono::Duration::seconds(10);
    assert!(a.watch(later).await.unwrap());
    let due = a.due_notices(later);
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!(due[0].title, "Anda mendapat kuota");
    assert!(
        due[0]
            .body
            .contains("BUDI SANTOSO mendapat jadwal Selasa, 15 Desember 2026, 08.00 WIB di Kantor Imigrasi Bekasi"),
        "{}",
        due[0].body
    );
    // Its booking was saved: the payment reminder is planned, the booking opens offline.
    assert!(a
        .upcoming_reminders(later)
        .iter()
        .any(|r| r.booking_id == won.id));
    a.mark_notice_delivered(&due[0].id).unwrap();
    // Drawn: nothing more to ask about; a later look at the list announces nothing again.
    assert_eq!(a.next_watch_at(later), None);
    a.fair_release().await.unwrap();
    assert!(a.due_notices(later).is_empty());
    assert_eq!(e.draw_id, DRAW);

    // A place in line is looked at every minute; a new offer is announced once.
    a.join_waitlist(wait_request(SITI)).await.unwrap();
    let t = at("2026-12-11T07:05:00Z");
    assert!(a.watch(t).await.unwrap());
    assert!(a.due_notices(t).is_empty());
    assert!(!a.watch(t + chrono::Duration::seconds(30)).await.unwrap());
    {
        let mut list = server.waitlist.lock().unwrap();
        list[0].status = WaitlistStatus::Offered;
        list[0].offer = waiting(WaitlistStatus::Offered).offer;
    }
    let t2 = t + chrono::Duration::seconds(60);
    assert!(a.watch(t2).await.unwrap());
    let due = a.due_notices(t2);
    assert_eq!(due.len(), 1);
    assert!(
        due[0].body.contains("sampai pukul 14.30 WIB"),
        "{}",
        due[0].body
    );
    // Accepting in the app silences the notice if it was not shown yet.
    let offer = server.waitlist.lock().unwrap()[0].offer.clone().unwrap();
    a.accept_offer(offer.id).await.unwrap();
    assert!(a.due_notices(t2).is_empty());
    // Signing out forgets it all: no more checks.
    a.logout().await.unwrap();
    assert_eq!(a.next_watch_at(t2), None);
    assert!(!dir.path().join("fair-release.json").exists());
}

#[tokio::test]
async fn the_published_order_is_checked_on_this_device() {
    use antre_domain::draw::{entry_digest, order, Seed};
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let server = a.backend_for_tests();
    let seed = Seed([7; 32]);
    let commitment = seed.commitment();
    // Seen while entries are open: the commitment is kept.
    server
        .draws
        .lock()
        .unwrap()
        .push(draw(DrawStatus::Open, true, &commitment));
    a.draws(None, None).await.unwrap();
    let mine = a
        .enter_draw(DRAW, BUDI, entry_request(vec![bekasi_on(15)]))
        .await
        .unwrap();
    let salt = [0u8; 16];
    assert_eq!(mine.digest, "ab".repeat(32), "the fake's digest");
    // The real digest of this entry, and 40 others.
    let digest = entry_digest(&salt, &mine.id.to_string());
    server.entries.lock().unwrap()[0].digest = digest.clone();
    let mut digests: Vec<String> = (0..40u8)
        .map(|i| entry_digest(&[i; 16], &format!("other-{i}")))
        .collect();
    digests.push(digest.clone());
    let drawn: Vec<String> = order(&seed, &digests)
        .into_iter()
        .map(|i| digests[i].clone())
        .collect();
    let position = drawn.iter().position(|d| *d == digest).unwrap() as u64 + 1;
    let publish = |order: Vec<String>, commitment: &str, seed: &Seed| {
        server.results.lock().unwrap().insert(
            DRAW,
            DrawResult {
                draw_id: DRAW,
                release_at: at(RELEASE),
                commitment: commitment.into(),
                seed: seed.to_hex(),
                order,
            },
        );
    };
    publish(drawn.clone(), &commitment, &seed);
    a.fair_release().await.unwrap();
    let check = a.check_draw(DRAW).await.unwrap();
    assert!(check.seed_matches_commitment && check.order_verified);
    assert_eq!(check.commitment_as_seen_before, Some(true));
    assert_eq!(check.entries, 41);
    assert_eq!(check.mine.len(), 1);
    assert!(check.mine[0].digest_matches);
    assert_eq!(check.mine[0].position, Some(position));
    assert_eq!(check.result_url, format!("fake/v1/draws/{DRAW}/result"));

    // Someone moved: caught.
    let mut moved = drawn.clone();
    moved.swap(0, 40);
    publish(moved, &commitment, &seed);
    assert!(!a.check_draw(DRAW).await.unwrap().order_verified);
    // Another seed, with a commitment made up after the fact: caught by what was seen before.
    let other = Seed([8; 32]);
    let reordered: Vec<String> = order(&other, &digests)
        .into_iter()
        .map(|i| digests[i].clone())
        .collect();
    publish(reordered, &other.commitment(), &other);
    let check = a.check_draw(DRAW).await.unwrap();
    assert!(check.order_verified, "consistent in itself");
    assert_eq!(check.commitment_as_seen_before, Some(false));
    // The result file for scripts/verify_draw.py.
    let saved = a.save_draw_result(DRAW, dir.path()).await.unwrap();
    let text = std::fs::read_to_string(&saved.path).unwrap();
    assert!(text.contains(&other.to_hex()));
}

#[tokio::test]
async fn attendance_is_reconfirmed_and_the_saved_copy_knows() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let server = a.backend_for_tests();
    let mut b = booking(BookingStatus::Confirmed);
    b.attendance = Some(AttendanceView {
        confirm_by: at("2026-11-23T13:00:00Z"),
        confirmed: false,
    });
    server.bookings.lock().unwrap().push(b.clone());
    server.lose_answers.store(1, Ordering::SeqCst);
    let confirmed = a.confirm_attendance(b.id).await.unwrap();
    assert!(confirmed.attendance.unwrap().confirmed);
    server.offline.store(true, Ordering::SeqCst);
    assert!(a.booking(b.id).await.unwrap().attendance.unwrap().confirmed);
}

#[test]
fn start_at_login_is_off_until_chosen_and_offered_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(dir.path());
    let s = a.info().settings;
    assert!(!s.start_at_login && !s.start_at_login_offered);
    let s = a.dismiss_start_at_login_offer().unwrap().settings;
    assert!(!s.start_at_login && s.start_at_login_offered);
    a.set_start_at_login(true).unwrap();
    // Kept across a restart, and a settings file from before these fields still loads.
    let s = app(dir.path()).info().settings;
    assert!(s.start_at_login && s.start_at_login_offered);
    let old = tempfile::tempdir().unwrap();
    std::fs::write(
        old.path().join("settings.json"),
        r#"{"locale":"en","large_text":true}"#,
    )
    .unwrap();
    let s = app(old.path()).info().settings;
    assert!(!s.start_at_login && !s.start_at_login_offered);
    // "Large text" of an earlier version is 125%; the file is rewritten without the old field.
    assert_eq!(s.text_size, TextSize::Large);
    let s = app(old.path())
        .set_text_size(TextSize::Largest)
        .unwrap()
        .settings;
    assert_eq!(s.text_size.percent(), 200);
    let saved = std::fs::read_to_string(old.path().join("settings.json")).unwrap();
    assert!(
        saved.contains(r#""text_size": "largest""#) && !saved.contains("large_text"),
        "{saved}"
    );
    assert_eq!(app(old.path()).info().settings.text_size, TextSize::Largest);
}

// ---- accounts: codes, password reset, devices, deletion, a session ended elsewhere -----------

use crate::accounts::device_name;
use crate::types::SessionEndReason;

const ANI: &str = "ani@example.id";
const OLD_PASSWORD: &str = "Passpor2026!";
const NEW_PASSWORD: &str = "Passpor-Baru-2026";

async fn sign_in(a: &App<FakeServer>, password: &str) -> R<crate::types::SessionInfo> {
    a.login(LoginRequest {
        email: ANI.into(),
        password: password.into(),
        device: None,
    })
    .await
}

/// Another device of the same account signs in (straight at the server).
async fn other_device(server: &FakeServer, password: &str) -> String {
    let ctx = Ctx {
        token: None,
        locale: antre_i18n::Locale::Id,
    };
    server
        .login(
            &ctx,
            &LoginRequest {
                email: ANI.into(),
                password: password.into(),
                device: Some("Antre di Android".into()),
            },
        )
        .await
        .unwrap()
        .token
}

/// A booking still ahead (the fixture's date may be past by the time this runs).
fn upcoming(id: u128) -> BookingView {
    let mut b = booking(BookingStatus::Confirmed);
    b.id = Uuid::from_u128(id);
    b.starts_at = chrono::Utc::now() + chrono::Duration::days(10);
    b.ends_at = b.starts_at + chrono::Duration::hours(2);
    b.date = b.starts_at.date_naive();
    b.proof = Some(format!("antre1.proof-{id}.sig"));
    b
}

#[tokio::test]
async fn signing_in_names_this_device_and_another_device_can_be_signed_out() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(dir.path());
    let server = a.backend_for_tests();
    server.add_account(ANI, OLD_PASSWORD);
    sign_in(&a, OLD_PASSWORD).await.unwrap();
    let phone = other_device(server, OLD_PASSWORD).await;

    let list = a.sessions().await.unwrap();
    assert_eq!(list.len(), 2);
    let this = list.iter().find(|s| s.current).unwrap();
    let expected = device_name(&a.l10n, antre_i18n::Locale::Id, std::env::consts::OS);
    assert_eq!(this.device.as_deref(), Some(expected.as_str()));
    if cfg!(target_os = "linux") {
        assert_eq!(expected, "Antre di Linux");
    }
    let other = list.iter().find(|s| !s.current).unwrap();
    assert_eq!(other.device.as_deref(), Some("Antre di Android"));

    // Signed out, with the answer lost: the list shows it gone, and asking again is no error.
    server.lose_answers.store(1, Ordering::SeqCst);
    let after = a.end_session(&other.id).await.unwrap();
    assert_eq!(after.len(), 1);
    assert!(after[0].current);
    assert_eq!(a.end_session(&other.id).await.unwrap().len(), 1);
    let phone_ctx = Ctx {
        token: Some(phone),
        locale: antre_i18n::Locale::Id,
    };
    assert_eq!(
        server.me(&phone_ctx).await.unwrap_err().code,
        "unauthorized",
        "the other device is out"
    );
    assert!(a.restore_session().is_some(), "this one is still in");
}

#[tokio::test]
async fn a_password_reset_elsewhere_ends_this_session_and_keeps_the_saved_copy_readable() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(dir.path());
    let server = a.backend_for_tests();
    server.add_account(ANI, OLD_PASSWORD);
    sign_in(&a, OLD_PASSWORD).await.unwrap();
    let b = upcoming(0xa1);
    server.bookings.lock().unwrap().push(b.clone());
    a.bookings().await.unwrap();
    // A booking waiting in the outbox (sent offline) must survive signing in again.
    server.offline.store(true, Ordering::SeqCst);
    let _ = a.create_booking(request(), "key-kept".into()).await;
    server.offline.store(false, Ordering::SeqCst);

    // The password is reset from another device: every session ends, this one too.
    let ctx = a.ctx();
    server
        .request_password_reset(
            &ctx,
            &PasswordResetRequest {
                email: ANI.into(),
                channel: CodeChannel::Email,
            },
        )
        .await
        .unwrap();
    server
        .confirm_password_reset(
            &ctx,
            &PasswordResetConfirm {
                email: ANI.into(),
                code: RIGHT_CODE.into(),
                new_password: NEW_PASSWORD.into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(a.sessions().await.unwrap_err().code, "unauthorized");
    assert!(a.restore_session().is_none(), "back to the sign-in page");
    let ended = a.ended_session().expect("the sign-in page says why");
    assert_eq!(ended.email, ANI);
    assert_eq!(ended.reason, SessionEndReason::Rejected);
    assert_eq!(ended.upcoming_saved, 1);
    // The saved bookings and their QR codes still open, without signing in.
    let saved = a.saved_bookings().unwrap();
    assert_eq!(saved.bookings.len(), 1);
    assert_eq!(saved.bookings[0].proof, b.proof);
    assert!(a
        .proof_qr(b.proof.as_deref().unwrap())
        .unwrap()
        .svg
        .contains("<svg"));
    let ended_file = std::fs::read_to_string(dir.path().join("session-ended.json")).unwrap();
    assert!(!ended_file.contains("tok-"), "no token kept: {ended_file}");

    // The old password no longer works; the new one does, and the saved copy and the outbox
    // are kept (the same account).
    assert_eq!(
        sign_in(&a, OLD_PASSWORD).await.unwrap_err().code,
        "invalid_credentials"
    );
    sign_in(&a, NEW_PASSWORD).await.unwrap();
    assert!(a.ended_session().is_none());
    let snap = a.bookings().await.unwrap();
    assert_eq!(snap.pending, 0, "the outbox was sent once signed in again");
    assert_eq!(server.bookings.lock().unwrap().len(), 2);

    // Another account on this device starts clean.
    a.logout().await.unwrap();
    assert!(
        a.saved_bookings().is_err(),
        "signed out here: nothing to read"
    );
    assert!(!dir.path().join("bookings.json").exists());
}

#[tokio::test]
async fn another_account_signing_in_after_an_ended_session_does_not_see_its_copy() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(dir.path());
    let server = a.backend_for_tests();
    server.add_account(ANI, OLD_PASSWORD);
    sign_in(&a, OLD_PASSWORD).await.unwrap();
    server.bookings.lock().unwrap().push(upcoming(0xa2));
    a.bookings().await.unwrap();
    server.sessions.lock().unwrap().clear(); // signed out everywhere from another device
    assert_eq!(a.bookings().await.unwrap_err().code, "unauthorized");
    assert_eq!(a.saved_bookings().unwrap().bookings.len(), 1);
    server.bookings.lock().unwrap().clear(); // (the fake does not keep bookings per account)
    a.login(LoginRequest {
        email: "budi@example.id".into(),
        password: "x".into(),
        device: Some("Laptop Budi".into()),
    })
    .await
    .unwrap();
    // Signing in fetched Budi's own (none): nothing of Ani's copy is left.
    assert!(a.saved_bookings().unwrap().bookings.is_empty());
    assert!(a.ended_session().is_none());
    let list = a.sessions().await.unwrap();
    assert_eq!(
        list[0].device.as_deref(),
        Some("Laptop Budi"),
        "a name given is kept"
    );
}

#[tokio::test]
async fn forgot_password_wrong_code_weak_password_then_the_new_one_signs_in() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(dir.path());
    let server = a.backend_for_tests();
    server.add_account(ANI, OLD_PASSWORD);
    // By SMS only to a verified phone (the answer is the same either way).
    let sent = a
        .forgot_password(PasswordResetRequest {
            email: ANI.into(),
            channel: CodeChannel::Phone,
        })
        .await
        .unwrap();
    assert_eq!(sent.resend_after_seconds, 60);
    assert!(!server.account(ANI).unwrap().codes.contains_key("reset"));
    server.lose_answers.store(1, Ordering::SeqCst);
    a.forgot_password(PasswordResetRequest {
        email: ANI.into(),
        channel: CodeChannel::Email,
    })
    .await
    .unwrap();
    let confirm = |code: &str, password: &str| PasswordResetConfirm {
        email: ANI.into(),
        code: code.into(),
        new_password: password.into(),
    };
    let e = a
        .reset_password(confirm("000000", NEW_PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("invalid_verification_code", Some("code"))
    );
    let e = a
        .reset_password(confirm(RIGHT_CODE, "pendek"))
        .await
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("weak_password", Some("new_password"))
    );
    assert!(
        !a.check_password("pendek").acceptable,
        "the checklist said so before"
    );
    a.reset_password(confirm(RIGHT_CODE, NEW_PASSWORD))
        .await
        .unwrap();
    assert_eq!(
        sign_in(&a, OLD_PASSWORD).await.unwrap_err().code,
        "invalid_credentials"
    );
    let s = sign_in(&a, NEW_PASSWORD).await.unwrap();
    assert_eq!(s.account.email, ANI);
}

#[tokio::test]
async fn the_phone_is_verified_with_its_own_code_and_the_session_learns_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(dir.path());
    let server = a.backend_for_tests();
    server.add_account(ANI, OLD_PASSWORD);
    assert_eq!(a.send_phone_code().await.unwrap_err().code, "not_signed_in");
    sign_in(&a, OLD_PASSWORD).await.unwrap();
    assert!(!a.account().await.unwrap().phone_verified);
    let sent = a.send_phone_code().await.unwrap();
    assert_eq!((sent.resend_after_seconds, sent.valid_minutes), (60, 15));
    assert_eq!(
        a.verify_phone("135790".into()).await.unwrap_err().code,
        "invalid_verification_code"
    );
    let account = a.verify_phone(RIGHT_CODE.into()).await.unwrap();
    assert!(account.phone_verified);
    assert!(a.restore_session().unwrap().account.phone_verified);
    // A reset code may now go by SMS.
    a.forgot_password(PasswordResetRequest {
        email: ANI.into(),
        channel: CodeChannel::Phone,
    })
    .await
    .unwrap();
    assert!(server.account(ANI).unwrap().codes.contains_key("reset"));
}

#[tokio::test]
async fn deleting_the_account_is_refused_while_a_booking_is_active_then_forgets_everything() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(dir.path());
    let server = a.backend_for_tests();
    server.add_account(ANI, OLD_PASSWORD);
    sign_in(&a, OLD_PASSWORD).await.unwrap();
    let b = upcoming(0xa3);
    let mut old = upcoming(0xa4);
    old.status = BookingStatus::Cancelled;
    server.bookings.lock().unwrap().extend([b.clone(), old]);
    a.bookings().await.unwrap();

    let refused = a.delete_account().await.unwrap();
    assert!(!refused.deleted);
    assert_eq!(
        refused
            .active_bookings
            .iter()
            .map(|b| b.id)
            .collect::<Vec<_>>(),
        vec![b.id],
        "the booking to open, not the cancelled one"
    );
    assert!(a.restore_session().is_some(), "still signed in");
    a.cancel(b.id).await.unwrap();
    // Deleted, the answer lost: the retry finds the session gone, which is the deletion.
    server.lose_answers.store(1, Ordering::SeqCst);
    let done = a.delete_account().await.unwrap();
    assert!(done.deleted);
    assert!(server.account(ANI).is_none());
    assert!(a.restore_session().is_none());
    assert!(
        a.ended_session().is_none(),
        "deleted, not ended: nothing kept"
    );
    assert!(!dir.path().join("bookings.json").exists());
    assert!(a.saved_bookings().is_err());
}

#[tokio::test]
async fn signing_out_everywhere_forgets_this_device_only_once_the_server_has_done_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(dir.path());
    let server = a.backend_for_tests();
    server.add_account(ANI, OLD_PASSWORD);
    sign_in(&a, OLD_PASSWORD).await.unwrap();
    other_device(server, OLD_PASSWORD).await;
    server.bookings.lock().unwrap().push(upcoming(0xa5));
    a.bookings().await.unwrap();
    server.offline.store(true, Ordering::SeqCst);
    assert!(a.sign_out_everywhere().await.unwrap_err().is_network());
    assert!(a.restore_session().is_some(), "not pretended");
    server.offline.store(false, Ordering::SeqCst);
    server.lose_answers.store(1, Ordering::SeqCst);
    a.sign_out_everywhere().await.unwrap();
    assert!(server.sessions.lock().unwrap().is_empty(), "every device");
    assert!(a.restore_session().is_none());
    assert!(a.ended_session().is_none(), "signed out here on purpose");
    assert!(!dir.path().join("bookings.json").exists());
}

/// The app started again on the same data folder and server, with the session the keyring kept.
fn restart(mut a: App<FakeServer>, dir: &std::path::Path) -> App<FakeServer> {
    let server = std::mem::take(&mut a.backend);
    let session = a.vault.load(chrono::Utc::now());
    drop(a);
    let b = App::new(
        server,
        SessionVault::memory_only(),
        AppConfig {
            server_url: "fake".into(),
            data_dir: dir.to_owned(),
            system_locale: antre_i18n::Locale::Id,
            platform: "desktop",
            retry_delays_ms: &[1, 1],
        },
    );
    if let Some(s) = session {
        b.vault.save(&s);
    }
    b
}

#[tokio::test]
async fn an_offline_cancel_is_queued_survives_a_restart_and_is_sent_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let server = a.backend_for_tests();
    server.bookings.lock().unwrap().push(upcoming(0xc1));
    a.bookings().await.unwrap();
    let id = Uuid::from_u128(0xc1);

    server.offline.store(true, Ordering::SeqCst);
    let e = a.cancel(id).await.unwrap_err();
    assert_eq!(e.code, "queued_offline");
    // Tapped again while still offline: still one cancel waiting.
    assert_eq!(a.cancel(id).await.unwrap_err().code, "queued_offline");
    let status = a.write_queue();
    assert_eq!(status.online, Some(false), "the banner has the truth");
    assert_eq!(status.queued.len(), 1);
    assert_eq!(status.queued[0].kind, crate::types::QueuedWriteKind::Cancel);
    assert_eq!(status.queued[0].booking_id, Some(id));
    assert_eq!(
        status.queued[0].applicant_name.as_deref(),
        Some("SITI AMINAH")
    );
    assert!(status.queued[0].idempotency_key.len() >= 8);
    // Other writes are refused (not queued), and say so.
    assert_eq!(
        a.confirm_attendance(id).await.unwrap_err().code,
        "offline_write"
    );
    assert_eq!(
        a.leave_waitlist(Uuid::from_u128(0xee))
            .await
            .unwrap_err()
            .code,
        "offline_write",
        "the draw and the waitlist too"
    );
    // Sending while still offline changes nothing.
    assert_eq!(a.send_queued_writes().await.queued.len(), 1);

    // The app is closed and started again: the cancel is still waiting.
    let a = restart(a, dir.path());
    assert_eq!(a.write_queue().queued.len(), 1, "the queue is on disk");
    a.backend_for_tests().offline.store(false, Ordering::SeqCst);
    let status = a.send_queued_writes().await;
    assert_eq!(status.online, Some(true));
    assert!(status.queued.is_empty() && status.refused.is_empty());
    let server = a.backend_for_tests();
    assert_eq!(server.cancels.load(Ordering::SeqCst), 1, "cancelled once");
    assert_eq!(
        a.saved_bookings().unwrap().bookings[0].status,
        BookingStatus::Cancelled,
        "the saved copy knows"
    );
    // Sending again (the background loop, the UI) does nothing more.
    a.send_queued_writes().await;
    a.bookings().await.unwrap();
    assert_eq!(server.cancels.load(Ordering::SeqCst), 1, "still once");
}

#[tokio::test]
async fn a_queued_cancel_whose_answer_is_lost_is_recognised_as_done() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let server = a.backend_for_tests();
    server.bookings.lock().unwrap().push(upcoming(0xc2));
    a.bookings().await.unwrap();
    let id = Uuid::from_u128(0xc2);
    server.offline.store(true, Ordering::SeqCst);
    assert_eq!(a.cancel(id).await.unwrap_err().code, "queued_offline");
    server.offline.store(false, Ordering::SeqCst);
    // The server cancels but its answer is lost: still queued, sent again, recognised as done.
    server.lose_answers.store(1, Ordering::SeqCst);
    assert_eq!(a.send_queued_writes().await.queued.len(), 1);
    let status = a.send_queued_writes().await;
    assert!(
        status.queued.is_empty() && status.refused.is_empty(),
        "{status:?}"
    );
    assert_eq!(server.cancels.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_queued_write_the_server_refuses_is_kept_with_its_reason_until_seen() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let server = a.backend_for_tests();
    server.bookings.lock().unwrap().push(upcoming(0xc3));
    a.bookings().await.unwrap();
    let id = Uuid::from_u128(0xc3);
    server.offline.store(true, Ordering::SeqCst);
    assert_eq!(a.cancel(id).await.unwrap_err().code, "queued_offline");
    // Meanwhile the applicant checked in at the office: too late to cancel.
    server.bookings.lock().unwrap()[0].status = BookingStatus::CheckedIn;
    server.offline.store(false, Ordering::SeqCst);
    let status = a.send_queued_writes().await;
    assert!(status.queued.is_empty(), "answered: out of the queue");
    assert_eq!(status.refused.len(), 1, "not dropped silently");
    let refused = &status.refused[0];
    assert_eq!(refused.error.code, "cancel_too_late");
    assert_eq!(refused.booking_id, Some(id));
    assert_eq!(refused.applicant_name.as_deref(), Some("SITI AMINAH"));
    assert_eq!(server.cancels.load(Ordering::SeqCst), 0);

    // Still shown after a restart, until the user has seen it.
    let a = restart(a, dir.path());
    let status = a.write_queue();
    assert_eq!(status.refused.len(), 1);
    let key = status.refused[0].idempotency_key.clone();
    assert!(a.dismiss_refused_write(&key).unwrap().refused.is_empty());
    assert!(restart(a, dir.path()).write_queue().refused.is_empty());
}

#[tokio::test]
async fn signing_in_again_keeps_reminders_and_the_background_refresh_follows_the_status() {
    use crate::reminders::ReminderKind;
    let dir = tempfile::tempdir().unwrap();
    let a = app(dir.path());
    let server = a.backend_for_tests();
    server.add_account(ANI, OLD_PASSWORD);
    let mut unpaid = upcoming(0xd1);
    unpaid.status = BookingStatus::PendingPayment;
    unpaid.payment_deadline = chrono::Utc::now() + chrono::Duration::hours(2);
    server.bookings.lock().unwrap().push(unpaid);
    let now = chrono::Utc::now();
    let kinds = |a: &App<FakeServer>| {
        a.upcoming_reminders(now)
            .into_iter()
            .map(|r| r.kind)
            .collect::<Vec<_>>()
    };

    // Signing in plans the reminders at once (no page has to list the bookings first).
    sign_in(&a, OLD_PASSWORD).await.unwrap();
    assert_eq!(
        kinds(&a),
        [
            ReminderKind::PaymentDeadline,
            ReminderKind::EveningBefore,
            ReminderKind::MorningOf
        ]
    );
    // Signed out (everything forgotten on this device) and in again: the reminders are back.
    a.logout().await.unwrap();
    assert!(kinds(&a).is_empty());
    sign_in(&a, OLD_PASSWORD).await.unwrap();
    assert_eq!(kinds(&a).len(), 3, "signing in again keeps the reminders");
    // A restart keeps them too (they are on disk).
    let a = restart(a, dir.path());
    assert_eq!(kinds(&a).len(), 3);

    // Paid elsewhere (the bank): the background refresh drops "pay now".
    let server = a.backend_for_tests();
    server.bookings.lock().unwrap()[0].status = BookingStatus::Confirmed;
    a.background_sync(now).await;
    assert!(
        !kinds(&a).contains(&ReminderKind::PaymentDeadline),
        "a restarted app refreshes at once"
    );
    assert_eq!(kinds(&a).len(), 2);
    // Cancelled elsewhere: not asked again before 15 minutes, then no reminder is left.
    server.bookings.lock().unwrap()[0].status = BookingStatus::Cancelled;
    a.background_sync(a.now()).await;
    assert_eq!(kinds(&a).len(), 2, "not asked again within 15 minutes");
    a.background_sync(a.now() + crate::queue::BOOKINGS_REFRESH)
        .await;
    assert!(kinds(&a).is_empty(), "cancelled: no reminder");
}

#[tokio::test]
async fn a_pay_now_about_to_be_shown_is_checked_against_the_server_first() {
    use crate::reminders::ReminderKind;
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let server = a.backend_for_tests();
    let mut unpaid = upcoming(0xd2);
    unpaid.status = BookingStatus::PendingPayment;
    // "Pay now" fires 30 minutes before the deadline: 10 seconds from now.
    unpaid.payment_deadline =
        a.now() + crate::reminders::PAYMENT_LEAD + chrono::Duration::seconds(10);
    server.bookings.lock().unwrap().push(unpaid);
    a.bookings().await.unwrap();
    let fire = a.now() + chrono::Duration::seconds(10);
    assert_eq!(a.due_reminders(fire)[0].kind, ReminderKind::PaymentDeadline);
    // Paid a moment ago (the bank): the loop's next step asks before showing it, though the
    // last refresh is only a minute old.
    server.bookings.lock().unwrap()[0].status = BookingStatus::Confirmed;
    a.background_sync(a.now() + crate::queue::PAY_NOW_CHECK)
        .await;
    assert!(a.due_reminders(fire).is_empty(), "paid: no \"pay now\"");
    // Without a "pay now" coming, a minute-old status is not asked for again.
    server.bookings.lock().unwrap()[0].status = BookingStatus::Cancelled;
    a.background_sync(a.now() + crate::queue::PAY_NOW_CHECK * 2)
        .await;
    assert!(!a.upcoming_reminders(a.now()).is_empty(), "not asked again");
}

#[tokio::test]
async fn a_hajj_member_is_checked_on_the_device_fixed_in_place_and_waits_sealed_while_offline() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(dir.path()).with_capture_key(crate::sealed::tests::mock_entry());
    let mut roster = crate::roster_pdf::tests::roster();
    roster.drive.kind = antre_domain::outreach::DriveKind::Hajj;
    let drive = roster.drive.id;
    let member_id = Uuid::new_v4();
    let req = |name: &str| crate::types::CaptureRequest {
        member_id,
        name: name.into(),
        birth_date: "1960-02-02".into(),
        nik: "3275014202600001".into(),
        application_kind: ApplicationKind::New,
        phone: None,
    };
    assert_eq!(
        a.capture_offline(drive, req("Siti Aminah binti Ali"))
            .unwrap_err()
            .code,
        "not_signed_in"
    );
    let a = {
        drop(a);
        let a = signed_in(dir.path())
            .await
            .with_capture_key(crate::sealed::tests::mock_entry());
        a
    };
    // A drive never opened on this device: nothing to check the member against.
    assert_eq!(
        a.capture_offline(drive, req("Siti Aminah binti Ali"))
            .unwrap_err()
            .code,
        "no_cached_data"
    );
    a.keep_drive(&roster);
    // Two words for a hajj passport: refused here, with the message in the user's language.
    let short = a.capture_offline(drive, req("Siti Aminah")).unwrap();
    assert_eq!(
        short.outcome,
        Some(antre_api::drives::MemberOutcome::Invalid)
    );
    assert!(short.decided_on_device);
    assert_eq!(short.errors[0].field, "name");
    assert_eq!(short.errors[0].code, "hajj_name_too_short");
    assert_eq!(
        short.errors[0].message,
        a.localizer()
            .message(antre_i18n::Locale::Id, "error-hajj-name-too-short", &[])
    );
    // Fixed under the same id: it replaces the invalid one and waits to be sent.
    let fixed = a
        .capture_member(drive, req("Siti Aminah binti Ali"))
        .await
        .unwrap();
    assert_eq!(fixed.member.outcome, None, "no server: it waits");
    assert_eq!(fixed.member.name, "SITI AMINAH BINTI ALI");
    assert_eq!(fixed.member.nik_masked, "3275••••••••••01");
    assert_eq!(
        (
            fixed.status.captured,
            fixed.status.pending,
            fixed.status.sent
        ),
        (1, 1, 0)
    );
    assert_eq!(fixed.status.online, Some(false));
    assert!(a.captures_waiting());
    // A second tap on the same form captures nothing more.
    let again = a
        .capture_member(drive, req("Siti Aminah binti Ali"))
        .await
        .unwrap();
    assert_eq!(again.status.captured, 1);
    // Sealed: neither the NIK nor the name on the disk in the clear.
    let sealed = std::fs::read(dir.path().join("outreach-captures.sealed")).unwrap();
    for clear in ["3275014202600001", "SITI AMINAH"] {
        assert!(!sealed.windows(clear.len()).any(|w| w == clear.as_bytes()));
    }
    // Only members found invalid on the device can be removed.
    let kept = a.discard_capture(drive, member_id).unwrap();
    assert_eq!(kept.captured, 1);
}

#[tokio::test]
async fn a_nik_already_on_the_drive_is_refused_at_once_offline_and_waits_only_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path())
        .await
        .with_capture_key(crate::sealed::tests::mock_entry());
    // The drive as last seen online: Siti holds a place, her proof binding her NIK.
    let mut roster = crate::roster_pdf::tests::roster();
    let drive = roster.drive.id;
    let siti = "3275014202600001";
    roster.members[0] = crate::capture::tests::registered(siti);
    let on_roster = &roster.members[0];
    let siti_on_roster = (on_roster.name.clone(), on_roster.nik_masked.clone());
    a.keep_drive(&roster);
    let req = |member_id: Uuid, name: &str, birth: &str, nik: &str| crate::types::CaptureRequest {
        member_id,
        name: name.into(),
        birth_date: birth.into(),
        nik: nik.into(),
        application_kind: ApplicationKind::New,
        phone: None,
    };
    let refused = |e: AppError, (name, masked): (&str, &str)| {
        assert_eq!(e.code, "already_captured");
        assert_eq!(e.field.as_deref(), Some("nik"));
        let args = [
            ("name", antre_i18n::Arg::from(name)),
            ("nik", antre_i18n::Arg::from(masked)),
        ];
        assert_eq!(
            e.message,
            a.localizer()
                .message(antre_i18n::Locale::Id, "app-error-already-captured", &args)
        );
    };

    // On the roster: refused before any sync, with her name and masked NIK; nothing waits.
    let e = a
        .capture_member(
            drive,
            req(Uuid::new_v4(), "Siti Aminah", "1960-02-02", siti),
        )
        .await
        .unwrap_err();
    refused(e, (&siti_on_roster.0, &siti_on_roster.1));
    let status = a.capture_status(drive).unwrap();
    assert_eq!((status.captured, status.pending), (0, 0));

    // Captured here (no server: it waits), then the same NIK under another id: refused.
    let budi = "3275011505800002";
    let first = Uuid::new_v4();
    let kept = a
        .capture_member(drive, req(first, "Budi Santoso", "1980-05-15", budi))
        .await
        .unwrap();
    assert_eq!(kept.member.outcome, None);
    let e = a
        .capture_offline(drive, req(Uuid::new_v4(), "Budi S", "1980-05-15", budi))
        .unwrap_err();
    refused(e, ("BUDI SANTOSO", "3275••••••••••02"));
    // The same form sent again (the same id) is still the one capture, not a warning.
    let again = a
        .capture_offline(drive, req(first, "Budi Santoso", "1980-05-15", budi))
        .unwrap();
    assert_eq!(again.member_id, first);
    let status = a.capture_status(drive).unwrap();
    assert_eq!(
        (status.captured, status.pending),
        (1, 1),
        "one member waits"
    );
    // A typing error is still shown as such (the device checks the member first).
    let wrong = a
        .capture_offline(
            drive,
            req(Uuid::new_v4(), "Budi Santoso", "1981-05-15", budi),
        )
        .unwrap();
    assert_eq!(
        wrong.outcome,
        Some(antre_api::drives::MemberOutcome::Invalid)
    );
    // Another drive is another list: the same person may be captured there.
    let mut other = crate::roster_pdf::tests::roster();
    other.members.clear();
    a.keep_drive(&other);
    let elsewhere = a
        .capture_offline(
            other.drive.id,
            req(Uuid::new_v4(), "Budi Santoso", "1980-05-15", budi),
        )
        .unwrap();
    assert_eq!(elsewhere.outcome, None);
}

fn notice(id: i64) -> antre_api::disruptions::NotificationView {
    antre_api::disruptions::NotificationView {
        id,
        kind: antre_api::disruptions::NotificationKind::Disrupted,
        booking_id: None,
        disruption: None,
        title: format!("title {id}"),
        body: format!("body {id}"),
        created_at: crate::outcomes::tests::at("2026-12-04T08:00:00Z"),
        read: false,
    }
}

#[tokio::test]
async fn notices_are_polled_once_each_shown_once_and_asked_less_often_while_unreachable() {
    use crate::notifications::{MAX_BACKOFF, POLL_EVERY};
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    let server = a.backend_for_tests();
    let t0 = crate::outcomes::tests::at("2026-12-04T08:00:00Z");
    server.notices.lock().unwrap().push(notice(1));
    assert_eq!(a.poll_notifications(t0).await, 1);
    assert_eq!(a.notifications().len(), 1);
    assert_eq!(a.due_notices(t0).len(), 1, "one OS notification");
    a.mark_notice_delivered("server:1").unwrap();
    // Not due again before a minute; then only what is new.
    server.notices.lock().unwrap().push(notice(2));
    assert_eq!(
        a.poll_notifications(t0 + chrono::Duration::seconds(10))
            .await,
        0
    );
    let t1 = t0 + POLL_EVERY;
    assert_eq!(a.poll_notifications(t1).await, 1);
    assert_eq!(
        a.notifications().iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![2, 1],
        "newest first"
    );
    assert_eq!(a.due_notices(t1).len(), 1);
    // Unreachable: each failed poll waits longer (never more than the cap).
    server.offline.store(true, Ordering::SeqCst);
    let mut at = t1 + POLL_EVERY;
    let mut waits = Vec::new();
    for _ in 0..8 {
        let before = server.notice_reads.load(Ordering::SeqCst);
        a.poll_notifications(at).await;
        assert_eq!(server.notice_reads.load(Ordering::SeqCst), before + 1);
        let next = a.poll.lock().unwrap().next_at.unwrap();
        // Asking before then does nothing.
        a.poll_notifications(next - chrono::Duration::seconds(1))
            .await;
        assert_eq!(server.notice_reads.load(Ordering::SeqCst), before + 1);
        waits.push(next - at);
        at = next;
    }
    assert!(waits.iter().all(|w| *w <= MAX_BACKOFF && *w >= POLL_EVERY));
    assert!(waits[5] > waits[0], "{waits:?}");
    // Back: polled again, nothing lost, nothing twice.
    server.offline.store(false, Ordering::SeqCst);
    server.notices.lock().unwrap().push(notice(3));
    assert_eq!(a.poll_notifications(at).await, 1);
    assert_eq!(a.notifications().len(), 3);
}

#[tokio::test]
async fn the_chosen_language_reaches_the_server_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = signed_in(dir.path()).await;
    a.choose_locale(Some(crate::types::UiLocale::En))
        .await
        .unwrap();
    assert_eq!(*a.backend_for_tests().language.lock().unwrap(), "en");
    a.choose_locale(Some(crate::types::UiLocale::Id))
        .await
        .unwrap();
    assert_eq!(*a.backend_for_tests().language.lock().unwrap(), "id");
}

#[tokio::test]
async fn the_slip_is_offered_under_a_clear_free_name_saved_where_chosen_and_only_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    let downloads = dir.path().join("Downloads");
    let a = signed_in(dir.path()).await;
    let b = a
        .create_booking(request(), "key-slip".into())
        .await
        .unwrap();
    let offer = a.slip_save_offer(b.id, &downloads).await.unwrap();
    let name = format!("jadwal-antre-{}.pdf", b.date);
    assert_eq!(offer.path, downloads.join(&name));
    assert_eq!(offer.title, "Simpan slip jadwal (PDF)");
    assert_eq!(offer.filter, "Dokumen PDF");
    // Nothing saved yet: the page cannot have the app open that path, nor any other.
    assert_eq!(
        a.saved_file(&offer.path.display().to_string())
            .unwrap_err()
            .code,
        "storage"
    );
    let saved = a.save_slip(b.id, &offer.path).await.unwrap();
    assert_eq!(saved.path, offer.path.display().to_string());
    assert!(std::fs::read(&offer.path).unwrap().starts_with(b"%PDF-"));
    assert_eq!(a.saved_file(&saved.path).unwrap(), offer.path);
    assert!(a.saved_file("/etc/passwd").is_err());
    // Another person's slip for the same day is not written over unasked.
    let second = a.slip_save_offer(b.id, &downloads).await.unwrap();
    assert_eq!(
        second.path,
        downloads.join(format!("jadwal-antre-{} (2).pdf", b.date))
    );
    // Where the user chose, in the language chosen; works offline from the saved copy.
    a.set_locale(Some(crate::types::UiLocale::En)).unwrap();
    a.backend_for_tests().offline.store(true, Ordering::SeqCst);
    let english = a.slip_save_offer(b.id, &downloads).await.unwrap();
    assert_eq!(
        english.path,
        downloads.join(format!("antre-appointment-{}.pdf", b.date))
    );
    assert_eq!(english.title, "Save the appointment slip (PDF)");
    let chosen = dir.path().join("elsewhere").join("slip ibu.pdf");
    a.save_slip(b.id, &chosen).await.unwrap();
    assert!(std::fs::read(&chosen).unwrap().starts_with(b"%PDF-"));
    assert!(a.saved_file(&chosen.display().to_string()).is_ok());
}
