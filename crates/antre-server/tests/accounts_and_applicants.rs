mod support;

use antre_api::accounts::{LoginRequest, RegisterRequest, VerifyRequest};
use antre_api::applicants::ApplicantRequest;
use support::*;

#[tokio::test]
async fn sign_up_verify_sign_in_and_out() {
    let app = spawn_app().await;
    let client = app.client();
    let reg = RegisterRequest {
        email: "Ani@Example.id".into(),
        phone: "0812 3456 7890".into(),
        password: PASSWORD.into(),
    };
    client.register(&reg).await.unwrap();

    let login = LoginRequest {
        email: "ani@example.id".into(),
        password: PASSWORD.into(),
        device: None,
    };
    assert_eq!(
        client.login(&login).await.unwrap_err().code(),
        Some("account_not_verified")
    );
    let wrong = VerifyRequest {
        email: "ani@example.id".into(),
        code: "000000".into(),
        channel: None,
    };
    let code = app.code_sent_to("ani@example.id").await;
    if code != "000000" {
        assert_eq!(
            client.verify(&wrong).await.unwrap_err().code(),
            Some("invalid_verification_code")
        );
    }
    client
        .verify(&VerifyRequest {
            email: "ani@example.id".into(),
            code,
            channel: None,
        })
        .await
        .unwrap();

    let bad = LoginRequest {
        email: "ani@example.id".into(),
        password: "Wrong-password-1".into(),
        device: None,
    };
    assert_eq!(
        client.login(&bad).await.unwrap_err().code(),
        Some("invalid_credentials")
    );
    let unknown = LoginRequest {
        email: "nobody@example.id".into(),
        password: PASSWORD.into(),
        device: None,
    };
    assert_eq!(
        client.login(&unknown).await.unwrap_err().code(),
        Some("invalid_credentials")
    );

    assert_eq!(
        client.register(&reg).await.unwrap_err().code(),
        Some("email_taken"),
        "a verified email is taken"
    );
    let session = client.login(&login).await.unwrap();
    let me = client.clone().with_token(session.token.clone());
    assert_eq!(me.me().await.unwrap().email, "ani@example.id");
    assert_eq!(me.me().await.unwrap().phone, "+6281234567890");
    me.logout().await.unwrap();
    assert_eq!(me.me().await.unwrap_err().code(), Some("unauthorized"));
    app.stop().await;
}

