//! Accounts nobody gets locked out of, answers that tell nobody whether an account exists,
//! personal data nobody can read from the database alone, and the trail of staff actions.
mod support;

use antre_api::accounts::{
    CodeChannel, LoginRequest, PasswordResetConfirm, PasswordResetRequest, RegisterRequest,
    ResendRequest, VerifyRequest,
};
use antre_api::bookings::CreateBookingRequest;
use antre_api::{ApplicationKind, Lane, PassportKind, Validity};
use antre_client::Client;
use chrono::Duration;
use sqlx::Row;
use support::*;

fn register(email: &str) -> RegisterRequest {
    RegisterRequest {
        email: email.into(),
        phone: "0812 3456 7890".into(),
        password: PASSWORD.into(),
    }
}

fn verify(email: &str, code: &str, channel: Option<CodeChannel>) -> VerifyRequest {
    VerifyRequest {
        email: email.into(),
        code: code.into(),
        channel,
    }
}

fn login(email: &str, password: &str) -> LoginRequest {
    LoginRequest {
        email: email.into(),
        password: password.into(),
        device: Some("HP Ibu".into()),
    }
}

/// Every message in the outbox to a recipient, oldest first: (channel, purpose, body).
async fn messages_to(app: &TestApp, recipient: &str) -> Vec<(String, String, String)> {
    sqlx::query("SELECT channel, purpose, body FROM outbox WHERE recipient = $1 ORDER BY id")
        .bind(recipient)
        .fetch_all(&app.db().read)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get("channel"), r.get("purpose"), r.get("body")))
        .collect()
}

fn code_in(body: &str) -> String {
    body.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .expect("a 6-digit code")
        .to_string()
}

async fn latest_code(app: &TestApp, recipient: &str) -> String {
    let all = messages_to(app, recipient).await;
    code_in(&all.last().expect("a message").2)
}

#[tokio::test]
async fn each_channel_gets_its_own_code_and_a_new_one_on_request() {
    let app = spawn_app().await;
    let client = app.client();
    let sent = client.register(&register("ani@example.id")).await.unwrap();
    assert_eq!(sent.resend_after_seconds, 60);
    let emails = messages_to(&app, "ani@example.id").await;
    let sms = messages_to(&app, "+6281234567890").await;
    assert_eq!(
        (emails.len(), emails[0].0.as_str(), emails[0].1.as_str()),
        (1, "email", "verify_email")
    );
    assert_eq!(
        (sms.len(), sms[0].0.as_str(), sms[0].1.as_str()),
        (1, "sms", "verify_phone"),
        "the phone's code goes to the phone, by SMS"
    );
    let (email_code, phone_code) = (code_in(&emails[0].2), code_in(&sms[0].2));

    // Too soon for another: nothing is sent, and the answer says how long to wait.
    let again = client
        .resend_code(&ResendRequest {
            email: "ani@example.id".into(),
            channel: CodeChannel::Email,
        })
        .await
        .unwrap();
    assert!(again.resend_after_seconds > 0 && again.resend_after_seconds <= 60);
    assert_eq!(messages_to(&app, "ani@example.id").await.len(), 1);
    app.clock.advance(Duration::seconds(61));
    client
        .resend_code(&ResendRequest {
            email: "ani@example.id".into(),
            channel: CodeChannel::Email,
        })
        .await
        .unwrap();
    let fresh = latest_code(&app, "ani@example.id").await;
    assert_eq!(messages_to(&app, "ani@example.id").await.len(), 2);
    if fresh != email_code {
        assert_eq!(
            client
                .verify(&verify("ani@example.id", &email_code, None))
                .await
                .unwrap_err()
                .code(),
            Some("invalid_verification_code"),
            "the replaced code stopped working"
        );
    }
    client
        .verify(&verify("ani@example.id", &fresh, None))
        .await
        .unwrap();
    let session = client
        .login(&login("ani@example.id", PASSWORD))
        .await
        .unwrap();
    assert!(session.account.email_verified);
    assert!(!session.account.phone_verified);
    client
        .verify(&verify(
            "ani@example.id",
            &phone_code,
            Some(CodeChannel::Phone),
        ))
        .await
        .unwrap();
    let me = client.clone().with_token(session.token).me().await.unwrap();
    assert!(me.phone_verified);
    app.stop().await;
}

