//! The county's marketplace settings, set by the hub: commission per category and the shipping
//! fee template by zone. Kept as small JSON documents in the store's settings (meta) table.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::address::ShippingZone;
use farmgate_domain::catalogue::Category;
use farmgate_domain::commission::{CommissionRate, CommissionSchedule};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::shipping::{ShippingTemplate, ZoneRate};
use farmgate_domain::validation::{FieldError, Problem, ValidationErrors};

use crate::checkout::default_template;
use crate::{ServiceError, ServiceResult, Services};

const COMMISSION_KEY: &str = "settings.commission";
const SHIPPING_KEY: &str = "settings.shipping";
/// The platform's commission until the hub sets rates: 5%.
const DEFAULT_COMMISSION_BP: u16 = 500;

/// Commission as typed: percentages, e.g. "5" or "2.5".
#[derive(Debug, Clone, Default)]
pub struct CommissionForm {
    pub default_percent: String,
    /// Categories with their own rate; an empty text means "use the default".
    pub per_category: Vec<(Category, String)>,
}

/// One zone's fees as typed, in yuan; `served: false` refuses the zone.
#[derive(Debug, Clone, Default)]
pub struct ZoneForm {
    pub zone: Option<ShippingZone>,
    pub served: bool,
    pub first_fee: String,
    pub additional_fee: String,
    pub free_over: String,
}

impl Services {
    pub async fn commission_schedule(&self) -> ServiceResult<CommissionSchedule> {
        match self.setting(COMMISSION_KEY).await? {
            Some(json) => {
                serde_json::from_str(&json).map_err(|e| ServiceError::Internal(e.to_string()))
            }
            None => Ok(CommissionRate::new(DEFAULT_COMMISSION_BP)
                .map(CommissionSchedule::flat)
                .unwrap_or_default()),
        }
    }

    pub async fn shipping_template(&self) -> ServiceResult<ShippingTemplate> {
        match self.setting(SHIPPING_KEY).await? {
            Some(json) => {
                serde_json::from_str(&json).map_err(|e| ServiceError::Internal(e.to_string()))
            }
            None => default_template(),
        }
    }

    pub async fn set_commission(
        &self,
        actor: &Actor,
        form: &CommissionForm,
    ) -> ServiceResult<CommissionSchedule> {
        authorize(actor, &Action::ManageMarketplaceSettings)?;
        let schedule = schedule_from(form)?;
        self.save(COMMISSION_KEY, &schedule).await?;
        Ok(schedule)
    }

    pub async fn set_shipping(
        &self,
        actor: &Actor,
        zones: &[ZoneForm],
    ) -> ServiceResult<ShippingTemplate> {
        authorize(actor, &Action::ManageMarketplaceSettings)?;
        let mut errors = ValidationErrors::default();
        let mut rates = Vec::new();
        for form in zones.iter().filter(|z| z.served) {
            let Some(zone) = form.zone else { continue };
            let first = errors.check(yuan("first_fee", &form.first_fee, true));
            let additional = errors.check(yuan("additional_fee", &form.additional_fee, true));
            let free_over = errors.check(yuan("free_over", &form.free_over, false));
            if let (Some(Some(first)), Some(Some(additional)), Some(free_over)) =
                (first, additional, free_over)
            {
                match ZoneRate::new(first, additional, free_over) {
                    Ok(rate) => rates.push((zone, rate)),
                    Err(rate_errors) => errors.0.extend(rate_errors.0),
                }
            }
        }
        errors.into_result()?;
        let template = ShippingTemplate::new(rates)
            .map_err(|_| ValidationErrors::single("zones", Problem::Required))?;
        self.save(SHIPPING_KEY, &template).await?;
        Ok(template)
    }

    /// A settings document as stored, from the cache when it is fresh.
    pub(crate) async fn setting(&self, key: &'static str) -> ServiceResult<Option<String>> {
        let load = async { Ok::<_, ServiceError>(self.store.meta(key).await?) };
        self.caches.settings.get_or_load(&key, load).await
    }

    pub(crate) async fn save(
        &self,
        key: &'static str,
        value: &impl serde::Serialize,
    ) -> ServiceResult<()> {
        let json =
            serde_json::to_string(value).map_err(|e| ServiceError::Internal(e.to_string()))?;
        self.store.set_meta(key, &json).await?;
        self.caches.settings.remove(&key);
        Ok(())
    }
}

/// A schedule as typed: a default rate and the categories with their own.
pub(crate) fn schedule_from(form: &CommissionForm) -> Result<CommissionSchedule, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let default = errors.check(rate("default_percent", &form.default_percent));
    let mut exceptions = Vec::new();
    for (category, text) in &form.per_category {
        if text.trim().is_empty() {
            continue;
        }
        if let Some(rate) = errors.check(rate("per_category", text)) {
            exceptions.push((*category, rate));
        }
    }
    let Some(default) = default else {
        return Err(errors);
    };
    errors.into_result()?;
    let mut schedule = CommissionSchedule::flat(default);
    for (category, rate) in exceptions {
        schedule.set(category, rate);
    }
    Ok(schedule)
}

/// A percentage with up to two decimals, as basis points (0–30%).
fn rate(field: &'static str, text: &str) -> Result<CommissionRate, FieldError> {
    let invalid = FieldError {
        field,
        problem: Problem::Invalid,
    };
    let bp = Money::parse_major(text.trim().trim_end_matches('%'), Currency::Cny)
        .ok_or(invalid.clone())?;
    let bp = u16::try_from(bp.minor()).map_err(|_| invalid.clone())?;
    CommissionRate::new(bp).ok_or(invalid)
}

/// Yuan as typed, in fen; empty is `None`, refused when `required`.
fn yuan(field: &'static str, text: &str, required: bool) -> Result<Option<i64>, FieldError> {
    if text.trim().is_empty() {
        return if required {
            Err(FieldError {
                field,
                problem: Problem::Required,
            })
        } else {
            Ok(None)
        };
    }
    Money::parse_major(text, Currency::Cny)
        .map(|m| Some(m.minor()))
        .ok_or(FieldError {
            field,
            problem: Problem::Invalid,
        })
}
