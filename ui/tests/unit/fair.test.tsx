// The fair release in the UI: draw phases, choices, offers, the calendar's draw and full days,
// and the pages driven through the fake Rust side.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../../src/app";
import { setLocale } from "../../src/i18n";
import { api, type Choice, type DrawView, type EntryView, type WaitlistView } from "../../src/ipc";
import { describeError } from "../../src/lib/errors";
import { activeWaitlist, addChoice, choiceLabel, chosenOffices, drawPhase, minutesLeft, moveChoice, openOffers, recentEntries, worthRefreshing } from "../../src/lib/fair";
import { initialLane, nearbyOffices } from "../../src/pages/draw";
import { dayState, drawLink, drawsInView } from "../../src/pages/office";
import { validWaitDays } from "../../src/pages/waitlist";
import { createFakeBackend, DRAW_LATER, DRAW_OPEN, OFFICES } from "../fake-backend";

let fake: ReturnType<typeof createFakeBackend>;
beforeEach(() => {
  // The fake's data lives in November 2026: only the clock is frozen there, timers still run.
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-16T01:00:00Z") });
  fake = createFakeBackend({ signedIn: true });
  mockIPC((cmd, args) => fake.handle(cmd, args as Record<string, unknown>));
  setLocale("id");
});
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
async function settle(n = 8) {
  for (let i = 0; i < n; i++) await act(tick);
}

const draw = (over: Partial<DrawView> = {}): DrawView => ({
  id: "d1", release_at: "2026-12-11T07:00:00Z", opens_at: "2026-12-10T07:00:00Z", status: "open", accepting_entries: false,
  commitment: "c", entries: 0, places: 213, placed: 0, ...over,
});
const bekasiDay: Choice = { kind: "office_day", office_id: "bekasi", date: "2026-12-14" };
const earliest: Choice = { kind: "earliest_at", office_ids: ["bekasi", "jakarta-selatan"] };

