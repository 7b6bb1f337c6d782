// The whole journey in the real app window: sign up, verify (code from the server's outbox),
// add a family member aged 65, search near Bekasi, book a priority slot, pay (server CLI),
// see it in My bookings, switch to English, reschedule, cancel. Then the fair release: a second
// family member enters the draw of the next release (the server restarted with its clock in the
// entry window), sees the outcome after the release instant (restarted again), and the first
// joins the waitlist for a full day, is offered the place another applicant cancels, accepts it.
// Last, the account: the phone verified by SMS code, this device in the list of devices, sign
// out, "forgot password", the reset code from the outbox, signed in again with the new password.
// Then the app is restarted (still signed in, the reminders kept), goes offline (the server
// stopped): the saved QR opens under the banner, a cancel is queued; the server comes back and
// the cancel is sent once (the place freed once). Then a second start hands over to the first.
// Then a closure of its day reaches the applicant, who moves the draw's booking with one tap
// (steps/disruption.mjs); the office desk (steps/desk.mjs): a staff member checks it in by its
// proof; last, outreach (steps/outreach.mjs): an officer imports a 40-person list, captures 3
// with the server stopped, sends them when it is back, and saves the roster as a PDF.
// A screenshot per step goes to test-artifacts/e2e/. This script owns the server process
// (start, restart on the same database with a later test clock, stop). Expects (from run.sh):
// ANTRE_SERVER_URL, DATABASE_URL, E2E_DB, E2E_SERVER_BIN, E2E_APP_BIN, E2E_APP_DATA_DIR,
// E2E_SERVER_LOG, ANTRE_TEST_CLOCK_START, E2E_CLOCK_ENTRIES, E2E_CLOCK_DRAWN.
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, openSync, readFileSync, existsSync } from "node:fs";
import { once } from "node:events";
import { remote } from "webdriverio";
import { disruption } from "./steps/disruption.mjs";
import { outreach } from "./steps/outreach.mjs";
import { desk } from "./steps/desk.mjs";
import { slip } from "./steps/slip.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
const SHOTS = `${ROOT}test-artifacts/e2e/`;
const DRIVER_PORT = Number(process.env.E2E_DRIVER_PORT ?? 4444);
const DB = process.env.E2E_DB;
const APP = process.env.E2E_APP_BIN ?? `${ROOT}target/debug/antre-app`;
const SERVER = process.env.E2E_SERVER_BIN ?? `${ROOT}target/debug/antre-server`;
const SERVER_URL = process.env.ANTRE_SERVER_URL;
const SERVER_LOG = process.env.E2E_SERVER_LOG ?? `${SHOTS}server.log`;
const APP_DATA = process.env.E2E_APP_DATA_DIR ?? process.env.ANTRE_APP_DATA_DIR;
mkdirSync(SHOTS, { recursive: true });

