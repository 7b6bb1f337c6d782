//! Load tests against real `antre-server` processes over HTTP on 127.0.0.1. A run prepares its
//! people and places directly in a fresh database, starts one instance (or several behind
//! nginx), then runs the phases asked for:
//!
//! - `flash`: two flash crowds at a release, every request at once over `--concurrency`
//!   connections: *scarce* (the crowd asks for the regular and same-day places of one Bekasi
//!   office-day) and *plentiful* (the crowd is spread over many offices' slots with a place for
//!   everyone), so both refusals and successful bookings per second are measured;
//! - `search`: nationwide 30-day availability searches, with the default 1 s snapshot and (one
//!   instance only) with every search querying the database;
//! - `overload`: `--overload-connections` connections at once, half of the requests booking and
//!   half searching: admitted requests' latency, the share shed with 503, and errors (there must
//!   be none);
//! - `signups`: sign-ups through the API (Argon2id each) on an instance of its own, watching its
//!   memory;
//! - `national`: a national release by draw (`national.rs`): entries over HTTP in the entry
//!   window, the server's draw job over `--entries` entries, then first come, first served for
//!   what the draw left. It runs on its own (no other phase in the same run).
//!
//! Prints one JSON report. Then the verdict comes from the database: the run fails if a slot is
//! overbooked, if a slot's counter disagrees with its booking rows, if a flash crowd made fewer
//! bookings than it could, if the booking rows are not the bookings answered, or if the
//! overload case had errors.

mod client;
mod national;
mod phases;
mod prepare;
mod servers;

use antre_api::Lane;
use antre_server::clock::Clock;
use antre_server::config::SecretSource;
use antre_server::secret_file::{self, Secret};
use antre_server::store::bookings::ACTIVE;
use antre_server::store::Db;
use antre_server::{startup, Config};
use anyhow::{bail, Context, Result};
use chrono::{Days, Utc};
use clap::Parser;
use client::Call;
use prepare::Target;
use rand::Rng;
use serde::Serialize;
use sqlx::{Connection, Executor, Row};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;
use uuid::Uuid;

#[derive(Parser)]
struct Args {
    /// `sqlite://PATH?mode=rwc` (a new file), or the URL of a PostgreSQL server's admin
    /// database: the run then makes a database of its own there and drops it at the end.
    #[arg(long)]
    database_url: String,
    #[arg(long)]
    server_bin: PathBuf,
    /// Server instances; more than one run behind nginx (`deploy/nginx/antre.conf`).
    #[arg(long, default_value_t = 1)]
    instances: usize,
    #[arg(long, default_value = "/usr/sbin/nginx")]
    nginx: PathBuf,
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../deploy/nginx/antre.conf"))]
    nginx_conf: PathBuf,
    /// A setting for every instance, `KEY=VALUE` (repeatable), e.g. `ANTRE_SQLITE_MAX_GROUP=1`.
    #[arg(long = "server-env")]
    server_env: Vec<String>,
    /// Names the configuration in the report.
    #[arg(long, default_value = "")]
    label: String,
    /// Comma-separated: flash, search, overload, signups.
    #[arg(long, default_value = "flash,search")]
    phases: String,
    /// People in each flash crowd.
    #[arg(long, default_value_t = 6000)]
    crowd: usize,
    /// Connections of the flash crowds (the server's default ANTRE_MAX_IN_FLIGHT is 16 per
    /// core: more would be shed and sent again after the `Retry-After`).
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    #[arg(long, default_value_t = 2000)]
    searches: usize,
    #[arg(long, default_value_t = 1000)]
    overload_connections: usize,
    /// Requests of the overload case, half bookings (each by another person), half searches.
    #[arg(long, default_value_t = 20000)]
    overload_requests: usize,
    /// The overload case once per kind of client: `honour` (waits out Retry-After after a
    /// 503) and/or `impatient` (sends its next request at once).
    #[arg(long, default_value = "honour,impatient")]
    overload_clients: String,
    #[arg(long, default_value_t = 10000)]
    signups: usize,
    #[arg(long, default_value_t = 32)]
    signup_connections: usize,
    /// National release: entries in the draw in all.
    #[arg(long, default_value_t = 100_000)]
    entries: usize,
    /// National release: of those, entries sent over HTTP (the rest are written in bulk).
    #[arg(long, default_value_t = 10_000)]
    http_entries: usize,
    /// National release: calendar days of quota (from three days ahead) every office releases
    /// at the instant.
    #[arg(long, default_value_t = 30)]
    release_days: u32,
    #[arg(long, default_value = "kanim-bekasi")]
    office: String,
    /// The PostgreSQL postmaster's process id: its processes' CPU time is reported too.
    #[arg(long)]
    postgres_pid: Option<u32>,
    /// Logs and configuration files of the run (default: a new temporary directory).
    #[arg(long)]
    work_dir: Option<PathBuf>,
}

