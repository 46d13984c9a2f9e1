//! Checkouts and orders. Placing a checkout takes the stock of every line with a guarded
//! `UPDATE … WHERE stock >= quantity` in the same transaction that stores the orders, so the
//! database is the authority: two buyers can never both get the last unit.

use std::collections::HashMap;

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, CheckoutId, OrderId, ShopId, SkuId};
use farmgate_domain::ledger::Entry;
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::errors::refused;
use super::order_rows::{line_record, order_record, LineRow, OrderRow};
use super::payments::insert_entry;
use super::{bounds, placeholders, SqlStore};
use crate::{
    NewCheckout, OrderDetail, OrderLineRecord, OrderRecord, Orders, Page, PlaceOutcome,
    ShipmentRecord, StoreError, StoreResult,
};

macro_rules! order_columns {
    () => {
        "id, checkout_id, shop_id, buyer_id, status, channel, goods_minor, shipping_minor, \
         total_minor, commission_minor, currency, ships_from, recipient, phone, province, city, \
         county, address_detail, created_at, pay_by, paid_at, carrier, tracking_no, shipped_at, \
         delivered_at, closed_at"
    };
}

/// Orders expired per sweep at most; the next sweep takes the rest.
const EXPIRE_BATCH: i64 = 500;

#[async_trait]
impl Orders for SqlStore {
    async fn place_checkout(&self, checkout: &NewCheckout) -> StoreResult<PlaceOutcome> {
        if let Some(existing) = self
            .checkout_by_key(&checkout.buyer, &checkout.idempotency_key)
            .await?
        {
            return Ok(PlaceOutcome::Replayed(existing));
        }
        let mut tx = self.writer.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO checkouts (id, buyer_id, idempotency_key, total_minor, currency, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (buyer_id, idempotency_key) DO NOTHING",
        )
        .bind(checkout.id.as_str())
        .bind(checkout.buyer.as_str())
        .bind(checkout.idempotency_key.as_str())
        .bind(checkout.total.minor())
        .bind(checkout.total.currency().code())
        .bind(checkout.created_at.millis())
        .execute(&mut *tx)
        .await
        .map_err(refused("checkout refused"))?;
        if inserted.rows_affected() == 0 {
            // A concurrent request with the same key won the race.
            drop(tx);
            let existing = self
                .checkout_by_key(&checkout.buyer, &checkout.idempotency_key)
                .await?;
            return existing
                .map(PlaceOutcome::Replayed)
                .ok_or(StoreError::Conflict("checkout refused"));
        }
        take_stock(&mut tx, checkout).await?;
        for detail in &checkout.orders {
            insert_order(&mut tx, &detail.order).await?;
            for line in &detail.lines {
                insert_line(&mut tx, &detail.order.id, line).await?;
            }
        }
        tx.commit().await?;
        Ok(PlaceOutcome::Placed)
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
        let done = sqlx::query(
            "UPDATE orders SET status = 'shipped', carrier = $2, tracking_no = $3, shipped_at = $4 \
             WHERE id = $1 AND status = 'paid'",
        )
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

    async fn expire_unpaid(&self, now: Timestamp) -> StoreResult<u64> {
        // A checkout's orders expire together, so a late payment finds all of them or none.
        let due: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT checkout_id FROM orders WHERE status = 'pending_payment' AND pay_by < $1 \
             LIMIT $2",
        )
        .bind(now.millis())
        .bind(EXPIRE_BATCH)
        .fetch_all(&self.writer)
        .await?;
        let mut expired = 0;
        for checkout in due {
            let mut tx = self.writer.begin().await?;
            // Stock first, while the orders still read as pending: only their lines return.
            sqlx::query(
                "UPDATE skus SET stock = stock + (SELECT CAST(SUM(l.quantity) AS BIGINT) \
                 FROM order_lines l JOIN orders o ON o.id = l.order_id \
                 WHERE o.checkout_id = $1 AND o.status = 'pending_payment' AND l.sku_id = skus.id) \
                 WHERE id IN (SELECT l.sku_id FROM order_lines l JOIN orders o ON o.id = l.order_id \
                 WHERE o.checkout_id = $1 AND o.status = 'pending_payment')",
            )
            .bind(checkout.as_str())
            .execute(&mut *tx)
            .await?;
            let done = sqlx::query(
                "UPDATE orders SET status = 'expired', closed_at = $2 \
                 WHERE checkout_id = $1 AND status = 'pending_payment'",
            )
            .bind(checkout.as_str())
            .bind(now.millis())
            .execute(&mut *tx)
            .await?;
            expired += done.rows_affected();
            tx.commit().await?;
        }
        Ok(expired)
    }
}

