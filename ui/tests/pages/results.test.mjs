// The office results page (issue 11) in Chromium against the fake Rust side, at phone and
// desktop sizes with axe-core: staff see their office's ratings per week or, switched, per
// calendar month, and integrity reports (where and when, never who filed them), in Indonesian
// and in English; an admin chooses the office; an applicant has no such page.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { axe, noSideways, open, setup, shot, VIEWPORTS } from "./support.mjs";

setup();

for (const [name, viewport] of VIEWPORTS) {
  describe(`${name} ${viewport.width}x${viewport.height}`, () => {
    it("office results: ratings per week and integrity reports of the staff member's office, no reporter", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true, staff: true }, "#/results");
      await page.waitForSelector("[data-testid=results-weeks]");
      assert.equal(await page.textContent("h1"), "Hasil kantor");
      // The nav offers the page to staff.
      assert.ok(await page.$("nav a[href='#/results']"), "results in the nav");
      const weeks = await page.$$("[data-testid=results-week]");
      assert.equal(weeks.length, 3);
      // The period's count and average are the weeks' own (4x4.25 + 2x3 + 3x4.67 over 9).
      const overall = await page.textContent("[data-testid=results-overall]");
      assert.match(overall, /9 penilaian/);
      assert.match(overall, /rata-rata 4,11 dari 5/);
      assert.match(await page.textContent("[data-testid=results-weeks]"), /4,25/);
      const reports = await page.textContent("[data-testid=results-reports]");
      assert.match(await page.textContent("[data-testid=results-reports-count]"), /2 laporan; 1 menyebut/);
      assert.match(reports, /parkiran/);
      assert.match(reports, /Rp500\.000/);
      assert.match(reports, /WIB/);
      assert.doesNotMatch(await page.textContent("body"), /reporter|acc-0000/);
      await axe(page, "results");
      await noSideways(page, "results");
      await shot(page, `${name}-results`);
      // A shorter period asks again: the fake's first week falls out.
      await page.selectOption("[data-testid=results-period]", "4");
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=results-week]").length === 2);
      // Per calendar month: the page asks again for whole months and shows October's 4 and
      // November's 5 ratings, named by month.
      assert.equal(await page.isChecked("[data-testid=results-by-week]"), true);
      await page.check("[data-testid=results-by-month]");
      await page.waitForSelector("[data-testid=results-months]");
      assert.equal(await page.$("[data-testid=results-weeks]"), null);
      const months = await page.$$eval("[data-testid=results-month]", (rows) =>
        rows.map((r) => [...r.cells].map((c) => c.textContent).join(" | ")),
      );
      assert.deepEqual(months, ["Oktober 2026 | 4 | 4,25", "November 2026 | 5 | 4,0"]);
      assert.match(await page.textContent("[data-testid=results-months] thead"), /^Bulan/);
      assert.match(await page.textContent("[data-testid=results-months] caption"), /per bulan kalender/);
      assert.match(await page.textContent("[data-testid=results-overall]"), /9 penilaian, rata-rata 4,11 dari 5/);
      assert.equal(await page.inputValue("[data-testid=results-period]"), "6");
      assert.match(await page.textContent("[data-testid=results-period]"), /3 bulan terakhir/);
      assert.match(await page.textContent("[data-testid=results-range]"), /Senin, 1 Juni 2026/);
      await page.click("[data-testid=results-ratings] summary");
      assert.match(await page.textContent("[data-testid=results-ratings] details"), /Oktober 2026\s*Cepat dan ramah/);
      await axe(page, "results per month");
      await noSideways(page, "results per month");
      await shot(page, `${name}-results-months`);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("office results: an admin chooses the office and is shown no reporter either, in English", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true, admin: true, locale: "en" }, "#/results");
      await page.waitForSelector("[data-testid=results-office]");
      await page.waitForSelector("[data-testid=results-weeks]");
      assert.equal(await page.textContent("h1"), "Office results");
      assert.match(await page.textContent("[data-testid=results-overall]"), /9 ratings, average 4\.11 out of 5/);
      // The fake names the reporter to an admin, as the server does; the page never shows it.
      assert.doesNotMatch(await page.textContent("body"), /acc-0000/);
      // Per month, in English.
      await page.check("[data-testid=results-by-month]");
      await page.waitForSelector("[data-testid=results-months]");
      const months = await page.$$eval("[data-testid=results-month] th", (cells) => cells.map((c) => c.textContent));
      assert.deepEqual(months, ["October 2026", "November 2026"]);
      assert.match(await page.textContent("[data-testid=results-months]"), /4\.25/);
      assert.match(await page.textContent("[data-testid=results-months] thead"), /^Month/);
      assert.match(await page.textContent("[data-testid=results-by]"), /Group by\s*Week\s*Month/);
      assert.match(await page.textContent("[data-testid=results-period]"), /Last 12 months/);
      await axe(page, "results per month, admin");
      await page.check("[data-testid=results-by-week]");
      await page.waitForSelector("[data-testid=results-weeks]");
      await page.selectOption("[data-testid=results-office]", "makassar");
      await page.waitForSelector("text=No ratings in this period yet.");
      assert.match(await page.textContent("[data-testid=results-reports-count]"), /0 reports/);
      await axe(page, "results, admin");
      await noSideways(page, "results, admin");
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("office results: an applicant has no such page", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true }, "#/results");
      assert.equal(await page.$("nav a[href='#/results']"), null);
      assert.equal(await page.$("[data-testid=results-weeks]"), null);
      assert.notEqual(await page.textContent("h1"), "Hasil kantor");
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}