let step = 0;
// The applicant's account (the journey signs up with it; the account steps reset its password).
const email = `ani.${Date.now()}@example.id`;
const password = "Passpor2026!";
const log = (m) => console.log(`[e2e] ${m}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- the server: started here, restarted with a later test clock, stopped at the end ---------

let server;
const serverLog = openSync(SERVER_LOG, "a");

async function waitFor(what, check, { timeout = 60000, interval = 250 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(interval);
  }
}

async function startServer(clockStart) {
  log(`server starts, test clock at ${clockStart}`);
  server = spawn(SERVER, ["serve"], { env: { ...process.env, ANTRE_TEST_CLOCK_START: clockStart }, stdio: ["ignore", serverLog, serverLog] });
  await waitFor("the server", async () => (await fetch(`${SERVER_URL}/healthz`)).ok);
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = once(server, "exit");
  server.kill("SIGTERM");
  const done = await Promise.race([exited.then(() => true), sleep(15000).then(() => false)]);
  if (!done) {
    server.kill("SIGKILL");
    await exited;
  }
}

/** Lets time pass: the same database, the server's clock started at a later instant. */
async function restartServer(clockStart) {
  await stopServer();
  await startServer(clockStart);
}
process.on("exit", () => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
});

/** The server's API over real HTTP (another applicant acts here, outside the app). */
async function http(method, path, { token, body, key } = {}) {
  const headers = { "content-type": "application/json", "accept-language": "id" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (key) headers["idempotency-key"] = key;
  const res = await fetch(`${SERVER_URL}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function sql(statement) {
  return execFileSync("sqlite3", ["-cmd", ".timeout 10000", DB, statement], { encoding: "utf8" }).trim();
}

/** The notices the app's background check kept (notices.json in its data folder). */
function notices() {
  const file = `${APP_DATA}/notices.json`;
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [];
}

await startServer(process.env.ANTRE_TEST_CLOCK_START ?? "2026-12-04T08:00:00Z");

const driver = spawn("tauri-driver", ["--port", String(DRIVER_PORT), "--native-driver", "/usr/bin/WebKitWebDriver"], {
  stdio: ["ignore", "inherit", "inherit"],
});
let browser;

async function cleanup(code) {
  try {
    await browser?.deleteSession();
  } catch {}
  driver.kill();
  await stopServer().catch(() => {});
  process.exit(code);
}
process.on("unhandledRejection", async (e) => {
  console.error(e);
  await shot("failure").catch(() => {});
  await cleanup(1);
});

async function shot(name) {
  step += 1;
  await browser.saveScreenshot(`${SHOTS}${String(step).padStart(2, "0")}-${name}.png`);
}

/** Waits for an element matching the CSS selector (optionally containing text) and returns it. */
async function el(selector, { text, timeout = 20000 } = {}) {
  let found;
  await browser.waitUntil(
    async () => {
      const all = await browser.$$(selector);
      for (const e of all) {
        if (!(await e.isDisplayed().catch(() => false))) continue;
        if (text && !(await e.getText()).includes(text)) continue;
        found = e;
        return true;
      }
      return false;
    },
    { timeout, interval: 250, timeoutMsg: `no ${selector}${text ? ` with "${text}"` : ""}` },
  );
  return found;
}

/** Sets a form control's value the way typing would (Preact listens to input/change). */
async function fill(selector, value) {
  await el(selector);
  await browser.execute(
    (sel, v) => {
      const node = document.querySelector(sel);
      const proto = node instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, "value").set.call(node, v);
      node.dispatchEvent(new Event("input", { bubbles: true }));
      node.dispatchEvent(new Event("change", { bubbles: true }));
    },
    selector,
    value,
  );
}

async function click(selector, opts) {
  const e = await el(selector, opts);
  await browser.waitUntil(() => e.isEnabled(), { timeout: 20000, timeoutMsg: `${selector} stays disabled` });
  await e.click();
}

async function text(selector) {
  return (await el(selector)).getText();
}

let passed = 0;
function expect(cond, message) {
  if (!cond) {
    // The closing line that cargo xtask counts; the throw then fails the run.
    console.log(`${passed} passed, 1 failed`);
    throw new Error(`expectation failed: ${message}`);
  }
  passed += 1;
  log(`ok: ${message}`);
}

/** The latest one-time code in the server's outbox: by default the latest email; or the one
 * sent on a channel (`email`, `sms`) to a recipient for a purpose (`verify_email`,
 * `verify_phone`, `reset_password`). */
function latestCode({ channel = "email", recipient, purpose } = {}) {
  const where = [`channel = '${channel}'`];
  if (recipient) where.push(`recipient = '${recipient}'`);
  if (purpose) where.push(`purpose = '${purpose}'`);
  const body = sql(`select body from outbox where ${where.join(" and ")} order by id desc limit 1`);
  const m = body.match(/\b(\d{6})\b/);
  if (!m) throw new Error(`no code in outbox (${where.join(", ")}): ${body}`);
  return m[1];
}

await sleep(1500);
await newWindow();

try {
  await journey();
  await fairRelease();
  await account();
  await restartApp();
  await offline();
  await secondStart();
  await disruption({ http, sql, el, click, text, expect, log, shot, waitFor, notices, browser, server: SERVER, email, password: "Passpor-Baru-2026" });
  // The desk needs the applicant still signed in (the saved copy); the outreach officer signs
  // in after the desk's officer, on the server's clock the desk left.
  const deskClock = await desk({ browser, el, fill, click, text, shot, expect, log, http, waitFor, restartServer, reload, SERVER, APP_DATA });
  await outreach({ browser, el, click, fill, text, expect, shot, log, sql, startServer, stopServer, serverBin: SERVER, password, appData: APP_DATA, clock: deskClock });
  log("all steps passed");
  console.log(`${passed} passed, 0 failed`);
  await cleanup(0);
} catch (e) {
  console.error(e);
  await shot("failure").catch(() => {});
  const src = await browser.getPageSource().catch(() => "");
  console.error("page at failure:", src.slice(0, 3000));
  await cleanup(1);
}

