//! Flash sales: created from a live session's bag with their units taken from the SKU in the
//! same transaction, read back for the engine's gates, and settled once after closing by a
//! guarded `UPDATE … WHERE settled_at IS NULL`. The purchases' group commit is in
//! `flash_batch.rs`.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, CheckoutId, FlashSaleId, LiveSessionId, OrderId};
use farmgate_domain::id::{ProductId, SkuId};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::SqlStore;
use crate::{
    FlashPurchaseOutcome, FlashPurchaseRecord, FlashReturn, FlashSaleBook, FlashSaleRecord,
    FlashSales, NewFlashPurchase, StoreError, StoreResult,
};

macro_rules! sale_columns {
    () => {
        "id, session_id, product_id, sku_id, price_minor, currency, stock_limit, sold, \
         per_buyer_limit, opens_at, closes_at, created_at, settled_at"
    };
}

/// Sales settled per sweep at most; the next sweep takes the rest.
const SETTLE_BATCH: i64 = 100;

#[derive(sqlx::FromRow)]
struct SaleRow {
    id: String,
    session_id: String,
    product_id: String,
    sku_id: String,
    price_minor: i64,
    currency: String,
    stock_limit: i64,
    sold: i64,
    per_buyer_limit: i64,
    opens_at: i64,
    closes_at: i64,
    created_at: i64,
    settled_at: Option<i64>,
}

impl SaleRow {
    fn record(self) -> StoreResult<FlashSaleRecord> {
        let currency =
            Currency::parse(&self.currency).ok_or(StoreError::Corrupt("flash_sales.currency"))?;
        Ok(FlashSaleRecord {
            id: FlashSaleId::new(self.id),
            session_id: LiveSessionId::new(self.session_id),
            product_id: ProductId::new(self.product_id),
            sku_id: SkuId::new(self.sku_id),
            price: Money::new(self.price_minor, currency),
            stock_limit: self.stock_limit,
            sold: self.sold,
            per_buyer_limit: self.per_buyer_limit,
            opens_at: Timestamp::from_millis(self.opens_at),
            closes_at: Timestamp::from_millis(self.closes_at),
            created_at: Timestamp::from_millis(self.created_at),
            settled_at: self.settled_at.map(Timestamp::from_millis),
        })
    }
}

