// An in-memory stand-in for the Rust side, answering the same commands with the same types.
// Used by the Vitest unit tests (through mockIPC) and, bundled, by the Chromium page tests.
import type { AppInfo, ApplicantView, BookingView, OfficeSummary, SlotView } from "../src/ipc";
import type { DayAvailability } from "../src/generated/DayAvailability";

type Args = Record<string, unknown>;
export type FakeOptions = { offline?: boolean; signedIn?: boolean; locale?: "id" | "en"; keyring?: boolean };

const office = (id: string, name: string, city: string, province: string, lat: number, lon: number, tz: string, zone: "WIB" | "WITA" | "WIT", km: number): OfficeSummary => ({
  id, name, class: "I", city, province, time_zone: tz, zone, lat, lon, coord_precision: "city",
  services: { regular: true, same_day: true, electronic: true }, distance_km: km,
});

export const OFFICES: OfficeSummary[] = [
  office("bekasi", "Kantor Imigrasi Kelas I Non TPI Bekasi", "Bekasi", "Jawa Barat", -6.2383, 106.9756, "Asia/Jakarta", "WIB", 0),
  office("jakarta-selatan", "Kantor Imigrasi Kelas I Khusus Jakarta Selatan", "Jakarta Selatan", "DKI Jakarta", -6.26, 106.81, "Asia/Jakarta", "WIB", 18.4),
  office("makassar", "Kantor Imigrasi Kelas I TPI Makassar", "Makassar", "Sulawesi Selatan", -5.14, 119.42, "Asia/Makassar", "WITA", 1400),
];

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
const TODAY = "2026-11-16"; // a Monday
const err = (code: string, message = code) => ({ code, message });

export function createFakeBackend(opts: FakeOptions = {}) {
  const state = {
    offline: opts.offline ?? false,
    signedIn: opts.signedIn ?? false,
    info: {
      version: "0.1.0",
      server_url: "http://127.0.0.1:8080",
      locale: opts.locale ?? "id",
      settings: { locale: null, large_text: false },
      keyring_available: opts.keyring ?? true,
      platform: "desktop",
    } as AppInfo,
    applicants: [] as ApplicantView[],
    bookings: [] as BookingView[],
    keys: new Map<string, string>(),
    calls: [] as { cmd: string; args: Args }[],
  };
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
    return {
      date, service_day: service, released_at: service ? "2026-11-13T07:00:00Z" : undefined,
      lanes: service ? (["regular", "same_day", "priority"] as const).map((lane) => ({ lane, capacity: 50, remaining: full ? 0 : 17 })) : [],
    };
  }

  function bookingFor(applicantId: string, slot: SlotView, req: Record<string, string>): BookingView {
    const a = state.applicants.find((x) => x.id === applicantId)!;
    const o = OFFICES.find((x) => x.id === slot.office_id)!;
    const n = state.bookings.length + 1;
    return {
      id: `00000000-0000-4000-8000-00000000b00${n}`, status: "confirmed",
      applicant: { id: a.id, name: a.name, nik_masked: a.nik_masked }, office: o,
      slot_id: slot.slot_id, date: slot.date, session: slot.session, starts_at: slot.starts_at, ends_at: slot.ends_at,
      lane: slot.lane, passport_kind: req.passport_kind as BookingView["passport_kind"], validity: req.validity as BookingView["validity"],
      application_kind: req.application_kind as BookingView["application_kind"],
      fee_lines: [{ item: "fee-ordinary-5y", rupiah: 350000 }], fee_total: 350000,
      billing_code: `8202611${String(n).padStart(8, "0")}`, payment_deadline: "2026-11-16T05:00:00Z",
      documents: ["doc-ektp", "doc-family-card", "doc-birth-or-marriage-or-diploma"], reschedules_left: 1,
      proof: "antre1.eyJib29raW5nX2lkIjoiMSJ9.c2ln", created_at: "2026-11-16T03:00:00Z", payments: [], refund_due: 0, source: "direct",
    };
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

  async function handle(cmd: string, args: Args = {}): Promise<unknown> {
    state.calls.push({ cmd, args });
    switch (cmd) {
      case "app_info": return state.info;
      case "set_locale":
        state.info = { ...state.info, locale: (args.locale as "id" | "en") ?? "id", settings: { ...state.info.settings, locale: (args.locale as "id" | "en" | null) ?? null } };
        return state.info;
      case "set_large_text":
        state.info = { ...state.info, settings: { ...state.info.settings, large_text: Boolean(args.enabled) } };
        return state.info;
      case "ping": return !state.offline;
      case "server_clock": return { offset_ms: 0, synced: !state.offline };
      case "restore_session":
        return state.signedIn ? { account: { id: "a1", email: "ani@example.id", phone: "+6281234567890", role: "applicant" }, expires_at: "2026-12-01T00:00:00Z", persisted: state.info.keyring_available } : null;
      case "register": online(); return { account_id: "a1", verification_sent: true };
      case "verify": online(); if ((args.request as { code: string }).code !== "123456") throw err("invalid_verification_code"); return null;
      case "login": {
        online();
        const r = args.request as { password: string };
        if (r.password !== "Passpor2026!") throw err("invalid_credentials");
        state.signedIn = true;
        return handle("restore_session");
      }
      case "logout": state.signedIn = false; return null;
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
      case "delete_applicant": online(); state.applicants = state.applicants.filter((a) => a.id !== args.id); return null;
      case "list_offices": online(); return OFFICES;
      case "search_availability": {
        online();
        const p = args.params as { lane: string; from: string };
        return OFFICES.slice(0, 2).map((o, i) => {
          const date = addDays(TODAY, 1 + i);
          const first = slots(o.id, date, p.lane)[0]!;
          return { office: o, date, remaining: 17, first_slot: first };
        });
      }
      case "office_calendar": {
        online();
        const o = OFFICES.find((x) => x.id === args.officeId)!;
        return { office_id: o.id, time_zone: o.time_zone, days: Array.from({ length: 42 }, (_, i) => day(addDays(TODAY, i))) };
      }
      case "day_slots": online(); return slots(String(args.officeId), String(args.date), String(args.lane ?? "regular"));
      case "fee_preview": {
        const r = args.request as { passport_kind: string; validity: string; application_kind: string; lane: string };
        const base = r.passport_kind === "electronic" ? (r.validity === "ten_years" ? 950000 : 650000) : r.validity === "ten_years" ? 650000 : 350000;
        const item = `fee-${r.passport_kind}-${r.validity === "ten_years" ? "10y" : "5y"}`;
        const lines = [{ item, rupiah: base }];
        if (r.lane === "same_day") lines.push({ item: "fee-same-day", rupiah: 1000000 });
        return { lines, total: lines.reduce((s, l) => s + l.rupiah, 0), documents: ["doc-ektp", "doc-family-card", "doc-birth-or-marriage-or-diploma"] };
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
        return b;
      }
      case "cancel_booking": {
        online();
        const b = state.bookings.find((x) => x.id === args.id)!;
        b.status = "cancelled";
        return b;
      }
      case "export_ics": return { path: `/home/user/Downloads/antre-${String(args.id)}.ics` };
      case "save_slip": return { path: `/home/user/Downloads/antre-${String(args.id)}.html` };
      case "proof_qr":
        return { svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><rect width="21" height="21" fill="#fff"/><rect x="1" y="1" width="7" height="7"/></svg>', verified: true };
      default:
        throw err("internal", `unknown command ${cmd}`);
    }
  }

  return { state, handle, TODAY };
}
