//! The host's side of live selling: a shop's sessions and the form that schedules one, and each
//! session's control page — stream server and key, edits, pins, cancelling.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_domain::id::{LiveSessionId, ShopId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::role::Role;
use farmgate_services::live::LiveForm;
use farmgate_services::ServiceError;
use farmgate_store::{LiveSessionRecord, Page, ShopFilter};

use super::live::{session_row, SessionRow};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "live_console.html")]
struct ShopLivePage {
    page: PageContext,
    shop_id: String,
    sessions: Vec<SessionRow>,
    form: FormView,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "live_manage.html")]
struct ManagePage {
    page: PageContext,
    id: String,
    status: &'static str,
    is_live: bool,
    is_scheduled: bool,
    editable: bool,
    server: String,
    stream_key: String,
    /// Why video is off on this server, when it is.
    video_note: Option<String>,
    pinned: String,
    /// The uploaded cover's file, if any.
    cover: Option<String>,
    form: FormView,
    errors: FieldErrors,
    coupons: super::coupons::CouponPanel,
    draws: super::live_draws::DrawsView,
}

/// The schedule form as shown: what was typed and the products that can go in the bag.
#[derive(Default)]
struct FormView {
    title: String,
    trailer: String,
    starts_at: String,
    products: Vec<BagChoice>,
}

struct BagChoice {
    id: String,
    title: String,
    chosen: bool,
}

/// A submitted form: the fields as typed, the product checkboxes as a list.
struct Submitted {
    form: LiveForm,
    starts_at: String,
}

fn submitted(state: &AppState, fields: Vec<(String, String)>) -> Submitted {
    let mut submitted = Submitted {
        form: LiveForm::default(),
        starts_at: String::new(),
    };
    for (name, value) in fields {
        match name.as_str() {
            "title" => submitted.form.title = value,
            "trailer" => submitted.form.trailer = value,
            "starts_at" => {
                submitted.form.starts_at = state.site.parse_local_time(&value);
                submitted.starts_at = value;
            }
            "product" => submitted.form.products.push(value),
            _ => {}
        }
    }
    submitted
}

#[derive(Template)]
#[template(path = "live_host.html")]
struct HostPage {
    page: PageContext,
    /// `(id, name)` of the shops this person may host for.
    shops: Vec<(String, String)>,
}

/// Where a host starts: the shops they can host for (their own; every shop for the hub and the
/// county's live hosts), each leading to its sessions.
pub async fn host(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let actor = &page.signed()?.actor;
    let shops = if actor.has(Role::LiveHost) || permits(actor, &Action::ViewHubConsole) {
        let everyone = state
            .services
            .shop_listing(&ShopFilter::default(), Page::first(1000))
            .await?;
        everyone.shops.clone()
    } else {
        state.services.my_shops(actor).await?
    };
    if shops.is_empty() {
        return Err(WebError::Forbidden);
    }
    let shops = shops
        .into_iter()
        .map(|s| (s.id.to_string(), s.name))
        .collect();
    render(&HostPage { page, shops })
}

#[derive(serde::Deserialize)]
pub struct ShopPick {
    shop: String,
}

/// The host page's shop picker: on to the picked shop's sessions.
pub async fn pick_shop(Query(pick): Query<ShopPick>) -> Result<Response, WebError> {
    let shop = ShopId::parse(&pick.shop).ok_or(WebError::NotFound)?;
    Ok(Redirect::to(&format!("/console/shops/{shop}/live")).into_response())
}

pub async fn shop_sessions(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    render_shop(&state, page, &shop, None, FieldErrors::default()).await
}

