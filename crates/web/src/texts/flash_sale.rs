//! The words of flash sales: the host's form and what buyers are told when a sale says no.
//! One field of `Texts`, with its English and Chinese values.

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

pub const FLASH_SALE_EN: FlashSaleTexts = FlashSaleTexts {
    title: "Start a flash sale",
    intro: "The units leave the variant's stock now and what is not sold goes back when the sale closes. Orders left unpaid for 10 minutes give their units back to the sale.",
    variant: "Variant",
    price: "Special price (¥)",
    stock_limit: "Units for the sale",
    per_buyer_limit: "Per buyer, at most",
    countdown_seconds: "Countdown before it opens (seconds)",
    duration_minutes: "Open for (minutes)",
    start: "Start the flash sale",
    started: "Flash sale started: {units} units at {price}, open from {opens} to {closes}.",
    no_variants: "No variant in this session's bag is on sale.",
    variant_option: "{title} · {sku} · {price} · {stock} in stock",
    sold_out: "This flash sale is sold out.",
    too_few_left: "Fewer units are left in this flash sale than you asked for.",
    over_limit: "That would take you over this flash sale's limit per buyer.",
    not_open: "This flash sale has not opened yet.",
    closed: "This flash sale is over.",
    not_live: "A flash sale can only be started while the session is live.",
    fields: &[
        ("sku", "Variant"),
        ("stock_limit", "Units for the sale"),
        ("per_buyer_limit", "Per buyer"),
        ("countdown_seconds", "Countdown"),
        ("duration_minutes", "Duration"),
    ],
};

pub const FLASH_SALE_ZH: FlashSaleTexts = FlashSaleTexts {
    title: "发起秒杀",
    intro: "秒杀库存现在就从该规格的库存中划出，未售出的部分在秒杀结束时退回。下单后 10 分钟未付款的订单，其库存退回秒杀。",
    variant: "规格",
    price: "秒杀价（元）",
    stock_limit: "秒杀库存",
    per_buyer_limit: "每人限购",
    countdown_seconds: "开抢倒计时（秒）",
    duration_minutes: "持续时间（分钟）",
    start: "开始秒杀",
    started: "秒杀已发起：{units} 件，秒杀价 {price}，{opens} 开抢，{closes} 结束。",
    no_variants: "本场直播的购物袋中没有在售的规格。",
    variant_option: "{title} · {sku} · {price} · 库存 {stock}",
    sold_out: "秒杀已抢光。",
    too_few_left: "秒杀剩余数量不足您要买的数量。",
    over_limit: "超出本次秒杀的每人限购数量。",
    not_open: "秒杀尚未开始。",
    closed: "秒杀已结束。",
    not_live: "只有直播进行中才能发起秒杀。",
    fields: &[
        ("sku", "规格"),
        ("stock_limit", "秒杀库存"),
        ("per_buyer_limit", "每人限购"),
        ("countdown_seconds", "倒计时"),
        ("duration_minutes", "持续时间"),
    ],
};
