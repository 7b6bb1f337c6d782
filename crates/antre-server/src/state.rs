use crate::catalog::Catalog;
use crate::clock::Clock;
use crate::config::Config;
use crate::notify::CodeSender;
use crate::proofs::ProofKeys;
use crate::ratelimit::RateLimits;
use crate::store::Db;
use antre_i18n::Localizer;
use axum::extract::FromRef;
use std::sync::Arc;

/// Everything a handler may use. Cheap to clone (all shared).
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub catalog: Arc<Catalog>,
    /// This process among the instances sharing the database (job leases name it).
    pub instance: uuid::Uuid,
    pub clock: Clock,
    pub localizer: Arc<Localizer>,
    pub proof_keys: Arc<ProofKeys>,
    /// The secret each draw's seed is derived from (never logged, never stored).
    pub draw_secret: crate::secret_file::Secret,
    /// Hashes and seals NIKs at rest.
    pub personal_data: Arc<crate::personal_data::PersonalData>,
    pub drawn_releases: Arc<crate::draws::DrawnReleases>,
    pub release_shapes: Arc<crate::draws::ReleaseShapes>,
    pub payment_secret: Option<Arc<Vec<u8>>>,
    pub sender: Arc<dyn CodeSender>,
    /// Where SMS replies go (the outbox locally).
    pub sms: Arc<dyn crate::sms::SmsGateway>,
    pub limits: Arc<RateLimits>,
    /// Permits for requests in flight (load shedding).
    pub in_flight: Arc<tokio::sync::Semaphore>,
    pub passwords: Arc<crate::passwords::Passwords>,
    pub config: Arc<Config>,
    pub search_snapshots: Arc<crate::search_snapshot::SearchSnapshots>,
}

impl FromRef<AppState> for Arc<Localizer> {
    fn from_ref(state: &AppState) -> Self {
        state.localizer.clone()
    }
}
