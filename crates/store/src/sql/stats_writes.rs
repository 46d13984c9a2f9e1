//! Writing the rollups: what a payment or a refund changes, inside that payment's or refund's
//! own transaction, and the rebuild that recomputes everything from orders. Both go through the
//! domain's rules (`farmgate_domain::stats`) and the same upserts, so they cannot disagree.

use std::collections::BTreeMap;

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::{AccountId, LiveSessionId, ProductId, ShopId};
use farmgate_domain::money::Money;
use farmgate_domain::place::AreaCode;
use farmgate_domain::stats::{
    day_key, month_key, BuyerMonths, BuyerPeriod, BuyersGained, Channel, RollupChange,
    RollupFigures, SoldOrder,
};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::stats_live::add_live;
use super::{params, value_rows};

/// Orders read per statement, when paying a batch and when rebuilding.
pub(super) const ORDERS_PER_PAGE: usize = 500;
use crate::{Backend, StoreError, StoreResult};

/// A paid order's lines with what the rollups need of the order and its shop, one row per line.
const SOLD_LINES: &str = "SELECT o.id, o.shop_id, s.village_code, o.buyer_id, o.province, \
     o.county, o.channel, o.goods_minor, o.paid_at, o.live_session_id, l.product_id, l.category, \
     l.unit_price_minor * l.quantity, l.quantity \
     FROM orders o JOIN shops s ON s.id = o.shop_id JOIN order_lines l ON l.order_id = o.id";

type SoldLineRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<String>,
    String,
    String,
    i64,
    i64,
);

/// A sold order with the order's id and when it was paid.
pub(super) struct Sold {
    pub id: String,
    pub paid_at: Option<i64>,
    pub order: SoldOrder,
}

/// Rows ordered by order, then line, into orders.
pub(super) fn sold_orders(rows: Vec<SoldLineRow>) -> StoreResult<Vec<Sold>> {
    let mut sold: Vec<Sold> = Vec::new();
    let mut lines = Vec::new();
    let mut goods = 0;
    for row in rows {
        let (id, shop, village, buyer, province, county, channel, goods_minor, paid_at, live) = (
            row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9,
        );
        if sold.last().is_none_or(|last| last.id != id) {
            finish(&mut sold, &mut lines, goods)?;
            goods = goods_minor;
            sold.push(Sold {
                id,
                paid_at,
                order: SoldOrder {
                    shop: ShopId::new(shop),
                    seller_place: AreaCode::parse(&village)
                        .ok_or(StoreError::Corrupt("shops.village_code"))?,
                    buyer: AccountId::new(buyer),
                    destination: (province, county),
                    channel: Channel::parse(&channel)
                        .ok_or(StoreError::Corrupt("orders.channel"))?,
                    live_session: live.map(LiveSessionId::new),
                    lines: Vec::new(),
                },
            });
        }
        let category =
            Category::parse(&row.11).ok_or(StoreError::Corrupt("order_lines.category"))?;
        lines.push((ProductId::new(row.10), category, Money::fen(row.12), row.13));
    }
    finish(&mut sold, &mut lines, goods)?;
    Ok(sold)
}

/// Gives the last order its lines, the discount shared across them.
fn finish(
    sold: &mut [Sold],
    lines: &mut Vec<(ProductId, Category, Money, i64)>,
    goods: i64,
) -> StoreResult<()> {
    if let Some(last) = sold.last_mut() {
        last.order.lines = SoldOrder::discounted_lines(Money::fen(goods), std::mem::take(lines))
            .map_err(|_| StoreError::Corrupt("order_lines"))?;
    }
    Ok(())
}

pub(super) async fn sold_where(
    conn: &mut AnyConnection,
    condition: &str,
    values: &[&str],
) -> StoreResult<Vec<Sold>> {
    let sql = format!("{SOLD_LINES} WHERE {condition} ORDER BY o.id, l.line_no");
    let mut query = sqlx::query_as::<_, SoldLineRow>(&sql);
    for value in values {
        query = query.bind(*value);
    }
    sold_orders(query.fetch_all(&mut *conn).await?)
}

