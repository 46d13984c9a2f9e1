//! Shops: public listing and profile, and profile edits by members or the hub.

use axum::extract::{Path, Query, State};
use axum::Json;
use farmgate_domain::id::ShopId;
use farmgate_domain::place::AreaCode;
use farmgate_domain::validation::Problem;
use farmgate_store::ShopFilter;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::views::{ShopList, ShopView};
use super::Paging;
use crate::auth::RequireUser;
use crate::error::WebError;
use crate::forms::ApiJson;
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShopQuery {
    /// A county, township or village code: only shops located there.
    place: Option<String>,
}

/// Shops ordered by name.
#[utoipa::path(get, path = "/api/v1/shops", tag = "shops", security(()),
    params(ShopQuery, Paging),
    responses((status = 200, body = ShopList), (status = 422, description = "Bad place code")))]
pub async fn list(
    State(state): State<AppState>,
    Query(query): Query<ShopQuery>,
    Query(paging): Query<Paging>,
) -> Result<Json<ShopList>, WebError> {
    let place = match query.place.as_deref() {
        Some(code) => {
            Some(AreaCode::parse(code).ok_or(WebError::field("place", Problem::Invalid))?)
        }
        None => None,
    };
    let filter = ShopFilter { place };
    let listing = state.services.shop_listing(&filter, paging.page()).await?;
    Ok(Json(ShopList {
        shops: listing.shops.iter().map(ShopView::from).collect(),
        total: listing.total,
    }))
}

/// One shop.
#[utoipa::path(get, path = "/api/v1/shops/{id}", tag = "shops", security(()),
    params(("id" = String, Path, description = "Shop id")),
    responses((status = 200, body = ShopView), (status = 404, description = "No such shop")))]
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ShopView>, WebError> {
    let id = ShopId::parse(&id).ok_or(WebError::NotFound)?;
    let shop = state.services.shop(&id).await?;
    Ok(Json(ShopView::from(&shop)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShopProfileRequest {
    name: String,
    description: String,
}

/// Edits a shop's name and description: its members, or the hub.
#[utoipa::path(patch, path = "/api/v1/shops/{id}", tag = "shops",
    params(("id" = String, Path, description = "Shop id")),
    request_body = ShopProfileRequest,
    responses((status = 200, body = ShopView), (status = 403, description = "Not this shop's member"),
        (status = 404, description = "No such shop"), (status = 422, description = "Invalid fields")))]
pub async fn update(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ShopProfileRequest>,
) -> Result<Json<ShopView>, WebError> {
    let id = ShopId::parse(&id).ok_or(WebError::NotFound)?;
    let shop = state
        .services
        .update_shop_profile(&user.actor, &id, &body.name, &body.description)
        .await?;
    Ok(Json(ShopView::from(&shop)))
}
