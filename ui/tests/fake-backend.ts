// An in-memory stand-in for the Rust side, answering the same commands with the same types.
// Used by the Vitest unit tests (through mockIPC) and, bundled, by the Chromium page tests.
import type { QueuedWriteView, QuotaRelease, RefusedWrite, TextSize } from "../src/ipc";
import type { AccountView, AppInfo, ApplicantView, BookingView, Choice, DrawView, EndedSession, EntryView, IslandGroup, OfficeSummary, SearchAreaView, SearchResult, SessionView, SlotView, WaitlistView } from "../src/ipc";
import type { DayAvailability } from "../src/generated/DayAvailability";
import type { NotificationView, ServiceStatus } from "../src/ipc";

type Args = Record<string, unknown>;
/** `ended`: a session that ended elsewhere, with one booking in the saved copy. */
/** `staff`: signed in as a staff member of the Bekasi office (the desk); `head`: as its head.
 * `deskProof`: a proof in the server's format (`antre1.<payload>.<signature>`) the desk also
 * accepts for SITI AMINAH, as a page test's camera reads it from a QR.
 * `disrupted`: signed in with one booking at Bekasi that a closure covers (issue 11).
 * `visited`: signed in with one booking checked in at Bekasi today (issue 11).
 * `textSize`: the size chosen in Settings (default 100%).
 * `admin`: signed in as an admin (no office of its own; the office results of any office). */
export type FakeOptions = { offline?: boolean; signedIn?: boolean; locale?: "id" | "en"; keyring?: boolean; ended?: boolean; staff?: boolean; head?: boolean; outreach?: boolean; deskProof?: string; disrupted?: boolean; visited?: boolean; textSize?: TextSize; admin?: boolean };

/** The desk's proof codes in the fake: one for today, one of another day, one of another person. */
export const DESK_PROOF = "antre1.hari-ini.sig";
export const DESK_PROOF_OTHER_DAY = "antre1.besok.sig";
export const DESK_NIK = "3275014101900001";

/** The one code the fake accepts, and the account's password until it is reset. */
export const RIGHT_CODE = "123456";
export const PASSWORD = "Passpor2026!";
/** Emails the fake's sign-in treats specially. */
export const UNVERIFIED_EMAIL = "belum@example.id";
export const THROTTLED_EMAIL = "kunci@example.id";

/** The server's password rule (antre_domain::person), as the Rust side reports it. */
export function passwordCheck(password: string) {
  const chars = [...password].length;
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /[0-9]/, /[^\p{L}\p{N}]/u].filter((r) => r.test(password)).length;
  const long_enough = chars >= 10;
  return { chars, min_chars: 10, long_enough, kinds, min_kinds: 2, enough_kinds: kinds >= 2, acceptable: long_enough && kinds >= 2 };
}

const office = (id: string, name: string, city: string, province: string, island: IslandGroup, lat: number, lon: number, tz: string, zone: "WIB" | "WITA" | "WIT", km: number, address?: string): OfficeSummary => ({
  id, name, class: "I", city, province, island, time_zone: tz, zone, lat, lon, coord_precision: "city",
  services: { regular: true, same_day: true, electronic: true }, distance_km: km,
  map_url: `https://www.openstreetmap.org/?mlat=${lat.toFixed(5)}&mlon=${lon.toFixed(5)}#map=13/${lat.toFixed(5)}/${lon.toFixed(5)}`,
  ...(address ? { address } : {}),
});

/** Offices around Bekasi at every widening step (50, 100, 250 km, Java, Indonesia; no office of
 * Jawa Barat lies beyond 250 km, so "the province" adds nothing), as in `data/offices.csv`. The
 * two addresses are the ones `data/offices.csv` cites; no hours or phones (none is verified). */
export const OFFICES: OfficeSummary[] = [
  office("bekasi", "Kantor Imigrasi Kelas I Non TPI Bekasi", "Bekasi", "Jawa Barat", "java", -6.2383, 106.9756, "Asia/Jakarta", "WIB", 0, "Jl. Perjuangan, Kelurahan Teluk Pucung, Kecamatan Bekasi Utara, Kota Bekasi"),
  office("jakarta-selatan", "Kantor Imigrasi Kelas I Khusus Jakarta Selatan", "Jakarta Selatan", "DKI Jakarta", "java", -6.26, 106.81, "Asia/Jakarta", "WIB", 18.4, "Jl. Warung Buncit Raya No. 207, Mampang Prapatan, Jakarta Selatan"),
  office("makassar", "Kantor Imigrasi Kelas I TPI Makassar", "Makassar", "Sulawesi Selatan", "sulawesi", -5.14, 119.42, "Asia/Makassar", "WITA", 1400),
  office("jakarta-timur", "Kantor Imigrasi Kelas I TPI Jakarta Timur", "Jakarta Timur", "DKI Jakarta", "java", -6.225, 106.9004, "Asia/Jakarta", "WIB", 8.4),
  office("serang", "Kantor Imigrasi Kelas I Non TPI Serang", "Serang", "Banten", "java", -6.12, 106.1503, "Asia/Jakarta", "WIB", 92),
  office("bandung", "Kantor Imigrasi Kelas I TPI Bandung", "Bandung", "Jawa Barat", "java", -6.9175, 107.6191, "Asia/Jakarta", "WIB", 104),
  office("semarang", "Kantor Imigrasi Kelas I Khusus TPI Semarang", "Semarang", "Jawa Tengah", "java", -6.9667, 110.4167, "Asia/Jakarta", "WIB", 385),
  office("jayapura", "Kantor Imigrasi Kelas I TPI Jayapura", "Jayapura", "Papua", "papua", -2.533, 140.717, "Asia/Jayapura", "WIT", 3750),
];

/** Each office's earliest day with a place, in days after TODAY: Bekasi itself is full until
 * Friday, while Jakarta and far-away Jayapura have places tomorrow. */
const EARLIEST: Record<string, number> = { "jakarta-timur": 1, "jakarta-selatan": 1, bekasi: 4, serang: 3, bandung: 1, semarang: 3, makassar: 3, jayapura: 1 };

/** Great-circle distance in km, as the server computes it. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const STEPS: SearchAreaView[] = [
  { scope: "radius", radius_km: 50 },
  { scope: "radius", radius_km: 100 },
  { scope: "radius", radius_km: 250 },
  { scope: "province" },
  { scope: "island" },
  { scope: "nationwide" },
];
const SCOPE_RANK = { radius: 0, province: 1, island: 2, nationwide: 3 } as const;

/** The server's search over the fake offices: the area's offices by earliest day, then
 * distance; the area named with the province of the office nearest the point; the next wider
 * step that adds an office. */
