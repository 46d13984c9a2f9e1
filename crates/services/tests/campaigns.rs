//! A campaign end to end, on both stores: the hub sets up 20% off fruit with the platform
//! bearing 40%; a buyer's checkout pays the campaign price in the campaign channel and stores
//! the discount with the order; delivery pays the producer the platform's share; a refund after
//! delivery takes that share back in proportion; the ledger sums to zero throughout. Bad rules
//! and anyone but the hub are refused; an ended campaign prices nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::commission::commission_share;
use farmgate_domain::ledger::LedgerAccount;
use farmgate_domain::money::Money;
use farmgate_domain::role::Role;
use farmgate_services::campaigns::{CampaignCouponForm, CampaignForm, BELOW_MINIMUM, NO_SUCH_CODE};
use farmgate_services::checkout::CartItem;
use farmgate_services::coupons::{LIMIT_REACHED, USED};
use farmgate_services::ServiceError;
use support::{account, market, market_on_postgres, request, stall, Market};

fn harvest(m: &Market) -> CampaignForm {
    let now = m.services.clock.now();
    CampaignForm {
        name: "丰收节".into(),
        starts: Some(now.plus_millis(-1)),
        ends: Some(now.plus_days(7)),
        rule: "percent_off".into(),
        percent_off: "20".into(),
        platform_share: "40".into(),
        scope: "categories".into(),
        categories: vec!["fruit".into()],
        ..CampaignForm::default()
    }
}

async fn ledger_sums_to_zero(m: &Market) {
    let balances = m.store.ledger_balances().await.unwrap();
    assert_eq!(balances.iter().map(|(_, m)| m.minor()).sum::<i64>(), 0);
}

async fn a_campaign_price_is_paid_and_its_share_settled(m: &Market) {
    let goji = stall(m, "p@example.cn", "黑枸杞", "68.00", "100").await;
    let buyer = account(&m.store, "wang@example.cn", vec![Role::Buyer]).await;
    let refused = m.services.create_campaign(&buyer, &harvest(m)).await;
    assert!(
        matches!(refused, Err(ServiceError::Forbidden)),
        "{refused:?}"
    );
    let absurd = CampaignForm {
        percent_off: "95".into(),
        ..harvest(m)
    };
    assert!(matches!(
        m.services.create_campaign(&m.hub, &absurd).await,
        Err(ServiceError::Validation(_))
    ));
    let campaign = m
        .services
        .create_campaign(&m.hub, &harvest(m))
        .await
        .unwrap();

    let two = CartItem {
        quantity: 2,
        ..goji.item.clone()
    };
    let placed = m
        .services
        .checkout(&buyer, &request(vec![two], "campaign-0000001"))
        .await
        .unwrap();
    let detail = &placed.orders[0];
    // ¥68.00 less 20% is ¥54.40 a unit; the campaign took ¥27.20 off two, 40% of it ¥10.88.
    assert_eq!(detail.lines[0].unit_price, Money::fen(5_440));
    assert_eq!(detail.order.channel, "campaign");
    let parts = m.store.campaign_parts(&detail.order.id).await.unwrap();
    assert_eq!(parts.len(), 1);
    assert_eq!(
        (parts[0].discount.minor(), parts[0].platform.minor()),
        (2_720, 1_088)
    );
    m.pay(&buyer, &placed).await;
    let order = detail.order.clone();

    let payable = LedgerAccount::ProducerPayable(order.shop_id.clone()).code();
    let payable_of = || async { -m.store.balance_of(&payable).await.unwrap().minor() };
    m.services
        .ship_order(&goji.producer, &order.id, "顺丰", "SF1234567890")
        .await
        .unwrap();
    m.services.confirm_receipt(&buyer, &order.id).await.unwrap();
    let settled = order.total.minor() - order.commission.minor() + 1_088;
    assert_eq!(
        payable_of().await,
        settled,
        "the platform's share reaches the producer"
    );
    let subsidy = LedgerAccount::CampaignSubsidy.code();
    assert_eq!(m.store.balance_of(&subsidy).await.unwrap().minor(), 1_088);
    ledger_sums_to_zero(m).await;

    let case = m
        .ask_refund(&buyer, &order.id, "other", "27.20")
        .await
        .unwrap();
    m.services
        .approve_after_sale(&goji.producer, &case.id, "")
        .await
        .unwrap();
    m.refunds_settle().await;
    let back = commission_share(Money::fen(1_088), Money::fen(2_720), order.total).unwrap();
    assert!(back.minor() > 0);
    assert_eq!(
        m.store.balance_of(&subsidy).await.unwrap().minor(),
        1_088 - back.minor(),
        "taken back in proportion"
    );
    ledger_sums_to_zero(m).await;
    let figures = m.services.hub_campaigns(&m.hub).await.unwrap();
    assert_eq!(figures[0].0.id, campaign);
    assert_eq!(figures[0].1.orders, 1);

    m.services.end_campaign(&m.hub, &campaign).await.unwrap();
    assert!(matches!(
        m.services.end_campaign(&m.hub, &campaign).await,
        Err(ServiceError::Conflict(_))
    ));
    let after = m
        .services
        .checkout(
            &buyer,
            &request(vec![goji.item.clone()], "campaign-0000002"),
        )
        .await
        .unwrap();
    assert_eq!(after.orders[0].lines[0].unit_price, Money::fen(6_800));
    assert_eq!(after.orders[0].order.channel, "shelf");
}

