//! Personal data kept on the device (the members an outreach officer captured, with their NIK),
//! encrypted at rest: one file sealed with XChaCha20-Poly1305 under a key that lives in the OS
//! keyring (Secret Service, Keychain, Credential Manager), never beside the file. A copy of the
//! data folder alone yields nothing; a file changed on the disk is refused, never half-read.
//!
//! The file is `ANTRE-SEALED-1` + a 24-byte random nonce + the ciphertext of the JSON; every
//! write draws a new nonce (192 bits: random nonces never collide in practice, unlike the 96 of
//! ChaCha20-Poly1305) and replaces the file atomically (temp file, fsync, rename).
//!
//! The key is made on first use and stored in the keyring before anything is sealed with it. A
//! sealed file whose key the keyring no longer has is kept as it is (never overwritten, never
//! discarded): the app says so with `sealed_key_missing` instead of starting an empty book.

use crate::error::AppError;
use crate::store::write_atomically;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use keyring::Entry;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const MAGIC: &[u8] = b"ANTRE-SEALED-1";
const NONCE_LEN: usize = 24;

/// The keyring entry (service `id.antre.app`) holding the key of the outreach captures.
pub const CAPTURE_KEY_USER: &str = "outreach-capture-key";

/// The key of sealed files, read from the keyring once per run.
pub struct SealKey {
    entry: Mutex<Option<Entry>>,
    key: Mutex<Option<[u8; 32]>>,
}

impl SealKey {
    /// The platform keyring's entry `user` (opened at first use).
    pub fn platform(user: &'static str) -> SealKey {
        SealKey {
            entry: Mutex::new(Entry::new(crate::session::KEYRING_SERVICE, user).ok()),
            key: Mutex::new(None),
        }
    }

    /// A given entry (tests: the keyring's mock store, or a store of their own).
    pub fn with_entry(entry: Entry) -> SealKey {
        SealKey {
            entry: Mutex::new(Some(entry)),
            key: Mutex::new(None),
        }
    }

    /// The key; made and stored in the keyring when there is none yet and `sealed` (the file it
    /// opens) does not exist. Without a usable keyring: `sealed_no_keyring`.
    fn get(&self, sealed: &Path) -> Result<[u8; 32], AppError> {
        let mut cached = self.key.lock().expect("seal key");
        if let Some(k) = *cached {
            return Ok(k);
        }
        let entry = self.entry.lock().expect("seal key entry");
        let entry = entry.as_ref().ok_or_else(keyring_unavailable)?;
        let key = match entry.get_password() {
            Ok(text) => decode_key(&text).ok_or_else(|| {
                AppError::new("sealed_key_missing", "the keyring holds no usable key")
            })?,
            Err(keyring::Error::NoEntry) if sealed.exists() => {
                return Err(AppError::new(
                    "sealed_key_missing",
                    "the keyring lost the key of the saved members; the file is kept",
                ));
            }
            Err(keyring::Error::NoEntry) => {
                let key: [u8; 32] = XChaCha20Poly1305::generate_key(&mut OsRng).into();
                entry
                    .set_password(&URL_SAFE_NO_PAD.encode(key))
                    .map_err(|_| keyring_unavailable())?;
                // Read back: a keyring that accepted the key but cannot return it would make
                // every later capture unreadable.
                match entry.get_password().ok().as_deref().and_then(decode_key) {
                    Some(k) if k == key => key,
                    _ => return Err(keyring_unavailable()),
                }
            }
            Err(_) => return Err(keyring_unavailable()),
        };
        *cached = Some(key);
        Ok(key)
    }
}

fn keyring_unavailable() -> AppError {
    AppError::new(
        "sealed_no_keyring",
        "no usable keyring: members cannot be kept on this device",
    )
}

fn decode_key(text: &str) -> Option<[u8; 32]> {
    URL_SAFE_NO_PAD.decode(text.trim()).ok()?.try_into().ok()
}

/// One sealed file in the app's data folder.
pub struct SealedFile {
    path: PathBuf,
    aad: &'static [u8],
}

