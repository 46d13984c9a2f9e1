//! Checkouts and orders. Placing a checkout takes the stock of every line with a guarded
//! `UPDATE … WHERE stock >= quantity` in the same transaction that stores the orders, so the
//! database is the authority: two buyers can never both get the last unit.

use std::collections::HashMap;

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, CheckoutId, OrderId, ProductId, ShopId};
use farmgate_domain::ledger::Entry;
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::time::Timestamp;
use sqlx::{AnyConnection, AnyPool};

use super::campaign_coupons::release_campaign_claim;
use super::coupons::release_claims;
use super::flash_sales::return_to_flash_sale;
use super::group_buy_rows::SHIPPABLE;
use super::order_rows::{line_record, order_record, LineRow, OrderRow};
use super::payments::insert_entry;
use super::{bounds, placeholders, SqlStore};
use crate::{
    ExpiredOrders, NewCheckout, OrderDetail, OrderLineRecord, Orders, Page, PlaceOutcome,
    ShipmentRecord, StoreError, StoreResult, TEAM_NOT_FILLED,
};

/// Orders expired per sweep at most; the next sweep takes the rest.
const EXPIRE_BATCH: i64 = 500;

#[async_trait]
impl Orders for SqlStore {
    async fn place_checkout(&self, checkout: &NewCheckout) -> StoreResult<PlaceOutcome> {
        self.checkouts
            .place(&self.writer, self.backend, checkout.clone())
            .await
    }

    async fn orders_of_checkout(&self, checkout: &CheckoutId) -> StoreResult<Vec<OrderDetail>> {
        let rows: Vec<OrderRow> = sqlx::query_as(concat!(
            "SELECT ",
            order_columns!(),
            " FROM orders WHERE checkout_id = $1 ORDER BY id"
        ))
        .bind(checkout.as_str())
        .fetch_all(&self.writer)
        .await?;
        self.with_lines(rows).await
    }

    async fn order(&self, id: &OrderId) -> StoreResult<Option<OrderDetail>> {
        let rows: Vec<OrderRow> = sqlx::query_as(concat!(
            "SELECT ",
            order_columns!(),
            " FROM orders WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_all(&self.reader)
        .await?;
        Ok(self.with_lines(rows).await?.pop())
    }

    async fn orders_of_buyer(
        &self,
        buyer: &AccountId,
        page: Page,
    ) -> StoreResult<Vec<OrderDetail>> {
        self.orders_where("buyer_id", buyer.as_str(), page).await
    }

    async fn orders_of_shop(&self, shop: &ShopId, page: Page) -> StoreResult<Vec<OrderDetail>> {
        self.orders_where("shop_id", shop.as_str(), page).await
    }

    async fn ship_order(&self, order: &OrderId, shipment: &ShipmentRecord) -> StoreResult<()> {
        let done = sqlx::query(&format!(
            "UPDATE orders SET status = 'shipped', carrier = $2, tracking_no = $3, \
             shipped_at = $4 WHERE id = $1 AND status = 'paid' AND {SHIPPABLE}"
        ))
        .bind(order.as_str())
        .bind(shipment.carrier.as_str())
        .bind(shipment.tracking_no.as_str())
        .bind(shipment.shipped_at.millis())
        .execute(&self.writer)
        .await?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        match self.order(order).await? {
            Some(found) if found.order.status == OrderStatus::Paid => {
                Err(StoreError::Conflict(TEAM_NOT_FILLED))
            }
            Some(_) => Err(StoreError::Conflict("only a paid order can be shipped")),
            None => Err(StoreError::NotFound),
        }
    }

    async fn deliver_order(
        &self,
        order: &OrderId,
        at: Timestamp,
        settlement: &(String, Entry),
        settled: Money,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let done = sqlx::query(
            "UPDATE orders SET status = 'delivered', delivered_at = $2 \
             WHERE id = $1 AND status = 'shipped' AND total_minor - refunded_minor = $3",
        )
        .bind(order.as_str())
        .bind(at.millis())
        .bind(settled.minor())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            drop(tx);
            return match self.order(order).await? {
                Some(_) => Err(StoreError::Conflict(
                    "only a shipped order can be delivered",
                )),
                None => Err(StoreError::NotFound),
            };
        }
        let (id, entry) = settlement;
        insert_entry(&mut tx, id, entry, order.as_str(), at).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn shipped_before(
        &self,
        shipped_before: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<OrderId>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM orders WHERE status = 'shipped' AND shipped_at < $1 ORDER BY shipped_at LIMIT $2",
        )
        .bind(shipped_before.millis())
        .bind(limit.max(0))
        .fetch_all(&self.writer)
        .await?;
        Ok(ids.into_iter().map(OrderId::new).collect())
    }

    async fn expire_unpaid(&self, now: Timestamp) -> StoreResult<ExpiredOrders> {
        // A checkout's orders expire together, so a late payment finds all of them or none.
        let due: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT checkout_id FROM orders WHERE status = 'pending_payment' AND pay_by < $1 \
             LIMIT $2",
        )
        .bind(now.millis())
        .bind(EXPIRE_BATCH)
        .fetch_all(&self.writer)
        .await?;
        let mut expired = ExpiredOrders::default();
        for checkout in due {
            expire_checkout(&self.writer, &checkout, now, &mut expired).await?;
        }
        Ok(expired)
    }
}

