//! `cargo xtask`: the project's one entry point.
//!
//! - `run`: set up what is missing, start the server on its embedded SQLite (127.0.0.1:8080)
//!   and open the app against it.
//! - `test`: set up what is missing, then lint and run every test: Rust (both SQLite and a
//!   throwaway PostgreSQL on loopback), the holiday cross-check, the UI and the end-to-end suite.
//! - `bench`: load tests (flash crowds, search, overload, memory) on SQLite, PostgreSQL and three
//!   instances behind nginx; writes docs/BENCHMARKS.md.

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
    /// Load tests over HTTP on 127.0.0.1 (flash crowds, searches, overload, memory) on SQLite,
    /// PostgreSQL and three instances behind nginx; writes docs/BENCHMARKS.md.
    Bench {
        /// People in each flash crowd.
        #[arg(long, default_value_t = 6000)]
        crowd: usize,
        /// Connections of the flash crowds (at most the server's ANTRE_MAX_IN_FLIGHT, 64, so
        /// none is shed).
        #[arg(long, default_value_t = 64)]
        concurrency: usize,
        /// Nationwide 30-day searches.
        #[arg(long, default_value_t = 2000)]
        searches: usize,
        /// Connections of the overload case.
        #[arg(long, default_value_t = 1000)]
        overload_connections: usize,
        /// Requests of the overload case (half bookings, half searches).
        #[arg(long, default_value_t = 20000)]
        overload_requests: usize,
        /// Sign-ups of the memory case.
        #[arg(long, default_value_t = 10000)]
        signups: usize,
        /// Runs of every configuration.
        #[arg(long, default_value_t = 2)]
        runs: usize,
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
            crowd,
            concurrency,
            searches,
            overload_connections,
            overload_requests,
            signups,
            runs,
        } => bench::run(
            &root,
            &bench::Options {
                crowd,
                concurrency,
                searches,
                overload_connections,
                overload_requests,
                signups,
                runs,
            },
        ),
    }
}