/// One machine guessing codes for many emails is stopped by its address, in the database (all
/// instances count together); people at other addresses are not.
#[tokio::test]
async fn guesses_from_one_address_at_many_emails_are_throttled() {
    let app = spawn_app_with(|c| {
        c.trusted_proxies = antre_server::ratelimit::parse_trusted_proxies("127.0.0.1").unwrap()
    })
    .await;
    app.signed_in("korban@example.id").await;
    let http = reqwest::Client::new();
    let attempt = |from: &'static str, path: &'static str, body: serde_json::Value| {
        http.post(format!("{}{path}", app.url))
            .header("x-forwarded-for", from)
            .json(&body)
            .send()
    };
    for i in 0..100 {
        let guess = serde_json::json!({"email": format!("tebak{i}@example.id"), "code": "123456"});
        let answer = attempt("203.0.113.9", "/v1/accounts/verify", guess)
            .await
            .unwrap();
        assert_eq!(answer.status(), 422, "guess {i} is only wrong");
    }
    let sign_in = serde_json::json!({"email": "korban@example.id", "password": PASSWORD});
    let refused = attempt("203.0.113.9", "/v1/sessions", sign_in.clone())
        .await
        .unwrap();
    assert_eq!(refused.status(), 429);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "too_many_attempts");
    let elsewhere = attempt("198.51.100.7", "/v1/sessions", sign_in.clone())
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 201, "another address is not affected");
    app.clock.advance(Duration::minutes(16));
    let later = attempt("203.0.113.9", "/v1/sessions", sign_in)
        .await
        .unwrap();
    assert_eq!(
        later.status(),
        201,
        "the window ends; nobody is locked out for good"
    );
    app.stop().await;
}

#[tokio::test]
async fn wrong_tries_and_late_codes_never_lock_an_email_for_good() {
    let app = spawn_app().await;
    let client = app.client();
    client.register(&register("budi@example.id")).await.unwrap();
    let code = latest_code(&app, "budi@example.id").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        assert_eq!(
            client
                .verify(&verify("budi@example.id", wrong, None))
                .await
                .unwrap_err()
                .code(),
            Some("invalid_verification_code")
        );
    }
    assert!(
        client
            .verify(&verify("budi@example.id", &code, None))
            .await
            .is_err(),
        "five wrong tries use the code up"
    );
    // A new code works; so does one after a late one (expired after 15 minutes).
    app.clock.advance(Duration::seconds(61));
    let resend = ResendRequest {
        email: "budi@example.id".into(),
        channel: CodeChannel::Email,
    };
    client.resend_code(&resend).await.unwrap();
    let late = latest_code(&app, "budi@example.id").await;
    app.clock.advance(Duration::minutes(16));
    assert!(client
        .verify(&verify("budi@example.id", &late, None))
        .await
        .is_err());
    client.resend_code(&resend).await.unwrap();
    let fresh = latest_code(&app, "budi@example.id").await;
    client
        .verify(&verify("budi@example.id", &fresh, None))
        .await
        .unwrap();
    client
        .login(&login("budi@example.id", PASSWORD))
        .await
        .unwrap();
    app.stop().await;
}

#[tokio::test]
async fn a_new_sign_up_replaces_a_stale_unverified_one() {
    let app = spawn_app().await;
    let client = app.client();
    client.register(&register("cici@example.id")).await.unwrap();
    // Someone else (or the same person, having lost the code) signs up with the address.
    let second = RegisterRequest {
        email: "cici@example.id".into(),
        phone: "0813 1111 2222".into(),
        password: "Kata-Sandi-Baru-9".into(),
    };
    client.register(&second).await.unwrap();
    let code = latest_code(&app, "cici@example.id").await;
    client
        .verify(&verify("cici@example.id", &code, None))
        .await
        .unwrap();
    assert_eq!(
        client
            .login(&login("cici@example.id", PASSWORD))
            .await
            .unwrap_err()
            .code(),
        Some("invalid_credentials"),
        "the stale sign-up's password is gone"
    );
    let session = client
        .login(&login("cici@example.id", "Kata-Sandi-Baru-9"))
        .await
        .unwrap();
    assert_eq!(session.account.phone, "+6281311112222");
    app.stop().await;
}

