//! Background work: lapse unpaid bookings past their deadline, mark no-shows after the day,
//! open new days for booking as the calendar advances. Each pass is idempotent, so a crash or a
//! second server process does no harm.

use crate::seed;
use crate::state::AppState;
use crate::store::bookings;
use chrono::Duration;

/// How long after a session ends its unchecked, paid bookings become no-shows: late arrivals
/// are still served within the working day.
const NO_SHOW_GRACE: Duration = Duration::hours(6);

pub async fn run_once(state: &AppState) -> anyhow::Result<()> {
    let now = state.clock.now();
    let lapsed = bookings::lapse_all_expired(&state.db, now).await?;
    let no_shows = bookings::mark_all_no_shows(&state.db, now - NO_SHOW_GRACE).await?;
    let opened =
        seed::materialize_slots(&state.db, &state.catalog, now, state.config.horizon_days).await?;
    state.limits.forget_idle();
    if lapsed + no_shows + opened > 0 {
        tracing::info!(lapsed, no_shows, opened, "sweep");
    }
    Ok(())
}

pub fn spawn(
    state: AppState,
    shutdown: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut shutdown = shutdown;
        let mut tick = tokio::time::interval(state.config.sweep_every);
        loop {
            tokio::select! {
                _ = tick.tick() => {
                    if let Err(e) = run_once(&state).await {
                        tracing::error!(error = %e, "sweep failed; will retry");
                    }
                }
                _ = shutdown.changed() => break,
            }
        }
    })
}
