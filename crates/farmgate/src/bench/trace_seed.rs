//! The data set of `farmgate bench trace`, written straight into the SQLite file in a few
//! statements (recursive `INSERT … SELECT`s, one transaction): batches of the catalogue's
//! products, and shipped orders whose lines are packed from them, each with its up parcel.
//! Batch `b` holds 100 units: 20 orders of 5 take them, two of which are split with the
//! batch's twin `b ^ 1` (same product), so every batch is reached by 22 orders.

use std::path::Path;

use farmgate_domain::id::{AccountId, NetworkNodeId, ProductId, ShopId, SkuId};
use farmgate_domain::time::Timestamp;
use sqlx::{Any, Executor, Transaction};

/// Units per batch and per order: 100 batch units over 20 orders of 5.
pub const UNITS_PER_BATCH: i64 = 100;
const UNITS_PER_ORDER: i64 = 5;

#[derive(Clone, Copy)]
pub struct TraceData {
    pub batches: i64,
    pub orders: i64,
}

impl TraceData {
    /// Enough orders to ship every batch's units.
    pub fn with_batches(batches: i64) -> TraceData {
        TraceData {
            batches,
            orders: batches * UNITS_PER_BATCH / UNITS_PER_ORDER,
        }
    }

    pub fn batch_id(n: i64) -> String {
        format!("bench-batch-{n:06}")
    }

    pub fn lot(n: i64) -> String {
        format!("B{n:06}")
    }

    /// Batches per product: they are spread over the products in blocks of this many.
    pub fn per_product(&self, products: usize) -> i64 {
        (self.batches / products.max(1) as i64).max(2) & !1
    }

    /// Which of `products` batch `n` is of.
    pub fn product_of(&self, n: i64, products: usize) -> usize {
        ((n / self.per_product(products)) % products.max(1) as i64) as usize
    }
}

/// What the generated rows refer to, already stored.
pub struct Referents {
    /// `(product, shop, sku)`; batches are spread over them in blocks.
    pub products: Vec<(ProductId, ShopId, SkuId)>,
    pub buyers: Vec<AccountId>,
    pub village: String,
    pub point: NetworkNodeId,
    pub now: Timestamp,
}

pub async fn write(path: &Path, data: &TraceData, to: &Referents) -> anyhow::Result<()> {
    let pool = super::seed_pool(path).await?;
    let mut tx = pool.begin().await?;
    referents(&mut tx, to).await?;
    let per_product = data.per_product(to.products.len());
    let now = to.now.millis();
    sqlx::query(
        "INSERT INTO batches (id, product_id, shop_id, lot, harvested_on, village, units, grade, \
         notes, status, quality, created_by, created_at) \
         WITH RECURSIVE n(b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM n WHERE b + 1 < $1) \
         SELECT printf('bench-batch-%06d', b), p.product_id, p.shop_id, printf('B%06d', b), \
         '2026-08-15', $2, $3, 'first', '', 'open', 'passed', $4, $5 \
         FROM n JOIN bench_products p ON p.n = (b / $6) % $7",
    )
    .bind(data.batches)
    .bind(to.village.as_str())
    .bind(UNITS_PER_BATCH)
    .bind(to.buyers[0].as_str())
    .bind(now)
    .bind(per_product)
    .bind(to.products.len() as i64)
    .execute(&mut *tx)
    .await?;
    orders(&mut tx, data, per_product, now).await?;
    tx.commit().await?;
    pool.close().await;
    Ok(())
}

