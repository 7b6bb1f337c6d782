//! The SMS channel through the signed webhook and the simulator, and after the visit: ratings
//! and integrity reports, anonymous ones included, and what each role sees of them.
mod support;

use antre_api::bookings::{BookingView, CreateBookingRequest};
use antre_api::disruptions::NotificationKind;
use antre_api::feedback::{
    FeedbackPeriod, IntegrityReportRequest, OfficeFeedback, RateVisitRequest,
};
use antre_api::sms::{SmsInbound, SmsInboundResult};
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use antre_client::Client;
use sqlx::Row;
use support::*;
use uuid::Uuid;

async fn book(client: &Client, applicant: Uuid, date: chrono::NaiveDate) -> BookingView {
    book_at(client, "kanim-bekasi", applicant, date).await
}

/// The first regular place of `date` at `office` (the 08:00 session).
async fn book_at(
    client: &Client,
    office: &str,
    applicant: Uuid,
    date: chrono::NaiveDate,
) -> BookingView {
    let slot = client
        .day_slots(office, date, Some(Lane::Regular))
        .await
        .unwrap()[0]
        .slot_id;
    client
        .create_booking(
            &CreateBookingRequest {
                applicant_id: applicant,
                slot_id: slot,
                passport_kind: PassportKind::Ordinary,
                validity: Validity::FiveYears,
                application_kind: ApplicationKind::New,
            },
            &Uuid::new_v4().to_string(),
        )
        .await
        .unwrap()
        .0
}

async fn verify_phone(app: &TestApp, email: &str, phone: &str, language: &str) {
    app.db()
        .execute(
            sqlx::query(
                "UPDATE accounts SET phone = $1, phone_verified_at = $2, language = $3 WHERE email = $4",
            )
            .bind(phone.to_string())
            .bind(app.clock.now().timestamp())
            .bind(language.to_string())
            .bind(email.to_string()),
        )
        .await
        .unwrap();
}

async fn sms(app: &TestApp, id: &str, from: &str, text: &str) -> SmsInboundResult {
    sms_signed(app, id, from, text, b"test-sms-secret")
        .await
        .json()
        .await
        .unwrap()
}

async fn sms_signed(
    app: &TestApp,
    id: &str,
    from: &str,
    text: &str,
    secret: &[u8],
) -> reqwest::Response {
    let body = serde_json::to_vec(&SmsInbound {
        message_id: id.into(),
        from: from.into(),
        text: text.into(),
    })
    .unwrap();
    reqwest::Client::new()
        .post(format!("{}/v1/sms/inbound", app.url))
        .header(
            antre_api::SMS_SIGNATURE_HEADER,
            antre_server::routes::payments::sign(secret, &body),
        )
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap()
}

fn fits(replies: &[String]) {
    assert!(!replies.is_empty());
    for r in replies {
        assert!(r.chars().count() <= 160, "{} chars: {r}", r.chars().count());
        assert!(
            r.chars()
                .all(|c| antre_domain::sms::gsm7_septets(c).is_some()),
            "{r}"
        );
    }
}

