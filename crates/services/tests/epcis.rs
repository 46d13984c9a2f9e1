//! EPCIS 2.0 export: a document holding every kind of event we write validates against GS1's
//! JSON Schema (in `../shared/data/epcis`, beside the repository), says what the standard
//! expects in each field, reads back to itself, and holds only the batches the reader may see.
//! GS1's own example documents read too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::PathBuf;

use farmgate_domain::id::{InspectionId, NetworkNodeId, OrderId, RecallId};
use farmgate_domain::role::Role;
use farmgate_domain::time::Timestamp;
use farmgate_domain::trace::{
    Batch, BatchEvent, BizStep, Disposition, EventAction, EventKind, EventPlace, EventSubject, Gtin,
};
use farmgate_services::trace::epcis::{
    EpcisAction, EpcisDocument, EpcisEvent, EpcisEventType, EPCIS_CONTEXT,
};
use farmgate_services::{new_id, ServiceError};
use farmgate_store::ProductTrace;
use serde_json::Value;
use support::trace::recorded_batch;
use support::{account, market, stall, Market, Stall, VILLAGE};

const ORIGIN: &str = "https://trace.example.cn";
const GTIN: &str = "06901234000016";

/// Found from the package's folder when the test runs (cargo and nextest set it), not when it
/// was built: a binary built from another checkout sharing the target directory would look there.
fn epcis_data() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .join("../../../shared/data/epcis")
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(epcis_data().join("EPCIS-JSON-Schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, document: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{document:#}");
}

fn event(batch: &Batch, step: BizStep, disposition: Disposition, minute: i64) -> BatchEvent {
    BatchEvent::new(
        new_id(),
        batch.id.clone(),
        step,
        disposition,
        Timestamp::from_millis(1_795_717_800_000 + minute * 60_000),
    )
}

/// After commissioning: inspected, packed into a parcel for an order, shipped, received at the
/// county warehouse and by the buyer, then recalled.
async fn whole_life(m: &Market, batch: &Batch) -> OrderId {
    let order: OrderId = new_id();
    let warehouse = EventPlace::Node(NetworkNodeId::new("county-warehouse"));
    let mut inspecting = event(batch, BizStep::Inspecting, Disposition::Conformant, 1);
    inspecting.subject = EventSubject::Inspection(InspectionId::new("insp-1"));
    let mut packing = event(batch, BizStep::Packing, Disposition::InProgress, 2);
    packing.kind = EventKind::Aggregation;
    packing.action = EventAction::Add;
    packing.subject = EventSubject::Order(order.clone());
    packing.units = Some(3);
    let mut shipping = event(batch, BizStep::Shipping, Disposition::InTransit, 3);
    shipping.subject = EventSubject::Order(order.clone());
    let mut at_warehouse = event(batch, BizStep::Receiving, Disposition::InProgress, 4);
    at_warehouse.subject = EventSubject::Order(order.clone());
    at_warehouse.read_point = Some(warehouse.clone());
    at_warehouse.biz_location = Some(warehouse);
    let mut by_buyer = event(batch, BizStep::Receiving, Disposition::RetailSold, 5);
    by_buyer.subject = EventSubject::Order(order.clone());
    let mut holding = event(batch, BizStep::Holding, Disposition::Recalled, 6);
    holding.subject = EventSubject::Recall(RecallId::new("recall-1"));
    for event in [
        inspecting,
        packing,
        shipping,
        at_warehouse,
        by_buyer,
        holding,
    ] {
        assert!(m.store.record_batch_event(&event).await.unwrap());
    }
    order
}

async fn with_gtin(m: &Market, stall: &Stall) {
    let trace = ProductTrace {
        product: stall.item.product.clone(),
        gtin: Some(Gtin::parse(GTIN).unwrap()),
        passed_batches_only: false,
    };
    m.store.set_product_trace(&trace).await.unwrap();
}

fn steps(document: &EpcisDocument) -> Vec<(&str, &str)> {
    document
        .body
        .event_list
        .iter()
        .map(|e| {
            (
                e.biz_step.as_deref().unwrap_or(""),
                e.disposition.as_deref().unwrap_or(""),
            )
        })
        .collect()
}

fn by_step<'a>(document: &'a EpcisDocument, step: &str, disposition: &str) -> &'a EpcisEvent {
    document
        .body
        .event_list
        .iter()
        .find(|e| {
            e.biz_step.as_deref() == Some(step) && e.disposition.as_deref() == Some(disposition)
        })
        .unwrap()
}

