//! Request bodies: extractors whose rejections become `WebError`, and the per-field messages a
//! re-rendered form shows next to each input.

use axum::extract::FromRequest;
use farmgate_domain::validation::ValidationErrors;
use farmgate_services::checkout::AddressForm;
use serde::Deserialize;

use crate::error::WebError;
use crate::texts::Texts;

/// A JSON body; malformed, oversized or mistyped bodies become clear 4xx errors.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(WebError))]
pub struct ApiJson<T>(pub T);

/// A URL-encoded form body.
#[derive(FromRequest)]
#[from_request(via(axum::Form), rejection(WebError))]
pub struct PageForm<T>(pub T);

/// Messages for a form's fields, in the reader's language.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn new(errors: &ValidationErrors, t: &Texts) -> Self {
        Self(
            errors
                .0
                .iter()
                .map(|e| (e.field, t.problem(e.field, &e.problem)))
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a String> + 'a {
        self.0
            .iter()
            .filter(move |(name, _)| *name == field)
            .map(|(_, message)| message)
    }
}

/// Where an order goes, as a page's form posts it (`address_fields.html`); flattened into the
/// forms that place orders.
#[derive(Deserialize, Default)]
pub struct AddressFields {
    #[serde(default)]
    recipient: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    province: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    county: String,
    #[serde(default)]
    detail: String,
}

impl AddressFields {
    pub fn to_form(&self) -> AddressForm {
        AddressForm {
            recipient: self.recipient.clone(),
            phone: self.phone.clone(),
            province: self.province.clone(),
            city: self.city.clone(),
            county: self.county.clone(),
            detail: self.detail.clone(),
        }
    }
}
