//! Outreach drives: who may run them, members one by one with an outcome each (sent twice,
//! registered once), the leader's CSV list (all or nothing, faults by row in the caller's
//! language, a file saved by a spreadsheet with `;` and a BOM), the drive's own places, its
//! proofs, the export, the hajj comparison and the audit trail.

mod support;

use antre_api::drives::{
    AddMembersRequest, DriveLeader, DrivePlace, DriveRequest, DriveView, HajjMismatchKind,
    MemberInput, MemberOutcome,
};
use antre_api::{ApplicationKind, BookingStatus};
use antre_client::{Client, ClientError};
use antre_domain::outreach::DriveKind;
use chrono::NaiveDate;
use support::*;
use uuid::Uuid;

const BEKASI: &str = "kanim-bekasi";
const JAKTIM: &str = "kanim-jakarta-timur";

fn code(e: ClientError) -> String {
    e.code().unwrap_or("(no answer)").to_string()
}

fn drive_request(kind: DriveKind, capacity: u32) -> DriveRequest {
    DriveRequest {
        kind,
        name: "Warga Desa Sukamaju".into(),
        place: DrivePlace {
            name: "Balai Desa Sukamaju".into(),
            address: "Jl. Raya Sukamaju 1".into(),
            lat: -6.3,
            lon: 107.1,
        },
        // Thursday after the test's "now" (Friday 4 December 2026).
        date: day(2026, 12, 10),
        starts: "08:00".into(),
        ends: "12:00".into(),
        capacity,
        leader: DriveLeader {
            name: "Ahmad Saputra".into(),
            phone: "081234567890".into(),
        },
    }
}

fn member(name: &str, birth: NaiveDate, serial: u32) -> MemberInput {
    MemberInput {
        member_id: Uuid::new_v4(),
        name: name.into(),
        birth_date: birth,
        nik: nik(birth, false, serial),
        application_kind: ApplicationKind::New,
        phone: None,
    }
}

async fn new_drive(client: &Client, kind: DriveKind, capacity: u32) -> DriveView {
    client
        .create_drive(BEKASI, &drive_request(kind, capacity))
        .await
        .expect("drive created")
}

