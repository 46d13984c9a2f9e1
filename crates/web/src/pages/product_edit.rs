//! Editing a product in the producer's console, on the same form it was created with. What
//! changes a listing's review is the services' rule; this page says it next to the form.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::ProductId;
use farmgate_domain::money::Money;
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::ServiceError;
use farmgate_store::ProductDetail;

use super::listing::{product_form, render_form, FormKind};
use super::PageContext;
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;
use crate::texts::Texts;

/// `GET /console/products/{product}/edit`
pub async fn edit_page(
    State(state): State<AppState>,
    page: PageContext,
    Path(product): Path<String>,
) -> Result<Response, WebError> {
    let product = ProductId::parse(&product).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let detail = state
        .services
        .managed_product(&user.actor, &product)
        .await?;
    let mut form = filled_form(&detail, page.t);
    let mut sku_ids: Vec<String> = detail.skus.iter().map(|s| s.id.to_string()).collect();
    // One empty row to add a variant with.
    form.skus.push(SkuForm::default());
    sku_ids.push(String::new());
    let shop = detail.product.shop_id.clone();
    let kind = edit_kind(&product);
    render_form(
        &state,
        page,
        &shop,
        kind,
        form,
        &sku_ids,
        FieldErrors::default(),
    )
    .await
}

/// `POST /console/products/{product}/edit`
pub async fn save(
    State(state): State<AppState>,
    page: PageContext,
    Path(product): Path<String>,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let product = ProductId::parse(&product).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let form = product_form(&fields);
    let sku_ids: Vec<String> = fields
        .iter()
        .filter(|(name, _)| name == "sku_id")
        .map(|(_, value)| value.clone())
        .collect();
    match state
        .services
        .edit_product(&user.actor, &product, &form, &sku_ids)
        .await
    {
        Ok(detail) => {
            let shop = detail.product.shop_id;
            Ok(Redirect::to(&format!("/console/shops/{shop}/products")).into_response())
        }
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let detail = state
                .services
                .managed_product(&user.actor, &product)
                .await?;
            let form = with_stock_shown(form, &sku_ids, &detail);
            let shop = detail.product.shop_id.clone();
            let kind = edit_kind(&product);
            let body = render_form(&state, page, &shop, kind, form, &sku_ids, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

fn edit_kind(product: &ProductId) -> FormKind {
    FormKind {
        action: format!("/console/products/{product}/edit"),
        editing: true,
    }
}

/// The product as its form would have been typed.
fn filled_form(detail: &ProductDetail, t: &Texts) -> ProductForm {
    let p = &detail.product;
    let season_months = if p.season.is_all_year() {
        Vec::new()
    } else {
        p.season.months().into_iter().map(|m| m.number()).collect()
    };
    let presale_ships_from = p.presale.map_or_else(String::new, |presale| {
        let date = CivilDate::in_china(presale.ships_from());
        format!(
            "{:04}-{:02}-{:02}",
            date.year,
            date.month.number(),
            date.day
        )
    });
    ProductForm {
        title: p.title.clone(),
        title_en: p.title_en.clone(),
        description: p.description.clone(),
        category: p.category.slug().to_owned(),
        // The grade as the reader writes it; both languages' words parse back.
        grade: if t.zh {
            p.grade.label_zh().to_owned()
        } else {
            String::from(p.grade.clone())
        },
        origin: p.origin.to_string(),
        season_months,
        presale_ships_from,
        skus: detail
            .skus
            .iter()
            .map(|sku| SkuForm {
                name: sku.name.clone(),
                price: yuan(sku.price),
                unit: sku.pack.unit().as_str().to_owned(),
                net_weight_g: sku
                    .pack
                    .net_weight()
                    .map_or_else(String::new, |g| g.get().to_string()),
                shipping_weight_g: sku.pack.shipping_weight().get().to_string(),
                stock: sku.stock.to_string(),
            })
            .collect(),
    }
}

/// Existing variants' rows post no stock (the edit does not set it); show the stored count.
fn with_stock_shown(
    mut form: ProductForm,
    sku_ids: &[String],
    detail: &ProductDetail,
) -> ProductForm {
    for (sku, id) in form.skus.iter_mut().zip(sku_ids) {
        if let Some(stored) = detail.skus.iter().find(|s| s.id.as_str() == id) {
            sku.stock = stored.stock.to_string();
        }
    }
    form
}

/// `68.00`: a price as typed into the form, without the currency sign.
pub(super) fn yuan(price: Money) -> String {
    format!("{}.{:02}", price.minor() / 100, price.minor() % 100)
}
