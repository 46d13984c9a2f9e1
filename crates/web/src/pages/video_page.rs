//! A short video as a buyer watches it: vertical, on a phone, with cards of the products it
//! shows. A card's product is bought in the short-video channel, counted for the video.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use farmgate_domain::id::ShortVideoId;

use super::priced;
use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;
use crate::video::serve_ranged;
use crate::views::ProductCard;

#[derive(Template)]
#[template(path = "video.html")]
struct VideoPage {
    page: PageContext,
    id: String,
    title: String,
    shop_id: String,
    shop_name: String,
    products: Vec<ProductCard>,
}

/// `GET /videos/{id}`
pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = ShortVideoId::parse(&id).ok_or(WebError::NotFound)?;
    let view = state.services.short_video_view(&id).await?;
    let shop = state.services.shop(&view.video.shop_id).await?;
    let mut products = Vec::with_capacity(view.products.len());
    for detail in &view.products {
        products.push(priced::card(&state, page.t, detail).await?);
    }
    render(&VideoPage {
        id: id.to_string(),
        title: view.video.title,
        shop_id: shop.id.to_string(),
        shop_name: shop.name,
        products,
        page,
    })
}

/// `GET /videos/{id}/{file}`: `video.mp4` (by byte range) or `poster.jpg`, once made.
pub async fn file(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, name)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = ShortVideoId::parse(&id).ok_or(WebError::NotFound)?;
    let path = state
        .video
        .shorts
        .made_file(&id, &name)
        .ok_or(WebError::NotFound)?;
    let content_type = if name == "poster.jpg" {
        "image/jpeg"
    } else {
        "video/mp4"
    };
    serve_ranged(&path, content_type, &headers).await
}
