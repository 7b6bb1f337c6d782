//! Opaque bearer tokens (random, stored as SHA-256) and the extractor that turns
//! `Authorization: Bearer ...` into the calling account, with role checks. Passwords are in
//! `passwords`.

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::accounts::Account;
use antre_api::accounts::Role;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh 256-bit token for the client, and the hash the server keeps.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = B64.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The signed-in caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account: Account,
    pub token_hash: String,
}

impl Caller {
    pub fn require_staff_of(&self, office_id: &str) -> Result<(), ApiError> {
        match self.account.role {
            Role::Admin => Ok(()),
            Role::Staff | Role::Head if self.account.office_id.as_deref() == Some(office_id) => {
                Ok(())
            }
            Role::Staff | Role::Head => Err(ErrorCode::WrongOffice.into()),
            Role::Applicant | Role::Outreach => Err(ErrorCode::Forbidden.into()),
        }
    }

    /// An outreach officer or the head of the office (or an admin): drives and their members.
    /// Other staff of the office are told they are not outreach officers.
    pub fn require_outreach_of(&self, office_id: &str) -> Result<(), ApiError> {
        let own = self.account.office_id.as_deref() == Some(office_id);
        match self.account.role {
            Role::Admin => Ok(()),
            Role::Outreach | Role::Head if own => Ok(()),
            Role::Staff if own => Err(ErrorCode::NotOutreachOfficer.into()),
            Role::Outreach | Role::Head | Role::Staff => Err(ErrorCode::WrongOffice.into()),
            Role::Applicant => Err(ErrorCode::Forbidden.into()),
        }
    }

    pub fn require_staff(&self) -> Result<(), ApiError> {
        match self.account.role {
            Role::Admin | Role::Staff | Role::Head => Ok(()),
            Role::Applicant | Role::Outreach => Err(ErrorCode::Forbidden.into()),
        }
    }

    /// This caller as the actor of an audited action.
    pub fn actor(&self) -> crate::store::audit::Actor {
        crate::store::audit::Actor {
            account_id: Some(self.account.id),
            role: match self.account.role {
                Role::Admin => "admin",
                Role::Staff => "staff",
                Role::Head => "head",
                Role::Outreach => "outreach",
                Role::Applicant => "applicant",
            },
        }
    }

    /// The office's head, or an admin (reading the office's audit trail).
    pub fn require_head_of(&self, office_id: &str) -> Result<(), ApiError> {
        match self.account.role {
            Role::Admin => Ok(()),
            Role::Head if self.account.office_id.as_deref() == Some(office_id) => Ok(()),
            Role::Head => Err(ErrorCode::WrongOffice.into()),
            Role::Staff | Role::Outreach | Role::Applicant => Err(ErrorCode::Forbidden.into()),
        }
    }

    pub fn require_admin(&self) -> Result<(), ApiError> {
        match self.account.role {
            Role::Admin => Ok(()),
            _ => Err(ErrorCode::Forbidden.into()),
        }
    }
}

pub fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or(ErrorCode::Unauthorized)?;
        let hash = token_hash(token);
        let account = crate::store::sessions::account_of(&state.db, &hash, state.clock.now())
            .await?
            .ok_or(ErrorCode::Unauthorized)?;
        state.limits.check_account(account.id)?;
        Ok(Caller {
            account,
            token_hash: hash,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_hashed() {
        let (token, stored) = new_token();
        assert_ne!(token, stored);
        assert_eq!(token_hash(&token), stored);
        assert_eq!(stored.len(), 64);
    }
}
