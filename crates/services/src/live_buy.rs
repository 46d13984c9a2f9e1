//! Buying inside a live room: a checkout that names its session is checked against the
//! session (live, product in its bag) and its orders count for the live channel and the
//! session; the room's buy sheet also needs the buyer's usual address and a price quote.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::{LiveSessionId, ProductId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::money::Money;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{DeliveryAddress, NewCheckout, Page};

use crate::checkout::{AddressForm, CheckoutRequest};
use crate::{ServiceError, ServiceResult, Services};

/// Why a room checkout is refused when its session is not on air.
pub const SESSION_NOT_LIVE: &str = "this live session is not on air";
/// Why a room checkout is refused for a product the host is not selling in it.
pub const NOT_IN_BAG: &str = "this product is not in the live session's bag";

/// The checkout's goods, shipping and total, as the buy sheet shows them before paying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckoutQuote {
    pub goods: Money,
    pub shipping: Money,
    pub total: Money,
}

/// Orders bought in a live room: counted in the live channel and to the session.
pub(crate) fn attribute_to_live(checkout: &mut NewCheckout, session: &LiveSessionId) {
    for detail in &mut checkout.orders {
        detail.order.channel = "live".to_owned();
        detail.order.live_session_id = Some(session.clone());
    }
}

impl From<&DeliveryAddress> for AddressForm {
    fn from(a: &DeliveryAddress) -> Self {
        AddressForm {
            recipient: a.recipient.clone(),
            phone: a.phone.clone(),
            province: a.province.clone(),
            city: a.city.clone(),
            county: a.county.clone(),
            detail: a.detail.clone(),
        }
    }
}

impl Services {
    /// What the checkout would cost, with every rule a checkout checks; nothing is written.
    pub async fn quote_checkout(
        &self,
        actor: &Actor,
        request: &CheckoutRequest,
    ) -> ServiceResult<CheckoutQuote> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let priced = self.price_checkout(request).await?;
        let sum = |part: fn(&farmgate_domain::checkout::OrderDraft) -> Money| {
            priced
                .drafts
                .iter()
                .try_fold(Money::fen(0), |sum, draft| sum.checked_add(part(draft)))
                .map_err(|e| ServiceError::Internal(e.to_string()))
        };
        Ok(CheckoutQuote {
            goods: sum(|d| d.goods_subtotal)?,
            shipping: sum(|d| d.shipping_fee)?,
            total: sum(|d| d.total)?,
        })
    }

    /// Where the buyer's last order went: the address a two-tap purchase uses.
    pub async fn default_address(&self, actor: &Actor) -> ServiceResult<Option<AddressForm>> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let last = self
            .store
            .orders_of_buyer(
                &actor.account_id,
                Page {
                    limit: 1,
                    offset: 0,
                },
            )
            .await?;
        Ok(last.first().map(|o| AddressForm::from(&o.order.address)))
    }

    /// A room checkout is taken only while the session is on air and only for its bag.
    pub(crate) async fn check_live_bag(
        &self,
        session: &LiveSessionId,
        products: impl IntoIterator<Item = &ProductId>,
    ) -> ServiceResult<()> {
        let session = self
            .store
            .live_session(session)
            .await?
            .ok_or_else(|| ValidationErrors::single("live_session", Problem::Invalid))?;
        if session.status != LiveStatus::Live {
            return Err(ServiceError::Conflict(SESSION_NOT_LIVE));
        }
        if products
            .into_iter()
            .any(|product| !session.bag.contains(product))
        {
            return Err(ServiceError::Conflict(NOT_IN_BAG));
        }
        Ok(())
    }
}
