//! Produce going up: a paid order declared once ships with its parcel, an unpaid one writes
//! nothing, the warehouse hands it to a carrier whose number reaches the order, and its whole
//! path is seen in full by the buyer and masked by anyone else.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::access::Actor;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::parcel::{ParcelCode, ParcelStage};
use farmgate_domain::parcel_up::{ProduceForm, NETWORK_CARRIER};
use farmgate_domain::role::Role;
use farmgate_services::checkout::CartItem;
use farmgate_services::parcels::Scan;
use farmgate_services::up_parcels::{DeclareOrder, Handover, NO_VILLAGE_POINT};
use farmgate_services::ServiceError;
use farmgate_store::{OrderRecord, ParcelFilter, CARRIER_TRACKING_TAKEN, ONLY_PAID_ORDERS_GO_UP};
use support::network::{county_network, Net};
use support::{account, request, two_shops, TwoShops};

const PHONE: DeclareOrder = DeclareOrder {
    weight_kg: String::new(),
    contact_phone: String::new(),
    carrier_wanted: String::new(),
};

fn with_phone() -> DeclareOrder {
    DeclareOrder {
        contact_phone: "139 1234 5678".into(),
        ..PHONE
    }
}

/// Two goji (500 g each) bought; paid when `paid`.
async fn order(w: &TwoShops, key: &str, paid: bool) -> OrderRecord {
    let two_goji = CartItem {
        quantity: 2,
        video: None,
        ..w.goji.item.clone()
    };
    let placed = w
        .services
        .checkout(&w.buyer, &request(vec![two_goji], key))
        .await
        .unwrap();
    if paid {
        w.pay(&w.buyer, &placed).await;
    }
    placed.orders[0].order.clone()
}

async fn receive(w: &TwoShops, staff: &Actor, net: &Net, code: &ParcelCode) {
    let scan = Scan {
        code: code.clone(),
        stage: ParcelStage::Received,
        at: None,
        node: Some(net.warehouse.id.clone()),
        run: None,
    };
    w.services.scan_parcel(staff, &scan).await.unwrap();
}

#[tokio::test]
async fn declaring_an_order_twice_gives_one_parcel_and_ships_the_order() {
    let w = two_shops().await;
    let net = county_network(&w).await;
    let paid = order(&w, "key-00000001", true).await;
    let first = w
        .services
        .declare_order(&w.goji.producer, &paid.id, &with_phone())
        .await
        .unwrap();
    assert!(first.new);
    let parcel = first.parcel;
    assert_eq!(
        (
            parcel.stage,
            &parcel.point,
            parcel.weight_g,
            parcel.order.as_ref()
        ),
        (ParcelStage::Declared, &net.point.id, 1_000, Some(&paid.id)),
        "at the shop's village point, weighing what its items weigh"
    );
    assert_eq!(parcel.villager.phone.as_str(), "13912345678");

    let again = w
        .services
        .declare_order(&w.goji.producer, &paid.id, &PHONE)
        .await
        .unwrap();
    assert_eq!((again.new, again.parcel), (false, parcel.clone()));
    let filter = ParcelFilter {
        order: Some(paid.id.clone()),
        ..ParcelFilter::default()
    };
    assert_eq!(w.store.parcels(&filter).await.unwrap().len(), 1);

    let shipped = w.store.order(&paid.id).await.unwrap().unwrap().order;
    let shipment = shipped.shipment.unwrap();
    assert_eq!(
        (
            shipped.status,
            shipment.carrier.as_str(),
            shipment.tracking_no.as_str()
        ),
        (OrderStatus::Shipped, NETWORK_CARRIER, parcel.code.as_str())
    );
}

#[tokio::test]
async fn an_unpaid_order_or_an_unserved_village_sends_nothing() {
    let w = two_shops().await;
    let unpaid = order(&w, "key-00000002", false).await;
    county_network(&w).await;
    let refused = w
        .services
        .declare_order(&w.goji.producer, &unpaid.id, &with_phone())
        .await;
    assert!(matches!(refused, Err(ServiceError::Conflict(m)) if m == ONLY_PAID_ORDERS_GO_UP));
    let stored = w.store.order(&unpaid.id).await.unwrap().unwrap().order;
    assert_eq!(
        (stored.status, stored.shipment),
        (OrderStatus::PendingPayment, None)
    );
    assert!(w
        .store
        .parcels(&ParcelFilter::default())
        .await
        .unwrap()
        .is_empty());

    // The other shop's producer cannot send this shop's order.
    assert!(matches!(
        w.services
            .declare_order(&w.salt.producer, &unpaid.id, &with_phone())
            .await,
        Err(ServiceError::Forbidden)
    ));
}

