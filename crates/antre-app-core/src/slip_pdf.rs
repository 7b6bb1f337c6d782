//! The printable slip as a PDF (A4): the QR proof first, then who, where and when (in the
//! office's zone), the fee, the documents to bring and the notice that nobody else is to be
//! paid, every text from Fluent in the user's language. Drawn with krilla in DejaVu Sans
//! (embedded, subset: the slip prints the same on every system and its text can be copied and
//! read by screen readers); the QR is vector squares, crisp at any printer's resolution.

use crate::reminders::format_instant;
use antre_api::bookings::BookingView;
use antre_i18n::{Locale, Localizer};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use qrcode::{Color, EcLevel, QrCode};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::sync::Arc;

/// DejaVu Sans (Bitstream Vera licence, `fonts/LICENSE-DejaVu.txt`): free, and covers the
/// Latin script with the bullet of masked NIKs.
static FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

pub(crate) const PAGE_W: f32 = 595.0; // A4 in points
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
pub(crate) const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
pub(crate) const QR_SIZE: f32 = 200.0;

/// One thing to draw on a page.
pub(crate) enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
    },
    /// A frame around a block (the "pay nobody" notice).
    Frame { y: f32, h: f32 },
    Qr {
        x: f32,
        y: f32,
        modules: Vec<Vec<bool>>,
    },
}

/// Lays out the slip top to bottom, starting a new page when one is full.
pub(crate) struct Layout {
    pub(crate) pages: Vec<Vec<Op>>,
    pub(crate) y: f32,
    face: FontRef<'static>,
}

impl Layout {
    pub(crate) fn new() -> Layout {
        Layout {
            pages: vec![Vec::new()],
            y: MARGIN,
            face: FontRef::new(FONT).expect("the embedded font parses"),
        }
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.face.charmap();
        let metrics = self
            .face
            .glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size * 0.6)
            })
            .sum()
    }

    /// Room for `h` more points on this page, else a new page.
    pub(crate) fn room(&mut self, h: f32) {
        if self.y + h > PAGE_H - MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    /// Starts a new page (one slip per page).
    pub(crate) fn new_page(&mut self) {
        if !self.pages.last().is_some_and(Vec::is_empty) {
            self.pages.push(Vec::new());
        }
        self.y = MARGIN;
    }

    pub(crate) fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }

    /// `text` wrapped at word boundaries to `width` points.
    pub(crate) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(&candidate, size) > width {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// A paragraph at `x` (from the margin), wrapped to the rest of the line.
    pub(crate) fn paragraph(&mut self, indent: f32, text: &str, size: f32) {
        let leading = size * 1.35;
        for line in self.wrap(text, size, TEXT_W - indent) {
            self.room(leading);
            self.y += leading;
            let y = self.y - size * 0.3;
            self.push(Op::Text {
                x: MARGIN + indent,
                y,
                size,
                text: line,
            });
        }
    }

    /// A label and its value side by side (the value wrapped in its column).
    pub(crate) fn row(&mut self, label: &str, value: &str) {
        const LABEL_W: f32 = 150.0;
        let size = 11.0;
        let leading = size * 1.4;
        let labels = self.wrap(label, size, LABEL_W - 8.0);
        let values = self.wrap(value, size, TEXT_W - LABEL_W);
        let n = labels.len().max(values.len());
        self.room(leading * n as f32);
        for i in 0..n {
            self.y += leading;
            let y = self.y - size * 0.3;
            if let Some(l) = labels.get(i) {
                self.push(Op::Text {
                    x: MARGIN,
                    y,
                    size,
                    text: l.clone(),
                });
            }
            if let Some(v) = values.get(i) {
                self.push(Op::Text {
                    x: MARGIN + LABEL_W,
                    y,
                    size,
                    text: v.clone(),
                });
            }
        }
        self.y += 4.0;
    }

    /// `text` in a frame, kept on one page (the "pay nobody" notice of every slip).
    pub(crate) fn framed(&mut self, text: &str) {
        let lines = self.wrap(text, 11.0, TEXT_W - 16.0).len() as f32;
        let h = lines * 11.0 * 1.35 + 12.0;
        self.room(h);
        let top = self.y;
        self.push(Op::Frame { y: top, h });
        self.gap(4.0);
        self.paragraph(8.0, text, 11.0);
        self.y = top + h;
    }

    /// The proof's QR code, large and centred with white around it, then `after` points; the
    /// notice that there is none yet (not paid) where there is no proof.
    pub(crate) fn proof_qr(&mut self, proof: Option<&str>, no_proof: &str, after: f32) {
        match proof.and_then(qr_modules) {
            Some(modules) => {
                self.room(QR_SIZE);
                let y = self.y;
                self.push(Op::Qr {
                    x: (PAGE_W - QR_SIZE) / 2.0,
                    y,
                    modules,
                });
                self.y += QR_SIZE + after;
            }
            None => self.paragraph(0.0, no_proof, 12.0),
        }
    }

    pub(crate) fn gap(&mut self, h: f32) {
        self.y += h;
    }
}

