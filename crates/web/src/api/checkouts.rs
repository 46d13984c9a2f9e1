//! `POST /api/v1/checkouts`: buy from one or several shops in one request, for apps and scripts.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use farmgate_domain::id::{
    CampaignClaimId, CheckoutId, CouponClaimId, LiveSessionId, ProductId, SkuId,
};
use farmgate_domain::validation::Problem;
use farmgate_services::checkout::{AddressForm, CartItem, CheckoutRequest};
use farmgate_store::OrderDetail;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::RequireUser;
use crate::error::WebError;
use crate::forms::ApiJson;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckoutBody {
    items: Vec<ItemBody>,
    address: AddressBody,
    /// The live session the buyer is watching: its orders count for the live channel and the
    /// session. Refused (409) unless the session is on air and sells every product.
    #[serde(default)]
    live_session: Option<String>,
    /// Coupon claims to use (ids from `GET /api/v1/me/coupons`), at most one for each shop's
    /// order; each must fit its shop's order (minimum spend, still valid, unused).
    #[serde(default)]
    coupons: Vec<String>,
    /// A campaign coupon claim to use, one per checkout: it comes off the checkout's goods in
    /// its campaign once they reach its minimum spend.
    #[serde(default)]
    campaign_coupon: Option<String>,
}

