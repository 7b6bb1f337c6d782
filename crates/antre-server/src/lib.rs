//! The Antre booking service: an axum HTTP layer over a sqlx store, with the rules from
//! `antre-domain`. `startup::spawn` builds everything; `routes` are thin adapters.

pub mod attendance;
pub mod auth;
pub mod backup;
pub mod billing;
pub mod catalog;
pub mod clock;
pub mod config;
pub mod disruptions;
pub mod draws;
pub mod error;
pub mod ics;
pub mod jobs;
pub mod notify;
pub mod openapi;
pub mod overload;
pub mod passwords;
pub mod personal_data;
pub mod planning;
pub mod proofs;
pub mod ratelimit;
pub mod reference;
pub mod routes;
pub mod search_snapshot;
pub mod secret_file;
pub mod seed;
pub mod sms;
pub mod startup;
pub mod state;
pub mod store;

pub use config::Config;
pub use error::ApiError;