#[tokio::test]
async fn a_campaign_price_is_paid_and_the_platforms_share_settled_on_both_stores() {
    a_campaign_price_is_paid_and_its_share_settled(&market().await).await;
    if let Some(m) = market_on_postgres().await {
        a_campaign_price_is_paid_and_its_share_settled(&m).await;
    }
}

/// 满¥100减¥20 across shops, the platform bearing all of it.
fn double_eleven(m: &Market) -> CampaignForm {
    CampaignForm {
        name: "双十一".into(),
        rule: "spend_save".into(),
        threshold: "100".into(),
        amount_off: "20".into(),
        platform_share: "100".into(),
        scope: "everything".into(),
        ..harvest(m)
    }
}

async fn spend_save_is_shared_between_the_shops_orders(m: &Market) {
    let goji = stall(m, "a@example.cn", "黑枸杞", "68.00", "100").await;
    let salt = stall(m, "b@example.cn", "茶卡盐", "50.00", "100").await;
    let buyer = account(&m.store, "li@example.cn", vec![Role::Buyer]).await;
    m.services
        .create_campaign(&m.hub, &double_eleven(m))
        .await
        .unwrap();

    let alone = m
        .services
        .checkout(&buyer, &request(vec![goji.item.clone()], "spend-save-0001"))
        .await
        .unwrap();
    assert_eq!(alone.orders[0].order.discount, Money::fen(0), "¥68 < ¥100");
    assert_eq!(alone.orders[0].order.channel, "shelf");

    let both = vec![goji.item.clone(), salt.item.clone()];
    let placed = m
        .services
        .checkout(&buyer, &request(both, "spend-save-0002"))
        .await
        .unwrap();
    let mut saved = 0;
    for detail in &placed.orders {
        let order = &detail.order;
        let parts = m.store.campaign_parts(&order.id).await.unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].discount, order.discount);
        assert_eq!(parts[0].platform, order.discount, "the platform bears 100%");
        assert_eq!(
            order.total.minor(),
            order.goods.minor() + order.shipping.minor()
        );
        assert_eq!(order.channel, "campaign");
        saved += order.discount.minor();
    }
    // ¥20 once, shared 68 : 50 (¥11.53 and ¥8.47).
    assert_eq!(saved, 2_000);
    let shares: Vec<i64> = placed
        .orders
        .iter()
        .map(|d| d.order.discount.minor())
        .collect();
    assert!(
        shares.contains(&1_153) && shares.contains(&847),
        "{shares:?}"
    );

    m.pay(&buyer, &placed).await;
    let first = placed.orders[0].order.clone();
    let producer = if first.shop_id == goji.shop {
        &goji.producer
    } else {
        &salt.producer
    };
    m.services
        .ship_order(producer, &first.id, "顺丰", "SF1234567891")
        .await
        .unwrap();
    m.services.confirm_receipt(&buyer, &first.id).await.unwrap();
    let subsidy = LedgerAccount::CampaignSubsidy.code();
    assert_eq!(
        m.store.balance_of(&subsidy).await.unwrap(),
        first.discount,
        "delivery pays the producer the platform's whole share"
    );
    ledger_sums_to_zero(m).await;
}

