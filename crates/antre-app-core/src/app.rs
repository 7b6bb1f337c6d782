//! What the UI can ask for, one method per Tauri command. Holds the session, the settings, the
//! offline copy of the bookings, the outbox of sent-but-unanswered bookings and the reminders.
//! The draw and waitlist operations and the background check of their outcomes are in
//! [`crate::fair`]; codes, password reset, devices and account deletion in [`crate::accounts`].

use crate::accounts::{device_name, EndedRecord};
use crate::backend::{Backend, Ctx};
use crate::error::AppError;
use crate::nik::check_nik;
use crate::outcomes::{Notice, NoticeBook};
use crate::queue::QueuedWrite;
use crate::reminders::{QuotaRelease, Reminder, ReminderBook};
use crate::session::{Loaded, SessionVault, StoredSession};
use crate::settings::effective_locale;
use crate::slip::{qr_svg, slip_pdf};
use crate::store::JsonFile;
use crate::types::*;
use antre_api::accounts::{LoginRequest, RegisterRequest, RegisterResponse, VerifyRequest};
use antre_api::applicants::{ApplicantRequest, ApplicantView};
use antre_api::availability::{OfficeCalendar, SearchResult, SlotView};
use antre_api::bookings::{BookingView, CreateBookingRequest, FeeLineView, RegisteredProofKey};
use antre_api::offices::OfficeSummary;
use antre_api::Lane;
use antre_i18n::{Arg, Locale, Localizer};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use uuid::Uuid;

/// How often a request that got no answer is sent again (same idempotency key), and the pause
/// before each retry.
pub const RETRY_DELAYS_MS: &[u64] = &[400, 1200, 3000];

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CachedBookings {
    pub(crate) bookings: Vec<BookingView>,
    pub(crate) fetched_at: Option<DateTime<Utc>>,
}

pub struct AppConfig {
    pub server_url: String,
    pub data_dir: PathBuf,
    pub system_locale: Locale,
    pub platform: &'static str,
    pub retry_delays_ms: &'static [u64],
}

pub struct App<B: Backend> {
    pub(crate) backend: B,
    pub(crate) l10n: Arc<Localizer>,
    pub(crate) config: AppConfig,
    pub(crate) vault: SessionVault,
    settings: Mutex<Settings>,
    settings_file: JsonFile,
    pub(crate) bookings_file: JsonFile,
    proof_keys_file: JsonFile,
    /// Writes made offline, waiting to be sent (see [`crate::queue`]).
    pub(crate) outbox_file: JsonFile,
    pub(crate) outbox_lock: tokio::sync::Mutex<()>,
    /// Queued writes the server refused, kept until the user has seen them.
    pub(crate) refused_file: JsonFile,
    /// Whether the server answered the last request (`None`: nothing asked yet).
    pub(crate) reach: Mutex<Option<bool>>,
    /// When the bookings last came from the server in this run.
    pub(crate) last_refresh: Mutex<Option<DateTime<Utc>>>,
    reminders: Mutex<ReminderBook>,
    server_clock: Mutex<ServerClock>,
    /// The saved copy of the draw entries and places in line (`fair-release.json`).
    pub(crate) fair_file: JsonFile,
    /// Notices of draw outcomes and offers, to show as notifications (`notices.json`).
    pub(crate) notices: Mutex<NoticeBook>,
    /// When the background check last asked the server.
    pub(crate) last_watch: Mutex<Option<DateTime<Utc>>>,
    /// The offices, once fetched (their names in notices).
    pub(crate) offices_cache: Mutex<Vec<OfficeSummary>>,
    /// The session that ended without the user signing out here (`session-ended.json`): whose
    /// saved copy this device keeps readable until someone signs in.
    pub(crate) ended_file: JsonFile,
    /// Outreach: members captured on this device and the drives opened, sealed
    /// (`outreach-captures.sealed`, see [`crate::capture`]) under a key in the keyring.
    pub(crate) captures_file: crate::sealed::SealedFile,
    pub(crate) capture_key: crate::sealed::SealKey,
    pub(crate) capture_lock: Mutex<()>,
    pub(crate) capture_sync: tokio::sync::Mutex<()>,
    /// Members per request when sending captures ([`crate::capture::BATCH`]).
    pub(crate) capture_batch: usize,
    /// The server's notices seen (`notifications.json`) and when to ask again.
    pub(crate) inbox_file: JsonFile,
    pub(crate) poll: Mutex<crate::notifications::PollState>,
    /// The language last told to the server for this account (in this run).
    pub(crate) language_pushed: Mutex<Option<Locale>>,
    /// The files the user saved through this app in this run: the only ones it opens on request.
    saved_files: Mutex<Vec<PathBuf>>,
}

