#!/usr/bin/env python3
"""Check the served OpenAPI document against a running antre-server with schemathesis.

Usage:
    python3 scripts/conformance.py [--postgres ADMIN_URL] [--server PATH] [--max-examples N]
                                   [--seed N] [--only PATH_REGEX]

Install the pinned package first (`cargo xtask test` does this in target/conformance-venv):
    python3 -m venv target/conformance-venv
    target/conformance-venv/bin/pip install -r scripts/requirements-conformance.txt
    target/conformance-venv/bin/python scripts/conformance.py

What it does:
  1. starts `antre-server serve` (default: target/debug/antre-server, built beforehand) on a
     free 127.0.0.1 port with a fresh SQLite file in a temporary directory (with --postgres: a
     fresh database on that PostgreSQL server, made and dropped with `psql`), the test clock
     at 2026-12-04T08:00:00Z (just after a weekly release), a proof key and a payment secret of
     its own, and rate limits no run reaches;
  2. creates a staff account and the head of kanim-bekasi (`create-staff`) and an applicant account through
     the API (sign-up, the one-time code from the `outbox` table, verification, sign-in); the
     applicant registers a person and books and pays a place, so that lists, bookings and the
     roster answer with real data;
  3. runs `st run <url>/openapi.json` over every operation, phases examples, coverage and
     fuzzing, with the checks in CHECKS: once as the applicant, once as staff, once the
     operations only the head of an office may do (HEAD_ONLY: event sites) as the head, and once
     `DELETE /v1/sessions/current` alone with a token of its own (it signs that token out).
     Half of the generated ids, billing codes, slots and proofs are those of step 2 (a
     schemathesis config file), so requests get past "not found" to the rules behind it;
  4. stops the server.

A failure is a 5xx, a status the document does not list for the operation, or a content type
or body that does not match the document. Exit status: 0 when every operation of every pass
conforms, 1 when any does not, 2 when the run could not be set up. The last line is always
`N passed, M failed`, counting operations per pass (an operation checked in two passes counts
twice); a pass that fails without naming an operation counts as one failure.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
PHASES = "examples,coverage,fuzzing"
CLOCK_START = "2026-12-04T08:00:00Z"
OFFICE = "kanim-bekasi"
# A Tuesday of the week released on the clock's Friday.
BOOKING_DAY = "2026-12-08"
PASSWORD = "Conformance-2026"
SIGN_OUT = "DELETE /v1/sessions/current"
# Paths whose writes only the head of an office may make: checked again as the head.
HEAD_ONLY = "/event-sites$"


class SetupError(Exception):
    """The run could not be prepared (server, accounts, booking)."""


@dataclass
class Pass:
    name: str
    token: str
    # Schemathesis operation filter, e.g. `--exclude-name` SIGN_OUT.
    select: list[str]


@dataclass
class Booked:
    """What the applicant of the setup holds, for schemathesis to use."""

    token: str
    applicant_id: str
    booking_id: str
    billing_code: str
    proof: str
    slot_ids: list[int]


@dataclass
class PassResult:
    name: str
    operations: list[str]
    failing: list[str]
    exit_code: int
    seconds: float

    @property
    def failed(self) -> int:
        unexplained = self.exit_code != 0 and not self.failing
        return len(self.failing) + (1 if unexplained else 0)

    @property
    def passed(self) -> int:
        return len(self.operations) - len(self.failing)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    """Plain JSON calls for the setup; schemathesis makes its own."""

    def __init__(self, url: str, payment_secret: str):
        self.url = url
        self.payment_secret = payment_secret

    def call(self, method: str, path: str, body=None, token=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        return self.raw(method, path, data, token, headers)

    def raw(self, method: str, path: str, data: bytes | None, token=None, headers=None):
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            text = e.read().decode()
            raise SetupError(f"{method} {path} answered {e.code}: {text}") from None

    def sign_in(self, email: str) -> str:
        _, session = self.call("POST", "/v1/sessions", {"email": email, "password": PASSWORD})
        return session["token"]

    def pay(self, billing_code: str, amount: int) -> None:
        body = json.dumps(
            {"billing_code": billing_code, "amount": amount, "provider_reference": "conformance-1"}
        ).encode()
        signature = hmac.new(self.payment_secret.encode(), body, hashlib.sha256).hexdigest()
        self.raw("POST", "/v1/payments/callback", body, headers={"X-Antre-Signature": signature})


def create_staff(server: Path, env: dict[str, str], email: str, head: bool = False) -> None:
    staff_env = dict(env, ANTRE_NEW_PASSWORD=PASSWORD)
    args = [str(server), "create-staff", "--email", email, "--phone", "081298765432", "--office", OFFICE]
    if head:
        args.append("--head")
    done = subprocess.run(args, env=staff_env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SetupError(f"create-staff failed: {done.stderr.strip()}")


class SqliteDatabase:
    """A fresh SQLite file in the run's temporary directory."""

    def __init__(self, workdir: Path):
        self.path = workdir / "antre.db"
        self.url = f"sqlite://{self.path}?mode=rwc"
        self.engine = "SQLite"

    def last_message_to(self, recipient: str) -> str | None:
        with sqlite3.connect(self.path) as db:
            row = db.execute(
                "SELECT body FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1", (recipient,)
            ).fetchone()
        return row and row[0]

    def drop(self) -> None:
        """The file goes with the temporary directory."""


