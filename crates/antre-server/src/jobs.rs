//! Background work: lapse unpaid bookings past their deadline, mark no-shows after the day,
//! open new days for booking as the calendar advances, give unused protected places to
//! everyone the day before.
//!
//! Every instance runs this loop, but each pass runs on exactly one of them: a pass starts only
//! after its instance moved the job's `next_run_at` forward with a conditional update (the
//! lease), which one instance wins. A pass that dies half-way is repeated by the next one, so
//! every step is idempotent.

use crate::state::AppState;
use crate::store::{bookings, waitlist, Db};
use crate::{draws, planning};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

/// How long after a session ends its unchecked, paid bookings become no-shows: late arrivals
/// are still served within the working day.
const NO_SHOW_GRACE: Duration = Duration::hours(6);

pub const SWEEP: &str = "sweep";

/// Claims the next pass of `job` for this instance if it is due: true for exactly one of the
/// instances asking within one interval.
pub async fn claim(
    db: &Db,
    job: &'static str,
    holder: Uuid,
    every: std::time::Duration,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let now_ms = now.timestamp_millis();
    let next = now_ms + i64::try_from(every.as_millis()).unwrap_or(i64::MAX / 2);
    db.write(move |c| {
        Box::pin(async move {
            sqlx::query(
                "INSERT INTO job_runs (job, next_run_at, runs) VALUES ($1, 0, 0) ON CONFLICT (job) DO NOTHING",
            )
            .bind(job)
            .execute(&mut *c)
            .await?;
            let won = sqlx::query(
                "UPDATE job_runs SET next_run_at = $2, holder = $3, started_at = $4, runs = runs + 1
                 WHERE job = $1 AND next_run_at <= $4",
            )
            .bind(job)
            .bind(next)
            .bind(holder.to_string())
            .bind(now_ms)
            .execute(&mut *c)
            .await?
            .rows_affected()
                == 1;
            Ok(won)
        })
    })
    .await
}

async fn finished(db: &Db, job: &'static str, holder: Uuid, now: DateTime<Utc>) {
    let done = db
        .execute(
            sqlx::query("UPDATE job_runs SET finished_at = $3 WHERE job = $1 AND holder = $2")
                .bind(job)
                .bind(holder.to_string())
                .bind(now.timestamp_millis()),
        )
        .await;
    if let Err(e) = done {
        tracing::warn!(error = %e, job, "could not record the end of a pass");
    }
}

/// One sweep pass (whoever runs it). Each step is safe to repeat.
pub async fn sweep(state: &AppState) -> anyhow::Result<()> {
    let now = state.clock.now();
    let lapsed = bookings::lapse_all_expired(&state.db, now).await?;
    let no_shows = bookings::mark_all_no_shows(&state.db, now - NO_SHOW_GRACE, now).await?;
    let expired_offers = waitlist::expire_offers(&state.db, now).await?;
    let opened =
        planning::open_horizon(&state.db, &state.catalog, now, state.config.horizon_days).await?;
    if opened > 0 {
        // New slots may belong to a release entries are being taken for.
        state.release_shapes.forget_all();
    }
    let draws_made = draws::ensure_upcoming(state, now).await?;
    if opened + draws_made > 0 {
        // Read once here rather than by the first entry that needs them.
        state.warm_release_shapes().await?;
    }
    let unconfirmed = crate::attendance::release_unconfirmed(state, now).await?;
    let protected_released = crate::store::slots::release_protected(&state.db, now).await?;
    if lapsed + no_shows + opened + expired_offers + draws_made + unconfirmed + protected_released
        > 0
    {
        tracing::info!(
            lapsed,
            no_shows,
            opened,
            expired_offers,
            draws_made,
            unconfirmed,
            protected_released,
            "sweep"
        );
    }
    Ok(())
}

/// Runs the sweep if this instance wins its lease. Returns whether it ran here.
pub async fn run_once(state: &AppState) -> anyhow::Result<bool> {
    // Per-instance housekeeping, not a shared decision: every instance does its own.
    state.limits.forget_idle();
    let every = state.config.sweep_every;
    if !claim(&state.db, SWEEP, state.instance, every, state.clock.now()).await? {
        return Ok(false);
    }
    let result = sweep(state).await;
    finished(&state.db, SWEEP, state.instance, state.clock.now()).await;
    result.map(|()| true)
}

pub fn spawn(
    state: AppState,
    shutdown: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let draw_state = state.clone();
    let mut draw_shutdown = shutdown.clone();
    // Draws run at their release instant, not at the next sweep: this loop sleeps until the
    // next one is due. Every instance runs it; each draw is claimed in its transaction.
    let draw_loop = tokio::spawn(async move {
        loop {
            let wait = draws::until_next(&draw_state, draw_state.config.sweep_every).await;
            tokio::select! {
                _ = tokio::time::sleep(wait) => {
                    if let Err(e) = draws::run_due(&draw_state).await {
                        tracing::error!(error = %e, "draw failed; it is tried again");
                        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                    }
                }
                _ = draw_shutdown.changed() => break,
            }
        }
    });
    tokio::spawn(async move {
        let mut shutdown = shutdown;
        let mut tick = tokio::time::interval(state.config.sweep_every);
        loop {
            tokio::select! {
                _ = tick.tick() => {
                    if let Err(e) = run_once(&state).await {
                        tracing::error!(error = %e, "sweep failed; the next pass repeats it");
                    }
                }
                _ = shutdown.changed() => break,
            }
        }
        let _ = draw_loop.await;
    })
}
