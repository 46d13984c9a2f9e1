//! Campaigns (their scope as a kind and a space-separated list) and their orders' parts.

use async_trait::async_trait;
use farmgate_domain::campaign::{CampaignTerms, PriceRule, Scope};
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::{AccountId, CampaignId, OrderId, ProductId, ShopId};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::errors::refused;
use super::{value_rows, SqlStore};
use crate::{
    Backend, CampaignFigures, CampaignRecord, Campaigns, OrderCampaignPart, StoreError, StoreResult,
};

const COLUMNS: &str = "id, name, starts_at, ends_at, scope_kind, scope_items, rule, percent_off, \
     price_minor, threshold_minor, off_minor, platform_percent, created_by, created_at, ended_at";

#[derive(sqlx::FromRow)]
struct CampaignRow {
    id: String,
    name: String,
    starts_at: i64,
    ends_at: i64,
    scope_kind: String,
    scope_items: String,
    rule: String,
    percent_off: Option<i64>,
    price_minor: Option<i64>,
    threshold_minor: Option<i64>,
    off_minor: Option<i64>,
    platform_percent: i64,
    created_by: String,
    created_at: i64,
    ended_at: Option<i64>,
}

fn record(row: CampaignRow) -> StoreResult<CampaignRecord> {
    let corrupt = || StoreError::Corrupt("campaigns");
    let items = row.scope_items.split_whitespace();
    let scope = match row.scope_kind.as_str() {
        "everything" => Scope::Everything,
        "categories" => Scope::Categories(
            items
                .map(Category::parse)
                .collect::<Option<_>>()
                .ok_or_else(corrupt)?,
        ),
        "shops" => Scope::Shops(items.map(ShopId::new).collect()),
        "products" => Scope::Products(items.map(ProductId::new).collect()),
        _ => return Err(corrupt()),
    };
    let rule = match (
        row.rule.as_str(),
        row.percent_off,
        row.price_minor,
        row.threshold_minor,
        row.off_minor,
    ) {
        ("percent_off", Some(percent), ..) => PriceRule::PercentOff { percent },
        ("fixed_price", _, Some(price), ..) => PriceRule::FixedPrice {
            price: Money::fen(price),
        },
        ("spend_save", _, _, Some(threshold), Some(off)) => PriceRule::SpendSave {
            threshold: Money::fen(threshold),
            off: Money::fen(off),
        },
        _ => return Err(corrupt()),
    };
    Ok(CampaignRecord {
        id: CampaignId::new(row.id),
        terms: CampaignTerms {
            name: row.name,
            starts: Timestamp::from_millis(row.starts_at),
            ends: Timestamp::from_millis(row.ends_at),
            scope,
            rule,
            platform_percent: row.platform_percent,
        },
        created_by: AccountId::new(row.created_by),
        created_at: Timestamp::from_millis(row.created_at),
        ended_at: row.ended_at.map(Timestamp::from_millis),
    })
}

fn scope_columns(scope: &Scope) -> (&'static str, String) {
    let join = |items: Vec<&str>| items.join(" ");
    match scope {
        Scope::Everything => ("everything", String::new()),
        Scope::Categories(c) => ("categories", join(c.iter().map(|c| c.slug()).collect())),
        Scope::Shops(s) => ("shops", join(s.iter().map(ShopId::as_str).collect())),
        Scope::Products(p) => ("products", join(p.iter().map(ProductId::as_str).collect())),
    }
}

impl SqlStore {
    async fn campaign_rows(&self, sql: &str, bind: i64) -> StoreResult<Vec<CampaignRecord>> {
        let rows: Vec<CampaignRow> = sqlx::query_as(sql)
            .bind(bind)
            .fetch_all(&self.reader)
            .await?;
        rows.into_iter().map(record).collect()
    }
}

/// Rows per multi-row `INSERT` of order parts: one statement shape, kept prepared.
const PARTS_PER_INSERT: usize = 64;

/// Stores what campaigns took off a batch's placed orders, in its transaction: a multi-row
/// insert per 64 parts, since every statement is a hand-off to the database's thread.
pub(super) async fn insert_campaign_parts(
    conn: &mut AnyConnection,
    backend: Backend,
    parts: &[&OrderCampaignPart],
) -> StoreResult<()> {
    for chunk in parts.chunks(PARTS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO order_campaigns (order_id, campaign_id, discount_minor, platform_minor) \
             VALUES {}",
            value_rows(backend, chunk.len(), 4)
        );
        let mut query = sqlx::query(&sql);
        for part in chunk {
            query = query
                .bind(part.order.as_str())
                .bind(part.campaign.as_str())
                .bind(part.discount.minor())
                .bind(part.platform.minor());
        }
        query
            .execute(&mut *conn)
            .await
            .map_err(refused("an order's campaign part is stored once"))?;
    }
    Ok(())
}

