//! The buyer's side of after-sales: asking for a refund or a return with photos, then sending
//! the goods back, escalating a rejection to the hub or withdrawing. Also how a request looks on
//! every page that shows one.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::after_sales::{AfterSaleKind, AfterSaleReason, AfterSaleStatus, MAX_PHOTOS};
use farmgate_domain::id::{AfterSaleId, OrderId};
use farmgate_services::after_sales::AfterSaleForm;
use farmgate_services::ServiceError;
use farmgate_store::AfterSaleRecord;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;
use crate::texts::Texts;

/// One request as the buyer, the shop and the hub see it, with the steps open to each.
pub struct CaseView {
    pub id: String,
    pub order_id: String,
    pub kind: &'static str,
    pub is_return: bool,
    pub reason: &'static str,
    pub description: String,
    pub amount: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub photos: Vec<String>,
    pub created: String,
    pub answer_by: String,
    pub reject_reason: String,
    pub return_address: String,
    pub return_shipment: String,
    pub ruling_note: String,
    pub can_answer: bool,
    pub can_receive: bool,
    pub can_ship_return: bool,
    pub can_escalate: bool,
    pub can_withdraw: bool,
}

pub fn case_view(case: &AfterSaleRecord, t: &Texts, state: &AppState) -> CaseView {
    use AfterSaleStatus as S;
    let texts = t.after_sales;
    CaseView {
        id: case.id.to_string(),
        order_id: case.order_id.to_string(),
        kind: texts.kind(case.kind),
        is_return: case.kind == AfterSaleKind::ReturnAndRefund,
        reason: texts.reason(case.reason),
        description: case.description.clone(),
        amount: case.amount.to_string(),
        status: texts.status(case.status),
        status_code: case.status.as_str(),
        photos: case.photos.clone(),
        created: state.site.local_time(case.created_at),
        answer_by: match (case.status, case.answer_by) {
            (S::Requested, Some(at)) => state.site.local_time(at),
            _ => String::new(),
        },
        reject_reason: case.reject_reason.clone().unwrap_or_default(),
        return_address: case.return_address.clone().unwrap_or_default(),
        return_shipment: case
            .return_shipment
            .as_ref()
            .map(|s| format!("{} {}", s.carrier, s.tracking_no))
            .unwrap_or_default(),
        ruling_note: case.ruling_note.clone().unwrap_or_default(),
        can_answer: case.status == S::Requested,
        can_receive: case.status == S::ReturnShipped,
        can_ship_return: case.status == S::AwaitingReturn,
        can_escalate: matches!(case.status, S::Rejected | S::ReturnShipped),
        can_withdraw: matches!(
            case.status,
            S::Requested | S::AwaitingReturn | S::Rejected | S::Disputed
        ),
    }
}

#[derive(Template)]
#[template(path = "after_sale_new.html")]
struct RequestPage {
    page: PageContext,
    order_id: String,
    lines: Vec<String>,
    refundable_hint: String,
    kinds: Vec<(&'static str, &'static str)>,
    reasons: Vec<(&'static str, &'static str)>,
    form: AfterSaleForm,
    max_photos: usize,
    errors: FieldErrors,
}

/// `GET /orders/{order}/after-sales/new`
pub async fn new_request(
    State(state): State<AppState>,
    page: PageContext,
    Path(order): Path<String>,
) -> Result<Response, WebError> {
    let order = OrderId::parse(&order).ok_or(WebError::NotFound)?;
    render_request(
        &state,
        page,
        &order,
        AfterSaleForm::default(),
        FieldErrors::default(),
    )
    .await
}

async fn render_request(
    state: &AppState,
    page: PageContext,
    order: &OrderId,
    form: AfterSaleForm,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let found = state.services.refundable_order(&user.actor, order).await?;
    let texts = page.t.after_sales;
    render(&RequestPage {
        order_id: order.to_string(),
        lines: found
            .detail
            .lines
            .iter()
            .map(|l| format!("{} · {} × {}", l.title, l.sku_name, l.quantity))
            .collect(),
        refundable_hint: texts
            .refundable
            .replace("{amount}", &found.refundable.to_string()),
        kinds: AfterSaleKind::ALL
            .iter()
            .map(|k| (k.as_str(), texts.kind(*k)))
            .collect(),
        reasons: AfterSaleReason::ALL
            .iter()
            .filter(|r| !r.is_platforms())
            .map(|r| (r.as_str(), texts.reason(*r)))
            .collect(),
        form,
        max_photos: MAX_PHOTOS,
        errors,
        page,
    })
}

/// `POST /orders/{order}/after-sales` (multipart: kind, reason, amount, description, photos).
pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    Path(order): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let order = OrderId::parse(&order).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    // Someone else's order is not found, whatever the body holds.
    state.services.refundable_order(&user.actor, &order).await?;
    let (form, photos) = read_request(multipart).await?;
    match state
        .services
        .open_after_sale(&user.actor, &order, &form, photos)
        .await
    {
        Ok(_) => Ok(Redirect::to("/orders").into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_request(&state, page, &order, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// The form's fields and its photos; file inputs left empty are skipped.
async fn read_request(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(AfterSaleForm, Vec<Vec<u8>>), WebError> {
    let bad = |e: axum::extract::multipart::MultipartError| WebError::BadRequest(e.body_text());
    let mut multipart = multipart.map_err(|e| WebError::BadRequest(e.body_text()))?;
    let mut form = AfterSaleForm::default();
    let mut photos = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "photos" {
            let bytes = field.bytes().await.map_err(bad)?;
            if !bytes.is_empty() {
                photos.push(bytes.to_vec());
            }
            continue;
        }
        let text = field.text().await.map_err(bad)?;
        match name.as_str() {
            "kind" => form.kind = text,
            "reason" => form.reason = text,
            "amount" => form.amount = text,
            "description" => form.description = text,
            _ => {}
        }
    }
    Ok((form, photos))
}

#[derive(Deserialize)]
pub struct ReturnForm {
    #[serde(default)]
    carrier: String,
    #[serde(default)]
    tracking: String,
}

/// `POST /after-sales/{id}/return`: the buyer sent the goods back.
pub async fn ship_return(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(form): PageForm<ReturnForm>,
) -> Result<Response, WebError> {
    let id = AfterSaleId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    match state
        .services
        .ship_return(&user.actor, &id, &form.carrier, &form.tracking)
        .await
    {
        Ok(_) => Ok(Redirect::to("/orders").into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = super::buying::render_orders(&state, page, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /after-sales/{id}/escalate`
pub async fn escalate(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = AfterSaleId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    state.services.escalate_after_sale(&user.actor, &id).await?;
    Ok(Redirect::to("/orders").into_response())
}

/// `POST /after-sales/{id}/withdraw`
pub async fn withdraw(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = AfterSaleId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    state.services.withdraw_after_sale(&user.actor, &id).await?;
    Ok(Redirect::to("/orders").into_response())
}
