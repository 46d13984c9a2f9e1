use super::*;
use crate::shipping::ZoneRate;

fn shop(n: u8) -> ShopId {
    ShopId::new(format!("shop-{n}"))
}

fn line(
    shop_n: u8,
    sku: &str,
    category: Category,
    price: i64,
    quantity: i64,
    grams: i64,
) -> CartLine {
    CartLine {
        shop: shop(shop_n),
        product: ProductId::new(format!("p-{sku}")),
        sku: SkuId::new(sku),
        category,
        unit_price: Price::fen("price", price).unwrap(),
        quantity,
        unit_weight: Grams::parse("weight", grams).unwrap(),
        ships_from: None,
    }
}

/// Shop 1: ¥8 + ¥3/kg near, free from ¥99, no remote. Shop 2: ¥10 + ¥5/kg everywhere.
fn templates() -> BTreeMap<ShopId, ShippingTemplate> {
    let near = ZoneRate::new(800, 300, Some(9_900)).unwrap();
    let central = ZoneRate::new(1_200, 600, None).unwrap();
    let mut map = BTreeMap::new();
    map.insert(
        shop(1),
        ShippingTemplate::new([
            (ShippingZone::Near, near),
            (ShippingZone::Central, central),
            (ShippingZone::Far, central),
        ])
        .unwrap(),
    );
    map.insert(
        shop(2),
        ShippingTemplate::uniform(ZoneRate::new(1_000, 500, None).unwrap()),
    );
    map
}

fn schedule() -> CommissionSchedule {
    let mut schedule = CommissionSchedule::flat(CommissionRate::new(300).unwrap());
    schedule.set(Category::Herbs, CommissionRate::new(800).unwrap());
    schedule
}

fn split(lines: &[CartLine], zone: ShippingZone) -> Result<Vec<OrderDraft>, CheckoutError> {
    split_checkout(lines, zone, &templates(), &schedule())
}

#[test]
fn one_order_per_shop_in_cart_order() {
    let cart = [
        line(2, "salt", Category::Seasonings, 1_500, 2, 520),
        line(1, "goji", Category::Fruit, 6_800, 1, 400),
        line(2, "barley", Category::Grain, 2_990, 1, 2_600),
        line(1, "cordyceps", Category::Herbs, 19_900, 1, 100),
    ];
    let orders = split(&cart, ShippingZone::Central).unwrap();
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0].shop, shop(2));
    assert_eq!(orders[1].shop, shop(1));
    let skus: Vec<_> = orders[0].lines.iter().map(|l| l.sku.as_str()).collect();
    assert_eq!(skus, ["salt", "barley"]);

    // Shop 2: 2 × ¥15.00 + ¥29.90 = ¥59.90, 3,640 g → ¥10 + 3 × ¥5 = ¥25.
    let salt_and_barley = &orders[0];
    assert_eq!(salt_and_barley.goods_subtotal, Money::fen(5_990));
    assert_eq!(salt_and_barley.weight_g, 3_640);
    assert_eq!(salt_and_barley.shipping_fee, Money::fen(2_500));
    assert_eq!(salt_and_barley.total, Money::fen(8_490));
    // 3 % of ¥30.00 = 90; 3 % of ¥29.90 = 89.7 → 90.
    assert_eq!(salt_and_barley.commission, Money::fen(180));

    // Shop 1 central: ¥68 + ¥199 = ¥267, 500 g → ¥12, no threshold in that zone.
    let goji_and_cordyceps = &orders[1];
    assert_eq!(goji_and_cordyceps.goods_subtotal, Money::fen(26_700));
    assert_eq!(goji_and_cordyceps.shipping_fee, Money::fen(1_200));
    // Fruit 3 % of ¥68 = 204; herbs 8 % of ¥199 = 1,592.
    let rates: Vec<_> = goji_and_cordyceps
        .lines
        .iter()
        .map(|l| (l.commission_rate.basis_points(), l.commission.minor()))
        .collect();
    assert_eq!(rates, [(300, 204), (800, 1_592)]);
    assert_eq!(goji_and_cordyceps.commission, Money::fen(1_796));

    assert_eq!(checkout_total(&orders), Ok(Money::fen(8_490 + 27_900)));
}

