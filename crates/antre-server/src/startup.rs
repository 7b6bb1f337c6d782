//! Building and running the service: connect, migrate, load reference data, open slots, then
//! serve with the middleware stack and the background sweeper, until told to stop.

use crate::config::Config;
use crate::error;
use crate::notify::LocalOutbox;
use crate::proofs::ProofKeys;
use crate::ratelimit::{self, RateLimits};
use crate::routes;
use crate::seed;
use crate::state::AppState;
use crate::store::{Db, DbOptions};
use antre_i18n::Localizer;
use axum::extract::DefaultBodyLimit;
use axum::{middleware, Router};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::watch;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

/// Requests carry small JSON documents; nothing legitimate comes near this.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

pub async fn build_state(config: Config) -> anyhow::Result<AppState> {
    let options = DbOptions {
        sqlite_max_group: config.sqlite_max_group,
    };
    let db = Db::open_with(&config.database_url, options).await?;
    // Before the slower work below: a key file that must be fixed stops the start at once.
    let proof_keys = ProofKeys::start(&db, &config.proof_key, config.clock.now()).await?;
    let personal_data = Arc::new(crate::personal_data::PersonalData::new(
        &config.data_key.load()?,
    ));
    crate::personal_data::ensure_same_data_key(&db, &personal_data).await?;
    let converted = crate::personal_data::convert_plain_niks(&db, &personal_data).await?;
    if converted > 0 {
        tracing::info!(
            applicants = converted,
            "NIKs stored in the clear were hashed and sealed"
        );
    }
    let catalog = Arc::new(seed::load(&db).await?);
    let now = config.clock.now();
    let closed = crate::planning::close_new_holidays(&db, now).await?;
    if closed > 0 {
        tracing::warn!(
            office_days = closed,
            "days that became holidays were closed; their bookings may take the special reschedule"
        );
    }
    let opened = crate::planning::open_horizon(&db, &catalog, now, config.horizon_days).await?;
    if let Some(end) = catalog.holiday_data_end() {
        let wanted = now.date_naive() + chrono::Days::new(u64::from(config.horizon_days));
        if wanted > end {
            tracing::warn!(%end, "the holiday data in data/holidays.csv ends before the booking horizon: days after it are not opened until the data is extended");
        }
    }
    tracing::info!(engine = ?db.engine, offices = catalog.all().len(), opened, "database ready");
    Ok(AppState {
        db,
        catalog,
        instance: uuid::Uuid::new_v4(),
        clock: config.clock.clone(),
        localizer: Arc::new(Localizer::new()),
        proof_keys: Arc::new(proof_keys),
        draw_secret: config.draw_secret.load()?,
        personal_data,
        drawn_releases: Arc::new(crate::draws::DrawnReleases::default()),
        release_shapes: Arc::new(crate::draws::ReleaseShapes::default()),
        payment_secret: config.payment_secret.clone().map(Arc::new),
        sender: Arc::new(LocalOutbox),
        sms: Arc::new(crate::sms::OutboxGateway),
        limits: Arc::new(RateLimits::new(
            config.rate_per_ip_per_minute,
            config.rate_per_account_per_minute,
            config.trusted_proxies.clone(),
        )),
        in_flight: Arc::new(tokio::sync::Semaphore::new(config.max_in_flight.max(1))),
        passwords: Arc::new(crate::passwords::Passwords::new(config.password_workers)?),
        search_snapshots: Arc::new(crate::search_snapshot::SearchSnapshots::new(
            config.search_snapshot_max_age,
        )),
        config: Arc::new(config),
    })
}

pub fn app(state: AppState) -> Router {
    with_middleware(routes::router(), state)
}

/// The layers every route runs behind: body limit, rate limits, load shedding, panics caught,
/// errors localized, requests traced.
pub fn with_middleware(routes: Router<AppState>, state: AppState) -> Router {
    routes
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            state.limits.clone(),
            ratelimit::limit,
        ))
        .layer(middleware::from_fn_with_state(
            state.in_flight.clone(),
            crate::overload::shed,
        ))
        // Inside `localize`, so that a panic answers like any internal error: JSON, no detail.
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn_with_state(
            state.localizer.clone(),
            error::localize,
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
                // Path only: bodies (which hold NIKs) and query strings are never logged.
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
            }),
        )
        .with_state(state)
}

/// A server running in the background (tests, the load tool, `serve`).
pub struct Running {
    pub addr: SocketAddr,
    pub state: AppState,
    stop: watch::Sender<bool>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    jobs: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Stops accepting, lets requests in flight finish, stops the sweeper, closes the pools.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        self.server.await??;
        self.jobs.await?;
        self.state.db.close().await;
        Ok(())
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Connections the kernel completes for us before we accept them (it caps this at
/// `net.core.somaxconn`, 4096 on current kernels).
const ACCEPT_BACKLOG: u32 = 4096;

/// Listens on `addr` with room for a release's burst of new connections. The standard bind
/// leaves room for 128: a thousand phones connecting in the same second overflowed it, and
/// each refused connection tried again only after a second (measured: the slowest 1% of
/// requests at 1,000 connections waited 1.1 s, all of them for their connection).
fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    // As the standard bind does on Unix: a restarted server binds its port again at once.
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(ACCEPT_BACKLOG)
}

pub async fn spawn(config: Config) -> anyhow::Result<Running> {
    let listener = listen(config.bind)?;
    let addr = listener.local_addr()?;
    let state = build_state(config).await?;
    // Before the first request: a start during an entry window meets a crowd at once.
    if let Err(e) = state.warm_release_shapes().await {
        tracing::warn!(error = %e, "could not read the shapes of the open draws ahead");
    }
    let (stop, stopped) = watch::channel(false);
    let jobs = crate::jobs::spawn(state.clone(), stopped.clone());
    let service = app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let mut on_stop = stopped;
    let server = tokio::spawn(async move {
        axum::serve(listener, service)
            .with_graceful_shutdown(async move {
                let _ = on_stop.wait_for(|s| *s).await;
            })
            .await
    });
    Ok(Running {
        addr,
        state,
        stop,
        server,
        jobs,
    })
}

/// Serves until Ctrl-C or SIGTERM, then shuts down gracefully.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let running = spawn(config).await?;
    tracing::info!(url = %running.url(), "Antre server listening");
    shutdown_signal().await;
    tracing::info!("shutting down");
    running.shutdown().await
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("signal handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
