//! Set-up for tests about what happens after a sale: a listed product, a paid order, callbacks
//! posted over real HTTP as the provider's servers post them.

use async_trait::async_trait;
use farmgate_domain::access::Actor;
use farmgate_domain::listing::ListingEvent;
use farmgate_domain::role::Role;
use farmgate_payments::sandbox::CallbackTransport;
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::checkout::{AddressForm, CartItem, CheckoutRequest};
use farmgate_store::OrderRecord;

use super::{TestApp, VILLAGE};

/// Posts callbacks over real HTTP.
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

/// A shop owned by a new account `owner_email`, with one listed product of 20 units.
pub struct Stall {
    pub producer: Actor,
    pub item: CartItem,
}

pub async fn stall(app: &TestApp, owner_email: &str, price: &str) -> Stall {
    let owner = app.account(owner_email, &[Role::Buyer]).await;
    let shop = app.shop_for(&owner, &format!("{owner_email} 农场")).await;
    let producer = Actor {
        account_id: owner.id,
        roles: vec![Role::Buyer, Role::Producer],
        shops: vec![shop.id.clone()],
    };
    let form = ProductForm {
        title: "柴达木黑枸杞".into(),
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
        .create_product(&producer, &shop.id, &form)
        .await
        .unwrap();
    let hub = Actor {
        roles: vec![Role::HubOperator],
        shops: vec![],
        ..producer.clone()
    };
    app.services
        .review_product(&hub, &detail.product.id, ListingEvent::Approve)
        .await
        .unwrap();
    Stall {
        producer,
        item: CartItem {
            product: detail.product.id,
            sku: detail.skus[0].id.clone(),
            quantity: 2,
        },
    }
}

/// `buyer` buys two units at the stall and pays; the provider's callback reaches the real
/// endpoint.
pub async fn paid_order(app: &TestApp, buyer: &Actor, stall: &Stall, key: &str) -> OrderRecord {
    let request = CheckoutRequest {
        items: vec![stall.item.clone()],
        address: AddressForm {
            recipient: "王芳".into(),
            phone: "13800138000".into(),
            province: "上海".into(),
            city: "上海市".into(),
            county: "浦东新区".into(),
            detail: "世纪大道 100 号".into(),
        },
        idempotency_key: key.into(),
    };
    let placed = app.services.checkout(buyer, &request).await.unwrap();
    let cashier = app
        .services
        .pay_checkout(buyer, &placed.checkout)
        .await
        .unwrap();
    let provider_ref = cashier.rsplit('/').next().unwrap().to_owned();
    let now = app.services.clock.now();
    app.sandbox
        .complete(&provider_ref, true, now)
        .await
        .unwrap();
    app.sandbox.deliver_due(&Http, now).await.unwrap();
    placed.orders[0].order.clone()
}

/// The buyer behind a signed-up account, as the use cases see them.
pub fn buyer(account: &farmgate_store::AccountRecord) -> Actor {
    Actor {
        account_id: account.id.clone(),
        roles: account.roles.clone(),
        shops: vec![],
    }
}
