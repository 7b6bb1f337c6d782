//! Event sites: the head of an office releases a stadium for a day with places of its own;
//! search and calendars find it at its coordinates, it is booked and checked in like any place,
//! the booking names it; a release in the future is drawn at its instant. Audited, office-scoped.

mod support;

use antre_api::availability::SearchQuery;
use antre_api::bookings::CreateBookingRequest;
use antre_api::desk::{EventSiteRequest, EventSiteView};
use antre_api::draws::{Choice, EntryOutcome, EntryRequest};
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, SearchScope, Validity};
use antre_client::{Client, ClientError};
use chrono::{DateTime, NaiveDate, Utc};
use support::*;
use uuid::Uuid;

const BEKASI: &str = "kanim-bekasi";
const JAKTIM: &str = "kanim-jakarta-timur";
/// Stadion Wibawa Mukti, Cikarang: about 21 km from the Bekasi office.
const STADIUM: (f64, f64) = (-6.3022, 107.1702);
const NAME: &str = "Stadion Wibawa Mukti";

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().into()
}

fn code(e: ClientError) -> String {
    e.code().unwrap_or("(no answer)").to_string()
}

/// The stadium on Saturday 12 December 2026, 08:00-16:00 WIB, with 1,075 places.
fn stadium(release_at: Option<DateTime<Utc>>) -> EventSiteRequest {
    EventSiteRequest {
        name: NAME.into(),
        lat: STADIUM.0,
        lon: STADIUM.1,
        date: day(2026, 12, 12),
        starts: "08:00".into(),
        ends: "16:00".into(),
        capacity: 1075,
        release_at,
        note: "Layanan paspor akhir pekan".into(),
    }
}

fn booking(applicant: Uuid, slot: i64) -> CreateBookingRequest {
    CreateBookingRequest {
        applicant_id: applicant,
        slot_id: slot,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
    }
}

fn near_stadium(from: NaiveDate, to: NaiveDate, radius_km: f64) -> SearchQuery {
    SearchQuery {
        lat: STADIUM.0,
        lon: STADIUM.1,
        from,
        to,
        lane: Lane::Regular,
        electronic: None,
        scope: Some(SearchScope::Radius),
        radius_km: Some(radius_km),
        limit: None,
    }
}

async fn audited(head: &Client, action: &str, target: &str) -> bool {
    head.audit(BEKASI, None, Some(200))
        .await
        .unwrap()
        .entries
        .iter()
        .any(|e| e.action == action && e.target.as_deref() == Some(target))
}

