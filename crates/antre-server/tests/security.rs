mod support;

use antre_api::accounts::LoginRequest;
use support::*;

#[tokio::test]
async fn endpoints_require_the_right_caller() {
    let app = spawn_app().await;
    let anon = app.client();
    assert_eq!(
        anon.applicants().await.unwrap_err().code(),
        Some("unauthorized")
    );
    assert_eq!(
        anon.bookings().await.unwrap_err().code(),
        Some("unauthorized")
    );
    assert_eq!(
        anon.clone()
            .with_token("forged")
            .me()
            .await
            .unwrap_err()
            .code(),
        Some("unauthorized")
    );
    let applicant = app.signed_in("someone@example.id").await;
    assert_eq!(
        applicant
            .roster("kanim-bekasi", day(2026, 12, 8), None)
            .await
            .unwrap_err()
            .code(),
        Some("forbidden")
    );
    assert_eq!(
        applicant
            .no_show_sweep("kanim-bekasi", day(2026, 12, 8))
            .await
            .unwrap_err()
            .code(),
        Some("forbidden")
    );
    assert_eq!(
        applicant
            .booking(uuid::Uuid::new_v4())
            .await
            .unwrap_err()
            .code(),
        Some("not_found")
    );
    app.stop().await;
}

#[tokio::test]
async fn rate_limits_answer_429_with_retry_after() {
    let app = spawn_app_with(|c| c.rate_per_ip_per_minute = 20).await;
    let http = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..25 {
        let r = http
            .get(format!("{}/v1/offices/kanim-bekasi", app.url))
            .send()
            .await
            .unwrap();
        statuses.push((
            r.status().as_u16(),
            r.headers().get("retry-after").is_some(),
        ));
    }
    assert!(statuses[..20].iter().all(|(s, _)| *s == 200));
    assert!(statuses[20..].iter().all(|s| *s == (429, true)));
    app.stop().await;
}

#[tokio::test]
async fn oversized_and_malformed_bodies_get_clear_errors() {
    let app = spawn_app().await;
    let http = reqwest::Client::new();
    let huge = format!("{{\"email\":\"{}\"}}", "a".repeat(200_000));
    let r = http
        .post(format!("{}/v1/accounts", app.url))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let body: antre_api::error::ErrorBody = r.json().await.unwrap();
    assert_eq!(body.code, "payload_too_large");
    let r = http
        .post(format!("{}/v1/sessions", app.url))
        .header("content-type", "application/json")
        .header("accept-language", "en-US,en;q=0.9")
        .body(r#"{"email":"a@b.id"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.headers()["content-language"], "en");
    let body: antre_api::error::ErrorBody = r.json().await.unwrap();
    assert_eq!(
        (body.code.as_str(), body.field.as_deref()),
        ("invalid_request", Some("password"))
    );
    // Wrong credentials never reveal whether the account exists.
    let e = app
        .client()
        .login(&LoginRequest {
            email: "ghost@example.id".into(),
            password: PASSWORD.into(),
            device: None,
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("invalid_credentials"));
    app.stop().await;
}

#[tokio::test]
async fn openapi_and_health_are_served() {
    let app = spawn_app().await;
    let http = reqwest::Client::new();
    assert_eq!(
        http.get(format!("{}/healthz", app.url))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let doc: serde_json::Value = http
        .get(format!("{}/openapi.json", app.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/v1/bookings",
        "/v1/availability/search",
        "/v1/staff/check-in",
        "/v1/payments/callback",
        "/v1/proof/public-key",
        "/v1/proof/keys",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
    assert!(doc["components"]["schemas"]["BookingView"].is_object());
    assert!(doc["components"]["schemas"]["RegisteredProofKey"].is_object());
    // Every operation lists what any request can get: the rate limit and load shedding always,
    // a refused sign-in wherever it needs one; and every named response exists.
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let name = format!("{method} {path}");
            let responses = &operation["responses"];
            assert!(responses["429"].is_object(), "{name} lists 429");
            assert!(responses["503"].is_object(), "{name} lists 503");
            let secured = operation["security"]
                .as_array()
                .is_some_and(|s| !s.is_empty());
            if secured {
                assert!(responses["401"].is_object(), "{name} lists 401");
            }
            for response in responses.as_object().unwrap().values() {
                if let Some(named) = response["$ref"].as_str() {
                    let component = named.trim_start_matches("#/components/responses/");
                    assert!(
                        doc["components"]["responses"][component].is_object(),
                        "{name}: {named} exists"
                    );
                }
            }
            operations += 1;
        }
    }
    assert!(operations > 0);
    app.stop().await;
}

/// A handler that panics answers like any internal error: 500 `internal` as JSON. The panic
/// used to be caught outside the layer that writes error bodies, so it answered plain text the
/// document does not list.
#[tokio::test]
async fn a_panic_answers_500_internal_as_json() {
    async fn buggy() -> &'static str {
        panic!("a handler with a bug")
    }
    let app = spawn_app().await;
    let routes = axum::Router::new().route("/buggy", axum::routing::get(buggy));
    let service = antre_server::startup::with_middleware(routes, app.running.state.clone())
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, service).await });
    let response = reqwest::get(format!("http://{addr}/buggy")).await.unwrap();
    assert_eq!(response.status(), 500);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let body: antre_api::error::ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, "internal");
    server.abort();
    app.stop().await;
}