#[tokio::test]
async fn verification_codes_stop_working_after_five_wrong_tries() {
    let app = spawn_app().await;
    let client = app.client();
    client
        .register(&RegisterRequest {
            email: "b@example.id".into(),
            phone: "081234567890".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap();
    let code = app.code_sent_to("b@example.id").await;
    let wrong = if code == "123456" { "654321" } else { "123456" };
    for _ in 0..5 {
        let r = client
            .verify(&VerifyRequest {
                email: "b@example.id".into(),
                code: wrong.into(),
                channel: None,
            })
            .await;
        assert_eq!(r.unwrap_err().code(), Some("invalid_verification_code"));
    }
    let r = client
        .verify(&VerifyRequest {
            email: "b@example.id".into(),
            code,
            channel: None,
        })
        .await;
    assert_eq!(
        r.unwrap_err().code(),
        Some("invalid_verification_code"),
        "the right code no longer works"
    );
    app.stop().await;
}

#[tokio::test]
async fn registration_errors_are_localized_and_name_the_field() {
    let app = spawn_app().await;
    let bad = RegisterRequest {
        email: "not-an-email".into(),
        phone: "081234567890".into(),
        password: PASSWORD.into(),
    };
    let id = app.client().register(&bad).await.unwrap_err();
    let en = app
        .client()
        .with_language("en")
        .register(&bad)
        .await
        .unwrap_err();
    let (
        antre_client::ClientError::Api { body: id, status },
        antre_client::ClientError::Api { body: en, .. },
    ) = (id, en)
    else {
        panic!("API errors expected")
    };
    assert_eq!(status, 422);
    assert_eq!(id.code, "invalid_email");
    assert_eq!(id.field.as_deref(), Some("email"));
    assert_ne!(id.message, en.message, "Indonesian and English differ");
    assert!(
        en.message.to_lowercase().contains("email"),
        "{}",
        en.message
    );
    let weak = RegisterRequest {
        email: "c@example.id".into(),
        phone: "081234567890".into(),
        password: "short".into(),
    };
    let e = app.client().register(&weak).await.unwrap_err();
    assert_eq!(e.code(), Some("weak_password"));
    app.stop().await;
}

/// An email holding a control character is no address. With U+0000 (which PostgreSQL text
/// cannot hold) sign-up, verification and sign-in answered 500 on PostgreSQL.
#[tokio::test]
async fn emails_with_control_characters_are_refused_on_every_engine() {
    let app = spawn_app().await;
    let client = app.client();
    let email = "ani\u{0}@example.id";
    let registered = client
        .register(&RegisterRequest {
            email: email.into(),
            phone: "081234567890".into(),
            password: PASSWORD.into(),
        })
        .await
        .unwrap_err();
    assert_eq!(registered.code(), Some("invalid_email"));
    let verified = client
        .verify(&VerifyRequest {
            email: email.into(),
            code: "123456".into(),
            channel: None,
        })
        .await
        .unwrap_err();
    assert_eq!(verified.code(), Some("invalid_email"));
    let signed_in = client
        .login(&LoginRequest {
            email: email.into(),
            password: PASSWORD.into(),
            device: None,
        })
        .await
        .unwrap_err();
    assert_eq!(signed_in.code(), Some("invalid_credentials"));
    app.stop().await;
}

#[tokio::test]
async fn applicants_are_checked_masked_and_limited_to_five() {
    let app = spawn_app().await;
    let client = app.signed_in("family@example.id").await;
    let birth = day(1960, 3, 15);
    let mut grandma = applicant("  ibu   sri  rahayu ", birth, 1);
    grandma.nik = nik(birth, true, 1);
    let faults = [
        ("327501550360000", "invalid_nik_length"),
        ("32750155036000x1", "invalid_nik_digits"),
        ("9975015503600001", "invalid_nik_province"),
        ("3275015503610001", "nik_birth_date_mismatch"),
    ];
    for (bad, code) in faults {
        let r = client
            .add_applicant(&ApplicantRequest {
                nik: bad.into(),
                ..grandma.clone()
            })
            .await
            .unwrap_err();
        assert_eq!(r.code(), Some(code), "{bad}");
        let antre_client::ClientError::Api { body, .. } = r else {
            panic!()
        };
        assert_eq!(body.field.as_deref(), Some("nik"));
    }
    let added = client.add_applicant(&grandma).await.unwrap();
    assert_eq!(added.name, "IBU SRI RAHAYU");
    assert_eq!(added.nik_masked, "3275••••••••••01");
    assert_eq!(added.age, 66);
    assert!(added.priority_eligible, "60+ is priority");
    assert_eq!(
        client.add_applicant(&grandma).await.unwrap_err().code(),
        Some("duplicate_applicant")
    );

    for i in 2..=5 {
        let a = client
            .add_applicant(&applicant("ANAK", day(2000, 1, i), i))
            .await
            .unwrap();
        assert!(!a.priority_eligible);
    }
    let sixth = client
        .add_applicant(&applicant("ANAK", day(2001, 1, 6), 6))
        .await
        .unwrap_err();
    assert_eq!(sixth.code(), Some("applicant_limit_reached"));
    let list = client.applicants().await.unwrap();
    assert_eq!(list.len(), 5);

    // Another account sees none of them and cannot remove them.
    let stranger = app.signed_in("stranger@example.id").await;
    assert!(stranger.applicants().await.unwrap().is_empty());
    assert_eq!(
        stranger
            .remove_applicant(list[1].id)
            .await
            .unwrap_err()
            .code(),
        Some("not_found")
    );
    client.remove_applicant(list[1].id).await.unwrap();
    assert_eq!(client.applicants().await.unwrap().len(), 4);
    app.stop().await;
}

/// On PostgreSQL a count inside the insert did not stop two parallel requests from both seeing
/// four applicants: the account's row is now locked first.
#[tokio::test]
async fn parallel_adds_never_make_a_sixth_applicant() {
    let app = spawn_app().await;
    let client = app.signed_in("rush@example.id").await;
    for i in 1..=4 {
        client
            .add_applicant(&applicant("ANAK", day(2000, 1, i), i))
            .await
            .unwrap();
    }
    let attempts = (5..=16).map(|i| {
        let client = client.clone();
        async move {
            client
                .add_applicant(&applicant("ANAK", day(2001, 2, i), i))
                .await
        }
    });
    let results = futures::future::join_all(attempts).await;
    let added = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(added, 1, "{results:?}");
    assert!(results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .all(|e| e.code() == Some("applicant_limit_reached")));
    assert_eq!(client.applicants().await.unwrap().len(), 5);
    app.stop().await;
}

/// Removing someone who once had a booking answered 404. Their past bookings keep their
/// history; an active booking must be cancelled first; adding them again brings them back.
#[tokio::test]
async fn removing_an_applicant_keeps_their_booking_history() {
    use antre_api::bookings::CreateBookingRequest;
    use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
    let app = spawn_app().await;
    let (client, people) = app.family("history@example.id", 1, 1).await;
    let slot = client
        .day_slots("kanim-bekasi", day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap()[0]
        .slot_id;
    let (booking, _) = client
        .create_booking(
            &CreateBookingRequest {
                applicant_id: people[0].id,
                slot_id: slot,
                passport_kind: PassportKind::Ordinary,
                validity: Validity::FiveYears,
                application_kind: ApplicationKind::New,
            },
            "history-key-1",
        )
        .await
        .unwrap();
    assert_eq!(
        client
            .remove_applicant(people[0].id)
            .await
            .unwrap_err()
            .code(),
        Some("applicant_has_active_booking")
    );
    client.cancel(booking.id).await.unwrap();
    client.remove_applicant(people[0].id).await.unwrap();
    assert!(client.applicants().await.unwrap().is_empty());
    let past = client.booking(booking.id).await.unwrap();
    assert_eq!(past.status, BookingStatus::Cancelled);
    assert_eq!(
        past.applicant.name, "BUDI SANTOSO",
        "history keeps the name"
    );
    let back = client
        .add_applicant(&applicant("BUDI SANTOSO", day(1996, 5, 17), 1))
        .await
        .unwrap();
    assert_eq!(back.id, people[0].id, "the same person comes back");
    app.stop().await;
}

#[tokio::test]
async fn names_take_what_an_ektp_carries_and_refuse_look_alikes() {
    let app = spawn_app().await;
    let client = app.signed_in("nama@example.id").await;
    let birth = day(1990, 4, 2);
    let cyrillic = client
        .add_applicant(&applicant("\u{410}NI WIJAYA", birth, 1))
        .await
        .unwrap_err();
    assert_eq!(cyrillic.code(), Some("name_characters"));
    let antre_client::ClientError::Api { status, body } = cyrillic else {
        panic!()
    };
    assert_eq!((status, body.field.as_deref()), (422, Some("name")));
    assert!(body.message.contains("Latin"));
    let full_width = client
        .add_applicant(&applicant("\u{FF21}NI WIJAYA", birth, 1))
        .await
        .unwrap_err();
    assert_eq!(full_width.code(), Some("name_characters"));
    let ok = client
        .add_applicant(&applicant("Andre\u{301} O'Brien-Sitompul, S.T.", birth, 1))
        .await
        .unwrap();
    assert_eq!(ok.name, "ANDR\u{c9} O'BRIEN-SITOMPUL, S.T.");
    app.stop().await;
}

/// An applicant is edited with the checks of adding one: a typo in the name is corrected even
/// while a booking is active; the NIK and birth date, which bookings, waitlists and draw
/// entries are bound to, change only while none is.
#[tokio::test]
async fn applicants_are_edited_with_the_checks_of_adding_them() {
    use antre_api::bookings::CreateBookingRequest;
    use antre_api::{ApplicationKind, BookingStatus, PassportKind, Validity};
    let app = spawn_app().await;
    let (client, people) = app.family("edit@example.id", 2, 1).await;
    let person = &people[0];
    let birth = person.birth_date;

    // The same validation as adding: each fault names its field, nothing changes.
    let mut bad_nik = applicant("BUDI SANTOSO", birth, 1);
    bad_nik.nik.replace_range(15..16, "x");
    let faults = [
        (bad_nik, "invalid_nik_digits", "nik"),
        (
            applicant("BUDI <SANTOSO>", birth, 1),
            "name_characters",
            "name",
        ),
        (
            ApplicantRequest {
                birth_date: day(1997, 5, 17),
                ..applicant("BUDI SANTOSO", birth, 1)
            },
            "nik_birth_date_mismatch",
            "nik",
        ),
    ];
    for (req, code, field) in faults {
        let e = client.update_applicant(person.id, &req).await.unwrap_err();
        assert_eq!(e.code(), Some(code), "{req:?}");
        let antre_client::ClientError::Api { body, .. } = e else {
            panic!()
        };
        assert_eq!(body.field.as_deref(), Some(field));
    }
    // Another applicant's NIK on the same account is a duplicate.
    let taken = client
        .update_applicant(person.id, &applicant("BUDI SANTOSO", birth, 2))
        .await
        .unwrap_err();
    assert_eq!(taken.code(), Some("duplicate_applicant"));

    // A new NIK (with its birth date) and a corrected name, while nothing is bound to the NIK.
    let new_birth = day(1990, 2, 3);
    let mut corrected = applicant("  budi   santosa ", new_birth, 7);
    corrected.disability = true;
    let edited = client
        .update_applicant(person.id, &corrected)
        .await
        .unwrap();
    assert_eq!(edited.id, person.id);
    assert_eq!(edited.name, "BUDI SANTOSA");
    assert_eq!(edited.birth_date, new_birth);
    assert_eq!(
        edited.nik_masked,
        format!("3275••••••••••{}", &corrected.nik[14..])
    );
    assert!(edited.disability && edited.priority_eligible);
    let listed = client.applicants().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].name, "BUDI SANTOSA");
    // Adding the new NIK again is now the duplicate; the old one is free.
    assert_eq!(
        client.add_applicant(&corrected).await.unwrap_err().code(),
        Some("duplicate_applicant")
    );

    // Someone else's applicant is not found, and stays unchanged.
    let stranger = app.signed_in("not-mine@example.id").await;
    assert_eq!(
        stranger
            .update_applicant(person.id, &corrected)
            .await
            .unwrap_err()
            .code(),
        Some("not_found")
    );

    // With an active booking: the name may change, the NIK and birth date may not.
    let slot = client
        .day_slots(
            "kanim-bekasi",
            day(2026, 12, 8),
            Some(antre_api::Lane::Regular),
        )
        .await
        .unwrap()[0]
        .slot_id;
    let (booking, _) = client
        .create_booking(
            &CreateBookingRequest {
                applicant_id: person.id,
                slot_id: slot,
                passport_kind: PassportKind::Ordinary,
                validity: Validity::FiveYears,
                application_kind: ApplicationKind::New,
            },
            "edit-key-0001",
        )
        .await
        .unwrap();
    let renamed = client
        .update_applicant(
            person.id,
            &ApplicantRequest {
                name: "BUDI SANTOSO".into(),
                ..corrected.clone()
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.name, "BUDI SANTOSO");
    assert_eq!(
        client.booking(booking.id).await.unwrap().applicant.name,
        "BUDI SANTOSO",
        "the booking shows the corrected name"
    );
    let locked = client
        .update_applicant(person.id, &applicant("BUDI SANTOSO", new_birth, 8))
        .await
        .unwrap_err();
    assert_eq!(locked.code(), Some("applicant_identity_locked"));
    let century = ApplicantRequest {
        birth_date: day(2090, 2, 3),
        ..corrected.clone()
    };
    assert_eq!(
        client
            .update_applicant(person.id, &century)
            .await
            .unwrap_err()
            .code(),
        Some("invalid_date"),
        "a future birth date is refused before anything else"
    );
    // Cancelled, the NIK is free to change again.
    assert_eq!(
        client.cancel(booking.id).await.unwrap().status,
        BookingStatus::Cancelled
    );
    let freed = client
        .update_applicant(person.id, &applicant("BUDI SANTOSO", new_birth, 8))
        .await
        .unwrap();
    assert!(freed.nik_masked.ends_with("08"));
    app.stop().await;
}

/// A staff account's changes to its own list are audited in the same transaction; an
/// applicant account's are not (they are the person's own data, not a staff action).
#[tokio::test]
async fn staff_edits_of_applicants_are_audited() {
    use sqlx::Row;
    let app = spawn_app().await;
    let staff = app
        .staff("petugas-edit@example.id", Some("kanim-bekasi"))
        .await;
    let birth = day(1985, 8, 9);
    let mine = staff
        .add_applicant(&applicant("RINA", birth, 3))
        .await
        .unwrap();
    staff
        .update_applicant(mine.id, &applicant("RINA WATI", birth, 3))
        .await
        .unwrap();
    let (family, people) = app.family("own-edit@example.id", 1, 4).await;
    family
        .update_applicant(people[0].id, &applicant("BUDI S", day(1996, 5, 17), 4))
        .await
        .unwrap();
    let audit = sqlx::query("SELECT actor_role, action, target, detail FROM audit_log WHERE action = 'applicant.update'")
        .fetch_all(&app.db().read)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1, "only the staff member's edit");
    assert_eq!(audit[0].get::<String, _>("actor_role"), "staff");
    assert_eq!(audit[0].get::<String, _>("target"), mine.id.to_string());
    let detail: String = audit[0].get("detail");
    assert!(detail.contains("\"identity_changed\":false"), "{detail}");
    assert!(
        !detail.contains(&applicant("RINA", birth, 3).nik),
        "no NIK in the trail"
    );
    app.stop().await;
}
