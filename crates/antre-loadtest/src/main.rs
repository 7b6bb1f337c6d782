//! Flash-crowd load test. Prepares a crowd (accounts, applicants, tokens) directly in the
//! database, starts the server binary as its own process, then over HTTP on 127.0.0.1:
//! 1. fires every booking request at one office-day's places the moment they are released;
//! 2. runs nationwide availability searches over 30 days.
//!
//! Prints one JSON report; the database is then checked for overbooking.

use antre_api::bookings::CreateBookingRequest;
use antre_api::{ApplicationKind, Lane, PassportKind, Validity};
use antre_domain::nik::Nik;
use antre_domain::person::{DeclaredNeeds, PersonName};
use antre_server::clock::Clock;
use antre_server::store::{accounts, applicants, Db};
use antre_server::{auth, startup, Config};
use anyhow::{bail, Context, Result};
use chrono::{Datelike, Days, NaiveDate, Utc};
use clap::Parser;
use futures::stream::{self, StreamExt};
use hdrhistogram::Histogram;
use rand::Rng;
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    database_url: String,
    #[arg(long)]
    server_bin: PathBuf,
    #[arg(long, default_value_t = 6000)]
    bookings: usize,
    #[arg(long, default_value_t = 128)]
    concurrency: usize,
    #[arg(long, default_value_t = 2000)]
    searches: usize,
    #[arg(long, default_value = "kanim-bekasi")]
    office: String,
}

