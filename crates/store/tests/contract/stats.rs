//! The commerce rollups: written with each payment and refund, read the same whether a period
//! comes from month rows or day rows, and rebuilt from orders to exactly what the events wrote.

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::{AccountId, OrderId};
use farmgate_domain::ledger::{refund, RefundBasis};
use farmgate_domain::money::Money;
use farmgate_domain::place::AreaCode;
use farmgate_domain::stats::{BuyerPeriod, Channel, RollupFigures};
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::after_sales::approved;
use crate::fixtures::{add_account, code, new_id, TOWNSHIP_B, VILLAGE_A1, VILLAGE_B1};
use crate::orders::{checkout, pay, stall_in, Stall};

pub fn date(text: &str) -> CivilDate {
    CivilDate::parse(text).unwrap()
}

/// Ten in the morning, China time, on that day.
pub fn at(text: &str) -> Timestamp {
    date(text).start_in_china().plus_millis(10 * 3_600_000)
}

/// Goji from village A1 and honey from village B1, in two shops.
pub async fn two_shops(store: &SqlStore) -> (Stall, Stall) {
    let goji = stall_in(
        store,
        "goji@example.cn",
        VILLAGE_A1,
        Category::Fruit,
        100_000,
    )
    .await;
    let honey = stall_in(
        store,
        "honey@example.cn",
        VILLAGE_B1,
        Category::Honey,
        100_000,
    )
    .await;
    (goji, honey)
}

/// A checkout of `quantity` at 68 yuan each, less `discount` fen, through `channel`.
pub fn purchase(
    stall: &Stall,
    category: Category,
    buyer: &AccountId,
    quantity: i64,
    discount: i64,
    channel: Channel,
) -> NewCheckout {
    let mut placed = checkout(stall, buyer, &new_id(), quantity);
    let order = &mut placed.orders[0];
    order.lines[0].category = category;
    order.order.channel = channel.as_str().to_owned();
    order.order.discount = Money::fen(discount);
    order.order.goods = Money::fen(order.order.goods.minor() - discount);
    order.order.total = Money::fen(order.order.total.minor() - discount);
    placed.total = order.order.total;
    placed
}

pub async fn buy(store: &SqlStore, stall: &Stall, placed: &NewCheckout, day: &str) -> OrderId {
    store.place_checkout(placed).await.unwrap();
    pay(store, stall, placed, at(day)).await;
    placed.orders[0].order.id.clone()
}

/// Gives back `amount` of a paid order from escrow, on `day`.
pub async fn give_back(store: &SqlStore, order: &OrderId, amount: i64, day: &str) {
    let order = store.order(order).await.unwrap().unwrap().order;
    let before = store.refund_totals(&order.id).await.unwrap().total();
    let case = approved(store, &order, Money::fen(amount)).await;
    let basis = RefundBasis::Held {
        shop: order.shop_id.clone(),
        held: Money::fen(order.total.minor() - before.minor()),
    };
    let completion = RefundCompletion {
        after_sale: case.id.clone(),
        order: order.id.clone(),
        order_status: order.status,
        refunded_before: before,
        source: RefundSource::Held,
        refund: refund(&basis, Money::fen(amount)).unwrap(),
        leader_reversal: None,
        campaign_reversal: Money::fen(0),
        entry_id: new_id(),
        order_refunded_in_full: before.minor() + amount == order.total.minor(),
        at: at(day),
    };
    assert_eq!(
        store.complete_refund(&completion).await.unwrap(),
        CompleteOutcome::Completed
    );
}

pub fn scope(from: &str, to: &str) -> RollupScope {
    RollupScope::days(date(from), date(to))
}

async fn total(store: &SqlStore, scope: &RollupScope) -> RollupFigures {
    let rows = store.sales_by(scope, Breakdown::Total).await.unwrap();
    rows.first().map(|(_, f)| *f).unwrap_or_default()
}

