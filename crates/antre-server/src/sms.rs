//! The SMS channel, for people without the app or data: `JADWAL <office>` (earliest days with
//! places), `CEK <billing code>` (a booking's status), `BATAL <billing code>` (cancel),
//! `PESAN <office> <person> [DD-MM]` (book), `NILAI <billing code> <1-5>` (rate a visit),
//! `BANTUAN` (help). Replies are in Indonesian, or in the language of the account whose
//! verified number wrote; each fits one SMS (160 GSM-7 characters) or a few numbered parts.
//!
//! A booking is read or cancelled only from a verified mobile number of the account that owns
//! it; anyone else (or an unknown code) gets the same "not found". `PESAN` books only from a
//! verified number, for that number's accounts' applicants, through the API's booking path
//! (`routes::bookings::book_direct`: capacity rule, one active booking per NIK, cool-downs,
//! closures, draws) with the gateway's message id as the idempotency key. Messages in are
//! limited per number in the database (all instances share the count), and a gateway's retry of
//! the same message id is answered once; a retried `PESAN` is answered again with the booking
//! its first delivery made, never a second one.
//!
//! Seams: messages come in through the signed webhook (`routes::sms`) or, locally, the
//! simulator (`antre-server sms-sim send <phone> <text>`); replies go out through
//! [`SmsGateway`], whose local default is the outbox table.

use crate::catalog::{Catalog, OfficeEntry};
use crate::routes::bookings::{book_direct, BookingPath};
use crate::store::applicants::{self, Applicant};
use crate::store::bookings::{self, enum_name, BookingConflict};
use crate::store::Db;
use antre_domain::booking::check_cancel;
use antre_domain::feedback::{check_after_visit, clean_text, MAX_COMMENT_CHARS};
use antre_domain::fees::{check_validity, ApplicationKind, PassportKind, Validity};
use antre_domain::lane::Lane;
use antre_domain::person::age_on;
use antre_domain::person::Phone;
use antre_domain::sms::{split_reply, DayMonth, SmsCommand};
use antre_i18n::{Arg, Locale, Localizer};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use uuid::Uuid;

/// Messages one number may send per window before the channel stops answering it.
pub const MESSAGES_PER_WINDOW: i64 = 10;
pub fn window() -> Duration {
    Duration::hours(1)
}

type Sending<'a> = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;

/// Where replies go: a real SMS gateway, or (the local default) the outbox table.
pub trait SmsGateway: Send + Sync {
    fn send<'a>(
        &'a self,
        db: &'a Db,
        to: &'a str,
        body: &'a str,
        now: DateTime<Utc>,
    ) -> Sending<'a>;
}

/// The local default: every reply is a row of the outbox (`antre-server outbox --to <phone>`).
pub struct OutboxGateway;

impl SmsGateway for OutboxGateway {
    fn send<'a>(
        &'a self,
        db: &'a Db,
        to: &'a str,
        body: &'a str,
        now: DateTime<Utc>,
    ) -> Sending<'a> {
        Box::pin(async move {
            db.execute(
                sqlx::query(
                    "INSERT INTO outbox (account_id, channel, purpose, recipient, body, created_at) VALUES ('', 'sms', 'sms_reply', $1, $2, $3)",
                )
                .bind(to.to_string())
                .bind(body.to_string())
                .bind(now.timestamp()),
            )
            .await?;
            tracing::info!(target: "antre::outbox", channel = "sms", purpose = "sms_reply", "SMS reply sent to the local outbox");
            Ok(())
        })
    }
}

#[derive(Clone)]
pub struct SmsCtx {
    pub db: Db,
    pub catalog: Arc<Catalog>,
    pub localizer: Arc<Localizer>,
    pub gateway: Arc<dyn SmsGateway>,
    /// Which releases are drawn (`PESAN` books first come, first served only after the draw).
    pub drawn_releases: Arc<crate::draws::DrawnReleases>,
}

/// What became of one message in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handled {
    /// The SMS sent back, in order.
    pub replies: Vec<String>,
    /// The number is over its limit (told so once, then not answered).
    pub rate_limited: bool,
    /// The same message id came before: nothing was done again.
    pub duplicate: bool,
}

