//! Antre's domain: the rules of passport appointments, as plain data and functions.
//!
//! Nothing here does IO, knows about HTTP, SQL or Tauri. Every type that reaches this crate
//! from the outside is parsed once into a type that can only hold valid values
//! ("parse, don't validate"), so code further in never re-checks.

pub mod area;
pub mod booking;
pub mod calendar;
pub mod desk;
pub mod disruption;
pub mod documents;
pub mod draw;
pub mod error;
pub mod feedback;
pub mod fees;
pub mod lane;
pub mod nik;
pub mod office;
pub mod outreach;
pub mod person;
pub mod quota;
pub mod release;
pub mod sms;

pub use error::DomainError;
