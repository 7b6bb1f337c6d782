mod support;

use antre_api::availability::SearchAreaView;
use antre_api::availability::SearchQuery;
use antre_api::{IslandGroup, Lane, SearchScope, Zone};
use support::*;

#[tokio::test]
async fn offices_nearby_and_detail() {
    let app = spawn_app().await;
    let client = app.client();
    let all = client.offices().await.unwrap();
    assert!(all.len() >= 140);
    let near_bekasi = client.nearby_offices(-6.2383, 106.9756, 3).await.unwrap();
    assert_eq!(near_bekasi[0].id, "kanim-bekasi");
    assert!(near_bekasi
        .windows(2)
        .all(|w| w[0].distance_km <= w[1].distance_km));
    let batam = client.office("kanim-batam").await.unwrap();
    let quotas: Vec<_> = batam.quotas.iter().map(|q| (q.lane, q.daily)).collect();
    assert_eq!(
        quotas,
        vec![
            (Lane::Regular, 200),
            (Lane::SameDay, 35),
            (Lane::Priority, 50)
        ]
    );
    assert_eq!(
        client.office("kanim-atlantis").await.unwrap_err().code(),
        Some("office_not_found")
    );
    app.stop().await;
}

#[tokio::test]
async fn calendars_close_on_holidays_and_release_on_schedule() {
    let app = spawn_app().await;
    let client = app.client();
    let cal = client
        .calendar("kanim-bekasi", day(2026, 12, 5), day(2026, 12, 25))
        .await
        .unwrap();
    let by_date = |d| cal.days.iter().find(|x| x.date == d).unwrap();
    assert!(!by_date(day(2026, 12, 5)).service_day, "Saturday");
    assert!(!by_date(day(2026, 12, 25)).service_day, "Christmas");
    let monday = by_date(day(2026, 12, 7));
    assert!(monday.service_day);
    assert_eq!(
        monday.released_at.unwrap().to_rfc3339(),
        "2026-12-04T07:00:00+00:00",
        "Friday 14:00 WIB"
    );
    let regular = monday
        .lanes
        .iter()
        .find(|l| l.lane == Lane::Regular)
        .unwrap();
    // Of Bekasi's 185 regular places, 10 (5 %, rounded up) are kept for the special
    // reschedule after a closure until noon the day before: the public sees 175.
    assert_eq!((regular.capacity, regular.remaining), (185, 175));
    let next_week = by_date(day(2026, 12, 14));
    assert_eq!(
        next_week.released_at.unwrap().to_rfc3339(),
        "2026-12-11T07:00:00+00:00"
    );
    assert_eq!(
        client
            .calendar("kanim-bekasi", day(2026, 12, 5), day(2027, 3, 5))
            .await
            .unwrap_err()
            .code(),
        Some("date_out_of_range")
    );
    app.stop().await;
}

