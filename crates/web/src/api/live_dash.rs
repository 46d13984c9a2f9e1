//! The host's side of a live session's audience: lucky draws (start one, draw it now) and the
//! live dashboard the console polls. All for `Action::HostLive` on the session's shop.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use farmgate_domain::id::{LiveDrawId, LiveSessionId};
use farmgate_domain::live_figures::percent_text;
use farmgate_services::live_dashboard::LiveDashboard;
use farmgate_services::live_draws::DrawForm;
use farmgate_store::DrawRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::RequireUser;
use crate::error::WebError;
use crate::forms::ApiJson;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DrawBody {
    /// 1–20 characters; a chat line containing it (whatever the case) enters its speaker.
    keyword: String,
    /// 1–60 characters.
    prize: String,
    /// 1–50.
    winners: i64,
    /// How long entries are taken: 30–1,800 seconds.
    window_seconds: i64,
}

#[derive(Serialize, ToSchema)]
pub struct DrawView {
    pub id: String,
    pub keyword: String,
    pub prize: String,
    /// How many may win.
    pub winner_count: i64,
    /// Milliseconds since the epoch.
    pub opens_at: i64,
    pub closes_at: i64,
    /// open, drawn or interrupted (the server restarted while it was open: nobody drawn).
    pub status: String,
    /// How many entered, once drawn.
    pub entrants: Option<i64>,
    /// The winners' display names, in the order drawn.
    pub winners: Vec<String>,
}

impl From<DrawRecord> for DrawView {
    fn from(d: DrawRecord) -> Self {
        Self {
            id: d.id.to_string(),
            keyword: d.keyword,
            prize: d.prize,
            winner_count: d.winners,
            opens_at: d.opens_at.millis(),
            closes_at: d.closes_at.millis(),
            status: d.status.as_str().to_owned(),
            entrants: d.entrants,
            winners: d.won.into_iter().map(|w| w.display_name).collect(),
        }
    }
}

/// The dashboard's figures; the console page polls this every two seconds.
#[derive(Serialize, ToSchema)]
pub struct DashboardView {
    pub session_id: String,
    /// scheduled, live, ended or cancelled; once ended these are the final figures.
    pub status: String,
    pub viewers_now: u64,
    pub peak_viewers: u64,
    /// Distinct accounts and anonymous visitors (by a cookie) who opened the room.
    pub unique_viewers: u64,
    /// True when the room stopped counting distinct viewers at its cap (1,000,000).
    pub unique_capped: bool,
    pub likes: u64,
    /// Orders of the session that were paid (pending, expired and cancelled ones never were).
    pub orders: u64,
    pub buyers: u64,
    /// Goods value of those orders in fen, shipping not included.
    pub gmv_fen: i64,
    pub gmv_text: String,
    /// Buyers ÷ unique viewers in basis points (1/100 %); null before anyone watched.
    pub conversion_bp: Option<u64>,
    /// The conversion as a percentage with one decimal, or "–".
    pub conversion_text: String,
    pub products: Vec<ProductRow>,
}

#[derive(Serialize, ToSchema)]
pub struct ProductRow {
    pub product_id: String,
    pub title: String,
    pub clicks: u64,
    pub units: u64,
    pub sales_fen: i64,
    pub sales_text: String,
}

impl From<LiveDashboard> for DashboardView {
    fn from(d: LiveDashboard) -> Self {
        Self {
            session_id: d.session_id.to_string(),
            status: d.status.as_str().to_owned(),
            viewers_now: d.viewers_now,
            peak_viewers: d.peak_viewers,
            unique_viewers: d.unique_viewers,
            unique_capped: d.unique_capped,
            likes: d.likes,
            orders: d.orders,
            buyers: d.buyers,
            gmv_fen: d.gmv.minor(),
            gmv_text: d.gmv.to_string(),
            conversion_bp: d.conversion_bp,
            conversion_text: d.conversion_bp.map_or_else(|| "–".to_owned(), percent_text),
            products: d
                .products
                .into_iter()
                .map(|p| ProductRow {
                    product_id: p.product_id.to_string(),
                    title: p.title,
                    clicks: p.clicks,
                    units: p.units,
                    sales_fen: p.sales.minor(),
                    sales_text: p.sales.to_string(),
                })
                .collect(),
        }
    }
}

/// Starts a lucky draw in a live session: the room shows the keyword and a countdown, and
/// winners are drawn when the window ends (or sooner, with `…/close`).
#[utoipa::path(post, path = "/api/v1/live/{session}/draws", tag = "live",
    params(("session" = String, Path, description = "The live session")),
    request_body = DrawBody,
    responses((status = 201, body = DrawView), (status = 403, description = "Not this shop's"),
        (status = 404, description = "No such session"),
        (status = 409, description = "The session is not live, or a draw is already open"),
        (status = 422, description = "Invalid terms")))]
pub async fn start_draw(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(session): Path<String>,
    ApiJson(body): ApiJson<DrawBody>,
) -> Result<(StatusCode, Json<DrawView>), WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let form = DrawForm {
        keyword: body.keyword,
        prize: body.prize,
        winners: body.winners.to_string(),
        window_seconds: body.window_seconds.to_string(),
    };
    let draw = state
        .services
        .start_draw(&user.actor, &session, &form)
        .await?;
    Ok((StatusCode::CREATED, Json(draw.into())))
}

/// Draws the winners now. Doing it again, or after the window closed it, changes nothing.
#[utoipa::path(post, path = "/api/v1/live/{session}/draws/{draw}/close", tag = "live",
    params(("session" = String, Path, description = "The live session"),
        ("draw" = String, Path, description = "The draw")),
    responses((status = 200, body = DrawView), (status = 403, description = "Not this shop's"),
        (status = 404, description = "No such draw in this session")))]
pub async fn close_draw(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path((session, draw)): Path<(String, String)>,
) -> Result<Json<DrawView>, WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let draw = LiveDrawId::parse(&draw).ok_or(WebError::NotFound)?;
    let closed = state
        .services
        .close_draw_now(&user.actor, &session, &draw)
        .await?;
    Ok(Json(closed.into()))
}

/// The live dashboard: viewers now and at peak, unique viewers, likes, paid orders, buyers,
/// GMV, conversion and each product's clicks and sales. After the session, its final figures.
#[utoipa::path(get, path = "/api/v1/live/{session}/dashboard", tag = "live",
    params(("session" = String, Path, description = "The live session")),
    responses((status = 200, body = DashboardView), (status = 403, description = "Not this shop's"),
        (status = 404, description = "No such session")))]
pub async fn dashboard(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(session): Path<String>,
) -> Result<Json<DashboardView>, WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let figures = state.services.live_dashboard(&user.actor, &session).await?;
    Ok(Json(figures.into()))
}
