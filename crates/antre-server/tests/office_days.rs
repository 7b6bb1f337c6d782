//! Closures and extra days are database facts that search, booking, reschedule, the no-show
//! sweep and slot planning all honour; each test here is a leak that used to exist.
mod support;

use antre_api::availability::{ClosureKind, SearchQuery};
use antre_api::bookings::CreateBookingRequest;
use antre_api::staff::OfficeDayKind::{Closed, Extra};
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use antre_client::Client;
use support::*;
use uuid::Uuid;

fn req(applicant: Uuid, slot: i64) -> CreateBookingRequest {
    CreateBookingRequest {
        applicant_id: applicant,
        slot_id: slot,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
    }
}

async fn first_slot(client: &Client, office: &str, date: chrono::NaiveDate, lane: Lane) -> i64 {
    client.day_slots(office, date, Some(lane)).await.unwrap()[0].slot_id
}

fn key() -> String {
    Uuid::new_v4().to_string()
}

fn near_bekasi(from: chrono::NaiveDate, to: chrono::NaiveDate) -> SearchQuery {
    SearchQuery {
        lat: -6.2383,
        lon: 106.9756,
        from,
        to,
        lane: Lane::Regular,
        electronic: None,
        scope: None,
        radius_km: Some(1.0),
        limit: None,
    }
}

#[tokio::test]
async fn a_closed_day_stays_closed_when_its_places_are_freed() {
    let app = spawn_app().await;
    let (client, people) = app.family("outage@example.id", 3, 1).await;
    let day8 = first_slot(&client, "kanim-bekasi", day(2026, 12, 8), Lane::Regular).await;
    let day9 = first_slot(&client, "kanim-bekasi", day(2026, 12, 9), Lane::Regular).await;
    let day10 = first_slot(&client, "kanim-bekasi", day(2026, 12, 10), Lane::Regular).await;
    let (moving, _) = client
        .create_booking(&req(people[0].id, day9), &key())
        .await
        .unwrap();
    client.reschedule(moving.id, day8).await.unwrap(); // the ordinary reschedule is used
    let (cancelling, _) = client
        .create_booking(&req(people[1].id, day8), &key())
        .await
        .unwrap();

    // SIMKIM goes down on the 8th: the office closes that day.
    let staff = app.staff("kepala@bekasi.id", Some("kanim-bekasi")).await;
    staff
        .set_office_day("kanim-bekasi", day(2026, 12, 8), Closed, "gangguan SIMKIM")
        .await
        .unwrap();
    let cal = client
        .calendar("kanim-bekasi", day(2026, 12, 8), day(2026, 12, 8))
        .await
        .unwrap();
    let closed = &cal.days[0];
    assert!(
        !closed.service_day,
        "a closed day is not a service day that is full"
    );
    let closure = closed.closure.as_ref().expect("the closure is shown");
    assert_eq!(
        (closure.kind, closure.reason.as_str()),
        (ClosureKind::Office, "gangguan SIMKIM")
    );
    assert!(closed.lanes.iter().all(|l| l.remaining == 0));
    assert_eq!(
        client
            .create_booking(&req(people[2].id, day8), &key())
            .await
            .unwrap_err()
            .code(),
        Some("day_closed")
    );
    assert_eq!(
        app.slot_counts(day8).await.1,
        2,
        "bookings keep their places"
    );

    // Places freed on the closed day (a cancel, the special reschedule) are not offered again.
    client.cancel(cancelling.id).await.unwrap();
    let moved = client.reschedule(moving.id, day10).await.unwrap();
    assert_eq!(moved.date, day(2026, 12, 10), "the special reschedule");
    assert_eq!(app.slot_counts(day8).await.1, 0);
    let search = client
        .search(&near_bekasi(day(2026, 12, 8), day(2026, 12, 8)))
        .await
        .unwrap()
        .hits;
    assert!(
        search.is_empty(),
        "search offers nothing on the closed day: {search:?}"
    );
    let cal = client
        .calendar("kanim-bekasi", day(2026, 12, 8), day(2026, 12, 8))
        .await
        .unwrap();
    assert!(cal.days[0].lanes.iter().all(|l| l.remaining == 0));
    assert_eq!(
        client
            .create_booking(&req(people[2].id, day8), &key())
            .await
            .unwrap_err()
            .code(),
        Some("day_closed")
    );
    let (third, _) = client
        .create_booking(&req(people[2].id, day10), &key())
        .await
        .unwrap();
    assert_eq!(
        client.reschedule(third.id, day8).await.unwrap_err().code(),
        Some("day_closed"),
        "nor can a reschedule move into it"
    );

    // Reopening gives the day its places back.
    staff
        .clear_office_day("kanim-bekasi", day(2026, 12, 8))
        .await
        .unwrap();
    assert_eq!(app.slot_counts(day8).await.0, 62);
    client.reschedule(third.id, day8).await.unwrap();
    app.stop().await;
}

