//! The phases of a run: each sends prepared requests over a number of keep-alive connections,
//! every connection one request at a time, and sums up what came back.

use crate::client::{error_code, Call, Conn, Reply};
use crate::servers::{memory_mib, Cpu, System};
use anyhow::Result;
use hdrhistogram::Histogram;
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One answered (or failed) request.
pub struct Done {
    /// Index of the call.
    pub call: usize,
    pub micros: u64,
    /// HTTP status; 0 when no answer came.
    pub status: u16,
    /// `ok` for a 2xx answer, else the error code (or `timeout`, `transport: ...`).
    pub outcome: String,
    /// When the answer came, from the start of the phase.
    pub at: Duration,
    /// How many times the request was sent again after a 503 `overloaded` (with
    /// `Clients::RetryShed`); `micros` runs from the first sending to the last answer.
    pub retries: u32,
}

/// How a client goes on after an answer.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Clients {
    /// The next request at once, whatever the answer.
    Impatient,
    /// After an answer with `Retry-After` (503 overloaded, 429), wait that long first, as HTTP
    /// asks of clients; otherwise the next request at once.
    HonourRetryAfter,
    /// A person who wants an answer: after a 503 `overloaded` with `Retry-After`, wait that long
    /// and send the same request again (same idempotency key, so a retry can never book twice)
    /// until it is answered otherwise; every other answer is final.
    RetryShed,
}

/// Sends `calls` over `connections` connections to `addr`, each connection taking the next
/// call as soon as its previous one is answered (and, with `HonourRetryAfter`, waited for).
/// Returns every request and the phase's length.
pub async fn run(
    addr: SocketAddr,
    calls: Arc<Vec<Call>>,
    connections: usize,
    patience: Duration,
    clients: Clients,
) -> (Vec<Done>, Duration) {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections.min(calls.len()).max(1))
        .map(|_| {
            let (calls, next) = (calls.clone(), next.clone());
            tokio::spawn(async move {
                let mut conn = Conn::new(addr);
                let mut done = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(call) = calls.get(i) else { break };
                    let t = Instant::now();
                    let mut retries = 0;
                    let (status, outcome, wait) = loop {
                        let reply = conn.send(call, patience).await;
                        let (status, outcome, wait) = match reply {
                            Reply::Answered(s, _, _) if s.is_success() => {
                                (s.as_u16(), "ok".to_string(), None)
                            }
                            Reply::Answered(s, body, retry_after) => {
                                (s.as_u16(), error_code(s, &body), retry_after)
                            }
                            Reply::TimedOut => (0, "timeout".to_string(), None),
                            Reply::Transport(e) => (0, format!("transport: {e}"), None),
                        };
                        match (clients, wait) {
                            (Clients::RetryShed, Some(seconds)) if outcome == "overloaded" => {
                                retries += 1;
                                tokio::time::sleep(Duration::from_secs(seconds)).await;
                            }
                            _ => break (status, outcome, wait),
                        }
                    };
                    let micros = t.elapsed().as_micros() as u64;
                    done.push(Done {
                        call: i,
                        micros,
                        status,
                        outcome,
                        at: started.elapsed(),
                        retries,
                    });
                    if let (Some(seconds), Clients::HonourRetryAfter) = (wait, clients) {
                        tokio::time::sleep(Duration::from_secs(seconds)).await;
                    }
                }
                done
            })
        })
        .collect();
    let mut all = Vec::with_capacity(calls.len());
    for task in tasks {
        all.extend(task.await.expect("a connection task panicked"));
    }
    (all, started.elapsed())
}

#[derive(Serialize, Clone, Debug)]
pub struct Latency {
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

pub fn latency<'a>(micros: impl Iterator<Item = &'a Done>) -> Latency {
    let mut h = Histogram::<u64>::new_with_bounds(1, 600_000_000, 3).expect("valid bounds");
    for d in micros {
        h.record(d.micros.max(1)).ok();
    }
    let ms = |us: u64| us as f64 / 1000.0;
    Latency {
        p50_ms: ms(h.value_at_quantile(0.5)),
        p90_ms: ms(h.value_at_quantile(0.9)),
        p99_ms: ms(h.value_at_quantile(0.99)),
        max_ms: ms(h.max()),
    }
}

pub fn outcomes<'a>(done: impl Iterator<Item = &'a Done>, ok: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for d in done {
        let name = if d.outcome == "ok" { ok } else { &d.outcome };
        *out.entry(name.to_string()).or_default() += 1;
    }
    out
}

