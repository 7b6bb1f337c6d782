//! Request limits (GCRA via `governor`): per client IP for everything, tighter per IP for the
//! endpoints that check secrets (sign-up, verification, sign-in), and per account for signed-in
//! calls, so one account cannot flood from many addresses and one address (a school, an office
//! NAT) is not starved by one noisy account.

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use uuid::Uuid;

/// Share of the per-IP budget that may go to secret-checking endpoints.
const AUTH_SHARE: u32 = 20;

pub struct RateLimits {
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    per_ip_auth: DefaultKeyedRateLimiter<IpAddr>,
    per_account: DefaultKeyedRateLimiter<Uuid>,
}

fn per_minute(n: u32) -> Quota {
    let n = NonZeroU32::new(n.max(1)).expect("at least one");
    Quota::per_minute(n).allow_burst(n)
}

impl RateLimits {
    pub fn new(per_ip_per_minute: u32, per_account_per_minute: u32) -> Self {
        Self {
            per_ip: RateLimiter::keyed(per_minute(per_ip_per_minute)),
            per_ip_auth: RateLimiter::keyed(per_minute((per_ip_per_minute / AUTH_SHARE).max(10))),
            per_account: RateLimiter::keyed(per_minute(per_account_per_minute)),
        }
    }

    /// Called by the `Caller` extractor once the account is known.
    pub fn check_account(&self, account: Uuid) -> Result<(), ApiError> {
        self.per_account
            .check_key(&account)
            .map_err(|_| ApiError::new(ErrorCode::RateLimited))
    }

    /// Drops state of keys that have fully recovered (called by the sweeper).
    pub fn forget_idle(&self) {
        self.per_ip.retain_recent();
        self.per_ip_auth.retain_recent();
        self.per_account.retain_recent();
    }
}

fn checks_secrets(path: &str) -> bool {
    path.starts_with("/v1/sessions") || path.starts_with("/v1/accounts")
}

pub async fn limit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let ip = peer.ip();
    let limits = &state.limits;
    let allowed = limits.per_ip.check_key(&ip).is_ok()
        && (!checks_secrets(request.uri().path()) || limits.per_ip_auth.check_key(&ip).is_ok());
    if allowed {
        next.run(request).await
    } else {
        ApiError::new(ErrorCode::RateLimited).into_response()
    }
}
