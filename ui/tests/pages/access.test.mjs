// Words, keyboard and screen readers (issue 9): the main pages at 150% and 200% text on a
// 360 px phone and at 200% on a 1280 px desktop (nothing scrolls sideways, nothing is cut off,
// axe finds nothing); every confirmation dialog takes the focus and gives it back; calendar
// days are read once; pages share the offices and applicants they fetched.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { axe, base, noSideways, open, setup, shot, VIEWPORTS } from "./support.mjs";

setup();

const PHONE = VIEWPORTS[0][1];
const DESKTOP = VIEWPORTS[1][1];
const SITI = { nik: "3275011503610001", name: "Siti Aminah", birth_date: "1961-03-15", pregnant: false, disability: false, married: true };

/** No button, link or table cell has content wider than itself (cut off or spilling over). */
async function nothingCutOff(page, label) {
  const spilled = await page.evaluate(() =>
    [...document.querySelectorAll("main button, main a, main td, main th, main label, main dd, main dt, main h1, main h2, main h3, main p, header select, nav a")]
      .filter((el) => el.offsetParent !== null && !el.closest(".sr-only") && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "auto")
      .map((el) => `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ""} "${el.textContent.trim().slice(0, 30)}" ${el.scrollWidth}>${el.clientWidth}`),
  );
  assert.deepEqual(spilled, [], `${label}: content wider than its box`);
}

async function fits(page, label) {
  await noSideways(page, label);
  await nothingCutOff(page, label);
  await axe(page, label);
}

/** The id of the focused element, or its test id. */
const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.testid || document.activeElement?.tagName);