#[tokio::test]
async fn a_shop_whose_village_has_no_point_is_told_so() {
    let w = two_shops().await;
    let paid = order(&w, "key-00000003", true).await;
    let refused = w
        .services
        .declare_order(&w.goji.producer, &paid.id, &with_phone())
        .await;
    assert!(matches!(refused, Err(ServiceError::Conflict(m)) if m == NO_VILLAGE_POINT));
    let stored = w.store.order(&paid.id).await.unwrap().unwrap().order;
    assert_eq!(stored.status, OrderStatus::Paid);
}

#[tokio::test]
async fn a_handover_names_the_carrier_on_the_order_once_and_the_path_shows_it() {
    let w = two_shops().await;
    let net = county_network(&w).await;
    let paid = order(&w, "key-00000004", true).await;
    let parcel = w
        .services
        .declare_order(&w.goji.producer, &paid.id, &with_phone())
        .await
        .unwrap()
        .parcel;
    let staff = account(&w.store, "staff@example.cn", vec![Role::Logistics]).await;
    let handover = Handover {
        code: parcel.code.clone(),
        carrier: net.carrier.id.clone(),
        tracking: "sf 1234 5678 9012".into(),
    };
    assert!(
        matches!(
            w.services.hand_over_parcel(&staff, &handover).await,
            Err(ServiceError::Conflict(_))
        ),
        "not yet at the warehouse"
    );
    receive(&w, &staff, &net, &parcel.code).await;
    let queue = w.services.handover_queue(&staff).await.unwrap();
    assert_eq!(queue.parcels.len(), 1);
    assert_eq!(queue.parcels[0].destination, "上海市 浦东新区");

    let handed = w
        .services
        .hand_over_parcel(&staff, &handover)
        .await
        .unwrap();
    assert!(!handed.already);
    assert_eq!(
        (
            handed.parcel.stage,
            handed.parcel.carrier_tracking.as_deref()
        ),
        (ParcelStage::HandedOver, Some("SF123456789012"))
    );
    let shipment = w
        .store
        .order(&paid.id)
        .await
        .unwrap()
        .unwrap()
        .order
        .shipment
        .unwrap();
    assert_eq!(
        (shipment.carrier.as_str(), shipment.tracking_no.as_str()),
        ("sf", "SF123456789012")
    );
    let again = w
        .services
        .hand_over_parcel(&staff, &handover)
        .await
        .unwrap();
    assert!(again.already);
    assert!(w
        .services
        .handover_queue(&staff)
        .await
        .unwrap()
        .parcels
        .is_empty());

    // Produce with the same carrier's number is refused.
    let produce = ProduceForm {
        recipient: "王芳".into(),
        phone: "13800138000".into(),
        destination: "西宁市城中区".into(),
        weight_kg: "2.5".into(),
        carrier_wanted: net.carrier.id.to_string(),
    };
    let other = w
        .services
        .declare_produce(&w.goji.producer, &w.goji.shop, &produce, "13912345678")
        .await
        .unwrap();
    assert_eq!(
        other.carrier.as_ref(),
        Some(&net.carrier.id),
        "the carrier asked for"
    );
    let unknown_carrier = ProduceForm {
        carrier_wanted: "0193a5b2-0000-7000-8000-000000000000".into(),
        ..produce.clone()
    };
    assert!(matches!(
        w.services
            .declare_produce(
                &w.goji.producer,
                &w.goji.shop,
                &unknown_carrier,
                "13912345678"
            )
            .await,
        Err(ServiceError::Validation(_))
    ));
    receive(&w, &staff, &net, &other.code).await;
    let duplicate = Handover {
        code: other.code.clone(),
        ..handover
    };
    assert!(matches!(
        w.services.hand_over_parcel(&staff, &duplicate).await,
        Err(ServiceError::Conflict(m)) if m == CARRIER_TRACKING_TAKEN
    ));

    let path = w
        .services
        .order_parcel_path(&w.buyer, &paid.id)
        .await
        .unwrap()
        .unwrap();
    let steps: Vec<_> = path
        .steps
        .iter()
        .map(|s| (s.stage, s.place.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        steps,
        [
            (ParcelStage::Declared, "VP-1 site".to_owned()),
            (ParcelStage::Received, "WH site".to_owned()),
            (ParcelStage::HandedOver, "WH site".to_owned()),
        ]
    );
    assert_eq!(path.carrier.map(|c| c.name), Some("顺丰速运".to_owned()));
    assert!(matches!(
        w.services
            .order_parcel_path(&w.salt.producer, &paid.id)
            .await,
        Err(ServiceError::NotFound)
    ));
    let public = w.services.public_parcel_path(&parcel.code).await.unwrap();
    assert_eq!(
        (
            public.villager_name.as_str(),
            public.villager_phone.as_str()
        ),
        ("测*", "139****5678")
    );
}
