//! Sending produce up from the producer console: a paid order, or other produce for someone
//! named, declared at the village point serving the shop's village.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::{OrderId, ShopId};
use farmgate_domain::parcel_up::ProduceForm;
use farmgate_services::up_parcels::DeclareOrder;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::fulfilment::render_orders;
use super::PageContext;
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct SendOrderForm {
    #[serde(default)]
    weight: String,
    #[serde(default)]
    contact_phone: String,
    #[serde(default)]
    carrier: String,
}

/// `POST /console/orders/{order}/send-up`: back to the shop's orders, where the order now
/// shows its parcel; the same order twice finds the same parcel.
pub async fn send_order(
    State(state): State<AppState>,
    page: PageContext,
    Path(order): Path<String>,
    PageForm(form): PageForm<SendOrderForm>,
) -> Result<Response, WebError> {
    let order = OrderId::parse(&order).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let declare = DeclareOrder {
        weight_kg: form.weight,
        contact_phone: form.contact_phone,
        carrier_wanted: form.carrier,
    };
    match state
        .services
        .declare_order(&user.actor, &order, &declare)
        .await
    {
        Ok(_) => {
            let shop = state.services.order_shop(&user.actor, &order).await?;
            Ok(
                Redirect::to(&format!("/console/shops/{shop}/orders#order-{order}"))
                    .into_response(),
            )
        }
        Err(ServiceError::Validation(errors)) => {
            let shop = state.services.order_shop(&user.actor, &order).await?;
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_orders(&state, page, &shop, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub struct SendProduceForm {
    #[serde(default)]
    recipient: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    destination: String,
    #[serde(default)]
    weight: String,
    #[serde(default)]
    contact_phone: String,
    #[serde(default)]
    carrier: String,
}

/// `POST /console/shops/{shop}/produce`: on to the parcel's tracking page, whose code goes on
/// the package.
pub async fn send_produce(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
    PageForm(form): PageForm<SendProduceForm>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let produce = ProduceForm {
        recipient: form.recipient,
        phone: form.phone,
        destination: form.destination,
        weight_kg: form.weight,
        carrier_wanted: form.carrier,
    };
    match state
        .services
        .declare_produce(&user.actor, &shop, &produce, &form.contact_phone)
        .await
    {
        Ok(parcel) => Ok(Redirect::to(&format!("/track/{}", parcel.code.as_str())).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_orders(&state, page, &shop, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
