//! Pickup notices. The outbox is the parcels themselves: a down parcel that reached its point
//! (with its pickup code, in the same compare-and-set as the step) and has no notice row yet
//! still owes the villager a message. `send_pickup_notices` — run by a background task every
//! few seconds — finds those, sends each through a `Notifier`, and records the notice. If the
//! process dies between sending and recording, the message is sent again on the next pass:
//! at least once, never lost.

use async_trait::async_trait;
use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::account::Phone;
use farmgate_domain::parcel::{pickup_notice_text, PickupNotice};

use crate::{ServiceError, ServiceResult, Services};

/// The built-in provider's name, stored with each notice it carried.
pub const OUTBOX_PROVIDER: &str = "outbox";

/// Notices sent in one pass, so one pass stays short.
const NOTICES_PER_PASS: i64 = 200;

/// A text message to one phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMessage {
    pub to: Phone,
    pub text: String,
}

#[derive(Debug, thiserror::Error)]
#[error("the text message was not sent: {0}")]
pub struct NotifyError(pub String);

/// Something that sends text messages (an SMS gateway, or the built-in outbox).
#[async_trait]
pub trait Notifier: Send + Sync {
    /// Stored with each notice, to say who carried it.
    fn provider(&self) -> &'static str;
    /// Sends one message; the provider's reference for it.
    async fn send(&self, message: &TextMessage) -> Result<String, NotifyError>;
}

/// Stands in for an SMS gateway, as the payment sandbox stands in for a payment provider: it
/// delivers nowhere, and its messages are the notices recorded with its name, listed on the
/// logistics notices page.
#[derive(Debug, Default, Clone, Copy)]
pub struct OutboxNotifier;

#[async_trait]
impl Notifier for OutboxNotifier {
    fn provider(&self) -> &'static str {
        OUTBOX_PROVIDER
    }

    async fn send(&self, _message: &TextMessage) -> Result<String, NotifyError> {
        Ok(format!("{OUTBOX_PROVIDER}-{}", crate::new_id::<String>()))
    }
}

impl Services {
    /// Sends the notices owed; how many were sent. A failed send is left for the next pass.
    pub async fn send_pickup_notices(&self, notifier: &dyn Notifier) -> ServiceResult<usize> {
        let owed = self.store.parcels_awaiting_notice(NOTICES_PER_PASS).await?;
        if owed.is_empty() {
            return Ok(0);
        }
        let nodes = self.store.network_nodes().await?;
        let mut sent = 0;
        for id in owed {
            let Some(parcel) = self.store.parcel(&id).await? else {
                continue;
            };
            let (Some(point), Some(code)) = (
                nodes.iter().find(|node| node.id == parcel.point),
                parcel.pickup_code.as_ref(),
            ) else {
                continue;
            };
            let message = TextMessage {
                to: parcel.villager.phone.clone(),
                text: pickup_notice_text(&point.name, &point.hours, code),
            };
            let provider_ref = match notifier.send(&message).await {
                Ok(reference) => reference,
                Err(error) => {
                    tracing::warn!(parcel = %parcel.code, %error, "pickup notice not sent");
                    continue;
                }
            };
            let notice = PickupNotice {
                parcel: parcel.id,
                phone: message.to,
                text: message.text,
                provider: notifier.provider().to_owned(),
                provider_ref,
                sent_at: self.clock.now(),
            };
            if self.store.record_pickup_notice(&notice).await? {
                sent += 1;
            }
        }
        Ok(sent)
    }

    /// The latest notices, for the logistics notices page.
    pub async fn pickup_notices(
        &self,
        actor: &Actor,
        limit: i64,
    ) -> ServiceResult<Vec<PickupNotice>> {
        authorize(actor, &Action::HandleParcels)?;
        self.store
            .pickup_notices(limit)
            .await
            .map_err(ServiceError::from)
    }
}
