// The only door to Rust. Every command is a thin adapter over antre-app-core; the types on both
// sides are generated from Rust (ts-rs) into src/generated/, never written twice, and so are the
// commands' names, arguments and answers (generated/app/commands.ts, from src-tauri's
// commands.rs): `call` takes only a command that exists, with its arguments as Rust names and
// types them, and gives its answer's type.
import { invoke } from "@tauri-apps/api/core";
import type { CommandName, Commands } from "./generated/app/commands";
import { APP_ERROR_CODES, type Reach } from "./generated/app/errorCodes";
import type { AccountView } from "./generated/AccountView";
import type { ApplicantRequest } from "./generated/ApplicantRequest";
import type { ApplicantView } from "./generated/ApplicantView";
import type { BookingView } from "./generated/BookingView";
import type { CodeChannel } from "./generated/CodeChannel";
import type { CodeSent } from "./generated/CodeSent";
import type { FeedbackPeriod } from "./generated/FeedbackPeriod";
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
import type { EventSiteRequest } from "./generated/EventSiteRequest";
import type { EventSiteView } from "./generated/EventSiteView";
import type { NoShowSweepResult } from "./generated/NoShowSweepResult";
import type { WalkInRequest } from "./generated/WalkInRequest";
import type { AddMembersRequest } from "./generated/AddMembersRequest";
import type { AddMembersResult } from "./generated/AddMembersResult";
import type { DriveRequest } from "./generated/DriveRequest";
import type { DriveRoster } from "./generated/DriveRoster";
import type { DriveView } from "./generated/DriveView";
import type { HajjAnswer } from "./generated/app/HajjAnswer";
import type { ImportAnswer } from "./generated/app/ImportAnswer";
import type { CaptureAnswer } from "./generated/app/CaptureAnswer";
import type { CaptureRequest } from "./generated/app/CaptureRequest";
import type { CaptureStatus } from "./generated/app/CaptureStatus";
import type { CapturedMemberView } from "./generated/app/CapturedMemberView";
import type { DrivePrint } from "./generated/app/DrivePrint";
import type { EntryRequest } from "./generated/EntryRequest";
import type { EntryView } from "./generated/EntryView";
import type { Lane } from "./generated/Lane";
import type { LoginRequest } from "./generated/LoginRequest";
import type { OfficeCalendar } from "./generated/OfficeCalendar";
import type { OfficeSummary } from "./generated/OfficeSummary";
import type { RegisterRequest } from "./generated/RegisterRequest";
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
import type { NotificationView } from "./generated/NotificationView";
import type { ServiceStatus } from "./generated/ServiceStatus";
import type { RateVisitRequest } from "./generated/RateVisitRequest";
import type { IntegrityReportRequest } from "./generated/IntegrityReportRequest";

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
  EventSiteRequest,
  EventSiteView,
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
  CaptureAnswer,
  CaptureRequest,
  CaptureStatus,
  CapturedMemberView,
  DrivePrint,
  WaitlistRequest,
  WaitlistView,
  WalkInRequest,
  NotificationView,
  ServiceStatus,
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
const LOCAL_COMMANDS = new Set<CommandName>([
  "app_info", "set_locale", "set_text_size", "set_start_at_login", "dismiss_start_at_login_offer",
  "server_clock", "logout", "restore_session", "check_password", "ended_session", "saved_bookings",
  "check_nik", "fee_preview", "get_booking", "save_slip", "open_saved_file", "proof_qr", "write_queue", "notifications",
  "send_queued_writes", "dismiss_refused_write", "release_reminders", "remind_at_release",
  "capture_member", "capture_status", "sync_captures", "discard_capture", "save_drive_print",
]);

type Args<K extends CommandName> = Commands[K]["args"];
type Answer<K extends CommandName> = Commands[K]["result"];