async function journey() {

// 1. Sign up and verify
log("sign up");
await el("h1", { text: "Masuk" });
await shot("sign-in");
await click("[data-testid=to-register]");
await fill("#email", email);
await fill("#phone", "081234567890");
await fill("#password", password);
await shot("sign-up-form");
await click("[data-testid=auth-submit]");
await el("#code");
const code = latestCode();
log(`verification code from the outbox: ${code}`);
await fill("#code", code);
await click("[data-testid=auth-submit]");
await el("h1", { text: "Masuk" });
await fill("#email", email);
await fill("#password", password);
await click("[data-testid=auth-submit]");
await el("h1", { text: "Cari jadwal" });
await shot("signed-in");
expect(!(await text("body")).includes("tidak punya penyimpanan kunci aman"), "session kept in the OS keyring (gnome-keyring)");

// 2. A family member aged 65 (born 15 March 1961; the NIK encodes the same date)
log("add applicant aged 65");
await click("nav a[href='#/applicants']");
await el("h1", { text: "Pemohon" });
await fill("[data-testid=nik]", "3275011503610001");
await fill("[data-testid=name]", "Siti Aminah");
await fill("[data-testid=birth]", "15/03/1961");
expect((await text("[data-testid=nik-status]")).includes("prioritas"), "NIK valid, priority by age");
await click("[data-testid=add-applicant]");
await el("[data-testid=applicant-list]", { text: "SITI AMINAH" });
expect((await text("[data-testid=applicant-list]")).includes("Jalur prioritas"), "applicant is priority-eligible");
await shot("applicant-added");

// 3. Search near Bekasi, priority lane
log("search near Bekasi");
await click("nav a[href='#/find']");
await el("[data-testid=applicant-select]");
await browser.waitUntil(async () => (await browser.$$("[data-testid=city-select] option")).length > 1, { timeout: 20000 });
const bekasi = await browser.execute(() => [...document.querySelectorAll("[data-testid=city-select] option")].find((o) => o.textContent.startsWith("Bekasi"))?.value);
expect(Boolean(bekasi), "Bekasi is among the cities");
await fill("[data-testid=city-select]", bekasi);
expect((await browser.execute(() => document.querySelector("[data-testid=choose-lane]").value)) === "priority", "priority lane preselected");
await click("[data-testid=search]");
await el("[data-testid=results] li");
const results = await text("[data-testid=results]");
expect(/WIB|WITA|WIT/.test(results), "results show the office's zone label");
await shot("search-results");

// 4. Calendar, slot, book
log("book a priority slot");
await click("[data-testid=open-office]");
await el("[data-testid=calendar]");
await click("[data-testid=slot]");
await el("[data-testid=fees-preview]", { text: "Rp350.000" });
await shot("booking-form");
await click("[data-testid=book]");
const billing = await text("[data-testid=billing-code]");
expect(billing.length > 0, `billing code ${billing}`);
expect((await text("main")).includes("Rp350.000"), "official fee shown");
await shot("booking-confirmation");
// Asked once, with the first booking: start at login (this test answers "not now": yes would
// write to the machine's autostart folder).
await el("[data-testid=start-at-login-offer]");
await click("[data-testid=start-at-login-no]");
await browser.waitUntil(async () => (await browser.$$("[data-testid=start-at-login-offer]")).length === 0, { timeout: 10000 });
expect(true, "start at login offered once, off unless chosen");

// 5. Pay through the server CLI (the local payment stand-in); the QR proof appears
log("confirm payment");
execFileSync(SERVER, ["confirm-payment", billing], { env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL }, stdio: "inherit" });
await click("nav a[href='#/bookings']");
await el("h1", { text: "Jadwal saya" });
await el("[data-testid=upcoming] [data-testid=booking-item]", { text: "SITI AMINAH" });
await shot("my-bookings");
await click("[data-testid=upcoming] [data-testid=booking-item] a");
await el("[data-testid=booking-status]", { text: "Terkonfirmasi" }).catch(async () => el("[data-testid=booking-status]"));
await el("[data-testid=qr] svg");
await shot("booking-paid-with-qr");
await slip({ browser, el, click, expect, shot, log });

