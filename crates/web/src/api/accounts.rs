//! Accounts and roles, for admins.

use axum::extract::{Path, Query, State};
use axum::Json;
use farmgate_domain::id::AccountId;
use farmgate_domain::role::Role;
use farmgate_domain::validation::Problem;
use serde::Deserialize;
use utoipa::ToSchema;

use super::views::AccountView;
use super::Paging;
use crate::auth::RequireUser;
use crate::error::WebError;
use crate::forms::ApiJson;
use crate::state::AppState;

/// Accounts, newest first (admins only).
#[utoipa::path(get, path = "/api/v1/accounts", tag = "accounts", params(Paging),
    responses((status = 200, body = Vec<AccountView>), (status = 403, description = "Not an admin")))]
pub async fn list(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Query(paging): Query<Paging>,
) -> Result<Json<Vec<AccountView>>, WebError> {
    let accounts = state.services.accounts(&user.actor, paging.page()).await?;
    Ok(Json(accounts.iter().map(AccountView::from).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RolesRequest {
    /// The roles to hold; `producer` follows shop membership and cannot be granted.
    roles: Vec<String>,
}

/// Replaces an account's roles (admins only).
#[utoipa::path(put, path = "/api/v1/accounts/{id}/roles", tag = "accounts",
    params(("id" = String, Path, description = "Account id")),
    request_body = RolesRequest,
    responses((status = 200, body = AccountView), (status = 403, description = "Not an admin"),
        (status = 422, description = "Unknown or ungrantable role")))]
pub async fn set_roles(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RolesRequest>,
) -> Result<Json<AccountView>, WebError> {
    let id = AccountId::parse(&id).ok_or(WebError::NotFound)?;
    let roles = body
        .roles
        .iter()
        .map(|r| Role::parse(r).ok_or(WebError::field("roles", Problem::Invalid)))
        .collect::<Result<Vec<_>, _>>()?;
    let account = state.services.set_roles(&user.actor, &id, &roles).await?;
    Ok(Json(AccountView::from(&account)))
}