fn rate_key(phone: &Phone) -> String {
    crate::auth::hex(&Sha256::digest(format!("sms-rate:{}", phone.as_str())))
}

/// Counts one message from the number; returns how many it sent in the current window.
async fn count_message(db: &Db, phone: &Phone, now: DateTime<Utc>) -> anyhow::Result<i64> {
    let key = rate_key(phone);
    let start = now.timestamp();
    let expired = (now - window()).timestamp();
    Ok(db
        .write(move |c| {
            Box::pin(async move {
                let row = sqlx::query(
                    "INSERT INTO sms_rate (phone_key, window_start, count) VALUES ($1, $2, 1)
                     ON CONFLICT (phone_key) DO UPDATE SET
                       count = CASE WHEN sms_rate.window_start <= $3 THEN 1 ELSE sms_rate.count + 1 END,
                       window_start = CASE WHEN sms_rate.window_start <= $3 THEN $2 ELSE sms_rate.window_start END
                     RETURNING count",
                )
                .bind(key)
                .bind(start)
                .bind(expired)
                .fetch_one(c)
                .await?;
                row.try_get::<i64, _>("count")
            })
        })
        .await?)
}

/// Claims a gateway message id; false if it was seen before.
async fn first_time(db: &Db, message_id: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
    Ok(db
        .execute(
            sqlx::query(
                "INSERT INTO sms_inbound (message_id, received_at) VALUES ($1, $2) ON CONFLICT (message_id) DO NOTHING",
            )
            .bind(message_id.to_string())
            .bind(now.timestamp()),
        )
        .await?
        > 0)
}

/// The accounts whose verified mobile number this is, with their language.
async fn verified_accounts(db: &Db, phone: &Phone) -> anyhow::Result<Vec<(Uuid, String)>> {
    sqlx::query(
        "SELECT id, language FROM accounts WHERE phone = $1 AND phone_verified_at IS NOT NULL ORDER BY created_at",
    )
    .bind(phone.as_str().to_string())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| Ok((r.try_get::<String, _>("id")?.parse()?, r.try_get("language")?)))
    .collect()
}

/// The office a text names: its id, its city, or a word of its name (`BEKASI`).
pub fn find_office<'a>(catalog: &'a Catalog, query: &str) -> Option<&'a OfficeEntry> {
    let q = query.trim().to_lowercase();
    let slug = q.replace(' ', "-");
    let all = catalog.all();
    all.iter()
        .find(|e| e.office.id == q || e.office.id == format!("kanim-{slug}"))
        .or_else(|| all.iter().find(|e| e.office.city.to_lowercase() == q))
        .or_else(|| {
            all.iter()
                .find(|e| e.office.name.to_lowercase().contains(&q))
        })
}

/// Earliest days with places (regular lane): `(day, places)`.
async fn earliest_days(
    db: &Db,
    office: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(chrono::NaiveDate, i64)>> {
    sqlx::query(
        "SELECT day, CAST(SUM(capacity - booked - offered - protected) AS BIGINT) AS free FROM slots
         WHERE office_id = $1 AND lane = 'regular' AND closed = 0 AND released_at <= $2 AND starts_at > $2
           AND booked + offered + protected < capacity
         GROUP BY day ORDER BY day LIMIT 3",
    )
    .bind(office.to_string())
    .bind(now.timestamp())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok((
            crate::store::parse_day(&r.try_get::<String, _>("day")?)?,
            r.try_get("free")?,
        ))
    })
    .collect()
}

fn when(l: &Localizer, locale: Locale, entry: &OfficeEntry, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&entry.office.tz);
    format!(
        "{} {}",
        local.format("%d/%m/%Y"),
        l.format_time(locale, local.time(), entry.office.zone().label())
    )
}

/// Short office name for a text: `Kanim Bekasi`.
fn short_name(entry: &OfficeEntry) -> String {
    format!("Kanim {}", entry.office.city)
}

