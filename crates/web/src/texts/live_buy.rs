//! The words of buying inside a live room: the buy sheet, the cashier overlay, the flash-sale
//! card, and why a checkout was refused. One field of `Texts`; the values are at the end of
//! `en.rs` and `zh.rs`.

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
