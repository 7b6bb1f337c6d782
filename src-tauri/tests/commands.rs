//! The commands through Tauri's IPC on the mock runtime (no window, no server): argument names,
//! serialization, errors, the keyring (mock store) and the offline copy.

use antre_app_core::app::AppConfig;
use antre_app_core::http::HttpBackend;
use antre_app_core::session::{SessionVault, StoredSession};
use antre_app_core::App;
use antre_app_lib::{with_commands, Core};
use serde_json::{json, Value};
use std::sync::Arc;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

/// Nothing listens on the discard port: every request fails fast as "no connection".
const DEAD_SERVER: &str = "http://127.0.0.1:9";

struct Harness {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
}

fn harness(prepare: impl FnOnce(&SessionVault, &std::path::Path)) -> Harness {
    keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
    let dir = tempfile::tempdir().unwrap();
    let vault = SessionVault::open();
    prepare(&vault, dir.path());
    let core: Core = Arc::new(App::new(
        HttpBackend::new(DEAD_SERVER),
        vault,
        AppConfig {
            server_url: DEAD_SERVER.into(),
            data_dir: dir.path().to_owned(),
            system_locale: antre_i18n::Locale::Id,
            platform: "desktop",
            retry_delays_ms: &[],
        },
    ));
    let app = with_commands(mock_builder())
        .manage(core)
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _app: app,
        window,
        dir,
    }
}