describe("draw logic", () => {
  it("tells the phases of a draw apart by the server's clock", () => {
    expect(drawPhase(draw(), new Date("2026-12-09T00:00:00Z"))).toBe("upcoming");
    expect(drawPhase(draw({ accepting_entries: true }), new Date("2026-12-10T08:00:00Z"))).toBe("accepting");
    // the server said "not yet" a moment ago, but the clock has reached the window
    expect(drawPhase(draw(), new Date("2026-12-10T07:00:01Z"))).toBe("accepting");
    expect(drawPhase(draw({ accepting_entries: true }), new Date("2026-12-11T07:00:01Z"))).toBe("drawing");
    expect(drawPhase(draw({ status: "drawing" }), new Date("2026-12-11T07:00:01Z"))).toBe("drawing");
    expect(drawPhase(draw({ status: "drawn" }), new Date("2026-12-11T07:00:05Z"))).toBe("drawn");
  });

  it("reads choices in the user's language and keeps at most three, each once", () => {
    expect(choiceLabel(bekasiDay, OFFICES)).toBe("Senin, 14 Desember 2026 di Kantor Imigrasi Kelas I Non TPI Bekasi");
    expect(choiceLabel(earliest, OFFICES)).toContain("Hari paling awal di Kantor Imigrasi Kelas I Non TPI Bekasi, Kantor Imigrasi Kelas I Khusus Jakarta Selatan");
    setLocale("en");
    expect(choiceLabel(bekasiDay, OFFICES)).toBe("Monday, 14 December 2026 at Kantor Imigrasi Kelas I Non TPI Bekasi");
    let list = addChoice([], bekasiDay);
    list = addChoice(list, bekasiDay);
    expect(list).toHaveLength(1);
    list = addChoice(list, earliest);
    list = addChoice(list, { kind: "earliest_at", office_ids: ["jakarta-selatan", "bekasi"] });
    expect(list).toHaveLength(2); // the same offices in another order are the same choice
    list = addChoice(list, { ...bekasiDay, date: "2026-12-15" });
    list = addChoice(list, { ...bekasiDay, date: "2026-12-16" });
    expect(list).toHaveLength(3);
    expect(moveChoice(list, 1, -1)[0]).toEqual(earliest);
    expect(moveChoice(list, 0, -1)).toBe(list);
    expect(moveChoice(list, 2, 1)).toBe(list);
    expect(chosenOffices(list)).toEqual(["bekasi", "jakarta-selatan"]);
  });

  it("counts an offer's minutes and lists what waits, offers first", () => {
    const now = new Date("2026-11-16T01:00:00Z");
    expect(minutesLeft("2026-11-16T01:29:01Z", now)).toBe(30);
    expect(minutesLeft("2026-11-16T00:59:00Z", now)).toBe(0);
    const w = (status: WaitlistView["status"], id: string, offerEnds?: string) =>
      ({ id, status, created_at: `2026-11-1${id}T00:00:00Z`, offer: offerEnds ? { id: `o${id}`, expires_at: offerEnds } : undefined }) as unknown as WaitlistView;
    const list = [w("waiting", "1"), w("left", "2"), w("offered", "3", "2026-11-16T01:30:00Z"), w("offered", "4", "2026-11-16T00:30:00Z")];
    expect(activeWaitlist(list).map((x) => x.id)).toEqual(["3", "4", "1"]);
    expect(openOffers(list, now).map((x) => x.id)).toEqual(["3"]);
    const e = (outcome: EntryView["outcome"], release: string) => ({ outcome, release_at: release }) as EntryView;
    const entries = [e("placed", "2026-09-01T07:00:00Z"), e("waitlisted", "2026-11-13T07:00:00Z"), e("pending", "2026-11-20T07:00:00Z")];
    expect(recentEntries(entries, now).map((x) => x.outcome)).toEqual(["pending", "waitlisted"]);
    expect(worthRefreshing(entries, [], now)).toBe(false);
    expect(worthRefreshing(entries, [], new Date("2026-11-20T07:00:00Z"))).toBe(true);
    expect(worthRefreshing([], [w("waiting", "1")], now)).toBe(true);
  });

  it("marks draw days and full days in the calendar, and links a day to its draw", () => {
    const now = new Date("2026-12-10T08:00:00Z");
    const day = { date: "2026-12-14", service_day: true, released_at: "2026-12-11T07:00:00Z", draw_id: "d1", lanes: [{ lane: "regular" as const, capacity: 5, remaining: 5 }] };
    expect(dayState(day, "regular", now).state).toBe("draw");
    // still by draw in the seconds the draw takes after the release instant
    expect(dayState(day, "regular", new Date("2026-12-11T07:00:01Z")).state).toBe("draw");
    expect(dayState({ ...day, draw_id: undefined, lanes: [{ lane: "regular", capacity: 5, remaining: 0 }] }, "regular", new Date("2026-12-12T00:00:00Z")).state).toBe("full");
    const cal = { office_id: "bekasi", time_zone: "Asia/Jakarta", days: [day, { ...day, date: "2026-12-13", service_day: false }, { ...day, date: "2026-12-18" }] };
    expect(drawsInView(cal)).toEqual([{ drawId: "d1", first: "2026-12-14", last: "2026-12-18", release: "2026-12-11T07:00:00Z" }]);
    expect(drawLink("d1", "bekasi", "2026-12-14", "priority", "p1")).toBe("/draw/d1?office=bekasi&date=2026-12-14&lane=priority&applicant=p1");
  });

  it("preselects the eligible lane, offers offices of the same release nearest first, checks waitlist days", () => {
    expect(initialLane({ priority_eligible: true } as never, null)).toBe("priority");
    expect(initialLane({ priority_eligible: false } as never, "priority")).toBe("regular");
    expect(initialLane({ priority_eligible: true } as never, "regular")).toBe("regular");
    // Makassar and Jayapura: another zone, another release.
    expect(nearbyOffices(OFFICES, "bekasi").map((o) => o.id)).toEqual(["bekasi", "jakarta-timur", "jakarta-selatan", "serang", "bandung", "semarang"]);
    expect(validWaitDays("2026-12-15", "2026-12-15")).toBe(true);
    expect(validWaitDays("2026-12-15", "2026-12-14")).toBe(false);
    expect(validWaitDays("2026-12-15", "2027-02-15")).toBe(true);
    expect(validWaitDays("2026-12-15", "2027-02-16")).toBe(false);
  });

  it("explains a cooling-down with the server's date", () => {
    const cooling = { code: "nik_cooling_down", message: "Karena tidak hadir …, NIK ini belum dapat membuat jadwal atau ikut undian sampai 3 Januari 2027." };
    expect(describeError(cooling)).toBe(cooling.message);
  });
});

