//! Checks on the FTL files themselves: they parse, both locales carry the same messages,
//! attributes and variables, and every id other crates rely on exists.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveTime};
use fluent_bundle::{FluentArgs, FluentValue};
use fluent_syntax::ast;
use fluent_syntax::parser;

use crate::localizer::{FTL_FILES, MONTH_IDS, WEEKDAY_IDS};
use crate::{error_message_id, Arg, Locale, Localizer, ERROR_CODES};

/// Ids (besides `error-*`) the server, the app and the web UI use.
const VALUE_IDS: &[&str] = &[
    "lane-regular",
    "lane-same-day",
    "lane-priority",
    "status-pending-payment",
    "status-confirmed",
    "status-checked-in",
    "status-cancelled",
    "status-lapsed",
    "status-no-show",
    "zone-wib",
    "zone-wita",
    "zone-wit",
    "zone-wib.long",
    "zone-wita.long",
    "zone-wit.long",
    "doc-ektp",
    "doc-family-card",
    "doc-birth-or-marriage-or-diploma",
    "doc-old-passport",
    "doc-police-report",
    "doc-damaged-passport",
    "doc-parents-ektp",
    "doc-birth-certificate",
    "doc-parents-marriage-book",
    "doc-parents-passports",
    "doc-parental-statement",
    "fee-ordinary-5y",
    "fee-ordinary-10y",
    "fee-electronic-5y",
    "fee-electronic-10y",
    "fee-same-day",
    "fee-lost",
    "fee-damaged",
    "notice-official-fee-only",
    "calendar-summary",
    "calendar-description",
    "calendar-alarm",
    "notification-payment-deadline-title",
    "notification-payment-deadline-body",
    "notification-evening-before-title",
    "notification-evening-before-body",
    "notification-evening-before-fixed-body",
    "notification-quota-opens-title",
    "notification-quota-opens-body",
    "notification-morning-of-title",
    "notification-morning-of-body",
    "notification-draw-placed-title",
    "notification-draw-placed-body",
    "notification-draw-waitlisted-title",
    "notification-draw-waitlisted-body",
    "notification-draw-skipped-title",
    "notification-draw-skipped-body",
    "notification-waitlist-offer-title",
    "notification-waitlist-offer-body",
    "verification-code-subject",
    "verification-code-message",
    "reset-code-message",
    "format-date-long",
    "format-time",
    "app-device-name",
    "drive-csv-name",
    "drive-csv-birth-date",
    "drive-csv-nik-masked",
    "drive-csv-application-kind",
    "drive-csv-phone",
    "drive-csv-status",
    "drive-csv-booking",
    "drive-application-new",
    "drive-application-renewal",
    "drive-application-lost",
    "drive-application-damaged",
    // Closures and disruptions, the public status page, the SMS channel (issue 11).
    "disruption-reason-central-system",
    "disruption-reason-network",
    "disruption-reason-power",
    "disruption-reason-disaster",
    "disruption-reason-renovation",
    "disruption-reason-other",
    "disruption-kind-closure",
    "disruption-kind-disruption",
    "office-state-open",
    "office-state-disrupted",
    "office-state-closed",
    "disruption-until-unknown",
    "notification-disrupted-title",
    "notification-disrupted-body",
    "notification-disruption-updated-title",
    "notification-disruption-updated-body",
    "notification-service-restored-title",
    "notification-service-restored-body",
    "notification-visit-feedback-title",
    "notification-visit-feedback-body",
    "sms-disrupted",
    "sms-service-restored",
    "status-page-title",
    "status-page-intro",
    "status-page-generated",
    "status-page-current",
    "status-page-history",
    "status-page-none",
    "status-page-since",
    "status-page-expected-end",
    "status-page-restored",
    "status-page-json",
    "sms-help",
    "sms-missing-argument",
    "sms-office-unknown",
    "sms-schedule",
    "sms-schedule-none",
    "sms-check",
    "sms-cancelled",
    "sms-cancel-refused",
    "sms-booking-unknown",
    "sms-rate-limited",
    "sms-rate-prompt",
    "sms-rated",
    "sms-rate-refused",
    "sms-book-unverified",
    "sms-book-no-applicants",
    "sms-book-who",
    "sms-booked",
    "sms-book-refused",
    "sms-book-full",
    "sms-book-full-day",
];