#[test]
fn free_shipping_is_decided_per_order() {
    let exactly = [line(1, "goji", Category::Fruit, 3_300, 3, 400)];
    let orders = split(&exactly, ShippingZone::Near).unwrap();
    assert_eq!(orders[0].goods_subtotal, Money::fen(9_900));
    assert_eq!(orders[0].shipping_fee, Money::fen(0));
    let short = [line(1, "goji", Category::Fruit, 3_299, 3, 400)];
    let orders = split(&short, ShippingZone::Near).unwrap();
    assert_eq!(orders[0].shipping_fee, Money::fen(800 + 300));
}

#[test]
fn pre_sale_goods_ship_in_their_own_order() {
    let harvest = Timestamp::from_millis(1_785_000_000_000);
    let mut fresh = line(1, "fresh-goji", Category::Fruit, 5_000, 1, 600);
    fresh.ships_from = Some(harvest);
    let cart = [line(1, "dried-goji", Category::Fruit, 6_800, 1, 400), fresh];
    let orders = split(&cart, ShippingZone::Near).unwrap();
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0].ships_from, None);
    assert_eq!(orders[1].ships_from, Some(harvest));
    assert!(orders.iter().all(|o| o.shipping_fee == Money::fen(800)));
}

#[test]
fn refusals() {
    use CheckoutError::*;
    assert_eq!(split(&[], ShippingZone::Near), Err(EmptyCart));
    for quantity in [0, -1, 1_000] {
        let cart = [line(1, "goji", Category::Fruit, 100, quantity, 400)];
        assert_eq!(
            split(&cart, ShippingZone::Near),
            Err(QuantityOutOfRange {
                sku: SkuId::new("goji"),
                quantity
            })
        );
    }
    let remote = [
        line(2, "salt", Category::Seasonings, 1_500, 1, 520),
        line(1, "goji", Category::Fruit, 100, 1, 400),
    ];
    assert_eq!(
        split(&remote, ShippingZone::Remote),
        Err(NotServed {
            shop: shop(1),
            zone: ShippingZone::Remote
        })
    );
    let unknown_shop = [line(9, "yak", Category::Meat, 100, 1, 400)];
    assert_eq!(
        split(&unknown_shop, ShippingZone::Near),
        Err(NoShippingTemplate(shop(9)))
    );
    let twice = [
        line(1, "goji", Category::Fruit, 100, 1, 400),
        line(1, "goji", Category::Fruit, 100, 2, 400),
    ];
    assert_eq!(
        split(&twice, ShippingZone::Near),
        Err(DuplicateSku(SkuId::new("goji")))
    );
    let many: Vec<CartLine> = (0..=MAX_CART_LINES)
        .map(|i| line(2, &format!("sku-{i}"), Category::Other, 100, 1, 10))
        .collect();
    assert_eq!(split(&many, ShippingZone::Near), Err(TooManyLines));
}

#[test]
fn the_largest_cart_stays_within_money() {
    let cart: Vec<CartLine> = (0..MAX_CART_LINES)
        .map(|i| {
            line(
                2,
                &format!("sku-{i}"),
                Category::Herbs,
                Price::MAX_FEN,
                999,
                50_000,
            )
        })
        .collect();
    let orders = split(&cart, ShippingZone::Far).unwrap();
    assert_eq!(
        orders[0].goods_subtotal.minor(),
        Price::MAX_FEN * 999 * MAX_CART_LINES as i64
    );
    assert_eq!(orders[0].weight_g, 50_000 * 999 * MAX_CART_LINES as u64);
}

#[test]
fn coupons_and_discounts_split_exactly() {
    let cart = [
        line(1, "goji", Category::Fruit, 3_333, 1, 400),
        line(1, "barley", Category::Grain, 3_333, 1, 400),
        line(1, "salt", Category::Seasonings, 3_334, 1, 400),
        line(2, "yak", Category::Meat, 10_000, 1, 1_000),
    ];
    let orders = split(&cart, ShippingZone::Near).unwrap();
    // ¥10 off the shop-1 order across its three lines.
    let per_line = shares_per_line(&orders[0], Money::fen(1_000)).unwrap();
    assert_eq!(
        per_line,
        [Money::fen(333), Money::fen(333), Money::fen(334)]
    );
    // ¥5 platform coupon across both orders (¥100 and ¥100 of goods).
    let per_order = shares_per_order(&orders, Money::fen(501)).unwrap();
    assert_eq!(per_order, [Money::fen(251), Money::fen(250)]);
}
