//! The words of village e-commerce leaders: the hub's page that appoints them, sets their
//! terms and ranks them; the share card and poster; a leader's own figures. One field of
//! `Texts`, with its English and Chinese values.

use farmgate_services::roles::NO_SUCH_ACCOUNT;

pub struct LeaderTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub email: &'static str,
    pub appoint: &'static str,
    pub stand_down: &'static str,
    pub none: &'static str,
    pub no_such_account: &'static str,
    pub nav: &'static str,
    pub share_heading: &'static str,
    pub share_hint: &'static str,
    pub product_badge: &'static str,
    pub scan_to_buy: &'static str,
    pub my_title: &'static str,
    /// "Your neighbours' orders within {days} days of opening your link earn you …".
    pub my_terms: &'static str,
    pub how_to_share: &'static str,
    pub clicks: &'static str,
    pub buyers: &'static str,
    pub orders: &'static str,
    pub pending: &'static str,
    pub earned: &'static str,
    pub paid: &'static str,
    pub owed: &'static str,
    /// "Ranking, last {days} days".
    pub ranking: &'static str,
    pub leader: &'static str,
    pub sales: &'static str,
    pub commission: &'static str,
    pub terms: &'static str,
    pub window_days: &'static str,
    pub default_percent: &'static str,
    pub category_percent: &'static str,
    pub save_terms: &'static str,
}

impl LeaderTexts {
    /// The reader's sentence for a refusal, when `detail` is one of the leaders'.
    pub fn conflict(&self, detail: &str) -> Option<&'static str> {
        (detail == NO_SUCH_ACCOUNT).then_some(self.no_such_account)
    }
}

pub const LEADER_EN: LeaderTexts = LeaderTexts {
    title: "Village e-commerce leaders",
    intro: "Leaders share products and group-buys with their neighbours through links that carry their mark, and earn a commission on what those neighbours buy. Appoint one by the email address of their Farmgate account.",
    email: "Email address of the account",
    appoint: "Appoint as leader",
    stand_down: "Stand down",
    none: "No leader yet.",
    no_such_account: "No account has that email address: ask them to sign up first.",
    nav: "My sharing",
    share_heading: "Share as a leader",
    share_hint: "This link and poster carry your mark: what neighbours buy after opening it earns you a commission.",
    product_badge: "Recommended",
    scan_to_buy: "Scan to buy",
    my_title: "My sharing and commission",
    my_terms: "Orders placed within {days} days of opening your link earn you {rate} of what the buyer paid for the goods (some categories differ). Commission is yours when the order is delivered, and a refund takes its share back.",
    how_to_share: "Open any product or group-buy team: its share card gives you a link and a QR poster with your mark.",
    clicks: "Clicks",
    buyers: "Buyers",
    orders: "Orders",
    pending: "Commission pending (not yet delivered)",
    earned: "Commission earned",
    paid: "Paid to you",
    owed: "Owed to you now",
    ranking: "Ranking, last {days} days",
    leader: "Leader",
    sales: "Sales",
    commission: "Commission",
    terms: "Terms for leaders",
    window_days: "Attribution window (days, 1–30)",
    default_percent: "Commission (% of goods paid)",
    category_percent: "Own rate for",
    save_terms: "Save terms",
};

pub const LEADER_ZH: LeaderTexts = LeaderTexts {
    title: "村级电商带头人",
    intro: "带头人通过带有本人标记的链接向乡亲分享商品和拼团，并按乡亲的购买获得佣金。请输入其农门账号的邮箱进行任命。",
    email: "账号邮箱",
    appoint: "任命为带头人",
    stand_down: "取消任命",
    none: "暂无带头人。",
    no_such_account: "没有使用该邮箱的账号：请先让对方注册。",
    nav: "我的分享",
    share_heading: "带头人分享",
    share_hint: "此链接和海报带有您的标记：乡亲打开后购买，您可获得佣金。",
    product_badge: "好物推荐",
    scan_to_buy: "扫码购买",
    my_title: "我的分享与佣金",
    my_terms: "乡亲打开您的链接后 {days} 天内下单，您可获得商品实付金额的 {rate}（部分类目另计）。订单签收后佣金入账，退款时按比例扣回。",
    how_to_share: "打开任意商品或拼团页面，分享卡片会给出带您标记的链接和二维码海报。",
    clicks: "点击",
    buyers: "买家",
    orders: "订单",
    pending: "待入账佣金（未签收）",
    earned: "已入账佣金",
    paid: "已打款",
    owed: "待打款",
    ranking: "近 {days} 天排行",
    leader: "带头人",
    sales: "成交额",
    commission: "佣金",
    terms: "带头人规则",
    window_days: "归因窗口（天，1–30）",
    default_percent: "佣金比例（商品实付的 %）",
    category_percent: "单独比例：",
    save_terms: "保存规则",
};
