//! Every desk action is in the office's audit trail, by the officer who did it, and staff of
//! another office can do none of them (and leave nothing in anyone's trail): check-in, a
//! priority walk-in, a walk-in beyond the quota, extra places, an event site, no-shows.

mod support;

use antre_api::bookings::{BookingView, CreateBookingRequest};
use antre_api::desk::{EventSiteRequest, QuotaReleaseRequest, WalkInRequest};
use antre_api::{ApplicationKind, Lane, PassportKind, Validity, WalkInReason};
use antre_client::{Client, ClientError};
use chrono::{DateTime, Utc};
use support::*;
use uuid::Uuid;

const BEKASI: &str = "kanim-bekasi";
const JAKTIM: &str = "kanim-jakarta-timur";

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().into()
}

fn code(e: ClientError) -> String {
    e.code().unwrap_or("(no answer)").to_string()
}

async fn paid_booking(app: &TestApp, client: &Client, applicant: Uuid) -> BookingView {
    let slot = client
        .day_slots(BEKASI, day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap()[0]
        .slot_id;
    let (b, _) = client
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
        .unwrap();
    app.pay(&b).await;
    client.booking(b.id).await.unwrap()
}

fn elderly(serial: u32, beyond_quota: bool) -> WalkInRequest {
    let birth = day(1950, 3, 3);
    WalkInRequest {
        nik: nik(birth, false, serial),
        name: format!(
            "Ahmad Dahlan {}",
            ["Satu", "Dua", "Tiga"][serial as usize % 3]
        ),
        birth_date: birth,
        reason: WalkInReason::Elderly,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
        beyond_quota,
    }
}

#[tokio::test]
async fn every_desk_action_is_audited_by_its_officer_and_refused_to_other_offices() {
    let app = spawn_app().await;
    let tuesday = day(2026, 12, 8);
    let (client, people) = app.family("pemohon@example.id", 2, 1).await;
    let arrives = paid_booking(&app, &client, people[0].id).await;
    let stays_away = paid_booking(&app, &client, people[1].id).await;
    let desk = app.staff("meja@bekasi.id", Some(BEKASI)).await;
    let head = app.head("kepala@bekasi.id", BEKASI).await;
    let other = app.staff("meja@jaktim.id", Some(JAKTIM)).await;
    let other_head = app.head("kepala@jaktim.id", JAKTIM).await;
    let desk_id = desk.me().await.unwrap().id;
    let head_id = head.me().await.unwrap().id;
    // One priority place per session, so the second walk-in is beyond the quota.
    for s in client
        .day_slots(BEKASI, tuesday, Some(Lane::Priority))
        .await
        .unwrap()
    {
        app.set_capacity(s.slot_id, 1).await;
    }

    // Extra places and an event site, ahead of the day.
    let places = QuotaReleaseRequest {
        lane: Lane::Regular,
        places: 4,
        note: "Antrean panjang".into(),
    };
    assert_eq!(
        code(
            other
                .release_places(BEKASI, tuesday, &places)
                .await
                .unwrap_err()
        ),
        "wrong_office"
    );
    let release = desk.release_places(BEKASI, tuesday, &places).await.unwrap();
    let site = EventSiteRequest {
        name: "Stadion Patriot Candrabhaga".into(),
        lat: -6.2397,
        lon: 106.9972,
        date: day(2026, 12, 12),
        starts: "08:00".into(),
        ends: "16:00".into(),
        capacity: 1075,
        release_at: None,
        note: "Layanan akhir pekan".into(),
    };
    assert_eq!(
        code(
            other_head
                .create_event_site(BEKASI, &site)
                .await
                .unwrap_err()
        ),
        "wrong_office"
    );
    let site = head.create_event_site(BEKASI, &site).await.unwrap();

    // The day itself: check-in, a walk-in within the quota, one beyond it.
    app.clock.set(at("2026-12-08T01:30:00Z"));
    let proof = arrives.proof.clone().unwrap();
    assert_eq!(
        code(other.desk_check_in(BEKASI, &proof, None).await.unwrap_err()),
        "wrong_office"
    );
    desk.desk_check_in(BEKASI, &proof, None).await.unwrap();
    assert_eq!(
        code(
            other
                .walk_in(BEKASI, &elderly(1, false), "walk-in-0001")
                .await
                .unwrap_err()
        ),
        "wrong_office"
    );
    let (within, _) = desk
        .walk_in(BEKASI, &elderly(1, false), "walk-in-0001")
        .await
        .unwrap();
    let (beyond, _) = desk
        .walk_in(BEKASI, &elderly(2, true), "walk-in-0002")
        .await
        .unwrap();
    assert!(!within.beyond_quota && beyond.beyond_quota);

    // The end of the day: the one who stayed away.
    app.clock.set(at("2026-12-08T10:00:00Z"));
    assert_eq!(
        code(other.no_show_sweep(BEKASI, tuesday).await.unwrap_err()),
        "wrong_office"
    );
    assert!(
        desk.no_show_sweep(BEKASI, tuesday)
            .await
            .unwrap()
            .marked_no_show
            >= 1
    );

    let trail = head.audit(BEKASI, None, Some(200)).await.unwrap().entries;
    let by = |action: &str, target: &str| {
        trail
            .iter()
            .filter(|e| e.action == action && e.target.as_deref() == Some(target))
            .map(|e| e.actor_account_id)
            .collect::<Vec<_>>()
    };
    let officer = vec![Some(desk_id)];
    assert_eq!(
        by("office_day.release_places", &tuesday.to_string()),
        officer,
        "extra places ({})",
        release.id
    );
    assert_eq!(
        by("event_site.create", &site.id.to_string()),
        vec![Some(head_id)]
    );
    assert_eq!(by("booking.check_in", &arrives.id.to_string()), officer);
    assert_eq!(by("desk.walk_in", &within.booking_id.to_string()), officer);
    assert_eq!(by("desk.walk_in", &beyond.booking_id.to_string()), officer);
    let beyond_entry = trail
        .iter()
        .find(|e| e.target.as_deref() == Some(&beyond.booking_id.to_string()))
        .unwrap();
    assert_eq!(beyond_entry.detail["beyond_quota"].as_bool(), Some(true));
    // No-shows: one row for the day, naming the bookings marked.
    assert_eq!(by("no_show.mark", &tuesday.to_string()), officer);
    let no_shows = trail.iter().find(|e| e.action == "no_show.mark").unwrap();
    let marked: Vec<&str> = no_shows.detail["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b.as_str())
        .collect();
    assert!(
        marked.contains(&stays_away.id.to_string().as_str()),
        "{marked:?}"
    );
    assert!(!marked.contains(&arrives.id.to_string().as_str()));
    // Nobody of another office acted: their refused attempts left no row anywhere.
    assert!(trail.iter().all(|e| e.actor_account_id == Some(desk_id)
        || e.actor_account_id == Some(head_id)
        || e.actor_account_id.is_none()));
    let theirs = other_head.audit(JAKTIM, None, Some(200)).await.unwrap();
    assert!(theirs.entries.is_empty(), "{:?}", theirs.entries);
    // Staff read no trail; the head reads only their own office's.
    assert_eq!(
        code(desk.audit(BEKASI, None, None).await.unwrap_err()),
        "forbidden"
    );
    assert_eq!(
        code(other_head.audit(BEKASI, None, None).await.unwrap_err()),
        "wrong_office"
    );
}