#[async_trait]
impl FlashSales for SqlStore {
    async fn insert_flash_sale(&self, s: &FlashSaleRecord) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let taken = sqlx::query("UPDATE skus SET stock = stock - $2 WHERE id = $1 AND stock >= $2")
            .bind(s.sku_id.as_str())
            .bind(s.stock_limit)
            .execute(&mut *tx)
            .await?;
        if taken.rows_affected() == 0 {
            return Err(StoreError::Conflict("not enough stock"));
        }
        let inserted = sqlx::query(concat!(
            "INSERT INTO flash_sales (",
            sale_columns!(),
            ") SELECT $1, s.id, b.product_id, k.id, $5, $6, $7, $8, $9, $10, $11, $12, $13 \
             FROM live_sessions s \
             JOIN live_bag_items b ON b.session_id = s.id AND b.product_id = $3 \
             JOIN skus k ON k.id = $4 AND k.product_id = b.product_id \
             WHERE s.id = $2 AND s.status = 'live'"
        ))
        .bind(s.id.as_str())
        .bind(s.session_id.as_str())
        .bind(s.product_id.as_str())
        .bind(s.sku_id.as_str())
        .bind(s.price.minor())
        .bind(s.price.currency().code())
        .bind(s.stock_limit)
        .bind(s.sold)
        .bind(s.per_buyer_limit)
        .bind(s.opens_at.millis())
        .bind(s.closes_at.millis())
        .bind(s.created_at.millis())
        .bind(s.settled_at.map(Timestamp::millis))
        .execute(&mut *tx)
        .await
        .map_err(super::errors::refused("that flash sale exists"))?;
        if inserted.rows_affected() == 0 {
            return Err(StoreError::Conflict(
                "a flash sale needs a live session and a variant of a product in its bag",
            ));
        }
        tx.commit().await?;
        Ok(())
    }

    async fn flash_sale(&self, id: &FlashSaleId) -> StoreResult<Option<FlashSaleRecord>> {
        let row: Option<SaleRow> = sqlx::query_as(concat!(
            "SELECT ",
            sale_columns!(),
            " FROM flash_sales WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await?;
        row.map(SaleRow::record).transpose()
    }

    async fn flash_sales_of_session(
        &self,
        session: &LiveSessionId,
    ) -> StoreResult<Vec<FlashSaleRecord>> {
        let rows: Vec<SaleRow> = sqlx::query_as(concat!(
            "SELECT ",
            sale_columns!(),
            " FROM flash_sales WHERE session_id = $1 ORDER BY created_at, id"
        ))
        .bind(session.as_str())
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter().map(SaleRow::record).collect()
    }

    /// Read on the writer: a gate rebuilt from a reader that lags a just-committed batch would
    /// think units free that are sold.
    async fn flash_sale_book(&self, id: &FlashSaleId) -> StoreResult<Option<FlashSaleBook>> {
        let mut tx = self.writer.begin().await?;
        let row: Option<SaleRow> = sqlx::query_as(concat!(
            "SELECT ",
            sale_columns!(),
            " FROM flash_sales WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let buyers: Vec<(String, i64)> = sqlx::query_as(
            "SELECT buyer_id, bought FROM flash_sale_buyers WHERE sale_id = $1 ORDER BY buyer_id",
        )
        .bind(id.as_str())
        .fetch_all(&mut *tx)
        .await?;
        let purchases: Vec<(String, String, String, String, i64, i64)> = sqlx::query_as(
            "SELECT buyer_id, idempotency_key, checkout_id, order_id, quantity, created_at \
             FROM flash_sale_purchases WHERE sale_id = $1 ORDER BY created_at, checkout_id",
        )
        .bind(id.as_str())
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(FlashSaleBook {
            sale: row.record()?,
            buyers: buyers
                .into_iter()
                .map(|(buyer, bought)| (AccountId::new(buyer), bought))
                .collect(),
            purchases: purchases
                .into_iter()
                .map(
                    |(buyer, key, checkout, order, quantity, at)| FlashPurchaseRecord {
                        sale_id: id.clone(),
                        buyer_id: AccountId::new(buyer),
                        idempotency_key: key,
                        checkout_id: CheckoutId::new(checkout),
                        order_id: OrderId::new(order),
                        quantity,
                        created_at: Timestamp::from_millis(at),
                    },
                )
                .collect(),
        }))
    }

    async fn unsettled_flash_sales(&self) -> StoreResult<Vec<FlashSaleId>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM flash_sales WHERE settled_at IS NULL ORDER BY closes_at",
        )
        .fetch_all(&self.reader)
        .await?;
        Ok(ids.into_iter().map(FlashSaleId::new).collect())
    }

    async fn record_flash_purchases(
        &self,
        purchases: &[NewFlashPurchase],
    ) -> StoreResult<Vec<FlashPurchaseOutcome>> {
        super::flash_batch::record(&self.writer, self.backend, purchases).await
    }

    async fn settle_flash_sales(&self, now: Timestamp) -> StoreResult<Vec<FlashSaleId>> {
        let due: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM flash_sales WHERE settled_at IS NULL AND closes_at <= $1 \
             ORDER BY closes_at LIMIT $2",
        )
        .bind(now.millis())
        .bind(SETTLE_BATCH)
        .fetch_all(&self.writer)
        .await?;
        let mut settled = Vec::with_capacity(due.len());
        for id in due {
            let mut tx = self.writer.begin().await?;
            // The sale's row is locked from here, so an order expiring at the same moment
            // returns its units either to the sale before this or to the SKU after it.
            let unsold: Option<(String, i64)> = sqlx::query_as(
                "UPDATE flash_sales SET settled_at = $2 WHERE id = $1 AND settled_at IS NULL \
                 AND closes_at <= $2 RETURNING sku_id, stock_limit - sold",
            )
            .bind(id.as_str())
            .bind(now.millis())
            .fetch_optional(&mut *tx)
            .await?;
            let Some((sku, unsold)) = unsold else {
                continue;
            };
            sqlx::query("UPDATE skus SET stock = stock + $2 WHERE id = $1")
                .bind(sku.as_str())
                .bind(unsold)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            settled.push(FlashSaleId::new(id));
        }
        Ok(settled)
    }
}

/// For a checkout being expired: when it is a flash-sale purchase whose sale is not settled
/// yet, gives its units back to the sale and its buyer's allowance (not to the SKU) and says
/// so. `None` — not a flash-sale checkout, or its sale is settled — means the units go back to
/// the SKU as for any order.
pub(super) async fn return_to_flash_sale(
    tx: &mut AnyConnection,
    checkout: &str,
) -> StoreResult<Option<FlashReturn>> {
    let purchase: Option<(String, String, i64)> = sqlx::query_as(
        "SELECT p.sale_id, p.buyer_id, p.quantity FROM flash_sale_purchases p \
         JOIN orders o ON o.id = p.order_id \
         WHERE p.checkout_id = $1 AND o.status = 'pending_payment'",
    )
    .bind(checkout)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((sale, buyer, quantity)) = purchase else {
        return Ok(None);
    };
    let returned =
        sqlx::query("UPDATE flash_sales SET sold = sold - $2 WHERE id = $1 AND settled_at IS NULL")
            .bind(sale.as_str())
            .bind(quantity)
            .execute(&mut *tx)
            .await?;
    if returned.rows_affected() == 0 {
        return Ok(None);
    }
    sqlx::query(
        "UPDATE flash_sale_buyers SET bought = bought - $3 WHERE sale_id = $1 AND buyer_id = $2",
    )
    .bind(sale.as_str())
    .bind(buyer.as_str())
    .bind(quantity)
    .execute(&mut *tx)
    .await?;
    Ok(Some(FlashReturn {
        sale: FlashSaleId::new(sale),
        buyer: AccountId::new(buyer),
        quantity,
    }))
}