pub async fn schedule(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let submitted = submitted(&state, fields);
    match state
        .services
        .schedule_live(&user.actor, &shop, &submitted.form)
        .await
    {
        Ok(session) => Ok(Redirect::to(&format!("/console/live/{}", session.id)).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_shop(&state, page, &shop, Some(submitted), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn render_shop(
    state: &AppState,
    page: PageContext,
    shop: &ShopId,
    submitted: Option<Submitted>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let sessions = state.services.shop_live_sessions(&user.actor, shop).await?;
    let sessions = sessions
        .iter()
        .map(|s| session_row(state, page.t, s))
        .collect();
    let form = form_view(state, &page, shop, submitted, None).await?;
    render(&ShopLivePage {
        shop_id: shop.to_string(),
        sessions,
        form,
        errors,
        page,
    })
}

pub async fn manage(
    State(state): State<AppState>,
    page: PageContext,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = LiveSessionId::parse(&id).ok_or(WebError::NotFound)?;
    let session = state
        .services
        .hosted_live(&page.signed()?.actor, &id)
        .await?;
    render_manage(
        &state,
        page,
        &headers,
        session,
        None,
        FieldErrors::default(),
    )
    .await
}

pub async fn edit(
    State(state): State<AppState>,
    page: PageContext,
    headers: HeaderMap,
    Path(id): Path<String>,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = LiveSessionId::parse(&id).ok_or(WebError::NotFound)?;
    let actor = &page.signed()?.actor;
    let submitted = submitted(&state, fields);
    match state.services.edit_live(actor, &id, &submitted.form).await {
        Ok(_) => Ok(Redirect::to(&format!("/console/live/{id}")).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let session = state.services.hosted_live(actor, &id).await?;
            let errors = FieldErrors::new(&errors, page.t);
            let body =
                render_manage(&state, page, &headers, session, Some(submitted), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn pin(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = LiveSessionId::parse(&id).ok_or(WebError::NotFound)?;
    let product = fields
        .iter()
        .find(|(name, _)| name == "product")
        .map(|(_, value)| value.as_str());
    state
        .services
        .pin_live_product(&page.signed()?.actor, &id, product)
        .await?;
    Ok(Redirect::to(&format!("/console/live/{id}")).into_response())
}

pub async fn cancel(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = LiveSessionId::parse(&id).ok_or(WebError::NotFound)?;
    let actor = &page.signed()?.actor;
    let session = state.services.hosted_live(actor, &id).await?;
    state.services.cancel_live(actor, &id).await?;
    Ok(Redirect::to(&format!("/console/shops/{}/live", session.shop_id)).into_response())
}

async fn render_manage(
    state: &AppState,
    page: PageContext,
    headers: &HeaderMap,
    session: LiveSessionRecord,
    submitted: Option<Submitted>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let form = form_view(state, &page, &session.shop_id, submitted, Some(&session)).await?;
    let coupons =
        super::coupons::coupon_panel(state, page.t, &page.signed()?.actor, &session.id).await?;
    let draws = super::live_draws::draws_view(
        state,
        &page,
        &session.id,
        session.status,
        Default::default(),
        FieldErrors::default(),
    )
    .await?;
    let pinned = session
        .pinned_product
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    render(&ManagePage {
        id: session.id.to_string(),
        status: status_label(page.t, session.status),
        is_live: session.status == LiveStatus::Live,
        is_scheduled: session.status == LiveStatus::Scheduled,
        editable: session.status.is_editable(),
        server: state.site.video.push_server(
            headers
                .get(axum::http::header::HOST)
                .and_then(|h| h.to_str().ok()),
        ),
        cover: session.cover_file_id.clone(),
        stream_key: session.stream_key,
        video_note: state.site.video.unavailable.clone(),
        pinned,
        form,
        errors,
        coupons,
        draws,
        page,
    })
}

/// The form with the shop's listed products as bag choices, filled from what was submitted,
/// else from the session being edited.
async fn form_view(
    state: &AppState,
    page: &PageContext,
    shop: &ShopId,
    submitted: Option<Submitted>,
    session: Option<&LiveSessionRecord>,
) -> Result<FormView, WebError> {
    let actor = &page.signed()?.actor;
    let products = state.services.live_bag_candidates(actor, shop).await?;
    let (title, trailer, starts_at, chosen) = match (submitted, session) {
        (Some(s), _) => (s.form.title, s.form.trailer, s.starts_at, s.form.products),
        (None, Some(session)) => (
            session.title.clone(),
            session.trailer.clone(),
            state.site.local_input_time(session.starts_at),
            session.bag.iter().map(ToString::to_string).collect(),
        ),
        (None, None) => Default::default(),
    };
    Ok(FormView {
        title,
        trailer,
        starts_at,
        products: products
            .iter()
            .map(|p| BagChoice {
                id: p.product.id.to_string(),
                title: p.product.title.clone(),
                chosen: chosen.contains(&p.product.id.to_string()),
            })
            .collect(),
    })
}

pub fn status_label(t: &crate::texts::Texts, status: LiveStatus) -> &'static str {
    match status {
        LiveStatus::Scheduled => t.live.scheduled,
        LiveStatus::Live => t.live.live_now,
        LiveStatus::Ended => t.live.ended,
        LiveStatus::Cancelled => t.live.cancelled,
    }
}