#[tokio::test]
async fn every_kind_of_event_we_write_validates_against_gs1s_schema() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let barley = stall(&m, "tashi@example.cn", "青稞", "20", "100").await;
    with_gtin(&m, &goji).await;
    let lot = recorded_batch(&m, &goji, "GJ/08-15", 800).await;
    let order = whole_life(&m, &lot).await;
    recorded_batch(&m, &barley, "QK-0815", 800).await;

    let document = m.services.export_all_epcis(ORIGIN).await.unwrap();
    let json: Value = serde_json::from_str(&document.to_json().unwrap()).unwrap();
    assert_valid(&schema(), &json);
    assert_eq!(json["@context"][0], EPCIS_CONTEXT);
    assert_eq!(json["type"], "EPCISDocument");
    assert_eq!(json["schemaVersion"], "2.0");
    assert_eq!(
        steps(&document),
        [
            ("commissioning", "active"),
            ("inspecting", "conformant"),
            ("packing", "in_progress"),
            ("shipping", "in_transit"),
            ("receiving", "in_progress"),
            ("receiving", "retail_sold"),
            ("holding", "recalled"),
            ("commissioning", "active"),
        ]
    );

    let link = format!("{ORIGIN}/01/{GTIN}/10/GJ%2F08-15");
    let commissioning = by_step(&document, "commissioning", "active");
    assert_eq!(commissioning.event_type, EpcisEventType::ObjectEvent);
    assert_eq!(commissioning.action, Some(EpcisAction::Add));
    assert_eq!(commissioning.event_time_zone_offset, "+08:00");
    assert_eq!(commissioning.quantity_list[0].epc_class, link);
    assert_eq!(commissioning.quantity_list[0].quantity, Some(800.into()));
    let ilmd = commissioning.ilmd.as_ref().unwrap();
    assert_eq!(ilmd["cbvmda:harvestStartDate"], "2026-08-15");
    assert_eq!(
        commissioning.read_point.as_ref().unwrap().id,
        format!("{ORIGIN}/places/{VILLAGE}")
    );

    let packing = by_step(&document, "packing", "in_progress");
    assert_eq!(packing.event_type, EpcisEventType::AggregationEvent);
    assert_eq!(
        packing.parent_id,
        Some(format!("{ORIGIN}/orders/{order}/package"))
    );
    assert_eq!(packing.child_quantity_list[0].epc_class, link);
    assert_eq!(packing.child_quantity_list[0].quantity, Some(3.into()));
    assert!(packing.ilmd.is_none() && packing.quantity_list.is_empty());
    let po = &packing.biz_transaction_list[0];
    assert_eq!(po.transaction_type.as_deref(), Some("po"));
    assert_eq!(po.id, format!("{ORIGIN}/orders/{order}"));

    let inspecting = by_step(&document, "inspecting", "conformant");
    assert_eq!(inspecting.event_time, "2026-11-27T02:31:00.000+08:00");
    assert_eq!(
        inspecting.biz_transaction_list[0]
            .transaction_type
            .as_deref(),
        Some("testres")
    );
    let warehouse = by_step(&document, "receiving", "in_progress");
    assert_eq!(
        warehouse.read_point.as_ref().unwrap().id,
        "https://trace.example.cn/network/nodes/county-warehouse"
    );
    let buyer = by_step(&document, "receiving", "retail_sold");
    assert!(
        buyer.read_point.is_none() && buyer.biz_location.is_none(),
        "a buyer's place is private"
    );

    let without_gtin = document.body.event_list.last().unwrap();
    assert!(without_gtin.quantity_list[0]
        .epc_class
        .starts_with("https://trace.example.cn/batches/"));
}

#[tokio::test]
async fn the_validator_refuses_what_the_standard_does_not_allow() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    recorded_batch(&m, &goji, "GJ-0815", 800).await;
    let document = m.services.export_all_epcis(ORIGIN).await.unwrap();
    let good: Value = serde_json::from_str(&document.to_json().unwrap()).unwrap();
    let validator = schema();
    assert_valid(&validator, &good);
    for (pointer, bad) in [
        ("/epcisBody/eventList/0/eventTimeZoneOffset", "+8:00"),
        ("/epcisBody/eventList/0/bizStep", "harvesting"),
        (
            "/epcisBody/eventList/0/quantityList/0/epcClass",
            "not a uri",
        ),
    ] {
        let mut broken = good.clone();
        *broken.pointer_mut(pointer).unwrap() = Value::String(bad.into());
        assert!(!validator.is_valid(&broken), "{pointer} = {bad} passed");
    }
}

