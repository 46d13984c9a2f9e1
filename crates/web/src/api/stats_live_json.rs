//! The dashboard's live section as the API spells it.

use farmgate_services::stats::LiveSection;
use serde::Serialize;
use utoipa::ToSchema;

use super::stats_json::HeadlineJson;
use crate::texts::Texts;

#[derive(Serialize, ToSchema)]
pub struct LiveJson {
    /// Sessions, their net sales, buyers, viewers and conversion, each with its definition.
    pub figures: Vec<HeadlineJson>,
    /// The sessions with the largest net sales, largest first.
    pub sessions: Vec<LiveSessionJson>,
}

#[derive(Serialize, ToSchema)]
pub struct LiveSessionJson {
    pub id: String,
    pub title: String,
    pub shop: String,
    /// `yyyy-mm-dd`, the day it went on air (China time).
    pub went_live: String,
    /// Net of refunds, whenever paid.
    pub sales_fen: i64,
    pub orders: i64,
    pub buyers: i64,
    /// Distinct viewers; absent until the room has counted them.
    pub viewers: Option<i64>,
    /// Buyers ÷ viewers in basis points.
    pub conversion_basis_points: Option<i64>,
}

impl LiveJson {
    pub fn new(t: &Texts, live: &LiveSection) -> LiveJson {
        LiveJson {
            figures: live
                .figures
                .iter()
                .map(|h| HeadlineJson::new(t, h))
                .collect(),
            sessions: live
                .sessions
                .iter()
                .map(|s| LiveSessionJson {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    shop: s.shop.clone(),
                    went_live: s.went_live.clone(),
                    sales_fen: s.sales_minor,
                    orders: s.orders,
                    buyers: s.buyers,
                    viewers: s.viewers,
                    conversion_basis_points: s.conversion_bp,
                })
                .collect(),
        }
    }
}
