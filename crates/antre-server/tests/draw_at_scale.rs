//! The draw at the size of a real release: tens of thousands of entries over several offices'
//! places, written in bulk, drawn by the job every instance runs; then everything the draw
//! promises is checked from the rows: the counters, one active booking per NIK, priority places
//! to priority entrants first, the published order, and the very assignment the domain's rules
//! give for these entries and places.
mod support;

use antre_domain::draw::{self, Choice, Places, Seed};
use antre_domain::fees::{ApplicationKind, PassportKind, Validity};
use antre_domain::lane::Lane;
use antre_server::personal_data::NikKey;
use antre_server::store::draws::{self as store_draws, NewEntry};
use antre_server::store::Db;
use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng};
use sqlx::Row;
use std::collections::{BTreeMap, HashMap, HashSet};
use support::*;
use uuid::Uuid;

/// An hour after the tests' "now": the release every test slot is moved to.
fn release_at() -> DateTime<Utc> {
    test_now() + Duration::hours(1)
}

/// What was built: who entered, and who is left out of the places (holds a booking or cools
/// down).
struct Built {
    draw_id: Uuid,
    entrants: usize,
    left_out: HashSet<String>,
}

/// A value to bind: text or an integer (PostgreSQL takes no text for a BIGINT column).
#[derive(Clone)]
enum V {
    S(String),
    I(i64),
}

fn s(text: impl Into<String>) -> V {
    V::S(text.into())
}

/// Test setup only: rows of values into `table (columns)`, many rows per statement, one write.
async fn insert_rows(db: &Db, table_and_columns: &str, rows: Vec<Vec<V>>) {
    let Some(columns) = rows.first().map(Vec::len) else {
        return;
    };
    let sql_for = |n: usize| {
        let values: Vec<String> = (0..n)
            .map(|r| {
                let p: Vec<String> = (1..=columns)
                    .map(|c| format!("${}", r * columns + c))
                    .collect();
                format!("({})", p.join(", "))
            })
            .collect();
        format!(
            "INSERT INTO {table_and_columns} VALUES {}",
            values.join(", ")
        )
    };
    let chunks: Vec<(String, Vec<Vec<V>>)> = rows
        .chunks(1000)
        .map(|c| (sql_for(c.len()), c.to_vec()))
        .collect();
    db.write(move |c| {
        Box::pin(async move {
            for (sql, rows) in &chunks {
                let mut q = sqlx::query(sql);
                for row in rows {
                    for v in row {
                        q = match v {
                            V::S(text) => q.bind(text.clone()),
                            V::I(n) => q.bind(*n),
                        };
                    }
                }
                q.execute(&mut *c).await?;
            }
            Ok::<_, sqlx::Error>(())
        })
    })
    .await
    .unwrap();
}

