//! The words of village e-commerce leaders: the hub's page that appoints them. One field of
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
};

pub const LEADER_ZH: LeaderTexts = LeaderTexts {
    title: "村级电商带头人",
    intro: "带头人通过带有本人标记的链接向乡亲分享商品和拼团，并按乡亲的购买获得佣金。请输入其农门账号的邮箱进行任命。",
    email: "账号邮箱",
    appoint: "任命为带头人",
    stand_down: "取消任命",
    none: "暂无带头人。",
    no_such_account: "没有使用该邮箱的账号：请先让对方注册。",
};
