//! A drive on paper, for people without a phone: the roster (who is registered, masked NIK,
//! when, the billing code each pays with, no QR) and one slip per registered member (a page
//! each: that member's own QR proof, the drive's place and time in the office's zone, the code
//! and the fee, the official-fee notice). Drawn like the booking slip ([`crate::slip_pdf`]:
//! krilla, DejaVu Sans embedded, QR as vector squares), every text from Fluent.

use crate::reminders::format_instant;
use crate::slip_pdf::{render, Layout};
use antre_api::drives::{DriveRoster, MemberView};
use antre_i18n::{Arg, Locale, Localizer};

/// Members still holding their place (the roster and the slips leave out cancelled ones).
fn holding(m: &MemberView) -> bool {
    matches!(
        m.status,
        antre_api::BookingStatus::PendingPayment
            | antre_api::BookingStatus::Confirmed
            | antre_api::BookingStatus::CheckedIn
    )
}

fn heading(page: &mut Layout, r: &DriveRoster, l10n: &Localizer, locale: Locale, title: &str) {
    let d = &r.drive;
    page.paragraph(0.0, title, 18.0);
    page.paragraph(0.0, &d.name, 13.0);
    page.gap(6.0);
    let m = |id: &str| l10n.message(locale, id, &[]);
    page.row(&m("app-roster-place"), &d.place.name);
    page.row(
        &m("app-field-when"),
        &format!(
            "{} – {}",
            format_instant(l10n, locale, d.starts_at, &d.time_zone),
            format_instant(l10n, locale, d.ends_at, &d.time_zone)
        ),
    );
    page.row(&m("app-roster-code"), &d.code);
}

/// The roster: one line per member holding a place, in the order registered.
pub fn roster_pdf(r: &DriveRoster, l10n: &Localizer, locale: Locale) -> Result<Vec<u8>, String> {
    let m = |id: &str, args: &[(&str, Arg)]| l10n.message(locale, id, args);
    let tz = &r.drive.time_zone;
    let members: Vec<&MemberView> = r.members.iter().filter(|m| holding(m)).collect();
    let mut page = Layout::new();
    heading(&mut page, r, l10n, locale, &m("app-roster-title", &[]));
    page.row(
        &m("app-roster-count-label", &[]),
        &m(
            "app-drive-places",
            &[
                ("registered", Arg::from(members.len() as i64)),
                ("capacity", Arg::from(i64::from(r.drive.capacity))),
            ],
        ),
    );
    page.gap(10.0);
    for (i, member) in members.iter().enumerate() {
        page.row(
            &format!("{}. {}", i + 1, member.name),
            &m(
                "app-roster-line",
                &[
                    ("nik", Arg::from(member.nik_masked.as_str())),
                    (
                        "registered",
                        Arg::from(format_instant(l10n, locale, member.registered_at, tz)),
                    ),
                    ("code", Arg::from(member.billing_code.as_str())),
                    (
                        "status",
                        Arg::from(m(crate::slip::status_id(member.status), &[])),
                    ),
                ],
            ),
        );
    }
    if members.is_empty() {
        page.paragraph(0.0, &m("app-roster-empty", &[]), 11.0);
    }
    page.gap(10.0);
    page.paragraph(0.0, &m("notice-official-fee-only", &[]), 10.0);
    render(page.pages)
}