function searchAround(p: { lat: number; lon: number; lane: string; electronic?: boolean; scope?: SearchAreaView["scope"]; radius_km?: number; limit?: number }, slotsOf: (id: string, date: string, lane: string) => SlotView[]): SearchResult {
  const scope = p.scope ?? "radius";
  if (p.radius_km !== undefined && (scope !== "radius" || !(p.radius_km >= 1 && p.radius_km <= 250))) throw err("invalid_search_area");
  const area: SearchAreaView = scope === "radius" ? { scope, radius_km: p.radius_km ?? 50 } : { scope };
  const placed = OFFICES.filter((o) => p.electronic !== true || o.services.electronic)
    .map((o) => ({ o, km: distanceKm(p, o) }))
    .sort((a, b) => a.km - b.km);
  const home = placed[0]!.o;
  const contains = (a: SearchAreaView, x: { o: OfficeSummary; km: number }) =>
    a.scope === "radius" ? x.km <= (a.radius_km ?? 50) : a.scope === "province" ? x.km <= 250 || x.o.province === home.province : a.scope === "island" ? x.km <= 250 || x.o.island === home.island : true;
  const rank = (a: SearchAreaView) => SCOPE_RANK[a.scope] * 1000 + (a.radius_km ?? 0);
  const here = placed.filter((x) => contains(area, x)).length;
  const wider = STEPS.filter((s) => rank(s) > rank(area)).find((s) => placed.filter((x) => contains(s, x)).length > here);
  const named = (a: SearchAreaView): SearchAreaView => ({
    ...a,
    ...(a.scope === "province" ? { province: home.province } : {}),
    ...(a.scope === "island" ? { island: home.island } : {}),
  });
  const hits = placed
    .filter((x) => contains(area, x))
    .map((x) => {
      const date = addDays(TODAY, EARLIEST[x.o.id] ?? 1);
      return {
        office: { ...x.o, distance_km: Math.round(x.km * 10) / 10 },
        date,
        remaining: 17,
        first_slot: slotsOf(x.o.id, date, p.lane)[0]!,
        directions_url: `https://www.openstreetmap.org/directions?route=${p.lat.toFixed(5)}%2C${p.lon.toFixed(5)}%3B${x.o.lat.toFixed(5)}%2C${x.o.lon.toFixed(5)}`,
        km: x.km,
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.km - b.km)
    .slice(0, Math.min(Math.max(p.limit ?? 20, 1), 100))
    .map(({ km: _km, ...hit }) => hit);
  return { area: named(area), ...(wider ? { wider: named(wider) } : {}), hits };
}

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
const TODAY = "2026-11-16"; // a Monday
const err = (code: string, message = code, extra: Record<string, unknown> = {}) => ({ code, message, ...extra });
const hex = (seed: string) => Array.from({ length: 64 }, (_, i) => "0123456789abcdef"[(seed.charCodeAt(i % seed.length) * (i + 7)) % 16]).join("");

/** Two draws: the week of 23 November takes entries now (released today 14.00 WIB); the week
 * of 30 November opens for entries on 19 November. Ids are fixed so tests can name them. */
export const DRAW_OPEN = "00000000-0000-4000-8000-0000000d0001";
export const DRAW_LATER = "00000000-0000-4000-8000-0000000d0002";
function makeDraws(): DrawView[] {
  return [
    { id: DRAW_OPEN, release_at: "2026-11-16T07:00:00Z", opens_at: "2026-11-15T07:00:00Z", status: "open", accepting_entries: true, commitment: hex("open"), entries: 3411, places: 4260, placed: 0 },
    { id: DRAW_LATER, release_at: "2026-11-20T07:00:00Z", opens_at: "2026-11-19T07:00:00Z", status: "open", accepting_entries: false, commitment: hex("later"), entries: 0, places: 4260, placed: 0 },
  ];
}
/** The draw of a day's release, if it goes by draw. */
function drawOfDay(date: string): DrawView["id"] | undefined {
  if (date >= "2026-11-23" && date <= "2026-11-29") return DRAW_OPEN;
  if (date >= "2026-11-30" && date <= "2026-12-06") return DRAW_LATER;
  return undefined;
}

/** When a day's quota opens: weeks up to 6 December are open (released 13 November, or by
 * draw); later weeks open on the Friday before at 14.00 WIB, as the server's weekly policy. */
function releaseOf(date: string): string {
  if (date < "2026-12-07") return "2026-11-13T07:00:00Z";
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return `${addDays(date, -((wd + 6) % 7) - 3)}T07:00:00Z`;
}

export function createFakeBackend(opts: FakeOptions = {}) {
  const state = {
    offline: opts.offline ?? false,
    releaseReminders: [] as QuotaRelease[],
    /** Cancels made offline, as antre-app-core queues them. */
    queued: [] as QueuedWriteView[],
    /** Queued writes the server refused when they were sent, until dismissed. */
    refused: [] as RefusedWrite[],
    signedIn: opts.signedIn ?? false,
    info: {
      version: "0.1.0",
      server_url: "http://127.0.0.1:8080",
      locale: opts.locale ?? "id",
      settings: { locale: null, text_size: opts.textSize ?? "normal", start_at_login: false, start_at_login_offered: false },
      keyring_available: opts.keyring ?? true,
      platform: "desktop",
    } as AppInfo,
    applicants: [] as ApplicantView[],
    bookings: [] as BookingView[],
    keys: new Map<string, string>(),
    calls: [] as { cmd: string; args: Args }[],
    draws: makeDraws(),
    entries: [] as EntryView[],
    waitlist: [] as WaitlistView[],
    password: PASSWORD,
    account: { id: "a1", email: "ani@example.id", phone: "+6281234567890", role: "applicant", email_verified: true, phone_verified: false, language: "id" } as AccountView,
    sessions: [
      { id: "s-this", device: "Antre di Linux", created_at: "2026-11-02T02:00:00Z", last_used_at: "2026-11-16T00:55:00Z", expires_at: "2026-12-16T00:55:00Z", absolute_expires_at: "2027-01-31T02:00:00Z", current: true },
      { id: "s-phone", device: "Antre di Android", created_at: "2026-10-20T09:00:00Z", last_used_at: "2026-11-14T12:30:00Z", expires_at: "2026-12-14T12:30:00Z", absolute_expires_at: "2027-01-18T09:00:00Z", current: false },
    ] as SessionView[],
    ended: null as EndedSession | null,
    /** Issue 11: the server's notices (newest first, as the Rust side keeps them). */
    notifications: [] as NotificationView[],
    /** The save dialog: the user cancels it (true) or takes the proposed file. */
    saveDialogCancels: false,
    /** Files saved through the app, and those it was asked to open. */
    saved: [] as string[],
    opened: [] as string[],
  };
  if (opts.staff || opts.head) {
    state.account = { ...state.account, id: "st1", email: "petugas@bekasi.id", role: opts.head ? "head" : "staff", office_id: "bekasi" };
  }
  if (opts.admin) {
    state.account = { ...state.account, id: "ad1", email: "admin@imigrasi.id", role: "admin" };
    delete (state.account as { office_id?: string }).office_id;
  }
  if (opts.outreach) {
    state.account = { ...state.account, id: "or1", email: "jemput@bekasi.id", role: "outreach", office_id: "bekasi" };
  }
  type FakeDrive = { drive: Record<string, unknown> & { id: string; capacity: number; registered: number; kind: string }; members: Record<string, unknown>[]; sent: Map<string, Record<string, unknown>> };
  const drives: FakeDrive[] = [];
  const member = (d: FakeDrive, m: { member_id: string; name: string; birth_date: string; nik: string; application_kind: string; phone?: string }) => ({
    id: `m-${d.members.length + 1}`, member_id: m.member_id, name: m.name.toUpperCase(), birth_date: m.birth_date,
    nik_masked: `${m.nik.slice(0, 4)}••••••••${m.nik.slice(12)}`, application_kind: m.application_kind, booking_id: `bk-${m.nik}`,
    status: "pending_payment", proof: `antre1.${m.nik.slice(12)}.sig`, registered_at: "2026-11-16T01:00:00Z", nik: m.nik,
  });
  const view = (m: Record<string, unknown>) => { const { nik: _nik, ...rest } = m; return rest; };
  type Captured = { drive_id: string; member_id: string; name: string; nik_masked: string; captured_at: string; outcome: string | null;
    decided_on_device: boolean; errors: Record<string, unknown>[]; member?: Record<string, unknown>; input: Parameters<typeof member>[1] };
  const captured: Captured[] = [];
  /** What add_members does, for the captured members that wait (nothing while offline). */
  const sendCaptured = (d: FakeDrive) => {
    if (state.offline) return;
    for (const c of captured) {
      if (c.drive_id !== d.drive.id || c.outcome !== null) continue;
      const m = c.input;
      if (d.members.some((x) => x.nik === m.nik)) c.outcome = "duplicate_nik";
      else if (d.drive.registered >= d.drive.capacity) c.outcome = "drive_full";
      else {
        const added = member(d, m);
        d.members.push(added);
        d.sent.set(m.member_id, added);
        d.drive.registered += 1;
        c.outcome = "registered";
        c.member = view(added);
      }
    }
  };
  const captureStatus = (d: FakeDrive) => {
    const mine = captured.filter((c) => c.drive_id === d.drive.id).reverse();
    return {
      drive_id: d.drive.id, captured: mine.length, pending: mine.filter((c) => c.outcome === null).length,
      sent: mine.filter((c) => c.outcome !== null && !c.decided_on_device).length, online: !state.offline,
      members: mine.map(({ drive_id: _d, input: _i, ...rest }) => rest),
    };
  };
  const deskEntry = (id: string, name: string, nik_masked: string, hour: string, arrival: "expected" | "arrived" | "unpaid", lane: "regular" | "priority" = "regular", queue_number?: number) => ({
    booking_id: id, name, nik_masked, lane, session: `${hour}-12:00`, starts_at: `2026-11-16T0${Number(hour.slice(0, 2)) - 7}:00:00Z`,
    status: arrival === "arrived" ? "checked_in" : arrival === "unpaid" ? "pending_payment" : "confirmed", arrival,
    ...(queue_number === undefined ? {} : { queue_number }), source: "direct", beyond_quota: false, refund_due: false,
  });
  const desk = {
    entries: [
      deskEntry("b-1", "SITI AMINAH", "3275••••••••0001", "08:00", "expected"),
      deskEntry("b-2", "BUDI SANTOSO", "3275••••••••0002", "08:00", "arrived", "regular", 1),
      deskEntry("b-3", "DEWI LESTARI", "3275••••••••0003", "10:00", "unpaid"),
    ] as ReturnType<typeof deskEntry>[],
    numbers: { regular: 1, priority: 0 } as Record<string, number>,
    walkInKeys: new Map<string, unknown>(),
  };
  if (opts.ended) {
    state.signedIn = false;
    state.ended = { email: "ani@example.id", ended_at: "2026-11-16T00:30:00Z", reason: "rejected", upcoming_saved: 1 };
  }
  // Issue 11: Bekasi closed on the booking's day (the central system), end expected at 17:00 WIB.
  const CLOSURE = {
    id: "00000000-0000-4000-8000-0000000c0001", kind: "closure" as const, reason: "central_system" as const,
    note: "Server SIMKIM pusat tidak dapat diakses.", expected_end: "2026-11-18T10:00:00Z",
  };
  function disruptedSetup(): void {
    state.signedIn = true;
    state.applicants.push({
      id: "00000000-0000-4000-8000-00000000a001", nik_masked: "3275••••••••••01", name: "ANI LESTARI", birth_date: "1990-01-01",
      age: 36, pregnant: false, disability: false, married: true, priority_eligible: false,
    });
    const slot = slots("bekasi", addDays(TODAY, 2), "regular")[0]!;
    const b = bookingFor("00000000-0000-4000-8000-00000000a001", slot, { passport_kind: "ordinary", validity: "five_years", application_kind: "new" });
    Object.assign(b, { status: "confirmed", disruption: CLOSURE });
    b.actions.reschedule_special = true;
    state.bookings.push(b);
    state.notifications.unshift({
      id: 1, kind: "disrupted", booking_id: b.id, disruption: CLOSURE,
      title: state.info.locale === "en" ? "Your appointment is affected" : "Jadwal Anda terdampak",
      body: state.info.locale === "en" ? "Kantor Imigrasi Kelas I Non TPI Bekasi: The central passport system is down." : "Kantor Imigrasi Kelas I Non TPI Bekasi: Sistem paspor pusat tidak dapat diakses.",
      created_at: "2026-11-16T00:50:00Z", read: false,
    });
  }
  function serviceStatus(): ServiceStatus {
    return {
      generated_at: "2026-11-16T01:00:00Z",
      offices: OFFICES.map((o) => {
        const closed = o.id === "bekasi";
        const declaration = {
          ...CLOSURE, scope: "office" as const, office_id: o.id, reason_text: "Sistem paspor pusat tidak dapat diakses",
          starts_at: "2026-11-16T00:00:00Z", in_force: true, offices: 1, affected_bookings: 12,
          history: [{ at: "2026-11-16T00:00:00Z", kind: "declared" as const, note: CLOSURE.note, expected_end: CLOSURE.expected_end }],
        };
        const past = { ...declaration, id: "00000000-0000-4000-8000-0000000c0000", reason: "power" as const, note: "Listrik padam.", starts_at: "2026-11-02T01:00:00Z", expected_end: "2026-11-02T05:00:00Z", restored_at: "2026-11-02T04:00:00Z", in_force: false };
        return {
          office_id: o.id, name: o.name, province: o.province, time_zone: o.time_zone, zone: o.zone,
          state: closed ? ("closed" as const) : ("open" as const),
          current: closed ? [declaration] : [],
          history: closed ? [past] : [],
        };
      }),
    };
  }
  const codeSent = { resend_after_seconds: 60, valid_minutes: 15 };
  const slotId = (officeId: string, date: string, session: number) =>
    OFFICES.findIndex((o) => o.id === officeId) * 100000 + Number(date.replace(/-/g, "").slice(4)) * 10 + session;

  function slots(officeId: string, date: string, lane: string): SlotView[] {
    const o = OFFICES.find((x) => x.id === officeId) ?? OFFICES[0]!;
    const off = o.zone === "WIB" ? 7 : o.zone === "WITA" ? 8 : 9;
    return [8, 10, 13].map((h, i) => {
      const start = new Date(Date.UTC(...(date.split("-").map(Number) as [number, number, number]).map((v, j) => (j === 1 ? v - 1 : v)) as [number, number, number], h - off));
      return {
        slot_id: slotId(officeId, date, i),
        office_id: officeId, date, lane: lane as SlotView["lane"],
        session: `${String(h).padStart(2, "0")}:00-${String(h + 2).padStart(2, "0")}:00`,
        starts_at: start.toISOString().replace(".000", ""),
        ends_at: new Date(start.getTime() + 7_200_000).toISOString().replace(".000", ""),
        time_zone: o.time_zone, capacity: 20, remaining: i === 2 ? 0 : 12 - i * 5,
        released_at: "2026-11-13T07:00:00Z",
      };
    });
  }

  function day(date: string): DayAvailability {
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    const service = wd !== 0 && wd !== 6;
    const full = date === addDays(TODAY, 2);
    const drawId = service ? drawOfDay(date) : undefined;
    const draw = state.draws.find((d) => d.id === drawId && d.status !== "drawn");
    return {
      date, service_day: service, released_at: service ? (draw?.release_at ?? releaseOf(date)) : undefined,
      ...(draw ? { draw_id: draw.id } : {}),
      lanes: service ? (["regular", "same_day", "priority"] as const).map((lane) => ({ lane, capacity: 50, remaining: full ? 0 : 17 })) : [],
    };
  }

  /** What the server would allow now (the fake's clock stands still on TODAY). */
  function actionsOf(b: Omit<BookingView, "actions">): BookingView["actions"] {
    const active = b.status === "pending_payment" || b.status === "confirmed";
    const rule = (ok: boolean, code: string) => (ok ? { allowed: true } : { allowed: false, refused: code });
    return {
      cancel: rule(active, "booking_not_active"),
      reschedule: active ? rule(b.reschedules_left > 0, "reschedule_limit_reached") : rule(false, "booking_not_active"),
      reschedule_special: false,
      confirm_attendance: !active ? rule(false, "booking_not_active") : rule(Boolean(b.attendance) && !b.attendance!.confirmed, "attendance_not_asked"),
      rate_visit: rule(b.status === "checked_in", "not_visited"),
      report_integrity: rule(b.status === "checked_in", "not_visited"),
    };
  }

  function withActions(b: BookingView): BookingView {
    b.actions = actionsOf(b);
    return b;
  }

  function bookingFor(applicantId: string, slot: SlotView, req: Record<string, string>, source: BookingView["source"] = "direct"): BookingView {
    const a = state.applicants.find((x) => x.id === applicantId)!;
    const o = OFFICES.find((x) => x.id === slot.office_id)!;
    const n = state.bookings.length + 1;
    return withActions({
      actions: { cancel: { allowed: false }, reschedule: { allowed: false }, reschedule_special: false, confirm_attendance: { allowed: false }, rate_visit: { allowed: false }, report_integrity: { allowed: false } },
      id: `00000000-0000-4000-8000-00000000b00${n}`,
      applicant: { id: a.id, name: a.name, nik_masked: a.nik_masked }, office: o,
      slot_id: slot.slot_id, date: slot.date, session: slot.session, starts_at: slot.starts_at, ends_at: slot.ends_at,
      lane: slot.lane, passport_kind: req.passport_kind as BookingView["passport_kind"], validity: req.validity as BookingView["validity"],
      application_kind: req.application_kind as BookingView["application_kind"],
      fee_lines: [{ item: "fee-ordinary-5y", rupiah: 350000 }], fee_total: 350000,
      billing_code: `8202611${String(n).padStart(8, "0")}`, payment_deadline: "2026-11-16T05:00:00Z",
      documents: ["doc-ektp", "doc-family-card", "doc-birth-or-marriage-or-diploma"], reschedules_left: 1,
      // As on the server: waiting for payment, the QR proof only once paid (see `pay`).
      proof: undefined, created_at: "2026-11-16T03:00:00Z", payments: [], refund_due: 0, source,
      ...(source === "direct" ? { status: "pending_payment" as const } : { status: "pending_payment" as const, payment_deadline: "2026-11-16T09:00:02Z" }),
      // This office asks for attendance to be reconfirmed the evening before (20.00 local time).
      ...(source === "waitlist" ? { attendance: { confirm_by: `${addDays(slot.date, -1)}T13:00:00Z`, confirmed: false } } : {}),
    });
  }

  function findSlot(id: number): SlotView | undefined {
    for (const o of OFFICES) for (let i = 0; i < 42; i++) {
      const s = slots(o.id, addDays(TODAY, i), "regular").find((x) => Number(x.slot_id) === id);
      if (s) return s;
    }
    return undefined;
  }

  const online = () => {
    if (state.offline) throw err("network", "unreachable");
  };

  /** Runs a draw as the server would: the first entry drawn gets a place on its first
   * office-day choice (a booking to pay), the others go on the waitlist. */
  function runDraw(id: string): void {
    const d = state.draws.find((x) => x.id === id)!;
    const mine = state.entries.filter((e) => e.draw_id === id);
    mine.forEach((e, i) => {
      e.position = 17 + i * 600;
      const choice = e.choices.find((c): c is Extract<Choice, { kind: "office_day" }> => c.kind === "office_day");
      if (i === 0 && choice) {
        const slot = slots(choice.office_id, choice.date, e.lane)[0]!;
        const b = bookingFor(e.applicant.id, slot, { passport_kind: e.passport_kind, validity: e.validity, application_kind: e.application_kind }, "draw");
        state.bookings.push(b);
        e.outcome = "placed";
        e.booking_id = b.id;
      } else {
        e.outcome = "waitlisted";
        state.waitlist.push(waitingFor(e.applicant.id, e.lane, [...new Set(e.choices.flatMap((c) => (c.kind === "office_day" ? [c.office_id] : c.office_ids)))], "2026-11-23", "2026-11-29"));
      }
    });
    Object.assign(d, { status: "drawn", accepting_entries: false, seed: hex("seed"), entries: 3411 + mine.length, placed: 4260, drawn_at: "2026-11-16T07:00:02Z" });
  }

  function waitingFor(applicantId: string, lane: WaitlistView["lane"], officeIds: string[], from: string, to: string): WaitlistView {
    const a = state.applicants.find((x) => x.id === applicantId)!;
    return {
      id: `00000000-0000-4000-8000-0000000f${String(state.waitlist.length + 1).padStart(4, "0")}`,
      applicant: { id: a.id, name: a.name, nik_masked: a.nik_masked }, lane,
      passport_kind: "ordinary", validity: "five_years", application_kind: "new",
      office_ids: officeIds, from, to, status: "waiting", ahead: 2, created_at: "2026-11-16T01:00:00Z",
    };
  }

  /** A place is freed: the first one waiting is offered the first slot of its first day. */
  function offerPlace(): void {
    const w = state.waitlist.find((x) => x.status === "waiting");
    if (!w) return;
    const slot = slots(w.office_ids[0]!, w.from, w.lane)[0]!;
    w.status = "offered";
    w.ahead = 0;
    w.offer = { id: `00000000-0000-4000-8000-00000000f0${String(state.waitlist.indexOf(w) + 1).padStart(2, "0")}`, expires_at: "2026-11-16T01:30:00Z", slot: { ...slot, remaining: 0 } };
  }

  if (opts.disrupted) disruptedSetup();
  if (opts.visited) {
    disruptedSetup();
    const b = state.bookings[0]!;
    delete b.disruption;
    b.status = "checked_in";
    withActions(b);
  }
  /** What the fake received after the visit (the page test reads it back). */
  const feedback = { ratings: [] as unknown[], reports: [] as unknown[] };
  (globalThis as unknown as { __FAKE_FEEDBACK__: typeof feedback }).__FAKE_FEEDBACK__ = feedback;

  /** Answers a command with a copy, as IPC would: the page never holds the fake's own objects. */
  async function handle(cmd: string, args: Args = {}): Promise<unknown> {
    const answer = await answerFor(cmd, args);
    return answer === undefined ? answer : structuredClone(answer);
  }

  async function answerFor(cmd: string, args: Args = {}): Promise<unknown> {
    state.calls.push({ cmd, args });
    switch (cmd) {
      case "app_info": return state.info;
      case "set_locale":
        state.info = { ...state.info, locale: (args.locale as "id" | "en") ?? "id", settings: { ...state.info.settings, locale: (args.locale as "id" | "en" | null) ?? null } };
        return state.info;
      case "set_text_size":
        state.info = { ...state.info, settings: { ...state.info.settings, text_size: args.size as TextSize } };
        return state.info;
      case "set_start_at_login":
        state.info = { ...state.info, settings: { ...state.info.settings, start_at_login: Boolean(args.enabled), start_at_login_offered: true } };
        return state.info;
      case "dismiss_start_at_login_offer":
        state.info = { ...state.info, settings: { ...state.info.settings, start_at_login_offered: true } };
        return state.info;
      case "ping": return !state.offline;
      case "server_clock": return { offset_ms: 0, synced: !state.offline };
      case "restore_session":
        return state.signedIn ? { account: state.account, expires_at: "2026-12-01T00:00:00Z", persisted: state.info.keyring_available } : null;
      case "register": online(); return { account_id: "a1", verification_sent: true, resend_after_seconds: 60 };
      case "verify": online(); if ((args.request as { code: string }).code !== "123456") throw err("invalid_verification_code"); return null;
      case "login": {
        online();
        const r = args.request as { email: string; password: string };
        if (r.email === THROTTLED_EMAIL) throw err("too_many_attempts", "Terlalu banyak percobaan", { minutes: 14 });
        if (r.password !== state.password) throw err("invalid_credentials");
        if (r.email === UNVERIFIED_EMAIL) throw err("account_not_verified");
        state.signedIn = true;
        state.ended = null;
        return answerFor("restore_session");
      }
      case "logout": state.signedIn = false; state.ended = null; return null;
      case "resend_code": online(); return codeSent;
      case "forgot_password": online(); return codeSent;
      case "reset_password": {
        online();
        const r = args.request as { email: string; code: string; new_password: string };
        if (!passwordCheck(r.new_password).acceptable) throw err("weak_password", "weak", { field: "new_password" });
        if (r.code !== RIGHT_CODE) throw err("invalid_verification_code", "wrong", { field: "code" });
        state.password = r.new_password;
        state.signedIn = false;
        return null;
      }
      case "check_password": return passwordCheck(String(args.password));
      case "account": online(); return state.account;
      case "send_phone_code": online(); return codeSent;
      case "verify_phone": {
        online();
        if (args.code !== RIGHT_CODE) throw err("invalid_verification_code", "wrong", { field: "code" });
        state.account = { ...state.account, phone_verified: true };
        return state.account;
      }
      case "list_sessions": online(); return state.sessions;
      case "end_session": online(); state.sessions = state.sessions.filter((x) => x.id !== args.id); return state.sessions;
      case "sign_out_everywhere": online(); state.sessions = []; state.signedIn = false; return null;
      case "delete_account": {
        online();
        const active = state.bookings.filter((b) => b.status === "confirmed" || b.status === "pending_payment");
        if (active.length) return { deleted: false, active_bookings: active };
        state.signedIn = false;
        return { deleted: true, active_bookings: [] };
      }
      case "ended_session": return state.signedIn ? null : state.ended;
      case "saved_bookings":
        if (!state.signedIn && !state.ended) throw err("not_signed_in");
        return { bookings: state.bookings, fetched_at: "2026-11-16T00:30:00Z", offline: true, pending: 0 };
      case "check_nik": {
        const nik = String(args.nik).replace(/[ .-]/g, "");
        if (!/^\d*$/.test(nik)) return { state: "invalid", code: "invalid_nik_digits", digits: nik.length, priority_by_age: false };
        if (nik.startsWith("99")) return { state: "invalid", code: "invalid_nik_province", digits: nik.length, priority_by_age: false };
        if (nik.length < 16) return { state: "incomplete", digits: nik.length, priority_by_age: false };
        if (nik.startsWith("98")) return { state: "invalid", code: "invalid_nik_province", digits: 16, priority_by_age: false };
        const yy = Number(nik.slice(10, 12));
        const age = 2026 - (yy > 26 ? 1900 + yy : 2000 + yy);
        return { state: "valid", digits: 16, birth_date: `${yy > 26 ? 19 : 20}${nik.slice(10, 12)}-${nik.slice(8, 10)}-${String(Number(nik.slice(6, 8)) % 40).padStart(2, "0")}`, age, priority_by_age: age >= 60 || age < 5, female: Number(nik.slice(6, 8)) > 40 };
      }
      case "list_applicants": online(); return state.applicants;
      case "add_applicant": {
        online();
        const r = args.request as { nik: string; name: string; birth_date: string; pregnant: boolean; disability: boolean; married: boolean };
        if (state.applicants.length >= 5) throw err("applicant_limit_reached");
        const age = 2026 - Number(r.birth_date.slice(0, 4));
        const a: ApplicantView = {
          id: `00000000-0000-4000-8000-00000000a00${state.applicants.length + 1}`, nik_masked: `${r.nik.slice(0, 4)}••••••••••${r.nik.slice(14)}`,
          name: r.name.toUpperCase(), birth_date: r.birth_date, age, pregnant: r.pregnant, disability: r.disability, married: r.married,
          priority_eligible: age >= 60 || age < 5 || r.pregnant || r.disability,
        };
        state.applicants.push(a);
        return a;
      }
      case "update_applicant": {
        online();
        const r = args.request as { nik: string; name: string; birth_date: string; pregnant: boolean; disability: boolean; married: boolean };
        const i = state.applicants.findIndex((a) => a.id === args.id);
        if (i < 0) throw err("not_found");
        const old = state.applicants[i]!;
        const masked = `${r.nik.slice(0, 4)}••••••••••${r.nik.slice(14)}`;
        const bound = state.bookings.some((b) => b.applicant.id === old.id && (b.status === "pending_payment" || b.status === "confirmed"));
        if (bound && (masked !== old.nik_masked || r.birth_date !== old.birth_date)) throw err("applicant_identity_locked");
        const age = 2026 - Number(r.birth_date.slice(0, 4));
        const a: ApplicantView = {
          ...old, nik_masked: masked, name: r.name.toUpperCase(), birth_date: r.birth_date, age, pregnant: r.pregnant, disability: r.disability,
          married: r.married, priority_eligible: age >= 60 || age < 5 || r.pregnant || r.disability,
        };
        state.applicants[i] = a;
        return a;
      }
      case "delete_applicant": online(); state.applicants = state.applicants.filter((a) => a.id !== args.id); return null;
      case "list_offices": online(); return OFFICES;
      case "search_availability": {
        online();
        return searchAround(args.params as Parameters<typeof searchAround>[0], slots);
      }
      case "office_calendar": {
        online();
        const o = OFFICES.find((x) => x.id === args.officeId)!;
        return { office_id: o.id, time_zone: o.time_zone, days: Array.from({ length: 42 }, (_, i) => day(addDays(TODAY, i))) };
      }
      case "day_slots": online(); return slots(String(args.officeId), String(args.date), String(args.lane ?? "regular"));
      case "fee_preview": {
        const r = args.request as { passport_kind: string; validity: string; application_kind: string; lane: string; age: number; married: boolean; electronic_offered: boolean };
        const child = r.age < 17;
        const base = r.passport_kind === "electronic" ? (r.validity === "ten_years" ? 950000 : 650000) : r.validity === "ten_years" ? 650000 : 350000;
        const item = `fee-${r.passport_kind}-${r.validity === "ten_years" ? "10y" : "5y"}`;
        const lines = [{ item, rupiah: base }];
        if (r.lane === "same_day") lines.push({ item: "fee-same-day", rupiah: 1000000 });
        return {
          lines,
          total: lines.reduce((s, l) => s + l.rupiah, 0),
          documents: child ? ["doc-parents-ektp", "doc-family-card", "doc-birth-certificate"] : ["doc-ektp", "doc-family-card", "doc-birth-or-marriage-or-diploma"],
          passport_kinds: r.electronic_offered ? ["ordinary", "electronic"] : ["ordinary"],
          validities: child && !r.married ? ["five_years"] : ["five_years", "ten_years"],
          parents_attend: child,
        };
      }
      case "create_booking": {
        online();
        const key = String(args.idempotencyKey);
        const existing = state.keys.get(key);
        if (existing) return state.bookings.find((b) => b.id === existing);
        const req = args.request as Record<string, string> & { slot_id: number; applicant_id: string };
        const slot = findSlot(Number(req.slot_id));
        if (!slot) throw err("slot_not_found");
        const b = bookingFor(req.applicant_id, slot, req);
        state.bookings.push(b);
        state.keys.set(key, b.id);
        return b;
      }
      case "list_bookings":
        return { bookings: state.bookings, fetched_at: "2026-11-16T03:00:00Z", offline: state.offline, pending: 0 };
      case "get_booking": {
        const b = state.bookings.find((x) => x.id === args.id);
        if (!b) throw err("not_found");
        return b;
      }
      case "reschedule_booking": {
        online();
        const b = state.bookings.find((x) => x.id === args.id)!;
        if (b.reschedules_left === 0) throw err("reschedule_limit_reached");
        const s = findSlot(Number(args.slotId))!;
        Object.assign(b, { slot_id: s.slot_id, date: s.date, session: s.session, starts_at: s.starts_at, ends_at: s.ends_at, reschedules_left: 0 });
        return withActions(b);
      }
      case "cancel_booking": {
        const b = state.bookings.find((x) => x.id === args.id)!;
        if (state.offline) {
          if (!state.queued.some((q) => q.booking_id === b.id)) state.queued.push({ idempotency_key: `k-${b.id}`, kind: "cancel", booking_id: b.id, applicant_name: b.applicant.name, made_at: "2026-11-16T03:00:00Z" });
          throw err("queued_offline");
        }
        b.status = "cancelled";
        return withActions(b);
      }
      case "notifications": return state.notifications;
      case "rate_visit": {
        online();
        const b = state.bookings.find((x) => x.id === args.id)!;
        if (!b.actions.rate_visit.allowed) throw err(b.actions.rate_visit.refused ?? "already_rated");
        feedback.ratings.push(args.request);
        b.actions.rate_visit = { allowed: false, refused: "already_rated" };
        return b;
      }
      case "report_integrity": {
        online();
        const req = args.request as { booking_id: string };
        const b = state.bookings.find((x) => x.id === req.booking_id)!;
        if (!b.actions.report_integrity.allowed) throw err("already_reported");
        feedback.reports.push(req);
        b.actions.report_integrity = { allowed: false, refused: "already_reported" };
        return b;
      }
      case "service_status": online(); return serviceStatus();
      case "special_reschedule": {
        online();
        const b = state.bookings.find((x) => x.id === args.id);
        if (!b) throw err("not_found");
        if (!b.actions.reschedule_special) throw err("not_stranded");
        // The earliest place kept for affected bookings: Bekasi's first session the day after.
        const s = slots("bekasi", addDays(b.date, 1), b.lane)[0]!;
        Object.assign(b, { slot_id: s.slot_id, date: s.date, session: s.session, starts_at: s.starts_at, ends_at: s.ends_at });
        delete b.disruption;
        return withActions(b);
      }
      case "export_ics": return { path: `/home/user/Downloads/antre-${String(args.id)}.ics` };
      case "save_slip": {
        // As antre-app-core proposes it: Downloads, a clear name, a free one for a second slip.
        if (state.saveDialogCancels) return null;
        const b = state.bookings.find((x) => x.id === args.id)!;
        const base = `/home/user/Downloads/${state.info.locale === "en" ? "antre-appointment" : "jadwal-antre"}-${b.date}`;
        let path = `${base}.pdf`;
        for (let n = 2; state.saved.includes(path); n++) path = `${base} (${n}).pdf`;
        state.saved.push(path);
        return { path };
      }
      case "open_saved_file": {
        if (!state.saved.includes(String(args.path))) throw err("storage", "not a file saved by this app");
        state.opened.push(String(args.path));
        return null;
      }
      case "confirm_attendance": {
        online();
        const b = state.bookings.find((x) => x.id === args.id)!;
        if (b.attendance) b.attendance = { ...b.attendance, confirmed: true };
        return withActions(b);
      }
      case "list_draws": online(); return state.draws;
      case "get_draw": {
        online();
        const d = state.draws.find((x) => x.id === args.id);
        if (!d) throw err("not_found");
        return d;
      }
      case "draw_office": {
        online();
        const mine = state.entries.filter((e) => e.draw_id === args.drawId && e.choices.some((c) => (c.kind === "office_day" ? c.office_id === args.officeId : c.office_ids.includes(String(args.officeId))))).length;
        return { draw_id: args.drawId, office_id: args.officeId, entries: 3411 + mine, places: 213 };
      }
      case "check_draw": {
        online();
        const d = state.draws.find((x) => x.id === args.id)!;
        if (d.status !== "drawn") throw err("draw_not_drawn");
        return {
          draw_id: d.id, commitment: d.commitment, seed: d.seed, seed_matches_commitment: true, commitment_as_seen_before: true, order_verified: true, entries: d.entries,
          mine: state.entries.filter((e) => e.draw_id === d.id).map((e) => ({ entry_id: e.id, applicant_name: e.applicant.name, digest: e.digest, salt: e.salt, digest_matches: true, position: e.position })),
          result_url: `http://127.0.0.1:8080/v1/draws/${d.id}/result`,
        };
      }
      case "save_draw_result": return { path: `/home/user/Downloads/antre-draw-${String(args.id)}.json` };
      case "enter_draw": {
        online();
        const d = state.draws.find((x) => x.id === args.drawId);
        if (!d?.accepting_entries) throw err("draw_not_open");
        const r = args.request as Omit<EntryView, "id">;
        if (r.choices.length === 0 || r.choices.length > 3) throw err("invalid_request");
        const a = state.applicants.find((x) => x.id === args.applicantId);
        if (!a) throw err("not_found");
        const old = state.entries.find((e) => e.draw_id === d.id && e.applicant.id === a.id);
        if (old) {
          Object.assign(old, { lane: r.lane, passport_kind: r.passport_kind, validity: r.validity, application_kind: r.application_kind, choices: r.choices, updated_at: "2026-11-16T01:00:00Z" });
          return old;
        }
        const n = state.entries.length + 1;
        const e: EntryView = {
          id: `00000000-0000-4000-8000-0000000e${String(n).padStart(4, "0")}`, draw_id: d.id, release_at: d.release_at,
          applicant: { id: a.id, name: a.name, nik_masked: a.nik_masked }, lane: r.lane, passport_kind: r.passport_kind, validity: r.validity,
          application_kind: r.application_kind, choices: r.choices, digest: hex(`entry${n}`), salt: hex(`salt${n}`).slice(0, 32), outcome: "pending",
          created_at: "2026-11-16T01:00:00Z", updated_at: "2026-11-16T01:00:00Z",
        };
        state.entries.push(e);
        return e;
      }
      case "withdraw_entry": {
        online();
        const before = state.entries.length;
        state.entries = state.entries.filter((e) => !(e.draw_id === args.drawId && e.applicant.id === args.applicantId));
        if (state.entries.length === before) throw err("not_found");
        return null;
      }
      case "fair_release":
        return { entries: state.entries, waitlist: state.waitlist, fetched_at: "2026-11-16T01:00:00Z", offline: state.offline };
      case "join_waitlist": {
        online();
        const r = args.request as { applicant_id: string; lane: WaitlistView["lane"]; office_ids: string[]; from: string; to: string };
        if (state.waitlist.some((w) => w.applicant.id === r.applicant_id && (w.status === "waiting" || w.status === "offered"))) throw err("already_waitlisted");
        const w = waitingFor(r.applicant_id, r.lane, r.office_ids, r.from, r.to);
        w.ahead = 0;
        state.waitlist.push(w);
        return w;
      }
      case "leave_waitlist": {
        online();
        const w = state.waitlist.find((x) => x.id === args.id && (x.status === "waiting" || x.status === "offered"));
        if (!w) throw err("not_found");
        w.status = "left";
        delete w.offer;
        return null;
      }
      case "accept_offer": {
        online();
        const w = state.waitlist.find((x) => x.offer?.id === args.id);
        if (!w) throw err("offer_not_open");
        const b = bookingFor(w.applicant.id, w.offer!.slot, { passport_kind: w.passport_kind, validity: w.validity, application_kind: w.application_kind }, "waitlist");
        state.bookings.push(b);
        w.status = "booked";
        delete w.offer;
        return b;
      }
      case "decline_offer": {
        online();
        const w = state.waitlist.find((x) => x.offer?.id === args.id);
        if (!w) throw err("not_found");
        w.status = "waiting";
        delete w.offer;
        return null;
      }
      case "write_queue": return { online: !state.offline, queued: state.queued, refused: state.refused };
      case "send_queued_writes":
        if (!state.offline) {
          for (const q of state.queued) {
            const b = state.bookings.find((x) => x.id === q.booking_id);
            if (b) Object.assign(b, withActions({ ...b, status: "cancelled" }));
          }
          state.queued = [];
        }
        return { online: !state.offline, queued: state.queued, refused: state.refused };
      case "dismiss_refused_write":
        state.refused = state.refused.filter((r) => r.idempotency_key !== args.key);
        return { online: !state.offline, queued: state.queued, refused: state.refused };
      case "release_reminders": return state.releaseReminders;
      case "remind_at_release": {
        const office = OFFICES.find((o) => o.id === args.officeId)!;
        state.releaseReminders.push({ office_id: office.id, office_name: office.name, time_zone: office.time_zone, release_at: String(args.releaseAt), first: String(args.first), last: String(args.last) });
        return state.releaseReminders;
      }
      case "office_feedback": {
        online();
        const role = state.account.role;
        const own = (role === "staff" || role === "head") && state.account.office_id === args.officeId;
        if (!own && role !== "admin") throw err(role === "staff" || role === "head" ? "wrong_office" : "forbidden");
        return officeFeedback(String(args.officeId), String(args.from), String(args.to), args.period === "month" ? "month" : "week", role === "admin");
      }
      case "desk_day": {
        online();
        if (state.account.role !== "staff" && state.account.role !== "head") throw err("forbidden");
        const lanes = (["regular", "priority"] as const)
          .map((lane) => {
            const entries = desk.entries.filter((e) => e.lane === lane);
            const hours: { hour: string; entries: typeof entries }[] = [];
            for (const e of entries) {
              const hour = `${e.session.slice(0, 2)}:00`;
              const last = hours[hours.length - 1];
              if (last && last.hour === hour) last.entries.push(e);
              else hours.push({ hour, entries: [e] });
            }
            return { lane, capacity: lane === "regular" ? 40 : 2, taken: entries.length, arrived: entries.filter((e) => e.arrival === "arrived").length, expected: entries.filter((e) => e.arrival === "expected").length, hours };
          })
          .filter((l) => l.hours.length > 0 || l.lane === "regular");
        return { office_id: String(args.officeId), date: String(args.date ?? "2026-11-16"), time_zone: "Asia/Jakarta", lanes };
      }
      case "desk_check_in": {
        online();
        const proof = String(args.proof);
        if (proof === DESK_PROOF_OTHER_DAY) throw err("proof_other_day", "Bukti ini untuk tanggal 17 November 2026, bukan hari ini.");
        if (proof !== DESK_PROOF && proof !== opts.deskProof) throw err("invalid_proof", "Kode ini bukan bukti pemesanan Antre.");
        if (args.nik && args.nik !== DESK_NIK) throw err("proof_other_person", "NIK pada e-KTP tidak sesuai dengan bukti ini: bukti ini milik orang lain.");
        const e = desk.entries.find((x) => x.booking_id === "b-1")!;
        if (e.arrival === "arrived") throw err("already_checked_in", "Sudah tercatat datang.");
        desk.numbers.regular! += 1;
        Object.assign(e, { arrival: "arrived", status: "checked_in", queue_number: desk.numbers.regular });
        return e;
      }
      case "walk_in": {
        online();
        const key = String(args.idempotencyKey);
        if (desk.walkInKeys.has(key)) return desk.walkInKeys.get(key);
        const r = args.request as { name: string; nik: string; reason: string; beyond_quota: boolean };
        const used = desk.entries.filter((x) => x.lane === "priority").length;
        if (used >= 2 && !r.beyond_quota) throw err("priority_quota_full", "Kuota prioritas hari ini sudah habis.");
        desk.numbers.priority! += 1;
        const e = { ...deskEntry(`w-${desk.numbers.priority}`, r.name.toUpperCase(), `${r.nik.slice(0, 4)}••••••••${r.nik.slice(12)}`, "08:00", "unpaid", "priority", desk.numbers.priority), source: "walk_in", walk_in_reason: r.reason, beyond_quota: used >= 2 };
        desk.entries.push(e as ReturnType<typeof deskEntry>);
        desk.walkInKeys.set(key, e);
        return e;
      }
      case "create_event_site": {
        online();
        if (state.account.role !== "head") throw err("forbidden");
        const r = args.request as { name: string; lat: number; lon: number; date: string; starts: string; ends: string; capacity: number; release_at?: string };
        return { id: "00000000-0000-4000-8000-0000000e0001", office_id: String(args.officeId), name: r.name, lat: r.lat, lon: r.lon, date: r.date,
          code: "EV-7K2MQ4PA", slot_id: 9001, session: `${r.starts}-${r.ends} EV-7K2MQ4PA`, starts_at: `${r.date}T01:00:00Z`, ends_at: `${r.date}T09:00:00Z`,
          capacity: r.capacity, released_at: r.release_at ?? "2026-11-16T01:00:00Z" };
      }
      case "list_drives": online(); return drives.map((d) => d.drive);
      case "create_drive": {
        online();
        if (state.account.role !== "outreach") throw err("not_outreach_officer");
        const r = args.request as { kind: string; name: string; place: unknown; date: string; starts: string; ends: string; capacity: number; leader: unknown };
        const id = `00000000-0000-4000-8000-00000000d${String(drives.length + 1).padStart(3, "0")}`;
        const drive = { id, code: `KODE${drives.length + 1}AB`, office_id: "bekasi", kind: r.kind, name: r.name, place: r.place, date: r.date,
          starts_at: `${r.date}T01:00:00Z`, ends_at: `${r.date}T05:00:00Z`, time_zone: "Asia/Jakarta", capacity: r.capacity, registered: 0,
          leader: r.leader, created_by: "or1", created_at: "2026-11-16T01:00:00Z" };
        drives.push({ drive, members: [], sent: new Map() });
        return drive;
      }
      case "get_drive": {
        online();
        const d = drives.find((x) => x.drive.id === args.id);
        if (!d) throw err("drive_not_found");
        return { drive: d.drive, members: d.members.map(view) };
      }
      // Members captured on the device (the Rust side seals them), sent when "online".
      case "capture_member": {
        const d = drives.find((x) => x.drive.id === args.id)!;
        const r = args.request as Parameters<typeof member>[1];
        const mine = captured.filter((c) => c.drive_id === d.drive.id);
        let c = mine.find((x) => x.member_id === r.member_id);
        if (!c || c.decided_on_device) {
          const nik = r.nik.trim();
          const bad = !/^[0-9]{16}$/.test(nik);
          // As the device does: a NIK already waiting or registered here, or on the drive's
          // roster, is refused at once (the message rendered on the device, naming the member).
          const earlier = mine.find((x) => x.member_id !== r.member_id && (x.outcome === null || x.outcome === "registered") && x.input.nik.trim() === nik);
          const listed = d.members.find((x) => x.nik === nik);
          const who = earlier ?? (listed && { name: listed.name as string, nik_masked: listed.nik_masked as string });
          if (!bad && who) {
            throw err("already_captured", `${who.name} (${who.nik_masked}) sudah terdaftar di kegiatan ini: sudah dicatat di perangkat ini atau sudah terdaftar. NIK ini tidak dicatat lagi.`, { field: "nik" });
          }
          captured.splice(captured.findIndex((x) => x === c) >>> 0, c ? 1 : 0);
          c = {
            drive_id: d.drive.id, member_id: r.member_id, name: r.name.trim().toUpperCase(),
            nik_masked: bad ? "•".repeat(nik.length) : `${nik.slice(0, 4)}••••••••${nik.slice(12)}`,
            captured_at: "2026-11-16T01:00:00Z", outcome: bad ? "invalid" : null, decided_on_device: bad,
            errors: bad ? [{ field: "nik", code: "invalid_nik_length", message: "NIK harus 16 angka." }] : [], input: r,
          };
          captured.push(c);
        }
        sendCaptured(d);
        const status = captureStatus(d);
        return { member: status.members.find((m) => m.member_id === r.member_id), status };
      }
      case "capture_status": return captureStatus(drives.find((x) => x.drive.id === args.id)!);
      case "sync_captures": {
        const d = drives.find((x) => x.drive.id === args.id)!;
        sendCaptured(d);
        return captureStatus(d);
      }
      case "discard_capture": {
        const d = drives.find((x) => x.drive.id === args.id)!;
        const i = captured.findIndex((c) => c.member_id === args.memberId && c.decided_on_device);
        if (i >= 0) captured.splice(i, 1);
        return captureStatus(d);
      }
      case "save_drive_print": return { path: `/home/user/Downloads/antre-drive-${String(args.id).slice(-4)}-${String(args.print)}.pdf` };
      case "add_members": {
        online();
        const d = drives.find((x) => x.drive.id === args.id)!;
        const results = (args.request as { members: Parameters<typeof member>[1][] }).members.map((m) => {
          const again = d.sent.get(m.member_id);
          if (again) return { member_id: m.member_id, outcome: "registered", member: view(again), errors: [] };
          if (!/^[0-9]{16}$/.test(m.nik)) return { member_id: m.member_id, outcome: "invalid", errors: [{ field: "nik", code: "invalid_nik_length", message: "NIK harus 16 angka." }] };
          if (d.members.some((x) => x.nik === m.nik)) return { member_id: m.member_id, outcome: "duplicate_nik", errors: [] };
          if (d.drive.kind === "hajj" && m.name.trim().split(/\s+/).length < 3) return { member_id: m.member_id, outcome: "invalid", errors: [{ field: "name", code: "hajj_name_too_short", message: "Nama untuk paspor haji paling sedikit tiga kata." }] };
          if (d.drive.registered >= d.drive.capacity) return { member_id: m.member_id, outcome: "drive_full", errors: [] };
          const added = member(d, m);
          d.members.push(added);
          d.sent.set(m.member_id, added);
          d.drive.registered += 1;
          return { member_id: m.member_id, outcome: "registered", member: view(added), errors: [] };
        });
        return { results, registered: results.filter((r) => r.outcome === "registered").length, remaining: d.drive.capacity - d.drive.registered };
      }
      case "import_members": {
        online();
        const d = drives.find((x) => x.drive.id === args.id)!;
        const lines = String(args.file).replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim());
        const rows = lines.slice(1).map((l, i) => ({ row: i + 2, cells: l.split(/[;,]/) }));
        const bad = rows.filter((r) => !/^[0-9]{16}$/.test((r.cells[2] ?? "").replace(/^'/, "")));
        if (bad.length > 0) {
          return { rejected: { code: "csv_rows_invalid", message: `${bad.length} baris perlu diperbaiki. Tidak ada yang didaftarkan.`, rows: bad.map((r) => ({ row: r.row, errors: [{ field: "nik", code: "invalid_nik_length", message: "NIK harus 16 angka." }] })) } };
        }
        const added = rows.map((r) => {
          const m = member(d, { member_id: `import:${r.row}`, name: r.cells[0]!, birth_date: r.cells[1]!, nik: r.cells[2]!.replace(/^'/, ""), application_kind: "new" });
          d.members.push(m);
          return view(m);
        });
        d.drive.registered += added.length;
        return { imported: { registered: added.length, members: added, remaining: d.drive.capacity - d.drive.registered } };
      }
      case "export_members": return { path: `/home/user/Downloads/antre-drive-${String(args.id)}.csv` };
      case "hajj_check": {
        online();
        const d = drives.find((x) => x.drive.id === args.id)!;
        if (d.drive.kind !== "hajj") throw err("not_hajj_drive");
        const first = d.members[0] as { id: string; name: string; birth_date: string; nik_masked: string } | undefined;
        return { checked: { matched: Math.max(0, d.members.length - 1), members: d.members.length, pilgrims: d.members.length,
          mismatches: first ? [{ kind: "name_differs", member: { id: first.id, name: first.name, birth_date: first.birth_date, nik_masked: first.nik_masked }, pilgrim: { row: 2, name: `${first.name}X`, birth_date: first.birth_date, portion_number: "0100123456" } }] : [] } };
      }
      case "no_show_sweep": {
        online();
        const n = desk.entries.filter((x) => x.arrival === "expected").length;
        for (const e of desk.entries) if (e.arrival === "expected") Object.assign(e, { arrival: "no_show", status: "no_show" });
        return { marked_no_show: n };
      }
      case "proof_qr":
        return { svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><rect width="21" height="21" fill="#fff"/><rect x="1" y="1" width="7" height="7"/></svg>', verified: true };
      default:
        throw err("internal", `unknown command ${cmd}`);
    }
  }

  /** The payment arrives (the bank's callback on the server): confirmed, with its QR proof. */
  function pay(id: string): BookingView {
    const b = state.bookings.find((x) => x.id === id)!;
    Object.assign(b, withActions({ ...b, status: "confirmed", proof: "antre1.eyJib29raW5nX2lkIjoiMSJ9.c2ln", payments: [{ amount: b.fee_total, received_at: "2026-11-16T03:30:00Z", outcome: "applied" }] }));
    return b;
  }

  /** A confirmed booking for a priority applicant tomorrow (with its QR proof). */
  function bookTomorrow(): BookingView {
    const a: ApplicantView = {
      id: "00000000-0000-4000-8000-00000000a0f1", nik_masked: "3275••••••••••01", name: "SITI AMINAH", birth_date: "1961-03-15", age: 65,
      pregnant: false, disability: false, married: true, priority_eligible: true,
    };
    if (!state.applicants.some((x) => x.id === a.id)) state.applicants.push(a);
    const b = bookingFor(a.id, slots("bekasi", addDays(TODAY, 1), "priority")[0]!, { passport_kind: "ordinary", validity: "five_years", application_kind: "new" });
    state.bookings.push(b);
    return pay(b.id);
  }
  if (opts.ended) bookTomorrow();

  return { state, handle, TODAY, runDraw, offerPlace, bookTomorrow, pay };
}

/** An office's results in the fake (issue 11): nine rated visits at Bekasi over three weeks and
 * two months, none elsewhere, grouped per week (Monday) or calendar month as the server does,
 * and two integrity reports; like the server, only an admin is told who filed the one that was
 * not anonymous (the page must show no reporter to anyone). */
export const FEEDBACK_REPORTER = "acc-0000-reporter";
const FEEDBACK_VISITS: { day: string; rating: number; comment?: string }[] = [
  { day: "2026-10-20", rating: 3 },
  { day: "2026-10-21", rating: 4 },
  { day: "2026-10-22", rating: 5, comment: "Cepat dan ramah" },
  { day: "2026-10-23", rating: 5 },
  { day: "2026-11-02", rating: 1 },
  { day: "2026-11-03", rating: 5 },
  { day: "2026-11-10", rating: 4 },
  { day: "2026-11-11", rating: 5, comment: "Antrean tertib" },
  { day: "2026-11-12", rating: 5 },
];
function periodStart(day: string, by: "week" | "month"): string {
  if (by === "month") return `${day.slice(0, 7)}-01`;
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCDate(d - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}
function officeFeedback(officeId: string, from: string, to: string, period: "week" | "month", admin: boolean) {
  const bekasi = officeId === "bekasi";
  const groups = new Map<string, { start: string; count: number; average: number; counts: number[]; comments: string[] }>();
  for (const v of bekasi ? FEEDBACK_VISITS.filter((v) => v.day >= from && v.day <= to) : []) {
    const start = periodStart(v.day, period);
    const g = groups.get(start) ?? { start, count: 0, average: 0, counts: [0, 0, 0, 0, 0], comments: [] };
    g.count += 1;
    g.counts[v.rating - 1]! += 1;
    if (v.comment) g.comments.push(v.comment);
    groups.set(start, g);
  }
  const ratings = [...groups.values()]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((g) => ({ ...g, average: Math.round((g.counts.reduce((s, c, i) => s + c * (i + 1), 0) / g.count) * 100) / 100 }));
  const reports = bekasi
    ? [
        { id: "r-1", day: "2026-11-03", asked_to_pay: true, amount: 500000, place: "parkiran", occurred_at: "2026-11-03T02:30:00Z", description: "Ditawari jalur cepat oleh orang di parkiran.", anonymous: true },
        { id: "r-2", day: "2026-11-10", asked_to_pay: false, place: "loket 3", description: "Petugas meminta fotokopi tambahan.", anonymous: false, ...(admin ? { reporter: FEEDBACK_REPORTER } : {}) },
      ].filter((r) => r.day >= from && r.day <= to)
    : [];
  return { office_id: officeId, from, to, period, ratings, reports, asked_to_pay: reports.filter((r) => r.asked_to_pay).length };
}
