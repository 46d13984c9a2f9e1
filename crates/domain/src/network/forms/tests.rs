use super::*;

fn station() -> NodeForm {
    NodeForm {
        code: "st-05".into(),
        name: "柴旦镇综合服务站".into(),
        kind: "station".into(),
        lat: "36.412345".into(),
        lon: "99.1".into(),
        hours: "08:00-12:00 14:00-18:00".into(),
        services: "ecommerce, express post".into(),
        ..NodeForm::default()
    }
}

fn fields(errors: ValidationErrors) -> Vec<(&'static str, Problem)> {
    errors.0.into_iter().map(|e| (e.field, e.problem)).collect()
}

#[test]
fn a_station_reads_its_services_and_upper_cases_its_code() {
    let draft = validate_node(&station()).unwrap();
    assert_eq!(draft.code, "ST-05");
    assert_eq!(
        draft.location,
        GeoPoint::new(36_412_345, 99_100_000).unwrap()
    );
    let NodeRole::Station { services } = draft.role else {
        panic!("not a station: {:?}", draft.role);
    };
    assert_eq!(services.to_string(), "ecommerce express post");
}

#[test]
fn every_bad_field_is_reported_at_once() {
    let form = NodeForm {
        code: "st 05".into(),
        lat: "95".into(),
        hours: "08:00-12:00 11:00-13:00".into(),
        services: "ecommerce teleport".into(),
        ..station()
    };
    assert_eq!(
        fields(validate_node(&form).unwrap_err()),
        vec![
            ("code", Problem::Invalid),
            ("lat", Problem::Invalid),
            ("hours", Problem::Invalid),
            ("services", Problem::Invalid),
        ]
    );
    let no_kind = NodeForm {
        kind: "castle".into(),
        ..station()
    };
    assert_eq!(
        fields(validate_node(&no_kind).unwrap_err()),
        vec![("kind", Problem::Invalid)]
    );
}

#[test]
fn a_village_point_needs_a_village_code_and_a_reachable_contact() {
    let form = NodeForm {
        kind: "village_point".into(),
        services: String::new(),
        village: "632830101".into(),
        contact_phone: "12345".into(),
        ..station()
    };
    assert_eq!(
        fields(validate_node(&form).unwrap_err()),
        vec![
            ("village", Problem::Invalid),
            ("contact_name", Problem::Required),
            ("contact_phone", Problem::Invalid),
        ]
    );
    let good = NodeForm {
        village: "632830101203".into(),
        contact_name: "卓玛".into(),
        contact_phone: "138 0000 1234".into(),
        ..form
    };
    let draft = validate_node(&good).unwrap();
    assert_eq!(
        draft.role,
        NodeRole::VillagePoint {
            village: AreaCode::parse("632830101203").unwrap(),
            contact: Contact {
                name: "卓玛".into(),
                phone: Phone::parse("p", "13800001234").unwrap(),
            },
        }
    );
}

#[test]
fn a_vehicle_needs_capacity_a_forward_shift_and_a_price() {
    let form = VehicleForm {
        plate: "青h·12345".into(),
        depot: "xy-wh".into(),
        capacity_kg: "1500".into(),
        capacity_parcels: "300".into(),
        shift_start: "7:30".into(),
        shift_end: "18:00".into(),
        cost_per_km: "2.40".into(),
    };
    let draft = validate_vehicle(&form).unwrap();
    assert_eq!(draft.plate, "青H·12345");
    assert_eq!(draft.depot_code, "XY-WH");
    assert_eq!(draft.cost_per_km, Money::fen(240));
    assert_eq!(draft.shift.start.minutes(), 450);

    let bad = VehicleForm {
        capacity_kg: "0".into(),
        capacity_parcels: "-3".into(),
        shift_start: "18:00".into(),
        shift_end: "07:00".into(),
        cost_per_km: "cheap".into(),
        ..form
    };
    assert_eq!(
        fields(validate_vehicle(&bad).unwrap_err()),
        vec![
            ("capacity_kg", Problem::Invalid),
            ("capacity_parcels", Problem::Invalid),
            ("shift_end", Problem::Invalid),
            ("cost_per_km", Problem::Invalid),
        ]
    );
}

#[test]
fn degrees_are_read_exactly() {
    assert_eq!(parse_degrees("36.5"), Some(36_500_000));
    assert_eq!(parse_degrees("-0.000001"), Some(-1));
    assert_eq!(parse_degrees("99"), Some(99_000_000));
    for bad in ["", "1.2345678", "3e5", "1,5", "--1", "1000"] {
        assert_eq!(parse_degrees(bad), None, "{bad}");
    }
}

#[test]
fn carriers_need_a_code_and_a_name() {
    let draft = validate_carrier(&CarrierForm {
        code: "sf".into(),
        name: "顺丰速运".into(),
    })
    .unwrap();
    assert_eq!(draft.code, "SF");
    assert_eq!(
        fields(validate_carrier(&CarrierForm::default()).unwrap_err()),
        vec![("code", Problem::Required), ("name", Problem::Required)]
    );
}
