//! A deployment in miniature for the cluster test: real `antre-server` processes on one new
//! PostgreSQL database, behind nginx running `deploy/nginx/antre.conf`. Everything started here
//! is killed when the `Cluster` is dropped, also when the test fails; then the logs' last lines
//! are printed and the directory holding them is kept.

use antre_api::bookings::BookingView;
use antre_client::Client;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::{Connection, Executor, Row};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use uuid::Uuid;

const SERVER: &str = env!("CARGO_BIN_EXE_antre-server");
/// Monday 7 December 2026, 07:30 WIB: the places of the week of 7-13 December were released on
/// Friday 14:00, and today's 08:00 session at Bekasi has not started.
pub const CLOCK_START: &str = "2026-12-07T00:30:00Z";
pub const SWEEP_EVERY_MS: u64 = 300;
/// Starting a debug build, migrating and opening the horizon takes seconds; this is the limit.
const READY_WITHIN: Duration = Duration::from_secs(90);

pub struct Cluster {
    dir: PathBuf,
    admin_url: String,
    database: String,
    /// The tables, read directly (test setup and checks).
    pub db: PgPool,
    env: Vec<(&'static str, String)>,
    servers: Vec<Server>,
    nginx: Option<Child>,
    /// The public entry: nginx.
    url: String,
    payment_secret: String,
}

struct Server {
    child: Child,
    /// Where it was told to listen; port 0 until it reports the port it got.
    addr: SocketAddr,
    logs: Vec<PathBuf>,
}

impl Cluster {
    /// `instances` servers, all started at once, then nginx in front of them.
    pub async fn start(instances: usize) -> Cluster {
        let admin_url = std::env::var("ANTRE_TEST_POSTGRES_URL").expect(
            "the cluster test needs PostgreSQL: set ANTRE_TEST_POSTGRES_URL to an admin URL \
             (cargo xtask test starts one)",
        );
        let nginx = nginx_binary().expect(
            "the cluster test needs nginx (apt-get install nginx; cargo xtask test installs it)",
        );
        let dir = std::env::temp_dir().join(format!("antre-cluster-{}", Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("nginx-temp")).unwrap();
        let database = format!("antre_cluster_{}", Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("PostgreSQL admin connection");
        admin
            .execute(format!("CREATE DATABASE {database}").as_str())
            .await
            .expect("create the cluster's database");
        let base = admin_url.rsplit_once('/').map_or(&*admin_url, |(b, _)| b);
        let database_url = format!("{base}/{database}");
        let payment_secret = Uuid::new_v4().simple().to_string();
        let mut env = vec![
            ("HOME", dir.display().to_string()),
            ("DATABASE_URL", database_url.clone()),
            ("ANTRE_PAYMENT_SECRET", payment_secret.clone()),
            ("ANTRE_TRUSTED_PROXIES", "127.0.0.1".into()),
            ("ANTRE_TEST_CLOCK_START", CLOCK_START.into()),
            ("ANTRE_SWEEP_EVERY_MS", SWEEP_EVERY_MS.to_string()),
            ("ANTRE_RATE_PER_IP_PER_MINUTE", "1000000".into()),
            ("ANTRE_RATE_PER_ACCOUNT_PER_MINUTE", "1000000".into()),
            // As in `spawn_app`: these tests race hundreds of requests at once on purpose, and
            // are about what the database allows, not about load shedding.
            ("ANTRE_MAX_IN_FLIGHT", "10000".into()),
            ("ANTRE_LOG_FORMAT", "json".into()),
            ("RUST_LOG", "info,sqlx=warn".into()),
        ];
        // Nothing else in the environment, so nothing but the key on its output.
        let key = run_cli(&[], &["generate-secret"], None).await;
        env.push(("ANTRE_PROOF_KEY", key.trim().to_string()));
        let draw = run_cli(&[], &["generate-secret"], None).await;
        env.push(("ANTRE_DRAW_SECRET", draw.trim().to_string()));
        let data_key = run_cli(&[], &["generate-secret"], None).await;
        env.push(("ANTRE_DATA_KEY", data_key.trim().to_string()));
        let mut cluster = Cluster {
            dir,
            admin_url,
            database,
            db: PgPoolOptions::new()
                .max_connections(4)
                .connect_lazy(&database_url)
                .unwrap(),
            env,
            servers: Vec::new(),
            nginx: None,
            url: String::new(),
            payment_secret,
        };
        // All at once, as after a deployment: they migrate and open slots concurrently.
        for i in 0..instances {
            let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
            let (child, log) = cluster.spawn_server(i, addr);
            cluster.servers.push(Server {
                child,
                addr,
                logs: vec![log],
            });
        }
        for i in 0..instances {
            cluster.servers[i].addr = cluster.wait_until_listening(i).await;
        }
        cluster.start_nginx(&nginx).await;
        cluster
    }

    /// Instance `i` (0-based), addressed directly.
    pub fn instance(&self, i: usize) -> Client {
        Client::new(&format!("http://{}", self.servers[i].addr))
    }

    /// nginx, which picks the instance.
    pub fn entry(&self) -> Client {
        Client::new(&self.url)
    }

    fn spawn_server(&self, i: usize, bind: SocketAddr) -> (Child, PathBuf) {
        let starts = self.servers.get(i).map_or(0, |s| s.logs.len());
        let log = self
            .dir
            .join(format!("server{}-start{}.log", i + 1, starts + 1));
        let out = std::fs::File::create(&log).unwrap();
        let child = Command::new(SERVER)
            .args(["serve", "--bind", &bind.to_string()])
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("start antre-server");
        (child, log)
    }

    /// Waits for the instance's "listening" log line and returns the address it names.
    async fn wait_until_listening(&mut self, i: usize) -> SocketAddr {
        let deadline = Instant::now() + READY_WITHIN;
        loop {
            let log = self.servers[i].logs.last().unwrap();
            let text = std::fs::read_to_string(log).unwrap_or_default();
            if let Some(addr) = text.lines().find_map(listening_address) {
                return addr;
            }
            if let Some(status) = self.servers[i].child.try_wait().unwrap() {
                panic!("instance {} exited ({status}) before listening", i + 1);
            }
            assert!(
                Instant::now() < deadline,
                "instance {} not listening within {READY_WITHIN:?}",
                i + 1
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Kills instance `i` (SIGKILL, as a crash would) and starts it again on the same address
    /// with the same environment; returns once it listens.
    pub async fn kill_and_restart(&mut self, i: usize) {
        let server = &mut self.servers[i];
        server.child.kill().unwrap();
        server.child.wait().unwrap();
        let (child, log) = self.spawn_server(i, self.servers[i].addr);
        self.servers[i].child = child;
        self.servers[i].logs.push(log);
        let addr = self.wait_until_listening(i).await;
        assert_eq!(addr, self.servers[i].addr, "restarted on the same address");
    }

    async fn start_nginx(&mut self, nginx: &Path) {
        let template = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/nginx/antre.conf"),
        )
        .expect("deploy/nginx/antre.conf");
        let upstreams: Vec<String> = self
            .servers
            .iter()
            .map(|s| format!("server {} max_fails=3 fail_timeout=10s;", s.addr))
            .collect();
        std::fs::write(self.dir.join("nginx.conf"), main_config(&self.dir)).unwrap();
        // A free port can be taken by someone else before nginx binds it: then try another.
        for _ in 0..3 {
            let port = free_port();
            let conf = render(&template, port, &upstreams.join("\n    "));
            std::fs::write(self.dir.join("antre.conf"), conf).unwrap();
            let mut child = Command::new(nginx)
                .arg("-p")
                .arg(&self.dir)
                .arg("-e")
                .arg(self.dir.join("nginx-error.log"))
                .arg("-c")
                .arg(self.dir.join("nginx.conf"))
                // One process, so that killing it leaves no workers behind.
                .args(["-g", "daemon off; master_process off;"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start nginx");
            let url = format!("http://127.0.0.1:{port}");
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                if Client::new(&url).health().await.is_ok() {
                    self.nginx = Some(child);
                    self.url = url;
                    return;
                }
                if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
                    let _ = child.kill();
                    let _ = child.wait();
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        panic!(
            "nginx did not answer /healthz: {}",
            tail(&self.dir.join("nginx-error.log"))
        );
    }

    /// Creates a staff account of `office` with the CLI, as an operator does.
    pub async fn create_staff(&self, email: &str, password: &str, office: &str) {
        let out = run_cli(
            &self.env,
            &[
                "create-staff",
                "--email",
                email,
                "--phone",
                "081234567890",
                "--office",
                office,
            ],
            Some(password),
        )
        .await;
        // Its log (the test clock's warning) shares standard output.
        assert!(
            out.lines().any(|l| l.starts_with("created ")),
            "create-staff: {out}"
        );
    }

    /// The sign-up code last sent to `email` (the local sender writes it to `outbox`).
    pub async fn code_sent_to(&self, email: &str) -> String {
        let body: String =
            sqlx::query("SELECT body FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1")
                .bind(email)
                .fetch_one(&self.db)
                .await
                .expect("a message was sent")
                .get("body");
        body.split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 6)
            .expect("a 6-digit code")
            .to_string()
    }

    /// Pays a booking the way the bank does: a callback signed with the shared secret, sent to
    /// the public entry.
    pub async fn pay(&self, booking: &BookingView) {
        super::pay_by_callback(
            &self.url,
            self.payment_secret.as_bytes(),
            &booking.billing_code,
            booking.fee_total,
        )
        .await
    }

    /// The instances (`host:port`) that nginx sent `method path` requests to, from its log.
    pub fn upstreams_used_for(&self, method: &str, path: &str) -> Vec<String> {
        let log = std::fs::read_to_string(self.dir.join("access.log")).unwrap_or_default();
        let mut used: Vec<String> = log
            .lines()
            .filter_map(|l| {
                let mut f = l.split(' ');
                let (m, p, _status, upstream) = (f.next()?, f.next()?, f.next()?, f.next()?);
                (m == method && p == path).then(|| upstream.to_string())
            })
            .collect();
        used.sort();
        used.dedup();
        used
    }

    pub fn instance_addresses(&self) -> Vec<String> {
        let mut all: Vec<String> = self.servers.iter().map(|s| s.addr.to_string()).collect();
        all.sort();
        all
    }

    /// Checks that no server logged a panic or an error, stops each instance with SIGTERM (it
    /// must exit cleanly), stops nginx and drops the database.
    pub async fn finish(mut self) {
        for (i, server) in self.servers.iter().enumerate() {
            for log in &server.logs {
                let text = std::fs::read_to_string(log).unwrap();
                let bad = text
                    .lines()
                    .find(|l| l.contains("panicked") || l.contains(r#""level":"ERROR""#));
                assert!(
                    bad.is_none(),
                    "instance {} ({}): {}",
                    i + 1,
                    log.display(),
                    bad.unwrap_or_default()
                );
            }
        }
        for (i, server) in self.servers.iter_mut().enumerate() {
            let status = Command::new("kill")
                .args(["-TERM", &server.child.id().to_string()])
                .status()
                .unwrap();
            assert!(status.success(), "kill -TERM");
            let deadline = Instant::now() + Duration::from_secs(15);
            let exit = loop {
                if let Some(exit) = server.child.try_wait().unwrap() {
                    break exit;
                }
                assert!(
                    Instant::now() < deadline,
                    "instance {} did not stop on SIGTERM",
                    i + 1
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            };
            assert!(exit.success(), "instance {} stopped with {exit}", i + 1);
        }
        self.db.close().await;
        let mut admin = sqlx::PgConnection::connect(&self.admin_url).await.unwrap();
        admin
            .execute(format!("DROP DATABASE {} WITH (FORCE)", self.database).as_str())
            .await
            .unwrap();
        // Drop kills nginx and removes the directory.
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for server in &mut self.servers {
            let _ = server.child.kill();
            let _ = server.child.wait();
        }
        if let Some(nginx) = &mut self.nginx {
            let _ = nginx.kill();
            let _ = nginx.wait();
        }
        if std::thread::panicking() {
            for (i, server) in self.servers.iter().enumerate() {
                for log in &server.logs {
                    eprintln!("--- instance {} ({}):\n{}", i + 1, log.display(), tail(log));
                }
            }
            eprintln!(
                "--- nginx:\n{}\n(kept: {})",
                tail(&self.dir.join("nginx-error.log")),
                self.dir.display()
            );
        } else {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The address in a JSON log line `{"fields":{"message":"Antre server listening","url":..}}`.
pub fn listening_address(line: &str) -> Option<SocketAddr> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let fields = value.get("fields")?;
    if fields.get("message")?.as_str()? != "Antre server listening" {
        return None;
    }
    fields
        .get("url")?
        .as_str()?
        .strip_prefix("http://")?
        .parse()
        .ok()
}

/// Fills the placeholders of deploy/nginx/antre.conf.
fn render(template: &str, port: u16, upstreams: &str) -> String {
    let rendered = template
        .replace("@LISTEN@", &format!("127.0.0.1:{port}"))
        .replace("@UPSTREAMS@", upstreams);
    let unfilled = rendered
        .lines()
        .find(|l| !l.trim_start().starts_with('#') && l.contains('@'));
    assert!(
        unfilled.is_none(),
        "antre.conf has an unfilled placeholder: {unfilled:?}"
    );
    rendered
}

/// What Debian's /etc/nginx/nginx.conf gives around conf.d files, with every path in `dir`;
/// the access log names the instance each request went to.
fn main_config(dir: &Path) -> String {
    let d = dir.display();
    format!(
        "pid {d}/nginx.pid;
events {{ worker_connections 4096; }}
http {{
    log_format upstream '$request_method $uri $status $upstream_addr';
    access_log {d}/access.log upstream;
    client_body_temp_path {d}/nginx-temp/body;
    proxy_temp_path {d}/nginx-temp/proxy;
    fastcgi_temp_path {d}/nginx-temp/fastcgi;
    uwsgi_temp_path {d}/nginx-temp/uwsgi;
    scgi_temp_path {d}/nginx-temp/scgi;
    include {d}/antre.conf;
}}
"
    )
}

fn nginx_binary() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    on_path
        .into_iter()
        .chain([PathBuf::from("/usr/sbin")])
        .map(|d| d.join("nginx"))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Runs an `antre-server` subcommand with the cluster's environment; returns its stdout.
pub async fn run_cli(
    env: &[(&'static str, String)],
    args: &[&str],
    password: Option<&str>,
) -> String {
    let mut command = tokio::process::Command::new(SERVER);
    command
        .args(args)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)));
    if let Some(password) = password {
        command.env("ANTRE_NEW_PASSWORD", password);
    }
    let out = command.output().await.expect("run antre-server");
    assert!(
        out.status.success(),
        "antre-server {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The last lines of a log, for failure messages.
pub fn tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}