async function mount(hash: string) {
  location.hash = hash;
  const root = document.createElement("div");
  document.body.append(root);
  render(<App initialInfo={fake.state.info} initialSession={(await api.restoreSession())!} />, root);
  await settle();
  return root;
}
const click = async (el: Element | null) => {
  expect(el).not.toBeNull();
  await act(() => (el as HTMLElement).click());
  await settle();
};

describe("pages with the fake Rust side", () => {
  beforeEach(async () => {
    await api.addApplicant({ nik: "3275011503610001", name: "Siti Aminah", birth_date: "1961-03-15", pregnant: false, disability: false, married: true });
    await api.addApplicant({ nik: "3275014708960002", name: "Budi Santoso", birth_date: "1996-08-07", pregnant: false, disability: false, married: false });
  });

  it("a draw day leads to the draw page; the entry is sent once with its choices", async () => {
    const budi = fake.state.applicants[1]!;
    const root = await mount(`#/office/bekasi?lane=regular&applicant=${budi.id}`);
    const drawDay = root.querySelector<HTMLButtonElement>("[data-date='2026-11-23']")!;
    expect(drawDay.dataset.state).toBe("draw");
    expect(drawDay.textContent).toContain("kuota dibuka Senin, 16 November 2026, 14.00 WIB · lewat undian");
    expect(root.querySelector("[data-date='2026-11-30']")?.getAttribute("data-state")).toBe("draw");
    await click(drawDay);
    expect(root.querySelector("[data-testid=draw-standing]")?.textContent).toBe("3.411 pendaftar untuk 213 kuota di Kantor Imigrasi Kelas I Non TPI Bekasi.");
    await click(root.querySelector("[data-testid=join-draw]"));
    expect(location.hash).toBe(`#/draw/${DRAW_OPEN}?office=bekasi&date=2026-11-23&lane=regular&applicant=${budi.id}`);
    await settle();
    expect(root.querySelector("h1")?.textContent).toBe("Undian kuota");
    expect(root.querySelector("[data-testid=draw-phase]")?.textContent).toContain("undian pukul 14.00 WIB");
    expect(root.querySelector<HTMLSelectElement>("[data-testid=entry-lane]")?.value).toBe("regular");
    expect(root.querySelectorAll("[data-testid=choice]")).toHaveLength(1);
    // a second choice: the earliest day at Bekasi
    await click(root.querySelector("[data-testid=choice-kind-earliest]"));
    await click(root.querySelector("[data-testid=add-choice-button]"));
    expect([...root.querySelectorAll("[data-testid=choice]")].map((c) => c.textContent)).toEqual([
      expect.stringContaining("Senin, 23 November 2026 di"),
      expect.stringContaining("Hari paling awal di Kantor Imigrasi Kelas I Non TPI Bekasi"),
    ]);
    await click(root.querySelector("[data-testid=enter-draw]"));
    expect(fake.state.entries).toHaveLength(1);
    expect(fake.state.entries[0]!.choices).toHaveLength(2);
    expect(root.querySelector("[data-testid=entry-outcome]")?.textContent).toBe("Terdaftar, menunggu undian");
    // saving again changes the same entry
    await click(root.querySelector("[data-testid=enter-draw]"));
    expect(fake.state.entries).toHaveLength(1);
    // the outcome, with the booking to pay, and the check of the published order
    fake.runDraw(DRAW_OPEN);
    await act(() => {
      location.hash = `#/draw/${DRAW_OPEN}`;
    });
    await settle(12);
    expect(root.querySelector("[data-testid=entry-outcome]")?.textContent).toBe("Mendapat kuota");
    expect(root.querySelector("[data-testid=entry-placed]")?.textContent).toContain("Senin, 23 November 2026, 08.00 WIB");
    expect(root.querySelector("[data-testid=entry-position]")?.textContent).toBe("Urutan undian: ke-17");
    expect(root.querySelector("[data-testid=check-ok]")?.textContent).toContain("urutan ke-17 dari 3.412");
    render(null, root);
  });

  it("a full day takes a place in line; an offer is accepted in one tap and becomes the booking", async () => {
    const siti = fake.state.applicants[0]!;
    const root = await mount(`#/office/bekasi?lane=priority&applicant=${siti.id}`);
    const full = root.querySelector<HTMLButtonElement>("[data-date='2026-11-18']")!;
    expect(full.dataset.state).toBe("full");
    expect(full.disabled).toBe(false);
    await click(full);
    expect(root.querySelector("[data-testid=full-day] h2")?.textContent).toBe("Rabu, 18 November 2026 sudah penuh");
    await click(root.querySelector("[data-testid=join-waitlist]"));
    expect(root.querySelector("[data-testid=waitlist-joined]")?.textContent).toContain("SITI AMINAH sudah di daftar tunggu. Tidak ada orang di depan.");
    expect(fake.state.waitlist[0]).toMatchObject({ lane: "priority", office_ids: ["bekasi"], from: "2026-11-18", to: "2026-11-18" });

    fake.offerPlace();
    await act(() => {
      location.hash = "#/bookings";
    });
    await settle(12);
    expect(root.querySelector("h1")?.textContent).toBe("Jadwal saya");
    const offer = root.querySelector("[data-testid=offer]");
    expect(offer?.textContent).toContain("Ada kuota untuk SITI AMINAH: Rabu, 18 November 2026, 08.00 WIB");
    expect(root.querySelector("[data-testid=offer-until]")?.textContent).toBe("Ditahan untuk Anda sampai pukul 08.30 WIB (30 menit lagi).");
    await click(root.querySelector("[data-testid=accept-offer]"));
    await settle();
    expect(location.hash).toMatch(/^#\/booking\//);
    expect(root.querySelector("[data-testid=booking-source]")?.textContent).toBe("Dari daftar tunggu");
    expect(fake.state.waitlist[0]!.status).toBe("booked");
    render(null, root);
  });

  it("letting an offer pass keeps the place in line; leaving ends it", async () => {
    const siti = fake.state.applicants[0]!;
    await api.joinWaitlist({ applicant_id: siti.id, lane: "priority", passport_kind: "ordinary", validity: "five_years", application_kind: "new", office_ids: ["bekasi"], from: "2026-11-18", to: "2026-11-20" });
    fake.offerPlace();
    const root = await mount("#/bookings");
    await click(root.querySelector("[data-testid=decline-offer]"));
    expect(root.querySelector("[data-testid=fair-note]")?.textContent).toContain("Anda tetap di daftar tunggu");
    expect(root.querySelector("[data-testid=offer]")).toBeNull();
    expect(root.querySelector("[data-testid=waitlist-item]")?.getAttribute("data-status")).toBe("waiting");
    await click(root.querySelector("[data-testid=leave-waitlist]"));
    expect(fake.state.waitlist[0]!.status).toBe("waiting"); // asked once more first
    await click(root.querySelector("[data-testid=leave-waitlist-yes]"));
    expect(fake.state.waitlist[0]!.status).toBe("left");
    expect(root.querySelector("[data-testid=waitlist-item]")).toBeNull();
    render(null, root);
  });

  it("a draw that does not take entries yet says when it will", async () => {
    const root = await mount(`#/draw/${DRAW_LATER}`);
    expect(root.querySelector("[data-testid=draw-phase]")?.getAttribute("data-phase")).toBe("upcoming");
    expect(root.querySelector("[data-testid=draw-phase]")?.textContent).toContain("Pendaftaran undian dibuka Kamis, 19 November 2026, 14.00 WIB");
    expect(root.querySelector("[data-testid=entry-form]")).toBeNull();
    render(null, root);
  });
});
