//! The words of live coupons: the host's form and list, the room's card, "my coupons", the
//! cart's choice, and what a buyer is told when a claim or a checkout's coupon is refused.
//! One field of `Texts`; the values are at the end of `en.rs` and `zh.rs`.

use farmgate_services::coupons::{
    ALL_CLAIMED, DOES_NOT_APPLY, EXPIRED, LIMIT_REACHED, NOT_HELD, NOT_LIVE, ONE_PER_ORDER, USED,
    WITHDRAWN,
};

pub struct CouponTexts {
    pub title: &'static str,
    pub drop_title: &'static str,
    pub drop_intro: &'static str,
    pub amount_off: &'static str,
    pub minimum_spend: &'static str,
    pub quantity: &'static str,
    pub per_buyer_limit: &'static str,
    pub valid_days: &'static str,
    pub drop: &'static str,
    pub withdraw: &'static str,
    pub withdrawn: &'static str,
    pub none_dropped: &'static str,
    /// "{off} off orders from {spend}"; `{…}` are filled in (card, lists, cart).
    pub terms: &'static str,
    /// "{claimed} of {quantity} claimed · {limit} per buyer · usable until {until}".
    pub progress: &'static str,
    /// "{remaining} left · up to {limit} per buyer", in the room.
    pub left: &'static str,
    pub claim: &'static str,
    pub claimed: &'static str,
    pub sign_in_to_claim: &'static str,
    pub my_coupons: &'static str,
    pub no_claims: &'static str,
    pub unused: &'static str,
    pub used: &'static str,
    pub expired: &'static str,
    /// "Usable until {until}".
    pub usable_until: &'static str,
    pub in_cart: &'static str,
    pub no_coupon: &'static str,
    pub discount: &'static str,
    pub not_live: &'static str,
    pub all_claimed: &'static str,
    pub limit_reached: &'static str,
    pub expired_refusal: &'static str,
    pub withdrawn_refusal: &'static str,
    pub not_held: &'static str,
    pub used_refusal: &'static str,
    pub does_not_apply: &'static str,
    pub one_per_order: &'static str,
    /// Labels of the form's fields, for their error messages.
    pub fields: &'static [(&'static str, &'static str)],
}

impl CouponTexts {
    /// The reader's sentence for a coupon's refusal, when `detail` is one.
    pub fn conflict(&self, detail: &str) -> Option<&'static str> {
        [
            (NOT_LIVE, self.not_live),
            (ALL_CLAIMED, self.all_claimed),
            (LIMIT_REACHED, self.limit_reached),
            (EXPIRED, self.expired_refusal),
            (WITHDRAWN, self.withdrawn_refusal),
            (NOT_HELD, self.not_held),
            (USED, self.used_refusal),
            (DOES_NOT_APPLY, self.does_not_apply),
            (ONE_PER_ORDER, self.one_per_order),
        ]
        .into_iter()
        .find_map(|(known, sentence)| (known == detail).then_some(sentence))
    }

    /// "¥5.00 off orders from ¥49.00".
    pub fn describe(&self, off: impl ToString, spend: impl ToString) -> String {
        self.terms
            .replace("{off}", &off.to_string())
            .replace("{spend}", &spend.to_string())
    }
}