#[tokio::test]
async fn answers_do_not_tell_whether_an_account_exists() {
    let app = spawn_app().await;
    let client = app.signed_in("ada@example.id").await;
    let anon = app.client();
    for email in ["ada@example.id", "tidak-ada@example.id"] {
        assert_eq!(
            anon.verify(&verify(email, "999999", None))
                .await
                .unwrap_err()
                .code(),
            Some("invalid_verification_code"),
            "{email}"
        );
        let reset = anon
            .request_password_reset(&PasswordResetRequest {
                email: email.into(),
                channel: CodeChannel::Email,
            })
            .await
            .unwrap();
        assert_eq!(
            (reset.resend_after_seconds, reset.valid_minutes),
            (60, 15),
            "{email}"
        );
        assert_eq!(
            anon.login(&login(email, "Salah-Sandi-123"))
                .await
                .unwrap_err()
                .code(),
            Some("invalid_credentials"),
            "{email}"
        );
    }
    // Ten wrong passwords in a row: the email is throttled for a while, known or not, and the
    // right password waits too (nobody can keep guessing).
    for email in ["ada@example.id", "tidak-ada@example.id"] {
        for _ in 0..9 {
            let _ = anon.login(&login(email, "Salah-Sandi-123")).await;
        }
        let throttled = anon.login(&login(email, PASSWORD)).await.unwrap_err();
        assert_eq!(throttled.code(), Some("too_many_attempts"), "{email}");
    }
    app.clock.advance(Duration::minutes(16));
    anon.login(&login("ada@example.id", PASSWORD))
        .await
        .expect("the throttle ends");
    let _ = client;
    app.stop().await;
}

#[tokio::test]
async fn a_password_reset_goes_to_a_verified_channel_and_ends_every_session() {
    let app = spawn_app().await;
    let first = app.signed_in("dedi@example.id").await;
    let second = app.client().with_token(
        app.client()
            .login(&login("dedi@example.id", PASSWORD))
            .await
            .unwrap()
            .token,
    );
    assert_eq!(first.sessions().await.unwrap().len(), 2);
    // The phone is not verified: a reset by SMS sends nothing (the answer is the same).
    let anon = app.client();
    anon.request_password_reset(&PasswordResetRequest {
        email: "dedi@example.id".into(),
        channel: CodeChannel::Phone,
    })
    .await
    .unwrap();
    assert!(messages_to(&app, "+6281234567890")
        .await
        .iter()
        .all(|m| m.1 != "reset_password"));
    anon.request_password_reset(&PasswordResetRequest {
        email: "dedi@example.id".into(),
        channel: CodeChannel::Email,
    })
    .await
    .unwrap();
    let (_, purpose, body) = messages_to(&app, "dedi@example.id").await.pop().unwrap();
    assert_eq!(purpose, "reset_password");
    let confirm = |code: String, password: &str| PasswordResetConfirm {
        email: "dedi@example.id".into(),
        code,
        new_password: password.into(),
    };
    assert_eq!(
        anon.confirm_password_reset(&confirm(code_in(&body), "lemah"))
            .await
            .unwrap_err()
            .code(),
        Some("weak_password")
    );
    anon.confirm_password_reset(&confirm(code_in(&body), "Sandi-Baru-2026"))
        .await
        .unwrap();
    for old in [&first, &second] {
        assert_eq!(old.me().await.unwrap_err().code(), Some("unauthorized"));
    }
    anon.login(&login("dedi@example.id", "Sandi-Baru-2026"))
        .await
        .unwrap();
    assert!(
        anon.confirm_password_reset(&confirm(code_in(&body), "Sandi-Lagi-2026"))
            .await
            .is_err(),
        "a code works once"
    );
    app.stop().await;
}

#[tokio::test]
async fn sessions_slide_with_use_up_to_ninety_days_and_devices_sign_out() {
    let app = spawn_app().await;
    let client = app.signed_in("eka@example.id").await;
    let phone = app.client().with_token(
        app.client()
            .login(&login("eka@example.id", PASSWORD))
            .await
            .unwrap()
            .token,
    );
    let list = phone.sessions().await.unwrap();
    let mine = list.iter().find(|s| s.current).expect("this device");
    assert_eq!(mine.device.as_deref(), Some("HP Ibu"));
    assert_eq!(
        mine.absolute_expires_at - mine.created_at,
        Duration::days(90)
    );
    // Used every 25 days, the session stays (a booking three weeks ahead is no problem)...
    for _ in 0..3 {
        app.clock.advance(Duration::days(25));
        phone.me().await.expect("still signed in");
    }
    // ...the unused one ended after 30 days...
    assert_eq!(client.me().await.unwrap_err().code(), Some("unauthorized"));
    // ...and none outlives 90 days.
    app.clock.advance(Duration::days(16));
    assert_eq!(phone.me().await.unwrap_err().code(), Some("unauthorized"));

    // Sign out one device, then everywhere.
    let a = app.client().with_token(
        app.client()
            .login(&login("eka@example.id", PASSWORD))
            .await
            .unwrap()
            .token,
    );
    let b = app.client().with_token(
        app.client()
            .login(&login("eka@example.id", PASSWORD))
            .await
            .unwrap()
            .token,
    );
    let others: Vec<_> = a
        .sessions()
        .await
        .unwrap()
        .into_iter()
        .filter(|s| !s.current)
        .collect();
    assert_eq!(others.len(), 1);
    a.end_session(&others[0].id).await.unwrap();
    assert_eq!(b.me().await.unwrap_err().code(), Some("unauthorized"));
    a.sign_out_everywhere().await.unwrap();
    assert_eq!(a.me().await.unwrap_err().code(), Some("unauthorized"));
    app.stop().await;
}

