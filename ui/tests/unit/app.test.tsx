import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { App } from "../../src/app";
import { setLocale } from "../../src/i18n";
import { api, type AppInfo, type BookingView } from "../../src/ipc";
import { describeError, errorMessageId } from "../../src/lib/errors";
import { nikMessage } from "../../src/pages/applicants";
import { splitBookings } from "../../src/pages/bookings";
import { citiesOf, lanesFor } from "../../src/pages/find";
import { dayState, releasesInView } from "../../src/pages/office";
import { areaLabel, OfficeDetails } from "../../src/pages/office-details";
import { createFakeBackend, OFFICES } from "../fake-backend";

let fake: ReturnType<typeof createFakeBackend>;
beforeEach(() => {
  fake = createFakeBackend();
  mockIPC((cmd, args) => fake.handle(cmd, args as Record<string, unknown>));
  setLocale("id");
});
afterEach(() => clearMocks());

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
async function settle(n = 5) {
  for (let i = 0; i < n; i++) await act(tick);
}

describe("IPC wrapper", () => {
  it("passes camelCase arguments and returns typed results", async () => {
    const check = await api.checkNik("3275", null);
    expect(check.state).toBe("incomplete");
    expect(fake.state.calls.at(-1)).toEqual({ cmd: "check_nik", args: { nik: "3275", birthDate: null } });
  });
  it("rejects with the Rust error body", async () => {
    await expect(api.login({ email: "a@b.id", password: "x" })).rejects.toEqual({ code: "invalid_credentials", message: "invalid_credentials" });
  });
  it("keeps the idempotency key so a retry returns the same booking", async () => {
    fake.state.applicants.push({ id: "p1", nik_masked: "x", name: "A", birth_date: "1960-01-01", age: 66, pregnant: false, disability: false, married: false, priority_eligible: true });
    const slots = await api.daySlots("bekasi", "2026-11-17", "priority");
    const req = { applicant_id: "p1", slot_id: slots[0]!.slot_id, passport_kind: "ordinary", validity: "five_years", application_kind: "new" } as const;
    const a = await api.createBooking(req, "key-1");
    const b = await api.createBooking(req, "key-1");
    expect(b.id).toBe(a.id);
    expect(fake.state.bookings).toHaveLength(1);
  });
});

describe("error messages", () => {
  it("maps server codes to error-* and app codes to app-error-*", () => {
    expect(errorMessageId("slot_full")).toBe("error-slot-full");
    expect(errorMessageId("network")).toBe("app-error-network");
    expect(describeError({ code: "slot_full", message: "x" })).toContain("kuota");
    expect(describeError({ code: "something_new", message: "Server says so" })).toBe("Server says so");
    setLocale("en");
    expect(describeError({ code: "network", message: "" })).toContain("cannot be reached");
  });
});

describe("page logic", () => {
  it("explains each NIK fault as it is typed", () => {
    expect(nikMessage({ state: "incomplete", digits: 7, priority_by_age: false })?.text).toBe("7 dari 16 angka");
    const bad = nikMessage({ state: "invalid", code: "invalid_nik_province", digits: 2, priority_by_age: false });
    expect(bad?.invalid).toBe(true);
    expect(bad?.text).toContain("provinsi");
    expect(nikMessage({ state: "valid", digits: 16, age: 65, priority_by_age: true })?.text).toContain("prioritas");
  });
  it("offers the priority lane only to the eligible", () => {
    expect(lanesFor(undefined)).not.toContain("priority");
    expect(lanesFor({ priority_eligible: true } as never)[0]).toBe("priority");
    expect(citiesOf(OFFICES).map((c) => c.name)).toEqual(["Bandung", "Bekasi", "Jakarta Selatan", "Jakarta Timur", "Jayapura", "Makassar", "Semarang", "Serang"]);
  });
  it("tells open, full and closed days apart", () => {
    const now = new Date("2026-11-16T00:00:00Z");
    const day = { date: "2026-11-17", service_day: true, released_at: "2026-11-13T07:00:00Z", lanes: [{ lane: "priority" as const, capacity: 5, remaining: 2 }] };
    expect(dayState(day, "priority", now)).toEqual({ state: "open", remaining: 2 });
    expect(dayState(day, "regular", now).state).toBe("full");
    expect(dayState({ ...day, service_day: false }, "priority", now).state).toBe("closed");
    expect(dayState({ ...day, released_at: "2026-12-01T00:00:00Z" }, "priority", now).state).toBe("not_released");
  });
  it("splits upcoming bookings from past ones", () => {
    const b = { status: "confirmed", reschedules_left: 1, date: "2026-11-24", starts_at: "2026-11-24T02:00:00Z", ends_at: "2026-11-24T04:00:00Z", office: { time_zone: "Asia/Jakarta" } } as BookingView;
    const { upcoming, past } = splitBookings([b, { ...b, status: "cancelled" }], new Date("2026-11-20T00:00:00Z"));
    expect([upcoming.length, past.length]).toEqual([1, 1]);
  });
});

