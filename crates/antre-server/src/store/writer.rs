//! The one place writes happen. On PostgreSQL each write is its own transaction on the pool.
//! On SQLite (one writer at a time, by design) a single task owns the only write connection
//! and commits in groups: the writes waiting when it is free run in one transaction, each
//! inside its own savepoint (a failed write rolls back alone), and one COMMIT, one fsync,
//! makes them all durable. Callers get their answer only after that COMMIT, so an acknowledged
//! write survives power loss (`synchronous=FULL`) at the cost of one fsync per group, not per
//! request.

use futures::future::BoxFuture;
use futures::FutureExt;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Executor};
use std::panic::AssertUnwindSafe;
use tokio::sync::{mpsc, oneshot};

/// Most writes one group commit takes; more wait for the next group.
const MAX_GROUP: usize = 256;
/// Writes queued before callers wait to hand theirs over (back-pressure).
const QUEUE: usize = 4096;

/// A write: statements on the connection, inside a transaction (or a savepoint of one).
pub type Work<T, E> =
    Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Result<T, E>> + Send>;

/// Tells a caller how its write ended, given the group's COMMIT error if there was one.
type Answer = Box<dyn FnOnce(Option<&sqlx::Error>) + Send>;

/// What a finished job hands back to the writer: whether its statements stand, and how to
/// tell its caller once the group's COMMIT is known.
struct Ran {
    ok: bool,
    answer: Answer,
}

type Job = Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Ran> + Send>;

enum Msg {
    Job(Job),
    Stop(oneshot::Sender<()>),
}

#[derive(Clone)]
pub struct Writer(Inner);

#[derive(Clone)]
enum Inner {
    Postgres(AnyPool),
    Sqlite(mpsc::Sender<Msg>),
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Inner::Postgres(_) => "Writer(PostgreSQL pool)",
            Inner::Sqlite(_) => "Writer(SQLite group commit)",
        })
    }
}

impl Writer {
    /// Starts the group-commit task on the pool's one connection.
    pub async fn sqlite(pool: &AnyPool) -> Result<Writer, sqlx::Error> {
        let conn = pool.acquire().await?;
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(group_commits(conn, rx));
        Ok(Writer(Inner::Sqlite(tx)))
    }

    pub fn postgres(pool: AnyPool) -> Writer {
        Writer(Inner::Postgres(pool))
    }

    pub async fn run<T, E>(&self, work: Work<T, E>) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<sqlx::Error> + Send + 'static,
    {
        match &self.0 {
            Inner::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let result = work(&mut tx).await;
                match result {
                    Ok(value) => {
                        tx.commit().await?;
                        Ok(value)
                    }
                    Err(e) => {
                        // Dropping the transaction rolls it back as well; saying so is clearer.
                        let _ = tx.rollback().await;
                        Err(e)
                    }
                }
            }
            Inner::Sqlite(queue) => {
                let (answer_tx, answer_rx) = oneshot::channel::<Result<T, E>>();
                let job: Job = Box::new(move |conn| {
                    Box::pin(async move {
                        let result = work(conn).await;
                        Ran {
                            ok: result.is_ok(),
                            answer: Box::new(move |commit_error| {
                                let answer = match (result, commit_error) {
                                    (Ok(_), Some(e)) => Err(E::from(retell(e))),
                                    (result, _) => result,
                                };
                                let _ = answer_tx.send(answer);
                            }),
                        }
                    })
                });
                queue.send(Msg::Job(job)).await.map_err(|_| closed())?;
                answer_rx.await.map_err(|_| E::from(closed()))?
            }
        }
    }

    /// Finishes the group under way and stops taking writes (SQLite); nothing on PostgreSQL.
    pub async fn stop(&self) {
        if let Inner::Sqlite(queue) = &self.0 {
            let (done, stopped) = oneshot::channel();
            if queue.send(Msg::Stop(done)).await.is_ok() {
                let _ = stopped.await;
            }
        }
    }
}

fn closed() -> sqlx::Error {
    sqlx::Error::PoolClosed
}

/// The same failure, once per caller (`sqlx::Error` is not `Clone`).
fn retell(e: &sqlx::Error) -> sqlx::Error {
    sqlx::Error::Protocol(format!("group commit failed: {e}"))
}

async fn group_commits(mut conn: PoolConnection<Any>, mut queue: mpsc::Receiver<Msg>) {
    let mut stop = None;
    while stop.is_none() {
        let Some(first) = queue.recv().await else {
            break;
        };
        let mut group = Vec::new();
        match first {
            Msg::Job(job) => group.push(job),
            Msg::Stop(done) => stop = Some(done),
        }
        while stop.is_none() && group.len() < MAX_GROUP {
            match queue.try_recv() {
                Ok(Msg::Job(job)) => group.push(job),
                Ok(Msg::Stop(done)) => stop = Some(done),
                Err(_) => break,
            }
        }
        if !group.is_empty() {
            commit_group(&mut conn, group).await;
        }
    }
    if let Some(done) = stop {
        let _ = done.send(());
    }
}

async fn commit_group(conn: &mut AnyConnection, group: Vec<Job>) {
    let mut answers = Vec::with_capacity(group.len());
    let mut failure: Option<sqlx::Error> = conn.execute("BEGIN IMMEDIATE").await.err();
    let mut jobs = group.into_iter();
    if failure.is_none() {
        for job in jobs.by_ref() {
            if let Err(e) = conn.execute("SAVEPOINT write").await {
                failure = Some(e);
                break;
            }
            // A panicking write must not take the writer (and every later write) with it.
            let ran = AssertUnwindSafe(job(conn)).catch_unwind().await;
            let undo = !matches!(&ran, Ok(Ran { ok: true, .. }));
            let end = if undo {
                conn.execute("ROLLBACK TO write; RELEASE write").await
            } else {
                conn.execute("RELEASE write").await
            };
            if let Ok(ran) = ran {
                answers.push(ran.answer);
            }
            if let Err(e) = end {
                failure = Some(e);
                break;
            }
        }
    }
    if failure.is_none() {
        failure = conn.execute("COMMIT").await.err();
    }
    if let Some(e) = &failure {
        tracing::error!(error = %e, "group commit failed; its writes are rolled back");
        let _ = conn.execute("ROLLBACK").await;
    }
    for answer in answers {
        answer(failure.as_ref());
    }
    // Jobs never started (the group failed before them) learn it by their answer channel
    // closing: dropping them here drops it.
    drop(jobs);
}
