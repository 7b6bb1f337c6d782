// Server error codes map to `error-<code>` (errors.ftl); the app's own codes to
// `app-error-<code>` (app.ftl). The server's localized `message` is the last resort.
import { has, t } from "../i18n";
import { APP_ERROR_CODES } from "../generated/app/errorCodes";
import type { AppError } from "../ipc";

/** The message explaining a code (the app's codes come from Rust, generated). */
export function errorMessageId(code: string): string {
  const kebab = code.replace(/_/g, "-");
  return Object.hasOwn(APP_ERROR_CODES, code) ? `app-error-${kebab}` : `error-${kebab}`;
}

export function describeError(e: AppError): string {
  const id = errorMessageId(e.code);
  if (has(id)) {
    if (e.code === "applicant_limit_reached") return t(id, { max: 5 });
    // The wait, read by the Rust side from the server's message (it has no field of its own).
    if (e.code === "too_many_attempts") return e.minutes != null ? t(id, { minutes: e.minutes }) : e.message || t("error-rate-limited");
    // Messages with the server's own values (dates, reasons) come rendered from the same FTL.
    if ((e.code === "slot_not_released" || e.code === "nik_cooling_down") && e.message) return e.message;
    // Names the member already on the drive (rendered on the device, in the user's language).
    if (e.code === "already_captured" && e.message) return e.message;
    return t(id);
  }
  return e.message || t("error-internal");
}