async function call<K extends CommandName>(cmd: K, ...args: Args<K> extends Record<string, never> ? [] : [Args<K>]): Promise<Answer<K>> {
  try {
    const result = await invoke<Answer<K>>(cmd, args[0]);
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

function captureReach(status: CaptureStatus): CaptureStatus {
  if (status.online === true || status.online === false) networkListener?.(status.online);
  return status;
}

export const api = {
  appInfo: () => call("app_info"),
  setLocale: (locale: UiLocale | null) => call("set_locale", { locale }),
  setTextSize: (size: TextSize) => call("set_text_size", { size }),
  setStartAtLogin: (enabled: boolean) => call("set_start_at_login", { enabled }),
  dismissStartAtLoginOffer: () => call("dismiss_start_at_login_offer"),
  // Connectivity is what the ping says (the command itself always answers).
  ping: async () => {
    const ok = await invoke<Answer<"ping">>("ping" satisfies CommandName).catch(() => false);
    networkListener?.(ok);
    return ok;
  },
  serverClock: () => call("server_clock"),

  register: (request: RegisterRequest) => call("register", { request }),
  verify: (request: VerifyRequest) => call("verify", { request }),
  login: (request: LoginRequest) => call("login", { request }),
  logout: () => call("logout"),
  restoreSession: () => call("restore_session"),

  // The account: codes, the password, devices, deletion
  resendCode: (request: ResendRequest) => call("resend_code", { request }),
  forgotPassword: (request: PasswordResetRequest) => call("forgot_password", { request }),
  resetPassword: (request: PasswordResetConfirm) => call("reset_password", { request }),
  checkPassword: (password: string) => call("check_password", { password }),
  account: () => call("account"),
  sendPhoneCode: () => call("send_phone_code"),
  verifyPhone: (code: string) => call("verify_phone", { code }),
  listSessions: () => call("list_sessions"),
  endSession: (id: string) => call("end_session", { id }),
  signOutEverywhere: () => call("sign_out_everywhere"),
  deleteAccount: () => call("delete_account"),
  endedSession: () => call("ended_session"),
  savedBookings: () => call("saved_bookings"),

  checkNik: (nik: string, birthDate: string | null) => call("check_nik", { nik, birthDate }),
  listApplicants: () => call("list_applicants"),
  addApplicant: (request: ApplicantRequest) => call("add_applicant", { request }),
  updateApplicant: (id: string, request: ApplicantRequest) =>
    call("update_applicant", { id, request }),
  deleteApplicant: (id: string) => call("delete_applicant", { id }),

  listOffices: () => call("list_offices"),
  search: (params: SearchParams) => call("search_availability", { params }),
  officeCalendar: (officeId: string, from: string, to: string) =>
    call("office_calendar", { officeId, from, to }),
  daySlots: (officeId: string, date: string, lane: Lane | null) =>
    call("day_slots", { officeId, date, lane }),

  feePreview: (request: FeePreviewRequest) => call("fee_preview", { request }),
  createBooking: (request: CreateBookingRequest, idempotencyKey: string) =>
    call("create_booking", { request, idempotencyKey }),
  listBookings: async () => {
    const snap = await call("list_bookings");
    // The saved copy came back because the server could not be reached.
    networkListener?.(!snap.offline);
    return snap;
  },
  getBooking: (id: string) => call("get_booking", { id }),
  reschedule: (id: string, slotId: number) => call("reschedule_booking", { id, slotId }),
  cancel: (id: string) => call("cancel_booking", { id }),
  exportIcs: (id: string) => call("export_ics", { id }),
  /** The system's save dialog, then the PDF written there; null when the user cancelled. */
  saveSlip: (id: string) => call("save_slip", { id }),
  /** Opens a file the user saved through the app (only those) in the system's viewer. */
  openSavedFile: (path: string) => call("open_saved_file", { path }),
  proofQr: (proof: string) => call("proof_qr", { proof }),
  confirmAttendance: (id: string) => call("confirm_attendance", { id }),

  // Writes made offline (a booking, a cancel), and whether the server answered last time.
  writeQueue: () => withReach(call("write_queue")),
  sendQueuedWrites: () => withReach(call("send_queued_writes")),
  dismissRefusedWrite: (key: string) => call("dismiss_refused_write", { key }),
  // A reminder at the instant a quota opens.
  remindAtRelease: (officeId: string, releaseAt: string, first: string, last: string) =>
    call("remind_at_release", { officeId, releaseAt, first, last }),
  releaseReminders: () => call("release_reminders"),
  // The office desk (staff of the office)
  deskDay: (officeId: string, date: string | null) => call("desk_day", { officeId, date }),
  // An office's results over time, per week or per calendar month (staff of the office, its head, admins).
  officeFeedback: (officeId: string, from: string, to: string, period: FeedbackPeriod) =>
    call("office_feedback", { officeId, from, to, period }),
  deskCheckIn: (officeId: string, proof: string, nik: string | null) =>
    call("desk_check_in", { officeId, proof, nik }),
  walkIn: (officeId: string, request: WalkInRequest, idempotencyKey: string) =>
    call("walk_in", { officeId, request, idempotencyKey }),
  noShowSweep: (officeId: string, date: string) => call("no_show_sweep", { officeId, date }),
  createEventSite: (officeId: string, request: EventSiteRequest) =>
    call("create_event_site", { officeId, request }),

  // Outreach drives (outreach officers and the head of an office)
  listDrives: (officeId: string) => call("list_drives", { officeId }),
  createDrive: (officeId: string, request: DriveRequest) => call("create_drive", { officeId, request }),
  getDrive: (id: string) => call("get_drive", { id }),
  addMembers: (id: string, request: AddMembersRequest) => call("add_members", { id, request }),
  importMembers: (id: string, file: string) => call("import_members", { id, file }),
  exportMembers: (id: string) => call("export_members", { id }),
  hajjCheck: (id: string, file: string) => call("hajj_check", { id, file }),
  // Members captured on the device (kept encrypted, sent when the server answers), and the
  // drive's printed roster and slips.
  captureMember: async (id: string, request: CaptureRequest) => {
    const answer = await call("capture_member", { id, request });
    captureReach(answer.status);
    return answer;
  },
  captureStatus: (id: string) => call("capture_status", { id }),
  syncCaptures: async (id: string) => captureReach(await call("sync_captures", { id })),
  discardCapture: (id: string, memberId: string) => call("discard_capture", { id, memberId }),
  saveDrivePrint: (id: string, print: DrivePrint) => call("save_drive_print", { id, print }),

  // The release draw
  listDraws: (from: string | null, to: string | null) => call("list_draws", { from, to }),
  getDraw: (id: string) => call("get_draw", { id }),
  drawOffice: (drawId: string, officeId: string) => call("draw_office", { drawId, officeId }),
  checkDraw: (id: string) => call("check_draw", { id }),
  saveDrawResult: (id: string) => call("save_draw_result", { id }),
  enterDraw: (drawId: string, applicantId: string, request: EntryRequest) =>
    call("enter_draw", { drawId, applicantId, request }),
  withdrawEntry: (drawId: string, applicantId: string) => call("withdraw_entry", { drawId, applicantId }),

  // Entries and places in line
  fairRelease: async () => {
    const snap = await call("fair_release");
    networkListener?.(!snap.offline);
    return snap;
  },
  joinWaitlist: (request: WaitlistRequest) => call("join_waitlist", { request }),
  leaveWaitlist: (id: string) => call("leave_waitlist", { id }),
  acceptOffer: (id: string) => call("accept_offer", { id }),
  declineOffer: (id: string) => call("decline_offer", { id }),

  // Issue 11: the server's notices (saved copy, polled in the background by the Rust side),
  // the one tap after a closure, the public status of every office.
  notifications: () => call("notifications"),
  specialReschedule: (id: string) => call("special_reschedule", { id }),
  serviceStatus: () => call("service_status"),
  rateVisit: (id: string, request: RateVisitRequest) => call("rate_visit", { id, request }),
  reportIntegrity: (request: IntegrityReportRequest) => call("report_integrity", { request }),
};

export type Api = typeof api;
