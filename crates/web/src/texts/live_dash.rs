//! The words of lucky draws and the host's live dashboard — one field of `Texts`, with both
//! languages here.

use farmgate_services::live_draws::{DRAW_ALREADY_OPEN, DRAW_NOT_LIVE};

pub struct LiveDashTexts {
    // Lucky draws.
    pub draw_title: &'static str,
    pub draw_intro: &'static str,
    pub keyword: &'static str,
    pub prize: &'static str,
    pub winners: &'static str,
    pub window_seconds: &'static str,
    pub start_draw: &'static str,
    pub close_draw: &'static str,
    pub no_draws: &'static str,
    pub draw_open: &'static str,
    pub draw_drawn: &'static str,
    pub draw_interrupted: &'static str,
    /// Said to the host about an interrupted draw.
    pub interrupted_note: &'static str,
    /// "{n} entered so far".
    pub entered_so_far: &'static str,
    /// "{n} entered".
    pub entered: &'static str,
    pub nobody_won: &'static str,
    /// Room card: "Comment 「{keyword}」 to enter".
    pub comment_to_enter: &'static str,
    pub closes_in: &'static str,
    pub winners_are: &'static str,
    /// Notifications page, after the prize: "— you won it in a lucky draw".
    pub you_won: &'static str,
    pub draw_not_live: &'static str,
    pub draw_already_open: &'static str,
    // The dashboard.
    pub dashboard: &'static str,
    pub viewers_now: &'static str,
    pub peak_viewers: &'static str,
    pub unique_viewers: &'static str,
    /// After a capped unique count: "or more".
    pub or_more: &'static str,
    pub likes: &'static str,
    pub orders: &'static str,
    pub buyers: &'static str,
    pub gmv: &'static str,
    pub conversion: &'static str,
    pub product: &'static str,
    pub clicks: &'static str,
    pub units_sold: &'static str,
    pub sales: &'static str,
    pub final_figures: &'static str,
    /// Labels of the draw form's fields, for their error messages.
    pub fields: &'static [(&'static str, &'static str)],
}

impl LiveDashTexts {
    /// The reader's sentence for a draw's refusal, when `detail` is one.
    pub fn conflict(&self, detail: &str) -> Option<&'static str> {
        [
            (DRAW_NOT_LIVE, self.draw_not_live),
            (DRAW_ALREADY_OPEN, self.draw_already_open),
        ]
        .into_iter()
        .find_map(|(known, sentence)| (known == detail).then_some(sentence))
    }
}

pub const LIVE_DASH_EN: LiveDashTexts = LiveDashTexts {
    draw_title: "Lucky draw",
    draw_intro: "Viewers who comment the keyword while the draw is open enter once each; your shop's people cannot enter. Winners are drawn at random when it closes and told in the app.",
    keyword: "Keyword",
    prize: "Prize",
    winners: "Winners",
    window_seconds: "Open for (seconds)",
    start_draw: "Start the draw",
    close_draw: "Draw now",
    no_draws: "No draws yet.",
    draw_open: "Open",
    draw_drawn: "Drawn",
    draw_interrupted: "Interrupted",
    interrupted_note: "The server restarted while this draw was open and its entries were lost, so nobody was drawn. Start a new draw if you wish.",
    entered_so_far: "{n} entered so far",
    entered: "{n} entered",
    nobody_won: "Nobody entered.",
    comment_to_enter: "Comment 「{keyword}」 to enter",
    closes_in: "Closes in",
    winners_are: "Winners",
    you_won: "— you won it in a lucky draw!",
    draw_not_live: "A lucky draw can only be started while the session is live.",
    draw_already_open: "This session already has a draw open: close it first.",
    dashboard: "Live dashboard",
    viewers_now: "Viewers now",
    peak_viewers: "Peak viewers",
    unique_viewers: "Unique viewers",
    or_more: "or more",
    likes: "Likes",
    orders: "Paid orders",
    buyers: "Buyers",
    gmv: "Sales (GMV)",
    conversion: "Conversion",
    product: "Product",
    clicks: "Clicks",
    units_sold: "Units sold",
    sales: "Sales",
    final_figures: "The session has ended: these are its final figures.",
    fields: &[
        ("keyword", "Keyword"),
        ("prize", "Prize"),
        ("winners", "Winners"),
        ("window_seconds", "Open for"),
    ],
};

pub const LIVE_DASH_ZH: LiveDashTexts = LiveDashTexts {
    draw_title: "抽奖",
    draw_intro: "抽奖进行中，发送关键词的观众各参与一次；本店人员不能参与。结束时随机抽出中奖者，并在站内通知他们。",
    keyword: "关键词",
    prize: "奖品",
    winners: "中奖人数",
    window_seconds: "参与时长（秒）",
    start_draw: "开始抽奖",
    close_draw: "立即开奖",
    no_draws: "还没有抽奖。",
    draw_open: "进行中",
    draw_drawn: "已开奖",
    draw_interrupted: "已中断",
    interrupted_note: "抽奖进行中服务器重启，参与记录已丢失，因此没有抽出中奖者。如需要，请重新发起抽奖。",
    entered_so_far: "已有 {n} 人参与",
    entered: "{n} 人参与",
    nobody_won: "没有人参与。",
    comment_to_enter: "发送「{keyword}」参与抽奖",
    closes_in: "距开奖",
    winners_are: "中奖者",
    you_won: "—— 你在直播抽奖中中奖了！",
    draw_not_live: "只有直播进行中才能发起抽奖。",
    draw_already_open: "本场已有进行中的抽奖，请先开奖。",
    dashboard: "直播数据",
    viewers_now: "当前在线",
    peak_viewers: "最高在线",
    unique_viewers: "观看人数",
    or_more: "以上",
    likes: "点赞",
    orders: "已付款订单",
    buyers: "下单人数",
    gmv: "成交额",
    conversion: "转化率",
    product: "商品",
    clicks: "点击",
    units_sold: "售出件数",
    sales: "销售额",
    final_figures: "直播已结束，以下为最终数据。",
    fields: &[
        ("keyword", "关键词"),
        ("prize", "奖品"),
        ("winners", "中奖人数"),
        ("window_seconds", "参与时长"),
    ],
};