impl SealedFile {
    /// `aad` names what the file holds (bound into the seal: another sealed file renamed to
    /// this one does not open).
    pub fn new(dir: &Path, name: &str, aad: &'static [u8]) -> SealedFile {
        SealedFile {
            path: dir.join(name),
            aad,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored value; `None` when there is no file yet. A file that does not open (another
    /// key, changed bytes) is an error, and stays on the disk.
    pub fn load<T: DeserializeOwned>(&self, key: &SealKey) -> Result<Option<T>, AppError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(AppError::storage(e)),
        };
        let k = key.get(&self.path)?;
        let plain = open(&k, self.aad, &bytes).ok_or_else(|| {
            AppError::new(
                "sealed_unreadable",
                "the saved members cannot be opened with this device's key",
            )
        })?;
        serde_json::from_slice(&plain)
            .map(Some)
            .map_err(AppError::storage)
    }

    /// Whether values can be kept and read: the key is there (made now if this file does not
    /// exist yet).
    pub fn key_ready(&self, key: &SealKey) -> Result<(), AppError> {
        key.get(&self.path).map(|_| ())
    }

    /// Seals `value` and replaces the file atomically.
    pub fn save<T: Serialize>(&self, key: &SealKey, value: &T) -> Result<(), AppError> {
        let k = key.get(&self.path)?;
        let plain = serde_json::to_vec(value).map_err(AppError::storage)?;
        write_atomically(&self.path, &seal(&k, self.aad, &plain))
    }
}

fn seal(key: &[u8; 32], aad: &[u8], plain: &[u8]) -> Vec<u8> {
    let cipher = XChaCha20Poly1305::new(key.into());
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let sealed = cipher
        .encrypt(&nonce, Payload { msg: plain, aad })
        .expect("sealing in memory does not fail");
    [MAGIC, nonce.as_slice(), &sealed].concat()
}

fn open(key: &[u8; 32], aad: &[u8], bytes: &[u8]) -> Option<Vec<u8>> {
    let rest = bytes.strip_prefix(MAGIC)?;
    if rest.len() < NONCE_LEN {
        return None;
    }
    let (nonce, sealed) = rest.split_at(NONCE_LEN);
    XChaCha20Poly1305::new(key.into())
        .decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad })
        .ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use keyring::credential::CredentialBuilderApi;

    pub(crate) fn mock_entry() -> Entry {
        let cred = keyring::mock::MockCredentialBuilder {}
            .build(None, crate::session::KEYRING_SERVICE, CAPTURE_KEY_USER)
            .unwrap();
        Entry::new_with_credential(cred)
    }

    #[test]
    fn the_file_holds_no_clear_text_and_opens_only_with_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let key = SealKey::with_entry(mock_entry());
        let file = SealedFile::new(dir.path(), "members.sealed", b"members");
        assert_eq!(file.load::<Vec<String>>(&key).unwrap(), None);
        let secret = vec!["3275014201600001".to_string(), "Siti Aminah".to_string()];
        file.save(&key, &secret).unwrap();
        let bytes = std::fs::read(file.path()).unwrap();
        assert!(bytes.starts_with(MAGIC));
        for clear in &secret {
            assert!(
                !bytes.windows(clear.len()).any(|w| w == clear.as_bytes()),
                "{clear} in the clear"
            );
        }
        assert_eq!(
            file.load::<Vec<String>>(&key).unwrap(),
            Some(secret.clone())
        );
        // A fresh run reads the key from the keyring again.
        *key.key.lock().unwrap() = None;
        assert_eq!(
            file.load::<Vec<String>>(&key).unwrap(),
            Some(secret.clone())
        );
        // Each write draws a new nonce.
        file.save(&key, &secret).unwrap();
        assert_ne!(std::fs::read(file.path()).unwrap(), bytes);

        // Another key (another device, a new keyring entry): refused, and the file is kept.
        let other = SealKey::with_entry(mock_entry());
        let other_file = SealedFile::new(&dir.path().join("other"), "x", b"members");
        other_file.save(&other, &1u8).unwrap();
        let err = file.load::<Vec<String>>(&other).unwrap_err();
        assert_eq!(err.code, "sealed_unreadable");
        assert!(file.path().exists());

        // One changed byte: refused.
        let mut changed = std::fs::read(file.path()).unwrap();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        std::fs::write(file.path(), &changed).unwrap();
        assert_eq!(
            file.load::<Vec<String>>(&key).unwrap_err().code,
            "sealed_unreadable"
        );

        // Another file's content under this name: refused (the name of the content is sealed in).
        let renamed = SealedFile::new(dir.path(), "members.sealed", b"drives");
        file.save(&key, &secret).unwrap();
        assert_eq!(
            renamed.load::<Vec<String>>(&key).unwrap_err().code,
            "sealed_unreadable"
        );
    }

    #[test]
    fn a_lost_key_keeps_the_file_and_says_so_and_no_keyring_refuses() {
        let dir = tempfile::tempdir().unwrap();
        let file = SealedFile::new(dir.path(), "members.sealed", b"members");
        file.save(&SealKey::with_entry(mock_entry()), &vec![1u8])
            .unwrap();
        let before = std::fs::read(file.path()).unwrap();
        // A new, empty keyring entry: no new key is made over an existing file.
        let fresh = SealKey::with_entry(mock_entry());
        assert_eq!(
            file.load::<Vec<u8>>(&fresh).unwrap_err().code,
            "sealed_key_missing"
        );
        assert_eq!(
            file.save(&fresh, &vec![2u8]).unwrap_err().code,
            "sealed_key_missing"
        );
        assert_eq!(std::fs::read(file.path()).unwrap(), before);

        let broken = mock_entry();
        let mock: &keyring::mock::MockCredential = broken.get_credential().downcast_ref().unwrap();
        mock.set_error(keyring::Error::PlatformFailure("no secret service".into()));
        let key = SealKey::with_entry(broken);
        let elsewhere = SealedFile::new(&dir.path().join("b"), "m", b"members");
        assert_eq!(
            elsewhere.save(&key, &1u8).unwrap_err().code,
            "sealed_no_keyring"
        );
        assert!(!elsewhere.path().exists());
    }
}