/// One page per member holding a place, each with that member's QR proof.
pub fn member_slips_pdf(
    r: &DriveRoster,
    l10n: &Localizer,
    locale: Locale,
) -> Result<Vec<u8>, String> {
    let m = |id: &str| l10n.message(locale, id, &[]);
    let tz = &r.drive.time_zone;
    let mut page = Layout::new();
    let members: Vec<&MemberView> = r.members.iter().filter(|m| holding(m)).collect();
    if members.is_empty() {
        heading(&mut page, r, l10n, locale, &m("app-slip-title"));
        page.paragraph(0.0, &m("app-roster-empty"), 11.0);
    }
    for member in members {
        page.new_page();
        heading(&mut page, r, l10n, locale, &m("app-slip-title"));
        page.gap(16.0);
        page.proof_qr(member.proof.as_deref(), &m("app-slip-no-proof"), 16.0);
        page.row(
            &m("app-field-applicant"),
            &format!("{} ({})", member.name, member.nik_masked),
        );
        page.row(
            &m("app-field-billing-code"),
            &format!(
                "{} · {} {}",
                member.billing_code,
                m("app-field-pay-before"),
                format_instant(l10n, locale, member.payment_deadline, tz)
            ),
        );
        page.row(
            &m("fee-total"),
            &l10n.format_rupiah(locale, member.fee_total),
        );
        page.gap(8.0);
        page.framed(&m("notice-official-fee-only"));
        page.gap(10.0);
        page.paragraph(0.0, &m("app-slip-footer"), 10.0);
    }
    render(page.pages)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::slip_pdf::tests::text_of;
    use antre_api::drives::{DriveLeader, DrivePlace, DriveView};
    use antre_api::{ApplicationKind, BookingStatus};
    use antre_domain::outreach::DriveKind;
    use chrono::{DateTime, NaiveDate, Utc};
    use uuid::Uuid;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn member(n: u32, name: &str, status: BookingStatus, proof: Option<&str>) -> MemberView {
        MemberView {
            id: Uuid::new_v4(),
            member_id: Uuid::new_v4().to_string(),
            name: name.into(),
            birth_date: NaiveDate::from_ymd_opt(1990, 5, 17).unwrap(),
            nik_masked: format!("3275••••••••{n:02}01"),
            application_kind: ApplicationKind::New,
            phone: None,
            booking_id: Uuid::new_v4(),
            status,
            billing_code: format!("88012345678901{n:02}"),
            fee_total: 650_000,
            payment_deadline: at("2026-12-10T01:00:00Z"),
            queue_number: None,
            proof: proof.map(str::to_string),
            registered_at: at("2026-12-04T08:30:00Z"),
        }
    }

    pub(crate) fn roster() -> DriveRoster {
        DriveRoster {
            drive: DriveView {
                id: Uuid::new_v4(),
                code: "DRV7K2QX".into(),
                office_id: "kanim-bekasi".into(),
                kind: DriveKind::Community,
                name: "Warga Desa Sukamaju".into(),
                place: DrivePlace {
                    name: "Balai Desa Sukamaju".into(),
                    address: String::new(),
                    lat: -6.3,
                    lon: 107.1,
                },
                date: NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
                starts_at: at("2026-12-10T01:00:00Z"),
                ends_at: at("2026-12-10T05:00:00Z"),
                time_zone: "Asia/Jakarta".into(),
                capacity: 50,
                registered: 3,
                leader: DriveLeader {
                    name: "Ahmad Saputra".into(),
                    phone: "081234567890".into(),
                },
                created_by: Uuid::nil(),
                created_at: at("2026-12-04T08:00:00Z"),
            },
            members: vec![
                member(
                    1,
                    "Siti Aminah",
                    BookingStatus::PendingPayment,
                    Some(PROOF_A),
                ),
                member(2, "Budi Santoso", BookingStatus::Confirmed, Some(PROOF_B)),
                member(3, "Dewi Lestari", BookingStatus::Cancelled, None),
            ],
        }
    }

    const PROOF_A: &str = "antre1.eyJib29raW5nX2lkIjoiYSJ9.c2lnbmF0dXJlLWE";
    const PROOF_B: &str = "antre1.eyJib29raW5nX2lkIjoiYiJ9.c2lnbmF0dXJlLWI";

    #[test]
    fn the_roster_lists_each_member_holding_a_place_with_masked_nik_time_and_code() {
        let l10n = Localizer::new();
        let r = roster();
        let pdf = roster_pdf(&r, &l10n, Locale::Id).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = text_of(&pdf);
        for expected in [
            l10n.message(Locale::Id, "app-roster-title", &[]),
            "Warga Desa Sukamaju".to_string(),
            "Balai Desa Sukamaju".to_string(),
            "DRV7K2QX".to_string(),
            "Kamis, 10 Desember 2026, 08.00 WIB".to_string(),
            "1. Siti Aminah".to_string(),
            "2. Budi Santoso".to_string(),
            r.members[0].nik_masked.clone(),
            r.members[0].billing_code.clone(),
            r.members[1].billing_code.clone(),
            "15.30 WIB".to_string(),
        ] {
            assert!(text.contains(&expected), "{expected:?} missing from {text}");
        }
        assert!(!text.contains("Dewi Lestari"), "a cancelled member listed");
        assert!(!text.contains("3275014201600001"), "a full NIK");
        assert!(
            !text.contains("app-roster-title"),
            "a message id instead of its text"
        );
        // No QR on the roster.
        assert_eq!(crate::slip_pdf::tests::squares_on_first_page(&pdf), 0);
    }

    #[test]
    fn one_slip_per_member_each_with_its_own_qr_in_english() {
        let l10n = Localizer::new();
        let r = roster();
        let pdf = member_slips_pdf(&r, &l10n, Locale::En).unwrap();
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        assert_eq!(
            doc.get_pages().len(),
            2,
            "a page per member holding a place"
        );
        let text = text_of(&pdf);
        for expected in [
            "Siti Aminah (3275••••••••0101)",
            "Budi Santoso (3275••••••••0201)",
            "Thursday, 10 December 2026, 08:00 WIB",
            "Rp650,000",
            r.members[1].billing_code.as_str(),
        ] {
            assert!(text.contains(expected), "{expected:?} missing from {text}");
        }
        // The first page carries the first member's QR (and the notice's frame).
        let dark = crate::slip_pdf::qr_modules(PROOF_A)
            .unwrap()
            .iter()
            .flatten()
            .filter(|d| **d)
            .count();
        assert_eq!(
            crate::slip_pdf::tests::squares_on_first_page(&pdf),
            dark + 1
        );
    }
}
