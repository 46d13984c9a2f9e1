//! The words of buying inside a live room: the buy sheet, the cashier overlay, the flash-sale
//! card, and why a checkout was refused. One field of `Texts`, with its English and Chinese
//! values.

use farmgate_services::checkout::{NOT_DELIVERED, NOT_ENOUGH_STOCK, OUT_OF_SEASON};
use farmgate_services::live_buy::{NOT_IN_BAG, SESSION_NOT_LIVE};

use super::Texts;

pub struct LiveBuyTexts {
    pub sheet_title: &'static str,
    pub variant: &'static str,
    /// "{n} left"; `{n}` is filled in.
    pub left: &'static str,
    pub sold_out: &'static str,
    pub change_address: &'static str,
    pub pay: &'static str,
    pub close: &'static str,
    pub cashier: &'static str,
    pub waiting_for_payment: &'static str,
    pub paid: &'static str,
    pub payment_failed: &'static str,
    pub network_error: &'static str,
    pub sign_in_to_buy: &'static str,
    pub sale_badge: &'static str,
    pub sale_regular: &'static str,
    pub sale_opens_in: &'static str,
    pub sale_closes_in: &'static str,
    /// "{n} of {m} left"; `{n}` and `{m}` are filled in.
    pub sale_left: &'static str,
    /// "Up to {n} per buyer"; `{n}` is filled in.
    pub sale_per_buyer: &'static str,
    pub sale_grab: &'static str,
    pub sale_sold_out: &'static str,
    pub sale_over: &'static str,
    /// Asked when the buyer grabs without an address on file.
    pub sale_needs_address: &'static str,
    pub not_delivered: &'static str,
    pub session_not_live: &'static str,
    pub not_in_bag: &'static str,
}

impl Texts {
    /// The reader's sentence for a refused checkout, when `detail` is one.
    pub fn checkout_conflict(&self, detail: &str) -> Option<&'static str> {
        [
            (NOT_ENOUGH_STOCK, self.not_enough_stock),
            (OUT_OF_SEASON, self.cart_out_of_season),
            (NOT_DELIVERED, self.live_buy.not_delivered),
            (SESSION_NOT_LIVE, self.live_buy.session_not_live),
            (NOT_IN_BAG, self.live_buy.not_in_bag),
        ]
        .into_iter()
        .find_map(|(known, sentence)| (known == detail).then_some(sentence))
    }
}

pub const LIVE_BUY_EN: LiveBuyTexts = LiveBuyTexts {
    sheet_title: "Buy now",
    variant: "Variant",
    left: "{n} left",
    sold_out: "Sold out",
    change_address: "Change",
    pay: "Pay",
    close: "Close",
    cashier: "Cashier",
    waiting_for_payment: "Waiting for the payment…",
    paid: "Paid ✓",
    payment_failed: "The payment did not go through. You can try again.",
    network_error: "Could not reach Farmgate. Try again.",
    sign_in_to_buy: "Sign in to buy",
    sale_badge: "Flash sale",
    sale_regular: "was",
    sale_opens_in: "Opens in",
    sale_closes_in: "Ends in",
    sale_left: "{n} of {m} left",
    sale_per_buyer: "Up to {n} per buyer",
    sale_grab: "Grab it",
    sale_sold_out: "Sold out",
    sale_over: "Over",
    sale_needs_address: "Where should it go? Fill in your address, then grab it again.",
    not_delivered: "This shop does not deliver to that address.",
    session_not_live: "This live session is not on air, so it cannot take orders now.",
    not_in_bag: "This product is not sold in this live session.",
};

pub const LIVE_BUY_ZH: LiveBuyTexts = LiveBuyTexts {
    sheet_title: "立即购买",
    variant: "规格",
    left: "剩 {n} 件",
    sold_out: "已售罄",
    change_address: "修改",
    pay: "付款",
    close: "关闭",
    cashier: "收银台",
    waiting_for_payment: "等待付款…",
    paid: "已付款 ✓",
    payment_failed: "付款未成功，可以再试一次。",
    network_error: "连接不上服务器，请重试。",
    sign_in_to_buy: "登录后购买",
    sale_badge: "秒杀",
    sale_regular: "原价",
    sale_opens_in: "距开抢",
    sale_closes_in: "距结束",
    sale_left: "剩 {n}/{m} 件",
    sale_per_buyer: "每人限购 {n} 件",
    sale_grab: "立即抢",
    sale_sold_out: "已抢光",
    sale_over: "已结束",
    sale_needs_address: "请先填写收货地址，再点立即抢。",
    not_delivered: "这家店不配送到该地址。",
    session_not_live: "这场直播不在进行中，现在不能下单。",
    not_in_bag: "这场直播不卖这件商品。",
};
