//! What looks like hoarding or scalping at one office, found in the rows: accounts changing many
//! applicants, people letting holds lapse again and again, one client address behind many
//! people. Shown to staff with the evidence; thresholds are where a family's real life ends.

use super::{instant, Db};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;
use uuid::Uuid;

/// Applicant additions over the window that make an account worth a look (a family is five).
pub const ACCOUNT_ADDITIONS: i64 = 6;
/// Lapses over the window that make a person worth a look.
pub const LAPSES: i64 = 2;
/// Distinct people behind one client address that make it worth a look (a household, a
/// school or an office NAT stay below; an outreach drive has its own channel).
pub const PEOPLE_PER_ADDRESS: i64 = 10;

pub struct Account {
    pub account_id: Uuid,
    pub added: i64,
    pub removed: i64,
    pub people_here: i64,
}

pub struct Lapsing {
    pub nik_masked: String,
    pub lapses: i64,
    pub cooling_down_until: Option<DateTime<Utc>>,
}

pub struct Address {
    pub client_key: String,
    pub people: i64,
    pub entries: i64,
    pub bookings: i64,
}

pub async fn accounts(
    db: &Db,
    office_id: &str,
    since: DateTime<Utc>,
) -> anyhow::Result<Vec<Account>> {
    sqlx::query(
        "SELECT c.account_id,
                SUM(CASE WHEN c.kind = 'add' THEN 1 ELSE 0 END) AS added,
                SUM(CASE WHEN c.kind = 'remove' THEN 1 ELSE 0 END) AS removed,
                (SELECT COUNT(DISTINCT x.nik) FROM (
                    SELECT b.nik FROM bookings b JOIN slots s ON s.id = b.slot_id
                     WHERE b.account_id = c.account_id AND s.office_id = $1 AND b.created_at > $2
                    UNION
                    SELECT e.nik FROM draw_entries e
                     WHERE e.account_id = c.account_id AND e.created_at > $2 AND e.choices LIKE $3) x) AS people_here
         FROM applicant_changes c WHERE c.at > $2 GROUP BY c.account_id
         HAVING SUM(CASE WHEN c.kind = 'add' THEN 1 ELSE 0 END) >= $4
         ORDER BY added DESC",
    )
    .bind(office_id)
    .bind(since.timestamp())
    .bind(format!("%\"{office_id}\"%"))
    .bind(ACCOUNT_ADDITIONS)
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(Account {
            account_id: r.try_get::<String, _>("account_id")?.parse()?,
            added: r.try_get("added")?,
            removed: r.try_get("removed")?,
            people_here: r.try_get("people_here")?,
        })
    })
    .filter(|a: &anyhow::Result<Account>| a.as_ref().map_or(true, |a| a.people_here > 0))
    .collect()
}

pub async fn lapsing(
    db: &Db,
    office_id: &str,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Lapsing>> {
    sqlx::query(
        "SELECT b.nik, MAX(a.nik_masked) AS nik_masked, COUNT(*) AS lapses,
                (SELECT k.until FROM cooldowns k WHERE k.nik = b.nik AND k.until > $3) AS until
         FROM bookings b JOIN slots s ON s.id = b.slot_id JOIN applicants a ON a.id = b.applicant_id
         WHERE s.office_id = $1 AND b.status = 'lapsed' AND b.closed_at > $2
         GROUP BY b.nik HAVING COUNT(*) >= $4 ORDER BY lapses DESC",
    )
    .bind(office_id)
    .bind(since.timestamp())
    .bind(now.timestamp())
    .bind(LAPSES)
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(Lapsing {
            nik_masked: r
                .try_get::<Option<String>, _>("nik_masked")?
                .unwrap_or_default(),
            lapses: r.try_get("lapses")?,
            cooling_down_until: r.try_get::<Option<i64>, _>("until")?.map(instant),
        })
    })
    .collect()
}

pub async fn addresses(
    db: &Db,
    office_id: &str,
    since: DateTime<Utc>,
) -> anyhow::Result<Vec<Address>> {
    sqlx::query(
        "SELECT client_key, COUNT(DISTINCT nik) AS people,
                SUM(CASE WHEN kind = 'entry' THEN 1 ELSE 0 END) AS entries,
                SUM(CASE WHEN kind = 'booking' THEN 1 ELSE 0 END) AS bookings
         FROM (
            SELECT e.client_key, e.nik, 'entry' AS kind FROM draw_entries e
             WHERE e.client_key IS NOT NULL AND e.created_at > $2 AND e.choices LIKE $3
            UNION ALL
            SELECT b.client_key, b.nik, 'booking' AS kind FROM bookings b JOIN slots s ON s.id = b.slot_id
             WHERE b.client_key IS NOT NULL AND b.created_at > $2 AND s.office_id = $1
         ) x GROUP BY client_key HAVING COUNT(DISTINCT nik) >= $4 ORDER BY people DESC",
    )
    .bind(office_id)
    .bind(since.timestamp())
    .bind(format!("%\"{office_id}\"%"))
    .bind(PEOPLE_PER_ADDRESS)
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(Address {
            client_key: r.try_get("client_key")?,
            people: r.try_get("people")?,
            entries: r.try_get("entries")?,
            bookings: r.try_get("bookings")?,
        })
    })
    .collect()
}

/// The window looked at.
pub const WINDOW: Duration = Duration::days(30);
