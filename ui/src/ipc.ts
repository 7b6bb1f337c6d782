// The only door to Rust. Every command is a thin adapter over antre-app-core; the types on both
// sides are generated from Rust (ts-rs) into src/generated/, never written twice.
import { invoke } from "@tauri-apps/api/core";
import type { AccountView } from "./generated/AccountView";
import type { ApplicantRequest } from "./generated/ApplicantRequest";
import type { ApplicantView } from "./generated/ApplicantView";
import type { BookingView } from "./generated/BookingView";
import type { CreateBookingRequest } from "./generated/CreateBookingRequest";
import type { Lane } from "./generated/Lane";
import type { LoginRequest } from "./generated/LoginRequest";
import type { OfficeCalendar } from "./generated/OfficeCalendar";
import type { OfficeSummary } from "./generated/OfficeSummary";
import type { RegisterRequest } from "./generated/RegisterRequest";
import type { RegisterResponse } from "./generated/RegisterResponse";
import type { SearchHit } from "./generated/SearchHit";
import type { SlotView } from "./generated/SlotView";
import type { VerifyRequest } from "./generated/VerifyRequest";
import type { AppError } from "./generated/app/AppError";
import type { AppInfo } from "./generated/app/AppInfo";
import type { BookingsSnapshot } from "./generated/app/BookingsSnapshot";
import type { ExportResult } from "./generated/app/ExportResult";
import type { FeePreview } from "./generated/app/FeePreview";
import type { FeePreviewRequest } from "./generated/app/FeePreviewRequest";
import type { NikCheck } from "./generated/app/NikCheck";
import type { ProofQr } from "./generated/app/ProofQr";
import type { SearchParams } from "./generated/app/SearchParams";
import type { ServerClock } from "./generated/app/ServerClock";
import type { SessionInfo } from "./generated/app/SessionInfo";
import type { UiLocale } from "./generated/app/UiLocale";

export type {
  AccountView,
  AppError,
  AppInfo,
  ApplicantRequest,
  ApplicantView,
  BookingView,
  BookingsSnapshot,
  CreateBookingRequest,
  FeePreview,
  Lane,
  NikCheck,
  OfficeCalendar,
  OfficeSummary,
  ProofQr,
  SearchHit,
  SearchParams,
  ServerClock,
  SessionInfo,
  SlotView,
  UiLocale,
};

/** Errors that mean "no connection", as opposed to the server saying no. */
export const NETWORK_CODES = new Set(["network", "offline", "timeout"]);

export function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && "code" in e && typeof (e as AppError).code === "string";
}

/** Any thrown value as an AppError (Tauri rejects with what the Rust command returned). */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  return { code: "internal", message: String(e) };
}

let networkListener: ((online: boolean) => void) | null = null;
export function onConnectivity(listener: (online: boolean) => void): void {
  networkListener = listener;
}

let unauthorizedListener: (() => void) | null = null;
/** Called when the server rejects the session (the Rust side has already forgotten it). */
export function onUnauthorized(listener: () => void): void {
  unauthorizedListener = listener;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    const result = await invoke<T>(cmd, args);
    networkListener?.(true);
    return result;
  } catch (e) {
    const err = toAppError(e);
    if (err.code === "unauthorized" || err.code === "not_signed_in") unauthorizedListener?.();
    if (NETWORK_CODES.has(err.code)) networkListener?.(false);
    else if (err.code !== "internal") networkListener?.(true);
    throw err;
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  setLocale: (locale: UiLocale | null) => call<AppInfo>("set_locale", { locale }),
  setLargeText: (enabled: boolean) => call<AppInfo>("set_large_text", { enabled }),
  ping: () => call<boolean>("ping"),
  serverClock: () => call<ServerClock>("server_clock"),

  register: (request: RegisterRequest) => call<RegisterResponse>("register", { request }),
  verify: (request: VerifyRequest) => call<null>("verify", { request }),
  login: (request: LoginRequest) => call<SessionInfo>("login", { request }),
  logout: () => call<null>("logout"),
  restoreSession: () => call<SessionInfo | null>("restore_session"),

  checkNik: (nik: string, birthDate: string | null) => call<NikCheck>("check_nik", { nik, birthDate }),
  listApplicants: () => call<ApplicantView[]>("list_applicants"),
  addApplicant: (request: ApplicantRequest) => call<ApplicantView>("add_applicant", { request }),
  deleteApplicant: (id: string) => call<null>("delete_applicant", { id }),

  listOffices: () => call<OfficeSummary[]>("list_offices"),
  search: (params: SearchParams) => call<SearchHit[]>("search_availability", { params }),
  officeCalendar: (officeId: string, from: string, to: string) =>
    call<OfficeCalendar>("office_calendar", { officeId, from, to }),
  daySlots: (officeId: string, date: string, lane: Lane | null) =>
    call<SlotView[]>("day_slots", { officeId, date, lane }),

  feePreview: (request: FeePreviewRequest) => call<FeePreview>("fee_preview", { request }),
  createBooking: (request: CreateBookingRequest, idempotencyKey: string) =>
    call<BookingView>("create_booking", { request, idempotencyKey }),
  listBookings: async () => {
    const snap = await call<BookingsSnapshot>("list_bookings");
    // The saved copy came back because the server could not be reached.
    networkListener?.(!snap.offline);
    return snap;
  },
  getBooking: (id: string) => call<BookingView>("get_booking", { id }),
  reschedule: (id: string, slotId: number) => call<BookingView>("reschedule_booking", { id, slotId }),
  cancel: (id: string) => call<BookingView>("cancel_booking", { id }),
  exportIcs: (id: string) => call<ExportResult>("export_ics", { id }),
  saveSlip: (id: string) => call<ExportResult>("save_slip", { id }),
  proofQr: (proof: string) => call<ProofQr>("proof_qr", { proof }),
};

export type Api = typeof api;