#[tokio::test]
async fn closed_and_withdrawn_days_give_the_special_reschedule_not_no_shows() {
    let app = spawn_app().await;
    let (client, people) = app.family("sabtu@example.id", 2, 1).await;
    let staff = app.staff("kepala@bekasi.id", Some("kanim-bekasi")).await;
    // An extra Saturday; one person books it and pays.
    staff
        .set_office_day("kanim-bekasi", day(2026, 12, 12), Extra, "layanan Sabtu")
        .await
        .unwrap();
    let saturday = client
        .day_slots("kanim-bekasi", day(2026, 12, 12), Some(Lane::Regular))
        .await
        .unwrap();
    assert_eq!(saturday.iter().map(|s| s.capacity).sum::<u32>(), 185);
    let (on_saturday, _) = client
        .create_booking(&req(people[0].id, saturday[0].slot_id), &key())
        .await
        .unwrap();
    app.pay(&on_saturday).await;
    // Another pays for Tuesday the 8th, which then closes.
    let day8 = first_slot(&client, "kanim-bekasi", day(2026, 12, 8), Lane::Regular).await;
    let (on_tuesday, _) = client
        .create_booking(&req(people[1].id, day8), &key())
        .await
        .unwrap();
    app.pay(&on_tuesday).await;
    staff
        .set_office_day("kanim-bekasi", day(2026, 12, 8), Closed, "banjir")
        .await
        .unwrap();
    let actions = client.booking(on_tuesday.id).await.unwrap().actions;
    assert!(
        actions.reschedule.allowed && actions.reschedule_special,
        "the view offers the special reschedule: {actions:?}"
    );
    // The Saturday is withdrawn: its booking is not stranded.
    staff
        .clear_office_day("kanim-bekasi", day(2026, 12, 12))
        .await
        .unwrap();
    let cal = client
        .calendar("kanim-bekasi", day(2026, 12, 12), day(2026, 12, 12))
        .await
        .unwrap();
    assert!(!cal.days[0].service_day);

    // After both days, the sweeper marks no one a no-show...
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-12-13T12:00:00Z")
            .unwrap()
            .into(),
    );
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    for id in [on_saturday.id, on_tuesday.id] {
        assert_eq!(
            client.booking(id).await.unwrap().status,
            BookingStatus::Confirmed
        );
    }
    assert_eq!(
        staff
            .no_show_sweep("kanim-bekasi", day(2026, 12, 8))
            .await
            .unwrap()
            .marked_no_show,
        0
    );
    app.stop().await;
}

#[tokio::test]
async fn staff_change_days_only_from_today_to_a_year_ahead_at_their_office() {
    let app = spawn_app().await;
    let staff = app.staff("kepala@bekasi.id", Some("kanim-bekasi")).await;
    for date in [day(2026, 12, 3), day(2027, 12, 6)] {
        assert_eq!(
            staff
                .set_office_day("kanim-bekasi", date, Closed, "renovasi")
                .await
                .unwrap_err()
                .code(),
            Some("date_out_of_range"),
            "{date}"
        );
    }
    assert_eq!(
        staff
            .set_office_day("kanim-bekasi", day(2026, 12, 9), Closed, "  ")
            .await
            .unwrap_err()
            .code(),
        Some("invalid_request"),
        "a closure says why"
    );
    assert_eq!(
        staff
            .set_office_day("kanim-bekasi", day(2026, 12, 9), Closed, "renovasi\u{0}")
            .await
            .unwrap_err()
            .code(),
        Some("invalid_request"),
        "U+0000, which PostgreSQL cannot store, is refused (it answered 500 there)"
    );
    let other = app.staff("petugas@depok.id", Some("kanim-depok")).await;
    assert_eq!(
        other
            .set_office_day("kanim-bekasi", day(2026, 12, 9), Closed, "x")
            .await
            .unwrap_err()
            .code(),
        Some("wrong_office")
    );
    let applicant = app.signed_in("warga@example.id").await;
    assert_eq!(
        applicant
            .clear_office_day("kanim-bekasi", day(2026, 12, 9))
            .await
            .unwrap_err()
            .code(),
        Some("forbidden")
    );
    app.stop().await;
}

