//! An inspection of a batch: what a lab measured against the limits of a standard. Values are
//! fixed-point thousandths (mg/kg to three decimals), never floats, so a value equal to its
//! limit passes on every machine.

use std::fmt;

use super::batch::{required_or_invalid, text_enum, QualityStatus};
use crate::calendar::CivilDate;
use crate::id::{AccountId, BatchId, InspectionId};
use crate::time::Timestamp;
use crate::validation::{text_length, FieldError, Problem, ValidationErrors};

/// Rows of measurements one inspection form carries.
pub const MAX_MEASUREMENTS: usize = 6;
pub const MAX_LAB_CHARS: usize = 80;
pub const MAX_MEASUREMENT_NAME_CHARS: usize = 60;
/// The largest value or limit, in thousandths: a million units is beyond any measure we take.
pub const MAX_THOUSANDTHS: i64 = 1_000_000_000;

/// What the lab looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InspectionKind {
    PesticideResidue,
    Moisture,
    HeavyMetals,
    Grading,
    Other,
}

text_enum!(InspectionKind {
    PesticideResidue => "pesticide_residue",
    Moisture => "moisture",
    HeavyMetals => "heavy_metals",
    Grading => "grading",
    Other => "other",
});

/// The unit a measurement and its limit are given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureUnit {
    MgPerKg,
    Percent,
    GPer100g,
    Points,
}

text_enum!(MeasureUnit {
    MgPerKg => "mg/kg",
    Percent => "%",
    GPer100g => "g/100g",
    Points => "points",
});

/// A non-negative quantity with three decimals, kept as thousandths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Thousandths(i64);

impl Thousandths {
    pub const fn new(thousandths: i64) -> Option<Self> {
        if thousandths >= 0 && thousandths <= MAX_THOUSANDTHS {
            Some(Self(thousandths))
        } else {
            None
        }
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    /// Reads "0.05", "12", "3.125"; at most three decimals, no sign, no exponent.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || fraction.len() > 3 || !digits(whole) || !digits(fraction) {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let fraction: i64 = format!("{fraction:0<3}").parse().ok()?;
        Self::new(whole.checked_mul(1000)?.checked_add(fraction)?)
    }
}

/// "0.05", "12", "3.125": as few decimals as the value needs.
impl fmt::Display for Thousandths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / 1000, self.0 % 1000);
        if fraction == 0 {
            return write!(f, "{whole}");
        }
        let decimals = format!("{fraction:03}");
        write!(f, "{whole}.{}", decimals.trim_end_matches('0'))
    }
}

/// One measured quantity against the standard's limit: it passes when the value is at most the
/// limit (residues, moisture and metals are ceilings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    pub name: String,
    pub value: Thousandths,
    pub limit: Thousandths,
    pub unit: MeasureUnit,
}

impl Measurement {
    pub fn passed(&self) -> bool {
        self.value <= self.limit
    }
}

/// A lab's report file kept with the inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    pub format: crate::application::DocumentFormat,
    pub file_name: String,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    pub id: InspectionId,
    pub batch: BatchId,
    pub kind: InspectionKind,
    pub lab: String,
    pub inspected_on: CivilDate,
    /// At least one, in the order typed.
    pub measurements: Vec<Measurement>,
    pub report: Option<ReportFile>,
    pub by: AccountId,
    pub recorded_at: Timestamp,
}

impl Inspection {
    /// Passed when every measurement is within its limit.
    pub fn passed(&self) -> bool {
        self.measurements.iter().all(Measurement::passed)
    }
}

/// A batch's quality after its inspections: one failure fails it for good.
pub fn batch_quality<'a>(inspections: impl IntoIterator<Item = &'a Inspection>) -> QualityStatus {
    let mut quality = QualityStatus::Uninspected;
    for inspection in inspections {
        if !inspection.passed() {
            return QualityStatus::Failed;
        }
        quality = QualityStatus::Passed;
    }
    quality
}

/// One measurement row as typed; a row left wholly blank is skipped.
#[derive(Debug, Clone, Default)]
pub struct MeasurementForm {
    pub name: String,
    pub value: String,
    pub limit: String,
    pub unit: String,
}

impl MeasurementForm {
    fn is_blank(&self) -> bool {
        [&self.name, &self.value, &self.limit]
            .iter()
            .all(|text| text.trim().is_empty())
    }
}

#[derive(Debug, Clone, Default)]
pub struct InspectionForm {
    pub kind: String,
    pub lab: String,
    pub inspected_on: String,
    pub measurements: Vec<MeasurementForm>,
}

/// The checked fields of a new inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectionDraft {
    pub kind: InspectionKind,
    pub lab: String,
    pub inspected_on: CivilDate,
    pub measurements: Vec<Measurement>,
}

/// The form fields of each measurement row, so a problem names its row.
pub const MEASUREMENT_FIELDS: [[&str; 3]; MAX_MEASUREMENTS] = [
    ["m1_name", "m1_value", "m1_limit"],
    ["m2_name", "m2_value", "m2_limit"],
    ["m3_name", "m3_value", "m3_limit"],
    ["m4_name", "m4_value", "m4_limit"],
    ["m5_name", "m5_value", "m5_limit"],
    ["m6_name", "m6_value", "m6_limit"],
];
const UNIT_FIELDS: [&str; MAX_MEASUREMENTS] = [
    "m1_unit", "m2_unit", "m3_unit", "m4_unit", "m5_unit", "m6_unit",
];