#[tokio::test]
async fn our_documents_read_back_to_themselves() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    with_gtin(&m, &goji).await;
    let lot = recorded_batch(&m, &goji, "GJ-0815", 800).await;
    whole_life(&m, &lot).await;
    let document = m.services.export_all_epcis(ORIGIN).await.unwrap();
    assert_eq!(document.body.event_list.len(), 7);
    let read = EpcisDocument::read(&document.to_json().unwrap()).unwrap();
    assert_eq!(read, document);
}

#[test]
fn gs1s_example_documents_read() {
    let validator = schema();
    let mut read = 0;
    for entry in std::fs::read_dir(epcis_data().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_valid(&validator, &serde_json::from_str(&text).unwrap());
        let document =
            EpcisDocument::read(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(document.document_type, "EPCISDocument");
        assert_eq!(document.schema_version, "2.0");
        assert!(!document.body.event_list.is_empty(), "{}", path.display());
        read += 1;
    }
    assert_eq!(read, 5);

    let example = |name: &str| {
        let text = std::fs::read_to_string(epcis_data().join("examples").join(name)).unwrap();
        EpcisDocument::read(&text).unwrap()
    };
    let object = example("Example_9.6.1-ObjectEventWithDigitalLink.jsonld");
    let shipped = &object.body.event_list[0];
    assert_eq!(shipped.event_type, EpcisEventType::ObjectEvent);
    assert_eq!(shipped.action, Some(EpcisAction::Observe));
    assert_eq!(shipped.biz_step.as_deref(), Some("shipping"));
    assert_eq!(shipped.event_time_zone_offset, "-06:00");
    assert_eq!(
        shipped.epc_list,
        [
            "https://id.gs1.org/01/70614141123451/21/2017",
            "https://id.gs1.org/01/70614141123451/21/2018"
        ]
    );
    assert_eq!(object.body.event_list[1].biz_transaction_list.len(), 2);

    let aggregation = example("Example_9.6.3-AggregationEventWithDigitalLink.jsonld");
    let packed = &aggregation.body.event_list[0];
    assert_eq!(packed.event_type, EpcisEventType::AggregationEvent);
    assert_eq!(
        packed.parent_id.as_deref(),
        Some("urn:epc:id:sscc:0614141.1234567890")
    );
    let weighed = &packed.child_quantity_list[1];
    assert_eq!(
        weighed
            .quantity
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("200.5")
    );
    assert_eq!(weighed.uom.as_deref(), Some("KGM"));

    let transformation = example("Example_9.6.4-TransformationEventWithDigitalLink.jsonld");
    let made = &transformation.body.event_list[0];
    assert_eq!(made.event_type, EpcisEventType::TransformationEvent);
    assert_eq!(made.input_quantity_list.len(), 3);
    assert_eq!(made.ilmd.as_ref().unwrap()["example:batch"], "XYZ");
}

#[tokio::test]
async fn producers_export_their_own_batches_and_buyers_none() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let barley = stall(&m, "tashi@example.cn", "青稞", "20", "100").await;
    let own = recorded_batch(&m, &goji, "GJ-0815", 800).await;
    let other = recorded_batch(&m, &barley, "QK-0815", 800).await;
    let officer = account(&m.store, "qc@example.cn", vec![Role::QualityOfficer]).await;
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;

    let classes = |document: EpcisDocument| -> Vec<String> {
        document
            .body
            .event_list
            .into_iter()
            .map(|e| e.quantity_list[0].epc_class.clone())
            .collect()
    };
    let mine = m
        .services
        .epcis_export(&goji.producer, ORIGIN)
        .await
        .unwrap();
    assert_eq!(classes(mine), [format!("{ORIGIN}/batches/{}", own.id)]);
    let county = m.services.epcis_export(&officer, ORIGIN).await.unwrap();
    assert_eq!(county.body.event_list.len(), 2);
    assert!(matches!(
        m.services.epcis_export(&buyer, ORIGIN).await,
        Err(ServiceError::Forbidden)
    ));

    let one = m
        .services
        .batch_epcis(&m.hub, &other.id, ORIGIN)
        .await
        .unwrap();
    assert_eq!(classes(one), [format!("{ORIGIN}/batches/{}", other.id)]);
    assert!(matches!(
        m.services
            .batch_epcis(&goji.producer, &other.id, ORIGIN)
            .await,
        Err(ServiceError::NotFound)
    ));
}