/// CPU used during a phase, in total and per request.
#[derive(Serialize, Clone, Debug)]
pub struct CpuUse {
    /// CPU seconds of the server instances, nginx and the load tool.
    pub seconds: Cpu,
    /// Server CPU per request, microseconds (all instances together).
    pub server_us_per_request: f64,
    pub load_tool_us_per_request: f64,
    pub nginx_us_per_request: f64,
    pub database_us_per_request: f64,
}

pub fn cpu_use(before: Cpu, after: Cpu, requests: usize) -> CpuUse {
    let used = after - before;
    let per = |s: f64| s * 1e6 / requests.max(1) as f64;
    CpuUse {
        seconds: used,
        server_us_per_request: per(used.servers),
        load_tool_us_per_request: per(used.load_tool),
        nginx_us_per_request: per(used.nginx),
        database_us_per_request: per(used.database),
    }
}

#[derive(Serialize, Debug)]
pub struct Flash {
    pub scenario: String,
    pub requests: usize,
    pub connections: usize,
    /// Slots asked for and the places they had.
    pub slots: usize,
    pub places: i64,
    /// Bookings that can be made: per slot, the fewer of its places and the requests for it.
    pub possible_bookings: i64,
    pub seconds: f64,
    pub attempts_per_second: f64,
    pub booked: usize,
    /// From the first request to the last booking answered.
    pub fill_seconds: f64,
    pub bookings_per_second: f64,
    pub latency: Latency,
    /// Latency of the requests that got a booking.
    pub booked_latency: Latency,
    pub outcomes: BTreeMap<String, usize>,
    /// Requests sent again after a 503 `overloaded` (each person retries, with the same
    /// idempotency key, after the `Retry-After`, until answered otherwise), and how many people
    /// had to.
    pub retries: usize,
    pub retried_requests: usize,
    pub cpu: CpuUse,
}

/// The crowd sends its booking requests all at once over `connections` connections. A request
/// shed with 503 `overloaded` is sent again after its `Retry-After` (same idempotency key), so
/// every person gets an answer; its latency runs from the first sending.
pub async fn flash(
    system: &System,
    scenario: &str,
    calls: Vec<Call>,
    connections: usize,
    (slots, places, possible): (usize, i64, i64),
) -> Flash {
    let requests = calls.len();
    let before = system.cpu();
    let (done, took) = run(
        system.entry,
        Arc::new(calls),
        connections,
        Duration::from_secs(30),
        Clients::RetryShed,
    )
    .await;
    let cpu = cpu_use(before, system.cpu(), requests);
    let booked: Vec<&Done> = done.iter().filter(|d| d.outcome == "ok").collect();
    let fill = booked.iter().map(|d| d.at).max().unwrap_or_default();
    Flash {
        scenario: scenario.to_string(),
        requests,
        connections,
        slots,
        places,
        possible_bookings: possible,
        seconds: took.as_secs_f64(),
        attempts_per_second: requests as f64 / took.as_secs_f64(),
        booked: booked.len(),
        fill_seconds: fill.as_secs_f64(),
        bookings_per_second: booked.len() as f64 / fill.as_secs_f64().max(1e-9),
        latency: latency(done.iter()),
        booked_latency: latency(booked.into_iter()),
        outcomes: outcomes(done.iter(), "booked"),
        retries: done.iter().map(|d| d.retries as usize).sum(),
        retried_requests: done.iter().filter(|d| d.retries > 0).count(),
        cpu,
    }
}

#[derive(Serialize, Debug)]
pub struct Search {
    pub requests: usize,
    pub connections: usize,
    pub requests_per_second: f64,
    pub latency: Latency,
    pub outcomes: BTreeMap<String, usize>,
}

pub async fn search(system: &System, calls: Vec<Call>, connections: usize) -> Search {
    let requests = calls.len();
    let (done, took) = run(
        system.entry,
        Arc::new(calls),
        connections,
        Duration::from_secs(30),
        Clients::Impatient,
    )
    .await;
    Search {
        requests,
        connections,
        requests_per_second: requests as f64 / took.as_secs_f64(),
        latency: latency(done.iter()),
        outcomes: outcomes(done.iter(), "found"),
    }
}

#[derive(Serialize, Debug)]
pub struct Overload {
    pub clients: Clients,
    pub connections: usize,
    pub requests: usize,
    pub bookings: usize,
    pub searches: usize,
    pub seconds: f64,
    pub requests_per_second: f64,
    /// Answered by a handler (not shed), of either kind.
    pub admitted: usize,
    pub admitted_per_second: f64,
    pub admitted_latency: Latency,
    pub admitted_booking_latency: Latency,
    pub admitted_search_latency: Latency,
    /// Answered 503 `overloaded` (with Retry-After) at once.
    pub shed: usize,
    pub shed_share: f64,
    pub shed_latency: Latency,
    /// 5xx other than 503 `overloaded`, timeouts and failed connections. Must be none.
    pub errors: usize,
    pub booked: usize,
    pub outcomes: BTreeMap<String, usize>,
    pub cpu: CpuUse,
    pub server_rss_after_mib: Vec<f64>,
}

