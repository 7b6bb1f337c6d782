//! The audit trail of staff actions: who, when, what, at which office. Rows are written in the
//! same transaction as the action they record (an action that rolls back leaves no row, and
//! no action happens without its row) and nothing in the API changes or deletes them.

use super::{instant, Db};
use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

/// Who did something: a signed-in staff member or admin, or an operator command.
#[derive(Debug, Clone)]
pub struct Actor {
    pub account_id: Option<Uuid>,
    /// `staff`, `admin`, `operator` (the server's command line) or `system` (background jobs).
    pub role: &'static str,
}

impl Actor {
    pub fn operator() -> Actor {
        Actor {
            account_id: None,
            role: "operator",
        }
    }

    pub fn system() -> Actor {
        Actor {
            account_id: None,
            role: "system",
        }
    }
}

/// One action to record. `detail` is JSON with what the action needs to be understood later
/// (never a full NIK: staff actions name bookings, not people).
pub struct Entry<'a> {
    pub actor: &'a Actor,
    pub office_id: Option<&'a str>,
    pub action: &'a str,
    pub target: Option<String>,
    pub detail: serde_json::Value,
}

pub async fn record(
    c: &mut AnyConnection,
    entry: Entry<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_account_id, actor_role, office_id, action, target, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now.timestamp())
    .bind(entry.actor.account_id.map(|id| id.to_string()))
    .bind(entry.actor.role)
    .bind(entry.office_id)
    .bind(entry.action)
    .bind(entry.target)
    .bind(entry.detail.to_string())
    .execute(c)
    .await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct Recorded {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_account_id: Option<Uuid>,
    pub actor_role: String,
    pub office_id: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub detail: serde_json::Value,
}

/// An office's trail, newest first, `limit` rows before the row `before` (paging).
pub async fn of_office(
    db: &Db,
    office_id: &str,
    before: Option<i64>,
    limit: i64,
) -> anyhow::Result<Vec<Recorded>> {
    sqlx::query(
        "SELECT * FROM audit_log WHERE office_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
    )
    .bind(office_id)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(&db.read)
    .await?
    .iter()
    .map(|r| {
        Ok(Recorded {
            id: r.try_get("id")?,
            at: instant(r.try_get("at")?),
            actor_account_id: r
                .try_get::<Option<String>, _>("actor_account_id")?
                .map(|s| s.parse())
                .transpose()?,
            actor_role: r.try_get("actor_role")?,
            office_id: r.try_get("office_id")?,
            action: r.try_get("action")?,
            target: r.try_get("target")?,
            detail: serde_json::from_str(&r.try_get::<String, _>("detail")?)?,
        })
    })
    .collect()
}
