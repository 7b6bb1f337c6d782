#!/usr/bin/env bash
# End-to-end test of the Antre app: the real app binary in a real window under Xvfb, driven by
# WebdriverIO through tauri-driver + WebKitWebDriver, against a real server on 127.0.0.1.
# Self-contained: installs npm deps, builds UI, server and app; the test script starts, restarts
# (to let the server's test clock jump ahead: a draw's entry window, its release instant) and
# stops the server.
# Needs (Debian): xvfb, webkit2gtk-driver, dbus, gnome-keyring, sqlite3; `cargo install tauri-driver --locked`.
# Screenshots: test-artifacts/e2e/. Exit status: non-zero on any failure.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

# npm ci refuses a lock that lacks optional platform packages a registry mirror does not list;
# npm install then installs the same locked versions (as cargo xtask does).
npm_locked() { (cd "$1" && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; }); }
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
npm_locked tests/e2e
[ -d ui/node_modules ] || npm_locked ui
[ -n "${E2E_SKIP_BUILD:-}" ] || (cd ui && npm run build)
[ -n "${E2E_SKIP_BUILD:-}" ] || cargo build -p antre-server -p antre-app
# The binaries are where cargo put them (CARGO_TARGET_DIR when set).
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

TMP="$(mktemp -d)"
PORT="${E2E_SERVER_PORT:-$((20000 + RANDOM % 20000))}"
export DATABASE_URL="sqlite://$TMP/e2e.db?mode=rwc"
export E2E_DB="$TMP/e2e.db"
export ANTRE_BIND="127.0.0.1:$PORT"
export ANTRE_SERVER_URL="http://127.0.0.1:$PORT"
export ANTRE_APP_DATA_DIR="$TMP/app-data"
export ANTRE_NO_OPEN=1
# Test only (the app warns): save files where the app proposes, without the system's dialog.
export ANTRE_NO_DIALOG=1
export E2E_SERVER_BIN="${E2E_SERVER_BIN:-$TARGET/debug/antre-server}"
export E2E_APP_BIN="${E2E_APP_BIN:-$TARGET/debug/antre-app}"
export E2E_APP_DATA_DIR="$ANTRE_APP_DATA_DIR"
export E2E_DRIVER_PORT="${E2E_DRIVER_PORT:-$((40000 + RANDOM % 10000))}"
export LANG=id_ID.UTF-8
# A fixed clock (test-only; the server warns): Friday 4 December 2026, 15:00 WIB, just after the
# weekly release, so the calendar offers the same days whatever day this test runs. The test
# script restarts the server later on the same database with later starts (E2E_CLOCK_*).
export ANTRE_TEST_CLOCK_START="${ANTRE_TEST_CLOCK_START:-2026-12-04T08:00:00Z}"
# The next release (Friday 11 December, 14:00 WIB) is drawn; its entries open a day before.
export E2E_CLOCK_ENTRIES="${E2E_CLOCK_ENTRIES:-2026-12-10T08:00:00Z}"
export E2E_CLOCK_DRAWN="${E2E_CLOCK_DRAWN:-2026-12-11T07:00:10Z}"
export E2E_SERVER_LOG="$ROOT/test-artifacts/e2e/server.log"
# A fresh home for gnome-keyring (it keeps keyrings under $XDG_DATA_HOME/keyrings).
export XDG_DATA_HOME="$TMP/xdg-data" XDG_CONFIG_HOME="$TMP/xdg-config" XDG_CACHE_HOME="$TMP/xdg-cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
rm -rf test-artifacts/e2e && mkdir -p test-artifacts/e2e

trap 'rm -rf "$TMP"' EXIT

# A session bus with an unlocked Secret Service (gnome-keyring) so the token goes to a keyring.
dbus-run-session -- bash -c '
  echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  xvfb-run -a -s "-screen 0 1280x900x24" node tests/e2e/app.e2e.mjs
'