#[tokio::test]
async fn the_sms_protocol_checks_and_cancels_only_from_the_owners_verified_phone() {
    let app = spawn_app().await;
    let (ani, people) = app.family("ani@example.id", 2, 1).await;
    let first = book(&ani, people[0].id, day(2026, 12, 8)).await;
    let second = book(&ani, people[1].id, day(2026, 12, 9)).await;

    // Unsigned or wrongly signed messages are refused.
    let wrong = sms_signed(&app, "m0", "081111111111", "BANTUAN", b"guess").await;
    assert_eq!(wrong.status(), 401);

    // Help and the earliest places, for anyone.
    let help = sms(&app, "m1", "081111111111", "bantuan").await;
    fits(&help.replies);
    assert!(help.replies[0].contains("JADWAL"));
    let schedule = sms(&app, "m2", "0811-1111-1111", "JADWAL bekasi").await;
    fits(&schedule.replies);
    assert!(
        schedule.replies[0].starts_with("Kanim Bekasi"),
        "{:?}",
        schedule.replies
    );
    assert!(
        schedule.replies[0].contains("07/12"),
        "{:?}",
        schedule.replies
    );
    let unknown = sms(&app, "m3", "081111111111", "JADWAL atlantis").await;
    assert!(unknown.replies[0].contains("atlantis"));
    // A gateway's retry is answered once.
    let again = sms(&app, "m2", "081111111111", "JADWAL bekasi").await;
    assert!(again.duplicate && again.replies.is_empty());

    // A stranger (or the owner's number before it is verified) learns nothing.
    let stranger = sms(
        &app,
        "m4",
        "081222222222",
        &format!("CEK {}", first.billing_code),
    )
    .await;
    assert!(
        stranger.replies[0].contains("tidak ditemukan"),
        "{:?}",
        stranger.replies
    );
    let cancel = sms(
        &app,
        "m5",
        "081222222222",
        &format!("BATAL {}", first.billing_code),
    )
    .await;
    assert!(cancel.replies[0].contains("tidak ditemukan"));
    assert_eq!(
        ani.booking(first.id).await.unwrap().status,
        BookingStatus::PendingPayment
    );

    // From the owner's verified number, in the account's language (English here).
    verify_phone(&app, "ani@example.id", "+6281333333333", "en").await;
    let check = sms(
        &app,
        "m6",
        "081333333333",
        &format!("cek {}", first.billing_code),
    )
    .await;
    fits(&check.replies);
    assert!(
        check.replies[0].contains("Waiting for payment") || check.replies[0].contains("payment"),
        "{:?}",
        check.replies
    );
    assert!(check.replies[0].contains("WIB"));
    let cancelled = sms(
        &app,
        "m7",
        "081333333333",
        &format!("BATAL {}", first.billing_code),
    )
    .await;
    fits(&cancelled.replies);
    assert!(
        cancelled.replies[0].contains("cancelled"),
        "{:?}",
        cancelled.replies
    );
    assert_eq!(
        ani.booking(first.id).await.unwrap().status,
        BookingStatus::Cancelled
    );
    assert_eq!(
        ani.booking(second.id).await.unwrap().status,
        BookingStatus::PendingPayment
    );
    let twice = sms(
        &app,
        "m8",
        "081333333333",
        &format!("BATAL {}", first.billing_code),
    )
    .await;
    assert!(
        twice
            .replies
            .iter()
            .any(|r| r.contains("cannot be cancelled")),
        "{:?}",
        twice.replies
    );
    let missing = sms(&app, "m9", "081333333333", "BATAL").await;
    assert!(
        missing.replies[0].contains("billing code"),
        "{:?}",
        missing.replies
    );

    // Every reply went out through the gateway seam (the outbox here).
    let sent: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM outbox WHERE channel = 'sms' AND purpose = 'sms_reply'",
    )
    .fetch_one(&app.db().read)
    .await
    .unwrap()
    .get("n");
    assert!(sent >= 9, "{sent}");
    app.assert_invariants().await;
    app.stop().await;
}

#[tokio::test]
async fn each_number_is_limited_in_the_database_and_told_once() {
    let app = spawn_app().await;
    let limit = antre_server::sms::MESSAGES_PER_WINDOW;
    for i in 0..limit {
        let r = sms(&app, &format!("a{i}"), "081444444444", "BANTUAN").await;
        assert!(!r.rate_limited);
    }
    let over = sms(&app, "a-over", "081444444444", "BANTUAN").await;
    assert!(over.rate_limited);
    assert!(
        over.replies[0].contains("Terlalu banyak"),
        "{:?}",
        over.replies
    );
    let silent = sms(&app, "a-silent", "081444444444", "BANTUAN").await;
    assert!(silent.rate_limited && silent.replies.is_empty());
    // Another number is not affected; an hour later the first may write again.
    assert!(
        !sms(&app, "b0", "081555555555", "BANTUAN")
            .await
            .rate_limited
    );
    app.clock.advance(chrono::Duration::minutes(61));
    assert!(
        !sms(&app, "a-later", "081444444444", "BANTUAN")
            .await
            .rate_limited
    );
    app.stop().await;
}

#[tokio::test]
async fn the_simulator_answers_from_the_command_line() {
    let app = spawn_app().await;
    let url = app.database_url();
    if !url.starts_with("sqlite") {
        // The simulator works on either engine; the test of the binary runs on SQLite only, to
        // keep the PostgreSQL pass quick.
        app.stop().await;
        return;
    }
    app.stop_keeping_database().await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_antre-server"))
        .args(["sms-sim", "send", "081666666666", "BANTUAN"])
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("JADWAL"), "{text}");
}

async fn checked_in(app: &TestApp, client: &Client, applicant: Uuid) -> BookingView {
    let b = book(client, applicant, day(2026, 12, 8)).await;
    app.pay(&b).await;
    let b = client.booking(b.id).await.unwrap();
    app.clock.set(b.starts_at - chrono::Duration::minutes(20));
    let staff = app
        .staff(
            &format!("petugas-{}@bekasi.id", Uuid::new_v4().simple()),
            Some("kanim-bekasi"),
        )
        .await;
    staff.check_in(b.proof.as_deref().unwrap()).await.unwrap();
    client.booking(b.id).await.unwrap()
}

async fn feedback(client: &Client, url: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!(
            "{url}/v1/staff/offices/kanim-bekasi/feedback?from=2026-12-01&to=2026-12-31"
        ))
        .bearer_auth(client.token().unwrap())
        .send()
        .await
        .unwrap()
}

