//! The QR code of a booking proof and the printable slip (for a relative without a phone): a
//! PDF drawn by [`crate::slip_pdf`], texts from Fluent in the user's language.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The proof as an SVG QR code (medium error correction: survives a creased printout).
pub fn qr_svg(data: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(240, 240)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build(),
    )
}

/// The Fluent id of a booking status.
pub fn status_id(status: antre_api::BookingStatus) -> &'static str {
    match status {
        antre_api::BookingStatus::PendingPayment => "status-pending-payment",
        antre_api::BookingStatus::Confirmed => "status-confirmed",
        antre_api::BookingStatus::CheckedIn => "status-checked-in",
        antre_api::BookingStatus::Cancelled => "status-cancelled",
        antre_api::BookingStatus::Lapsed => "status-lapsed",
        antre_api::BookingStatus::NoShow => "status-no-show",
    }
}

/// The Fluent id of a lane.
pub fn lane_id(lane: antre_api::Lane) -> &'static str {
    match lane {
        antre_api::Lane::Regular => "lane-regular",
        antre_api::Lane::SameDay => "lane-same-day",
        antre_api::Lane::Priority => "lane-priority",
    }
}

pub use crate::slip_pdf::slip_pdf;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_is_an_svg() {
        let svg = qr_svg("antre1.eyJib29raW5nX2lkIjoiMSJ9.c2ln").unwrap();
        assert!(svg.contains("<svg") && svg.contains("#000000"));
    }
}
