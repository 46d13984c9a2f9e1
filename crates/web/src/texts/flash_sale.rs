//! The words of flash sales: the host's form and what buyers are told when a sale says no.
//! One field of `Texts`; the values are at the end of `en.rs` and `zh.rs`.

use farmgate_services::flash_sale::{
    CLOSED, NOT_LIVE, NOT_OPEN, OVER_LIMIT, SOLD_OUT, TOO_FEW_LEFT,
};

pub struct FlashSaleTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub variant: &'static str,
    pub price: &'static str,
    pub stock_limit: &'static str,
    pub per_buyer_limit: &'static str,
    pub countdown_seconds: &'static str,
    pub duration_minutes: &'static str,
    pub start: &'static str,
    /// `{units}`, `{price}`, `{opens}`, `{closes}` are filled in.
    pub started: &'static str,
    pub no_variants: &'static str,
    /// "{title} · {sku} · {price} · {stock} in stock"; `{…}` are filled in.
    pub variant_option: &'static str,
    pub sold_out: &'static str,
    pub too_few_left: &'static str,
    pub over_limit: &'static str,
    pub not_open: &'static str,
    pub closed: &'static str,
    pub not_live: &'static str,
    /// Labels of the form's fields, for their error messages.
    pub fields: &'static [(&'static str, &'static str)],
}

impl FlashSaleTexts {
    /// The reader's sentence for a flash sale's refusal, when `detail` is one.
    pub fn conflict(&self, detail: &str) -> Option<&'static str> {
        [
            (SOLD_OUT, self.sold_out),
            (TOO_FEW_LEFT, self.too_few_left),
            (OVER_LIMIT, self.over_limit),
            (NOT_OPEN, self.not_open),
            (CLOSED, self.closed),
            (NOT_LIVE, self.not_live),
        ]
        .into_iter()
        .find_map(|(known, sentence)| (known == detail).then_some(sentence))
    }
}
