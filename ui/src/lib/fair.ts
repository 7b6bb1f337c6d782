// The fair release as the pages show it: where a draw stands, how a choice reads, what an
// offer has left. Plain functions of the data (and the server's clock), tested on their own.
import { formatDateLong, t } from "../i18n";
import type { Choice, DrawView, EntryView, OfficeSummary, WaitlistView } from "../ipc";
import { serverNow } from "./clock";

/** Up to this many ranked choices per entry, and offices per "earliest at" choice. */
export const MAX_CHOICES = 3;
export const MAX_OFFICES_PER_CHOICE = 5;
/** Longest span of days one place in line may cover. */
export const MAX_WAIT_DAYS = 62;

export type DrawPhase = "upcoming" | "accepting" | "drawing" | "drawn";

/** Where a draw stands now: entries not open yet, open, closed and being drawn, drawn. */
export function drawPhase(d: DrawView, now: Date = serverNow()): DrawPhase {
  if (d.status === "drawn") return "drawn";
  const t0 = now.getTime();
  if (d.status === "drawing" || t0 >= Date.parse(d.release_at)) return "drawing";
  if (d.accepting_entries || t0 >= Date.parse(d.opens_at)) return "accepting";
  return "upcoming";
}

export function officeName(offices: OfficeSummary[], id: string): string {
  return offices.find((o) => o.id === id)?.name ?? id;
}

/** "Senin, 14 Desember 2026 di Kantor Imigrasi Bekasi" / "Paling awal di Bekasi, Depok". */
export function choiceLabel(c: Choice, offices: OfficeSummary[]): string {
  if (c.kind === "office_day") return t("app-choice-office-day", { date: formatDateLong(c.date), office: officeName(offices, c.office_id) });
  return t("app-choice-earliest", { offices: c.office_ids.map((id) => officeName(offices, id)).join(", ") });
}

/** The offices an entry's choices name, in order, each once. */
export function chosenOffices(choices: Choice[]): string[] {
  const out: string[] = [];
  for (const c of choices) for (const id of c.kind === "office_day" ? [c.office_id] : c.office_ids) if (!out.includes(id)) out.push(id);
  return out;
}

export function sameChoice(a: Choice, b: Choice): boolean {
  if (a.kind === "office_day" && b.kind === "office_day") return a.office_id === b.office_id && a.date === b.date;
  if (a.kind === "earliest_at" && b.kind === "earliest_at") return [...a.office_ids].sort().join() === [...b.office_ids].sort().join();
  return false;
}

/** Adds a choice at the end unless it is there already or the list is full. */
export function addChoice(list: Choice[], c: Choice): Choice[] {
  if (list.length >= MAX_CHOICES || list.some((x) => sameChoice(x, c))) return list;
  return [...list, c];
}

/** Moves choice `i` up (-1) or down (+1); out of range leaves the list as it is. */
export function moveChoice(list: Choice[], i: number, delta: -1 | 1): Choice[] {
  const j = i + delta;
  if (i < 0 || j < 0 || i >= list.length || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** Whole minutes until an instant (at least 0), rounded up: "29 minutes left". */
export function minutesLeft(until: string, now: Date = serverNow()): number {
  return Math.max(0, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
}

/** Places in line that still wait (or have a place on offer), offers first. */
export function activeWaitlist(list: WaitlistView[]): WaitlistView[] {
  const rank = (w: WaitlistView) => (w.status === "offered" ? 0 : 1);
  return list.filter((w) => w.status === "waiting" || w.status === "offered").sort((a, b) => rank(a) - rank(b) || a.created_at.localeCompare(b.created_at));
}

/** Offers still open now. */
export function openOffers(list: WaitlistView[], now: Date = serverNow()): WaitlistView[] {
  return list.filter((w) => w.status === "offered" && w.offer && Date.parse(w.offer.expires_at) > now.getTime());
}

/** Entries worth listing: every pending one and outcomes of the last two weeks, newest first. */
export function recentEntries(list: EntryView[], now: Date = serverNow()): EntryView[] {
  const since = now.getTime() - 14 * 86_400_000;
  return list
    .filter((e) => e.outcome === "pending" || Date.parse(e.release_at) > since)
    .sort((a, b) => (a.outcome === "pending" ? 0 : 1) - (b.outcome === "pending" ? 0 : 1) || b.release_at.localeCompare(a.release_at));
}

/** Whether anything on the page can change soon enough to look again (entries past their
 * release instant still pending, places in line). */
export function worthRefreshing(entries: EntryView[], waitlist: WaitlistView[], now: Date = serverNow()): boolean {
  const pendingDue = entries.some((e) => e.outcome === "pending" && Date.parse(e.release_at) <= now.getTime() + 5_000);
  return pendingDue || activeWaitlist(waitlist).length > 0;
}
