//! Reading the rollups for the dashboards: whole months from month rows, the days at the ends
//! of a range from day rows (`Coverage`), so a year is a few hundred rows whatever the orders.

use async_trait::async_trait;
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::{ProductId, ShopId};
use farmgate_domain::stats::{BuyerPeriod, RollupFigures};

use super::stats_filter::Filter;
use super::stats_rebuild::rebuild;
use super::stats_writes::{DESTINATIONS, PRODUCTS, SALES};
use super::SqlStore;
use crate::{
    Breakdown, BuyerCounts, LiveSessionsSales, NetworkRollup, RebuildReport, RollupScope, Rollups,
    SalesCell, StoreResult,
};

/// Sums of the figures, as both backends return them.
const SUMS: &str = "CAST(SUM(paid_minor) AS BIGINT), CAST(SUM(refunded_minor) AS BIGINT), \
     CAST(SUM(orders) AS BIGINT), CAST(SUM(units) AS BIGINT)";

type SumRow = (String, i64, i64, i64, i64);

fn figures(row: SumRow) -> (String, RollupFigures) {
    let (key, paid_minor, refunded_minor, orders, units) = row;
    (
        key,
        RollupFigures {
            paid_minor,
            refunded_minor,
            orders,
            units,
        },
    )
}

/// A shop's products for a shop's scope (a shop's sums are its products'), the county's
/// sales otherwise.
fn table_of(scope: &RollupScope) -> &'static str {
    if scope.shop.is_some() {
        PRODUCTS.name
    } else {
        SALES.name
    }
}

impl SqlStore {
    async fn sums(&self, sql: &str, filter: Filter) -> StoreResult<Vec<(String, RollupFigures)>> {
        Ok(filter
            .bind_all(sqlx::query_as::<_, SumRow>(sql))
            .fetch_all(&self.reader)
            .await?
            .into_iter()
            .map(figures)
            .collect())
    }

    /// The `limit` keys of `table` with the largest sales in the scope.
    async fn ranking(
        &self,
        table: &str,
        key: &str,
        filter: Filter,
        limit: i64,
    ) -> StoreResult<Vec<(String, RollupFigures)>> {
        let sql = format!(
            "SELECT {key}, {SUMS} FROM {table} WHERE {} GROUP BY {key} \
             ORDER BY SUM(paid_minor) - SUM(refunded_minor) DESC, {key} LIMIT {}",
            filter.sql(),
            limit.max(0),
        );
        self.sums(&sql, filter).await
    }
}

#[async_trait]
impl Rollups for SqlStore {
    async fn sales_by(
        &self,
        scope: &RollupScope,
        by: Breakdown,
    ) -> StoreResult<Vec<(String, RollupFigures)>> {
        let table = table_of(scope);
        let key = match by {
            Breakdown::Total => "''",
            Breakdown::Channel => "channel",
            Breakdown::Category => "category",
            Breakdown::Township => "substr(place, 1, 9)",
            Breakdown::Village => "place",
            Breakdown::Month => {
                "CAST(CASE WHEN grain = 'm' THEN period ELSE period / 100 END AS TEXT)"
            }
            Breakdown::Day => "CAST(period AS TEXT)",
        };
        let mut filter = Filter::new(self.backend);
        filter.days(scope, by == Breakdown::Day);
        filter.narrow(scope, true);
        let sql = format!(
            "SELECT {key}, {SUMS} FROM {table} WHERE {} GROUP BY 1 ORDER BY 1",
            filter.sql()
        );
        self.sums(&sql, filter).await
    }

