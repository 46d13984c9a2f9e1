//! The county's GS1 codes: the hub's company prefix, and per product its GTIN (typed and
//! checked, or the next free one under the prefix) and whether it sells only batches that
//! passed inspection.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::ProductId;
use farmgate_domain::trace::{CompanyPrefix, Gtin, GtinError};
use farmgate_domain::validation::{FieldError, Problem, ValidationErrors};
use farmgate_store::{ProductTrace, StoreError, GTIN_TAKEN};
use serde::{Deserialize, Serialize};

use crate::{ServiceError, ServiceResult, Services};

const GS1_KEY: &str = "settings.gs1";
/// Giving out the next GTIN is retried this often when another product took it meanwhile.
const MAX_ASSIGN_TRIES: u32 = 10;

/// The hub's GS1 settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gs1Settings {
    /// Licensed from GS1 China; products' GTINs can be given out under it.
    pub company_prefix: Option<CompanyPrefix>,
}

/// A product's trace settings as typed.
#[derive(Debug, Clone, Default)]
pub struct ProductTraceForm {
    /// A GTIN as printed; empty for none.
    pub gtin: String,
    /// Give the product the next free GTIN under the county's prefix (keeps one it has).
    pub assign_gtin: bool,
    pub passed_batches_only: bool,
}

impl Services {
    pub async fn gs1_settings(&self) -> ServiceResult<Gs1Settings> {
        match self.setting(GS1_KEY).await? {
            Some(json) => {
                serde_json::from_str(&json).map_err(|e| ServiceError::Internal(e.to_string()))
            }
            None => Ok(Gs1Settings::default()),
        }
    }

    /// The hub sets (or, with an empty text, clears) the county's company prefix.
    pub async fn set_company_prefix(
        &self,
        actor: &Actor,
        text: &str,
    ) -> ServiceResult<Gs1Settings> {
        authorize(actor, &Action::ManageMarketplaceSettings)?;
        let company_prefix = match text.trim() {
            "" => None,
            digits => Some(
                CompanyPrefix::parse(digits)
                    .ok_or(ValidationErrors::single("company_prefix", Problem::Invalid))?,
            ),
        };
        let settings = Gs1Settings { company_prefix };
        self.save(GS1_KEY, &settings).await?;
        Ok(settings)
    }

    /// A product's trace settings, for its shop and the hub.
    pub async fn product_trace_settings(
        &self,
        actor: &Actor,
        product: &ProductId,
    ) -> ServiceResult<ProductTrace> {
        self.authorize_product_trace(actor, product).await?;
        Ok(self.store.product_trace(product).await?)
    }

    pub async fn set_product_trace_settings(
        &self,
        actor: &Actor,
        product: &ProductId,
        form: &ProductTraceForm,
    ) -> ServiceResult<ProductTrace> {
        self.authorize_product_trace(actor, product).await?;
        let current = self.store.product_trace(product).await?;
        let mut trace = ProductTrace {
            product: product.clone(),
            gtin: None,
            passed_batches_only: form.passed_batches_only,
        };
        if form.assign_gtin && current.gtin.is_none() {
            return self.assign_gtin(trace).await;
        }
        trace.gtin = if form.assign_gtin {
            current.gtin
        } else {
            typed_gtin(&form.gtin)?
        };
        match self.store.set_product_trace(&trace).await {
            Ok(()) => {
                self.traces_changed();
                Ok(trace)
            }
            Err(StoreError::Conflict(GTIN_TAKEN)) => {
                Err(ValidationErrors::single("gtin", Problem::AlreadyTaken).into())
            }
            Err(other) => Err(other.into()),
        }
    }

    /// The next item reference after the highest given out; another product taking it at the
    /// same moment makes the store refuse the second, which tries the next.
    async fn assign_gtin(&self, mut trace: ProductTrace) -> ServiceResult<ProductTrace> {
        let prefix = self
            .gs1_settings()
            .await?
            .company_prefix
            .ok_or(ValidationErrors::single(
                "company_prefix",
                Problem::Required,
            ))?;
        for _ in 0..MAX_ASSIGN_TRIES {
            let last = self.store.last_gtin_under(&prefix).await?;
            let next = last
                .and_then(|gtin| prefix.item_reference(&gtin))
                .map_or(1, |reference| reference.saturating_add(1));
            trace.gtin = Some(
                Gtin::from_prefix(&prefix, next).ok_or(ServiceError::Conflict(
                    "the county's GS1 company prefix has no item reference left",
                ))?,
            );
            match self.store.set_product_trace(&trace).await {
                Ok(()) => {
                    self.traces_changed();
                    return Ok(trace);
                }
                Err(StoreError::Conflict(GTIN_TAKEN)) => continue,
                Err(other) => return Err(other.into()),
            }
        }
        Err(ServiceError::Conflict(
            "many GTINs are being given out at once; try again",
        ))
    }

    async fn authorize_product_trace(
        &self,
        actor: &Actor,
        product: &ProductId,
    ) -> ServiceResult<()> {
        let detail = self
            .store
            .product(product)
            .await?
            .ok_or(ServiceError::NotFound)?;
        authorize(actor, &Action::ManageBatches(&detail.product.shop_id))?;
        Ok(())
    }
}

/// A GTIN as typed; a wrong check digit is refused with the digit it should be.
fn typed_gtin(text: &str) -> Result<Option<Gtin>, FieldError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let problem = match Gtin::parse(text.trim()) {
        Ok(gtin) => return Ok(Some(gtin)),
        Err(GtinError::CheckDigit { expected, .. }) => Problem::CheckDigit { expected },
        Err(GtinError::NotDigits | GtinError::Length { .. }) => Problem::Invalid,
    };
    Err(FieldError {
        field: "gtin",
        problem,
    })
}
