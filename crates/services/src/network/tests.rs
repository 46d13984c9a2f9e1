//! The import's row checks without a store: what is already known, and what each row adds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::validation::Problem;

use super::import::{NetworkRowError, Rows};
use super::known::Known;
use crate::import::table::read;

fn village(code: &str) -> Place {
    Place {
        code: AreaCode::parse(code).unwrap(),
        name_zh: "沟里村".into(),
        name_en: "Gouli".into(),
        urban_rural: UrbanRuralCode::VILLAGE,
        location: GeoPoint::new(36_000_000, 99_000_000).unwrap(),
    }
}

const FILE: &str = "\
Kind,code,name,lat,lon,hours,services,village,contact_name,contact_phone,plate,depot,capacity_kg,capacity_parcels,shift_start,shift_end,cost_per_km
vehicle,,,,,,,,,,青H001,st-1,1500,300,07:30,18:00,2.40
station,st-1,柴旦站,36.1,99.2,08:00-18:00,express post,,,,,,,,,,
village_point,vp-1,沟里村服务点,36.0,99.0,09:00-12:00 15:00-19:00,,632830101203,卓玛,13800001234,,,,,,,
village_point,vp-2,无名村服务点,36.0,99.0,09:00-12:00,,632830101299,卓玛,13800001234,,,,,,,
carrier,sf,顺丰速运,,,,,,,,,,,,,,
carrier,SF,顺丰又一次,,,,,,,,,,,,,,
vehicle,,,,,,,,,,青H002,vp-1,1500,300,07:30,18:00,2.40
";

#[test]
fn rows_refer_to_each_other_and_each_problem_names_its_row_and_column() {
    let table = read("network.csv", FILE.as_bytes()).unwrap();
    let rows = Rows::new(&table).unwrap();
    let mut known = Known::new(&[village("632830101203")], &[], &[], &[]);
    let mut errors = Vec::new();
    let batch = rows.check(&mut known, &mut errors);
    errors.sort_by_key(|e| e.row);
    let problem = |row, field, problem| NetworkRowError {
        row,
        field,
        problem,
    };
    assert_eq!(
        errors,
        vec![
            problem(5, "village", Problem::Invalid),
            problem(7, "code", Problem::AlreadyTaken),
            // A village point is no depot.
            problem(8, "depot", Problem::Invalid),
        ]
    );
    assert_eq!(batch.nodes.len(), 2);
    assert_eq!(batch.carriers.len(), 1);
    assert_eq!(
        batch.vehicles.len(),
        1,
        "the vehicle listed before its depot"
    );
    assert_eq!(batch.vehicles[0].depot, batch.nodes[0].id);
}

#[test]
fn a_file_without_a_kind_column_is_refused() {
    let table = read("network.csv", b"code,name\nst-1,x\n").unwrap();
    assert!(Rows::new(&table).is_none());
}