/// The modules of the proof's QR code (medium error correction, as on screen), with the quiet
/// zone left to the page's white.
pub fn qr_modules(data: &str) -> Option<Vec<Vec<bool>>> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    Some(
        (0..w)
            .map(|y| (0..w).map(|x| colors[y * w + x] == Color::Dark).collect())
            .collect(),
    )
}

/// The slip as PDF bytes.
pub fn slip_pdf(b: &BookingView, l10n: &Localizer, locale: Locale) -> Result<Vec<u8>, String> {
    let m = |id: &str| l10n.message(locale, id, &[]);
    let tz = &b.office.time_zone;
    let mut page = Layout::new();

    page.paragraph(0.0, &m("app-slip-title"), 20.0);
    page.paragraph(0.0, &m(crate::slip::status_id(b.status)), 12.0);
    // What the gate needs first: the QR code, large, with a quiet zone of white around it.
    page.gap(24.0);
    page.proof_qr(b.proof.as_deref(), &m("app-slip-no-proof"), 24.0);
    page.gap(6.0);

    page.row(
        &m("app-field-applicant"),
        &format!("{} ({})", b.applicant.name, b.applicant.nik_masked),
    );
    let mut place = format!(
        "{}, {}, {}",
        b.office.name, b.office.city, b.office.province
    );
    if let Some(address) = &b.office.address {
        place = format!("{}, {address}", b.office.name);
    }
    page.row(&m("app-field-office"), &place);
    // At an event site of the office (a stadium): where to go, by its own name and place.
    if let Some(site) = &b.event_site {
        page.row(
            &m("app-event-site-title"),
            &format!("{} ({:.5}, {:.5})", site.name, site.lat, site.lon),
        );
    }
    page.row(
        &m("app-field-when"),
        &format!(
            "{} ({})",
            format_instant(l10n, locale, b.starts_at, tz),
            b.session
        ),
    );
    page.row(&m("app-field-lane"), &m(crate::slip::lane_id(b.lane)));
    if b.status == antre_api::BookingStatus::PendingPayment {
        page.row(
            &m("app-field-billing-code"),
            &format!(
                "{} · {} {}",
                b.billing_code,
                m("app-field-pay-before"),
                format_instant(l10n, locale, b.payment_deadline, tz)
            ),
        );
    }

    page.gap(8.0);
    page.paragraph(0.0, &m("fee-heading"), 14.0);
    for line in &b.fee_lines {
        page.row(&m(&line.item), &l10n.format_rupiah(locale, line.rupiah));
    }
    page.row(&m("fee-total"), &l10n.format_rupiah(locale, b.fee_total));

    // The notice, framed.
    page.gap(8.0);
    page.framed(&m("notice-official-fee-only"));

    page.gap(12.0);
    page.paragraph(0.0, &m("documents-heading"), 14.0);
    for d in &b.documents {
        page.paragraph(0.0, &format!("• {}", m(d)), 11.0);
    }
    page.paragraph(0.0, &m("documents-originals"), 11.0);
    page.gap(10.0);
    page.paragraph(0.0, &m("app-slip-footer"), 10.0);

    render(page.pages)
}

