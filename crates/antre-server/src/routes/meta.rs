use crate::openapi::ApiDoc;
use crate::state::AppState;
use antre_api::meta::ServerTime;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi))
        .route("/v1/time", get(time))
}

#[utoipa::path(get, path = "/v1/time", tag = "meta", responses((status = 200, body = ServerTime)))]
/// The server's clock, by which releases, deadlines and "today" are judged.
pub async fn time(State(state): State<AppState>) -> Json<ServerTime> {
    Json(ServerTime {
        now: state.clock.now(),
    })
}

/// Ready when the database answers.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match sqlx::query("SELECT 1").execute(&state.db.read).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
