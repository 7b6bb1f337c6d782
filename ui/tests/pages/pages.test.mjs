// Page tests in Debian's Chromium (playwright-core, no browser download) against the built UI
// with the fake Rust side injected, at phone (360x740) and desktop (1280x800) sizes, each page
// checked with axe-core (WCAG 2.1 A/AA).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const DIST = new URL("../../dist/", import.meta.url).pathname;
const FAKE = new URL("./.fake-install.js", import.meta.url).pathname;
const AXE = require.resolve("axe-core/axe.min.js");
const SHOTS = new URL("../../../test-artifacts/pages/", import.meta.url).pathname;
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png" };

let server;
let base;
let browser;

before(async () => {
  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    try {
      const body = await readFile(join(DIST, path === "/" ? "index.html" : path));
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "text/html" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(viewport, options = {}, hash = "") {
  const context = await browser.newContext({ viewport, locale: options.locale === "en" ? "en-US" : "id-ID" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // The fake data lives in November 2026: freeze the clock there (timers still run).
  await page.clock.setFixedTime(new Date("2026-11-16T01:00:00Z"));
  await page.addInitScript(`window.__FAKE_OPTIONS__ = ${JSON.stringify(options)};`);
  await page.addInitScript({ path: FAKE });
  await page.goto(base + hash);
  await page.waitForSelector("h1");
  return { page, context, errors };
}

async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  assert.deepEqual(violations, [], `axe on ${label}`);
}

async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

for (const [name, viewport] of [["phone", { width: 360, height: 740 }], ["desktop", { width: 1280, height: 800 }]]) {
  describe(`${name} ${viewport.width}x${viewport.height}`, () => {
    it("sign-in page is accessible and in Indonesian by default", async () => {
      const { page, context, errors } = await open(viewport);
      assert.equal(await page.textContent("h1"), "Masuk");
      assert.equal(await page.getAttribute("html", "lang"), "id");
      await axe(page, "sign-in");
      await page.click("[data-testid=to-register]");
      assert.equal(await page.textContent("h1"), "Buat akun");
      await axe(page, "register");
      await shot(page, `${name}-01-register`);
      // wrong password: the server's code is explained in the user's language
      await page.click("[data-testid=to-login]");
      await page.fill("#email", "ani@example.id");
      await page.fill("#password", "salah");
      await page.click("[data-testid=auth-submit]");
      await page.waitForSelector("[role=alert]");
      assert.match(await page.textContent("[role=alert]"), /salah/);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("applicants: NIK checked as typed, priority derived, whole page accessible", async () => {
      const { page, context } = await open(viewport, { signedIn: true }, "#/applicants");
      await page.fill("[data-testid=nik]", "3275");
      assert.equal(await page.textContent("[data-testid=nik-status]"), "4 dari 16 angka");
      await page.fill("[data-testid=nik]", "99");
      await page.waitForSelector("#nik-error");
      assert.match(await page.textContent("#nik-error"), /provinsi/);
      assert.equal(await page.getAttribute("[data-testid=nik]", "aria-invalid"), "true");
      await page.fill("[data-testid=nik]", "3275011503610001");
      await page.fill("[data-testid=name]", "Siti Aminah");
      await page.fill("[data-testid=birth]", "1961-03-15");
      await page.waitForSelector("text=prioritas");
      await axe(page, "applicants form");
      await page.click("[data-testid=add-applicant]");
      await page.waitForSelector("[data-testid=applicant-list] li");
      assert.match(await page.textContent("[data-testid=applicant-list]"), /SITI AMINAH/);
      assert.match(await page.textContent("[data-testid=applicant-list]"), /Jalur prioritas/);
      await axe(page, "applicants list");
      await shot(page, `${name}-02-applicants`);
      await context.close();
    });

    it("find, calendar, slots and booking with fee, billing code, documents and QR", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true }, "#/applicants");
      await page.fill("[data-testid=nik]", "3275011503610001");
      await page.fill("[data-testid=name]", "Siti Aminah");
      await page.fill("[data-testid=birth]", "1961-03-15");
      await page.click("[data-testid=add-applicant]");
      await page.waitForSelector("[data-testid=applicant-list] li");
      await page.click("nav >> text=Cari jadwal");
      await page.waitForSelector("[data-testid=city-select] option[value^=Bekasi]", { state: "attached" });
      assert.equal(await page.inputValue("[data-testid=choose-lane]"), "priority");
      await page.selectOption("[data-testid=city-select]", { label: "Bekasi, Jawa Barat" });
      await page.click("[data-testid=search]");
      await page.waitForSelector("[data-testid=results] li");
      const results = await page.textContent("[data-testid=results]");
      assert.match(results, /WIB/);
      assert.match(results, /Selasa, 17 November 2026/);
      await axe(page, "search results");
      await shot(page, `${name}-03-results`);
      await page.click("[data-testid=open-office] >> nth=0");
      await page.waitForSelector("[data-testid=calendar]");
      assert.equal(await page.getAttribute("[data-date='2026-11-18']", "data-state"), "full");
      assert.match(await page.textContent("[data-date='2026-11-17']"), /Selasa, 17 November 2026, buka, sisa 17 tempat/);
      assert.equal(await page.getAttribute("[data-date='2026-11-21']", "data-state"), "closed");
      await page.waitForSelector("[data-testid=slot]");
      await axe(page, "calendar and slots");
      await page.click("[data-testid=slot] >> nth=0");
      await page.waitForSelector("[data-testid=fees-preview]");
      assert.match(await page.textContent("[data-testid=fees-preview]"), /Rp350\.000/);
      await axe(page, "booking form");
      await shot(page, `${name}-04-book`);
      await page.click("[data-testid=book]");
      await page.waitForSelector("[data-testid=billing-code]");
      assert.match(await page.textContent("[data-testid=booking-when]"), /Selasa, 17 November 2026, 08\.00 WIB/);
      assert.match(await page.textContent("[data-testid=fee-total]"), /Rp350\.000/);
      assert.match(await page.textContent("main"), /Jangan memberikan uang|tidak memberikan uang|hanya biaya resmi/i);
      await page.waitForSelector("[data-testid=qr] svg");
      await axe(page, "booking confirmation");
      await shot(page, `${name}-05-confirmation`);
      // English
      await page.selectOption("[data-testid=language-switch]", "en");
      await page.waitForSelector("text=Billing code");
      assert.match(await page.textContent("[data-testid=booking-when]"), /Tuesday, 17 November 2026, 08:00 WIB/);
      assert.match(await page.textContent("[data-testid=fee-total]"), /Rp350,000/);
      await axe(page, "confirmation in English");
      await page.click("[data-testid=cancel]");
      await page.click("[data-testid=confirm-cancel]");
      await page.waitForSelector("[data-testid=booking-status] >> text=Cancelled");
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("my bookings offline: banner and the saved copy, large text", async () => {
      const { page, context } = await open(viewport, { signedIn: true, offline: true }, "#/bookings");
      await page.waitForSelector("[data-testid=offline-copy]");
      await page.waitForSelector("[data-testid=offline-banner]");
      await axe(page, "offline bookings");
      await page.click("nav >> text=Pengaturan");
      await page.check("[data-testid=large-text]");
      await page.waitForFunction(() => getComputedStyle(document.documentElement).fontSize === "20px");
      await axe(page, "settings large text");
      await shot(page, `${name}-06-settings`);
      await context.close();
    });

    it("keyboard only: skip link and menu reach the content", async () => {
      const { page, context } = await open(viewport, { signedIn: true, keyring: false }, "#/find");
      assert.match(await page.textContent("main") + (await page.textContent("body")), /penyimpanan kunci aman/);
      // the skip link is the first thing keyboard focus reaches
      assert.equal(await page.evaluate(() => document.querySelector("a[href], button, input, select")?.className), "skip");
      await page.focus(".skip");
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
      await context.close();
    });
  });
}
