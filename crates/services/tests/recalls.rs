//! Packing, selling only passed batches, the journey from the order and parcel flows, and
//! recalls: who may open one, what it stops, whom it tells, and their acknowledgements.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::access::Actor;
use farmgate_domain::id::OrderId;
use farmgate_domain::parcel::ParcelStage;
use farmgate_domain::role::Role;
use farmgate_domain::trace::{
    Batch, BatchEvent, BatchStatus, BizStep, Disposition, EventPlace, Gtin, PackForm, QualityStatus,
};
use farmgate_domain::validation::Problem;
use farmgate_services::checkout::CartItem;
use farmgate_services::down::OutboxNotifier;
use farmgate_services::parcels::Scan;
use farmgate_services::trace::{ALREADY_RECALLED, NO_PASSED_BATCH, PRODUCT_RECALLED};
use farmgate_services::up_parcels::DeclareOrder;
use farmgate_services::{new_id, ServiceError};
use farmgate_store::{NotificationKind, ProductTrace};
use support::network::county_network;
use support::trace::{inspection_form, recorded_batch};
use support::{account, market, request, stall, Market, Stall};

const GTIN: &str = "09506000134352";
const SALT_GTIN: &str = "09506000134369";

/// A batch recorded by its producer and, unless `quality` is uninspected, inspected by an
/// officer to that result — through the services, as the pages do it.
async fn batch(m: &Market, goji: &Stall, lot: &str, units: i64, quality: QualityStatus) -> Batch {
    let batch = recorded_batch(m, goji, lot, units).await;
    let moisture = match quality {
        QualityStatus::Uninspected => return batch,
        QualityStatus::Passed => "12",
        QualityStatus::Failed => "14",
    };
    let officer = account(
        &m.store,
        &format!("qa-{lot}@example.cn"),
        vec![Role::QualityOfficer],
    )
    .await;
    m.services
        .record_inspection(&officer, &batch.id, &inspection_form(moisture), None)
        .await
        .unwrap();
    m.store.batch(&batch.id).await.unwrap().unwrap()
}

async fn trace(m: &Market, goji: &Stall, passed_batches_only: bool) {
    let trace = ProductTrace {
        product: goji.item.product.clone(),
        gtin: Some(Gtin::parse(GTIN).unwrap()),
        passed_batches_only,
    };
    m.store.set_product_trace(&trace).await.unwrap();
}

/// A paid order of `quantity` goji.
async fn paid(m: &Market, buyer: &Actor, goji: &Stall, quantity: i64) -> OrderId {
    let item = CartItem {
        quantity,
        video: None,
        ..goji.item.clone()
    };
    let placed = m
        .services
        .checkout(buyer, &request(vec![item], &new_id::<String>()))
        .await
        .unwrap();
    m.pay(buyer, &placed).await;
    placed.orders[0].order.id.clone()
}

fn from(batch: &str, link: &str, units: &str) -> PackForm {
    PackForm {
        batch: batch.into(),
        link: link.into(),
        units: units.into(),
    }
}