pub async fn payments_and_refunds_change_the_rollups_where_and_when_they_happen(store: SqlStore) {
    let (goji, honey) = two_shops(&store).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let live_goji = purchase(&goji, Category::Fruit, &buyer, 2, 600, Channel::Live);
    let order = buy(&store, &goji, &live_goji, "2026-03-31").await;
    let shelf_honey = purchase(&honey, Category::Honey, &buyer, 1, 0, Channel::Shelf);
    buy(&store, &honey, &shelf_honey, "2026-04-02").await;
    // Goods 13,000 after the discount; 4,000 of it given back in April.
    give_back(&store, &order, 4_000, "2026-04-03").await;

    let march = total(&store, &scope("2026-03-01", "2026-03-31")).await;
    assert_eq!(
        (
            march.paid_minor,
            march.refunded_minor,
            march.orders,
            march.units
        ),
        (13_000, 0, 1, 2),
        "sales are the goods after discount, without shipping, on the day paid"
    );
    let april = total(&store, &scope("2026-04-01", "2026-04-30")).await;
    assert_eq!(
        (april.paid_minor, april.refunded_minor, april.orders),
        (6_800, 4_000, 1),
        "a refund subtracts in the period it is paid back"
    );
    let spring = scope("2026-03-15", "2026-04-15");
    assert_eq!(
        total(&store, &spring).await.sales_minor(),
        13_000 + 6_800 - 4_000
    );

    let by_channel = store.sales_by(&spring, Breakdown::Channel).await.unwrap();
    let channels: Vec<(&str, i64)> = by_channel
        .iter()
        .map(|(k, f)| (k.as_str(), f.sales_minor()))
        .collect();
    assert_eq!(channels, [("live", 9_000), ("shelf", 6_800)]);

    let township_b = RollupScope {
        place: Some(code(TOWNSHIP_B)),
        ..spring.clone()
    };
    assert_eq!(
        total(&store, &township_b).await.sales_minor(),
        6_800,
        "where the seller is"
    );
    let months = store.sales_by(&spring, Breakdown::Month).await.unwrap();
    let months: Vec<(&str, i64)> = months
        .iter()
        .map(|(k, f)| (k.as_str(), f.paid_minor))
        .collect();
    assert_eq!(months, [("202603", 13_000), ("202604", 6_800)]);

    let shop_scope = RollupScope {
        shop: Some(goji.shop.clone()),
        ..spring.clone()
    };
    assert_eq!(
        total(&store, &shop_scope).await.sales_minor(),
        9_000,
        "one shop's own"
    );
    let top = store.top_shops(&spring, 10).await.unwrap();
    assert_eq!(top[0].0, goji.shop);
    let products = store.top_products(&spring, 1).await.unwrap();
    assert_eq!((products.len(), &products[0].0), (1, &goji.product));
    let places = store.sales_by_destination(&spring, 10).await.unwrap();
    assert_eq!(places[0].0, ("31".to_owned(), "浦东新区".to_owned()));
    assert_eq!(places[0].1.sales_minor(), 15_800);

    let q2 = store
        .buyer_counts(BuyerPeriod::Quarter(20_262))
        .await
        .unwrap();
    let year = store.buyer_counts(BuyerPeriod::Year(2026)).await.unwrap();
    assert_eq!((q2.buyers, q2.repeat_buyers), (1, 0));
    assert_eq!((year.buyers, year.repeat_buyers), (1, 1));
}

/// Every figure the rollups answer, over the whole test's time.
pub async fn everything(store: &SqlStore) -> Vec<String> {
    let all = scope("2025-01-01", "2027-12-31");
    let mut seen = Vec::new();
    for by in [
        Breakdown::Day,
        Breakdown::Month,
        Breakdown::Village,
        Breakdown::Category,
        Breakdown::Channel,
    ] {
        seen.push(format!(
            "{by:?} {:?}",
            store.sales_by(&all, by).await.unwrap()
        ));
    }
    seen.push(format!("{:?}", store.top_shops(&all, 100).await.unwrap()));
    seen.push(format!(
        "{:?}",
        store.top_products(&all, 100).await.unwrap()
    ));
    seen.push(format!(
        "{:?}",
        store.sales_by_destination(&all, 100).await.unwrap()
    ));
    seen.push(format!(
        "{:?}",
        store.live_sessions_sales(&all, 100).await.unwrap()
    ));
    for year in 2025..=2026 {
        seen.push(format!(
            "{:?}",
            store.buyer_counts(BuyerPeriod::Year(year)).await
        ));
        for quarter in 1..=4 {
            let period = BuyerPeriod::Quarter(year * 10 + quarter);
            seen.push(format!("{:?}", store.buyer_counts(period).await));
        }
        for month in 1..=12 {
            let period = BuyerPeriod::Month(year * 100 + month);
            seen.push(format!("{:?}", store.buyer_counts(period).await));
        }
    }
    seen
}

