//! What a coupon tells its room: the card (amount off, minimum spend, what is left, the limit
//! per buyer) when it is dropped, `null` when withdrawn, and the card again as claims take it.
//!
//! A claim storm must not become a frame storm, so a claim reposts the card only when the
//! number left lands on a step of a twentieth of the quantity, or is ten or fewer (where every
//! claim is news: "only 3 left"). However fast claims come, one drop sends at most about 31
//! frames in all; between steps the card is behind by less than 5 % of the quantity. The step
//! is decided from the count the database returned to that claim, and each count is returned
//! to exactly one claim, so no state is kept and several nodes post no more than one does.

use farmgate_domain::id::LiveSessionId;
use farmgate_live::RoomEvent;
use farmgate_store::CouponRecord;
use serde_json::{json, Value};

use crate::Services;

/// Every claim is shown from this many left down.
const SHOW_EVERY_CLAIM_BELOW: i64 = 10;
/// Otherwise a claim is shown each time this fraction of the quantity has gone.
const STEPS: i64 = 20;

impl Services {
    pub(crate) fn post_coupon(&self, coupon: &CouponRecord) {
        self.rooms.post(
            coupon.session_id.as_str(),
            RoomEvent::Coupon(coupon_card(coupon)),
        );
    }

    pub(super) fn post_coupon_withdrawn(&self, session: &LiveSessionId) {
        self.rooms
            .post(session.as_str(), RoomEvent::Coupon(Value::Null));
    }

    /// After a claim: the card again, when the number left is worth showing.
    pub(super) fn post_claimed(&self, coupon: &CouponRecord) {
        if worth_showing(coupon.quantity, coupon.remaining()) {
            self.post_coupon(coupon);
        }
    }
}

/// The card as the room's script draws it.
pub fn coupon_card(coupon: &CouponRecord) -> Value {
    json!({
        "id": coupon.id,
        "amount_off": coupon.amount_off.to_string(),
        "amount_off_fen": coupon.amount_off.minor(),
        "minimum_spend": coupon.minimum_spend.to_string(),
        "minimum_spend_fen": coupon.minimum_spend.minor(),
        "quantity": coupon.quantity,
        "remaining": coupon.remaining(),
        "per_buyer_limit": coupon.per_buyer_limit,
        "valid_until": coupon.valid_until.millis(),
    })
}

fn worth_showing(quantity: i64, remaining: i64) -> bool {
    let step = (quantity / STEPS).max(1);
    remaining <= SHOW_EVERY_CLAIM_BELOW || remaining % step == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_storm_posts_a_bounded_number_of_cards() {
        for quantity in [1, 7, 50, 1_000, 100_000] {
            let posted = (0..quantity)
                .filter(|claimed| worth_showing(quantity, quantity - claimed - 1))
                .count();
            assert!(posted <= 31, "{quantity}: {posted}");
        }
        let posted: Vec<i64> = (0..1_000)
            .map(|claimed| 1_000 - claimed - 1)
            .filter(|&left| worth_showing(1_000, left))
            .collect();
        assert_eq!(posted.first(), Some(&950));
        assert!(
            posted.ends_with(&[2, 1, 0]),
            "every claim near the end shows"
        );
    }

    #[test]
    fn small_drops_show_every_claim() {
        assert!((0..10).all(|left| worth_showing(10, left)));
    }
}
