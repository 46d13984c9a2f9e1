//! Certificates a producer or a product holds: green food, organic, geographical indication —
//! recorded by quality officers — and the compliance certificate (承诺达标合格证) a producer
//! issues for their own product. Whether one is in force is computed from the day, never stored.

use super::batch::{required_or_invalid, text_enum};
use crate::calendar::CivilDate;
use crate::id::{AccountId, CertificateId, ProductId, ShopId};
use crate::time::Timestamp;
use crate::validation::{text_length, FieldError, Problem, ValidationErrors};

pub const MAX_CERTIFICATE_TEXT_CHARS: usize = 80;
pub const MAX_PROMISE_CHARS: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificateKind {
    GreenFood,
    Organic,
    GeographicalIndication,
    /// 承诺达标合格证: the producer's own promise that the product meets the standards.
    Compliance,
}

text_enum!(CertificateKind {
    GreenFood => "green_food",
    Organic => "organic",
    GeographicalIndication => "geographical_indication",
    Compliance => "compliance",
});

impl CertificateKind {
    /// Only the compliance certificate is issued by the producer themselves.
    pub fn self_issued(self) -> bool {
        self == CertificateKind::Compliance
    }
}

/// Who holds the certificate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CertificateHolder {
    Shop(ShopId),
    Product(ProductId),
}

/// What a compliance certificate carries beyond the others: the promise, and how much of the
/// product it covers. Its issuer and contact are the shop, never a person's phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompliancePromise {
    pub promise: String,
    /// "500 kg", "200 boxes".
    pub quantity: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateState {
    NotYetValid,
    Valid,
    Expired,
}

