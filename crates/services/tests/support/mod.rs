//! The marketplace set up for use-case tests against the real SQL store (SQLite in a temporary
//! folder) and the sandbox provider, with a clock the test moves: accounts, shops with listed
//! products, checkout requests, payments and refunds with their callbacks delivered straight
//! to the services.
#![allow(dead_code)]

pub mod network;
mod postgres;
pub mod trace;

use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use farmgate_domain::access::Actor;
use farmgate_domain::id::{AfterSaleId, CheckoutId, OrderId, ShopId};
use farmgate_domain::listing::ListingEvent;
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_domain::time::Timestamp;
use farmgate_payments::sandbox::{CallbackTransport, SandboxProvider, REFUND_SETTLES_AFTER_MILLIS};
use farmgate_payments::Signer;
use farmgate_services::after_sales::AfterSaleForm;
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::checkout::{AddressForm, CartItem, CheckoutRequest, PlacedCheckout};
use farmgate_services::payments::PaymentSetup;
use farmgate_services::{new_id, FixedClock, ServiceResult, Services};
use farmgate_store::sql::SqlStore;
use farmgate_store::{AccountRecord, AfterSaleRecord, ShopRecord, Store};

pub const VILLAGE: &str = "632830101201";

/// A county with a hub operator and the sandbox taking payments; no shops yet.
pub struct Market {
    pub services: Services,
    pub store: Arc<dyn Store>,
    pub sandbox: Arc<SandboxProvider>,
    pub clock: Arc<FixedClock>,
    pub hub: Actor,
    pub data: tempfile::TempDir,
    sql: Arc<SqlStore>,
    scratch: Option<postgres::ScratchDatabase>,
}

pub async fn market() -> Market {
    let data = tempfile::tempdir().unwrap();
    let sql = SqlStore::open_sqlite(&data.path().join("farmgate.db"))
        .await
        .unwrap();
    market_on(sql, data, None).await
}

/// The same market on a PostgreSQL database of its own, when the run has one (see
/// `postgres.rs`); drop it with `Market::finish`.
pub async fn market_on_postgres() -> Option<Market> {
    let (sql, scratch) = postgres::scratch_store().await?;
    Some(market_on(sql, tempfile::tempdir().unwrap(), Some(scratch)).await)
}

