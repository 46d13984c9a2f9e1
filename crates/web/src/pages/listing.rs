//! The producer's side of the catalogue: a shop's products, listing a new one, stocktakes, and
//! taking a product off sale or submitting it again.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::{ProductId, ShopId, SkuId};
use farmgate_domain::listing::ListingEvent;
use farmgate_domain::unit::SellingUnit;
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::ServiceError;
use farmgate_store::Page;

use super::public::village_options;
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;
use crate::views::{product_card, ProductCard};

/// Empty variant rows the new-product form offers.
pub(super) const SKU_ROWS: usize = 3;

#[derive(Template)]
#[template(path = "shop_products.html")]
struct ShopProductsPage {
    page: PageContext,
    shop_id: String,
    shop_name: String,
    products: Vec<ProductCard>,
}

pub async fn shop_products(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let products = state
        .services
        .shop_products(&user.actor, &shop, Page::first(200))
        .await?;
    let record = state.services.shop(&shop).await?;
    render(&ShopProductsPage {
        shop_id: shop.to_string(),
        shop_name: record.name,
        products: products
            .iter()
            .map(|p| product_card(p, page.t, state.services.clock.now()))
            .collect(),
        page,
    })
}

#[derive(Template)]
#[template(path = "product_form.html")]
struct ProductFormPage {
    page: PageContext,
    kind: FormKind,
    form: ProductForm,
    rows: Vec<SkuRow>,
    categories: Vec<(&'static str, &'static str)>,
    units: Vec<(&'static str, &'static str)>,
    villages: Vec<(String, String)>,
    months: Vec<(u8, &'static str, bool)>,
    errors: FieldErrors,
}

/// Where the product form posts: a new product for a shop, or an edit of one product.
pub(super) struct FormKind {
    pub action: String,
    pub editing: bool,
}

/// One variant row: the id of the variant it edits (empty for a new one) and its fields.
struct SkuRow {
    id: String,
    sku: SkuForm,
}

pub async fn new_product(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    let form = ProductForm {
        skus: vec![SkuForm::default(); SKU_ROWS],
        ..ProductForm::default()
    };
    let kind = FormKind {
        action: format!("/console/shops/{shop}/products"),
        editing: false,
    };
    render_form(&state, page, &shop, kind, form, &[], FieldErrors::default()).await
}

/// The product form, filled in; `sku_ids` runs beside `form.skus` (see `SkuRow`).
pub(super) async fn render_form(
    state: &AppState,
    page: PageContext,
    shop: &ShopId,
    kind: FormKind,
    form: ProductForm,
    sku_ids: &[String],
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    // The form is for members of the shop (and the hub) only.
    state
        .services
        .shop_products(&user.actor, shop, Page::first(0))
        .await?;
    let places = state.services.places().await?;
    let t = page.t;
    let rows = form
        .skus
        .iter()
        .enumerate()
        .map(|(row, sku)| SkuRow {
            id: sku_ids.get(row).cloned().unwrap_or_default(),
            sku: sku.clone(),
        })
        .collect();
    render(&ProductFormPage {
        kind,
        categories: Category::ALL
            .iter()
            .map(|c| (c.slug(), t.category(*c)))
            .collect(),
        units: SellingUnit::ALL
            .iter()
            .map(|u| (u.as_str(), t.unit(*u)))
            .collect(),
        villages: village_options(&places, page.lang),
        months: (1..=12u8)
            .map(|m| {
                (
                    m,
                    t.months[usize::from(m - 1)],
                    form.season_months.contains(&m),
                )
            })
            .collect(),
        rows,
        form,
        errors,
        page,
    })
}

pub async fn create_product(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    let form = product_form(&fields);
    let user = page.signed()?;
    match state
        .services
        .create_product(&user.actor, &shop, &form)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/console/shops/{shop}/products")).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let mut form = form;
            form.skus
                .resize(SKU_ROWS.max(form.skus.len()), SkuForm::default());
            let kind = FormKind {
                action: format!("/console/shops/{shop}/products"),
                editing: false,
            };
            let body = render_form(&state, page, &shop, kind, form, &[], errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// Reads the form's repeated fields: one `season` per ticked month, and the variant rows as
/// parallel lists (`sku_name`, `price`, … in row order).
pub(super) fn product_form(fields: &[(String, String)]) -> ProductForm {
    let one = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let all = |name: &str| -> Vec<String> {
        fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let names = all("sku_name");
    let column = |name: &str, row: usize| all(name).get(row).cloned().unwrap_or_default();
    ProductForm {
        title: one("title"),
        title_en: one("title_en"),
        description: one("description"),
        category: one("category"),
        grade: one("grade"),
        origin: one("origin"),
        season_months: all("season")
            .iter()
            .filter_map(|m| m.parse().ok())
            .collect(),
        presale_ships_from: one("ships_from"),
        skus: (0..names
            .len()
            .min(farmgate_domain::catalogue::limits::MAX_SKUS + 1))
            .map(|row| SkuForm {
                name: column("sku_name", row),
                price: column("price", row),
                unit: column("unit", row),
                net_weight_g: column("net_weight_g", row),
                shipping_weight_g: column("shipping_weight_g", row),
                stock: column("stock", row),
            })
            .collect(),
    }
}

pub async fn set_stock(
    State(state): State<AppState>,
    page: PageContext,
    Path((product, sku)): Path<(String, String)>,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let product = ProductId::parse(&product).ok_or(WebError::NotFound)?;
    let sku = SkuId::parse(&sku).ok_or(WebError::NotFound)?;
    let stock = fields
        .iter()
        .find(|(n, _)| n == "stock")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let user = page.signed()?;
    state
        .services
        .set_stock(&user.actor, &product, &sku, stock)
        .await?;
    back_to_shop(&state, &user.actor, &product).await
}

pub async fn delist(
    state: State<AppState>,
    page: PageContext,
    product: Path<String>,
) -> Result<Response, WebError> {
    listing_event(state, page, product, ListingEvent::Delist).await
}

pub async fn resubmit(
    state: State<AppState>,
    page: PageContext,
    product: Path<String>,
) -> Result<Response, WebError> {
    listing_event(state, page, product, ListingEvent::Submit).await
}

async fn listing_event(
    State(state): State<AppState>,
    page: PageContext,
    Path(product): Path<String>,
    event: ListingEvent,
) -> Result<Response, WebError> {
    let product = ProductId::parse(&product).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let detail = state
        .services
        .producer_listing_event(&user.actor, &product, event)
        .await?;
    let shop = detail.product.shop_id;
    Ok(Redirect::to(&format!("/console/shops/{shop}/products")).into_response())
}

async fn back_to_shop(
    state: &AppState,
    actor: &farmgate_domain::access::Actor,
    product: &ProductId,
) -> Result<Response, WebError> {
    let detail = state.services.product(Some(actor), product).await?;
    let shop = detail.product.shop_id;
    Ok(Redirect::to(&format!("/console/shops/{shop}/products")).into_response())
}
