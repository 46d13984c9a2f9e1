//! Product photos: served from the data folder with long cache lifetimes (a photo's files never
//! change once written), and uploaded by a shop's members.

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::ProductId;
use farmgate_media::Rendition;

use super::PageContext;
use crate::error::WebError;
use crate::state::AppState;

/// `GET /photos/{file}/{rendition}.jpg`
pub async fn photo(
    State(state): State<AppState>,
    Path((file, name)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let rendition = name
        .strip_suffix(".jpg")
        .and_then(Rendition::parse)
        .ok_or(WebError::NotFound)?;
    let photos = state.services.photos.as_ref().ok_or(WebError::NotFound)?;
    let path = photos
        .store
        .path(&file, rendition)
        .ok_or(WebError::NotFound)?;
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|_| WebError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response())
}

/// `POST /console/products/{product}/photos` with one `photo` file.
pub async fn upload(
    State(state): State<AppState>,
    page: PageContext,
    Path(product): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let product = ProductId::parse(&product).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let bytes = uploaded_file(multipart, "photo").await?;
    state
        .services
        .add_product_photo(&user.actor, &product, bytes)
        .await?;
    let detail = state.services.product(Some(&user.actor), &product).await?;
    Ok(Redirect::to(&format!(
        "/console/shops/{}/products",
        detail.product.shop_id
    ))
    .into_response())
}

/// The bytes of the one file a multipart form sends under `name` (empty when it sent none:
/// the use case then says the picture is missing).
pub(super) async fn uploaded_file(
    multipart: Result<Multipart, MultipartRejection>,
    name: &str,
) -> Result<Vec<u8>, WebError> {
    let mut multipart = multipart.map_err(|e| WebError::BadRequest(e.body_text()))?;
    let mut bytes = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| WebError::BadRequest(e.body_text()))?
    {
        if field.name() == Some(name) {
            let data = field
                .bytes()
                .await
                .map_err(|e| WebError::BadRequest(e.body_text()))?;
            bytes = data.to_vec();
        }
    }
    Ok(bytes)
}
