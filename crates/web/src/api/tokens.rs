//! Personal API tokens of the signed-in account.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use farmgate_domain::id::TokenId;
use serde::Deserialize;
use utoipa::ToSchema;

use super::views::{CreatedTokenView, TokenView};
use crate::auth::RequireUser;
use crate::error::WebError;
use crate::forms::ApiJson;
use crate::state::AppState;

/// The account's tokens, newest first, revoked ones included.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens",
    responses((status = 200, body = Vec<TokenView>), (status = 401, description = "Not signed in")))]
pub async fn list(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
) -> Result<Json<Vec<TokenView>>, WebError> {
    let tokens = state.services.api_tokens(&user.actor).await?;
    Ok(Json(tokens.iter().map(TokenView::from).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTokenRequest {
    /// What the token is for, 1–60 characters.
    name: String,
}

/// Creates a token; its secret is in this response only.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens",
    request_body = CreateTokenRequest,
    responses((status = 201, body = CreatedTokenView), (status = 422, description = "Invalid name")))]
pub async fn create(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ApiJson(body): ApiJson<CreateTokenRequest>,
) -> Result<(StatusCode, Json<CreatedTokenView>), WebError> {
    let created = state
        .services
        .create_api_token(&user.actor, &body.name)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedTokenView {
            token: TokenView::from(&created.record),
            secret: created.secret,
        }),
    ))
}

/// Revokes one of the account's own tokens at once.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens",
    params(("id" = String, Path, description = "Token id")),
    responses((status = 204, description = "Revoked"), (status = 404, description = "No such active token of yours")))]
pub async fn revoke(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let id = TokenId::parse(&id).ok_or(WebError::NotFound)?;
    state.services.revoke_api_token(&user.actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
