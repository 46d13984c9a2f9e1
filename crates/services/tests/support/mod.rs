//! The marketplace set up for use-case tests against the real SQL store (SQLite in a temporary
//! folder) and the sandbox provider, with a clock the test moves: accounts, listed products,
//! checkout requests, and callbacks delivered straight to the services.
#![allow(dead_code)]

use std::sync::Arc;

use async_trait::async_trait;
use farmgate_domain::access::Actor;
use farmgate_domain::listing::ListingEvent;
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_domain::time::Timestamp;
use farmgate_payments::sandbox::{CallbackTransport, SandboxProvider};
use farmgate_payments::Signer;
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::checkout::{AddressForm, CartItem, CheckoutRequest, PlacedCheckout};
use farmgate_services::payments::PaymentSetup;
use farmgate_services::{new_id, FixedClock, Services};
use farmgate_store::sql::SqlStore;
use farmgate_store::{AccountRecord, ShopRecord, Store};

pub const VILLAGE: &str = "632830101201";

/// A county with a hub operator and the sandbox taking payments; no shops yet.
pub struct Market {
    pub services: Services,
    pub store: Arc<dyn Store>,
    pub sandbox: Arc<SandboxProvider>,
    pub clock: Arc<FixedClock>,
    pub hub: Actor,
    pub data: tempfile::TempDir,
}

pub async fn market() -> Market {
    let data = tempfile::tempdir().unwrap();
    let sql = Arc::new(
        SqlStore::open_sqlite(&data.path().join("farmgate.db"))
            .await
            .unwrap(),
    );
    sql.migrate().await.unwrap();
    let store: Arc<dyn Store> = sql.clone();
    let place = |code: &str, ur| Place {
        code: AreaCode::parse(code).unwrap(),
        name_zh: "地".into(),
        name_en: "Place".into(),
        urban_rural: UrbanRuralCode::parse(ur).unwrap(),
        location: GeoPoint::new(36_000_000, 98_000_000).unwrap(),
    };
    store
        .upsert_places(&[
            place("632830000000", 121),
            place("632830101000", 210),
            place(VILLAGE, 220),
        ])
        .await
        .unwrap();
    let clock = Arc::new(FixedClock::new(Timestamp::from_millis(1_790_000_000_000)));
    let mut services = Services::new(store.clone());
    services.clock = clock.clone();
    let sandbox = Arc::new(
        SandboxProvider::new(sql, Signer::new(b"k"), "http://farmgate.test/sandbox/pay")
            .duplicating(1),
    );
    let services = services.with_payments(PaymentSetup {
        provider: sandbox.clone(),
        notify_url: "http://farmgate.test/api/v1/payments/notify/sandbox".into(),
        public_url: "http://farmgate.test".into(),
    });
    let hub = account(&store, "hub@example.cn", vec![Role::HubOperator]).await;
    Market {
        services,
        store,
        sandbox,
        clock,
        hub,
        data,
    }
}

/// Delivers callbacks straight to the services, as Farmgate's HTTP endpoint would.
pub struct Direct(pub Services);

#[async_trait]
impl CallbackTransport for Direct {
    async fn post(&self, _url: &str, headers: &[(&'static str, String)], body: &str) -> bool {
        let lookup = |name: &str| {
            headers
                .iter()
                .find(|(h, _)| *h == name)
                .map(|(_, v)| v.clone())
        };
        self.0
            .payment_callback(&lookup, body.as_bytes())
            .await
            .is_ok()
    }
}

pub async fn account(store: &Arc<dyn Store>, email: &str, roles: Vec<Role>) -> Actor {
    let record = AccountRecord {
        id: new_id(),
        email: email.into(),
        display_name: "测试".into(),
        password_hash: "x".into(),
        roles: roles.clone(),
        created_at: Timestamp::from_millis(0),
    };
    store.insert_account(&record).await.unwrap();
    Actor {
        account_id: record.id,
        roles,
        shops: vec![],
    }
}

pub async fn listed(
    services: &Services,
    owner: &Actor,
    hub: &Actor,
    store: &Arc<dyn Store>,
    title: &str,
    price: &str,
    stock: &str,
) -> CartItem {
    let shop = ShopRecord {
        id: new_id(),
        name: format!("{title}店"),
        kind: ProducerKind::Cooperative,
        village: AreaCode::parse(VILLAGE).unwrap(),
        description: String::new(),
        created_at: Timestamp::from_millis(0),
    };
    store
        .insert_shop_with_owner(&shop, &owner.account_id)
        .await
        .unwrap();
    let owner = Actor {
        shops: vec![shop.id.clone()],
        ..owner.clone()
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
            stock: stock.into(),
            ..SkuForm::default()
        }],
        ..ProductForm::default()
    };
    let detail = services
        .create_product(&owner, &shop.id, &form)
        .await
        .unwrap();
    services
        .review_product(hub, &detail.product.id, ListingEvent::Approve)
        .await
        .unwrap();
    CartItem {
        product: detail.product.id,
        sku: detail.skus[0].id.clone(),
        quantity: 1,
    }
}

pub fn request(items: Vec<CartItem>, key: &str) -> CheckoutRequest {
    CheckoutRequest {
        items,
        address: AddressForm {
            recipient: "王芳".into(),
            phone: "138 0013 8000".into(),
            province: "上海".into(),
            city: "上海市".into(),
            county: "浦东新区".into(),
            detail: "世纪大道 100 号 2 栋".into(),
        },
        idempotency_key: key.into(),
    }
}

/// The buyer goes to pay: the provider's reference of the checkout's payment.
pub async fn pay_reference(services: &Services, buyer: &Actor, placed: &PlacedCheckout) -> String {
    let cashier_url = services
        .pay_checkout(buyer, &placed.checkout)
        .await
        .unwrap();
    cashier_url.rsplit('/').next().unwrap().to_owned()
}
