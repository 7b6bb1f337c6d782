//! The public keys of booking proofs, for verifiers offline (the app, an officer's phone): the
//! key this server signs with now, and every key that has signed proofs.

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::proof_keys;
use antre_api::bookings::{ProofKeyView, RegisteredProofKey};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/proof/public-key", get(public_key))
        .route("/v1/proof/keys", get(keys))
}

#[utoipa::path(get, path = "/v1/proof/public-key", tag = "proofs",
    responses((status = 200, body = ProofKeyView)))]
/// The key this server signs new proofs with. Proofs signed earlier, or by other instances, may
/// name other keys: see `/v1/proof/keys`.
pub async fn public_key(State(state): State<AppState>) -> Json<ProofKeyView> {
    Json(ProofKeyView {
        kid: state.proof_keys.kid().to_string(),
        algorithm: antre_proof::ALGORITHM.into(),
        public_key: state.proof_keys.public_key(),
    })
}

#[utoipa::path(get, path = "/v1/proof/keys", tag = "proofs",
    responses((status = 200, body = [RegisteredProofKey])))]
/// Every key that has signed proofs, the most recently introduced first. A proof names the key
/// that signed it by `kid`.
pub async fn keys(
    State(state): State<AppState>,
) -> Result<Json<Vec<RegisteredProofKey>>, ApiError> {
    let current = state.proof_keys.kid();
    let keys = proof_keys::all(&state.db)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .map(|k| RegisteredProofKey {
            current: k.kid == current,
            kid: k.kid,
            algorithm: antre_proof::ALGORITHM.into(),
            public_key: k.public_key,
            first_used_at: k.first_used_at,
        })
        .collect();
    Ok(Json(keys))
}
