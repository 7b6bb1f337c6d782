//! Localization for Antre: the one place where user-facing text lives.
//!
//! The texts are [Fluent](https://projectfluent.org) files under `i18n/<locale>/*.ftl` at the
//! repository root, shared with the web UI. This crate embeds them at compile time and serves
//! them to the HTTP server (error messages, calendar files) and the app (notifications,
//! printed slips). Indonesian (`id`) is the default; English (`en`) is complete, and the tests
//! keep both in step: same messages, same attributes, same variables.
//!
//! ```
//! use antre_i18n::{error_message_id, Locale, Localizer};
//!
//! let l10n = Localizer::new();
//! let locale = Locale::negotiate("en-US,en;q=0.9,id;q=0.8");
//! let text = l10n.message(locale, &error_message_id("applicant_limit_reached"), &[("max", 5.into())]);
//! assert!(text.contains('5'));
//! assert_eq!(l10n.format_rupiah(Locale::Id, 350_000), "Rp350.000");
//! ```
//!
//! Message ids other crates rely on (each present in every locale):
//! - errors: `error-<code>` for every code in [`ERROR_CODES`];
//! - lanes: `lane-regular`, `lane-same-day`, `lane-priority`;
//! - booking statuses: `status-pending-payment`, `status-confirmed`, `status-checked-in`,
//!   `status-cancelled`, `status-lapsed`, `status-no-show`;
//! - zones: `zone-wib`, `zone-wita`, `zone-wit` (attribute `.long` gives the full name);
//! - documents: `doc-ektp`, `doc-family-card`, `doc-birth-or-marriage-or-diploma`,
//!   `doc-old-passport`, `doc-police-report`, `doc-damaged-passport`, `doc-parents-ektp`,
//!   `doc-birth-certificate`, `doc-parents-marriage-book`, `doc-parents-passports`,
//!   `doc-parental-statement`;
//! - fee items: `fee-ordinary-5y`, `fee-ordinary-10y`, `fee-electronic-5y`,
//!   `fee-electronic-10y`, `fee-same-day`, `fee-lost`, `fee-damaged`, and the notice
//!   `notice-official-fee-only`;
//! - calendar event: `calendar-summary` (`$office`), `calendar-description` (`$name`,
//!   `$office`, `$date`, `$time`, `$billing_code`, `$documents`), `calendar-alarm`
//!   (`$office`, `$time`);
//! - reminders: `notification-{payment-deadline,evening-before,morning-of}-{title,body}`;
//! - one-time code: `verification-code-message` (`$code`), `verification-code-subject`.
//!
//! The `.ftl` files themselves document the variables of each message.

mod codes;
mod locale;
mod localizer;

#[cfg(test)]
mod ftl_tests;

pub use codes::{error_message_id, ERROR_CODES};
pub use locale::Locale;
pub use localizer::{Arg, Localizer};