fn fields(result: Result<impl std::fmt::Debug, ServiceError>) -> Vec<(&'static str, Problem)> {
    match result {
        Err(ServiceError::Validation(errors)) => {
            errors.0.iter().map(|e| (e.field, e.problem)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn steps(events: &[BatchEvent]) -> Vec<(BizStep, Disposition)> {
    events.iter().map(|e| (e.biz_step, e.disposition)).collect()
}

#[tokio::test]
async fn a_batch_that_failed_inspection_cannot_be_sold_when_the_product_requires_passed_batches() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;
    trace(&m, &goji, true).await;
    let failed = batch(&m, &goji, "F1", 50, QualityStatus::Failed).await;
    let refused = m
        .services
        .checkout(&buyer, &request(vec![goji.item.clone()], "key-00000001"))
        .await;
    assert!(matches!(
        refused,
        Err(ServiceError::Conflict(NO_PASSED_BATCH))
    ));

    let passed = batch(&m, &goji, "P1", 50, QualityStatus::Passed).await;
    let order = paid(&m, &buyer, &goji, 2).await;
    let packing = m
        .services
        .packing_lines(&goji.producer, &order)
        .await
        .unwrap();
    let choices: Vec<_> = packing[0].choices.iter().map(|s| &s.batch.id).collect();
    assert_eq!(choices, [&passed.id], "only the passed batch is offered");
    let packed = m
        .services
        .pack_order_line(
            &goji.producer,
            &order,
            0,
            &[from(failed.id.as_str(), "", "2")],
        )
        .await;
    assert_eq!(fields(packed), [("batch", Problem::NotAllowed)]);
    m.services
        .pack_order_line(
            &goji.producer,
            &order,
            0,
            &[from(passed.id.as_str(), "", "2")],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn packing_by_choice_or_label_ties_units_and_the_order_flows_write_the_journey() {
    let m = market().await;
    let net = county_network(&m).await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let salt = stall(&m, "salt@example.cn", "茶卡湖盐", "12", "100").await;
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;
    trace(&m, &goji, false).await;
    let a = batch(&m, &goji, "A", 10, QualityStatus::Uninspected).await;
    let b = batch(&m, &goji, "B", 10, QualityStatus::Passed).await;
    let salt_lot = batch(&m, &salt, "S", 10, QualityStatus::Passed).await;
    let order = paid(&m, &buyer, &goji, 3).await;
    let pack = |forms: Vec<PackForm>| {
        let (m, goji, order) = (&m, &goji, &order);
        async move {
            m.services
                .pack_order_line(&goji.producer, order, 0, &forms)
                .await
        }
    };

    let b_label = format!("https://farm.example.cn/01/{GTIN}/10/B");
    assert_eq!(
        fields(pack(vec![from(a.id.as_str(), "", "3"), from("", &b_label, "1")]).await),
        [("units", Problem::Invalid)],
        "more than the line's three"
    );
    assert_eq!(
        fields(pack(vec![from("", "/01/09506000134353/10/B", "1")]).await),
        [("link", Problem::Invalid)],
        "a wrong check digit"
    );
    let salt_trace = ProductTrace {
        product: salt.item.product.clone(),
        gtin: Some(Gtin::parse(SALT_GTIN).unwrap()),
        passed_batches_only: false,
    };
    m.store.set_product_trace(&salt_trace).await.unwrap();
    let salt_label = format!("/01/{SALT_GTIN}/10/{}", salt_lot.lot);
    assert_eq!(
        fields(pack(vec![from("nope", "", "x"), from("", &salt_label, "1")]).await),
        [
            ("batch", Problem::Invalid),
            ("units", Problem::Invalid),
            ("link", Problem::NotAllowed)
        ],
        "an unknown batch, units that are no number, another product's label"
    );
    assert!(m.store.order_batch_ties(&order).await.unwrap().is_empty());

    pack(vec![from(a.id.as_str(), "", "2"), from("", &b_label, "1")])
        .await
        .unwrap();
    let ties = m.store.order_batch_ties(&order).await.unwrap();
    assert_eq!(ties.iter().map(|t| t.units).sum::<i64>(), 3);

    let declared = m
        .services
        .declare_order(
            &goji.producer,
            &order,
            &DeclareOrder {
                contact_phone: "139 1234 5678".into(),
                ..DeclareOrder::default()
            },
        )
        .await
        .unwrap();
    let staff = account(&m.store, "staff@example.cn", vec![Role::Logistics]).await;
    let scan = Scan {
        code: declared.parcel.code.clone(),
        stage: ParcelStage::Received,
        at: None,
        node: Some(net.warehouse.id.clone()),
        run: None,
    };
    m.services.scan_parcel(&staff, &scan).await.unwrap();
    m.services.confirm_receipt(&buyer, &order).await.unwrap();

    let events = m.store.batch_events(&a.id).await.unwrap();
    assert_eq!(
        steps(&events),
        [
            (BizStep::Commissioning, Disposition::Active),
            (BizStep::Packing, Disposition::InProgress),
            (BizStep::Shipping, Disposition::InTransit),
            (BizStep::Receiving, Disposition::InProgress),
            (BizStep::Receiving, Disposition::RetailSold),
        ]
    );
    assert_eq!(events[1].units, Some(2));
    assert_eq!(events[2].parcel, Some(declared.parcel.id.clone()));
    assert_eq!(
        events[3].read_point,
        Some(EventPlace::Node(net.warehouse.id.clone()))
    );
    assert_eq!(
        (events[4].read_point.as_ref(), events[4].by.as_ref()),
        (None, None)
    );
    // Commissioning, inspecting, then the same journey.
    assert_eq!(m.store.batch_events(&b.id).await.unwrap().len(), 6);
}

#[tokio::test]
async fn a_recall_stops_the_sale_tells_the_buyers_and_tracks_their_acknowledgements() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let officer = account(&m.store, "qa@example.cn", vec![Role::QualityOfficer]).await;
    let buyers = [
        account(&m.store, "b1@example.cn", vec![Role::Buyer]).await,
        account(&m.store, "b2@example.cn", vec![Role::Buyer]).await,
        account(&m.store, "b3@example.cn", vec![Role::Buyer]).await,
    ];
    let a = batch(&m, &goji, "A", 10, QualityStatus::Passed).await;
    for buyer in &buyers[..2] {
        let order = paid(&m, buyer, &goji, 2).await;
        m.services
            .pack_order_line(&goji.producer, &order, 0, &[from(a.id.as_str(), "", "2")])
            .await
            .unwrap();
    }
    let unpacked = paid(&m, &buyers[2], &goji, 1).await;

    let reason = "农残超标 pesticide residue above the limit";
    assert!(matches!(
        m.services
            .open_recall(&buyers[0], a.id.as_str(), reason)
            .await,
        Err(ServiceError::Forbidden)
    ));
    assert_eq!(
        fields(m.services.open_recall(&officer, "no-such-batch", " ").await),
        [("batch", Problem::Invalid), ("reason", Problem::Required)]
    );
    let by_label = format!("/01/{GTIN}/10/A");
    trace(&m, &goji, false).await;
    let recall = m
        .services
        .open_recall(&officer, &by_label, reason)
        .await
        .unwrap();
    assert!(matches!(
        m.services
            .open_recall(&officer, a.id.as_str(), reason)
            .await,
        Err(ServiceError::Conflict(ALREADY_RECALLED))
    ));

    let view = m.services.recall_view(&officer, &recall.id).await.unwrap();
    assert_eq!(view.batch.status, BatchStatus::Recalled);
    assert_eq!(view.reach.orders.len(), 2);
    assert_eq!(view.reach.buyers().len(), 2);
    assert_eq!((view.reach.units_packed, view.reach.units_in_stock), (4, 6));

    let bought = m
        .services
        .checkout(
            &buyers[2],
            &request(vec![goji.item.clone()], "key-00000009"),
        )
        .await;
    assert!(matches!(
        bought,
        Err(ServiceError::Conflict(PRODUCT_RECALLED))
    ));
    let repacked = m
        .services
        .pack_order_line(
            &goji.producer,
            &unpacked,
            0,
            &[from(a.id.as_str(), "", "1")],
        )
        .await;
    assert_eq!(fields(repacked), [("batch", Problem::NotAllowed)]);

    let inbox = m
        .store
        .notifications(&buyers[0].account_id, 10)
        .await
        .unwrap();
    assert_eq!(inbox[0].kind, NotificationKind::Recall);
    assert_eq!(inbox[0].link, format!("/recalls/{}", recall.id));
    assert!(m
        .store
        .notifications(&buyers[2].account_id, 10)
        .await
        .unwrap()
        .is_empty());

    assert_eq!(
        m.services
            .send_recall_notices(&OutboxNotifier)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        m.services
            .send_recall_notices(&OutboxNotifier)
            .await
            .unwrap(),
        0
    );

    assert!(matches!(
        m.services.buyer_recall(&buyers[2], &recall.id).await,
        Err(ServiceError::NotFound)
    ));
    let seen = m
        .services
        .buyer_recall(&buyers[0], &recall.id)
        .await
        .unwrap();
    assert!(!seen.acknowledged());
    m.services
        .acknowledge_recall(&buyers[0], &recall.id)
        .await
        .unwrap();
    assert!(m
        .services
        .buyer_recall(&buyers[0], &recall.id)
        .await
        .unwrap()
        .acknowledged());
    let notices = m
        .services
        .recall_view(&officer, &recall.id)
        .await
        .unwrap()
        .notices;
    let acknowledged: Vec<_> = notices
        .iter()
        .map(|n| {
            (
                n.buyer.clone(),
                n.acknowledged_at.is_some(),
                n.sent_at.is_some(),
            )
        })
        .collect();
    assert!(acknowledged.contains(&(buyers[0].account_id.clone(), true, true)));
    assert!(acknowledged.contains(&(buyers[1].account_id.clone(), false, true)));

    // A fresh batch puts the product back on sale.
    batch(&m, &goji, "A2", 10, QualityStatus::Uninspected).await;
    m.services
        .checkout(
            &buyers[2],
            &request(vec![goji.item.clone()], "key-00000010"),
        )
        .await
        .unwrap();
}