impl<B: Backend> App<B> {
    pub fn new(backend: B, vault: SessionVault, config: AppConfig) -> Self {
        let dir = config.data_dir.clone();
        let settings_file = JsonFile::new(&dir, "settings.json");
        let settings = settings_file
            .load()
            .map(Settings::upgraded)
            .unwrap_or_default();
        Self {
            backend,
            l10n: Arc::new(Localizer::new()),
            vault,
            settings: Mutex::new(settings),
            settings_file,
            bookings_file: JsonFile::new(&dir, "bookings.json"),
            proof_keys_file: JsonFile::new(&dir, "proof-keys.json"),
            outbox_file: JsonFile::new(&dir, "outbox.json"),
            outbox_lock: tokio::sync::Mutex::new(()),
            refused_file: JsonFile::new(&dir, "outbox-refused.json"),
            reach: Mutex::new(None),
            last_refresh: Mutex::new(None),
            reminders: Mutex::new(ReminderBook::open(JsonFile::new(&dir, "reminders.json"))),
            server_clock: Mutex::new(ServerClock {
                offset_ms: 0,
                synced: false,
            }),
            fair_file: JsonFile::new(&dir, "fair-release.json"),
            notices: Mutex::new(NoticeBook::open(JsonFile::new(&dir, "notices.json"))),
            last_watch: Mutex::new(None),
            offices_cache: Mutex::new(Vec::new()),
            ended_file: JsonFile::new(&dir, "session-ended.json"),
            captures_file: crate::capture::captures_file(&dir),
            capture_key: crate::sealed::SealKey::platform(crate::sealed::CAPTURE_KEY_USER),
            capture_lock: Mutex::new(()),
            capture_sync: tokio::sync::Mutex::new(()),
            capture_batch: crate::capture::BATCH,
            inbox_file: JsonFile::new(&dir, "notifications.json"),
            poll: Mutex::new(Default::default()),
            language_pushed: Mutex::new(None),
            saved_files: Mutex::new(Vec::new()),
            config,
        }
    }

    /// The keyring entry holding the key of sealed files (tests: the keyring's mock store, or
    /// a store of their own shared by processes); the platform keyring by default.
    pub fn with_capture_key(mut self, entry: keyring::Entry) -> Self {
        self.capture_key = crate::sealed::SealKey::with_entry(entry);
        self
    }

    /// Sends captures `n` at a time (tests: many small batches, to cut a sync in the middle).
    pub fn with_capture_batch(mut self, n: usize) -> Self {
        self.capture_batch = n.clamp(1, 100);
        self
    }

    #[cfg(test)]
    pub(crate) fn backend_for_tests(&self) -> &B {
        &self.backend
    }

    pub fn localizer(&self) -> &Localizer {
        &self.l10n
    }

    pub fn data_dir(&self) -> &Path {
        &self.config.data_dir
    }

    pub fn locale(&self) -> Locale {
        effective_locale(
            &self.settings.lock().expect("settings"),
            self.config.system_locale,
        )
    }

