//! Settings, read from the environment by `main` and built directly by tests.

use crate::clock::Clock;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Requests in flight per core by default (see [`Config::max_in_flight`]).
pub const IN_FLIGHT_PER_CORE: usize = 16;

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://...` (default: a file in the user's data dir) or `postgres://...`.
    pub database_url: String,
    pub bind: SocketAddr,
    /// Where the Ed25519 key signing booking proofs comes from.
    /// The seed of the Ed25519 key that signs booking proofs.
    pub proof_key: SecretSource,
    /// The secret each draw's seed is derived from; all instances need the same one.
    pub draw_secret: SecretSource,
    /// The key NIKs are hashed and sealed with at rest; all instances need the same one, and
    /// losing it loses the sealed numbers (keep it in the secret store).
    pub data_key: SecretSource,
    /// Shared secret of the payment provider's signed callbacks. `None`: callbacks refused.
    pub payment_secret: Option<Vec<u8>>,
    /// Shared secret of the SMS gateway's signed inbound webhook (`ANTRE_SMS_SECRET` or the
    /// file `ANTRE_SMS_SECRET_FILE`). `None`: the webhook refuses every message.
    pub sms_secret: Option<Vec<u8>>,
    /// Requests per minute per client IP, and per signed-in account.
    pub rate_per_ip_per_minute: u32,
    pub rate_per_account_per_minute: u32,
    /// Proxies whose `X-Forwarded-For` / `Forwarded` headers name the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Requests this instance serves at once; more are refused with 503 (load shedding). The
    /// default, [`IN_FLIGHT_PER_CORE`] per core, comes from measurements on 2 cores
    /// (docs/BENCHMARKS.md): with 1,000 connections, admitted requests' p99 was about 0.5 s at
    /// 256 in flight, 0.25 s at 128, 0.11-0.13 s at 64 and 0.08-0.09 s at 32, with as many
    /// requests served per second at 32 as at the higher limits; a request admitted beyond what
    /// the cores and the database can work on only waits inside.
    pub max_in_flight: usize,
    /// How many days ahead slots are opened (materialized) for booking.
    pub horizon_days: u32,
    /// How old a nationwide search's snapshot of open days may be (0: always query).
    pub search_snapshot_max_age: std::time::Duration,
    /// How often this instance tries to start a sweep pass; across all instances one pass runs
    /// per interval (the `job_runs` lease).
    pub sweep_every: std::time::Duration,
    pub clock: Clock,
    /// Draw entries are taken from this long before each release instant.
    pub draw_entry_window: chrono::Duration,
    /// Threads hashing passwords (each holds 19 MiB while the server runs).
    pub password_workers: usize,
    /// SQLite: most writes one group commit takes (benchmarking and diagnosis only; see
    /// `store::DbOptions`).
    pub sqlite_max_group: usize,
}

impl Config {
    /// Defaults for a local run on SQLite.
    pub fn local() -> Self {
        Self {
            database_url: default_sqlite_url(),
            bind: "127.0.0.1:8080".parse().expect("valid address"),
            proof_key: SecretSource::File(data_dir().join("proof-signing-key")),
            draw_secret: SecretSource::File(data_dir().join("draw-secret")),
            data_key: SecretSource::File(data_dir().join("data-key")),
            payment_secret: None,
            sms_secret: None,
            rate_per_ip_per_minute: 600,
            rate_per_account_per_minute: 120,
            trusted_proxies: Vec::new(),
            max_in_flight: IN_FLIGHT_PER_CORE
                * std::thread::available_parallelism().map_or(1, |n| n.get()),
            horizon_days: 62,
            sweep_every: std::time::Duration::from_secs(15),
            search_snapshot_max_age: std::time::Duration::from_secs(1),
            clock: Clock::system(),
            password_workers: 2,
            draw_entry_window: crate::draws::DEFAULT_ENTRY_WINDOW,
            sqlite_max_group: crate::store::DbOptions::default().sqlite_max_group,
        }
    }
}

/// Where a secret comes from.
#[derive(Clone)]
pub enum SecretSource {
    /// Given to the server (an environment variable, from a secret store).
    Value(crate::secret_file::Secret),
    /// A file holding it, created on first start and readable by its owner only (by default in
    /// the user's data dir).
    File(PathBuf),
}

impl SecretSource {
    pub fn load(&self) -> Result<crate::secret_file::Secret, crate::secret_file::KeyFileError> {
        match self {
            SecretSource::Value(secret) => Ok(*secret),
            SecretSource::File(path) => crate::secret_file::load_or_create(path),
        }
    }
}

/// Never prints the secret: configurations are logged and shown in panics.
impl std::fmt::Debug for SecretSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SecretSource::Value(_) => f.write_str("Value(<redacted>)"),
            SecretSource::File(path) => f.debug_tuple("File").field(path).finish(),
        }
    }
}

/// The server's own files: `antre/` in the user's data dir.
fn data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("antre")
}

pub fn default_sqlite_url() -> String {
    let dir = data_dir();
    let _ = std::fs::create_dir_all(&dir);
    format!(
        "sqlite://{}?mode=rwc",
        dir.join("antre-server.db").display()
    )
}
