//! The words of county campaigns: the hub's form and list, the landing page and its banner,
//! and the campaign prices on product and cart pages. One field of `Texts`, with its English
//! and Chinese values.

use farmgate_domain::campaign::coupon::{CampaignCouponTerms, CouponOff};
use farmgate_domain::campaign::PriceRule;
use farmgate_domain::money::Money;
use farmgate_services::campaigns::{BELOW_MINIMUM, NOT_RUNNING, NO_SUCH_CODE};

pub struct CampaignTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub new_heading: &'static str,
    pub rule_percent_off: &'static str,
    pub rule_fixed_price: &'static str,
    pub rule_spend_save: &'static str,
    pub scope_everything: &'static str,
    pub scope_categories: &'static str,
    pub scope_shops: &'static str,
    pub scope_products: &'static str,
    pub products_hint: &'static str,
    pub create: &'static str,
    pub none: &'static str,
    pub running: &'static str,
    pub upcoming: &'static str,
    pub ended: &'static str,
    pub end: &'static str,
    pub orders: &'static str,
    pub paid: &'static str,
    pub discount: &'static str,
    pub platform_bears: &'static str,
    pub landing: &'static str,
    /// "{off} off" ("{zhe}折": 8.5 for 15% off), "everything at {price}", "spend {threshold},
    /// save {off} across shops".
    pub percent_off: &'static str,
    pub fixed_price: &'static str,
    pub spend_save: &'static str,
    /// The window on the landing page: "{starts} – {ends}".
    pub window: &'static str,
    pub taking_part: &'static str,
    pub nothing_taking_part: &'static str,
    pub not_running: &'static str,
    /// In the cart: "{name}: {off} off at checkout" once the threshold is met.
    pub saving_met: &'static str,
    /// In the cart: "{name}: add {more} for {off} off".
    pub saving_short: &'static str,
    pub already_ended: &'static str,
    /// The banner's small line above the name.
    pub kicker: &'static str,
    /// On the producer's console: "{name}: {rule}, until {ends} — you bear {producer}% …".
    pub producer_share: &'static str,
    pub coupons: &'static str,
    pub kind_amount: &'static str,
    pub kind_percent: &'static str,
    pub issue: &'static str,
    pub no_coupons: &'static str,
    pub code: &'static str,
    /// "{claimed} of {quantity} claimed".
    pub claimed_of: &'static str,
    /// "{off} off from {spend}".
    pub amount_terms: &'static str,
    /// "{percent} off up to {cap} from {spend}" ({zhe} as for a rule).
    pub percent_terms: &'static str,
    pub claim: &'static str,
    pub claimed: &'static str,
    pub sign_in_to_claim: &'static str,
    pub have_code: &'static str,
    pub claim_code: &'static str,
    /// "{n} left".
    pub left: &'static str,
    pub in_cart: &'static str,
    pub no_campaign_coupon: &'static str,
    /// "saves {saves}".
    pub saves: &'static str,
    pub no_such_code: &'static str,
    pub below_minimum: &'static str,
    pub fields: &'static [(&'static str, &'static str)],
}

impl CampaignTexts {
    /// The rule as a buyer reads it on a badge or banner.
    pub fn rule(&self, rule: &PriceRule) -> String {
        match rule {
            PriceRule::PercentOff { percent } => self
                .percent_off
                .replace("{off}", &format!("{percent}%"))
                .replace("{zhe}", &zhe(*percent)),
            PriceRule::FixedPrice { price } => {
                self.fixed_price.replace("{price}", &price.to_string())
            }
            PriceRule::SpendSave { threshold, off } => self
                .spend_save
                .replace("{threshold}", &threshold.to_string())
                .replace("{off}", &off.to_string()),
        }
    }

    /// A coupon's terms as buyers read them.
    pub fn coupon_terms(&self, terms: &CampaignCouponTerms) -> String {
        let spend = terms.minimum_spend.to_string();
        match terms.off {
            CouponOff::Amount(off) => self
                .amount_terms
                .replace("{off}", &off.to_string())
                .replace("{spend}", &spend),
            CouponOff::Percent { percent, cap } => self
                .percent_terms
                .replace("{percent}", &format!("{percent}%"))
                .replace("{zhe}", &zhe(percent))
                .replace("{cap}", &cap.to_string())
                .replace("{spend}", &spend),
        }
    }