/// Expires a checkout's orders still awaiting payment, in one transaction: their units go back
/// (to a flash sale still on, or to the SKUs) and their coupon claims are released. Adds what
/// it did to `expired`.
pub(super) async fn expire_checkout(
    writer: &AnyPool,
    checkout: &str,
    now: Timestamp,
    expired: &mut ExpiredOrders,
) -> StoreResult<()> {
    let mut tx = writer.begin().await?;
    // Lock the orders before reading them (a no-op update): a payment settling at this
    // moment on PostgreSQL then waits for this expiry, or this expiry finds them paid
    // and returns nothing.
    sqlx::query(
        "UPDATE orders SET status = 'pending_payment' \
         WHERE checkout_id = $1 AND status = 'pending_payment'",
    )
    .bind(checkout)
    .execute(&mut *tx)
    .await?;
    // Stock first, while the orders still read as pending: only their lines return.
    let flash = return_to_flash_sale(&mut tx, checkout).await?;
    let products = match flash {
        Some(_) => Vec::new(),
        None => restock(&mut tx, checkout).await?,
    };
    release_claims(&mut tx, checkout).await?;
    release_campaign_claim(&mut tx, checkout).await?;
    let done = sqlx::query(
        "UPDATE orders SET status = 'expired', closed_at = $2 \
         WHERE checkout_id = $1 AND status = 'pending_payment'",
    )
    .bind(checkout)
    .bind(now.millis())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    expired.orders += done.rows_affected();
    expired.flash_returns.extend(flash);
    for product in products.into_iter().map(ProductId::new) {
        if !expired.restocked.contains(&product) {
            expired.restocked.push(product);
        }
    }
    Ok(())
}

/// Gives an expiring checkout's units back to their SKUs; returns the products restocked.
async fn restock(tx: &mut AnyConnection, checkout: &str) -> StoreResult<Vec<String>> {
    let products: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id \
         WHERE o.checkout_id = $1 AND o.status = 'pending_payment'",
    )
    .bind(checkout)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE skus SET stock = stock + (SELECT CAST(SUM(l.quantity) AS BIGINT) \
         FROM order_lines l JOIN orders o ON o.id = l.order_id \
         WHERE o.checkout_id = $1 AND o.status = 'pending_payment' AND l.sku_id = skus.id) \
         WHERE id IN (SELECT l.sku_id FROM order_lines l JOIN orders o ON o.id = l.order_id \
         WHERE o.checkout_id = $1 AND o.status = 'pending_payment')",
    )
    .bind(checkout)
    .execute(&mut *tx)
    .await?;
    Ok(products)
}

impl SqlStore {
    /// `column` is one of two fixed names, never user input.
    async fn orders_where(
        &self,
        column: &'static str,
        value: &str,
        page: Page,
    ) -> StoreResult<Vec<OrderDetail>> {
        let (limit, offset) = bounds(page);
        let sql = format!(
            "SELECT {} FROM orders WHERE {column} = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
            order_columns!()
        );
        let rows: Vec<OrderRow> = sqlx::query_as(&sql)
            .bind(value)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.reader)
            .await?;
        self.with_lines(rows).await
    }

    async fn with_lines(&self, rows: Vec<OrderRow>) -> StoreResult<Vec<OrderDetail>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT order_id, line_no, sku_id, product_id, title, sku_name, category, \
             unit_price_minor, quantity, weight_g, commission_minor FROM order_lines \
             WHERE order_id IN ({}) ORDER BY line_no",
            placeholders(1, rows.len())
        );
        let mut query = sqlx::query_as::<_, LineRow>(&sql);
        for row in &rows {
            query = query.bind(row.id.as_str());
        }
        let mut lines: HashMap<String, Vec<OrderLineRecord>> = HashMap::new();
        for line in query.fetch_all(&self.writer).await? {
            lines
                .entry(line.order_id.clone())
                .or_default()
                .push(line_record(line)?);
        }
        rows.into_iter()
            .map(|row| {
                let lines = lines.remove(&row.id).unwrap_or_default();
                Ok(OrderDetail {
                    order: order_record(row)?,
                    lines,
                })
            })
            .collect()
    }
}
