//! The booking proof shown as a QR code: `antre1.<payload>.<signature>`, both parts base64url
//! without padding. The payload is JSON; the signature is Ed25519 over the payload's bytes.
//!
//! Anyone holding the published public key can verify a proof offline (an officer's phone at a
//! village drive, the app with no signal). The proof carries the name and the masked NIK for the
//! officer to compare with the e-KTP, and a digest that binds it to the full NIK without
//! revealing it: `nik_digest = base64url(sha256(booking_id ":" nik))`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const PREFIX: &str = "antre1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofPayload {
    pub booking_id: String,
    pub office_id: String,
    /// Local date of the appointment, `YYYY-MM-DD`.
    pub date: String,
    /// Local session, `08:00-10:00`.
    pub session: String,
    pub lane: String,
    pub name: String,
    pub nik_masked: String,
    pub nik_digest: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("not an Antre proof")]
    Malformed,
    #[error("signature does not match")]
    BadSignature,
}

pub fn nik_digest(booking_id: &str, nik: &str) -> String {
    B64.encode(Sha256::digest(format!("{booking_id}:{nik}").as_bytes()))
}

pub fn sign(key: &SigningKey, payload: &ProofPayload) -> String {
    let body = serde_json::to_vec(payload).expect("plain struct serializes");
    let signature = key.sign(&body);
    format!(
        "{PREFIX}.{}.{}",
        B64.encode(&body),
        B64.encode(signature.to_bytes())
    )
}

pub fn verify(key: &VerifyingKey, token: &str) -> Result<ProofPayload, ProofError> {
    let mut parts = token.trim().split('.');
    let (Some(PREFIX), Some(body), Some(sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ProofError::Malformed);
    };
    let body = B64.decode(body).map_err(|_| ProofError::Malformed)?;
    let sig: [u8; 64] = B64
        .decode(sig)
        .ok()
        .and_then(|s| s.try_into().ok())
        .ok_or(ProofError::Malformed)?;
    key.verify(&body, &Signature::from_bytes(&sig))
        .map_err(|_| ProofError::BadSignature)?;
    serde_json::from_slice(&body).map_err(|_| ProofError::Malformed)
}

/// The public key as published by the server (`/v1/proof/public-key`).
pub fn encode_public_key(key: &VerifyingKey) -> String {
    B64.encode(key.as_bytes())
}

pub fn decode_public_key(text: &str) -> Result<VerifyingKey, ProofError> {
    let bytes: [u8; 32] = B64
        .decode(text.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(ProofError::Malformed)?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| ProofError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload() -> ProofPayload {
        ProofPayload {
            booking_id: "b1".into(),
            office_id: "kanim-bekasi".into(),
            date: "2026-12-02".into(),
            session: "08:00-10:00".into(),
            lane: "priority".into(),
            name: "SITI AMINAH".into(),
            nik_masked: "3275••••••••••02".into(),
            nik_digest: nik_digest("b1", "3275015503650002"),
        }
    }

    #[test]
    fn signs_and_verifies_with_only_the_public_key() {
        let key = SigningKey::generate(&mut rand::rngs::OsRng);
        let token = sign(&key, &payload());
        let public = decode_public_key(&encode_public_key(&key.verifying_key())).unwrap();
        assert_eq!(verify(&public, &token).unwrap(), payload());
        assert!(!token.contains("3275015503650002"));
    }

    #[test]
    fn refuses_tampering_and_other_keys() {
        let key = SigningKey::generate(&mut rand::rngs::OsRng);
        let other = SigningKey::generate(&mut rand::rngs::OsRng);
        let token = sign(&key, &payload());
        assert_eq!(
            verify(&other.verifying_key(), &token),
            Err(ProofError::BadSignature)
        );
        let mut forged = payload();
        forged.name = "SOMEONE ELSE".into();
        let forged_body = B64.encode(serde_json::to_vec(&forged).unwrap());
        let sig = token.rsplit('.').next().unwrap();
        let forged_token = format!("antre1.{forged_body}.{sig}");
        assert_eq!(
            verify(&key.verifying_key(), &forged_token),
            Err(ProofError::BadSignature)
        );
        assert_eq!(
            verify(&key.verifying_key(), "hello"),
            Err(ProofError::Malformed)
        );
    }
}