    /// The sentence for a campaign refusal, when it is one.
    pub fn conflict(&self, detail: &str) -> Option<&'static str> {
        [
            (NO_SUCH_CODE, self.no_such_code),
            (NOT_RUNNING, self.not_running),
            (BELOW_MINIMUM, self.below_minimum),
        ]
        .into_iter()
        .find_map(|(known, sentence)| (known == detail).then_some(sentence))
    }

    /// The cart's line for a spend-save campaign with `covered` goods in it.
    pub fn saving(&self, name: &str, threshold: Money, off: Money, covered: Money) -> String {
        let short = threshold.minor() - covered.minor();
        let text = if short > 0 {
            self.saving_short
                .replace("{more}", &Money::fen(short).to_string())
        } else {
            self.saving_met.to_owned()
        };
        text.replace("{name}", name)
            .replace("{off}", &off.to_string())
    }
}

/// Chinese says what is paid, in tenths: 15% off is 8.5折, 20% off 8折.
fn zhe(percent_off: i64) -> String {
    let paid = 100 - percent_off;
    let tenths = format!("{}.{}", paid / 10, paid % 10);
    tenths.trim_end_matches(".0").to_owned()
}

pub static CAMPAIGN_EN: CampaignTexts = CampaignTexts {
    title: "Campaigns",
    intro: "Shopping festivals across the county: a window, the products taking part, one price rule, and the platform's share of every discount (producers bear the rest). Each price rule stacks as the priority in docs/campaigns.md says: one item price per line, spend-save once per checkout, the shop's coupon last.",
    new_heading: "New campaign",
    rule_percent_off: "Percent off each unit",
    rule_fixed_price: "Fixed price a unit",
    rule_spend_save: "Spend X, save Y across shops",
    scope_everything: "Every product",
    scope_categories: "These categories",
    scope_shops: "These producers",
    scope_products: "These products",
    products_hint: "One product a line: its id or its page's link",
    create: "Create campaign",
    none: "No campaigns yet.",
    running: "Running",
    upcoming: "Upcoming",
    ended: "Ended",
    end: "End now",
    orders: "Paid orders",
    paid: "Paid",
    discount: "Discounts",
    platform_bears: "Platform bears",
    landing: "Landing page",
    percent_off: "{off} off",
    fixed_price: "Everything at {price}",
    spend_save: "Spend {threshold}, save {off} across shops",
    window: "{starts} – {ends}",
    taking_part: "Taking part",
    nothing_taking_part: "No product on sale takes part yet.",
    not_running: "This campaign is not running now: its prices and coupons wait for it.",
    saving_met: "{name}: {off} off at checkout",
    saving_short: "{name}: add {more} of its goods for {off} off",
    already_ended: "This campaign has already ended.",
    kicker: "County shopping festival",
    producer_share: "Your products are in {name}: {rule}, until {ends}. You bear {producer}% of each discount, the platform {platform}%.",
    coupons: "Coupons",
    kind_amount: "An amount off",
    kind_percent: "A percentage off, up to a cap",
    issue: "Issue coupon",
    no_coupons: "No coupons for this campaign yet.",
    code: "Code",
    claimed_of: "{claimed} of {quantity} claimed",
    amount_terms: "{off} off from {spend}",
    percent_terms: "{percent} off up to {cap} from {spend}",
    claim: "Claim",
    claimed: "Claimed: it is in your cart's coupons until it lapses.",
    sign_in_to_claim: "Sign in to claim",
    have_code: "Have a coupon code?",
    claim_code: "Claim with code",
    left: "{n} left",
    in_cart: "Platform coupon",
    no_campaign_coupon: "No platform coupon",
    saves: "saves {saves}",
    no_such_code: "No coupon has this code. Check it and try again.",
    below_minimum: "This coupon needs more of the campaign's goods in the cart: its minimum spend is not reached.",
    fields: &[
        ("starts", "Starts"),
        ("ends", "Ends (at most 31 days after it starts)"),
        ("rule", "Price rule"),
        ("percent_off", "Percent off (1–90)"),
        ("fixed_price", "Fixed price (¥)"),
        ("threshold", "Spend at least (¥)"),
        ("platform_share", "Platform's share of each discount (%, 0–100)"),
        ("scope", "Taking part"),
        ("categories", "Categories"),
        ("shops", "Producers"),
        ("products", "Products"),
        ("kind", "Coupon type"),
        ("cap", "Up to (¥)"),
        ("per_buyer_limit", "Per buyer (1–5)"),
        ("code", "Coupon code"),
    ],
};

