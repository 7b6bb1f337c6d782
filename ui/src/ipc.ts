// The only door to Rust. Every command is a thin adapter over antre-app-core; the types on both
// sides are generated from Rust (ts-rs) into src/generated/, never written twice.
import { invoke } from "@tauri-apps/api/core";
import { APP_ERROR_CODES, type Reach } from "./generated/app/errorCodes";
import type { AccountView } from "./generated/AccountView";
import type { ApplicantRequest } from "./generated/ApplicantRequest";
import type { ApplicantView } from "./generated/ApplicantView";
import type { BookingView } from "./generated/BookingView";
import type { CodeChannel } from "./generated/CodeChannel";
import type { CodeSent } from "./generated/CodeSent";
import type { PasswordResetConfirm } from "./generated/PasswordResetConfirm";
import type { PasswordResetRequest } from "./generated/PasswordResetRequest";
import type { ResendRequest } from "./generated/ResendRequest";
import type { SessionView } from "./generated/SessionView";
import type { Choice } from "./generated/Choice";
import type { CreateBookingRequest } from "./generated/CreateBookingRequest";
import type { DrawOfficeView } from "./generated/DrawOfficeView";
import type { DrawView } from "./generated/DrawView";
import type { DeskDay } from "./generated/DeskDay";
import type { DeskEntry } from "./generated/DeskEntry";
import type { NoShowSweepResult } from "./generated/NoShowSweepResult";
import type { WalkInRequest } from "./generated/WalkInRequest";
import type { AddMembersRequest } from "./generated/AddMembersRequest";
import type { AddMembersResult } from "./generated/AddMembersResult";
import type { DriveRequest } from "./generated/DriveRequest";
import type { DriveRoster } from "./generated/DriveRoster";
import type { DriveView } from "./generated/DriveView";
import type { HajjAnswer } from "./generated/app/HajjAnswer";
import type { ImportAnswer } from "./generated/app/ImportAnswer";
import type { EntryRequest } from "./generated/EntryRequest";
import type { EntryView } from "./generated/EntryView";
import type { Lane } from "./generated/Lane";
import type { LoginRequest } from "./generated/LoginRequest";
import type { OfficeCalendar } from "./generated/OfficeCalendar";
import type { OfficeSummary } from "./generated/OfficeSummary";
import type { RegisterRequest } from "./generated/RegisterRequest";
import type { RegisterResponse } from "./generated/RegisterResponse";
import type { IslandGroup } from "./generated/IslandGroup";
import type { SearchAreaView } from "./generated/SearchAreaView";
import type { SearchHit } from "./generated/SearchHit";
import type { SearchResult } from "./generated/SearchResult";
import type { SearchScope } from "./generated/SearchScope";
import type { SlotView } from "./generated/SlotView";
import type { VerifyRequest } from "./generated/VerifyRequest";
import type { WaitlistRequest } from "./generated/WaitlistRequest";
import type { WaitlistView } from "./generated/WaitlistView";
import type { AccountDeletion } from "./generated/app/AccountDeletion";
import type { AppError } from "./generated/app/AppError";
import type { AppInfo } from "./generated/app/AppInfo";
import type { BookingsSnapshot } from "./generated/app/BookingsSnapshot";
import type { DrawCheck } from "./generated/app/DrawCheck";
import type { EndedSession } from "./generated/app/EndedSession";
import type { ExportResult } from "./generated/app/ExportResult";
import type { FairReleaseSnapshot } from "./generated/app/FairReleaseSnapshot";
import type { FeePreview } from "./generated/app/FeePreview";
import type { FeePreviewRequest } from "./generated/app/FeePreviewRequest";
import type { NikCheck } from "./generated/app/NikCheck";
import type { PasswordCheck } from "./generated/app/PasswordCheck";
import type { ProofQr } from "./generated/app/ProofQr";
import type { SearchParams } from "./generated/app/SearchParams";
import type { ServerClock } from "./generated/app/ServerClock";
import type { SessionInfo } from "./generated/app/SessionInfo";
import type { TextSize } from "./generated/app/TextSize";
import type { UiLocale } from "./generated/app/UiLocale";
import type { QuotaRelease } from "./generated/app/QuotaRelease";
import type { QueuedWriteView } from "./generated/app/QueuedWriteView";
import type { RefusedWrite } from "./generated/app/RefusedWrite";
import type { WriteQueueStatus } from "./generated/app/WriteQueueStatus";

