//! The Antre app without its window. Everything the Tauri commands do lives here as plain Rust,
//! so that it is tested without a webview:
//!
//! - [`session`]: the sign-in token in the OS keyring (memory only, and said so, where none);
//! - [`backend`]: the server's API as a trait, implemented over `antre-client` in [`http`];
//! - [`accounts`]: new codes, password reset, the phone's verification, signed-in devices,
//!   account deletion, and a session that ended elsewhere (the saved copy stays readable);
//! - [`app`]: the operations the UI calls, with the offline cache and safe retries;
//! - [`queue`]: writes made offline (booking, cancel) queued with their idempotency keys and
//!   sent once the server answers, refusals kept to show; other writes refused (never queued), and said so;
//! - [`fair`]: the release draw (enter, change, withdraw, outcome, the published order checked
//!   on this device) and the waitlist (join, leave, accept or let pass an offer);
//! - [`outcomes`]: the background check that notices draw outcomes and offers, asking the
//!   server only while something can change, and keeps the notices to show;
//! - [`reminders`]: durable reminders (payment deadline, evening before, morning of), texts from
//!   Fluent in the user's language;
//! - [`slip`]: the printable slip and the QR code of the booking proof;
//! - [`nik`]: as-you-type NIK checks with the domain crate's exact error codes;
//! - [`capture`]: outreach drives offline: members captured and checked on the device, sealed
//!   at rest ([`sealed`]: XChaCha20-Poly1305, the key in the keyring), sent in batches when the
//!   server answers, an outcome each; [`roster_pdf`] the drive's printed roster and slips.

pub mod accounts;
pub mod app;
pub mod backend;
pub mod capture;
pub mod error;
pub mod fair;
pub mod http;
pub mod nik;
pub mod notifications;
pub mod outcomes;
pub mod queue;
pub mod reminders;
pub mod roster_pdf;
pub mod sealed;
pub mod session;
pub mod settings;
pub mod slip;
pub mod slip_pdf;
pub mod store;
pub mod types;

#[cfg(test)]
mod app_tests;

pub use app::App;
pub use error::AppError;
