//! A shop's short videos in its console: the upload form (the file streamed to disk as it
//! arrives, never held in memory), each video with its progress while it is made and what it
//! sold once shown, and removing one.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Redirect, Response};
use farmgate_domain::access::{authorize, Action};
use farmgate_domain::id::{ShopId, ShortVideoId};
use farmgate_domain::short_video::VideoStatus;
use farmgate_services::ServiceError;
use farmgate_store::{Page, ShortVideoRecord};
use serde::Serialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::FieldErrors;
use crate::state::AppState;
use crate::video::upload::{receive, Received};

/// Products offered as cards on the form.
const PRODUCTS_OFFERED: i64 = 200;

#[derive(Template)]
#[template(path = "short_videos.html")]
struct ConsolePage {
    page: PageContext,
    shop_id: String,
    shop_name: String,
    /// Product ids and titles, with whether the form had them ticked.
    products: Vec<(String, String, bool)>,
    title: String,
    errors: FieldErrors,
    /// A refusal in words, above the form.
    problem: Option<&'static str>,
    videos: Vec<VideoRow>,
}

struct VideoRow {
    id: String,
    title: String,
    /// `processing`, `ready` or `failed`, for the page's script and style.
    state: &'static str,
    status: &'static str,
    progress: i64,
    failure: &'static str,
    orders: i64,
    paid: String,
    created: String,
}

/// What the form sent, to show it again with its problems.
#[derive(Default)]
struct Sent {
    title: String,
    products: Vec<String>,
}

/// `GET /console/shops/{shop}/videos`
pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    render_console(
        &state,
        page,
        &shop,
        Sent::default(),
        None,
        FieldErrors::default(),
    )
    .await
}

/// `POST /console/shops/{shop}/videos`: `title`, `products` (repeated) and the `video` file.
pub async fn upload(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    // Refused before a byte of the file is taken.
    authorize(&user.actor, &Action::ManageShop(&shop)).map_err(|_| WebError::Forbidden)?;
    let worker = state.video.shorts.clone();
    if !worker.can_transcode() {
        let problem = Some(page.t.video.no_ffmpeg);
        let body = render_console(
            &state,
            page,
            &shop,
            Sent::default(),
            problem,
            FieldErrors::default(),
        );
        return Ok((StatusCode::SERVICE_UNAVAILABLE, body.await?).into_response());
    }
    let Received {
        title,
        products,
        file,
    } = receive(multipart, &worker).await?;
    let sent = Sent { title, products };
    let file = match file {
        Ok(file) => file,
        Err(refused) => {
            let problem = Some(page.t.video.refused(refused));
            let body = render_console(&state, page, &shop, sent, problem, FieldErrors::default());
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, body.await?).into_response());
        }
    };
    match state
        .services
        .start_short_video(&user.actor, &shop, &sent.title, &sent.products)
        .await
    {
        Ok(id) => {
            file.keep_as(&worker.source_path(&id)).await?;
            worker.submit(state.services.clone(), id);
            Ok(Redirect::to(&console_path(&shop)).into_response())
        }
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_console(&state, page, &shop, sent, None, errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body.await?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// How far a video has got, for the console's polling.
#[derive(Serialize)]
pub struct Progress {
    status: &'static str,
    progress: i64,
}

/// `GET /console/shops/{shop}/videos/{id}/progress`
pub async fn progress(
    State(state): State<AppState>,
    page: PageContext,
    Path((shop, id)): Path<(String, String)>,
) -> Result<Json<Progress>, WebError> {
    let (shop, id) = ids(&shop, &id)?;
    let user = page.signed()?;
    let video = state
        .services
        .shop_short_video(&user.actor, &shop, &id)
        .await?;
    Ok(Json(Progress {
        status: video.status.as_str(),
        progress: video.progress,
    }))
}

/// `POST /console/shops/{shop}/videos/{id}/delete`
pub async fn delete(
    State(state): State<AppState>,
    page: PageContext,
    Path((shop, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (shop, id) = ids(&shop, &id)?;
    let user = page.signed()?;
    state
        .services
        .delete_short_video(&user.actor, &shop, &id)
        .await?;
    state.video.shorts.remove_files(&id).await;
    Ok(Redirect::to(&console_path(&shop)).into_response())
}

fn ids(shop: &str, id: &str) -> Result<(ShopId, ShortVideoId), WebError> {
    match (ShopId::parse(shop), ShortVideoId::parse(id)) {
        (Some(shop), Some(id)) => Ok((shop, id)),
        _ => Err(WebError::NotFound),
    }
}

fn console_path(shop: &ShopId) -> String {
    format!("/console/shops/{shop}/videos")
}

async fn render_console(
    state: &AppState,
    page: PageContext,
    shop: &ShopId,
    sent: Sent,
    problem: Option<&'static str>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let videos = state.services.shop_short_videos(&user.actor, shop).await?;
    let products = state
        .services
        .shop_products(&user.actor, shop, Page::first(PRODUCTS_OFFERED))
        .await?
        .into_iter()
        .filter(|d| d.product.status.is_on_sale())
        .map(|d| {
            let id = d.product.id.to_string();
            let ticked = sent.products.contains(&id);
            (id, d.product.title, ticked)
        })
        .collect();
    let shop_name = state.services.shop(shop).await?.name;
    let videos = videos.iter().map(|v| video_row(state, &page, v)).collect();
    render(&ConsolePage {
        shop_id: shop.to_string(),
        shop_name,
        products,
        title: sent.title,
        errors,
        problem,
        videos,
        page,
    })
}

fn video_row(state: &AppState, page: &PageContext, video: &ShortVideoRecord) -> VideoRow {
    let t = page.t.video;
    let (status, failure) = match video.status {
        VideoStatus::Processing => (t.processing, ""),
        VideoStatus::Ready => (t.ready, ""),
        VideoStatus::Failed => (t.failed, t.failure(video.failure.as_deref().unwrap_or(""))),
    };
    VideoRow {
        id: video.id.to_string(),
        title: video.title.clone(),
        state: video.status.as_str(),
        status,
        progress: video.progress,
        failure,
        orders: video.orders,
        paid: video.paid.to_string(),
        created: state.site.local_date(video.created_at),
    }
}