/// Variables the callers of these messages pass (exactly these).
const VARIABLES: &[(&str, &[&str])] = &[
    ("error-applicant-limit-reached", &["max"]),
    ("error-slot-not-released", &["released_at"]),
    ("app-error-already-captured", &["name", "nik"]),
    ("calendar-summary", &["office"]),
    (
        "calendar-description",
        &[
            "billing_code",
            "date",
            "documents",
            "name",
            "office",
            "time",
        ],
    ),
    ("calendar-alarm", &["office", "time"]),
    (
        "notification-payment-deadline-body",
        &["amount", "billing_code", "deadline", "office"],
    ),
    (
        "notification-evening-before-body",
        &["move_until", "name", "office", "time"],
    ),
    (
        "notification-evening-before-fixed-body",
        &["name", "office", "time"],
    ),
    ("notification-quota-opens-body", &["days", "office"]),
    ("notification-morning-of-body", &["name", "office", "time"]),
    (
        "notification-draw-placed-body",
        &["deadline", "name", "office", "when"],
    ),
    ("notification-draw-waitlisted-body", &["name", "offices"]),
    ("notification-draw-skipped-body", &["name"]),
    (
        "notification-waitlist-offer-body",
        &["name", "office", "until", "when"],
    ),
    ("verification-code-message", &["code"]),
    ("reset-code-message", &["code"]),
    ("error-nik-cooling-down", &["reason", "until"]),
    ("error-too-many-attempts", &["minutes"]),
    ("error-csv-missing-column", &["column"]),
    ("error-csv-too-many-rows", &["max"]),
    ("error-officer-limit-reached", &["max"]),
    ("error-csv-rows-invalid", &["count"]),
    ("error-proof-other-office", &["office"]),
    ("error-proof-other-day", &["date"]),
    ("format-date-long", &["day", "month", "weekday", "year"]),
    ("format-time", &["hour", "minute", "zone"]),
    ("app-device-name", &["os"]),
    ("error-text-too-long", &["max"]),
    (
        "notification-disrupted-body",
        &["note", "office", "reason", "until"],
    ),
    (
        "notification-disruption-updated-body",
        &["note", "office", "until"],
    ),
    ("notification-service-restored-body", &["office"]),
    ("notification-visit-feedback-body", &["office"]),
    ("sms-disrupted", &["office", "until"]),
    ("sms-service-restored", &["office"]),
    ("status-page-generated", &["time"]),
    ("status-page-since", &["time"]),
    ("status-page-expected-end", &["time"]),
    ("status-page-restored", &["time"]),
    ("sms-missing-argument", &["command"]),
    ("sms-office-unknown", &["query"]),
    ("sms-schedule", &["days", "office"]),
    ("sms-schedule-none", &["office"]),
    ("sms-check", &["code", "office", "status", "when"]),
    ("sms-cancelled", &["code", "office", "when"]),
    ("sms-cancel-refused", &["code", "reason"]),
    ("sms-booking-unknown", &["code"]),
    ("sms-rate-prompt", &["code", "office"]),
    ("sms-rated", &["office", "rating"]),
    ("sms-rate-refused", &["code", "reason"]),
    ("sms-book-who", &["office", "people"]),
    (
        "sms-booked",
        &["code", "fee", "name", "office", "until", "when"],
    ),
    ("sms-book-refused", &["name", "reason"]),
    ("sms-book-full", &["office", "word"]),
    ("sms-book-full-day", &["date", "office", "word"]),
];

