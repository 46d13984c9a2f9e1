//! The role accounts listed on the demo's start page: one per role, each with a person's name and
//! a line saying what signing in as it lets a newcomer try.

use farmgate_domain::role::Role;

use crate::DemoAccount;

/// Every demo address is under this domain; `.test` is reserved (RFC 2606), so no mail can leak.
pub const EMAIL_DOMAIN: &str = "demo.farmgate.test";

/// The producer role account, which owns the first producer's shop.
pub(crate) const PRODUCER_LOCAL: &str = "producer";

pub(crate) fn email(local: &str) -> String {
    format!("{local}@{EMAIL_DOMAIN}")
}

struct RoleAccount {
    local: &'static str,
    /// `None` for the producer, who is named after the showcase shop's owner.
    name: Option<&'static str>,
    roles: &'static [Role],
    purpose_en: &'static str,
    purpose_zh: &'static str,
}

const ROLE_ACCOUNTS: &[RoleAccount] = &[
    RoleAccount {
        local: "buyer",
        name: Some("林晓雨"),
        roles: &[Role::Buyer],
        purpose_en: "Shops across several producers, joins group-buys and buys in live streams",
        purpose_zh: "跨店下单、参加拼团、在直播间购物",
    },
    RoleAccount {
        local: PRODUCER_LOCAL,
        name: None,
        roles: &[Role::Buyer, Role::Producer],
        purpose_en: "Runs a family farm's shop: products, orders, shipping and earnings",
        purpose_zh: "经营家庭农场店铺：商品、订单、发货和收入",
    },
    RoleAccount {
        local: "hub",
        name: Some("韩雪梅"),
        roles: &[Role::HubOperator],
        purpose_en: "Reviews producer applications and oversees shops",
        purpose_zh: "审核生产者入驻申请、管理店铺",
    },
    RoleAccount {
        local: "host",
        name: Some("索南拉毛"),
        roles: &[Role::LiveHost],
        purpose_en: "Hosts live streams with pinned products, flash sales and lucky draws",
        purpose_zh: "开直播、挂商品、做秒杀和抽奖",
    },
    RoleAccount {
        local: "moderator",
        name: Some("赵明轩"),
        roles: &[Role::Moderator],
        purpose_en: "Keeps live chat civil: blocked words, mutes and removed messages",
        purpose_zh: "管理直播间聊天：屏蔽词、禁言、删除消息",
    },
    RoleAccount {
        local: "logistics",
        name: Some("马占林"),
        roles: &[Role::Logistics],
        purpose_en: "Scans parcels and plans the daily routes to townships and villages",
        purpose_zh: "扫描包裹、规划每天下乡镇和村的配送路线",
    },
    RoleAccount {
        local: "quality",
        name: Some("祁文静"),
        roles: &[Role::QualityOfficer],
        purpose_en: "Records inspections and certificates, and recalls batches",
        purpose_zh: "录入检测和证书、召回批次",
    },
    RoleAccount {
        local: "analyst",
        name: Some("周立新"),
        roles: &[Role::Analyst],
        purpose_en: "Reads online retail statistics by place and channel, and exports reports",
        purpose_zh: "按地区和渠道查看网络零售统计、导出报表",
    },
    RoleAccount {
        local: "leader",
        name: Some("才让东智"),
        roles: &[Role::Buyer, Role::Leader],
        purpose_en:
            "Shares products and group-buys with neighbours and earns commission on what they buy",
        purpose_zh: "向乡亲分享商品和拼团，按带来的订单赚取佣金",
    },
    RoleAccount {
        local: "admin",
        name: Some("王浩然"),
        roles: &[Role::Admin],
        purpose_en: "Manages accounts, roles and platform settings",
        purpose_zh: "管理账号、角色和平台设置",
    },
];

/// The fixed names, so no producer is drawn with the same one.
pub(crate) fn reserved_names() -> impl Iterator<Item = &'static str> {
    ROLE_ACCOUNTS.iter().filter_map(|account| account.name)
}

/// The role accounts, the producer named `producer_name`.
pub(crate) fn role_accounts(producer_name: &str) -> Vec<DemoAccount> {
    ROLE_ACCOUNTS
        .iter()
        .map(|account| DemoAccount {
            email: email(account.local),
            display_name: account.name.unwrap_or(producer_name).to_owned(),
            roles: account.roles.to_vec(),
            purpose_en: account.purpose_en,
            purpose_zh: account.purpose_zh,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use farmgate_domain::account::{DisplayName, Email};

    use super::*;

    #[test]
    fn every_role_has_exactly_one_account() {
        let accounts = role_accounts("卓玛");
        for role in Role::ALL {
            let holders = accounts.iter().filter(|a| a.roles.contains(&role)).count();
            let expected = if role == Role::Buyer { 3 } else { 1 };
            assert_eq!(holders, expected, "{role}");
        }
    }

    #[test]
    fn accounts_parse_and_the_producer_takes_the_given_name() {
        for account in role_accounts("卓玛") {
            assert_eq!(
                Email::parse(&account.email).map(|e| e.as_str().to_owned()),
                Ok(account.email.clone())
            );
            assert!(DisplayName::parse(&account.display_name).is_ok());
            assert!(!account.purpose_en.is_empty() && !account.purpose_zh.is_empty());
            if account.email == email(PRODUCER_LOCAL) {
                assert_eq!(account.display_name, "卓玛");
            }
        }
    }
}
