//! A lean HTTP/1.1 client: one keep-alive connection per simulated client, requests built once
//! and sent as they are. The load tool shares the machine's cores with the server, so every
//! microsecond it spends is taken from the server; reqwest's pool, URL parsing and cross-thread
//! wake-ups cost about three times what this does per request.
//!
//! Each request is still a complete, ordinary request (method, path, Host, headers, JSON body)
//! whose response is read to the end.

use anyhow::{Context, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::header::{HeaderValue, AUTHORIZATION, CONNECTION, CONTENT_TYPE, HOST, RETRY_AFTER};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::time::Duration;

/// What a request is, prepared before the clock starts.
#[derive(Clone)]
pub struct Call {
    pub method: Method,
    pub path: String,
    pub bearer: Option<HeaderValue>,
    pub idempotency_key: Option<HeaderValue>,
    /// A JSON body.
    pub body: Option<Bytes>,
}

impl Call {
    pub fn get(path: String) -> Call {
        Call {
            method: Method::GET,
            path,
            bearer: None,
            idempotency_key: None,
            body: None,
        }
    }

    pub fn put_json(path: &str, body: &impl serde::Serialize) -> Result<Call> {
        Ok(Call {
            method: Method::PUT,
            ..Call::post_json(path, body)?
        })
    }

    pub fn post_json(path: &str, body: &impl serde::Serialize) -> Result<Call> {
        Ok(Call {
            method: Method::POST,
            path: path.to_string(),
            bearer: None,
            idempotency_key: None,
            body: Some(Bytes::from(serde_json::to_vec(body)?)),
        })
    }
}

/// How a request ended, as the client saw it.
pub enum Reply {
    /// Status, body, and the seconds of a `Retry-After` header if one came.
    Answered(StatusCode, Bytes, Option<u64>),
    /// No answer within the client's patience.
    TimedOut,
    /// The connection failed (refused, reset, closed without an answer).
    Transport(String),
}

pub struct Conn {
    addr: SocketAddr,
    host: HeaderValue,
    sender: Option<SendRequest<Full<Bytes>>>,
}

impl Conn {
    /// Connects on first use (so a crowd's connections are opened as it arrives).
    pub fn new(addr: SocketAddr) -> Conn {
        Conn {
            addr,
            host: HeaderValue::from_str(&addr.to_string()).expect("an address is a valid host"),
            sender: None,
        }
    }

    async fn connect(&mut self) -> Result<&mut SendRequest<Full<Bytes>>> {
        let stream = tokio::net::TcpStream::connect(self.addr)
            .await
            .with_context(|| format!("connecting to {}", self.addr))?;
        stream.set_nodelay(true)?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .context("HTTP handshake")?;
        // The connection's own task reads and writes the socket; it ends with the connection.
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(self.sender.insert(sender))
    }

    /// Sends `call` and reads the whole answer, within `patience`. A keep-alive connection the
    /// other side closed between requests (nginx does after 1000) is opened again first.
    pub async fn send(&mut self, call: &Call, patience: Duration) -> Reply {
        match tokio::time::timeout(patience, self.exchange(call)).await {
            Ok(Ok(reply)) => reply,
            Ok(Err(e)) => {
                self.sender = None;
                Reply::Transport(format!("{e:#}"))
            }
            Err(_) => {
                // The answer may still come on this connection: never reuse it.
                self.sender = None;
                Reply::TimedOut
            }
        }
    }

    async fn exchange(&mut self, call: &Call) -> Result<Reply> {
        let mut request = Request::builder()
            .method(call.method.clone())
            .uri(call.path.as_str())
            .header(HOST, self.host.clone());
        if let Some(token) = &call.bearer {
            request = request.header(AUTHORIZATION, token.clone());
        }
        if let Some(key) = &call.idempotency_key {
            request = request.header(antre_api::IDEMPOTENCY_KEY_HEADER, key.clone());
        }
        let body = match &call.body {
            Some(json) => {
                request = request.header(CONTENT_TYPE, "application/json");
                Full::new(json.clone())
            }
            None => Full::new(Bytes::new()),
        };
        let reusable = match self.sender.as_mut() {
            Some(sender) => sender.ready().await.is_ok(),
            None => false,
        };
        let sender = if reusable {
            self.sender.as_mut().expect("checked above")
        } else {
            self.connect().await?
        };
        let response = sender.send_request(request.body(body)?).await?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok()?.trim().parse().ok());
        let closing = response
            .headers()
            .get(CONNECTION)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"close"));
        let body = response.into_body().collect().await?.to_bytes();
        if closing {
            self.sender = None;
        }
        Ok(Reply::Answered(status, body, retry_after))
    }
}

/// The error code of an error answer (`{code, message}`), or a description of what came.
pub fn error_code(status: StatusCode, body: &[u8]) -> String {
    serde_json::from_slice::<antre_api::error::ErrorBody>(body)
        .map(|b| b.code)
        .unwrap_or_else(|_| format!("http {}", status.as_u16()))
}