#[tokio::test]
async fn only_outreach_officers_and_the_head_of_the_office_run_its_drives() {
    let app = spawn_app().await;
    let outreach = app.outreach("jemput@bekasi.id", BEKASI).await;
    let head = app.head("kepala@bekasi.id", BEKASI).await;
    let desk = app.staff("meja@bekasi.id", Some(BEKASI)).await;
    let other = app.outreach("jemput@jaktim.id", JAKTIM).await;
    let (applicant, _) = app.family("warga@example.id", 1, 1).await;
    let req = drive_request(DriveKind::Community, 40);

    assert_eq!(
        code(applicant.create_drive(BEKASI, &req).await.unwrap_err()),
        "forbidden"
    );
    assert_eq!(
        code(desk.create_drive(BEKASI, &req).await.unwrap_err()),
        "not_outreach_officer"
    );
    assert_eq!(
        code(other.create_drive(BEKASI, &req).await.unwrap_err()),
        "wrong_office"
    );

    let drive = outreach.create_drive(BEKASI, &req).await.unwrap();
    assert_eq!(drive.capacity, 40);
    assert_eq!(drive.registered, 0);
    assert_eq!(drive.time_zone, "Asia/Jakarta");
    assert_eq!(drive.code.len(), 8);
    // 08:00 WIB is 01:00 UTC.
    assert_eq!(drive.starts_at.to_rfc3339(), "2026-12-10T01:00:00+00:00");
    let by_head = head.create_drive(BEKASI, &req).await.unwrap();
    let listed: Vec<Uuid> = outreach
        .drives(BEKASI)
        .await
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    assert!(listed.contains(&drive.id) && listed.contains(&by_head.id));
    assert_eq!(
        code(other.drive(drive.id).await.unwrap_err()),
        "wrong_office"
    );
    assert_eq!(
        code(desk.drive(drive.id).await.unwrap_err()),
        "not_outreach_officer"
    );
    assert_eq!(
        code(outreach.drive(Uuid::new_v4()).await.unwrap_err()),
        "drive_not_found"
    );

    // Bad requests, each with its reason.
    let mut bad = req.clone();
    bad.ends = "07:00".into();
    assert_eq!(
        code(outreach.create_drive(BEKASI, &bad).await.unwrap_err()),
        "invalid_time_range"
    );
    let mut bad = req.clone();
    bad.date = day(2026, 12, 1);
    assert_eq!(
        code(outreach.create_drive(BEKASI, &bad).await.unwrap_err()),
        "date_out_of_range"
    );
    let mut bad = req.clone();
    bad.capacity = 501;
    assert_eq!(
        code(outreach.create_drive(BEKASI, &bad).await.unwrap_err()),
        "invalid_request"
    );
    let mut bad = req.clone();
    bad.place.lat = 95.0;
    assert_eq!(
        code(outreach.create_drive(BEKASI, &bad).await.unwrap_err()),
        "invalid_coordinates"
    );

    // The drive's places are its own: the office's day and its search are unchanged.
    let office_day = desk.desk_day(BEKASI, Some(req.date)).await.unwrap();
    let places: u32 = office_day.lanes.iter().map(|l| l.capacity).sum();
    let slots = applicant.day_slots(BEKASI, req.date, None).await.unwrap();
    assert_eq!(slots.iter().map(|s| s.capacity).sum::<u32>(), places);
    assert!(places > 0 && !slots.iter().any(|s| s.session.starts_with("drive-")));
    app.stop().await;
}

