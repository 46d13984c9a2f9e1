//! Stores the demo's two years of order history (planned by `farmgate_demo::history`) as the
//! live paths would have left it — checkouts, orders with their lines, succeeded payments,
//! completed refunds and the ledger — in a few bulk transactions, then rebuilds the commerce
//! rollups from it. Commission follows the platform's schedule, as at checkout.

use farmgate_demo::{DemoHistory, DemoOrder, DemoPlan, DemoRefund};
use farmgate_domain::after_sales::AfterSaleStatus;
use farmgate_domain::allocation::allocate;
use farmgate_domain::commission::{commission, CommissionSchedule};
use farmgate_domain::id::{
    AfterSaleId, CheckoutId, LiveSessionId, OrderId, PaymentId, ShopId, SkuId,
};
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::payout::PayeeAccount;
use farmgate_domain::role::Role;
use farmgate_domain::time::Timestamp;
use farmgate_store::{
    AccountRecord, AfterSaleRecord, DeliveryAddress, HistoryBatch, NewCheckout, OrderDetail,
    OrderLineRecord, OrderRecord, PaymentRecord, PaymentStatus, ShipmentRecord,
};

use crate::demo_history_books::{keep_books, SoldOrder};
use crate::demo_history_live::past_sessions;
use crate::demo_up::DemoShops;
use crate::ids::id_at;
use crate::{ServiceError, ServiceResult, Services};

/// Orders per transaction: a few large commits rather than one huge one or thousands.
const ORDERS_PER_BATCH: usize = 20_000;
const MINUTE: i64 = 60_000;

/// What was stored, for the start message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HistorySize {
    pub buyers: usize,
    pub orders: usize,
    pub refunds: usize,
}

impl Services {
    /// Stores `history` for the shops, products and variants of `demo` (`skus` per product,
    /// in position order); buyers share the demo password's `hash`.
    pub(crate) async fn seed_demo_history(
        &self,
        plan: &DemoPlan,
        history: &DemoHistory,
        demo: &DemoShops<'_>,
        skus: &[Vec<SkuId>],
        hash: &str,
    ) -> ServiceResult<HistorySize> {
        let buyers: Vec<AccountRecord> = history
            .buyers
            .iter()
            .map(|buyer| {
                let at = buyer.joined.start_in_china().plus_millis(9 * 60 * MINUTE);
                AccountRecord {
                    id: id_at(at),
                    email: buyer.email.clone(),
                    display_name: buyer.display_name.clone(),
                    password_hash: hash.to_owned(),
                    roles: vec![Role::Buyer],
                    created_at: at,
                }
            })
            .collect();
        let schedule = self.commission_schedule().await?;
        let sessions = past_sessions(history, demo)?;
        let session_ids: Vec<LiveSessionId> = sessions.iter().map(|(s, _)| s.id.clone()).collect();
        let writer = OrderWriter {
            plan,
            history,
            demo,
            skus,
            buyers: &buyers,
            sessions: &session_ids,
            schedule: &schedule,
        };
        let mut sold = Vec::with_capacity(history.orders.len());
        let mut size = HistorySize {
            buyers: buyers.len(),
            ..HistorySize::default()
        };
        let mut batches: Vec<HistoryBatch> = Vec::new();
        for chunk in history.orders.chunks(ORDERS_PER_BATCH) {
            let mut batch = HistoryBatch::default();
            for order in chunk {
                sold.push(writer.add(&mut batch, order)?);
            }
            size.orders += chunk.len();
            size.refunds += batch.refunds.len();
            batches.push(batch);
        }
        let shops = payees(plan, demo)?;
        let books = keep_books(&sold, &shops, history.from, self.clock.now())?;
        let mut batches = batches.into_iter();
        let mut first = batches.next().unwrap_or_default();
        first.accounts = buyers;
        first.live_sessions = sessions;
        for batch in std::iter::once(first).chain(batches) {
            let mut batch = batch;
            for refund in &mut batch.refunds {
                let taken = books.refunds.get(refund.id.as_str()).ok_or_else(|| {
                    ServiceError::Internal("a history refund the books never took".into())
                })?;
                refund.refund_source = Some(taken.source);
                refund.commission_reversed = Some(taken.commission_reversed);
            }
            self.store.insert_history(&batch).await?;
        }
        let books_batch = HistoryBatch {
            entries: books.entries,
            payouts: books.payouts,
            ..HistoryBatch::default()
        };
        self.store.insert_history(&books_batch).await?;
        self.store.rebuild_rollups().await?;
        Ok(size)
    }
}

