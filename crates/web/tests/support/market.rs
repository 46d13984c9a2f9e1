//! A marketplace to test against: shops with a listed product, paid orders, and the payment
//! provider's callbacks posted over real HTTP as its servers post them.

use async_trait::async_trait;
use farmgate_domain::access::Actor;
use farmgate_domain::id::{CheckoutId, ShopId};
use farmgate_domain::listing::ListingEvent;
use farmgate_domain::role::Role;
use farmgate_payments::sandbox::CallbackTransport;
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::checkout::{AddressForm, CartItem, CheckoutRequest};
use farmgate_services::live::LiveForm;
use farmgate_services::new_id;
use farmgate_store::{AccountRecord, LiveSessionRecord, OrderRecord};

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

/// A shop owned by a new account, with one listed product of 20 units.
pub struct Stall {
    pub shop: ShopId,
    pub producer: Actor,
    /// One unit of the product's only variant.
    pub item: CartItem,
}

impl Stall {
    /// The product and variant ids, as the cart's form posts them.
    pub fn ids(&self) -> (String, String) {
        (self.item.product.to_string(), self.item.sku.to_string())
    }
}

/// Opens a shop for a new account `owner_email` and lists `title` at `price`, approved by
/// the hub.
pub async fn stall(app: &TestApp, owner_email: &str, title: &str, price: &str) -> Stall {
    stall_of(app, owner_email, title, price, "fruit").await
}

/// A stall whose product is in `category` (by its slug).
pub async fn stall_of(
    app: &TestApp,
    owner_email: &str,
    title: &str,
    price: &str,
    category: &str,
) -> Stall {
    let owner = app.account(owner_email, &[Role::Buyer]).await;
    let shop = app.shop_for(&owner, &format!("{title}店")).await;
    let producer = Actor {
        roles: vec![Role::Buyer, Role::Producer],
        shops: vec![shop.id.clone()],
        ..as_actor(&owner)
    };
    let form = ProductForm {
        title: title.into(),
        category: category.into(),
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
        shop: shop.id,
        producer,
        item: CartItem {
            product: detail.product.id,
            sku: detail.skus[0].id.clone(),
            quantity: 1,
            video: None,
        },
    }
}

/// A checkout of `quantity` units at the stall by `buyer`, paid in the sandbox with the
/// callback delivered to the real endpoint: its (one) order, now paid.
pub async fn paid_order(
    app: &TestApp,
    buyer: &AccountRecord,
    stall: &Stall,
    quantity: i64,
) -> OrderRecord {
    paid_checkout(app, buyer, &checkout_request(stall, quantity)).await
}

/// Places the request and pays it through the sandbox now: its (first) order, paid.
pub async fn paid_checkout(
    app: &TestApp,
    buyer: &AccountRecord,
    request: &CheckoutRequest,
) -> OrderRecord {
    let actor = as_actor(buyer);
    let placed = app.services.checkout(&actor, request).await.unwrap();
    pay_now(app, &actor, &placed.checkout).await;
    app.services
        .store
        .order(&placed.orders[0].order.id)
        .await
        .unwrap()
        .unwrap()
        .order
}

/// Pays for the checkout through the sandbox now, its callback posted to the real endpoint.
pub async fn pay_now(app: &TestApp, buyer: &Actor, checkout: &CheckoutId) {
    let now = app.services.clock.now();
    let cashier_url = app.services.pay_checkout(buyer, checkout).await.unwrap();
    let provider_ref = cashier_url.rsplit('/').next().unwrap();
    app.sandbox.complete(provider_ref, true, now).await.unwrap();
    app.sandbox.deliver_due(&Http, now).await.unwrap();
}

/// `quantity` units of the stall's product, to an address in Xining.
pub fn checkout_request(stall: &Stall, quantity: i64) -> CheckoutRequest {
    CheckoutRequest {
        items: vec![CartItem {
            quantity,
            video: None,
            ..stall.item.clone()
        }],
        address: AddressForm {
            recipient: "王芳".into(),
            phone: "13800138000".into(),
            province: "63".into(),
            city: "西宁市".into(),
            county: "城西区".into(),
            detail: "五四大街 8 号".into(),
        },
        idempotency_key: new_id::<CheckoutId>().to_string(),
        ..CheckoutRequest::default()
    }
}

/// A signed-up account as the use cases see it, without shops.
pub fn as_actor(account: &AccountRecord) -> Actor {
    Actor {
        account_id: account.id.clone(),
        roles: account.roles.clone(),
        shops: vec![],
    }
}

/// A live session of the stall's shop with its product in the bag, on air now (its host's
/// push authorised, as nginx asks).
pub async fn on_air(app: &TestApp, stall: &Stall) -> LiveSessionRecord {
    let form = LiveForm {
        title: "枸杞直播".into(),
        trailer: String::new(),
        starts_at: Some(app.services.clock.now()),
        products: vec![stall.item.product.to_string()],
    };
    let session = app
        .services
        .schedule_live(&stall.producer, &stall.shop, &form)
        .await
        .unwrap();
    app.services
        .live_publish_authorized(&session.stream_key)
        .await
        .unwrap();
    session
}
