//! The order history of `farmgate bench stats`, written straight into the SQLite file by a few
//! `INSERT … SELECT`s over a numbered series: one single-line order per number, paid on a day
//! drawn by a two-year seasonal curve, through a mix of channels, delivered to buyers across
//! the provinces, one in 31 refunded in full three days later. Single lines and no shipping
//! keep the raw `GROUP BY` baseline's figures exactly those of the rollups.

use std::path::Path;

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::{ProductId, ShopId, SkuId};
use sqlx::{Any, Executor, Transaction};

/// Slots the days are drawn from: each day holds slots in proportion to its sales.
const SLOTS: i64 = 65_536;
/// One order in this many is refunded.
const REFUND_EVERY: i64 = 31;
const MILLIS_PER_DAY: i64 = 86_400_000;

/// A listed product the orders buy.
pub struct Listed {
    pub product: ProductId,
    pub shop: ShopId,
    pub sku: SkuId,
    pub category: Category,
    pub price_minor: i64,
}

/// What the generated orders refer to and how many there are.
pub struct History<'a> {
    pub orders: i64,
    pub buyers: i64,
    pub products: &'a [Listed],
    /// The last day of the two years.
    pub last_day: CivilDate,
    /// Where buyers are: `(province code, county name)`; the first is the county itself.
    pub destinations: &'a [(String, String)],
}

impl History<'_> {
    pub fn first_day(&self) -> CivilDate {
        self.last_day.plus_days(-729)
    }
}

/// A day's share of the orders: growth of about a quarter a year, the harvest, the New Year
/// goods festival before Spring Festival, Double 11 and Double 12, busier weekends.
pub fn day_weight(day: CivilDate, first: CivilDate) -> f64 {
    let age = (day.day_number() - first.day_number()) as f64 / 365.0;
    let mut weight = 1.25_f64.powf(age);
    let month = day.month.number();
    if (8..=10).contains(&month) {
        weight *= 1.6;
    }
    let festival = [
        CivilDate::new(2025, 1, 29),
        CivilDate::new(2026, 2, 17),
        CivilDate::new(2027, 2, 6),
    ];
    for spring in festival.into_iter().flatten() {
        let before = spring.day_number() - day.day_number();
        if (1..=21).contains(&before) {
            weight *= 2.0;
        }
    }
    weight *= match (month, day.day) {
        (11, 11) => 6.0,
        (11, 1..=10) => 1.4,
        (12, 12) => 2.5,
        _ => 1.0,
    };
    if (day.day_number() + 3).rem_euclid(7) >= 5 {
        weight *= 1.15;
    }
    weight
}

/// Each slot's day (as the instant it starts in China), slots spread by `day_weight`.
fn slots(history: &History<'_>) -> Vec<i64> {
    let first = history.first_day();
    let days: Vec<(CivilDate, f64)> = (0..730)
        .map(|n| first.plus_days(n))
        .map(|day| (day, day_weight(day, first)))
        .collect();
    let total: f64 = days.iter().map(|(_, w)| w).sum();
    let mut slots = Vec::with_capacity(SLOTS as usize);
    let mut reached = 0.0;
    for (day, weight) in days {
        reached += weight / total * SLOTS as f64;
        while (slots.len() as f64) < reached.round() && (slots.len() as i64) < SLOTS {
            slots.push(day.start_in_china().millis());
        }
    }
    while (slots.len() as i64) < SLOTS {
        slots.push(history.last_day.start_in_china().millis());
    }
    slots
}

