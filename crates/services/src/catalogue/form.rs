//! A product form as the producer typed it, and its checking: every field by the domain's
//! rules, every problem of the form reported at once.

use farmgate_domain::availability::{PreSale, Season};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::limits;
use farmgate_domain::id::ProductId;
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::sku::{SkuInput, SkuSpec};
use farmgate_domain::time::Timestamp;
use farmgate_domain::validation::{FieldError, Problem, ValidationErrors};
use farmgate_store::{ProductRecord, SkuRecord};

use crate::{new_id, ServiceError, ServiceResult};

/// A product as the producer typed it.
#[derive(Debug, Clone, Default)]
pub struct ProductForm {
    pub title: String,
    pub title_en: String,
    pub description: String,
    pub category: String,
    pub grade: String,
    /// The village code where it was grown or made.
    pub origin: String,
    /// Months in season, 1–12; empty means all year.
    pub season_months: Vec<u8>,
    /// `YYYY-MM-DD`: sell now, ship from this date (pre-sale); empty for goods in stock.
    pub presale_ships_from: String,
    pub skus: Vec<SkuForm>,
}

#[derive(Debug, Clone, Default)]
pub struct SkuForm {
    pub name: String,
    /// In yuan, as typed: "68.50".
    pub price: String,
    pub unit: String,
    pub net_weight_g: String,
    pub shipping_weight_g: String,
    pub stock: String,
}

pub(super) fn invalid(field: &'static str) -> FieldError {
    FieldError {
        field,
        problem: Problem::Invalid,
    }
}

pub(super) fn season(months: &[u8]) -> Result<Season, FieldError> {
    if months.is_empty() {
        Ok(Season::ALL_YEAR)
    } else {
        Season::from_months(months)
    }
}

/// An empty date means goods in stock; a date opens a pre-sale shipping from that day.
pub(super) fn presale(date: &str, now: Timestamp) -> Result<Option<PreSale>, FieldError> {
    let date = date.trim();
    if date.is_empty() {
        return Ok(None);
    }
    let mut parts = date.splitn(3, '-');
    let mut number = || parts.next().and_then(|p| p.parse::<i64>().ok());
    let (Some(year), Some(month), Some(day)) = (number(), number(), number()) else {
        return Err(FieldError {
            field: "ships_from",
            problem: Problem::Invalid,
        });
    };
    let civil = u8::try_from(month)
        .ok()
        .zip(u8::try_from(day).ok())
        .and_then(|(m, d)| CivilDate::new(year, m, d))
        .ok_or(FieldError {
            field: "ships_from",
            problem: Problem::Invalid,
        })?;
    PreSale::open(civil.start_in_china(), now).map(Some)
}

/// A product and its variants, checked apart and answered together, so every problem in the
/// form is shown at once.
pub(crate) fn both_checked<S>(
    product: ServiceResult<ProductRecord>,
    skus: Result<S, ValidationErrors>,
) -> ServiceResult<(ProductRecord, S)> {
    match (product, skus) {
        (Ok(product), Ok(skus)) => Ok((product, skus)),
        (Err(ServiceError::Validation(mut errors)), skus) => {
            errors.0.extend(skus.err().map(|e| e.0).unwrap_or_default());
            Err(errors.into())
        }
        (Err(other), _) => Err(other),
        (Ok(_), Err(errors)) => Err(errors.into()),
    }
}

pub(super) fn validate_skus(
    product: &ProductId,
    forms: &[SkuForm],
) -> Result<Vec<SkuRecord>, ValidationErrors> {
    let rows: Vec<&SkuForm> = forms.iter().filter(|f| !is_blank(f)).collect();
    if rows.is_empty() {
        return Err(ValidationErrors::single("skus", Problem::Required));
    }
    if rows.len() > limits::MAX_SKUS {
        return Err(ValidationErrors::single(
            "skus",
            Problem::TooLong {
                max: limits::MAX_SKUS,
            },
        ));
    }
    rows.into_iter()
        .enumerate()
        .map(|(position, form)| validate_sku(product, position, form))
        .collect()
}

/// One variant, checked by the domain's rules; every problem of the row is reported.
pub(crate) fn validate_sku(
    product: &ProductId,
    position: usize,
    form: &SkuForm,
) -> Result<SkuRecord, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let price = Money::parse_major(&form.price, Currency::Cny);
    if price.is_none() {
        errors.push("price", Problem::Invalid);
    }
    let number = |field: &'static str, text: &str, errors: &mut ValidationErrors| {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let parsed = text.parse::<i64>().ok();
        if parsed.is_none() {
            errors.push(field, Problem::Invalid);
        }
        parsed
    };
    let net = number("net_weight_g", &form.net_weight_g, &mut errors);
    let shipping = number("shipping_weight_g", &form.shipping_weight_g, &mut errors);
    let stock = number("stock", &form.stock, &mut errors).unwrap_or(0);
    let input = SkuInput {
        name: &form.name,
        price_fen: price.map_or(0, Money::minor),
        unit: &form.unit,
        net_weight_g: net,
        shipping_weight_g: shipping,
        stock,
    };
    match (SkuSpec::parse(&input), errors.is_empty()) {
        (Ok(spec), true) => Ok(SkuRecord {
            id: new_id(),
            product_id: product.clone(),
            position: position as i64,
            name: spec.name.as_str().to_owned(),
            pack: spec.pack,
            price: spec.price.money(),
            stock: i64::from(spec.stock.get()),
        }),
        (Ok(_), false) => Err(errors),
        (Err(mut spec_errors), _) => {
            // A price that did not parse was checked as zero; say only that it did not parse.
            if price.is_none() {
                spec_errors.0.retain(|e| e.field != "price_fen");
            }
            spec_errors.0.extend(errors.0);
            Err(spec_errors)
        }
    }
}

pub(crate) fn is_blank(form: &SkuForm) -> bool {
    [
        &form.name,
        &form.price,
        &form.net_weight_g,
        &form.shipping_weight_g,
        &form.stock,
    ]
    .iter()
    .all(|f| f.trim().is_empty())
}
