//! Outreach drives where the signal is weak: members captured on the device, checked there with
//! the domain's own rules (the NIK and its birth date, names as on the e-KTP, three words for a
//! hajj drive), kept encrypted at rest ([`crate::sealed`]: `outreach-captures.sealed`, the key
//! in the OS keyring) and sent when the server answers, in batches, each member's outcome
//! recorded.
//!
//! - **Nothing acknowledged is lost.** A capture returns only after the sealed file holding it
//!   is on the disk (temp file, fsync, rename): a crash or a kill right after keeps it.
//! - **Nothing is sent twice.** Each member carries the id given at capture; the server
//!   registers a `(drive, member id)` once, and answers a repeat with the same registration. A
//!   batch whose answer was lost (a kill, a cut) is simply sent again.
//! - **Every member gets one outcome**: `invalid` from the device (with each field's message in
//!   the user's language, never sent), or the server's (registered, duplicate NIK, invalid,
//!   drive full, limit reached), written to the sealed file batch by batch as they arrive.
//! - Only the officer who captured a member sends it (the account is kept with the capture).
//! - Once registered, the device keeps the masked NIK only.
//! - **A person is captured once per drive.** A NIK already captured on this device for the
//!   drive (waiting or registered), or on the drive's roster as last seen, is refused at once
//!   (`already_captured`, naming that member), offline too, and no second member waits.
//!
//! The drives the officer opened are kept in the same sealed file, so the drive page, the
//! capture form and the printed roster work without a connection.

use crate::app::App;
use crate::backend::Backend;
use crate::error::AppError;
use crate::sealed::SealedFile;
use crate::types::{CaptureAnswer, CaptureRequest, CaptureStatus, CapturedMemberView};
use antre_api::drives::{
    AddMembersRequest, DriveRoster, FieldError, MemberInput, MemberOutcome, MemberView,
};
use antre_api::ApplicationKind;
use antre_domain::outreach::{parse_list_date, validate_member};
use antre_i18n::Arg;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;
use uuid::Uuid;

/// Members per request: small enough that a weak connection gets each through, and a batch
/// whose answer is lost costs little to resend (the server takes up to 100).
pub const BATCH: usize = 25;

/// What the sealed file names its content (bound into the seal).
const AAD: &[u8] = b"antre outreach captures v1";

