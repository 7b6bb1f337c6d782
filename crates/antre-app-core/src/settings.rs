//! The user's choices and the language in effect.

use crate::types::{Settings, UiLocale};
use antre_i18n::Locale;

/// The system's language from the usual environment variables (`LC_ALL`, `LC_MESSAGES`, `LANG`,
/// e.g. `id_ID.UTF-8`); Indonesian when none is one we speak.
pub fn system_locale_from_env(get: impl Fn(&str) -> Option<String>) -> Locale {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        if let Some(value) = get(var).filter(|v| !v.is_empty()) {
            for candidate in value.split(':') {
                let tag = candidate.split(['.', '@']).next().unwrap_or_default();
                if let Some(locale) = Locale::from_tag(tag) {
                    return locale;
                }
            }
            // The first variable that is set decides, as in POSIX.
            if var != "LANGUAGE" {
                break;
            }
        }
    }
    Locale::Id
}

pub fn effective_locale(settings: &Settings, system: Locale) -> Locale {
    settings.locale.map(Locale::from).unwrap_or(system)
}

pub fn ui(locale: Locale) -> UiLocale {
    locale.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn follows_the_system_unless_chosen() {
        assert_eq!(
            system_locale_from_env(env(&[("LANG", "en_US.UTF-8")])),
            Locale::En
        );
        assert_eq!(
            system_locale_from_env(env(&[("LANG", "id_ID.UTF-8")])),
            Locale::Id
        );
        assert_eq!(
            system_locale_from_env(env(&[("LC_ALL", "en_GB"), ("LANG", "id_ID")])),
            Locale::En
        );
        assert_eq!(
            system_locale_from_env(env(&[("LANG", "fr_FR.UTF-8")])),
            Locale::Id
        );
        assert_eq!(system_locale_from_env(env(&[])), Locale::Id);
        let chosen = Settings {
            locale: Some(UiLocale::Id),
            ..Settings::default()
        };
        assert_eq!(effective_locale(&chosen, Locale::En), Locale::Id);
        assert_eq!(
            effective_locale(&Settings::default(), Locale::En),
            Locale::En
        );
    }
}
