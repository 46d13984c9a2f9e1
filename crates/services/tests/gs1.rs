//! GS1 codes: the hub's company prefix, products' GTINs typed (a wrong check digit says the
//! right one) or given out from the prefix (never twice, also when given out at once), and
//! the "sell only passed batches" flag; only the product's shop and the hub set them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::validation::Problem;
use farmgate_services::trace::ProductTraceForm;
use farmgate_services::ServiceError;
use support::{stall, two_shops};

fn problem(result: Result<impl std::fmt::Debug, ServiceError>) -> (&'static str, Problem) {
    match result {
        Err(ServiceError::Validation(errors)) => (errors.0[0].field, errors.0[0].problem),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn typed(gtin: &str) -> ProductTraceForm {
    ProductTraceForm {
        gtin: gtin.into(),
        ..ProductTraceForm::default()
    }
}

fn assigned() -> ProductTraceForm {
    ProductTraceForm {
        assign_gtin: true,
        ..ProductTraceForm::default()
    }
}

#[tokio::test]
async fn the_hub_sets_the_company_prefix_and_nobody_else() {
    let m = two_shops().await;
    assert_eq!(
        m.services.gs1_settings().await.unwrap().company_prefix,
        None
    );
    assert_eq!(
        problem(m.services.set_company_prefix(&m.hub, "69012").await),
        ("company_prefix", Problem::Invalid)
    );
    assert!(matches!(
        m.services
            .set_company_prefix(&m.goji.producer, "6901234")
            .await,
        Err(ServiceError::Forbidden)
    ));
    m.services
        .set_company_prefix(&m.hub, " 6901234 ")
        .await
        .unwrap();
    let prefix = m.services.gs1_settings().await.unwrap().company_prefix;
    assert_eq!(prefix.unwrap().as_str(), "6901234");
    m.services.set_company_prefix(&m.hub, "").await.unwrap();
    assert_eq!(
        m.services.gs1_settings().await.unwrap().company_prefix,
        None
    );
}

#[tokio::test]
async fn a_typed_gtin_is_checked_and_belongs_to_one_product() {
    let m = two_shops().await;
    let goji = &m.goji.item.product;
    let salt = &m.salt.item.product;
    let producer = &m.goji.producer;
    assert_eq!(
        problem(
            m.services
                .set_product_trace_settings(producer, goji, &typed("6901234567893"))
                .await
        ),
        ("gtin", Problem::CheckDigit { expected: 2 })
    );
    assert_eq!(
        problem(
            m.services
                .set_product_trace_settings(producer, goji, &typed("69012345"))
                .await
        ),
        ("gtin", Problem::CheckDigit { expected: 1 })
    );
    assert_eq!(
        problem(
            m.services
                .set_product_trace_settings(producer, goji, &typed("690123"))
                .await
        ),
        ("gtin", Problem::Invalid)
    );
    let form = ProductTraceForm {
        passed_batches_only: true,
        ..typed("6901234567892")
    };
    let saved = m
        .services
        .set_product_trace_settings(producer, goji, &form)
        .await
        .unwrap();
    assert_eq!(saved.gtin.unwrap().as_str(), "06901234567892");
    assert!(saved.passed_batches_only);
    let read = m
        .services
        .product_trace_settings(&m.hub, goji)
        .await
        .unwrap();
    assert_eq!(read.gtin.unwrap().as_str(), "06901234567892");
    assert_eq!(
        problem(
            m.services
                .set_product_trace_settings(&m.salt.producer, salt, &typed("6901234567892"))
                .await
        ),
        ("gtin", Problem::AlreadyTaken)
    );
    assert!(matches!(
        m.services
            .set_product_trace_settings(&m.salt.producer, goji, &typed(""))
            .await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        m.services.product_trace_settings(&m.buyer, goji).await,
        Err(ServiceError::Forbidden)
    ));
}

#[tokio::test]
async fn gtins_are_given_out_from_the_prefix_once_each_even_at_once() {
    let m = two_shops().await;
    let goji = &m.goji.item.product;
    assert_eq!(
        problem(
            m.services
                .set_product_trace_settings(&m.hub, goji, &assigned())
                .await
        ),
        ("company_prefix", Problem::Required)
    );
    m.services
        .set_company_prefix(&m.hub, "6901234")
        .await
        .unwrap();
    let first = m
        .services
        .set_product_trace_settings(&m.goji.producer, goji, &assigned())
        .await
        .unwrap();
    assert_eq!(first.gtin.clone().unwrap().as_str(), "06901234000016");
    let kept = m
        .services
        .set_product_trace_settings(&m.goji.producer, goji, &assigned())
        .await
        .unwrap();
    assert_eq!(kept.gtin, first.gtin, "a product keeps the GTIN it has");

    let mut products = Vec::new();
    for n in 0..6 {
        let shop = stall(&m, &format!("p{n}@example.cn"), "青稞", "20", "10").await;
        products.push(shop.item.product);
    }
    let tasks: Vec<_> = products
        .into_iter()
        .map(|product| {
            let services = m.services.clone();
            let hub = m.hub.clone();
            tokio::spawn(async move {
                services
                    .set_product_trace_settings(&hub, &product, &assigned())
                    .await
                    .unwrap()
                    .gtin
                    .unwrap()
            })
        })
        .collect();
    let mut given = Vec::new();
    for task in tasks {
        given.push(task.await.unwrap());
    }
    let mut gtins: Vec<String> = given.iter().map(|g| g.as_str().to_owned()).collect();
    gtins.sort();
    gtins.dedup();
    assert_eq!(gtins.len(), 6, "no GTIN given twice: {gtins:?}");
    assert!(gtins
        .iter()
        .all(|g| g.starts_with("06901234") && g.as_str() != "06901234000016"));
}
