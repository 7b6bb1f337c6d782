// Server error codes map to `error-<code>` (errors.ftl); the app's own codes to
// `app-error-<code>` (app.ftl). The server's localized `message` is the last resort.
import { has, t } from "../i18n";
import type { AppError } from "../ipc";

const APP_CODES: Record<string, string> = {
  network: "app-error-network",
  not_signed_in: "app-error-not-signed-in",
  storage: "app-error-storage",
  keyring_unavailable: "app-error-keyring-unavailable",
  no_cached_data: "app-error-no-cached-data",
  queued_offline: "app-error-queued-offline",
  offline_write: "app-error-offline-write",
  start_at_login: "app-error-start-at-login",
  sealed_key_missing: "app-error-sealed-key-missing",
  sealed_unreadable: "app-error-sealed-unreadable",
  sealed_no_keyring: "app-error-sealed-no-keyring",
};

export function errorMessageId(code: string): string {
  return APP_CODES[code] ?? `error-${code.replace(/_/g, "-")}`;
}

export function describeError(e: AppError): string {
  const id = errorMessageId(e.code);
  if (has(id)) {
    if (e.code === "applicant_limit_reached") return t(id, { max: 5 });
    // The wait, read by the Rust side from the server's message (it has no field of its own).
    if (e.code === "too_many_attempts") return e.minutes != null ? t(id, { minutes: e.minutes }) : e.message || t("error-rate-limited");
    // Messages with the server's own values (dates, reasons) come rendered from the same FTL.
    if ((e.code === "slot_not_released" || e.code === "nik_cooling_down") && e.message) return e.message;
    return t(id);
  }
  return e.message || t("error-internal");
}
