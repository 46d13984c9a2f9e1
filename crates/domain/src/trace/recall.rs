//! Recalls and what may still be sold. A quality officer recalls a batch with a reason; from
//! then on the batch is packed into no order, its buyers are told, and its product's sale
//! stops until a batch that may be sold is there again.

use serde::{Deserialize, Serialize};

use super::batch::{text_enum, Batch, BatchStatus};
use crate::id::{AccountId, BatchId, OrderId, RecallId};
use crate::time::Timestamp;
use crate::validation::{text_length, FieldError, Problem, ValidationErrors};

pub const MAX_REASON_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecallState {
    /// Buyers are being told and asked to acknowledge.
    Open,
    Closed,
}

text_enum!(RecallState { Open => "open", Closed => "closed" });

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recall {
    pub id: RecallId,
    pub batch: BatchId,
    pub reason: String,
    pub opened_by: AccountId,
    pub opened_at: Timestamp,
    pub state: RecallState,
}

/// The reason as the officer typed it, trimmed.
pub fn validate_reason(reason: &str) -> Result<String, FieldError> {
    text_length("reason", reason, 2, MAX_REASON_CHARS)
}

/// A batch with the units already tied to order lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchStock {
    pub batch: Batch,
    pub tied_units: i64,
}

impl BatchStock {
    pub fn units_left(&self) -> i64 {
        self.batch.units.saturating_sub(self.tied_units).max(0)
    }
}

/// Why a product cannot be bought although it is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaleStop {
    /// The product sells only inspected batches and none that passed has units left.
    NoPassedBatch,
    /// A batch of it was recalled and no other batch may be sold.
    Recalled,
}

/// Whether a product may be bought, from its batches. A product sold only from passed
/// batches needs one with units left. Any other product sells as before (most producers
/// record no batches at all) unless one of its batches was recalled: then its sale stops
/// until the producer records a batch that may be sold, so the listing cannot keep selling
/// the recalled goods still on the shelf.
pub fn sale_stop(requires_passed: bool, batches: &[BatchStock]) -> Option<SaleStop> {
    let sellable_left = batches
        .iter()
        .any(|stock| stock.batch.sellable(requires_passed) && stock.units_left() > 0);
    if sellable_left {
        None
    } else if requires_passed {
        Some(SaleStop::NoPassedBatch)
    } else if batches
        .iter()
        .any(|stock| stock.batch.status == BatchStatus::Recalled)
    {
        Some(SaleStop::Recalled)
    } else {
        None
    }
}

/// Units of one order line as the producer packs them: from a batch chosen by id or by its
/// label's Digital Link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackForm {
    pub batch: String,
    pub link: String,
    pub units: String,
}

impl PackForm {
    pub fn is_blank(&self) -> bool {
        self.batch.trim().is_empty() && self.link.trim().is_empty() && self.units.trim().is_empty()
    }
}

/// The units packed from each batch for one line, checked against the line's quantity and
/// each batch's units left (`stock` holds the chosen batches, with units tied to other lines).
pub fn check_packing(
    line_quantity: i64,
    requires_passed: bool,
    chosen: &[(BatchStock, i64)],
) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut total: i64 = 0;
    for (index, (stock, units)) in chosen.iter().enumerate() {
        if chosen[..index]
            .iter()
            .any(|(earlier, _)| earlier.batch.id == stock.batch.id)
        {
            errors.push("batch", Problem::AlreadyTaken);
        }
        if !stock.batch.sellable(requires_passed) {
            errors.push("batch", Problem::NotAllowed);
        }
        if *units < 1 || *units > stock.units_left() {
            errors.push("units", Problem::Invalid);
        }
        total = total.saturating_add(*units);
    }
    if total > line_quantity {
        errors.push("units", Problem::Invalid);
    }
    errors.0.dedup();
    errors.into_result()
}

/// Who a recall reaches through one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachedOrder {
    pub order: OrderId,
    pub buyer: AccountId,
    pub status: String,
    pub units: i64,
    /// The order went out (shipped or further).
    pub shipped: bool,
    pub parcels: Vec<String>,
}