// 6. English
log("switch to English");
await fill("[data-testid=language-switch]", "en");
await el("h1", { text: "Booking" });
const when = await text("[data-testid=booking-when]");
expect(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d+ \w+ 20\d\d, \d\d:\d\d W/.test(when), `date in English: ${when}`);
await click("nav a[href='#/bookings']");
await el("h1", { text: "My bookings" });
await el("[data-testid=booking-item]", { text: "SITI AMINAH" });
await shot("my-bookings-english");

// 7. Reschedule (rules shown first), to another open day
log("reschedule");
await click("[data-testid=upcoming] [data-testid=booking-item] a");
await el("#change-title");
expect((await text("main")).includes("once, until the day before"), "reschedule rule shown");
const bookedDate = await (await el("[data-testid=booking-when]")).getAttribute("data-date");
await click("[data-testid=reschedule]");
await el("[data-testid=calendar]");
const before = when;
// The server runs on a fixed clock (run.sh), so the same days are open whatever day this runs;
// still, the target is chosen explicitly: another open day than the booked one.
const otherDays = await browser.$$(`button.day.open:not([data-date="${bookedDate}"])`);
expect(otherDays.length > 0, `${otherDays.length} other open days to move to (booked ${bookedDate})`);
const target = await otherDays[0].getAttribute("data-date");
await otherDays[0].click();
await el("[data-testid=slot]");
await click("[data-testid=slot]");
await click("[data-testid=confirm-reschedule]");
await el("[data-testid=booking-when]");
const after = await text("[data-testid=booking-when]");
expect(after !== before, `moved: ${before} -> ${after}`);
expect((await (await el("[data-testid=booking-when]")).getAttribute("data-date")) === target, `now on ${target}`);
expect((await text("main")).includes("can only be rescheduled once"), "no second reschedule, and the server says why");
await shot("rescheduled");

// 8. Cancel
log("cancel");
expect((await text("main")).includes("cancel until the appointment starts"), "cancel rule shown");
await click("[data-testid=cancel]");
await click("[data-testid=confirm-cancel]");
await el("[data-testid=booking-status]", { text: "Cancelled" });
await shot("cancelled");
}

/** Reloads the window (after a server restart: the app asks the server's clock again). */
async function reload() {
  await browser.execute(() => {
    document.body.dataset.reloading = "1";
    setTimeout(() => location.reload(), 50);
  });
  await browser.waitUntil(async () => (await browser.execute(() => document.body?.dataset.reloading ?? "")) !== "1", { timeout: 20000, timeoutMsg: "the window did not reload" });
  await el("h1");
}

