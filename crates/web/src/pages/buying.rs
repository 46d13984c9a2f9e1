//! Buying: adding to the cart, checkout (address, then the provider's cashier), and the
//! buyer's orders. The cart page itself is `cart.rs`.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::{CampaignClaimId, CheckoutId, ProductId, ShortVideoId, SkuId};
use farmgate_domain::validation::Problem;
use farmgate_services::checkout::{NOT_ENOUGH_STOCK, OUT_OF_SEASON};
use farmgate_services::ServiceError;
use farmgate_store::Page;
use serde::Deserialize;

use super::after_sales::{case_view, CaseView};
use super::cart::render_cart;
use super::cart_coupons;
use super::parcel_path::{order_path, shipment_text, PathView};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{AddressFields, FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct AddForm {
    product: String,
    sku: String,
    #[serde(default)]
    quantity: String,
    /// The short video the buyer came from, when they did.
    #[serde(default)]
    video: String,
}

pub async fn add(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(form): PageForm<AddForm>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let product = ProductId::parse(&form.product).ok_or(WebError::NotFound)?;
    let sku = SkuId::parse(&form.sku).ok_or(WebError::NotFound)?;
    let quantity = form.quantity.trim().parse().unwrap_or(0);
    let video = ShortVideoId::parse(&form.video);
    state
        .services
        .add_to_cart(&user.actor, &product, &sku, quantity, video.as_ref())
        .await?;
    Ok(Redirect::to("/cart").into_response())
}

#[derive(Deserialize)]
pub struct QuantityForm {
    #[serde(default)]
    quantity: String,
}

pub async fn set_quantity(
    State(state): State<AppState>,
    page: PageContext,
    Path(sku): Path<String>,
    PageForm(form): PageForm<QuantityForm>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let sku = SkuId::parse(&sku).ok_or(WebError::NotFound)?;
    let quantity = form.quantity.trim().parse().unwrap_or(-1);
    state
        .services
        .set_cart_quantity(&user.actor, &sku, quantity)
        .await?;
    Ok(Redirect::to("/cart").into_response())
}

#[derive(Deserialize)]
pub struct CheckoutForm {
    /// First of the flattened parts, so the coupons below see only what is left.
    #[serde(flatten)]
    address: AddressFields,
    #[serde(default)]
    idempotency_key: String,
    /// The campaign coupon claim chosen, empty for none.
    #[serde(default)]
    campaign_coupon: String,
    /// `coupon-<shop>`: the claim chosen for that shop's order, empty for none.
    #[serde(flatten)]
    coupons: HashMap<String, String>,
}

pub async fn checkout(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(form): PageForm<CheckoutForm>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let coupons = cart_coupons::chosen(&form.coupons)?;
    let campaign_coupon = match form.campaign_coupon.as_str() {
        "" => None,
        id => Some(
            CampaignClaimId::parse(id)
                .ok_or(WebError::field("campaign_coupon", Problem::Invalid))?,
        ),
    };
    let address = form.address.to_form();
    match state
        .services
        .checkout_cart(
            &user.actor,
            address.clone(),
            form.idempotency_key,
            coupons,
            campaign_coupon,
        )
        .await
    {
        Ok(placed) => {
            let url = state
                .services
                .pay_checkout(&user.actor, &placed.checkout)
                .await?;
            Ok(Redirect::to(&url).into_response())
        }
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_cart(&state, page, address, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(ServiceError::Conflict(why)) => {
            let t = page.t;
            let message = match why {
                NOT_ENOUGH_STOCK => t.not_enough_stock,
                OUT_OF_SEASON => t.cart_out_of_season,
                other => t
                    .coupon
                    .conflict(other)
                    .or_else(|| t.campaign.conflict(other))
                    .unwrap_or(t.error_conflict),
            };
            let body =
                render_cart(&state, page, address, FieldErrors::default(), Some(message)).await?;
            Ok((StatusCode::CONFLICT, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "orders.html")]
struct OrdersPage {
    page: PageContext,
    orders: Vec<OrderRow>,
    errors: FieldErrors,
}

struct OrderRow {
    id: String,
    checkout_id: String,
    shop: String,
    status: &'static str,
    status_class: &'static str,
    awaiting_payment: bool,
    can_confirm: bool,
    /// The goods' value before the coupon, and what it took off (empty without one).
    goods: String,
    discount: String,
    shipping: String,
    total: String,
    created: String,
    lines: Vec<String>,
    shipment: String,
    /// The path of the parcel it went up in, when it went through the county network.
    path: Option<PathView>,
    /// The latest after-sales request, and whether a new one may be opened.
    case: Option<CaseView>,
    can_request: bool,
}

pub async fn orders(
    State(state): State<AppState>,
    page: PageContext,
) -> Result<Response, WebError> {
    render_orders(&state, page, FieldErrors::default()).await
}

/// The buyer's orders, each with its latest after-sales request; `errors` from a form on it.
pub async fn render_orders(
    state: &AppState,
    page: PageContext,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let orders = state
        .services
        .my_orders(&user.actor, Page::first(100))
        .await?;
    let cases = state.services.my_after_sales(&user.actor).await?;
    let mut rows = Vec::with_capacity(orders.len());
    for detail in &orders {
        let o = &detail.order;
        let shop = state
            .services
            .shop(&o.shop_id)
            .await
            .map(|s| s.name)
            .unwrap_or_default();
        use farmgate_domain::order::OrderStatus as S;
        // Newest first, so the first one found is the latest.
        let case = cases.iter().find(|c| c.order_id == o.id);
        let path = order_path(state, &user.actor, page.t, o).await?;
        rows.push(OrderRow {
            id: o.id.to_string(),
            checkout_id: o.checkout_id.to_string(),
            shop,
            status: page.t.order_status(o.status),
            status_class: match o.status {
                S::PendingPayment => "pending",
                S::Cancelled | S::Expired | S::Refunded => "rejected",
                _ => "approved",
            },
            awaiting_payment: o.status == S::PendingPayment,
            can_confirm: o.status == S::Shipped,
            goods: o
                .goods
                .checked_add(o.discount)
                .unwrap_or(o.goods)
                .to_string(),
            discount: if o.discount.minor() > 0 {
                format!("-{}", o.discount)
            } else {
                String::new()
            },
            shipping: o.shipping.to_string(),
            total: o.total.to_string(),
            created: state.site.local_time(o.created_at),
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
            case: case.map(|c| case_view(c, page.t, state)),
            can_request: matches!(o.status, S::Paid | S::Shipped | S::Delivered)
                && !case.is_some_and(|c| c.status.is_open()),
        });
    }
    render(&OrdersPage {
        page,
        orders: rows,
        errors,
    })
}

pub async fn pay(
    State(state): State<AppState>,
    page: PageContext,
    Path(checkout): Path<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let checkout = CheckoutId::parse(&checkout).ok_or(WebError::NotFound)?;
    let url = state.services.pay_checkout(&user.actor, &checkout).await?;
    Ok(Redirect::to(&url).into_response())
}

pub async fn confirm(
    State(state): State<AppState>,
    page: PageContext,
    Path(order): Path<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let order = farmgate_domain::id::OrderId::parse(&order).ok_or(WebError::NotFound)?;
    state.services.confirm_receipt(&user.actor, &order).await?;
    Ok(Redirect::to("/orders").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checkout_form_keeps_the_address_apart_from_the_coupons() {
        let body = "recipient=%E7%8E%8B%E8%8A%B3&city=X&idempotency_key=k1&coupon-s1=c1&csrf=t";
        let form: CheckoutForm = serde_urlencoded::from_str(body).unwrap();
        let address = form.address.to_form();
        assert_eq!(
            (address.recipient.as_str(), address.city.as_str()),
            ("王芳", "X")
        );
        assert_eq!(form.idempotency_key, "k1");
        assert_eq!(
            form.coupons.get("coupon-s1").map(String::as_str),
            Some("c1")
        );
        assert!(!form.coupons.contains_key("recipient"));
    }
}
