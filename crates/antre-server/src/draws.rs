//! Release draws on the server: each draw's seed is derived from the deployment's draw secret
//! and the release instant, so every instance derives the same seed (and the same commitment)
//! without the seed being stored anywhere before the draw; the draws are created ahead, run at
//! their release instant by whichever instance gets there first, and until a release is drawn
//! its places cannot be booked first come, first served.

use crate::secret_file::Secret;
use crate::state::AppState;
use crate::store::draws::{self, DrawnEntry, Status};
use antre_domain::booking::payment_deadline;
use antre_domain::draw::{ReleaseShape, Seed};
use antre_domain::fees::official_fee;
use antre_domain::lane::Lane;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashSet;
use std::sync::{Arc, RwLock};

/// Entries are taken from this long before a release instant until it, by default.
pub const DEFAULT_ENTRY_WINDOW: Duration = Duration::hours(24);
/// The draw runs this long after its release instant, so that every entry sent before the
/// instant has been written (a request in flight at the instant takes milliseconds).
pub const GRACE: Duration = Duration::seconds(2);

/// The seed of the draw of `release_at`: HMAC-SHA256 of the instant under the draw secret.
pub fn seed_for(secret: &Secret, release_at: DateTime<Utc>) -> Seed {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(b"antre draw seed v1:");
    mac.update(release_at.timestamp().to_string().as_bytes());
    Seed(mac.finalize().into_bytes().into())
}

/// Release instants known to be drawn (a release never becomes undrawn), so the booking path
/// asks the database only until the draw is done.
#[derive(Default)]
pub struct DrawnReleases(RwLock<HashSet<i64>>);

impl DrawnReleases {
    /// Whether places released at `release_at` may be booked first come, first served now:
    /// there is no draw for that release, or it is drawn.
    pub async fn open_for_booking(
        &self,
        db: &crate::store::Db,
        release_at: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        let key = release_at.timestamp();
        if self.0.read().expect("drawn releases").contains(&key) {
            return Ok(true);
        }
        let open = draws::release_is_open(db, release_at).await?;
        if open {
            self.0.write().expect("drawn releases").insert(key);
        }
        Ok(open)
    }
}

/// The shape of each release (its offices, days and lanes), which every entry's choices are
/// checked against. Computed once per release and shared: when a rush of entries finds none,
/// one request reads it and the others wait for that read (single flight), rather than each
/// loading the release's slots. A shape older than half a minute is still answered while one
/// request reads it anew in the background (an entry never waits for a refresh), and every
/// shape is forgotten at once when this instance changes office-days (closures, extra days);
/// another instance's change shows within about half a minute, which is harmless: the draw
/// itself reads the places anew, so a choice of a day closed meanwhile simply gets no place
/// there.
#[derive(Default)]
pub struct ReleaseShapes(std::sync::Mutex<std::collections::HashMap<i64, ShapeSlot>>);

/// One release's shape: the last one read (and when), and the read under way, if any.
#[derive(Default)]
struct ShapeSlot {
    current: Option<(std::time::Instant, Arc<ReleaseShape>)>,
    loading: Option<Arc<tokio::sync::OnceCell<Arc<ReleaseShape>>>>,
}

const RELEASE_SHAPE_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(30);

/// What a request does for a shape: use the one known, or wait for the read under way.
enum ShapeLookup {
    Known(Arc<ReleaseShape>),
    /// Known but old: answered as is; `refresh` is set for the one request that reads it anew.
    Stale {
        shape: Arc<ReleaseShape>,
        refresh: Option<Arc<tokio::sync::OnceCell<Arc<ReleaseShape>>>>,
    },
    Load(Arc<tokio::sync::OnceCell<Arc<ReleaseShape>>>),
}

impl ReleaseShapes {
    /// Forgets every shape: office-days changed.
    pub fn forget_all(&self) {
        self.0.lock().expect("release shapes").clear();
    }

    fn lookup(&self, key: i64) -> ShapeLookup {
        let mut slots = self.0.lock().expect("release shapes");
        if slots.len() > 64 && !slots.contains_key(&key) {
            slots.clear();
        }
        let slot = slots.entry(key).or_default();
        match &slot.current {
            Some((made, shape)) if made.elapsed() < RELEASE_SHAPE_MAX_AGE => {
                ShapeLookup::Known(shape.clone())
            }
            Some((_, shape)) => {
                let refresh = match slot.loading {
                    Some(_) => None,
                    None => {
                        let cell = Arc::new(tokio::sync::OnceCell::new());
                        slot.loading = Some(cell.clone());
                        Some(cell)
                    }
                };
                ShapeLookup::Stale {
                    shape: shape.clone(),
                    refresh,
                }
            }
            None => ShapeLookup::Load(
                slot.loading
                    .get_or_insert_with(|| Arc::new(tokio::sync::OnceCell::new()))
                    .clone(),
            ),
        }
    }

    /// Keeps a shape just read, unless the shapes were forgotten meanwhile (then the read may
    /// predate the change, and the next request reads again).
    fn keep(&self, key: i64, cell: &Arc<tokio::sync::OnceCell<Arc<ReleaseShape>>>) {
        let mut slots = self.0.lock().expect("release shapes");
        let Some(slot) = slots.get_mut(&key) else {
            return;
        };
        if !slot.loading.as_ref().is_some_and(|l| Arc::ptr_eq(l, cell)) {
            return;
        }
        slot.loading = None;
        if let Some(shape) = cell.get() {
            slot.current = Some((std::time::Instant::now(), shape.clone()));
        }
    }
}

