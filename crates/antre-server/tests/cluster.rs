//! Three `antre-server` processes on one PostgreSQL behind nginx (`deploy/nginx/antre.conf`):
//! the races of `contention.rs` spread over the instances, and what one instance does is what
//! the others see at once. Needs `ANTRE_TEST_POSTGRES_URL` and nginx.

mod support;

use antre_api::accounts::{LoginRequest, RegisterRequest, VerifyRequest};
use antre_api::applicants::ApplicantView;
use antre_api::availability::SearchQuery;
use antre_api::bookings::{BookingView, CreateBookingRequest};
use antre_api::staff::OfficeDayKind;
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use antre_client::Client;
use chrono::NaiveDate;
use futures::future::join_all;
use sqlx::Row;
use std::time::{Duration, Instant};
use support::cluster::{Cluster, SWEEP_EVERY_MS};
use support::{applicant, day, PASSWORD};
use uuid::Uuid;

const BEKASI: &str = "kanim-bekasi";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_instances_behind_nginx_act_as_one_service() {
    let started = Instant::now();
    let mut cluster = Cluster::start(3).await;
    println!("cluster up in {:?}", started.elapsed());
    three_hundred_people_for_ten_places(&cluster).await;
    one_nik_at_fifty_offices(&cluster).await;
    twenty_retries_with_one_key(&cluster).await;
    a_closure_through_one_instance_holds_on_the_others(&cluster).await;
    each_sweep_pass_runs_on_one_instance(&cluster).await;
    proofs_check_in_at_another_instance_and_after_a_restart(&mut cluster).await;
    cluster.finish().await;
    println!("done in {:?}", started.elapsed());
}

async fn three_hundred_people_for_ten_places(cluster: &Cluster) {
    let t = Instant::now();
    let slot = first_slot(&cluster.entry(), BEKASI, day(2026, 12, 8)).await;
    set_capacity(cluster, slot, 10).await;
    // 300 different people: 60 accounts of 5, signed up through nginx.
    let families = join_all((0..60u32).map(|i| {
        family(
            cluster,
            format!("crowd{i}@example.id"),
            5,
            day(1996, 5, 17),
            i * 5 + 1,
        )
    }))
    .await;
    println!("300 people signed up: {:?}", t.elapsed());
    let attempts = families.iter().flat_map(|(client, people)| {
        people.iter().map(move |p| {
            let req = request(p.id, slot);
            async move {
                client
                    .create_booking(&req, &Uuid::new_v4().to_string())
                    .await
            }
        })
    });
    let results = join_all(attempts).await;
    let won = results.iter().filter(|r| r.is_ok()).count();
    let full = results
        .iter()
        .filter(|r| r.as_ref().err().and_then(|e| e.code()) == Some("slot_full"))
        .count();
    assert_eq!(won, 10, "exactly the capacity is booked");
    assert_eq!(
        full,
        290,
        "everyone else is told the slot is full: {:?}",
        results.iter().find(|r| r.is_err())
    );
    let (capacity, booked, held) = slot_counts(cluster, slot).await;
    assert_eq!(booked, held, "booked = bookings holding a place");
    assert!(booked <= capacity);
    assert_eq!((capacity, booked), (10, 10));
    assert_eq!(
        cluster.upstreams_used_for("POST", "/v1/bookings"),
        cluster.instance_addresses(),
        "nginx spread the crowd over every instance"
    );
    println!("300 for 10 places: {:?}", t.elapsed());
}

async fn one_nik_at_fifty_offices(cluster: &Cluster) {
    let t = Instant::now();
    let entry = cluster.entry();
    let date = day(2026, 12, 10);
    let offices = entry.offices().await.unwrap();
    let slots: Vec<i64> = join_all(
        offices
            .iter()
            .map(|o| entry.day_slots(&o.id, date, Some(Lane::Regular))),
    )
    .await
    .into_iter()
    .filter_map(|s| Some(s.ok()?.first()?.slot_id))
    .take(50)
    .collect();
    assert_eq!(slots.len(), 50, "50 offices with a place on {date}");
    // The same person registered on ten accounts (relatives booking for her).
    let person = &applicant("SITI AMINAH", day(1990, 2, 3), 77);
    let accounts = join_all((0..10).map(|i| async move {
        let client = signed_in(cluster, &format!("relative{i}@example.id")).await;
        let a = client.add_applicant(person).await.unwrap();
        (client, a.id)
    }))
    .await;
    let attempts = slots.iter().enumerate().map(|(i, slot)| {
        let (client, applicant) = &accounts[i % accounts.len()];
        let req = request(*applicant, *slot);
        async move {
            client
                .create_booking(&req, &Uuid::new_v4().to_string())
                .await
        }
    });
    let results = join_all(attempts).await;
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "one active booking per NIK"
    );
    assert!(
        results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .all(|e| e.code() == Some("nik_has_active_booking")),
        "{:?}",
        results.iter().find(|r| r.is_err())
    );
    let booked: i64 =
        sqlx::query("SELECT CAST(SUM(booked) AS BIGINT) AS n FROM slots WHERE day = $1")
            .bind(date.to_string())
            .fetch_one(&cluster.db)
            .await
            .unwrap()
            .get("n");
    assert_eq!(booked, 1, "no other office lost a place");
    println!("one NIK at 50 offices: {:?}", t.elapsed());
}