/// Answers one message. `message_id`: the gateway's, for retries (the simulator has none).
pub async fn handle(
    ctx: &SmsCtx,
    from: &str,
    text: &str,
    message_id: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Handled> {
    // A number that is not an Indonesian mobile number cannot be answered.
    let Ok(phone) = Phone::parse(from) else {
        return Ok(Handled::default());
    };
    let command = SmsCommand::parse(text);
    let mut duplicate = false;
    if let Some(id) = message_id {
        if !first_time(&ctx.db, id, now).await? {
            // A retried `PESAN` is answered again with what its first delivery booked (the
            // message id is the booking's idempotency key); anything else is answered once.
            if !matches!(command, SmsCommand::Book { .. }) {
                return Ok(Handled {
                    duplicate: true,
                    ..Handled::default()
                });
            }
            duplicate = true;
        }
    }
    let accounts = verified_accounts(&ctx.db, &phone).await?;
    let locale = accounts
        .first()
        .and_then(|(_, lang)| Locale::from_tag(lang))
        .unwrap_or_default();
    let l = &ctx.localizer;
    // A retry was counted when it first came.
    let sent = if duplicate {
        0
    } else {
        count_message(&ctx.db, &phone, now).await?
    };
    if sent > MESSAGES_PER_WINDOW {
        let mut handled = Handled {
            rate_limited: true,
            ..Handled::default()
        };
        // Told once per window, then silence (no reply costs the number nothing more).
        if sent == MESSAGES_PER_WINDOW + 1 {
            handled.replies = split_reply(&l.message(locale, "sms-rate-limited", &[]));
        }
        return send_all(ctx, &phone, handled, now).await;
    }
    let reply = match command {
        SmsCommand::Help => l.message(locale, "sms-help", &[]),
        SmsCommand::MissingArgument(command) => l.message(
            locale,
            "sms-missing-argument",
            &[("command", Arg::from(command))],
        ),
        SmsCommand::Schedule(query) => match find_office(&ctx.catalog, &query) {
            None => l.message(
                locale,
                "sms-office-unknown",
                &[(
                    "query",
                    Arg::from(query.chars().take(30).collect::<String>()),
                )],
            ),
            Some(entry) => {
                let days = earliest_days(&ctx.db, &entry.office.id, now).await?;
                if days.is_empty() {
                    l.message(
                        locale,
                        "sms-schedule-none",
                        &[("office", Arg::from(short_name(entry)))],
                    )
                } else {
                    let list = days
                        .iter()
                        .map(|(d, n)| format!("{} ({n})", d.format("%d/%m")))
                        .collect::<Vec<_>>()
                        .join(", ");
                    l.message(
                        locale,
                        "sms-schedule",
                        &[
                            ("office", Arg::from(short_name(entry))),
                            ("days", Arg::from(list)),
                        ],
                    )
                }
            }
        },
        SmsCommand::Rate {
            code,
            rating,
            comment,
        } => rate(ctx, &accounts, locale, &code, rating, &comment, now).await?,
        SmsCommand::Book {
            office,
            person,
            date,
        } => {
            // The gateway's id makes a retry the same request; the simulator's messages are
            // each new.
            let key = match message_id {
                Some(id) => format!("sms:{id}"),
                None => format!("sms-sim:{}", Uuid::new_v4()),
            };
            let request_hash = crate::auth::hex(&Sha256::digest(format!(
                "sms-book:{}:{}",
                phone.as_str(),
                text.trim()
            )));
            let wanted = Wanted {
                office: &office,
                person: &person,
                date,
            };
            book(ctx, &accounts, locale, wanted, &key, &request_hash, now).await?
        }
        SmsCommand::Check(code) | SmsCommand::Cancel(code) => {
            let cancel = matches!(SmsCommand::parse(text), SmsCommand::Cancel(_));
            let booking = bookings::by_billing_code(&ctx.db, &code)
                .await?
                .filter(|b| accounts.iter().any(|(id, _)| *id == b.account_id));
            let entry = booking.as_ref().and_then(|b| ctx.catalog.get(&b.office_id));
            match (booking, entry) {
                (Some(b), Some(entry)) if !cancel => {
                    let status = enum_name(&b.status).replace('_', "-");
                    l.message(
                        locale,
                        "sms-check",
                        &[
                            ("code", Arg::from(b.billing_code.as_str())),
                            (
                                "status",
                                l.message(locale, &format!("status-{status}"), &[]).into(),
                            ),
                            ("office", Arg::from(short_name(entry))),
                            ("when", Arg::from(when(l, locale, entry, b.starts_at))),
                        ],
                    )
                }
                (Some(b), Some(entry)) => {
                    let refused = match check_cancel(b.status, b.starts_at, now) {
                        Err(e) => Some(e.code()),
                        Ok(()) => match bookings::cancel(&ctx.db, b.id, b.account_id, now).await {
                            Ok(()) => None,
                            Err(BookingConflict::NotActive) => Some("booking_not_active"),
                            Err(e) => return Err(anyhow::anyhow!("cancel by SMS: {e:?}")),
                        },
                    };
                    match refused {
                        None => l.message(
                            locale,
                            "sms-cancelled",
                            &[
                                ("code", Arg::from(b.billing_code.as_str())),
                                ("office", Arg::from(short_name(entry))),
                                ("when", Arg::from(when(l, locale, entry, b.starts_at))),
                            ],
                        ),
                        Some(code) => l.message(
                            locale,
                            "sms-cancel-refused",
                            &[
                                ("code", Arg::from(b.billing_code.as_str())),
                                (
                                    "reason",
                                    l.message(locale, &antre_i18n::error_message_id(code), &[])
                                        .into(),
                                ),
                            ],
                        ),
                    }
                }
                _ => l.message(
                    locale,
                    "sms-booking-unknown",
                    &[("code", Arg::from(code.chars().take(20).collect::<String>()))],
                ),
            }
        }
    };
    let handled = Handled {
        replies: split_reply(&reply),
        duplicate,
        ..Handled::default()
    };
    send_all(ctx, &phone, handled, now).await
}

/// What a `PESAN` names: the office, the person (number or first name; empty if not texted),
/// the day if one.
struct Wanted<'a> {
    office: &'a str,
    person: &'a str,
    date: Option<DayMonth>,
}

