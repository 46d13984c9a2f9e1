//! The producer's batch pages, phone first: the shop's batches, recording a batch of a product,
//! and one batch with its inspections, history, photos and labels. Quality officers and the
//! hub read the batch page too.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_domain::id::{BatchId, ProductId, ShopId};
use farmgate_domain::trace::{Batch, BatchForm, DigitalLink, JourneyStage};
use farmgate_services::ServiceError;
use farmgate_store::Page;
use serde::Deserialize;

use super::photos::uploaded_file;
use super::public::village_options;
use super::trace_view::{inspection_views, village_name, InspectionView};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;
use crate::texts::Texts;

#[derive(Template)]
#[template(path = "batches.html")]
struct BatchesPage {
    page: PageContext,
    shop_name: String,
    /// (product id, title).
    products: Vec<(String, String)>,
    batches: Vec<BatchRow>,
}

struct BatchRow {
    id: String,
    lot: String,
    product: String,
    harvested_on: String,
    units: i64,
    quality: &'static str,
    status: &'static str,
}

#[derive(Template)]
#[template(path = "batch_form.html")]
struct BatchFormPage {
    page: PageContext,
    product_id: String,
    product: String,
    form: BatchForm,
    villages: Vec<(String, String)>,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "batch.html")]
struct BatchPage {
    page: PageContext,
    id: String,
    lot: String,
    product: String,
    harvested_on: String,
    village: String,
    units: i64,
    grade: String,
    notes: String,
    quality: &'static str,
    status: &'static str,
    /// Empty while the product has no GTIN.
    trace_path: String,
    may_manage: bool,
    may_inspect: bool,
    inspections: Vec<InspectionView>,
    /// (step, disposition, when).
    events: Vec<(&'static str, &'static str, String)>,
    photos: Vec<String>,
    photo_error: Option<String>,
}

/// `GET /console/shops/{shop}/batches`
pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let batches = state.services.shop_batches(&user.actor, &shop, 0).await?;
    let record = state.services.shop(&shop).await?;
    let products = state
        .services
        .shop_products(&user.actor, &shop, Page::first(200))
        .await?;
    let title = |id: &ProductId| {
        products
            .iter()
            .find(|p| &p.product.id == id)
            .map(|p| p.product.title.clone())
            .unwrap_or_default()
    };
    let t = page.t;
    let batches = batches
        .iter()
        .map(|b| BatchRow {
            id: b.id.to_string(),
            lot: b.lot.to_string(),
            product: title(&b.product),
            harvested_on: b.harvested_on.to_string(),
            units: b.units,
            quality: t.quality.quality_status(b.quality),
            status: t.quality.batch_status(b.status),
        })
        .collect();
    render(&BatchesPage {
        shop_name: record.name,
        products: products
            .iter()
            .map(|p| (p.product.id.to_string(), p.product.title.clone()))
            .collect(),
        batches,
        page,
    })
}

/// `GET /console/products/{product}/batches/new`
pub async fn new_form(
    State(state): State<AppState>,
    page: PageContext,
    Path(product): Path<String>,
) -> Result<Response, WebError> {
    let product = ProductId::parse(&product).ok_or(WebError::NotFound)?;
    let form = BatchForm {
        grade: "special".into(),
        ..BatchForm::default()
    };
    batch_form(&state, page, &product, form, FieldErrors::default()).await
}

#[derive(Deserialize)]
pub struct BatchInput {
    #[serde(default)]
    lot: String,
    #[serde(default)]
    harvested_on: String,
    #[serde(default)]
    village: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lon: String,
    #[serde(default)]
    units: String,
    #[serde(default)]
    grade: String,
    #[serde(default)]
    notes: String,
}

/// `POST /console/products/{product}/batches`: to the new batch, or the form with each field's
/// problem (422).
pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    Path(product): Path<String>,
    PageForm(input): PageForm<BatchInput>,
) -> Result<Response, WebError> {
    let product = ProductId::parse(&product).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let form = BatchForm {
        lot: input.lot,
        harvested_on: input.harvested_on,
        village: input.village,
        lat: input.lat,
        lon: input.lon,
        units: input.units,
        grade: input.grade,
        notes: input.notes,
    };
    match state
        .services
        .record_batch(&user.actor, &product, &form)
        .await
    {
        Ok(batch) => Ok(Redirect::to(&format!("/console/batches/{}", batch.id)).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let mut response = batch_form(&state, page, &product, form, errors).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

async fn batch_form(
    state: &AppState,
    page: PageContext,
    product: &ProductId,
    form: BatchForm,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let detail = state.services.product(Some(&user.actor), product).await?;
    if !permits(&user.actor, &Action::ManageBatches(&detail.product.shop_id)) {
        return Err(WebError::Forbidden);
    }
    let places = state.services.places().await?;
    render(&BatchFormPage {
        product_id: product.to_string(),
        product: detail.product.title.clone(),
        villages: village_options(&places, page.lang),
        form,
        errors,
        page,
    })
}

/// `GET /console/batches/{batch}`
pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(batch): Path<String>,
) -> Result<Response, WebError> {
    let batch = BatchId::parse(&batch).ok_or(WebError::NotFound)?;
    batch_page(&state, page, &batch, None).await
}

/// `POST /console/batches/{batch}/photos` with one `photo` file: back to the batch, or the page
/// with why the file was refused (422).
pub async fn add_photo(
    State(state): State<AppState>,
    page: PageContext,
    Path(batch): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let batch = BatchId::parse(&batch).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    state.services.batch_for_photos(&user.actor, &batch).await?;
    let bytes = uploaded_file(multipart, "photo").await?;
    match state
        .services
        .add_batch_photo(&user.actor, &batch, bytes)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/console/batches/{batch}")).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let message = errors
                .0
                .first()
                .map(|e| page.t.problem(e.field, &e.problem));
            let mut response = batch_page(&state, page, &batch, message).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

async fn batch_page(
    state: &AppState,
    page: PageContext,
    id: &BatchId,
    photo_error: Option<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let services = &state.services;
    let detail = services.batch_detail(&user.actor, id).await?;
    let batch = &detail.batch;
    let places = services.places().await?;
    let t = page.t;
    let view = BatchPage {
        id: batch.id.to_string(),
        lot: batch.lot.to_string(),
        product: detail.product_title.clone(),
        harvested_on: batch.harvested_on.to_string(),
        village: village_name(&places, &batch.village, page.lang),
        units: batch.units,
        grade: grade(batch, t),
        notes: batch.notes.clone(),
        quality: t.quality.quality_status(batch.quality),
        status: t.quality.batch_status(batch.status),
        trace_path: detail
            .gtin
            .clone()
            .map(|gtin| DigitalLink::batch(gtin, batch.lot.clone()).path())
            .unwrap_or_default(),
        may_manage: permits(&user.actor, &Action::ManageBatches(&batch.shop)),
        may_inspect: permits(&user.actor, &Action::SuperviseQuality),
        inspections: inspection_views(&detail.inspections, t, true),
        events: detail
            .events
            .iter()
            .map(|e| {
                (
                    t.quality.stage(JourneyStage::of(e)),
                    e.disposition.as_str(),
                    state.site.local_time(e.at),
                )
            })
            .collect(),
        photos: detail.photos.iter().map(|p| p.file_id.clone()).collect(),
        photo_error,
        page,
    };
    render(&view)
}

fn grade(batch: &Batch, t: &Texts) -> String {
    if t.zh {
        batch.grade.label_zh().to_owned()
    } else {
        batch.grade.label_en().to_owned()
    }
}
