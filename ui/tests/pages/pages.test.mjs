// Page tests in Debian's Chromium (playwright-core, no browser download) against the built UI
// with the fake Rust side injected, at phone (360x740) and desktop (1280x800) sizes, each page
// checked with axe-core (WCAG 2.1 A/AA).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { axe, base, contrast, noSideways, open, setup, shot } from "./support.mjs";

setup();
const DRAW_OPEN = "00000000-0000-4000-8000-0000000d0001";

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

    it("office desk: the day by lane and hour, check-in by the proof code with clear refusals, a priority walk-in, no-shows", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true, staff: true }, "#/desk");
      await page.waitForSelector("[data-testid=desk-roster]");
      assert.equal(await page.textContent("h1"), "Meja layanan kantor");
      assert.match(await page.textContent("[data-testid=lane-regular]"), /SITI AMINAH/);
      assert.match(await page.textContent("[data-testid=lane-regular]"), /3 dari 40 tempat terisi/);
      await axe(page, "desk");
      // The day is shown and typed day/month/year in the app's language (not the web view's
      // US 11/16/2026), read in words; typing another day loads it, the arrows step a day.
      assert.equal(await page.inputValue("[data-testid=desk-date]"), "16/11/2026");
      assert.equal(await page.getAttribute("[data-testid=desk-date]", "type"), "text");
      assert.equal(await page.textContent("[data-testid=desk-date-words]"), "Senin, 16 November 2026");
      assert.match(await page.textContent("#desk-date-hint"), /Ketik hari\/bulan\/tahun/);
      await page.fill("[data-testid=desk-date]", "17/11/2026");
      await page.waitForSelector("[data-testid=desk-day][data-date='2026-11-17']");
      assert.equal(await page.textContent("[data-testid=desk-day]"), "Selasa, 17 November 2026");
      await page.press("[data-testid=desk-date]", "ArrowDown");
      await page.waitForSelector("[data-testid=desk-day][data-date='2026-11-16']");
      assert.equal(await page.inputValue("[data-testid=desk-date]"), "16/11/2026");
      // What is no date says so (after leaving the field), and loads nothing.
      await page.fill("[data-testid=desk-date]", "11/31/2026");
      await page.press("[data-testid=desk-date]", "Tab");
      await page.waitForSelector("#desk-date-error");
      assert.match(await page.textContent("#desk-date-error"), /Tanggal tidak dikenali.*16\/11\/2026/);
      assert.equal(await page.getAttribute("[data-testid=desk-day]", "data-date"), "2026-11-16");
      await axe(page, "desk with a wrong date");
      await page.fill("[data-testid=desk-date]", "16/11/2026");
      // A proof of another day, then of another person: each refused with its reason.
      await page.fill("[data-testid=checkin-proof]", "antre1.besok.sig");
      await page.click("[data-testid=checkin-submit]");
      await page.waitForSelector("[data-testid=checkin-form] [role=alert]");
      assert.match(await page.textContent("[data-testid=checkin-form] [role=alert]"), /bukan hari ini/);
      await page.fill("[data-testid=checkin-proof]", "antre1.hari-ini.sig");
      await page.fill("[data-testid=checkin-nik]", "3275014101900009");
      await page.click("[data-testid=checkin-submit]");
      await page.waitForSelector("[data-testid=checkin-form] [role=alert] >> text=/milik orang lain/");
      await page.fill("[data-testid=checkin-nik]", "3275014101900001");
      await page.click("[data-testid=checkin-submit]");
      await page.waitForSelector("[data-testid=checkin-done]");
      assert.match(await page.textContent("[data-testid=checkin-done]"), /SITI AMINAH sudah datang: nomor 2/);
      assert.match(await page.textContent("[data-testid=checkin-done]"), /3275••••••••0001/);
      // A priority walk-in gets its queue number.
      await page.fill("[data-testid=walkin-name]", "Ahmad Dahlan");
      await page.fill("[data-testid=walkin-birth]", "03/03/1950");
      await page.fill("[data-testid=walkin-nik]", "3275010303500009");
      await page.click("[data-testid=walkin-submit]");
      await page.waitForSelector("[data-testid=walkin-done]");
      assert.match(await page.textContent("[data-testid=walkin-done]"), /AHMAD DAHLAN terdaftar: nomor 1/);
      await page.waitForSelector("[data-testid=lane-priority] >> text=AHMAD DAHLAN");
      await axe(page, "desk after check-in and walk-in");
      await noSideways(page, "desk");
      await shot(page, `${name}-desk`);
      await page.click("[data-testid=no-show-sweep]");
      await page.waitForSelector("[data-testid=no-show-done]");
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("outreach: a drive created, members added with an outcome each, the leader's list imported whole or not at all, exported", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true, outreach: true }, "#/outreach");
      await page.waitForSelector("[data-testid=drive-form]");
      assert.equal(await page.textContent("h1"), "Layanan jemput bola");
      assert.equal(await page.locator("nav >> text=Meja layanan").count(), 0);
      await axe(page, "outreach");
      await page.fill("[data-testid=drive-name]", "Warga Desa Sukamaju");
      await page.fill("[data-testid=drive-place]", "Balai Desa Sukamaju");
      await page.fill("[data-testid=drive-lat]", "-6.3");
      await page.fill("[data-testid=drive-lon]", "107.1");
      await page.fill("[data-testid=drive-date]", "10/12/2026");
      await page.fill("[data-testid=drive-capacity]", "40");
      await page.fill("[data-testid=drive-leader]", "Ahmad Saputra");
      await page.fill("[data-testid=drive-phone]", "081234567890");
      await page.click("[data-testid=drive-create]");
      await page.waitForSelector("[data-testid=member-form]");
      assert.equal(await page.textContent("h1"), "Warga Desa Sukamaju");
      const add = async (name, birth, nik) => {
        await page.fill("[data-testid=member-name]", name);
        await page.fill("[data-testid=member-birth]", birth);
        await page.fill("[data-testid=member-nik]", nik);
        await page.click("[data-testid=member-add]");
        await page.waitForSelector("[data-testid=member-outcomes] li");
      };
      await add("Budi Santoso", "14/03/1980", "3275011403800001");
      assert.match(await page.textContent("[data-testid=member-outcomes]"), /BUDI SANTOSO · 3275••••••••0001 · Terdaftar/);
      assert.equal(await page.getAttribute("[data-testid=capture-counts]", "data-sent"), "1");
      await page.waitForSelector("[data-testid=member-list] >> text=BUDI SANTOSO");
      // The same NIK again (a typo in the name): refused at once on the device, naming the member
      // already on the drive; nothing more is captured or sent.
      await page.fill("[data-testid=member-name]", "Budi Santosa");
      await page.fill("[data-testid=member-birth]", "14/03/1980");
      await page.fill("[data-testid=member-nik]", "3275011403800001");
      await page.click("[data-testid=member-add]");
      await page.waitForSelector("[role=alert][data-code=already_captured]");
      assert.match(await page.textContent("[role=alert][data-code=already_captured]"), /BUDI SANTOSO \(3275••••••••0001\) sudah terdaftar di kegiatan ini/);
      assert.equal(await page.getAttribute("[data-testid=capture-counts]", "data-captured"), "1");
      assert.equal(await page.inputValue("[data-testid=member-nik]"), "3275011403800001", "the form is kept to correct");
      await page.fill("[data-testid=member-name]", "");
      await page.fill("[data-testid=member-birth]", "");
      await page.fill("[data-testid=member-nik]", "");
      // A list with a bad row: refused whole, the row named.
      const csv = (rows) => Buffer.from("\uFEFFnama;tanggal_lahir;nik\r\n" + rows.join("\r\n") + "\r\n");
      await page.setInputFiles("[data-testid=import-file]", { name: "daftar.csv", mimeType: "text/csv", buffer: csv(["Siti Aminah;17/05/1990;3275015705900002", "Rahmat;02/01/1988;327501"]) });
      await page.waitForSelector("[data-testid=list-rejected]");
      assert.match(await page.textContent("[data-testid=list-rejected]"), /Baris 3/);
      assert.equal(await page.locator("[data-testid=member-list] li").count(), 1);
      await axe(page, "list refused");
      await page.setInputFiles("[data-testid=import-file]", { name: "daftar.csv", mimeType: "text/csv", buffer: csv(["Siti Aminah;17/05/1990;3275015705900002", "Rahmat Hidayat;02/01/1988;3275010201880003"]) });
      await page.waitForSelector("[data-testid=member-list] >> text=RAHMAT HIDAYAT");
      assert.equal(await page.locator("[data-testid=member-list] li").count(), 3);
      assert.match(await page.textContent("[data-testid=drive-summary]"), /3 dari 40 tempat terdaftar/);
      // A NIK with a letter is caught on the device, shown, and never sent.
      await add("Rina Wulandari", "01/02/1985", "32750102850000x1");
      await page.waitForSelector("[data-testid=member-outcomes] li[data-outcome=invalid] >> text=NIK harus 16 angka.");
      await page.click("[data-testid=print-roster]");
      assert.match(await page.textContent("[data-testid=print-done]"), /roster\.pdf/);
      await page.click("[data-testid=export-members]");
      await page.waitForSelector("[data-testid=export-done]");
      assert.match(await page.textContent("[data-testid=export-done]"), /antre-drive-.*\.csv/);
      await axe(page, "drive");
      await noSideways(page, "drive");
      await shot(page, `${name}-outreach`);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("a closure reaches the booking: the notice, why and until when in the office's zone, one tap to move it", async () => {
      const { page, context, errors } = await open(viewport, { disrupted: true }, "#/bookings");
      await page.waitForSelector("[data-testid=notification]");
      assert.match(await page.textContent("[data-testid=notification]"), /Bekasi/);
      assert.equal(await page.getAttribute("[data-testid=notification]", "data-kind"), "disrupted");
      await page.waitForSelector("[data-testid=booking-disrupted]");
      await axe(page, "bookings with a notice");
      await page.click("[data-testid=notified-booking-open]");
      await page.waitForSelector("[data-testid=disruption]");
      assert.equal(await page.textContent("[data-testid=disruption-reason]"), "Sistem paspor pusat sedang tidak dapat diakses");
      // 10:00 UTC is 17.00 in Bekasi's zone, labelled WIB.
      assert.match(await page.textContent("[data-testid=disruption-until]"), /17[.:]00 WIB/);
      const before = await page.getAttribute("[data-testid=booking-when]", "data-date");
      await axe(page, "booking with a closure");
      await shot(page, `${name}-disruption`);
      await page.click("[data-testid=special-reschedule]");
      await page.waitForSelector("[data-testid=special-moved]");
      assert.equal(await page.locator("[data-testid=disruption]").count(), 0);
      const after = await page.getAttribute("[data-testid=booking-when]", "data-date");
      assert.ok(after > before, `${before} -> ${after}`);
      assert.match(await page.textContent("[data-testid=special-moved]"), /Bekasi/);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("after the visit: a rating, and separately an anonymous report with where and when", async () => {
      const { page, context, errors } = await open(viewport, { visited: true }, "#/bookings");
      await page.waitForSelector("[data-testid=booking-item]");
      await page.click("[data-testid=booking-item] a");
      await page.waitForSelector("[data-testid=after-visit]");
      await axe(page, "after the visit");
      await page.click("[data-testid=rate-4]");
      await page.fill("[data-testid=rate-comment]", "Antrean rapi");
      await page.click("[data-testid=rate-submit]");
      await page.waitForSelector("[data-testid=after-visit-done]");
      assert.equal(await page.locator("[data-testid=rate-form]").count(), 0, "rated once");
      await page.click("[data-testid=report-yes]");
      await page.fill("[data-testid=report-amount]", "200000");
      await page.fill("[data-testid=report-place]", "Parkiran");
      await page.fill("[data-testid=report-when-date]", "18/11/2026");
      await page.fill("[data-testid=report-when-time]", "08.30");
      await page.fill("[data-testid=report-description]", "Diminta uang untuk mempercepat.");
      await axe(page, "the integrity report");
      await page.click("[data-testid=report-submit]");
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=report-form]").length === 0);
      const sent = await page.evaluate(() => window.__FAKE_FEEDBACK__);
      assert.deepEqual(sent.ratings, [{ rating: 4, comment: "Antrean rapi" }]);
      assert.equal(sent.reports.length, 1);
      const r = sent.reports[0];
      assert.equal(r.asked_to_pay, true);
      assert.equal(r.amount, 200000);
      assert.equal(r.anonymous, true, "anonymous unless unticked");
      // 08:30 typed in Bekasi's zone (WIB, UTC+7).
      assert.equal(r.occurred_at, "2026-11-18T01:30:00Z");
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("the public status of offices opens without signing in", async () => {
      const { page, context, errors } = await open(viewport, {}, "#/");
      await page.click("[data-testid=to-status]");
      await page.waitForSelector("[data-testid=svc-office]");
      assert.equal(await page.textContent("h1"), "Status layanan kantor imigrasi");
      const bekasi = page.locator("[data-testid=svc-office][data-office=bekasi]");
      assert.equal(await bekasi.getAttribute("data-state"), "closed");
      assert.match(await bekasi.textContent(), /Tutup/);
      assert.match(await bekasi.textContent(), /WIB/);
      await axe(page, "service status");
      await page.click("[data-testid=svc-only-affected]");
      assert.ok((await page.locator("[data-testid=svc-office]").count()) > 1);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("an applicant has no desk", async () => {
      const { page, context } = await open(viewport, { signedIn: true }, "#/find");
      assert.equal(await page.locator("nav >> text=Meja layanan").count(), 0);
      await context.close();
    });

    it("the focus ring stands out (>= 3:1) on the header and on the page", async () => {
      const { page, context } = await open(viewport, { signedIn: true }, "#/applicants");
      for (const selector of ["[data-testid=language-switch]", "[data-testid=nik]"]) {
        await page.focus(selector);
        const { outline, shadow, background } = await page.evaluate((sel) => {
          const el = document.querySelector(sel);
          const style = getComputedStyle(el);
          // The colour behind the element's ring: the first ancestor with a background.
          let node = el.parentElement;
          let bg = "rgb(255, 255, 255)";
          while (node) {
            const c = getComputedStyle(node).backgroundColor;
            if (c && c !== "rgba(0, 0, 0, 0)" && c !== "transparent") { bg = c; break; }
            node = node.parentElement;
          }
          return { outline: style.outlineColor, shadow: style.boxShadow, background: bg };
        }, selector);
        const ring = Math.max(contrast(outline, background), contrast(shadow, background));
        assert.ok(ring >= 3, `${selector}: ring ${outline} / ${shadow} on ${background} is ${ring.toFixed(2)}:1`);
      }
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
      // The birth date is read from the NIK for the user to check; a man's NIK is not asked "pregnant".
      await page.waitForSelector("[data-testid=birth-from-nik]");
      assert.equal(await page.inputValue("[data-testid=birth]"), "15/03/1961");
      assert.equal(await page.getAttribute("[data-testid=birth]", "data-value"), "1961-03-15");
      assert.equal(await page.textContent("[data-testid=birth-words]"), "Rabu, 15 Maret 1961");
      assert.equal(await page.locator("[data-testid=pregnant]").count(), 0);
      await page.fill("[data-testid=name]", "Siti Aminah");
      await page.waitForSelector("text=prioritas");
      await axe(page, "applicants form");
      await page.click("[data-testid=add-applicant]");
      await page.waitForSelector("[data-testid=applicant-list] li");
      assert.match(await page.textContent("[data-testid=applicant-list]"), /SITI AMINAH/);
      assert.match(await page.textContent("[data-testid=applicant-list]"), /Jalur prioritas/);
      await axe(page, "applicants list");
      await shot(page, `${name}-02-applicants`);
      // Removing asks first; "no" keeps the person.
      await page.click("[data-testid=remove-applicant]");
      assert.match(await page.textContent("[data-testid=applicant-list]"), /Hapus SITI AMINAH dari daftar pemohon\?/);
      await axe(page, "remove question");
      await page.click("[data-testid=applicant-list] >> text=Tidak jadi");
      assert.equal(await page.locator("[data-testid=confirm-remove]").count(), 0);
      assert.match(await page.textContent("[data-testid=applicant-list]"), /SITI AMINAH/);
      // Editing: the form takes the person, focus moves to it, the NIK is typed again and the
      // birth date read from it again; a different NIK says so before saving.
      await page.click("[data-testid=edit-applicant]");
      await page.waitForSelector("[data-testid=edit-form]");
      // Focus moves to the form's heading (on the next frame).
      await page.waitForFunction(() => document.activeElement?.id === "applicant-form-title");
      assert.match(await page.textContent("#applicant-form-title"), /SITI AMINAH/);
      assert.equal(await page.inputValue("[data-testid=name]"), "SITI AMINAH");
      assert.match(await page.textContent("#nik-hint"), /3275••••••••••01/);
      await page.fill("[data-testid=nik]", "3275015503620002");
      await page.waitForSelector("[data-testid=nik-differs]");
      // The NIK is checked by the Rust side (asynchronously): wait for its birth date.
      await page.waitForFunction(() => document.querySelector("[data-testid=birth]")?.value === "15/03/1962");
      assert.equal(await page.getAttribute("[data-testid=birth]", "data-value"), "1962-03-15");
      await axe(page, "edit form");
      await page.fill("[data-testid=name]", "Siti Aminah Rahayu");
      await page.click("[data-testid=save-applicant]");
      await page.waitForSelector("[data-testid=add-form]");
      const card = await page.textContent("[data-testid=applicant-list]");
      assert.match(card, /SITI AMINAH RAHAYU/);
      assert.match(card, /3275••••••••••02/);
      await context.close();
    });

    it("find, calendar, slots and booking with fee, billing code, documents and QR", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true }, "#/applicants");
      await page.fill("[data-testid=nik]", "3275011503610001");
      await page.fill("[data-testid=name]", "Siti Aminah");
      await page.fill("[data-testid=birth]", "15/03/1961");
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
      assert.match(await page.textContent("[data-date='2026-11-17']"), /Selasa, 17 November 2026, tersedia, sisa 17 kuota/);
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
      // Waiting for payment: the deadline and the warning, no QR yet.
      assert.equal(await page.textContent("[data-testid=booking-status]"), "Menunggu pembayaran");
      assert.match(await page.textContent("main"), /Belum dibayar/);
      assert.equal(await page.locator("[data-testid=qr]").count(), 0);
      await axe(page, "booking waiting for payment");
      // The payment arrives; the booking, opened again from the list, shows its QR.
      const bookingId = await page.evaluate(() => window.__FAKE__.state.bookings.at(-1).id);
      await page.evaluate((id) => window.__FAKE__.pay(id), bookingId);
      await page.click("nav >> text=Jadwal saya");
      await page.waitForSelector("[data-testid=my-qr]");
      await page.click("[data-testid=upcoming] [data-testid=booking-item] a");
      await page.waitForSelector("[data-testid=qr] svg");
      assert.equal(await page.textContent("[data-testid=booking-status]"), "Terkonfirmasi");
      // The QR comes first, and full screen on a tap, for the gate's scanner; Escape closes it.
      const order = await page.evaluate(() => {
        const qr = document.querySelector("[data-testid=qr]");
        const fees = document.querySelector("table.fees");
        return qr.compareDocumentPosition(fees) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      assert.ok(order, "the QR before the fees");
      await page.click("[data-testid=qr-open]");
      await page.waitForSelector("[data-testid=qr-full] svg");
      await axe(page, "full-screen QR");
      await page.keyboard.press("Escape");
      await page.waitForSelector("[data-testid=qr-full]", { state: "detached" });
      // Asked once, with the first booking: start at login, so reminders arrive (off unless chosen).
      await page.waitForSelector("[data-testid=start-at-login-offer]");
      await axe(page, "booking confirmation");
      await shot(page, `${name}-05-confirmation`);
      await page.click("[data-testid=start-at-login-no]");
      await page.waitForSelector("[data-testid=start-at-login-offer]", { state: "detached" });
      // The slip: the system's save dialog (cancelled: nothing said, nothing offered), then the
      // PDF saved where chosen (Downloads, a clear name proposed), said where, offered to open.
      await page.evaluate(() => { window.__FAKE__.state.saveDialogCancels = true; });
      await page.click("[data-testid=print-slip]");
      await page.waitForFunction(() => window.__FAKE__.state.calls.some((c) => c.cmd === "save_slip"));
      assert.equal(await page.locator("[data-testid=saved]").count(), 0);
      assert.equal(await page.locator("[data-testid=open-slip]").count(), 0);
      await page.evaluate(() => { window.__FAKE__.state.saveDialogCancels = false; });
      await page.click("[data-testid=print-slip]");
      await page.waitForSelector("[data-testid=saved]");
      assert.equal(await page.textContent("[data-testid=saved]"), "Disimpan di /home/user/Downloads/jadwal-antre-2026-11-17.pdf");
      assert.equal(await page.getAttribute("[data-testid=saved]", "role"), "status");
      await axe(page, "slip saved, offered to open");
      await page.click("[data-testid=open-slip]");
      await page.waitForFunction(() => window.__FAKE__.state.opened.length === 1);
      assert.deepEqual(await page.evaluate(() => window.__FAKE__.state.opened), ["/home/user/Downloads/jadwal-antre-2026-11-17.pdf"]);
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

    it("booking for a child: only what applies is offered, both parents attend", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true }, "#/settings");
      const child = await page.evaluate(() =>
        window.__FAKE__.handle("add_applicant", { request: { nik: "3275011503150001", name: "Rina Putri", birth_date: "2015-03-15", pregnant: false, disability: false, married: false } }),
      );
      await page.goto(`${base}#/office/bekasi?lane=regular&applicant=${child.id}&date=2026-11-17`);
      await page.waitForSelector("[data-testid=slot]");
      await page.click("[data-testid=slot] >> nth=0");
      await page.waitForSelector("[data-testid=parents-attend]");
      assert.match(await page.textContent("[data-testid=parents-attend]"), /ayah dan ibu/);
      const validities = await page.$$eval("#validity option", (os) => os.map((o) => o.value));
      assert.deepEqual(validities, ["five_years"], "no 10-year validity under 17");
      assert.match(await page.textContent("[data-testid=fees-preview]"), /Akta kelahiran/);
      await axe(page, "booking form for a child");
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("near me: offices around the point by earliest day then distance, widened one tap at a time, with details and when quotas open", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true }, "#/settings");
      await page.evaluate(() =>
        window.__FAKE__.handle("add_applicant", { request: { nik: "3275014708960002", name: "Budi Santoso", birth_date: "1996-08-07", pregnant: false, disability: false, married: false } }),
      );
      await page.goto(`${base}#/find`);
      await page.waitForSelector("[data-testid=city-select] option[value^=Bekasi]", { state: "attached" });
      await page.selectOption("[data-testid=city-select]", { label: "Bekasi, Jawa Barat" });
      await page.click("[data-testid=search]");
      await page.waitForSelector("[data-testid=results] li");
      const offices = () => page.$$eval("[data-testid=results] > li", (lis) => lis.map((li) => li.dataset.office));
      // Bekasi's own office is full until Friday: the Jakarta offices next door come first (same
      // day: the nearer first), and nothing from the other end of the country.
      assert.deepEqual(await offices(), ["jakarta-timur", "jakarta-selatan", "bekasi"]);
      assert.equal(await page.textContent("[data-testid=search-area]"), "Wilayah pencarian: dalam 50 km dari lokasi Anda.");
      assert.deepEqual(await page.$$eval("[data-testid=distance]", (els) => els.map((e) => e.textContent)), ["8 km dari lokasi Anda", "19 km dari lokasi Anda", "0 km dari lokasi Anda"]);
      assert.match(await page.getAttribute("[data-office=bekasi] [data-testid=office-map]", "href"), /^https:\/\/www\.openstreetmap\.org\/\?mlat=-6\.23830&mlon=106\.97560/);
      assert.match(await page.getAttribute("[data-office=bekasi] [data-testid=office-directions]", "href"), /directions\?route=-6\.23830%2C106\.97560%3B/);
      assert.match(await page.textContent("[data-office=bekasi] [data-testid=office-address]"), /Jl\. Perjuangan/);
      assert.equal(await page.textContent("[data-office=jakarta-timur] [data-testid=office-address]"), "Alamat belum terverifikasi. Periksa laman resmi kantor sebelum berangkat.");
      await axe(page, "near me within 50 km");
      await noSideways(page, "near me results");
      await shot(page, `${name}-03b-near-me`);
      // One tap at a time: 100 km, 250 km, then Java (no Jawa Barat office lies beyond 250 km),
      // then all of Indonesia; focus follows the new results.
      const steps = [
        ["Perluas pencarian: dalam 100 km dari lokasi Anda", "dalam 100 km dari lokasi Anda", "serang"],
        ["Perluas pencarian: dalam 250 km dari lokasi Anda", "dalam 250 km dari lokasi Anda", "bandung"],
        ["Perluas pencarian: di Jawa dan dalam 250 km", "di Jawa dan dalam 250 km", "semarang"],
        ["Perluas pencarian: di seluruh Indonesia", "di seluruh Indonesia", "jayapura"],
      ];
      for (const [button, area, added] of steps) {
        assert.equal(await page.textContent("[data-testid=widen]"), button);
        assert.ok(!(await offices()).includes(added), `${added} before widening`);
        await page.click("[data-testid=widen]");
        await page.waitForFunction((a) => document.querySelector("[data-testid=search-area]")?.textContent === `Wilayah pencarian: ${a}.`, area);
        assert.ok((await offices()).includes(added), `${added} after widening to ${area}`);
        // Focus follows the new results (moved once they are shown).
        await page.waitForFunction(() => document.activeElement?.id === "results-title", null, { timeout: 5000 });
      }
      assert.deepEqual(await offices(), ["jakarta-timur", "jakarta-selatan", "bandung", "jayapura", "serang", "semarang", "makassar", "bekasi"]);
      await page.waitForSelector("[data-testid=widest]");
      assert.equal(await page.$("[data-testid=widen]"), null);
      // The office page: its details, and when the quota of the weeks not open yet opens.
      await page.click("[data-office=bekasi] [data-testid=open-office]");
      await page.waitForSelector("[data-testid=calendar]");
      await page.waitForSelector("[data-testid=office-details]");
      assert.match(await page.textContent("[data-testid=office-address]"), /Teluk Pucung/);
      assert.equal(await page.getAttribute("[data-date='2026-12-07']", "data-state"), "not_released");
      assert.match(await page.textContent("[data-date='2026-12-07']"), /Senin, 7 Desember 2026, kuota belum dibuka, kuota dibuka Jumat, 4 Desember 2026, 14\.00 WIB/);
      const releases = await page.textContent("[data-testid=releases-in-view]");
      assert.match(releases, /Senin, 7 Desember 2026 sampai Jumat, 11 Desember 2026: kuota dibuka Jumat, 4 Desember 2026, 14\.00 WIB/);
      assert.match(releases, /kuota dibuka Jumat, 11 Desember 2026, 14\.00 WIB/);
      // A reminder at the instant a quota opens, set with one tap.
      const releaseGroups = (await page.$$("[data-testid=releases-in-view] li")).length;
      assert.ok(releaseGroups >= 2, `${releaseGroups} release groups`);
      assert.equal((await page.$$("[data-testid=releases-in-view] [data-testid=remind-release]")).length, releaseGroups, "each group offers a reminder");
      await page.click("[data-testid=releases-in-view] [data-testid=remind-release]");
      await page.waitForSelector("[data-testid=release-reminder-set]");
      assert.match(await page.textContent("[data-testid=release-reminder-set]"), /Pengingat dipasang untuk Jumat, 4 Desember 2026, 14\.00 WIB/);
      assert.equal(await page.evaluate(() => window.__FAKE__.state.releaseReminders.map((q) => `${q.office_id} ${q.first} ${q.last}`).join()), "bekasi 2026-12-07 2026-12-11");
      await axe(page, "office page with details and releases");
      await noSideways(page, "office page");
      await shot(page, `${name}-03c-office-details`);
      await page.selectOption("[data-testid=language-switch]", "en");
      await page.waitForSelector("text=Quotas not open yet");
      assert.match(await page.textContent("[data-testid=releases-in-view]"), /Monday, 7 December 2026 to Friday, 11 December 2026: quota opens Friday, 4 December 2026, 14:00 WIB/);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("offline: the saved QR under the banner, a cancel kept and sent, a refusal shown with its reason", async () => {
      const { page, context } = await open(viewport, { signedIn: true }, "#/bookings");
      const id = await page.evaluate(() => { const b = window.__FAKE__.bookTomorrow(); window.__FAKE__.state.offline = true; return b.id; });
      await page.evaluate((bid) => { location.hash = `#/booking/${bid}`; }, id);
      await page.waitForSelector("[data-testid=qr] svg");
      await page.click("[data-testid=cancel]");
      await page.click("[data-testid=confirm-cancel]");
      await page.waitForSelector("[data-code=queued_offline]");
      await page.waitForSelector("[data-testid=offline-banner]");
      await page.waitForSelector("[data-testid=queue-waiting]", { timeout: 12000 });
      assert.match(await page.textContent("[data-testid=queue-waiting]"), /1 perubahan menunggu dikirim: Pembatalan jadwal /);
      await axe(page, "offline booking, a cancel kept");
      await shot(page, `${name}-05b-offline-cancel-kept`);
      // Back online: the next look sends it, once; nothing waits, the banner goes.
      await page.evaluate(() => { window.__FAKE__.state.offline = false; });
      await page.waitForSelector("[data-testid=queue-waiting]", { state: "detached", timeout: 12000 });
      await page.waitForSelector("[data-testid=offline-banner]", { state: "detached" });
      assert.equal(await page.evaluate((bid) => window.__FAKE__.state.bookings.find((b) => b.id === bid).status, id), "cancelled");
      await page.waitForSelector("[data-testid=booking-status]:has-text('Dibatalkan')");
      assert.equal(await page.$("[data-code=queued_offline]"), null, "the page shows the booking as it is now");
      // A queued write the server refused is shown with the reason (its code's message) until seen.
      await page.evaluate((bid) => {
        window.__FAKE__.state.refused.push({ idempotency_key: "k-refused", kind: "cancel", booking_id: bid, applicant_name: "SITI AMINAH", error: { code: "cancel_too_late", message: "" }, made_at: "2026-11-16T03:00:00Z", refused_at: "2026-11-16T04:00:00Z" });
      }, id);
      await page.waitForSelector("[data-testid=queue-refused]", { timeout: 12000 });
      assert.match(await page.textContent("[data-testid=queue-refused]"), /Tidak dapat dilakukan: Pembatalan jadwal SITI AMINAH\. Jadwal ini sudah tidak dapat dibatalkan/);
      await axe(page, "a refused queued write");
      await shot(page, `${name}-05c-queued-refused`);
      await page.click("[data-testid=queue-refused-dismiss]");
      await page.waitForSelector("[data-testid=queue-refused]", { state: "detached" });
      assert.equal(await page.evaluate(() => window.__FAKE__.state.refused.length), 0);
      await context.close();
    });

    it("my bookings offline: banner and the saved copy, large text", async () => {
      const { page, context } = await open(viewport, { signedIn: true, offline: true }, "#/bookings");
      await page.waitForSelector("[data-testid=offline-copy]");
      await page.waitForSelector("[data-testid=offline-banner]");
      await axe(page, "offline bookings");
      await page.click("nav >> text=Pengaturan");
      assert.equal(await page.isChecked("[data-testid=start-at-login]"), false, "off by default");
      await page.check("[data-testid=start-at-login]");
      assert.equal(await page.isChecked("[data-testid=start-at-login]"), true);
      await page.check("[data-testid=text-size-large]");
      await page.waitForFunction(() => getComputedStyle(document.documentElement).fontSize === "20px");
      await axe(page, "settings large text");
      await shot(page, `${name}-06-settings`);
      await context.close();
    });

    it("draw: a draw day, the draw page with ranked choices, entered, drawn, checked", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true }, "#/settings");
      const budi = await page.evaluate(() =>
        window.__FAKE__.handle("add_applicant", { request: { nik: "3275014708960002", name: "Budi Santoso", birth_date: "1996-08-07", pregnant: false, disability: false, married: false } }),
      );
      await page.goto(`${base}#/office/bekasi?lane=regular&applicant=${budi.id}`);
      await page.waitForSelector("[data-testid=calendar]");
      assert.equal(await page.getAttribute("[data-date='2026-11-23']", "data-state"), "draw");
      assert.match(await page.textContent("[data-date='2026-11-23']"), /kuota dibuka Senin, 16 November 2026, 14\.00 WIB · lewat undian/);
      assert.match(await page.textContent("[data-testid=draws-in-view]"), /Senin, 23 November 2026 sampai Jumat, 27 November 2026: kuota dibuka/);
      await page.click("[data-date='2026-11-23']");
      await page.waitForSelector("[data-testid=draw-standing]");
      assert.match(await page.textContent("[data-testid=draw-day]"), /undian pukul 14\.00 WIB/);
      assert.match(await page.textContent("[data-testid=draw-standing]"), /3\.411 pendaftar untuk 213 kuota/);
      await axe(page, "calendar with a draw day");
      await noSideways(page, "calendar with a draw day");
      await shot(page, `${name}-07-draw-day`);
      await page.click("[data-testid=join-draw]");
      await page.waitForSelector("[data-testid=entry-form]");
      assert.equal(await page.inputValue("[data-testid=entry-lane]"), "regular");
      await page.click("[data-testid=choice-kind-earliest]");
      await page.click("[data-testid=add-choice-button]");
      await page.click("[data-testid=choice-kind-day]");
      await page.waitForSelector("[data-testid=choice-day]");
      await page.selectOption("[data-testid=choice-day]", "2026-11-25");
      await page.click("[data-testid=add-choice-button]");
      assert.equal(await page.locator("[data-testid=choice]").count(), 3);
      assert.equal(await page.locator("[data-testid=add-choice]").count(), 0, "three choices at most");
      // the third choice to the top, by keyboard-reachable buttons
      await page.locator("[data-testid=choice] >> nth=2").getByRole("button", { name: "Naikkan pilihan 3" }).click();
      await page.locator("[data-testid=choice] >> nth=1").getByRole("button", { name: "Naikkan pilihan 2" }).click();
      assert.match(await page.textContent("[data-testid=choice] >> nth=0"), /Rabu, 25 November 2026/);
      await axe(page, "draw entry form");
      await noSideways(page, "draw entry form");
      await shot(page, `${name}-08-draw-form`);
      await page.click("[data-testid=enter-draw]");
      await page.waitForSelector("[data-testid=entry][data-outcome=pending]");
      assert.match(await page.textContent("[data-testid=commitment]"), /^[0-9a-f]{64}$/);
      // the draw runs; the page shows the outcome and what this device checked
      await page.evaluate((id) => window.__FAKE__.runDraw(id), DRAW_OPEN);
      await page.goto(`${base}#/draw/${DRAW_OPEN}`);
      await page.waitForSelector("[data-testid=entry][data-outcome=placed] [data-testid=entry-placed]");
      assert.match(await page.textContent("[data-testid=entry-placed]"), /Rabu, 25 November 2026, 08\.00 WIB/);
      assert.match(await page.textContent("[data-testid=entry-position]"), /ke-17/);
      await page.waitForSelector("[data-testid=check-ok]");
      assert.match(await page.textContent("[data-testid=check-mine]"), /urutan ke-17 dari 3\.412/);
      await page.click("[data-testid=save-draw-result]");
      await page.waitForSelector("text=verify_draw.py");
      await axe(page, "drawn");
      await noSideways(page, "drawn");
      await shot(page, `${name}-09-drawn`);
      // in English, with large text
      await page.selectOption("[data-testid=language-switch]", "en");
      await page.waitForSelector("text=Got a place");
      await page.evaluate(() => { document.documentElement.dataset.textSize = "large"; });
      await axe(page, "drawn, English, large text");
      await noSideways(page, "drawn, English, large text");
      await page.click("[data-testid=entry-pay]");
      await page.waitForSelector("[data-testid=booking-source][data-source=draw]");
      assert.equal(await page.textContent("[data-testid=booking-source]"), "Won in the draw");
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("waitlist: a full day, a place in line, an offer in My bookings accepted in one tap", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true }, "#/settings");
      const siti = await page.evaluate(() =>
        window.__FAKE__.handle("add_applicant", { request: { nik: "3275011503610001", name: "Siti Aminah", birth_date: "1961-03-15", pregnant: false, disability: false, married: true } }),
      );
      await page.goto(`${base}#/office/bekasi?lane=priority&applicant=${siti.id}`);
      await page.waitForSelector("[data-date='2026-11-18'][data-state=full]");
      await page.click("[data-date='2026-11-18']");
      await page.waitForSelector("[data-testid=waitlist-form]");
      assert.match(await page.textContent("[data-testid=full-day] h2"), /Rabu, 18 November 2026 sudah penuh/);
      await axe(page, "full day with the waitlist form");
      await noSideways(page, "full day");
      await shot(page, `${name}-10-full-day`);
      // The days to wait for, typed day/month/year: not before the full day, at most 62 days.
      assert.equal(await page.inputValue("[data-testid=waitlist-from]"), "18/11/2026");
      await page.fill("[data-testid=waitlist-to]", "17/11/2026");
      await page.waitForSelector("#wl-to-error");
      assert.equal(await page.textContent("#wl-to-error"), "Tanggal paling awal Rabu, 18 November 2026.");
      assert.equal(await page.isDisabled("[data-testid=join-waitlist]"), true);
      await axe(page, "waitlist with a date too early");
      await page.fill("[data-testid=waitlist-to]", "20 November 2026");
      assert.equal(await page.getAttribute("[data-testid=waitlist-to]", "data-value"), "2026-11-20");
      await page.click("[data-testid=join-waitlist]");
      const joined = await page.evaluate(() => window.__FAKE__.state.calls.filter((c) => c.cmd === "join_waitlist").at(-1).args.request);
      assert.equal(joined.from, "2026-11-18");
      assert.equal(joined.to, "2026-11-20");
      await page.waitForSelector("[data-testid=waitlist-joined]");
      await page.click("nav >> text=Jadwal saya");
      await page.waitForSelector("[data-testid=waitlist-item][data-status=waiting]");
      assert.match(await page.textContent("[data-testid=waitlist-item]"), /Anda berikutnya/);
      await axe(page, "my bookings with a place in line");
      // another applicant cancels: the place is offered; the page finds it on its own
      await page.evaluate(() => window.__FAKE__.offerPlace());
      await page.clock.runFor(16_000);
      await page.waitForSelector("[data-testid=offer]");
      assert.match(await page.textContent("[data-testid=offer]"), /Ada kuota untuk SITI AMINAH: Rabu, 18 November 2026, 08\.00 WIB/);
      assert.match(await page.textContent("[data-testid=offer-until]"), /sampai pukul 08\.30 WIB \(30 menit lagi\)/);
      await axe(page, "an offer");
      await noSideways(page, "an offer");
      await shot(page, `${name}-11-offer`);
      await page.click("[data-testid=accept-offer]");
      await page.waitForSelector("[data-testid=booking-source][data-source=waitlist]");
      assert.equal(await page.textContent("[data-testid=booking-source]"), "Dari daftar tunggu");
      // this office asks to reconfirm attendance the evening before
      await page.click("[data-testid=confirm-attendance]");
      await page.waitForSelector("[data-testid=attendance] >> text=Kehadiran sudah dikonfirmasi");
      await axe(page, "booking from the waitlist");
      await shot(page, `${name}-12-from-waitlist`);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("forgot password: email and channel, the code with the rules shown, signed in, others signed out", async () => {
      const { page, context, errors } = await open(viewport);
      // a wrong password offers "forgot password?" right in the error
      await page.fill("#email", "ani@example.id");
      await page.fill("#password", "salah-sekali-1");
      await page.click("[data-testid=auth-submit]");
      await page.waitForSelector("[role=alert] [data-testid=next-forgot]");
      await axe(page, "sign-in error with its action");
      await page.click("[data-testid=next-forgot]");
      assert.equal(await page.textContent("h1"), "Lupa kata sandi");
      assert.equal(await page.inputValue("#email"), "ani@example.id");
      await page.check("[data-testid=channel-phone]");
      assert.match(await page.textContent("[data-testid=reset-channel]"), /sudah diverifikasi/);
      await axe(page, "forgot password");
      await shot(page, `${name}-13-forgot`);
      await page.click("[data-testid=auth-submit]");
      await page.waitForSelector("text=Buat kata sandi baru");
      assert.match(await page.textContent("[data-testid=auth-info]"), /lewat SMS.*berlaku 15 menit/);
      assert.equal(await page.isDisabled("[data-testid=resend-code]"), true);
      assert.match(await page.textContent("[data-testid=resend-code-wait]"), /dalam (1:00|0:5\d)/);
      // the rules are shown as the password is typed, before anything is sent
      await page.fill("#password", "pendek");
      await page.waitForSelector("[data-testid=password-rules][data-acceptable=false] li.unmet");
      await page.fill("#code", "000000");
      await page.fill("#password", "Passpor-Baru-2026");
      await page.waitForSelector("[data-testid=password-rules][data-acceptable=true]");
      await page.click("[data-testid=auth-submit]");
      await page.waitForSelector("#code-error");
      assert.match(await page.textContent("#code-error"), /minta kode baru/);
      assert.equal(await page.getAttribute("#code", "aria-invalid"), "true");
      await axe(page, "reset with a wrong code");
      await noSideways(page, "reset");
      await shot(page, `${name}-14-reset`);
      await page.fill("#code", "123456");
      await page.click("[data-testid=auth-submit]");
      await page.waitForSelector("[data-testid=account-flash]");
      assert.match(await page.textContent("[data-testid=account-flash]"), /Semua perangkat lain sudah dikeluarkan/);
      assert.equal(await page.textContent("h1"), "Akun");
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("errors say what to do next and offer it: not verified, too many attempts", async () => {
      const { page, context } = await open(viewport);
      await page.fill("#email", "belum@example.id");
      await page.fill("#password", "Passpor2026!");
      await page.click("[data-testid=auth-submit]");
      await page.waitForSelector("[role=alert][data-code=account_not_verified]");
      await page.click("[data-testid=next-resend]");
      await page.waitForSelector("text=Masukkan kode verifikasi");
      assert.match(await page.textContent("[data-testid=auth-info]"), /Kode baru sudah dikirim ke belum@example\.id/);
      assert.equal(await page.isDisabled("[data-testid=resend-code]"), true);
      await axe(page, "verify with the wait before a new code");
      await page.click("[data-testid=to-login]");
      await page.fill("#email", "kunci@example.id");
      await page.fill("#password", "Passpor2026!");
      await page.click("[data-testid=auth-submit]");
      await page.waitForSelector("[role=alert][data-code=too_many_attempts]");
      assert.match(await page.textContent("[role=alert]"), /14 menit/);
      assert.equal(await page.locator("[role=alert] [data-testid=next-forgot]").count(), 1);
      await context.close();
    });

    it("account: the phone verified by SMS code, devices, one signed out, deletion refused then done", async () => {
      const { page, context, errors } = await open(viewport, { signedIn: true }, "#/account");
      await page.waitForSelector("[data-testid=device]");
      assert.equal(await page.getAttribute("[data-testid=phone-state]", "data-verified"), "false");
      assert.equal(await page.locator("[data-testid=device]").count(), 2);
      assert.match(await page.textContent("[data-testid=device][data-current=true]"), /Antre di Linux\s*Perangkat ini/);
      assert.match(await page.textContent("[data-testid=device][data-current=true]"), /Terakhir dipakai Senin, 16 November 2026, 07\.55 WIB/);
      await axe(page, "account");
      await noSideways(page, "account");
      await shot(page, `${name}-15-account`);
      // the phone: a code by SMS, then verified
      await page.click("[data-testid=send-phone-code]");
      await page.waitForSelector("[data-testid=send-phone-code-wait]");
      await page.fill("[data-testid=phone-code]", "123456");
      await page.click("[data-testid=verify-phone]");
      await page.waitForSelector("[data-testid=phone-state][data-verified=true]");
      // another device signed out in one tap (named for screen readers)
      await page.getByRole("button", { name: "Keluarkan Antre di Android" }).click();
      await page.waitForSelector("text=Antre di Android sudah dikeluarkan");
      assert.equal(await page.locator("[data-testid=device]").count(), 1);
      // deletion: the dialog says what goes and what stays; refused while a booking is active
      const booking = await page.evaluate(() => window.__FAKE__.bookTomorrow());
      await page.click("[data-testid=delete-account]");
      await page.waitForSelector("[data-testid=delete-dialog][open]");
      const dialog = await page.textContent("[data-testid=delete-dialog]");
      assert.match(dialog, /Yang dihapus.*NIK.*Yang tetap disimpan.*tanpa nama dan tanpa NIK/s);
      await axe(page, "delete dialog");
      await noSideways(page, "delete dialog");
      await shot(page, `${name}-16-delete-dialog`);
      await page.click("[data-testid=confirm-delete]");
      await page.waitForSelector("[data-testid=delete-refused]");
      assert.match(await page.textContent("[data-testid=delete-refused]"), /masih punya jadwal aktif.*SITI AMINAH/s);
      await axe(page, "deletion refused");
      await page.click("[data-testid=refused-booking]");
      await page.waitForSelector(`[data-testid=booking-when]`);
      assert.ok((await page.evaluate(() => location.hash)).endsWith(booking.id));
      await page.click("[data-testid=cancel]");
      await page.click("[data-testid=confirm-cancel]");
      await page.waitForSelector("[data-testid=booking-status] >> text=Dibatalkan");
      await page.click("nav >> text=Akun");
      await page.click("[data-testid=delete-account]");
      await page.click("[data-testid=confirm-delete]");
      await page.waitForSelector("text=Akun Anda sudah dihapus");
      assert.equal(await page.textContent("h1"), "Masuk");
      assert.deepEqual(errors, []);
      await context.close();
    });

    it("a session ended elsewhere: the sign-in page says so, the saved bookings and QR still open", async () => {
      const { page, context, errors } = await open(viewport, { ended: true });
      await page.waitForSelector("[data-testid=session-ended]");
      assert.match(await page.textContent("[data-testid=session-ended]"), /perangkat lain, kata sandinya diganti/);
      assert.equal(await page.inputValue("#email"), "ani@example.id");
      await axe(page, "sign-in after an ended session");
      await page.click("[data-testid=open-saved]");
      await page.waitForSelector("[data-testid=saved-booking] [data-testid=qr] svg");
      assert.match(await page.textContent("[data-testid=saved-booking]"), /Selasa, 17 November 2026, 08\.00 WIB.*SITI AMINAH/s);
      await axe(page, "saved bookings");
      await noSideways(page, "saved bookings");
      await shot(page, `${name}-17-saved`);
      await page.click("[data-testid=back-to-sign-in]");
      await page.waitForSelector("[data-testid=session-ended]");
      assert.deepEqual(errors, []);
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
