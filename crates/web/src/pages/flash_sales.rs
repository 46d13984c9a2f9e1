//! The host's flash-sale form for a live session: pick a variant of the bag, set the terms,
//! start. The form is its own template (`flash_sale_form.html`) so the session's console page
//! can include it with a `FlashSaleFormView`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::{FlashSaleId, LiveSessionId};
use farmgate_services::flash_sale::FlashSaleForm;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "flash_sale_new.html")]
struct NewFlashSalePage {
    page: PageContext,
    session_title: String,
    flash: FlashSaleFormView,
    started: Option<String>,
}

/// What `flash_sale_form.html` draws.
pub struct FlashSaleFormView {
    pub session_id: String,
    /// Variant ids with how the host recognises them.
    pub variants: Vec<(String, String)>,
    pub form: FlashSaleFields,
    pub errors: FieldErrors,
}

/// The form as posted (and as first shown, with suggested terms).
#[derive(Deserialize)]
pub struct FlashSaleFields {
    #[serde(default)]
    pub sku: String,
    #[serde(default)]
    pub price: String,
    #[serde(default)]
    pub stock_limit: String,
    #[serde(default)]
    pub per_buyer_limit: String,
    #[serde(default)]
    pub countdown_seconds: String,
    #[serde(default)]
    pub duration_minutes: String,
}

impl Default for FlashSaleFields {
    fn default() -> Self {
        Self {
            sku: String::new(),
            price: String::new(),
            stock_limit: String::new(),
            per_buyer_limit: "1".into(),
            countdown_seconds: "30".into(),
            duration_minutes: "10".into(),
        }
    }
}

#[derive(Deserialize)]
pub struct StartedQuery {
    started: Option<String>,
}

pub async fn new_page(
    State(state): State<AppState>,
    page: PageContext,
    Path(session): Path<String>,
    Query(query): Query<StartedQuery>,
) -> Result<Response, WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let started = match query.started.as_deref().and_then(FlashSaleId::parse) {
        Some(sale) => Some(started_note(&state, &page, &sale).await?),
        None => None,
    };
    let body = form_page(
        &state,
        page,
        &session,
        FlashSaleFields::default(),
        FieldErrors::default(),
        started,
    )
    .await?;
    Ok(body)
}

pub async fn start(
    State(state): State<AppState>,
    page: PageContext,
    Path(session): Path<String>,
    PageForm(fields): PageForm<FlashSaleFields>,
) -> Result<Response, WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let form = FlashSaleForm {
        sku: fields.sku.clone(),
        price: fields.price.clone(),
        stock_limit: fields.stock_limit.clone(),
        per_buyer_limit: fields.per_buyer_limit.clone(),
        countdown_seconds: fields.countdown_seconds.clone(),
        duration_minutes: fields.duration_minutes.clone(),
    };
    match state
        .services
        .start_flash_sale(&user.actor, &session, &form)
        .await
    {
        Ok(sale) => Ok(Redirect::to(&format!(
            "/console/live/{session}/flash-sales/new?started={}",
            sale.id
        ))
        .into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = form_page(&state, page, &session, fields, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn form_page(
    state: &AppState,
    page: PageContext,
    session: &LiveSessionId,
    form: FlashSaleFields,
    errors: FieldErrors,
    started: Option<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let (live, products) = state
        .services
        .flash_sale_choices(&user.actor, session)
        .await?;
    let t = page.t.flash_sale;
    let variants = products
        .iter()
        .flat_map(|detail| {
            detail.skus.iter().map(move |sku| {
                let label = t
                    .variant_option
                    .replace("{title}", &detail.product.title)
                    .replace("{sku}", &sku.name)
                    .replace("{price}", &sku.price.to_string())
                    .replace("{stock}", &sku.stock.to_string());
                (sku.id.to_string(), label)
            })
        })
        .collect();
    render(&NewFlashSalePage {
        session_title: live.title,
        flash: FlashSaleFormView {
            session_id: session.to_string(),
            variants,
            form,
            errors,
        },
        started,
        page,
    })
}

/// "Flash sale started: 200 units at ¥19.90, open from … to …".
async fn started_note(
    state: &AppState,
    page: &PageContext,
    sale: &FlashSaleId,
) -> Result<String, WebError> {
    let sale = state.services.flash_sale_state(sale).await?;
    Ok(page
        .t
        .flash_sale
        .started
        .replace("{units}", &sale.stock_limit.to_string())
        .replace("{price}", &sale.price.to_string())
        .replace("{opens}", &state.site.local_time(sale.opens_at))
        .replace("{closes}", &state.site.local_time(sale.closes_at)))
}
