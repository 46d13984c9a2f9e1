//! A batch's life as events in the shape of GS1 EPCIS 2.0: what happened (the CBV business
//! step), the state it left the goods in (the CBV disposition), when (with the zone offset of
//! the place), where, and to how many units. The EPCIS writer maps these one to one.

use serde::{Deserialize, Serialize};

use super::batch::text_enum;
use crate::calendar::CHINA_UTC_OFFSET_MILLIS;
use crate::id::{
    AccountId, BatchEventId, BatchId, InspectionId, NetworkNodeId, OrderId, ParcelId, RecallId,
};
use crate::place::AreaCode;
use crate::time::Timestamp;

/// EPCIS event types we write: a batch observed or changed (object), or units of it packed into
/// a parcel (aggregation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Object,
    Aggregation,
}

/// EPCIS action: the goods came into being or into a container (add), were seen (observe), or
/// left it (delete).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventAction {
    Add,
    Observe,
    Delete,
}

/// CBV 2.0 business steps a batch goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BizStep {
    /// The batch was recorded: harvested and labelled.
    Commissioning,
    Inspecting,
    /// Units packed into an order's parcel.
    Packing,
    Shipping,
    /// At the county warehouse, or by the buyer.
    Receiving,
    /// Held back from sale: a recall.
    Holding,
}

/// CBV 2.0 dispositions: the state a step leaves the goods in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    Active,
    Conformant,
    NonConformant,
    InProgress,
    InTransit,
    RetailSold,
    Recalled,
}

text_enum!(EventKind { Object => "object", Aggregation => "aggregation" });
text_enum!(EventAction { Add => "add", Observe => "observe", Delete => "delete" });
text_enum!(BizStep {
    Commissioning => "commissioning",
    Inspecting => "inspecting",
    Packing => "packing",
    Shipping => "shipping",
    Receiving => "receiving",
    Holding => "holding",
});
text_enum!(Disposition {
    Active => "active",
    Conformant => "conformant",
    NonConformant => "non_conformant",
    InProgress => "in_progress",
    InTransit => "in_transit",
    RetailSold => "retail_sold",
    Recalled => "recalled",
});

/// Where a step happened: a village (harvest) or a node of the county network. A buyer's
/// receipt has none: their address is private.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum EventPlace {
    Village(AreaCode),
    Node(NetworkNodeId),
}

/// What the event is about besides the batch; also what makes it happen only once (one
/// packing per order, one inspecting per inspection).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum EventSubject {
    Batch,
    Order(OrderId),
    Inspection(InspectionId),
    Recall(RecallId),
}

impl EventSubject {
    /// The text the store keeps unique together with the batch and the business step.
    pub fn key(&self) -> String {
        match self {
            EventSubject::Batch => String::new(),
            EventSubject::Order(id) => format!("order:{id}"),
            EventSubject::Inspection(id) => format!("inspection:{id}"),
            EventSubject::Recall(id) => format!("recall:{id}"),
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key.split_once(':') {
            None if key.is_empty() => Some(EventSubject::Batch),
            Some(("order", id)) => Some(EventSubject::Order(OrderId::new(id))),
            Some(("inspection", id)) => Some(EventSubject::Inspection(InspectionId::new(id))),
            Some(("recall", id)) => Some(EventSubject::Recall(RecallId::new(id))),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchEvent {
    pub id: BatchEventId,
    pub batch: BatchId,
    pub kind: EventKind,
    pub action: EventAction,
    pub biz_step: BizStep,
    pub disposition: Disposition,
    pub subject: EventSubject,
    /// When it happened.
    pub at: Timestamp,
    /// The zone offset of the place it happened, in minutes (EPCIS `eventTimeZoneOffset`).
    pub zone_offset_minutes: i32,
    /// Where it was seen (EPCIS `readPoint`).
    pub read_point: Option<EventPlace>,
    /// Where the goods are after it (EPCIS `bizLocation`).
    pub biz_location: Option<EventPlace>,
    /// Units it concerns; none means the whole batch.
    pub units: Option<i64>,
    /// Aggregation: the parcel the units went into, when it rides the county network.
    pub parcel: Option<ParcelId>,
    pub by: Option<AccountId>,
    pub recorded_at: Timestamp,
}

/// China's single zone, UTC+08:00, in which every place of the county lies.
pub const CHINA_ZONE_OFFSET_MINUTES: i32 = (CHINA_UTC_OFFSET_MILLIS / 60_000) as i32;

impl BatchEvent {
    /// An object event of the whole batch at `at` in China's zone; set the rest on the result.
    pub fn new(
        id: BatchEventId,
        batch: BatchId,
        biz_step: BizStep,
        disposition: Disposition,
        at: Timestamp,
    ) -> BatchEvent {
        BatchEvent {
            id,
            batch,
            kind: EventKind::Object,
            action: if biz_step == BizStep::Commissioning {
                EventAction::Add
            } else {
                EventAction::Observe
            },
            biz_step,
            disposition,
            subject: EventSubject::Batch,
            at,
            zone_offset_minutes: CHINA_ZONE_OFFSET_MINUTES,
            read_point: None,
            biz_location: None,
            units: None,
            parcel: None,
            by: None,
            recorded_at: at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_round_trip_through_their_key() {
        for subject in [
            EventSubject::Batch,
            EventSubject::Order(OrderId::new("o1")),
            EventSubject::Inspection(InspectionId::new("i1")),
            EventSubject::Recall(RecallId::new("r1")),
        ] {
            assert_eq!(EventSubject::from_key(&subject.key()), Some(subject));
        }
        assert_eq!(EventSubject::from_key("parcel:p1"), None);
    }

    #[test]
    fn steps_and_dispositions_read_back_from_their_cbv_names() {
        for step in BizStep::ALL {
            assert_eq!(BizStep::parse(step.as_str()), Some(*step));
        }
        for disposition in Disposition::ALL {
            assert_eq!(Disposition::parse(disposition.as_str()), Some(*disposition));
        }
        assert_eq!(CHINA_ZONE_OFFSET_MINUTES, 480);
    }
}