/// Moves the open slots of the first `offices` offices (every office if `None`) from 7 to 24
/// December into one release an hour ahead, with `capacity` places each (`None`: as planned);
/// makes `entrants` people (five to an account) who enter its draw with up to three ranked
/// choices, one in ten in the priority lane; gives a few an active booking outside the release
/// and a few a cool-down.
async fn build(
    app: &TestApp,
    offices: Option<usize>,
    capacity: Option<i64>,
    entrants: usize,
) -> Built {
    let db = app.db();
    let now = test_now();
    let chosen: Vec<String> = sqlx::query("SELECT id FROM offices ORDER BY id")
        .fetch_all(&db.read)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get::<String, _>("id"))
        .take(offices.unwrap_or(usize::MAX))
        .collect();
    let list = chosen
        .iter()
        .map(|o| format!("'{o}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let capacity_set = match capacity {
        Some(n) => format!(", capacity = {n}, protected = 0"),
        None => String::new(),
    };
    let sql = format!(
        "UPDATE slots SET released_at = $1{capacity_set}
         WHERE day >= '2026-12-07' AND day <= '2026-12-24' AND closed = 0 AND office_id IN ({list})"
    );
    let at = release_at().timestamp();
    db.write(move |c| {
        Box::pin(async move { sqlx::query(&sql).bind(at).execute(c).await.map(|_| ()) })
    })
    .await
    .unwrap();
    antre_server::draws::ensure_upcoming(&app.running.state, now)
        .await
        .unwrap();
    let draw = store_draws::of_release(db, release_at())
        .await
        .unwrap()
        .expect("the release's draw");
    let places = store_draws::release_places(db, release_at()).await.unwrap();
    let regular: Vec<&Places> = places.iter().filter(|p| p.lane == Lane::Regular).collect();
    assert!(!regular.is_empty(), "the release has regular places");
    let offices_of_release: Vec<String> = {
        let mut o: Vec<String> = regular.iter().map(|p| p.office_id.clone()).collect();
        o.sort();
        o.dedup();
        o
    };

    // People: five to an account, with keyed NIKs as the server stores them.
    let mut accounts = Vec::new();
    let mut people = Vec::new();
    for i in 0..entrants {
        if i % 5 == 0 {
            accounts.push(Uuid::now_v7());
        }
        people.push((
            *accounts.last().unwrap(),
            Uuid::now_v7(),
            format!("{:064x}", i + 1),
        ));
    }
    let t = now.timestamp();
    insert_rows(
        db,
        "accounts (id, email, phone, password_hash, role, created_at)",
        accounts
            .iter()
            .map(|a| {
                vec![
                    s(a.to_string()),
                    s(format!("{a}@scale.test")),
                    s("+6281200000000"),
                    s("x"),
                    s("applicant"),
                    V::I(t),
                ]
            })
            .collect(),
    )
    .await;
    insert_rows(
        db,
        "applicants (id, account_id, nik, name, birth_date, pregnant, disability, married, created_at)",
        people
            .iter()
            .map(|(a, p, nik)| {
                vec![
                    s(p.to_string()),
                    s(a.to_string()),
                    s(nik.clone()),
                    s("WARGA"),
                    s("1990-01-01"),
                    V::I(0),
                    V::I(0),
                    V::I(0),
                    V::I(t),
                ]
            })
            .collect(),
    )
    .await;

    // Choices as people make them: a day at an office, often another day there, then the
    // earliest at that office or a second one.
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let entries: Vec<NewEntry> = people
        .iter()
        .enumerate()
        .map(|(i, (account, applicant, nik))| {
            let first = regular[rng.gen_range(0..regular.len())];
            let second = regular[rng.gen_range(0..regular.len())];
            let other = &offices_of_release[rng.gen_range(0..offices_of_release.len())];
            let mut choices = vec![Choice::OfficeDay {
                office_id: first.office_id.clone(),
                date: first.day,
            }];
            if i % 3 != 0 {
                choices.push(Choice::OfficeDay {
                    office_id: second.office_id.clone(),
                    date: second.day,
                });
            }
            choices.push(Choice::EarliestAt {
                office_ids: vec![first.office_id.clone(), other.clone()],
            });
            let priority = i % 10 == 0;
            NewEntry {
                draw_id: draw.id,
                account_id: *account,
                applicant_id: *applicant,
                nik: NikKey::from_stored(nik.clone()),
                lane: if priority {
                    Lane::Priority
                } else {
                    Lane::Regular
                },
                priority,
                passport_kind: PassportKind::Ordinary,
                validity: Validity::FiveYears,
                application_kind: ApplicationKind::New,
                choices,
                client_key: None,
            }
        })
        .collect();
    let written = store_draws::insert_entries(db, entries, now).await.unwrap();
    assert_eq!(written as usize, entrants);

    // Left out of the places: some hold a booking (on a slot outside the release), some cool
    // down.
    let elsewhere: i64 = sqlx::query(
        "SELECT id FROM slots WHERE released_at <> $1 AND closed = 0 AND capacity >= 100 ORDER BY id LIMIT 1",
    )
    .bind(release_at().timestamp())
    .fetch_one(&db.read)
    .await
    .unwrap()
    .get("id");
    let mut left_out = HashSet::new();
    let mut held = Vec::new();
    let mut cooling = Vec::new();
    for (i, (account, applicant, nik)) in people.iter().enumerate() {
        if i % 97 == 5 && held.len() < 100 {
            held.push(vec![
                s(Uuid::now_v7().to_string()),
                s(account.to_string()),
                s(applicant.to_string()),
                s(nik.clone()),
                V::I(elsewhere),
                s("pending_payment"),
                s("ordinary"),
                s("five_years"),
                s("new"),
                V::I(350_000),
                s(format!("TEST{i:012}")),
                V::I(t + 7200),
                V::I(t),
            ]);
            left_out.insert(nik.clone());
        } else if i % 89 == 3 {
            cooling.push(vec![
                s(nik.clone()),
                V::I(t + 10 * 86_400),
                s("lapsed_holds"),
                V::I(t),
            ]);
            left_out.insert(nik.clone());
        }
    }
    let holding = held.len() as i64;
    insert_rows(
        db,
        "bookings (id, account_id, applicant_id, nik, slot_id, status, passport_kind, validity,
                   application_kind, fee_total, billing_code, payment_deadline, created_at)",
        held,
    )
    .await;
    db.execute(
        sqlx::query("UPDATE slots SET booked = booked + $1 WHERE id = $2")
            .bind(holding)
            .bind(elsewhere),
    )
    .await
    .unwrap();
    insert_rows(db, "cooldowns (nik, until, reason, created_at)", cooling).await;
    Built {
        draw_id: draw.id,
        entrants,
        left_out,
    }
}

