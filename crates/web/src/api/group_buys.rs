//! Group-buys: a shop's members or the hub offer one; anyone reads it and its teams; buyers open
//! a team or join one, and pay like any checkout. A seat is answered
//! only once it is written, so a 201 is an order that holds its place.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use farmgate_domain::group_buy::TeamOutcome;
use farmgate_domain::id::{GroupBuyId, ProductId, SkuId, TeamId};
use farmgate_domain::money::Money;
use farmgate_services::group_buys::TeamView;
use farmgate_services::group_buys::{GroupBuyForm, GroupBuyView, SeatBought, SeatRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::checkouts::{idempotency_key, AddressBody};
use crate::auth::RequireUser;
use crate::error::WebError;
use crate::forms::ApiJson;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TierBody {
    /// A team of at least this many pays `price_fen`.
    size: u32,
    price_fen: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupBuyBody {
    /// A variant of the product.
    sku: String,
    /// What each member pays per unit, in fen: above zero and below the variant's price.
    team_price_fen: i64,
    /// Paid members a team needs: 2–50.
    team_size: i64,
    /// Hours a team has to fill once opened: 1–72.
    time_limit_hours: i64,
    /// Units the group-buy may sell at most: 1–100,000, within the variant's stock.
    stock_limit: i64,
    /// Units one buyer may take: 1–99.
    per_buyer_limit: i64,
    /// Up to three lower prices for bigger teams, sizes rising and prices falling.
    #[serde(default)]
    tiers: Vec<TierBody>,
    /// Whether the platform completes a team one member short at its deadline.
    #[serde(default)]
    virtual_fill: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatBody {
    /// Units to buy: 1–99, within the group-buy's limit per buyer.
    units: i64,
    address: AddressBody,
}

#[derive(Serialize, ToSchema)]
pub struct TierJson {
    pub size: u32,
    pub price_fen: i64,
}

#[derive(Serialize, ToSchema)]
pub struct TeamJson {
    pub id: String,
    pub group_buy_id: String,
    /// Milliseconds since the epoch.
    pub opened_at: i64,
    /// The team fills by this instant (milliseconds since the epoch) or is refunded.
    pub deadline: i64,
    /// open, succeeded or failed.
    pub status: String,
    /// Members who have paid.
    pub members: u32,
    /// Paid members still needed to make a team (0 once it is one).
    pub needed: u32,
    /// Places not yet held by a member or a buyer paying.
    pub places_left: u32,
    /// What each member pays per unit once the team has succeeded.
    pub price_fen: Option<i64>,
    /// The platform completed the team one member short.
    pub virtual_filled: bool,
}

#[derive(Serialize, ToSchema)]
pub struct GroupBuyJson {
    pub id: String,
    pub shop_id: String,
    pub product_id: String,
    pub sku_id: String,
    pub title: String,
    pub regular_price_fen: i64,
    pub team_price_fen: i64,
    pub team_size: u32,
    pub tiers: Vec<TierJson>,
    pub time_limit_hours: i64,
    pub stock_limit: i64,
    pub per_buyer_limit: i64,
    pub virtual_fill: bool,
    /// Closed to new teams.
    pub closed: bool,
    /// Teams open to join, closest to filling first.
    pub open_teams: Vec<TeamJson>,
}

#[derive(Serialize, ToSchema)]
pub struct SeatJson {
    pub team_id: String,
    pub order_id: String,
    pub checkout_id: String,
    pub total_fen: i64,
    /// Pay before this (milliseconds since the epoch) or the place goes to someone else.
    pub pay_by: i64,
    /// Where to `POST` for the cashier.
    pub payment: String,
}

fn team_json(view: &TeamView) -> TeamJson {
    let team = &view.team;
    let (members, needed, price_fen) = match view.standing {
        TeamOutcome::Open { members, needed } => (members, needed, None),
        TeamOutcome::Succeeded { members, price, .. } => (members, 0, Some(price.money().minor())),
        TeamOutcome::Failed { members } => (members, 0, None),
    };
    TeamJson {
        id: team.id.to_string(),
        group_buy_id: team.group_buy_id.to_string(),
        opened_at: team.opened_at.millis(),
        deadline: team.deadline.millis(),
        status: team.status.as_str().to_owned(),
        members,
        needed,
        places_left: view.places_left,
        price_fen,
        virtual_filled: team.virtual_filled,
    }
}

fn group_buy_json(view: &GroupBuyView) -> GroupBuyJson {
    let g = &view.group_buy;
    let regular = view
        .product
        .skus
        .iter()
        .find(|sku| sku.id == g.sku_id)
        .map_or(0, |sku| sku.price.minor());
    GroupBuyJson {
        id: g.id.to_string(),
        shop_id: g.shop_id.to_string(),
        product_id: g.product_id.to_string(),
        sku_id: g.sku_id.to_string(),
        title: view.product.product.title.clone(),
        regular_price_fen: regular,
        team_price_fen: g.terms.team_price.money().minor(),
        team_size: g.terms.team_size,
        tiers: g
            .terms
            .tiers
            .iter()
            .map(|tier| TierJson {
                size: tier.size,
                price_fen: tier.price.money().minor(),
            })
            .collect(),
        time_limit_hours: g.terms.time_limit_hours,
        stock_limit: g.terms.stock_limit,
        per_buyer_limit: g.terms.per_buyer_limit,
        virtual_fill: g.terms.virtual_fill,
        closed: g.closed_at.is_some(),
        open_teams: view.open_teams.iter().map(team_json).collect(),
    }
}

fn seat_json(seat: SeatBought) -> SeatJson {
    SeatJson {
        team_id: seat.team.to_string(),
        order_id: seat.order.to_string(),
        checkout_id: seat.checkout.to_string(),
        total_fen: seat.total.minor(),
        pay_by: seat.pay_by.millis(),
        payment: format!("/api/v1/checkouts/{}/payment", seat.checkout),
    }
}

/// Offers a variant of the product to teams at a team price. The shop's members or the hub.
#[utoipa::path(post, path = "/api/v1/products/{product}/group-buys", tag = "group-buys",
    params(("product" = String, Path, description = "The product")),
    request_body = GroupBuyBody,
    responses((status = 201, body = GroupBuyJson), (status = 403, description = "Not this shop's"),
        (status = 404, description = "No such product or variant"),
        (status = 409, description = "The variant has fewer units"),
        (status = 422, description = "Invalid terms")))]
pub async fn create(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(product): Path<String>,
    ApiJson(body): ApiJson<GroupBuyBody>,
) -> Result<(StatusCode, Json<GroupBuyJson>), WebError> {
    let product = ProductId::parse(&product).ok_or(WebError::NotFound)?;
    let sku = SkuId::parse(&body.sku).ok_or(WebError::NotFound)?;
    let tiers = body
        .tiers
        .iter()
        .map(|tier| format!("{} {}", tier.size, Money::fen(tier.price_fen)))
        .collect::<Vec<_>>()
        .join("\n");
    let form = GroupBuyForm {
        team_price: Money::fen(body.team_price_fen).to_string(),
        team_size: body.team_size.to_string(),
        time_limit_hours: body.time_limit_hours.to_string(),
        stock_limit: body.stock_limit.to_string(),
        per_buyer_limit: body.per_buyer_limit.to_string(),
        tiers,
        virtual_fill: body.virtual_fill,
    };
    let record = state
        .services
        .create_group_buy(&user.actor, &product, &sku, &form)
        .await?;
    let view = state.services.group_buy(&record.id).await?;
    Ok((StatusCode::CREATED, Json(group_buy_json(&view))))
}

/// A group-buy as anyone sees it, with the teams open to join.
#[utoipa::path(get, path = "/api/v1/group-buys/{group_buy}", tag = "group-buys", security(()),
    params(("group_buy" = String, Path, description = "The group-buy")),
    responses((status = 200, body = GroupBuyJson), (status = 404, description = "No such group-buy")))]
