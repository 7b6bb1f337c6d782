//! The booking proof shown as a QR code: `antre1.<payload>.<signature>`, both parts base64url
//! without padding. The payload is JSON; the signature is Ed25519 over the payload's bytes.
//!
//! Anyone holding the published public keys can verify a proof offline (an officer's phone at a
//! village drive, the app with no signal). The payload names the key that signed it (`kid`, see
//! [`key_id`]), so proofs signed by another server instance, or by a key since rotated out,
//! still find their key. The proof carries the name and the masked NIK for the officer to
//! compare with the e-KTP, and a digest that binds it to the full NIK without revealing it:
//! `nik_digest = base64url(sha256(booking_id ":" nik))`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const PREFIX: &str = "antre1";

/// The signature algorithm, as published with the keys.
pub const ALGORITHM: &str = "Ed25519";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofPayload {
    /// The signing key's id ([`key_id`]); signed with the rest, so it cannot be swapped.
    pub kid: String,
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
    #[error("signed by a key other than the one it names")]
    KeyMismatch,
}

pub fn nik_digest(booking_id: &str, nik: &str) -> String {
    B64.encode(Sha256::digest(format!("{booking_id}:{nik}").as_bytes()))
}

/// The id of a public key: the first 8 bytes of SHA-256 over its 32 bytes, lowercase hex.
pub fn key_id(key: &VerifyingKey) -> String {
    Sha256::digest(key.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Signs `payload`, whose `kid` must be `key_id` of `key`'s public key (else it never verifies).
pub fn sign(key: &SigningKey, payload: &ProofPayload) -> String {
    let body = serde_json::to_vec(payload).expect("plain struct serializes");
    let signature = key.sign(&body);
    format!(
        "{PREFIX}.{}.{}",
        B64.encode(&body),
        B64.encode(signature.to_bytes())
    )
}

/// The key id a proof names, to pick the key to [`verify`] it with. Not to be trusted before
/// the proof has been verified; it has the form of a key id (16 lowercase hex digits, as
/// [`key_id`] makes them), so whatever else a forger writes there is never looked up.
pub fn claimed_key_id(token: &str) -> Result<String, ProofError> {
    let (body, _) = split(token)?;
    #[derive(Deserialize)]
    struct Kid {
        kid: String,
    }
    let named: Kid = serde_json::from_slice(&body).map_err(|_| ProofError::Malformed)?;
    let is_key_id = named.kid.len() == 16
        && named
            .kid
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if !is_key_id {
        return Err(ProofError::Malformed);
    }
    Ok(named.kid)
}

/// Whether a proof binds `nik`: its payload's `nik_digest` is [`nik_digest`] of the booking it
/// names and `nik`. Reads the payload without checking the signature, so it tells that a person
/// is already on a list the device holds, never that the proof may be trusted.
pub fn claims_nik(token: &str, nik: &str) -> bool {
    #[derive(Deserialize)]
    struct Bound {
        booking_id: String,
        nik_digest: String,
    }
    split(token)
        .ok()
        .and_then(|(body, _)| serde_json::from_slice::<Bound>(&body).ok())
        .is_some_and(|b| b.nik_digest == nik_digest(&b.booking_id, nik))
}

pub fn verify(key: &VerifyingKey, token: &str) -> Result<ProofPayload, ProofError> {
    let (body, signature) = split(token)?;
    key.verify(&body, &signature)
        .map_err(|_| ProofError::BadSignature)?;
    let payload: ProofPayload = serde_json::from_slice(&body).map_err(|_| ProofError::Malformed)?;
    if payload.kid != key_id(key) {
        return Err(ProofError::KeyMismatch);
    }
    Ok(payload)
}

/// The payload's bytes and the signature of a proof, neither checked yet.
fn split(token: &str) -> Result<(Vec<u8>, Signature), ProofError> {
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
    Ok((body, Signature::from_bytes(&sig)))
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

    fn payload(key: &SigningKey) -> ProofPayload {
        ProofPayload {
            kid: key_id(&key.verifying_key()),
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

    fn new_key() -> SigningKey {
        SigningKey::generate(&mut rand::rngs::OsRng)
    }

    #[test]
    fn key_id_is_the_start_of_the_public_keys_sha256_in_hex() {
        // RFC 8032, test 1: the public key d75a9801...f707511a; its SHA-256 starts 21fe31df a154a261.
        let secret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
        let seed: Vec<u8> = (0..32)
            .map(|i| u8::from_str_radix(&secret[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        let key = SigningKey::from_bytes(&seed.try_into().unwrap());
        assert_eq!(
            B64.encode(key.verifying_key().as_bytes()),
            "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
        );
        assert_eq!(key_id(&key.verifying_key()), "21fe31dfa154a261");
    }

    #[test]
    fn signs_and_verifies_with_only_the_public_key_named_by_kid() {
        let key = new_key();
        let token = sign(&key, &payload(&key));
        assert!(token.starts_with("antre1."));
        let public = decode_public_key(&encode_public_key(&key.verifying_key())).unwrap();
        assert_eq!(claimed_key_id(&token).unwrap(), key_id(&public));
        assert_eq!(verify(&public, &token).unwrap(), payload(&key));
        assert!(!token.contains("3275015503650002"));
    }

    #[test]
    fn a_proof_claims_only_the_nik_it_was_issued_for() {
        let key = new_key();
        let token = sign(&key, &payload(&key));
        assert!(claims_nik(&token, "3275015503650002"));
        assert!(!claims_nik(&token, "3275015503650003"));
        assert!(!claims_nik("antre1.bm90LWpzb24.c2ln", "3275015503650002"));
        assert!(!claims_nik("", "3275015503650002"));
    }

    #[test]
    fn a_proof_signed_by_one_key_is_refused_with_another() {
        let a = new_key();
        let b = new_key();
        let token = sign(&a, &payload(&a));
        assert_eq!(
            verify(&b.verifying_key(), &token),
            Err(ProofError::BadSignature)
        );
        // B signing a proof that names A's kid: the signature holds, the name does not.
        let named_a = sign(&b, &payload(&a));
        assert_eq!(
            claimed_key_id(&named_a).unwrap(),
            key_id(&a.verifying_key())
        );
        assert_eq!(
            verify(&a.verifying_key(), &named_a),
            Err(ProofError::BadSignature)
        );
        assert_eq!(
            verify(&b.verifying_key(), &named_a),
            Err(ProofError::KeyMismatch)
        );
    }

    #[test]
    fn refuses_tampering_and_garbage() {
        let key = new_key();
        let token = sign(&key, &payload(&key));
        let mut forged = payload(&key);
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
        assert_eq!(claimed_key_id("hello"), Err(ProofError::Malformed));
        for kid in ["", "\u{0}", "0123456789ABCDEF", "0123456789abcdef0"] {
            let mut named = payload(&key);
            named.kid = kid.into();
            let body = B64.encode(serde_json::to_vec(&named).unwrap());
            let token = format!("antre1.{body}.{sig}");
            assert_eq!(
                claimed_key_id(&token),
                Err(ProofError::Malformed),
                "{kid:?}"
            );
        }
    }
}
