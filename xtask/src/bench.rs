//! `cargo xtask bench`: release builds, then the flash-crowd load tool against SQLite and
//! against PostgreSQL, each in a fresh database; results go to docs/BENCHMARKS.md.

use crate::postgres::TestPostgres;
use crate::setup;
use crate::steps::{cmd, output};
use anyhow::{Context, Result};
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

pub fn run(root: &Path, bookings: usize, concurrency: usize, searches: usize) -> Result<()> {
    setup::apt_packages(&["postgresql"])?;
    cmd(
        "cargo",
        &[
            "build",
            "--release",
            "--locked",
            "-p",
            "antre-server",
            "-p",
            "antre-loadtest",
        ],
        None,
        &[],
    )?;
    let dir = root.join("target/bench");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let sqlite_url = format!("sqlite://{}?mode=rwc", dir.join("bench.db").display());
    let mut reports = vec![load(root, &sqlite_url, bookings, concurrency, searches)?];
    let pg = TestPostgres::start(root, true)?;
    reports.push(load(root, &pg.url, bookings, concurrency, searches)?);
    drop(pg);
    let doc = render(&reports, bookings, concurrency, searches)?;
    std::fs::write(root.join("docs/BENCHMARKS.md"), doc)?;
    println!("xtask: wrote docs/BENCHMARKS.md");
    Ok(())
}

fn load(
    root: &Path,
    url: &str,
    bookings: usize,
    concurrency: usize,
    searches: usize,
) -> Result<serde_json::Value> {
    let out = Command::new(root.join("target/release/antre-loadtest"))
        .args(["--database-url", url, "--server-bin"])
        .arg(root.join("target/release/antre-server"))
        .args([
            "--bookings",
            &bookings.to_string(),
            "--concurrency",
            &concurrency.to_string(),
            "--searches",
            &searches.to_string(),
        ])
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("running the load tool")?;
    let text = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(text.lines().last().unwrap_or_default())
        .with_context(|| format!("load tool output: {text}"))?;
    println!("{report:#}");
    anyhow::ensure!(
        out.status.success(),
        "the load tool reported a broken invariant"
    );
    Ok(report)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = output("nproc", &[]).unwrap_or_default();
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or("?".into(), |kb| format!("{:.0} GiB", kb / 1024.0 / 1024.0));
    let os = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|o| {
            o.lines().find_map(|l| {
                l.strip_prefix("PRETTY_NAME=")
                    .map(|v| v.trim_matches('"').to_string())
            })
        })
        .unwrap_or_default();
    let pg =
        output("sh", &["-c", "ls /usr/lib/postgresql | sort -n | tail -1"]).unwrap_or_default();
    format!("{cpu}, {} cores, {mem} RAM, {os}; PostgreSQL {}; SQLite bundled with sqlx (WAL, synchronous=NORMAL)", cores.trim(), pg.trim())
}

fn render(
    reports: &[serde_json::Value],
    bookings: usize,
    concurrency: usize,
    searches: usize,
) -> Result<String> {
    let mut d = String::new();
    writeln!(d, "# Benchmarks\n")?;
    writeln!(d, "Produced by `cargo xtask bench` (see `crates/antre-loadtest`). Re-run it to refresh this file; numbers from another machine are not comparable.\n")?;
    writeln!(d, "- Machine: {}", machine())?;
    writeln!(d, "- Date: {}", chrono_free_date())?;
    writeln!(d, "- Build: release, server and load generator on the same machine (they share the cores), HTTP/1.1 over 127.0.0.1.")?;
    writeln!(d, "- PostgreSQL runs with durable defaults (fsync on, synchronous commit on); SQLite in WAL with synchronous=NORMAL.\n")?;
    writeln!(d, "## Flash crowd at release\n")?;
    writeln!(d, "{bookings} different applicants (valid NIKs, signed in) each send one booking request for the regular and same-day places of one Bekasi office-day, all released at the same instant; {concurrency} concurrent connections. Then {searches} nationwide availability searches (30 days, random points across Indonesia, random lane, 4 concurrent).\n")?;
    writeln!(d, "| engine | booking req/s | p50 ms | p99 ms | max ms | places | booked | overbooked | server peak RSS MiB |")?;
    writeln!(d, "|---|---|---|---|---|---|---|---|---|")?;
    for r in reports {
        let f = |p: &str| r.pointer(p).and_then(|v| v.as_f64()).unwrap_or(f64::NAN);
        writeln!(
            d,
            "| {} | {:.0} | {:.1} | {:.1} | {:.1} | {} | {} | {} | {:.0} |",
            r["engine"].as_str().unwrap_or("?"),
            f("/booking_requests_per_second"),
            f("/booking_latency/p50_ms"),
            f("/booking_latency/p99_ms"),
            f("/booking_latency/max_ms"),
            r["places"],
            r["booked"],
            r["overbooked"],
            f("/server_peak_rss_mib"),
        )?;
    }
    writeln!(d, "\n## Nationwide search, 30 days\n")?;
    writeln!(d, "`every query` starts the server with `ANTRE_SEARCH_SNAPSHOT_MS=0`, so each search runs the aggregate query; `1 s snapshot` is the default, where searches for the same lane and dates share a result of at most 1 s (ranking by distance is still per request; bookings never use it).\n")?;
    writeln!(
        d,
        "| engine | mode | req/s | p50 ms | p90 ms | p99 ms | max ms |"
    )?;
    writeln!(d, "|---|---|---|---|---|---|---|")?;
    for r in reports {
        let f = |p: &str| r.pointer(p).and_then(|v| v.as_f64()).unwrap_or(f64::NAN);
        for (mode, prefix) in [
            ("every query", "search"),
            ("1 s snapshot", "snapshot_search"),
        ] {
            writeln!(
                d,
                "| {} | {mode} | {:.0} | {:.1} | {:.1} | {:.1} | {:.1} |",
                r["engine"].as_str().unwrap_or("?"),
                f(&format!("/{prefix}_requests_per_second")),
                f(&format!("/{prefix}_latency/p50_ms")),
                f(&format!("/{prefix}_latency/p90_ms")),
                f(&format!("/{prefix}_latency/p99_ms")),
                f(&format!("/{prefix}_latency/max_ms")),
            )?;
        }
    }
    writeln!(
        d,
        "\nOutcomes of the booking requests (server error codes):\n"
    )?;
    for r in reports {
        writeln!(
            d,
            "- {}: {}",
            r["engine"].as_str().unwrap_or("?"),
            r["outcomes"]
        )?;
    }
    writeln!(d, "\n`overbooked` is read from the database after the run (bookings holding a place beyond capacity, and counters beyond capacity); the load tool fails if it is not 0 or if the counters disagree with the booking rows.\n")?;
    writeln!(d, "## Raw reports\n\n```json")?;
    for r in reports {
        writeln!(d, "{r}")?;
    }
    writeln!(d, "```")?;
    Ok(d)
}

fn chrono_free_date() -> String {
    output("date", &["-u", "+%Y-%m-%d %H:%M UTC"])
        .unwrap_or_default()
        .trim()
        .to_string()
}
