//! The host's live dashboard: the room's own counts (viewers now and at peak, distinct
//! viewers, likes, clicks per product) from the hub while the session is on, from the database
//! once it ended; orders, buyers and sales from the session's paid orders.

use std::collections::HashMap;

use farmgate_domain::access::Actor;
use farmgate_domain::id::{LiveSessionId, ProductId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::live_figures::conversion_basis_points;
use farmgate_domain::money::Money;
use farmgate_live::RoomFigures;
use farmgate_store::{LiveSessionRecord, SavedRoomFigures};

use crate::{ServiceResult, Services};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveDashboard {
    pub session_id: LiveSessionId,
    pub title: String,
    pub status: LiveStatus,
    pub viewers_now: u64,
    pub peak_viewers: u64,
    pub unique_viewers: u64,
    /// The room stopped counting distinct viewers at its cap: there were at least that many.
    pub unique_capped: bool,
    pub likes: u64,
    /// Paid orders (see `farmgate_store::LiveSales`).
    pub orders: u64,
    pub buyers: u64,
    /// Goods value of the paid orders, shipping not included.
    pub gmv: Money,
    /// Buyers ÷ unique viewers in basis points; `None` before anyone watched.
    pub conversion_bp: Option<u64>,
    /// The bag's products in the host's order, then any other product sold in the session.
    pub products: Vec<ProductFigures>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductFigures {
    pub product_id: ProductId,
    pub title: String,
    pub clicks: u64,
    pub units: u64,
    pub sales: Money,
}

impl Services {
    pub async fn live_dashboard(
        &self,
        actor: &Actor,
        id: &LiveSessionId,
    ) -> ServiceResult<LiveDashboard> {
        let session = self.hosted_live(actor, id).await?;
        let room = self.session_room_figures(&session).await?;
        let sales = self.store.live_sales(id).await?;
        let clicks: HashMap<&str, u64> = room
            .clicks
            .iter()
            .map(|(product, n)| (product.as_str(), *n))
            .collect();
        let mut sold: HashMap<ProductId, (u64, Money)> = sales
            .products
            .into_iter()
            .map(|p| (p.product_id, (count(p.units), p.sales)))
            .collect();
        let mut order: Vec<ProductId> = session.bag.clone();
        let mut others: Vec<ProductId> = sold
            .keys()
            .filter(|p| !order.contains(p))
            .cloned()
            .collect();
        others.sort();
        order.extend(others);
        let mut products = Vec::with_capacity(order.len());
        for product_id in order {
            let (units, sales) = sold.remove(&product_id).unwrap_or((0, Money::fen(0)));
            products.push(ProductFigures {
                title: self.product_title(&product_id).await?,
                clicks: clicks.get(product_id.as_str()).copied().unwrap_or(0),
                units,
                sales,
                product_id,
            });
        }
        let buyers = count(sales.buyers);
        Ok(LiveDashboard {
            session_id: session.id,
            title: session.title,
            status: session.status,
            viewers_now: room.viewers,
            peak_viewers: room.peak_viewers,
            unique_viewers: room.unique_viewers,
            unique_capped: room.unique_capped,
            likes: room.likes,
            orders: count(sales.orders),
            buyers,
            gmv: sales.gmv,
            conversion_bp: conversion_basis_points(buyers, room.unique_viewers),
            products,
        })
    }

    /// Saves the room's figures when its session ends (the room forgets them when idle) and
    /// lets the room go. Only bag products' clicks are kept; the room counts whatever it is sent.
    pub(crate) async fn save_session_figures(&self, id: &LiveSessionId) -> ServiceResult<()> {
        let room = self.rooms.figures(id.as_str()).unwrap_or_default();
        self.rooms.keep(id.as_str(), false);
        let Some(session) = self.store.live_session(id).await? else {
            return Ok(());
        };
        let clicks = room
            .clicks
            .into_iter()
            .filter_map(|(product, n)| {
                let product = ProductId::parse(&product)?;
                session
                    .bag
                    .contains(&product)
                    .then(|| (product, i64::try_from(n).unwrap_or(i64::MAX)))
            })
            .collect();
        let figures = SavedRoomFigures {
            session_id: id.clone(),
            peak_viewers: signed(room.peak_viewers),
            unique_viewers: signed(room.unique_viewers),
            unique_capped: room.unique_capped,
            likes: signed(room.likes),
            clicks,
            saved_at: self.clock.now(),
        };
        Ok(self.store.save_room_figures(&figures).await?)
    }

    /// The room's figures while the session is on; those saved at its end once it is over
    /// (the room may since count replay viewers).
    async fn session_room_figures(
        &self,
        session: &LiveSessionRecord,
    ) -> ServiceResult<RoomFigures> {
        let live = self.rooms.figures(session.id.as_str());
        if session.status != LiveStatus::Ended {
            return Ok(live.unwrap_or_default());
        }
        let Some(saved) = self.store.room_figures(&session.id).await? else {
            return Ok(RoomFigures {
                viewers: 0,
                ..live.unwrap_or_default()
            });
        };
        Ok(RoomFigures {
            viewers: 0,
            peak_viewers: count(saved.peak_viewers),
            unique_viewers: count(saved.unique_viewers),
            unique_capped: saved.unique_capped,
            likes: count(saved.likes),
            clicks: saved
                .clicks
                .into_iter()
                .map(|(product, n)| (product.to_string(), count(n)))
                .collect(),
        })
    }

    /// The product's title, or its id when it is no longer shown.
    async fn product_title(&self, id: &ProductId) -> ServiceResult<String> {
        match self.visible_product(id).await {
            Ok(detail) => Ok(detail.product.title.clone()),
            Err(crate::ServiceError::NotFound) => Ok(id.to_string()),
            Err(other) => Err(other),
        }
    }
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
