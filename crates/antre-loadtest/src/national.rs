//! A national release (issue 7): every office releases a month of quota at the same instant,
//! and that release goes by draw.
//!
//! 1. *Entries*: signed-in applicants enter the draw over HTTP in its entry window
//!    (`PUT /v1/draws/{id}/entries/{applicant}`, three ranked choices each), all at once over
//!    `connections` keep-alive connections: entries accepted per second and their latency.
//! 2. *The draw*: entries are topped up to `entries` with rows written in bulk (each a real
//!    applicant of a real account, with its salt and digest as the server makes them); the
//!    server instances stop, and the load tool runs the server's own draw job
//!    (`antre_server::draws::run_due`, the code every instance runs at the release instant)
//!    with the clock just past the release instant: its duration, one transaction that orders
//!    every entry, books the winners, records every position and puts the others on the
//!    waitlist.
//! 3. *First come after the draw*: the instances start again with their clock just past the
//!    release instant (`ANTRE_TEST_CLOCK_START`), and a crowd of other people books what the
//!    draw left, a place for each: successful bookings per second.

use crate::client::Call;
use crate::phases::{self, Clients, CpuUse, Done, Flash, Latency};
use crate::prepare::{self, Person, Target};
use crate::servers::Setup;
use crate::Verdict;
use antre_api::draws::{Choice, EntryRequest};
use antre_api::{ApplicationKind, Lane, PassportKind, Validity};
use antre_server::state::AppState;
use antre_server::store::bookings::{enum_name, ACTIVE};
use antre_server::store::draws as store_draws;
use antre_server::store::Db;
use anyhow::{Context, Result};
use chrono::{DateTime, Days, Duration, NaiveDate, SubsecRound, Utc};
use rand::{Rng, SeedableRng};
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;
use std::sync::Arc;
use uuid::Uuid;

pub struct Options {
    /// Entries in the draw in all.
    pub entries: usize,
    /// Of which entered over HTTP (the rest are written in bulk).
    pub http_entries: usize,
    pub connections: usize,
    /// Days of quota every office releases.
    pub days: u32,
    /// People booking first come, first served after the draw.
    pub after_crowd: usize,
}

#[derive(Serialize, Debug)]
pub struct National {
    pub release_at: DateTime<Utc>,
    pub offices: usize,
    pub days: usize,
    pub slots: usize,
    /// Places released at the instant, all lanes.
    pub places: i64,
    pub entries: Entries,
    /// Entries written in bulk to reach `draw.entries`.
    pub bulk_entries: usize,
    pub draw: DrawRun,
    pub after_draw: Flash,
}

#[derive(Serialize, Debug)]
pub struct Entries {
    pub requests: usize,
    pub connections: usize,
    pub seconds: f64,
    /// Answered 201 (a new entry).
    pub accepted: usize,
    pub accepted_per_second: f64,
    pub latency: Latency,
    pub accepted_latency: Latency,
    pub outcomes: BTreeMap<String, usize>,
    pub cpu: CpuUse,
}

#[derive(Serialize, Debug)]
pub struct DrawRun {
    /// The whole job pass (`run_due`), from asking which draws are due to the commit.
    pub seconds: f64,
    pub entries: i64,
    pub places: i64,
    pub placed: i64,
    pub waitlisted: i64,
    pub skipped: i64,
    pub waitlist_rows: i64,
    /// The parts of the draw's transaction before its commit.
    pub phases: store_draws::DrawPhases,
}

/// A regular-lane office-day of the release, with its free places.
struct OfficeDay {
    office: String,
    day: NaiveDate,
    free: u64,
}

/// Three ranked choices, as people make them: a day at an office (offices and days chosen in
/// proportion to their places), another day there, then the earliest at that office or a
/// second one.
fn choices(rng: &mut impl Rng, days: &[OfficeDay], cumulative: &[u64]) -> Vec<Choice> {
    let total = *cumulative.last().unwrap_or(&1);
    let pick = |rng: &mut dyn rand::RngCore| {
        let x = rng.gen_range(0..total.max(1));
        &days[cumulative.partition_point(|c| *c <= x).min(days.len() - 1)]
    };
    let first = pick(&mut *rng);
    let same_office: Vec<&OfficeDay> = days.iter().filter(|d| d.office == first.office).collect();
    let second = same_office[rng.gen_range(0..same_office.len())];
    let other = pick(&mut *rng);
    let mut out = vec![Choice::OfficeDay {
        office_id: first.office.clone(),
        date: first.day,
    }];
    if second.day != first.day {
        out.push(Choice::OfficeDay {
            office_id: second.office.clone(),
            date: second.day,
        });
    }
    let mut earliest = vec![first.office.clone()];
    if other.office != first.office {
        earliest.push(other.office.clone());
    }
    out.push(Choice::EarliestAt {
        office_ids: earliest,
    });
    out
}