pub static CAMPAIGN_ZH: CampaignTexts = CampaignTexts {
    title: "营销活动",
    intro: "全县的购物节：活动时间、参与商品、一条价格规则，以及平台承担的优惠比例（其余由生产者承担）。优惠按 docs/campaigns.md 的优先级叠加：每件商品只取一个活动价，跨店满减每单结算一次，店铺券最后使用。",
    new_heading: "新建活动",
    rule_percent_off: "每件打折",
    rule_fixed_price: "一口价",
    rule_spend_save: "跨店满减",
    scope_everything: "全部商品",
    scope_categories: "指定品类",
    scope_shops: "指定生产者",
    scope_products: "指定商品",
    products_hint: "每行一个商品：商品编号或商品页链接",
    create: "创建活动",
    none: "还没有活动。",
    running: "进行中",
    upcoming: "未开始",
    ended: "已结束",
    end: "立即结束",
    orders: "已付订单",
    paid: "成交额",
    discount: "优惠金额",
    platform_bears: "平台承担",
    landing: "活动页",
    percent_off: "{zhe}折",
    fixed_price: "全场{price}",
    spend_save: "跨店满{threshold}减{off}",
    window: "{starts} 至 {ends}",
    taking_part: "参与商品",
    nothing_taking_part: "暂无在售商品参与。",
    not_running: "活动不在进行中：活动价和优惠券暂不可用。",
    saving_met: "{name}：结算时减{off}",
    saving_short: "{name}：再买{more}活动商品可减{off}",
    already_ended: "活动已经结束。",
    kicker: "县域购物节",
    producer_share: "您的商品参加「{name}」：{rule}，至 {ends}。每笔优惠您承担 {producer}%，平台承担 {platform}%。",
    coupons: "活动优惠券",
    kind_amount: "满减券",
    kind_percent: "折扣券（有上限）",
    issue: "发券",
    no_coupons: "本活动还没有优惠券。",
    code: "券码",
    claimed_of: "已领 {claimed} / {quantity}",
    amount_terms: "满{spend}减{off}",
    percent_terms: "满{spend}打{zhe}折，最多减{cap}",
    claim: "领取",
    claimed: "领取成功：在失效前可在购物车中使用。",
    sign_in_to_claim: "登录后领取",
    have_code: "有券码？",
    claim_code: "兑换",
    left: "剩{n}张",
    in_cart: "平台券",
    no_campaign_coupon: "不使用平台券",
    saves: "可省{saves}",
    no_such_code: "没有这个券码的优惠券，请核对后再试。",
    below_minimum: "购物车中的活动商品未达到这张券的使用门槛。",
    fields: &[
        ("starts", "开始时间"),
        ("ends", "结束时间（开始后最多31天）"),
        ("rule", "价格规则"),
        ("percent_off", "折扣百分比（1–90）"),
        ("fixed_price", "一口价（元）"),
        ("threshold", "满（元）"),
        ("platform_share", "平台承担比例（%，0–100）"),
        ("scope", "参与范围"),
        ("categories", "品类"),
        ("shops", "生产者"),
        ("products", "商品"),
        ("kind", "券类型"),
        ("cap", "最多减（元）"),
        ("per_buyer_limit", "每人限领（1–5）"),
        ("code", "券码"),
    ],
};
