//! Booking proofs on the server: the key this instance signs with, registered by its key id in
//! the database; signing a booking's proof; verifying any proof with the registered key its kid
//! names, so proofs signed by another instance, or by a key since rotated out, verify here.

use crate::config::SecretSource;
use crate::personal_data::PersonalData;
use crate::store::bookings::Booking;
use crate::store::{proof_keys, Db};
use antre_proof::ProofPayload;
use chrono::{DateTime, Utc};
use ed25519_dalek::{SigningKey, VerifyingKey};
use std::collections::HashMap;
use std::sync::RwLock;

pub struct ProofKeys {
    signing: SigningKey,
    kid: String,
    /// Public keys by kid, as read from the registry. A kid always names the same key, so an
    /// entry never goes stale; a kid not found is not remembered, as another instance may
    /// register it at any moment.
    known: RwLock<HashMap<String, VerifyingKey>>,
}

impl ProofKeys {
    /// Takes the signing key from `source` (making the key file on first start) and registers its
    /// public key. Refuses a key whose kid the registry holds for another key: its proofs would
    /// verify nowhere.
    pub async fn start(
        db: &Db,
        source: &SecretSource,
        now: DateTime<Utc>,
    ) -> anyhow::Result<ProofKeys> {
        let signing = SigningKey::from_bytes(&source.load()?);
        let public = signing.verifying_key();
        let kid = antre_proof::key_id(&public);
        let encoded = antre_proof::encode_public_key(&public);
        if proof_keys::register(db, &kid, &encoded, now).await? != encoded {
            anyhow::bail!("the proof key id {kid} is registered for another public key; use another proof signing key");
        }
        tracing::info!(%kid, "signing booking proofs");
        Ok(ProofKeys {
            known: RwLock::new(HashMap::from([(kid.clone(), public)])),
            signing,
            kid,
        })
    }

    /// The id of the key this instance signs with.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The public key this instance signs with, as published.
    pub fn public_key(&self) -> String {
        antre_proof::encode_public_key(&self.signing.verifying_key())
    }

    /// The QR proof of a booking. The NIK is bound by a keyed digest (`personal`): a photo of
    /// the code does not let anyone find the number by trying candidates.
    pub fn sign(&self, b: &Booking, personal: &PersonalData) -> String {
        let booking_id = b.id.to_string();
        antre_proof::sign(
            &self.signing,
            &ProofPayload {
                kid: self.kid.clone(),
                nik_digest: personal.proof_digest(&booking_id, &b.nik_key),
                booking_id,
                office_id: b.office_id.clone(),
                date: b.day.to_string(),
                session: b.session.clone(),
                lane: b.lane.as_str().to_string(),
                name: b.applicant_name.clone(),
                nik_masked: b.nik_masked.clone(),
            },
        )
    }

    /// The payload of a proof signed by a registered key; `None` for anything else (not a
    /// proof, a kid nobody registered, a signature that does not hold).
    pub async fn verify(&self, db: &Db, token: &str) -> Result<Option<ProofPayload>, sqlx::Error> {
        let Ok(kid) = antre_proof::claimed_key_id(token) else {
            return Ok(None);
        };
        let Some(key) = self.key_named(db, &kid).await? else {
            return Ok(None);
        };
        Ok(antre_proof::verify(&key, token).ok())
    }

    async fn key_named(&self, db: &Db, kid: &str) -> Result<Option<VerifyingKey>, sqlx::Error> {
        if let Some(key) = self.known.read().expect("proof keys").get(kid) {
            return Ok(Some(*key));
        }
        let Some(text) = proof_keys::public_key(db, kid).await? else {
            return Ok(None);
        };
        let Ok(key) = antre_proof::decode_public_key(&text) else {
            tracing::error!(%kid, "the registered proof key is not an Ed25519 public key");
            return Ok(None);
        };
        self.known
            .write()
            .expect("proof keys")
            .insert(kid.to_string(), key);
        Ok(Some(key))
    }
}
