// One set of Fluent files (../i18n/<locale>/*.ftl) feeds both Rust and this UI. Vite inlines
// them at build time, so the app has its texts offline and never fetches them.
import { serverNow } from "./lib/clock";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { ZONES } from "./generated/zones";

export type Locale = "id" | "en";
export const LOCALES: readonly Locale[] = ["id", "en"];
export const DEFAULT_LOCALE: Locale = "id";

const sources = import.meta.glob("../../i18n/*/*.ftl", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

/** Builds the bundle of one locale from FTL sources keyed by path (`.../<locale>/<file>.ftl`). */
export function buildBundle(locale: Locale, files: Record<string, string>): FluentBundle {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const paths = Object.keys(files)
    .filter((p) => p.split("/").slice(-2, -1)[0] === locale)
    .sort();
  for (const path of paths) {
    const errors = bundle.addResource(new FluentResource(files[path] ?? ""));
    if (errors.length > 0) console.error(`FTL ${path}:`, errors);
  }
  return bundle;
}

const bundles: Record<Locale, FluentBundle> = {
  id: buildBundle("id", sources),
  en: buildBundle("en", sources),
};

let current: Locale = DEFAULT_LOCALE;
const listeners = new Set<() => void>();

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
  document.documentElement.lang = locale;
  listeners.forEach((l) => l());
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Picks a supported locale from the system's preferred languages; Indonesian otherwise. */
export function negotiate(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === "id" || primary === "in") return "id";
    if (primary === "en") return "en";
  }
  return DEFAULT_LOCALE;
}

export type Args = Record<string, FluentVariable>;

/** Whether `id` (optionally `message.attribute`) exists in the locale. */
export function has(id: string, locale: Locale = current): boolean {
  const [msgId, attr] = id.split(".");
  const msg = bundles[locale].getMessage(msgId ?? "");
  if (!msg) return false;
  return attr ? Boolean(msg.attributes[attr]) : msg.value !== null;
}

/** The text of message `id` (or `message.attribute`); the id itself if it is missing. */
export function t(id: string, args?: Args, locale: Locale = current): string {
  const bundle = bundles[locale];
  const [msgId, attr] = id.split(".");
  const msg = bundle.getMessage(msgId ?? "");
  const pattern = msg ? (attr ? msg.attributes[attr] : msg.value) : null;
  if (!pattern) return id;
  return bundle.formatPattern(pattern, args ?? null, []);
}

const WEEKDAYS = [
  "weekday-sunday",
  "weekday-monday",
  "weekday-tuesday",
  "weekday-wednesday",
  "weekday-thursday",
  "weekday-friday",
  "weekday-saturday",
] as const;
const MONTHS = [
  "month-january",
  "month-february",
  "month-march",
  "month-april",
  "month-may",
  "month-june",
  "month-july",
  "month-august",
  "month-september",
  "month-october",
  "month-november",
  "month-december",
] as const;

/** `YYYY-MM-DD` as a calendar date (no time zone involved). */
export function parseDate(date: string): { y: number; m: number; d: number; weekday: number } {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return { y, m, d, weekday };
}

/** "Selasa, 24 November 2026" / "Tuesday, 24 November 2026" (same FTL as the Rust side). */
export function formatDateLong(date: string, locale: Locale = current): string {
  const p = parseDate(date);
  return t(
    "format-date-long",
    {
      weekday: t(WEEKDAYS[p.weekday] ?? "", undefined, locale),
      day: String(p.d),
      month: t(MONTHS[p.m - 1] ?? "", undefined, locale),
      year: String(p.y),
    },
    locale,
  );
}

/** "Oktober 2026" / "October 2026": the calendar month of a date (no time zone involved). */
export function formatMonthYear(date: string, locale: Locale = current): string {
  const p = parseDate(date);
  return t("format-month-year", { month: t(MONTHS[p.m - 1] ?? "", undefined, locale), year: String(p.y) }, locale);
}

/** "15/12/2026": a date in the locale's numeric order (the FTL's `format-date-numeric`), as
 * the date field shows it and as the user types it. */
export function formatDateNumeric(date: string, locale: Locale = current): string {
  const p = parseDate(date);
  return t(
    "format-date-numeric",
    { day: String(p.d).padStart(2, "0"), month: String(p.m).padStart(2, "0"), year: String(p.y) },
    locale,
  );
}

/** The order of day, month and year in the locale's numeric date (read from its FTL pattern). */
function numericOrder(locale: Locale): ("d" | "m" | "y")[] {
  const sample = t("format-date-numeric", { day: "\u0001", month: "\u0002", year: "\u0003" }, locale);
  const order = [...sample].flatMap((c) => (c === "\u0001" ? ["d" as const] : c === "\u0002" ? ["m" as const] : c === "\u0003" ? ["y" as const] : []));
  return order.length === 3 ? order : ["d", "m", "y"];
}

