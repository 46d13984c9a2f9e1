//! The form that takes a seat in a team, opening one or joining one: how many units and
//! where they go. A new idempotency key per rendering makes a double submit one seat; the
//! buyer's last address fills the form so a second purchase is two taps.

use axum::http::StatusCode;
use farmgate_services::checkout::AddressForm;
use farmgate_services::group_buys::SeatRequest;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::cart::{fresh_key, province_options};
use super::PageContext;
use crate::error::WebError;
use crate::forms::{AddressFields, FieldErrors};
use crate::state::AppState;

/// The form as posted.
#[derive(Deserialize, Default)]
pub struct SeatFields {
    #[serde(default)]
    units: String,
    #[serde(flatten)]
    address: AddressFields,
    #[serde(default)]
    idempotency_key: String,
}

impl SeatFields {
    /// Units that are not a number reach the rules as 0, which they refuse as out of range.
    pub fn request(&self) -> SeatRequest {
        SeatRequest {
            units: self.units.trim().parse().unwrap_or(0),
            address: self.address.to_form(),
            idempotency_key: self.idempotency_key.clone(),
        }
    }
}

/// What `seat_form.html` draws.
pub struct SeatFormView {
    pub action: String,
    pub button: &'static str,
    pub units: String,
    pub max_units: i64,
    pub address: AddressForm,
    pub provinces: Vec<(String, &'static str)>,
    pub idempotency_key: String,
    pub errors: FieldErrors,
    /// A refusal in words, above the form.
    pub problem: Option<&'static str>,
}

/// A seat form as posted and turned down, or a fresh one.
#[derive(Default)]
pub struct SeatAttempt {
    pub fields: Option<SeatFields>,
    pub errors: FieldErrors,
    pub problem: Option<&'static str>,
}

impl SeatAttempt {
    /// The answer to show for a refused seat: the form again with what was wrong, or an
    /// error page for what the form cannot fix.
    pub fn refused(
        fields: SeatFields,
        error: ServiceError,
        page: &PageContext,
    ) -> Result<(StatusCode, Self), WebError> {
        let t = page.t;
        let (status, errors, problem) = match error {
            ServiceError::Validation(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                FieldErrors::new(&errors, t),
                None,
            ),
            ServiceError::Conflict(why) => (
                StatusCode::CONFLICT,
                FieldErrors::default(),
                Some(t.group_buy.conflict(why).unwrap_or(t.error_conflict)),
            ),
            other => return Err(other.into()),
        };
        let attempt = Self {
            fields: Some(fields),
            errors,
            problem,
        };
        Ok((status, attempt))
    }

    /// The form for a signed-in buyer, posting to `action`.
    pub async fn view(
        self,
        state: &AppState,
        page: &PageContext,
        action: String,
        button: &'static str,
        max_units: i64,
    ) -> Result<SeatFormView, WebError> {
        let (units, address) = match &self.fields {
            Some(fields) => (fields.units.clone(), fields.address.to_form()),
            None => {
                let user = page.signed()?;
                let last = state.services.default_address(&user.actor).await?;
                ("1".to_owned(), last.unwrap_or_default())
            }
        };
        Ok(SeatFormView {
            action,
            button,
            units,
            max_units,
            address,
            provinces: province_options(page.t),
            idempotency_key: fresh_key(),
            errors: self.errors,
            problem: self.problem,
        })
    }
}
