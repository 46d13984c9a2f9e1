//! A batch's journey as the public sees it: its events summed up per stage (harvested,
//! inspected, packed, shipped, at the warehouse, delivered, recalled) — counts, units and
//! dates only, never which order, buyer or parcel.

use super::batch::text_enum;
use super::event::{BatchEvent, BizStep, Disposition};
use crate::time::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JourneyStage {
    Harvested,
    Inspected,
    Packed,
    Shipped,
    AtWarehouse,
    Delivered,
    Recalled,
}

text_enum!(JourneyStage {
    Harvested => "harvested",
    Inspected => "inspected",
    Packed => "packed",
    Shipped => "shipped",
    AtWarehouse => "at_warehouse",
    Delivered => "delivered",
    Recalled => "recalled",
});

impl JourneyStage {
    pub fn of(event: &BatchEvent) -> JourneyStage {
        match (event.biz_step, event.disposition) {
            (BizStep::Commissioning, _) => JourneyStage::Harvested,
            (BizStep::Inspecting, _) => JourneyStage::Inspected,
            (BizStep::Packing, _) => JourneyStage::Packed,
            (BizStep::Shipping, _) => JourneyStage::Shipped,
            (BizStep::Receiving, Disposition::RetailSold) => JourneyStage::Delivered,
            (BizStep::Receiving, _) => JourneyStage::AtWarehouse,
            (BizStep::Holding, _) => JourneyStage::Recalled,
        }
    }
}

/// One stage: how many times it happened, to how many units, from when to when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyStep {
    pub stage: JourneyStage,
    pub times: u32,
    /// Units the events named; events about the whole batch add none.
    pub units: i64,
    pub first: Timestamp,
    pub last: Timestamp,
}

/// The stages the events reached, in the order goods go through them.
pub fn journey(events: &[BatchEvent]) -> Vec<JourneyStep> {
    let mut steps: Vec<JourneyStep> = Vec::new();
    for event in events {
        let stage = JourneyStage::of(event);
        let units = event.units.unwrap_or(0);
        match steps.iter_mut().find(|step| step.stage == stage) {
            Some(step) => {
                step.times = step.times.saturating_add(1);
                step.units = step.units.saturating_add(units);
                step.first = step.first.min(event.at);
                step.last = step.last.max(event.at);
            }
            None => steps.push(JourneyStep {
                stage,
                times: 1,
                units,
                first: event.at,
                last: event.at,
            }),
        }
    }
    steps.sort_by_key(|step| step.stage);
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::{BatchEventId, BatchId, OrderId};
    use crate::trace::EventSubject;

    fn event(step: BizStep, disposition: Disposition, at: i64, units: Option<i64>) -> BatchEvent {
        let mut event = BatchEvent::new(
            BatchEventId::new(format!("e{at}")),
            BatchId::new("b"),
            step,
            disposition,
            Timestamp::from_millis(at),
        );
        event.units = units;
        event.subject = EventSubject::Order(OrderId::new(format!("o{at}")));
        event
    }

    #[test]
    fn events_add_up_per_stage_in_the_order_goods_travel() {
        let events = [
            event(BizStep::Commissioning, Disposition::Active, 1, Some(800)),
            event(BizStep::Packing, Disposition::InProgress, 5, Some(3)),
            event(BizStep::Inspecting, Disposition::Conformant, 2, None),
            event(BizStep::Packing, Disposition::InProgress, 4, Some(2)),
            event(BizStep::Shipping, Disposition::InTransit, 6, None),
            event(BizStep::Receiving, Disposition::InProgress, 7, None),
            event(BizStep::Receiving, Disposition::RetailSold, 8, None),
        ];
        let steps = journey(&events);
        let stages: Vec<_> = steps.iter().map(|step| step.stage).collect();
        assert_eq!(
            stages,
            [
                JourneyStage::Harvested,
                JourneyStage::Inspected,
                JourneyStage::Packed,
                JourneyStage::Shipped,
                JourneyStage::AtWarehouse,
                JourneyStage::Delivered,
            ]
        );
        let packed = &steps[2];
        assert_eq!((packed.times, packed.units), (2, 5));
        assert_eq!(
            (packed.first, packed.last),
            (Timestamp::from_millis(4), Timestamp::from_millis(5))
        );
        assert!(journey(&[]).is_empty());
    }
}