fn request(choices: Vec<Choice>) -> EntryRequest {
    EntryRequest {
        lane: Lane::Regular,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
        choices,
    }
}

/// Every open slot of the `days` calendar days from three days ahead, at every office,
/// released at `at`. Returns the slots and the places they hold.
async fn release_month(db: &Db, days: u32, at: DateTime<Utc>) -> Result<(Vec<i64>, i64)> {
    let from = Utc::now().date_naive() + Days::new(3);
    let to = from + Days::new(u64::from(days.max(1)) - 1);
    let rows = sqlx::query(
        "SELECT id, capacity - booked - offered - protected AS free FROM slots
         WHERE day >= $1 AND day <= $2 AND closed = 0 ORDER BY id",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(&db.read)
    .await?;
    anyhow::ensure!(!rows.is_empty(), "no open slots from {from} to {to}");
    let mut ids = Vec::with_capacity(rows.len());
    let mut places = 0i64;
    for r in &rows {
        ids.push(r.try_get::<i64, _>("id")?);
        places += r.try_get::<i64, _>("free")?;
    }
    prepare::release(db, &ids, at).await?;
    Ok((ids, places))
}

/// Entries of `people` written directly, as `store::draws::upsert_entry` writes them (salt,
/// digest of the entry id), many rows per statement.
async fn bulk_entries(
    db: &Db,
    draw: Uuid,
    people: &[Person],
    requests: Vec<EntryRequest>,
    now: DateTime<Utc>,
) -> Result<()> {
    let rows: Vec<[String; 12]> = people
        .iter()
        .zip(requests)
        .map(|(p, r)| {
            let id = Uuid::now_v7().to_string();
            let salt: [u8; 16] = rand::random();
            let digest = antre_domain::draw::entry_digest(&salt, &id);
            Ok([
                id,
                draw.to_string(),
                p.account.to_string(),
                p.applicant.to_string(),
                p.nik_key.clone(),
                r.lane.as_str().to_string(),
                enum_name(&r.passport_kind),
                enum_name(&r.validity),
                enum_name(&r.application_kind),
                serde_json::to_string(&r.choices)?,
                antre_server::auth::hex(&salt),
                digest,
            ])
        })
        .collect::<Result<_>>()?;
    let now = now.timestamp();
    for chunk in rows.chunks(1000) {
        // $1: the instant; then twelve a row, in the order of the columns (priority 0).
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                let p: Vec<String> = (1..=12).map(|c| format!("${}", 1 + i * 12 + c)).collect();
                let (before, after) = p.split_at(6);
                format!(
                    "({}, 0, {}, NULL, $1, $1)",
                    before.join(", "),
                    after.join(", ")
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO draw_entries (id, draw_id, account_id, applicant_id, nik, lane, priority, passport_kind,
                                       validity, application_kind, choices, salt, digest, client_key, created_at, updated_at)
             VALUES {}",
            values.join(", ")
        );
        let chunk = chunk.to_vec();
        db.write(move |c| {
            Box::pin(async move {
                let mut q = sqlx::query(&sql).bind(now);
                for row in &chunk {
                    for v in row {
                        q = q.bind(v.clone());
                    }
                }
                q.execute(c).await.map(|_| ())
            })
        })
        .await?;
    }
    Ok(())
}

async fn count(db: &Db, sql: &str, binds: Vec<String>) -> Result<i64> {
    let mut q = sqlx::query(sql);
    for b in binds {
        q = q.bind(b);
    }
    Ok(q.fetch_one(&db.read).await?.try_get("n")?)
}

/// The whole scenario on the database `state` was built on (fresh, with the state's clock
/// manual), the instances `setup` starts, and the people it prepares.
pub async fn run(
    label: &str,
    state: &AppState,
    data_key: &antre_server::secret_file::Secret,
    setup: &Setup,
    o: &Options,
    verdict: &mut Verdict,
) -> Result<National> {
    let db = &state.db;
    let t0 = std::time::Instant::now();
    let at = || format!("{:.1} s", t0.elapsed().as_secs_f64());
    let now = Utc::now().trunc_subsecs(0);
    // Inside the (24 h) entry window, and far enough ahead that no instance on the real clock
    // draws it by itself.
    let release_at = now + Duration::hours(2);
    eprintln!(
        "[{label}] national release: {} days of quota at every office, draw at {release_at}",
        o.days
    );
    let (slots, places) = release_month(db, o.days, release_at).await?;
    state.clock.set(now);
    antre_server::draws::ensure_upcoming(state, now).await?;
    let draw = store_draws::of_release(db, release_at)
        .await?
        .context("the national release's draw")?;
    let release = store_draws::release_places(db, release_at).await?;
    let mut per_day: BTreeMap<(String, NaiveDate), u64> = BTreeMap::new();
    for p in &release {
        if p.lane == antre_domain::lane::Lane::Regular && p.free > 0 {
            *per_day.entry((p.office_id.clone(), p.day)).or_default() += u64::from(p.free);
        }
    }
    let days: Vec<OfficeDay> = per_day
        .into_iter()
        .map(|((office, day), free)| OfficeDay { office, day, free })
        .collect();
    let cumulative: Vec<u64> = days
        .iter()
        .scan(0, |sum, d| {
            *sum += d.free;
            Some(*sum)
        })
        .collect();
    let offices = {
        let mut o: Vec<&str> = days.iter().map(|d| d.office.as_str()).collect();
        o.dedup();
        o.len()
    };
    let day_count = {
        let mut d: Vec<NaiveDate> = days.iter().map(|d| d.day).collect();
        d.sort();
        d.dedup();
        d.len()
    };

    let http = o.http_entries.min(o.entries);
    eprintln!(
        "[{label}] {} entrants ({http} over HTTP) and {} people for after the draw ({})",
        o.entries,
        o.after_crowd,
        at()
    );
    let entrants = prepare::people(db, data_key, 0, o.entries).await?;
    let after = prepare::people(db, data_key, o.entries, o.after_crowd).await?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let requests: Vec<EntryRequest> = (0..o.entries)
        .map(|_| request(choices(&mut rng, &days, &cumulative)))
        .collect();
    let (over_http, bulk) = entrants.split_at(http);
    let (http_requests, bulk_requests) = {
        let mut r = requests;
        let bulk = r.split_off(http);
        (r, bulk)
    };
    bulk_entries(db, draw.id, bulk, bulk_requests, now).await?;
    let calls: Vec<Call> = over_http
        .iter()
        .zip(&http_requests)
        .map(|(p, r)| {
            let mut call =
                Call::put_json(&format!("/v1/draws/{}/entries/{}", draw.id, p.applicant), r)?;
            call.bearer = Some(p.bearer.clone());
            Ok(call)
        })
        .collect::<Result<_>>()?;

    eprintln!(
        "[{label}] {} entries over HTTP, {} connections ({} written in bulk) ({})",
        calls.len(),
        o.connections,
        bulk.len(),
        at()
    );
    let system = setup.start(None).await?;
    let before = system.cpu();
    let requests = calls.len();
    let (done, took) = phases::run(
        system.entry,
        Arc::new(calls),
        o.connections,
        std::time::Duration::from_secs(30),
        Clients::RetryShed,
    )
    .await;
    let cpu = phases::cpu_use(before, system.cpu(), requests);
    system.stop()?;
    let accepted: Vec<&Done> = done.iter().filter(|d| d.status == 201).collect();
    let entries = Entries {
        requests,
        connections: o.connections,
        seconds: took.as_secs_f64(),
        accepted: accepted.len(),
        accepted_per_second: accepted.len() as f64 / took.as_secs_f64().max(1e-9),
        latency: phases::latency(done.iter()),
        accepted_latency: phases::latency(accepted.into_iter()),
        outcomes: phases::outcomes(done.iter(), "entered"),
        cpu,
    };

    // Draws of other releases due before this one (the offices' own release times) first, so
    // the pass measured is the national draw alone.
    state.clock.set(release_at - Duration::seconds(1));
    antre_server::draws::run_due(state).await?;
    state
        .clock
        .set(release_at + antre_server::draws::GRACE + Duration::seconds(1));
    eprintln!("[{label}] the draw ({})", at());
    let started = std::time::Instant::now();
    let ran = antre_server::draws::run_due_reporting(state).await?;
    let seconds = started.elapsed().as_secs_f64();
    let [national] = &ran[..] else {
        anyhow::bail!("{} draws ran, not the national one alone", ran.len());
    };
    let drawn = store_draws::get(db, draw.id)
        .await?
        .context("the drawn draw")?;
    let outcome = |o: &'static str| {
        count(
            db,
            "SELECT COUNT(*) AS n FROM draw_outcomes WHERE draw_id = $1 AND outcome = $2",
            vec![draw.id.to_string(), o.to_string()],
        )
    };
    let draw_run = DrawRun {
        seconds,
        entries: drawn.entries as i64,
        places: drawn.places as i64,
        placed: drawn.placed as i64,
        waitlisted: outcome("waitlisted").await?,
        skipped: outcome("skipped").await?,
        waitlist_rows: count(db, "SELECT COUNT(*) AS n FROM waitlist", Vec::new()).await?,
        phases: national.phases,
    };

    // What is left, first come, first served: a place for each of the crowd.
    let left: Vec<Target> = sqlx::query(
        "SELECT id, office_id, day, capacity - booked - offered - protected AS places FROM slots
         WHERE released_at = $1 AND lane IN ('regular', 'same_day') AND closed = 0 AND capacity > booked + offered + protected
         ORDER BY day, office_id, id",
    )
    .bind(release_at.timestamp())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(Target {
            id: r.try_get("id")?,
            office_id: r.try_get("office_id")?,
            day: r.try_get("day")?,
            places: r.try_get("places")?,
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let mut left = left;
    let spread = prepare::spread(&mut left, o.after_crowd, 1.0);
    let mut person = after.iter();
    let mut calls = Vec::with_capacity(o.after_crowd);
    for (slot, asked) in &spread {
        for _ in 0..*asked {
            calls.push(prepare::booking(
                person.next().context("enough people")?,
                slot.id,
            )?);
        }
    }
    let possible: i64 = spread.iter().map(|(t, a)| t.places.min(*a as i64)).sum();
    let places_asked: i64 = spread.iter().map(|(t, _)| t.places).sum();
    let mut after_setup = setup.clone();
    // Logs of its own: the entry phase's stay for a look.
    after_setup.dir = setup.dir.join("after-draw");
    std::fs::create_dir_all(&after_setup.dir)?;
    after_setup.env.push((
        "ANTRE_TEST_CLOCK_START".into(),
        (release_at + antre_server::draws::GRACE + Duration::seconds(2)).to_rfc3339(),
    ));
    let system = after_setup.start(None).await?;
    eprintln!(
        "[{label}] after the draw: {} people book what is left, first come ({})",
        calls.len(),
        at()
    );
    let after_draw = phases::flash(
        &system,
        "after the draw",
        calls,
        o.connections,
        (spread.len(), places_asked, possible),
    )
    .await;
    system.stop()?;
    eprintln!("[{label}] national release done ({})", at());

    // What must hold.
    let entries_in_db = count(
        db,
        "SELECT COUNT(*) AS n FROM draw_entries WHERE draw_id = $1",
        vec![draw.id.to_string()],
    )
    .await?;
    if entries.accepted != entries.requests {
        verdict.problems.push(format!(
            "entries: {} of {} accepted: {:?}",
            entries.accepted, entries.requests, entries.outcomes
        ));
    }
    if entries_in_db != o.entries as i64 || draw_run.entries != entries_in_db {
        verdict.problems.push(format!(
            "entries: {entries_in_db} in the database, {} drawn, {} sent",
            draw_run.entries, o.entries
        ));
    }
    if draw_run.placed + draw_run.waitlisted + draw_run.skipped != draw_run.entries {
        verdict.problems.push(format!(
            "the draw: {} placed + {} waitlisted + {} skipped of {} entries",
            draw_run.placed, draw_run.waitlisted, draw_run.skipped, draw_run.entries
        ));
    }
    let draw_bookings = count(
        db,
        &format!("SELECT COUNT(*) AS n FROM bookings WHERE source = 'draw' AND status IN {ACTIVE}"),
        Vec::new(),
    )
    .await?;
    if draw_bookings != draw_run.placed {
        verdict.problems.push(format!(
            "the draw placed {} and made {draw_bookings} bookings",
            draw_run.placed
        ));
    }
    if after_draw.booked as i64 != possible {
        verdict.problems.push(format!(
            "after the draw: {} booked of {possible} possible: {:?}",
            after_draw.booked, after_draw.outcomes
        ));
    }
    verdict.booked_answers = draw_run.placed as usize + after_draw.booked;
    Ok(National {
        release_at,
        offices,
        days: day_count,
        slots: slots.len(),
        places,
        entries,
        bulk_entries: bulk.len(),
        draw: draw_run,
        after_draw,
    })
}