#[tokio::test]
async fn members_get_an_outcome_each_and_a_batch_sent_twice_registers_nobody_twice() {
    let app = spawn_app().await;
    let outreach = app.outreach("jemput@bekasi.id", BEKASI).await;
    let drive = new_drive(&outreach, DriveKind::Community, 4).await;
    let birth = day(1980, 3, 14);
    let first = member("Budi Santoso", birth, 1);
    let mut twin = member("Budi Santosa", birth, 2);
    twin.nik = first.nik.clone();
    let mut wrong_nik = member("Citra Lestari", day(1990, 5, 17), 3);
    wrong_nik.nik = nik(day(1991, 5, 17), false, 3);
    let batch = AddMembersRequest {
        members: vec![
            first.clone(),
            member("Dewi Anggraini", day(1975, 1, 2), 4),
            twin,
            wrong_nik,
            member("Eko Prasetyo", day(2001, 11, 30), 5),
        ],
    };
    let outcomes = |r: &antre_api::drives::AddMembersResult| -> Vec<MemberOutcome> {
        r.results.iter().map(|m| m.outcome).collect()
    };
    let sent = outreach.add_members(drive.id, &batch).await.unwrap();
    use MemberOutcome::*;
    assert_eq!(
        outcomes(&sent),
        vec![Registered, Registered, DuplicateNik, Invalid, Registered]
    );
    assert_eq!(sent.registered, 3);
    assert_eq!(sent.remaining, 1);
    let invalid = &sent.results[3];
    assert_eq!(invalid.errors.len(), 1);
    assert_eq!(invalid.errors[0].field, "nik");
    assert_eq!(invalid.errors[0].code, "nik_birth_date_mismatch");
    assert!(!invalid.errors[0].message.is_empty());
    let registered = sent.results[0]
        .member
        .as_ref()
        .expect("the member's booking");
    assert_eq!(registered.status, BookingStatus::PendingPayment);
    assert!(!registered.nik_masked.is_empty() && !registered.nik_masked.contains(&first.nik));
    let proof = registered.proof.as_ref().expect("a proof for the slip");
    assert!(proof.starts_with("antre1."));

    // The same batch again (a device that lost the answer): the same outcomes, nobody twice.
    let again = outreach.add_members(drive.id, &batch).await.unwrap();
    assert_eq!(outcomes(&again), outcomes(&sent));
    assert_eq!(
        again.results[0].member.as_ref().unwrap().booking_id,
        registered.booking_id
    );
    let roster = outreach.drive(drive.id).await.unwrap();
    assert_eq!(roster.members.len(), 3);
    assert_eq!(roster.drive.registered, 3);

    // One place left: the second of two is told the drive is full.
    let more = outreach
        .add_members(
            drive.id,
            &AddMembersRequest {
                members: vec![
                    member("Fajar Nugroho", day(1985, 6, 6), 6),
                    member("Gita Permata", day(1986, 7, 7), 7),
                ],
            },
        )
        .await
        .unwrap();
    assert_eq!(outcomes(&more), vec![Registered, DriveFull]);
    assert_eq!(more.remaining, 0);

    // A member id sent again for someone else is refused, not registered.
    let mut reused = member("Hadi Wijaya", day(1970, 8, 8), 8);
    reused.member_id = first.member_id;
    let r = outreach
        .add_members(
            drive.id,
            &AddMembersRequest {
                members: vec![reused],
            },
        )
        .await
        .unwrap();
    assert_eq!(r.results[0].outcome, Invalid);
    assert_eq!(r.results[0].errors[0].code, "member_id_reused");

    // Filed under the office, with their own source; every registration audited.
    let head = app.head("kepala@bekasi.id", BEKASI).await;
    let audit = head.audit(BEKASI, None, Some(100)).await.unwrap();
    let added = audit
        .entries
        .iter()
        .filter(|e| e.action == "drive.member_add")
        .count();
    assert_eq!(added, 4);
    assert!(audit.entries.iter().any(|e| e.action == "drive.create"));
    let sources: Vec<String> = sqlx::query_scalar(
        "SELECT b.source FROM bookings b JOIN drive_members m ON m.booking_id = b.id",
    )
    .fetch_all(&app.db().read)
    .await
    .unwrap();
    assert_eq!(sources, vec!["drive"; 4]);
    let owners: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings b JOIN accounts a ON a.id = b.account_id WHERE a.role = 'office'",
    )
    .fetch_one(&app.db().read)
    .await
    .unwrap();
    assert_eq!(owners, 4);
    app.stop().await;
}

/// A list as Excel in an Indonesian locale saves it: BOM, `;`, CRLF, quoted cells.
fn excel_list(rows: &[(&str, &str, String, &str)]) -> Vec<u8> {
    let mut text = String::from(
        "\u{feff}No;Nama Lengkap (sesuai e-KTP);Tanggal Lahir;NIK;Jenis Permohonan;No HP\r\n",
    );
    for (i, (name, birth, nik, kind)) in rows.iter().enumerate() {
        text.push_str(&format!("{};\"{name}\";{birth};'{nik};{kind};\r\n", i + 1));
    }
    text.into_bytes()
}