pub(crate) fn render(pages: Vec<Vec<Op>>) -> Result<Vec<u8>, String> {
    let font = Font::new(Arc::new(FONT.to_vec()).into(), 0).ok_or("font")?;
    let black = Fill {
        paint: rgb::Color::new(0, 0, 0).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    };
    let mut document = Document::new();
    for ops in pages {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text { x, y, size, text } => {
                    surface.set_fill(Some(black.clone()));
                    surface.set_stroke(None);
                    surface.draw_text(
                        Point::from_xy(x, y),
                        font.clone(),
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Frame { y, h } => {
                    let mut path = PathBuilder::new();
                    path.push_rect(Rect::from_xywh(MARGIN, y, TEXT_W, h).ok_or("frame")?);
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        width: 1.5,
                        ..Default::default()
                    }));
                    if let Some(path) = path.finish() {
                        surface.draw_path(&path);
                    }
                }
                Op::Qr { x, y, modules } => {
                    let cell = QR_SIZE / modules.len() as f32;
                    let mut path = PathBuilder::new();
                    for (row, line) in modules.iter().enumerate() {
                        for (col, dark) in line.iter().enumerate() {
                            if *dark {
                                let r = Rect::from_xywh(
                                    x + col as f32 * cell,
                                    y + row as f32 * cell,
                                    cell,
                                    cell,
                                )
                                .ok_or("qr")?;
                                path.push_rect(r);
                            }
                        }
                    }
                    surface.set_stroke(None);
                    surface.set_fill(Some(black.clone()));
                    if let Some(path) = path.finish() {
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::reminders::tests::booking;
    use antre_api::BookingStatus;

    const PROOF: &str = "antre1.eyJib29raW5nX2lkIjoiMSJ9.c2lnbmF0dXJl";

    /// The text a PDF reader extracts from every page: each text-showing operator's codes
    /// through the font's ToUnicode map (as readers and screen readers do), the pieces joined
    /// by spaces and whitespace runs made single spaces. lopdf reads the file and its
    /// operators; its own text extraction does not parse the map's PostScript header.
    pub(crate) fn text_of(pdf: &[u8]) -> String {
        let doc = lopdf::Document::load_mem(pdf).expect("a PDF lopdf can read");
        let mut to_unicode = std::collections::HashMap::<u16, String>::new();
        for object in doc.objects.values() {
            let Ok(stream) = object.as_stream() else {
                continue;
            };
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            let text = String::from_utf8_lossy(&content);
            let Some(start) = text.find("beginbfchar") else {
                continue;
            };
            let end = text.find("endbfchar").unwrap();
            let hex: Vec<&str> = text[start + 11..end]
                .split(['<', '>', ' ', '\n'])
                .filter(|t| !t.is_empty())
                .collect();
            for pair in hex.chunks(2) {
                let code = u16::from_str_radix(pair[0], 16).unwrap();
                let units: Vec<u16> = (0..pair[1].len() / 4)
                    .map(|i| u16::from_str_radix(&pair[1][i * 4..i * 4 + 4], 16).unwrap())
                    .collect();
                to_unicode.insert(code, String::from_utf16(&units).unwrap());
            }
        }
        assert!(!to_unicode.is_empty(), "the font has a ToUnicode map");
        let decode = |bytes: &[u8]| -> String {
            bytes
                .chunks(2)
                .map(|c| to_unicode[&u16::from_be_bytes([c[0], c[1]])].clone())
                .collect()
        };
        let mut pieces = Vec::new();
        for page in doc.get_pages().values() {
            let content = doc.get_and_decode_page_content(*page).unwrap();
            for op in content.operations {
                let strings: Vec<&lopdf::Object> = match op.operator.as_str() {
                    "Tj" => op.operands.iter().collect(),
                    "TJ" => op.operands[0].as_array().unwrap().iter().collect(),
                    _ => continue,
                };
                let piece: String = strings
                    .iter()
                    .filter_map(|o| o.as_str().ok())
                    .map(decode)
                    .collect();
                pieces.push(piece);
            }
        }
        pieces
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The filled squares drawn on the first page (the QR's dark modules), counted from its
    /// content stream: `re` operators, or closed four-corner subpaths.
    pub(crate) fn squares_on_first_page(pdf: &[u8]) -> usize {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let first = *doc.get_pages().values().next().unwrap();
        let content = doc.get_and_decode_page_content(first).unwrap();
        let rects = content
            .operations
            .iter()
            .filter(|o| o.operator == "re")
            .count();
        let closes = content
            .operations
            .iter()
            .filter(|o| o.operator == "h")
            .count();
        rects.max(closes)
    }

    fn dark_modules(data: &str) -> usize {
        qr_modules(data)
            .unwrap()
            .iter()
            .flatten()
            .filter(|d| **d)
            .count()
    }

    #[test]
    fn the_slip_carries_qr_person_time_place_documents_and_notice_in_indonesian() {
        let l10n = Localizer::new();
        let mut b = booking(BookingStatus::Confirmed);
        b.proof = Some(PROOF.into());
        let pdf = slip_pdf(&b, &l10n, Locale::Id).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = text_of(&pdf);
        let m = |id: &str| l10n.message(Locale::Id, id, &[]);
        for expected in [
            m("app-slip-title"),
            b.applicant.name.clone(),
            b.applicant.nik_masked.clone(),
            "Selasa, 24 November 2026, 09.00 WIB".to_string(),
            b.office.name.clone(),
            m("documents-heading"),
            m(&b.documents[0]),
            "Rp350.000".to_string(),
        ] {
            assert!(text.contains(&expected), "{expected:?} missing from {text}");
        }
        // The notice is wrapped over lines: each of its words is there, in order.
        let notice = m("notice-official-fee-only");
        let first_words: String = notice
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains(&first_words),
            "{first_words:?} missing from {text}"
        );
        assert!(
            !text.contains("app-slip-title"),
            "a message id instead of its text"
        );
        assert_eq!(
            squares_on_first_page(&pdf),
            dark_modules(PROOF) + 1,
            "QR modules and the notice's frame"
        );
    }

    #[test]
    fn the_slip_of_an_event_site_names_the_site_and_where_it_is() {
        let l10n = Localizer::new();
        let mut b = booking(BookingStatus::Confirmed);
        b.proof = Some(PROOF.into());
        b.event_site = Some(antre_api::desk::EventSitePlace {
            id: uuid::Uuid::from_u128(7),
            name: "Stadion Patriot Candrabhaga".into(),
            lat: -6.2397,
            lon: 106.9972,
        });
        let text = text_of(&slip_pdf(&b, &l10n, Locale::Id).unwrap());
        let label = l10n.message(Locale::Id, "app-event-site-title", &[]);
        for expected in [
            label.as_str(),
            "Stadion Patriot Candrabhaga (-6.23970, 106.99720)",
            b.office.name.as_str(),
        ] {
            assert!(text.contains(expected), "{expected:?} missing from {text}");
        }
        b.event_site = None;
        let plain = text_of(&slip_pdf(&b, &l10n, Locale::Id).unwrap());
        assert!(!plain.contains(&label), "only an event site's slip says so");
    }

    #[test]
    fn the_slip_speaks_english_and_says_when_the_qr_comes() {
        let l10n = Localizer::new();
        let b = booking(BookingStatus::PendingPayment);
        assert!(b.proof.is_none());
        let pdf = slip_pdf(&b, &l10n, Locale::En).unwrap();
        let text = text_of(&pdf);
        assert!(
            text.contains("Tuesday, 24 November 2026, 09:00 WIB"),
            "{text}"
        );
        assert!(text.contains("Rp350,000"), "{text}");
        let no_proof = l10n.message(Locale::En, "app-slip-no-proof", &[]);
        let start: String = no_proof
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(&start), "{text}");
        assert_eq!(
            squares_on_first_page(&pdf),
            1,
            "no QR before payment, only the frame"
        );
    }

    #[test]
    fn long_texts_wrap_inside_the_page() {
        let layout = Layout::new();
        let long =
            "KANTOR IMIGRASI KELAS I TEMPAT PEMERIKSAAN IMIGRASI KHUSUS NON TPI JAKARTA SELATAN";
        let lines = layout.wrap(long, 11.0, 200.0);
        assert!(lines.len() > 1);
        assert!(
            lines.iter().all(|l| layout.width(l, 11.0) <= 200.0),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), long);
    }
}
