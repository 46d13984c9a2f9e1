use std::collections::HashSet;

use farmgate_domain::availability::Season;
use farmgate_domain::catalogue::{Category, Grade};
use farmgate_domain::id::SkuId;
use farmgate_domain::id::{CheckoutId, FlashSaleId, LiveSessionId, OrderId, ProductId, ShopId};
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::money::Money;
use farmgate_domain::place::AreaCode;
use farmgate_store::{NewCheckout, ProductRecord, StoreError};

use super::*;

const OPENS: Timestamp = Timestamp::from_millis(1_800_000_010_000);
const CLOSES: Timestamp = Timestamp::from_millis(1_800_000_610_000);
const DURING: Timestamp = Timestamp::from_millis(1_800_000_020_000);

fn product() -> Arc<ProductDetail> {
    Arc::new(ProductDetail {
        product: ProductRecord {
            id: ProductId::new("p"),
            shop_id: ShopId::new("s"),
            title: "黑枸杞".into(),
            title_en: String::new(),
            description: String::new(),
            category: Category::Fruit,
            grade: Grade::Special,
            origin: AreaCode::parse("632830101201").unwrap(),
            status: ListingStatus::Listed,
            review_reason: None,
            season: Season::ALL_YEAR,
            presale: None,
            sales: 0,
            created_at: OPENS,
            updated_at: OPENS,
        },
        skus: vec![],
        photos: vec![],
    })
}

fn gate(units: i64, per_buyer: i64, sold: i64, buyers: Vec<(AccountId, i64)>) -> Gate {
    let sale = FlashSaleRecord {
        id: FlashSaleId::new("sale"),
        session_id: LiveSessionId::new("live"),
        product_id: ProductId::new("p"),
        sku_id: SkuId::new("k"),
        price: Money::fen(990),
        stock_limit: units,
        sold,
        per_buyer_limit: per_buyer,
        opens_at: OPENS,
        closes_at: CLOSES,
        created_at: OPENS,
        settled_at: None,
    };
    let book = FlashSaleBook {
        sale,
        buyers,
        purchases: vec![],
    };
    Gate::new(book, product())
}

fn buyer(n: usize) -> AccountId {
    AccountId::new(format!("buyer-{n}"))
}

fn purchase(buyer: &AccountId, key: &str, quantity: i64) -> NewFlashPurchase {
    NewFlashPurchase {
        sale_id: FlashSaleId::new("sale"),
        quantity,
        per_buyer_limit: 2,
        idempotency_key: key.into(),
        checkout: NewCheckout {
            id: CheckoutId::new(format!("c-{key}")),
            buyer: buyer.clone(),
            idempotency_key: key.into(),
            total: Money::fen(990),
            created_at: DURING,
            orders: vec![],
            claims: vec![],
            campaign_parts: Vec::new(),
            campaign_claim: None,
        },
    }
}

#[test]
fn units_go_until_none_are_left() {
    let gate = gate(3, 2, 0, vec![]);
    assert_eq!(
        gate.reserve(&buyer(1), "k1", 2, DURING),
        Ok(Admission::Admitted)
    );
    assert_eq!(
        gate.check(&buyer(2), "k2", 2, DURING),
        Err(FlashRefusal::TooFewLeft)
    );
    assert_eq!(
        gate.reserve(&buyer(2), "k2", 2, DURING),
        Err(FlashRefusal::TooFewLeft)
    );
    assert_eq!(
        gate.reserve(&buyer(2), "k2", 1, DURING),
        Ok(Admission::Admitted)
    );
    assert_eq!(
        gate.reserve(&buyer(3), "k3", 1, DURING),
        Err(FlashRefusal::SoldOut)
    );
    assert_eq!(gate.phase(DURING), FlashSalePhase::SoldOut);
    assert_eq!(gate.remaining(), 0);
}

#[test]
fn a_buyer_gets_no_more_than_the_limit_counting_what_the_database_holds() {
    let gate = gate(100, 3, 2, vec![(buyer(1), 2)]);
    assert_eq!(gate.remaining(), 98);
    assert_eq!(
        gate.reserve(&buyer(1), "k1", 2, DURING),
        Err(FlashRefusal::OverLimit)
    );
    assert_eq!(
        gate.reserve(&buyer(1), "k2", 1, DURING),
        Ok(Admission::Admitted)
    );
    assert_eq!(
        gate.reserve(&buyer(1), "k3", 1, DURING),
        Err(FlashRefusal::OverLimit)
    );
    assert_eq!(
        gate.reserve(&buyer(2), "k1", 3, DURING),
        Ok(Admission::Admitted)
    );
}