for (const [name, viewport, size, percent] of [
  ["phone", PHONE, "larger", 150],
  ["phone", PHONE, "largest", 200],
  ["desktop", DESKTOP, "largest", 200],
]) {
  describe(`${name} ${viewport.width}x${viewport.height}, text ${percent}%`, () => {
    it("the main pages fit: sign-in, applicants, search, calendar, booking form, waiting for payment, paid with the QR, cancel dialog, my bookings, account, settings", async () => {
      let { page, context, errors } = await open(viewport, { textSize: size });
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), `${(16 * percent) / 100}px`);
      await fits(page, "sign-in");
      await page.click("[data-testid=to-register]");
      await fits(page, "register");
      await context.close();

      ({ page, context, errors } = await open(viewport, { signedIn: true, textSize: size }, "#/applicants"));
      await page.fill("[data-testid=nik]", SITI.nik);
      await page.fill("[data-testid=name]", SITI.name);
      await page.waitForSelector("[data-testid=birth-from-nik]");
      await page.click("[data-testid=add-applicant]");
      await page.waitForSelector("[data-testid=applicant-list] li");
      await fits(page, "applicants");
      await shot(page, `text${percent}-${name}-applicants`);
      await page.click("nav >> text=Cari jadwal");
      await page.waitForSelector("[data-testid=city-select] option[value^=Bekasi]", { state: "attached" });
      await page.selectOption("[data-testid=city-select]", { label: "Bekasi, Jawa Barat" });
      await page.click("[data-testid=search]");
      await page.waitForSelector("[data-testid=results] li");
      await fits(page, "search results");
      await shot(page, `text${percent}-${name}-results`);
      await page.click("[data-office=bekasi] [data-testid=open-office]");
      await page.waitForSelector("[data-testid=calendar]");
      await page.click("[data-date='2026-11-17']");
      await page.waitForSelector("[data-testid=slot]");
      await fits(page, "calendar and slots");
      await shot(page, `text${percent}-${name}-calendar`);
      await page.click("[data-testid=slot] >> nth=0");
      await page.waitForSelector("[data-testid=fees-preview]");
      await fits(page, "booking form");
      await page.click("[data-testid=book]");
      await page.waitForSelector("[data-testid=billing-code]");
      assert.equal(await page.textContent("[data-testid=booking-status]"), "Menunggu pembayaran");
      await fits(page, "booking waiting for payment");
      await shot(page, `text${percent}-${name}-waiting-for-payment`);
      const id = await page.evaluate(() => window.__FAKE__.state.bookings.at(-1).id);
      await page.evaluate((b) => window.__FAKE__.pay(b), id);
      await page.click("nav >> text=Jadwal saya");
      await page.waitForSelector("[data-testid=upcoming] [data-testid=booking-item]");
      await fits(page, "my bookings");
      await page.click("[data-testid=upcoming] [data-testid=booking-item] a");
      await page.waitForSelector("[data-testid=qr] svg");
      await fits(page, "booking paid, with its QR");
      await shot(page, `text${percent}-${name}-paid`);
      await page.click("[data-testid=cancel]");
      await page.waitForSelector("dialog[open] #cancel-q");
      await noSideways(page, "cancel dialog");
      await axe(page, "cancel dialog");
      await shot(page, `text${percent}-${name}-cancel-dialog`);
      await page.click("[data-testid=cancel-no]");
      await page.click("nav >> text=Akun");
      await page.waitForSelector("[data-testid=device]");
      await fits(page, "account");
      await page.click("nav >> text=Pengaturan");
      await page.waitForSelector(`[data-testid=text-size-${size}]`);
      assert.equal(await page.isChecked(`[data-testid=text-size-${size}]`), true);
      await fits(page, "settings");
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}

for (const [name, viewport] of VIEWPORTS) {
  describe(`${name} ${viewport.width}x${viewport.height}`, () => {
    it("text size: chosen in Settings from 100% to 200%, the whole app follows", async () => {
      const { page, context } = await open(viewport, { signedIn: true }, "#/settings");
      for (const [size, px] of [["largest", "32px"], ["larger", "24px"], ["large", "20px"], ["normal", "16px"]]) {
        await page.check(`[data-testid=text-size-${size}]`);
        await page.waitForFunction((v) => getComputedStyle(document.documentElement).fontSize === v, px);
        await noSideways(page, `settings at ${px}`);
      }
      await axe(page, "text size choices");
      await context.close();
    });

    it("calendar days are read once: the day in words, not also the short date and count", async () => {
      const { page, context } = await open(viewport, { signedIn: true }, "#/settings");
      const siti = await page.evaluate((r) => window.__FAKE__.handle("add_applicant", { request: r }), SITI);
      await page.goto(`${base}#/office/bekasi?lane=priority&applicant=${siti.id}`);
      await page.waitForSelector("[data-testid=calendar]");
      // The button's whole accessible name (exact) is the sentence; nothing before or after it.
      const day = page.getByRole("button", { name: "Selasa, 17 November 2026, tersedia, sisa 17 kuota", exact: true });
      assert.equal(await day.count(), 1);
      assert.match(await day.ariaSnapshot(), /^- button "Selasa, 17 November 2026, tersedia, sisa 17 kuota"/);
      // The short label shown in the square is hidden from screen readers.
      assert.equal(await page.getAttribute("[data-date='2026-11-17'] .d", "aria-hidden"), "true");
      assert.equal(await page.getByRole("button", { name: /Sel 17/ }).count(), 0);
      await context.close();
    });

    it("confirmation dialogs take the focus and give it back to what opened them", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true }, "#/settings");
      const siti = await page.evaluate((r) => window.__FAKE__.handle("add_applicant", { request: r }), SITI);
      // Removing a person: the question is focused, the page behind is inert (modal).
      await page.goto(`${base}#/applicants`);
      await page.waitForSelector("[data-testid=applicant-list] li");
      await page.click("[data-testid=remove-applicant]");
      await page.waitForSelector("dialog[open]");
      assert.equal(await focused(page), `remove-q-${siti.id}`);
      assert.equal(await page.evaluate(() => document.querySelector("dialog[open]").matches(":modal")), true);
      await page.keyboard.press("Tab");
      assert.equal(await focused(page), "confirm-remove", "Tab reaches the answers");
      await axe(page, "remove dialog");
      await page.keyboard.press("Escape");
      await page.waitForSelector("dialog", { state: "detached" });
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "remove-applicant");
      await page.click("[data-testid=remove-applicant]");
      await page.click("[data-testid=remove-no]");
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "remove-applicant");
      // Cancelling a booking: "no" gives the focus back to the button; "yes" to the page title,
      // as the button is gone with the booking it cancelled.
      const booking = await page.evaluate(() => window.__FAKE__.bookTomorrow());
      await page.goto(`${base}#/booking/${booking.id}`);
      await page.waitForSelector("[data-testid=qr] svg");
      await page.click("[data-testid=cancel]");
      await page.waitForSelector("dialog[open]");
      assert.equal(await focused(page), "cancel-q");
      await page.click("[data-testid=cancel-no]");
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "cancel");
      // Keyboard only: Enter opens it, Escape closes it.
      await page.keyboard.press("Enter");
      await page.waitForSelector("dialog[open]");
      assert.equal(await focused(page), "cancel-q");
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "cancel");
      await page.click("[data-testid=cancel]");
      await page.click("[data-testid=confirm-cancel]");
      await page.waitForSelector("[data-testid=booking-status] >> text=Dibatalkan");
      await page.waitForFunction(() => document.activeElement?.tagName === "H1");
      // The full-screen QR of another booking gives the focus back too.
      const paid = await page.evaluate(() => window.__FAKE__.bookTomorrow());
      await page.goto(`${base}#/booking/${paid.id}`);
      await page.waitForSelector("[data-testid=qr-open]");
      await page.click("[data-testid=qr-open]");
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "qr-full-close");
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "qr-open");
      // The account: deleting it and signing out everywhere.
      await page.click("nav >> text=Akun");
      await page.waitForSelector("[data-testid=device]");
      await page.click("[data-testid=delete-account]");
      await page.waitForSelector("[data-testid=delete-dialog][open]");
      assert.equal(await focused(page), "delete-q");
      await page.click("[data-testid=cancel-delete]");
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "delete-account");
      await page.click("[data-testid=sign-out-everywhere]");
      await page.waitForSelector("dialog[open]");
      assert.equal(await focused(page), "everywhere-q");
      await axe(page, "sign out everywhere dialog");
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "sign-out-everywhere");
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("pages share the offices and applicants they fetched; a change to the applicants is seen without asking again", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true }, "#/settings");
      await page.evaluate((r) => window.__FAKE__.handle("add_applicant", { request: r }), SITI);
      const asked = (cmd) => page.evaluate((c) => window.__FAKE__.state.calls.filter((x) => x.cmd === c).length, cmd);
      await page.click("nav >> text=Cari jadwal");
      await page.waitForSelector("[data-testid=city-select] option[value^=Bekasi]", { state: "attached" });
      await page.selectOption("[data-testid=city-select]", { label: "Bekasi, Jawa Barat" });
      await page.click("[data-testid=search]");
      await page.waitForSelector("[data-testid=results] li");
      await page.click("[data-office=bekasi] [data-testid=open-office]");
      await page.waitForSelector("[data-testid=office-details]");
      await page.click("nav >> text=Jadwal saya");
      await page.waitForSelector("h1 >> text=Jadwal saya");
      await page.click("nav >> text=Cari jadwal");
      await page.waitForSelector("[data-testid=city-select] option[value^=Bekasi]", { state: "attached" });
      await page.click("nav >> text=Pemohon");
      await page.waitForSelector("[data-testid=applicant-list] li");
      assert.equal(await asked("list_offices"), 1, "the offices asked once over four pages");
      assert.equal(await asked("list_applicants"), 1, "the applicants asked once over three pages");
      // A person added on the applicants page is offered by the search page at once.
      await page.fill("[data-testid=nik]", "3275014708960002");
      await page.fill("[data-testid=name]", "Budi Santoso");
      await page.waitForSelector("[data-testid=birth-from-nik]");
      await page.click("[data-testid=add-applicant]");
      await page.waitForSelector("[data-testid=applicant-list] >> text=BUDI SANTOSO");
      await page.click("nav >> text=Cari jadwal");
      await page.waitForSelector("[data-testid=applicant-select] option >> text=BUDI SANTOSO", { state: "attached" });
      assert.equal(await asked("list_applicants"), 1, "still asked once");
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}