class PostgresDatabase:
    """A fresh database on the PostgreSQL server `admin_url` names, through `psql`."""

    def __init__(self, admin_url: str):
        self.admin_url = admin_url
        self.name = f"antre_conformance_{secrets.token_hex(6)}"
        self.url = f"{admin_url.rsplit('/', 1)[0]}/{self.name}"
        self.engine = "PostgreSQL"
        self.psql(self.admin_url, f"CREATE DATABASE {self.name}")

    @staticmethod
    def psql(url: str, sql: str) -> str:
        done = subprocess.run(
            ["psql", url, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise SetupError(f"psql failed: {done.stderr.strip()}")
        return done.stdout

    def last_message_to(self, recipient: str) -> str | None:
        assert "'" not in recipient, "the script's own addresses need no quoting"
        sql = f"SELECT body FROM outbox WHERE recipient = '{recipient}' ORDER BY id DESC LIMIT 1"
        return self.psql(self.url, sql).strip() or None

    def drop(self) -> None:
        self.psql(self.admin_url, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


def verification_code(database, email: str) -> str:
    body = database.last_message_to(email)
    match = body and re.search(r"\b(\d{6})\b", body)
    if not match:
        raise SetupError(f"no verification code for {email} in the outbox")
    return match.group(1)


def applicant_with_paid_booking(api: Api, database, email: str) -> Booked:
    """Signs up, verifies and signs in; registers a person and books and pays a place."""
    api.call("POST", "/v1/accounts", {"email": email, "phone": "081234567890", "password": PASSWORD})
    api.call("POST", "/v1/accounts/verify", {"email": email, "code": verification_code(database, email)})
    token = api.sign_in(email)
    # Not the document's example person: the examples phase adds that one.
    person = {"nik": "3275010302850001", "name": "Budi Santoso", "birth_date": "1985-02-03"}
    _, applicant = api.call("POST", "/v1/applicants", person, token)
    _, slots = api.call("GET", f"/v1/offices/{OFFICE}/days/{BOOKING_DAY}/slots?lane=regular")
    slot = next((s for s in slots if s["remaining"] > 0), None)
    if slot is None:
        raise SetupError(f"no free regular slot at {OFFICE} on {BOOKING_DAY}")
    booking_request = {
        "applicant_id": applicant["id"],
        "slot_id": slot["slot_id"],
        "passport_kind": "ordinary",
        "validity": "ten_years",
        "application_kind": "new",
    }
    _, booking = api.call(
        "POST", "/v1/bookings", booking_request, token, {"Idempotency-Key": "conformance-setup"}
    )
    api.pay(booking["billing_code"], booking["fee_total"])
    _, paid = api.call("GET", f"/v1/bookings/{booking['id']}", token=token)
    return Booked(
        token=token,
        applicant_id=applicant["id"],
        booking_id=booking["id"],
        billing_code=booking["billing_code"],
        proof=paid["proof"],
        slot_ids=[s["slot_id"] for s in slots],
    )


def schemathesis_config(booked: Booked, path: Path) -> Path:
    """Binds id-like parameters to the setup's real values half of the time. (JSON arrays of
    strings and numbers are TOML arrays too.)"""
    path.write_text(
        f"""[dictionaries.resources]
values = {json.dumps([booked.booking_id, booked.applicant_id, OFFICE])}

[dictionaries.billing-codes]
values = {json.dumps([booked.billing_code])}

[dictionaries.proofs]
values = {json.dumps([booked.proof])}

[dictionaries.slots]
values = {json.dumps(booked.slot_ids)}

[parameters]
"path.id" = {{ dictionary = "resources", probability = 0.5 }}
"path.billing_code" = {{ dictionary = "billing-codes", probability = 0.5 }}
"body.applicant_id" = {{ dictionary = "resources", probability = 0.5 }}
"body.slot_id" = {{ dictionary = "slots", probability = 0.5 }}
"body.proof" = {{ dictionary = "proofs", probability = 0.5 }}
"""
    )
    return path


def start_server(server: Path, env: dict[str, str], url: str, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(server), "serve"], env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SetupError(f"the server stopped at start:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SetupError(f"the server did not become healthy at {url}")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def junit_operations(report: Path) -> tuple[list[str], list[str]]:
    """Operations in a schemathesis JUnit report, and those with a failure or an error."""
    if not report.exists():
        return [], []
    operations, failing = [], []
    for case in ET.parse(report).getroot().iter("testcase"):
        name = case.get("name", "?")
        operations.append(name)
        if case.find("failure") is not None or case.find("error") is not None:
            failing.append(name)
    return operations, failing


def run_pass(st: Path, url: str, p: Pass, engine: str, config: Path, args, workdir: Path) -> PassResult:
    report = workdir / f"junit-{p.name}.xml"
    command = [
        str(st), "--no-color", "--config-file", str(config), "run", f"{url}/openapi.json",
        "--checks", CHECKS,
        "--phases", PHASES,
        "--max-examples", str(args.max_examples),
        # One worker: hypothesis parses lambdas' source with `ast`, which CPython 3.11 cannot
        # do from two threads at once ("AST constructor recursion depth mismatch"); on two
        # cores a second worker gained nothing anyway.
        "--workers", "1",
        "--header", f"Authorization: Bearer {p.token}",
        "--generation-database", "none",
        "--report", "junit", "--report-junit-path", str(report),
        *p.select,
    ]
    if args.seed is not None:
        command += ["--seed", str(args.seed)]
    if args.only:
        command += ["--include-path-regex", args.only]
    print(f"\n==> conformance as {p.name}, {engine}", flush=True)
    started = time.monotonic()
    # Run from the temporary directory: nothing schemathesis writes lands in the repository.
    exit_code = subprocess.run(command, cwd=workdir).returncode
    operations, failing = junit_operations(report)
    return PassResult(p.name, operations, failing, exit_code, time.monotonic() - started)


def server_errors(log: Path) -> list[str]:
    """The server's last error lines (the cause of a 500 is logged there, never sent)."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return [l for l in lines if " ERROR " in l or "panicked" in l][-30:]


def summarize(results: list[PassResult], engine: str, log: Path, seconds: float) -> int:
    print(f"\n==> conformance summary, {engine} ({seconds:.0f} s)")
    for r in results:
        print(
            f"  {r.name:<10} {len(r.operations):>3} operations, {len(r.failing)} with failures,"
            f" schemathesis exit {r.exit_code} [{r.seconds:.0f} s]"
        )
        for name in r.failing:
            print(f"      FAILED {name}")
        if r.failed and not r.failing:
            print("      FAILED without a failing operation (see schemathesis' output above)")
    errors = server_errors(log)
    if any(r.failed for r in results) and errors:
        print("  server log (errors):")
        for line in errors:
            print(f"    {line}")
    passed = sum(r.passed for r in results)
    failed = sum(r.failed for r in results)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", metavar="ADMIN_URL", help="run on a fresh database there")
    parser.add_argument("--server", type=Path, default=ROOT / "target/debug/antre-server")
    parser.add_argument("--max-examples", type=int, default=100, help="per operation and phase")
    parser.add_argument("--seed", type=int, help="schemathesis' seed, to repeat a run")
    parser.add_argument("--only", metavar="PATH_REGEX", help="check only the operations whose path matches (while working on them)")
    args = parser.parse_args()
    st = Path(sys.executable).with_name("st")
    if not st.exists():
        print(f"schemathesis is not installed beside {sys.executable} (see --help)")
        print("0 passed, 1 failed")
        return 2
    if not args.server.exists():
        print(f"{args.server} is missing: cargo build -p antre-server")
        print("0 passed, 1 failed")
        return 2
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="antre-conformance-") as tmp:
        workdir = Path(tmp)
        log = workdir / "server.log"
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env = dict(
            os.environ,
            ANTRE_BIND=f"127.0.0.1:{port}",
            ANTRE_TEST_CLOCK_START=CLOCK_START,
            ANTRE_PAYMENT_SECRET=secrets.token_hex(16),
            ANTRE_RATE_PER_IP_PER_MINUTE="100000000",
            ANTRE_RATE_PER_ACCOUNT_PER_MINUTE="100000000",
            RUST_LOG="warn",
            NO_COLOR="1",
        )
        env.pop("ANTRE_PROOF_KEY_FILE", None)
        env.pop("ANTRE_DRAW_SECRET_FILE", None)
        env.pop("ANTRE_DATA_KEY_FILE", None)
        process = database = None
        try:
            database = PostgresDatabase(args.postgres) if args.postgres else SqliteDatabase(workdir)
            env["DATABASE_URL"] = database.url
            for name in ("ANTRE_PROOF_KEY", "ANTRE_DRAW_SECRET", "ANTRE_DATA_KEY"):
                secret = subprocess.run(
                    [str(args.server), "generate-secret"], capture_output=True, text=True, check=True
                )
                env[name] = secret.stdout.strip()
            create_staff(args.server, env, "petugas@conformance.example.id")
            create_staff(args.server, env, "kepala@conformance.example.id", head=True)
            process = start_server(args.server, env, url, log)
            api = Api(url, env["ANTRE_PAYMENT_SECRET"])
            booked = applicant_with_paid_booking(api, database, "pemohon@conformance.example.id")
            config = schemathesis_config(booked, workdir / "schemathesis.toml")
            passes = [
                Pass("applicant", booked.token, ["--exclude-name", SIGN_OUT]),
                Pass("staff", api.sign_in("petugas@conformance.example.id"), ["--exclude-name", SIGN_OUT]),
                Pass("head", api.sign_in("kepala@conformance.example.id"), ["--include-path-regex", HEAD_ONLY]),
                Pass("sign-out", api.sign_in("pemohon@conformance.example.id"), ["--include-name", SIGN_OUT]),
            ]
            results = []
            for p in passes:
                results.append(run_pass(st, url, p, database.engine, config, args, workdir))
                if process.poll() is not None:
                    print(f"the server stopped during the {p.name} pass")
                    results[-1].exit_code = results[-1].exit_code or 1
                    break
            return summarize(results, database.engine, log, time.monotonic() - started)
        except (SetupError, subprocess.CalledProcessError) as e:
            print(f"conformance setup failed: {e}")
            for line in server_errors(log):
                print(f"    {line}")
            print("0 passed, 1 failed")
            return 2
        finally:
            if process is not None:
                stop_server(process)
            if database is not None:
                try:
                    database.drop()
                except SetupError as e:
                    print(f"warning: the run's database stays behind: {e}")


if __name__ == "__main__":
    sys.exit(main())
