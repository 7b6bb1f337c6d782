//! `spawn_app()`: a real server on 127.0.0.1 with a fresh database per test. SQLite by default;
//! with `ANTRE_TEST_POSTGRES_URL` set (an admin URL of a running PostgreSQL), each test gets its
//! own new PostgreSQL database instead, so the same tests cover both engines.
//! `cluster`: several server processes behind nginx, for the cluster test.
#![allow(dead_code)] // each test binary uses a different part of this module

pub mod cluster;
pub mod process;

use antre_api::accounts::{LoginRequest, RegisterRequest, Role, VerifyRequest};
use antre_api::applicants::{ApplicantRequest, ApplicantView};
use antre_client::Client;
use antre_server::clock::Clock;
use antre_server::config::SecretSource;
use antre_server::startup::{self, Running};
use antre_server::store::{accounts, Db};
use antre_server::Config;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::{Connection, Executor};
use uuid::Uuid;

pub const PASSWORD: &str = "Passpor2026!";

/// Friday 4 December 2026, 15:00 WIB: the weekly release (Friday 14:00) of the week of
/// 7-13 December has just happened, and no holiday is near.
pub fn test_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-04T08:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub struct TestApp {
    pub running: Running,
    pub url: String,
    pub clock: Clock,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_on(fresh_database_url().await, adjust).await
}

pub const TEST_DATA_KEY: [u8; 32] = [7; 32];

/// A server on an existing database: another instance beside a running one, or a restart.
pub async fn spawn_app_on(database_url: String, adjust: impl FnOnce(&mut Config)) -> TestApp {
    try_spawn_app_on(database_url, adjust)
        .await
        .expect("server starts")
}

/// As `spawn_app_on`, for a test of a start that is refused.
pub async fn try_spawn_app_on(
    database_url: String,
    adjust: impl FnOnce(&mut Config),
) -> anyhow::Result<TestApp> {
    let clock = Clock::manual(test_now());
    let mut config = Config {
        database_url,
        bind: "127.0.0.1:0".parse().unwrap(),
        // A key of its own, never a file in the user's data dir.
        proof_key: SecretSource::Value(rand::random()),
        draw_secret: SecretSource::Value(rand::random()),
        // One key for every instance on a database, as in a deployment (a key of tests only).
        data_key: SecretSource::Value(TEST_DATA_KEY),
        payment_secret: Some(b"test-payment-secret".to_vec()),
        sms_secret: Some(b"test-sms-secret".to_vec()),
        rate_per_ip_per_minute: 1_000_000,
        rate_per_account_per_minute: 1_000_000,
        trusted_proxies: Vec::new(),
        max_in_flight: 10_000,
        horizon_days: 21,
        // The tests drive time by hand and run the sweeper themselves.
        sweep_every: std::time::Duration::from_secs(3600),
        // Tests move the clock and change slots between searches: always query.
        search_snapshot_max_age: std::time::Duration::ZERO,
        clock: clock.clone(),
        password_workers: 2,
        draw_entry_window: antre_server::draws::DEFAULT_ENTRY_WINDOW,
        sqlite_max_group: antre_server::store::DbOptions::default().sqlite_max_group,
    };
    adjust(&mut config);
    let clock = config.clock.clone();
    let running = startup::spawn(config).await?;
    let url = running.url();
    Ok(TestApp {
        running,
        url,
        clock,
    })
}

async fn fresh_database_url() -> String {
    match std::env::var("ANTRE_TEST_POSTGRES_URL") {
        Ok(admin_url) => {
            // Named by the hour it was made, so that a later run can drop what earlier runs
            // left behind (a test does not outlive two hours; a developer's cluster otherwise
            // fills the disk with hundreds of them).
            let hour = chrono::Utc::now().timestamp() / 3600;
            let name = format!("antre_test_{hour}_{}", Uuid::new_v4().simple());
            let mut admin = sqlx::PgConnection::connect(&admin_url)
                .await
                .expect("PostgreSQL admin connection");
            drop_stale_databases(&mut admin, hour).await;
            admin
                .execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create test database");
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&admin_url);
            format!("{base}/{name}")
        }
        Err(_) => {
            let dir = std::env::temp_dir().join("antre-tests");
            std::fs::create_dir_all(&dir).unwrap();
            format!(
                "sqlite://{}?mode=rwc",
                dir.join(format!("{}.db", Uuid::new_v4())).display()
            )
        }
    }
}