/// Adds these orders, just paid, to the rollups on the days they were paid.
pub(super) async fn record_paid(
    conn: &mut AnyConnection,
    backend: Backend,
    orders: &[String],
) -> StoreResult<()> {
    let mut change = RollupChange::default();
    for chunk in orders.chunks(ORDERS_PER_PAGE) {
        // By id alone: with the status beside it, SQLite may walk the status index instead.
        let condition = format!("o.id IN ({})", params(backend, 1, chunk.len()));
        let ids: Vec<&str> = chunk.iter().map(String::as_str).collect();
        for sold in sold_where(conn, &condition, &ids).await? {
            let paid_at = sold.paid_at.ok_or(StoreError::Corrupt("orders.paid_at"))?;
            change.merge(
                sold.order
                    .paid(CivilDate::in_china(Timestamp::from_millis(paid_at))),
            );
        }
    }
    write_change(conn, backend, &change).await
}

/// Takes a refund of `amount` paid back at `at` from the rollups.
pub(super) async fn record_refund(
    conn: &mut AnyConnection,
    backend: Backend,
    order: &str,
    amount: Money,
    refunded_before: Money,
    at: Timestamp,
) -> StoreResult<()> {
    let sold = sold_where(conn, "o.id = $1", &[order]).await?;
    let mut change = RollupChange::default();
    for order in sold {
        let taken = order
            .order
            .refunded(CivilDate::in_china(at), amount, refunded_before)
            .map_err(|_| StoreError::Corrupt("order_lines"))?;
        change.merge(taken);
    }
    write_change(conn, backend, &change).await
}

/// One table's row: its key and kept-beside values as text, at a grain and period.
type Rows = BTreeMap<(&'static str, i64, Vec<String>), (Vec<String>, RollupFigures)>;

/// A day's cell as a day row and a month row, summed into `rows`.
fn add_row(
    rows: &mut Rows,
    day: CivilDate,
    key: Vec<String>,
    kept: Vec<String>,
    f: &RollupFigures,
) {
    for (grain, period) in [("d", day_key(day)), ("m", month_key(day))] {
        rows.entry((grain, period, key.clone()))
            .or_insert_with(|| (kept.clone(), RollupFigures::default()))
            .1
            .add(f);
    }
}

/// Adds a change to the rollup tables, each cell written once.
pub(super) async fn write_change(
    conn: &mut AnyConnection,
    backend: Backend,
    change: &RollupChange,
) -> StoreResult<()> {
    let mut sales = Rows::new();
    for (k, f) in &change.sales {
        let key = vec![
            k.seller_place.to_string(),
            k.category.slug().to_owned(),
            k.channel.as_str().to_owned(),
        ];
        add_row(&mut sales, k.day, key, Vec::new(), f);
    }
    let mut products = Rows::new();
    for (k, cell) in &change.products {
        let key = vec![k.product.to_string(), k.channel.as_str().to_owned()];
        let kept = vec![
            cell.shop.to_string(),
            cell.place.to_string(),
            cell.category.slug().to_owned(),
        ];
        add_row(&mut products, k.day, key, kept, &cell.figures);
    }
    let mut destinations = Rows::new();
    for (k, f) in &change.destinations {
        let key = vec![k.province.clone(), k.county.clone()];
        add_row(&mut destinations, k.day, key, Vec::new(), f);
    }
    upsert(conn, backend, &SALES, &sales).await?;
    upsert(conn, backend, &PRODUCTS, &products).await?;
    upsert(conn, backend, &DESTINATIONS, &destinations).await?;
    add_live(conn, backend, &change.live).await?;
    add_buyers(conn, backend, &change.buyers).await
}

/// A rollup table: its name, the columns of its key after grain and period, and the columns
/// kept beside the key.
pub(super) struct Table {
    pub name: &'static str,
    pub key: &'static [&'static str],
    pub kept: &'static [&'static str],
}

pub(super) const SALES: Table = Table {
    name: "stats_sales",
    key: &["place", "category", "channel"],
    kept: &[],
};
pub(super) const PRODUCTS: Table = Table {
    name: "stats_product_sales",
    key: &["product_id", "channel"],
    kept: &["shop_id", "place", "category"],
};
pub(super) const DESTINATIONS: Table = Table {
    name: "stats_destination_sales",
    key: &["province", "county"],
    kept: &[],
};

/// Rows per statement: well under both backends' limits on bound values.
pub(super) const ROWS_PER_STATEMENT: usize = 400;

