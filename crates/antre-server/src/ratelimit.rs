//! Per-IP and per-account request limits (GCRA via `governor`). A signed-in caller is limited
//! by its token as well as its address, so one account cannot flood from many addresses and
//! one address (a school, an office NAT) is not starved by one noisy account.

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;

pub struct RateLimits {
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    per_token: DefaultKeyedRateLimiter<String>,
}

impl RateLimits {
    pub fn new(per_ip_per_minute: u32, per_account_per_minute: u32) -> Self {
        let quota = |n: u32| {
            let n = NonZeroU32::new(n.max(1)).expect("at least one");
            Quota::per_minute(n).allow_burst(n)
        };
        Self {
            per_ip: RateLimiter::keyed(quota(per_ip_per_minute)),
            per_token: RateLimiter::keyed(quota(per_account_per_minute)),
        }
    }

    /// Drops state of keys that have fully recovered (called by the sweeper).
    pub fn forget_idle(&self) {
        self.per_ip.retain_recent();
        self.per_token.retain_recent();
    }
}

pub async fn limit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let limits = &state.limits;
    let mut allowed = limits.per_ip.check_key(&peer.ip()).is_ok();
    if allowed {
        if let Some(token) = request
            .headers()
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
        {
            allowed = limits
                .per_token
                .check_key(&crate::auth::token_hash(token))
                .is_ok();
        }
    }
    if allowed {
        next.run(request).await
    } else {
        let mut response = ApiError::new(ErrorCode::RateLimited).into_response();
        response.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from_static("60"),
        );
        response
    }
}