impl AppState {
    /// The shape of the release at `release_at`, read at most about half a minute ago.
    pub async fn release_shape(
        &self,
        release_at: DateTime<Utc>,
    ) -> anyhow::Result<Arc<ReleaseShape>> {
        let key = release_at.timestamp();
        let cell = match self.release_shapes.lookup(key) {
            ShapeLookup::Known(shape) => return Ok(shape),
            ShapeLookup::Stale { shape, refresh } => {
                if let Some(cell) = refresh {
                    let state = self.clone();
                    tokio::spawn(async move {
                        if let Err(e) = state.load_release_shape(key, release_at, &cell).await {
                            tracing::warn!(error = %e, "reading a release's shape failed; the old one stays");
                            state.release_shapes.keep(key, &cell);
                        }
                    });
                }
                return Ok(shape);
            }
            ShapeLookup::Load(cell) => cell,
        };
        // A failed read leaves the cell empty: a waiting request reads again.
        self.load_release_shape(key, release_at, &cell).await
    }

    async fn load_release_shape(
        &self,
        key: i64,
        release_at: DateTime<Utc>,
        cell: &Arc<tokio::sync::OnceCell<Arc<ReleaseShape>>>,
    ) -> anyhow::Result<Arc<ReleaseShape>> {
        let shape = cell
            .get_or_try_init(|| async {
                let office_days = draws::release_office_days(&self.db, release_at).await?;
                anyhow::Ok(Arc::new(ReleaseShape::new(office_days)))
            })
            .await?
            .clone();
        self.release_shapes.keep(key, cell);
        Ok(shape)
    }

    /// Reads the shapes of the draws taking entries now, so that the first entries after a
    /// start or a change of office-days do not wait for that read.
    pub async fn warm_release_shapes(&self) -> anyhow::Result<()> {
        let now = self.clock.now();
        for draw in draws::between(&self.db, now, now + self.config.draw_entry_window).await? {
            if draw.status == Status::Open && draw.opens_at <= now {
                self.release_shape(draw.release_at).await?;
            }
        }
        Ok(())
    }
}

/// Creates the draws of the release instants ahead.
pub async fn ensure_upcoming(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let secret = state.draw_secret;
    draws::ensure_upcoming(&state.db, now, state.config.draw_entry_window, |at| {
        seed_for(&secret, at)
    })
    .await
}

/// Runs every draw that is due (its release instant plus the grace has passed). Safe on every
/// instance at once: each draw runs in one transaction that first claims it. Returns how many
/// this instance ran.
pub async fn run_due(state: &AppState) -> anyhow::Result<u64> {
    Ok(run_due_reporting(state).await?.len() as u64)
}

/// As [`run_due`], with what each draw this instance ran did (the benchmark reports it).
pub async fn run_due_reporting(state: &AppState) -> anyhow::Result<Vec<draws::Drawn>> {
    let now = state.clock.now();
    let mut ran = Vec::new();
    for draw in draws::due(&state.db, now - GRACE).await? {
        if draw.status == Status::Drawn {
            continue;
        }
        let seed = seed_for(&state.draw_secret, draw.release_at);
        if seed.commitment() != draw.commitment {
            // Another draw secret than the one the commitment was made with: drawing now would
            // publish a seed that does not match. Refuse loudly; an operator must restore it.
            anyhow::bail!(
                "the draw secret does not match the commitment of draw {}; every instance needs the same ANTRE_DRAW_SECRET",
                draw.id
            );
        }
        let started = std::time::Instant::now();
        let terms: Arc<draws::Terms> = Arc::new(terms);
        let deadline = payment_deadline(now);
        // Billing codes are random; the rare clash fails the whole transaction, which is
        // then simply run again with new codes.
        let mut attempts = 0;
        let done = loop {
            match draws::run(
                &state.db,
                draw.id,
                seed.clone(),
                terms.clone(),
                deadline,
                now,
            )
            .await
            {
                Err(e) if attempts < 3 => {
                    attempts += 1;
                    tracing::warn!(error = %e, draw = %draw.id, "draw failed; running it again");
                }
                other => break other?,
            }
        };
        if let Some(done) = done {
            tracing::info!(
                draw = %draw.id,
                release_at = %draw.release_at,
                entries = done.entries,
                placed = done.placed,
                waitlisted = done.waitlisted,
                skipped = done.skipped,
                places = done.places,
                millis = started.elapsed().as_millis() as u64,
                "draw done"
            );
            ran.push(done);
        }
    }
    Ok(ran)
}

/// The fee and a billing code for a winner's booking.
fn terms(entry: &DrawnEntry, lane: Lane) -> (i64, String) {
    let fee = official_fee(
        entry.passport_kind,
        entry.validity,
        entry.application_kind,
        lane == Lane::SameDay,
    );
    (fee.total(), crate::billing::new_code())
}

/// Waits until the next draw is due (or `at_most`), so draws run at their instant rather than
/// at the next sweep.
pub async fn until_next(state: &AppState, at_most: std::time::Duration) -> std::time::Duration {
    let Ok(Some(next)) = draws::next_due(&state.db).await else {
        return at_most;
    };
    let wait = (next + GRACE - state.clock.now())
        .to_std()
        .unwrap_or(std::time::Duration::ZERO);
    wait.min(at_most)
}
