//! A shop with a producer, another producer's shop and a hub operator, on a fresh SQLite
//! store: the world the catalogue's use cases are tested in.
#![allow(dead_code)]

use std::sync::Arc;

use farmgate_domain::access::Actor;
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::{new_id, Services};
use farmgate_store::sql::SqlStore;
use farmgate_store::{AccountRecord, ShopRecord, Store};

pub const VILLAGE: &str = "632830101201";

pub struct World {
    pub services: Services,
    pub producer: Actor,
    pub other_producer: Actor,
    pub hub: Actor,
    pub shop: ShopRecord,
    _data: tempfile::TempDir,
}

pub async fn world() -> World {
    let data = tempfile::tempdir().unwrap();
    let store = SqlStore::open_sqlite(&data.path().join("farmgate.db"))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let store: Arc<dyn Store> = Arc::new(store);
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
    let services = Services::new(store.clone());
    let mut actors = Vec::new();
    let mut shops = Vec::new();
    for (email, roles) in [
        ("p1@example.cn", vec![Role::Buyer]),
        ("p2@example.cn", vec![Role::Buyer]),
        ("hub@example.cn", vec![Role::HubOperator]),
    ] {
        let account = AccountRecord {
            id: new_id(),
            email: email.into(),
            display_name: "测试".into(),
            password_hash: "x".into(),
            roles: roles.clone(),
            created_at: services.clock.now(),
        };
        store.insert_account(&account).await.unwrap();
        let mut shop_ids = Vec::new();
        if roles == vec![Role::Buyer] {
            let shop = ShopRecord {
                id: new_id(),
                name: format!("{email} 农场"),
                kind: ProducerKind::FamilyFarm,
                village: AreaCode::parse(VILLAGE).unwrap(),
                description: String::new(),
                created_at: services.clock.now(),
            };
            store
                .insert_shop_with_owner(&shop, &account.id)
                .await
                .unwrap();
            shop_ids.push(shop.id.clone());
            shops.push(shop);
        }
        actors.push(Actor {
            account_id: account.id,
            roles,
            shops: shop_ids,
        });
    }
    World {
        services,
        hub: actors.pop().unwrap(),
        other_producer: actors.pop().unwrap(),
        producer: actors.pop().unwrap(),
        shop: shops.remove(0),
        _data: data,
    }
}

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