#[tokio::test]
async fn an_event_site_released_now_is_found_near_it_booked_and_checked_in_like_any_place() {
    let app = spawn_app().await;
    let head = app.head("kepala@bekasi.id", BEKASI).await;
    let staff = app.staff("meja@bekasi.id", Some(BEKASI)).await;
    let other_head = app.head("kepala@jaktim.id", JAKTIM).await;
    let (client, people) = app.family("stadion@example.id", 2, 1).await;

    // Who may: the head of this office only.
    assert_eq!(
        code(
            staff
                .create_event_site(BEKASI, &stadium(None))
                .await
                .unwrap_err()
        ),
        "forbidden"
    );
    assert_eq!(
        code(
            other_head
                .create_event_site(BEKASI, &stadium(None))
                .await
                .unwrap_err()
        ),
        "wrong_office"
    );
    assert_eq!(
        code(
            client
                .create_event_site(BEKASI, &stadium(None))
                .await
                .unwrap_err()
        ),
        "forbidden"
    );
    // What is refused, each for its reason.
    let mut bad = stadium(None);
    bad.ends = "07:00".into();
    assert_eq!(
        code(head.create_event_site(BEKASI, &bad).await.unwrap_err()),
        "invalid_time_range"
    );
    let mut bad = stadium(None);
    bad.lat = 91.0;
    assert_eq!(
        code(head.create_event_site(BEKASI, &bad).await.unwrap_err()),
        "invalid_coordinates"
    );
    let mut bad = stadium(None);
    bad.date = day(2026, 12, 1);
    assert_eq!(
        code(head.create_event_site(BEKASI, &bad).await.unwrap_err()),
        "date_out_of_range"
    );
    let mut bad = stadium(Some(at("2026-12-12T02:00:00Z")));
    bad.starts = "08:00".into();
    assert_eq!(
        code(head.create_event_site(BEKASI, &bad).await.unwrap_err()),
        "invalid_time_range",
        "released after it starts"
    );

    let site: EventSiteView = head
        .create_event_site(BEKASI, &stadium(None))
        .await
        .unwrap();
    assert_eq!(
        (site.name.as_str(), site.capacity, site.office_id.as_str()),
        (NAME, 1075, BEKASI)
    );
    assert_eq!(site.released_at, app.clock.now(), "released now");
    assert!(site.draw_id.is_none(), "nothing to draw: bookable at once");
    assert!(site.session.starts_with("08:00-16:00 ") && site.session.contains(&site.code));
    assert_eq!(
        code(
            head.create_event_site(BEKASI, &stadium(None))
                .await
                .unwrap_err()
        ),
        "event_site_exists"
    );
    assert!(audited(&head, "event_site.create", &site.id.to_string()).await);
    // Its staff see it; others do not.
    let listed = staff.event_sites(BEKASI).await.unwrap();
    assert_eq!(listed.iter().map(|s| s.id).collect::<Vec<_>>(), [site.id]);
    assert_eq!(
        code(other_head.event_sites(BEKASI).await.unwrap_err()),
        "wrong_office"
    );

    // Search near the stadium finds the stadium (not the office, 21 km away), with its name.
    let saturday = day(2026, 12, 12);
    let found = client
        .search(&near_stadium(day(2026, 12, 7), saturday, 5.0))
        .await
        .unwrap();
    assert_eq!(found.hits.len(), 1, "{found:?}");
    let hit = &found.hits[0];
    let place = hit.first_slot.event_site.as_ref().expect("the site's hit");
    assert_eq!((place.name.as_str(), place.id), (NAME, site.id));
    assert_eq!(
        (hit.date, hit.remaining, hit.office.id.as_str()),
        (saturday, 1075, BEKASI)
    );
    assert!(hit.office.distance_km.unwrap() < 0.5, "{hit:?}");
    assert!(
        hit.directions_url.ends_with("%3B-6.30220%2C107.17020"),
        "the route goes to the site: {}",
        hit.directions_url
    );
    // Wider, the office itself is a hit of its own, at its own distance.
    let wider = client
        .search(&near_stadium(day(2026, 12, 7), saturday, 50.0))
        .await
        .unwrap();
    let office_hit = wider
        .hits
        .iter()
        .find(|h| h.office.id == BEKASI && h.first_slot.event_site.is_none())
        .expect("the office");
    assert!(office_hit.office.distance_km.unwrap() > 15.0);
    // The office's calendar: Saturday is a service day with the site's places.
    let calendar = client.calendar(BEKASI, saturday, saturday).await.unwrap();
    let sat = &calendar.days[0];
    assert!(sat.service_day && sat.closure.is_none(), "{sat:?}");
    let regular = sat.lanes.iter().find(|l| l.lane == Lane::Regular).unwrap();
    assert_eq!((regular.capacity, regular.remaining), (1075, 1075));
    let slots = client
        .day_slots(BEKASI, saturday, Some(Lane::Regular))
        .await
        .unwrap();
    assert_eq!(slots.len(), 1);
    assert_eq!(slots[0].slot_id, site.slot_id);
    assert_eq!(slots[0].event_site.as_ref().unwrap().name, NAME);

    // Booked like any place; the booking (and so its slip) names the site.
    let (made, created) = client
        .create_booking(&booking(people[0].id, site.slot_id), "stadion-0001")
        .await
        .unwrap();
    assert!(created);
    assert_eq!(made.event_site.as_ref().unwrap().name, NAME);
    app.pay(&made).await;
    let paid = client.booking(made.id).await.unwrap();
    assert_eq!(paid.status, BookingStatus::Confirmed);
    assert_eq!(paid.event_site.as_ref().unwrap().id, site.id);
    assert_eq!(paid.session, site.session);
    assert_eq!(app.slot_counts(site.slot_id).await, (1075, 1, 1));
    // Extra places are the office's own: the site keeps the capacity it was given.
    assert_eq!(
        code(
            staff
                .release_places(
                    BEKASI,
                    saturday,
                    &antre_api::desk::QuotaReleaseRequest {
                        lane: Lane::Regular,
                        places: 10,
                        note: "antrean".into()
                    }
                )
                .await
                .unwrap_err()
        ),
        "day_not_open"
    );

    // Checked in at the office's desk on the day, by the proof.
    app.clock.set(at("2026-12-12T02:00:00Z"));
    let entry = staff
        .desk_check_in(BEKASI, paid.proof.as_deref().unwrap(), None)
        .await
        .unwrap();
    assert_eq!(entry.booking_id, paid.id);
    assert_eq!(entry.session, site.session);
    assert_eq!(entry.queue_number, Some(1));
    assert_eq!(
        client.booking(paid.id).await.unwrap().status,
        BookingStatus::CheckedIn
    );
    app.assert_invariants().await;
}

