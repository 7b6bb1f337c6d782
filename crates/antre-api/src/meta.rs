use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// The server's clock. Release instants, payment deadlines and "today" at an office are judged
/// by it, so clients (whose device clocks may be wrong) show time relative to this.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct ServerTime {
    pub now: DateTime<Utc>,
}
