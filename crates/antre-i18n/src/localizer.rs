//! Message lookup and locale-aware formatting over the embedded FTL files.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::Locale;

include!(concat!(env!("OUT_DIR"), "/ftl_files.rs"));

/// A value for a message variable (`{ $name }` in FTL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text, inserted as is.
    Str(String),
    /// An integer; FTL selectors can choose plural forms on it. Printed without grouping.
    Num(i64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Str(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Str(value)
    }
}

impl From<i64> for Arg {
    fn from(value: i64) -> Self {
        Arg::Num(value)
    }
}

type Bundle = FluentBundle<FluentResource>;

/// All translations, loaded once from the FTL files embedded at compile time.
///
/// Cheap to share: it is `Send + Sync`, so one instance can sit in an `Arc` for the whole
/// server or app.
pub struct Localizer {
    id: Bundle,
    en: Bundle,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer").finish_non_exhaustive()
    }
}

impl Default for Localizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Localizer {
    /// Loads every embedded `i18n/<locale>/*.ftl` file.
    ///
    /// The files are checked by this crate's tests, so loading cannot fail in a tested build;
    /// should a file still hold a syntax error, the entries around it load and the broken
    /// ones fall back to their id (see [`Localizer::message`]).
    pub fn new() -> Localizer {
        Self::load().0
    }

    /// Builds the bundles and returns every problem met on the way (parse errors, duplicate
    /// ids), each prefixed with its file.
    pub(crate) fn load() -> (Localizer, Vec<String>) {
        let mut problems = Vec::new();
        let mut bundle_for = |locale: Locale| {
            let langid: LanguageIdentifier = locale.tag().parse().expect("valid language tag");
            let mut bundle = Bundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            for (lang, file, source) in FTL_FILES.iter().filter(|(lang, ..)| *lang == locale.tag())
            {
                let resource = match FluentResource::try_new((*source).to_owned()) {
                    Ok(resource) => resource,
                    Err((resource, errors)) => {
                        problems.extend(errors.iter().map(|e| format!("{lang}/{file}: {e:?}")));
                        resource
                    }
                };
                if let Err(errors) = bundle.add_resource(resource) {
                    problems.extend(errors.iter().map(|e| format!("{lang}/{file}: {e}")));
                }
            }
            bundle
        };
        let localizer = Localizer {
            id: bundle_for(Locale::Id),
            en: bundle_for(Locale::En),
        };
        (localizer, problems)
    }

    pub(crate) fn bundle(&self, locale: Locale) -> &Bundle {
        match locale {
            Locale::Id => &self.id,
            Locale::En => &self.en,
        }
    }

    /// Whether a message exists in every locale. `id` may name an attribute as
    /// `message-id.attribute`.
    pub fn has(&self, id: &str) -> bool {
        let (message, attribute) = split_id(id);
        Locale::ALL.iter().all(|&locale| {
            self.bundle(locale)
                .get_message(message)
                .is_some_and(|m| match attribute {
                    Some(attribute) => m.get_attribute(attribute).is_some(),
                    None => m.value().is_some(),
                })
        })
    }

    /// The text of message `id` in `locale`, with `args` filled in for its variables.
    ///
    /// `id` may name an attribute as `message-id.attribute`. A missing message yields `id`
    /// itself (the tests make sure none is missing); a missing variable shows as `{$name}`.
    ///
    /// ```
    /// use antre_i18n::{Locale, Localizer};
    /// let l10n = Localizer::new();
    /// assert_eq!(
    ///     l10n.message(Locale::En, "calendar-summary", &[("office", "Kanim Bekasi".into())]),
    ///     "Passport appointment at Kanim Bekasi",
    /// );
    /// ```
    pub fn message(&self, locale: Locale, id: &str, args: &[(&str, Arg)]) -> String {
        let bundle = self.bundle(locale);
        let (message, attribute) = split_id(id);
        let Some(message) = bundle.get_message(message) else {
            return id.to_owned();
        };
        let pattern = match attribute {
            Some(attribute) => message.get_attribute(attribute).map(|a| a.value()),
            None => message.value(),
        };
        let Some(pattern) = pattern else {
            return id.to_owned();
        };
        let args = (!args.is_empty()).then(|| {
            let mut fluent_args = FluentArgs::with_capacity(args.len());
            for (name, value) in args {
                let value = match value {
                    Arg::Str(text) => FluentValue::from(text.as_str()),
                    Arg::Num(number) => FluentValue::from(*number),
                };
                fluent_args.set(*name, value);
            }
            fluent_args
        });
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args.as_ref(), &mut errors)
            .into_owned()
    }

    /// A date written out in full, names taken from the FTL files:
    /// `Selasa, 25 November 2025` (id), `Tuesday, 25 November 2025` (en).
    pub fn format_date_long(&self, locale: Locale, date: NaiveDate) -> String {
        let weekday = self.message(locale, weekday_id(date.weekday()), &[]);
        let month = self.message(locale, MONTH_IDS[date.month0() as usize], &[]);
        self.message(
            locale,
            "format-date-long",
            &[
                ("weekday", Arg::Str(weekday)),
                ("day", Arg::Str(date.day().to_string())),
                ("month", Arg::Str(month)),
                ("year", Arg::Str(date.year().to_string())),
            ],
        )
    }

    /// A clock time in hours and minutes followed by a zone label (e.g. `WIB`, pass `""` for
    /// none): `09.00 WIB` (id, dot separator), `09:00 WIB` (en).
    pub fn format_time(&self, locale: Locale, time: NaiveTime, zone: &str) -> String {
        let text = self.message(
            locale,
            "format-time",
            &[
                ("hour", Arg::Str(format!("{:02}", time.hour()))),
                ("minute", Arg::Str(format!("{:02}", time.minute()))),
                ("zone", Arg::from(zone.trim())),
            ],
        );
        text.trim_end().to_owned()
    }

    /// An amount of rupiah with thousands grouped: `Rp350.000` (id), `Rp350,000` (en);
    /// negative amounts as `-Rp350.000`.
    pub fn format_rupiah(&self, locale: Locale, amount: i64) -> String {
        let separator = match locale {
            Locale::Id => '.',
            Locale::En => ',',
        };
        let digits = amount.unsigned_abs().to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        let sign = if amount < 0 { "-" } else { "" };
        format!("{sign}Rp{grouped}")
    }
}

/// Message ids of the months, January first.
pub(crate) const MONTH_IDS: [&str; 12] = [
    "month-january",
    "month-february",
    "month-march",
    "month-april",
    "month-may",
    "month-june",
    "month-july",
    "month-august",
    "month-september",
    "month-october",
    "month-november",
    "month-december",
];

/// Message ids of the weekdays, Monday first.
pub(crate) const WEEKDAY_IDS: [&str; 7] = [
    "weekday-monday",
    "weekday-tuesday",
    "weekday-wednesday",
    "weekday-thursday",
    "weekday-friday",
    "weekday-saturday",
    "weekday-sunday",
];

fn weekday_id(weekday: Weekday) -> &'static str {
    WEEKDAY_IDS[weekday.num_days_from_monday() as usize]
}

/// Splits `message.attribute` into its parts.
fn split_id(id: &str) -> (&str, Option<&str>) {
    match id.split_once('.') {
        Some((message, attribute)) => (message, Some(attribute)),
        None => (id, None),
    }
}