    /// Now by the server's clock (the device's clock until the server has answered once).
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::milliseconds(self.server_clock().offset_ms)
    }

    pub(crate) fn today_in_indonesia(&self) -> NaiveDate {
        self.now()
            .with_timezone(&chrono_tz::Asia::Jakarta)
            .date_naive()
    }

    pub fn server_clock(&self) -> ServerClock {
        *self.server_clock.lock().expect("server clock")
    }

    /// The session in the vault; one that just reached its absolute end is noted as ended.
    pub(crate) fn current_session(&self) -> Option<StoredSession> {
        match self.vault.load_checked(self.now()) {
            Loaded::Active(s) => Some(s),
            Loaded::None => None,
            Loaded::Expired(s) => {
                self.note_ended(&s, crate::types::SessionEndReason::Expired);
                None
            }
        }
    }

    pub(crate) fn ctx(&self) -> Ctx {
        let token = self.current_session().map(|s| s.token);
        Ctx {
            token,
            locale: self.locale(),
        }
    }

    pub(crate) fn authed(&self) -> Result<Ctx, AppError> {
        let ctx = self.ctx();
        if ctx.token.is_none() {
            return Err(AppError::not_signed_in());
        }
        Ok(ctx)
    }

    /// Runs a request, retrying only when no answer came back.
    pub(crate) async fn retry<T, F, Fut>(&self, mut f: F) -> Result<T, AppError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, AppError>>,
    {
        let mut delays = self.config.retry_delays_ms.iter();
        loop {
            match f().await {
                Err(e) if e.is_network() => match delays.next() {
                    Some(ms) => tokio::time::sleep(Duration::from_millis(*ms)).await,
                    None => {
                        self.note_reach::<()>(&Err(e.clone()));
                        return Err(e);
                    }
                },
                other => {
                    self.note_reach(&other);
                    return self.forget_rejected_session(other);
                }
            }
        }
    }

    /// Remembers whether the server answered (any answer, yes or no, means it is reachable).
    pub(crate) fn note_reach<T>(&self, result: &Result<T, AppError>) {
        let answered = !matches!(result, Err(e) if e.is_network());
        *self.reach.lock().expect("reach") = Some(answered);
    }

    /// A write that is not queued: sent with the retries of [`Self::retry`] (an answer lost on
    /// the way back is recognised, as for every write), and refused with `offline_write` when no
    /// answer comes: the user is told it was not sent and is not kept.
    pub(crate) async fn write_or_refuse<T, F, Fut>(&self, f: F) -> Result<T, AppError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, AppError>>,
    {
        self.retry(f).await.map_err(|e| {
            if e.is_network() {
                AppError::offline_write()
            } else {
                e
            }
        })
    }

    /// A token the server no longer accepts (signed out elsewhere, a password reset, unused for
    /// 30 days) is dropped from the keyring, so the next start asks to sign in instead of failing
    /// every call. The saved copy stays readable (see [`crate::accounts`]).
    pub(crate) fn forget_rejected_session<T>(
        &self,
        result: Result<T, AppError>,
    ) -> Result<T, AppError> {
        if matches!(&result, Err(e) if e.code == "unauthorized") {
            if let Some(s) = self.vault.load(self.now()) {
                self.note_ended(&s, crate::types::SessionEndReason::Rejected);
            }
            self.vault.clear();
        }
        result
    }

    /// Remembers whose session ended (not the token), for the sign-in page to say so and for the
    /// saved copy to stay readable until someone signs in.
    pub(crate) fn note_ended(&self, s: &StoredSession, reason: crate::types::SessionEndReason) {
        let _ = self.ended_file.save(&EndedRecord {
            account_id: s.account.id,
            email: s.account.email.clone(),
            ended_at: self.now(),
            reason,
        });
    }

    // ---- settings ---------------------------------------------------------------------------

    pub fn info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            server_url: self.config.server_url.clone(),
            locale: self.locale().into(),
            settings: self.settings.lock().expect("settings").clone(),
            keyring_available: self.vault.persistent(),
            platform: self.config.platform.to_owned(),
        }
    }

    fn update_settings(&self, f: impl FnOnce(&mut Settings)) -> Result<AppInfo, AppError> {
        {
            let mut s = self.settings.lock().expect("settings");
            f(&mut s);
            self.settings_file.save(&*s)?;
        }
        Ok(self.info())
    }

    /// Switches the language (`None`: follow the system) and rewrites pending reminders in it.
    pub fn set_locale(&self, locale: Option<UiLocale>) -> Result<AppInfo, AppError> {
        let info = self.update_settings(|s| s.locale = locale)?;
        let cached: CachedBookings = self.bookings_file.load().unwrap_or_default();
        self.replan_reminders(&cached.bookings, true)?;
        Ok(info)
    }

    pub fn set_text_size(&self, size: TextSize) -> Result<AppInfo, AppError> {
        self.update_settings(|s| s.text_size = size)
    }

    /// Records the choice to start at login (the shell registers it with the OS first); a
    /// choice also answers the one-time offer.
    pub fn set_start_at_login(&self, enabled: bool) -> Result<AppInfo, AppError> {
        self.update_settings(|s| {
            s.start_at_login = enabled;
            s.start_at_login_offered = true;
        })
    }

    /// "Not now" to the offer to start at login: it is not asked again (Settings still has it).
    pub fn dismiss_start_at_login_offer(&self) -> Result<AppInfo, AppError> {
        self.update_settings(|s| s.start_at_login_offered = true)
    }

    /// Whether the server answers; each answer also sets the server clock's offset (half the
    /// round trip is taken as the way back).
    pub async fn ping(&self) -> bool {
        let sent = Utc::now();
        let Ok(server_now) = self.backend.server_time().await else {
            *self.reach.lock().expect("reach") = Some(false);
            return false;
        };
        *self.reach.lock().expect("reach") = Some(true);
        let received = Utc::now();
        let local_mid = sent + (received - sent) / 2;
        *self.server_clock.lock().expect("server clock") = ServerClock {
            offset_ms: (server_now - local_mid).num_milliseconds(),
            synced: true,
        };
        true
    }

    /// The server clock's offset, asked of the server anew (the last known offset when it does
    /// not answer). Called when the window opens and when the connection comes back.
    pub async fn sync_server_clock(&self) -> ServerClock {
        self.ping().await;
        self.server_clock()
    }

    // ---- accounts ---------------------------------------------------------------------------

    pub async fn register(&self, req: RegisterRequest) -> Result<RegisterResponse, AppError> {
        let r = self.backend.register(&self.ctx(), &req).await;
        self.note_reach(&r);
        r
    }

    pub async fn verify(&self, req: VerifyRequest) -> Result<(), AppError> {
        let r = self.backend.verify(&self.ctx(), &req).await;
        self.note_reach(&r);
        r
    }

    /// Signs in, naming this device ("Antre di Linux") unless the request names it. The saved
    /// copy of the account whose session ended here is kept when the same account signs in
    /// again (its outbox of unanswered bookings too); another account starts clean.
    pub async fn login(&self, mut req: LoginRequest) -> Result<SessionInfo, AppError> {
        if req.device.as_deref().is_none_or(|d| d.trim().is_empty()) {
            req.device = Some(device_name(&self.l10n, self.locale(), std::env::consts::OS));
        }
        let res = self.backend.login(&self.ctx(), &req).await;
        self.note_reach(&res);
        let res = res?;
        let previous = self
            .current_session()
            .map(|s| s.account.id)
            .or_else(|| self.ended_record().map(|e| e.account_id));
        let stored = StoredSession {
            token: res.token,
            expires_at: res.expires_at,
            absolute_expires_at: Some(res.absolute_expires_at),
            account: res.account,
        };
        let persisted = self.vault.save(&stored);
        if previous != Some(stored.account.id) {
            // Another account's cache must not show: start clean.
            self.forget_personal_data();
        }
        self.ended_file.remove();
        // The bookings at once (not when a page asks for them): the reminders are planned again
        // and what was queued offline for this account is sent.
        let _ = self.bookings().await;
        Ok(SessionInfo {
            account: stored.account,
            expires_at: stored.expires_at,
            persisted,
        })
    }

    pub fn restore_session(&self) -> Option<SessionInfo> {
        self.current_session().map(|s| SessionInfo {
            account: s.account,
            expires_at: s.expires_at,
            persisted: self.vault.persistent(),
        })
    }

    pub async fn logout(&self) -> Result<(), AppError> {
        if let Ok(ctx) = self.authed() {
            // Best effort: an offline sign-out still forgets everything on this device.
            let _ = self.backend.logout(&ctx).await;
        }
        self.vault.clear();
        self.forget_personal_data();
        Ok(())
    }

    /// Everything of the account on this device: the saved copies, the outbox, reminders and
    /// notices, and the note of an ended session.
    pub(crate) fn forget_personal_data(&self) {
        self.ended_file.remove();
        self.bookings_file.remove();
        self.outbox_file.remove();
        self.refused_file.remove();
        self.fair_file.remove();
        self.reminders.lock().expect("reminders").clear();
        self.notices.lock().expect("notices").clear();
        *self.last_watch.lock().expect("last watch") = None;
        *self.last_refresh.lock().expect("last refresh") = None;
        self.inbox_file.remove();
        *self.poll.lock().expect("poll") = Default::default();
        *self.language_pushed.lock().expect("language") = None;
    }

    // ---- applicants -------------------------------------------------------------------------

    pub fn check_nik(&self, nik: &str, birth_date: Option<NaiveDate>) -> NikCheck {
        check_nik(nik, birth_date, self.today_in_indonesia())
    }

    pub async fn applicants(&self) -> Result<Vec<ApplicantView>, AppError> {
        let ctx = self.authed()?;
        self.retry(|| self.backend.applicants(&ctx)).await
    }

    pub async fn add_applicant(&self, req: ApplicantRequest) -> Result<ApplicantView, AppError> {
        let ctx = self.authed()?;
        self.write_or_refuse(|| self.backend.add_applicant(&ctx, &req))
            .await
    }

    /// Changes an applicant; the server checks it as it checks a new one. Not queued offline:
    /// the answer (a NIK bound to a booking, a duplicate) is needed at once.
    pub async fn update_applicant(
        &self,
        id: Uuid,
        req: ApplicantRequest,
    ) -> Result<ApplicantView, AppError> {
        let r = self
            .backend
            .update_applicant(&self.authed()?, id, &req)
            .await;
        self.forget_rejected_session(r)
    }

    pub async fn delete_applicant(&self, id: Uuid) -> Result<(), AppError> {
        let ctx = self.authed()?;
        self.write_or_refuse(|| self.backend.delete_applicant(&ctx, id))
            .await
    }

    // ---- finding a slot ---------------------------------------------------------------------

    pub async fn offices(&self) -> Result<Vec<OfficeSummary>, AppError> {
        let ctx = self.ctx();
        let offices = self.retry(|| self.backend.offices(&ctx)).await?;
        *self.offices_cache.lock().expect("offices") = offices.clone();
        Ok(offices)
    }

    pub async fn search(&self, params: SearchParams) -> Result<SearchResult, AppError> {
        let ctx = self.ctx();
        self.retry(|| self.backend.search(&ctx, &params)).await
    }

    pub async fn calendar(
        &self,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<OfficeCalendar, AppError> {
        let ctx = self.ctx();
        self.retry(|| self.backend.calendar(&ctx, office, from, to))
            .await
    }

    pub async fn slots(
        &self,
        office: &str,
        date: NaiveDate,
        lane: Option<Lane>,
    ) -> Result<Vec<SlotView>, AppError> {
        let ctx = self.ctx();
        self.retry(|| self.backend.slots(&ctx, office, date, lane))
            .await
    }

    /// The official fee and the documents for a choice, before booking (same tables as the server).
    pub fn fee_preview(&self, req: FeePreviewRequest) -> FeePreview {
        let fee = antre_domain::fees::official_fee(
            req.passport_kind,
            req.validity,
            req.application_kind,
            req.lane == Lane::SameDay,
        );
        FeePreview {
            total: fee.total(),
            lines: fee
                .lines
                .iter()
                .map(|l| FeeLineView {
                    item: l.item.to_owned(),
                    rupiah: l.rupiah,
                })
                .collect(),
            documents: antre_domain::documents::documents_to_bring(req.application_kind, req.age)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            passport_kinds: if req.electronic_offered {
                vec![
                    antre_api::PassportKind::Ordinary,
                    antre_api::PassportKind::Electronic,
                ]
            } else {
                vec![antre_api::PassportKind::Ordinary]
            },
            validities: antre_domain::fees::validities_for(req.age, req.married),
            parents_attend: antre_domain::documents::parents_attend(req.age),
        }
    }

    // ---- bookings ---------------------------------------------------------------------------

    pub(crate) fn remember(&self, booking: &BookingView) -> Result<(), AppError> {
        let mut cached: CachedBookings = self.bookings_file.load().unwrap_or_default();
        match cached.bookings.iter_mut().find(|b| b.id == booking.id) {
            Some(old) => *old = booking.clone(),
            None => cached.bookings.push(booking.clone()),
        }
        self.bookings_file.save(&cached)?;
        self.replan_reminders(std::slice::from_ref(booking), false)
    }

    /// Re-plans the reminders of `bookings` in the current language; `complete` says the list
    /// is all the account's bookings (so reminders of bookings not in it are dropped).
    fn replan_reminders(&self, bookings: &[BookingView], complete: bool) -> Result<(), AppError> {
        self.reminders.lock().expect("reminders").replan(
            bookings,
            &self.l10n,
            self.locale(),
            complete,
        )
    }

    /// Books a slot. The key is chosen by the UI when the form opens and kept in the queue until
    /// the server has answered: a retry (now, after a restart, or from the queue once the server
    /// answers again) can never book twice. No answer: `queued_offline` (it is sent later).
    pub async fn create_booking(
        &self,
        req: CreateBookingRequest,
        idempotency_key: String,
    ) -> Result<BookingView, AppError> {
        let ctx = self.authed()?;
        let _guard = self.outbox_lock.lock().await;
        self.enqueue(
            QueuedWrite::Booking(req.clone()),
            Some(idempotency_key.clone()),
        )?;
        let result = self
            .retry(|| self.backend.create_booking(&ctx, &req, &idempotency_key))
            .await;
        self.settle(&idempotency_key, &result)?;
        let booking = result.map_err(|e| {
            if e.is_network() {
                AppError::queued_offline()
            } else {
                e
            }
        })?;
        self.remember(&booking)?;
        self.learn_proof_keys(&ctx, [&booking]).await;
        Ok(booking)
    }

    /// The bookings from the server, or the saved copy when it cannot be reached.
    pub async fn bookings(&self) -> Result<BookingsSnapshot, AppError> {
        let ctx = self.authed()?;
        self.send_queued_writes().await;
        match self.retry(|| self.backend.bookings(&ctx)).await {
            Ok(bookings) => {
                *self.last_refresh.lock().expect("last refresh") = Some(self.now());
                let cached = CachedBookings {
                    bookings,
                    fetched_at: Some(self.now()),
                };
                self.bookings_file.save(&cached)?;
                self.replan_reminders(&cached.bookings, true)?;
                self.learn_proof_keys(&ctx, &cached.bookings).await;
                Ok(BookingsSnapshot {
                    bookings: cached.bookings,
                    fetched_at: cached.fetched_at,
                    offline: false,
                    pending: self.outbox().len() as u32,
                })
            }
            Err(e) if e.is_network() => {
                let cached: CachedBookings = self.bookings_file.load().unwrap_or_default();
                Ok(BookingsSnapshot {
                    bookings: cached.bookings,
                    fetched_at: cached.fetched_at,
                    offline: true,
                    pending: self.outbox().len() as u32,
                })
            }
            Err(e) => Err(e),
        }
    }

    pub(crate) fn cached_booking(&self, id: Uuid) -> Option<BookingView> {
        let cached: CachedBookings = self.bookings_file.load()?;
        cached.bookings.into_iter().find(|b| b.id == id)
    }

    /// The office desk's day (staff of `office`; the server checks who may).
    pub async fn desk_day(
        &self,
        office: &str,
        date: Option<NaiveDate>,
    ) -> Result<antre_api::desk::DeskDay, AppError> {
        let ctx = self.authed()?;
        self.retry(|| self.backend.desk_day(&ctx, office, date))
            .await
    }

    /// An office's results over time: ratings per week or per calendar month (`period`) and
    /// integrity reports from `from` to `to` (staff of `office`, its head, admins; the server
    /// checks who may and never names a reporter to the office).
    pub async fn office_feedback(
        &self,
        office: &str,
        from: NaiveDate,
        to: NaiveDate,
        period: antre_api::feedback::FeedbackPeriod,
    ) -> Result<antre_api::feedback::OfficeFeedback, AppError> {
        let ctx = self.authed()?;
        self.retry(|| self.backend.office_feedback(&ctx, office, from, to, period))
            .await
    }

    /// Check-in at the desk by the proof's code (scanned or typed) and the e-KTP's NIK.
    pub async fn desk_check_in(
        &self,
        office: &str,
        proof: &str,
        nik: Option<String>,
    ) -> Result<antre_api::desk::DeskEntry, AppError> {
        let ctx = self.authed()?;
        let nik = nik.filter(|n| !n.trim().is_empty());
        self.backend
            .desk_check_in(&ctx, office, proof.trim(), nik.as_deref())
            .await
    }

    /// A priority walk-in; `idempotency_key` is the form's own, so a retry is the same walk-in.
    pub async fn walk_in(
        &self,
        office: &str,
        req: antre_api::desk::WalkInRequest,
        idempotency_key: &str,
    ) -> Result<antre_api::desk::DeskEntry, AppError> {
        let ctx = self.authed()?;
        self.retry(|| self.backend.walk_in(&ctx, office, &req, idempotency_key))
            .await
    }

    /// Releases an event site of the office (its head; the server checks who may). Not
    /// retried: a lost answer is seen in the office's list (a second release of the same
    /// name and day is refused).
    pub async fn create_event_site(
        &self,
        office: &str,
        req: antre_api::desk::EventSiteRequest,
    ) -> Result<antre_api::desk::EventSiteView, AppError> {
        let ctx = self.authed()?;
        self.backend.create_event_site(&ctx, office, &req).await
    }

    /// The office's outreach drives.
    pub async fn drives(
        &self,
        office: &str,
    ) -> Result<Vec<antre_api::drives::DriveView>, AppError> {
        let ctx = self.authed()?;
        self.retry(|| self.backend.drives(&ctx, office)).await
    }

    pub async fn create_drive(
        &self,
        office: &str,
        req: antre_api::drives::DriveRequest,
    ) -> Result<antre_api::drives::DriveView, AppError> {
        let ctx = self.authed()?;
        self.backend.create_drive(&ctx, office, &req).await
    }

    /// A drive with its members, their outcomes and proofs; kept on the device (sealed) and
    /// shown from there when the server cannot be reached.
    pub async fn drive(&self, id: Uuid) -> Result<antre_api::drives::DriveRoster, AppError> {
        let ctx = self.authed()?;
        match self.retry(|| self.backend.drive(&ctx, id)).await {
            Ok(roster) => {
                self.keep_drive(&roster);
                Ok(roster)
            }
            Err(e) if e.is_network() => self.saved_drive(id).ok_or(e),
            Err(e) => Err(e),
        }
    }

    /// Members with ids chosen here: retried safely, nobody registered twice.
    pub async fn add_members(
        &self,
        id: Uuid,
        req: antre_api::drives::AddMembersRequest,
    ) -> Result<antre_api::drives::AddMembersResult, AppError> {
        let ctx = self.authed()?;
        self.retry(|| self.backend.add_members(&ctx, id, &req))
            .await
    }

    /// The leader's list as read from the file (sent as it is: the server reads it).
    pub async fn import_members(
        &self,
        id: Uuid,
        file: Vec<u8>,
    ) -> Result<crate::types::ImportAnswer, AppError> {
        let ctx = self.authed()?;
        self.retry(|| self.backend.import_members(&ctx, id, file.clone()))
            .await
    }

    /// Saves the drive's members as a CSV file a spreadsheet opens into `dir`.
    pub async fn export_members(&self, id: Uuid, dir: &Path) -> Result<ExportResult, AppError> {
        let ctx = self.authed()?;
        let file = self.retry(|| self.backend.export_members(&ctx, id)).await?;
        std::fs::create_dir_all(dir).map_err(AppError::storage)?;
        let path = dir.join(format!("antre-drive-{id}.csv"));
        std::fs::write(&path, file).map_err(AppError::storage)?;
        Ok(ExportResult {
            path: path.display().to_string(),
        })
    }

    pub async fn hajj_check(
        &self,
        id: Uuid,
        file: Vec<u8>,
    ) -> Result<crate::types::HajjAnswer, AppError> {
        let ctx = self.authed()?;
        self.retry(|| self.backend.hajj_check(&ctx, id, file.clone()))
            .await
    }

    /// No-show marking at the end of the day.
    pub async fn no_show_sweep(
        &self,
        office: &str,
        date: NaiveDate,
    ) -> Result<antre_api::staff::NoShowSweepResult, AppError> {
        let ctx = self.authed()?;
        self.backend.no_show_sweep(&ctx, office, date).await
    }

    /// One booking; the saved copy (with its QR proof) when offline.
    pub async fn booking(&self, id: Uuid) -> Result<BookingView, AppError> {
        let ctx = self.authed()?;
        match self.retry(|| self.backend.booking(&ctx, id)).await {
            Ok(b) => {
                self.remember(&b)?;
                self.learn_proof_keys(&ctx, [&b]).await;
                Ok(b)
            }
            Err(e) if e.is_network() => self.cached_booking(id).ok_or(e),
            Err(e) => Err(e),
        }
    }

    pub async fn reschedule(&self, id: Uuid, slot_id: i64) -> Result<BookingView, AppError> {
        let ctx = self.authed()?;
        let b = self
            .write_or_refuse(|| self.backend.reschedule(&ctx, id, slot_id))
            .await;
        // A lost answer to a reschedule that did happen shows up as "limit reached" on the retry:
        // fetch the booking to tell.
        let b = match b {
            Err(e) if e.code == "reschedule_limit_reached" => {
                match self.backend.booking(&ctx, id).await {
                    Ok(current) if current.slot_id == slot_id => Ok(current),
                    _ => Err(e),
                }
            }
            other => other,
        }?;
        self.remember(&b)?;
        Ok(b)
    }

    /// Reconfirms attendance where the office asks for it (repeating it changes nothing).
    pub async fn confirm_attendance(&self, id: Uuid) -> Result<BookingView, AppError> {
        let ctx = self.authed()?;
        let b = self
            .write_or_refuse(|| self.backend.confirm_attendance(&ctx, id))
            .await?;
        self.remember(&b)?;
        Ok(b)
    }

    /// Cancels. No answer from the server: the cancel is queued (one per booking, with its own
    /// key) and sent once the server answers again; the answer is then `queued_offline`.
    pub async fn cancel(&self, id: Uuid) -> Result<BookingView, AppError> {
        let ctx = self.authed()?;
        let _guard = self.outbox_lock.lock().await;
        match self.send_cancel(&ctx, id, true).await {
            Err(e) if e.is_network() => {
                self.enqueue(QueuedWrite::Cancel { booking_id: id }, None)?;
                Err(AppError::queued_offline())
            }
            other => {
                let b = self.forget_rejected_session(other)?;
                self.remember(&b)?;
                Ok(b)
            }
        }
    }

    /// Saves the booking's calendar file (from the server, texts in the user's language) into
    /// `dir` and returns its path, for the system calendar to open.
    pub async fn export_ics(&self, id: Uuid, dir: &Path) -> Result<ExportResult, AppError> {
        let ctx = self.authed()?;
        let ics = self.retry(|| self.backend.calendar_ics(&ctx, id)).await?;
        let path = dir.join(format!("antre-{id}.ics"));
        std::fs::create_dir_all(dir).map_err(AppError::storage)?;
        std::fs::write(&path, ics).map_err(AppError::storage)?;
        Ok(ExportResult {
            path: path.display().to_string(),
        })
    }

    /// What the save dialog offers for the slip, in the user's language: a clear name in `dir`
    /// (the Downloads folder) not taken yet ("jadwal-antre-2026-12-15.pdf", then
    /// "jadwal-antre-2026-12-15 (2).pdf" for a second person that day), the dialog's title and
    /// the name of its file filter. Works offline from the saved copy.
    pub async fn slip_save_offer(&self, id: Uuid, dir: &Path) -> Result<SaveOffer, AppError> {
        let b = self.booking(id).await?;
        let locale = self.locale();
        let base = self.l10n.message(
            locale,
            "app-slip-file-name",
            &[("date", Arg::from(b.date.to_string()))],
        );
        Ok(SaveOffer {
            path: free_file_name(dir, &base, "pdf"),
            title: self.l10n.message(locale, "app-slip-save-title", &[]),
            filter: self.l10n.message(locale, "app-slip-file-filter", &[]),
        })
    }

    /// Writes the printable slip (PDF, in the user's language) to `file` (where the user chose,
    /// or the offer's path when no dialog can be shown); works offline from the saved copy.
    pub async fn save_slip(&self, id: Uuid, file: &Path) -> Result<ExportResult, AppError> {
        let b = self.booking(id).await?;
        let pdf = slip_pdf(&b, &self.l10n, self.locale()).map_err(AppError::storage)?;
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(AppError::storage)?;
        }
        std::fs::write(file, pdf).map_err(AppError::storage)?;
        self.saved_files
            .lock()
            .expect("saved files")
            .push(file.to_path_buf());
        Ok(ExportResult {
            path: file.display().to_string(),
        })
    }

    /// `path` if the user saved it through this app in this run (and it is still there): the
    /// app opens no other file on the page's request.
    pub fn saved_file(&self, path: &str) -> Result<PathBuf, AppError> {
        let path = PathBuf::from(path);
        if self
            .saved_files
            .lock()
            .expect("saved files")
            .contains(&path)
            && path.is_file()
        {
            Ok(path)
        } else {
            Err(AppError::storage("not a file saved by this app"))
        }
    }

    fn saved_proof_keys(&self) -> Vec<RegisteredProofKey> {
        self.proof_keys_file.load().unwrap_or_default()
    }

    /// Saves the server's proof keys when one of `bookings`' proofs names a key not saved yet
    /// (the first proof, or a key the server rotated to), so the QR is checked offline later.
    /// Called with what the server just sent: the app is online.
    async fn learn_proof_keys<'b>(
        &self,
        ctx: &Ctx,
        bookings: impl IntoIterator<Item = &'b BookingView>,
    ) {
        let saved = self.saved_proof_keys();
        let names_unknown_key = bookings
            .into_iter()
            .filter_map(|b| antre_proof::claimed_key_id(b.proof.as_deref()?).ok())
            .any(|kid| !saved.iter().any(|k| k.kid == kid));
        if names_unknown_key {
            if let Ok(keys) = self.backend.proof_keys(ctx).await {
                let _ = self.proof_keys_file.save(&keys);
            }
        }
    }

    /// The QR code of a proof, checked offline against the saved key its kid names.
    pub fn proof_qr(&self, proof: &str) -> Result<ProofQr, AppError> {
        let svg = qr_svg(proof).ok_or_else(|| AppError::new("invalid_proof", "cannot encode"))?;
        let verified = match antre_proof::claimed_key_id(proof) {
            Err(_) => Some(false),
            Ok(kid) => self
                .saved_proof_keys()
                .into_iter()
                .find(|k| k.kid == kid)
                .map(|k| {
                    antre_proof::decode_public_key(&k.public_key)
                        .and_then(|key| antre_proof::verify(&key, proof))
                        .is_ok()
                }),
        };
        Ok(ProofQr { svg, verified })
    }

    // ---- reminders --------------------------------------------------------------------------

    pub fn due_reminders(&self, now: DateTime<Utc>) -> Vec<Reminder> {
        self.reminders.lock().expect("reminders").due(now)
    }

    pub fn upcoming_reminders(&self, now: DateTime<Utc>) -> Vec<Reminder> {
        self.reminders.lock().expect("reminders").upcoming(now)
    }

    pub fn mark_delivered(&self, id: &str) -> Result<(), AppError> {
        self.reminders.lock().expect("reminders").mark_delivered(id)
    }

    /// A reminder at the instant the quota of an office's days opens (the calendar shows those
    /// days as "kuota dibuka …"). Returns the quota reminders still to come.
    pub async fn remind_at_release(
        &self,
        office_id: &str,
        release_at: DateTime<Utc>,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<QuotaRelease>, AppError> {
        let cached = self.offices_cache.lock().expect("offices").clone();
        let offices = if cached.iter().any(|o| o.id == office_id) {
            cached
        } else {
            self.offices().await?
        };
        let office = offices
            .into_iter()
            .find(|o| o.id == office_id)
            .ok_or_else(|| AppError::new("not_found", "no such office"))?;
        let q = QuotaRelease {
            office_id: office.id,
            office_name: office.name,
            time_zone: office.time_zone,
            release_at,
            first,
            last,
        };
        let mut book = self.reminders.lock().expect("reminders");
        book.add_quota(&q, &self.l10n, self.locale())?;
        Ok(book.quota_reminders(self.now()))
    }

    /// The quota reminders still to come.
    pub fn release_reminders(&self) -> Vec<QuotaRelease> {
        self.reminders
            .lock()
            .expect("reminders")
            .quota_reminders(self.now())
    }

    // ---- notices of the fair release (see crate::fair) ----------------------------------------

    /// Notices of draw outcomes and offers to show now.
    pub fn due_notices(&self, now: DateTime<Utc>) -> Vec<Notice> {
        self.notices.lock().expect("notices").due(now)
    }

    pub fn mark_notice_delivered(&self, id: &str) -> Result<(), AppError> {
        self.notices.lock().expect("notices").mark_delivered(id)
    }
}

/// `dir/base.ext`, or `dir/base (2).ext`, `(3)`… when taken: a file the user saved before (the
/// slip of another person booked for the same day) is not overwritten unasked.
pub fn free_file_name(dir: &Path, base: &str, ext: &str) -> PathBuf {
    let first = dir.join(format!("{base}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{base} ({n}).{ext}")))
        .find(|p| !p.exists())
        .expect("a free name")
}