impl SqlStore {
    async fn checkout_by_key(
        &self,
        buyer: &AccountId,
        key: &str,
    ) -> StoreResult<Option<CheckoutId>> {
        let id: Option<String> = sqlx::query_scalar(
            "SELECT id FROM checkouts WHERE buyer_id = $1 AND idempotency_key = $2",
        )
        .bind(buyer.as_str())
        .bind(key)
        .fetch_optional(&self.writer)
        .await?;
        Ok(id.map(CheckoutId::new))
    }

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

/// Takes every line's quantity in SKU-id order, so concurrent checkouts of the same SKUs lock
/// them in the same order and cannot deadlock on PostgreSQL.
async fn take_stock(conn: &mut AnyConnection, checkout: &NewCheckout) -> StoreResult<()> {
    let mut wanted: Vec<(&SkuId, i64)> = checkout
        .orders
        .iter()
        .flat_map(|detail| {
            detail
                .lines
                .iter()
                .map(|line| (&line.sku_id, line.quantity))
        })
        .collect();
    wanted.sort();
    for (sku, quantity) in wanted {
        let done = sqlx::query("UPDATE skus SET stock = stock - $2 WHERE id = $1 AND stock >= $2")
            .bind(sku.as_str())
            .bind(quantity)
            .execute(&mut *conn)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict("not enough stock"));
        }
    }
    Ok(())
}

async fn insert_order(conn: &mut AnyConnection, o: &OrderRecord) -> StoreResult<()> {
    sqlx::query(concat!(
        "INSERT INTO orders (",
        order_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
         $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)"
    ))
    .bind(o.id.as_str())
    .bind(o.checkout_id.as_str())
    .bind(o.shop_id.as_str())
    .bind(o.buyer_id.as_str())
    .bind(o.status.as_str())
    .bind(o.channel.as_str())
    .bind(o.goods.minor())
    .bind(o.shipping.minor())
    .bind(o.total.minor())
    .bind(o.commission.minor())
    .bind(o.total.currency().code())
    .bind(o.ships_from.map(Timestamp::millis))
    .bind(o.address.recipient.as_str())
    .bind(o.address.phone.as_str())
    .bind(o.address.province.as_str())
    .bind(o.address.city.as_str())
    .bind(o.address.county.as_str())
    .bind(o.address.detail.as_str())
    .bind(o.created_at.millis())
    .bind(o.pay_by.millis())
    .bind(o.paid_at.map(Timestamp::millis))
    .bind(o.shipment.as_ref().map(|s| s.carrier.as_str()))
    .bind(o.shipment.as_ref().map(|s| s.tracking_no.as_str()))
    .bind(o.shipment.as_ref().map(|s| s.shipped_at.millis()))
    .bind(o.delivered_at.map(Timestamp::millis))
    .bind(o.closed_at.map(Timestamp::millis))
    .execute(conn)
    .await
    .map_err(refused("order refused"))?;
    Ok(())
}

async fn insert_line(
    conn: &mut AnyConnection,
    order: &OrderId,
    l: &OrderLineRecord,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO order_lines (order_id, line_no, sku_id, product_id, title, sku_name, category, \
         unit_price_minor, quantity, weight_g, commission_minor) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(order.as_str())
    .bind(l.line_no)
    .bind(l.sku_id.as_str())
    .bind(l.product_id.as_str())
    .bind(l.title.as_str())
    .bind(l.sku_name.as_str())
    .bind(l.category.slug())
    .bind(l.unit_price.minor())
    .bind(l.quantity)
    .bind(l.weight_g)
    .bind(l.commission.minor())
    .execute(conn)
    .await
    .map_err(refused("order line refused"))?;
    Ok(())
}
