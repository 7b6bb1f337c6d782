//! One real `antre-server` process on a database of its own (SQLite file by default, a new
//! PostgreSQL database with `ANTRE_TEST_POSTGRES_URL`), which a test kills with SIGKILL and
//! starts again on the same database, as a crash and a restart by the supervisor would. The
//! process and its files go when the `Process` is dropped (the logs are printed and kept when
//! the test failed).

use super::cluster::{listening_address, run_cli, tail, CLOCK_START};
use antre_api::bookings::BookingView;
use antre_client::Client;
use antre_server::store::Db;
use sqlx::{Connection, Executor};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use uuid::Uuid;

const SERVER: &str = env!("CARGO_BIN_EXE_antre-server");
const READY_WITHIN: Duration = Duration::from_secs(90);

pub struct Process {
    dir: PathBuf,
    pub database_url: String,
    env: Vec<(&'static str, String)>,
    child: Option<Child>,
    logs: Vec<PathBuf>,
    addr: SocketAddr,
    payment_secret: String,
    /// The same database, opened by the test (outbox codes, setup).
    pub db: Option<Db>,
}

impl Process {
    /// Starts a server on a new database and returns once it listens.
    pub async fn start() -> Process {
        let dir = std::env::temp_dir().join(format!("antre-faults-{}", Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let database_url = match std::env::var("ANTRE_TEST_POSTGRES_URL") {
            Ok(admin_url) => {
                let hour = chrono::Utc::now().timestamp() / 3600;
                let name = format!("antre_test_{hour}_{}", Uuid::new_v4().simple());
                let mut admin = sqlx::PgConnection::connect(&admin_url)
                    .await
                    .expect("PostgreSQL admin connection");
                super::drop_stale_databases(&mut admin, hour).await;
                admin
                    .execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("create the test database");
                let base = admin_url.rsplit_once('/').map_or(&*admin_url, |(b, _)| b);
                format!("{base}/{name}")
            }
            Err(_) => format!("sqlite://{}?mode=rwc", dir.join("antre.db").display()),
        };
        let payment_secret = Uuid::new_v4().simple().to_string();
        let mut env = vec![
            ("HOME", dir.display().to_string()),
            ("DATABASE_URL", database_url.clone()),
            ("ANTRE_PAYMENT_SECRET", payment_secret.clone()),
            ("ANTRE_TEST_CLOCK_START", CLOCK_START.into()),
            ("ANTRE_RATE_PER_IP_PER_MINUTE", "1000000".into()),
            ("ANTRE_RATE_PER_ACCOUNT_PER_MINUTE", "1000000".into()),
            ("ANTRE_MAX_IN_FLIGHT", "10000".into()),
            ("ANTRE_LOG_FORMAT", "json".into()),
            ("RUST_LOG", "info,sqlx=warn".into()),
        ];
        for name in ["ANTRE_PROOF_KEY", "ANTRE_DRAW_SECRET", "ANTRE_DATA_KEY"] {
            let secret = run_cli(&[], &["generate-secret"], None).await;
            env.push((name, secret.trim().to_string()));
        }
        let mut process = Process {
            dir,
            database_url,
            env,
            child: None,
            logs: Vec::new(),
            addr: "127.0.0.1:0".parse().unwrap(),
            payment_secret,
            db: None,
        };
        process.spawn().await;
        process.db = Some(
            Db::open(&process.database_url)
                .await
                .expect("open the database"),
        );
        process
    }

    async fn spawn(&mut self) {
        let log = self
            .dir
            .join(format!("server-start{}.log", self.logs.len() + 1));
        let out = std::fs::File::create(&log).unwrap();
        let child = Command::new(SERVER)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("start antre-server");
        self.child = Some(child);
        self.logs.push(log.clone());
        let deadline = Instant::now() + READY_WITHIN;
        loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(addr) = text.lines().find_map(listening_address) {
                self.addr = addr;
                return;
            }
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!(
                    "antre-server exited ({status}) before listening: {}",
                    tail(&log)
                );
            }
            assert!(
                Instant::now() < deadline,
                "antre-server not listening within {READY_WITHIN:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGKILL, as a crash would: no shutdown, no flush, nothing.
    pub fn kill(&mut self) {
        let mut child = self.child.take().expect("running");
        child.kill().unwrap();
        child.wait().unwrap();
    }

    /// Starts the server again on the same database (on a new port); returns once it listens.
    pub async fn restart(&mut self) {
        assert!(self.child.is_none(), "killed first");
        self.spawn().await;
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn client(&self) -> Client {
        Client::new(&self.url())
    }

    pub fn db(&self) -> &Db {
        self.db.as_ref().unwrap()
    }

    /// `antre-server check` (the operator's invariant check) on the database: its output, and
    /// whether it passed.
    pub async fn check(&self) -> (bool, String) {
        let out = tokio::process::Command::new(SERVER)
            .arg("check")
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.dir)
            .output()
            .await
            .expect("run antre-server check");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    /// Pays a booking the way the bank does: a callback signed with the shared secret.
    pub async fn pay(&self, booking: &BookingView) {
        super::pay_by_callback(
            &self.url(),
            self.payment_secret.as_bytes(),
            &booking.billing_code,
            booking.fee_total,
        )
        .await
    }

    /// Checks that no start logged a panic or an error (a killed one may end mid-line), stops
    /// the server with SIGTERM and removes the database.
    pub async fn finish(mut self) {
        for log in &self.logs {
            let text = std::fs::read_to_string(log).unwrap();
            let bad = text
                .lines()
                .find(|l| l.contains("panicked") || l.contains(r#""level":"ERROR""#));
            assert!(
                bad.is_none(),
                "{}: {}",
                log.display(),
                bad.unwrap_or_default()
            );
        }
        if let Some(mut child) = self.child.take() {
            let status = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status()
                .unwrap();
            assert!(status.success(), "kill -TERM");
            let deadline = Instant::now() + Duration::from_secs(15);
            let exit = loop {
                if let Some(exit) = child.try_wait().unwrap() {
                    break exit;
                }
                assert!(Instant::now() < deadline, "did not stop on SIGTERM");
                tokio::time::sleep(Duration::from_millis(50)).await;
            };
            assert!(exit.success(), "stopped with {exit}");
        }
        if let Some(db) = self.db.take() {
            db.close().await;
        }
        // Drop removes the directory (and the SQLite files in it). A PostgreSQL database stays,
        // as `spawn_app`'s do (dropping one takes seconds on a busy machine): it is named by
        // the hour, and a later test run drops it with the other stale ones.
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        if std::thread::panicking() {
            for log in &self.logs {
                eprintln!("--- {}:\n{}", log.display(), tail(log));
            }
            eprintln!("(kept: {})", self.dir.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
