//! Preparing a run directly in the database, before any server starts: the people (accounts
//! with a bearer token, five applicants each, valid NIKs) and the places they will ask for.

use crate::client::Call;
use antre_api::bookings::CreateBookingRequest;
use antre_api::{ApplicationKind, PassportKind, Validity};
use antre_domain::nik::Nik;
use antre_domain::person::{DeclaredNeeds, PersonName};
use antre_server::auth;
use antre_server::personal_data::PersonalData;
use antre_server::secret_file::Secret;
use antre_server::store::{accounts, applicants, sessions, Db};
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use futures::stream::{self, StreamExt, TryStreamExt};
use hyper::header::HeaderValue;
use sqlx::Row;
use uuid::Uuid;

/// One person of a crowd: the account's bearer token and the applicant.
#[derive(Clone)]
pub struct Person {
    pub bearer: HeaderValue,
    pub account: Uuid,
    pub applicant: Uuid,
    /// The NIK's keyed hash, as the database holds it.
    pub nik_key: String,
}

/// A valid NIK for person `i` of the whole run (different birth days and serials, so no two
/// people of a run share one).
pub fn nik(i: usize) -> (String, NaiveDate) {
    let birth = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + Days::new((i % 9000) as u64);
    let serial = i / 9000 + 1;
    (
        format!(
            "317101{:02}{:02}{:02}{serial:04}",
            birth.day(),
            birth.month(),
            birth.year() % 100
        ),
        birth,
    )
}

/// People `first..first + count` of the run: one account per five, written through the
/// server's own store functions, many accounts at once (on SQLite they share group commits).
/// NIKs are hashed and sealed with `data_key`, the key the server instances are given.
pub async fn people(db: &Db, data_key: &Secret, first: usize, count: usize) -> Result<Vec<Person>> {
    let hash = antre_server::passwords::hash_password("Load-test-2026")?;
    let personal = PersonalData::new(data_key);
    let now = Utc::now();
    let accounts: Vec<Vec<Person>> = stream::iter((first..first + count).step_by(5))
        .map(|start| {
            let hash = hash.clone();
            let end = (start + 5).min(first + count);
            let personal = &personal;
            async move { account_of(db, personal, &hash, start..end, now).await }
        })
        .buffered(64)
        .try_collect()
        .await?;
    Ok(accounts.into_iter().flatten().collect())
}

async fn account_of(
    db: &Db,
    personal: &PersonalData,
    hash: &str,
    people: std::ops::Range<usize>,
    now: DateTime<Utc>,
) -> Result<Vec<Person>> {
    let email = format!(
        "crowd{}-{}@load.test",
        people.start,
        Uuid::new_v4().simple()
    );
    let new = accounts::NewAccount {
        email: &email,
        phone: "+6281200000000",
        password_hash: hash,
        role: antre_api::accounts::Role::Applicant,
        office_id: None,
        verified_at: Some(now),
    };
    let accounts::Created::New(account) = accounts::create(db, new, now).await? else {
        bail!("fresh account {email} exists");
    };
    let (token, token_hash) = auth::new_token();
    sessions::start(db, &token_hash, account, Some("load test"), now).await?;
    let bearer = HeaderValue::from_str(&format!("Bearer {token}"))?;
    let mut out = Vec::with_capacity(people.len());
    for p in people {
        let (text, birth) = nik(p);
        let nik = Nik::parse_with_birth_date(&text, birth).map_err(|e| anyhow::anyhow!("{e}"))?;
        let name = PersonName::parse("WARGA ANTRE").map_err(|e| anyhow::anyhow!("{e}"))?;
        let new = applicants::NewApplicant {
            nik_key: personal.key(&nik),
            nik_sealed: personal.seal(&nik),
            nik_masked: nik.masked(),
            name,
            birth_date: birth,
            needs: DeclaredNeeds::default(),
            married: false,
        };
        match applicants::add(db, account, new, 5, now).await? {
            applicants::AddOutcome::Added(added) => out.push(Person {
                bearer: bearer.clone(),
                account,
                applicant: added.id,
                nik_key: added.nik_key.as_str().to_string(),
            }),
            _ => bail!("could not add applicant {p}"),
        }
    }
    Ok(out)
}

/// A slot asked for in a phase, with the places it had when the run was prepared.
#[derive(Clone, Debug)]
pub struct Target {
    pub id: i64,
    pub office_id: String,
    pub day: String,
    pub places: i64,
}

/// Where the run's crowds go.
pub struct Places {
    /// The regular and same-day slots of one office-day (scarce: the flash crowd at Bekasi).
    pub scarce: Vec<Target>,
    /// Other open regular and same-day slots, from that day on, office by office.
    pub others: Vec<Target>,
}

/// The first service day at least 3 days ahead at `office`, and the open slots from then on.
pub async fn places(db: &Db, office: &str) -> Result<Places> {
    let from = (Utc::now().date_naive() + Days::new(3)).to_string();
    let rows = sqlx::query(
        "SELECT id, office_id, day, capacity - booked - offered - protected AS places FROM slots
         WHERE day >= $1 AND lane IN ('regular', 'same_day') AND closed = 0 AND capacity > booked + offered + protected
         ORDER BY day, office_id, id",
    )
    .bind(&from)
    .fetch_all(&db.read)
    .await?;
    let all: Vec<Target> = rows
        .iter()
        .map(|r| {
            Ok(Target {
                id: r.try_get("id")?,
                office_id: r.try_get("office_id")?,
                day: r.try_get("day")?,
                places: r.try_get("places")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    let day = all
        .iter()
        .find(|t| t.office_id == office)
        .map(|t| t.day.clone())
        .with_context(|| format!("no open slots at {office}"))?;
    let (scarce, others) = all
        .into_iter()
        .filter(|t| t.day >= day)
        .partition(|t| t.office_id == office && t.day == day);
    Ok(Places { scarce, others })
}

/// Takes slots from the front of `from` until they hold `people / oversubscribed` places, and
/// gives each slot `places × oversubscribed` of the people (rounded up; the last slot takes what
/// is left). With 1.0 everyone can get a place; with 2.0 half can.
pub fn spread(from: &mut Vec<Target>, people: usize, oversubscribed: f64) -> Vec<(Target, usize)> {
    let mut out = Vec::new();
    let mut left = people;
    while left > 0 && !from.is_empty() {
        let slot = from.remove(0);
        let asked = ((slot.places as f64 * oversubscribed).ceil() as usize).min(left);
        left -= asked;
        out.push((slot, asked));
    }
    out
}

/// Makes every slot of the run bookable from `at` (one release instant for all).
pub async fn release(db: &Db, slots: &[i64], at: DateTime<Utc>) -> Result<()> {
    for chunk in slots.chunks(500) {
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!("UPDATE slots SET released_at = $1 WHERE id IN ({list})");
        let at = at.timestamp();
        db.write(move |c| {
            Box::pin(async move { sqlx::query(&sql).bind(at).execute(c).await.map(|_| ()) })
        })
        .await?;
    }
    Ok(())
}

/// The booking request of `person` for `slot`, with a fresh idempotency key.
pub fn booking(person: &Person, slot: i64) -> Result<Call> {
    let mut call = Call::post_json(
        "/v1/bookings",
        &CreateBookingRequest {
            applicant_id: person.applicant,
            slot_id: slot,
            passport_kind: PassportKind::Ordinary,
            validity: Validity::FiveYears,
            application_kind: ApplicationKind::New,
        },
    )?;
    call.bearer = Some(person.bearer.clone());
    call.idempotency_key = Some(HeaderValue::from_str(&Uuid::new_v4().to_string())?);
    Ok(call)
}
