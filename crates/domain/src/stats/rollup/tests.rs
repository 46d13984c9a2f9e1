use super::*;

fn d(text: &str) -> CivilDate {
    CivilDate::parse(text).unwrap()
}

fn line(product: &str, category: Category, goods: i64, units: i64) -> SoldLine {
    SoldLine {
        product: ProductId::new(product),
        category,
        goods: Money::fen(goods),
        units,
    }
}

fn order() -> SoldOrder {
    SoldOrder {
        shop: ShopId::new("shop-1"),
        seller_place: AreaCode::parse("632821100201").unwrap(),
        buyer: AccountId::new("buyer-1"),
        destination: ("31".into(), "浦东新区".into()),
        channel: Channel::Live,
        live_session: Some(LiveSessionId::new("live-1")),
        lines: vec![
            line("goji", Category::Fruit, 6_800, 2),
            line("salt", Category::Seasonings, 1_200, 1),
            line("berry", Category::Fruit, 3_000, 1),
        ],
    }
}

#[test]
fn payment_adds_goods_by_category_and_the_order_once() {
    let change = order().paid(d("2026-11-11"));
    assert_eq!(change.sales.len(), 2);
    let fruit = change
        .sales
        .iter()
        .find(|(k, _)| k.category == Category::Fruit)
        .unwrap();
    assert_eq!((fruit.1.paid_minor, fruit.1.orders), (9_800, 1));
    assert_eq!(fruit.0.channel, Channel::Live);
    assert_eq!(fruit.0.seller_place.as_str(), "632821100201");
    let total = change.sales_total();
    assert_eq!(
        (total.paid_minor, total.orders, total.units),
        (11_000, 1, 4)
    );
}

#[test]
fn every_table_adds_up_to_the_same_sales() {
    let change = order().paid(d("2026-11-11"));
    let products: i64 = change.products.values().map(|c| c.figures.paid_minor).sum();
    let places: i64 = change.destinations.values().map(|f| f.paid_minor).sum();
    assert_eq!((products, places), (11_000, 11_000));
    assert_eq!(change.products.len(), 3);
    let orders: i64 = change.products.values().map(|c| c.figures.orders).sum();
    assert_eq!(orders, 1);
}

#[test]
fn the_buyer_is_marked_in_the_month_of_payment() {
    let change = order().paid(d("2026-11-11"));
    let marked: Vec<_> = change.buyers.iter().collect();
    assert_eq!(marked.len(), 1);
    assert_eq!(marked[0].0 .0, 2026);
    assert_eq!(marked[0].1.paid, 1 << 10);
    let mut two = change.clone();
    two.merge(order().paid(d("2026-11-12")));
    assert_eq!(two.buyers.values().next().unwrap().repeat, 1 << 10);
    assert_eq!(two.sales_total().orders, 2);
}

#[test]
fn a_refund_subtracts_on_its_own_day_in_proportion() {
    let change = order()
        .refunded(d("2026-12-02"), Money::fen(5_500), Money::fen(0))
        .unwrap();
    assert!(change.sales.keys().all(|key| key.day == d("2026-12-02")));
    assert!(change.buyers.is_empty());
    let sum = change.sales_total();
    assert_eq!(
        (sum.refunded_minor, sum.orders, sum.paid_minor),
        (5_500, 0, 0)
    );
    let salt = change
        .sales
        .iter()
        .find(|(k, _)| k.category == Category::Seasonings)
        .unwrap();
    assert_eq!(salt.1.refunded_minor, 600);

    let mut both = order().paid(d("2026-11-11")).sales_total();
    both.add(&sum);
    assert_eq!(both.sales_minor(), 5_500);
}

#[test]
fn refunds_come_out_of_the_goods_first_never_beyond_them() {
    // Goods 11,000 and shipping 1,000: refunding 12,000 in two parts takes back 11,000.
    let first = order()
        .refunded(d("2026-12-02"), Money::fen(10_000), Money::fen(0))
        .unwrap();
    let second = order()
        .refunded(d("2026-12-03"), Money::fen(2_000), Money::fen(10_000))
        .unwrap();
    assert_eq!(first.sales_total().refunded_minor, 10_000);
    assert_eq!(second.sales_total().refunded_minor, 1_000);
    let shipping_only = order()
        .refunded(d("2026-12-04"), Money::fen(500), Money::fen(11_000))
        .unwrap();
    assert_eq!(shipping_only.sales_total().refunded_minor, 0);
}

#[test]
fn a_discount_is_shared_across_lines_in_proportion() {
    let lines = SoldOrder::discounted_lines(
        Money::fen(9_000),
        vec![
            (ProductId::new("a"), Category::Fruit, Money::fen(6_000), 1),
            (ProductId::new("b"), Category::Honey, Money::fen(4_000), 2),
        ],
    )
    .unwrap();
    let goods: Vec<i64> = lines.iter().map(|l| l.goods.minor()).collect();
    assert_eq!(goods, [5_400, 3_600]);
    assert_eq!(lines[1].units, 2);
}

#[test]
fn the_order_counts_in_its_largest_category_the_first_on_a_tie() {
    let tie = SoldOrder {
        lines: vec![
            line("h", Category::Honey, 500, 1),
            line("g", Category::Grain, 500, 1),
        ],
        ..order()
    };
    let change = tie.paid(d("2026-11-11"));
    let counted: Vec<_> = change
        .sales
        .iter()
        .filter(|(_, f)| f.orders == 1)
        .map(|(k, _)| k.category)
        .collect();
    assert_eq!(counted, [Category::Honey]);
}

#[test]
fn an_order_without_lines_adds_nothing_and_cannot_be_refunded() {
    let empty = SoldOrder {
        lines: Vec::new(),
        ..order()
    };
    assert!(empty.paid(d("2026-11-11")).is_empty());
    assert!(empty
        .refunded(d("2026-11-11"), Money::fen(1), Money::fen(0))
        .is_err());
}

#[test]
fn a_live_order_adds_to_its_session_whole_and_a_refund_takes_its_goods_back() {
    let mut change = order().paid(d("2026-11-11"));
    let mut again = order();
    again.lines.truncate(1);
    change.merge(again.paid(d("2026-11-12")));
    let cell = &change.live[&LiveSessionId::new("live-1")];
    assert_eq!(
        (
            cell.figures.paid_minor,
            cell.figures.orders,
            cell.figures.units
        ),
        (17_800, 2, 6)
    );
    assert_eq!(cell.buyers.len(), 1, "one buyer paying twice counts once");
    let refund = order()
        .refunded(d("2026-12-01"), Money::fen(2_000), Money::fen(0))
        .unwrap();
    let taken = &refund.live[&LiveSessionId::new("live-1")];
    assert_eq!(
        (taken.figures.refunded_minor, taken.figures.orders),
        (2_000, 0)
    );
    assert!(taken.buyers.is_empty());
}

#[test]
fn an_order_bought_outside_a_session_adds_to_no_session() {
    let mut shelf = order();
    shelf.live_session = None;
    assert!(shelf.paid(d("2026-11-11")).live.is_empty());
}