describe("near me", () => {
  const bekasi = { lat: -6.2383, lon: 106.9756 };
  const search = (extra: Record<string, unknown> = {}) => api.search({ ...bekasi, from: "2026-11-17", to: "2026-12-16", lane: "regular", ...extra });

  it("names each search area and its widening step", () => {
    expect(areaLabel({ scope: "radius", radius_km: 50 })).toBe("dalam 50 km dari lokasi Anda");
    expect(areaLabel({ scope: "province", province: "Jawa Barat" })).toBe("di Provinsi Jawa Barat dan dalam 250 km");
    expect(areaLabel({ scope: "island", island: "bali_nusa_tenggara" })).toBe("di Bali dan Nusa Tenggara dan dalam 250 km");
    expect(areaLabel({ scope: "nationwide" })).toBe("di seluruh Indonesia");
    setLocale("en");
    expect(areaLabel({ scope: "island", island: "java" })).toBe("on Java and within 250 km");
  });

  it("the fake ranks the offices around the point by earliest day, then distance, and widens step by step", async () => {
    // Bekasi's own office is full until Friday: Jakarta, next door, comes first; Jayapura not at all.
    const near = await search();
    expect(near.area).toEqual({ scope: "radius", radius_km: 50 });
    expect(near.hits.map((h) => h.office.id)).toEqual(["jakarta-timur", "jakarta-selatan", "bekasi"]);
    expect(near.hits.map((h) => Math.round(h.office.distance_km!))).toEqual([8, 19, 0]);
    expect(near.wider).toEqual({ scope: "radius", radius_km: 100 });
    const steps = [near.wider!];
    let result = near;
    while (result.wider) {
      result = await search({ scope: result.wider.scope, radius_km: result.wider.radius_km });
      if (result.wider) steps.push(result.wider);
    }
    // No Jawa Barat office lies beyond 250 km of Bekasi: the province step is skipped.
    expect(steps).toEqual([{ scope: "radius", radius_km: 100 }, { scope: "radius", radius_km: 250 }, { scope: "island", island: "java" }, { scope: "nationwide" }]);
    expect(result.hits.map((h) => h.office.id)).toEqual(["jakarta-timur", "jakarta-selatan", "bandung", "jayapura", "serang", "semarang", "makassar", "bekasi"]);
    // From Jayapura, the nearest is Jayapura.
    const papua = await api.search({ lat: -2.55, lon: 140.7, from: "2026-11-17", to: "2026-12-16", lane: "regular" });
    expect(papua.hits.map((h) => h.office.id)).toEqual(["jayapura"]);
    await expect(search({ radius_km: 400 })).rejects.toMatchObject({ code: "invalid_search_area" });
  });

  it("says when the quota of the days not yet open opens, in the office's zone", async () => {
    const cal = await api.officeCalendar("bekasi", "2026-11-16", "2026-12-27");
    const now = new Date("2026-11-16T01:00:00Z");
    const weeks = releasesInView(cal, "regular", now);
    expect(weeks.map((w) => [w.first, w.last, w.release])).toEqual([
      ["2026-12-07", "2026-12-11", "2026-12-04T07:00:00Z"],
      ["2026-12-14", "2026-12-18", "2026-12-11T07:00:00Z"],
      ["2026-12-21", "2026-12-25", "2026-12-18T07:00:00Z"],
    ]);
    // A day already open is not listed; once the release instant passes, the week is open.
    expect(releasesInView(cal, "regular", new Date("2026-12-04T07:00:00Z"))[0]!.first).toBe("2026-12-14");
  });

  it("shows an office's details and says what is not verified", async () => {
    const root = document.createElement("div");
    document.body.append(root);
    const withPhone = { ...OFFICES[0]!, phone: "(021) 000 0000", opening_hours: "Senin–Jumat 08.00–16.00", coord_precision: "office" };
    render(<OfficeDetails office={withPhone} directionsUrl="https://www.openstreetmap.org/directions?route=1%2C2%3B3%2C4" />, root);
    expect(root.querySelector("[data-testid=office-address]")?.textContent).toContain("Jl. Perjuangan");
    expect(root.querySelector("[data-testid=office-phone] a")?.getAttribute("href")).toBe("tel:0210000000");
    expect(root.querySelector("[data-testid=office-map]")?.getAttribute("href")).toBe(OFFICES[0]!.map_url);
    expect(root.querySelector("[data-testid=office-directions]")).not.toBeNull();
    expect(root.textContent).not.toContain("pusat kota");
    render(<OfficeDetails office={OFFICES[2]!} />, root);
    expect(root.querySelector("[data-testid=office-address]")?.textContent).toBe("Alamat belum terverifikasi. Periksa laman resmi kantor sebelum berangkat.");
    expect(root.querySelector("[data-testid=office-phone]")?.textContent).toBe("Belum terverifikasi.");
    expect(root.querySelector("[data-testid=office-directions]")).toBeNull();
    expect(root.textContent).toContain("pusat kota");
    render(null, root);
  });
});

