use super::*;

#[test]
fn thirty_one_provinces_with_codes_and_names() {
    assert_eq!(Province::all().count(), 31);
    for province in Province::all() {
        assert_eq!(
            Province::parse(&province.code().to_string()),
            Some(province)
        );
        assert_eq!(Province::parse(province.name_zh()), Some(province));
        assert_eq!(Province::parse(province.short_name_zh()), Some(province));
        assert_eq!(Province::parse(province.name_en()), Some(province));
        assert!(!province.name_en().is_empty());
    }
    let qinghai = Province::parse(" qinghai ").unwrap();
    assert_eq!((qinghai.code(), qinghai.name_zh()), (63, "青海省"));
    assert_eq!(Province::parse("Xizang"), Province::from_code(54));
    assert_eq!(String::from(qinghai), "63");
    assert_eq!(Province::parse("81"), None, "Hong Kong is not served");
    assert_eq!(Province::parse("台湾"), None);
    assert_eq!(Province::parse("999"), None);
    assert_eq!(Province::from_code(0), None);
}

#[test]
fn every_province_is_in_exactly_one_zone() {
    let map = ZoneMap::qinghai();
    let sizes: Vec<usize> = ShippingZone::ALL
        .iter()
        .map(|zone| map.provinces_in(*zone).len())
        .collect();
    assert_eq!(sizes, vec![5, 11, 11, 4]);
    assert_eq!(sizes.iter().sum::<usize>(), 31);
}

#[test]
fn zones_as_seen_from_qinghai() {
    let map = ZoneMap::default();
    let zone = |name: &str| map.zone_of(Province::parse(name).unwrap());
    assert_eq!(zone("青海"), ShippingZone::Near);
    assert_eq!(zone("甘肃"), ShippingZone::Near);
    assert_eq!(zone("四川"), ShippingZone::Near);
    assert_eq!(zone("北京"), ShippingZone::Central);
    assert_eq!(zone("河南"), ShippingZone::Central);
    assert_eq!(zone("上海"), ShippingZone::Far);
    assert_eq!(zone("广东"), ShippingZone::Far);
    assert_eq!(zone("黑龙江"), ShippingZone::Far);
    assert_eq!(zone("新疆"), ShippingZone::Remote);
    assert_eq!(zone("西藏"), ShippingZone::Remote);
    assert_eq!(zone("海南"), ShippingZone::Remote);
    assert_eq!(zone("内蒙古"), ShippingZone::Remote);
}

#[test]
fn a_hub_can_move_a_province() {
    let mut map = ZoneMap::qinghai();
    let xinjiang = Province::parse("新疆").unwrap();
    map.set(xinjiang, ShippingZone::Far);
    assert_eq!(map.zone_of(xinjiang), ShippingZone::Far);
    for zone in ShippingZone::ALL {
        assert_eq!(ShippingZone::parse(zone.as_str()), Some(zone));
    }
}

fn input() -> AddressInput<'static> {
    AddressInput {
        recipient: "卓玛",
        phone: "139 1234 5678",
        province: "青海省",
        city: "西宁市",
        county: "城中区",
        detail: "南大街 12 号 3 单元 201",
    }
}

#[test]
fn a_good_address_parses() {
    let address = ShippingAddress::parse(&input()).unwrap();
    assert_eq!(address.phone.as_str(), "13912345678");
    assert_eq!(address.province.code(), 63);
    assert_eq!(address.detail, "南大街 12 号 3 单元 201");
}

#[test]
fn every_problem_in_an_address_is_reported() {
    let bad = AddressInput {
        recipient: "",
        phone: "12345",
        province: "Atlantis",
        city: "",
        county: &"区".repeat(31),
        detail: "四个字",
    };
    let errors = ShippingAddress::parse(&bad).unwrap_err().0;
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        ["recipient", "phone", "province", "city", "county", "detail"]
    );
    assert_eq!(errors[2].problem, Problem::Invalid);
    assert_eq!(errors[5].problem, Problem::TooShort { min: 5 });
    let missing = AddressInput {
        province: " ",
        ..input()
    };
    assert_eq!(
        ShippingAddress::parse(&missing).unwrap_err().0[0].problem,
        Problem::Required
    );
    let long = "路".repeat(121);
    let too_long = AddressInput {
        detail: &long,
        ..input()
    };
    assert!(ShippingAddress::parse(&too_long).is_err());
}
