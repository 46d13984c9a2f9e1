//! Live coupons: the host drops one into a live session's room, buyers claim it there, and
//! list what they hold to use at checkout (`coupons` in `POST /api/v1/checkouts`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use farmgate_domain::id::{CouponId, LiveSessionId};
use farmgate_domain::money::Money;
use farmgate_services::coupons::{ClaimState, CouponForm};
use farmgate_store::{ClaimRecord, CouponRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::RequireUser;
use crate::error::WebError;
use crate::forms::ApiJson;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CouponBody {
    /// Taken off the goods, in fen: 1–100,000.
    amount_off_fen: i64,
    /// The order's goods (before shipping) must come to at least this, in fen; above the
    /// amount off.
    minimum_spend_fen: i64,
    /// How many may be claimed in all: 1–100,000.
    quantity: i64,
    /// How many one buyer may claim: 1–5.
    per_buyer_limit: i64,
    /// Days a claimed coupon stays usable: 1–30 (default 7).
    valid_days: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct CouponView {
    pub id: String,
    pub shop_id: String,
    pub session_id: String,
    pub amount_off_fen: i64,
    pub minimum_spend_fen: i64,
    pub quantity: i64,
    pub remaining: i64,
    pub per_buyer_limit: i64,
    /// Claims are usable before this (milliseconds since the epoch).
    pub valid_until: i64,
    pub withdrawn: bool,
}

impl From<&CouponRecord> for CouponView {
    fn from(c: &CouponRecord) -> Self {
        Self {
            id: c.id.to_string(),
            shop_id: c.shop_id.to_string(),
            session_id: c.session_id.to_string(),
            amount_off_fen: c.amount_off.minor(),
            minimum_spend_fen: c.minimum_spend.minor(),
            quantity: c.quantity,
            remaining: c.remaining(),
            per_buyer_limit: c.per_buyer_limit,
            valid_until: c.valid_until.millis(),
            withdrawn: c.withdrawn_at.is_some(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ClaimView {
    /// What checkout takes in `coupons`.
    pub id: String,
    /// unused, used or expired.
    pub state: String,
    /// Milliseconds since the epoch.
    pub claimed_at: i64,
    /// The order it paid for, once used.
    pub order_id: Option<String>,
    pub coupon: CouponView,
}

impl ClaimView {
    fn new(claim: &ClaimRecord, state: ClaimState) -> Self {
        Self {
            id: claim.id.to_string(),
            state: match state {
                ClaimState::Unused => "unused",
                ClaimState::Used => "used",
                ClaimState::Expired => "expired",
            }
            .to_owned(),
            claimed_at: claim.claimed_at.millis(),
            order_id: claim.used_order_id.as_ref().map(ToString::to_string),
            coupon: CouponView::from(&claim.coupon),
        }
    }
}

/// Drops a coupon of the session's shop into its room, where viewers claim it; only while the
/// session is live. The shop's members, the hub or the county's live hosts.
#[utoipa::path(post, path = "/api/v1/live/{session}/coupons", tag = "live",
    params(("session" = String, Path, description = "The live session")),
    request_body = CouponBody,
    responses((status = 201, body = CouponView), (status = 403, description = "Not this shop's"),
        (status = 404, description = "No such session"), (status = 409, description = "The session is not live"),
        (status = 422, description = "Invalid terms")))]
pub async fn drop_coupon(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(session): Path<String>,
    ApiJson(body): ApiJson<CouponBody>,
) -> Result<(StatusCode, Json<CouponView>), WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let form = CouponForm {
        amount_off: Money::fen(body.amount_off_fen).to_string(),
        minimum_spend: Money::fen(body.minimum_spend_fen).to_string(),
        quantity: body.quantity.to_string(),
        per_buyer_limit: body.per_buyer_limit.to_string(),
        valid_days: body
            .valid_days
            .unwrap_or(farmgate_domain::coupon::DEFAULT_VALID_DAYS)
            .to_string(),
    };
    let coupon = state
        .services
        .drop_coupon(&user.actor, &session, &form)
        .await?;
    Ok((StatusCode::CREATED, Json(CouponView::from(&coupon))))
}

/// The coupons a live session's room offers now (not withdrawn, not expired), newest first.
#[utoipa::path(get, path = "/api/v1/live/{session}/coupons", tag = "live", security(()),
    params(("session" = String, Path, description = "The live session")),
    responses((status = 200, body = Vec<CouponView>)))]
pub async fn list(
    State(state): State<AppState>,
    Path(session): Path<String>,
) -> Result<Json<Vec<CouponView>>, WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let coupons = state.services.room_coupons(&session).await?;
    Ok(Json(coupons.iter().map(CouponView::from).collect()))
}

/// Claims one of a coupon for the signed-in buyer. 409 when all are claimed, the buyer has
/// reached the limit, or it expired, was withdrawn or its session is not live.
#[utoipa::path(post, path = "/api/v1/coupons/{coupon}/claims", tag = "live",
    params(("coupon" = String, Path, description = "The coupon")),
    responses((status = 201, body = ClaimView), (status = 401, description = "Not signed in"),
        (status = 404, description = "No such coupon"),
        (status = 409, description = "All claimed, limit reached, expired, withdrawn or not live")))]
pub async fn claim(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(coupon): Path<String>,
) -> Result<(StatusCode, Json<ClaimView>), WebError> {
    let coupon = CouponId::parse(&coupon).ok_or(WebError::NotFound)?;
    let claim = state.services.claim_coupon(&user.actor, &coupon).await?;
    Ok((
        StatusCode::CREATED,
        Json(ClaimView::new(&claim, ClaimState::Unused)),
    ))
}

/// The signed-in buyer's coupons, newest first: unused, used and expired.
#[utoipa::path(get, path = "/api/v1/me/coupons", tag = "accounts",
    responses((status = 200, body = Vec<ClaimView>), (status = 401, description = "Not signed in")))]
pub async fn mine(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
) -> Result<Json<Vec<ClaimView>>, WebError> {
    let claims = state.services.my_coupons(&user.actor).await?;
    let now = state.services.clock.now();
    Ok(Json(
        claims
            .iter()
            .map(|c| ClaimView::new(c, ClaimState::of(c, now)))
            .collect(),
    ))
}