async function fairRelease() {
const STATUS_PENDING = "Menunggu pembayaran";
// 9. Back to Indonesian; a second family member (30, regular lane) for the draw
log("the fair release, in Indonesian");
await fill("[data-testid=language-switch]", "id");
await click("nav a[href='#/applicants']");
await el("h1", { text: "Pemohon" });
await fill("[data-testid=nik]", "3275010708960002");
await fill("[data-testid=name]", "Budi Santoso");
await fill("[data-testid=birth]", "07/08/1996");
await click("[data-testid=add-applicant]");
await el("[data-testid=applicant-list]", { text: "BUDI SANTOSO" });

// 10. A day later the entries of the next release are open (the server restarts with its clock
// in the entry window): the calendar says when the quota opens and that it goes by draw.
await restartServer(process.env.E2E_CLOCK_ENTRIES ?? "2026-12-10T08:00:00Z");
await reload();
log("enter the draw");
await click("nav a[href='#/find']");
await el("[data-testid=applicant-select]");
const budiId = await browser.execute(() => [...document.querySelectorAll("[data-testid=applicant-select] option")].find((o) => o.textContent.includes("BUDI"))?.value);
expect(Boolean(budiId), "Budi can be chosen");
await fill("[data-testid=applicant-select]", budiId);
expect((await browser.execute(() => document.querySelector("[data-testid=choose-lane]").value)) === "regular", "regular lane preselected for Budi");
await browser.waitUntil(async () => (await browser.$$("[data-testid=city-select] option")).length > 1, { timeout: 20000 });
const bekasiCity = await browser.execute(() => [...document.querySelectorAll("[data-testid=city-select] option")].find((o) => o.textContent.startsWith("Bekasi"))?.value);
await fill("[data-testid=city-select]", bekasiCity);
await click("[data-testid=search]");
await el("[data-testid=results] li");
await click("[data-testid=open-office]");
await el("[data-testid=calendar]");
const drawDay = await el("button.day.draw");
const drawDate = await drawDay.getAttribute("data-date");
const drawLabel = await drawDay.getText().catch(() => "");
expect((await text("[data-testid=draws-in-view]")).includes("kuota dibuka Jumat, 11 Desember 2026, 14.00 WIB · lewat undian"), "the calendar says when the quota opens and that it goes by draw");
await drawDay.click();
await el("[data-testid=draw-day]");
expect((await text("[data-testid=draw-day-phase]")).includes("undian pukul 14.00 WIB"), `the day's panel says when the draw is (${drawDate}, ${drawLabel.replace(/\s+/g, " ")})`);
const standing = await text("[data-testid=draw-standing]");
expect(/^\d[\d.]* pendaftar untuk \d[\d.]* kuota di /.test(standing), `how the office stands: ${standing}`);
await shot("draw-day");
await click("[data-testid=join-draw]");
await el("[data-testid=entry-form]");
expect((await browser.execute(() => document.querySelector("[data-testid=entry-lane]").value)) === "regular", "the entry's lane follows the applicant");
expect((await text("[data-testid=choices]")).includes("di Kantor Imigrasi"), "this office-day is the first choice");
// a second choice: the earliest day at this office
await click("[data-testid=choice-kind-earliest]");
await click("[data-testid=add-choice-button]");
await browser.waitUntil(async () => (await browser.$$("[data-testid=choice]")).length === 2, { timeout: 10000, timeoutMsg: "second choice not added" });
await shot("draw-entry-form");
await click("[data-testid=enter-draw]");
await el("[data-testid=entry][data-outcome=pending]");
expect((await text("[data-testid=entry]")).includes("BUDI SANTOSO"), "entered, waiting for the draw");
await browser.waitUntil(async () => /^1 pendaftar/.test(await text("[data-testid=draw-standing]")), { timeout: 20000, timeoutMsg: "the standing does not count the entry" });
await shot("draw-entered");

// 11. The release instant passes (restart just after it): the server draws within seconds; the
// app shows the outcome and its background check keeps a notice of it.
await restartServer(process.env.E2E_CLOCK_DRAWN ?? "2026-12-11T07:00:10Z");
await reload();
log("the outcome of the draw");
await el("[data-testid=entry][data-outcome=placed] [data-testid=entry-placed]", { timeout: 90000 });
const placed = await text("[data-testid=entry-placed]");
expect(placed.includes("Kantor Imigrasi Kelas I Non TPI Bekasi") && /\d\d\.\d\d WIB/.test(placed), `a place: ${placed}`);
expect((await text("[data-testid=entry-position]")).includes("ke-1"), "first in the drawn order");
await el("[data-testid=check-ok]", { timeout: 30000 });
expect((await text("[data-testid=check-mine]")).includes("urutan ke-1 dari 1"), "the published order checked on this device");
expect(/^[0-9a-f]{64}$/.test(await text("[data-testid=seed]")), "the seed is published");
await shot("draw-outcome");
const notice = await waitFor("the notice of the place", async () => notices().find((n) => n.kind === "draw_placed"), { timeout: 90000 });
expect(notice.title === "Anda mendapat kuota" && notice.body.includes("BUDI SANTOSO mendapat jadwal") && notice.body.includes("WIB di Kantor Imigrasi Kelas I Non TPI Bekasi") && notice.body.includes("dalam 2 jam"), `notice: ${notice.body}`);
await click("[data-testid=entry-pay]");
await el("[data-testid=booking-source][data-source=draw]");
expect((await text("[data-testid=booking-status]")) === STATUS_PENDING && (await text("[data-testid=billing-code]")).length > 0, "a booking to pay, made by the draw");
await shot("draw-booking");

// 12. The waitlist: another applicant (over HTTP) books a priority place on a day that is then
// full; Siti joins the waitlist for that day in the app.
log("another applicant books, the day is full");
const day = "2026-12-15";
const other = { email: `lain.${Date.now()}@example.id`, phone: "081298765432", password: "Passpor2026!" };
await http("POST", "/v1/accounts", { body: other });
await http("POST", "/v1/accounts/verify", { body: { email: other.email, code: latestCode() } });
const session = await http("POST", "/v1/sessions", { body: { email: other.email, password: other.password } });
const elder = await http("POST", "/v1/applicants", { token: session.token, body: { nik: "3275011002500003", name: "Ahmad Dahlan", birth_date: "1950-02-10", pregnant: false, disability: false, married: true } });
const slots = await http("GET", `/v1/offices/kanim-bekasi/days/${day}/slots?lane=priority`);
const theirs = await http("POST", "/v1/bookings", {
  token: session.token,
  key: `e2e-${Date.now()}`,
  body: { applicant_id: elder.id, slot_id: slots[0].slot_id, passport_kind: "ordinary", validity: "five_years", application_kind: "new" },
});
// Test setup only: no other priority place left that day.
sql(`UPDATE slots SET capacity = booked + offered, protected = 0 WHERE office_id = 'kanim-bekasi' AND day = '${day}' AND lane = 'priority'`);
expect(sql(`SELECT SUM(capacity - booked - offered) FROM slots WHERE office_id = 'kanim-bekasi' AND day = '${day}' AND lane = 'priority'`) === "0", `${day} is full in the priority lane`);

log("join the waitlist");
await click("nav a[href='#/find']");
await el("[data-testid=applicant-select]");
const sitiId = await browser.execute(() => [...document.querySelectorAll("[data-testid=applicant-select] option")].find((o) => o.textContent.includes("SITI"))?.value);
await fill("[data-testid=applicant-select]", sitiId);
expect((await browser.execute(() => document.querySelector("[data-testid=choose-lane]").value)) === "priority", "priority lane preselected for Siti");
await browser.waitUntil(async () => (await browser.$$("[data-testid=city-select] option")).length > 1, { timeout: 20000 });
await fill("[data-testid=city-select]", bekasiCity);
await click("[data-testid=search]");
await el("[data-testid=results] li");
await click("[data-testid=open-office]");
await el("[data-testid=calendar]");
await click(`button.day.full[data-date="${day}"]`);
await el("[data-testid=waitlist-form]");
expect((await text("[data-testid=full-day] h2")).includes("Selasa, 15 Desember 2026 sudah penuh"), "the full day leads to the waitlist");
await shot("full-day");
await click("[data-testid=join-waitlist]");
const joined = await text("[data-testid=waitlist-joined]");
expect(joined.includes("SITI AMINAH sudah di daftar tunggu"), `joined: ${joined}`);
await click("nav a[href='#/bookings']");
await el("h1", { text: "Jadwal saya" });
await el("[data-testid=waitlist-item][data-status=waiting]", { text: "SITI AMINAH" });
await shot("waiting");

// 13. The other applicant cancels: the place is offered to Siti at once; the open page finds it
// (it looks again every 15 s while someone waits), Siti accepts in one tap.
log("the place is freed and offered");
await http("POST", `/v1/bookings/${theirs.id}/cancel`, { token: session.token });
await el("[data-testid=offer]", { text: "SITI AMINAH", timeout: 60000 });
const offer = await text("[data-testid=offer]");
expect(offer.includes("Selasa, 15 Desember 2026") && /sampai pukul \d\d\.\d\d WIB \(\d+ menit lagi\)/.test(offer), `the offer: ${offer.replace(/\n/g, " ")}`);
await shot("offer");
const offerNotice = await waitFor("the notice of the offer", async () => notices().find((n) => n.kind === "waitlist_offer"), { timeout: 90000 });
expect(offerNotice.body.includes("SITI AMINAH") && /sampai pukul \d\d\.\d\d WIB/.test(offerNotice.body), `offer notice: ${offerNotice.body}`);
await click("[data-testid=accept-offer]");
await el("[data-testid=booking-source][data-source=waitlist]");
expect((await text("[data-testid=booking-when]")).includes("Selasa, 15 Desember 2026"), "the booking is the offered place");
expect(sql(`SELECT status FROM bookings WHERE id = '${theirs.id}'`) === "cancelled", "the other booking stays cancelled");
await shot("offer-accepted");
}

