//! The dashboard's tables by name: the slug a download asks for and the title each carries.

use crate::texts::Texts;

/// The tables a person can download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableId {
    Headlines,
    Channels,
    Categories,
    Quarters,
    Months,
    Places,
    Products,
    Producers,
    Destinations,
    Live,
    LiveSessions,
    Network,
    Campaigns,
}

impl TableId {
    pub const ALL: [TableId; 13] = [
        TableId::Headlines,
        TableId::Channels,
        TableId::Categories,
        TableId::Quarters,
        TableId::Months,
        TableId::Places,
        TableId::Products,
        TableId::Producers,
        TableId::Destinations,
        TableId::Live,
        TableId::LiveSessions,
        TableId::Network,
        TableId::Campaigns,
    ];

    pub const fn slug(self) -> &'static str {
        match self {
            TableId::Headlines => "headlines",
            TableId::Channels => "channels",
            TableId::Categories => "categories",
            TableId::Quarters => "quarters",
            TableId::Months => "months",
            TableId::Places => "places",
            TableId::Products => "products",
            TableId::Producers => "producers",
            TableId::Destinations => "destinations",
            TableId::Live => "live",
            TableId::LiveSessions => "live_sessions",
            TableId::Network => "network",
            TableId::Campaigns => "campaigns",
        }
    }

    pub fn parse(value: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|id| id.slug() == value)
    }

    pub fn title(self, t: &Texts) -> &'static str {
        let s = t.stats;
        match self {
            TableId::Headlines => s.title,
            TableId::Channels => s.by_channel,
            TableId::Categories => s.by_category,
            TableId::Quarters => s.quarters,
            TableId::Months => s.months,
            TableId::Places => s.by_place,
            TableId::Products => s.top_products,
            TableId::Producers => s.top_producers,
            TableId::Destinations => s.destinations,
            TableId::Live => s.live,
            TableId::LiveSessions => s.live_sessions,
            TableId::Network => s.network,
            TableId::Campaigns => s.campaigns,
        }
    }
}
