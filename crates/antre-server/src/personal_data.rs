//! The NIK at rest. The database never holds a NIK in the clear: where a NIK must be compared
//! (one active booking per person, one draw entry, one place in line, cool-downs), it holds a
//! keyed hash; where the number itself must be kept (the applicant it belongs to), it is sealed
//! with an AEAD; and what people see is the masked form. Both keys are derived from the
//! deployment's data key (`ANTRE_DATA_KEY`), which is never in the database, so a copy of the
//! database alone yields no NIK, and the hashes cannot be reversed by trying all 10^16 numbers
//! without the key.

use crate::secret_file::Secret;
use antre_domain::nik::Nik;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Associated data of every sealed NIK: a sealed value cannot be passed off as another kind.
const SEALED_NIK: &[u8] = b"antre sealed nik v1";

/// The keyed hash of a NIK as stored: 64 hex characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NikKey(String);

impl NikKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A stored key, as read back.
    pub fn from_stored(text: String) -> NikKey {
        NikKey(text)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("a sealed NIK could not be opened: wrong data key, or the value was altered")]
    Open,
    #[error("a sealed NIK is not in the stored form")]
    Format,
}

/// The two keys derived from the data key: one to hash, one to seal.
#[derive(Clone)]
pub struct PersonalData {
    hash_key: [u8; 32],
    seal_key: [u8; 32],
    address_key: [u8; 32],
    verifier: String,
}

/// Never prints the keys.
impl std::fmt::Debug for PersonalData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonalData(<keys>)")
    }
}

fn derive(secret: &Secret, label: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("any key length");
    mac.update(label);
    mac.finalize().into_bytes().into()
}

impl PersonalData {
    pub fn new(data_key: &Secret) -> PersonalData {
        PersonalData {
            hash_key: derive(data_key, b"antre nik hash v1"),
            seal_key: derive(data_key, b"antre nik seal v1"),
            address_key: derive(data_key, b"antre client address v1"),
            verifier: crate::auth::hex(&derive(data_key, b"antre data key verifier v1")),
        }
    }

    /// A keyed hash of a client address, for counting failed attempts without keeping it.
    pub fn address_key(&self, ip: &crate::ratelimit::ClientIp) -> String {
        ip.key(&self.address_key)
    }

    /// The keyed hash stored wherever NIKs are compared.
    pub fn key(&self, nik: &Nik) -> NikKey {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.hash_key).expect("any key length");
        mac.update(nik.expose().as_bytes());
        NikKey(crate::auth::hex(&mac.finalize().into_bytes()))
    }

    /// The NIK sealed (ChaCha20-Poly1305, a random nonce each time), as stored: base64url of
    /// nonce and ciphertext.
    pub fn seal(&self, nik: &Nik) -> String {
        let cipher = ChaCha20Poly1305::new((&self.seal_key).into());
        let nonce: [u8; 12] = rand::random();
        let sealed = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: nik.expose().as_bytes(),
                    aad: SEALED_NIK,
                },
            )
            .expect("sealing a short value cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        B64.encode(out)
    }

    /// The NIK a sealed value holds.
    pub fn open(&self, sealed: &str) -> Result<Nik, SealError> {
        let bytes = B64.decode(sealed).map_err(|_| SealError::Format)?;
        if bytes.len() < 12 {
            return Err(SealError::Format);
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        let cipher = ChaCha20Poly1305::new((&self.seal_key).into());
        let plain = cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: SEALED_NIK,
                },
            )
            .map_err(|_| SealError::Open)?;
        let text = std::str::from_utf8(&plain).map_err(|_| SealError::Format)?;
        Nik::parse(text).map_err(|_| SealError::Format)
    }

    /// A keyed hash of an email address, where one is needed as a key without keeping the
    /// address (the throttles of sign-in and codes).
    pub fn email_key(&self, email: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.hash_key).expect("any key length");
        mac.update(b"email:");
        mac.update(email.as_bytes());
        crate::auth::hex(&mac.finalize().into_bytes()[..16])
    }

    /// The digest a booking proof carries: keyed, so a photo of the QR code does not let anyone
    /// find the NIK by trying numbers (its 6 visible digits leave 10^10 candidates, which an
    /// unkeyed hash would give up in minutes).
    pub fn proof_digest(&self, booking_id: &str, nik_key: &NikKey) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.hash_key).expect("any key length");
        mac.update(b"proof:");
        mac.update(booking_id.as_bytes());
        mac.update(b":");
        mac.update(nik_key.as_str().as_bytes());
        B64.encode(mac.finalize().into_bytes())
    }
}