/// Turns planned orders into the records checkout, payment and refunds write.
struct OrderWriter<'a> {
    plan: &'a DemoPlan,
    history: &'a DemoHistory,
    demo: &'a DemoShops<'a>,
    skus: &'a [Vec<SkuId>],
    buyers: &'a [AccountRecord],
    /// The ids of `history.sessions`, in order.
    sessions: &'a [LiveSessionId],
    schedule: &'a CommissionSchedule,
}

pub(crate) fn missing(what: &str) -> ServiceError {
    ServiceError::Internal(format!("demo history refers to a missing {what}"))
}

impl OrderWriter<'_> {
    fn add(&self, batch: &mut HistoryBatch, planned: &DemoOrder) -> ServiceResult<SoldOrder> {
        let buyer = self
            .buyers
            .get(planned.buyer)
            .ok_or_else(|| missing("buyer"))?;
        let home = self
            .history
            .buyers
            .get(planned.buyer)
            .ok_or_else(|| missing("buyer"))?;
        let shop = self
            .demo
            .shops
            .get(planned.producer)
            .ok_or_else(|| missing("shop"))?;
        let checkout_id: CheckoutId = id_at(planned.placed_at);
        let order_id: OrderId = id_at(planned.placed_at);
        let lines = self.lines(planned)?;
        let commission = lines
            .iter()
            .try_fold(Money::fen(0), |sum, line| sum.checked_add(line.commission))
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let total = Money::fen(planned.total_fen());
        let refunded_whole = planned
            .refund
            .as_ref()
            .is_some_and(|r| r.amount_fen == planned.total_fen());
        let (status, closed_at) = match (&planned.refund, planned.completed_at) {
            (Some(refund), _) if refunded_whole => {
                (OrderStatus::Refunded, Some(refund.refunded_at))
            }
            (_, Some(at)) => (OrderStatus::Completed, Some(at)),
            _ if planned.delivered_at.is_some() => (OrderStatus::Delivered, None),
            _ if planned.shipped.is_some() => (OrderStatus::Shipped, None),
            _ => (OrderStatus::Paid, None),
        };
        let order = OrderRecord {
            id: order_id.clone(),
            checkout_id: checkout_id.clone(),
            shop_id: shop.clone(),
            buyer_id: buyer.id.clone(),
            status,
            channel: planned.channel.as_str().to_owned(),
            live_session_id: planned
                .live_session
                .map(|index| {
                    self.sessions
                        .get(index)
                        .cloned()
                        .ok_or_else(|| missing("live session"))
                })
                .transpose()?,
            short_video_id: None,
            goods: Money::fen(planned.goods_fen()),
            discount: Money::fen(planned.discount_fen),
            shipping: Money::fen(planned.shipping_fen),
            total,
            commission,
            ships_from: None,
            address: DeliveryAddress {
                recipient: home.display_name.clone(),
                phone: home.phone.clone(),
                province: home.province.clone(),
                city: home.city.clone(),
                county: home.county.clone(),
                detail: home.address_detail.clone(),
            },
            created_at: planned.placed_at,
            pay_by: planned.placed_at.plus_millis(30 * MINUTE),
            paid_at: Some(planned.paid_at),
            shipment: planned
                .shipped
                .as_ref()
                .map(|(carrier, tracking, at)| ShipmentRecord {
                    carrier: carrier.clone(),
                    tracking_no: tracking.clone(),
                    shipped_at: *at,
                }),
            delivered_at: planned.delivered_at,
            closed_at,
        };
        let payment: PaymentId = id_at(planned.paid_at);
        batch.payments.push(PaymentRecord {
            id: payment.clone(),
            checkout_id: checkout_id.clone(),
            provider: "sandbox".to_owned(),
            provider_ref: Some(format!("HIST{}", payment.as_str().replace('-', ""))),
            amount: total,
            status: PaymentStatus::Succeeded,
            created_at: planned.placed_at,
            settled_at: Some(planned.paid_at),
        });
        let refund = planned
            .refund
            .as_ref()
            .map(|r| self.after_sale(batch, &order, r));
        batch.checkouts.push(NewCheckout {
            id: checkout_id,
            buyer: buyer.id.clone(),
            idempotency_key: format!("demo-history-{order_id}"),
            total,
            created_at: planned.placed_at,
            orders: vec![OrderDetail { order, lines }],
            claims: Vec::new(),
            campaign_parts: Vec::new(),
            campaign_claim: None,
        });
        Ok(SoldOrder {
            shop: planned.producer,
            order: order_id,
            payment,
            total,
            commission,
            paid_at: planned.paid_at,
            delivered_at: planned.delivered_at,
            refund,
        })
    }

    /// The lines, the coupon shared over them in proportion and commission taken on what
    /// each line was paid, as `apply_coupon` does.
    fn lines(&self, planned: &DemoOrder) -> ServiceResult<Vec<OrderLineRecord>> {
        let values: Vec<Money> = planned
            .lines
            .iter()
            .map(|l| Money::fen(l.unit_price_fen * l.quantity))
            .collect();
        let shares = allocate(Money::fen(planned.discount_fen), &values)
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let mut lines = Vec::with_capacity(planned.lines.len());
        for (index, ((line, value), share)) in
            planned.lines.iter().zip(&values).zip(shares).enumerate()
        {
            let product = self
                .plan
                .products
                .get(line.product)
                .ok_or_else(|| missing("product"))?;
            let sku = product
                .skus
                .get(line.sku)
                .ok_or_else(|| missing("variant"))?;
            let product_id = self
                .demo
                .products
                .get(line.product)
                .and_then(Option::as_ref)
                .ok_or_else(|| missing("product"))?;
            let sku_id = self
                .skus
                .get(line.product)
                .and_then(|skus| skus.get(line.sku))
                .ok_or_else(|| missing("variant"))?;
            let paid = value
                .checked_sub(share)
                .map_err(|e| ServiceError::Internal(e.to_string()))?;
            let pack_g = sku.shipping_weight_g.or(sku.net_weight_g).unwrap_or(500);
            lines.push(OrderLineRecord {
                line_no: index as i64,
                sku_id: sku_id.clone(),
                product_id: product_id.clone(),
                title: product.title.clone(),
                sku_name: sku.name.clone(),
                category: product.category,
                unit_price: Money::fen(line.unit_price_fen),
                quantity: line.quantity,
                weight_g: pack_g.max(1) * line.quantity,
                commission: commission(paid, self.schedule.rate_for(product.category)),
            });
        }
        Ok(lines)
    }

    /// The completed after-sale; where its money came from is filled in by the books.
    fn after_sale(
        &self,
        batch: &mut HistoryBatch,
        order: &OrderRecord,
        refund: &DemoRefund,
    ) -> (String, Money, Timestamp) {
        let id: String = id_at(refund.requested_at);
        batch.refunds.push(AfterSaleRecord {
            id: AfterSaleId::new(id.clone()),
            order_id: order.id.clone(),
            shop_id: order.shop_id.clone(),
            buyer_id: order.buyer_id.clone(),
            kind: refund.kind,
            reason: refund.reason,
            description: description(refund).to_owned(),
            amount: Money::fen(refund.amount_fen),
            status: AfterSaleStatus::Refunded,
            photos: Vec::new(),
            created_at: refund.requested_at,
            updated_at: refund.refunded_at,
            answer_by: None,
            reject_reason: None,
            return_address: None,
            return_shipment: None,
            escalated_at: None,
            ruling_note: None,
            refunded_at: Some(refund.refunded_at),
            refund_source: None,
            commission_reversed: None,
        });
        (id, Money::fen(refund.amount_fen), refund.refunded_at)
    }
}

fn description(refund: &DemoRefund) -> &'static str {
    use farmgate_domain::after_sales::AfterSaleReason as Reason;
    match refund.reason {
        Reason::NoLongerWanted => "拍错了规格，还没发货，申请退款。",
        Reason::Damaged => "快递外箱压坏，部分包装破损。",
        Reason::Spoiled => "收到时有部分变质，已拍照。",
        Reason::ShortWeight => "称重比标注的少，申请退差价。",
        Reason::NotAsDescribed => "和页面描述的等级不符，已寄回。",
        _ => "申请售后。",
    }
}

/// Each shop with the account its payouts went to: the owner's name at the county's bank.
fn payees(plan: &DemoPlan, demo: &DemoShops<'_>) -> ServiceResult<Vec<(ShopId, PayeeAccount)>> {
    demo.shops
        .iter()
        .zip(&plan.producers)
        .enumerate()
        .map(|(index, (shop, producer))| {
            let number = format!("6217 8563 0{:07} 28", index + 1);
            PayeeAccount::parse(&producer.owner_name, "青海农商银行", &number)
                .map(|payee| (shop.clone(), payee))
                .map_err(|_| ServiceError::Internal("a demo payee refused".into()))
        })
        .collect()
}
