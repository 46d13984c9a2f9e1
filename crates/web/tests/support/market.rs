//! A marketplace to test against: listed products, and payment callbacks posted over real HTTP
//! as the provider's servers do.

use async_trait::async_trait;
use farmgate_domain::listing::ListingEvent;
use farmgate_domain::role::Role;
use farmgate_payments::sandbox::CallbackTransport;
use farmgate_services::catalogue::{ProductForm, SkuForm};

use super::{TestApp, VILLAGE};

/// Posts callbacks over real HTTP, as the provider's servers do.
pub struct Http;

#[async_trait]
impl CallbackTransport for Http {
    async fn post(&self, url: &str, headers: &[(&'static str, String)], body: &str) -> bool {
        let mut request = reqwest::Client::new()
            .post(url)
            .header("content-type", "application/json")
            .body(body.to_owned());
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        request
            .send()
            .await
            .map(|r| r.status().is_success())
            .unwrap_or(false)
    }
}

/// A listed product of a new shop owned by `owner_email`: its product and SKU ids.
pub async fn listed(
    app: &TestApp,
    owner_email: &str,
    title: &str,
    price: &str,
) -> (String, String) {
    let owner = app.account(owner_email, &[Role::Buyer]).await;
    let shop = app.shop_for(&owner, &format!("{title}店")).await;
    let actor = farmgate_domain::access::Actor {
        account_id: owner.id,
        roles: vec![Role::Buyer, Role::Producer],
        shops: vec![shop.id.clone()],
    };
    let form = ProductForm {
        title: title.into(),
        category: "fruit".into(),
        grade: "特级".into(),
        origin: VILLAGE.into(),
        skus: vec![SkuForm {
            name: "500g".into(),
            price: price.into(),
            unit: "g".into(),
            net_weight_g: "500".into(),
            stock: "20".into(),
            ..SkuForm::default()
        }],
        ..ProductForm::default()
    };
    let detail = app
        .services
        .create_product(&actor, &shop.id, &form)
        .await
        .unwrap();
    let hub = farmgate_domain::access::Actor {
        account_id: actor.account_id.clone(),
        roles: vec![Role::HubOperator],
        shops: vec![],
    };
    app.services
        .review_product(&hub, &detail.product.id, ListingEvent::Approve)
        .await
        .unwrap();
    (detail.product.id.to_string(), detail.skus[0].id.to_string())
}

/// A checkout of `quantity` of one SKU by `buyer`, paid in the sandbox with the callback
/// delivered to the real endpoint: its (one) order, now paid.
pub async fn paid_order(
    app: &TestApp,
    buyer: &farmgate_store::AccountRecord,
    (product, sku): &(String, String),
    quantity: i64,
) -> farmgate_store::OrderRecord {
    use farmgate_domain::id::{ProductId, SkuId};
    use farmgate_services::checkout::{AddressForm, CartItem, CheckoutRequest};
    let actor = farmgate_domain::access::Actor {
        account_id: buyer.id.clone(),
        roles: buyer.roles.clone(),
        shops: vec![],
    };
    let request = CheckoutRequest {
        items: vec![CartItem {
            product: ProductId::parse(product).unwrap(),
            sku: SkuId::parse(sku).unwrap(),
            quantity,
        }],
        address: AddressForm {
            recipient: "王芳".into(),
            phone: "13800138000".into(),
            province: "63".into(),
            city: "西宁市".into(),
            county: "城西区".into(),
            detail: "五四大街 8 号".into(),
        },
        idempotency_key: farmgate_services::new_id::<farmgate_domain::id::CheckoutId>().to_string(),
    };
    let placed = app.services.checkout(&actor, &request).await.unwrap();
    let now = app.services.clock.now();
    let cashier_url = app
        .services
        .pay_checkout(&actor, &placed.checkout)
        .await
        .unwrap();
    let provider_ref = cashier_url.rsplit('/').next().unwrap();
    app.sandbox.complete(provider_ref, true, now).await.unwrap();
    app.sandbox.deliver_due(&Http, now).await.unwrap();
    app.services
        .store
        .order(&placed.orders[0].order.id)
        .await
        .unwrap()
        .unwrap()
        .order
}