export type {
  AccountDeletion,
  AccountView,
  AppError,
  AppInfo,
  ApplicantRequest,
  ApplicantView,
  BookingView,
  BookingsSnapshot,
  Choice,
  CodeChannel,
  CodeSent,
  CreateBookingRequest,
  DeskDay,
  DeskEntry,
  DrawCheck,
  DrawOfficeView,
  DrawView,
  EndedSession,
  EntryRequest,
  EntryView,
  FairReleaseSnapshot,
  FeePreview,
  IslandGroup,
  Lane,
  NikCheck,
  OfficeCalendar,
  PasswordCheck,
  OfficeSummary,
  ProofQr,
  SearchAreaView,
  SearchHit,
  SearchParams,
  SearchResult,
  SearchScope,
  ServerClock,
  SessionInfo,
  SessionView,
  SlotView,
  TextSize,
  UiLocale,
  QuotaRelease,
  QueuedWriteView,
  RefusedWrite,
  WriteQueueStatus,
  NoShowSweepResult,
  AddMembersRequest,
  AddMembersResult,
  DriveRequest,
  DriveRoster,
  DriveView,
  HajjAnswer,
  ImportAnswer,
  WaitlistRequest,
  WaitlistView,
  WalkInRequest,
};

/** What an error code says about the server (the app's codes and their meaning come from
 * Rust, generated); `internal` from the Rust side is the app's own too. */
function reach(code: string): Reach | "server" {
  if (code === "internal") return "local";
  return Object.hasOwn(APP_ERROR_CODES, code) ? APP_ERROR_CODES[code]! : "server";
}

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

/** Commands that answer without the server, or from the saved copy when it cannot be reached:
 * their success says nothing about the connection (only a server's answer hides the banner). */
const LOCAL_COMMANDS = new Set([
  "app_info", "set_locale", "set_text_size", "set_start_at_login", "dismiss_start_at_login_offer",
  "server_clock", "logout", "restore_session", "check_password", "ended_session", "saved_bookings",
  "check_nik", "fee_preview", "get_booking", "save_slip", "proof_qr", "write_queue",
  "send_queued_writes", "dismiss_refused_write", "release_reminders", "remind_at_release",
]);

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    const result = await invoke<T>(cmd, args);
    if (!LOCAL_COMMANDS.has(cmd)) networkListener?.(true);
    return result;
  } catch (e) {
    const err = toAppError(e);
    if (err.code === "unauthorized" || err.code === "not_signed_in") unauthorizedListener?.();
    // Only an answer from the server shows it is there (not the app's own errors).
    const r = reach(err.code);
    if (r === "no_answer" || r === "write_without_answer") networkListener?.(false);
    else if (r === "server") networkListener?.(true);
    throw err;
  }
}

