//! The fair release in the app: the draw at each release instant (see the standing, enter,
//! change, withdraw, the outcome, check the published order on this device) and the waitlist
//! (join, leave, accept or let pass an offered place), plus the background check
//! ([`App::watch`]) that turns new outcomes into notices ([`crate::outcomes`]).
//!
//! The conventions of the rest of the app hold: reads are retried when no answer came and fall
//! back to the saved copy (`fair-release.json`) offline; writes that got no answer are sent
//! again with the same request. Entering is a PUT (the same entry however often it is sent);
//! for the others a lost answer shows up on the retry as "already done" (`not_found`,
//! `already_waitlisted`, `offer_not_open`), which is told apart from a real refusal by
//! looking at the current state.

use crate::app::App;
use crate::backend::{Backend, Ctx};
use crate::error::AppError;
use crate::outcomes::{self, Known};
use crate::types::{CheckedEntry, DrawCheck, ExportResult, FairReleaseSnapshot};
use antre_api::bookings::{BookingSource, BookingView};
use antre_api::draws::{
    DrawOfficeView, DrawStatus, DrawView, EntryOutcome, EntryRequest, EntryView, WaitlistRequest,
    WaitlistStatus, WaitlistView,
};
use antre_api::offices::OfficeSummary;
use antre_api::BookingStatus;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use uuid::Uuid;