/// Per entry (`message`, `message.attribute`, `-term`, `-term.attribute`): its file and the
/// variables its pattern uses.
type Entries = BTreeMap<String, (&'static str, BTreeSet<String>)>;

fn parse_locale(lang: &str) -> Entries {
    let mut entries = Entries::new();
    for (_, file, source) in FTL_FILES.iter().filter(|(l, ..)| *l == lang) {
        let resource = parser::parse(*source).unwrap_or_else(|(_, errors)| {
            panic!("{lang}/{file}: parse errors: {errors:#?}");
        });
        for entry in &resource.body {
            let (id, value, attributes) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_owned(), m.value.as_ref(), &m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
                ast::Entry::Junk { content } => panic!("{lang}/{file}: junk {content:?}"),
                _ => continue,
            };
            let mut add = |key: String, pattern: &ast::Pattern<&str>| {
                let mut vars = BTreeSet::new();
                pattern_vars(pattern, &mut vars);
                let previous = entries.insert(key.clone(), (*file, vars));
                assert!(previous.is_none(), "{lang}/{file}: {key} defined twice");
            };
            if let Some(value) = value {
                add(id.clone(), value);
            }
            for attribute in attributes {
                add(format!("{id}.{}", attribute.id.name), &attribute.value);
            }
        }
    }
    entries
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for variant in variants {
                pattern_vars(&variant.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    let call_vars = |arguments: &ast::CallArguments<&str>, vars: &mut BTreeSet<String>| {
        for argument in &arguments.positional {
            inline_vars(argument, vars);
        }
        for argument in &arguments.named {
            inline_vars(&argument.value, vars);
        }
    };
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => call_vars(arguments, vars),
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            call_vars(arguments, vars);
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

fn languages() -> BTreeSet<&'static str> {
    FTL_FILES.iter().map(|(lang, ..)| *lang).collect()
}

#[test]
fn every_language_folder_is_a_locale_with_the_same_files() {
    let expected: BTreeSet<&str> = Locale::ALL.iter().map(|l| l.tag()).collect();
    assert_eq!(languages(), expected);
    let files = |lang: &str| -> BTreeSet<&str> {
        FTL_FILES
            .iter()
            .filter(|(l, ..)| *l == lang)
            .map(|(_, file, _)| *file)
            .collect()
    };
    // Indonesian is the reference: every other language has exactly its files, and the areas
    // the server and app rely on are there.
    let reference = files(Locale::Id.tag());
    for area in [
        "calendar.ftl",
        "common.ftl",
        "documents.ftl",
        "errors.ftl",
        "fees.ftl",
        "notifications.ftl",
        "verification.ftl",
    ] {
        assert!(reference.contains(area), "id/{area} is missing");
    }
    for locale in Locale::ALL {
        assert_eq!(files(locale.tag()), reference, "files of {locale}");
    }
}

#[test]
fn files_parse_without_errors() {
    for (lang, file, source) in FTL_FILES {
        if let Err((_, errors)) = parser::parse(*source) {
            panic!("{lang}/{file}: {errors:#?}");
        }
        assert!(
            !source.contains(['\u{2068}', '\u{2069}']),
            "{lang}/{file}: bidi isolation marks"
        );
    }
    let (_, problems) = Localizer::load();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn locales_have_the_same_messages_attributes_and_variables() {
    let id = parse_locale(Locale::Id.tag());
    let en = parse_locale(Locale::En.tag());
    let mut problems = Vec::new();
    for (key, (file, vars)) in &id {
        match en.get(key) {
            None => problems.push(format!("{key} (id/{file}) missing in en")),
            Some((en_file, en_vars)) => {
                if file != en_file {
                    problems.push(format!("{key} is in id/{file} but en/{en_file}"));
                }
                if vars != en_vars {
                    problems.push(format!("{key}: variables id {vars:?} vs en {en_vars:?}"));
                }
            }
        }
    }
    for (key, (file, _)) in &en {
        if !id.contains_key(key) {
            problems.push(format!("{key} (en/{file}) missing in id"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn messages_take_the_documented_variables() {
    for locale in Locale::ALL {
        let entries = parse_locale(locale.tag());
        for (key, expected) in VARIABLES {
            let (_, vars) = entries
                .get(*key)
                .unwrap_or_else(|| panic!("{locale}: no {key}"));
            let expected: BTreeSet<String> = expected.iter().map(|v| (*v).to_owned()).collect();
            assert_eq!(vars, &expected, "{locale}: {key}");
        }
    }
}

#[test]
fn every_error_code_has_a_message_and_every_error_message_a_code() {
    let l10n = Localizer::new();
    for code in ERROR_CODES {
        let id = error_message_id(code);
        assert!(l10n.has(&id), "{code}: no {id}");
        for locale in Locale::ALL {
            assert_ne!(l10n.message(locale, &id, &[]), id, "{locale}: {id}");
        }
    }
    let ids: BTreeSet<String> = ERROR_CODES.iter().map(|c| error_message_id(c)).collect();
    for locale in Locale::ALL {
        for key in parse_locale(locale.tag()).keys() {
            if key.starts_with("error-") {
                assert!(
                    ids.contains(key),
                    "{locale}: {key} has no code in ERROR_CODES"
                );
            }
        }
    }
}

#[test]
fn every_value_id_exists() {
    let l10n = Localizer::new();
    let all = VALUE_IDS
        .iter()
        .chain(&WEEKDAY_IDS)
        .chain(&MONTH_IDS)
        .map(|id| (*id).to_owned())
        .chain(
            WEEKDAY_IDS
                .iter()
                .chain(&MONTH_IDS)
                .map(|id| format!("{id}.short")),
        );
    for id in all {
        assert!(l10n.has(&id), "missing {id}");
    }
}

/// Formats every message and attribute with all its variables set, as numbers and as text:
/// no resolver errors (e.g. a dangling message reference), no leftover braces, no bidi marks.
#[test]
fn every_message_formats_cleanly() {
    let l10n = Localizer::new();
    for locale in Locale::ALL {
        let bundle = l10n.bundle(locale);
        for (key, (file, vars)) in parse_locale(locale.tag()) {
            if key.starts_with('-') {
                continue; // terms are only reachable through messages
            }
            let (id, attribute) = match key.split_once('.') {
                Some((id, attribute)) => (id, Some(attribute)),
                None => (key.as_str(), None),
            };
            let message = bundle.get_message(id).expect("message in bundle");
            let pattern = match attribute {
                Some(attribute) => message.get_attribute(attribute).expect("attribute").value(),
                None => message.value().expect("value"),
            };
            for number in [false, true] {
                let mut args = FluentArgs::new();
                for var in &vars {
                    let value = if number {
                        FluentValue::from(1)
                    } else {
                        FluentValue::from("X")
                    };
                    args.set(var.as_str(), value);
                }
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{locale}/{file}: {key}: {errors:?}");
                assert!(!text.trim().is_empty(), "{locale}/{file}: {key} is empty");
                assert!(
                    !text.contains(['{', '}', '\u{2068}', '\u{2069}']),
                    "{locale}: {key}: {text}"
                );
            }
        }
    }
}

#[test]
fn message_lookup() {
    let l10n = Localizer::new();
    let office = [("office", Arg::from("Kantor Imigrasi Bekasi"))];
    assert_eq!(
        l10n.message(Locale::Id, "calendar-summary", &office),
        "Jadwal kedatangan paspor di Kantor Imigrasi Bekasi"
    );
    assert_eq!(
        l10n.message(Locale::En, "calendar-summary", &office),
        "Passport appointment at Kantor Imigrasi Bekasi"
    );
    assert_eq!(
        l10n.message(
            Locale::En,
            "verification-code-message",
            &[("code", "482913".into())]
        ),
        "Your Antre code is 482913. Valid 15 minutes. Never share it."
    );
    assert_eq!(
        l10n.message(Locale::Id, "verification-code-message", &[("code", String::from("482913").into())]),
        "Kode Antre Anda adalah 482913. Berlaku 15 menit. Jangan berikan kode ini kepada siapa pun."
    );
    assert_eq!(
        l10n.message(Locale::En, "zone-wita.long", &[]),
        "Central Indonesia Time (UTC+8)"
    );
    assert_eq!(l10n.message(Locale::Id, "weekday-friday.short", &[]), "Jum");
    assert_eq!(
        l10n.message(Locale::Id, "status-no-show", &[]),
        "Tidak hadir"
    );

    // Plurals and numbers.
    let limit = |locale, max: i64| {
        l10n.message(
            locale,
            "error-applicant-limit-reached",
            &[("max", max.into())],
        )
    };
    assert!(limit(Locale::En, 5).starts_with("One account can be used for at most 5 applicants."));
    assert!(limit(Locale::En, 1).starts_with("One account can be used for at most one applicant."));
    assert!(limit(Locale::Id, 5)
        .starts_with("Satu akun hanya dapat digunakan untuk paling banyak 5 pemohon."));

    // Preformatted text arguments, no isolation marks around them.
    let released = l10n.message(
        Locale::Id,
        "error-slot-not-released",
        &[(
            "released_at",
            "Jumat, 28 November 2025 pukul 14.00 WIB".into(),
        )],
    );
    assert!(
        released.contains("dibuka pada Jumat, 28 November 2025 pukul 14.00 WIB."),
        "{released}"
    );

    // The calendar description pulls in the official-fee notice.
    let description = l10n.message(
        Locale::En,
        "calendar-description",
        &[
            ("name", "Siti Rahayu".into()),
            ("office", "Kantor Imigrasi Bekasi".into()),
            ("date", "Tuesday, 25 November 2025".into()),
            ("time", "09:00 WIB".into()),
            ("billing_code", "820251125000123".into()),
            ("documents", "e-KTP; Family card".into()),
        ],
    );
    assert!(
        description.starts_with("Applicant: Siti Rahayu\nPlace: Kantor Imigrasi Bekasi\n"),
        "{description}"
    );
    assert!(
        description.contains("Billing code: 820251125000123\n\nBring"),
        "{description}"
    );
    assert!(
        description.ends_with(&l10n.message(Locale::En, "notice-official-fee-only", &[])),
        "{description}"
    );

    // Missing messages, attributes and variables.
    assert_eq!(
        l10n.message(Locale::En, "no-such-message", &[]),
        "no-such-message"
    );
    assert_eq!(
        l10n.message(Locale::Id, "zone-wib.nope", &[]),
        "zone-wib.nope"
    );
    assert!(!l10n.has("no-such-message"));
    assert!(!l10n.has("zone-wib.nope"));
    assert!(l10n.has("zone-wib.long"));
    assert_eq!(
        l10n.message(Locale::En, "calendar-summary", &[]),
        "Passport appointment at {$office}"
    );
}

#[test]
fn formats_dates() {
    let l10n = Localizer::new();
    let date = NaiveDate::from_ymd_opt(2025, 11, 25).unwrap();
    assert_eq!(
        l10n.format_date_long(Locale::Id, date),
        "Selasa, 25 November 2025"
    );
    assert_eq!(
        l10n.format_date_long(Locale::En, date),
        "Tuesday, 25 November 2025"
    );
    let date = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    assert_eq!(
        l10n.format_date_long(Locale::Id, date),
        "Selasa, 24 November 2026"
    );
    let date = NaiveDate::from_ymd_opt(2026, 8, 2).unwrap();
    assert_eq!(
        l10n.format_date_long(Locale::Id, date),
        "Minggu, 2 Agustus 2026"
    );
    assert_eq!(
        l10n.format_date_long(Locale::En, date),
        "Sunday, 2 August 2026"
    );
    let date = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    assert_eq!(
        l10n.format_date_long(Locale::Id, date),
        "Jumat, 1 Januari 2027"
    );
    // Every weekday and month resolves to a word, never to its id.
    for day in 0..366 {
        let date = NaiveDate::from_ymd_opt(2028, 1, 1).unwrap() + chrono::Days::new(day);
        for locale in Locale::ALL {
            let text = l10n.format_date_long(locale, date);
            assert!(
                !text.contains("weekday-") && !text.contains("month-"),
                "{text}"
            );
        }
    }
}

#[test]
fn formats_times() {
    let l10n = Localizer::new();
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    assert_eq!(l10n.format_time(Locale::Id, nine, "WIB"), "09.00 WIB");
    assert_eq!(l10n.format_time(Locale::En, nine, "WIB"), "09:00 WIB");
    let late = NaiveTime::from_hms_opt(14, 5, 59).unwrap();
    assert_eq!(l10n.format_time(Locale::Id, late, "WITA"), "14.05 WITA");
    assert_eq!(l10n.format_time(Locale::En, late, "WIT"), "14:05 WIT");
    assert_eq!(l10n.format_time(Locale::Id, late, ""), "14.05");
    assert_eq!(l10n.format_time(Locale::En, NaiveTime::MIN, ""), "00:00");
}

#[test]
fn formats_rupiah() {
    let l10n = Localizer::new();
    let cases: &[(i64, &str, &str)] = &[
        (350_000, "Rp350.000", "Rp350,000"),
        (1_000_000, "Rp1.000.000", "Rp1,000,000"),
        (950_000, "Rp950.000", "Rp950,000"),
        (0, "Rp0", "Rp0"),
        (7, "Rp7", "Rp7"),
        (999, "Rp999", "Rp999"),
        (1_000, "Rp1.000", "Rp1,000"),
        (12_345, "Rp12.345", "Rp12,345"),
        (-350_000, "-Rp350.000", "-Rp350,000"),
        (-5, "-Rp5", "-Rp5"),
        (
            i64::MAX,
            "Rp9.223.372.036.854.775.807",
            "Rp9,223,372,036,854,775,807",
        ),
        (
            i64::MIN,
            "-Rp9.223.372.036.854.775.808",
            "-Rp9,223,372,036,854,775,808",
        ),
    ];
    for (amount, id, en) in cases {
        assert_eq!(l10n.format_rupiah(Locale::Id, *amount), *id);
        assert_eq!(l10n.format_rupiah(Locale::En, *amount), *en);
    }
}

#[test]
fn localizer_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<Localizer>();
    let l10n = std::sync::Arc::new(Localizer::new());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let l10n = l10n.clone();
            std::thread::spawn(move || {
                let locale = Locale::ALL[i % 2];
                l10n.message(
                    locale,
                    "error-applicant-limit-reached",
                    &[("max", 5.into())],
                )
            })
        })
        .collect();
    for handle in handles {
        assert!(handle.join().unwrap().contains('5'));
    }
}

#[test]
fn arg_conversions() {
    assert_eq!(Arg::from("a"), Arg::Str("a".to_owned()));
    assert_eq!(Arg::from(String::from("b")), Arg::Str("b".to_owned()));
    assert_eq!(Arg::from(-3_i64), Arg::Num(-3));
}
