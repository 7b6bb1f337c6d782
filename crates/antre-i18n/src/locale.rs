//! The languages Antre speaks and how a request picks one.

use serde::{Deserialize, Serialize};

/// A language Antre is translated into. Indonesian is the default.
///
/// Serialized as its lowercase tag, `"id"` or `"en"`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Bahasa Indonesia (the default).
    #[default]
    Id,
    /// English.
    En,
}

impl Locale {
    /// Every locale, the default first.
    pub const ALL: [Locale; 2] = [Locale::Id, Locale::En];

    /// The BCP 47 tag, also the name of the folder under `i18n/`: `"id"` or `"en"`.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::Id => "id",
            Locale::En => "en",
        }
    }

    /// Reads a language tag such as `id`, `id-ID`, `in` (the old code for Indonesian), `en`,
    /// `en-US` or `en_GB`, ignoring case and surrounding whitespace.
    ///
    /// Returns `None` for other languages and for malformed tags.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let mut subtags = tag.trim().split(['-', '_']);
        let locale = match subtags.next()?.to_ascii_lowercase().as_str() {
            "id" | "in" => Locale::Id,
            "en" => Locale::En,
            _ => return None,
        };
        let well_formed = subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
        well_formed.then_some(locale)
    }

    /// Picks the locale for an HTTP `Accept-Language` header value, e.g.
    /// `"en-US,en;q=0.9,id;q=0.8"`.
    ///
    /// The supported language with the highest quality wins; on equal quality the one listed
    /// first. `*` stands for the default (Indonesian). Entries with `q=0` or a malformed
    /// quality are skipped. With nothing supported the result is [`Locale::Id`].
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(f32, Locale)> = None;
        for entry in accept_language.split(',') {
            let mut parts = entry.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let Some(quality) = parse_quality(parts) else {
                continue;
            };
            if quality <= 0.0 {
                continue;
            }
            let locale = if tag == "*" {
                Some(Locale::default())
            } else {
                Locale::from_tag(tag)
            };
            if let Some(locale) = locale {
                if best.is_none_or(|(q, _)| quality > q) {
                    best = Some((quality, locale));
                }
            }
        }
        best.map(|(_, locale)| locale).unwrap_or_default()
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

/// The `q` parameter among an Accept-Language entry's parameters: 1 when absent, `None` when
/// malformed or outside 0..=1.
fn parse_quality<'a>(params: impl Iterator<Item = &'a str>) -> Option<f32> {
    let mut quality = 1.0;
    for param in params {
        let (name, value) = param.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("q") {
            let value = value.trim();
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                return None;
            }
            quality = value
                .parse::<f32>()
                .ok()
                .filter(|q| (0.0..=1.0).contains(q))?;
        }
    }
    Some(quality)
}

#[cfg(test)]
mod tests {
    use super::Locale;

    #[test]
    fn from_tag_accepts_variants() {
        for tag in ["id", "ID", "id-ID", "id_id", "in", "IN", " id-Latn-ID "] {
            assert_eq!(Locale::from_tag(tag), Some(Locale::Id), "{tag}");
        }
        for tag in ["en", "EN", "en-US", "en-us", "en_GB", "en-001"] {
            assert_eq!(Locale::from_tag(tag), Some(Locale::En), "{tag}");
        }
        for tag in [
            "", "fr", "jv", "ms-MY", "eng", "ind", "en-", "en--US", "idx", "*", "en-US!",
        ] {
            assert_eq!(Locale::from_tag(tag), None, "{tag:?}");
        }
    }

    #[test]
    fn tags_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
            assert_eq!(locale.to_string(), locale.tag());
        }
        assert_eq!(Locale::default(), Locale::Id);
    }

    #[test]
    fn serde_uses_lowercase_tags() {
        assert_eq!(serde_json::to_string(&Locale::Id).unwrap(), r#""id""#);
        assert_eq!(serde_json::to_string(&Locale::En).unwrap(), r#""en""#);
        assert_eq!(
            serde_json::from_str::<Locale>(r#""en""#).unwrap(),
            Locale::En
        );
        assert_eq!(
            serde_json::from_str::<Locale>(r#""id""#).unwrap(),
            Locale::Id
        );
        assert!(serde_json::from_str::<Locale>(r#""fr""#).is_err());
    }

    #[test]
    fn negotiate_accept_language() {
        let cases = [
            ("", Locale::Id),
            ("   ", Locale::Id),
            ("en", Locale::En),
            ("en-US,en;q=0.9", Locale::En),
            ("en-US,en;q=0.9,id;q=0.8", Locale::En),
            ("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", Locale::Id),
            ("en;q=0.5, id;q=0.8", Locale::Id),
            ("id;q=0.5, en;q=0.8", Locale::En),
            ("fr-FR, fr;q=0.9, en;q=0.5", Locale::En),
            ("fr-FR, de;q=0.9", Locale::Id),
            ("jv, en-GB;q=0.3", Locale::En),
            ("en;q=0, id", Locale::Id),
            ("en;q=0", Locale::Id),
            ("*", Locale::Id),
            ("fr, *;q=0.5, en;q=0.4", Locale::Id),
            ("en;q=0.7, id;q=0.7", Locale::En),
            ("id;q=0.7, en;q=0.7", Locale::Id),
            ("EN-us;Q=0.9", Locale::En),
            ("in-ID", Locale::Id),
            ("en ; q = 0.8 , fr", Locale::En),
            ("en;q=abc, fr", Locale::Id),
            ("en;q=2, fr", Locale::Id),
            ("en;q=-1", Locale::Id),
            ("en;level=1;q=0.4, fr", Locale::En),
            (",,en,,", Locale::En),
            ("en-US;q=0.8, id-ID;q=0.81", Locale::Id),
        ];
        for (header, expected) in cases {
            assert_eq!(Locale::negotiate(header), expected, "{header:?}");
        }
    }
}
