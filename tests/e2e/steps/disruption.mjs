// Issue 11, end to end in the real window: the office head declares a closure (over the API, as
// the other outside actors in app.e2e.mjs act) for the day of the applicant's booking at Bekasi;
// the app's background poll brings the notice (in the app and as an OS notification); the
// applicant opens the booking, reads why and until when, and moves it with one tap; the new
// booking is checked through the API.
import { execFileSync } from "node:child_process";

/** `t`: the helpers of app.e2e.mjs (`http`, `sql`, `el`, `click`, `text`, `expect`, `log`,
 * `shot`, `waitFor`, `notices`, `browser`, `server` (the binary), `email`, `password`). */
export async function disruption(t) {
  const { http, sql, el, click, text, expect, log, shot, waitFor, notices, browser } = t;
  log("issue 11: a closure reaches the applicant");
  const row = sql(`SELECT b.id || '|' || s.day FROM bookings b JOIN slots s ON s.id = b.slot_id JOIN accounts a ON a.id = b.account_id
    WHERE a.email = '${t.email}' AND b.status IN ('pending_payment', 'confirmed') AND s.office_id = 'kanim-bekasi'
    ORDER BY s.starts_at LIMIT 1`);
  expect(row.includes("|"), `an active booking at Bekasi to disrupt (${row})`);
  const [bookingId, day] = row.split("|");
  const reschedulesBefore = Number(sql(`SELECT reschedules FROM bookings WHERE id = '${bookingId}'`));

  // The office's head, made by the operator's CLI, declares the day closed (WIB: 00:00-24:00).
  const head = { email: `kepala.${Date.now()}@bekasi.id`, password: "Kepala-Bekasi-2026" };
  execFileSync(t.server, ["create-staff", "--email", head.email, "--phone", "081377777777", "--office", "kanim-bekasi", "--head"], {
    env: { ...process.env, ANTRE_NEW_PASSWORD: head.password },
    stdio: "inherit",
  });
  const session = await http("POST", "/v1/sessions", { body: { email: head.email, password: head.password } });
  const startUtc = new Date(`${day}T00:00:00+07:00`).toISOString().replace(".000", "");
  const endUtc = new Date(new Date(`${day}T00:00:00+07:00`).getTime() + 86_400_000).toISOString().replace(".000", "");
  const declared = await http("POST", "/v1/staff/disruptions", {
    token: session.token,
    body: {
      scope: "office", office_id: "kanim-bekasi", kind: "closure", reason: "central_system",
      note: "Server SIMKIM pusat tidak dapat diakses.", starts_at: startUtc, expected_end: endUtc,
    },
  });
  expect(declared.affected_bookings >= 1, `declared; ${declared.affected_bookings} booking(s) told`);

  // The app polls its notices in the background (every minute): the list and the OS notice.
  await click("nav a[href='#/bookings']");
  await el("h1", { text: "Jadwal saya" });
  await el(`[data-testid=notification][data-kind=disrupted]`, { timeout: 150000 });
  expect((await text("[data-testid=notification]")).includes("Bekasi"), "the notice names the office");
  const os = await waitFor("the OS notification of the closure", async () => notices().find((n) => n.kind === "server" && n.delivered), { timeout: 60000 });
  expect(os.title.length > 0, `shown by the system: ${os.title}`);
  await shot("disruption-notice");

  // The booking says why and until when, in the office's zone, and offers the one tap.
  await browser.execute((id) => { location.hash = `#/booking/${id}`; }, bookingId);
  await el("[data-testid=disruption]");
  expect((await text("[data-testid=disruption-reason]")).includes("Sistem paspor pusat"), "the reason");
  expect(/WIB/.test(await text("[data-testid=disruption-until]")), "the expected end in WIB");
  await shot("disruption-booking");
  await click("[data-testid=special-reschedule]");
  await el("[data-testid=special-moved]", { timeout: 30000 });
  expect((await browser.$$("[data-testid=disruption]")).length === 0, "no longer affected");
  await shot("disruption-moved");

  // The new booking, as the server has it.
  const mine = await http("POST", "/v1/sessions", { body: { email: t.email, password: t.password } });
  const moved = await http("GET", `/v1/bookings/${bookingId}`, { token: mine.token });
  expect(moved.date !== day && moved.disruption === undefined, `moved off the closed day (${day} -> ${moved.date} at ${moved.office.id})`);
  expect(["pending_payment", "confirmed"].includes(moved.status), `still active (${moved.status})`);
  expect(Number(sql(`SELECT reschedules FROM bookings WHERE id = '${bookingId}'`)) === reschedulesBefore, "the ordinary reschedule is not used up");
  expect((await text("[data-testid=booking-when]")).length > 0 && (await (await el("[data-testid=booking-when]")).getAttribute("data-date")) === moved.date, "the app shows the new date");
}
