//! The QR code of a booking proof and the printable slip (for a relative without a phone):
//! one self-contained HTML page, texts from Fluent in the user's language.

use crate::reminders::format_instant;
use antre_api::bookings::BookingView;
use antre_i18n::{Locale, Localizer};
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

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The printable slip: who, where, when (office time and zone), fee, billing code, documents,
/// the QR proof and the notice that nobody else is to be paid.
pub fn slip_html(b: &BookingView, l10n: &Localizer, locale: Locale) -> String {
    let m = |id: &str| esc(&l10n.message(locale, id, &[]));
    let when = format_instant(l10n, locale, b.starts_at, &b.office.time_zone);
    let deadline = format_instant(l10n, locale, b.payment_deadline, &b.office.time_zone);
    let fees: String = b
        .fee_lines
        .iter()
        .map(|l| {
            format!(
                "<tr><td>{}</td><td class=n>{}</td></tr>",
                m(&l.item),
                esc(&l10n.format_rupiah(locale, l.rupiah))
            )
        })
        .collect();
    let docs: String = b
        .documents
        .iter()
        .map(|d| format!("<li>{}</li>", m(d)))
        .collect();
    let qr = match b.proof.as_deref().and_then(qr_svg) {
        Some(svg) => svg,
        None => format!("<p class=box>{}</p>", m("app-slip-no-proof")),
    };
    let status = m(match b.status {
        antre_api::BookingStatus::PendingPayment => "status-pending-payment",
        antre_api::BookingStatus::Confirmed => "status-confirmed",
        antre_api::BookingStatus::CheckedIn => "status-checked-in",
        antre_api::BookingStatus::Cancelled => "status-cancelled",
        antre_api::BookingStatus::Lapsed => "status-lapsed",
        antre_api::BookingStatus::NoShow => "status-no-show",
    });
    let lane = m(match b.lane {
        antre_api::Lane::Regular => "lane-regular",
        antre_api::Lane::SameDay => "lane-same-day",
        antre_api::Lane::Priority => "lane-priority",
    });
    format!(
        r#"<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>
body{{font:16px/1.45 system-ui,sans-serif;color:#000;max-width:42em;margin:1.5em auto;padding:0 1em}}
h1{{font-size:1.5em;margin:0 0 .2em}} table{{border-collapse:collapse;width:100%}}
td{{padding:.25em .4em;border-bottom:1px solid #999;vertical-align:top}} .n{{text-align:right;white-space:nowrap}}
.box{{border:2px solid #000;padding:.6em}} .qr{{text-align:center}} .qr svg{{width:60mm;height:60mm}}
@media print{{button{{display:none}} body{{margin:0}}}}
</style></head><body>
<h1>{title}</h1>
<p>{status}</p>
<table>
<tr><td>{l_name}</td><td><strong>{name}</strong> ({nik})</td></tr>
<tr><td>{l_office}</td><td><strong>{office}</strong><br>{city}, {province}</td></tr>
<tr><td>{l_when}</td><td><strong>{when}</strong> ({session})</td></tr>
<tr><td>{l_lane}</td><td>{lane}</td></tr>
<tr><td>{l_billing}</td><td><strong>{billing}</strong><br>{l_deadline} {deadline}</td></tr>
</table>
<h2>{l_fees}</h2>
<table>{fees}<tr><td><strong>{l_total}</strong></td><td class=n><strong>{total}</strong></td></tr></table>
<p class=box>{notice}</p>
<h2>{l_docs}</h2><ul>{docs}</ul><p>{originals}</p>
<div class=qr>{qr}</div>
<p>{footer}</p>
<button onclick="print()">{l_print}</button>
</body></html>"#,
        lang = locale.tag(),
        title = m("app-slip-title"),
        l_name = m("app-field-applicant"),
        name = esc(&b.applicant.name),
        nik = esc(&b.applicant.nik_masked),
        l_office = m("app-field-office"),
        office = esc(&b.office.name),
        city = esc(&b.office.city),
        province = esc(&b.office.province),
        l_when = m("app-field-when"),
        when = esc(&when),
        session = esc(&b.session),
        l_lane = m("app-field-lane"),
        l_billing = m("app-field-billing-code"),
        billing = esc(&b.billing_code),
        l_deadline = m("app-field-pay-before"),
        l_fees = m("fee-heading"),
        l_total = m("fee-total"),
        total = esc(&l10n.format_rupiah(locale, b.fee_total)),
        notice = m("notice-official-fee-only"),
        l_docs = m("documents-heading"),
        originals = m("documents-originals"),
        footer = m("app-slip-footer"),
        l_print = m("app-action-print"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::tests::booking;
    use antre_api::BookingStatus;

    #[test]
    fn qr_is_an_svg() {
        let svg = qr_svg("antre1.eyJib29raW5nX2lkIjoiMSJ9.c2ln").unwrap();
        assert!(svg.contains("<svg") && svg.contains("#000000"));
    }

    #[test]
    fn slip_speaks_the_users_language() {
        let l10n = Localizer::new();
        let mut b = booking(BookingStatus::Confirmed);
        b.proof = Some("antre1.e30.c2ln".into());
        let id = slip_html(&b, &l10n, Locale::Id);
        assert!(id.contains("Selasa, 24 November 2026, 09.00 WIB"), "{id}");
        assert!(id.contains("Rp350.000") && id.contains("<svg"));
        assert!(!id.contains("app-slip-title"), "message missing");
        let en = slip_html(&b, &l10n, Locale::En);
        assert!(en.contains("Tuesday, 24 November 2026, 09:00 WIB") && en.contains("Rp350,000"));
        assert!(en.contains("lang=\"en\""));
    }
}