/// Opening used to continue from the highest opened day: an extra Saturday announced months
/// ahead stopped every day in between from ever opening.
#[tokio::test]
async fn opening_fills_every_missing_day_of_the_horizon() {
    let app = spawn_app().await; // horizon: 21 days, to 25 December
    let staff = app.staff("kepala@bekasi.id", Some("kanim-bekasi")).await;
    staff
        .set_office_day("kanim-bekasi", day(2027, 3, 6), Extra, "layanan di stadion")
        .await
        .unwrap();
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2027-01-04T08:00:00Z")
            .unwrap()
            .into(),
    );
    antre_server::jobs::sweep(&app.running.state).await.unwrap();
    let client = app.client();
    let days = client
        .calendar("kanim-bekasi", day(2027, 1, 11), day(2027, 1, 15))
        .await
        .unwrap()
        .days;
    assert!(
        days.iter().all(|d| d.service_day && !d.lanes.is_empty()),
        "the week after Christmas up to the horizon opened: {days:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_holiday_added_inside_the_horizon_closes_that_day() {
    let app = spawn_app().await;
    let (client, people) = app.family("libur@example.id", 1, 1).await;
    let day9 = first_slot(&client, "kanim-bekasi", day(2026, 12, 9), Lane::Regular).await;
    let (booking, _) = client
        .create_booking(&req(people[0].id, day9), &key())
        .await
        .unwrap();
    // A new decree (as new data shipped with the next release would bring).
    app.db()
        .execute(
            sqlx::query("INSERT INTO holidays (day, kind, name_id, name_en) VALUES ($1, 'national', $2, $3)")
                .bind("2026-12-09")
                .bind("Pilkada serentak")
                .bind("Regional elections"),
        )
        .await
        .unwrap();
    let closed = antre_server::planning::close_new_holidays(app.db(), app.clock.now())
        .await
        .unwrap();
    assert!(closed >= 1, "every office's 9 December closed ({closed})");
    assert_eq!(
        client
            .create_booking(&req(people[0].id, day9), &key())
            .await
            .unwrap_err()
            .code(),
        Some("day_closed")
    );
    let day10 = first_slot(&client, "kanim-bekasi", day(2026, 12, 10), Lane::Regular).await;
    client.reschedule(booking.id, day10).await.unwrap();
    let again = client.booking(booking.id).await.unwrap();
    assert_eq!(
        again.reschedules_left, 1,
        "the special reschedule is not counted"
    );
    app.stop().await;
}

#[tokio::test]
async fn days_beyond_the_holiday_data_are_not_opened() {
    // 20 December 2027 with a 62-day horizon: the data covers 2025-2027 only.
    let app = spawn_app_with(|c| {
        c.horizon_days = 62;
        c.clock = antre_server::clock::Clock::manual(
            chrono::DateTime::parse_from_rfc3339("2027-12-20T01:00:00Z")
                .unwrap()
                .into(),
        );
    })
    .await;
    let client = app.client();
    let late = client
        .calendar("kanim-bekasi", day(2027, 12, 27), day(2028, 1, 10))
        .await
        .unwrap();
    for d in &late.days {
        let has_places = !d.lanes.is_empty();
        assert_eq!(
            has_places,
            d.date <= day(2027, 12, 31) && d.service_day,
            "{}",
            d.date
        );
    }
    app.stop().await;
}
