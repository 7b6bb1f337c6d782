//! `cargo xtask`: the project's one entry point.
//!
//! - `run`: set up what is missing, start the server on its embedded SQLite (127.0.0.1:8080)
//!   and open the app against it.
//! - `test`: set up what is missing, then lint and run every test: Rust (both SQLite and a
//!   throwaway PostgreSQL on loopback), the holiday cross-check, the UI and the end-to-end suite.
//! - `bench`: the flash-crowd load test on both engines; writes docs/BENCHMARKS.md.

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
    /// Flash-crowd load test over HTTP on 127.0.0.1, both engines; writes docs/BENCHMARKS.md.
    Bench {
        /// Booking requests fired at the release moment.
        #[arg(long, default_value_t = 6000)]
        bookings: usize,
        /// Concurrent connections.
        #[arg(long, default_value_t = 128)]
        concurrency: usize,
        /// Nationwide 30-day searches.
        #[arg(long, default_value_t = 2000)]
        searches: usize,
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
            bookings,
            concurrency,
            searches,
        } => bench::run(&root, bookings, concurrency, searches),
    }
}
