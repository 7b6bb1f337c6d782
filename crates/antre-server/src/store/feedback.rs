//! After the visit: ratings (one per checked-in booking) and integrity reports. An anonymous
//! report keeps neither account nor booking; `integrity_claims` records only that a booking
//! filed one (so it files once), not which.

use super::{instant, parse_day, Db};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use uuid::Uuid;

/// Whether the write happened, or the booking had already done it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filed {
    Done,
    AlreadyDone,
}

pub async fn rate(
    db: &Db,
    booking: Uuid,
    office_id: &str,
    day: NaiveDate,
    rating: u8,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<Filed, sqlx::Error> {
    let n = db
        .execute(
            sqlx::query(
                "INSERT INTO visit_ratings (booking_id, office_id, day, rating, comment, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (booking_id) DO NOTHING",
            )
            .bind(booking.to_string())
            .bind(office_id.to_string())
            .bind(day.to_string())
            .bind(i64::from(rating))
            .bind(comment.to_string())
            .bind(now.timestamp()),
        )
        .await?;
    Ok(if n > 0 {
        Filed::Done
    } else {
        Filed::AlreadyDone
    })
}

pub struct NewReport {
    pub id: Uuid,
    pub booking: Uuid,
    pub account: Uuid,
    pub office_id: String,
    pub day: NaiveDate,
    pub asked_to_pay: bool,
    pub amount: Option<i64>,
    pub place: String,
    pub occurred_at: Option<DateTime<Utc>>,
    pub description: String,
    pub anonymous: bool,
}

/// Claims the booking's one report and files it, in one transaction.
pub async fn report(db: &Db, r: NewReport, now: DateTime<Utc>) -> Result<Filed, sqlx::Error> {
    db.write(move |c| {
        Box::pin(async move {
            let claimed = sqlx::query(
                "INSERT INTO integrity_claims (booking_id) VALUES ($1) ON CONFLICT (booking_id) DO NOTHING",
            )
            .bind(r.booking.to_string())
            .execute(&mut *c)
            .await?
            .rows_affected();
            if claimed == 0 {
                return Ok(Filed::AlreadyDone);
            }
            sqlx::query(
                "INSERT INTO integrity_reports (id, office_id, day, asked_to_pay, amount, place, occurred_at, description,
                   anonymous, account_id, booking_id, created_day)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            )
            .bind(r.id.to_string())
            .bind(r.office_id)
            .bind(r.day.to_string())
            .bind(i64::from(r.asked_to_pay))
            .bind(r.amount)
            .bind(r.place)
            .bind(r.occurred_at.map(|t| t.timestamp()))
            .bind(r.description)
            .bind(i64::from(r.anonymous))
            .bind((!r.anonymous).then(|| r.account.to_string()))
            .bind((!r.anonymous).then(|| r.booking.to_string()))
            // A day, not an instant: the time a report came in must not point to its visit.
            .bind(now.date_naive().to_string())
            .execute(&mut *c)
            .await?;
            Ok(Filed::Done)
        })
    })
    .await
}

pub struct RatingRow {
    pub day: NaiveDate,
    pub rating: u8,
    pub comment: String,
}

pub async fn ratings(
    db: &Db,
    office_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<Vec<RatingRow>> {
    sqlx::query(
        "SELECT day, rating, comment FROM visit_ratings WHERE office_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, created_at",
    )
    .bind(office_id.to_string())
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(RatingRow {
            day: parse_day(&r.try_get::<String, _>("day")?)?,
            rating: u8::try_from(r.try_get::<i64, _>("rating")?)?,
            comment: r.try_get("comment")?,
        })
    })
    .collect()
}

pub struct ReportRow {
    pub id: Uuid,
    pub day: NaiveDate,
    pub asked_to_pay: bool,
    pub amount: Option<i64>,
    pub place: String,
    pub occurred_at: Option<DateTime<Utc>>,
    pub description: String,
    pub anonymous: bool,
    pub account: Option<Uuid>,
}

pub async fn reports(
    db: &Db,
    office_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<Vec<ReportRow>> {
    sqlx::query(
        "SELECT id, day, asked_to_pay, amount, place, occurred_at, description, anonymous, account_id
         FROM integrity_reports WHERE office_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, id",
    )
    .bind(office_id.to_string())
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(ReportRow {
            id: r.try_get::<String, _>("id")?.parse()?,
            day: parse_day(&r.try_get::<String, _>("day")?)?,
            asked_to_pay: r.try_get::<i64, _>("asked_to_pay")? != 0,
            amount: r.try_get("amount")?,
            place: r.try_get("place")?,
            occurred_at: r.try_get::<Option<i64>, _>("occurred_at")?.map(instant),
            description: r.try_get("description")?,
            anonymous: r.try_get::<i64, _>("anonymous")? != 0,
            account: r
                .try_get::<Option<String>, _>("account_id")?
                .map(|s| s.parse())
                .transpose()?,
        })
    })
    .collect()
}