/// One applicant of the number's accounts, numbered as the app lists them (account by account).
struct Person {
    account: Uuid,
    locale: Locale,
    applicant: Applicant,
}

fn first_name(a: &Applicant) -> String {
    a.name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_uppercase()
}

/// The person a word names: its number in the list (1, 2, ...) or a first name only one of
/// them has.
fn pick<'a>(people: &'a [Person], word: &str) -> Option<&'a Person> {
    if let Ok(n) = word.parse::<usize>() {
        return n.checked_sub(1).and_then(|i| people.get(i));
    }
    let word = word.to_uppercase();
    let mut named = people.iter().filter(|p| first_name(&p.applicant) == word);
    match (named.next(), named.next()) {
        (Some(p), None) => Some(p),
        _ => None,
    }
}

/// `PESAN <office> <person> [DD-MM]`: books the earliest public regular place at the office
/// (that day's earliest when a day is texted) for one of the applicants of the accounts whose
/// verified number this is: ordinary passport, 10 years where the applicant may have it, else
/// 5, a new application (the app offers the other choices). Through the API's booking path,
/// with `key` (from the gateway's message id) as the idempotency key.
async fn book(
    ctx: &SmsCtx,
    accounts: &[(Uuid, String)],
    locale: Locale,
    wanted: Wanted<'_>,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let l = &ctx.localizer;
    if accounts.is_empty() {
        return Ok(l.message(locale, "sms-book-unverified", &[]));
    }
    let mut people = Vec::new();
    for (account, language) in accounts {
        let locale = Locale::from_tag(language).unwrap_or_default();
        for applicant in applicants::list(&ctx.db, *account).await? {
            people.push(Person {
                account: *account,
                locale,
                applicant,
            });
        }
    }
    // `PESAN JAKARTA SELATAN` names an office of two words and nobody.
    let mut person_word = wanted.person;
    let office = match (
        find_office(&ctx.catalog, wanted.office),
        pick(&people, person_word),
    ) {
        (Some(entry), Some(_)) => Some(entry),
        (found, None) if !person_word.is_empty() => {
            match find_office(&ctx.catalog, &format!("{} {}", wanted.office, person_word)) {
                Some(entry) => {
                    person_word = "";
                    Some(entry)
                }
                None => found,
            }
        }
        (found, _) => found,
    };
    let Some(entry) = office else {
        return Ok(l.message(
            locale,
            "sms-office-unknown",
            &[(
                "query",
                Arg::from(wanted.office.chars().take(30).collect::<String>()),
            )],
        ));
    };
    let office_word = entry.office.city.to_uppercase();
    if people.is_empty() {
        return Ok(l.message(locale, "sms-book-no-applicants", &[]));
    }
    let Some(person) = pick(&people, person_word) else {
        let list = people
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{} {}", i + 1, first_name(&p.applicant)))
            .collect::<Vec<_>>()
            .join(", ");
        return Ok(l.message(
            locale,
            "sms-book-who",
            &[
                ("office", Arg::from(office_word)),
                ("people", Arg::from(list)),
            ],
        ));
    };
    let locale = person.locale;
    let name = first_name(&person.applicant);
    let today = ctx.catalog.today_at(entry, now);
    let day = match wanted.date {
        None => None,
        Some(d) => match d.resolve(today).filter(|d| *d >= today) {
            Some(day) => Some(day),
            None => {
                return Ok(l.message(
                    locale,
                    "sms-missing-argument",
                    &[("command", Arg::from("PESAN"))],
                ))
            }
        },
    };
    let path = BookingPath {
        db: &ctx.db,
        catalog: &ctx.catalog,
        drawn_releases: &ctx.drawn_releases,
    };
    // A retry of a message that booked: that booking, whatever is left now.
    if let Some(earlier) = bookings::booked_with_key(&ctx.db, person.account, key).await? {
        if let Some(b) = bookings::get(&ctx.db, earlier).await? {
            return Ok(booked_reply(l, locale, entry, &b));
        }
    }
    let candidates = crate::store::slots::first_of_office(
        &ctx.db,
        &entry.office.id,
        Lane::Regular,
        crate::store::slots::PlaceRule::Public,
        day,
        now,
        3,
    )
    .await?;
    let refused = |reason: String| {
        l.message(
            locale,
            "sms-book-refused",
            &[
                ("name", Arg::from(name.as_str())),
                ("reason", reason.into()),
            ],
        )
    };
    for slot in candidates {
        let married = person.applicant.married;
        let validity = if check_validity(
            Validity::TenYears,
            age_on(person.applicant.birth_date, slot.day),
            married,
        )
        .is_ok()
        {
            Validity::TenYears
        } else {
            Validity::FiveYears
        };
        let req = antre_api::bookings::CreateBookingRequest {
            applicant_id: person.applicant.id,
            slot_id: slot.id,
            passport_kind: PassportKind::Ordinary,
            validity,
            application_kind: ApplicationKind::New,
        };
        match book_direct(path, person.account, &req, key, request_hash, None, now).await {
            Ok((_, b)) => return Ok(booked_reply(l, locale, entry, &b)),
            // Taken meanwhile: the next one.
            Err(e) if e.code == crate::error::ErrorCode::SlotFull => continue,
            Err(e) if e.code == crate::error::ErrorCode::Internal => {
                return Err(anyhow::anyhow!("booking by SMS failed: {e}"))
            }
            Err(e) => return Ok(refused(e.message(l, locale))),
        }
    }
    if let Some(day) = day {
        if crate::store::slots::day_closed(&ctx.db, &entry.office.id, Lane::Regular, day).await? {
            return Ok(refused(
                crate::error::ApiError::new(crate::error::ErrorCode::DayClosed).message(l, locale),
            ));
        }
        return Ok(l.message(
            locale,
            "sms-book-full-day",
            &[
                ("office", Arg::from(short_name(entry))),
                ("date", Arg::from(day.format("%d/%m").to_string())),
                ("word", Arg::from(office_word)),
            ],
        ));
    }
    Ok(l.message(
        locale,
        "sms-book-full",
        &[
            ("office", Arg::from(short_name(entry))),
            ("word", Arg::from(office_word)),
        ],
    ))
}