#[test]
fn the_clock_opens_and_closes_the_gate() {
    let gate = gate(10, 2, 0, vec![]);
    let early = OPENS.plus_millis(-1);
    assert_eq!(
        gate.reserve(&buyer(1), "k", 1, early),
        Err(FlashRefusal::NotOpen)
    );
    assert_eq!(
        gate.reserve(&buyer(1), "k", 1, CLOSES),
        Err(FlashRefusal::Closed)
    );
    assert_eq!(gate.remaining(), 10, "nothing reserved by a refusal");
}

#[test]
fn a_purchase_in_the_book_is_replayed_by_its_key_even_after_selling_out() {
    let record = FlashPurchaseRecord {
        sale_id: FlashSaleId::new("sale"),
        buyer_id: buyer(1),
        idempotency_key: "k".into(),
        checkout_id: CheckoutId::new("c"),
        order_id: OrderId::new("o"),
        quantity: 1,
        created_at: DURING,
    };
    let mut gate = gate(1, 1, 1, vec![(buyer(1), 1)]);
    gate = Gate::new(
        FlashSaleBook {
            sale: gate.sale.clone(),
            buyers: vec![(buyer(1), 1)],
            purchases: vec![record.clone()],
        },
        product(),
    );
    assert_eq!(
        gate.reserve(&buyer(1), "k", 1, DURING),
        Ok(Admission::Replay(record.clone()))
    );
    assert_eq!(
        gate.reserve(&buyer(1), "other", 1, DURING),
        Err(FlashRefusal::SoldOut)
    );
    assert_eq!(
        gate.reserve(&buyer(1), "k", 1, CLOSES),
        Ok(Admission::Replay(record))
    );
}

#[test]
fn refusals_of_the_database_correct_the_gate() {
    let gate = gate(10, 2, 0, vec![]);
    let who = buyer(1);
    let p = purchase(&who, "k", 2);

    gate.reserve(&who, "k", 2, DURING).unwrap();
    gate.settle(
        &p,
        &Ok(FlashPurchaseOutcome::Refused(FlashRefusal::SoldOut)),
    );
    assert_eq!(gate.remaining(), 8, "units another node sold stay out");
    assert_eq!(
        gate.check(&who, "k", 2, DURING),
        Ok(Admission::Admitted),
        "allowance back"
    );

    gate.reserve(&who, "k", 2, DURING).unwrap();
    gate.settle(
        &p,
        &Ok(FlashPurchaseOutcome::Refused(FlashRefusal::OverLimit)),
    );
    assert_eq!(gate.remaining(), 8, "units back");
    assert_eq!(
        gate.check(&who, "k2", 1, DURING),
        Err(FlashRefusal::OverLimit)
    );

    let other = buyer(2);
    let q = purchase(&other, "q", 2);
    gate.reserve(&other, "q", 2, DURING).unwrap();
    gate.settle(&q, &Err(StoreError::NotFound));
    assert_eq!(gate.remaining(), 8, "a failed write gives everything back");
    assert_eq!(gate.check(&other, "q", 2, DURING), Ok(Admission::Admitted));
}

#[test]
fn expired_orders_give_units_and_allowance_back() {
    let gate = gate(2, 2, 2, vec![(buyer(1), 2)]);
    assert_eq!(
        gate.reserve(&buyer(2), "k", 1, DURING),
        Err(FlashRefusal::SoldOut)
    );
    gate.units_returned(&buyer(1), 2);
    assert_eq!(gate.phase(DURING), FlashSalePhase::Open);
    assert_eq!(
        gate.reserve(&buyer(1), "again", 2, DURING),
        Ok(Admission::Admitted)
    );
}

#[test]
fn racing_threads_reserve_exactly_the_units() {
    let gate = Arc::new(gate(1_000, 3, 0, vec![]));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let gate = gate.clone();
            std::thread::spawn(move || {
                let mut got = 0;
                for i in 0..2_500 {
                    let who = buyer((t * 2_500 + i) % 700);
                    let quantity = 1 + (i % 2) as i64;
                    if gate
                        .reserve(&who, &format!("{t}-{i}"), quantity, DURING)
                        .is_ok()
                    {
                        got += quantity;
                    }
                }
                got
            })
        })
        .collect();
    let total: i64 = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(total, 1_000);
    assert_eq!(gate.remaining(), 0);
    let buyers = gate.buyers.lock().unwrap();
    assert!(buyers.values().all(|h| h.units <= 3));
    let keys: HashSet<_> = buyers.keys().collect();
    assert!(keys.len() <= 700);
}
