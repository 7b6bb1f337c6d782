//! `cargo xtask`: the project's one entry point.
//!
//! - `run`: set up what is missing, start the server on its embedded SQLite (127.0.0.1:8080)
//!   and open the app against it.
//! - `test`: set up what is missing, then lint and run every test: Rust (both SQLite and a
//!   throwaway PostgreSQL on loopback), the holiday cross-check, the UI and the end-to-end suite.
//! - `bench`: load tests (flash crowds, search, overload, memory, a national release by draw) on
//!   SQLite, PostgreSQL and three instances behind nginx; writes docs/BENCHMARKS.md (`--quick`
//!   and `--only` for shorter runs).

mod bench;
mod postgres;
mod setup;
mod steps;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server (SQLite) and the app.
    Run,
    /// Lint and run every test suite.
    Test,
    /// Load tests over HTTP on 127.0.0.1 (flash crowds, searches, overload, memory, a national
    /// release by draw) on SQLite, PostgreSQL and three instances behind nginx; writes
    /// docs/BENCHMARKS.md (with --only or --quick: target/bench/BENCHMARKS.md).
    Bench {
        /// Smaller crowds and one run of each configuration (the national draw keeps its
        /// 100,000 entries); a number given below still wins.
        #[arg(long)]
        quick: bool,
        /// Only these configurations, comma-separated: sqlite, sqlite-no-group-commit,
        /// postgres, cluster, signups, national-sqlite, national-postgres.
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
        /// People in each flash crowd (and booking after the national draw) [6000; quick 2000].
        #[arg(long)]
        crowd: Option<usize>,
        /// Connections of the flash crowds and the draw entries (at most the server's
        /// ANTRE_MAX_IN_FLIGHT, 16 per core: 32 on this 2-core machine, so none is shed).
        #[arg(long, default_value_t = 32)]
        concurrency: usize,
        /// Nationwide 30-day searches [2000; quick 500].
        #[arg(long)]
        searches: Option<usize>,
        /// Connections of the overload case.
        #[arg(long, default_value_t = 1000)]
        overload_connections: usize,
        /// Requests of the overload case (half bookings, half searches) [20000; quick 5000].
        #[arg(long)]
        overload_requests: Option<usize>,
        /// Sign-ups of the memory case [10000; quick 2000].
        #[arg(long)]
        signups: Option<usize>,
        /// Entries in the national draw [100000, also quick].
        #[arg(long)]
        entries: Option<usize>,
        /// Of those, entries sent over HTTP (the rest are written in bulk) [10000; quick 2000].
        #[arg(long)]
        http_entries: Option<usize>,
        /// Runs of every configuration [2; quick 1].
        #[arg(long)]
        runs: Option<usize>,
        /// Run nothing: write docs/BENCHMARKS.md from the raw reports in these files (each a
        /// BENCHMARKS.md of an earlier run, e.g. target/bench/BENCHMARKS.md of `--only` runs
        /// copied aside). Give the sizes those runs used, for the text.
        #[arg(long, num_args = 1..)]
        render: Vec<std::path::PathBuf>,
    },
}

fn main() -> Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf();
    std::env::set_current_dir(&root)?;
    match Cli::parse().command {
        Command::Run => steps::run_product(&root),
        Command::Test => steps::test_everything(&root),
        Command::Bench {
            quick,
            only,
            crowd,
            concurrency,
            searches,
            overload_connections,
            overload_requests,
            signups,
            entries,
            http_entries,
            runs,
            render,
        } => {
            let pick = |given: Option<usize>, full: usize, small: usize| {
                given.unwrap_or(if quick { small } else { full })
            };
            let options = bench::Options {
                quick,
                only,
                crowd: pick(crowd, 6000, 2000),
                concurrency,
                searches: pick(searches, 2000, 500),
                overload_connections,
                overload_requests: pick(overload_requests, 20000, 5000),
                signups: pick(signups, 10000, 2000),
                entries: pick(entries, 100_000, 100_000),
                http_entries: pick(http_entries, 10_000, 2000),
                runs: pick(runs, 2, 1),
            };
            if render.is_empty() {
                bench::run(&root, &options)
            } else {
                bench::render_from(&root, &render, &options)
            }
        }
    }
}