#[tokio::test]
async fn accounts_are_limited_across_tokens_and_sign_in_is_limited_per_address() {
    let app = spawn_app_with(|c| {
        c.rate_per_account_per_minute = 10;
        c.rate_per_ip_per_minute = 400; // 20 secret-checking calls a minute per address
    })
    .await;
    let first = app.signed_in("busy@example.id").await;
    let second = app.client().with_token(
        app.client()
            .login(&LoginRequest {
                email: "busy@example.id".into(),
                password: PASSWORD.into(),
                device: None,
            })
            .await
            .unwrap()
            .token,
    );
    let mut limited = 0;
    for i in 0..12 {
        let client = if i % 2 == 0 { &first } else { &second };
        if client.me().await.unwrap_err_or_ok() == Some("rate_limited".to_string()) {
            limited += 1;
        }
    }
    assert_eq!(limited, 2, "10 calls a minute per account, whichever token");
    let mut codes = Vec::new();
    for _ in 0..25 {
        let r = app
            .client()
            .login(&LoginRequest {
                email: "busy@example.id".into(),
                password: "Wrong-guess-1".into(),
                device: None,
            })
            .await;
        codes.push(r.unwrap_err().code().unwrap_or_default().to_string());
    }
    assert!(
        codes.iter().any(|c| c == "rate_limited"),
        "password guessing is cut off: {codes:?}"
    );
    app.stop().await;
}

trait CodeOf {
    fn unwrap_err_or_ok(self) -> Option<String>;
}

impl<T> CodeOf for Result<T, antre_client::ClientError> {
    fn unwrap_err_or_ok(self) -> Option<String> {
        self.err().and_then(|e| e.code().map(str::to_string))
    }
}

#[tokio::test]
async fn beyond_its_requests_in_flight_the_server_sheds_with_503_and_retry_after() {
    use tokio::io::AsyncWriteExt;
    let app = spawn_app_with(|c| c.max_in_flight = 1).await;
    // One request in flight that will not finish soon: its body is still coming.
    let addr = app.url.trim_start_matches("http://").to_string();
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(
        format!(
            "POST /v1/accounts HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"email\""
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;

    let http = reqwest::Client::new();
    let started = std::time::Instant::now();
    let r = http
        .get(format!("{}/v1/offices", app.url))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "1");
    assert!(
        started.elapsed() >= antre_server::overload::SHED_PAUSE,
        "a refusal comes after a pause, so a client retrying at once cannot flood"
    );
    let body: antre_api::error::ErrorBody = r.json().await.unwrap();
    assert_eq!(body.code, "overloaded");
    // The health check is never shed: a busy instance is not a dead one.
    let r = http
        .get(format!("{}/healthz", app.url))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());

    // Once the request in flight is gone, the next is served.
    drop(slow);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let r = http
        .get(format!("{}/v1/offices", app.url))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    app.stop().await;
}