/// Commitments are kept this long after their release instant.
const KEEP_COMMITMENTS: Duration = Duration::days(90);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct CachedFair {
    entries: Vec<EntryView>,
    waitlist: Vec<WaitlistView>,
    fetched_at: Option<DateTime<Utc>>,
    /// The commitment of each draw as this device saw it while entries were open, to check the
    /// seed published after the draw against what was promised before it.
    #[serde(default)]
    commitments: BTreeMap<Uuid, SeenCommitment>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SeenCommitment {
    commitment: String,
    release_at: DateTime<Utc>,
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Whether a place in line is the answer to `req` (same person, lane, offices and days).
fn answers(w: &WaitlistView, req: &WaitlistRequest) -> bool {
    let sorted = |ids: &[String]| {
        let mut v = ids.to_vec();
        v.sort();
        v.dedup();
        v
    };
    w.applicant.id == req.applicant_id
        && w.lane == req.lane
        && w.from == req.from
        && w.to == req.to
        && sorted(&w.office_ids) == sorted(&req.office_ids)
        && matches!(w.status, WaitlistStatus::Waiting | WaitlistStatus::Offered)
}

impl<B: Backend> App<B> {
    fn fair(&self) -> CachedFair {
        self.fair_file.load().unwrap_or_default()
    }

    fn update_fair(&self, f: impl FnOnce(&mut CachedFair)) {
        let mut cached = self.fair();
        f(&mut cached);
        // The copy is a convenience: failing to save it must not fail what the server did.
        let _ = self.fair_file.save(&cached);
    }

    /// Keeps the commitments of draws still taking entries (the first one seen stays).
    fn note_commitments(&self, draws: &[DrawView]) {
        if self.restore_session().is_none() || !draws.iter().any(|d| d.status == DrawStatus::Open) {
            return;
        }
        let now = self.now();
        self.update_fair(|f| {
            f.commitments
                .retain(|_, c| now < c.release_at + KEEP_COMMITMENTS);
            for d in draws.iter().filter(|d| d.status == DrawStatus::Open) {
                f.commitments.entry(d.id).or_insert_with(|| SeenCommitment {
                    commitment: d.commitment.clone(),
                    release_at: d.release_at,
                });
            }
        });
    }

    // ---- draws --------------------------------------------------------------------------------

    /// The draws releasing between two days (the server's defaults when `None`).
    pub async fn draws(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DrawView>, AppError> {
        let ctx = self.ctx();
        let list = self.retry(|| self.backend.draws(&ctx, from, to)).await?;
        self.note_commitments(&list);
        Ok(list)
    }

    pub async fn draw(&self, id: Uuid) -> Result<DrawView, AppError> {
        let ctx = self.ctx();
        let d = self.retry(|| self.backend.draw(&ctx, id)).await?;
        self.note_commitments(std::slice::from_ref(&d));
        Ok(d)
    }

    /// How many entries name an office against its places ("3,412 entries for 213 places").
    pub async fn draw_office(&self, id: Uuid, office: &str) -> Result<DrawOfficeView, AppError> {
        let ctx = self.ctx();
        self.retry(|| self.backend.draw_office(&ctx, id, office))
            .await
    }

    /// Checks the published result on this device, as `scripts/verify_draw.py` does: the seed
    /// matches the commitment (and the one seen before the draw), the order is the one the
    /// seed gives, and where this account's entries stand in it.
    pub async fn check_draw(&self, id: Uuid) -> Result<DrawCheck, AppError> {
        let ctx = self.ctx();
        let result = self.retry(|| self.backend.draw_result(&ctx, id)).await?;
        let seed = unhex(&result.seed)
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .map(antre_domain::draw::Seed);
        let seed_matches_commitment = seed
            .as_ref()
            .is_some_and(|s| s.commitment() == result.commitment);
        let order_verified = seed
            .as_ref()
            .is_some_and(|s| antre_domain::draw::verify(&result.commitment, s, &result.order));
        let cached = self.fair();
        let commitment_as_seen_before = cached
            .commitments
            .get(&id)
            .map(|c| c.commitment == result.commitment);
        let mine = cached
            .entries
            .iter()
            .filter(|e| e.draw_id == id)
            .map(|e| CheckedEntry {
                entry_id: e.id,
                applicant_name: e.applicant.name.clone(),
                digest: e.digest.clone(),
                salt: e.salt.clone(),
                digest_matches: unhex(&e.salt).is_some_and(|salt| {
                    antre_domain::draw::entry_digest(&salt, &e.id.to_string()) == e.digest
                }),
                position: result
                    .order
                    .iter()
                    .position(|d| *d == e.digest)
                    .map(|p| p as u64 + 1),
            })
            .collect();
        Ok(DrawCheck {
            draw_id: id,
            commitment: result.commitment.clone(),
            seed: result.seed.clone(),
            seed_matches_commitment,
            commitment_as_seen_before,
            order_verified,
            entries: result.order.len() as u64,
            mine,
            result_url: format!(
                "{}/v1/draws/{id}/result",
                self.config.server_url.trim_end_matches('/')
            ),
        })
    }

    /// Saves the published result (JSON) into `dir`, for `scripts/verify_draw.py`.
    pub async fn save_draw_result(&self, id: Uuid, dir: &Path) -> Result<ExportResult, AppError> {
        let ctx = self.ctx();
        let result = self.retry(|| self.backend.draw_result(&ctx, id)).await?;
        let path = dir.join(format!("antre-draw-{id}.json"));
        std::fs::create_dir_all(dir).map_err(AppError::storage)?;
        let json = serde_json::to_vec_pretty(&result).map_err(AppError::storage)?;
        std::fs::write(&path, json).map_err(AppError::storage)?;
        Ok(ExportResult {
            path: path.display().to_string(),
        })
    }

    /// Enters an applicant in a draw, or changes their entry. A PUT: sending it again (after a
    /// lost answer, or twice) leaves one entry.
    pub async fn enter_draw(
        &self,
        draw_id: Uuid,
        applicant_id: Uuid,
        req: EntryRequest,
    ) -> Result<EntryView, AppError> {
        let ctx = self.authed()?;
        let entry = self
            .write_or_refuse(|| self.backend.enter_draw(&ctx, draw_id, applicant_id, &req))
            .await?;
        self.update_fair(|f| {
            f.entries.retain(|e| e.id != entry.id);
            f.entries.push(entry.clone());
        });
        Ok(entry)
    }

    /// Withdraws an applicant's entry before the release instant.
    pub async fn withdraw_entry(&self, draw_id: Uuid, applicant_id: Uuid) -> Result<(), AppError> {
        let ctx = self.authed()?;
        match self
            .write_or_refuse(|| self.backend.withdraw_entry(&ctx, draw_id, applicant_id))
            .await
        {
            Ok(()) => {}
            // A withdrawal whose answer was lost is "not found" when sent again: done, if the
            // entry is indeed gone.
            Err(e) if e.code == "not_found" => {
                let entries = self
                    .backend
                    .draw_entries(&ctx)
                    .await
                    .map_err(|_| e.clone())?;
                if entries
                    .iter()
                    .any(|x| x.draw_id == draw_id && x.applicant.id == applicant_id)
                {
                    return Err(e);
                }
            }
            Err(e) => return Err(e),
        }
        self.update_fair(|f| {
            f.entries
                .retain(|e| !(e.draw_id == draw_id && e.applicant.id == applicant_id));
        });
        Ok(())
    }

    // ---- entries and places in line -----------------------------------------------------------

    /// The account's entries and places in line; the saved copy when the server is out of reach.
    /// New outcomes and offers become notices.
    pub async fn fair_release(&self) -> Result<FairReleaseSnapshot, AppError> {
        self.fair_release_at(self.now()).await
    }

    async fn fair_release_at(&self, now: DateTime<Utc>) -> Result<FairReleaseSnapshot, AppError> {
        let ctx = self.authed()?;
        let fetched = async {
            let entries = self.retry(|| self.backend.draw_entries(&ctx)).await?;
            let waitlist = self.retry(|| self.backend.waitlist(&ctx)).await?;
            Ok::<_, AppError>((entries, waitlist))
        }
        .await;
        match fetched {
            Ok((entries, waitlist)) => {
                let fetched_at = Some(now);
                self.update_fair(|f| {
                    f.entries = entries.clone();
                    f.waitlist = waitlist.clone();
                    f.fetched_at = fetched_at;
                });
                self.note_outcomes(&ctx, &entries, &waitlist, now).await;
                Ok(FairReleaseSnapshot {
                    entries,
                    waitlist,
                    fetched_at,
                    offline: false,
                })
            }
            Err(e) if e.is_network() => {
                let cached = self.fair();
                Ok(FairReleaseSnapshot {
                    entries: cached.entries,
                    waitlist: cached.waitlist,
                    fetched_at: cached.fetched_at,
                    offline: true,
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Refreshes the saved places in line after a change (best effort: the change is done).
    async fn refresh_waitlist(&self, ctx: &Ctx) {
        if let Ok(list) = self.backend.waitlist(ctx).await {
            self.update_fair(|f| f.waitlist = list);
        }
    }

    /// Waits for a freed place at up to five offices over some days.
    pub async fn join_waitlist(&self, req: WaitlistRequest) -> Result<WaitlistView, AppError> {
        let ctx = self.authed()?;
        let joined = match self
            .write_or_refuse(|| self.backend.join_waitlist(&ctx, &req))
            .await
        {
            // A join whose answer was lost is "already on the waitlist" when sent again: the
            // place in line that answers this request is the result.
            Err(e) if e.code == "already_waitlisted" => match self.backend.waitlist(&ctx).await {
                Ok(list) => list.into_iter().find(|w| answers(w, &req)).ok_or(e),
                Err(_) => Err(e),
            },
            other => other,
        }?;
        self.update_fair(|f| {
            f.waitlist.retain(|w| w.id != joined.id);
            f.waitlist.push(joined.clone());
        });
        Ok(joined)
    }

    /// Leaves the waitlist (a place on offer passes on).
    pub async fn leave_waitlist(&self, id: Uuid) -> Result<(), AppError> {
        let ctx = self.authed()?;
        match self
            .write_or_refuse(|| self.backend.leave_waitlist(&ctx, id))
            .await
        {
            Ok(()) => {}
            Err(e) if e.code == "not_found" => {
                let list = self.backend.waitlist(&ctx).await.map_err(|_| e.clone())?;
                let still = list.iter().any(|w| {
                    w.id == id
                        && matches!(w.status, WaitlistStatus::Waiting | WaitlistStatus::Offered)
                });
                if still {
                    return Err(e);
                }
            }
            Err(e) => return Err(e),
        }
        self.refresh_waitlist(&ctx).await;
        Ok(())
    }

    /// Takes an offered place: a booking awaiting payment, like any other.
    pub async fn accept_offer(&self, offer_id: Uuid) -> Result<BookingView, AppError> {
        let ctx = self.authed()?;
        // What was offered, to recognise the booking if the answer to the accept is lost.
        let offered = self.fair().waitlist.into_iter().find_map(|w| {
            let slot = w.offer.as_ref().filter(|o| o.id == offer_id)?.slot.slot_id;
            Some((w.applicant.id, slot))
        });
        let booking = match self
            .write_or_refuse(|| self.backend.accept_offer(&ctx, offer_id))
            .await
        {
            Err(e) if e.code == "offer_not_open" => {
                match (offered, self.backend.bookings(&ctx).await) {
                    (Some((applicant, slot)), Ok(list)) => list
                        .into_iter()
                        .find(|b| {
                            b.source == BookingSource::Waitlist
                                && b.applicant.id == applicant
                                && b.slot_id == slot
                                && matches!(
                                    b.status,
                                    BookingStatus::PendingPayment | BookingStatus::Confirmed
                                )
                        })
                        .ok_or(e),
                    _ => Err(e),
                }
            }
            other => other,
        }?;
        self.remember(&booking)?;
        let _ = self.mark_notice_delivered(&outcomes::offer_notice_id(offer_id));
        self.refresh_waitlist(&ctx).await;
        Ok(booking)
    }

    /// Lets an offered place pass on to the next person; this one stays in line.
    pub async fn decline_offer(&self, offer_id: Uuid) -> Result<(), AppError> {
        let ctx = self.authed()?;
        match self
            .write_or_refuse(|| self.backend.decline_offer(&ctx, offer_id))
            .await
        {
            // Not found when sent again after a lost answer, or already passed on: either way
            // the place is no longer held for this person, which is what was asked.
            Ok(()) => {}
            Err(e) if e.code == "not_found" => {}
            Err(e) => return Err(e),
        }
        let _ = self.mark_notice_delivered(&outcomes::offer_notice_id(offer_id));
        self.refresh_waitlist(&ctx).await;
        Ok(())
    }

    // ---- the background check -------------------------------------------------------------------

    /// When the background check should next ask the server; `None` while nothing can change
    /// (signed out, no pending entry, no place in line).
    pub fn next_watch_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.restore_session()?;
        let cached = self.fair();
        let last = *self.last_watch.lock().expect("last watch");
        outcomes::next_check(&cached.entries, &cached.waitlist, last, now)
    }

    /// Asks the server for the entries and places in line if it is time to (see
    /// [`outcomes::next_check`]); new outcomes and offers become notices. Returns whether it
    /// asked.
    pub async fn watch(&self, now: DateTime<Utc>) -> Result<bool, AppError> {
        match self.next_watch_at(now) {
            Some(at) if at <= now => {}
            _ => return Ok(false),
        }
        *self.last_watch.lock().expect("last watch") = Some(now);
        self.fair_release_at(now).await?;
        Ok(true)
    }

    /// The offices, from memory or asked once (for their names in notices).
    async fn known_offices(&self, ctx: &Ctx) -> Vec<OfficeSummary> {
        let cached = self.offices_cache.lock().expect("offices").clone();
        if !cached.is_empty() {
            return cached;
        }
        match self.backend.offices(ctx).await {
            Ok(list) => {
                *self.offices_cache.lock().expect("offices") = list.clone();
                list
            }
            Err(_) => Vec::new(),
        }
    }

    /// Turns outcomes and offers not announced yet into notices. A placed entry's booking is
    /// fetched (and saved, which plans its payment reminder).
    async fn note_outcomes(
        &self,
        ctx: &Ctx,
        entries: &[EntryView],
        waitlist: &[WaitlistView],
        now: DateTime<Utc>,
    ) {
        let new: Vec<&EntryView> = {
            let book = self.notices.lock().expect("notices");
            entries
                .iter()
                .filter(|e| {
                    outcomes::announceable(e, now) && !book.knows(&outcomes::entry_notice_id(e))
                })
                .collect()
        };
        let new_offer = {
            let book = self.notices.lock().expect("notices");
            waitlist.iter().any(|w| {
                w.offer
                    .as_ref()
                    .is_some_and(|o| !book.knows(&outcomes::offer_notice_id(o.id)))
            })
        };
        if new.is_empty() && !new_offer {
            return;
        }
        let mut bookings = Vec::new();
        for e in new.iter().filter(|e| e.outcome == EntryOutcome::Placed) {
            if let Some(id) = e.booking_id {
                if let Ok(b) = self.backend.booking(ctx, id).await {
                    let _ = self.remember(&b);
                    bookings.push(b);
                }
            }
        }
        let offices = self.known_offices(ctx).await;
        let planned = outcomes::plan(
            entries,
            waitlist,
            &Known {
                bookings: &bookings,
                offices: &offices,
            },
            &self.l10n,
            self.locale(),
            now,
        );
        let _ = self.notices.lock().expect("notices").add(planned, now);
    }
}