/// Everything holding a recalled batch, found at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecallReach {
    pub orders: Vec<ReachedOrder>,
    pub units_shipped: i64,
    /// Tied to orders that have not gone out yet.
    pub units_packed: i64,
    /// Never tied to an order: still on the producer's shelf.
    pub units_in_stock: i64,
}

impl RecallReach {
    pub fn buyers(&self) -> Vec<&AccountId> {
        let mut buyers: Vec<&AccountId> = self.orders.iter().map(|order| &order.buyer).collect();
        buyers.sort();
        buyers.dedup();
        buyers
    }
}

/// The text message a buyer receives.
pub fn recall_notice_text(product: &str, lot: &str, reason: &str) -> String {
    format!("【Farmgate】召回通知 Recall: {product} 批次 lot {lot}。{reason} 请勿食用，请在订单页确认。Please do not use it; acknowledge on your order page.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::CivilDate;
    use crate::catalogue::Grade;
    use crate::id::{ProductId, ShopId};
    use crate::place::AreaCode;
    use crate::trace::{Lot, QualityStatus};

    fn stock(id: &str, quality: QualityStatus, status: BatchStatus, tied: i64) -> BatchStock {
        BatchStock {
            batch: Batch {
                id: BatchId::new(id),
                product: ProductId::new("p"),
                shop: ShopId::new("s"),
                lot: Lot::parse("L1").unwrap(),
                harvested_on: CivilDate::new(2026, 8, 15).unwrap(),
                village: AreaCode::parse("630123100201").unwrap(),
                field: None,
                units: 10,
                grade: Grade::Special,
                notes: String::new(),
                status,
                quality,
                created_by: AccountId::new("a"),
                created_at: Timestamp::from_millis(0),
            },
            tied_units: tied,
        }
    }

    #[test]
    fn a_product_sold_only_from_passed_batches_needs_one_with_units_left() {
        use QualityStatus::*;
        let open = BatchStatus::Open;
        assert_eq!(
            sale_stop(true, &[stock("a", Failed, open, 0)]),
            Some(SaleStop::NoPassedBatch)
        );
        assert_eq!(
            sale_stop(true, &[stock("a", Passed, open, 10)]),
            Some(SaleStop::NoPassedBatch)
        );
        assert_eq!(sale_stop(true, &[]), Some(SaleStop::NoPassedBatch));
        assert_eq!(sale_stop(true, &[stock("a", Passed, open, 9)]), None);
        assert_eq!(sale_stop(false, &[]), None);
        assert_eq!(sale_stop(false, &[stock("a", Uninspected, open, 10)]), None);
    }

    #[test]
    fn a_recall_stops_a_products_sale_until_another_batch_may_be_sold() {
        use QualityStatus::*;
        let recalled = stock("a", Passed, BatchStatus::Recalled, 0);
        assert_eq!(
            sale_stop(false, std::slice::from_ref(&recalled)),
            Some(SaleStop::Recalled)
        );
        let fresh = stock("b", Uninspected, BatchStatus::Open, 0);
        assert_eq!(sale_stop(false, &[recalled, fresh]), None);
    }

    #[test]
    fn packing_stays_within_the_line_and_each_batchs_units_left() {
        use QualityStatus::*;
        let open = BatchStatus::Open;
        let a = stock("a", Passed, open, 6);
        let b = stock("b", Uninspected, open, 0);
        assert_eq!(
            check_packing(8, false, &[(a.clone(), 4), (b.clone(), 4)]),
            Ok(())
        );
        let fields = |result: Result<(), ValidationErrors>| {
            result
                .unwrap_err()
                .0
                .iter()
                .map(|error| error.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(check_packing(8, false, &[(a.clone(), 5)])),
            ["units"]
        );
        assert_eq!(
            fields(check_packing(3, false, &[(b.clone(), 4)])),
            ["units"]
        );
        assert_eq!(fields(check_packing(8, true, &[(b.clone(), 1)])), ["batch"]);
        assert_eq!(
            fields(check_packing(8, false, &[(a.clone(), 1), (a, 1)])),
            ["batch"]
        );
        let recalled = stock("c", Passed, BatchStatus::Recalled, 0);
        assert_eq!(fields(check_packing(8, false, &[(recalled, 1)])), ["batch"]);
    }
}
