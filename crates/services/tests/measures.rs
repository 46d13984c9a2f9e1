//! The network's measures on a small county: two carriers' parcels on one run, a parcel that
//! never reached its point, a village visited and one not, and who may read them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use farmgate_domain::money::Money;
use farmgate_domain::network::Carrier;
use farmgate_domain::parcel::{Parcel, Share};
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_domain::route_run::RunDay;
use farmgate_domain::time::MILLIS_PER_DAY;
use farmgate_services::measures::{measure_days, DEFAULT_MEASURE_DAYS};
use farmgate_services::route_runs::{Distances, RunScan};
use farmgate_services::{new_id, ServiceError};
use support::network::{county_network, received_parcel};
use support::{account, market, Market};

const FAR_VILLAGE: &str = "632830101202";

async fn far_village(m: &Market) {
    m.store
        .upsert_places(&[Place {
            code: AreaCode::parse(FAR_VILLAGE).unwrap(),
            name_zh: "远村".into(),
            name_en: "Far Village".into(),
            urban_rural: UrbanRuralCode::VILLAGE,
            location: GeoPoint::new(36_200_000, 98_000_000).unwrap(),
        }])
        .await
        .unwrap();
}

/// A received down parcel like `parcel` but of another carrier.
async fn received_from(m: &Market, parcel: &Parcel, carrier: &Carrier) -> Parcel {
    let theirs = Parcel {
        id: new_id(),
        code: farmgate_domain::parcel::ParcelCode::from_number(91),
        carrier: Some(carrier.id.clone()),
        carrier_tracking: Some("ZTO000000091".into()),
        ..parcel.clone()
    };
    let mut event = m.store.parcel_events(&parcel.id).await.unwrap().remove(0);
    event.parcel = theirs.id.clone();
    m.store
        .add_parcels(&[(theirs.clone(), event)])
        .await
        .unwrap();
    theirs
}

#[tokio::test]
async fn two_carriers_on_one_run_a_late_parcel_and_a_village_not_reached() {
    let m = market().await;
    let net = county_network(&m).await;
    far_village(&m).await;
    let zto = Carrier {
        id: new_id(),
        code: "ZTO".into(),
        name: "中通快递".into(),
    };
    m.store.save_carrier(&zto).await.unwrap();
    let driver = account(&m.store, "driver@example.cn", vec![Role::Logistics]).await;
    let analyst = account(&m.store, "analyst@example.cn", vec![Role::Analyst]).await;
    let on_time = received_parcel(&m, &net, 1).await;
    let late = received_parcel(&m, &net, 2).await;
    let theirs = received_from(&m, &on_time, &zto).await;
    let day = RunDay::of(m.clock.now_ms());
    m.services
        .plan_day(
            &driver,
            day,
            Distances::StraightLine,
            Duration::from_millis(500),
        )
        .await
        .unwrap();
    let run = m
        .services
        .day_runs(&driver, day)
        .await
        .unwrap()
        .runs
        .remove(0);
    let scan = |stop: Option<usize>, parcel: &Parcel| RunScan {
        run: run.id.clone(),
        stop,
        code: parcel.code.as_str().to_owned(),
    };
    for parcel in [&on_time, &late, &theirs] {
        m.services
            .scan_on_run(&driver, &scan(None, parcel))
            .await
            .unwrap();
    }
    for parcel in [&on_time, &theirs] {
        m.services
            .scan_on_run(&driver, &scan(Some(0), parcel))
            .await
            .unwrap();
    }
    m.services.finish_stop(&driver, &run.id, 0).await.unwrap();

    // Three days on, the parcel left on the van is past its promise.
    m.clock.advance_millis(3 * MILLIS_PER_DAY);
    let report = m.services.network_measures(&analyst, 7).await.unwrap();
    let measures = &report.measures;
    assert_eq!(measures.runs, 1);
    assert_eq!(measures.carried, 3);
    assert_eq!(measures.co_distribution, Share { part: 3, whole: 3 });
    assert_eq!(measures.co_distribution.permille(), Some(1_000));
    assert_eq!(measures.on_time, Share { part: 2, whole: 3 });
    assert_eq!(measures.distance_m, run.distance_m);
    assert_eq!(
        measures.cost_per_parcel(),
        Some(Money::fen(run.cost.minor() / 3))
    );
    assert_eq!(measures.villages_served, Share { part: 1, whole: 2 });
    let unreached: Vec<&str> = report.unreached.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(unreached, [FAR_VILLAGE]);
    let carriers: Vec<(&str, Share, Share)> = report
        .carriers
        .iter()
        .map(|(c, m)| (c.code.as_str(), m.co_distribution, m.on_time))
        .collect();
    assert_eq!(
        carriers,
        [
            (
                "SF",
                Share { part: 2, whole: 2 },
                Share { part: 1, whole: 2 }
            ),
            (
                "ZTO",
                Share { part: 1, whole: 1 },
                Share { part: 1, whole: 1 }
            ),
        ]
    );

    // A one-day window holds none of it.
    let lately = m.services.network_measures(&driver, 1).await.unwrap();
    assert_eq!(lately.measures.carried, 0);
    assert_eq!(lately.measures.on_time.whole, 0);
    assert_eq!(lately.measures.villages_served, Share { part: 0, whole: 2 });
    assert_eq!(lately.unreached.len(), 2);
}

#[tokio::test]
async fn only_the_hub_logistics_and_analysts_read_measures_over_1_to_90_days() {
    let m = market().await;
    assert!(m.services.network_measures(&m.hub, 90).await.is_ok());
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;
    assert!(matches!(
        m.services.network_measures(&buyer, 7).await,
        Err(ServiceError::Forbidden)
    ));
    for days in [0, 91] {
        assert!(matches!(
            m.services.network_measures(&m.hub, days).await,
            Err(ServiceError::Validation(_))
        ));
    }
    assert_eq!(measure_days(None).unwrap(), DEFAULT_MEASURE_DAYS);
    assert_eq!(measure_days(Some(" 30 ")).unwrap(), 30);
    for bad in ["0", "91", "abc", "7.5", "-1"] {
        assert!(measure_days(Some(bad)).is_err(), "{bad}");
    }
}