pub async fn write(path: &Path, history: &History<'_>) -> anyhow::Result<()> {
    let pool = super::seed_pool(path).await?;
    let mut tx = pool.begin().await?;
    referents(&mut tx, history).await?;
    let numbered =
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $1)";
    // Each number's draws, computed once: its day slot, product, destination, channel.
    let drawn = format!(
        "{numbered}, d(i, paid_at, p, place, channel, quantity, refunded) AS (SELECT i, \
         (SELECT day_start FROM bench_slots WHERE k = (i * 2654435761) % {SLOTS}) \
         + (i * 7919) % {MILLIS_PER_DAY}, \
         ((i % 1009) * (i % 997)) % (SELECT COUNT(*) FROM bench_products), \
         (i * 13) % (SELECT COUNT(*) FROM bench_places), \
         CASE WHEN (i * 37) % 100 < 62 THEN 'shelf' WHEN (i * 37) % 100 < 80 THEN 'live' \
         WHEN (i * 37) % 100 < 88 THEN 'group_buy' WHEN (i * 37) % 100 < 95 THEN 'short_video' \
         ELSE 'campaign' END, 1 + i % 3, i % {REFUND_EVERY} = 0 FROM n)"
    );
    let buyer = "printf('bench-buyer-%07d', (i * 48271) % $2)";
    let statements = [
        format!(
            "INSERT INTO accounts (id, email, display_name, password_hash, created_at) \
             {numbered} SELECT printf('bench-buyer-%07d', i), printf('b%07d@bench.example.cn', i), \
             '买家', '', 0 FROM n WHERE i < $2"
        ),
        format!(
            "INSERT INTO checkouts (id, buyer_id, idempotency_key, total_minor, currency, \
             created_at) {drawn} SELECT printf('bench-co-%08d', i), {buyer}, printf('k%08d', i), \
             p.price * quantity, 'CNY', paid_at FROM d JOIN bench_products p ON p.n = d.p"
        ),
        format!(
            "INSERT INTO orders (id, checkout_id, shop_id, buyer_id, status, channel, \
             goods_minor, shipping_minor, total_minor, commission_minor, currency, recipient, \
             phone, province, city, county, address_detail, created_at, pay_by, paid_at, \
             refunded_minor, closed_at) {drawn} SELECT printf('bench-o-%08d', i), \
             printf('bench-co-%08d', i), p.shop_id, {buyer}, \
             CASE WHEN refunded THEN 'refunded' ELSE 'completed' END, channel, \
             p.price * quantity, 0, p.price * quantity, 0, 'CNY', '王芳', '13800138000', \
             pl.province, '', pl.county, '—', paid_at, paid_at, paid_at, \
             CASE WHEN refunded THEN p.price * quantity ELSE 0 END, paid_at \
             FROM d JOIN bench_products p ON p.n = d.p JOIN bench_places pl ON pl.n = d.place"
        ),
        format!(
            "INSERT INTO order_lines (order_id, line_no, sku_id, product_id, title, sku_name, \
             category, unit_price_minor, quantity, weight_g, commission_minor) {drawn} \
             SELECT printf('bench-o-%08d', i), 0, p.sku_id, p.product_id, '特产', '500g', \
             p.category, p.price, quantity, 550 * quantity, 0 \
             FROM d JOIN bench_products p ON p.n = d.p"
        ),
        format!(
            "INSERT INTO after_sales (id, order_id, shop_id, buyer_id, kind, reason, \
             description, amount_minor, currency, status, created_at, updated_at, refunded_at, \
             refund_basis) {drawn} SELECT printf('bench-as-%08d', i), printf('bench-o-%08d', i), \
             p.shop_id, {buyer}, 'refund_only', 'no_longer_wanted', '', p.price * quantity, \
             'CNY', 'refunded', paid_at, paid_at + 3 * {MILLIS_PER_DAY}, \
             paid_at + 3 * {MILLIS_PER_DAY}, 'held' \
             FROM d JOIN bench_products p ON p.n = d.p WHERE refunded"
        ),
    ];
    for sql in statements {
        sqlx::query(&sql)
            .bind(history.orders)
            .bind(history.buyers)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    pool.close().await;
    Ok(())
}

/// The products, day slots and destinations as small tables the statements join.
async fn referents(tx: &mut Transaction<'_, Any>, history: &History<'_>) -> anyhow::Result<()> {
    tx.execute(
        "CREATE TEMP TABLE bench_products (n INTEGER PRIMARY KEY, product_id TEXT, shop_id TEXT, \
         sku_id TEXT, category TEXT, price INTEGER); \
         CREATE TEMP TABLE bench_slots (k INTEGER PRIMARY KEY, day_start INTEGER); \
         CREATE TEMP TABLE bench_places (n INTEGER PRIMARY KEY, province TEXT, county TEXT)",
    )
    .await?;
    for (n, listed) in history.products.iter().enumerate() {
        sqlx::query("INSERT INTO bench_products VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(n as i64)
            .bind(listed.product.as_str())
            .bind(listed.shop.as_str())
            .bind(listed.sku.as_str())
            .bind(listed.category.slug())
            .bind(listed.price_minor)
            .execute(&mut **tx)
            .await?;
    }
    for (k, day_start) in slots(history).into_iter().enumerate() {
        sqlx::query("INSERT INTO bench_slots VALUES ($1, $2)")
            .bind(k as i64)
            .bind(day_start)
            .execute(&mut **tx)
            .await?;
    }
    for (n, (province, county)) in history.destinations.iter().enumerate() {
        sqlx::query("INSERT INTO bench_places VALUES ($1, $2, $3)")
            .bind(n as i64)
            .bind(province.as_str())
            .bind(county.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
