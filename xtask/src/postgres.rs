//! A throwaway PostgreSQL cluster on 127.0.0.1 for the test suite: initdb in target/, a free
//! port, trust auth on loopback only, stopped (and deleted) when dropped.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct TestPostgres {
    bin: PathBuf,
    data: PathBuf,
    as_postgres_user: bool,
    pub url: String,
}

fn pg_bin() -> Result<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .context("PostgreSQL is not installed (no /usr/lib/postgresql)")?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort();
    versions
        .pop()
        .context("no initdb found under /usr/lib/postgresql")
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl TestPostgres {
    /// `durable`: fsync and synchronous commit on (benchmarks); off for the test suite, where a
    /// crash loses nothing of value and speed matters.
    pub fn start(root: &Path, durable: bool) -> Result<TestPostgres> {
        let bin = pg_bin()?;
        let base = root.join("target/antre-test-postgres");
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(&base)?;
        let data = base.join("data");
        // PostgreSQL refuses to run as root; as root we run it as the `postgres` user.
        let as_postgres_user = crate::steps::output("id", &["-u"])?.trim() == "0";
        if as_postgres_user {
            crate::steps::cmd(
                "chown",
                &["-R", "postgres", base.to_str().unwrap()],
                None,
                &[],
            )?;
            // The user must be able to reach the directory through its parents.
            let mut p = base.clone();
            while let Some(parent) = p.parent() {
                let _ = Command::new("chmod")
                    .args(["o+x", parent.to_str().unwrap()])
                    .status();
                p = parent.to_path_buf();
            }
        }
        let port = free_port()?;
        let pg = TestPostgres {
            bin,
            data,
            as_postgres_user,
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        };
        pg.pg(&[
            "initdb",
            "-D",
            pg.data.to_str().unwrap(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        ])?;
        let socket_dir = base.to_str().unwrap().to_string();
        let speed = if durable {
            ""
        } else {
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        };
        let options = format!(
            "-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c max_connections=500{speed}"
        );
        let log = base.join("postgres.log");
        pg.pg(&[
            "pg_ctl",
            "-D",
            pg.data.to_str().unwrap(),
            "-o",
            &options,
            "-l",
            log.to_str().unwrap(),
            "-w",
            "start",
        ])?;
        Ok(pg)
    }

    /// The postmaster's process id (its backends are its children).
    pub fn pid(&self) -> Option<u32> {
        std::fs::read_to_string(self.data.join("postmaster.pid"))
            .ok()?
            .lines()
            .next()?
            .trim()
            .parse()
            .ok()
    }

    fn pg(&self, args: &[&str]) -> Result<()> {
        let program = self.bin.join(args[0]);
        let status = if self.as_postgres_user {
            Command::new("runuser")
                .arg("-u")
                .arg("postgres")
                .arg("--")
                .arg(&program)
                .args(&args[1..])
                .status()
        } else {
            Command::new(&program).args(&args[1..]).status()
        }
        .with_context(|| format!("{}", program.display()))?;
        if !status.success() {
            bail!("{} failed", args[0]);
        }
        Ok(())
    }
}

impl Drop for TestPostgres {
    fn drop(&mut self) {
        let _ = self.pg(&[
            "pg_ctl",
            "-D",
            self.data.to_str().unwrap(),
            "-m",
            "immediate",
            "stop",
        ]);
    }
}