async fn book_first_regular(app: &TestApp, client: &Client, applicant: uuid::Uuid) -> uuid::Uuid {
    let slot = client
        .day_slots("kanim-bekasi", day(2026, 12, 8), Some(Lane::Regular))
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
            &uuid::Uuid::new_v4().to_string(),
        )
        .await
        .unwrap();
    let _ = app;
    b.id
}

#[tokio::test]
async fn deleting_an_account_removes_its_personal_data_and_keeps_counts() {
    let app = spawn_app().await;
    let (client, people) = app.family("hapus@example.id", 1, 1).await;
    let booking = book_first_regular(&app, &client, people[0].id).await;
    assert_eq!(
        client.delete_account().await.unwrap_err().code(),
        Some("account_has_active_booking")
    );
    client.cancel(booking).await.unwrap();
    client.delete_account().await.unwrap();
    assert_eq!(client.me().await.unwrap_err().code(), Some("unauthorized"));
    assert_eq!(
        app.client()
            .login(&login("hapus@example.id", PASSWORD))
            .await
            .unwrap_err()
            .code(),
        Some("invalid_credentials")
    );
    let db = &app.db().read;
    let account = sqlx::query(
        "SELECT email, phone, password_hash, deleted_at FROM accounts WHERE email LIKE 'deleted:%'",
    )
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(account.get::<String, _>("phone"), "");
    assert_eq!(account.get::<String, _>("password_hash"), "");
    let applicant =
        sqlx::query("SELECT name, nik, nik_sealed, nik_masked FROM applicants WHERE id = $1")
            .bind(people[0].id.to_string())
            .fetch_one(db)
            .await
            .unwrap();
    assert_eq!(applicant.get::<String, _>("name"), "");
    assert!(applicant.get::<Option<String>, _>("nik_sealed").is_none());
    assert!(applicant.get::<String, _>("nik").starts_with("deleted:"));
    let outbox: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE recipient = 'hapus@example.id'")
            .fetch_one(db)
            .await
            .unwrap()
            .get("n");
    assert_eq!(outbox, 0);
    // The anonymous count stays: one cancelled booking on that day.
    let counted: i64 = sqlx::query("SELECT COUNT(*) AS n FROM bookings WHERE status = 'cancelled'")
        .fetch_one(db)
        .await
        .unwrap()
        .get("n");
    assert_eq!(counted, 1);
    app.stop().await;
}

/// A copy of the database, without the data key, yields no NIK: not in any row, and (on
/// SQLite) not anywhere in the file.
#[tokio::test]
async fn the_database_alone_yields_no_nik() {
    let app = spawn_app().await;
    let (client, people) = app.family("rahasia@example.id", 2, 1).await;
    book_first_regular(&app, &client, people[0].id).await;
    let numbers: Vec<String> = (1..=2).map(|s| nik(day(1996, 5, 17), false, s)).collect();
    let tables = [
        "applicants",
        "bookings",
        "draw_entries",
        "waitlist",
        "cooldowns",
        "accounts",
        "outbox",
        "audit_log",
        "payments",
    ];
    for table in tables {
        let rows = sqlx::query(&format!("SELECT * FROM {table}"))
            .fetch_all(&app.db().read)
            .await
            .unwrap();
        for row in &rows {
            for i in 0..row.len() {
                if let Ok(Some(text)) = row.try_get::<Option<String>, _>(i) {
                    for n in &numbers {
                        assert!(!text.contains(n.as_str()), "{table} holds a NIK");
                    }
                }
            }
        }
    }
    let url = app.database_url();
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .and_then(|r| r.split('?').next())
    {
        let mut bytes = std::fs::read(path).unwrap();
        bytes.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
        for n in &numbers {
            assert!(
                !bytes.windows(16).any(|w| w == n.as_bytes()),
                "the SQLite file holds a NIK"
            );
        }
    }
    // With the key, the number is there for whoever must have it.
    let sealed: String = sqlx::query("SELECT nik_sealed FROM applicants WHERE id = $1")
        .bind(people[0].id.to_string())
        .fetch_one(&app.db().read)
        .await
        .unwrap()
        .get("nik_sealed");
    let opened = app.running.state.personal_data.open(&sealed).unwrap();
    assert_eq!(opened.expose(), numbers[0]);
    app.stop().await;
}

