//! A batch (lot): what one harvest or production run of a product yielded, where and when it
//! grew, and whether it may be sold.

use serde::{Deserialize, Serialize};

use super::lot::{AiTextError, Lot, MAX_AI_TEXT_CHARS};
use crate::calendar::CivilDate;
use crate::catalogue::Grade;
use crate::id::{AccountId, BatchId, ProductId, ShopId};
use crate::network::parse_location;
use crate::place::{AreaCode, GeoPoint};
use crate::range::within;
use crate::time::Timestamp;
use crate::validation::{text_length, FieldError, Problem, ValidationErrors};

/// The most units one batch is packed into; a county's whole goji harvest is far below it.
pub const MAX_BATCH_UNITS: i64 = 10_000_000;
pub const MAX_NOTES_CHARS: usize = 2_000;

/// Whether the batch may be sold at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchStatus {
    Open,
    /// A quality officer recalled it: its sale stopped and its buyers were told.
    Recalled,
}

/// What the batch's inspections found, summed up: one failed inspection fails the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualityStatus {
    Uninspected,
    Passed,
    Failed,
}

macro_rules! text_enum {
    ($name:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),*
                }
            }

            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.as_str() == text)
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(BatchStatus { Open => "open", Recalled => "recalled" });
text_enum!(QualityStatus {
    Uninspected => "uninspected",
    Passed => "passed",
    Failed => "failed",
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub id: BatchId,
    pub product: ProductId,
    pub shop: ShopId,
    /// Unique per product.
    pub lot: Lot,
    /// The day it was harvested (produce) or made (processed goods).
    pub harvested_on: CivilDate,
    pub village: AreaCode,
    /// The field or workshop, when the producer gave it.
    pub field: Option<GeoPoint>,
    /// Sellable units (bags, boxes, pieces) it was packed into: one QR label each.
    pub units: i64,
    pub grade: Grade,
    /// How it was grown or made: organic practice, inputs used.
    pub notes: String,
    pub status: BatchStatus,
    pub quality: QualityStatus,
    pub created_by: AccountId,
    pub created_at: Timestamp,
}

impl Batch {
    /// A batch may be sold while open, and — when its product sells only inspected batches —
    /// only once it passed.
    pub fn sellable(&self, requires_passed: bool) -> bool {
        self.status == BatchStatus::Open
            && self.quality != QualityStatus::Failed
            && (!requires_passed || self.quality == QualityStatus::Passed)
    }
}

/// A batch as the producer typed it.
#[derive(Debug, Clone, Default)]
pub struct BatchForm {
    /// Empty: the services number it from the harvest date.
    pub lot: String,
    pub harvested_on: String,
    pub village: String,
    /// Both empty when the producer gives no field.
    pub lat: String,
    pub lon: String,
    pub units: String,
    pub grade: String,
    pub notes: String,
}

/// The checked fields of a new batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchDraft {
    pub lot: Option<Lot>,
    pub harvested_on: CivilDate,
    pub village: AreaCode,
    pub field: Option<GeoPoint>,
    pub units: i64,
    pub grade: Grade,
    pub notes: String,
}

/// Checks every field at once; a harvest cannot be later than `today`.
pub fn validate_batch(form: &BatchForm, today: CivilDate) -> Result<BatchDraft, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let lot = match form.lot.trim() {
        "" => Some(None),
        text => errors.check(Lot::parse(text).map(Some).map_err(lot_problem)),
    };
    let harvested_on = errors.check(harvest_date(&form.harvested_on, today));
    let village = errors.check(
        AreaCode::parse(form.village.trim())
            .filter(|code| code.level() == crate::place::PlaceLevel::Village)
            .ok_or(FieldError {
                field: "village",
                problem: required_or_invalid(&form.village),
            }),
    );
    let field = if form.lat.trim().is_empty() && form.lon.trim().is_empty() {
        Some(None)
    } else {
        errors.check(parse_location(&form.lat, &form.lon).map(Some))
    };
    let units = errors.check(
        form.units
            .trim()
            .parse::<i64>()
            .map_err(|_| FieldError {
                field: "units",
                problem: required_or_invalid(&form.units),
            })
            .and_then(|units| within("units", units, 1, MAX_BATCH_UNITS)),
    );
    let grade = errors.check(Grade::parse(&form.grade));
    let notes = errors.check(text_length("notes", &form.notes, 0, MAX_NOTES_CHARS));
    match (lot, harvested_on, village, field, units, grade, notes) {
        (
            Some(lot),
            Some(harvested_on),
            Some(village),
            Some(field),
            Some(units),
            Some(grade),
            Some(notes),
        ) if errors.is_empty() => Ok(BatchDraft {
            lot,
            harvested_on,
            village,
            field,
            units,
            grade,
            notes,
        }),
        _ => Err(errors),
    }
}

