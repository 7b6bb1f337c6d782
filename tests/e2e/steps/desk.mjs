// The office desk in the real window: a staff member of the Bekasi office (created with the
// server's CLI, as an operator would) signs in to the same app and checks in the applicant the
// journey booked (Budi, placed by the draw), by the code carried in his QR proof, typed into the
// field and sent with Enter as a USB scanner does (the window under Xvfb has no camera, which
// the desk says: WebKitGTK answers getUserMedia with "no device", not a refusal). The
// desk shows his name and masked NIK to compare with the e-KTP; the API then shows him arrived.
// Check-in is only for the booking's day: the server restarts with its test clock at 09:00 WIB
// of that day (on the same database), after the payment.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * `t`: what app.e2e.mjs shares: { browser, el, fill, click, text, shot, expect, log, http,
 * waitFor, restartServer, reload, SERVER, APP_DATA }.
 */
export async function desk(t) {
  const { browser, el, click, text, shot, expect, log, http, waitFor, restartServer, reload, SERVER, APP_DATA } = t;
  const saved = () => JSON.parse(readFileSync(`${APP_DATA}/bookings.json`, "utf8")).bookings;

  // 19. Budi's booking from the draw is paid (server CLI); the app's saved copy gets its proof.
  log("the desk: Budi's booking from the draw is paid");
  const drawn = saved().find((b) => b.source === "draw");
  expect(Boolean(drawn), "the booking the draw made is in the saved copy");
  execFileSync(SERVER, ["confirm-payment", drawn.billing_code], { env: process.env, stdio: "inherit" });
  // Through My bookings: the app may already show this booking (the closure step ends on it),
  // and setting the same address again would not load it anew.
  await click("nav a[href='#/bookings']");
  await el("h1", { text: "Jadwal saya" });
  await browser.execute((id) => { location.hash = `#/booking/${id}`; }, drawn.id);
  await el("[data-testid=qr] svg", { timeout: 60000 });
  const paid = await waitFor("the saved proof", async () => saved().find((b) => b.id === drawn.id && b.proof), { timeout: 60000 });
  expect(/^antre1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/.test(paid.proof), "the QR carries a proof in the server's format");

  // 20. A staff member of the office, made by the operator's CLI.
  const staff = { email: `meja.${Date.now()}@bekasi.id`, password: "Meja-Bekasi-2026" };
  execFileSync(SERVER, ["create-staff", "--email", staff.email, "--phone", "+6281211112222", "--office", "kanim-bekasi"], {
    env: { ...process.env, ANTRE_NEW_PASSWORD: staff.password },
    stdio: "inherit",
  });

  // 21. The booking's day, 09:00 WIB: the server restarts with its clock there.
  const clock = `${paid.date}T02:00:00Z`;
  await restartServer(clock);
  await reload();
  log("the applicant signs out, the officer signs in to the same app");
  await click("nav a[href='#/account']");
  await click("[data-testid=logout]");
  await el("h1", { text: "Masuk" });
  await t.fill("#email", staff.email);
  await t.fill("#password", staff.password);
  await click("[data-testid=auth-submit]");
  await click("nav a[href='#/desk']");
  await el("h1", { text: "Meja layanan kantor" });
  await el("[data-testid=desk-roster]", { text: paid.applicant.name });
  // The day in the app's language, not WebKitGTK's US order: typed day/month/year, read in words.
  const dmy = (iso) => iso.split("-").reverse().join("/");
  expect((await (await el("[data-testid=desk-date]")).getValue()) === dmy(paid.date), `the desk's day shows as ${dmy(paid.date)}`);
  const nextDay = new Date(Date.parse(`${paid.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await t.fill("[data-testid=desk-date]", dmy(nextDay));
  await el(`[data-testid=desk-day][data-date="${nextDay}"]`);
  expect(!(await text("main")).includes(paid.applicant.name), `the next day (${dmy(nextDay)}) loads without ${paid.applicant.name}`);
  await shot("desk-next-day");
  await t.fill("[data-testid=desk-date]", dmy(paid.date));
  await el(`[data-testid=desk-day][data-date="${paid.date}"]`);
  await el("[data-testid=desk-roster]", { text: paid.applicant.name });
  // The window's WebKitGTK has media streams on and grants the camera to the app's pages
  // (src-tauri/src/camera.rs): on this machine without a camera getUserMedia answers that no
  // device is there (WebKitGTK 2.50: OverconstrainedError, "Invalid constraint"; others
  // NotFoundError), not that it is forbidden, and the desk says to scan or type.
  const camera = await browser.executeAsync((done) => {
    const media = navigator.mediaDevices;
    if (!media?.getUserMedia) return done("no mediaDevices");
    media.getUserMedia({ video: true, audio: false }).then((s) => {
      s.getTracks().forEach((track) => track.stop());
      done("opened");
    }, (e) => done(e.name));
  });
  expect(["NotFoundError", "OverconstrainedError"].includes(camera), `the window's camera without a device: ${camera}`);
  await el("[data-testid=camera-none]", { text: "Tidak ada kamera di perangkat ini" });
  await shot("desk-before-check-in");

  // 22. The code typed into the field and Enter, as a USB scanner sends it.
  log("check-in by the proof's code, typed as a scanner types");
  const field = await el("[data-testid=checkin-proof]");
  await field.click();
  await field.setValue(paid.proof);
  await browser.keys("Enter");
  const done = await text("[data-testid=checkin-done]");
  expect(done.includes(`${paid.applicant.name} sudah datang: nomor`), `checked in: ${done.replace(/\n/g, " ")}`);
  expect(done.includes(paid.applicant.nik_masked), `the masked NIK to compare with the e-KTP (${paid.applicant.nik_masked})`);
  await el(`[data-testid=desk-entry][data-arrival=arrived]`, { text: paid.applicant.name });
  await shot("desk-checked-in");

  // 23. The API agrees: the officer's desk day shows him arrived with his number.
  const session = await http("POST", "/v1/sessions", { body: { email: staff.email, password: staff.password } });
  const day = await http("GET", `/v1/staff/offices/kanim-bekasi/desk?date=${paid.date}`, { token: session.token });
  const entry = day.lanes.flatMap((l) => l.hours.flatMap((h) => h.entries)).find((e) => e.booking_id === paid.id);
  expect(entry?.status === "checked_in" && entry.arrival === "arrived" && entry.queue_number >= 1, `the booking is checked in (${entry?.status}, number ${entry?.queue_number})`);
  // The same proof again is refused with the server's reason.
  await field.setValue(paid.proof);
  await browser.keys("Enter");
  const again = await text("[data-testid=checkin-form] [role=alert]");
  expect(again.length > 0, `a second check-in is refused: ${again.replace(/\n/g, " ")}`);
  // The server's clock from here on (the next steps restart the server at it).
  return clock;
}
