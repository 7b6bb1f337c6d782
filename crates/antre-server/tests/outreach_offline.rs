//! An outreach drive where the signal is weak, against a real server: 200 members captured on
//! the officer's device with no connection (10% invalid, 5 NIKs booked elsewhere meanwhile,
//! and a person listed twice refused on the device at once) get exactly the
//! right outcome each once it syncs; syncing again, even from a copy of the device's file made
//! before the first sync (every answer lost), changes nothing on the server; and the app
//! process killed (SIGKILL) in the middle of a sync, twice, loses nothing and registers nobody
//! twice. The device is `antre_app_core::App` over HTTP, its keyring a file-backed store that
//! the killed processes share (the keyring's mock store lives in one process only).

mod support;

use antre_api::accounts::LoginRequest;
use antre_api::drives::{
    AddMembersRequest, DriveLeader, DrivePlace, DriveRequest, MemberInput, MemberOutcome,
};
use antre_api::ApplicationKind;
use antre_app_core::app::AppConfig;
use antre_app_core::http::HttpBackend;
use antre_app_core::session::SessionVault;
use antre_app_core::types::{CaptureRequest, CaptureStatus};
use antre_app_core::App;
use antre_domain::outreach::DriveKind;
use chrono::{Duration, NaiveDate};
use keyring::credential::CredentialApi;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use support::*;
use uuid::Uuid;

const BEKASI: &str = "kanim-bekasi";
const OFFICER: &str = "jemput@bekasi.id";
const CHILD_DIR: &str = "ANTRE_OUTREACH_CHILD_DIR";
const CHILD_URL: &str = "ANTRE_OUTREACH_CHILD_URL";

/// A keyring entry kept in a file (0600 is not needed: a test's temporary folder).
#[derive(Debug)]
struct FileCredential(PathBuf);