text_enum!(CertificateState {
    NotYetValid => "not_yet_valid",
    Valid => "valid",
    Expired => "expired",
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub id: CertificateId,
    pub holder: CertificateHolder,
    /// The shop the holder belongs to, so a shop's certificates are one read.
    pub shop: ShopId,
    pub kind: CertificateKind,
    pub number: String,
    pub issuer: String,
    pub valid_from: CivilDate,
    /// The last day it is in force.
    pub valid_to: CivilDate,
    /// Present exactly for compliance certificates.
    pub promise: Option<CompliancePromise>,
    pub recorded_by: AccountId,
    pub recorded_at: Timestamp,
}

impl Certificate {
    pub fn state(&self, today: CivilDate) -> CertificateState {
        if today < self.valid_from {
            CertificateState::NotYetValid
        } else if today > self.valid_to {
            CertificateState::Expired
        } else {
            CertificateState::Valid
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct CertificateForm {
    pub kind: String,
    pub number: String,
    pub issuer: String,
    pub valid_from: String,
    pub valid_to: String,
    /// Compliance certificates only.
    pub promise: String,
    pub quantity: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateDraft {
    pub kind: CertificateKind,
    pub number: String,
    pub issuer: String,
    pub valid_from: CivilDate,
    pub valid_to: CivilDate,
    pub promise: Option<CompliancePromise>,
}

/// Checks every field at once. A compliance certificate must name the promise and quantity and
/// is held by a product; its issuer is the shop, filled in by the services.
pub fn validate_certificate(
    form: &CertificateForm,
    for_product: bool,
) -> Result<CertificateDraft, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let kind = errors.check(CertificateKind::parse(form.kind.trim()).ok_or(FieldError {
        field: "kind",
        problem: required_or_invalid(&form.kind),
    }));
    let number = errors.check(text_length(
        "number",
        &form.number,
        1,
        MAX_CERTIFICATE_TEXT_CHARS,
    ));
    let self_issued = kind.is_some_and(CertificateKind::self_issued);
    let issuer = if self_issued {
        Some(String::new())
    } else {
        errors.check(text_length(
            "issuer",
            &form.issuer,
            1,
            MAX_CERTIFICATE_TEXT_CHARS,
        ))
    };
    let valid_from = errors.check(date("valid_from", &form.valid_from));
    let valid_to = errors.check(date("valid_to", &form.valid_to));
    if let (Some(from), Some(to)) = (valid_from, valid_to) {
        if to < from {
            errors.push("valid_to", Problem::Invalid);
        }
    }
    let promise = if self_issued {
        if !for_product {
            errors.push("kind", Problem::NotAllowed);
        }
        let promise = errors.check(text_length("promise", &form.promise, 1, MAX_PROMISE_CHARS));
        let quantity = errors.check(text_length(
            "quantity",
            &form.quantity,
            1,
            MAX_CERTIFICATE_TEXT_CHARS,
        ));
        promise
            .zip(quantity)
            .map(|(promise, quantity)| Some(CompliancePromise { promise, quantity }))
    } else {
        Some(None)
    };
    match (kind, number, issuer, valid_from, valid_to, promise) {
        (
            Some(kind),
            Some(number),
            Some(issuer),
            Some(valid_from),
            Some(valid_to),
            Some(promise),
        ) if errors.is_empty() => Ok(CertificateDraft {
            kind,
            number,
            issuer,
            valid_from,
            valid_to,
            promise,
        }),
        _ => Err(errors),
    }
}

fn date(field: &'static str, text: &str) -> Result<CivilDate, FieldError> {
    CivilDate::parse(text.trim()).ok_or(FieldError {
        field,
        problem: required_or_invalid(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CertificateForm {
        CertificateForm {
            kind: "organic".into(),
            number: "ORG-2026-0042".into(),
            issuer: "中绿华夏有机食品认证中心".into(),
            valid_from: "2026-01-01".into(),
            valid_to: "2026-12-31".into(),
            ..CertificateForm::default()
        }
    }

    fn day(m: u8, d: u8) -> CivilDate {
        CivilDate::new(2026, m, d).unwrap()
    }

    #[test]
    fn a_certificate_is_in_force_through_its_last_day_and_expired_after() {
        let draft = validate_certificate(&form(), false).unwrap();
        let certificate = Certificate {
            id: CertificateId::new("c"),
            holder: CertificateHolder::Shop(ShopId::new("s")),
            shop: ShopId::new("s"),
            kind: draft.kind,
            number: draft.number,
            issuer: draft.issuer,
            valid_from: draft.valid_from,
            valid_to: draft.valid_to,
            promise: draft.promise,
            recorded_by: AccountId::new("q"),
            recorded_at: Timestamp::from_millis(0),
        };
        assert_eq!(certificate.state(day(1, 1)), CertificateState::Valid);
        assert_eq!(certificate.state(day(12, 31)), CertificateState::Valid);
        assert_eq!(
            certificate.state(CivilDate::new(2027, 1, 1).unwrap()),
            CertificateState::Expired
        );
        assert_eq!(
            certificate.state(CivilDate::new(2025, 12, 31).unwrap()),
            CertificateState::NotYetValid
        );
    }

    #[test]
    fn a_compliance_certificate_needs_its_promise_and_a_product() {
        let compliance = CertificateForm {
            kind: "compliance".into(),
            issuer: String::new(),
            promise: "不使用禁用农药，常规农药残留不超标".into(),
            quantity: "500 kg".into(),
            ..form()
        };
        let draft = validate_certificate(&compliance, true).unwrap();
        assert_eq!(draft.promise.unwrap().quantity, "500 kg");
        let errors = validate_certificate(&compliance, false).unwrap_err();
        assert_eq!(errors.0[0].field, "kind");
        let bare = CertificateForm {
            promise: String::new(),
            quantity: " ".into(),
            ..compliance
        };
        let fields: Vec<_> = validate_certificate(&bare, true)
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["promise", "quantity"]);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = CertificateForm {
            kind: "gold".into(),
            number: String::new(),
            issuer: String::new(),
            valid_from: "2026-12-31".into(),
            valid_to: "2026-01-01".into(),
            ..CertificateForm::default()
        };
        let fields: Vec<_> = validate_certificate(&bad, false)
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["kind", "number", "issuer", "valid_to"]);
    }
}
