//! What a host's dashboard reads from the database: the room's figures saved when the session
//! ended, and the session's paid orders.

use async_trait::async_trait;
use farmgate_domain::id::{LiveSessionId, ProductId};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

/// A room's figures as saved when its session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedRoomFigures {
    pub session_id: LiveSessionId,
    pub peak_viewers: i64,
    pub unique_viewers: i64,
    /// The room stopped counting distinct viewers at its cap.
    pub unique_capped: bool,
    pub likes: i64,
    /// Clicks per bag product.
    pub clicks: Vec<(ProductId, i64)>,
    pub saved_at: Timestamp,
}

/// A session's orders that were paid (paid and later shipped, delivered, completed or refunded
/// alike); orders still pending, expired or cancelled never were and do not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSales {
    pub orders: i64,
    /// Distinct accounts among those orders.
    pub buyers: i64,
    /// The goods value of those orders, shipping not included, so it is the sum of `products`.
    pub gmv: Money,
    pub products: Vec<ProductSales>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductSales {
    pub product_id: ProductId,
    pub units: i64,
    pub sales: Money,
}

#[async_trait]
pub trait LiveFigures: Send + Sync {
    /// Writes (or rewrites) the session's figures and clicks in one transaction.
    async fn save_room_figures(&self, figures: &SavedRoomFigures) -> StoreResult<()>;
    async fn room_figures(&self, session: &LiveSessionId) -> StoreResult<Option<SavedRoomFigures>>;
    async fn live_sales(&self, session: &LiveSessionId) -> StoreResult<LiveSales>;
}