pub async fn show(
    State(state): State<AppState>,
    Path(group_buy): Path<String>,
) -> Result<Json<GroupBuyJson>, WebError> {
    let id = GroupBuyId::parse(&group_buy).ok_or(WebError::NotFound)?;
    Ok(Json(group_buy_json(&state.services.group_buy(&id).await?)))
}

/// Stops new teams opening; open teams run on to their deadline.
#[utoipa::path(post, path = "/api/v1/group-buys/{group_buy}/close", tag = "group-buys",
    params(("group_buy" = String, Path, description = "The group-buy")),
    responses((status = 204), (status = 403, description = "Not this shop's"),
        (status = 404, description = "No such group-buy")))]
pub async fn close(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(group_buy): Path<String>,
) -> Result<StatusCode, WebError> {
    let id = GroupBuyId::parse(&group_buy).ok_or(WebError::NotFound)?;
    state.services.close_group_buy(&user.actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Opens a team with your seat in it; pay for it as for any checkout, then share the team.
/// Send an `Idempotency-Key` header: the same key again returns the same seat.
#[utoipa::path(post, path = "/api/v1/group-buys/{group_buy}/teams", tag = "group-buys",
    params(("group_buy" = String, Path, description = "The group-buy"),
        ("Idempotency-Key" = String, Header, description = "8–100 characters, unique per seat")),
    request_body = SeatBody,
    responses((status = 201, body = SeatJson), (status = 404, description = "No such group-buy"),
        (status = 409, description = "The group-buy has ended, is sold out or over your limit"),
        (status = 422, description = "Invalid units, address or key")))]
