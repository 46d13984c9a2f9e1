//! `GET /api/v1/me`: who the credentials belong to.

use axum::Json;

use super::views::MeView;
use crate::auth::RequireUser;

/// The signed-in account and its shops.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = MeView), (status = 401, description = "No valid credentials")))]
pub async fn me(RequireUser(user): RequireUser) -> Json<MeView> {
    Json(MeView::from(&user))
}
