//! Payments received, whatever became of them. A payment is money that arrived: it is recorded
//! first and never lost, then applied to its booking if it can be. One that arrives after the
//! booking lapsed reinstates it when its place is still free; one that cannot be applied (the
//! booking was cancelled, already paid, the amount is wrong, the billing code unknown) is owed
//! back, and the applicant and staff see that.

use super::audit::{self, Actor};
use super::bookings::{ACTIVE, PLACE_IS_FREE};
use super::PointRead;
use super::{instant, Db};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Paid in time: the booking is confirmed.
    Applied,
    /// Paid after the deadline, and the booking's place was still free: confirmed after all.
    Reinstated,
    /// Could not be applied; the money is owed back.
    RefundDue,
}

/// Why a payment is owed back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundReason {
    UnknownBillingCode,
    WrongAmount,
    AlreadyPaid,
    Cancelled,
    /// Paid after the deadline, and the place went to someone else meanwhile (or the day was
    /// closed, or the appointment passed).
    PlaceTaken,
    /// Paid after the deadline, and the person has another active booking by now.
    PersonRebooked,
    /// The booking was released because attendance was not reconfirmed in time.
    NotReconfirmed,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Reinstated => "reinstated",
            Outcome::RefundDue => "refund_due",
        }
    }

    fn parse(text: &str) -> Option<Outcome> {
        [Outcome::Applied, Outcome::Reinstated, Outcome::RefundDue]
            .into_iter()
            .find(|o| o.as_str() == text)
    }
}

fn reason_name(reason: RefundReason) -> String {
    super::bookings::enum_name(&reason)
}

/// Where the money came through: the provider's signed callback, a counter, an operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Provider,
    Counter,
    Operator,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Provider => "provider",
            Channel::Counter => "counter",
            Channel::Operator => "operator",
        }
    }
}

pub struct Received {
    pub channel: Channel,
    /// Unique per channel: a provider retrying its callback is recognised.
    pub reference: String,
    pub billing_code: String,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub outcome: Outcome,
    pub reason: Option<RefundReason>,
    pub booking_id: Option<Uuid>,
}

/// Records a payment and applies it if it can, in one transaction (with its audit row for
/// counter and operator payments). The same reference again returns what was recorded then.
pub async fn receive(
    db: &Db,
    received: Received,
    audit: Option<(Actor, String)>,
    now: DateTime<Utc>,
) -> anyhow::Result<Recorded> {
    db.write(move |c| Box::pin(async move { receive_in(c, received, audit, now).await }))
        .await
}