impl CheckoutBody {
    /// The use case's request; `key` is the `Idempotency-Key` (empty for a quote).
    fn into_request(self, idempotency_key: String) -> Result<CheckoutRequest, WebError> {
        let items = self
            .items
            .iter()
            .map(|item| {
                let product = ProductId::parse(&item.product)
                    .ok_or(WebError::field("product", Problem::Invalid))?;
                let sku =
                    SkuId::parse(&item.sku).ok_or(WebError::field("sku", Problem::Invalid))?;
                Ok(CartItem {
                    product,
                    sku,
                    quantity: item.quantity,
                    video: None,
                })
            })
            .collect::<Result<Vec<_>, WebError>>()?;
        let live_session = self
            .live_session
            .map(|id| {
                LiveSessionId::parse(&id).ok_or(WebError::field("live_session", Problem::Invalid))
            })
            .transpose()?;
        let coupons = self
            .coupons
            .iter()
            .map(|claim| {
                CouponClaimId::parse(claim).ok_or(WebError::field("coupons", Problem::Invalid))
            })
            .collect::<Result<Vec<_>, WebError>>()?;
        let campaign_coupon = self
            .campaign_coupon
            .map(|id| {
                CampaignClaimId::parse(&id)
                    .ok_or(WebError::field("campaign_coupon", Problem::Invalid))
            })
            .transpose()?;
        Ok(CheckoutRequest {
            items,
            address: self.address.into(),
            idempotency_key,
            live_session,
            coupons,
            campaign_coupon,
        })
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemBody {
    product: String,
    sku: String,
    quantity: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressBody {
    recipient: String,
    /// Mainland mobile number.
    phone: String,
    /// The province's 2-digit code or name, e.g. "31" or "上海".
    province: String,
    city: String,
    county: String,
    detail: String,
}

/// The `Idempotency-Key` header a purchase must carry.
pub(super) fn idempotency_key(headers: &HeaderMap) -> Result<String, WebError> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or(WebError::field("idempotency_key", Problem::Required))
}

impl From<AddressBody> for AddressForm {
    fn from(a: AddressBody) -> Self {
        AddressForm {
            recipient: a.recipient,
            phone: a.phone,
            province: a.province,
            city: a.city,
            county: a.county,
            detail: a.detail,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CheckoutView {
    pub checkout_id: String,
    pub orders: Vec<OrderSummary>,
    /// Pay before this (milliseconds since the epoch) or the orders expire and their stock
    /// goes back.
    pub pay_by: i64,
    /// Where to `POST` for the cashier that pays all the orders at once.
    pub payment: String,
}

#[derive(Serialize, ToSchema)]
pub struct PaymentView {
    /// The provider's cashier page: open it in a browser to pay.
    pub cashier_url: String,
}

#[derive(Serialize, ToSchema)]
pub struct OrderSummary {
    pub id: String,
    pub shop_id: String,
    pub status: String,
    /// The goods' value before any coupon.
    pub goods_fen: i64,
    /// Taken off the goods by the shop's coupon: total = goods − discount + shipping.
    pub discount_fen: i64,
    pub shipping_fen: i64,
    pub total_fen: i64,
    /// `shelf`, or `live` for an order bought in a live room.
    pub channel: String,
    /// The live session it was bought in.
    pub live_session_id: Option<String>,
}

/// Places one order per shop, taking the stock at once; then `POST` to `payment` for the
/// cashier. Send an
/// `Idempotency-Key` header: the same key again returns the same checkout, never a second one.
#[utoipa::path(post, path = "/api/v1/checkouts", tag = "orders",
    params(("Idempotency-Key" = String, Header, description = "8–100 characters, unique per purchase")),
    request_body = CheckoutBody,
    responses((status = 201, body = CheckoutView), (status = 409, description = "Not enough stock, not delivered there, or the live session is not on air or does not sell the product"),
        (status = 422, description = "Invalid items or address")))]
pub async fn create(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    headers: HeaderMap,
    ApiJson(body): ApiJson<CheckoutBody>,
) -> Result<(StatusCode, Json<CheckoutView>), WebError> {
    let request = body.into_request(idempotency_key(&headers)?)?;
    let placed = state.services.checkout(&user.actor, &request).await?;
    Ok((
        StatusCode::CREATED,
        Json(checkout_view(&placed.checkout, &placed.orders)),
    ))
}

fn checkout_view(checkout: &CheckoutId, orders: &[OrderDetail]) -> CheckoutView {
    CheckoutView {
        checkout_id: checkout.to_string(),
        orders: orders
            .iter()
            .map(|o| OrderSummary {
                id: o.order.id.to_string(),
                shop_id: o.order.shop_id.to_string(),
                status: o.order.status.as_str().to_owned(),
                goods_fen: o.order.goods.minor() + o.order.discount.minor(),
                discount_fen: o.order.discount.minor(),
                shipping_fen: o.order.shipping.minor(),
                total_fen: o.order.total.minor(),
                channel: o.order.channel.clone(),
                live_session_id: o.order.live_session_id.as_ref().map(ToString::to_string),
            })
            .collect(),
        pay_by: orders
            .iter()
            .map(|o| o.order.pay_by)
            .min()
            .map_or(0, |at| at.millis()),
        payment: format!("/api/v1/checkouts/{checkout}/payment"),
    }
}

/// The cashier for one of your unpaid checkouts: the pending payment's, or a new one. Safe to
/// call again.
#[utoipa::path(post, path = "/api/v1/checkouts/{id}/payment", tag = "orders",
    params(("id" = String, Path, description = "The checkout")),
    responses((status = 200, body = PaymentView), (status = 404, description = "No such checkout of yours"),
        (status = 409, description = "No longer awaiting payment")))]
pub async fn pay(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(id): Path<String>,
) -> Result<Json<PaymentView>, WebError> {
    let checkout = CheckoutId::parse(&id).ok_or(WebError::NotFound)?;
    let cashier_url = state.services.pay_checkout(&user.actor, &checkout).await?;
    Ok(Json(PaymentView { cashier_url }))
}

#[derive(Serialize, ToSchema)]
pub struct QuoteView {
    pub goods_fen: i64,
    pub shipping_fen: i64,
    pub total_fen: i64,
    /// The amounts as the buyer reads them, e.g. "¥80.00".
    pub goods: String,
    pub shipping: String,
    pub total: String,
}

/// What a checkout would cost (goods and shipping to the address), checked like the checkout
/// itself but not placed: the live room's buy sheet shows it before the buyer pays.
#[utoipa::path(post, path = "/api/v1/checkouts/quote", tag = "orders",
    request_body = CheckoutBody,
    responses((status = 200, body = QuoteView), (status = 409, description = "As for a checkout"),
        (status = 422, description = "Invalid items or address")))]
pub async fn quote(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ApiJson(body): ApiJson<CheckoutBody>,
) -> Result<Json<QuoteView>, WebError> {
    let request = body.into_request(String::new())?;
    let quote = state.services.quote_checkout(&user.actor, &request).await?;
    Ok(Json(QuoteView {
        goods_fen: quote.goods.minor(),
        shipping_fen: quote.shipping.minor(),
        total_fen: quote.total.minor(),
        goods: quote.goods.to_string(),
        shipping: quote.shipping.to_string(),
        total: quote.total.to_string(),
    }))
}

/// One of your checkouts as it stands: each order's status shows whether it is paid yet.
#[utoipa::path(get, path = "/api/v1/checkouts/{id}", tag = "orders",
    params(("id" = String, Path, description = "The checkout")),
    responses((status = 200, body = CheckoutView), (status = 404, description = "No such checkout of yours")))]
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(id): Path<String>,
) -> Result<Json<CheckoutView>, WebError> {
    let checkout = CheckoutId::parse(&id).ok_or(WebError::NotFound)?;
    let orders = state.services.my_checkout(&user.actor, &checkout).await?;
    Ok(Json(checkout_view(&checkout, &orders)))
}
