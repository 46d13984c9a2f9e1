//! How many QR labels to print for a batch: one per unit (each with its own serial, AI 21), or
//! one per box with the count of boxes the producer packs.

use super::lot::Serial;
use super::{Batch, DigitalLink, Gtin};
use crate::validation::{FieldError, Problem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelPlan {
    /// Label `n` of the batch's units carries serial `n`.
    PerUnit(i64),
    /// Box labels carry the batch's link without a serial.
    PerBox(i64),
}

impl LabelPlan {
    /// `per` is `unit` or `box`; `count` (boxes) is read only for boxes, at most the units.
    /// `max` is how many labels one document holds.
    pub fn parse(per: &str, count: &str, units: i64, max: i64) -> Result<LabelPlan, FieldError> {
        let problem = |field, problem| FieldError { field, problem };
        let plan = match per.trim() {
            "unit" | "" => LabelPlan::PerUnit(units),
            "box" => {
                let boxes = count
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (1..=units).contains(n))
                    .ok_or(problem("count", Problem::Invalid))?;
                LabelPlan::PerBox(boxes)
            }
            _ => return Err(problem("per", Problem::Invalid)),
        };
        if plan.count() > max {
            let max = usize::try_from(max).unwrap_or(usize::MAX);
            return Err(problem("count", Problem::TooLong { max }));
        }
        Ok(plan)
    }

    pub fn count(self) -> i64 {
        match self {
            LabelPlan::PerUnit(n) | LabelPlan::PerBox(n) => n,
        }
    }

    /// The Digital Link of label `n` (from 1).
    pub fn link(self, gtin: &Gtin, batch: &Batch, n: i64) -> DigitalLink {
        let mut link = DigitalLink::batch(gtin.clone(), batch.lot.clone());
        if let LabelPlan::PerUnit(_) = self {
            link.serial = Serial::parse(&n.to_string()).ok();
        }
        link
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_or_boxes_within_the_batch_and_the_document() {
        assert_eq!(
            LabelPlan::parse("unit", "", 800, 2400),
            Ok(LabelPlan::PerUnit(800))
        );
        assert_eq!(
            LabelPlan::parse("box", " 10 ", 800, 2400),
            Ok(LabelPlan::PerBox(10))
        );
        let field = |r: Result<LabelPlan, FieldError>| r.map_err(|e| (e.field, e.problem));
        assert_eq!(
            field(LabelPlan::parse("box", "801", 800, 2400)),
            Err(("count", Problem::Invalid))
        );
        assert_eq!(
            field(LabelPlan::parse("box", "", 800, 2400)),
            Err(("count", Problem::Invalid))
        );
        assert_eq!(
            field(LabelPlan::parse("unit", "", 5000, 2400)),
            Err(("count", Problem::TooLong { max: 2400 }))
        );
        assert_eq!(
            field(LabelPlan::parse("pallet", "1", 10, 2400)),
            Err(("per", Problem::Invalid))
        );
    }
}
