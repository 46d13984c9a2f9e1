//! The cart page: each line at the price checkout will charge (a running campaign's, beside
//! the shelf price), the spend-saves it is near, the campaign and shop coupons its goods reach,
//! and the address form that checks it out (`buying::checkout`).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use farmgate_domain::address::Province;
use farmgate_domain::id::ShopId;
use farmgate_domain::money::Money;
use farmgate_services::checkout::AddressForm;
use rand::RngCore;

use super::cart_coupons::{self, ShopCoupons};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::FieldErrors;
use crate::state::AppState;
use crate::texts::Texts;

#[derive(Template)]
#[template(path = "cart.html")]
struct CartPage {
    page: PageContext,
    lines: Vec<CartRow>,
    goods: String,
    provinces: Vec<(String, &'static str)>,
    address: AddressForm,
    idempotency_key: String,
    errors: FieldErrors,
    problem: Option<&'static str>,
    coupons: Vec<ShopCoupons>,
    /// The spend-save campaigns the cart has goods in, and how near it is to each.
    savings: Vec<String>,
    /// The campaign coupons the cart reaches, `(claim id, words)`, the largest saving first.
    campaign_coupons: Vec<(String, String)>,
}

struct CartRow {
    product_id: String,
    sku_id: String,
    title: String,
    sku_name: String,
    /// The price checkout charges: a running campaign's when one lowers it.
    price: String,
    /// The campaign's name and the shelf price, when it does.
    was: Option<(String, String)>,
    quantity: i64,
    line_total: String,
}

pub async fn cart(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    render_cart(
        &state,
        page,
        AddressForm::default(),
        FieldErrors::default(),
        None,
    )
    .await
}

pub(super) async fn render_cart(
    state: &AppState,
    page: PageContext,
    address: AddressForm,
    errors: FieldErrors,
    problem: Option<&'static str>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let entries = state.services.cart(&user.actor).await?;
    let campaigns = state
        .services
        .campaign_cart(&user.actor.account_id, &entries)
        .await?;
    let mut goods = 0i64;
    // Each shop's goods after campaign savings: what its coupons' minimum spends read.
    let mut per_shop: Vec<(ShopId, Money)> = Vec::new();
    let mut lines = Vec::with_capacity(entries.len());
    for ((entry, lowered), after) in entries.iter().zip(&campaigns.prices).zip(&campaigns.goods) {
        let Some(sku) = entry
            .product
            .skus
            .iter()
            .find(|s| s.id == entry.line.sku_id)
        else {
            continue;
        };
        let price = lowered.as_ref().map_or(sku.price, |l| l.price);
        let total = price.checked_mul(entry.line.quantity).unwrap_or(price);
        goods = goods.saturating_add(total.minor());
        let shop = &entry.product.product.shop_id;
        match per_shop.iter_mut().find(|(s, _)| s == shop) {
            Some((_, sum)) => *sum = sum.checked_add(*after).unwrap_or(*sum),
            None => per_shop.push((shop.clone(), *after)),
        }
        lines.push(CartRow {
            product_id: entry.product.product.id.to_string(),
            sku_id: sku.id.to_string(),
            title: entry.product.product.title.clone(),
            sku_name: sku.name.clone(),
            price: price.to_string(),
            was: lowered
                .as_ref()
                .map(|l| (l.name.clone(), l.was.to_string())),
            quantity: entry.line.quantity,
            line_total: total.to_string(),
        });
    }
    let ct = page.t.campaign;
    let savings = campaigns
        .spend_saves
        .iter()
        .map(|s| ct.saving(&s.name, s.threshold, s.off, s.covered))
        .collect();
    let campaign_coupons = campaigns
        .coupons
        .iter()
        .map(|c| {
            let terms = ct.coupon_terms(&c.claim.coupon.terms);
            let saves = ct.saves.replace("{saves}", &c.saves.to_string());
            (
                c.claim.id.to_string(),
                format!("{} · {terms} · {saves}", c.campaign),
            )
        })
        .collect();
    let coupons = cart_coupons::choices(state, &page, &user.actor.account_id, &per_shop).await?;
    render(&CartPage {
        coupons,
        campaign_coupons,
        lines,
        savings,
        goods: Money::fen(goods).to_string(),
        provinces: province_options(page.t),
        address,
        idempotency_key: fresh_key(),
        errors,
        problem,
        page,
    })
}

/// The address form's province choices: the 2-digit code and the name in the reader's language.
pub(super) fn province_options(t: &Texts) -> Vec<(String, &'static str)> {
    Province::all()
        .map(|p| {
            let name = if t.zh { p.name_zh() } else { p.name_en() };
            (format!("{:02}", p.code()), name)
        })
        .collect()
}

/// A new key per rendering of the checkout form: resubmitting the same form is one checkout.
pub(super) fn fresh_key() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