impl CredentialApi for FileCredential {
    fn set_secret(&self, secret: &[u8]) -> keyring::Result<()> {
        std::fs::write(&self.0, secret).map_err(|e| keyring::Error::PlatformFailure(e.into()))
    }
    fn get_secret(&self) -> keyring::Result<Vec<u8>> {
        match std::fs::read(&self.0) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(keyring::Error::NoEntry),
            Err(e) => Err(keyring::Error::PlatformFailure(e.into())),
        }
    }
    fn delete_credential(&self) -> keyring::Result<()> {
        std::fs::remove_file(&self.0).map_err(|_| keyring::Error::NoEntry)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn entry(path: PathBuf) -> keyring::Entry {
    keyring::Entry::new_with_credential(Box::new(FileCredential(path)))
}

/// The officer's device: its data folder and keyring under `dir`, talking to `url`.
fn device(dir: &Path, url: &str, batch: usize) -> App<HttpBackend> {
    App::new(
        HttpBackend::new(url),
        SessionVault::with_entry(entry(dir.join("keyring-session"))),
        AppConfig {
            server_url: url.into(),
            data_dir: dir.join("data"),
            system_locale: antre_i18n::Locale::Id,
            platform: "desktop",
            retry_delays_ms: &[],
        },
    )
    .with_capture_key(entry(dir.join("keyring-capture-key")))
    .with_capture_batch(batch)
}

/// No server listens there.
const NOWHERE: &str = "http://127.0.0.1:9";

#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Registered,
    DuplicateNik,
    /// Found invalid on the device, in this field.
    Invalid(&'static str),
}

/// 200 members as the leader dictates them: every tenth has a fault (20), five hold an active
/// booking made elsewhere meanwhile (registered at another drive), the rest (175) are fine. A
/// person listed twice is refused on the device at once (`already_captured`, checked apart).
fn members() -> Vec<(CaptureRequest, Expect)> {
    const FIRST: [&str; 10] = [
        "Siti", "Budi", "Dewi", "Agus", "Rina", "Eko", "Sri", "Joko", "Wati", "Hadi",
    ];
    const LAST: [&str; 10] = [
        "Aminah",
        "Santoso",
        "Lestari",
        "Saputra",
        "Wulandari",
        "Hidayat",
        "Rahayu",
        "Pratama",
        "Kusuma",
        "Nugroho",
    ];
    let base = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    let mut out: Vec<(CaptureRequest, Expect)> = Vec::new();
    for i in 0..200u32 {
        let birth = base + Duration::days(i64::from(i) * 97);
        let mut req = CaptureRequest {
            member_id: Uuid::new_v4(),
            name: format!(
                "{} {}",
                FIRST[(i % 10) as usize],
                LAST[((i / 10) % 10) as usize]
            ),
            birth_date: birth.to_string(),
            nik: nik(birth, i % 2 == 1, i + 1),
            application_kind: if i % 3 == 0 {
                ApplicationKind::Renewal
            } else {
                ApplicationKind::New
            },
            phone: None,
        };
        let expect = if i % 10 == 9 {
            match (i / 10) % 4 {
                0 => {
                    // The NIK says another birth date.
                    req.nik = nik(birth + Duration::days(1), i % 2 == 1, i + 1);
                    Expect::Invalid("nik")
                }
                1 => {
                    req.name = "  ".into();
                    Expect::Invalid("name")
                }
                2 => {
                    req.birth_date = "2099-01-01".into();
                    Expect::Invalid("birth_date")
                }
                _ => {
                    req.phone = Some("12345".into());
                    Expect::Invalid("phone")
                }
            }
        } else if i % 30 == 0 && (30..=150).contains(&i) {
            // Registered at another drive after the device last saw the server (so the device
            // cannot know): the server finds the NIK's active booking.
            Expect::DuplicateNik
        } else {
            Expect::Registered
        };
        out.push((req, expect));
    }
    assert_eq!(
        out.iter().filter(|(_, e)| *e == Expect::Registered).count(),
        175
    );
    assert_eq!(
        out.iter()
            .filter(|(_, e)| *e == Expect::DuplicateNik)
            .count(),
        5
    );
    out
}

struct Setup {
    app: TestApp,
    officer: antre_client::Client,
    drive: Uuid,
    dir: tempfile::TempDir,
    members: Vec<(CaptureRequest, Expect)>,
}

/// A server, an outreach officer, a drive of 250 places, and the officer's device that opened
/// the drive once while online, then captured the 200 members with no connection.
async fn captured_offline() -> Setup {
    let app = spawn_app().await;
    let officer = app.outreach(OFFICER, BEKASI).await;
    let drive = officer
        .create_drive(
            BEKASI,
            &DriveRequest {
                kind: DriveKind::Community,
                name: "Warga Desa Sukamaju".into(),
                place: DrivePlace {
                    name: "Balai Desa Sukamaju".into(),
                    address: String::new(),
                    lat: -6.3,
                    lon: 107.1,
                },
                date: day(2026, 12, 10),
                starts: "08:00".into(),
                ends: "15:00".into(),
                capacity: 250,
                leader: DriveLeader {
                    name: "Ahmad Saputra".into(),
                    phone: "081234567890".into(),
                },
            },
        )
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let online = device(dir.path(), &app.url, 25);
    online
        .login(LoginRequest {
            email: OFFICER.into(),
            password: PASSWORD.into(),
            device: None,
        })
        .await
        .unwrap();
    online.drive(drive.id).await.unwrap();
    drop(online);
    let members = members();
    // Meanwhile five of them are registered at another drive (the device never sees it).
    let elsewhere = officer
        .create_drive(
            BEKASI,
            &DriveRequest {
                kind: DriveKind::Company,
                name: "Karyawan Pabrik Cikarang".into(),
                place: DrivePlace {
                    name: "Aula Pabrik".into(),
                    address: String::new(),
                    lat: -6.27,
                    lon: 107.15,
                },
                date: day(2026, 12, 11),
                starts: "08:00".into(),
                ends: "12:00".into(),
                capacity: 10,
                leader: DriveLeader {
                    name: "Dedi Kurniawan".into(),
                    phone: "081234567891".into(),
                },
            },
        )
        .await
        .unwrap();
    let booked_elsewhere: Vec<MemberInput> = members
        .iter()
        .filter(|(_, e)| *e == Expect::DuplicateNik)
        .map(|(req, _)| MemberInput {
            member_id: Uuid::new_v4(),
            name: req.name.clone(),
            birth_date: req.birth_date.parse().unwrap(),
            nik: req.nik.clone(),
            application_kind: req.application_kind,
            phone: None,
        })
        .collect();
    let there = officer
        .add_members(
            elsewhere.id,
            &AddMembersRequest {
                members: booked_elsewhere,
            },
        )
        .await
        .unwrap();
    assert!(there
        .results
        .iter()
        .all(|r| r.outcome == MemberOutcome::Registered));

    // The village hall has no signal: a new start of the app, the server out of reach.
    let offline = device(dir.path(), NOWHERE, 25);
    for (req, expect) in &members {
        let captured = offline.capture_offline(drive.id, req.clone()).unwrap();
        match expect {
            Expect::Invalid(field) => {
                assert_eq!(captured.outcome, Some(MemberOutcome::Invalid));
                assert!(captured.decided_on_device);
                assert!(
                    captured.errors.iter().any(|e| e.field == *field
                        && !e.message.is_empty()
                        && !e.message.starts_with("error-")),
                    "{field}: {:?}",
                    captured.errors
                );
            }
            _ => assert_eq!(captured.outcome, None, "{}", req.name),
        }
    }
    // A double tap captures once.
    let again = offline
        .capture_offline(drive.id, members[0].0.clone())
        .unwrap();
    assert_eq!(again.member_id, members[0].0.member_id);
    // A person listed twice: refused at once, offline, naming the member already captured.
    let twice = CaptureRequest {
        member_id: Uuid::new_v4(),
        name: "Budiman Santoso".into(),
        ..members[1].0.clone()
    };
    let refused = offline.capture_offline(drive.id, twice).unwrap_err();
    assert_eq!(refused.code, "already_captured");
    assert!(
        refused.message.contains("BUDI AMINAH"),
        "{}",
        refused.message
    );
    // Sending finds no server: nothing changes, nothing is lost.
    offline.sync_captures().await.unwrap();
    let status = offline.capture_status(drive.id).unwrap();
    assert_eq!(
        (status.captured, status.pending, status.sent),
        (200, 180, 0)
    );
    assert_eq!(status.online, Some(false));
    // Sealed at rest: no NIK and no name in the clear in the data folder.
    let sealed = std::fs::read(dir.path().join("data/outreach-captures.sealed")).unwrap();
    for (req, _) in members.iter().take(50) {
        for clear in [req.nik.as_str(), req.name.as_str()] {
            if clear.trim().len() > 3 {
                assert!(
                    !sealed.windows(clear.len()).any(|w| w == clear.as_bytes()),
                    "{clear:?} in the clear"
                );
            }
        }
    }
    Setup {
        app,
        officer,
        drive: drive.id,
        dir,
        members,
    }
}

/// Every member has exactly the outcome expected, and the server holds exactly the registered
/// ones, once each.
async fn check_outcomes(s: &Setup, status: &CaptureStatus) {
    assert_eq!(
        (status.captured, status.pending, status.sent),
        (200, 0, 180),
        "{:?}",
        status.refused
    );
    let by_id: BTreeMap<Uuid, _> = status.members.iter().map(|m| (m.member_id, m)).collect();
    assert_eq!(by_id.len(), 200);
    for (req, expect) in &s.members {
        let m = by_id[&req.member_id];
        match expect {
            Expect::Registered => {
                assert_eq!(m.outcome, Some(MemberOutcome::Registered), "{}", req.name);
                let member = m.member.as_ref().expect("the registration");
                assert_eq!(member.member_id, req.member_id.to_string());
                assert!(member.proof.is_some(), "a QR proof for the slip");
                assert_eq!(m.nik_masked, member.nik_masked);
                assert!(!m.nik_masked.contains(&req.nik[4..14]));
            }
            Expect::DuplicateNik => {
                assert_eq!(m.outcome, Some(MemberOutcome::DuplicateNik), "{}", req.name);
                assert!(m.member.is_none());
            }
            Expect::Invalid(field) => {
                assert_eq!(m.outcome, Some(MemberOutcome::Invalid));
                assert!(m.decided_on_device);
                assert!(m.errors.iter().any(|e| e.field == *field));
            }
        }
    }
    let roster = s.officer.drive(s.drive).await.unwrap();
    let on_server: Vec<String> = roster.members.iter().map(|m| m.member_id.clone()).collect();
    let unique: BTreeSet<&String> = on_server.iter().collect();
    assert_eq!(unique.len(), on_server.len(), "a member registered twice");
    let expected: BTreeSet<String> = s
        .members
        .iter()
        .filter(|(_, e)| *e == Expect::Registered)
        .map(|(r, _)| r.member_id.to_string())
        .collect();
    assert_eq!(
        unique.into_iter().cloned().collect::<BTreeSet<_>>(),
        expected
    );
    assert_eq!(roster.drive.registered, 175);
}

/// The server's rows for the drive: (member id, booking id), in order.
async fn server_rows(s: &Setup) -> Vec<(String, Uuid)> {
    let roster = s.officer.drive(s.drive).await.unwrap();
    roster
        .members
        .iter()
        .map(|m| (m.member_id.clone(), m.booking_id))
        .collect()
}

#[tokio::test]
async fn two_hundred_members_captured_offline_get_exactly_their_outcomes_and_a_second_sync_changes_nothing(
) {
    let s = captured_offline().await;
    // Before the first sync: a copy of the device's file, as if every answer had been lost.
    let before = s.dir.path().join("before");
    std::fs::create_dir_all(before.join("data")).unwrap();
    std::fs::copy(
        s.dir.path().join("data/outreach-captures.sealed"),
        before.join("data/outreach-captures.sealed"),
    )
    .unwrap();
    for key in ["keyring-session", "keyring-capture-key"] {
        std::fs::copy(s.dir.path().join(key), before.join(key)).unwrap();
    }

    // The connection is back.
    let device1 = device(s.dir.path(), &s.app.url, 25);
    device1.sync_captures().await.unwrap();
    let status = device1.capture_status(s.drive).unwrap();
    assert_eq!(status.online, Some(true));
    check_outcomes(&s, &status).await;
    let rows = server_rows(&s).await;
    assert_eq!(rows.len(), 175);

    // A second sync: nothing waits, nothing is sent, the same rows.
    assert!(!device1.captures_waiting());
    device1.sync_captures().await.unwrap();
    assert_eq!(server_rows(&s).await, rows);
    check_outcomes(&s, &device1.capture_status(s.drive).unwrap()).await;

    // Every answer lost: the device still has all 180 waiting and sends them all again. The
    // server answers with the same registrations and adds nothing.
    let replay = device(&before, &s.app.url, 40);
    assert_eq!(replay.capture_status(s.drive).unwrap().pending, 180);
    replay.sync_captures().await.unwrap();
    let replayed = replay.capture_status(s.drive).unwrap();
    check_outcomes(&s, &replayed).await;
    assert_eq!(server_rows(&s).await, rows);
    for m in &replayed.members {
        let first = status
            .members
            .iter()
            .find(|x| x.member_id == m.member_id)
            .unwrap();
        assert_eq!(m.outcome, first.outcome);
        assert_eq!(
            m.member.as_ref().map(|x| x.booking_id),
            first.member.as_ref().map(|x| x.booking_id),
            "the same booking, not a second one"
        );
    }
}

/// The app's process for the kill test: syncs the device in `ANTRE_OUTREACH_CHILD_DIR`, five
/// members a request. Run only by that test, as a child process.
#[tokio::test]
#[ignore = "the app's process of killing_the_app_in_the_middle_of_a_sync_loses_nothing"]
async fn outreach_sync_child() {
    let dir = PathBuf::from(std::env::var(CHILD_DIR).expect("run by the kill test"));
    let url = std::env::var(CHILD_URL).expect("run by the kill test");
    let app = device(&dir, &url, 5);
    app.sync_captures().await.unwrap();
    println!("synced");
}

fn child(s: &Setup) -> tokio::process::Child {
    tokio::process::Command::new(std::env::current_exe().unwrap())
        .args(["outreach_sync_child", "--exact", "--ignored", "--nocapture"])
        .env(CHILD_DIR, s.dir.path())
        .env(CHILD_URL, &s.app.url)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the app's process starts")
}

async fn registered_on_server(s: &Setup) -> u32 {
    s.officer.drive(s.drive).await.unwrap().drive.registered
}

#[tokio::test]
async fn killing_the_app_in_the_middle_of_a_sync_loses_nothing() {
    let s = captured_offline().await;
    let mut seen = Vec::new();
    // Two syncs killed part-way (SIGKILL once some batches are registered), then one that ends.
    for _ in 0..2 {
        let start = registered_on_server(&s).await;
        let mut app = child(&s);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        loop {
            let now = registered_on_server(&s).await;
            if now >= start + 10 {
                break;
            }
            if let Ok(Some(status)) = app.try_wait() {
                let out = app.wait_with_output().await.unwrap();
                panic!(
                    "the app's process ended before it was killed ({status}): {}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            assert!(std::time::Instant::now() < deadline, "no progress");
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        app.start_kill().unwrap();
        let status = app.wait().await.unwrap();
        assert!(!status.success(), "killed, not finished");
        let killed_at = registered_on_server(&s).await;
        assert!(
            killed_at < 175,
            "the sync was cut in the middle ({killed_at})"
        );
        seen.push(killed_at);
    }
    assert!(seen[1] > seen[0], "each run went further: {seen:?}");
    // What the killed processes left is readable, and some members still wait.
    let device1 = device(s.dir.path(), &s.app.url, 25);
    let left = device1.capture_status(s.drive).unwrap();
    assert_eq!(left.captured, 200);
    assert!(left.pending > 0 && left.pending < 180, "{}", left.pending);

    let out = child(&s).wait_with_output().await.unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    check_outcomes(&s, &device1.capture_status(s.drive).unwrap()).await;
    assert_eq!(server_rows(&s).await.len(), 175);
}