#[derive(Serialize)]
struct Latency {
    p50_ms: f64,
    p90_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

#[derive(Serialize)]
struct Report {
    engine: String,
    booking_requests: usize,
    concurrency: usize,
    booking_seconds: f64,
    booking_requests_per_second: f64,
    booking_latency: Latency,
    outcomes: BTreeMap<String, usize>,
    places: i64,
    booked: i64,
    bookings_holding_a_place: i64,
    overbooked: i64,
    searches: usize,
    /// Every search queries the database.
    search_requests_per_second: f64,
    search_latency: Latency,
    /// The server's default: searches share a snapshot of at most 1 s.
    snapshot_search_requests_per_second: f64,
    snapshot_search_latency: Latency,
    server_peak_rss_mib: f64,
}

fn latency(h: &Histogram<u64>) -> Latency {
    let ms = |us: u64| us as f64 / 1000.0;
    Latency {
        p50_ms: ms(h.value_at_quantile(0.5)),
        p90_ms: ms(h.value_at_quantile(0.9)),
        p99_ms: ms(h.value_at_quantile(0.99)),
        max_ms: ms(h.max()),
    }
}

/// A valid NIK for person `i` (different birth days and serials).
fn nik(i: usize) -> (String, NaiveDate) {
    let birth = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + Days::new((i % 9000) as u64);
    let serial = i / 9000 + 1;
    (
        format!(
            "317101{:02}{:02}{:02}{serial:04}",
            birth.day(),
            birth.month(),
            birth.year() % 100
        ),
        birth,
    )
}

/// The crowd: one account per five people, each with a bearer token.
/// The data key the crowd's NIKs are hashed with, given to the server too.
fn data_key() -> antre_server::secret_file::Secret {
    static KEY: std::sync::OnceLock<antre_server::secret_file::Secret> = std::sync::OnceLock::new();
    *KEY.get_or_init(antre_server::secret_file::generate)
}

async fn prepare_crowd(db: &Db, people: usize) -> Result<Vec<(String, Uuid)>> {
    let personal = antre_server::personal_data::PersonalData::new(&data_key());
    let hash = antre_server::passwords::hash_password("Load-test-2026")?;
    let now = Utc::now();
    let mut crowd = Vec::with_capacity(people);
    for a in 0..people.div_ceil(5) {
        let email = format!("crowd{a}-{}@load.test", Uuid::new_v4().simple());
        let new = accounts::NewAccount {
            email: &email,
            phone: "+6281200000000",
            password_hash: &hash,
            role: antre_api::accounts::Role::Applicant,
            office_id: None,
            verified_at: Some(now),
        };
        let accounts::Created::New(account) = accounts::create(db, new, now).await? else {
            bail!("fresh account {email} exists");
        };
        let (token, token_hash) = auth::new_token();
        antre_server::store::sessions::start(db, &token_hash, account, Some("load test"), now)
            .await?;
        for p in (a * 5)..((a + 1) * 5).min(people) {
            let (text, birth) = nik(p);
            let nik =
                Nik::parse_with_birth_date(&text, birth).map_err(|e| anyhow::anyhow!("{e}"))?;
            let name = PersonName::parse("WARGA ANTRE").map_err(|e| anyhow::anyhow!("{e}"))?;
            let new = applicants::NewApplicant {
                nik_key: &personal.key(&nik),
                nik_sealed: personal.seal(&nik),
                nik_masked: nik.masked(),
                name: &name,
                birth_date: birth,
                needs: DeclaredNeeds::default(),
                married: false,
            };
            match applicants::add(db, account, new, 5, now).await? {
                applicants::AddOutcome::Added(added) => crowd.push((token.clone(), added.id)),
                _ => bail!("could not add applicant {p}"),
            }
        }
    }
    Ok(crowd)
}

fn start_server(bin: &PathBuf, url: &str, bind: &str, snapshot_ms: u32) -> Result<Child> {
    Command::new(bin)
        .env("ANTRE_SEARCH_SNAPSHOT_MS", snapshot_ms.to_string())
        .args(["serve", "--bind", bind])
        .env("DATABASE_URL", url)
        .env(
            "ANTRE_DATA_KEY",
            antre_server::secret_file::encode(&data_key()),
        )
        .env("ANTRE_RATE_PER_IP_PER_MINUTE", "100000000")
        .env("ANTRE_RATE_PER_ACCOUNT_PER_MINUTE", "100000000")
        .env("RUST_LOG", "warn")
        .spawn()
        .context("starting the server")
}

fn peak_rss_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

async fn wait_healthy(http: &reqwest::Client, base: &str, server: &mut Child) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !http
        .get(format!("{base}/healthz"))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        if Instant::now() > deadline || server.try_wait()?.is_some() {
            let _ = server.kill();
            bail!("server did not start");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok(())
}

fn stop(mut server: Child) -> Result<()> {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(server.id().to_string())
        .status();
    server.wait()?;
    Ok(())
}

/// `n` searches, 4 at a time, from random points with a random lane.
async fn search_phase(
    http: &reqwest::Client,
    base: &str,
    n: usize,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Histogram<u64>, f64)> {
    let histogram = Arc::new(Mutex::new(Histogram::<u64>::new_with_bounds(
        1, 60_000_000, 3,
    )?));
    let started = Instant::now();
    stream::iter(0..n)
        .for_each_concurrent(4, |_| {
            let histogram = histogram.clone();
            let (lat, lon, lane) = {
                let mut rng = rand::thread_rng();
                (rng.gen_range(-10.0..5.0), rng.gen_range(95.0..140.0), [Lane::Regular, Lane::SameDay, Lane::Priority][rng.gen_range(0..3)])
            };
            let url = format!("{base}/v1/availability/search?lat={lat}&lon={lon}&from={from}&to={to}&lane={}&scope=nationwide&limit=20", lane.as_str());
            async move {
                let t = Instant::now();
                let ok = http.get(url).send().await.is_ok_and(|r| r.status().is_success());
                assert!(ok, "search failed");
                histogram.lock().unwrap().record(t.elapsed().as_micros() as u64).ok();
            }
        })
        .await;
    let seconds = started.elapsed().as_secs_f64();
    let histogram = histogram.lock().unwrap().clone();
    Ok((histogram, seconds))
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let engine = if args.database_url.starts_with("postgres") {
        "postgresql"
    } else {
        "sqlite"
    };
    eprintln!(
        "[{engine}] preparing database and a crowd of {}",
        args.bookings
    );
    let mut config = Config::local();
    config.database_url = args.database_url.clone();
    config.clock = Clock::system();
    config.horizon_days = 40;
    let state = startup::build_state(config).await?;
    let db = state.db.clone();
    let crowd = prepare_crowd(&db, args.bookings).await?;

    // The office-day: the first service day at least 3 days ahead, released 5 s from now.
    let today = Utc::now().date_naive();
    let rows = sqlx::query("SELECT id, day FROM slots WHERE office_id = $1 AND day >= $2 AND lane IN ('regular', 'same_day') ORDER BY day, id")
        .bind(&args.office)
        .bind((today + Days::new(3)).to_string())
        .fetch_all(&db.read)
        .await?;
    let target_day: String = rows
        .first()
        .context("no slots for the office")?
        .try_get("day")?;
    let slot_ids: Vec<i64> = rows
        .iter()
        .filter(|r| r.get::<String, _>("day") == target_day)
        .map(|r| r.get("id"))
        .collect();
    let release = Utc::now() + chrono::Duration::seconds(5);
    for id in &slot_ids {
        db.execute(
            sqlx::query("UPDATE slots SET released_at = $1 WHERE id = $2")
                .bind(release.timestamp())
                .bind(*id),
        )
        .await?;
    }
    db.close().await;

    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let bind = format!("127.0.0.1:{port}");
    let base = format!("http://{bind}");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency)
        .timeout(Duration::from_secs(30))
        .build()?;
    let mut server = start_server(&args.server_bin, &args.database_url, &bind, 1000)?;
    wait_healthy(&http, &base, &mut server).await?;
    eprintln!(
        "[{engine}] {} slots on {target_day} at {}; releasing at {release}",
        slot_ids.len(),
        args.office
    );
    let wait = (release - Utc::now()).to_std().unwrap_or_default() + Duration::from_millis(50);
    tokio::time::sleep(wait).await;

