//! The words of group-buys: what buyers and producers are told when a group-buy says no.
//! One field of `Texts`, with its English and Chinese values.

use farmgate_services::group_buys::{
    ALREADY_IN_TEAM, GROUP_BUY_ENDED, NO_UNITS_LEFT, OVER_BUYER_LIMIT, TEAM_ENDED, TEAM_FORMING,
    TEAM_FULL,
};
use farmgate_store::TEAM_NOT_FILLED;

pub struct GroupBuyTexts {
    pub group_buy_ended: &'static str,
    pub team_ended: &'static str,
    pub team_full: &'static str,
    pub already_in_team: &'static str,
    pub over_buyer_limit: &'static str,
    pub no_units_left: &'static str,
    pub team_forming: &'static str,
    pub team_not_filled: &'static str,
}

impl GroupBuyTexts {
    /// The reader's sentence for a group-buy's refusal, when `detail` is one.
    pub fn conflict(&self, detail: &str) -> Option<&'static str> {
        [
            (GROUP_BUY_ENDED, self.group_buy_ended),
            (TEAM_ENDED, self.team_ended),
            (TEAM_FULL, self.team_full),
            (ALREADY_IN_TEAM, self.already_in_team),
            (OVER_BUYER_LIMIT, self.over_buyer_limit),
            (NO_UNITS_LEFT, self.no_units_left),
            (TEAM_FORMING, self.team_forming),
            (TEAM_NOT_FILLED, self.team_not_filled),
        ]
        .into_iter()
        .find_map(|(known, sentence)| (known == detail).then_some(sentence))
    }
}

pub const GROUP_BUY_EN: GroupBuyTexts = GroupBuyTexts {
    group_buy_ended: "This group-buy has ended: no new teams can open.",
    team_ended: "This team has ended. Open a new team instead.",
    team_full: "This team is full. Open a new team or join another.",
    already_in_team: "You are already in this team.",
    over_buyer_limit: "That would take you over this group-buy's limit per buyer.",
    no_units_left: "This group-buy has no units left.",
    team_forming: "A group-buy order can ask for a refund once its team has ended; if it does not fill, you are refunded in full.",
    team_not_filled: "This group-buy order ships once its team has filled.",
};

pub const GROUP_BUY_ZH: GroupBuyTexts = GroupBuyTexts {
    group_buy_ended: "该拼团活动已结束，不能再开团。",
    team_ended: "该团已结束，请重新开团。",
    team_full: "该团已满，请开新团或参加其他团。",
    already_in_team: "您已在该团中。",
    over_buyer_limit: "超出该拼团每人限购数量。",
    no_units_left: "该拼团已无库存。",
    team_forming: "拼团成功或失败后才能申请售后；未成团将全额退款。",
    team_not_filled: "该拼团订单需成团后才能发货。",
};
