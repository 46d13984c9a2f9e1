//! `POST /api/v1/checkouts`: buy from one or several shops in one request, for apps and scripts.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use farmgate_domain::id::{ProductId, SkuId};
use farmgate_domain::validation::Problem;
use farmgate_services::checkout::{AddressForm, CartItem, CheckoutRequest};
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

#[derive(Serialize, ToSchema)]
pub struct CheckoutView {
    pub checkout_id: String,
    pub orders: Vec<OrderSummary>,
    /// Where the buyer pays for all the orders at once.
    pub cashier_url: String,
}

#[derive(Serialize, ToSchema)]
pub struct OrderSummary {
    pub id: String,
    pub shop_id: String,
    pub status: String,
    pub goods_fen: i64,
    pub shipping_fen: i64,
    pub total_fen: i64,
}

/// Places one order per shop, taking the stock at once; pay at `cashier_url`. Send an
/// `Idempotency-Key` header: the same key again returns the same checkout, never a second one.
#[utoipa::path(post, path = "/api/v1/checkouts", tag = "orders",
    params(("Idempotency-Key" = String, Header, description = "8–100 characters, unique per purchase")),
    request_body = CheckoutBody,
    responses((status = 201, body = CheckoutView), (status = 409, description = "Not enough stock, or not delivered there"),
        (status = 422, description = "Invalid items or address")))]
pub async fn create(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    headers: HeaderMap,
    ApiJson(body): ApiJson<CheckoutBody>,
) -> Result<(StatusCode, Json<CheckoutView>), WebError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .ok_or(WebError::field("idempotency_key", Problem::Required))?
        .to_owned();
    let items = body
        .items
        .iter()
        .map(|item| {
            let product = ProductId::parse(&item.product)
                .ok_or(WebError::field("product", Problem::Invalid))?;
            let sku = SkuId::parse(&item.sku).ok_or(WebError::field("sku", Problem::Invalid))?;
            Ok(CartItem {
                product,
                sku,
                quantity: item.quantity,
            })
        })
        .collect::<Result<Vec<_>, WebError>>()?;
    let a = body.address;
    let request = CheckoutRequest {
        items,
        address: AddressForm {
            recipient: a.recipient,
            phone: a.phone,
            province: a.province,
            city: a.city,
            county: a.county,
            detail: a.detail,
        },
        idempotency_key: key,
    };
    let placed = state.services.checkout(&user.actor, &request).await?;
    Ok((
        StatusCode::CREATED,
        Json(CheckoutView {
            checkout_id: placed.checkout.to_string(),
            orders: placed
                .orders
                .iter()
                .map(|o| OrderSummary {
                    id: o.order.id.to_string(),
                    shop_id: o.order.shop_id.to_string(),
                    status: o.order.status.as_str().to_owned(),
                    goods_fen: o.order.goods.minor(),
                    shipping_fen: o.order.shipping.minor(),
                    total_fen: o.order.total.minor(),
                })
                .collect(),
            cashier_url: placed.cashier_url,
        }),
    ))
}
