//! The app against an in-memory server that can lose answers or be unreachable: nothing is lost
//! and nothing is done twice.

use crate::app::{App, AppConfig};
use crate::backend::{Backend, Ctx, R};
use crate::reminders::tests::booking;
use crate::session::SessionVault;
use crate::types::SearchParams;
use crate::AppError;
use antre_api::accounts::*;
use antre_api::applicants::{ApplicantRequest, ApplicantView};
use antre_api::availability::{OfficeCalendar, SearchHit, SlotView};
use antre_api::bookings::{BookingView, CreateBookingRequest, RegisteredProofKey};
use antre_api::offices::OfficeSummary;
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Mutex;
use uuid::Uuid;

#[derive(Default)]
struct FakeServer {
    offline: AtomicBool,
    /// How many answers to writes to lose after doing the work (the request reached the server).
    lose_answers: AtomicU32,
    bookings: Mutex<Vec<BookingView>>,
    keys: Mutex<HashMap<String, Uuid>>,
    proof_keys: Mutex<Vec<RegisteredProofKey>>,
    /// How often the app asked for the proof keys.
    proof_key_fetches: AtomicU32,
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
    async fn verify(&self, _: &Ctx, _: &VerifyRequest) -> R<()> {
        nope()
    }
    async fn login(&self, _: &Ctx, req: &LoginRequest) -> R<SessionResponse> {
        self.reach()?;
        Ok(SessionResponse {
            token: "tok".into(),
            expires_at: chrono::Utc::now() + chrono::Duration::hours(8),
            absolute_expires_at: chrono::Utc::now() + chrono::Duration::days(90),
            account: AccountView {
                id: Uuid::nil(),
                email: req.email.clone(),
                phone: "+62812".into(),
                role: Role::Applicant,
                office_id: None,
                email_verified: true,
                phone_verified: false,
            },
        })
    }
    async fn logout(&self, _: &Ctx) -> R<()> {
        Ok(())
    }
    async fn applicants(&self, _: &Ctx) -> R<Vec<ApplicantView>> {
        nope()
    }
    async fn add_applicant(&self, _: &Ctx, _: &ApplicantRequest) -> R<ApplicantView> {
        nope()
    }
    async fn delete_applicant(&self, _: &Ctx, _: Uuid) -> R<()> {
        nope()
    }
    async fn offices(&self, _: &Ctx) -> R<Vec<OfficeSummary>> {
        nope()
    }
    async fn search(&self, _: &Ctx, _: &SearchParams) -> R<Vec<SearchHit>> {
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
    async fn bookings(&self, _: &Ctx) -> R<Vec<BookingView>> {
        self.reach()?;
        Ok(self.bookings.lock().unwrap().clone())
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
    assert!(e.is_network());
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