/// The products and buyers as small tables the generating statements join.
async fn referents(tx: &mut Transaction<'_, Any>, to: &Referents) -> anyhow::Result<()> {
    tx.execute(
        "CREATE TEMP TABLE bench_products (n INTEGER PRIMARY KEY, product_id TEXT, shop_id TEXT, \
         sku_id TEXT); CREATE TEMP TABLE bench_buyers (n INTEGER PRIMARY KEY, id TEXT)",
    )
    .await?;
    for (n, (product, shop, sku)) in to.products.iter().enumerate() {
        sqlx::query("INSERT INTO bench_products VALUES ($1, $2, $3, $4)")
            .bind(n as i64)
            .bind(product.as_str())
            .bind(shop.as_str())
            .bind(sku.as_str())
            .execute(&mut **tx)
            .await?;
    }
    for (n, buyer) in to.buyers.iter().enumerate() {
        sqlx::query("INSERT INTO bench_buyers VALUES ($1, $2)")
            .bind(n as i64)
            .bind(buyer.as_str())
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("CREATE TEMP TABLE bench_point AS SELECT $1 AS id")
        .bind(to.point.as_str())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Order `i` is packed from batch `i % batches`; in one round of every ten its units are
/// split 2 + 3 with the batch's twin. Placeholders: `$1` orders, `$2` batches, `$3` batches per
/// product, `$4` the time; a statement leaves out those it does not need.
async fn orders(
    tx: &mut Transaction<'_, Any>,
    data: &TraceData,
    per_product: i64,
    now: i64,
) -> anyhow::Result<()> {
    let numbered =
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $1)";
    let product = |column: &str| {
        format!(
            "(SELECT p.{column} FROM bench_products p WHERE p.n = ((i % $2) / $3) % \
             (SELECT COUNT(*) FROM bench_products))"
        )
    };
    let buyer = "(SELECT id FROM bench_buyers WHERE n = i % (SELECT COUNT(*) FROM bench_buyers))";
    let statements = [
        format!(
            "INSERT INTO checkouts (id, buyer_id, idempotency_key, total_minor, currency, \
             created_at) {numbered} SELECT printf('bench-co-%07d', i), {buyer}, \
             printf('k%07d', i), 19000, 'CNY', $4 FROM n"
        ),
        format!(
            "INSERT INTO orders (id, checkout_id, shop_id, buyer_id, status, channel, \
             goods_minor, shipping_minor, total_minor, commission_minor, currency, recipient, \
             phone, province, city, county, address_detail, created_at, pay_by, paid_at, \
             carrier, tracking_no, shipped_at) {numbered} SELECT printf('bench-order-%07d', i), \
             printf('bench-co-%07d', i), {shop}, {buyer}, 'shipped', 'shelf', 19000, 0, 19000, \
             0, 'CNY', '王芳', '13800138000', '31', '上海市', '浦东新区', '世纪大道 100 号', $4, \
             $4, $4, 'NETWORK', printf('%010d', i), $4 FROM n",
            shop = product("shop_id"),
        ),
        format!(
            "INSERT INTO order_lines (order_id, line_no, sku_id, product_id, title, sku_name, \
             category, unit_price_minor, quantity, weight_g, commission_minor) {numbered} \
             SELECT printf('bench-order-%07d', i), 0, {sku}, {product_id}, '柴达木枸杞', \
             '500g', 'fruit', 3800, 5, 2750, 0 FROM n",
            sku = product("sku_id"),
            product_id = product("product_id"),
        ),
        format!(
            "INSERT INTO order_line_batches (order_id, line_no, batch_id, units) {numbered} \
             SELECT printf('bench-order-%07d', i), 0, printf('bench-batch-%06d', i % $2), \
             CASE WHEN (i / $2) % 10 = 0 THEN 2 ELSE 5 END FROM n \
             UNION ALL SELECT printf('bench-order-%07d', i), 0, \
             printf('bench-batch-%06d', (i % $2) + 1 - 2 * ((i % $2) % 2)), 3 \
             FROM n WHERE (i / $2) % 10 = 0"
        ),
        format!(
            "INSERT INTO parcels (id, code, direction, point_id, villager_name, villager_phone, \
             weight_g, order_id, stage, created_at) {numbered} \
             SELECT printf('bench-parcel-%07d', i), printf('%010d', i), 'up', \
             (SELECT id FROM bench_point), '卓玛', '13800001234', 2750, \
             printf('bench-order-%07d', i), 'received', $4 FROM n"
        ),
    ];
    for sql in statements {
        sqlx::query(&sql)
            .bind(data.orders)
            .bind(data.batches)
            .bind(per_product)
            .bind(now)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