#[tokio::test]
async fn slots_are_instants_shown_with_the_office_zone() {
    let app = spawn_app().await;
    let client = app.client();
    let makassar = client
        .day_slots("kanim-makassar", day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap();
    assert_eq!(makassar[0].session, "08:00-10:00");
    assert_eq!(makassar[0].time_zone, "Asia/Makassar");
    assert_eq!(
        makassar[0].starts_at.to_rfc3339(),
        "2026-12-08T00:00:00+00:00",
        "08:00 WITA is 00:00 UTC"
    );
    let jayapura = client
        .day_slots("kanim-jayapura", day(2026, 12, 8), None)
        .await
        .unwrap();
    assert_eq!(
        jayapura[0].starts_at.to_rfc3339(),
        "2026-12-07T23:00:00+00:00",
        "08:00 WIT is 23:00 UTC the day before"
    );
    let office = client.office("kanim-jayapura").await.unwrap();
    assert_eq!(office.office.zone, Zone::Wit);
    app.stop().await;
}

#[tokio::test]
async fn search_ranks_by_earliest_date_then_distance_and_skips_full_and_unreleased() {
    let app = spawn_app().await;
    let client = app.client();
    let q = SearchQuery {
        lat: -6.2383,
        lon: 106.9756,
        from: day(2026, 12, 7),
        to: day(2026, 12, 31),
        lane: Lane::Priority,
        electronic: None,
        scope: None,
        radius_km: Some(60.0),
        limit: Some(10),
    };
    let hits = client.search(&q).await.unwrap().hits;
    assert!(hits.len() >= 3, "several offices around Jakarta");
    assert_eq!(hits[0].office.id, "kanim-bekasi");
    assert_eq!(
        hits[0].remaining, 35,
        "the day's 37 priority places at Bekasi, all sessions, less 2 protected (5 %, rounded up)"
    );
    assert_eq!(hits[0].first_slot.session, "08:00-10:00");
    assert!(hits
        .windows(2)
        .all(|w| (w[0].date, w[0].office.distance_km) <= (w[1].date, w[1].office.distance_km)));
    assert!(hits
        .iter()
        .all(|h| h.office.distance_km.unwrap() <= 60.0 && h.first_slot.lane == Lane::Priority));
    assert!(
        hits.iter().all(|h| h.date <= day(2026, 12, 13)),
        "next week is not released before Friday 11 Dec"
    );

    // Fill every priority place at Bekasi on the 7th: its earliest day moves to the 8th.
    for s in client
        .day_slots("kanim-bekasi", day(2026, 12, 7), Some(Lane::Priority))
        .await
        .unwrap()
    {
        app.set_capacity(s.slot_id, 0).await;
    }
    let hits = client
        .search(&SearchQuery {
            limit: Some(100),
            ..q.clone()
        })
        .await
        .unwrap()
        .hits;
    let bekasi = hits.iter().find(|h| h.office.id == "kanim-bekasi").unwrap();
    assert_eq!(bekasi.date, day(2026, 12, 8));

    // A week later, the next week is open.
    app.clock.advance(chrono::Duration::days(7));
    let later = client
        .search(&SearchQuery {
            from: day(2026, 12, 14),
            ..q.clone()
        })
        .await
        .unwrap()
        .hits;
    assert_eq!(later[0].date, day(2026, 12, 14));
    app.stop().await;
}

#[tokio::test]
async fn points_off_the_earth_are_refused() {
    let app = spawn_app().await;
    let http = reqwest::Client::new();
    for query in [
        "lat=NaN&lon=106.9",
        "lat=-6.2&lon=inf",
        "lat=91&lon=106.9",
        "lat=-6.2&lon=181",
    ] {
        let response = http
            .get(format!("{}/v1/offices/nearby?{query}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{query}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["code"], "invalid_coordinates", "{query}");
    }
    let search = http
        .get(format!(
            "{}/v1/availability/search?lat=NaN&lon=106.9&from=2026-12-07&to=2026-12-11&lane=regular",
            app.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(search.status(), 400);
    app.stop().await;
}

/// A calendar may run to the last date there is: its days were counted one past the end, and
/// the server panicked (a 500) instead of answering.
#[tokio::test]
async fn a_calendar_may_end_on_the_last_date_there_is() {
    let app = spawn_app().await;
    let last = chrono::NaiveDate::MAX;
    let from = last - chrono::Days::new(2);
    let response = reqwest::Client::new()
        .get(format!("{}/v1/offices/kanim-bekasi/calendar", app.url))
        .query(&[("from", from.to_string()), ("to", last.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let calendar: antre_api::availability::OfficeCalendar = response.json().await.unwrap();
    let dates: Vec<_> = calendar.days.iter().map(|d| d.date).collect();
    assert_eq!(dates, [from, from.succ_opt().unwrap(), last]);
    app.stop().await;
}

fn near_bekasi() -> SearchQuery {
    SearchQuery {
        lat: -6.2383,
        lon: 106.9756,
        from: day(2026, 12, 7),
        to: day(2026, 12, 11),
        lane: Lane::Regular,
        electronic: None,
        scope: None,
        radius_km: None,
        limit: Some(100),
    }
}

/// "Near me" is near: 50 km unless asked otherwise, then one step wider at a time, each step
/// keeping every office of the one before, down to all of Indonesia.
#[tokio::test]
async fn near_me_looks_within_50_km_then_widens_one_step_at_a_time() {
    let app = spawn_app().await;
    let client = app.client();
    let first = client.search(&near_bekasi()).await.unwrap();
    assert_eq!(first.area.scope, SearchScope::Radius);
    assert_eq!(first.area.radius_km, Some(50.0));
    assert!(first.hits.iter().any(|h| h.office.id == "kanim-bekasi"));
    assert!(
        first
            .hits
            .iter()
            .all(|h| h.office.distance_km.unwrap() <= 50.0),
        "nothing beyond 50 km: {:?}",
        first
            .hits
            .iter()
            .map(|h| (&h.office.id, h.office.distance_km))
            .collect::<Vec<_>>()
    );
    assert!(first
        .hits
        .windows(2)
        .all(|w| (w[0].date, w[0].office.distance_km) <= (w[1].date, w[1].office.distance_km)));
    for h in &first.hits {
        assert!(
            h.directions_url.starts_with(
                "https://www.openstreetmap.org/directions?route=-6.23830%2C106.97560%3B"
            ),
            "{}",
            h.directions_url
        );
        assert!(h
            .office
            .map_url
            .starts_with("https://www.openstreetmap.org/?mlat="));
    }

    // Widen until there is nothing wider: the steps come in order, each names its area and
    // keeps every office already offered.
    let order = |a: &SearchAreaView| match a.scope {
        SearchScope::Radius => a.radius_km.unwrap(),
        SearchScope::Province => 1000.0,
        SearchScope::Island => 2000.0,
        SearchScope::Nationwide => 3000.0,
    };
    let mut result = first;
    let mut steps = vec![result.area.clone()];
    while let Some(wider) = result.wider.clone() {
        assert!(
            order(&wider) > order(&result.area),
            "{wider:?} after {:?}",
            result.area
        );
        let next = client
            .search(&SearchQuery {
                scope: Some(wider.scope),
                radius_km: wider.radius_km,
                ..near_bekasi()
            })
            .await
            .unwrap();
        assert_eq!(next.area, wider);
        let before: std::collections::HashSet<_> =
            result.hits.iter().map(|h| h.office.id.clone()).collect();
        let after: std::collections::HashSet<_> =
            next.hits.iter().map(|h| h.office.id.clone()).collect();
        if next.hits.len() < 100 {
            assert!(before.is_subset(&after), "{wider:?} dropped an office");
            assert!(after.len() > before.len(), "{wider:?} added no office");
        }
        match wider.scope {
            SearchScope::Radius => {
                assert!([100.0, 250.0].contains(&wider.radius_km.unwrap()));
                assert!(next
                    .hits
                    .iter()
                    .all(|h| h.office.distance_km.unwrap() <= wider.radius_km.unwrap()));
            }
            SearchScope::Province => {
                assert_eq!(wider.province.as_deref(), Some("Jawa Barat"));
                assert!(next
                    .hits
                    .iter()
                    .all(|h| h.office.province == "Jawa Barat"
                        || h.office.distance_km.unwrap() <= 250.0));
            }
            SearchScope::Island => {
                assert_eq!(wider.island, Some(IslandGroup::Java));
                assert!(next
                    .hits
                    .iter()
                    .all(|h| h.office.island == Some(IslandGroup::Java)
                        || h.office.distance_km.unwrap() <= 250.0));
            }
            SearchScope::Nationwide => {}
        }
        steps.push(wider);
        result = next;
    }
    assert_eq!(steps.last().unwrap().scope, SearchScope::Nationwide);
    assert!(steps.len() >= 3, "{steps:?}");
    assert_eq!(
        result.hits.len(),
        100,
        "all of Indonesia: the first 100 by day, then distance"
    );
    assert!(
        result
            .hits
            .iter()
            .any(|h| h.office.island != Some(IslandGroup::Java)),
        "all of Indonesia reaches beyond Java"
    );
    // The step from "anywhere in Indonesia" is none.
    assert!(result.wider.is_none());
    app.stop().await;
}

#[tokio::test]
async fn search_areas_that_mean_nothing_are_refused() {
    let app = spawn_app().await;
    let http = reqwest::Client::new();
    let base = format!(
        "{}/v1/availability/search?lat=-6.2&lon=106.9&from=2026-12-07&to=2026-12-11&lane=regular",
        app.url
    );
    for query in [
        "radius_km=0",
        "radius_km=250.5",
        "radius_km=-5",
        "scope=province&radius_km=50",
        "scope=nationwide&radius_km=100",
    ] {
        let response = http.get(format!("{base}&{query}")).send().await.unwrap();
        assert_eq!(response.status(), 400, "{query}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["code"], "invalid_search_area", "{query}");
    }
    let response = http
        .get(format!("{base}&scope=everywhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400, "an unknown scope");
    for query in ["scope=island", "scope=radius&radius_km=250", "radius_km=1"] {
        let response = http.get(format!("{base}&{query}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{query}");
    }
    app.stop().await;
}

/// Offices carry what is published about them and nothing invented: every office has a map
/// link, an island group and the provenance of its details; an address only where a source
/// gave one.
#[tokio::test]
async fn offices_carry_their_details_and_where_they_come_from() {
    let app = spawn_app().await;
    let client = app.client();
    let all = client.offices().await.unwrap();
    assert_eq!(all.len(), 151);
    for o in &all {
        assert!(
            o.map_url
                .contains(&format!("mlat={:.5}&mlon={:.5}", o.lat, o.lon)),
            "{}",
            o.map_url
        );
        assert!(
            o.island.is_some(),
            "{}: every office has its island group",
            o.id
        );
        assert_eq!(
            o.map_url.contains("#map=18/"),
            o.coord_precision == "office",
            "street zoom only for a geocoded office: {}",
            o.id
        );
        for text in [&o.address, &o.opening_hours, &o.phone]
            .into_iter()
            .flatten()
        {
            assert!(
                !text.trim().is_empty(),
                "{}: an empty detail is absent",
                o.id
            );
        }
    }
    let bekasi = client.office("kanim-bekasi").await.unwrap();
    assert_eq!(bekasi.office.island, Some(IslandGroup::Java));
    assert!(bekasi
        .office
        .address
        .as_deref()
        .is_some_and(|a| a.contains("Teluk Pucung")));
    assert!(bekasi.details_source.contains("address: http"));
    let jayapura = client.office("kanim-jayapura").await.unwrap();
    assert_eq!(jayapura.office.island, Some(IslandGroup::Papua));
    assert!(jayapura.office.address.is_none());
    assert!(jayapura.details_source.contains("address: not found"));
    // The detail answers for a point carry the distance from it.
    let near = client.nearby_offices(-2.55, 140.7, 1).await.unwrap();
    assert_eq!(near[0].id, "kanim-jayapura");
    assert!(near[0].distance_km.unwrap() < 50.0);
    app.stop().await;
}
