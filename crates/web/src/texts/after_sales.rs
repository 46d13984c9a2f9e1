//! The words of the after-sales pages (refund requests, returns, the hub's disputes), kept
//! together as one field of `Texts`, with their English and Chinese values.

use farmgate_domain::after_sales::{AfterSaleKind, AfterSaleReason, AfterSaleStatus};

pub struct AfterSalesTexts {
    pub title: &'static str,
    pub request: &'static str,
    pub request_for: &'static str,
    pub kinds: [&'static str; 2],
    pub reasons: [&'static str; 10],
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

pub const AFTER_SALES_EN: AfterSalesTexts = AfterSalesTexts {
    title: "After-sales",
    request: "Ask for a refund",
    request_for: "Refund or return for this order",
    kinds: ["Refund only", "Return and refund"],
    reasons: [
        "No longer wanted",
        "Not received",
        "Damaged in transit",
        "Spoiled (rotten, mouldy, thawed)",
        "Not as described",
        "Short weight",
        "Wrong item",
        "Other",
        "Group-buy team did not fill in time",
        "Group-buy team reached a lower price",
    ],
    statuses: [
        "Waiting for the shop",
        "Return approved: send the goods back",
        "Return on its way",
        "Refund on its way",
        "Refunded",
        "Rejected by the shop",
        "With the county hub",
        "Closed",
        "Withdrawn",
    ],
    refundable: "At most {amount}; leave empty for all of it.",
    photos_hint:
        "Up to 3 photos (JPEG, PNG or WebP). Damaged, spoiled, short or wrong goods need one.",
    submit: "Send request",
    amount: "Amount",
    return_address_hint: "Where the goods go back to (for returns)",
    approve: "Approve",
    reject: "Reject",
    confirm_return: "Return received: refund",
    ship_return: "Goods sent back",
    escalate: "Ask the county hub",
    withdraw: "Withdraw",
    shop_requests: "Refund requests",
    no_requests: "No refund requests.",
    disputes: "Disputes",
    no_disputes: "No disputes waiting.",
    rulings: ["Refund", "Return the goods first", "Uphold the rejection"],
    rule: "Rule",
    rejected_because: "The shop said no",
    send_back_to: "Send the goods back to",
    returned_with: "Sent back with",
    hub_ruling: "The hub's ruling",
    answer_by: "Approved automatically if unanswered by",
    fields: &[
        ("amount", "Amount"),
        ("photos", "Photos"),
        ("return_address", "Return address"),
        ("ruling", "Ruling"),
        ("ruling_note", "Reason for the ruling"),
    ],
};

pub const AFTER_SALES_ZH: AfterSalesTexts = AfterSalesTexts {
    title: "售后",
    request: "申请售后",
    request_for: "为此订单申请退款或退货",
    kinds: ["仅退款", "退货退款"],
    reasons: [
        "不想要了",
        "未收到货",
        "运输途中损坏",
        "变质（腐烂、发霉、解冻）",
        "与描述不符",
        "短斤少两",
        "发错货",
        "其他",
        "拼团未成团",
        "拼团达到更低价格",
    ],
    statuses: [
        "等待店铺处理",
        "同意退货：请寄回商品",
        "退货寄回中",
        "退款中",
        "已退款",
        "店铺已拒绝",
        "县服务中心处理中",
        "已关闭",
        "已撤销",
    ],
    refundable: "最多 {amount}；留空则全额退款。",
    photos_hint: "最多 3 张照片（JPEG、PNG 或 WebP）。损坏、变质、短斤少两或发错货须附照片。",
    submit: "提交申请",
    amount: "金额",
    return_address_hint: "退货地址（退货退款时填写）",
    approve: "同意",
    reject: "拒绝",
    confirm_return: "已收到退货，退款",
    ship_return: "已寄回商品",
    escalate: "申请县服务中心介入",
    withdraw: "撤销申请",
    shop_requests: "售后申请",
    no_requests: "暂无售后申请。",
    disputes: "售后纠纷",
    no_disputes: "暂无待处理的纠纷。",
    rulings: ["退款", "先退货", "维持拒绝"],
    rule: "裁决",
    rejected_because: "店铺拒绝理由",
    send_back_to: "请寄回至",
    returned_with: "寄回物流",
    hub_ruling: "服务中心裁决",
    answer_by: "未处理将自动同意，截止",
    fields: &[
        ("amount", "金额"),
        ("photos", "照片"),
        ("return_address", "退货地址"),
        ("ruling", "裁决"),
        ("ruling_note", "裁决理由"),
    ],
};