async fn receive_in(
    c: &mut AnyConnection,
    received: Received,
    audit: Option<(Actor, String)>,
    now: DateTime<Utc>,
) -> anyhow::Result<Recorded> {
    let channel = received.channel.as_str();
    if let Some(earlier) = sqlx::query(
        "SELECT outcome, reason, booking_id FROM payments WHERE channel = $1 AND provider_reference = $2",
    )
    .bind(channel)
    .bind(&received.reference)
    .fetch_optional(&mut *c)
    .await?
    {
        return recorded_from(&earlier);
    }
    let booking = sqlx::query(
        "SELECT b.id, b.status, b.fee_total, b.payment_deadline, b.nik, b.slot_id, s.office_id
         FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE b.billing_code = $1",
    )
    .bind(&received.billing_code)
    .fetch_optional(&mut *c)
    .await?;
    let (outcome, reason, booking_id, office) = match booking {
        None => (
            Outcome::RefundDue,
            Some(RefundReason::UnknownBillingCode),
            None,
            None,
        ),
        Some(b) => {
            let id: String = b.try_get("id")?;
            let office: String = b.try_get("office_id")?;
            let (outcome, reason) = apply(c, &b, received.amount, now).await?;
            (outcome, reason, Some(id), Some(office))
        }
    };
    sqlx::query(
        "INSERT INTO payments (id, channel, provider_reference, billing_code, booking_id, amount, received_at, outcome, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(Uuid::now_v7().to_string())
    .bind(channel)
    .bind(&received.reference)
    .bind(&received.billing_code)
    .bind(booking_id.clone())
    .bind(received.amount)
    .bind(now.timestamp())
    .bind(outcome.as_str())
    .bind(reason.map(reason_name))
    .execute(&mut *c)
    .await?;
    if let Some((actor, action)) = &audit {
        audit::record(
            c,
            audit::Entry {
                actor,
                office_id: office.as_deref(),
                action,
                target: booking_id.clone(),
                detail: serde_json::json!({
                    "billing_code": received.billing_code,
                    "amount": received.amount,
                    "outcome": outcome,
                    "reason": reason,
                }),
            },
            now,
        )
        .await?;
    }
    Ok(Recorded {
        outcome,
        reason,
        booking_id: booking_id.map(|id| id.parse()).transpose()?,
    })
}

/// Applies money to a booking row (`id, status, fee_total, payment_deadline, nik, slot_id`).
async fn apply(
    c: &mut AnyConnection,
    b: &sqlx::any::AnyRow,
    amount: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<(Outcome, Option<RefundReason>)> {
    let id: String = b.try_get("id")?;
    let status: String = b.try_get("status")?;
    if amount != b.try_get::<i64, _>("fee_total")? {
        return Ok((Outcome::RefundDue, Some(RefundReason::WrongAmount)));
    }
    let confirm = "UPDATE bookings SET status = 'confirmed', paid_at = $2 WHERE id = $1";
    match status.as_str() {
        // Still holding its place (an expired hold not lapsed yet counts as in time: nobody
        // else could have had the place).
        "pending_payment" => {
            sqlx::query(&format!("{confirm} AND status = 'pending_payment'"))
                .bind(&id)
                .bind(now.timestamp())
                .execute(&mut *c)
                .await?;
            let late = instant(b.try_get("payment_deadline")?) <= now;
            Ok(if late {
                (Outcome::Reinstated, None)
            } else {
                (Outcome::Applied, None)
            })
        }
        "lapsed" => {
            let nik: String = b.try_get("nik")?;
            let rebooked = sqlx::query(&format!(
                "SELECT 1 AS one FROM bookings WHERE nik = $1 AND status IN {ACTIVE}"
            ))
            .bind(&nik)
            .fetch_optional(&mut *c)
            .await?
            .is_some();
            if rebooked {
                return Ok((Outcome::RefundDue, Some(RefundReason::PersonRebooked)));
            }
            let slot: i64 = b.try_get("slot_id")?;
            let took = sqlx::query(&format!(
                "UPDATE slots SET booked = booked + 1 WHERE id = $1 AND {PLACE_IS_FREE} AND starts_at > $2"
            ))
            .bind(slot)
            .bind(now.timestamp())
            .execute(&mut *c)
            .await?
            .rows_affected()
                == 1;
            if !took {
                return Ok((Outcome::RefundDue, Some(RefundReason::PlaceTaken)));
            }
            sqlx::query(&format!("{confirm} AND status = 'lapsed'"))
                .bind(&id)
                .bind(now.timestamp())
                .execute(&mut *c)
                .await?;
            sqlx::query("UPDATE bookings SET closed_at = NULL WHERE id = $1")
                .bind(&id)
                .execute(&mut *c)
                .await?;
            Ok((Outcome::Reinstated, None))
        }
        "cancelled" => Ok((Outcome::RefundDue, Some(RefundReason::Cancelled))),
        _ => Ok((Outcome::RefundDue, Some(RefundReason::AlreadyPaid))),
    }
}

fn recorded_from(r: &sqlx::any::AnyRow) -> anyhow::Result<Recorded> {
    let outcome: String = r.try_get("outcome")?;
    Ok(Recorded {
        outcome: Outcome::parse(&outcome)
            .ok_or_else(|| anyhow::anyhow!("stored outcome {outcome:?}"))?,
        reason: r
            .try_get::<Option<String>, _>("reason")?
            .map(|text| serde_json::from_value(serde_json::Value::String(text)))
            .transpose()?,
        booking_id: r
            .try_get::<Option<String>, _>("booking_id")?
            .map(|id| id.parse())
            .transpose()?,
    })
}

/// A payment as shown with its booking.
#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub amount: i64,
    pub received_at: DateTime<Utc>,
    pub channel: String,
    pub outcome: Outcome,
    pub reason: Option<RefundReason>,
}

/// The payments of some bookings, oldest first, by booking id.
pub async fn of_bookings(
    db: &Db,
    ids: &[Uuid],
) -> anyhow::Result<std::collections::HashMap<Uuid, Vec<PaymentRow>>> {
    let mut out: std::collections::HashMap<Uuid, Vec<PaymentRow>> = Default::default();
    if ids.is_empty() {
        return Ok(out);
    }
    let params = (1..=ids.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT booking_id, amount, received_at, channel, outcome, reason FROM payments
         WHERE booking_id IN ({params}) ORDER BY received_at, id"
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(id.to_string());
    }
    for r in q.fetch_all(&db.read).await? {
        let recorded = recorded_from(&r)?;
        let Some(booking) = recorded.booking_id else {
            continue;
        };
        out.entry(booking).or_default().push(PaymentRow {
            amount: r.try_get("amount")?,
            received_at: instant(r.try_get("received_at")?),
            channel: r.try_get("channel")?,
            outcome: recorded.outcome,
            reason: recorded.reason,
        });
    }
    Ok(out)
}

/// Whether the office lets staff take payment at the counter (office policy, `data/`).
pub async fn counter_allowed(db: &Db, office_id: &str) -> anyhow::Result<bool> {
    Ok(
        sqlx::query("SELECT counter_payment FROM offices WHERE id = $1")
            .bind(office_id)
            .fetch_point(db)
            .await?
            .map(|r| r.try_get::<i64, _>("counter_payment"))
            .transpose()?
            == Some(1),
    )
}