pub(crate) fn captures_file(dir: &Path) -> SealedFile {
    SealedFile::new(dir, "outreach-captures.sealed", AAD)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct CaptureBook {
    /// The drives as the server last showed them.
    #[serde(default)]
    drives: Vec<DriveRoster>,
    #[serde(default)]
    members: Vec<Captured>,
    /// The last refusal of a whole batch, per drive.
    #[serde(default)]
    refused: Vec<(Uuid, AppError)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Captured {
    member_id: Uuid,
    drive_id: Uuid,
    account_id: Uuid,
    name: String,
    birth_date: Option<NaiveDate>,
    /// The full NIK while it may still be sent; `None` once registered or when invalid.
    nik: Option<String>,
    nik_masked: String,
    application_kind: ApplicationKind,
    phone: Option<String>,
    captured_at: DateTime<Utc>,
    outcome: Option<MemberOutcome>,
    #[serde(default)]
    decided_on_device: bool,
    #[serde(default)]
    errors: Vec<FieldError>,
    member: Option<MemberView>,
    decided_at: Option<DateTime<Utc>>,
}

impl Captured {
    fn view(&self) -> CapturedMemberView {
        CapturedMemberView {
            member_id: self.member_id,
            name: self.name.clone(),
            nik_masked: self.nik_masked.clone(),
            captured_at: self.captured_at,
            outcome: self.outcome,
            decided_on_device: self.decided_on_device,
            errors: self.errors.clone(),
            member: self.member.clone(),
        }
    }

    fn input(&self) -> Option<MemberInput> {
        Some(MemberInput {
            member_id: self.member_id,
            name: self.name.clone(),
            birth_date: self.birth_date?,
            nik: self.nik.clone()?,
            application_kind: self.application_kind,
            phone: self.phone.clone(),
        })
    }
}

/// A NIK as typed, masked for showing (the digits in the middle hidden whatever they are).
fn mask_typed(nik: &str) -> String {
    let digits: Vec<char> = nik.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() < 8 {
        return "•".repeat(digits.len());
    }
    let head: String = digits[..4].iter().collect();
    let tail: String = digits[digits.len() - 2..].iter().collect();
    format!("{head}{}{tail}", "•".repeat(digits.len() - 6))
}

/// The member of the drive that `nik` already names, as far as this device knows: captured
/// here under another id and waiting or registered, or on the drive's roster as last seen
/// (holding a place: its proof binds the NIK, [`antre_proof::claims_nik`]). Its name and masked
/// NIK, for the warning. Members found invalid, refused by the server (duplicate, drive full,
/// limit) or whose booking ended hold nothing, so the person may be captured again.
fn already_on_drive(
    book: &CaptureBook,
    drive_id: Uuid,
    member_id: Uuid,
    nik: &str,
) -> Option<(String, String)> {
    let proof_binds = |m: &MemberView| {
        m.proof
            .as_deref()
            .is_some_and(|p| antre_proof::claims_nik(p, nik))
    };
    let captured = book.members.iter().find(|m| {
        m.drive_id == drive_id
            && m.member_id != member_id
            && match m.outcome {
                None => m.nik.as_deref() == Some(nik),
                Some(MemberOutcome::Registered) => m.member.as_ref().is_some_and(proof_binds),
                Some(_) => false,
            }
    });
    if let Some(m) = captured {
        return Some((m.name.clone(), m.nik_masked.clone()));
    }
    book.drives
        .iter()
        .filter(|d| d.drive.id == drive_id)
        .flat_map(|d| &d.members)
        .find(|m| proof_binds(m))
        .map(|m| (m.name.clone(), m.nik_masked.clone()))
}

impl<B: Backend> App<B> {
    pub(crate) fn capture_book(&self) -> Result<CaptureBook, AppError> {
        Ok(self
            .captures_file
            .load(&self.capture_key)?
            .unwrap_or_default())
    }

    /// Reads, changes and writes the sealed book under the book's lock.
    fn change_book<T>(
        &self,
        f: impl FnOnce(&mut CaptureBook) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let _guard = self.capture_lock.lock().expect("capture lock");
        // Without a usable key nothing can be kept: said before anything else.
        self.captures_file.key_ready(&self.capture_key)?;
        let mut book = self.capture_book()?;
        let out = f(&mut book)?;
        self.captures_file.save(&self.capture_key, &book)?;
        Ok(out)
    }

    /// Keeps the drive as the server showed it (for the page, captures and the roster
    /// offline). Without a keyring nothing is kept, and nothing fails.
    pub(crate) fn keep_drive(&self, roster: &DriveRoster) {
        let _ = self.change_book(|book| {
            book.drives.retain(|d| d.drive.id != roster.drive.id);
            book.drives.push(roster.clone());
            Ok(())
        });
    }

    /// The drive as last seen, from the sealed book.
    pub fn saved_drive(&self, id: Uuid) -> Option<DriveRoster> {
        self.capture_book()
            .ok()?
            .drives
            .into_iter()
            .find(|d| d.drive.id == id)
    }

    /// Captures a member of a drive opened before on this device: checked here, sealed to the
    /// disk, then sent at once if the server answers. Answers when the capture is on the disk,
    /// whether or not it could be sent.
    pub async fn capture_member(
        &self,
        drive_id: Uuid,
        req: CaptureRequest,
    ) -> Result<CaptureAnswer, AppError> {
        let member = self.capture_offline(drive_id, req)?;
        if member.outcome.is_none() {
            // Kept whatever happens next: a refusal of the whole batch shows in the status.
            let _ = self.sync_captures().await;
        }
        let status = self.capture_status(drive_id)?;
        let member = status
            .members
            .iter()
            .find(|m| m.member_id == member.member_id)
            .cloned()
            .unwrap_or(member);
        Ok(CaptureAnswer { member, status })
    }

    /// Captures a member without contacting the server (what [`Self::capture_member`] does
    /// first). A member already captured under this id is returned as it is, unless the device
    /// found it invalid: then this capture replaces it. A valid member whose NIK is already on
    /// the drive as this device knows it ([`already_on_drive`]) is refused at once with
    /// `already_captured`, before any sync, and nothing is added.
    pub fn capture_offline(
        &self,
        drive_id: Uuid,
        req: CaptureRequest,
    ) -> Result<CapturedMemberView, AppError> {
        let session = self.current_session().ok_or_else(AppError::not_signed_in)?;
        let locale = self.locale();
        let today = self.today_in_indonesia();
        let now = self.now();
        self.change_book(|book| {
            let kind = book
                .drives
                .iter()
                .find(|d| d.drive.id == drive_id)
                .map(|d| d.drive.kind)
                .ok_or_else(|| {
                    AppError::new("no_cached_data", "open the drive once while online")
                })?;
            if let Some(existing) = book.members.iter().find(|m| m.member_id == req.member_id) {
                if !existing.decided_on_device {
                    return Ok(existing.view());
                }
            }
            book.members.retain(|m| m.member_id != req.member_id);
            let birth = parse_list_date(&req.birth_date);
            let checked = validate_member(
                kind,
                &req.name,
                birth.clone(),
                &req.nik,
                Ok(req.application_kind),
                req.phone.as_deref(),
                today,
            );
            if let Ok(m) = &checked {
                if let Some((name, nik_masked)) =
                    already_on_drive(book, drive_id, req.member_id, &m.nik.expose())
                {
                    let args = [("name", Arg::Str(name)), ("nik", Arg::Str(nik_masked))];
                    return Err(AppError::new(
                        "already_captured",
                        self.l10n
                            .message(locale, "app-error-already-captured", &args),
                    )
                    .with_field("nik"));
                }
            }
            let captured = match checked {
                Ok(m) => Captured {
                    member_id: req.member_id,
                    drive_id,
                    account_id: session.account.id,
                    name: m.name.as_str().to_string(),
                    birth_date: Some(m.birth_date),
                    nik: Some(m.nik.expose()),
                    nik_masked: m.nik.masked(),
                    application_kind: m.application_kind,
                    phone: m.phone.map(|p| p.as_str().to_string()),
                    captured_at: now,
                    outcome: None,
                    decided_on_device: false,
                    errors: Vec::new(),
                    member: None,
                    decided_at: None,
                },
                Err(faults) => Captured {
                    member_id: req.member_id,
                    drive_id,
                    account_id: session.account.id,
                    name: req.name.trim().to_string(),
                    birth_date: birth.ok(),
                    nik: None,
                    nik_masked: mask_typed(&req.nik),
                    application_kind: req.application_kind,
                    phone: None,
                    captured_at: now,
                    outcome: Some(MemberOutcome::Invalid),
                    decided_on_device: true,
                    errors: faults
                        .into_iter()
                        .map(|f| FieldError {
                            field: f.field.as_str().to_string(),
                            code: f.error.code().to_string(),
                            message: self.l10n.message(
                                locale,
                                &antre_i18n::error_message_id(f.error.code()),
                                &[],
                            ),
                        })
                        .collect(),
                    member: None,
                    decided_at: Some(now),
                },
            };
            let view = captured.view();
            book.members.push(captured);
            Ok(view)
        })
    }

    /// Sends the signed-in officer's members that wait, drive by drive, [`BATCH`] at a time,
    /// and records each outcome as its batch is answered. Stops at the first request that gets
    /// no answer (the rest wait for the next try). One sync at a time.
    pub async fn sync_captures(&self) -> Result<(), AppError> {
        let ctx = self.authed()?;
        let Some(account) = self.current_session().map(|s| s.account.id) else {
            return Err(AppError::not_signed_in());
        };
        let _one = self.capture_sync.lock().await;
        let book = self.capture_book()?;
        let mut drives: Vec<Uuid> = Vec::new();
        for m in &book.members {
            if m.outcome.is_none() && m.account_id == account && !drives.contains(&m.drive_id) {
                drives.push(m.drive_id);
            }
        }
        for drive in drives {
            let waiting: Vec<MemberInput> = book
                .members
                .iter()
                .filter(|m| m.drive_id == drive && m.account_id == account && m.outcome.is_none())
                .filter_map(Captured::input)
                .collect();
            for batch in waiting.chunks(self.capture_batch) {
                let req = AddMembersRequest {
                    members: batch.to_vec(),
                };
                let result = self.backend.add_members(&ctx, drive, &req).await;
                self.note_reach(&result);
                match result {
                    Err(e) if e.is_network() => return Ok(()),
                    Err(e) if e.code == "unauthorized" => {
                        return self.forget_rejected_session(Err(e));
                    }
                    Err(e) => {
                        // Refused as a whole (the drive is gone, the officer moved office):
                        // the members stay waiting, the reason is shown.
                        self.change_book(|book| {
                            book.refused.retain(|(d, _)| *d != drive);
                            book.refused.push((drive, e));
                            Ok(())
                        })?;
                        break;
                    }
                    Ok(answer) => {
                        let now = self.now();
                        self.change_book(|book| {
                            book.refused.retain(|(d, _)| *d != drive);
                            for r in answer.results {
                                let Some(m) = book.members.iter_mut().find(|m| {
                                    m.member_id.to_string() == r.member_id && m.drive_id == drive
                                }) else {
                                    continue;
                                };
                                if m.outcome.is_some() {
                                    continue;
                                }
                                m.outcome = Some(r.outcome);
                                m.errors = r.errors;
                                m.decided_at = Some(now);
                                if r.outcome == MemberOutcome::Registered {
                                    m.nik = None;
                                    if let Some(member) = &r.member {
                                        m.nik_masked = member.nik_masked.clone();
                                    }
                                    m.member = r.member;
                                }
                            }
                            Ok(())
                        })?;
                    }
                }
            }
            // The drive's roster as it is now (registered count, proofs for the print).
            if let Ok(roster) = self.backend.drive(&ctx, drive).await {
                self.keep_drive(&roster);
            }
        }
        Ok(())
    }

    /// The members captured on this device for a drive (by the signed-in officer), newest
    /// first, with the counts.
    pub fn capture_status(&self, drive_id: Uuid) -> Result<CaptureStatus, AppError> {
        let account = self.current_session().map(|s| s.account.id);
        let book = self.capture_book()?;
        let mut members: Vec<&Captured> = book
            .members
            .iter()
            .filter(|m| m.drive_id == drive_id && Some(m.account_id) == account)
            .collect();
        members.sort_by_key(|m| std::cmp::Reverse(m.captured_at));
        let count = |f: &dyn Fn(&Captured) -> bool| members.iter().filter(|m| f(m)).count() as u32;
        Ok(CaptureStatus {
            drive_id,
            captured: members.len() as u32,
            pending: count(&|m| m.outcome.is_none()),
            sent: count(&|m| m.outcome.is_some() && !m.decided_on_device),
            online: *self.reach.lock().expect("reach"),
            refused: book
                .refused
                .iter()
                .find(|(d, _)| *d == drive_id)
                .map(|(_, e)| e.clone()),
            members: members.iter().map(|m| m.view()).collect(),
        })
    }

    /// Whether any member of the signed-in officer waits to be sent (the background loop).
    pub fn captures_waiting(&self) -> bool {
        let Some(account) = self.current_session().map(|s| s.account.id) else {
            return false;
        };
        self.capture_book().is_ok_and(|b| {
            b.members
                .iter()
                .any(|m| m.outcome.is_none() && m.account_id == account)
        })
    }

    /// Forgets a member the device found invalid (the officer will not fix it). Members sent
    /// or waiting are never forgotten here.
    pub fn discard_capture(
        &self,
        drive_id: Uuid,
        member_id: Uuid,
    ) -> Result<CaptureStatus, AppError> {
        self.change_book(|book| {
            book.members
                .retain(|m| !(m.member_id == member_id && m.decided_on_device));
            Ok(())
        })?;
        self.capture_status(drive_id)
    }
}

/// Which printout of a drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "app/")]
pub enum DrivePrint {
    /// The list of members (no QR).
    Roster,
    /// One slip per member, each with its QR proof.
    Slips,
}

impl<B: Backend> App<B> {
    /// Writes the drive's roster or its members' slips (PDF, in the user's language) into
    /// `dir`, or to `file` when the user chose one; from the saved copy when offline.
    pub async fn save_drive_print(
        &self,
        drive_id: Uuid,
        print: DrivePrint,
        dir: &Path,
        file: Option<&Path>,
    ) -> Result<crate::types::ExportResult, AppError> {
        let roster = self.drive(drive_id).await?;
        let pdf = match print {
            DrivePrint::Roster => crate::roster_pdf::roster_pdf(&roster, &self.l10n, self.locale()),
            DrivePrint::Slips => {
                crate::roster_pdf::member_slips_pdf(&roster, &self.l10n, self.locale())
            }
        }
        .map_err(AppError::storage)?;
        let name = match print {
            DrivePrint::Roster => "roster",
            DrivePrint::Slips => "slips",
        };
        let path = match file {
            Some(f) => f.to_path_buf(),
            None => dir.join(format!("antre-drive-{}-{name}.pdf", roster.drive.code)),
        };
        crate::store::write_atomically(&path, &pdf)?;
        Ok(crate::types::ExportResult {
            path: path.display().to_string(),
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn captured(drive_id: Uuid, nik: &str, outcome: Option<MemberOutcome>) -> Captured {
        Captured {
            member_id: Uuid::new_v4(),
            drive_id,
            account_id: Uuid::new_v4(),
            name: "BUDI SANTOSO".into(),
            birth_date: None,
            nik: Some(nik.into()),
            nik_masked: mask_typed(nik),
            application_kind: ApplicationKind::New,
            phone: None,
            captured_at: Utc::now(),
            outcome,
            decided_on_device: false,
            errors: Vec::new(),
            member: None,
            decided_at: None,
        }
    }

    /// A member as the server registered it (the roster's first), its proof binding `nik`.
    pub(crate) fn registered(nik: &str) -> MemberView {
        use ed25519_dalek::SigningKey;
        let key = SigningKey::from_bytes(&[9; 32]);
        let mut m = crate::roster_pdf::tests::roster().members.remove(0);
        let booking = m.booking_id.to_string();
        m.proof = Some(antre_proof::sign(
            &key,
            &antre_proof::ProofPayload {
                kid: antre_proof::key_id(&key.verifying_key()),
                booking_id: booking.clone(),
                office_id: "kanim-bekasi".into(),
                date: "2026-12-10".into(),
                session: "08:00-12:00".into(),
                lane: "regular".into(),
                name: m.name.clone(),
                nik_masked: m.nik_masked.clone(),
                nik_digest: antre_proof::nik_digest(&booking, nik),
            },
        ));
        m
    }

    #[test]
    fn a_nik_is_on_the_drive_while_it_waits_or_holds_a_place() {
        let drive = Uuid::new_v4();
        let nik = "3275011505800002";
        let other = "3275011505800003";
        let on_drive = |members: Vec<Captured>, id: Uuid| {
            let book = CaptureBook {
                members,
                ..CaptureBook::default()
            };
            already_on_drive(&book, drive, id, nik).is_some()
        };
        // Waiting on this device, under another id: on the drive; under the same id: itself.
        let waiting = captured(drive, nik, None);
        let same_id = waiting.member_id;
        assert!(on_drive(vec![waiting.clone()], Uuid::new_v4()));
        assert!(!on_drive(vec![waiting.clone()], same_id));
        assert!(!on_drive(
            vec![captured(drive, other, None)],
            Uuid::new_v4()
        ));
        assert!(!on_drive(
            vec![captured(Uuid::new_v4(), nik, None)],
            Uuid::new_v4()
        ));
        // Registered from this device (the NIK forgotten, the proof kept): still on it.
        let mut done = captured(drive, nik, Some(MemberOutcome::Registered));
        done.nik = None;
        done.member = Some(registered(nik));
        assert!(on_drive(vec![done.clone()], Uuid::new_v4()));
        done.member = Some(registered(other));
        assert!(!on_drive(vec![done], Uuid::new_v4()));
        // Refused by the server (full, duplicate, limit): the person may be captured again.
        for outcome in [
            MemberOutcome::DriveFull,
            MemberOutcome::DuplicateNik,
            MemberOutcome::LimitReached,
            MemberOutcome::Invalid,
        ] {
            assert!(!on_drive(
                vec![captured(drive, nik, Some(outcome))],
                Uuid::new_v4()
            ));
        }
        // On the roster as last seen: only a member whose proof binds the NIK.
        let mut roster = crate::roster_pdf::tests::roster();
        roster.drive.id = drive;
        let mut book = CaptureBook {
            drives: vec![roster],
            ..CaptureBook::default()
        };
        assert!(already_on_drive(&book, drive, Uuid::new_v4(), nik).is_none());
        book.drives[0].members.push(registered(nik));
        let (name, masked) = already_on_drive(&book, drive, Uuid::new_v4(), nik).unwrap();
        assert_eq!(
            (name.as_str(), masked.as_str()),
            ("Siti Aminah", "3275••••••••0101")
        );
    }

    #[test]
    fn typed_niks_are_masked_whatever_they_are() {
        assert_eq!(mask_typed("3275014201600001"), "3275••••••••••01");
        assert_eq!(mask_typed("32750142"), "3275••42");
        assert_eq!(mask_typed("327"), "•••");
    }
}
