// Written by `cargo test -p antre-api` from antre_domain::office::ZONE_NAMES. Do not edit.
import type { Zone } from "./Zone";

/** Indonesia's IANA zone names, each with its zone's label and its offset from UTC in
 * hours (the same the whole year: no daylight saving time). */
export const ZONES: Readonly<Record<string, { label: Zone; utcOffsetHours: number }>> = {
  "Asia/Jakarta": { label: "WIB", utcOffsetHours: 7 },
  "Asia/Pontianak": { label: "WIB", utcOffsetHours: 7 },
  "Asia/Makassar": { label: "WITA", utcOffsetHours: 8 },
  "Asia/Jayapura": { label: "WIT", utcOffsetHours: 9 },
};
