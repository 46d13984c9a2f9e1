//! The journey of packed batches, written from the order and parcel flows: shipped, received at
//! the county warehouse, received by the buyer. These events are written after the step they
//! record has committed, and a failure to write them is logged, never returned: shipping an
//! order or receiving a parcel must not fail, nor look failed after it succeeded, for a trace
//! reason. Each step is kept once per batch and order, so a step that happens again (a
//! retried request, a repacked order) writes nothing twice; packing an order that already
//! shipped writes its shipping step then.

use farmgate_domain::id::{AccountId, BatchEventId, NetworkNodeId, OrderId, ParcelId};
use farmgate_domain::time::Timestamp;
use farmgate_domain::trace::{
    BatchEvent, BatchTie, BizStep, Disposition, EventPlace, EventSubject,
};

use crate::{new_id, ServiceResult, Services};

/// One step of an order's way to its buyer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JourneyStep {
    Shipped {
        parcel: Option<ParcelId>,
    },
    AtWarehouse {
        node: Option<NetworkNodeId>,
        parcel: ParcelId,
    },
    /// The buyer confirmed receipt (or it was confirmed for them): a private step, no place.
    WithBuyer,
}

impl Services {
    /// Records the step for every batch packed into the order; logs and swallows any failure.
    pub(crate) async fn record_journey(
        &self,
        order: &OrderId,
        step: JourneyStep,
        by: Option<&AccountId>,
    ) {
        if let Err(error) = self.try_record_journey(order, &step, by).await {
            tracing::warn!(%order, ?step, %error, "batch journey step not recorded");
        }
    }

    async fn try_record_journey(
        &self,
        order: &OrderId,
        step: &JourneyStep,
        by: Option<&AccountId>,
    ) -> ServiceResult<()> {
        let ties = self.store.order_batch_ties(order).await?;
        for event in journey_events(order, &ties, step, self.clock.now(), by) {
            self.store.record_batch_event(&event).await?;
        }
        if !ties.is_empty() {
            self.traces_changed();
        }
        Ok(())
    }
}

/// One event per batch in the order, with the units of that batch the order holds.
pub(crate) fn journey_events(
    order: &OrderId,
    ties: &[BatchTie],
    step: &JourneyStep,
    at: Timestamp,
    by: Option<&AccountId>,
) -> Vec<BatchEvent> {
    let mut batches: Vec<(&farmgate_domain::id::BatchId, i64)> = Vec::new();
    for tie in ties {
        match batches.iter_mut().find(|(batch, _)| *batch == &tie.batch) {
            Some((_, units)) => *units += tie.units,
            None => batches.push((&tie.batch, tie.units)),
        }
    }
    let (biz_step, disposition) = match step {
        JourneyStep::Shipped { .. } => (BizStep::Shipping, Disposition::InTransit),
        JourneyStep::AtWarehouse { .. } => (BizStep::Receiving, Disposition::InProgress),
        JourneyStep::WithBuyer => (BizStep::Receiving, Disposition::RetailSold),
    };
    batches
        .into_iter()
        .map(|(batch, units)| {
            let mut event = BatchEvent::new(
                new_id::<BatchEventId>(),
                batch.clone(),
                biz_step,
                disposition,
                at,
            );
            event.subject = EventSubject::Order(order.clone());
            event.units = Some(units);
            event.by = by.cloned();
            match step {
                JourneyStep::Shipped { parcel } => event.parcel = parcel.clone(),
                JourneyStep::AtWarehouse { node, parcel } => {
                    event.read_point = node.clone().map(EventPlace::Node);
                    event.biz_location = event.read_point.clone();
                    event.parcel = Some(parcel.clone());
                }
                JourneyStep::WithBuyer => {}
            }
            event
        })
        .collect()
}
