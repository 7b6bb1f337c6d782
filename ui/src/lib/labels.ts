// Enum values to message ids, written out so that the message-usage test sees every id.
import type { ApplicationKind } from "../generated/ApplicationKind";
import type { BookingSource } from "../generated/BookingSource";
import type { BookingStatus } from "../generated/BookingStatus";
import type { EntryOutcome } from "../generated/EntryOutcome";
import type { Lane } from "../generated/Lane";
import type { PassportKind } from "../generated/PassportKind";
import type { Validity } from "../generated/Validity";
import type { WaitlistStatus } from "../generated/WaitlistStatus";
import type { TextSize } from "../generated/app/TextSize";

/** The text sizes offered in Settings, smallest first. */
export const TEXT_SIZE_IDS: Record<TextSize, string> = {
  normal: "app-text-size-normal",
  large: "app-text-size-large",
  larger: "app-text-size-larger",
  largest: "app-text-size-largest",
};
export const TEXT_SIZES = Object.keys(TEXT_SIZE_IDS) as TextSize[];

export const LANE_IDS: Record<Lane, string> = {
  regular: "lane-regular",
  same_day: "lane-same-day",
  priority: "lane-priority",
};
export const STATUS_IDS: Record<BookingStatus, string> = {
  pending_payment: "status-pending-payment",
  confirmed: "status-confirmed",
  checked_in: "status-checked-in",
  cancelled: "status-cancelled",
  lapsed: "status-lapsed",
  no_show: "status-no-show",
};
export const PASSPORT_IDS: Record<PassportKind, string> = {
  ordinary: "service-passport-ordinary",
  electronic: "service-passport-electronic",
};
export const VALIDITY_IDS: Record<Validity, string> = {
  five_years: "service-validity-5y",
  ten_years: "service-validity-10y",
};
export const APPLICATION_IDS: Record<ApplicationKind, string> = {
  new: "service-application-new",
  renewal: "service-application-renewal",
  lost: "service-application-lost",
  damaged: "service-application-damaged",
};
export const NIK_HINT_IDS: Record<string, string> = {
  invalid_nik_length: "error-invalid-nik-length",
  invalid_nik_digits: "error-invalid-nik-digits",
  invalid_nik_province: "error-invalid-nik-province",
  invalid_nik_birth_date: "error-invalid-nik-birth-date",
  nik_birth_date_mismatch: "error-nik-birth-date-mismatch",
};
export const ACTIVE: ReadonlySet<BookingStatus> = new Set(["pending_payment", "confirmed"]);
export const SOURCE_IDS: Record<BookingSource, string> = {
  direct: "app-source-direct",
  draw: "app-source-draw",
  waitlist: "app-source-waitlist",
  walk_in: "app-source-walk-in",
  drive: "app-source-drive",
};
export const OUTCOME_IDS: Record<EntryOutcome, string> = {
  pending: "app-entry-pending",
  placed: "app-entry-placed",
  waitlisted: "app-entry-waitlisted",
  skipped: "app-entry-skipped",
};
export const WAITLIST_STATUS_IDS: Record<WaitlistStatus, string> = {
  waiting: "app-waitlist-status-waiting",
  offered: "app-waitlist-status-offered",
  booked: "app-waitlist-status-booked",
  left: "app-waitlist-status-left",
};