/// Drops the test databases made two or more hours before `hour` (older runs' leftovers; the
/// ones of runs going on now are younger). Best effort: another run may drop one first.
async fn drop_stale_databases(admin: &mut sqlx::PgConnection, hour: i64) {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'antre\\_test\\_%'")
            .fetch_all(&mut *admin)
            .await
            .unwrap_or_default();
    for name in names {
        let made = name
            .strip_prefix("antre_test_")
            .and_then(|rest| rest.split_once('_'))
            .and_then(|(h, _)| h.parse::<i64>().ok());
        // Names from before this scheme carry no hour: they are old by definition.
        if made.is_none_or(|h| h <= hour - 2) {
            let _ = admin
                .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await;
        }
    }
}

/// A NIK from Kota Bekasi for a birth date; `serial` tells people born the same day apart.
pub fn nik(birth: NaiveDate, female: bool, serial: u32) -> String {
    let day = birth.day() + if female { 40 } else { 0 };
    format!(
        "327501{day:02}{:02}{:02}{serial:04}",
        birth.month(),
        birth.year() % 100
    )
}

pub fn applicant(name: &str, birth: NaiveDate, serial: u32) -> ApplicantRequest {
    ApplicantRequest {
        nik: nik(birth, false, serial),
        name: name.into(),
        birth_date: birth,
        pregnant: false,
        disability: false,
        married: false,
    }
}

impl TestApp {
    pub fn db(&self) -> &Db {
        &self.running.state.db
    }

    /// Fails the test if any capacity invariant is broken (`antre-server check`'s rules).
    pub async fn assert_invariants(&self) {
        let broken = antre_server::store::invariants::check(self.db())
            .await
            .unwrap();
        assert!(broken.is_empty(), "{broken:?}");
    }

    pub fn database_url(&self) -> String {
        self.running.state.config.database_url.clone()
    }

    pub fn client(&self) -> Client {
        Client::new(&self.url)
    }