pub async fn open(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(group_buy): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SeatBody>,
) -> Result<(StatusCode, Json<SeatJson>), WebError> {
    let id = GroupBuyId::parse(&group_buy).ok_or(WebError::NotFound)?;
    let request = seat_request(body, &headers)?;
    let seat = state.services.open_team(&user.actor, &id, &request).await?;
    Ok((StatusCode::CREATED, Json(seat_json(seat))))
}

/// A team as anyone sees it: how many have paid, how many are needed, and by when.
#[utoipa::path(get, path = "/api/v1/teams/{team}", tag = "group-buys", security(()),
    params(("team" = String, Path, description = "The team")),
    responses((status = 200, body = TeamJson), (status = 404, description = "No such team")))]
pub async fn team(
    State(state): State<AppState>,
    Path(team): Path<String>,
) -> Result<Json<TeamJson>, WebError> {
    let id = TeamId::parse(&team).ok_or(WebError::NotFound)?;
    let (_, view) = state.services.team(&id).await?;
    Ok(Json(team_json(&view)))
}

/// Joins a team. Answered at once when it is full, has ended or you are in it (409);
/// otherwise once your seat is written (201). Same `Idempotency-Key`, same seat.
#[utoipa::path(post, path = "/api/v1/teams/{team}/seats", tag = "group-buys",
    params(("team" = String, Path, description = "The team"),
        ("Idempotency-Key" = String, Header, description = "8–100 characters, unique per seat")),
    request_body = SeatBody,
    responses((status = 201, body = SeatJson), (status = 404, description = "No such team"),
        (status = 409, description = "Full, ended, already in it, sold out or over your limit"),
        (status = 422, description = "Invalid units, address or key")))]
pub async fn join(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(team): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SeatBody>,
) -> Result<(StatusCode, Json<SeatJson>), WebError> {
    let id = TeamId::parse(&team).ok_or(WebError::NotFound)?;
    let request = seat_request(body, &headers)?;
    let seat = state.services.join_team(&user.actor, &id, &request).await?;
    Ok((StatusCode::CREATED, Json(seat_json(seat))))
}

fn seat_request(body: SeatBody, headers: &HeaderMap) -> Result<SeatRequest, WebError> {
    Ok(SeatRequest {
        units: body.units,
        address: body.address.into(),
        idempotency_key: idempotency_key(headers)?,
    })
}
