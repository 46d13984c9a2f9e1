//! What the live room's buy sheet (`live_buy.html`, driven by `assets/live_buy.js`) needs from
//! the server: each bag product's variants with price and stock, the buyer's address on file,
//! and the server's clock so countdowns agree with the sale's.

use farmgate_domain::address::Province;
use farmgate_domain::id::LiveSessionId;
use farmgate_services::checkout::AddressForm;
use farmgate_store::ProductDetail;

use super::cart::province_options;
use super::PageContext;
use crate::error::WebError;
use crate::state::AppState;

pub struct BuySheet {
    pub signed_in: bool,
    /// Signs in and comes back to the room.
    pub sign_in: String,
    /// Milliseconds since the epoch when the page was made: the script corrects its clock.
    pub server_now: i64,
    /// The address of the buyer's last order, or an empty form.
    pub address: AddressForm,
    pub has_address: bool,
    /// "王芳 · 上海 上海市 浦东新区 世纪大道 100 号".
    pub address_summary: String,
    pub provinces: Vec<(String, &'static str)>,
    pub products: Vec<BuyProduct>,
}

pub struct BuyProduct {
    pub id: String,
    pub title: String,
    pub skus: Vec<BuySku>,
}

pub struct BuySku {
    pub id: String,
    pub name: String,
    pub price: String,
    pub stock: i64,
}

pub async fn buy_sheet(
    state: &AppState,
    page: &PageContext,
    session: &LiveSessionId,
    bag: &[std::sync::Arc<ProductDetail>],
) -> Result<BuySheet, WebError> {
    let address = match &page.user {
        Some(user) => state.services.default_address(&user.actor).await?,
        None => None,
    };
    let products = bag
        .iter()
        .map(|detail| BuyProduct {
            id: detail.product.id.to_string(),
            title: detail.product.title.clone(),
            skus: detail
                .skus
                .iter()
                .map(|sku| BuySku {
                    id: sku.id.to_string(),
                    name: sku.name.clone(),
                    price: sku.price.to_string(),
                    stock: sku.stock,
                })
                .collect(),
        })
        .collect();
    Ok(BuySheet {
        signed_in: page.user.is_some(),
        sign_in: format!("/signin?next=/live/{session}"),
        server_now: state.services.clock.now().millis(),
        address_summary: address
            .as_ref()
            .map(|a| summary(a, page.t.zh))
            .unwrap_or_default(),
        has_address: address.is_some(),
        address: address.unwrap_or_default(),
        provinces: province_options(page.t),
        products,
    })
}

fn summary(a: &AddressForm, zh: bool) -> String {
    let province = Province::parse(&a.province)
        .map(|p| if zh { p.name_zh() } else { p.name_en() })
        .unwrap_or_default();
    format!(
        "{} · {province} {} {} {}",
        a.recipient, a.city, a.county, a.detail
    )
}
