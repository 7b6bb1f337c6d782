//! Load shedding: at most `max_in_flight` requests are served at once by this instance; the
//! next ones are answered at once with 503 and `Retry-After` instead of queueing without bound.
//! Queued requests only grow everyone's latency until they time out; refused ones can retry
//! elsewhere (another instance behind the proxy) or a second later, and the admitted ones keep
//! their speed.

use crate::error::{ApiError, ErrorCode};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use tokio::sync::Semaphore;

pub async fn shed(
    State(in_flight): State<Arc<Semaphore>>,
    request: Request,
    next: Next,
) -> Response {
    // The health check must answer while the instance is busy, or the proxy would take a
    // loaded instance for a dead one.
    if request.uri().path() == "/healthz" {
        return next.run(request).await;
    }
    match in_flight.try_acquire_owned() {
        Ok(_permit) => next.run(request).await,
        Err(_) => ApiError::new(ErrorCode::Overloaded).into_response(),
    }
}
