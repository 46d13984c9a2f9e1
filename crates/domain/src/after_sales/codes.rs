//! The stable text codes of after-sales kinds, reasons and statuses: stored in the database,
//! sent in forms and checked by the database's `CHECK`s.

use super::{AfterSaleKind, AfterSaleReason, AfterSaleStatus};

impl AfterSaleKind {
    pub const ALL: [AfterSaleKind; 2] = [Self::RefundOnly, Self::ReturnAndRefund];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::RefundOnly => "refund_only",
            Self::ReturnAndRefund => "return_and_refund",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }
}

impl AfterSaleReason {
    pub const ALL: [AfterSaleReason; 10] = [
        Self::NoLongerWanted,
        Self::NotReceived,
        Self::Damaged,
        Self::Spoiled,
        Self::NotAsDescribed,
        Self::ShortWeight,
        Self::WrongItem,
        Self::Other,
        Self::GroupBuyFailed,
        Self::GroupBuyTier,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NoLongerWanted => "no_longer_wanted",
            Self::NotReceived => "not_received",
            Self::Damaged => "damaged",
            Self::Spoiled => "spoiled",
            Self::NotAsDescribed => "not_as_described",
            Self::ShortWeight => "short_weight",
            Self::WrongItem => "wrong_item",
            Self::Other => "other",
            Self::GroupBuyFailed => "group_buy_failed",
            Self::GroupBuyTier => "group_buy_tier",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|reason| reason.as_str() == value)
    }
}

impl AfterSaleStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::AwaitingReturn => "awaiting_return",
            Self::ReturnShipped => "return_shipped",
            Self::RefundApproved => "refund_approved",
            Self::Refunded => "refunded",
            Self::Rejected => "rejected",
            Self::Disputed => "disputed",
            Self::Closed => "closed",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back() {
        for kind in AfterSaleKind::ALL {
            assert_eq!(AfterSaleKind::parse(kind.as_str()), Some(kind));
        }
        for reason in AfterSaleReason::ALL {
            assert_eq!(AfterSaleReason::parse(reason.as_str()), Some(reason));
        }
        for status in AfterSaleStatus::ALL {
            assert_eq!(AfterSaleStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(AfterSaleStatus::parse("Requested"), None);
    }
}