#[tokio::test]
async fn an_event_site_released_later_is_drawn_at_its_instant_and_closes_with_its_day() {
    let app = spawn_app().await;
    let head = app.head("kepala@bekasi.id", BEKASI).await;
    let (client, people) = app.family("undian@example.id", 3, 1).await;
    // Released on Wednesday 9 December, 10:00 WIB.
    let release = at("2026-12-09T03:00:00Z");
    let site = head
        .create_event_site(BEKASI, &stadium(Some(release)))
        .await
        .unwrap();
    assert_eq!(site.released_at, release);
    let draw = site.draw_id.expect("a draw for the site's release");
    // Not found nor bookable before its release.
    let saturday = day(2026, 12, 12);
    assert!(client
        .search(&near_stadium(day(2026, 12, 7), saturday, 5.0))
        .await
        .unwrap()
        .hits
        .is_empty());
    assert_eq!(
        code(
            client
                .create_booking(&booking(people[0].id, site.slot_id), "undian-0001")
                .await
                .unwrap_err()
        ),
        "slot_not_released"
    );
    // Entries open a day before; the site's day is a choice of the draw.
    app.clock.set(at("2026-12-08T12:00:00Z"));
    let wish = EntryRequest {
        lane: Lane::Regular,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
        choices: vec![Choice::OfficeDay {
            office_id: BEKASI.into(),
            date: saturday,
        }],
    };
    for p in &people {
        let (e, created) = client.enter_draw(draw, p.id, &wish).await.unwrap();
        assert!(created);
        assert_eq!(e.outcome, EntryOutcome::Pending);
    }
    app.clock.set(release + chrono::Duration::seconds(5));
    assert!(
        antre_server::draws::run_due(&app.running.state)
            .await
            .unwrap()
            >= 1
    );
    // Everyone entered got a place at the stadium.
    let mine = client.bookings().await.unwrap();
    assert_eq!(mine.len(), 3, "{mine:?}");
    for b in &mine {
        assert_eq!(b.slot_id, site.slot_id);
        assert_eq!(b.event_site.as_ref().unwrap().name, NAME);
    }
    assert_eq!(app.slot_counts(site.slot_id).await.1, 3);
    // Now it is found and bookable first come, first served.
    let hits = client
        .search(&near_stadium(day(2026, 12, 7), saturday, 5.0))
        .await
        .unwrap()
        .hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].remaining, 1072);

    // The office closes that Saturday: the site closes with it, bookings keep their places,
    // and it reopens when the closure is lifted.
    head.set_office_day(
        BEKASI,
        saturday,
        antre_api::staff::OfficeDayKind::Closed,
        "Stadion dipakai",
    )
    .await
    .unwrap();
    assert!(client
        .search(&near_stadium(day(2026, 12, 7), saturday, 5.0))
        .await
        .unwrap()
        .hits
        .is_empty());
    assert_eq!(app.slot_counts(site.slot_id).await.1, 3);
    head.clear_office_day(BEKASI, saturday).await.unwrap();
    let back = client
        .day_slots(BEKASI, saturday, Some(Lane::Regular))
        .await
        .unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].remaining, 1072);
    app.assert_invariants().await;
}
