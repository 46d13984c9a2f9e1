//! Packing: the producer ties each order line's units to the batches they came from, choosing
//! a batch or scanning its label's Digital Link. Only open batches of the line's product with
//! units left (passed ones, when the product requires it); the store checks the units left
//! again with the batch locked, so two packings at once cannot over-tie a batch.

use farmgate_domain::access::Actor;
use farmgate_domain::id::{BatchEventId, BatchId, OrderId};
use farmgate_domain::order::OrderStatus;
use farmgate_domain::trace::{
    check_packing, BatchEvent, BatchStock, BatchTie, BizStep, Disposition, EventAction, EventKind,
    EventSubject, PackForm,
};
use farmgate_domain::validation::{FieldError, Problem, ValidationErrors};
use farmgate_store::{OrderDetail, OrderLineRecord, StoreError, BATCH_NOT_OPEN, BATCH_OVER_TIED};

use super::journey::{journey_events, JourneyStep};
use crate::{new_id, ServiceError, ServiceResult, Services};

/// Why packing is refused: the order is not waiting to ship nor on its way.
pub const NOT_PACKABLE: &str = "only a paid or shipped order can be packed";

/// One order line with the batches it is packed from and those it could be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackingLine {
    pub line: OrderLineRecord,
    pub ties: Vec<BatchTie>,
    /// Batches that may be packed into this line, with their units left.
    pub choices: Vec<BatchStock>,
}

impl Services {
    /// The order's lines with their batches, for the producer's order page.
    pub async fn packing_lines(
        &self,
        actor: &Actor,
        order: &OrderId,
    ) -> ServiceResult<Vec<PackingLine>> {
        let detail = self.managed_order(actor, order).await?;
        let ties = self.store.order_batch_ties(order).await?;
        let mut lines = Vec::with_capacity(detail.lines.len());
        for line in detail.lines {
            let (requires_passed, stock) = self.product_stock(&line).await?;
            let choices = stock
                .into_iter()
                .filter(|stock| stock.batch.sellable(requires_passed) && stock.units_left() > 0)
                .collect();
            lines.push(PackingLine {
                ties: ties
                    .iter()
                    .filter(|tie| tie.line_no == line.line_no)
                    .cloned()
                    .collect(),
                line,
                choices,
            });
        }
        Ok(lines)
    }

    /// Replaces the batches one line is packed from, with a packing event per batch (and a
    /// shipping one when the order already shipped). All blank forms unpack the line.
    pub async fn pack_order_line(
        &self,
        actor: &Actor,
        order: &OrderId,
        line_no: i64,
        forms: &[PackForm],
    ) -> ServiceResult<Vec<BatchTie>> {
        let detail = self.managed_order(actor, order).await?;
        if !matches!(
            detail.order.status,
            OrderStatus::Paid | OrderStatus::Shipped
        ) {
            return Err(ServiceError::Conflict(NOT_PACKABLE));
        }
        let line = detail
            .lines
            .iter()
            .find(|line| line.line_no == line_no)
            .ok_or(ServiceError::NotFound)?;
        let (requires_passed, mut stock) = self.product_stock(line).await?;
        // This line's own units go back to its batches: packing replaces them.
        let ties = self.store.order_batch_ties(order).await?;
        for tie in ties.iter().filter(|tie| tie.line_no == line_no) {
            if let Some(held) = stock.iter_mut().find(|s| s.batch.id == tie.batch) {
                held.tied_units -= tie.units;
            }
        }
        let chosen = self.chosen_batches(line, &stock, forms).await?;
        check_packing(line.quantity, requires_passed, &chosen)?;
        let ties: Vec<BatchTie> = chosen
            .iter()
            .map(|(stock, units)| BatchTie {
                order: order.clone(),
                line_no,
                batch: stock.batch.id.clone(),
                units: *units,
            })
            .collect();
        let events = self.packing_events(actor, &detail, &ties);
        match self
            .store
            .pack_order_line(order, line_no, &ties, &events)
            .await
        {
            Ok(()) => {
                self.traces_changed();
                Ok(ties)
            }
            Err(StoreError::Conflict(BATCH_NOT_OPEN)) => {
                Err(ValidationErrors::single("batch", Problem::NotAllowed).into())
            }
            Err(StoreError::Conflict(BATCH_OVER_TIED)) => {
                Err(ValidationErrors::single("units", Problem::Invalid).into())
            }
            Err(other) => Err(other.into()),
        }
    }

    /// Whether the line's product sells only passed batches, and its batches.
    async fn product_stock(
        &self,
        line: &OrderLineRecord,
    ) -> ServiceResult<(bool, Vec<BatchStock>)> {
        let trace = self.store.product_trace(&line.product_id).await?;
        let stock = self.store.product_batch_stock(&line.product_id).await?;
        Ok((trace.passed_batches_only, stock))
    }

    /// Each filled form's batch (by id or Digital Link, of the line's product) and units.
    async fn chosen_batches(
        &self,
        line: &OrderLineRecord,
        stock: &[BatchStock],
        forms: &[PackForm],
    ) -> ServiceResult<Vec<(BatchStock, i64)>> {
        let mut errors = ValidationErrors::default();
        let mut chosen = Vec::new();
        for form in forms.iter().filter(|form| !form.is_blank()) {
            let batch = match form.link.trim() {
                "" => Ok(BatchId::new(form.batch.trim())),
                link => self.named_batch("link", link).await?.and_then(|batch| {
                    if batch.product == line.product_id {
                        Ok(batch.id)
                    } else {
                        Err(FieldError {
                            field: "link",
                            problem: Problem::NotAllowed,
                        })
                    }
                }),
            };
            let batch = errors.check(batch.and_then(|id| {
                stock
                    .iter()
                    .find(|stock| stock.batch.id == id)
                    .cloned()
                    .ok_or(FieldError {
                        field: "batch",
                        problem: Problem::Invalid,
                    })
            }));
            let units = errors.check(form.units.trim().parse::<i64>().map_err(|_| FieldError {
                field: "units",
                problem: Problem::Invalid,
            }));
            if let (Some(batch), Some(units)) = (batch, units) {
                chosen.push((batch, units));
            }
        }
        errors.0.dedup();
        errors.into_result()?;
        Ok(chosen)
    }

    fn packing_events(
        &self,
        actor: &Actor,
        order: &OrderDetail,
        ties: &[BatchTie],
    ) -> Vec<BatchEvent> {
        let now = self.clock.now();
        let mut events: Vec<BatchEvent> = ties
            .iter()
            .map(|tie| {
                let mut event = BatchEvent::new(
                    new_id::<BatchEventId>(),
                    tie.batch.clone(),
                    BizStep::Packing,
                    Disposition::InProgress,
                    now,
                );
                event.kind = EventKind::Aggregation;
                event.action = EventAction::Add;
                event.subject = EventSubject::Order(order.order.id.clone());
                event.units = Some(tie.units);
                event.by = Some(actor.account_id.clone());
                event
            })
            .collect();
        if order.order.status == OrderStatus::Shipped {
            let shipped = JourneyStep::Shipped { parcel: None };
            let at = order
                .order
                .shipment
                .as_ref()
                .map_or(now, |shipment| shipment.shipped_at);
            events.extend(journey_events(
                &order.order.id,
                ties,
                &shipped,
                at,
                Some(&actor.account_id),
            ));
        }
        events
    }
}