/** The Rust side's last word on the connection (a saved copy answered, a request got no answer). */
async function withReach(p: Promise<WriteQueueStatus>): Promise<WriteQueueStatus> {
  const status = await p;
  if (status.online === true || status.online === false) networkListener?.(status.online);
  return status;
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  setLocale: (locale: UiLocale | null) => call<AppInfo>("set_locale", { locale }),
  setTextSize: (size: TextSize) => call<AppInfo>("set_text_size", { size }),
  setStartAtLogin: (enabled: boolean) => call<AppInfo>("set_start_at_login", { enabled }),
  dismissStartAtLoginOffer: () => call<AppInfo>("dismiss_start_at_login_offer"),
  // Connectivity is what the ping says (the command itself always answers).
  ping: async () => {
    const ok = await invoke<boolean>("ping").catch(() => false);
    networkListener?.(ok);
    return ok;
  },
  serverClock: () => call<ServerClock>("server_clock"),

  register: (request: RegisterRequest) => call<RegisterResponse>("register", { request }),
  verify: (request: VerifyRequest) => call<null>("verify", { request }),
  login: (request: LoginRequest) => call<SessionInfo>("login", { request }),
  logout: () => call<null>("logout"),
  restoreSession: () => call<SessionInfo | null>("restore_session"),

  // The account: codes, the password, devices, deletion
  resendCode: (request: ResendRequest) => call<CodeSent>("resend_code", { request }),
  forgotPassword: (request: PasswordResetRequest) => call<CodeSent>("forgot_password", { request }),
  resetPassword: (request: PasswordResetConfirm) => call<null>("reset_password", { request }),
  checkPassword: (password: string) => call<PasswordCheck>("check_password", { password }),
  account: () => call<AccountView>("account"),
  sendPhoneCode: () => call<CodeSent>("send_phone_code"),
  verifyPhone: (code: string) => call<AccountView>("verify_phone", { code }),
  listSessions: () => call<SessionView[]>("list_sessions"),
  endSession: (id: string) => call<SessionView[]>("end_session", { id }),
  signOutEverywhere: () => call<null>("sign_out_everywhere"),
  deleteAccount: () => call<AccountDeletion>("delete_account"),
  endedSession: () => call<EndedSession | null>("ended_session"),
  savedBookings: () => call<BookingsSnapshot>("saved_bookings"),

  checkNik: (nik: string, birthDate: string | null) => call<NikCheck>("check_nik", { nik, birthDate }),
  listApplicants: () => call<ApplicantView[]>("list_applicants"),
  addApplicant: (request: ApplicantRequest) => call<ApplicantView>("add_applicant", { request }),
  updateApplicant: (id: string, request: ApplicantRequest) =>
    call<ApplicantView>("update_applicant", { id, request }),
  deleteApplicant: (id: string) => call<null>("delete_applicant", { id }),

  listOffices: () => call<OfficeSummary[]>("list_offices"),
  search: (params: SearchParams) => call<SearchResult>("search_availability", { params }),
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
  confirmAttendance: (id: string) => call<BookingView>("confirm_attendance", { id }),

  // Writes made offline (a booking, a cancel), and whether the server answered last time.
  writeQueue: () => withReach(call<WriteQueueStatus>("write_queue")),
  sendQueuedWrites: () => withReach(call<WriteQueueStatus>("send_queued_writes")),
  dismissRefusedWrite: (key: string) => call<WriteQueueStatus>("dismiss_refused_write", { key }),
  // A reminder at the instant a quota opens.
  remindAtRelease: (officeId: string, releaseAt: string, first: string, last: string) =>
    call<QuotaRelease[]>("remind_at_release", { officeId, releaseAt, first, last }),
  releaseReminders: () => call<QuotaRelease[]>("release_reminders"),
  // The office desk (staff of the office)
  deskDay: (officeId: string, date: string | null) => call<DeskDay>("desk_day", { officeId, date }),
  deskCheckIn: (officeId: string, proof: string, nik: string | null) =>
    call<DeskEntry>("desk_check_in", { officeId, proof, nik }),
  walkIn: (officeId: string, request: WalkInRequest, idempotencyKey: string) =>
    call<DeskEntry>("walk_in", { officeId, request, idempotencyKey }),
  noShowSweep: (officeId: string, date: string) => call<NoShowSweepResult>("no_show_sweep", { officeId, date }),

  // Outreach drives (outreach officers and the head of an office)
  listDrives: (officeId: string) => call<DriveView[]>("list_drives", { officeId }),
  createDrive: (officeId: string, request: DriveRequest) => call<DriveView>("create_drive", { officeId, request }),
  getDrive: (id: string) => call<DriveRoster>("get_drive", { id }),
  addMembers: (id: string, request: AddMembersRequest) => call<AddMembersResult>("add_members", { id, request }),
  importMembers: (id: string, file: string) => call<ImportAnswer>("import_members", { id, file }),
  exportMembers: (id: string) => call<ExportResult>("export_members", { id }),
  hajjCheck: (id: string, file: string) => call<HajjAnswer>("hajj_check", { id, file }),

  // The release draw
  listDraws: (from: string | null, to: string | null) => call<DrawView[]>("list_draws", { from, to }),
  getDraw: (id: string) => call<DrawView>("get_draw", { id }),
  drawOffice: (drawId: string, officeId: string) => call<DrawOfficeView>("draw_office", { drawId, officeId }),
  checkDraw: (id: string) => call<DrawCheck>("check_draw", { id }),
  saveDrawResult: (id: string) => call<ExportResult>("save_draw_result", { id }),
  enterDraw: (drawId: string, applicantId: string, request: EntryRequest) =>
    call<EntryView>("enter_draw", { drawId, applicantId, request }),
  withdrawEntry: (drawId: string, applicantId: string) => call<null>("withdraw_entry", { drawId, applicantId }),

  // Entries and places in line
  fairRelease: async () => {
    const snap = await call<FairReleaseSnapshot>("fair_release");
    networkListener?.(!snap.offline);
    return snap;
  },
  joinWaitlist: (request: WaitlistRequest) => call<WaitlistView>("join_waitlist", { request }),
  leaveWaitlist: (id: string) => call<null>("leave_waitlist", { id }),
  acceptOffer: (id: string) => call<BookingView>("accept_offer", { id }),
  declineOffer: (id: string) => call<null>("decline_offer", { id }),
};

export type Api = typeof api;