async fn post(
    client: &Client,
    url: &str,
    path: &str,
    body: &impl serde::Serialize,
) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{url}{path}"))
        .bearer_auth(client.token().unwrap())
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn code(r: reqwest::Response) -> String {
    r.json::<serde_json::Value>().await.unwrap()["code"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn after_the_visit_ratings_and_reports_and_who_sees_the_reporter() {
    let app = spawn_app().await;
    let (ani, people) = app.family("ani@example.id", 1, 1).await;
    let (budi, budi_people) = app.family("budi@example.id", 1, 11).await;

    // Before the visit: neither a rating nor a report.
    let early = book(&ani, people[0].id, day(2026, 12, 9)).await;
    assert!(!early.actions.rate_visit.allowed);
    let r = post(
        &ani,
        &app.url,
        &format!("/v1/bookings/{}/rating", early.id),
        &RateVisitRequest {
            rating: 5,
            comment: String::new(),
        },
    )
    .await;
    assert_eq!(
        (r.status().as_u16(), code(r).await),
        (409, "not_visited".to_string())
    );
    ani.cancel(early.id).await.unwrap();

    let visit = checked_in(&app, &ani, people[0].id).await;
    assert_eq!(visit.status, BookingStatus::CheckedIn);
    assert!(visit.actions.rate_visit.allowed && visit.actions.report_integrity.allowed);
    // The app is asked to ask.
    let notes = ani.notifications(None).await.unwrap();
    assert_eq!(notes.last().unwrap().kind, NotificationKind::VisitFeedback);

    let r = post(
        &ani,
        &app.url,
        &format!("/v1/bookings/{}/rating", visit.id),
        &RateVisitRequest {
            rating: 6,
            comment: String::new(),
        },
    )
    .await;
    assert_eq!(
        (r.status().as_u16(), code(r).await),
        (422, "rating_out_of_range".to_string())
    );
    let r = post(
        &ani,
        &app.url,
        &format!("/v1/bookings/{}/rating", visit.id),
        &RateVisitRequest {
            rating: 2,
            comment: "Antre lama".into(),
        },
    )
    .await;
    assert_eq!(r.status(), 204);
    let r = post(
        &ani,
        &app.url,
        &format!("/v1/bookings/{}/rating", visit.id),
        &RateVisitRequest {
            rating: 5,
            comment: String::new(),
        },
    )
    .await;
    assert_eq!(
        (r.status().as_u16(), code(r).await),
        (409, "already_rated".to_string())
    );
    // Nobody rates another's visit.
    let r = post(
        &budi,
        &app.url,
        &format!("/v1/bookings/{}/rating", visit.id),
        &RateVisitRequest {
            rating: 1,
            comment: String::new(),
        },
    )
    .await;
    assert_eq!(r.status(), 404);

    let report = IntegrityReportRequest {
        booking_id: visit.id,
        asked_to_pay: true,
        amount: Some(500_000),
        place: "Loket 3".into(),
        occurred_at: None,
        description: "Diminta uang pelicin.".into(),
        anonymous: true,
    };
    let r = post(&ani, &app.url, "/v1/integrity-reports", &report).await;
    assert_eq!(r.status(), 201);
    let r = post(&ani, &app.url, "/v1/integrity-reports", &report).await;
    assert_eq!(
        (r.status().as_u16(), code(r).await),
        (409, "already_reported".to_string())
    );
    let after = ani.booking(visit.id).await.unwrap();
    assert!(!after.actions.rate_visit.allowed && !after.actions.report_integrity.allowed);
    // The anonymous report is not linked to the account or the booking in the database.
    let linked: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM integrity_reports WHERE account_id IS NOT NULL OR booking_id IS NOT NULL",
    )
    .fetch_one(&app.db().read)
    .await
    .unwrap()
    .get("n");
    assert_eq!(linked, 0);

    // Budi reports with his name.
    let budi_visit = checked_in(&app, &budi, budi_people[0].id).await;
    let named = IntegrityReportRequest {
        booking_id: budi_visit.id,
        anonymous: false,
        amount: None,
        asked_to_pay: false,
        description: String::new(),
        place: String::new(),
        occurred_at: None,
    };
    assert_eq!(
        post(&budi, &app.url, "/v1/integrity-reports", &named)
            .await
            .status(),
        201
    );

    // The office's staff and head see the results but never who reported; an admin sees the
    // named reporter only.
    let head = app.head("kepala@bekasi.id", "kanim-bekasi").await;
    let officer = app.staff("petugas@bekasi.id", Some("kanim-bekasi")).await;
    let admin = app.staff("admin@imigrasi.go.id", None).await;
    let other = app.staff("petugas@bogor.id", Some("kanim-bogor")).await;
    assert_eq!(feedback(&other, &app.url).await.status(), 403);
    assert_eq!(feedback(&ani, &app.url).await.status(), 403);
    for reader in [&head, &officer] {
        let f: OfficeFeedback = feedback(reader, &app.url).await.json().await.unwrap();
        assert_eq!(f.reports.len(), 2);
        assert!(f.reports.iter().all(|r| r.reporter.is_none()));
        assert_eq!(f.asked_to_pay, 1);
        assert_eq!(f.ratings.len(), 1);
        // Without `period`, per week: the visit of Tuesday 8 December is in the week of the 7th.
        assert_eq!(
            (f.period, f.ratings[0].start),
            (FeedbackPeriod::Week, day(2026, 12, 7))
        );
        assert_eq!((f.ratings[0].count, f.ratings[0].average), (1, 2.0));
        assert_eq!(f.ratings[0].counts, vec![0, 1, 0, 0, 0]);
        assert_eq!(f.ratings[0].comments, vec!["Antre lama".to_string()]);
    }
    let f: OfficeFeedback = feedback(&admin, &app.url).await.json().await.unwrap();
    let reporters: Vec<_> = f
        .reports
        .iter()
        .map(|r| (r.anonymous, r.reporter.is_some()))
        .collect();
    assert!(
        reporters.contains(&(true, false)) && reporters.contains(&(false, true)),
        "{reporters:?}"
    );
    app.stop().await;
}

async fn results(
    client: &Client,
    url: &str,
    office: &str,
    from: &str,
    to: &str,
    period: &str,
) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!(
            "{url}/v1/staff/offices/{office}/feedback?from={from}&to={to}&period={period}"
        ))
        .bearer_auth(client.token().unwrap())
        .send()
        .await
        .unwrap()
}

