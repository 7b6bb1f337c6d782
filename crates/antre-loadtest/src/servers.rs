//! The system under test as separate processes: `antre-server serve` instances and, for more
//! than one, nginx in front of them with `deploy/nginx/antre.conf` (the file the cluster test
//! and a deployment use). Everything started here is stopped by `stop` or, on an error, when
//! dropped. Also reads what the processes used (CPU time, memory) from /proc.

use crate::client::{Call, Conn, Reply};
use anyhow::{bail, Context, Result};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Clone)]
pub struct Setup {
    pub server_bin: PathBuf,
    pub database_url: String,
    pub instances: usize,
    /// nginx and the config template, for more than one instance.
    pub nginx: Option<(PathBuf, PathBuf)>,
    /// Settings given to every instance (`KEY=VALUE`), after the load tool's own.
    pub env: Vec<(String, String)>,
    /// Logs, the nginx config and the instances' data dir.
    pub dir: PathBuf,
    /// The run's secrets (`KEY=VALUE`: proof key, data key, draw secret), as every instance
    /// needs the same.
    pub secrets: Vec<(String, String)>,
    /// The PostgreSQL server's postmaster, whose processes' CPU is counted too.
    pub postgres_pid: Option<u32>,
}

pub struct System {
    postgres_pid: Option<u32>,
    servers: Vec<Child>,
    nginx: Option<Child>,
    /// Where clients connect: the instance, or nginx.
    pub entry: SocketAddr,
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl Setup {
    /// Starts the instances (and nginx), and returns once the entry answers `/healthz`.
    /// `snapshot_ms`: `ANTRE_SEARCH_SNAPSHOT_MS` (`None`: the server's default).
    pub async fn start(&self, snapshot_ms: Option<u32>) -> Result<System> {
        let mut system = System {
            postgres_pid: self.postgres_pid,
            servers: Vec::new(),
            nginx: None,
            entry: "127.0.0.1:0".parse()?,
        };
        let mut addrs = Vec::new();
        for i in 0..self.instances {
            let addr: SocketAddr = format!("127.0.0.1:{}", free_port()?).parse()?;
            let log = std::fs::File::create(self.dir.join(format!("server{}.log", i + 1)))?;
            let mut command = Command::new(&self.server_bin);
            command
                .args(["serve", "--bind", &addr.to_string()])
                .env("DATABASE_URL", &self.database_url)
                .envs(self.secrets.iter().map(|(k, v)| (k, v)))
                // Nothing in the user's data dir.
                .env("XDG_DATA_HOME", self.dir.join("data"))
                // One address sends the whole crowd: per-address limits would refuse it.
                .env("ANTRE_RATE_PER_IP_PER_MINUTE", "100000000")
                .env("ANTRE_RATE_PER_ACCOUNT_PER_MINUTE", "100000000")
                .env("RUST_LOG", "warn")
                .stdin(Stdio::null())
                .stdout(log.try_clone()?)
                .stderr(log);
            if self.nginx.is_some() {
                command.env("ANTRE_TRUSTED_PROXIES", "127.0.0.1");
            }
            if let Some(ms) = snapshot_ms {
                command.env("ANTRE_SEARCH_SNAPSHOT_MS", ms.to_string());
            }
            command.envs(self.env.iter().map(|(k, v)| (k, v)));
            system
                .servers
                .push(command.spawn().context("starting the server")?);
            addrs.push(addr);
        }
        for (i, addr) in addrs.iter().enumerate() {
            wait_healthy(
                *addr,
                &mut system.servers[i],
                &self.dir.join(format!("server{}.log", i + 1)),
            )
            .await?;
        }
        system.entry = match &self.nginx {
            None => addrs[0],
            Some((nginx, template)) => {
                let (child, entry) = self.start_nginx(nginx, template, &addrs).await?;
                system.nginx = Some(child);
                entry
            }
        };
        Ok(system)
    }

    async fn start_nginx(
        &self,
        nginx: &Path,
        template: &Path,
        instances: &[SocketAddr],
    ) -> Result<(Child, SocketAddr)> {
        let template = std::fs::read_to_string(template)
            .with_context(|| format!("reading {}", template.display()))?;
        let port = free_port()?;
        let entry: SocketAddr = format!("127.0.0.1:{port}").parse()?;
        let upstreams: Vec<String> = instances
            .iter()
            .map(|a| format!("server {a} max_fails=3 fail_timeout=10s;"))
            .collect();
        let conf = template
            .replace("@LISTEN@", &entry.to_string())
            .replace("@UPSTREAMS@", &upstreams.join("\n    "));
        std::fs::write(self.dir.join("antre.conf"), conf)?;
        let d = self.dir.display();
        std::fs::create_dir_all(self.dir.join("nginx-temp"))?;
        // Debian's nginx.conf around the conf.d file, with every path here. No access log:
        // the load tool counts every answer itself.
        std::fs::write(
            self.dir.join("nginx.conf"),
            format!(
                "pid {d}/nginx.pid;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {d}/nginx-temp/body;
    proxy_temp_path {d}/nginx-temp/proxy;
    fastcgi_temp_path {d}/nginx-temp/fastcgi;
    uwsgi_temp_path {d}/nginx-temp/uwsgi;
    scgi_temp_path {d}/nginx-temp/scgi;
    include {d}/antre.conf;
}}
"
            ),
        )?;
        let mut child = Command::new(nginx)
            .arg("-p")
            .arg(&self.dir)
            .arg("-e")
            .arg(self.dir.join("nginx-error.log"))
            .arg("-c")
            .arg(self.dir.join("nginx.conf"))
            // One process (as on a 2-core machine with one worker), so stopping it stops all.
            .args(["-g", "daemon off; master_process off;"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("starting nginx")?;
        wait_healthy(entry, &mut child, &self.dir.join("nginx-error.log")).await?;
        Ok((child, entry))
    }
}

async fn wait_healthy(addr: SocketAddr, process: &mut Child, log: &Path) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(120);
    let health = Call::get("/healthz".into());
    loop {
        let mut conn = Conn::new(addr);
        if let Reply::Answered(status, _, _) = conn.send(&health, Duration::from_secs(2)).await {
            if status.is_success() {
                return Ok(());
            }
        }
        if Instant::now() > deadline || process.try_wait()?.is_some() {
            let _ = process.kill();
            let text = std::fs::read_to_string(log).unwrap_or_default();
            let tail: Vec<&str> = text.lines().rev().take(20).collect();
            bail!(
                "{addr} did not start; {}:\n{}",
                log.display(),
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

impl System {
    pub fn server_pids(&self) -> Vec<u32> {
        self.servers.iter().map(Child::id).collect()
    }

    pub fn nginx_pid(&self) -> Option<u32> {
        self.nginx.as_ref().map(Child::id)
    }

    /// CPU seconds used so far by the instances, nginx and this load tool.
    pub fn cpu(&self) -> Cpu {
        Cpu {
            servers: self.server_pids().into_iter().map(cpu_seconds).sum(),
            nginx: self.nginx_pid().map_or(0.0, cpu_seconds),
            load_tool: cpu_seconds(std::process::id()),
            database: self.postgres_pid.map_or(0.0, |pid| {
                with_children(pid).into_iter().map(cpu_seconds).sum()
            }),
        }
    }

    /// Stops the instances as an operator does (SIGTERM: they finish what is in flight), then
    /// nginx.
    pub fn stop(mut self) -> Result<()> {
        for server in &mut self.servers {
            let _ = Command::new("kill")
                .args(["-TERM", &server.id().to_string()])
                .status();
        }
        for server in &mut self.servers {
            server.wait()?;
        }
        self.servers.clear();
        if let Some(mut nginx) = self.nginx.take() {
            let _ = nginx.kill();
            nginx.wait()?;
        }
        Ok(())
    }
}

impl Drop for System {
    fn drop(&mut self) {
        for child in self.servers.iter_mut().chain(self.nginx.as_mut()) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// CPU seconds of the processes under test and of the load tool.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Cpu {
    pub servers: f64,
    pub nginx: f64,
    pub load_tool: f64,
    /// PostgreSQL's processes (when its postmaster is known); SQLite runs inside the server.
    pub database: f64,
}

impl std::ops::Sub for Cpu {
    type Output = Cpu;
    fn sub(self, o: Cpu) -> Cpu {
        Cpu {
            servers: self.servers - o.servers,
            nginx: self.nginx - o.nginx,
            load_tool: self.load_tool - o.load_tool,
            database: self.database - o.database,
        }
    }
}

fn clock_ticks_per_second() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// User + system CPU seconds of a process (all its threads), from /proc/PID/stat.
pub fn cpu_seconds(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // The command name may hold spaces; the fields after it are fixed: utime is the 12th
    // after the closing parenthesis, stime the 13th.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / clock_ticks_per_second()
}

/// A process and its children (a postmaster and its backends; their CPU time is only counted
/// while they run, so a backend that ended during a phase is missed, which is rare with a pool).
fn with_children(pid: u32) -> Vec<u32> {
    let mut out = vec![pid];
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return out;
    };
    for entry in entries.flatten() {
        let Some(child) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let parent = std::fs::read_to_string(format!("/proc/{child}/stat"))
            .ok()
            .and_then(|s| {
                s.rsplit_once(')')?
                    .1
                    .split_whitespace()
                    .nth(1)?
                    .parse::<u32>()
                    .ok()
            });
        if parent == Some(pid) {
            out.push(child);
        }
    }
    out
}

/// A `/proc/PID/status` memory line (`VmRSS`, `VmHWM`) in MiB.
pub fn memory_mib(pid: u32, field: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The machine's load averages (1, 5, 15 minutes), as `uptime` shows them.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}
