//! A shop's orders in the producer console, and shipping a paid one.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::{OrderId, ShopId};
use farmgate_domain::order::OrderStatus;
use farmgate_services::ServiceError;
use farmgate_store::Page;
use serde::Deserialize;

use super::parcel_path::{order_path, shipment_text, PathView};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "shop_orders.html")]
struct ShopOrdersPage {
    page: PageContext,
    shop_id: String,
    orders: Vec<Row>,
    errors: FieldErrors,
    /// The producer's phone for the village point, filled in for the sending-up forms.
    contact_phone: String,
    /// `(id, name)` of the carriers a parcel sent up may ask for.
    carriers: Vec<(String, String)>,
}

struct Row {
    id: String,
    status: &'static str,
    can_ship: bool,
    /// Paid or shipped: its lines can be tied to batches.
    can_pack: bool,
    total: String,
    created: String,
    recipient: String,
    address: String,
    lines: Vec<String>,
    shipment: String,
    path: Option<PathView>,
}

pub async fn orders(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    render_orders(&state, page, &shop, FieldErrors::default()).await
}

pub(super) async fn render_orders(
    state: &AppState,
    page: PageContext,
    shop: &ShopId,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let orders = state
        .services
        .shop_orders(&user.actor, shop, Page::first(200))
        .await?;
    let mut rows = Vec::with_capacity(orders.len());
    for detail in &orders {
        let o = &detail.order;
        let a = &o.address;
        let path = order_path(state, &user.actor, page.t, o).await?;
        rows.push(Row {
            id: o.id.to_string(),
            status: page.t.order_status(o.status),
            can_ship: o.status == OrderStatus::Paid,
            can_pack: matches!(o.status, OrderStatus::Paid | OrderStatus::Shipped),
            total: o.total.to_string(),
            created: state.site.local_time(o.created_at),
            recipient: format!("{} {}", a.recipient, a.phone),
            address: format!("{} {} {} {}", a.province, a.city, a.county, a.detail),
            lines: detail
                .lines
                .iter()
                .map(|l| format!("{} · {} × {}", l.title, l.sku_name, l.quantity))
                .collect(),
            shipment: o
                .shipment
                .as_ref()
                .map(|s| shipment_text(page.t, s))
                .unwrap_or_default(),
            path,
        });
    }
    let contact_phone = state.services.producer_phone(&user.actor).await?;
    let carriers = state.services.carriers_to_ask_for().await?;
    render(&ShopOrdersPage {
        page,
        shop_id: shop.to_string(),
        orders: rows,
        errors,
        contact_phone,
        carriers: carriers
            .into_iter()
            .map(|c| (c.id.to_string(), c.name))
            .collect(),
    })
}

#[derive(Deserialize)]
pub struct ShipForm {
    #[serde(default)]
    carrier: String,
    #[serde(default)]
    tracking: String,
}

pub async fn ship(
    State(state): State<AppState>,
    page: PageContext,
    Path(order): Path<String>,
    PageForm(form): PageForm<ShipForm>,
) -> Result<Response, WebError> {
    let order = OrderId::parse(&order).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    match state
        .services
        .ship_order(&user.actor, &order, &form.carrier, &form.tracking)
        .await
    {
        Ok(detail) => Ok(
            Redirect::to(&format!("/console/shops/{}/orders", detail.order.shop_id))
                .into_response(),
        ),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let detail = state.services.order_shop(&user.actor, &order).await?;
            let body = render_orders(&state, page, &detail, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