fn utc(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

/// The clock moved on, as the server's own jobs see it: the horizon opened, the releases drawn.
async fn move_clock_to(app: &TestApp, at: chrono::DateTime<chrono::Utc>) {
    app.clock.set(at);
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    antre_server::draws::run_due(&app.running.state)
        .await
        .unwrap();
}

/// `local` (`YYYY-MM-DDTHH:MM`) at the office's fixed offset from UTC (no summer time in
/// Indonesia), as a UTC instant.
fn local_at(local: &str, offset_hours: i32) -> chrono::DateTime<chrono::Utc> {
    utc(&format!("{local}:00+0{offset_hours}:00"))
}

async fn rate_at(app: &TestApp, client: &Client, b: &BookingView, rating: i64, comment: &str) {
    let r = post(
        client,
        &app.url,
        &format!("/v1/bookings/{}/rating", b.id),
        &RateVisitRequest {
            rating,
            comment: comment.into(),
        },
    )
    .await;
    assert_eq!(r.status(), 204);
    // Kept as the UTC instant it was made.
    let at: i64 = sqlx::query("SELECT created_at FROM visit_ratings WHERE booking_id = $1")
        .bind(b.id.to_string())
        .fetch_one(&app.db().read)
        .await
        .unwrap()
        .get("created_at");
    assert_eq!(at, app.clock.now().timestamp());
}

#[tokio::test]
async fn results_per_month_follow_each_offices_own_calendar_at_the_month_boundary() {
    let app = spawn_app().await;
    // Friday 22 January 2027, after the releases (14:00 local) of the week of the 25th.
    move_clock_to(&app, utc("2027-01-22T08:00:00Z")).await;
    // One office per zone: (office, UTC offset, its staff member, an account with 3 applicants).
    let mut offices = Vec::new();
    for (i, (office, offset)) in [
        ("kanim-jayapura", 9),
        ("kanim-denpasar", 8),
        ("kanim-bekasi", 7),
    ]
    .into_iter()
    .enumerate()
    {
        let staff = app
            .staff(&format!("petugas@{office}.id"), Some(office))
            .await;
        let (client, people) = app
            .family(&format!("pemohon@{office}.id"), 3, 21 + 10 * i as u32)
            .await;
        offices.push((office, offset, staff, client, people));
    }

    // Two visits at each office on Friday the 29th, the last working day of January.
    let mut last_days = Vec::new();
    for (office, _, _, client, people) in &offices {
        let mut pair = Vec::new();
        for p in &people[..2] {
            let b = book_at(client, office, p.id, day(2027, 1, 29)).await;
            app.pay(&b).await;
            pair.push(client.booking(b.id).await.unwrap());
        }
        last_days.push(pair);
    }
    // Each checks in 20 minutes before its 08:00 session: Jayapura's is at 23:00 UTC on the
    // 28th, Denpasar's at 00:00 and Bekasi's at 01:00 UTC on the 29th (in that order).
    for ((_, offset, staff, _, _), pair) in offices.iter().zip(&last_days) {
        assert_eq!(
            pair[0].starts_at,
            local_at("2027-01-29T08:00", *offset),
            "the 08:00 session"
        );
        app.clock
            .set(pair[0].starts_at - chrono::Duration::minutes(20));
        for b in pair {
            staff.check_in(b.proof.as_deref().unwrap()).await.unwrap();
        }
    }

    // Friday the 29th, after the releases of the week of 1 February: a visit at each office on
    // Monday 1 February.
    move_clock_to(&app, utc("2027-01-29T08:00:00Z")).await;
    let mut firsts = Vec::new();
    for (office, _, _, client, people) in &offices {
        let b = book_at(client, office, people[2].id, day(2027, 2, 1)).await;
        app.pay(&b).await;
        firsts.push(client.booking(b.id).await.unwrap());
    }

    // The January visits are rated at 23:30 local time on Sunday 31 January (14:30 UTC in
    // Jayapura) and at 00:30 local time on 1 February (still 31 January in UTC everywhere).
    let mut ratings = Vec::new();
    for ((_, offset, _, client, _), pair) in offices.iter().zip(&last_days) {
        ratings.push((
            local_at("2027-01-31T23:30", *offset),
            client,
            &pair[0],
            5,
            "malam akhir bulan",
        ));
        ratings.push((
            local_at("2027-02-01T00:30", *offset),
            client,
            &pair[1],
            3,
            "",
        ));
    }
    ratings.sort_by_key(|r| r.0);
    assert_eq!(ratings[0].0, utc("2027-01-31T14:30:00Z"), "23:30 WIT");
    for (at, client, b, rating, comment) in ratings {
        assert_eq!(at.date_naive(), day(2027, 1, 31));
        app.clock.set(at);
        rate_at(&app, client, b, rating, comment).await;
    }
    // The February visits are checked in at 07:40 local time and rated at 07:45: in Jayapura
    // (22:45 UTC) and Denpasar (23:45 UTC) that is still 31 January in UTC.
    for ((_, offset, staff, client, _), b) in offices.iter().zip(&firsts) {
        app.clock.set(b.starts_at - chrono::Duration::minutes(20));
        staff.check_in(b.proof.as_deref().unwrap()).await.unwrap();
        let at = local_at("2027-02-01T07:45", *offset);
        if *offset >= 8 {
            assert_eq!(at.date_naive(), day(2027, 1, 31));
        }
        app.clock.set(at);
        rate_at(&app, client, b, 1, "pagi pertama").await;
    }

    // Each office's months are its own: both January visits in January (whenever rated), the
    // February one in February, whatever the UTC date of the rating.
    for (office, _, staff, _, _) in &offices {
        let r = results(staff, &app.url, office, "2027-01-01", "2027-02-28", "month").await;
        assert_eq!(r.status(), 200, "{office}");
        let f: OfficeFeedback = r.json().await.unwrap();
        assert_eq!(f.period, FeedbackPeriod::Month);
        let got: Vec<_> = f
            .ratings
            .iter()
            .map(|m| {
                (
                    m.start,
                    m.count,
                    m.counts.clone(),
                    m.average,
                    m.comments.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    day(2027, 1, 1),
                    2,
                    vec![0, 0, 1, 0, 1],
                    4.0,
                    vec!["malam akhir bulan".to_string()]
                ),
                (
                    day(2027, 2, 1),
                    1,
                    vec![1, 0, 0, 0, 0],
                    1.0,
                    vec!["pagi pertama".to_string()]
                ),
            ],
            "{office}"
        );
        // The same visits per week: the week of Monday 25 January, then of 1 February.
        let w: OfficeFeedback =
            results(staff, &app.url, office, "2027-01-01", "2027-02-28", "week")
                .await
                .json()
                .await
                .unwrap();
        assert_eq!(w.period, FeedbackPeriod::Week);
        let weeks: Vec<_> = w.ratings.iter().map(|x| (x.start, x.count)).collect();
        assert_eq!(
            weeks,
            vec![(day(2027, 1, 25), 2), (day(2027, 2, 1), 1)],
            "{office}"
        );
        // A range ending on 31 January holds January only.
        let jan: OfficeFeedback =
            results(staff, &app.url, office, "2027-01-01", "2027-01-31", "month")
                .await
                .json()
                .await
                .unwrap();
        let months: Vec<_> = jan.ratings.iter().map(|x| (x.start, x.count)).collect();
        assert_eq!(months, vec![(day(2027, 1, 1), 2)], "{office}");
    }

    // The same rules as per week: another office's staff, an applicant and an unknown period are
    // refused; an admin reads any office.
    let (_, _, jayapura_staff, jayapura_applicant, _) = &offices[0];
    let refusals = [
        (
            jayapura_staff,
            "kanim-bekasi",
            "2027-02-28",
            "month",
            403,
            "wrong_office",
        ),
        (
            jayapura_applicant,
            "kanim-jayapura",
            "2027-02-28",
            "month",
            403,
            "forbidden",
        ),
        (
            jayapura_staff,
            "kanim-jayapura",
            "2027-02-28",
            "year",
            400,
            "invalid_request",
        ),
        (
            jayapura_staff,
            "kanim-jayapura",
            "2028-02-28",
            "month",
            400,
            "date_out_of_range",
        ),
    ];
    for (client, office, to, period, status, expected) in refusals {
        let r = results(client, &app.url, office, "2027-01-01", to, period).await;
        assert_eq!(
            (r.status().as_u16(), code(r).await),
            (status, expected.to_string()),
            "{office} {to} {period}"
        );
    }
    let admin = app.staff("admin@imigrasi.go.id", None).await;
    let f: OfficeFeedback = results(
        &admin,
        &app.url,
        "kanim-jayapura",
        "2027-01-01",
        "2027-02-28",
        "month",
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(f.ratings.iter().map(|m| m.count).sum::<u32>(), 3);
    let r = results(
        &admin,
        &app.url,
        "kanim-nowhere",
        "2027-01-01",
        "2027-02-28",
        "month",
    )
    .await;
    assert_eq!(
        (r.status().as_u16(), code(r).await),
        (404, "office_not_found".to_string())
    );

    // The OpenAPI document offers the choice and every status of the operation.
    let doc: serde_json::Value = reqwest::get(format!("{}/openapi.json", app.url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let op = &doc["paths"]["/v1/staff/offices/{id}/feedback"]["get"];
    let period = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "period")
        .expect("a period parameter");
    assert_eq!(period["required"], false);
    assert_eq!(
        period["schema"]["enum"],
        serde_json::json!(["week", "month"])
    );
    for status in ["200", "400", "401", "403", "404", "429", "503"] {
        assert!(op["responses"][status].is_object(), "{status}");
    }
    app.stop().await;
}

/// The SMS sent to a number through the local outbox, oldest first.
async fn texts_to(app: &TestApp, phone: &str) -> Vec<String> {
    sqlx::query("SELECT body FROM outbox WHERE channel = 'sms' AND recipient = $1 ORDER BY id")
        .bind(phone.to_string())
        .fetch_all(&app.db().read)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("body"))
        .collect()
}

#[tokio::test]
async fn the_chosen_language_is_the_accounts_and_a_visit_is_rated_by_sms() {
    let app = spawn_app().await;
    let (ani, people) = app.family("ani@example.id", 2, 1).await;
    verify_phone(&app, "ani@example.id", "+6281333333333", "id").await;
    assert_eq!(ani.me().await.unwrap().language, "id");
    assert_eq!(
        ani.set_language("fr").await.unwrap_err().code(),
        Some("invalid_request")
    );
    // The app tells the server when its user switches to English: SMS replies follow.
    assert_eq!(ani.set_language("en").await.unwrap().language, "en");
    assert_eq!(ani.me().await.unwrap().language, "en");
    let help = sms(&app, "n1", "081333333333", "BANTUAN").await;
    fits(&help.replies);
    let help = help.replies.join(" ");
    assert!(
        help.contains("NILAI") && help.contains("rate your visit"),
        "{help}"
    );

    // A booking not visited yet cannot be rated.
    let later = book(&ani, people[1].id, day(2026, 12, 9)).await;
    let early = sms(
        &app,
        "n2",
        "081333333333",
        &format!("NILAI {} 4", later.billing_code),
    )
    .await;
    assert!(
        early.replies[0].contains("cannot be rated"),
        "{:?}",
        early.replies
    );

    // Checked in: the question comes by SMS, in English, naming the billing code to reply with.
    let visited = checked_in(&app, &ani, people[0].id).await;
    let prompts: Vec<String> = texts_to(&app, "+6281333333333")
        .await
        .into_iter()
        .filter(|t| t.contains("How was your visit"))
        .collect();
    assert_eq!(prompts.len(), 1, "{prompts:?}");
    assert!(prompts[0].contains(&format!("NILAI {}", visited.billing_code)));
    fits(&prompts);
    let rated = sms(
        &app,
        "n3",
        "081333333333",
        &format!("nilai {} 5 Quick and friendly", visited.billing_code),
    )
    .await;
    fits(&rated.replies);
    assert!(
        rated.replies[0].contains("Thank you"),
        "{:?}",
        rated.replies
    );
    let row = sqlx::query("SELECT rating, comment FROM visit_ratings WHERE booking_id = $1")
        .bind(visited.id.to_string())
        .fetch_one(&app.db().read)
        .await
        .unwrap();
    assert_eq!(row.get::<i64, _>("rating"), 5);
    assert_eq!(row.get::<String, _>("comment"), "Quick and friendly");
    // Once only; and a rating out of 1-5 is told the format.
    let again = sms(
        &app,
        "n4",
        "081333333333",
        &format!("NILAI {} 3", visited.billing_code),
    )
    .await;
    assert!(
        again.replies[0].contains("cannot be rated"),
        "{:?}",
        again.replies
    );
    let wrong = sms(
        &app,
        "n5",
        "081333333333",
        &format!("NILAI {} 7", visited.billing_code),
    )
    .await;
    assert!(
        wrong.replies.join(" ").contains("rating 1-5"),
        "{:?}",
        wrong.replies
    );
    // Someone else's number rates nothing.
    let stranger = sms(
        &app,
        "n6",
        "081444444444",
        &format!("NILAI {} 1", visited.billing_code),
    )
    .await;
    assert!(
        stranger.replies[0].contains("tidak ditemukan"),
        "{:?}",
        stranger.replies
    );
    app.stop().await;
}

/// All replies of one message, as one text (a long one comes in numbered parts `(1/2) `).
fn joined(r: &SmsInboundResult) -> String {
    r.replies
        .iter()
        .map(|p| match p.split_once(") ") {
            Some((n, rest)) if p.starts_with('(') && n.contains('/') => rest,
            _ => p.as_str(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn booking_by_sms_only_from_a_verified_phone_for_its_own_applicants() {
    let app = spawn_app().await;
    let (ani, people) = app.family("ani@example.id", 2, 1).await;
    let bob = app.signed_in("bob@example.id").await;
    let siti = bob
        .add_applicant(&applicant("SITI AMINAH", day(1990, 3, 2), 51))
        .await
        .unwrap();

    // An unknown or not yet verified number books nothing.
    app.db()
        .execute(
            sqlx::query("UPDATE accounts SET phone = $1 WHERE email = $2")
                .bind("+6281333333333")
                .bind("ani@example.id"),
        )
        .await
        .unwrap();
    let unverified = sms(&app, "b1", "081333333333", "PESAN BEKASI 1").await;
    fits(&unverified.replies);
    assert!(
        joined(&unverified).contains("diverifikasi"),
        "{:?}",
        unverified.replies
    );
    assert!(ani.bookings().await.unwrap().is_empty());

    verify_phone(&app, "ani@example.id", "+6281333333333", "id").await;
    // Without a person: the account's applicants, numbered as the app lists them.
    let who = sms(&app, "b2", "081333333333", "pesan bekasi").await;
    fits(&who.replies);
    assert!(joined(&who).contains("1 BUDI, 2 BUDI"), "{:?}", who.replies);
    // Another account's applicant is not this number's to book.
    let other = sms(&app, "b3", "081333333333", "PESAN BEKASI SITI").await;
    assert!(
        joined(&other).contains("Untuk siapa") && !joined(&other).contains("SITI"),
        "{:?}",
        other.replies
    );
    assert!(bob.bookings().await.unwrap().is_empty());
    assert!(ani.bookings().await.unwrap().is_empty());

    // A day texted: that day's earliest regular place, answered in the office's zone.
    let booked = sms(&app, "b4", "081333333333", "PESAN BEKASI 2 08-12").await;
    let list = ani.bookings().await.unwrap();
    assert_eq!(list.len(), 1, "{:?}", booked.replies);
    let b = &list[0];
    assert_eq!(b.applicant.id, people[1].id);
    assert_eq!(b.status, BookingStatus::PendingPayment);
    assert_eq!(b.lane, Lane::Regular);
    assert_eq!(b.date, day(2026, 12, 8));
    let first_of_day = ani
        .day_slots("kanim-bekasi", day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.event_site.is_none())
        .min_by_key(|s| s.starts_at)
        .unwrap();
    assert_eq!(b.slot_id, first_of_day.slot_id);
    let text = joined(&booked);
    assert!(booked.replies.len() <= 2, "{:?}", booked.replies);
    fits(&booked.replies);
    for part in [
        "Kanim Bekasi",
        "08/12/2026",
        "WIB",
        b.billing_code.as_str(),
        "sebelum",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    // The same person again: refused as the API refuses it (one active booking per NIK).
    let twice = sms(&app, "b5", "081333333333", "PESAN BEKASI 2").await;
    assert!(
        joined(&twice).contains("belum dapat dijadwalkan"),
        "{:?}",
        twice.replies
    );
    assert_eq!(ani.bookings().await.unwrap().len(), 1);
    // No day: the earliest regular place of the office.
    let earliest = sms(&app, "b6", "081333333333", "PESAN BEKASI BUDI").await;
    assert!(
        joined(&earliest).contains("Untuk siapa"),
        "two BUDIs: {:?}",
        earliest.replies
    );
    let earliest = sms(&app, "b7", "081333333333", "PESAN BEKASI 1").await;
    let first = ani
        .bookings()
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.applicant.id == people[0].id)
        .unwrap_or_else(|| panic!("{:?}", earliest.replies));
    assert!(first.date < b.date, "{first:?}");
    assert!(joined(&earliest).contains(&first.billing_code));

    // The other account's own verified number books its own applicant, in its language.
    verify_phone(&app, "bob@example.id", "+6281777777777", "en").await;
    let en = sms(&app, "b8", "081777777777", "PESAN bekasi siti").await;
    fits(&en.replies);
    let mine = bob.bookings().await.unwrap();
    assert_eq!(mine.len(), 1, "{:?}", en.replies);
    assert_eq!(mine[0].applicant.id, siti.id);
    assert!(
        joined(&en).contains("booked at") && joined(&en).contains(&mine[0].billing_code),
        "{:?}",
        en.replies
    );
    app.assert_invariants().await;
    app.stop().await;
}

#[tokio::test]
async fn a_booking_sms_delivered_again_books_once() {
    let app = spawn_app().await;
    let (ani, people) = app.family("ani@example.id", 2, 1).await;
    verify_phone(&app, "ani@example.id", "+6281333333333", "id").await;
    let first = sms(&app, "g1", "081333333333", "PESAN BEKASI 1").await;
    assert!(!first.duplicate);
    let again = sms(&app, "g1", "081333333333", "PESAN BEKASI 1").await;
    // Answered again (the gateway retries when it did not get the answer), with the same
    // booking.
    assert!(again.duplicate);
    let list = ani.bookings().await.unwrap();
    assert_eq!(list.len(), 1);
    assert!(joined(&first).contains(&list[0].billing_code));
    assert!(joined(&again).contains(&list[0].billing_code));

    // Two deliveries at once: one booking.
    let (a, b) = tokio::join!(
        sms(&app, "g2", "081333333333", "PESAN BEKASI 2"),
        sms(&app, "g2", "081333333333", "PESAN BEKASI 2")
    );
    let list = ani.bookings().await.unwrap();
    let second: Vec<_> = list
        .iter()
        .filter(|x| x.applicant.id == people[1].id)
        .collect();
    assert_eq!(second.len(), 1, "{:?} {:?}", a.replies, b.replies);
    assert!(a.duplicate != b.duplicate);
    for r in [&a, &b] {
        assert!(
            joined(r).contains(&second[0].billing_code),
            "{:?}",
            r.replies
        );
    }
    let (capacity, booked, held) = app.slot_counts(second[0].slot_id).await;
    assert!(booked <= capacity);
    assert_eq!(booked, held);
    app.assert_invariants().await;
    app.stop().await;
}

#[tokio::test]
async fn a_full_office_or_a_closed_day_is_told_plainly_by_sms() {
    let app = spawn_app().await;
    let (ani, _) = app.family("ani@example.id", 1, 1).await;
    verify_phone(&app, "ani@example.id", "+6281333333333", "id").await;
    let fill = |day: Option<&str>| {
        let sql = match day {
            Some(_) => "UPDATE slots SET capacity = booked + offered, protected = 0 WHERE office_id = 'kanim-bekasi' AND lane = 'regular' AND day = $1",
            None => "UPDATE slots SET capacity = booked + offered, protected = 0 WHERE office_id = 'kanim-bekasi' AND lane = 'regular' AND $1 = ''",
        };
        sqlx::query(sql).bind(day.unwrap_or_default().to_string())
    };
    // One day full: said so, with how to get the earliest day instead.
    app.db().execute(fill(Some("2026-12-08"))).await.unwrap();
    let day_full = sms(&app, "f1", "081333333333", "PESAN BEKASI 1 08-12").await;
    fits(&day_full.replies);
    assert!(
        joined(&day_full).contains("08/12") && joined(&day_full).contains("habis"),
        "{:?}",
        day_full.replies
    );
    // A closed day: the closure's own words.
    app.db()
        .execute(
            sqlx::query(
                "UPDATE slots SET closed = 1 WHERE office_id = 'kanim-bekasi' AND day = $1",
            )
            .bind("2026-12-09"),
        )
        .await
        .unwrap();
    let closed = sms(&app, "f2", "081333333333", "PESAN BEKASI 1 09-12").await;
    let reason = antre_domain::sms::to_gsm7(&antre_i18n::Localizer::new().message(
        antre_i18n::Locale::Id,
        "error-day-closed",
        &[],
    ));
    assert!(
        joined(&closed).contains("belum dapat dijadwalkan") && joined(&closed).contains(&reason),
        "{:?}",
        closed.replies
    );
    // The whole office full.
    app.db().execute(fill(None)).await.unwrap();
    let full = sms(&app, "f3", "081333333333", "PESAN BEKASI 1").await;
    fits(&full.replies);
    assert!(
        joined(&full).contains("Kanim Bekasi") && joined(&full).contains("habis"),
        "{:?}",
        full.replies
    );
    assert!(ani.bookings().await.unwrap().is_empty());
    app.stop().await;
}

#[tokio::test]
async fn booking_by_sms_counts_against_the_numbers_limit() {
    let app = spawn_app().await;
    let (ani, _) = app.family("ani@example.id", 1, 1).await;
    verify_phone(&app, "ani@example.id", "+6281333333333", "id").await;
    for i in 0..antre_server::sms::MESSAGES_PER_WINDOW {
        assert!(
            !sms(&app, &format!("l{i}"), "081333333333", "BANTUAN")
                .await
                .rate_limited
        );
    }
    let over = sms(&app, "l-over", "081333333333", "PESAN BEKASI 1").await;
    assert!(over.rate_limited);
    assert!(ani.bookings().await.unwrap().is_empty());
    app.clock.advance(chrono::Duration::minutes(61));
    let later = sms(&app, "l-later", "081333333333", "PESAN BEKASI 1").await;
    assert!(!later.rate_limited);
    assert_eq!(
        ani.bookings().await.unwrap().len(),
        1,
        "{:?}",
        later.replies
    );
    app.stop().await;
}