pub fn lot_problem(error: AiTextError) -> FieldError {
    let problem = match error {
        AiTextError::Empty => Problem::Required,
        AiTextError::TooLong { .. } => Problem::TooLong {
            max: MAX_AI_TEXT_CHARS,
        },
        AiTextError::Character(_) => Problem::Invalid,
    };
    FieldError {
        field: "lot",
        problem,
    }
}

fn harvest_date(text: &str, today: CivilDate) -> Result<CivilDate, FieldError> {
    CivilDate::parse(text)
        .filter(|date| *date <= today)
        .ok_or(FieldError {
            field: "harvested_on",
            problem: required_or_invalid(text),
        })
}

pub(super) fn required_or_invalid(text: &str) -> Problem {
    if text.trim().is_empty() {
        Problem::Required
    } else {
        Problem::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> BatchForm {
        BatchForm {
            lot: String::new(),
            harvested_on: "2026-08-15".into(),
            village: "632830101203".into(),
            lat: "36.512".into(),
            lon: "99.1".into(),
            units: "800".into(),
            grade: "special".into(),
            notes: "有机种植，未施化肥".into(),
        }
    }

    fn today() -> CivilDate {
        CivilDate::new(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_typed_batch_becomes_a_draft() {
        let draft = validate_batch(&form(), today()).unwrap();
        assert_eq!(draft.lot, None);
        assert_eq!(draft.harvested_on, CivilDate::new(2026, 8, 15).unwrap());
        assert_eq!(draft.field, GeoPoint::new(36_512_000, 99_100_000));
        assert_eq!(draft.units, 800);
        assert_eq!(draft.grade, Grade::Special);
        let without_field = BatchForm {
            lat: " ".into(),
            lon: String::new(),
            lot: "GJ-0815".into(),
            ..form()
        };
        let draft = validate_batch(&without_field, today()).unwrap();
        assert_eq!(draft.field, None);
        assert_eq!(draft.lot.unwrap().as_str(), "GJ-0815");
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let bad = BatchForm {
            lot: "批次一".into(),
            harvested_on: "2026-11-24".into(),
            village: "632830101000".into(),
            lat: "36.5".into(),
            lon: String::new(),
            units: "0".into(),
            grade: String::new(),
            notes: "x".repeat(MAX_NOTES_CHARS + 1),
        };
        let errors = validate_batch(&bad, today()).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "lot",
                "harvested_on",
                "village",
                "lon",
                "units",
                "grade",
                "notes"
            ]
        );
    }

    #[test]
    fn only_open_batches_sell_and_failed_ones_never() {
        let draft = validate_batch(&form(), today()).unwrap();
        let mut batch = Batch {
            id: BatchId::new("b"),
            product: ProductId::new("p"),
            shop: ShopId::new("s"),
            lot: Lot::numbered(draft.harvested_on, 1),
            harvested_on: draft.harvested_on,
            village: draft.village,
            field: draft.field,
            units: draft.units,
            grade: draft.grade,
            notes: draft.notes,
            status: BatchStatus::Open,
            quality: QualityStatus::Uninspected,
            created_by: AccountId::new("a"),
            created_at: Timestamp::from_millis(0),
        };
        assert!(batch.sellable(false));
        assert!(!batch.sellable(true));
        batch.quality = QualityStatus::Passed;
        assert!(batch.sellable(true));
        batch.status = BatchStatus::Recalled;
        assert!(!batch.sellable(false));
        batch.status = BatchStatus::Open;
        batch.quality = QualityStatus::Failed;
        assert!(!batch.sellable(false));
    }
}
