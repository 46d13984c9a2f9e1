//! What a provider tells Farmgate asynchronously: a payment or a refund reached its outcome.
//! This is the sandbox's wire format (JSON); other providers translate theirs into it.

use serde::{Deserialize, Serialize};

use crate::signature::SignatureError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentOutcome {
    Succeeded,
    Failed,
    /// Expired or closed before the buyer paid.
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundOutcome {
    Succeeded,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)]
pub enum Notification {
    Payment {
        /// Unique per notification, not per delivery: a duplicate repeats it.
        notification_id: String,
        /// Farmgate's payment id, as given when the payment was created.
        out_trade_no: String,
        provider_ref: String,
        outcome: PaymentOutcome,
        amount_fen: i64,
        currency: String,
        /// Unix milliseconds when the outcome happened at the provider.
        at: i64,
    },
    Refund {
        notification_id: String,
        /// Farmgate's refund id.
        out_refund_no: String,
        out_trade_no: String,
        provider_ref: String,
        outcome: RefundOutcome,
        amount_fen: i64,
        currency: String,
        at: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotificationError {
    #[error("callback signature refused: {0}")]
    Signature(#[from] SignatureError),
    #[error("callback body unreadable: {0}")]
    Malformed(String),
}

impl Notification {
    pub fn to_json(&self) -> String {
        // Serialising plain strings and integers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(body: &[u8]) -> Result<Self, NotificationError> {
        serde_json::from_slice(body).map_err(|e| NotificationError::Malformed(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_round_trip_and_junk_is_malformed() {
        let sent = Notification::Payment {
            notification_id: "n1".into(),
            out_trade_no: "p1".into(),
            provider_ref: "sbx_1".into(),
            outcome: PaymentOutcome::Succeeded,
            amount_fen: 12_50,
            currency: "CNY".into(),
            at: 1,
        };
        let json = sent.to_json();
        assert!(json.contains(r#""event":"payment""#), "{json}");
        assert_eq!(Notification::from_json(json.as_bytes()), Ok(sent));
        for junk in [&b""[..], b"{}", b"[1]", b"{\"event\":\"payment\"}", b"\xff"] {
            assert!(matches!(
                Notification::from_json(junk),
                Err(NotificationError::Malformed(_))
            ));
        }
        let extra = json.replace("}", r#","surprise":1}"#);
        assert!(Notification::from_json(extra.as_bytes()).is_err());
    }
}
