// Written by `cargo test -p antre-app-core` from antre_app_core::error::APP_ERROR_CODES. Do not edit.

/** What an app error code says about the server: no answer; a write made without an
 * answer (queued or refused); or the app's own answer, made without asking it. */
export type Reach = "no_answer" | "write_without_answer" | "local";

/** The codes the app itself produces (the server never sends these); each has its
 * message `app-error-<code>`. Every other code is the server's (`error-<code>`). */
export const APP_ERROR_CODES: Readonly<Record<string, Reach>> = {
  network: "no_answer",
  not_signed_in: "local",
  storage: "local",
  keyring_unavailable: "local",
  no_cached_data: "local",
  start_at_login: "local",
  queued_offline: "write_without_answer",
  offline_write: "write_without_answer",
  sealed_key_missing: "local",
  sealed_unreadable: "local",
  sealed_no_keyring: "local",
  already_captured: "local",
};