fn call(h: &Harness, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        &h.window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

#[test]
fn app_info_reports_language_and_keyring() {
    let h = harness(|_, _| {});
    let info = call(&h, "app_info", json!({})).unwrap();
    assert_eq!(info["locale"], "id");
    assert_eq!(
        info["keyring_available"], true,
        "mock keyring store is usable"
    );
    assert_eq!(info["server_url"], DEAD_SERVER);
    assert_eq!(info["settings"]["locale"], Value::Null);
}

#[test]
fn language_switch_persists() {
    let h = harness(|_, _| {});
    let info = call(&h, "set_locale", json!({ "locale": "en" })).unwrap();
    assert_eq!(info["locale"], "en");
    let saved = std::fs::read_to_string(h.dir.path().join("settings.json")).unwrap();
    assert!(saved.contains("\"en\""), "{saved}");
    let info = call(&h, "set_text_size", json!({ "size": "largest" })).unwrap();
    assert_eq!(info["settings"]["text_size"], "largest");
}

#[test]
fn nik_is_checked_with_the_domain_codes() {
    let h = harness(|_, _| {});
    let r = call(
        &h,
        "check_nik",
        json!({ "nik": "3275011503610001", "birthDate": "1961-03-15" }),
    )
    .unwrap();
    assert_eq!(r["state"], "valid");
    assert_eq!(r["priority_by_age"], true);
    let r = call(
        &h,
        "check_nik",
        json!({ "nik": "3275011503650001", "birthDate": "1965-03-16" }),
    )
    .unwrap();
    assert_eq!(r["code"], "nik_birth_date_mismatch");
    let r = call(
        &h,
        "check_nik",
        json!({ "nik": "327501", "birthDate": null }),
    )
    .unwrap();
    assert_eq!(r["state"], "incomplete");
}

#[test]
fn fee_preview_uses_the_official_table() {
    let h = harness(|_, _| {});
    let r = call(
        &h,
        "fee_preview",
        json!({ "request": { "passport_kind": "electronic", "validity": "ten_years", "application_kind": "lost", "lane": "same_day", "age": 30, "married": false, "electronic_offered": true } }),
    )
    .unwrap();
    assert_eq!(r["total"], 2_950_000);
    assert_eq!(r["documents"][0], "doc-police-report");
    assert_eq!(r["validities"], json!(["five_years", "ten_years"]));
    assert_eq!(r["parents_attend"], false);
    // A child at an office without e-passports: neither 10 years nor electronic is offered.
    let child = call(
        &h,
        "fee_preview",
        json!({ "request": { "passport_kind": "ordinary", "validity": "five_years", "application_kind": "new", "lane": "regular", "age": 12, "married": false, "electronic_offered": false } }),
    )
    .unwrap();
    assert_eq!(child["validities"], json!(["five_years"]));
    assert_eq!(child["passport_kinds"], json!(["ordinary"]));
    assert_eq!(child["parents_attend"], true);
}

#[test]
fn server_errors_and_no_connection_come_back_as_app_errors() {
    let h = harness(|_, _| {});
    let e = call(&h, "list_bookings", json!({})).unwrap_err();
    assert_eq!(e["code"], "not_signed_in");
    let e = call(
        &h,
        "login",
        json!({ "request": { "email": "a@b.id", "password": "x" } }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "network");
    assert_eq!(call(&h, "ping", json!({})).unwrap(), false);
    assert_eq!(call(&h, "restore_session", json!({})).unwrap(), Value::Null);
}

#[test]
fn offline_the_saved_bookings_and_session_still_open() {
    let booking: Value = serde_json::from_str(include_str!("booking.json")).unwrap();
    let cached = json!({ "bookings": [booking.clone()], "fetched_at": "2026-11-20T03:00:00Z" });
    let h = harness(|vault, dir| {
        let session: StoredSession = serde_json::from_value(json!({
            "token": "tok",
            "expires_at": "2099-01-01T00:00:00Z",
            "account": { "id": "00000000-0000-0000-0000-000000000001", "email": "ani@example.id", "phone": "+6281234567890", "role": "applicant" }
        }))
        .unwrap();
        assert!(vault.save(&session), "saved in the (mock) keyring");
        std::fs::write(dir.join("bookings.json"), cached.to_string()).unwrap();
    });
    let s = call(&h, "restore_session", json!({})).unwrap();
    assert_eq!(s["persisted"], true);
    let snap = call(&h, "list_bookings", json!({})).unwrap();
    assert_eq!(snap["offline"], true);
    assert_eq!(snap["bookings"][0]["billing_code"], booking["billing_code"]);
    let one = call(&h, "get_booking", json!({ "id": booking["id"] })).unwrap();
    assert_eq!(one["proof"], booking["proof"]);
    let qr = call(&h, "proof_qr", json!({ "proof": booking["proof"] })).unwrap();
    assert!(qr["svg"].as_str().unwrap().contains("<svg"));
    let slip = call(&h, "save_slip", json!({ "id": booking["id"] }));
    let path = slip.unwrap()["path"].as_str().unwrap().to_owned();
    assert!(path.ends_with(".pdf"), "{path}");
    let pdf = std::fs::read(&path).unwrap();
    assert!(
        pdf.starts_with(b"%PDF-") && pdf.len() > 5_000,
        "a PDF with its font"
    );
    std::fs::remove_file(path).ok();
}

#[test]
fn fair_release_commands_take_their_arguments_and_the_saved_copy_opens_offline() {
    let entry = json!({
        "id": "00000000-0000-0000-0000-0000000000e1",
        "draw_id": "00000000-0000-0000-0000-0000000000d1",
        "release_at": "2026-12-11T07:00:00Z",
        "applicant": { "id": "00000000-0000-0000-0000-000000000002", "name": "BUDI SANTOSO", "nik_masked": "3275••••••••••02" },
        "lane": "regular", "passport_kind": "ordinary", "validity": "five_years", "application_kind": "new",
        "choices": [{ "kind": "office_day", "office_id": "kanim-bekasi", "date": "2026-12-14" }],
        "digest": "ab", "salt": "00", "outcome": "placed", "position": 1,
        "booking_id": "00000000-0000-0000-0000-0000000000b1",
        "created_at": "2026-12-10T08:00:00Z", "updated_at": "2026-12-10T08:00:00Z"
    });
    let cached =
        json!({ "entries": [entry], "waitlist": [], "fetched_at": "2026-12-11T07:00:10Z" });
    let h = harness(|vault, dir| {
        let session: StoredSession = serde_json::from_value(json!({
            "token": "tok",
            "expires_at": "2099-01-01T00:00:00Z",
            "account": { "id": "00000000-0000-0000-0000-000000000001", "email": "ani@example.id", "phone": "+6281234567890", "role": "applicant" }
        }))
        .unwrap();
        assert!(vault.save(&session));
        std::fs::write(dir.join("fair-release.json"), cached.to_string()).unwrap();
    });
    let snap = call(&h, "fair_release", json!({})).unwrap();
    assert_eq!(snap["offline"], true);
    assert_eq!(snap["entries"][0]["outcome"], "placed");
    assert_eq!(snap["entries"][0]["choices"][0]["kind"], "office_day");

    // Every command reaches the core with the UI's argument names (the dead server then answers
    // "no connection"; a wrong name would be Tauri's own error, without a code).
    let id = "00000000-0000-0000-0000-0000000000d1";
    let applicant = "00000000-0000-0000-0000-000000000002";
    let entry_request = json!({ "lane": "regular", "passport_kind": "ordinary", "validity": "five_years", "application_kind": "new",
        "choices": [{ "kind": "earliest_at", "office_ids": ["kanim-bekasi", "kanim-depok"] }] });
    let wait = json!({ "applicant_id": applicant, "lane": "priority", "passport_kind": "ordinary", "validity": "five_years",
        "application_kind": "new", "office_ids": ["kanim-bekasi"], "from": "2026-12-15", "to": "2026-12-15" });
    for (cmd, args) in [
        (
            "list_draws",
            json!({ "from": "2026-12-01", "to": "2026-12-31" }),
        ),
        ("get_draw", json!({ "id": id })),
        (
            "draw_office",
            json!({ "drawId": id, "officeId": "kanim-bekasi" }),
        ),
        ("check_draw", json!({ "id": id })),
        ("save_draw_result", json!({ "id": id })),
        (
            "enter_draw",
            json!({ "drawId": id, "applicantId": applicant, "request": entry_request }),
        ),
        (
            "withdraw_entry",
            json!({ "drawId": id, "applicantId": applicant }),
        ),
        ("join_waitlist", json!({ "request": wait })),
        ("leave_waitlist", json!({ "id": id })),
        ("accept_offer", json!({ "id": id })),
        ("decline_offer", json!({ "id": id })),
        ("confirm_attendance", json!({ "id": id })),
    ] {
        let e = call(&h, cmd, args).unwrap_err();
        // Writes that are not queued offline say so ("not sent, not kept").
        let reads = [
            "list_draws",
            "get_draw",
            "draw_office",
            "check_draw",
            "save_draw_result",
        ];
        let expected = if reads.contains(&cmd) {
            "network"
        } else {
            "offline_write"
        };
        assert_eq!(e["code"], expected, "{cmd}: {e}");
    }
}

#[test]
fn account_commands_take_their_arguments_and_an_ended_session_keeps_the_saved_copy() {
    let booking: Value = serde_json::from_str(include_str!("booking.json")).unwrap();
    let h = harness(|vault, dir| {
        let session: StoredSession = serde_json::from_value(json!({
            "token": "tok",
            "expires_at": "2099-01-01T00:00:00Z",
            "absolute_expires_at": "2099-03-01T00:00:00Z",
            "account": { "id": "00000000-0000-0000-0000-000000000001", "email": "ani@example.id", "phone": "+6281234567890", "role": "applicant" }
        }))
        .unwrap();
        assert!(vault.save(&session));
        let cached = json!({ "bookings": [booking.clone()], "fetched_at": "2026-11-20T03:00:00Z" });
        std::fs::write(dir.join("bookings.json"), cached.to_string()).unwrap();
    });
    // The password checklist comes from the domain's rule, as typed.
    let check = call(&h, "check_password", json!({ "password": "Passpor2026!" })).unwrap();
    assert_eq!(check["acceptable"], true);
    let check = call(&h, "check_password", json!({ "password": "pendek" })).unwrap();
    assert_eq!(
        (check["long_enough"].clone(), check["min_chars"].clone()),
        (json!(false), json!(10))
    );
    // Every account command reaches the core with the UI's argument names.
    let email = "ani@example.id";
    for (cmd, args) in [
        (
            "resend_code",
            json!({ "request": { "email": email, "channel": "email" } }),
        ),
        (
            "forgot_password",
            json!({ "request": { "email": email, "channel": "phone" } }),
        ),
        (
            "reset_password",
            json!({ "request": { "email": email, "code": "123456", "new_password": "Passpor-Baru-2026" } }),
        ),
        ("account", json!({})),
        ("send_phone_code", json!({})),
        ("verify_phone", json!({ "code": "123456" })),
        ("list_sessions", json!({})),
        ("end_session", json!({ "id": "s1" })),
        ("sign_out_everywhere", json!({})),
        ("delete_account", json!({})),
    ] {
        let e = call(&h, cmd, args).unwrap_err();
        assert_eq!(e["code"], "network", "{cmd}: {e}");
    }
    // Offline, nothing was signed out or deleted: still signed in, no ended session.
    assert_ne!(call(&h, "restore_session", json!({})).unwrap(), Value::Null);
    assert_eq!(call(&h, "ended_session", json!({})).unwrap(), Value::Null);
    let saved = call(&h, "saved_bookings", json!({})).unwrap();
    assert_eq!(saved["bookings"][0]["id"], booking["id"]);
}
