//! The words of the after-sales pages (refund requests, returns, the hub's disputes), kept
//! together as one field of `Texts`; the values are at the end of `en.rs` and `zh.rs`.

use farmgate_domain::after_sales::{AfterSaleKind, AfterSaleReason, AfterSaleStatus};

pub struct AfterSalesTexts {
    pub title: &'static str,
    pub request: &'static str,
    pub request_for: &'static str,
    pub kinds: [&'static str; 2],
    pub reasons: [&'static str; 8],
    pub statuses: [&'static str; 9],
    pub refundable: &'static str,
    pub photos_hint: &'static str,
    pub submit: &'static str,
    pub amount: &'static str,
    pub return_address_hint: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub confirm_return: &'static str,
    pub ship_return: &'static str,
    pub escalate: &'static str,
    pub withdraw: &'static str,
    pub shop_requests: &'static str,
    pub no_requests: &'static str,
    pub disputes: &'static str,
    pub no_disputes: &'static str,
    pub rulings: [&'static str; 3],
    pub rule: &'static str,
    pub rejected_because: &'static str,
    pub send_back_to: &'static str,
    pub returned_with: &'static str,
    pub hub_ruling: &'static str,
    pub answer_by: &'static str,
    pub fields: &'static [(&'static str, &'static str)],
}

impl AfterSalesTexts {
    pub fn kind(&self, kind: AfterSaleKind) -> &'static str {
        let index = AfterSaleKind::ALL.iter().position(|k| *k == kind);
        self.kinds[index.unwrap_or(0)]
    }

    pub fn reason(&self, reason: AfterSaleReason) -> &'static str {
        let index = AfterSaleReason::ALL.iter().position(|r| *r == reason);
        self.reasons[index.unwrap_or(0)]
    }

    pub fn status(&self, status: AfterSaleStatus) -> &'static str {
        let index = AfterSaleStatus::ALL.iter().position(|s| *s == status);
        self.statuses[index.unwrap_or(0)]
    }
}