#[tokio::test]
async fn spend_save_comes_off_once_across_shops_on_both_stores() {
    spend_save_is_shared_between_the_shops_orders(&market().await).await;
    if let Some(m) = market_on_postgres().await {
        spend_save_is_shared_between_the_shops_orders(&m).await;
    }
}

async fn a_campaign_coupon_is_claimed_by_code_and_used_once(m: &Market) {
    let goji = stall(m, "c@example.cn", "黑枸杞", "68.00", "100").await;
    let buyer = account(&m.store, "zhao@example.cn", vec![Role::Buyer]).await;
    let campaign = m
        .services
        .create_campaign(&m.hub, &harvest(m))
        .await
        .unwrap();
    let form = CampaignCouponForm {
        kind: "percent".into(),
        percent_off: "10".into(),
        cap: "50".into(),
        minimum_spend: "100".into(),
        quantity: "2".into(),
        per_buyer_limit: "1".into(),
        valid_days: "3".into(),
        ..CampaignCouponForm::default()
    };
    assert!(matches!(
        m.services
            .create_campaign_coupon(&buyer, &campaign, &form)
            .await,
        Err(ServiceError::Forbidden)
    ));
    let loss = CampaignCouponForm {
        kind: "amount".into(),
        amount_off: "100".into(),
        ..form.clone()
    };
    assert!(matches!(
        m.services
            .create_campaign_coupon(&m.hub, &campaign, &loss)
            .await,
        Err(ServiceError::Validation(_))
    ));
    let coupon = m
        .services
        .create_campaign_coupon(&m.hub, &campaign, &form)
        .await
        .unwrap();

    let typed = format!(" {} ", coupon.code.to_lowercase());
    m.services
        .claim_campaign_coupon(&buyer, &typed)
        .await
        .unwrap();
    let again = m.services.claim_campaign_coupon(&buyer, &coupon.code).await;
    assert!(
        matches!(again, Err(ServiceError::Conflict(LIMIT_REACHED))),
        "{again:?}"
    );
    let guessed = if coupon.code == "AAAAAAAA" {
        "BBBBBBBB"
    } else {
        "AAAAAAAA"
    };
    let guess = m.services.claim_campaign_coupon(&buyer, guessed).await;
    assert!(
        matches!(guess, Err(ServiceError::Conflict(NO_SUCH_CODE))),
        "{guess:?}"
    );
    assert!(matches!(
        m.services
            .claim_campaign_coupon(&buyer, "' OR 1=1 --")
            .await,
        Err(ServiceError::Validation(_))
    ));
    let held = m
        .services
        .held_campaign_coupons(&buyer.account_id)
        .await
        .unwrap();
    assert_eq!(held.len(), 1);
    let claim = held[0].id.clone();

    let with_coupon = |quantity, key: &str| {
        let mut request = request(
            vec![CartItem {
                quantity,
                ..goji.item.clone()
            }],
            key,
        );
        request.campaign_coupon = Some(claim.clone());
        request
    };
    // One at the campaign's ¥54.40 is below the ¥100 minimum spend.
    let short = m
        .services
        .checkout(&buyer, &with_coupon(1, "cc-short-0001"))
        .await;
    assert!(
        matches!(short, Err(ServiceError::Conflict(BELOW_MINIMUM))),
        "{short:?}"
    );
    // Two: ¥108.80, 10% off is ¥10.88 on top of the campaign's ¥27.20.
    let placed = m
        .services
        .checkout(&buyer, &with_coupon(2, "cc-paid-00001"))
        .await
        .unwrap();
    let order = &placed.orders[0].order;
    assert_eq!(order.discount, Money::fen(1_088));
    assert_eq!(order.goods, Money::fen(10_880 - 1_088));
    let parts = m.store.campaign_parts(&order.id).await.unwrap();
    assert_eq!(
        parts[0].discount,
        Money::fen(2_720 + 1_088),
        "both steps, one campaign"
    );
    let replay = m
        .services
        .checkout(&buyer, &with_coupon(2, "cc-paid-00001"))
        .await
        .unwrap();
    assert_eq!(
        replay.checkout, placed.checkout,
        "sent again, the same checkout"
    );
    let reuse = m
        .services
        .checkout(&buyer, &with_coupon(2, "cc-reuse-0001"))
        .await;
    assert!(
        matches!(reuse, Err(ServiceError::Conflict(USED))),
        "{reuse:?}"
    );
    assert!(m
        .services
        .held_campaign_coupons(&buyer.account_id)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_campaign_coupon_is_claimed_by_code_and_used_once_on_both_stores() {
    a_campaign_coupon_is_claimed_by_code_and_used_once(&market().await).await;
    if let Some(m) = market_on_postgres().await {
        a_campaign_coupon_is_claimed_by_code_and_used_once(&m).await;
    }
}

#[tokio::test]
async fn the_cart_reads_coupons_and_goods_after_spend_save_as_checkout_does() {
    let m = market().await;
    let goji = stall(&m, "d@example.cn", "黑枸杞", "68.00", "100").await;
    let buyer = account(&m.store, "sun@example.cn", vec![Role::Buyer]).await;
    let campaign = m
        .services
        .create_campaign(&m.hub, &double_eleven(&m))
        .await
        .unwrap();
    for minimum in ["120", "100"] {
        let form = CampaignCouponForm {
            kind: "amount".into(),
            amount_off: "15".into(),
            minimum_spend: minimum.into(),
            quantity: "10".into(),
            per_buyer_limit: "1".into(),
            valid_days: "3".into(),
            ..CampaignCouponForm::default()
        };
        let coupon = m
            .services
            .create_campaign_coupon(&m.hub, &campaign, &form)
            .await
            .unwrap();
        m.services
            .claim_campaign_coupon(&buyer, &coupon.code)
            .await
            .unwrap();
    }
    m.services
        .add_to_cart(&buyer, &goji.item.product, &goji.item.sku, 2, None)
        .await
        .unwrap();
    let entries = m.services.cart(&buyer).await.unwrap();
    let cart = m
        .services
        .campaign_cart(&buyer.account_id, &entries)
        .await
        .unwrap();
    // ¥136 reaches 满¥100减¥20; the ¥116 left reaches the coupon from ¥100, not the one from ¥120.
    assert_eq!(cart.spend_saves[0].covered, Money::fen(13_600));
    assert_eq!(cart.coupons.len(), 1);
    assert_eq!(
        cart.coupons[0].claim.coupon.terms.minimum_spend,
        Money::fen(10_000)
    );
    assert_eq!(cart.goods, [Money::fen(13_600 - 2_000 - 1_500)]);

    let mut request = request(
        vec![CartItem {
            quantity: 2,
            ..goji.item.clone()
        }],
        "cart-as-checkout",
    );
    request.campaign_coupon = Some(cart.coupons[0].claim.id.clone());
    let placed = m.services.checkout(&buyer, &request).await.unwrap();
    assert_eq!(
        placed.orders[0].order.goods, cart.goods[0],
        "checkout charges what the cart said"
    );
}