/// An instance started with another data key would write hashes nobody can match: it refuses.
#[tokio::test]
async fn an_instance_with_another_data_key_does_not_start() {
    let app = spawn_app().await;
    let refused = try_spawn_app_on(app.database_url(), |c| {
        c.data_key = antre_server::config::SecretSource::Value([8; 32]);
    })
    .await
    .err()
    .expect("another key is refused");
    assert!(
        refused.to_string().contains("ANTRE_DATA_KEY"),
        "the operator is told what to fix: {refused}"
    );
    let same = spawn_app_on(app.database_url(), |_| {}).await;
    same.stop_keeping_database().await;
    app.stop().await;
}

/// Rows written before NIKs were protected are converted at start, in every table.
#[tokio::test]
async fn plain_niks_from_before_are_converted_at_start() {
    let app = spawn_app().await;
    let (client, people) = app.family("lama@example.id", 1, 1).await;
    book_first_regular(&app, &client, people[0].id).await;
    let number = nik(day(1996, 5, 17), false, 1);
    // As a database of the previous version held it.
    for sql in [
        "UPDATE applicants SET nik = $1, nik_sealed = NULL, nik_masked = NULL",
        "UPDATE bookings SET nik = $1",
    ] {
        app.db()
            .execute(sqlx::query(sql).bind(number.clone()))
            .await
            .unwrap();
    }
    let converted =
        antre_server::personal_data::convert_plain_niks(app.db(), &app.running.state.personal_data)
            .await
            .unwrap();
    assert_eq!(converted, 1);
    let views = client.bookings().await.unwrap();
    assert_eq!(views[0].applicant.nik_masked, "3275••••••••••01");
    let key: String = sqlx::query("SELECT nik FROM bookings")
        .fetch_one(&app.db().read)
        .await
        .unwrap()
        .get("nik");
    assert_eq!(key.len(), 64, "a keyed hash now");
    assert_eq!(
        antre_server::personal_data::convert_plain_niks(app.db(), &app.running.state.personal_data)
            .await
            .unwrap(),
        0,
        "a second run finds nothing"
    );
    app.stop().await;
}

#[tokio::test]
async fn every_staff_action_is_in_the_office_trail_for_its_head() {
    use antre_api::staff::OfficeDayKind::Closed;
    let app = spawn_app().await;
    let staff = app.staff("petugas@bekasi.id", Some("kanim-bekasi")).await;
    staff
        .set_office_day("kanim-bekasi", day(2026, 12, 9), Closed, "banjir")
        .await
        .unwrap();
    staff
        .clear_office_day("kanim-bekasi", day(2026, 12, 9))
        .await
        .unwrap();
    staff
        .no_show_sweep("kanim-bekasi", day(2026, 12, 8))
        .await
        .unwrap();
    assert_eq!(
        staff
            .audit("kanim-bekasi", None, None)
            .await
            .unwrap_err()
            .code(),
        Some("forbidden"),
        "staff act, the head reads"
    );
    let head = app.head("kepala@bekasi.id", "kanim-bekasi").await;
    let page = head.audit("kanim-bekasi", None, Some(2)).await.unwrap();
    let actions: Vec<_> = page.entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["no_show.mark", "office_day.clear"],
        "newest first"
    );
    let older = head
        .audit("kanim-bekasi", page.next_before, Some(2))
        .await
        .unwrap();
    assert_eq!(older.entries[0].action, "office_day.close");
    assert_eq!(older.entries[0].detail["note"], "banjir");
    assert!(older.entries[0].actor_account_id.is_some());
    assert_eq!(older.entries[0].actor_role, "staff");
    let elsewhere = app.head("kepala@depok.id", "kanim-depok").await;
    assert_eq!(
        elsewhere
            .audit("kanim-bekasi", None, None)
            .await
            .unwrap_err()
            .code(),
        Some("wrong_office")
    );
    let admin = app.staff("admin@imigrasi.go.id", None).await;
    assert_eq!(
        admin
            .audit("kanim-bekasi", None, None)
            .await
            .unwrap()
            .entries
            .len(),
        3
    );
    app.stop().await;
}
