//! The `run` and `test` commands, as sequences of steps.

use crate::postgres::TestPostgres;
use crate::setup;
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub fn cmd(program: &str, args: &[&str], dir: Option<&Path>, env: &[(&str, &str)]) -> Result<()> {
    let mut c = Command::new(program);
    c.args(args).envs(env.iter().copied());
    if let Some(d) = dir {
        c.current_dir(d);
    }
    let status = c
        .status()
        .with_context(|| format!("could not start {program}"))?;
    if !status.success() {
        bail!("{program} {} failed ({status})", args.join(" "));
    }
    Ok(())
}

pub fn output(program: &str, args: &[&str]) -> Result<String> {
    let o = Command::new(program)
        .args(args)
        .output()
        .with_context(|| format!("could not start {program}"))?;
    Ok(String::from_utf8_lossy(&o.stdout).into_owned())
}

/// Test counts read from a runner's closing lines.
#[derive(Default, Clone, Copy)]
struct Tally {
    passed: u64,
    failed: u64,
}

/// Reads "N passed" / "N failed" (nextest, vitest, the plain closing line) and node's
/// "pass N" / "fail N" from one line of output.
/// Removes ANSI escape sequences (colours), which some runners print even without a terminal.
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // ESC [ ... final byte in @..~
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn scan(line: &str, t: &mut Option<Tally>) {
    let line = &strip_ansi(line);
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Tally::default();
    let mut any = false;
    for (i, w) in words.iter().enumerate() {
        let number_before = i.checked_sub(1).and_then(|j| words[j].parse::<u64>().ok());
        let number_after = words.get(i + 1).and_then(|n| n.parse::<u64>().ok());
        match (*w, number_before, number_after) {
            ("passed", Some(n), _) => (found.passed, any) = (n, true),
            ("failed", Some(n), _) => (found.failed, any) = (n, true),
            ("pass", None, Some(n)) if words.len() <= 3 => (found.passed, any) = (n, true),
            ("fail", None, Some(n)) if words.len() <= 3 => (found.failed, any) = (n, true),
            _ => {}
        }
    }
    if any {
        let previous = t.unwrap_or_default();
        // node's runner reports pass and fail on separate lines.
        let is_node = line.contains("pass ") || line.contains("fail ");
        *t = Some(if is_node && !line.contains("passed") {
            Tally {
                passed: if line.contains("pass ") {
                    found.passed
                } else {
                    previous.passed
                },
                failed: if line.contains("fail ") {
                    found.failed
                } else {
                    previous.failed
                },
            }
        } else {
            found
        });
    }
}

struct StepResult {
    name: String,
    outcome: Result<(), String>,
    tally: Option<Tally>,
    took: Duration,
}

struct Suite {
    results: Vec<StepResult>,
}

impl Suite {
    /// Runs one step with its output streamed, remembering its last test counts.
    fn step(&mut self, name: &str, shell: &str, env: &[(&str, &str)]) {
        println!("\n==> {name}\n    $ {shell}");
        let started = Instant::now();
        let mut tally = None;
        let outcome = (|| -> Result<()> {
            let mut command = Command::new("bash");
            command
                .arg("-o")
                .arg("pipefail")
                .arg("-c")
                .arg(format!("{shell} 2>&1"))
                .envs(env.iter().copied());
            // CI builds a fresh clone once: incremental caches would only take gigabytes of
            // its disk (a full disk once killed the app's link half-way, with SIGBUS).
            if std::env::var_os("CI").is_some() && std::env::var_os("CARGO_INCREMENTAL").is_none() {
                command.env("CARGO_INCREMENTAL", "0");
            }
            let mut child = command
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .spawn()?;
            for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
                let line = line.unwrap_or_default();
                println!("{line}");
                scan(&line, &mut tally);
            }
            let status = child.wait()?;
            if !status.success() {
                bail!("exited with {status}");
            }
            Ok(())
        })()
        .map_err(|e| e.to_string());
        self.results.push(StepResult {
            name: name.to_string(),
            outcome,
            tally,
            took: started.elapsed(),
        });
    }

    fn setup(&mut self, name: &str, f: impl FnOnce() -> Result<()>) -> bool {
        println!("\n==> {name}");
        let started = Instant::now();
        let outcome = f().map_err(|e| format!("{e:#}"));
        let ok = outcome.is_ok();
        self.results.push(StepResult {
            name: name.to_string(),
            outcome,
            tally: None,
            took: started.elapsed(),
        });
        ok
    }

    fn finish(self) -> Result<()> {
        println!("\n==> summary");
        let (mut passed, mut failed, mut broken) = (0, 0, 0);
        for StepResult {
            name,
            outcome,
            tally,
            took,
        } in &self.results
        {
            let counts = tally
                .map(|t| format!(" ({} passed, {} failed)", t.passed, t.failed))
                .unwrap_or_default();
            match outcome {
                Ok(()) => println!("  ok      {name}{counts} [{:.0}s]", took.as_secs_f64()),
                Err(e) => println!("  FAILED  {name}{counts} [{:.0}s]: {e}", took.as_secs_f64()),
            }
            if let Some(t) = tally {
                passed += t.passed;
                failed += t.failed;
            }
            if outcome.is_err() && tally.is_none_or(|t| t.failed == 0) {
                broken += 1; // a step that failed without failing tests (build, lint, setup)
            }
        }
        println!("{passed} passed, {} failed", failed + broken);
        if failed + broken > 0 {
            bail!("some steps failed");
        }
        Ok(())
    }
}

