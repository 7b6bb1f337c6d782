// The whole journey in the real app window: sign up, verify (code from the server's outbox),
// add a family member aged 65, search near Bekasi, book a priority slot, pay (server CLI),
// see it in My bookings, switch to English, reschedule, cancel. A screenshot per step goes to
// test-artifacts/e2e/. Expects (from run.sh): ANTRE_SERVER_URL, E2E_DB, E2E_SERVER_BIN, E2E_APP_BIN.
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { remote } from "webdriverio";

const ROOT = new URL("../../", import.meta.url).pathname;
const SHOTS = `${ROOT}test-artifacts/e2e/`;
const DRIVER_PORT = Number(process.env.E2E_DRIVER_PORT ?? 4444);
const DB = process.env.E2E_DB;
const APP = process.env.E2E_APP_BIN ?? `${ROOT}target/debug/antre-app`;
const SERVER = process.env.E2E_SERVER_BIN ?? `${ROOT}target/debug/antre-server`;
mkdirSync(SHOTS, { recursive: true });

let step = 0;
const log = (m) => console.log(`[e2e] ${m}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const driver = spawn("tauri-driver", ["--port", String(DRIVER_PORT), "--native-driver", "/usr/bin/WebKitWebDriver"], {
  stdio: ["ignore", "inherit", "inherit"],
});
let browser;

async function cleanup(code) {
  try {
    await browser?.deleteSession();
  } catch {}
  driver.kill();
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

function latestCode() {
  const body = execFileSync("sqlite3", [DB, "select body from outbox where channel = 'email' order by id desc limit 1"], { encoding: "utf8" });
  const m = body.match(/\b(\d{6})\b/);
  if (!m) throw new Error(`no code in outbox: ${body}`);
  return m[1];
}

await sleep(1500);
browser = await remote({
  hostname: "127.0.0.1",
  port: DRIVER_PORT,
  logLevel: "warn",
  capabilities: {
    "wdio:enforceWebDriverClassic": true,
    "tauri:options": { application: APP },
  },
});

try {
  await journey();
} catch (e) {
  console.error(e);
  await shot("failure").catch(() => {});
  const src = await browser.getPageSource().catch(() => "");
  console.error("page at failure:", src.slice(0, 3000));
  await cleanup(1);
}

async function journey() {
const email = `ani.${Date.now()}@example.id`;
const password = "Passpor2026!";

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
await fill("[data-testid=birth]", "1961-03-15");
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

// 5. Pay through the server CLI (the local payment stand-in); the QR proof appears
log("confirm payment");
execFileSync(SERVER, ["confirm-payment", billing], { env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL }, stdio: "inherit" });
await click("nav a[href='#/bookings']");
await el("h1", { text: "Janji saya" });
await el("[data-testid=upcoming] [data-testid=booking-item]", { text: "SITI AMINAH" });
await shot("my-bookings");
await click("[data-testid=upcoming] [data-testid=booking-item] a");
await el("[data-testid=booking-status]", { text: "Terkonfirmasi" }).catch(async () => el("[data-testid=booking-status]"));
await el("[data-testid=qr] svg");
await shot("booking-paid-with-qr");

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
expect((await text("main")).includes("can no longer be moved"), "no second reschedule");
await shot("rescheduled");

// 8. Cancel
log("cancel");
expect((await text("main")).includes("cancel until the appointment starts"), "cancel rule shown");
await click("[data-testid=cancel]");
await click("[data-testid=confirm-cancel]");
await el("[data-testid=booking-status]", { text: "Cancelled" });
await shot("cancelled");

log("all steps passed");
console.log(`${passed} passed, 0 failed`);
await cleanup(0);
}
