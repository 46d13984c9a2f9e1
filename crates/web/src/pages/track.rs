//! The public tracking page `/track/{code}`: anyone with a parcel's code sees its path, both
//! directions, with the villager's name and phone masked. No login.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use farmgate_domain::parcel::ParcelCode;

use super::parcel_path::{path_view, PathView};
use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "track.html")]
struct TrackPage {
    page: PageContext,
    path: PathView,
    villager_role: &'static str,
    villager: String,
}

/// `GET /track/{code}`
pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let code = ParcelCode::parse(&code).ok_or(WebError::NotFound)?;
    let public = state.services.public_parcel_path(&code).await?;
    let t = page.t;
    render(&TrackPage {
        path: path_view(t, &state.site, &public.path),
        villager_role: t.parcel_up.villager(public.path.parcel.direction),
        villager: format!("{} {}", public.villager_name, public.villager_phone),
        page,
    })
}