/// The server the API conformance check runs (the workspace build of the Rust tests leaves it
/// there; built alone only if missing) and schemathesis in a venv, like the holiday check's.
const CONFORMANCE: &str =
    "test -x target/debug/antre-server || cargo build -p antre-server --locked && \
    python3 -m venv target/conformance-venv && \
    target/conformance-venv/bin/pip install -q -r scripts/requirements-conformance.txt && \
    target/conformance-venv/bin/python scripts/conformance.py";

fn app_package(root: &Path) -> Option<String> {
    let manifest = std::fs::read_to_string(root.join("src-tauri/Cargo.toml")).ok()?;
    manifest.lines().find_map(|l| {
        l.trim()
            .strip_prefix("name = ")
            .map(|n| n.trim_matches('"').to_string())
    })
}

pub fn test_everything(root: &Path) -> Result<()> {
    let mut suite = Suite {
        results: Vec::new(),
    };
    let has_ui = root.join("ui/package.json").exists();
    let has_app = root.join("src-tauri/Cargo.toml").exists();
    let ready = suite.setup("set up the machine (apt, cargo tools)", || {
        setup::apt_packages(&[setup::APP_BUILD_PACKAGES, setup::TEST_ONLY_PACKAGES].concat())?;
        setup::cargo_tool("cargo-nextest", "cargo-nextest")?;
        if has_app {
            setup::cargo_tool("tauri-driver", "tauri-driver")?;
        }
        Ok(())
    });
    if !ready {
        return suite.finish();
    }
    // The UI's own setup failing must not hide the Rust results, only skip the UI's steps.
    let ui_ready = has_ui
        && suite.setup("set up the UI (npm ci)", || {
            setup::require_node()?;
            setup::npm_ci(&root.join("ui"))
        });
    if ui_ready {
        // The app embeds the built UI; the Rust build needs it to exist.
        suite.step("build the UI", "cd ui && npm run build", &[]);
    }
    suite.step("format", "cargo fmt --all --check", &[]);
    suite.step(
        "clippy",
        "cargo clippy --workspace --all-targets --locked -- -D warnings",
        &[],
    );
    suite.step(
        // The cluster test needs PostgreSQL; it runs in the PostgreSQL pass below.
        "Rust tests (SQLite)",
        "cargo nextest run --workspace --locked --no-fail-fast -E 'not binary_id(antre-server::cluster)'",
        &[],
    );
    // The tests above re-export the TypeScript twins of the API types (ts-rs); the committed
    // ones must be exactly what Rust generates.
    suite.step(
        "generated TypeScript types are up to date",
        "git diff --exit-code --stat -- ui/src/generated && test -z \"$(git status --porcelain -- ui/src/generated)\"",
        &[],
    );
    // The OpenAPI document against the running server: every operation, every status.
    suite.step("API conformance (schemathesis)", CONFORMANCE, &[]);
    match TestPostgres::start(root, false) {
        Ok(pg) => {
            suite.step(
                // The same build as above (a -p selection would unify features differently and
                // rebuild); only the server's tests touch the database. Includes the cluster
                // test (three instances behind nginx).
                "server tests on PostgreSQL",
                "cargo nextest run --workspace --locked --no-fail-fast -E 'package(antre-server)'",
                &[("ANTRE_TEST_POSTGRES_URL", &pg.url)],
            );
            suite.step(
                "API conformance on PostgreSQL (schemathesis)",
                &format!("{CONFORMANCE} --postgres {}", pg.url),
                &[],
            );
            drop(pg);
        }
        Err(e) => suite.results.push(StepResult {
            name: "start PostgreSQL".into(),
            outcome: Err(format!("{e:#}")),
            tally: None,
            took: Duration::ZERO,
        }),
    }
    suite.step(
        "holidays cross-checked with PyPI holidays",
        "python3 -m venv target/holidays-venv && target/holidays-venv/bin/pip install -q -r scripts/requirements-holidays.txt && target/holidays-venv/bin/python scripts/check_holidays.py",
        &[],
    );
    if ui_ready {
        suite.step("UI typecheck", "cd ui && npm run typecheck", &[]);
        suite.step("UI unit tests (Vitest)", "cd ui && npm run test:unit", &[]);
        suite.step(
            "UI page tests (Chromium, axe)",
            "cd ui && npm run test:pages",
            &[],
        );
    }
    if root.join("tests/e2e/run.sh").exists() {
        suite.step(
            "end to end (app window under Xvfb, WebDriver)",
            "bash tests/e2e/run.sh",
            &[],
        );
    }
    suite.finish()
}

