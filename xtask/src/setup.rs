//! Installs what a fresh Debian/Ubuntu machine lacks, or stops with a message saying what to
//! install. Every check is cheap when the thing is already there.

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;

/// What building the app needs (WebKitGTK and friends), for `run` and `test` alike.
pub const APP_BUILD_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "file",
    "libwebkit2gtk-4.1-dev",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
];

/// What only the tests need: PostgreSQL for the second engine; nginx in front of the server
/// instances of the cluster test; Xvfb, the WebKit WebDriver, D-Bus and a keyring daemon for the
/// end-to-end test; Chromium and its driver for the UI page tests; python3-venv for the holiday
/// cross-check; sqlite3 for reading the outbox in e2e.
pub const TEST_ONLY_PACKAGES: &[&str] = &[
    "postgresql",
    "nginx",
    "python3-venv",
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "dbus",
    "dbus-x11",
    "gnome-keyring",
    "chromium",
    "chromium-driver",
    "sqlite3",
];

pub fn have(program: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

pub fn apt_packages(packages: &[&str]) -> Result<()> {
    if !have("dpkg-query") {
        eprintln!(
            "xtask: not a Debian/Ubuntu system; make sure these are installed: {}",
            packages.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("xtask: installing {}", missing.join(" "));
    let prefix: Vec<&str> = if is_root() {
        vec![]
    } else if have("sudo") {
        vec!["sudo", "-n"]
    } else {
        bail!(
            "missing packages: {}. Install them with: sudo apt-get install {}",
            missing.join(" "),
            missing.join(" ")
        );
    };
    let apt = |args: &[&str]| -> Result<()> {
        let mut all: Vec<&str> = prefix.clone();
        all.extend_from_slice(&[
            "env",
            "DEBIAN_FRONTEND=noninteractive",
            "apt-get",
            "-y",
            "-q",
        ]);
        all.extend_from_slice(args);
        let status = Command::new(all[0])
            .args(&all[1..])
            .status()
            .context("apt-get")?;
        if !status.success() {
            bail!(
                "apt-get {} failed; install manually: apt-get install {}",
                args.join(" "),
                missing.join(" ")
            );
        }
        Ok(())
    };
    apt(&["update"])?;
    let mut args = vec!["install", "--no-install-recommends"];
    args.extend(missing.iter().copied());
    apt(&args)
}

/// A cargo-installed tool (cargo-nextest, tauri-driver), installed with `--locked` if missing.
pub fn cargo_tool(binary: &str, krate: &str) -> Result<()> {
    if have(binary) {
        return Ok(());
    }
    println!("xtask: installing {krate}");
    crate::steps::cmd("cargo", &["install", "--locked", krate], None, &[])
}

pub fn require_node() -> Result<()> {
    if !have("node") || !have("npm") {
        apt_packages(&["nodejs", "npm"])?;
    }
    let version = Command::new("node")
        .arg("--version")
        .output()
        .context("node --version")?;
    let v = String::from_utf8_lossy(&version.stdout);
    let major: u32 = v
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .unwrap_or("0")
        .parse()
        .unwrap_or(0);
    if major < 20 {
        bail!("Node.js 20 or newer is needed for the UI (found {v}); install it from nodesource or your distribution");
    }
    Ok(())
}

/// `npm ci` where a lock file exists and node_modules is missing or older than the lock.
pub fn npm_ci(dir: &Path) -> Result<()> {
    let lock = dir.join("package-lock.json");
    if !lock.exists() {
        return Ok(());
    }
    let stamp = dir.join("node_modules/.package-lock.json");
    let fresh = stamp.metadata().and_then(|s| s.modified()).ok()
        >= lock.metadata().and_then(|l| l.modified()).ok();
    if stamp.exists() && fresh {
        return Ok(());
    }
    if crate::steps::cmd("npm", &["ci", "--no-audit", "--no-fund"], Some(dir), &[]).is_ok() {
        return Ok(());
    }
    // npm ci insists that the lock lists every optional platform package (rollup's, for
    // instance); a registry mirror that does not serve them all makes it refuse a lock that is
    // otherwise complete. `npm install` installs the same locked versions without that check.
    println!(
        "xtask: npm ci refused the lock file; installing the locked versions with npm install"
    );
    crate::steps::cmd(
        "npm",
        &["install", "--no-audit", "--no-fund"],
        Some(dir),
        &[],
    )
}
