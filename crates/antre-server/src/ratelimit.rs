//! Request limits (GCRA via `governor`), kept in this instance's memory: per client address for
//! everything, tighter per address for the endpoints that check secrets (sign-up, verification,
//! sign-in), and per account for signed-in calls, so one account cannot flood from many
//! addresses and one address (a school, an office NAT) is not starved by one noisy account.
//!
//! These protect each instance from abuse; they are not fairness rules. What fairness needs to
//! hold across all instances together (one active booking per NIK, five applicants per
//! account, ...) is enforced by the database.
//!
//! Behind a reverse proxy the client's address comes from `X-Forwarded-For` / `Forwarded`, but
//! only when the connection comes from a configured trusted proxy: anyone else could write
//! those headers.

use crate::error::{ApiError, ErrorCode};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use uuid::Uuid;

/// Share of the per-address budget that may go to secret-checking endpoints.
const AUTH_SHARE: u32 = 20;
/// The payment provider's callbacks (authenticated by HMAC) have their own, larger budget.
const PAYMENT_CALLBACKS_PER_MINUTE: u32 = 6000;

pub struct RateLimits {
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    per_ip_auth: DefaultKeyedRateLimiter<IpAddr>,
    per_ip_payments: DefaultKeyedRateLimiter<IpAddr>,
    per_account: DefaultKeyedRateLimiter<Uuid>,
    trusted_proxies: Vec<IpNet>,
}

/// The address a request came from: the peer, or the client a trusted proxy names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl ClientIp {
    /// A keyed hash of the address: enough to see many people behind one address in the staff's
    /// view of suspicious patterns, without keeping the address (personal data) anywhere.
    pub fn key(&self, secret: &[u8]) -> String {
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret).expect("any key length");
        mac.update(b"client address:");
        mac.update(self.0.to_string().as_bytes());
        crate::auth::hex(&mac.finalize().into_bytes()[..8])
    }
}

fn per_minute(n: u32) -> Quota {
    let n = NonZeroU32::new(n.max(1)).expect("at least one");
    Quota::per_minute(n).allow_burst(n)
}

impl RateLimits {
    pub fn new(
        per_ip_per_minute: u32,
        per_account_per_minute: u32,
        trusted_proxies: Vec<IpNet>,
    ) -> Self {
        Self {
            per_ip: RateLimiter::keyed(per_minute(per_ip_per_minute)),
            per_ip_auth: RateLimiter::keyed(per_minute((per_ip_per_minute / AUTH_SHARE).max(10))),
            per_ip_payments: RateLimiter::keyed(per_minute(PAYMENT_CALLBACKS_PER_MINUTE)),
            per_account: RateLimiter::keyed(per_minute(per_account_per_minute)),
            trusted_proxies,
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
        self.per_ip_payments.retain_recent();
        self.per_account.retain_recent();
    }

    fn trusted(&self, ip: IpAddr) -> bool {
        self.trusted_proxies.iter().any(|net| net.contains(&ip))
    }

    /// The client's address: the peer's, unless the peer is a trusted proxy; then the nearest
    /// address in the forwarding chain that is not itself a trusted proxy.
    pub fn client_ip(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusted(peer) {
            return peer;
        }
        let chain = forwarded_chain(headers);
        chain
            .iter()
            .rev()
            .copied()
            .find(|ip| !self.trusted(*ip))
            .or_else(|| chain.first().copied())
            .unwrap_or(peer)
    }
}

/// Addresses from `Forwarded: for=...` (RFC 7239) or else `X-Forwarded-For`, client first.
fn forwarded_chain(headers: &HeaderMap) -> Vec<IpAddr> {
    let values = |name: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let forwarded: Vec<IpAddr> = values("forwarded")
        .iter()
        .flat_map(|element| element.split(';'))
        .filter_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            key.eq_ignore_ascii_case("for")
                .then(|| parse_node(value.trim_matches('"')))?
        })
        .collect();
    if !forwarded.is_empty() {
        return forwarded;
    }
    values("x-forwarded-for")
        .iter()
        .filter_map(|v| parse_node(v))
        .collect()
}

/// `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]:4711` or `2001:db8::1`.
fn parse_node(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse() {
        return Some(ip);
    }
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Some(addr.ip());
    }
    text.strip_prefix('[')
        .and_then(|rest| rest.split(']').next())
        .and_then(|ip| ip.parse().ok())
}

/// Parses `ANTRE_TRUSTED_PROXIES`: addresses or networks, comma-separated.
pub fn parse_trusted_proxies(text: &str) -> Result<Vec<IpNet>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("{s:?} is neither an IP address nor a network"))
        })
        .collect()
}

fn checks_secrets(path: &str) -> bool {
    path.starts_with("/v1/sessions") || path.starts_with("/v1/accounts")
}

pub async fn limit(
    State(limits): State<Arc<RateLimits>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut request: Request,
    next: Next,
) -> Response {
    let ip = limits.client_ip(peer.ip(), request.headers());
    request.extensions_mut().insert(ClientIp(ip));
    let path = request.uri().path();
    let allowed = if path == "/v1/payments/callback" {
        limits.per_ip_payments.check_key(&ip).is_ok()
    } else {
        limits.per_ip.check_key(&ip).is_ok()
            && (!checks_secrets(path) || limits.per_ip_auth.check_key(&ip).is_ok())
    };
    if allowed {
        next.run(request).await
    } else {
        ApiError::new(ErrorCode::RateLimited).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        h
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let limits = RateLimits::new(
            10,
            10,
            parse_trusted_proxies("127.0.0.1, 10.0.0.0/8").unwrap(),
        );
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let forged = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            limits.client_ip(ip("198.51.100.7"), &forged),
            ip("198.51.100.7"),
            "an untrusted peer cannot choose its address"
        );
        assert_eq!(
            limits.client_ip(ip("127.0.0.1"), &forged),
            ip("203.0.113.9")
        );
        // The client may prepend anything; the nearest untrusted hop is who reached our proxy.
        let chain = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.1.2.3")]);
        assert_eq!(limits.client_ip(ip("127.0.0.1"), &chain), ip("203.0.113.9"));
        let rfc = headers(&[(
            "forwarded",
            r#"for=192.0.2.60;proto=http, for="[2001:db8::1]:4711""#,
        )]);
        assert_eq!(limits.client_ip(ip("10.0.0.2"), &rfc), ip("2001:db8::1"));
        assert_eq!(
            limits.client_ip(ip("127.0.0.1"), &HeaderMap::new()),
            ip("127.0.0.1")
        );
        assert!(parse_trusted_proxies("not-an-ip").is_err());
    }
}