#[derive(Serialize)]
struct Report {
    label: String,
    engine: String,
    instances: usize,
    server_env: BTreeMap<String, String>,
    load_average_at_start: String,
    load_average_at_end: String,
    flash: Vec<phases::Flash>,
    search_snapshot: Option<phases::Search>,
    search_every_query: Option<phases::Search>,
    overload: Vec<phases::Overload>,
    signups: Option<phases::Signups>,
    national: Option<national::National>,
    /// Each instance's peak RSS over the flash, search and overload phases.
    server_peak_rss_mib: Vec<f64>,
    verdict: Verdict,
}

#[derive(Serialize, Default)]
struct Verdict {
    /// Slots whose bookings and held offers exceed their capacity.
    slots_over_capacity: i64,
    /// Bookings holding a place beyond their slot's capacity.
    overbooked: i64,
    /// Slots whose `booked` counter is not the number of their bookings holding a place.
    counters_disagreeing: i64,
    /// Booking rows in the database, and bookings the load tool was answered.
    booking_rows: i64,
    booked_answers: usize,
    problems: Vec<String>,
}

/// A flash crowd's requests and what they can achieve.
struct Crowd {
    scenario: &'static str,
    calls: Vec<Call>,
    slots: Vec<(Target, usize)>,
}

impl Crowd {
    fn places(&self) -> i64 {
        self.slots.iter().map(|(t, _)| t.places).sum()
    }

    fn possible(&self) -> i64 {
        self.slots
            .iter()
            .map(|(t, asked)| t.places.min(*asked as i64))
            .sum()
    }
}

fn booking_calls(people: &[prepare::Person], slots: &[(Target, usize)]) -> Result<Vec<Call>> {
    let mut calls = Vec::with_capacity(people.len());
    let mut person = people.iter();
    for (slot, asked) in slots {
        for _ in 0..*asked {
            calls.push(prepare::booking(
                person.next().context("enough people")?,
                slot.id,
            )?);
        }
    }
    Ok(calls)
}

/// A nationwide search over the next 30 days from a random point in Indonesia, random lane.
fn search_call() -> Call {
    let today = Utc::now().date_naive();
    let (from, to) = (today, today + Days::new(29));
    let mut rng = rand::thread_rng();
    let (lat, lon): (f64, f64) = (rng.gen_range(-10.0..5.0), rng.gen_range(95.0..140.0));
    let lane = [Lane::Regular, Lane::SameDay, Lane::Priority][rng.gen_range(0..3)];
    Call::get(format!(
        "/v1/availability/search?lat={lat:.4}&lon={lon:.4}&from={from}&to={to}&lane={}&scope=nationwide&limit=20",
        lane.as_str()
    ))
}

fn signup_call(i: usize) -> Result<Call> {
    Call::post_json(
        "/v1/accounts",
        &antre_api::accounts::RegisterRequest {
            email: format!("signup{i}-{}@load.test", Uuid::new_v4().simple()),
            phone: "081200000000".into(),
            password: "Load-test-2026".into(),
        },
    )
}