async fn market_on(
    sql: SqlStore,
    data: tempfile::TempDir,
    scratch: Option<postgres::ScratchDatabase>,
) -> Market {
    let sql = Arc::new(sql);
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
    let mut services = Services::new(store.clone()).with_reconnect_grace(Duration::ZERO);
    services.clock = clock.clone();
    let sandbox = Arc::new(
        SandboxProvider::new(
            sql.clone(),
            Signer::new(b"k"),
            "http://farmgate.test/sandbox/pay",
        )
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
        sql,
        scratch,
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

/// A new producer's shop with one listed product.
pub struct Stall {
    pub shop: ShopId,
    pub producer: Actor,
    /// One of the product's only variant.
    pub item: CartItem,
}

/// A shop of a new account `owner_email`, who is its producer.
pub async fn open_shop(m: &Market, owner_email: &str, name: &str) -> (ShopId, Actor) {
    let owner = account(&m.store, owner_email, vec![Role::Buyer]).await;
    let shop = ShopRecord {
        id: new_id(),
        name: name.into(),
        kind: ProducerKind::Cooperative,
        village: AreaCode::parse(VILLAGE).unwrap(),
        description: String::new(),
        created_at: Timestamp::from_millis(0),
    };
    m.store
        .insert_shop_with_owner(&shop, &owner.account_id)
        .await
        .unwrap();
    let producer = Actor {
        roles: vec![Role::Buyer, Role::Producer],
        shops: vec![shop.id.clone()],
        ..owner
    };
    (shop.id, producer)
}

/// Opens a shop for a new account `owner_email` and lists `title` in it, approved by the hub.
pub async fn stall(m: &Market, owner_email: &str, title: &str, price: &str, stock: &str) -> Stall {
    let (shop, producer) = open_shop(m, owner_email, &format!("{title}店")).await;
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
    let detail = m
        .services
        .create_product(&producer, &shop, &form)
        .await
        .unwrap();
    m.services
        .review_product(&m.hub, &detail.product.id, ListingEvent::Approve)
        .await
        .unwrap();
    Stall {
        shop,
        producer,
        item: CartItem {
            product: detail.product.id,
            sku: detail.skus[0].id.clone(),
            quantity: 1,
            video: None,
        },
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
        ..CheckoutRequest::default()
    }
}

/// The buyer goes to pay: the provider's reference of the checkout's payment.
pub async fn pay_reference(services: &Services, buyer: &Actor, placed: &PlacedCheckout) -> String {
    cashier_reference(services, buyer, &placed.checkout).await
}

/// The buyer goes to pay for the checkout `id`: its payment's reference at the sandbox.
pub async fn cashier_reference(services: &Services, buyer: &Actor, id: &CheckoutId) -> String {
    let cashier_url = services.pay_checkout(buyer, id).await.unwrap();
    cashier_url.rsplit('/').next().unwrap().to_owned()
}

impl Market {
    /// Closes the store and drops the PostgreSQL database, if it has one.
    pub async fn finish(self) {
        self.sql.close().await;
        if let Some(scratch) = self.scratch {
            scratch.drop_database().await;
        }
    }

    /// The buyer pays on the sandbox's cashier and its callback (duplicated) arrives.
    pub async fn pay(&self, buyer: &Actor, placed: &PlacedCheckout) {
        self.pay_for(buyer, &placed.checkout).await;
    }

    /// The buyer pays for the checkout `id` on the sandbox's cashier, and its callback arrives.
    pub async fn pay_for(&self, buyer: &Actor, id: &CheckoutId) {
        let reference = cashier_reference(&self.services, buyer, id).await;
        let now = self.clock.now_ms();
        self.sandbox.complete(&reference, true, now).await.unwrap();
        self.callbacks_due().await;
    }

    /// Lets the sandbox's refunds settle and delivers every callback due, duplicates included.
    pub async fn refunds_settle(&self) {
        self.clock.advance_millis(REFUND_SETTLES_AFTER_MILLIS);
        self.callbacks_due().await;
        self.clock.advance_millis(2_000);
        self.callbacks_due().await;
    }

    /// The buyer asks for a refund (without a return) of `amount` of the order, in yuan;
    /// empty asks for everything left to refund.
    pub async fn ask_refund(
        &self,
        buyer: &Actor,
        order: &OrderId,
        reason: &str,
        amount: &str,
    ) -> ServiceResult<AfterSaleRecord> {
        let form = AfterSaleForm {
            kind: "refund_only".into(),
            reason: reason.into(),
            amount: amount.into(),
            description: "收到时有几颗坏了".into(),
        };
        self.services
            .open_after_sale(buyer, order, &form, vec![])
            .await
    }

    /// An after-sales request as stored now.
    pub async fn after_sale(&self, id: &AfterSaleId) -> AfterSaleRecord {
        self.store.after_sale(id).await.unwrap().unwrap()
    }

    /// Delivers the sandbox's callbacks due by now.
    pub async fn callbacks_due(&self) {
        self.sandbox
            .deliver_due(&Direct(self.services.clone()), self.clock.now_ms())
            .await
            .unwrap();
    }
}

/// A buyer and two shops: goji (five in stock) and salt (a hundred).
pub struct TwoShops {
    pub market: Market,
    pub buyer: Actor,
    pub goji: Stall,
    pub salt: Stall,
}

pub async fn two_shops() -> TwoShops {
    let market = market().await;
    let goji = stall(&market, "a@example.cn", "黑枸杞", "68.00", "5").await;
    let salt = stall(&market, "b@example.cn", "茶卡湖盐", "12.50", "100").await;
    let buyer = account(&market.store, "buyer@example.cn", vec![Role::Buyer]).await;
    TwoShops {
        market,
        buyer,
        goji,
        salt,
    }
}

impl Deref for TwoShops {
    type Target = Market;

    fn deref(&self) -> &Market {
        &self.market
    }
}

/// Two producers with a shop each, and the hub: the catalogue's use cases are tested among
/// them.
pub struct Farms {
    pub market: Market,
    pub producer: Actor,
    pub other_producer: Actor,
    /// The producer's shop.
    pub shop: ShopId,
}

pub async fn farms() -> Farms {
    let market = market().await;
    let (shop, producer) = open_shop(&market, "p1@example.cn", "卓玛家庭农场").await;
    let (_, other_producer) = open_shop(&market, "p2@example.cn", "扎西家庭农场").await;
    Farms {
        market,
        producer,
        other_producer,
        shop,
    }
}

impl Deref for Farms {
    type Target = Market;

    fn deref(&self) -> &Market {
        &self.market
    }
}

/// A full product form: two variants, one of them left empty as the form shows it.
pub fn goji() -> ProductForm {
    ProductForm {
        title: "柴达木黑枸杞 特级".into(),
        title_en: "Qaidam black goji, special grade".into(),
        description: "海拔三千米，自然晾晒。".into(),
        category: "fruit".into(),
        grade: "特级".into(),
        origin: VILLAGE.into(),
        season_months: vec![8, 9, 10],
        presale_ships_from: String::new(),
        skus: vec![
            SkuForm {
                name: "250g 袋装".into(),
                price: "68.00".into(),
                unit: "g".into(),
                net_weight_g: "250".into(),
                shipping_weight_g: "300".into(),
                stock: "120".into(),
            },
            SkuForm::default(),
        ],
    }
}

/// The hub runs two campaigns over every product for a week: 20% off each unit, and spend ¥50
/// save ¥10 across shops — to show what they leave alone.
pub async fn run_campaigns(m: &Market) {
    let now = m.services.clock.now();
    let window = farmgate_services::campaigns::CampaignForm {
        starts: Some(now.plus_millis(-1)),
        ends: Some(now.plus_days(7)),
        platform_share: "50".into(),
        scope: "everything".into(),
        ..Default::default()
    };
    for (name, rule, amount) in [
        ("丰收节", "percent_off", "20"),
        ("双十一", "spend_save", "10"),
    ] {
        let form = farmgate_services::campaigns::CampaignForm {
            name: name.into(),
            rule: rule.into(),
            percent_off: amount.into(),
            threshold: "50".into(),
            amount_off: amount.into(),
            ..window.clone()
        };
        m.services.create_campaign(&m.hub, &form).await.unwrap();
    }
}
