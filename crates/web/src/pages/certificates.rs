//! Recording certificates: quality officers for a shop or a product
//! (`/quality/certificates/new?shop=…` or `?product=…`), and a producer's own compliance
//! certificate for their product (`/console/products/{product}/compliance`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_domain::id::{ProductId, ShopId};
use farmgate_domain::trace::{CertificateForm, CertificateHolder, CertificateKind};
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "certificate_form.html")]
struct CertificatePage {
    page: PageContext,
    action: String,
    holder: String,
    /// Only the compliance certificate, for a producer.
    compliance_only: bool,
    kinds: Vec<(&'static str, &'static str)>,
    form: CertificateForm,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct HolderQuery {
    shop: Option<String>,
    product: Option<String>,
}

#[derive(Deserialize)]
pub struct CertificateInput {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    valid_to: String,
    #[serde(default)]
    promise: String,
    #[serde(default)]
    quantity: String,
}

impl CertificateInput {
    fn into_form(self) -> CertificateForm {
        CertificateForm {
            kind: self.kind,
            number: self.number,
            issuer: self.issuer,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            promise: self.promise,
            quantity: self.quantity,
        }
    }
}

/// `GET /quality/certificates/new?shop=…|product=…`
pub async fn officer_form(
    page: PageContext,
    Query(query): Query<HolderQuery>,
) -> Result<Response, WebError> {
    if !permits(&page.signed()?.actor, &Action::SuperviseQuality) {
        return Err(WebError::Forbidden);
    }
    let holder = holder(&query)?;
    let form = CertificateForm {
        kind: CertificateKind::GreenFood.as_str().to_owned(),
        ..CertificateForm::default()
    };
    let action = format!("/quality/certificates?{}", holder_query(&holder));
    certificate_page(page, holder, action, false, form, FieldErrors::default())
}

/// `POST /quality/certificates?shop=…|product=…`: to the console, or the form with each
/// field's problem (422).
pub async fn officer_record(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<HolderQuery>,
    PageForm(input): PageForm<CertificateInput>,
) -> Result<Response, WebError> {
    let holder = holder(&query)?;
    let action = format!("/quality/certificates?{}", holder_query(&holder));
    record(
        &state,
        page,
        holder,
        action,
        false,
        input.into_form(),
        "/quality",
    )
    .await
}

/// `GET /console/products/{product}/compliance`
pub async fn compliance_form(
    State(state): State<AppState>,
    page: PageContext,
    Path(product): Path<String>,
) -> Result<Response, WebError> {
    let product = ProductId::parse(&product).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let detail = state.services.product(Some(&user.actor), &product).await?;
    if !permits(&user.actor, &Action::ManageBatches(&detail.product.shop_id)) {
        return Err(WebError::Forbidden);
    }
    let today = state.services.today().to_string();
    let form = CertificateForm {
        kind: CertificateKind::Compliance.as_str().to_owned(),
        valid_from: today.clone(),
        valid_to: today,
        promise: page.t.quality.promise_default.to_owned(),
        ..CertificateForm::default()
    };
    let action = format!("/console/products/{product}/compliance");
    let holder = CertificateHolder::Product(product);
    certificate_page(page, holder, action, true, form, FieldErrors::default())
}

/// `POST /console/products/{product}/compliance`
pub async fn compliance_record(
    State(state): State<AppState>,
    page: PageContext,
    Path(product): Path<String>,
    PageForm(input): PageForm<CertificateInput>,
) -> Result<Response, WebError> {
    let product = ProductId::parse(&product).ok_or(WebError::NotFound)?;
    let action = format!("/console/products/{product}/compliance");
    let mut form = input.into_form();
    form.kind = CertificateKind::Compliance.as_str().to_owned();
    let back = format!("/products/{product}");
    let holder = CertificateHolder::Product(product);
    record(&state, page, holder, action, true, form, &back).await
}

async fn record(
    state: &AppState,
    page: PageContext,
    holder: CertificateHolder,
    action: String,
    compliance_only: bool,
    form: CertificateForm,
    back: &str,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    match state
        .services
        .record_certificate(&user.actor, &holder, &form)
        .await
    {
        Ok(_) => Ok(Redirect::to(back).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let mut response =
                certificate_page(page, holder, action, compliance_only, form, errors)?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

fn certificate_page(
    page: PageContext,
    holder: CertificateHolder,
    action: String,
    compliance_only: bool,
    form: CertificateForm,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    page.signed()?;
    let q = page.t.quality;
    let kinds = CertificateKind::ALL
        .iter()
        .filter(|kind| kind.self_issued() == compliance_only)
        .map(|kind| (kind.as_str(), q.certificate_kind(*kind)))
        .collect();
    render(&CertificatePage {
        action,
        holder: match holder {
            CertificateHolder::Shop(_) => q.holder_shop.to_owned(),
            CertificateHolder::Product(_) => q.holder_product.to_owned(),
        },
        compliance_only,
        kinds,
        form,
        errors,
        page,
    })
}

fn holder(query: &HolderQuery) -> Result<CertificateHolder, WebError> {
    match (&query.shop, &query.product) {
        (Some(shop), None) => ShopId::parse(shop)
            .map(CertificateHolder::Shop)
            .ok_or(WebError::NotFound),
        (None, Some(product)) => ProductId::parse(product)
            .map(CertificateHolder::Product)
            .ok_or(WebError::NotFound),
        _ => Err(WebError::BadRequest("name a shop or a product".into())),
    }
}

fn holder_query(holder: &CertificateHolder) -> String {
    match holder {
        CertificateHolder::Shop(shop) => format!("shop={shop}"),
        CertificateHolder::Product(product) => format!("product={product}"),
    }
}