async fn upsert(
    conn: &mut AnyConnection,
    backend: Backend,
    table: &Table,
    rows: &Rows,
) -> StoreResult<()> {
    let rows: Vec<_> = rows.iter().collect();
    let columns: Vec<&str> = ["grain", "period"]
        .into_iter()
        .chain(table.key.iter().copied())
        .chain(table.kept.iter().copied())
        .chain(["paid_minor", "refunded_minor", "orders", "units"])
        .collect();
    let conflict: Vec<&str> = ["grain", "period"]
        .into_iter()
        .chain(table.key.iter().copied())
        .collect();
    let name = table.name;
    let sums = ["paid_minor", "refunded_minor", "orders", "units"]
        .map(|c| format!("{c} = {name}.{c} + excluded.{c}"))
        .join(", ");
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO {name} ({}) VALUES {} ON CONFLICT ({}) DO UPDATE SET {sums}",
            columns.join(", "),
            value_rows(backend, chunk.len(), columns.len()),
            conflict.join(", "),
        );
        let mut query = sqlx::query(&sql);
        for ((grain, period, key), (kept, f)) in chunk {
            query = query.bind(*grain).bind(*period);
            for value in key.iter().chain(kept) {
                query = query.bind(value.as_str());
            }
            query = query
                .bind(f.paid_minor)
                .bind(f.refunded_minor)
                .bind(f.orders)
                .bind(f.units);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Marks each buyer's months, and adds to each period's counts the buyers and repeat buyers
/// those marks gained it (`BuyerMonths::gained`), from each row as it was and as it is.
async fn add_buyers(
    conn: &mut AnyConnection,
    backend: Backend,
    buyers: &BTreeMap<(i64, AccountId), BuyerMonths>,
) -> StoreResult<()> {
    let buyers: Vec<_> = buyers.iter().collect();
    let mut counts: BTreeMap<BuyerPeriod, BuyersGained> = BTreeMap::new();
    for chunk in buyers.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO stats_buyer_months (year, buyer_id, months_paid, months_repeat, \
             months_paid_before, months_repeat_before) VALUES {} \
             ON CONFLICT (year, buyer_id) DO UPDATE SET \
             months_paid_before = stats_buyer_months.months_paid, \
             months_repeat_before = stats_buyer_months.months_repeat, \
             months_paid = stats_buyer_months.months_paid | excluded.months_paid, \
             months_repeat = stats_buyer_months.months_repeat | excluded.months_repeat \
             | (stats_buyer_months.months_paid & excluded.months_paid) \
             RETURNING year, months_paid_before, months_repeat_before, months_paid, months_repeat",
            value_rows(backend, chunk.len(), 6),
        );
        let mut query = sqlx::query_as::<_, (i64, i64, i64, i64, i64)>(&sql);
        for ((year, buyer), months) in chunk {
            query = query
                .bind(*year)
                .bind(buyer.as_str())
                .bind(i64::from(months.paid))
                .bind(i64::from(months.repeat))
                .bind(0_i64)
                .bind(0_i64);
        }
        for (year, paid_before, repeat_before, paid, repeat) in query.fetch_all(&mut *conn).await? {
            let before = buyer_months(paid_before, repeat_before)?;
            let after = buyer_months(paid, repeat)?;
            for (period, gained) in BuyerMonths::gained(year, before, after) {
                let count = counts.entry(period).or_default();
                count.buyers += gained.buyers;
                count.repeat_buyers += gained.repeat_buyers;
            }
        }
    }
    let counts: Vec<_> = counts.into_iter().collect();
    for chunk in counts.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO stats_buyer_counts (grain, period, buyers, repeat_buyers) VALUES {} \
             ON CONFLICT (grain, period) DO UPDATE SET \
             buyers = stats_buyer_counts.buyers + excluded.buyers, \
             repeat_buyers = stats_buyer_counts.repeat_buyers + excluded.repeat_buyers",
            value_rows(backend, chunk.len(), 4),
        );
        let mut query = sqlx::query(&sql);
        for (period, gained) in chunk {
            query = query
                .bind(period.grain())
                .bind(period.number())
                .bind(gained.buyers)
                .bind(gained.repeat_buyers);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

fn buyer_months(paid: i64, repeat: i64) -> StoreResult<BuyerMonths> {
    let months =
        |set: i64| u16::try_from(set).map_err(|_| StoreError::Corrupt("stats_buyer_months"));
    Ok(BuyerMonths {
        paid: months(paid)?,
        repeat: months(repeat)?,
    })
}
