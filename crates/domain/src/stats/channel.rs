//! The channel an order was sold through, as the bureau splits online retail sales.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A shop's shelf: the product page, search, the cart.
    Shelf,
    /// Bought in a live room, attributed to its session.
    Live,
    /// A group-buy, attributed to its leader.
    GroupBuy,
    /// From a short video or other content, attributed to it.
    ShortVideo,
    /// A county campaign (a festival, Double 11), attributed to it.
    Campaign,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Shelf,
        Channel::Live,
        Channel::GroupBuy,
        Channel::ShortVideo,
        Channel::Campaign,
    ];

    /// As orders store it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Shelf => "shelf",
            Channel::Live => "live",
            Channel::GroupBuy => "group_buy",
            Channel::ShortVideo => "short_video",
            Channel::Campaign => "campaign",
        }
    }

    pub fn parse(value: &str) -> Option<Channel> {
        Channel::ALL
            .into_iter()
            .find(|channel| channel.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_reads_back_what_orders_store() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert_eq!(Channel::parse("Live"), None);
        assert_eq!(Channel::parse(""), None);
    }
}