    // The release: everyone at once, bounded by the number of connections.
    let histogram = Arc::new(Mutex::new(Histogram::<u64>::new_with_bounds(
        1, 60_000_000, 3,
    )?));
    let outcomes = Arc::new(Mutex::new(BTreeMap::<String, usize>::new()));
    let started = Instant::now();
    stream::iter(crowd.iter().enumerate())
        .for_each_concurrent(args.concurrency, |(i, (token, applicant))| {
            let (http, base, histogram, outcomes) = (
                http.clone(),
                base.clone(),
                histogram.clone(),
                outcomes.clone(),
            );
            let req = CreateBookingRequest {
                applicant_id: *applicant,
                slot_id: slot_ids[i % slot_ids.len()],
                passport_kind: PassportKind::Ordinary,
                validity: Validity::FiveYears,
                application_kind: ApplicationKind::New,
            };
            async move {
                let t = Instant::now();
                let result = http
                    .post(format!("{base}/v1/bookings"))
                    .bearer_auth(token)
                    .header(
                        antre_api::IDEMPOTENCY_KEY_HEADER,
                        Uuid::new_v4().to_string(),
                    )
                    .json(&req)
                    .send()
                    .await;
                let outcome = match result {
                    Ok(r) if r.status().is_success() => "booked".to_string(),
                    Ok(r) => r
                        .json::<antre_api::error::ErrorBody>()
                        .await
                        .map(|b| b.code)
                        .unwrap_or_else(|_| "unparsable".into()),
                    Err(e) => format!("transport: {e}"),
                };
                histogram
                    .lock()
                    .unwrap()
                    .record(t.elapsed().as_micros() as u64)
                    .ok();
                *outcomes.lock().unwrap().entry(outcome).or_default() += 1;
            }
        })
        .await;
    let booking_seconds = started.elapsed().as_secs_f64();

    // Nationwide searches over 30 days from random points in Indonesia: with the default
    // 1 s snapshot, then with every search querying the database.
    let (from, to) = (today, today + Days::new(29));
    let (snapshot_hist, snapshot_seconds) =
        search_phase(&http, &base, args.searches, from, to).await?;
    let rss = peak_rss_mib(server.id());
    stop(server)?;
    let mut server = start_server(&args.server_bin, &args.database_url, &bind, 0)?;
    wait_healthy(&http, &base, &mut server).await?;
    let (search_hist, search_seconds) = search_phase(&http, &base, args.searches, from, to).await?;
    stop(server)?;

    // The verdict comes from the database, not from the client's counts.
    let db = Db::open(&args.database_url).await?;
    let (mut places, mut booked, mut held, mut overbooked) = (0i64, 0i64, 0i64, 0i64);
    for id in &slot_ids {
        let s = sqlx::query("SELECT capacity, booked FROM slots WHERE id = $1")
            .bind(id)
            .fetch_one(&db.read)
            .await?;
        let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM bookings WHERE slot_id = $1 AND status IN ('pending_payment', 'confirmed')")
            .bind(id)
            .fetch_one(&db.read)
            .await?
            .get("n");
        let (c, b): (i64, i64) = (s.get("capacity"), s.get("booked"));
        places += c;
        booked += b;
        held += n;
        overbooked += (n - c).max(0) + (b - c).max(0);
    }
    db.close().await;
    let report = Report {
        engine: engine.into(),
        booking_requests: crowd.len(),
        concurrency: args.concurrency,
        booking_seconds,
        booking_requests_per_second: crowd.len() as f64 / booking_seconds,
        booking_latency: latency(&histogram.lock().unwrap()),
        outcomes: outcomes.lock().unwrap().clone(),
        places,
        booked,
        bookings_holding_a_place: held,
        overbooked,
        searches: args.searches,
        search_requests_per_second: args.searches as f64 / search_seconds,
        search_latency: latency(&search_hist),
        snapshot_search_requests_per_second: args.searches as f64 / snapshot_seconds,
        snapshot_search_latency: latency(&snapshot_hist),
        server_peak_rss_mib: rss,
    };
    println!("{}", serde_json::to_string(&report)?);
    if overbooked != 0 || booked != held || booked != places.min(crowd.len() as i64) {
        bail!("capacity invariant broken: places {places}, booked {booked}, holding {held}");
    }
    Ok(())
}