    async fn sales_cells(
        &self,
        scope: &RollupScope,
    ) -> StoreResult<Vec<(SalesCell, RollupFigures)>> {
        let mut filter = Filter::new(self.backend);
        filter.days(scope, false);
        filter.narrow(scope, true);
        // One key of the three, split again below: none of them holds a tab.
        let sql = format!(
            "SELECT place || '\t' || category || '\t' || channel, {SUMS} FROM {} WHERE {} \
             GROUP BY place, category, channel",
            table_of(scope),
            filter.sql()
        );
        let rows = self.sums(&sql, filter).await?;
        Ok(rows
            .into_iter()
            .filter_map(|(key, figures)| {
                let mut parts = key.split('\t').map(str::to_owned);
                let cell = SalesCell {
                    place: parts.next()?,
                    category: parts.next()?,
                    channel: parts.next()?,
                };
                Some((cell, figures))
            })
            .collect())
    }

    async fn shops_with_sales(&self, scope: &RollupScope) -> StoreResult<i64> {
        let mut filter = Filter::new(self.backend);
        filter.days(scope, false);
        filter.narrow(scope, true);
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT shop_id FROM {} WHERE {} GROUP BY shop_id \
             HAVING SUM(paid_minor) > 0) selling",
            PRODUCTS.name,
            filter.sql()
        );
        let (count,) = filter
            .bind_all(sqlx::query_as::<_, (i64,)>(&sql))
            .fetch_one(&self.reader)
            .await?;
        Ok(count)
    }

    async fn top_shops(
        &self,
        scope: &RollupScope,
        limit: i64,
    ) -> StoreResult<Vec<(ShopId, RollupFigures)>> {
        let mut filter = Filter::new(self.backend);
        filter.days(scope, false);
        filter.narrow(scope, true);
        let rows = self
            .ranking(PRODUCTS.name, "shop_id", filter, limit)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, figures)| (ShopId::new(id), figures))
            .collect())
    }

    async fn top_products(
        &self,
        scope: &RollupScope,
        limit: i64,
    ) -> StoreResult<Vec<(ProductId, RollupFigures)>> {
        let mut filter = Filter::new(self.backend);
        filter.days(scope, false);
        filter.narrow(scope, true);
        let rows = self
            .ranking(PRODUCTS.name, "product_id", filter, limit)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, figures)| (ProductId::new(id), figures))
            .collect())
    }

    async fn sales_by_destination(
        &self,
        scope: &RollupScope,
        limit: i64,
    ) -> StoreResult<Vec<((String, String), RollupFigures)>> {
        let mut filter = Filter::new(self.backend);
        filter.days(scope, false);
        // Both parts in one key, split again below: a county name never holds a tab.
        let key = "province || '\t' || county";
        let rows = self.ranking(DESTINATIONS.name, key, filter, limit).await?;
        Ok(rows
            .into_iter()
            .map(|(key, figures)| {
                let (province, county) = key.split_once('\t').unwrap_or((key.as_str(), ""));
                ((province.to_owned(), county.to_owned()), figures)
            })
            .collect())
    }

    async fn buyer_counts(&self, period: BuyerPeriod) -> StoreResult<BuyerCounts> {
        let row: Option<(i64, i64)> = sqlx::query_as(
            "SELECT buyers, repeat_buyers FROM stats_buyer_counts \
             WHERE grain = $1 AND period = $2",
        )
        .bind(period.grain())
        .bind(period.number())
        .fetch_optional(&self.reader)
        .await?;
        Ok(
            row.map_or_else(BuyerCounts::default, |(buyers, repeat_buyers)| {
                BuyerCounts {
                    buyers,
                    repeat_buyers,
                }
            }),
        )
    }

    async fn live_sessions_sales(
        &self,
        scope: &RollupScope,
        limit: i64,
    ) -> StoreResult<LiveSessionsSales> {
        self.read_live_sessions_sales(scope, limit).await
    }

    async fn network_rollup(&self, from: CivilDate, to: CivilDate) -> StoreResult<NetworkRollup> {
        self.read_network_rollup(from, to).await
    }

    async fn rebuild_rollups(&self) -> StoreResult<RebuildReport> {
        let mut tx = self.writer.begin().await?;
        let report = rebuild(&mut tx, self.backend).await?;
        tx.commit().await?;
        Ok(report)
    }
}
