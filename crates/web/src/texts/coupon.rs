//! The words of live coupons: the host's form and list, the room's card, "my coupons", the
//! cart's choice, and what a buyer is told when a claim or a checkout's coupon is refused.
//! One field of `Texts`, with its English and Chinese values.

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
    /// An order's discounts on the buyer's orders: coupon and campaign savings together.
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

pub const COUPON_EN: CouponTexts = CouponTexts {
    title: "Coupons",
    drop_title: "Drop a coupon",
    drop_intro: "Viewers claim it in the room and use it at checkout on this shop's orders whose goods reach the minimum spend. The shop bears the discount.",
    amount_off: "Amount off (¥)",
    minimum_spend: "Minimum spend (¥, goods before shipping)",
    quantity: "How many in all",
    per_buyer_limit: "Per buyer, at most (1–5)",
    valid_days: "Usable for (days)",
    drop: "Drop the coupon",
    withdraw: "Withdraw",
    withdrawn: "Withdrawn",
    none_dropped: "No coupon dropped in this session yet.",
    terms: "{off} off orders from {spend}",
    progress: "{claimed} of {quantity} claimed · {limit} per buyer · usable until {until}",
    left: "{remaining} left · up to {limit} per buyer",
    claim: "Claim",
    claimed: "Claimed! Use it at checkout.",
    sign_in_to_claim: "Sign in to claim",
    my_coupons: "My coupons",
    no_claims: "You have no coupons yet: claim them in live rooms.",
    unused: "Unused",
    used: "Used",
    expired: "Expired",
    usable_until: "Usable until {until}",
    in_cart: "Coupons",
    no_coupon: "No coupon",
    discount: "Discounts",
    not_live: "A coupon can only be dropped or claimed while the session is live.",
    all_claimed: "Every coupon of this drop has been claimed.",
    limit_reached: "You have claimed as many of this coupon as one buyer may.",
    expired_refusal: "This coupon has expired.",
    withdrawn_refusal: "The host has withdrawn this coupon.",
    not_held: "This coupon is not one you have claimed.",
    used_refusal: "This coupon has already been used.",
    does_not_apply: "This coupon does not apply: it is for another shop, or the order does not reach its minimum spend.",
    one_per_order: "Only one coupon can be used for each shop's order.",
    fields: &[
        ("amount_off", "Amount off"),
        ("minimum_spend", "Minimum spend"),
        ("quantity", "How many"),
        ("valid_days", "Usable for"),
        ("coupons", "Coupons"),
    ],
};

pub const COUPON_ZH: CouponTexts = CouponTexts {
    title: "优惠券",
    drop_title: "发放优惠券",
    drop_intro: "观众在直播间领取，结算时用于本店商品金额达到门槛的订单。优惠由店铺承担。",
    amount_off: "减免金额（元）",
    minimum_spend: "使用门槛（元，商品金额，不含运费）",
    quantity: "发放总数",
    per_buyer_limit: "每人限领（1–5 张）",
    valid_days: "有效期（天）",
    drop: "发放",
    withdraw: "撤回",
    withdrawn: "已撤回",
    none_dropped: "本场直播还没有发放优惠券。",
    terms: "满 {spend} 减 {off}",
    progress: "已领 {claimed} / {quantity} · 每人限领 {limit} 张 · {until} 前可用",
    left: "剩余 {remaining} 张 · 每人限领 {limit} 张",
    claim: "领取",
    claimed: "领取成功！结算时可用。",
    sign_in_to_claim: "登录后领取",
    my_coupons: "我的优惠券",
    no_claims: "还没有优惠券：去直播间领取吧。",
    unused: "未使用",
    used: "已使用",
    expired: "已过期",
    usable_until: "{until} 前可用",
    in_cart: "优惠券",
    no_coupon: "不使用优惠券",
    discount: "优惠",
    not_live: "只能在直播进行中发放或领取优惠券。",
    all_claimed: "本批优惠券已被领完。",
    limit_reached: "你已达到此优惠券的每人限领张数。",
    expired_refusal: "此优惠券已过期。",
    withdrawn_refusal: "主播已撤回此优惠券。",
    not_held: "这不是你领取的优惠券。",
    used_refusal: "此优惠券已被使用。",
    does_not_apply: "此优惠券不适用：它属于其他店铺，或订单商品金额未达到使用门槛。",
    one_per_order: "每个店铺的订单只能使用一张优惠券。",
    fields: &[
        ("amount_off", "减免金额"),
        ("minimum_spend", "使用门槛"),
        ("quantity", "发放总数"),
        ("valid_days", "有效期"),
        ("coupons", "优惠券"),
    ],
};