/// The first instance records which data key the database is written with; any later one
/// with another key stops here, before it stores a hash no other instance could match.
pub async fn ensure_same_data_key(
    db: &crate::store::Db,
    personal: &PersonalData,
) -> anyhow::Result<()> {
    db.execute(
        sqlx::query(
            "INSERT INTO data_key_check (id, verifier) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
        )
        .bind(personal.verifier.clone()),
    )
    .await?;
    let stored: String = sqlx::query_scalar("SELECT verifier FROM data_key_check WHERE id = 1")
        .fetch_one(&db.read)
        .await?;
    anyhow::ensure!(
        stored == personal.verifier,
        "this database was written with another data key: start every instance with the same \
         ANTRE_DATA_KEY (or ANTRE_DATA_KEY_FILE) as the first one"
    );
    Ok(())
}

/// Converts applicants stored before NIKs were protected (their `nik` holds the number): the
/// number is sealed and masked, and every table that compares people by it gets the keyed hash
/// instead. One transaction; a second run finds nothing to do.
pub async fn convert_plain_niks(
    db: &crate::store::Db,
    personal: &PersonalData,
) -> anyhow::Result<u64> {
    use sqlx::Row;
    let plain: Vec<(String, String)> =
        sqlx::query("SELECT id, nik FROM applicants WHERE nik_sealed IS NULL")
            .fetch_all(&db.read)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("nik")?)))
            .collect::<anyhow::Result<_>>()?;
    if plain.is_empty() {
        return Ok(0);
    }
    let mut rows = Vec::new();
    for (id, number) in plain {
        let nik =
            Nik::parse(&number).map_err(|e| anyhow::anyhow!("applicant {id}: stored NIK: {e}"))?;
        rows.push((
            id,
            number,
            personal.key(&nik),
            personal.seal(&nik),
            nik.masked(),
        ));
    }
    let converted = rows.len() as u64;
    db.write(move |c| {
        Box::pin(async move {
            for (id, number, key, sealed, masked) in &rows {
                sqlx::query("UPDATE applicants SET nik = $2, nik_sealed = $3, nik_masked = $4 WHERE id = $1")
                    .bind(id)
                    .bind(key.as_str())
                    .bind(sealed)
                    .bind(masked)
                    .execute(&mut *c)
                    .await?;
                for table in ["bookings", "draw_entries", "waitlist", "cooldowns"] {
                    sqlx::query(&format!("UPDATE {table} SET nik = $1 WHERE nik = $2"))
                        .bind(key.as_str())
                        .bind(number)
                        .execute(&mut *c)
                        .await?;
                }
            }
            Ok::<_, sqlx::Error>(())
        })
    })
    .await?;
    Ok(converted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nik() -> Nik {
        Nik::parse("3275015503600001").unwrap()
    }

    #[test]
    fn sealed_niks_open_only_with_their_key_and_differ_each_time() {
        let data = PersonalData::new(&[1; 32]);
        let a = data.seal(&nik());
        let b = data.seal(&nik());
        assert_ne!(a, b, "a fresh nonce each time");
        assert!(!a.contains("3275015503600001"));
        assert_eq!(data.open(&a).unwrap(), nik());
        let other = PersonalData::new(&[2; 32]);
        assert!(matches!(other.open(&a), Err(SealError::Open)));
        let mut tampered = B64.decode(&a).unwrap();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(matches!(
            data.open(&B64.encode(tampered)),
            Err(SealError::Open)
        ));
    }

    #[test]
    fn keys_are_stable_per_data_key_and_reveal_nothing() {
        let data = PersonalData::new(&[1; 32]);
        assert_eq!(data.key(&nik()), data.key(&nik()));
        assert_eq!(data.key(&nik()).as_str().len(), 64);
        assert_ne!(
            data.key(&nik()),
            PersonalData::new(&[2; 32]).key(&nik()),
            "another deployment, other keys"
        );
        let other = Nik::parse("3275015503600002").unwrap();
        assert_ne!(data.key(&nik()), data.key(&other));
    }
}