#[tokio::test]
async fn a_leader_list_is_imported_whole_or_not_at_all_and_exported_back() {
    let app = spawn_app().await;
    let outreach = app.outreach("jemput@bekasi.id", BEKASI).await;
    let drive = new_drive(&outreach, DriveKind::School, 50).await;
    let b = |y, m, d| day(y, m, d);
    let good = vec![
        (
            "Siti Aminah",
            "17/05/1990",
            nik(b(1990, 5, 17), true, 11),
            "Baru",
        ),
        (
            "Rahmat Hidayat",
            "02-01-1988",
            nik(b(1988, 1, 2), false, 12),
            "penggantian",
        ),
        (
            "Yohanes Kristanto",
            "1999-12-31",
            nik(b(1999, 12, 31), false, 13),
            "baru",
        ),
        (
            "Ni Luh Putu Ayu",
            "5 Mei 2004",
            nik(b(2004, 5, 5), true, 14),
            "Baru",
        ),
    ];
    let mut bad = good.clone();
    bad[1].2 = nik(b(1977, 1, 2), false, 12); // does not agree with the birth date
    bad[3] = bad[0].clone(); // the same person twice

    for (lang, expected) in [("id", "NIK"), ("en", "NIK")] {
        let refused = outreach
            .clone()
            .with_language(lang)
            .import_members(drive.id, excel_list(&bad))
            .await
            .unwrap()
            .expect_err("the list is refused");
        assert_eq!(refused.code, "csv_rows_invalid");
        let rows: Vec<u64> = refused.rows.iter().map(|r| r.row).collect();
        assert_eq!(rows, vec![3, 5], "the header is row 1");
        assert_eq!(refused.rows[0].errors[0].code, "nik_birth_date_mismatch");
        assert_eq!(refused.rows[1].errors[0].code, "duplicate_nik_in_list");
        assert!(refused.rows[0].errors[0].message.contains(expected));
    }
    let id_msg = outreach
        .clone()
        .with_language("id")
        .import_members(drive.id, excel_list(&bad))
        .await
        .unwrap()
        .unwrap_err();
    let en_msg = outreach
        .clone()
        .with_language("en")
        .import_members(drive.id, excel_list(&bad))
        .await
        .unwrap()
        .unwrap_err();
    assert_ne!(id_msg.message, en_msg.message, "in the caller's language");
    assert_eq!(
        outreach.drive(drive.id).await.unwrap().members.len(),
        0,
        "nothing half-imported"
    );

    let file = excel_list(&good);
    let imported = outreach
        .import_members(drive.id, file.clone())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(imported.registered, 4);
    assert_eq!(imported.remaining, 46);
    let kinds: Vec<ApplicationKind> = imported
        .members
        .iter()
        .map(|m| m.application_kind)
        .collect();
    assert!(kinds.contains(&ApplicationKind::Renewal));
    // The same file again: nobody twice.
    let again = outreach
        .import_members(drive.id, file)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.registered, 4);
    assert_eq!(again.remaining, 46);
    assert_eq!(outreach.drive(drive.id).await.unwrap().members.len(), 4);

    // A person booked already is a row to fix, in a new list.
    let other = new_drive(&outreach, DriveKind::School, 50).await;
    let refused = outreach
        .import_members(other.id, excel_list(&good[..1]))
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(refused.rows[0].errors[0].code, "nik_has_active_booking");

    // Whole-file faults.
    let empty = outreach
        .import_members(other.id, b"\xEF\xBB\xBFnama;nik\r\n".to_vec())
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(empty.code, "csv_missing_column");
    let utf16 = outreach
        .import_members(other.id, vec![0xFF, 0xFE, b'n', 0, b'a', 0])
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(utf16.code, "csv_wrong_encoding");
    // More rows than places.
    let small = new_drive(&outreach, DriveKind::School, 2).await;
    let fresh: Vec<_> = (0..3)
        .map(|i| {
            (
                "Warga Baru Sekali",
                "01/01/1970",
                nik(b(1970, 1, 1), false, 100 + i),
                "baru",
            )
        })
        .collect();
    assert_eq!(
        code(
            outreach
                .import_members(small.id, excel_list(&fresh))
                .await
                .unwrap_err()
        ),
        "drive_full"
    );

    // Export: a spreadsheet's CSV, masked NIKs, read back by the same reader.
    let csv = outreach.export_members(drive.id, false).await.unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(text.starts_with("nama;tanggal_lahir;nik;"));
    assert_eq!(text.lines().count(), 5);
    for (_, _, full, _) in &good {
        assert!(
            !text.contains(full.as_str()),
            "no full NIK leaves the server"
        );
    }
    assert!(text.contains("penggantian"));
    let comma = String::from_utf8(outreach.export_members(drive.id, true).await.unwrap()).unwrap();
    assert!(comma.contains("nama,tanggal_lahir,nik,"));
    app.stop().await;
}