async fn twenty_retries_with_one_key(cluster: &Cluster) {
    let (client, people) = family(cluster, "retry@example.id".into(), 1, day(1985, 8, 17), 1).await;
    let slot = first_slot(&client, BEKASI, day(2026, 12, 11)).await;
    let req = request(people[0].id, slot);
    let key = Uuid::new_v4().to_string();
    // A flaky connection: the same request 20 times at once, through nginx and straight at
    // each instance.
    let token = client.token().unwrap().to_string();
    let targets: Vec<Client> = [cluster.entry(), cluster.instance(0)]
        .into_iter()
        .chain([cluster.instance(1), cluster.instance(2)])
        .map(|c| c.with_token(token.clone()))
        .collect();
    let results =
        join_all((0..20).map(|i| targets[i % targets.len()].create_booking(&req, &key))).await;
    let views: Vec<(BookingView, bool)> = results
        .into_iter()
        .map(|r| r.expect("every retry answers with the booking"))
        .collect();
    assert_eq!(
        views.iter().filter(|(_, created)| *created).count(),
        1,
        "created once"
    );
    assert!(
        views.iter().all(|(v, _)| v.id == views[0].0.id),
        "every answer names the same booking"
    );
    assert_eq!(slot_counts(cluster, slot).await.1, 1, "one place taken");
}