/// A fresh database for the run: the SQLite file as given, or a new PostgreSQL database.
async fn fresh_database(url: &str) -> Result<(String, Option<(String, String)>)> {
    if !url.starts_with("postgres") {
        return Ok((url.to_string(), None));
    }
    let name = format!("antre_bench_{}", Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(url).await?;
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await?;
    let base = url.rsplit_once('/').map_or(url, |(b, _)| b);
    Ok((format!("{base}/{name}"), Some((url.to_string(), name))))
}

/// The run's secrets, given to every instance and used by the load tool itself: the proof
/// signing key, the key NIKs are hashed and sealed with, and the draw secret.
pub struct Secrets {
    pub proof_key: Secret,
    pub data_key: Secret,
    pub draw_secret: Secret,
}

impl Secrets {
    fn generate() -> Secrets {
        Secrets {
            proof_key: secret_file::generate(),
            data_key: secret_file::generate(),
            draw_secret: secret_file::generate(),
        }
    }

    /// As the server reads them from its environment.
    fn env(&self) -> Vec<(String, String)> {
        vec![
            (
                "ANTRE_PROOF_KEY".into(),
                secret_file::encode(&self.proof_key),
            ),
            ("ANTRE_DATA_KEY".into(), secret_file::encode(&self.data_key)),
            (
                "ANTRE_DRAW_SECRET".into(),
                secret_file::encode(&self.draw_secret),
            ),
        ]
    }

    fn configure(&self, config: &mut Config) {
        config.proof_key = SecretSource::Value(self.proof_key);
        config.data_key = SecretSource::Value(self.data_key);
        config.draw_secret = SecretSource::Value(self.draw_secret);
    }
}

// One thread: the load tool must take as little of the machine's two cores from the server as
// it can, and wake-ups across threads are what cost most.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    // The server code the load tool runs itself (the draw) logs as the server does, to standard
    // error; `RUST_LOG=antre_server::store::draws=debug` shows the draw's phases.
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let phases: Vec<&str> = args.phases.split(',').map(str::trim).collect();
    let wants = |p: &str| phases.contains(&p);
    let engine = if args.database_url.starts_with("postgres") {
        "postgresql"
    } else {
        "sqlite"
    };
    let load_average_at_start = servers::load_average();
    let (database_url, drop_later) = fresh_database(&args.database_url).await?;
    let dir = match &args.work_dir {
        Some(d) => d.clone(),
        None => std::env::temp_dir().join(format!("antre-loadtest-{}", Uuid::new_v4())),
    };
    std::fs::create_dir_all(&dir)?;
    let server_env: Vec<(String, String)> = args
        .server_env
        .iter()
        .map(|kv| {
            kv.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .with_context(|| format!("--server-env {kv}: KEY=VALUE"))
        })
        .collect::<Result<_>>()?;
    let secrets = Secrets::generate();
    let setup = servers::Setup {
        server_bin: args.server_bin.clone(),
        database_url: database_url.clone(),
        instances: args.instances.max(1),
        nginx: (args.instances > 1).then(|| (args.nginx.clone(), args.nginx_conf.clone())),
        env: server_env.clone(),
        dir: dir.clone(),
        secrets: secrets.env(),
        postgres_pid: args.postgres_pid,
    };
    let label = if args.label.is_empty() {
        engine.to_string()
    } else {
        args.label.clone()
    };

    eprintln!("[{label}] preparing the database");
    let mut config = Config::local();
    config.database_url = database_url.clone();
    // The national release moves the load tool's clock across its release instant to run the
    // draw; the servers keep the real one.
    config.clock = if wants("national") {
        if phases.len() > 1 {
            bail!("--phases national runs on its own");
        }
        Clock::manual(Utc::now())
    } else {
        Clock::system()
    };
    config.horizon_days = 40;
    secrets.configure(&mut config);
    let state = startup::build_state(config).await?;
    let db = state.db.clone();
    let mut crowds = Vec::new();
    let clients: Vec<phases::Clients> = args
        .overload_clients
        .split(',')
        .map(|c| match c.trim() {
            "honour" => Ok(phases::Clients::HonourRetryAfter),
            "impatient" => Ok(phases::Clients::Impatient),
            other => Err(anyhow::anyhow!("--overload-clients: {other}?")),
        })
        .collect::<Result<_>>()?;
    let mut overload_runs: Vec<(phases::Clients, Vec<Call>)> = Vec::new();
    let mut overload_slots = Vec::new();
    if wants("flash") || wants("overload") {
        let mut places = prepare::places(&db, &args.office).await?;
        let mut first = 0;
        if wants("flash") {
            let people = prepare::people(&db, &secrets.data_key, first, args.crowd).await?;
            first += args.crowd;
            // Scarce: everyone asks for the same office-day, spread over its slots in turn.
            let n = places.scarce.len();
            let scarce: Vec<(Target, usize)> = places
                .scarce
                .iter()
                .enumerate()
                .map(|(i, t)| (t.clone(), args.crowd / n + usize::from(i < args.crowd % n)))
                .collect();
            let mut calls = Vec::with_capacity(args.crowd);
            for (i, person) in people.iter().enumerate() {
                calls.push(prepare::booking(person, places.scarce[i % n].id)?);
            }
            crowds.push(Crowd {
                scenario: "scarce",
                calls,
                slots: scarce,
            });
            // Plentiful: a place for everyone, over as many office-days as that takes.
            let people = prepare::people(&db, &secrets.data_key, first, args.crowd).await?;
            first += args.crowd;
            let slots = prepare::spread(&mut places.others, args.crowd, 1.0);
            crowds.push(Crowd {
                scenario: "plentiful",
                calls: booking_calls(&people, &slots)?,
                slots,
            });
        }
        if wants("overload") {
            for kind in &clients {
                // Half the bookings can get a place: writes and refusals both.
                let bookings = args.overload_requests.div_ceil(2);
                let people = prepare::people(&db, &secrets.data_key, first, bookings).await?;
                first += bookings;
                let slots = prepare::spread(&mut places.others, bookings, 2.0);
                let mut booking = booking_calls(&people, &slots)?.into_iter();
                overload_slots.extend(slots);
                let mut calls = Vec::with_capacity(args.overload_requests);
                for i in 0..args.overload_requests {
                    calls.push(if i % 2 == 0 {
                        booking.next().context("a booking request per person")?
                    } else {
                        search_call()
                    });
                }
                overload_runs.push((*kind, calls));
            }
        }
    }
    let mut verdict_national = Verdict::default();
    let national = if wants("national") {
        let o = national::Options {
            entries: args.entries,
            http_entries: args.http_entries,
            connections: args.concurrency,
            days: args.release_days,
            after_crowd: args.crowd,
        };
        Some(
            national::run(
                &label,
                &state,
                &secrets.data_key,
                &setup,
                &o,
                &mut verdict_national,
            )
            .await?,
        )
    } else {
        None
    };
    let mut all_slots: Vec<i64> = crowds
        .iter()
        .flat_map(|c| c.slots.iter().map(|(t, _)| t.id))
        .collect();
    all_slots.extend(overload_slots.iter().map(|(t, _)| t.id));
    let release = Utc::now() + chrono::Duration::seconds(5);
    prepare::release(&db, &all_slots, release).await?;
    db.close().await;
    drop(state);

    let mut report = Report {
        label: label.clone(),
        engine: engine.into(),
        instances: setup.instances,
        server_env: server_env.iter().cloned().collect(),
        load_average_at_start,
        load_average_at_end: String::new(),
        flash: Vec::new(),
        search_snapshot: None,
        search_every_query: None,
        overload: Vec::new(),
        signups: None,
        national,
        server_peak_rss_mib: Vec::new(),
        verdict: Verdict::default(),
    };

    if wants("flash") || wants("search") || wants("overload") {
        let system = setup.start(None).await?;
        if wants("flash") {
            for crowd in &crowds {
                until_open(&database_url, release).await?;
                eprintln!(
                    "[{label}] flash crowd ({}): {} requests for {} places in {} slots",
                    crowd.scenario,
                    crowd.calls.len(),
                    crowd.places(),
                    crowd.slots.len()
                );
                let result = phases::flash(
                    &system,
                    crowd.scenario,
                    crowd.calls.clone(),
                    args.concurrency,
                    (crowd.slots.len(), crowd.places(), crowd.possible()),
                )
                .await;
                report.flash.push(result);
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
        if wants("search") {
            eprintln!("[{label}] searches, 1 s snapshot");
            let calls = (0..args.searches).map(|_| search_call()).collect();
            report.search_snapshot = Some(phases::search(&system, calls, 4).await);
        }
        for (kind, calls) in std::mem::take(&mut overload_runs) {
            until_open(&database_url, release).await?;
            eprintln!(
                "[{label}] overload ({kind:?} clients): {} requests over {} connections",
                calls.len(),
                args.overload_connections
            );
            report
                .overload
                .push(phases::overload(&system, calls, args.overload_connections, kind).await);
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        report.server_peak_rss_mib = system
            .server_pids()
            .into_iter()
            .map(|p| servers::memory_mib(p, "VmHWM"))
            .collect();
        system.stop()?;
        if wants("search") && setup.instances == 1 {
            eprintln!("[{label}] searches, every one querying the database");
            let system = setup.start(Some(0)).await?;
            let calls = (0..args.searches).map(|_| search_call()).collect();
            report.search_every_query = Some(phases::search(&system, calls, 4).await);
            system.stop()?;
        }
    }
    if wants("signups") {
        eprintln!("[{label}] {} sign-ups", args.signups);
        let system = setup.start(None).await?;
        let calls = (0..args.signups).map(signup_call).collect::<Result<_>>()?;
        report.signups = Some(phases::signups(&system, calls, args.signup_connections).await?);
        system.stop()?;
    }
    report.load_average_at_end = servers::load_average();

    report.verdict = verdict(
        &database_url,
        &crowds,
        &report.flash,
        &report.overload,
        verdict_national.booked_answers,
    )
    .await?;
    report.verdict.problems.extend(verdict_national.problems);
    if let Some(s) = &report.signups {
        let created = s.outcomes.get("created").copied().unwrap_or(0);
        if created != s.requests {
            report.verdict.problems.push(format!(
                "sign-ups: {created} of {} created: {:?}",
                s.requests, s.outcomes
            ));
        }
    }
    if let Some((admin, name)) = drop_later {
        let mut admin = sqlx::PgConnection::connect(&admin).await?;
        admin
            .execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str())
            .await?;
    }
    println!("{}", serde_json::to_string(&report)?);
    if !report.verdict.problems.is_empty() {
        eprintln!("[{label}] logs kept in {}", dir.display());
        bail!("{}", report.verdict.problems.join("; "));
    }
    if args.work_dir.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

/// Waits until the places released at `release` can be booked first come, first served: the
/// instant has passed and its draw, if the servers made one, is drawn (they run it `GRACE`
/// after the instant; with no entries it leaves every place to first come).
async fn until_open(url: &str, release: chrono::DateTime<Utc>) -> Result<()> {
    let wait = (release + antre_server::draws::GRACE - Utc::now())
        .to_std()
        .unwrap_or_default();
    tokio::time::sleep(wait + Duration::from_millis(50)).await;
    let db = Db::open(url).await?;
    let started = std::time::Instant::now();
    loop {
        let undrawn: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM draws WHERE release_at = $1 AND status <> 'drawn'",
        )
        .bind(release.timestamp())
        .fetch_one(&db.read)
        .await?
        .try_get("n")?;
        if undrawn == 0 {
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            bail!("the draw of the release at {release} did not run within a minute");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    db.close().await;
    Ok(())
}

/// What the database says after the run, and what must hold.
async fn verdict(
    url: &str,
    crowds: &[Crowd],
    flash: &[phases::Flash],
    overload: &[phases::Overload],
    // Bookings made otherwise (the national release's draw and crowd after it).
    other_bookings: usize,
) -> Result<Verdict> {
    let db = Db::open(url).await?;
    let one = |sql: String| {
        let db = db.clone();
        async move {
            let n: i64 = sqlx::query(&sql).fetch_one(&db.read).await?.try_get("n")?;
            anyhow::Ok(n)
        }
    };
    let mut v = Verdict {
        slots_over_capacity: one(
            "SELECT COUNT(*) AS n FROM slots WHERE booked + offered > capacity".into(),
        )
        .await?,
        overbooked: one(format!(
            "SELECT CAST(COALESCE(SUM(n - capacity), 0) AS BIGINT) AS n FROM
             (SELECT s.capacity, COUNT(b.id) AS n FROM slots s JOIN bookings b ON b.slot_id = s.id AND b.status IN {ACTIVE}
              GROUP BY s.id, s.capacity) t WHERE n > capacity"
        ))
        .await?,
        counters_disagreeing: one(format!(
            "SELECT COUNT(*) AS n FROM slots s WHERE s.booked <>
             (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id AND b.status IN {ACTIVE})"
        ))
        .await?,
        booking_rows: one("SELECT COUNT(*) AS n FROM bookings".into()).await?,
        booked_answers: flash.iter().map(|f| f.booked).sum::<usize>()
            + overload.iter().map(|o| o.booked).sum::<usize>()
            + other_bookings,
        problems: Vec::new(),
    };
    if v.slots_over_capacity != 0 || v.overbooked != 0 {
        v.problems.push(format!(
            "overbooked: {} slots over capacity, {} bookings beyond it",
            v.slots_over_capacity, v.overbooked
        ));
    }
    if v.counters_disagreeing != 0 {
        v.problems.push(format!(
            "{} slots' counters disagree with their booking rows",
            v.counters_disagreeing
        ));
    }
    if v.booking_rows != v.booked_answers as i64 {
        v.problems.push(format!(
            "{} booking rows, {} bookings answered",
            v.booking_rows, v.booked_answers
        ));
    }
    for (crowd, result) in crowds.iter().zip(flash) {
        let ids: Vec<String> = crowd.slots.iter().map(|(t, _)| t.id.to_string()).collect();
        let booked = one(format!(
            "SELECT CAST(COALESCE(SUM(booked), 0) AS BIGINT) AS n FROM slots WHERE id IN ({})",
            ids.join(",")
        ))
        .await?;
        if booked != crowd.possible() || result.booked as i64 != booked {
            v.problems.push(format!(
                "{} crowd: {booked} places booked, {} answered booked, {} possible",
                crowd.scenario,
                result.booked,
                crowd.possible()
            ));
        }
    }
    for o in overload {
        if o.errors != 0 {
            v.problems.push(format!(
                "overload: {} errors (5xx other than 503 overloaded, timeouts, failed connections)",
                o.errors
            ));
        }
    }
    db.close().await;
    Ok(v)
}
