//! Rows of the live tables and their conversion into records.

use farmgate_domain::id::{AccountId, LiveSessionId, ProductId, ShopId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::time::Timestamp;
use sqlx::AnyPool;

use crate::{
    LiveSessionRecord, LiveSessionSummary, NotificationKind, NotificationRecord, StoreError,
    StoreResult,
};

#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    pub(crate) id: String,
    shop_id: String,
    host_id: String,
    title: String,
    trailer: String,
    cover_file_id: Option<String>,
    starts_at: i64,
    status: String,
    stream_key: String,
    pinned_product_id: Option<String>,
    went_live_at: Option<i64>,
    ended_at: Option<i64>,
    replay_playlist: Option<String>,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
pub(crate) struct SummaryRow {
    id: String,
    shop_id: String,
    shop_name: String,
    title: String,
    trailer: String,
    starts_at: i64,
    status: String,
    cover_file_id: Option<String>,
    has_replay: i64,
}

fn status(value: &str) -> StoreResult<LiveStatus> {
    LiveStatus::parse(value).ok_or(StoreError::Corrupt("live_sessions.status"))
}

pub(crate) fn session_record(
    row: SessionRow,
    bag: Vec<ProductId>,
) -> StoreResult<LiveSessionRecord> {
    Ok(LiveSessionRecord {
        status: status(&row.status)?,
        id: LiveSessionId::new(row.id),
        shop_id: ShopId::new(row.shop_id),
        host_id: AccountId::new(row.host_id),
        title: row.title,
        trailer: row.trailer,
        cover_file_id: row.cover_file_id,
        starts_at: Timestamp::from_millis(row.starts_at),
        stream_key: row.stream_key,
        pinned_product: row.pinned_product_id.map(ProductId::new),
        went_live_at: row.went_live_at.map(Timestamp::from_millis),
        ended_at: row.ended_at.map(Timestamp::from_millis),
        replay_playlist: row.replay_playlist,
        created_at: Timestamp::from_millis(row.created_at),
        bag,
    })
}

pub(crate) fn summary_record(row: SummaryRow) -> StoreResult<LiveSessionSummary> {
    Ok(LiveSessionSummary {
        status: status(&row.status)?,
        id: LiveSessionId::new(row.id),
        shop_id: ShopId::new(row.shop_id),
        shop_name: row.shop_name,
        title: row.title,
        trailer: row.trailer,
        starts_at: Timestamp::from_millis(row.starts_at),
        cover_file_id: row.cover_file_id,
        has_replay: row.has_replay != 0,
    })
}

pub(crate) async fn notifications(
    reader: &AnyPool,
    account: &AccountId,
    limit: i64,
) -> StoreResult<Vec<NotificationRecord>> {
    let rows: Vec<(String, String, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT event_key, kind, title, link, created_at, read_at FROM notifications \
         WHERE account_id = $1 ORDER BY created_at DESC, event_key LIMIT $2",
    )
    .bind(account.as_str())
    .bind(limit.clamp(0, 200))
    .fetch_all(reader)
    .await?;
    rows.into_iter()
        .map(|(event_key, kind, title, link, created_at, read_at)| {
            let kind = match kind.as_str() {
                "live_started" => NotificationKind::LiveStarted,
                "draw_won" => NotificationKind::DrawWon,
                "recall" => NotificationKind::Recall,
                "group_buy" => NotificationKind::GroupBuy,
                _ => return Err(StoreError::Corrupt("notifications.kind")),
            };
            Ok(NotificationRecord {
                account_id: account.clone(),
                event_key,
                kind,
                title,
                link,
                created_at: Timestamp::from_millis(created_at),
                read_at: read_at.map(Timestamp::from_millis),
            })
        })
        .collect()
}
