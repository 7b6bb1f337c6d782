//! The sign-in token lives in the OS keyring (Secret Service on Linux, Keychain on macOS/iOS,
//! Credential Manager on Windows), never in a plain file. Without a usable keyring the session is
//! kept in memory only and [`SessionVault::persistent`] says so, for the UI to tell the user.
//!
//! Sessions slide on the server (30 days unused, 90 days at most): the device forgets a session
//! only past its absolute end; before that the server's answer (401) decides.

use antre_api::accounts::AccountView;
use chrono::{DateTime, Utc};
use keyring::Entry;
use serde::{Deserialize, Serialize};
use std::sync::Mutex;

pub const KEYRING_SERVICE: &str = "id.antre.app";
pub const KEYRING_USER: &str = "session";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredSession {
    pub token: String,
    /// Ends unless used before then, as of the last time the server said (each use moves it).
    pub expires_at: DateTime<Utc>,
    /// Ends then whatever happens (`None` in sessions saved by older versions: `expires_at` is
    /// then the end).
    #[serde(default)]
    pub absolute_expires_at: Option<DateTime<Utc>>,
    pub account: AccountView,
}

impl StoredSession {
    /// When this device gives the session up without asking the server.
    pub fn ends_at(&self) -> DateTime<Utc> {
        self.absolute_expires_at.unwrap_or(self.expires_at)
    }
}

/// What the vault holds now.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    None,
    Active(StoredSession),
    /// It was there and reached its end; it is forgotten now.
    Expired(StoredSession),
}

impl PartialEq for StoredSession {
    fn eq(&self, other: &Self) -> bool {
        self.token == other.token
            && self.expires_at == other.expires_at
            && self.account.id == other.account.id
    }
}

pub struct SessionVault {
    entry: Option<Entry>,
    memory: Mutex<Option<StoredSession>>,
}

impl SessionVault {
    /// Opens the platform keyring and checks that it answers; falls back to memory if not.
    pub fn open() -> Self {
        match Entry::new(KEYRING_SERVICE, KEYRING_USER) {
            Ok(entry) => Self::with_entry(entry),
            Err(_) => Self::memory_only(),
        }
    }

    /// Uses the given entry if it is usable (reading it works or finds nothing).
    pub fn with_entry(entry: Entry) -> Self {
        let usable = matches!(entry.get_password(), Ok(_) | Err(keyring::Error::NoEntry));
        Self {
            entry: usable.then_some(entry),
            memory: Mutex::new(None),
        }
    }

    pub fn memory_only() -> Self {
        Self {
            entry: None,
            memory: Mutex::new(None),
        }
    }

    /// Whether sessions survive a restart (a keyring is in use).
    pub fn persistent(&self) -> bool {
        self.entry.is_some()
    }

    /// Keeps the session; returns whether it went to the keyring. A keyring that fails now is
    /// given up for this run (memory from then on) rather than failing the sign-in.
    pub fn save(&self, session: &StoredSession) -> bool {
        *self.memory.lock().expect("session lock") = Some(session.clone());
        let Some(entry) = &self.entry else {
            return false;
        };
        let json = serde_json::to_string(session).expect("session serializes");
        entry.set_password(&json).is_ok()
    }

    /// The current session: from memory, else from the keyring; expired ones are dropped.
    pub fn load(&self, now: DateTime<Utc>) -> Option<StoredSession> {
        match self.load_checked(now) {
            Loaded::Active(s) => Some(s),
            Loaded::None | Loaded::Expired(_) => None,
        }
    }

    /// Like [`Self::load`], and tells a session that just reached its end from none at all.
    pub fn load_checked(&self, now: DateTime<Utc>) -> Loaded {
        let mut memory = self.memory.lock().expect("session lock");
        if memory.is_none() {
            if let Some(entry) = &self.entry {
                *memory = entry
                    .get_password()
                    .ok()
                    .and_then(|json| serde_json::from_str(&json).ok());
            }
        }
        match memory.clone() {
            None => Loaded::None,
            Some(s) if s.ends_at() <= now => {
                *memory = None;
                drop(memory);
                self.clear();
                Loaded::Expired(s)
            }
            Some(s) => Loaded::Active(s),
        }
    }

    pub fn clear(&self) {
        *self.memory.lock().expect("session lock") = None;
        if let Some(entry) = &self.entry {
            let _ = entry.delete_credential();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use antre_api::accounts::Role;
    use keyring::credential::CredentialBuilderApi;

    fn mock_entry() -> Entry {
        let cred = keyring::mock::MockCredentialBuilder {}
            .build(None, KEYRING_SERVICE, KEYRING_USER)
            .unwrap();
        Entry::new_with_credential(cred)
    }

    fn session(expires_in_hours: i64) -> StoredSession {
        StoredSession {
            token: "tok-123".into(),
            expires_at: Utc::now() + chrono::Duration::hours(expires_in_hours),
            absolute_expires_at: None,
            account: AccountView {
                id: uuid::Uuid::nil(),
                email: "ani@example.id".into(),
                phone: "+6281234567890".into(),
                role: Role::Applicant,
                office_id: None,
                email_verified: true,
                phone_verified: false,
                language: "id".into(),
            },
        }
    }

    #[test]
    fn keeps_the_token_in_the_keyring() {
        let vault = SessionVault::with_entry(mock_entry());
        assert!(vault.persistent());
        assert_eq!(vault.load(Utc::now()), None);
        let s = session(1);
        assert!(vault.save(&s));
        // a fresh in-memory view reads it back from the (mock) keyring
        *vault.memory.lock().unwrap() = None;
        assert_eq!(vault.load(Utc::now()), Some(s));
        vault.clear();
        assert_eq!(vault.load(Utc::now()), None);
    }

    #[test]
    fn expired_sessions_are_forgotten() {
        let vault = SessionVault::with_entry(mock_entry());
        vault.save(&session(-1));
        assert!(matches!(vault.load_checked(Utc::now()), Loaded::Expired(_)));
        assert_eq!(vault.load_checked(Utc::now()), Loaded::None);
    }

    #[test]
    fn a_sliding_session_lasts_until_its_absolute_end() {
        let vault = SessionVault::with_entry(mock_entry());
        let mut s = session(-1);
        s.absolute_expires_at = Some(Utc::now() + chrono::Duration::days(60));
        vault.save(&s);
        // Idle past the first expiry as far as this device knows; the server may have moved it.
        assert_eq!(vault.load(Utc::now()), Some(s.clone()));
        assert_eq!(vault.load(Utc::now() + chrono::Duration::days(61)), None);
    }

    #[test]
    fn broken_keyring_falls_back_to_memory_and_says_so() {
        let entry = mock_entry();
        let mock: &keyring::mock::MockCredential = entry.get_credential().downcast_ref().unwrap();
        mock.set_error(keyring::Error::PlatformFailure("no secret service".into()));
        let vault = SessionVault::with_entry(entry);
        assert!(!vault.persistent());
        let s = session(1);
        assert!(!vault.save(&s));
        assert_eq!(vault.load(Utc::now()), Some(s));
    }
}
