//! Flash sales: the host starts one in a live session, anyone reads its state, buyers buy.
//! A purchase is answered only once it is written, so a 201 is an order that exists.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use farmgate_domain::id::{FlashSaleId, LiveSessionId};
use farmgate_domain::money::Money;
use farmgate_services::flash_sale::{FlashPurchaseRequest, FlashSaleForm, FlashSaleState};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::checkouts::{idempotency_key, AddressBody};
use crate::auth::RequireUser;
use crate::error::WebError;
use crate::forms::ApiJson;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FlashSaleBody {
    /// A variant of a product in the session's bag.
    sku: String,
    /// The special price in fen: above zero and below the variant's price.
    price_fen: i64,
    /// Units taken from the variant's stock for the sale: 1–100,000.
    stock_limit: i64,
    /// Units one buyer may take: 1–99, at most the stock limit.
    per_buyer_limit: i64,
    /// 10–300 seconds before the sale opens.
    countdown_seconds: i64,
    /// 1–120 minutes open.
    duration_minutes: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PurchaseBody {
    /// Units to buy: 1–99, within the sale's limit per buyer.
    quantity: i64,
    address: AddressBody,
}

#[derive(Serialize, ToSchema)]
pub struct FlashSaleView {
    pub id: String,
    pub session_id: String,
    pub product_id: String,
    pub sku_id: String,
    pub title: String,
    pub sku_name: String,
    pub price_fen: i64,
    pub regular_price_fen: i64,
    pub stock_limit: i64,
    pub remaining: i64,
    pub per_buyer_limit: i64,
    /// Milliseconds since the epoch.
    pub opens_at: i64,
    /// Milliseconds since the epoch; the sale is over from this instant.
    pub closes_at: i64,
    /// upcoming, open, sold_out or closed.
    pub phase: String,
}

impl From<FlashSaleState> for FlashSaleView {
    fn from(s: FlashSaleState) -> Self {
        Self {
            id: s.id.to_string(),
            session_id: s.session_id.to_string(),
            product_id: s.product_id.to_string(),
            sku_id: s.sku_id.to_string(),
            title: s.title,
            sku_name: s.sku_name,
            price_fen: s.price.minor(),
            regular_price_fen: s.regular_price.minor(),
            stock_limit: s.stock_limit,
            remaining: s.remaining,
            per_buyer_limit: s.per_buyer_limit,
            opens_at: s.opens_at.millis(),
            closes_at: s.closes_at.millis(),
            phase: s.phase.as_str().to_owned(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PurchaseView {
    pub order_id: String,
    pub checkout_id: String,
    pub quantity: i64,
    pub total_fen: i64,
    /// Pay before this (milliseconds since the epoch) or the units go back to the sale.
    pub pay_by: i64,
    /// Where to `POST` for the cashier.
    pub payment: String,
}

/// Starts a flash sale on a variant of the live session's bag: its units leave the variant's
/// stock now, and what is unsold returns when it closes. The shop's members or the hub.
#[utoipa::path(post, path = "/api/v1/live/{session}/flash-sales", tag = "live",
    params(("session" = String, Path, description = "The live session")),
    request_body = FlashSaleBody,
    responses((status = 201, body = FlashSaleView), (status = 403, description = "Not this shop's"),
        (status = 404, description = "No such session"), (status = 409, description = "The session is not live"),
        (status = 422, description = "Invalid terms")))]
pub async fn start(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(session): Path<String>,
    ApiJson(body): ApiJson<FlashSaleBody>,
) -> Result<(StatusCode, Json<FlashSaleView>), WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let form = FlashSaleForm {
        sku: body.sku,
        price: Money::fen(body.price_fen).to_string(),
        stock_limit: body.stock_limit.to_string(),
        per_buyer_limit: body.per_buyer_limit.to_string(),
        countdown_seconds: body.countdown_seconds.to_string(),
        duration_minutes: body.duration_minutes.to_string(),
    };
    let sale = state
        .services
        .start_flash_sale(&user.actor, &session, &form)
        .await?;
    let view = state.services.flash_sale_state(&sale.id).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

/// A flash sale as anyone sees it: price, units left, when it opens and closes.
#[utoipa::path(get, path = "/api/v1/flash-sales/{sale}", tag = "live", security(()),
    params(("sale" = String, Path, description = "The flash sale")),
    responses((status = 200, body = FlashSaleView), (status = 404, description = "No such sale")))]
pub async fn show(
    State(state): State<AppState>,
    Path(sale): Path<String>,
) -> Result<Json<FlashSaleView>, WebError> {
    let sale = FlashSaleId::parse(&sale).ok_or(WebError::NotFound)?;
    Ok(Json(state.services.flash_sale_state(&sale).await?.into()))
}

/// Buys from a flash sale. Answered at once when it is sold out, over your limit, not open yet
/// or over (409); otherwise once the order is written (201). Send an `Idempotency-Key` header:
/// the same key again returns the same order.
#[utoipa::path(post, path = "/api/v1/flash-sales/{sale}/purchases", tag = "live",
    params(("sale" = String, Path, description = "The flash sale"),
        ("Idempotency-Key" = String, Header, description = "8–100 characters, unique per purchase")),
    request_body = PurchaseBody,
    responses((status = 201, body = PurchaseView),
        (status = 404, description = "No such sale"),
        (status = 409, description = "Sold out, over your limit, not open yet, or over"),
        (status = 422, description = "Invalid quantity, address or key")))]
pub async fn buy(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(sale): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PurchaseBody>,
) -> Result<(StatusCode, Json<PurchaseView>), WebError> {
    let sale = FlashSaleId::parse(&sale).ok_or(WebError::NotFound)?;
    let request = FlashPurchaseRequest {
        quantity: body.quantity,
        address: body.address.into(),
        idempotency_key: idempotency_key(&headers)?,
    };
    let bought = state
        .services
        .buy_flash_sale(&user.actor, &sale, &request)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(PurchaseView {
            order_id: bought.order.to_string(),
            checkout_id: bought.checkout.to_string(),
            quantity: bought.quantity,
            total_fen: bought.total.minor(),
            pay_by: bought.pay_by.millis(),
            payment: format!("/api/v1/checkouts/{}/payment", bought.checkout),
        }),
    ))
}
