//! The HTTP API, one router per area. Handlers parse the request, call the store and the
//! domain, and shape the response; they hold no rules of their own.

pub mod accounts;
pub mod applicants;
pub mod booking_view;
pub mod bookings;
pub mod desk;
pub mod disruptions;
pub mod draws;
pub mod drives;
pub mod event_sites;
pub mod feedback;
mod local_hours;
pub mod meta;
pub mod offices;
pub mod payments;
pub mod proofs;
pub mod sms;
pub mod staff;
pub mod waitlist;

use crate::error::ApiError;
use crate::state::AppState;
use antre_i18n::Locale;
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::request::Parts;
use axum::Router;

/// `Json` whose rejections are `ApiError`s (localized, with the field at fault).
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// The language the client asked for (`Accept-Language`, default Indonesian).
pub struct ClientLocale(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for ClientLocale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientLocale(crate::error::request_locale(&parts.headers)))
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(meta::router())
        .merge(accounts::router())
        .merge(applicants::router())
        .merge(offices::router())
        .merge(bookings::router())
        .merge(draws::router())
        .merge(staff::router())
        .merge(desk::router())
        .merge(drives::router())
        .merge(event_sites::router())
        .merge(disruptions::router())
        .merge(feedback::router())
        .merge(waitlist::router())
        .merge(payments::router())
        .merge(sms::router())
        .merge(proofs::router())
}