async fn a_closure_through_one_instance_holds_on_the_others(cluster: &Cluster) {
    let date = day(2026, 12, 9);
    let staff_email = "kepala@bekasi.id";
    cluster.create_staff(staff_email, PASSWORD, BEKASI).await;
    let staff = login(&cluster.instance(0), staff_email).await;
    let (client, people) =
        family(cluster, "closure@example.id".into(), 1, day(1992, 11, 2), 1).await;
    let token = client.token().unwrap().to_string();
    let slot = first_slot(&client, BEKASI, date).await;
    let near_bekasi = SearchQuery {
        lat: -6.2383,
        lon: 106.9756,
        from: date,
        to: date,
        lane: Lane::Regular,
        electronic: None,
        scope: None,
        radius_km: Some(1.0),
        limit: None,
    };
    for i in [1, 2] {
        let hits = cluster.instance(i).search(&near_bekasi).await.unwrap().hits;
        assert!(
            hits.iter().any(|h| h.office.id == BEKASI && h.date == date),
            "instance {} offers {date} before the closure",
            i + 1
        );
    }

    staff
        .set_office_day(BEKASI, date, OfficeDayKind::Closed, "gangguan SIMKIM")
        .await
        .unwrap();
    let closed_at = Instant::now();
    for i in [1, 2] {
        let other = cluster.instance(i).with_token(token.clone());
        let refused = other
            .create_booking(&request(people[0].id, slot), &Uuid::new_v4().to_string())
            .await
            .unwrap_err();
        assert_eq!(
            refused.code(),
            Some("day_closed"),
            "instance {} refuses at once",
            i + 1
        );
    }
    // Search may be a second old (ANTRE_SEARCH_SNAPSHOT_MS, default 1 s); the rest of the limit
    // is for a slow machine.
    for i in [1, 2] {
        loop {
            let hits = cluster.instance(i).search(&near_bekasi).await.unwrap().hits;
            if hits.iter().all(|h| h.office.id != BEKASI) {
                break;
            }
            assert!(
                closed_at.elapsed() < Duration::from_secs(3),
                "instance {} still offers the closed {date}",
                i + 1
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn each_sweep_pass_runs_on_one_instance(cluster: &Cluster) {
    let runs = || async {
        sqlx::query("SELECT runs FROM job_runs WHERE job = 'sweep'")
            .fetch_one(&cluster.db)
            .await
            .unwrap()
            .get::<i64, _>("runs")
    };
    let window = Instant::now();
    let before = runs().await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let after = runs().await;
    let ms = window.elapsed().as_millis() as i64;
    let passes = after - before;
    let most = ms / SWEEP_EVERY_MS as i64 + 2;
    println!("sweep passes in {ms} ms: {passes} (at most {most})");
    assert!(passes >= 3, "the sweep runs: {passes} passes in {ms} ms");
    assert!(
        passes <= most,
        "{passes} passes in {ms} ms: more than one instance runs each pass"
    );
}

async fn proofs_check_in_at_another_instance_and_after_a_restart(cluster: &mut Cluster) {
    let today = day(2026, 12, 7);
    let (client, people) = family(cluster, "today@example.id".into(), 2, day(1988, 3, 9), 1).await;
    let slot = first_slot(&client, BEKASI, today).await;
    let mut proofs = Vec::new();
    for person in &people {
        let (booking, _) = client
            .create_booking(&request(person.id, slot), &Uuid::new_v4().to_string())
            .await
            .unwrap();
        cluster.pay(&booking).await;
        let paid = cluster
            .instance(0)
            .with_token(client.token().unwrap())
            .booking(booking.id)
            .await
            .unwrap();
        assert_eq!(paid.status, BookingStatus::Confirmed);
        proofs.push((booking.id, paid.proof.expect("a paid booking has a proof")));
    }
    let instances: Vec<Client> = (0..3).map(|i| cluster.instance(i)).collect();
    let keys = join_all(instances.iter().map(Client::proof_key)).await;
    assert!(
        keys.iter()
            .all(|k| k.as_ref().unwrap().public_key == keys[0].as_ref().unwrap().public_key),
        "every instance signs with the deployment's key"
    );

    let staff = login(&cluster.instance(2), "kepala@bekasi.id").await;
    let entry = staff.check_in(&proofs[0].1).await.unwrap();
    assert_eq!(
        (entry.booking_id, entry.status),
        (proofs[0].0, BookingStatus::CheckedIn),
        "a proof from instance 1 checks in at instance 3"
    );

    cluster.kill_and_restart(1).await;
    let staff = cluster
        .instance(1)
        .with_token(staff.token().unwrap().to_string());
    let entry = staff.check_in(&proofs[1].1).await.unwrap();
    assert_eq!(
        (entry.booking_id, entry.status),
        (proofs[1].0, BookingStatus::CheckedIn),
        "a proof issued before the restart checks in at the restarted instance"
    );
}

fn request(applicant: Uuid, slot: i64) -> CreateBookingRequest {
    CreateBookingRequest {
        applicant_id: applicant,
        slot_id: slot,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
    }
}

async fn first_slot(client: &Client, office: &str, date: NaiveDate) -> i64 {
    client
        .day_slots(office, date, Some(Lane::Regular))
        .await
        .unwrap()
        .first()
        .unwrap_or_else(|| panic!("a regular slot at {office} on {date}"))
        .slot_id
}

/// Registers through nginx, verifies with the code from the outbox, signs in.
async fn signed_in(cluster: &Cluster, email: &str) -> Client {
    let entry = cluster.entry();
    entry
        .register(&RegisterRequest {
            email: email.into(),
            phone: "081234567890".into(),
            password: PASSWORD.into(),
        })
        .await
        .expect("register");
    let code = cluster.code_sent_to(email).await;
    entry
        .verify(&VerifyRequest {
            email: email.into(),
            code,
            channel: None,
        })
        .await
        .expect("verify");
    login(&entry, email).await
}

async fn login(client: &Client, email: &str) -> Client {
    let session = client
        .login(&LoginRequest {
            email: email.into(),
            password: PASSWORD.into(),
            device: None,
        })
        .await
        .expect("login");
    client.clone().with_token(session.token)
}

/// An account with `count` applicants born on `birth` (NIK serials from `first_serial`).
async fn family(
    cluster: &Cluster,
    email: String,
    count: u32,
    birth: NaiveDate,
    first_serial: u32,
) -> (Client, Vec<ApplicantView>) {
    let client = signed_in(cluster, &email).await;
    let mut people = Vec::new();
    for i in 0..count {
        let a = applicant("BUDI SANTOSO", birth, first_serial + i);
        people.push(client.add_applicant(&a).await.expect("add applicant"));
    }
    (client, people)
}

async fn set_capacity(cluster: &Cluster, slot: i64, capacity: i64) {
    sqlx::query("UPDATE slots SET capacity = $1, protected = 0 WHERE id = $2")
        .bind(capacity)
        .bind(slot)
        .execute(&cluster.db)
        .await
        .unwrap();
}

/// (capacity, booked, bookings holding a place) of a slot, read straight from the tables.
async fn slot_counts(cluster: &Cluster, slot: i64) -> (i64, i64, i64) {
    let row = sqlx::query(
        "SELECT capacity, booked,
                (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id
                   AND b.status IN ('pending_payment', 'confirmed')) AS held
         FROM slots s WHERE id = $1",
    )
    .bind(slot)
    .fetch_one(&cluster.db)
    .await
    .unwrap();
    (row.get("capacity"), row.get("booked"), row.get("held"))
}