#[tokio::test]
async fn a_hajj_drive_lists_each_mismatch_with_the_religious_affairs_list() {
    let app = spawn_app().await;
    let outreach = app.outreach("jemput@bekasi.id", BEKASI).await;
    let hajj = new_drive(&outreach, DriveKind::Hajj, 45).await;
    let community = new_drive(&outreach, DriveKind::Community, 45).await;

    let short = outreach
        .add_members(
            hajj.id,
            &AddMembersRequest {
                members: vec![member("Siti Aminah", day(1960, 2, 2), 21)],
            },
        )
        .await
        .unwrap();
    assert_eq!(short.results[0].outcome, MemberOutcome::Invalid);
    assert_eq!(short.results[0].errors[0].code, "hajj_name_too_short");

    let members = vec![
        member("Muhammad Yusuf bin Abdullah", day(1958, 4, 1), 22),
        member("Siti Aminah binti Ali", day(1960, 2, 2), 23),
        member("Abdul Rahman bin Jafar", day(1962, 9, 9), 24),
        member("Hasan Basri bin Umar", day(1955, 3, 3), 25),
    ];
    let r = outreach
        .add_members(hajj.id, &AddMembersRequest { members })
        .await
        .unwrap();
    assert_eq!(r.registered, 4);
    let list = "nama,tanggal_lahir,nomor_porsi\r\n\
        MUHAMMAD YUSUF BIN ABDULLAH,01/04/1958,0100123456\r\n\
        Siti Aminah binti Aly,02/02/1960,0100123457\r\n\
        Abdul-Rahman bin Ja'far,10/09/1962,0100123458\r\n\
        Zainab binti Harun,05/05/1957,0100123459\r\n";
    let check = outreach
        .hajj_check(hajj.id, list.as_bytes().to_vec())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((check.members, check.pilgrims, check.matched), (4, 4, 1));
    let mut kinds: Vec<HajjMismatchKind> = check.mismatches.iter().map(|m| m.kind).collect();
    kinds.sort_by_key(|k| format!("{k:?}"));
    use HajjMismatchKind::*;
    assert_eq!(
        kinds,
        vec![BirthDateDiffers, NameDiffers, NotInDrive, NotOnPilgrimList]
    );
    let name = check
        .mismatches
        .iter()
        .find(|m| m.kind == NameDiffers)
        .unwrap();
    assert_eq!(name.pilgrim.as_ref().unwrap().name, "Siti Aminah binti Aly");
    assert_eq!(
        name.member.as_ref().unwrap().name.to_uppercase(),
        "SITI AMINAH BINTI ALI"
    );

    assert_eq!(
        code(
            outreach
                .hajj_check(community.id, list.as_bytes().to_vec())
                .await
                .unwrap_err()
        ),
        "not_hajj_drive"
    );
    let bad = outreach
        .hajj_check(
            hajj.id,
            b"nama;tanggal_lahir;nomor_porsi\nAli bin Abu;31/02/1960;\n".to_vec(),
        )
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(bad.code, "csv_rows_invalid");
    assert_eq!(bad.rows[0].row, 2);
    assert_eq!(bad.rows[0].errors.len(), 2);
    app.stop().await;
}