pub fn run_product(root: &Path) -> Result<()> {
    let app = app_package(root);
    if app.is_some() {
        setup::apt_packages(setup::APP_BUILD_PACKAGES)?;
        setup::require_node()?;
        setup::npm_ci(&root.join("ui"))?;
        cmd("npm", &["run", "build"], Some(&root.join("ui")), &[])?;
    }
    cmd("cargo", &["build", "-p", "antre-server"], None, &[])?;
    if let Some(app) = &app {
        cmd("cargo", &["build", "-p", app], None, &[])?;
    }
    let bind = std::env::var("ANTRE_BIND").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let url = format!("http://{bind}");
    let mut server = Command::new(root.join("target/debug/antre-server"))
        .args(["serve", "--bind", &bind])
        .spawn()
        .context("starting the server")?;
    let deadline = Instant::now() + Duration::from_secs(60);
    while !output("curl", &["-fsS", &format!("{url}/healthz")]).is_ok_and(|o| o.trim() == "ok") {
        if Instant::now() > deadline || server.try_wait()?.is_some() {
            let _ = server.kill();
            bail!("the server did not become healthy at {url} (is the port taken? set ANTRE_BIND)");
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    println!("xtask: server ready at {url} (SQLite in the user's data directory)");
    let display =
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    match (&app, display) {
        (Some(app), true) => {
            let status = Command::new(root.join("target/debug").join(app))
                .env("ANTRE_SERVER_URL", &url)
                .status();
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(server.id().to_string())
                .status();
            server.wait()?;
            status?;
        }
        (Some(_), false) => {
            println!("xtask: no display (DISPLAY/WAYLAND_DISPLAY unset), so the app window cannot open; the server keeps running. Ctrl-C stops it.");
            server.wait()?;
        }
        (None, _) => {
            server.wait()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(lines: &[&str]) -> Option<(u64, u64)> {
        let mut t = None;
        for l in lines {
            scan(l, &mut t);
        }
        t.map(|t| (t.passed, t.failed))
    }

    #[test]
    fn reads_closing_lines_of_the_runners_we_use() {
        assert_eq!(
            read(&["     Summary [  12.3s] 120 tests run: 118 passed, 2 failed, 0 skipped"]),
            Some((118, 2))
        );
        assert_eq!(
            read(&["     Summary [  12.3s] 120 tests run: 120 passed, 0 skipped"]),
            Some((120, 0))
        );
        assert_eq!(read(&["3 passed, 0 failed"]), Some((3, 0)));
        assert_eq!(read(&["      Tests  12 passed (12)"]), Some((12, 0)));
        assert_eq!(read(&["ℹ tests 9", "ℹ pass 8", "ℹ fail 1"]), Some((8, 1)));
        assert_eq!(read(&["nothing here"]), None);
        assert_eq!(read(&["\u{1b}[2m      Tests \u{1b}[22m \u{1b}[1m\u{1b}[32m20 passed\u{1b}[39m\u{1b}[22m\u{1b}[90m (20)\u{1b}[39m"]), Some((20, 0)));
    }
}