    /// Registers, verifies with the code from the outbox, and signs in.
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = self.client();
        client
            .register(&RegisterRequest {
                email: email.into(),
                phone: "081234567890".into(),
                password: PASSWORD.into(),
            })
            .await
            .expect("register");
        let code = self.code_sent_to(email).await;
        client
            .verify(&VerifyRequest {
                email: email.into(),
                code,
                channel: None,
            })
            .await
            .expect("verify");
        let session = client
            .login(&LoginRequest {
                email: email.into(),
                password: PASSWORD.into(),
                device: None,
            })
            .await
            .expect("login");
        client.with_token(session.token)
    }

    /// Pays a booking the way a bank does: a callback signed with the provider's secret.
    pub async fn pay(&self, booking: &antre_api::bookings::BookingView) {
        self.pay_code(&booking.billing_code, booking.fee_total)
            .await
    }

    /// Pays a billing code (a booking nobody holds in an app: a drive member's).
    pub async fn pay_code(&self, billing_code: &str, amount: i64) {
        pay_by_callback(&self.url, b"test-payment-secret", billing_code, amount).await
    }

    pub async fn code_sent_to(&self, email: &str) -> String {
        let body = accounts::latest_outbox(self.db(), email)
            .await
            .unwrap()
            .expect("a message was sent");
        body.split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 6)
            .expect("a 6-digit code")
            .to_string()
    }

    /// A staff member of `office` (or an admin with `None`), signed in.
    pub async fn staff(&self, email: &str, office: Option<&str>) -> Client {
        let role = if office.is_some() {
            Role::Staff
        } else {
            Role::Admin
        };
        self.account_with_role(email, role, office).await
    }

    /// An outreach officer of `office`, signed in.
    pub async fn outreach(&self, email: &str, office: &str) -> Client {
        self.account_with_role(email, Role::Outreach, Some(office))
            .await
    }

    /// The head of `office`, signed in.
    pub async fn head(&self, email: &str, office: &str) -> Client {
        self.account_with_role(email, Role::Head, Some(office))
            .await
    }

    async fn account_with_role(&self, email: &str, role: Role, office: Option<&str>) -> Client {
        let hash = antre_server::passwords::hash_password(PASSWORD).unwrap();
        let new = accounts::NewAccount {
            email,
            phone: "+6281200000000",
            password_hash: &hash,
            role,
            office_id: office,
            verified_at: Some(self.clock.now()),
        };
        assert!(matches!(
            accounts::create(self.db(), new, self.clock.now())
                .await
                .unwrap(),
            accounts::Created::New(_)
        ));
        let session = self
            .client()
            .login(&LoginRequest {
                email: email.into(),
                password: PASSWORD.into(),
                device: None,
            })
            .await
            .expect("staff login");
        self.client().with_token(session.token)
    }

    /// Test setup only: the capacity of one slot, all of it public (no protected places).
    pub async fn set_capacity(&self, slot_id: i64, capacity: i64) {
        self.db()
            .execute(
                sqlx::query("UPDATE slots SET capacity = $1, protected = 0 WHERE id = $2")
                    .bind(capacity)
                    .bind(slot_id),
            )
            .await
            .unwrap();
    }

    /// (capacity, booked, bookings holding a place) of a slot, read straight from the tables.
    pub async fn slot_counts(&self, slot_id: i64) -> (i64, i64, i64) {
        use sqlx::Row;
        let s = sqlx::query("SELECT capacity, booked FROM slots WHERE id = $1")
            .bind(slot_id)
            .fetch_one(&self.db().read)
            .await
            .unwrap();
        let held = sqlx::query("SELECT COUNT(*) AS n FROM bookings WHERE slot_id = $1 AND status IN ('pending_payment', 'confirmed')")
            .bind(slot_id)
            .fetch_one(&self.db().read)
            .await
            .unwrap();
        (s.get("capacity"), s.get("booked"), held.get("n"))
    }

    /// An account with `count` applicants (max 5), aged 30.
    pub async fn family(
        &self,
        email: &str,
        count: u32,
        first_serial: u32,
    ) -> (Client, Vec<ApplicantView>) {
        let client = self.signed_in(email).await;
        let mut people = Vec::new();
        for i in 0..count {
            let a = applicant("BUDI SANTOSO", day(1996, 5, 17), first_serial + i);
            people.push(client.add_applicant(&a).await.expect("add applicant"));
        }
        (client, people)
    }

    /// Stops the server, keeping its database for another server to open.
    pub async fn stop_keeping_database(self) {
        self.running.shutdown().await.unwrap();
    }

    /// Stops the server and removes its SQLite files (a PostgreSQL test database stays with
    /// its throwaway cluster): a suite of hundreds of tests must not fill the disk.
    pub async fn stop(self) {
        let url = self.database_url();
        self.running.shutdown().await.unwrap();
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .and_then(|rest| rest.split('?').next())
        {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{path}{suffix}"));
            }
        }
    }
}

/// Pays a billing code the way the bank does: a callback to the server at `url`, signed with
/// the shared `secret`.
pub async fn pay_by_callback(url: &str, secret: &[u8], billing_code: &str, amount: i64) {
    let body = serde_json::to_vec(&antre_api::bookings::PaymentCallback {
        billing_code: billing_code.to_string(),
        amount,
        provider_reference: format!("bank-{}", Uuid::new_v4()),
    })
    .unwrap();
    let signature = antre_server::routes::payments::sign(secret, &body);
    let response = reqwest::Client::new()
        .post(format!("{url}/v1/payments/callback"))
        .header(antre_api::PAYMENT_SIGNATURE_HEADER, signature)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "payment: {}",
        response.status()
    );
}