pub async fn a_rebuild_equals_what_a_random_stream_of_events_wrote(store: SqlStore) {
    let (goji, honey) = two_shops(&store).await;
    let mut buyers = Vec::new();
    for i in 0..6 {
        buyers.push(add_account(&store, &format!("b{i}@example.cn")).await.id);
    }
    let mut sessions = Vec::new();
    for stall in [&goji, &honey] {
        let session = crate::live::session(&stall.shop, &buyers[0], Vec::new());
        store.insert_live_session(&session).await.unwrap();
        store
            .mark_live(&session.id, at("2026-01-01"))
            .await
            .unwrap();
        sessions.push(session.id);
    }
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % n
    };
    let mut paid = Vec::new();
    for _ in 0..60 {
        let day = date("2025-11-20").plus_days(i64::try_from(next(400)).unwrap());
        let (stall, category) = if next(2) == 0 {
            (&goji, Category::Fruit)
        } else {
            (&honey, Category::Honey)
        };
        let buyer = &buyers[usize::try_from(next(6)).unwrap()];
        let channel = Channel::ALL[usize::try_from(next(5)).unwrap()];
        let discount = i64::try_from(next(3)).unwrap() * 500;
        let quantity = i64::try_from(next(3) + 1).unwrap();
        let mut placed = purchase(stall, category, buyer, quantity, discount, channel);
        if channel == Channel::Live {
            placed.orders[0].order.live_session_id =
                Some(sessions[usize::from(category == Category::Honey)].clone());
        }
        match next(5) {
            // Never paid: it expires (or is cancelled) and must count nowhere.
            0 => {
                store.place_checkout(&placed).await.unwrap();
            }
            _ => {
                let order = buy(&store, stall, &placed, &day.to_string()).await;
                paid.push((order, placed.total.minor(), day));
            }
        }
    }
    store.expire_unpaid(at("2028-01-01")).await.unwrap();
    for (order, total, day) in paid.iter().step_by(3) {
        let later = day.plus_days(i64::try_from(next(20)).unwrap()).to_string();
        // Some refunds reach into the shipping: those give back only the goods.
        let first = i64::try_from(next(u64::try_from(*total).unwrap())).unwrap() + 1;
        give_back(&store, order, first, &later).await;
        if first < *total && next(2) == 0 {
            give_back(&store, order, *total - first, &later).await;
        }
    }

    let incremental = everything(&store).await;
    assert!(incremental[0].len() > 1_000, "the stream wrote rollups");
    let live = store
        .live_sessions_sales(&scope("2026-01-01", "2026-01-01"), 2)
        .await
        .unwrap();
    assert!(live.figures.orders > 0 && live.buyers > 0, "{live:?}");
    let report = store.rebuild_rollups().await.unwrap();
    assert_eq!(report.paid_orders, i64::try_from(paid.len()).unwrap());
    assert_eq!(everything(&store).await, incremental);
}

pub async fn a_scope_narrows_by_place_category_and_channel_together(store: SqlStore) {
    let (goji, honey) = two_shops(&store).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    for (stall, category, channel) in [
        (&goji, Category::Fruit, Channel::Live),
        (&goji, Category::Fruit, Channel::Shelf),
        (&honey, Category::Honey, Channel::Live),
    ] {
        let placed = purchase(stall, category, &buyer, 1, 0, channel);
        buy(&store, stall, &placed, "2026-05-05").await;
    }
    let narrow = RollupScope {
        place: Some(AreaCode::parse(VILLAGE_A1).unwrap()),
        category: Some(Category::Fruit),
        channel: Some(Channel::Live),
        ..scope("2026-05-01", "2026-05-31")
    };
    assert_eq!(total(&store, &narrow).await.paid_minor, 6_800);
    let top = store.top_products(&narrow, 10).await.unwrap();
    assert_eq!(top.len(), 1);
    let empty = RollupScope {
        category: Some(Category::Honey),
        ..narrow
    };
    assert_eq!(total(&store, &empty).await, RollupFigures::default());
}