/// The answer to a booking made (or found again) by SMS: who, where, when in the office's zone,
/// the billing code, the fee and when it must be paid by.
fn booked_reply(
    l: &Localizer,
    locale: Locale,
    entry: &OfficeEntry,
    b: &crate::store::bookings::Booking,
) -> String {
    let name = b
        .applicant_name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_uppercase();
    l.message(
        locale,
        "sms-booked",
        &[
            ("name", Arg::from(name)),
            ("office", Arg::from(short_name(entry))),
            ("when", Arg::from(when(l, locale, entry, b.starts_at))),
            ("code", Arg::from(b.billing_code.as_str())),
            ("fee", Arg::from(l.format_rupiah(locale, b.fee_total))),
            (
                "until",
                Arg::from(when(l, locale, entry, b.payment_deadline)),
            ),
        ],
    )
}

/// `NILAI <code> <1-5> [comment]`: rates a visit (checked in), once, from the owner's
/// verified number; like the app's `POST /v1/bookings/{id}/rating`.
async fn rate(
    ctx: &SmsCtx,
    accounts: &[(Uuid, String)],
    locale: Locale,
    code: &str,
    rating: u8,
    comment: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let l = &ctx.localizer;
    let booking = bookings::by_billing_code(&ctx.db, code)
        .await?
        .filter(|b| accounts.iter().any(|(id, _)| *id == b.account_id));
    let entry = booking.as_ref().and_then(|b| ctx.catalog.get(&b.office_id));
    let (Some(b), Some(entry)) = (booking, entry) else {
        return Ok(l.message(
            locale,
            "sms-booking-unknown",
            &[("code", Arg::from(code.chars().take(20).collect::<String>()))],
        ));
    };
    let refused = |reason: &str| {
        l.message(
            locale,
            "sms-rate-refused",
            &[
                ("code", Arg::from(b.billing_code.as_str())),
                (
                    "reason",
                    l.message(locale, &antre_i18n::error_message_id(reason), &[])
                        .into(),
                ),
            ],
        )
    };
    if let Err(e) = check_after_visit(b.status) {
        return Ok(refused(e.code()));
    }
    let comment = match clean_text(comment, MAX_COMMENT_CHARS) {
        Ok(c) => c,
        Err(e) => return Ok(refused(e.code())),
    };
    let filed =
        crate::store::feedback::rate(&ctx.db, b.id, &b.office_id, b.day, rating, &comment, now)
            .await?;
    Ok(match filed {
        crate::store::feedback::Filed::Done => l.message(
            locale,
            "sms-rated",
            &[
                ("office", Arg::from(short_name(entry))),
                ("rating", Arg::from(i64::from(rating))),
            ],
        ),
        crate::store::feedback::Filed::AlreadyDone => refused("already_rated"),
    })
}