#[async_trait]
impl Campaigns for SqlStore {
    async fn insert_campaign(&self, c: &CampaignRecord) -> StoreResult<()> {
        let t = &c.terms;
        let (kind, items) = scope_columns(&t.scope);
        let (mut percent, mut price, mut threshold, mut off) = (None, None, None, None);
        match t.rule {
            PriceRule::PercentOff { percent: p } => percent = Some(p),
            PriceRule::FixedPrice { price: p } => price = Some(p.minor()),
            PriceRule::SpendSave {
                threshold: t,
                off: o,
            } => {
                threshold = Some(t.minor());
                off = Some(o.minor());
            }
        }
        let rule = match t.rule {
            PriceRule::PercentOff { .. } => "percent_off",
            PriceRule::FixedPrice { .. } => "fixed_price",
            PriceRule::SpendSave { .. } => "spend_save",
        };
        sqlx::query(&format!(
            "INSERT INTO campaigns ({COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
        ))
        .bind(c.id.as_str())
        .bind(t.name.as_str())
        .bind(t.starts.millis())
        .bind(t.ends.millis())
        .bind(kind)
        .bind(items)
        .bind(rule)
        .bind(percent)
        .bind(price)
        .bind(threshold)
        .bind(off)
        .bind(t.platform_percent)
        .bind(c.created_by.as_str())
        .bind(c.created_at.millis())
        .bind(c.ended_at.map(Timestamp::millis))
        .execute(&self.writer)
        .await
        .map_err(refused("this campaign already exists"))?;
        Ok(())
    }

    async fn campaign(&self, id: &CampaignId) -> StoreResult<Option<CampaignRecord>> {
        let row: Option<CampaignRow> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM campaigns WHERE id = $1"))
                .bind(id.as_str())
                .fetch_optional(&self.reader)
                .await?;
        row.map(record).transpose()
    }

    async fn campaigns(&self, limit: i64) -> StoreResult<Vec<CampaignRecord>> {
        let sql =
            format!("SELECT {COLUMNS} FROM campaigns ORDER BY created_at DESC, id DESC LIMIT $1");
        self.campaign_rows(&sql, limit).await
    }

    async fn campaigns_open_at(&self, now: Timestamp) -> StoreResult<Vec<CampaignRecord>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM campaigns WHERE ended_at IS NULL AND ends_at > $1 \
             ORDER BY starts_at, id"
        );
        self.campaign_rows(&sql, now.millis()).await
    }

    async fn end_campaign(&self, id: &CampaignId, at: Timestamp) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE campaigns SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL AND ends_at > $2",
        )
        .bind(id.as_str())
        .bind(at.millis())
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn campaign_parts(&self, order: &OrderId) -> StoreResult<Vec<OrderCampaignPart>> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT campaign_id, discount_minor, platform_minor FROM order_campaigns \
             WHERE order_id = $1 ORDER BY campaign_id",
        )
        .bind(order.as_str())
        .fetch_all(&self.writer)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(campaign, discount, platform)| OrderCampaignPart {
                order: order.clone(),
                campaign: CampaignId::new(campaign),
                discount: Money::fen(discount),
                platform: Money::fen(platform),
            })
            .collect())
    }

    async fn campaign_figures(&self, id: &CampaignId) -> StoreResult<CampaignFigures> {
        let (orders, paid, discount, platform): (i64, i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), CAST(COALESCE(SUM(o.total_minor), 0) AS BIGINT), \
             CAST(COALESCE(SUM(c.discount_minor), 0) AS BIGINT), \
             CAST(COALESCE(SUM(c.platform_minor), 0) AS BIGINT) \
             FROM order_campaigns c JOIN orders o ON o.id = c.order_id \
             WHERE c.campaign_id = $1 AND o.paid_at IS NOT NULL",
        )
        .bind(id.as_str())
        .fetch_one(&self.reader)
        .await?;
        Ok(CampaignFigures {
            orders,
            paid: Money::fen(paid),
            discount: Money::fen(discount),
            platform: Money::fen(platform),
        })
    }
}
