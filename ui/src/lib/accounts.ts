// Plain logic of the account screens: the wait before a new code may be asked for, which
// field a server error belongs to, and which actions an error offers on each screen.
import { ZONES } from "../generated/zones";
import type { AppError } from "../ipc";

/** "0:42", "1:05": the wait shown next to "send a new code". */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** Whole seconds from `now` until `at` (ms since the epoch), never below 0; 0 when unset. */
export function secondsUntil(at: number | null, now: number = Date.now()): number {
  if (at === null) return 0;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The server's field names as the forms' input ids (`new_password` is the reset form's password). */
const FIELD_IDS: Record<string, string> = { email: "email", phone: "phone", password: "password", new_password: "password", code: "code" };

/** The form field (input id) an error belongs to, if it is one of `shown`. */
export function errorField(error: AppError | null, shown: readonly string[]): string | null {
  const id = error?.field ? FIELD_IDS[error.field] : undefined;
  if (id && shown.includes(id)) return id;
  // A wrong or used-up code always concerns the code field, whatever the server named.
  if (error?.code === "invalid_verification_code" && shown.includes("code")) return "code";
  if (error?.code === "weak_password" && shown.includes("password")) return "password";
  return null;
}

/** What an error can lead to, where the app can do it. */
export type ErrorAction = "forgot" | "resend" | "enter_code" | "sign_in" | "retry";

/** The screens of the account. */
export type AccountScreen = "login" | "register" | "verify" | "forgot" | "reset" | "phone" | "account";

/**
 * The actions an error offers on a screen, as buttons next to its text. Only what the app can
 * do from there: the verify and reset screens show "send a new code" already, so their errors
 * add nothing for it; a wait (too many attempts) on sign-in leads to "forgot password?".
 */
export function errorActions(code: string, screen: AccountScreen): ErrorAction[] {
  if (code === "network" || code === "overloaded" || code === "internal") return ["retry"];
  switch (screen) {
    case "login":
      if (code === "invalid_credentials" || code === "too_many_attempts") return ["forgot"];
      if (code === "account_not_verified") return ["resend", "enter_code"];
      return [];
    case "register":
      if (code === "email_taken") return ["sign_in", "forgot"];
      return [];
    default:
      return [];
  }
}


/** The zone to show times without an office in (a device's last use): the device's own zone
 * when it is an Indonesian one, else WIB. Always shown with its label. */
export function displayZone(deviceZone: string | undefined = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  // Indonesian zones by name (the domain's table, generated); any other is shown as WIB.
  return deviceZone && deviceZone in ZONES ? deviceZone : "Asia/Jakarta";
}