/// An entry as read back after the draw.
struct Outcome {
    nik: String,
    lane: Lane,
    priority: bool,
    choices: Vec<Choice>,
    digest: String,
    position: i64,
    outcome: String,
    slot: Option<i64>,
}

/// Runs the due draw with the clock past the release instant; returns how long it took.
async fn run_the_draw(app: &TestApp) -> std::time::Duration {
    app.clock
        .set(release_at() + antre_server::draws::GRACE + Duration::seconds(1));
    let started = std::time::Instant::now();
    let ran = antre_server::draws::run_due(&app.running.state)
        .await
        .unwrap();
    let took = started.elapsed();
    assert_eq!(ran, 1, "the release's draw ran");
    took
}

/// Everything the draw promises, checked from the rows. `before`: the release's places as
/// they were before the draw.
async fn check(app: &TestApp, built: &Built, before: Vec<Places>, contested: bool) {
    let db = app.db();
    let broken = antre_server::store::invariants::check(db).await.unwrap();
    assert!(broken.is_empty(), "{}", broken[0]);
    let d = store_draws::get(db, built.draw_id).await.unwrap().unwrap();
    assert_eq!(d.status, store_draws::Status::Drawn);
    assert_eq!(d.entries as usize, built.entrants);

    let rows = sqlx::query(
        "SELECT e.nik, e.lane, e.priority, e.choices, e.digest, o.position, o.outcome, b.slot_id, b.status, b.source
         FROM draw_entries e LEFT JOIN draw_outcomes o ON o.entry_id = e.id LEFT JOIN bookings b ON b.id = o.booking_id
         WHERE e.draw_id = $1 ORDER BY o.position",
    )
    .bind(built.draw_id.to_string())
    .fetch_all(&db.read)
    .await
    .unwrap();
    let outcomes: Vec<Outcome> = rows
        .iter()
        .map(|r| {
            if r.get::<Option<String>, _>("outcome").as_deref() == Some("placed") {
                assert_eq!(r.get::<String, _>("status"), "pending_payment");
                assert_eq!(r.get::<String, _>("source"), "draw");
            }
            Outcome {
                nik: r.get("nik"),
                lane: serde_json::from_value(serde_json::Value::String(r.get("lane"))).unwrap(),
                priority: r.get::<i64, _>("priority") != 0,
                choices: serde_json::from_str(&r.get::<String, _>("choices")).unwrap(),
                digest: r.get("digest"),
                position: r
                    .get::<Option<i64>, _>("position")
                    .expect("every entry has a position"),
                outcome: r
                    .get::<Option<String>, _>("outcome")
                    .expect("every entry has an outcome"),
                slot: r.get("slot_id"),
            }
        })
        .collect();
    assert_eq!(outcomes.len(), built.entrants);
    for (i, o) in outcomes.iter().enumerate() {
        assert_eq!(o.position, i as i64 + 1, "positions run 1..n");
    }

    // The published order is the seed's order of the digests, and the seed is the one
    // committed to.
    let seed_hex = d.seed.clone().expect("the seed is published");
    let seed = Seed(
        (0..32)
            .map(|i| u8::from_str_radix(&seed_hex[2 * i..2 * i + 2], 16).unwrap())
            .collect::<Vec<u8>>()
            .try_into()
            .unwrap(),
    );
    let published = store_draws::order(db, built.draw_id).await.unwrap();
    assert_eq!(published.len(), built.entrants);
    assert!(draw::verify(&d.commitment, &seed, &published));
    let digests: Vec<String> = outcomes.iter().map(|o| o.digest.clone()).collect();
    assert_eq!(published, digests);

    // The assignment is the domain's for these entries and places, in the published order.
    let entries: Vec<draw::Entry> = outcomes
        .iter()
        .map(|o| draw::Entry {
            lane: o.lane,
            priority: o.priority,
            choices: if built.left_out.contains(&o.nik) {
                Vec::new()
            } else {
                o.choices.clone()
            },
        })
        .collect();
    let in_order: Vec<usize> = (0..entries.len()).collect();
    let lane_of: HashMap<i64, Lane> = before.iter().map(|p| (p.slot_id, p.lane)).collect();
    let free_before: HashMap<i64, u32> = before.iter().map(|p| (p.slot_id, p.free)).collect();
    let expected = draw::assign(&entries, &in_order, before);
    let mut placed = 0u64;
    let mut per_slot: BTreeMap<i64, u32> = BTreeMap::new();
    for (o, want) in outcomes.iter().zip(&expected) {
        assert_eq!(
            o.slot, *want,
            "entry {} got what the rules give",
            o.position
        );
        match (o.outcome.as_str(), o.slot) {
            ("placed", Some(slot)) => {
                placed += 1;
                *per_slot.entry(slot).or_default() += 1;
                assert!(
                    lane_of[&slot] != Lane::Priority || o.priority,
                    "priority places go to priority entrants"
                );
            }
            ("skipped", None) => assert!(built.left_out.contains(&o.nik)),
            ("waitlisted", None) => assert!(!built.left_out.contains(&o.nik)),
            (other, slot) => panic!("outcome {other} with slot {slot:?}"),
        }
    }
    assert_eq!(d.placed, placed);
    assert!(placed > 0, "some were placed");
    if contested {
        assert!(
            outcomes.iter().any(|o| o.outcome == "waitlisted"),
            "some wait: the release is contested"
        );
    }
    for (slot, n) in &per_slot {
        assert!(*n <= free_before[slot], "slot {slot} overfilled");
    }
    // One active booking per NIK, and every waitlisted entrant waits.
    let (active, people): (i64, i64) = {
        let r = sqlx::query(
            "SELECT COUNT(*) AS n, COUNT(DISTINCT nik) AS people FROM bookings WHERE status IN ('pending_payment', 'confirmed')",
        )
        .fetch_one(&db.read)
        .await
        .unwrap();
        (r.get("n"), r.get("people"))
    };
    assert_eq!(active, people, "one active booking per NIK");
    let waiting: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM waitlist w JOIN draw_entries e ON e.nik = w.nik
         JOIN draw_outcomes o ON o.entry_id = e.id
         WHERE e.draw_id = $1 AND o.outcome = 'waitlisted' AND w.status = 'waiting'",
    )
    .bind(built.draw_id.to_string())
    .fetch_one(&db.read)
    .await
    .unwrap()
    .get("n");
    assert_eq!(
        waiting as usize,
        outcomes
            .iter()
            .filter(|o| o.outcome == "waitlisted")
            .count()
    );
    assert_eq!(
        antre_server::draws::run_due(&app.running.state)
            .await
            .unwrap(),
        0,
        "a draw runs once"
    );
}