/// Whether a request ended in an error the overload case must not have.
pub fn is_error(d: &Done) -> bool {
    d.status == 0 || (d.status >= 500 && d.outcome != "overloaded")
}

/// `calls` alternate booking (even) and search (odd) requests, over `connections` connections
/// at once.
pub async fn overload(
    system: &System,
    calls: Vec<Call>,
    connections: usize,
    clients: Clients,
) -> Overload {
    let requests = calls.len();
    let before = system.cpu();
    let (done, took) = run(
        system.entry,
        Arc::new(calls),
        connections,
        Duration::from_secs(10),
        clients,
    )
    .await;
    let cpu = cpu_use(before, system.cpu(), requests);
    let shed: Vec<&Done> = done.iter().filter(|d| d.outcome == "overloaded").collect();
    let admitted: Vec<&Done> = done
        .iter()
        .filter(|d| d.outcome != "overloaded" && !is_error(d))
        .collect();
    let mut outcomes = BTreeMap::new();
    for d in &done {
        let kind = if d.call % 2 == 0 { "booking" } else { "search" };
        let what = if d.outcome == "ok" {
            if kind == "booking" {
                "booked"
            } else {
                "found"
            }
        } else {
            &d.outcome
        };
        *outcomes.entry(format!("{kind}: {what}")).or_default() += 1;
    }
    Overload {
        clients,
        connections,
        requests,
        bookings: requests.div_ceil(2),
        searches: requests / 2,
        seconds: took.as_secs_f64(),
        requests_per_second: requests as f64 / took.as_secs_f64(),
        admitted: admitted.len(),
        admitted_per_second: admitted.len() as f64 / took.as_secs_f64(),
        admitted_latency: latency(admitted.iter().copied()),
        admitted_booking_latency: latency(admitted.iter().copied().filter(|d| d.call % 2 == 0)),
        admitted_search_latency: latency(admitted.iter().copied().filter(|d| d.call % 2 == 1)),
        shed: shed.len(),
        shed_share: shed.len() as f64 / requests.max(1) as f64,
        shed_latency: latency(shed.into_iter()),
        errors: done.iter().filter(|d| is_error(d)).count(),
        booked: done
            .iter()
            .filter(|d| d.call % 2 == 0 && d.outcome == "ok")
            .count(),
        outcomes,
        cpu,
        server_rss_after_mib: system
            .server_pids()
            .into_iter()
            .map(|p| memory_mib(p, "VmRSS"))
            .collect(),
    }
}

#[derive(Serialize, Debug)]
pub struct Signups {
    pub requests: usize,
    pub connections: usize,
    pub seconds: f64,
    pub signups_per_second: f64,
    pub latency: Latency,
    pub outcomes: BTreeMap<String, usize>,
    pub rss_before_mib: f64,
    /// The most seen while signing up (sampled every 100 ms), and the kernel's high-water mark.
    pub rss_peak_sampled_mib: f64,
    pub rss_high_water_mib: f64,
    /// After the last sign-up was answered.
    pub rss_after_mib: f64,
}

/// Sign-ups through the API (each hashes its password with Argon2id), watching the server's
/// memory.
pub async fn signups(system: &System, calls: Vec<Call>, connections: usize) -> Result<Signups> {
    let pid = system.server_pids()[0];
    let requests = calls.len();
    let rss_before = memory_mib(pid, "VmRSS");
    let sampling = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sampler = {
        let sampling = sampling.clone();
        tokio::spawn(async move {
            let mut peak: f64 = 0.0;
            while sampling.load(Ordering::Relaxed) {
                peak = peak.max(memory_mib(pid, "VmRSS"));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            peak
        })
    };
    let (done, took) = run(
        system.entry,
        Arc::new(calls),
        connections,
        Duration::from_secs(60),
        Clients::Impatient,
    )
    .await;
    sampling.store(false, Ordering::Relaxed);
    let peak = sampler.await?;
    Ok(Signups {
        requests,
        connections,
        seconds: took.as_secs_f64(),
        signups_per_second: requests as f64 / took.as_secs_f64(),
        latency: latency(done.iter()),
        outcomes: outcomes(done.iter(), "created"),
        rss_before_mib: rss_before,
        rss_peak_sampled_mib: peak.max(memory_mib(pid, "VmRSS")),
        rss_high_water_mib: memory_mib(pid, "VmHWM"),
        rss_after_mib: memory_mib(pid, "VmRSS"),
    })
}
