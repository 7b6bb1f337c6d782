//! The SMS gateway's inbound webhook: one message from a phone, answered with the replies sent
//! back (also handed to the outbound gateway).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SmsInbound {
    /// The gateway's id of the message: a retry with the same id is answered once.
    #[schema(min_length = 1, max_length = 100, example = "gw-0001")]
    pub message_id: String,
    /// The sender's number, e.g. `+6281234567890` or `081234567890`.
    #[schema(max_length = 32, example = "+6281234567890")]
    pub from: String,
    #[schema(max_length = 1600, example = "JADWAL BEKASI")]
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
#[ts(export)]
pub struct SmsInboundResult {
    /// The SMS sent back, in order (each at most 160 GSM-7 characters).
    pub replies: Vec<String>,
    /// The number is over its limit of messages per hour.
    pub rate_limited: bool,
    /// The message id was seen before: nothing was done again.
    pub duplicate: bool,
}
