//! Recording batches: checked fields, lots unique per product and numbered from the harvest
//! day when left empty (also when several are recorded at once), the commissioning event,
//! and who may record and read them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use farmgate_domain::trace::{BatchForm, BizStep, EventPlace, QualityStatus};
use farmgate_domain::validation::Problem;
use farmgate_services::ServiceError;
use support::{account, market, stall, VILLAGE};

fn form(lot: &str) -> BatchForm {
    BatchForm {
        lot: lot.into(),
        harvested_on: "2026-08-15".into(),
        village: VILLAGE.into(),
        lat: "36.51".into(),
        lon: "99.12".into(),
        units: "800".into(),
        grade: "special".into(),
        notes: "有机种植".into(),
    }
}

fn problem(result: Result<impl std::fmt::Debug, ServiceError>) -> (&'static str, Problem) {
    match result {
        Err(ServiceError::Validation(errors)) => (errors.0[0].field, errors.0[0].problem),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_producer_records_a_batch_that_starts_with_its_commissioning_at_the_village() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let batch = m
        .services
        .record_batch(&goji.producer, &goji.item.product, &form("GJ-0815"))
        .await
        .unwrap();
    assert_eq!(batch.lot.as_str(), "GJ-0815");
    assert_eq!(batch.shop, goji.shop);
    assert_eq!(batch.quality, QualityStatus::Uninspected);
    assert_eq!(
        m.services.batch(&goji.producer, &batch.id).await.unwrap(),
        batch
    );
    let events = m.store.batch_events(&batch.id).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].biz_step, BizStep::Commissioning);
    assert_eq!(events[0].units, Some(800));
    assert_eq!(
        events[0].read_point,
        Some(EventPlace::Village(batch.village.clone()))
    );

    let again = m
        .services
        .record_batch(&goji.producer, &goji.item.product, &form("GJ-0815"))
        .await;
    assert_eq!(problem(again), ("lot", Problem::AlreadyTaken));
    let listed = m
        .services
        .shop_batches(&goji.producer, &goji.shop, 0)
        .await
        .unwrap();
    assert_eq!(listed, [batch], "nothing written by the refused one");
}

#[tokio::test]
async fn lots_left_empty_are_numbered_from_the_harvest_day_even_when_recorded_at_once() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let first = m
        .services
        .record_batch(&goji.producer, &goji.item.product, &form(""))
        .await
        .unwrap();
    assert_eq!(first.lot.as_str(), "20260815-1");

    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let services = m.services.clone();
            let producer = goji.producer.clone();
            let product = goji.item.product.clone();
            tokio::spawn(async move {
                services
                    .record_batch(&producer, &product, &form(""))
                    .await
                    .unwrap()
                    .lot
            })
        })
        .collect();
    let mut lots = vec![first.lot.to_string()];
    for task in tasks {
        lots.push(task.await.unwrap().to_string());
    }
    lots.sort();
    assert_eq!(
        lots,
        [
            "20260815-1",
            "20260815-2",
            "20260815-3",
            "20260815-4",
            "20260815-5"
        ]
    );
}

#[tokio::test]
async fn bad_batches_are_refused_with_the_field_and_write_nothing() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let record = |form| {
        let m = &m;
        let goji = &goji;
        async move {
            m.services
                .record_batch(&goji.producer, &goji.item.product, &form)
                .await
        }
    };
    let unknown_village = BatchForm {
        village: "632830199201".into(),
        ..form("A")
    };
    assert_eq!(
        problem(record(unknown_village).await),
        ("village", Problem::Invalid)
    );
    let tomorrow = BatchForm {
        harvested_on: "2026-09-22".into(),
        ..form("A")
    };
    assert_eq!(
        problem(record(tomorrow).await),
        ("harvested_on", Problem::Invalid)
    );
    assert_eq!(
        problem(record(form("枸杞")).await),
        ("lot", Problem::Invalid)
    );
    let listed = m
        .services
        .shop_batches(&goji.producer, &goji.shop, 0)
        .await
        .unwrap();
    assert!(listed.is_empty());
}

#[tokio::test]
async fn batches_belong_to_their_shop_and_quality_officers_read_them_all() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let other = stall(&m, "other@example.cn", "牦牛肉", "128", "10").await;
    let refused = m
        .services
        .record_batch(&other.producer, &goji.item.product, &form("A"))
        .await;
    assert!(matches!(refused, Err(ServiceError::Forbidden)));
    let batch = m
        .services
        .record_batch(&m.hub, &goji.item.product, &form("A"))
        .await
        .unwrap();

    let officer = account(&m.store, "qa@example.cn", vec![Role::QualityOfficer]).await;
    assert_eq!(m.services.batch(&officer, &batch.id).await.unwrap(), batch);
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;
    assert!(matches!(
        m.services.batch(&buyer, &batch.id).await,
        Err(ServiceError::NotFound)
    ));
    assert!(matches!(
        m.services.batch(&other.producer, &batch.id).await,
        Err(ServiceError::NotFound)
    ));
    assert!(matches!(
        m.services.shop_batches(&buyer, &goji.shop, 0).await,
        Err(ServiceError::Forbidden)
    ));
}