async function account() {
const newPassword = "Passpor-Baru-2026";
// 14. The account page: this device by the name it gave ("Antre di Linux"), the phone verified
// with the code that went by SMS.
log("the account: devices and the phone");
await click("nav a[href='#/account']");
await el("h1", { text: "Akun" });
const current = await text("[data-testid=device][data-current=true]");
expect(current.includes("Antre di Linux") && current.includes("Perangkat ini"), `this device in the list: ${current.replace(/\n/g, " ")}`);
expect(/Terakhir dipakai \w+, \d+ \w+ 20\d\d, \d\d\.\d\d WI/.test(current), "its last use, with the zone");
expect((await browser.$$("[data-testid=device]")).length === 1, "one device signed in");
expect((await (await el("[data-testid=phone-state]")).getAttribute("data-verified")) === "false", "the phone is not verified yet");
await click("[data-testid=send-phone-code]");
await el("[data-testid=send-phone-code-wait]");
const smsCode = latestCode({ channel: "sms", recipient: "+6281234567890", purpose: "verify_phone" });
await fill("[data-testid=phone-code]", smsCode);
await click("[data-testid=verify-phone]");
await el("[data-testid=phone-state][data-verified=true]");
await shot("account");

// 15. Sign out, then "forgot password": a code by email (read from the outbox), a new password
// (rules shown before sending); the app signs in with it and says other devices were signed out.
log("sign out, forgot password");
await click("[data-testid=logout]");
await el("h1", { text: "Masuk" });
await click("[data-testid=to-forgot]");
await el("h1", { text: "Lupa kata sandi" });
await fill("#email", email);
await click("[data-testid=auth-submit]");
await el("h1", { text: "Buat kata sandi baru" });
expect((await text("[data-testid=auth-info]")).includes("berlaku 15 menit"), "the code's validity is said");
const resetCode = latestCode({ recipient: email, purpose: "reset_password" });
log("the reset code read from the outbox");
await fill("#code", resetCode);
await fill("#password", newPassword);
await el("[data-testid=password-rules][data-acceptable=true]");
await shot("reset");
await click("[data-testid=auth-submit]");
await el("h1", { text: "Akun" });
expect((await text("[data-testid=account-flash]")).includes("Semua perangkat lain sudah dikeluarkan"), "other devices signed out, and said so");
const old = await fetch(`${SERVER_URL}/v1/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
expect(old.status === 401, `the old password no longer signs in (${old.status})`);
await el("[data-testid=device][data-current=true]", { text: "Antre di Linux" });

// 16. Signed out and in again with the new password, typed.
log("sign in with the new password");
await click("[data-testid=logout]");
await el("h1", { text: "Masuk" });
await fill("#email", email);
await fill("#password", newPassword);
await click("[data-testid=auth-submit]");
await el("h1", { text: "Cari jadwal" });
await click("nav a[href='#/account']");
expect((await text("[data-testid=device][data-current=true]")).includes("Antre di Linux"), "signed in again on this device");
await shot("signed-in-new-password");
}

/** The reminders the app planned (reminders.json in its data folder), not delivered yet. */
function upcomingReminders() {
  const file = `${APP_DATA}/reminders.json`;
  const all = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [];
  return all.filter((r) => !r.delivered);
}

/** The writes the app queued offline (outbox.json in its data folder). */
function queuedWrites() {
  const file = `${APP_DATA}/outbox.json`;
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [];
}

/** The app's pids, found by this run's own binary path (never another run's). */
function appPids() {
  try {
    return execFileSync("pgrep", ["-f", `^${APP}`], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function newWindow() {
  browser = await remote({
    hostname: "127.0.0.1",
    port: DRIVER_PORT,
    logLevel: "warn",
    capabilities: {
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: APP },
    },
  });
}

/** 17. The app is closed and started again: still signed in (the keyring), the reminders kept. */
async function restartApp() {
  log("restart the app");
  const before = upcomingReminders();
  expect(before.length > 0, `signing in again planned the reminders (${before.map((r) => r.kind).join(", ")})`);
  await browser.deleteSession();
  // With a tray the app outlives its window: end this run's app (its own pids) before starting it again.
  await waitFor("the app to quit", async () => appPids().length === 0, { timeout: 5000 }).catch(() => {
    for (const pid of appPids()) process.kill(pid, "SIGTERM");
  });
  await waitFor("the app to quit", async () => appPids().length === 0, { timeout: 15000 });
  await newWindow();
  await el("h1", { text: "Cari jadwal" });
  expect((await browser.$$("[data-testid=auth-submit]")).length === 0, "still signed in after the restart (session in the keyring)");
  const after = upcomingReminders();
  expect(after.length === before.length && before.every((r) => after.some((a) => a.id === r.id && a.fire_at === r.fire_at)), `the ${after.length} reminders kept across the restart`);
  await shot("restarted");
}

/** 18. Offline: the server is stopped. The saved booking and its QR open, the banner stays (a
 * local answer does not hide it); a cancel is queued; the server comes back and the cancel is
 * sent, once. */
async function offline() {
  log("offline: pay Siti's booking first, for its QR");
  const saved = JSON.parse(readFileSync(`${APP_DATA}/bookings.json`, "utf8")).bookings;
  const siti = saved.find((b) => b.source === "waitlist" && b.status === "pending_payment");
  expect(Boolean(siti), "the waitlist booking is in the saved copy");
  execFileSync(SERVER, ["confirm-payment", siti.billing_code], { env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL }, stdio: "inherit" });
  await click("nav a[href='#/bookings']");
  await el("h1", { text: "Jadwal saya" });
  await browser.execute((id) => { location.hash = `#/booking/${id}`; }, siti.id);
  await el("[data-testid=qr] svg");
  const bookedBefore = Number(sql(`SELECT booked FROM slots WHERE id = (SELECT slot_id FROM bookings WHERE id = '${siti.id}')`));

  log("the server stops");
  await stopServer();
  await click("nav a[href='#/bookings']");
  await el("[data-testid=offline-banner]", { timeout: 30000 });
  await el("[data-testid=offline-copy]");
  await browser.execute((id) => { location.hash = `#/booking/${id}`; }, siti.id);
  await el("[data-testid=qr] svg");
  await sleep(6000); // longer than the queue's look (5 s): the local answers must not hide the banner
  expect((await browser.$$("[data-testid=offline-banner]")).length === 1, "the QR opens offline, and the banner stays");
  expect((await text("[data-testid=offline-banner]")).includes("kode QR tersimpan tetap bisa dibuka"), "the banner says what still works");
  await shot("offline-qr");
  await click("[data-testid=cancel]");
  await click("[data-testid=confirm-cancel]");
  const queued = await text("[data-code=queued_offline]");
  expect(queued.includes("dikirim otomatis saat koneksi kembali"), `the cancel is kept and will be sent: ${queued}`);
  await el("[data-testid=queue-waiting]", { text: "1 perubahan menunggu dikirim" });
  const outbox = queuedWrites();
  expect(outbox.length === 1 && outbox[0].cancel?.booking_id === siti.id && outbox[0].idempotency_key.length >= 8, "queued on disk with its idempotency key");
  expect(sql(`SELECT status FROM bookings WHERE id = '${siti.id}'`) === "confirmed", "not cancelled on the server yet");
  await shot("offline-cancel-queued");

  log("the server comes back");
  await startServer(process.env.E2E_CLOCK_DRAWN ?? "2026-12-11T07:00:10Z");
  await browser.waitUntil(async () => (await browser.$$("[data-testid=queue-waiting]")).length === 0, { timeout: 60000, timeoutMsg: "the queued cancel was not sent" });
  await browser.waitUntil(async () => (await browser.$$("[data-testid=offline-banner]")).length === 0, { timeout: 30000, timeoutMsg: "the banner stays online" });
  // The open page shows the booking as it is now, without being opened again.
  await el("[data-testid=booking-status]", { text: "Dibatalkan" });
  expect((await browser.$$("[data-code=queued_offline]")).length === 0, "the open booking shows it cancelled");
  await click("nav a[href='#/bookings']");
  await el("h1", { text: "Jadwal saya" });
  await browser.execute((id) => { location.hash = `#/booking/${id}`; }, siti.id);
  await el("[data-testid=booking-status]", { text: "Dibatalkan" });
  expect(sql(`SELECT status FROM bookings WHERE id = '${siti.id}'`) === "cancelled", "cancelled on the server");
  const bookedAfter = Number(sql(`SELECT booked FROM slots WHERE id = (SELECT slot_id FROM bookings WHERE id = '${siti.id}')`));
  expect(bookedAfter === bookedBefore - 1, `the place freed once (${bookedBefore} -> ${bookedAfter})`);
  expect(queuedWrites().length === 0, "nothing left in the queue");
  expect((await browser.$$("[data-testid=queue-refused]")).length === 0, "no refusal");
  await shot("offline-cancel-sent");
}

/** A second start of the app hands over to the running one (which comes forward) and exits. */
async function secondStart() {
  log("a second start");
  const second = spawn(APP, [], { env: process.env, stdio: "ignore" });
  const code = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve("still running"), 30000);
    second.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  if (code === "still running") second.kill();
  expect(code === 0, `the second start exits at once (exit ${code}), no second window`);
  await click("nav a[href='#/bookings']");
  await el("h1", { text: "Jadwal saya" });
  expect(true, "the first window still answers");
}