/// 20,000 entries over eight offices' places in three lanes, some left out: the draw gives
/// exactly what the rules give and keeps every count.
#[tokio::test]
async fn a_release_of_twenty_thousand_entries_is_drawn_whole_and_by_the_rules() {
    let app = spawn_app().await;
    let built = build(&app, Some(8), Some(4), 20_000).await;
    let before = store_draws::release_places(app.db(), release_at())
        .await
        .unwrap();
    run_the_draw(&app).await;
    check(&app, &built, before, true).await;
    app.stop().await;
}

/// The national size (every office, 100,000 entries), timed: for measuring, in a release build
/// (`cargo test --release -p antre-server --test draw_at_scale -- --ignored --nocapture`).
#[tokio::test]
#[ignore]
async fn national_draw_timed() {
    let entrants: usize = std::env::var("ANTRE_SCALE_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let app = spawn_app().await;
    let built = build(&app, None, None, entrants).await;
    let before = store_draws::release_places(app.db(), release_at())
        .await
        .unwrap();
    let places: u64 = before.iter().map(|p| u64::from(p.free)).sum();
    let took = run_the_draw(&app).await;
    eprintln!(
        "draw of {entrants} entries over {} slots ({places} places): {:.3} s",
        before.len(),
        took.as_secs_f64()
    );
    check(&app, &built, before, false).await;
    app.stop().await;
}