/// Checks every field at once; an inspection cannot be dated after `today`.
pub fn validate_inspection(
    form: &InspectionForm,
    today: CivilDate,
) -> Result<InspectionDraft, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let kind = errors.check(InspectionKind::parse(form.kind.trim()).ok_or(FieldError {
        field: "kind",
        problem: required_or_invalid(&form.kind),
    }));
    let lab = errors.check(text_length("lab", &form.lab, 1, MAX_LAB_CHARS));
    let inspected_on = errors.check(
        CivilDate::parse(form.inspected_on.trim())
            .filter(|date| *date <= today)
            .ok_or(FieldError {
                field: "inspected_on",
                problem: required_or_invalid(&form.inspected_on),
            }),
    );
    if form.measurements.len() > MAX_MEASUREMENTS {
        errors.push(
            "measurements",
            Problem::TooLong {
                max: MAX_MEASUREMENTS,
            },
        );
    }
    let mut measurements = Vec::new();
    let typed_rows = form.measurements.iter().filter(|row| !row.is_blank());
    if typed_rows.count() == 0 {
        errors.push("measurements", Problem::Required);
    }
    let rows = form.measurements.iter().zip(MEASUREMENT_FIELDS).enumerate();
    for (row, (typed, [name_field, value_field, limit_field])) in rows {
        if typed.is_blank() {
            continue;
        }
        let name = errors.check(text_length(
            name_field,
            &typed.name,
            1,
            MAX_MEASUREMENT_NAME_CHARS,
        ));
        let value = errors.check(quantity(value_field, &typed.value));
        let limit = errors.check(quantity(limit_field, &typed.limit));
        let unit = errors.check(MeasureUnit::parse(typed.unit.trim()).ok_or(FieldError {
            field: UNIT_FIELDS[row],
            problem: required_or_invalid(&typed.unit),
        }));
        if let (Some(name), Some(value), Some(limit), Some(unit)) = (name, value, limit, unit) {
            measurements.push(Measurement {
                name,
                value,
                limit,
                unit,
            });
        }
    }
    match (kind, lab, inspected_on) {
        (Some(kind), Some(lab), Some(inspected_on)) if errors.is_empty() => Ok(InspectionDraft {
            kind,
            lab,
            inspected_on,
            measurements,
        }),
        _ => Err(errors),
    }
}

fn quantity(field: &'static str, text: &str) -> Result<Thousandths, FieldError> {
    Thousandths::parse(text).ok_or(FieldError {
        field,
        problem: required_or_invalid(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, value: &str, limit: &str) -> MeasurementForm {
        MeasurementForm {
            name: name.into(),
            value: value.into(),
            limit: limit.into(),
            unit: "mg/kg".into(),
        }
    }

    fn form() -> InspectionForm {
        InspectionForm {
            kind: "pesticide_residue".into(),
            lab: "海西州农产品质量检测中心".into(),
            inspected_on: "2026-09-02".into(),
            measurements: vec![
                row("吡虫啉", "0.05", "1"),
                MeasurementForm::default(),
                row("多菌灵", "1", "1.000"),
            ],
        }
    }

    fn today() -> CivilDate {
        CivilDate::new(2026, 11, 23).unwrap()
    }

    fn inspection(draft: InspectionDraft) -> Inspection {
        Inspection {
            id: InspectionId::new("i"),
            batch: BatchId::new("b"),
            kind: draft.kind,
            lab: draft.lab,
            inspected_on: draft.inspected_on,
            measurements: draft.measurements,
            report: None,
            by: AccountId::new("q"),
            recorded_at: Timestamp::from_millis(0),
        }
    }

    #[test]
    fn thousandths_read_and_print_without_floats() {
        assert_eq!(Thousandths::parse("0.05").map(Thousandths::get), Some(50));
        assert_eq!(
            Thousandths::parse(" 12 ").map(Thousandths::get),
            Some(12_000)
        );
        assert_eq!(
            Thousandths::parse("3.125").map(Thousandths::get),
            Some(3_125)
        );
        for bad in [
            "",
            ".5",
            "1.2345",
            "-1",
            "1e3",
            "0x10",
            "1,5",
            "99999999999",
        ] {
            assert_eq!(Thousandths::parse(bad), None, "{bad}");
        }
        for text in ["0.05", "12", "3.125", "0"] {
            assert_eq!(Thousandths::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn a_value_at_its_limit_passes_and_one_above_fails_the_whole_inspection() {
        let draft = validate_inspection(&form(), today()).unwrap();
        assert_eq!(draft.measurements.len(), 2, "the blank row is skipped");
        let passed = inspection(draft.clone());
        assert!(passed.passed());
        let mut failed = inspection(draft);
        failed.measurements[1].value = Thousandths::new(1_001).unwrap();
        assert!(!failed.passed());
        assert!(failed.measurements[0].passed());
        assert_eq!(batch_quality([]), QualityStatus::Uninspected);
        assert_eq!(batch_quality([&passed]), QualityStatus::Passed);
        assert_eq!(batch_quality([&passed, &failed]), QualityStatus::Failed);
        assert_eq!(batch_quality([&failed, &passed]), QualityStatus::Failed);
    }

    #[test]
    fn every_bad_field_is_named_with_its_row() {
        let bad = InspectionForm {
            kind: "taste".into(),
            lab: " ".into(),
            inspected_on: "2026-11-24".into(),
            measurements: vec![
                MeasurementForm::default(),
                MeasurementForm {
                    unit: "ppm".into(),
                    ..row("", "0.0001", "")
                },
            ],
        };
        let errors = validate_inspection(&bad, today()).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "kind",
                "lab",
                "inspected_on",
                "m2_name",
                "m2_value",
                "m2_limit",
                "m2_unit"
            ]
        );
        let empty = InspectionForm {
            measurements: vec![MeasurementForm::default()],
            ..form()
        };
        let errors = validate_inspection(&empty, today()).unwrap_err();
        assert_eq!(errors.0[0].field, "measurements");
    }
}
