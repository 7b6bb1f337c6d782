// Clock times typed in the app's language (TimeField, DateTimeField) on each page that asks for
// one, in Indonesian and in English: what the user types reaches the Rust side in the shapes the
// native inputs gave ("HH:MM", "YYYY-MM-DDTHH:MM" turned into an instant), never the web view's
// "02:30 PM".
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { axe, noSideways, open, setup, VIEWPORTS } from "./support.mjs";

setup();
const PHONE = VIEWPORTS[0][1];

/** The last call of `cmd` the page made to the fake Rust side. */
const lastCall = (page, cmd) => page.evaluate((c) => window.__FAKE__.state.calls.filter((x) => x.cmd === c).at(-1)?.args, cmd);

/** How each language shows and reads a time, and what the page says about a wrong one. */
const LANGS = {
  id: { sep: ".", hint: /Ketik jam dan menit \(24 jam\), misalnya 08\.00/, invalid: /Jam tidak dikenali/ },
  en: { sep: ":", hint: /Type hours and minutes \(24-hour\), e\.g\. 08:00/, invalid: /Time not recognised/ },
};

for (const [locale, lang] of Object.entries(LANGS)) {
  const hm = (h, m) => `${h}${lang.sep}${m}`;
  describe(`time fields in ${locale}`, () => {
    it("outreach: a drive's start and end typed 24-hour reach the server as HH:MM", async () => {
      const { page, context, errors } = await open(PHONE, { signedIn: true, outreach: true, locale }, "#/outreach");
      await page.waitForSelector("[data-testid=drive-form]");
      // No native time input is left, and the defaults show in the language's format.
      assert.equal(await page.locator("input[type=time], input[type=datetime-local]").count(), 0);
      assert.equal(await page.getAttribute("[data-testid=drive-starts]", "type"), "text");
      assert.equal(await page.inputValue("[data-testid=drive-starts]"), hm("08", "00"));
      assert.match(await page.textContent("#drive-starts-hint"), lang.hint);
      await page.fill("[data-testid=drive-name]", "Warga Desa Sukamaju");
      await page.fill("[data-testid=drive-place]", "Balai Desa Sukamaju");
      await page.fill("[data-testid=drive-lat]", "-6.3");
      await page.fill("[data-testid=drive-lon]", "107.1");
      await page.fill("[data-testid=drive-date]", "10/12/2026");
      // A 12-hour time is refused (after leaving the field) and the drive cannot be created.
      await page.fill("[data-testid=drive-starts]", "2:30 PM");
      await page.press("[data-testid=drive-starts]", "Tab");
      assert.match(await page.textContent("#drive-starts-error"), lang.invalid);
      assert.equal(await page.getAttribute("[data-testid=drive-starts]", "aria-invalid"), "true");
      await page.fill("[data-testid=drive-leader]", "Ahmad Saputra");
      assert.equal(await page.isDisabled("[data-testid=drive-create]"), true);
      await page.fill("[data-testid=drive-starts]", "7.30");
      await page.press("[data-testid=drive-starts]", "Tab");
      assert.equal(await page.inputValue("[data-testid=drive-starts]"), hm("07", "30"));
      await page.fill("[data-testid=drive-ends]", "1400");
      // Page Up: an hour later.
      await page.press("[data-testid=drive-ends]", "PageUp");
      assert.equal(await page.inputValue("[data-testid=drive-ends]"), hm("15", "00"));
      await axe(page, `drive form (${locale})`);
      await noSideways(page, `drive form (${locale})`);
      await page.click("[data-testid=drive-create]");
      await page.waitForSelector("[data-testid=member-form]");
      const { request } = await lastCall(page, "create_drive");
      assert.equal(request.starts, "07:30");
      assert.equal(request.ends, "15:00");
      assert.equal(request.date, "2026-12-10");
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("desk: an event site's hours and its release time reach the server", async () => {
      const { page, context, errors } = await open(PHONE, { signedIn: true, head: true, locale }, "#/desk");
      await page.waitForSelector("[data-testid=event-site-form]");
      assert.equal(await page.locator("input[type=time], input[type=datetime-local]").count(), 0);
      await page.fill("[data-testid=site-name]", "Stadion Patriot Candrabhaga");
      await page.fill("[data-testid=site-lat]", "-6.2397");
      await page.fill("[data-testid=site-lon]", "106.9972");
      await page.fill("[data-testid=site-date]", "21/11/2026");
      await page.fill("[data-testid=site-starts]", hm("7", "00"));
      // Down arrow: a minute earlier.
      await page.fill("[data-testid=site-ends]", "17:01");
      await page.press("[data-testid=site-ends]", "ArrowDown");
      await page.fill("[data-testid=site-capacity]", "1075");
      await page.fill("[data-testid=site-note]", "Layanan paspor akhir pekan");
      // The release time: a date and a time under one label; half of it is not sent as "now".
      assert.equal(await page.textContent("[data-testid=site-release] legend"), locale === "en" ? "Release time (empty: now)" : "Waktu rilis (kosongkan: sekarang)");
      await page.fill("[data-testid=site-release-date]", "18/11/2026");
      await page.click("[data-testid=event-site-submit]");
      assert.equal(await page.evaluate(() => document.querySelector("[data-testid=site-release-time]").validity.valueMissing), true);
      assert.equal(await lastCall(page, "create_event_site"), undefined, "not sent with half a release time");
      await page.fill("[data-testid=site-release-time]", "20.15");
      assert.equal(await page.getAttribute("[data-testid=site-release]", "data-value"), "2026-11-18T20:15");
      await axe(page, `event site form (${locale})`);
      await noSideways(page, `event site form (${locale})`);
      await page.click("[data-testid=event-site-submit]");
      await page.waitForSelector("[data-testid=event-site-done]");
      const { request } = await lastCall(page, "create_event_site");
      assert.equal(request.starts, "07:00");
      assert.equal(request.ends, "17:00");
      // As before: the release is the device's local time, sent as an instant.
      assert.equal(request.release_at, await page.evaluate(() => new Date("2026-11-18T20:15").toISOString()));
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("after the visit: when it happened, typed in the office's zone, reaches the server as an instant", async () => {
      const { page, context, errors } = await open(PHONE, { visited: true, locale }, "#/bookings");
      await page.waitForSelector("[data-testid=booking-item]");
      await page.click("[data-testid=booking-item] a");
      await page.waitForSelector("[data-testid=after-visit]");
      await page.click("[data-testid=report-yes]");
      await page.fill("[data-testid=report-place]", "Parkiran");
      await page.fill("[data-testid=report-when-date]", "18/11/2026");
      await page.fill("[data-testid=report-when-time]", hm("14", "45"));
      await page.press("[data-testid=report-when-time]", "ArrowUp");
      assert.equal(await page.inputValue("[data-testid=report-when-time]"), hm("14", "46"));
      assert.equal(await page.textContent("[data-testid=report-when-date-words]"), locale === "en" ? "Wednesday, 18 November 2026" : "Rabu, 18 November 2026");
      await page.fill("[data-testid=report-description]", "Diminta uang untuk mempercepat.");
      await axe(page, `integrity report (${locale})`);
      await page.click("[data-testid=report-submit]");
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=report-form]").length === 0);
      const sent = await page.evaluate(() => window.__FAKE_FEEDBACK__);
      // 14.46 in Bekasi's zone (WIB, UTC+7).
      assert.equal(sent.reports.at(-1).occurred_at, "2026-11-18T07:46:00Z");
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}