describe("the app shell", () => {
  const info = (): AppInfo => fake.state.info;
  it("asks to sign in, then shows the search with the menu", async () => {
    const root = document.createElement("div");
    document.body.append(root);
    render(<App initialInfo={info()} initialSession={null} />, root);
    await settle();
    expect(root.querySelector("h1")?.textContent).toBe("Masuk");
    const email = root.querySelector<HTMLInputElement>("#email")!;
    const password = root.querySelector<HTMLInputElement>("#password")!;
    await act(() => {
      email.value = "ani@example.id";
      email.dispatchEvent(new Event("input"));
      password.value = "Passpor2026!";
      password.dispatchEvent(new Event("input"));
    });
    await act(() => {
      root.querySelector<HTMLButtonElement>("[data-testid=auth-submit]")!.click();
    });
    await settle();
    expect(location.hash).toBe("#/find");
    expect(root.querySelector("nav")?.textContent).toContain("Jadwal saya");
    render(null, root);
  });
  it("shows the offline banner when the server cannot be reached", async () => {
    fake.state.offline = true;
    fake.state.signedIn = true;
    location.hash = "#/find";
    const root = document.createElement("div");
    document.body.append(root);
    render(<App initialInfo={info()} initialSession={(await api.restoreSession())!} />, root);
    await settle();
    expect(root.querySelector("[data-testid=offline-banner]")).not.toBeNull();
    render(null, root);
  });
  it("a local answer does not hide the offline banner; an offline cancel waits in the queue and is sent once", async () => {
    fake.state.signedIn = true;
    const b = fake.bookTomorrow();
    fake.state.offline = true;
    location.hash = `#/booking/${b.id}`;
    const root = document.createElement("div");
    document.body.append(root);
    render(<App initialInfo={info()} initialSession={(await api.restoreSession())!} />, root);
    await settle();
    // The saved copy opens and its QR shows (local answers), and the banner stays.
    expect(root.querySelector("[data-testid=qr]")).not.toBeNull();
    expect(root.querySelector("[data-testid=offline-banner]")).not.toBeNull();
    await act(() => root.querySelector<HTMLButtonElement>("[data-testid=cancel]")!.click());
    await act(() => root.querySelector<HTMLButtonElement>("[data-testid=confirm-cancel]")!.click());
    await settle();
    expect(root.querySelector("[data-code=queued_offline]")?.textContent).toContain("dikirim otomatis saat koneksi kembali");
    expect(root.querySelector("[data-testid=offline-banner]")).not.toBeNull();
    // The queue is looked at again (every 5 s in the app): it names the waiting cancel.
    await act(async () => { await api.writeQueue(); });
    render(null, root);
    render(<App initialInfo={info()} initialSession={(await api.restoreSession())!} />, root);
    await settle();
    expect(root.querySelector("[data-testid=queue-waiting]")?.textContent).toContain("1 perubahan menunggu dikirim: Pembatalan jadwal");
    // Back online: sent once, the booking is cancelled, nothing waits any more.
    fake.state.offline = false;
    await act(async () => { await api.sendQueuedWrites(); });
    expect(fake.state.bookings.find((x) => x.id === b.id)?.status).toBe("cancelled");
    expect(fake.state.queued).toHaveLength(0);
    expect(fake.state.calls.filter((c) => c.cmd === "cancel_booking")).toHaveLength(1);
    render(null, root);
  });
  it("switches language from the header", async () => {
    fake.state.signedIn = true;
    location.hash = "#/settings";
    const root = document.createElement("div");
    document.body.append(root);
    render(<App initialInfo={info()} initialSession={(await api.restoreSession())!} />, root);
    await settle();
    expect(root.querySelector("h1")?.textContent).toBe("Pengaturan");
    const select = root.querySelector<HTMLSelectElement>("[data-testid=language-switch]")!;
    await act(() => {
      select.value = "en";
      select.dispatchEvent(new Event("change"));
    });
    await settle();
    expect(root.querySelector("h1")?.textContent).toBe("Settings");
    expect(document.documentElement.lang).toBe("en");
    render(null, root);
  });
});

describe("a rejected session", () => {
  it("returns to the sign-in page", async () => {
    fake.state.signedIn = true;
    location.hash = "#/bookings";
    const root = document.createElement("div");
    document.body.append(root);
    const session = (await api.restoreSession())!;
    mockIPC((cmd, args) => (cmd === "list_bookings" ? Promise.reject({ code: "unauthorized", message: "" }) : fake.handle(cmd, args as Record<string, unknown>)));
    render(<App initialInfo={fake.state.info} initialSession={session} />, root);
    await settle();
    expect(root.querySelector("h1")?.textContent).toBe("Masuk");
    render(null, root);
  });
});