#[tokio::test]
async fn a_drive_member_checks_in_with_the_proof_of_the_slip_once_paid() {
    let app = spawn_app().await;
    let outreach = app.outreach("jemput@bekasi.id", BEKASI).await;
    let mut req = drive_request(DriveKind::Community, 10);
    // Today (Friday 4 December, 15:00 WIB), until 20:00.
    req.date = day(2026, 12, 4);
    req.starts = "14:00".into();
    req.ends = "20:00".into();
    let drive = outreach.create_drive(BEKASI, &req).await.unwrap();
    let person = member("Joko Susilo", day(1979, 10, 10), 31);
    let r = outreach
        .add_members(
            drive.id,
            &AddMembersRequest {
                members: vec![person.clone()],
            },
        )
        .await
        .unwrap();
    let m = r.results[0].member.clone().unwrap();
    let proof = m.proof.clone().unwrap();
    let desk = app.staff("meja@bekasi.id", Some(BEKASI)).await;
    assert_eq!(
        code(
            desk.desk_check_in(BEKASI, &proof, Some(&person.nik))
                .await
                .unwrap_err()
        ),
        "booking_unpaid"
    );
    let row: (String, i64) =
        sqlx::query_as("SELECT billing_code, fee_total FROM bookings WHERE id = $1")
            .bind(m.booking_id.to_string())
            .fetch_one(&app.db().read)
            .await
            .unwrap();
    app.pay_code(&row.0, row.1).await;
    let entry = desk
        .desk_check_in(BEKASI, &proof, Some(&person.nik))
        .await
        .unwrap();
    assert_eq!(entry.queue_number, Some(1));
    assert_eq!(entry.source, antre_api::bookings::BookingSource::Drive);
    let roster = outreach.drive(drive.id).await.unwrap();
    assert_eq!(roster.members[0].status, BookingStatus::CheckedIn);
    app.stop().await;
}

/// A name an e-KTP can carry, different for each number (letters only).
fn villager(mut n: usize) -> String {
    let mut letters = String::new();
    loop {
        letters.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    format!("Warga Desa {letters}")
}

#[tokio::test]
async fn an_officer_registers_at_most_the_daily_limit_over_all_drives_and_another_officer_still_can(
) {
    let app = spawn_app().await;
    let officer = app.outreach("jemput@bekasi.id", BEKASI).await;
    let list = |from: usize, to: usize| {
        let rows: Vec<(String, String, String, String)> = (from..to)
            .map(|i| {
                (
                    villager(i),
                    "01/01/1990".to_string(),
                    nik(day(1990, 1, 1), false, i as u32 + 1),
                    "Baru".to_string(),
                )
            })
            .collect();
        let borrowed: Vec<(&str, &str, String, &str)> = rows
            .iter()
            .map(|(n, b, k, a)| (n.as_str(), b.as_str(), k.clone(), a.as_str()))
            .collect();
        excel_list(&borrowed)
    };
    // 200 on one drive and 100 on another: the limit (300 a day) counts the officer, not the drive.
    let first = new_drive(&officer, DriveKind::Community, 250).await;
    let second = new_drive(&officer, DriveKind::Company, 250).await;
    let done = officer
        .import_members(first.id, list(0, 200))
        .await
        .unwrap();
    assert_eq!(done.expect("imported").registered, 200);
    let done = officer
        .import_members(second.id, list(200, 300))
        .await
        .unwrap();
    assert_eq!(done.expect("imported").registered, 100);

    // One more, as a list or one by one: refused, and nothing registered.
    let e = officer
        .import_members(second.id, list(300, 301))
        .await
        .expect_err("over the officer's daily limit");
    assert_eq!(code(e), "officer_limit_reached");
    let one = AddMembersRequest {
        members: vec![member("Budi Santoso", day(1980, 3, 14), 9001)],
    };
    let answer = officer.add_members(second.id, &one).await.unwrap();
    assert_eq!(answer.results[0].outcome, MemberOutcome::LimitReached);
    assert_eq!(answer.registered, 0);
    assert_eq!(answer.remaining, 150, "the drive still has its places");

    // The limit is the officer's: a colleague of the same office registers the same person.
    let colleague = app.outreach("jemput2@bekasi.id", BEKASI).await;
    let answer = colleague.add_members(second.id, &one).await.unwrap();
    assert_eq!(answer.results[0].outcome, MemberOutcome::Registered);
    assert_eq!(answer.remaining, 149);
}