/** A calendar date as `YYYY-MM-DD` when y/m/d exist (no 31 February), otherwise null. */
function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1000 || y > 9999) return null;
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return null;
  return `${String(y)}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The month (1-12) a word names in the locale, by its full or short name (case-insensitive). */
function monthOf(word: string, locale: Locale): number | null {
  const w = word.toLocaleLowerCase(locale).replace(/\.$/, "");
  for (let i = 0; i < MONTHS.length; i++) {
    const id = MONTHS[i]!;
    if (w === t(id, undefined, locale).toLocaleLowerCase(locale) || w === t(`${id}.short`, undefined, locale).toLocaleLowerCase(locale)) return i + 1;
  }
  return null;
}

/** What the user typed into a date field, as `YYYY-MM-DD`, or null when it is no date: the
 * locale's numeric order ("15/12/2026", also with `.`, `-` or spaces, days and months with or
 * without a leading zero), the day with the month's name ("15 Desember 2026", "Selasa, 15 Des
 * 2026"), or ISO ("2026-12-15"). The year has four digits: "15/12/26" is not guessed. */
export function parseDateInput(text: string, locale: Locale = current): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const tokens = s.split(/[\s/.,-]+/).filter(Boolean);
  const numbers = tokens.filter((x) => /^\d+$/.test(x));
  const words = tokens.filter((x) => !/^\d+$/.test(x));
  if (numbers.length === 3 && words.length === 0) {
    const order = numericOrder(locale);
    const part = (k: "d" | "m" | "y") => numbers[order.indexOf(k)]!;
    if (part("y").length !== 4 || part("d").length > 2 || part("m").length > 2) return null;
    return isoDate(Number(part("y")), Number(part("m")), Number(part("d")));
  }
  if (numbers.length === 2 && words.length >= 1) {
    // A weekday name may lead ("Selasa, 15 Desember 2026"); the last word names the month.
    const month = monthOf(words[words.length - 1]!, locale);
    const year = numbers.find((x) => x.length === 4);
    const day = numbers.find((x) => x.length <= 2);
    if (month === null || !year || !day || words.length > 2) return null;
    return isoDate(Number(year), month, Number(day));
  }
  return null;
}

/** A month later or earlier (`months` may be negative), on the same day or the month's last. */
export function addMonths(date: string, months: number): string {
  const p = parseDate(date);
  const first = new Date(Date.UTC(p.y, p.m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(p.d, last))).toISOString().slice(0, 10);
}

/** "24 Nov" style short date for calendars and lists. */
export function formatDateShort(date: string, locale: Locale = current): string {
  const p = parseDate(date);
  return `${t(`${WEEKDAYS[p.weekday]}.short`, undefined, locale)} ${p.d} ${t(`${MONTHS[p.m - 1]}.short`, undefined, locale)}`;
}

export function weekdayShort(index0Sunday: number, locale: Locale = current): string {
  return t(`${WEEKDAYS[index0Sunday]}.short`, undefined, locale);
}

export function monthName(month1: number, locale: Locale = current): string {
  return t(MONTHS[month1 - 1] ?? "", undefined, locale);
}

/** "09.00 WIB" (id) / "09:00 WIB" (en). */
export function formatTime(hour: number, minute: number, zone: string, locale: Locale = current): string {
  return t(
    "format-time",
    { hour: String(hour).padStart(2, "0"), minute: String(minute).padStart(2, "0"), zone: zone.trim() },
    locale,
  ).trimEnd();
}

/** "14.30" (id) / "14:30" (en): a clock time `HH:MM` as the time field shows it and as the user
 * types it (the FTL's `format-time` without a zone, so the separator is the FTL's). */
export function formatTimeNumeric(time: string, locale: Locale = current): string {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return formatTime(h, m, "", locale);
}

const clock = (minutes: number) => `${String(Math.trunc(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** What the user typed into a time field as `HH:MM` (24-hour), or null when it is no time:
 * "14.30", "14:30", "14 30", "1430", "9.05", or a whole hour ("9"). Either separator in either
 * language; no AM/PM ("2.30 PM" is refused, not guessed). */
export function parseTimeInput(text: string): string | null {
  const m = /^(\d{1,2})(?:[.:\s]?(\d{2}))?$/.exec(text.trim());
  const h = Number(m?.[1]);
  const min = Number(m?.[2] ?? 0);
  return m && h < 24 && min < 60 ? clock(h * 60 + min) : null;
}

/** A clock time `minutes` later or earlier, held within the day (00:00 to 23:59). */
export function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return clock(Math.min(Math.max(h * 60 + m + minutes, 0), 1439));
}

/** "Rp350.000" (id) / "Rp350,000" (en). */
export function formatRupiah(value: number, locale: Locale = current): string {
  const amount = value;
  const sep = locale === "id" ? "." : ",";
  const digits = String(Math.abs(Math.trunc(amount)));
  let grouped = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += sep;
    grouped += digits[i];
  }
  return `${amount < 0 ? "-" : ""}Rp${grouped}`;
}

/** The label of an office's IANA zone (the domain's table, generated); any other name as is. */
export function zoneLabel(timeZone: string): string {
  return ZONES[timeZone]?.label ?? timeZone;
}

/** An instant (RFC 3339, UTC) as the office's local date and clock time. */
export function toOfficeLocal(instant: string, timeZone: string): { date: string; hour: number; minute: number } {
  // Indonesia's zones keep no daylight saving time: a fixed offset per name.
  const offset = ZONES[timeZone]?.utcOffsetHours ?? 7;
  const local = new Date(Date.parse(instant) + offset * 3_600_000);
  const date = local.toISOString().slice(0, 10);
  return { date, hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

/** "Selasa, 24 November 2026, 09.00 WIB": an instant in the office's local time with its zone. */
export function formatInstant(instant: string, timeZone: string, locale: Locale = current): string {
  const l = toOfficeLocal(instant, timeZone);
  return `${formatDateLong(l.date, locale)}, ${formatTime(l.hour, l.minute, zoneLabel(timeZone), locale)}`;
}

/** Today's date (YYYY-MM-DD) in an office's zone. */
export function todayAt(timeZone: string, now: Date = serverNow()): string {
  return toOfficeLocal(now.toISOString(), timeZone).date;
}

export function addDays(date: string, days: number): string {
  const p = parseDate(date);
  return new Date(Date.UTC(p.y, p.m - 1, p.d + days)).toISOString().slice(0, 10);
}