/// After check-in: the question about the visit, by SMS to the account's verified number in
/// its language (`NILAI` answers it). Not for walk-ins and drive members (filed under the
/// office's account, which has no verified number). Sent after the check-in committed, so a
/// crash in between loses the prompt (never the check-in); the app asks too.
pub async fn prompt_rating(ctx: &SmsCtx, booking: Uuid, now: DateTime<Utc>) -> anyhow::Result<()> {
    let row = sqlx::query(
        "SELECT b.billing_code, s.office_id, a.phone, a.language FROM bookings b
         JOIN slots s ON s.id = b.slot_id JOIN accounts a ON a.id = b.account_id
         WHERE b.id = $1 AND a.phone_verified_at IS NOT NULL AND a.deleted_at IS NULL",
    )
    .bind(booking.to_string())
    .fetch_optional(&ctx.db.read)
    .await?;
    let Some(row) = row else {
        return Ok(());
    };
    let office: String = row.try_get("office_id")?;
    let Some(entry) = ctx.catalog.get(&office) else {
        return Ok(());
    };
    let language: String = row.try_get("language")?;
    let locale = Locale::from_tag(&language).unwrap_or_default();
    let Ok(phone) = Phone::parse(&row.try_get::<String, _>("phone")?) else {
        return Ok(());
    };
    let code: String = row.try_get("billing_code")?;
    let text = ctx.localizer.message(
        locale,
        "sms-rate-prompt",
        &[
            ("office", Arg::from(short_name(entry))),
            ("code", Arg::from(code.as_str())),
        ],
    );
    for part in split_reply(&text) {
        ctx.gateway
            .send(&ctx.db, phone.as_str(), &part, now)
            .await?;
    }
    Ok(())
}

async fn send_all(
    ctx: &SmsCtx,
    phone: &Phone,
    handled: Handled,
    now: DateTime<Utc>,
) -> anyhow::Result<Handled> {
    for part in &handled.replies {
        ctx.gateway.send(&ctx.db, phone.as_str(), part, now).await?;
    }
    Ok(handled)
}
