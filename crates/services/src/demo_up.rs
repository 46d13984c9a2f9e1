//! The demo's up parcels today: the demo buyer's orders from producers whose village has a
//! point, paid and sent up through the network — one already handed to a carrier (so the
//! buyer's order page shows the whole path), two received at the warehouse, the rest declared —
//! and a few parcels of other produce. All through the same use cases producers and staff use.

use std::collections::HashMap;

use farmgate_demo::{DemoPlan, EMAIL_DOMAIN};
use farmgate_domain::access::Actor;
use farmgate_domain::id::{AccountId, PaymentId, ProductId, ShopId};
use farmgate_domain::ledger::payment_captured;
use farmgate_domain::money::Money;
use farmgate_domain::network::{point_for_village, NodeKind};
use farmgate_domain::parcel::{Parcel, ParcelStage};
use farmgate_domain::parcel_up::{order_weight_g, ProduceForm};
use farmgate_domain::role::Role;
use farmgate_store::{PaymentRecord, PaymentSettlement, PaymentStatus};

use crate::checkout::{AddressForm, CartItem, CheckoutRequest, PlacedCheckout};
use crate::parcels::Scan;
use crate::up_parcels::{DeclareOrder, Handover};
use crate::{new_id, ServiceError, ServiceResult, Services};

/// Orders the demo buyer sends up, with the carrier each asks for (by code; empty for any),
/// and parcels of other produce.
const ORDERS: [&str; 5] = ["ZTO", "YTO", "", "EMS", ""];
const PRODUCE: [(&str, &str, &str); 3] = [
    ("王芳", "13800138000", "西宁市城中区南大街 12 号"),
    ("陈建国", "13709712345", "兰州市城关区庆阳路 88 号"),
    ("刘晓燕", "13619876543", "成都市武侯区科华北路 6 号"),
];

/// Who the demo's shops are: each shop with its owner, as `seed_demo` made them.
pub(crate) struct DemoShops<'a> {
    pub accounts: &'a HashMap<String, AccountId>,
    pub shops: &'a [ShopId],
    pub owners: &'a [AccountId],
    pub products: &'a [Option<ProductId>],
}

impl Services {
    pub(crate) async fn seed_demo_up_parcels(
        &self,
        plan: &DemoPlan,
        demo: &DemoShops<'_>,
    ) -> ServiceResult<()> {
        let buyer = demo_actor(demo, "buyer", Role::Buyer)?;
        let staff = demo_actor(demo, "logistics", Role::Logistics)?;
        let nodes = self.store.network_nodes().await?;
        let served: Vec<usize> = (0..demo.shops.len())
            .filter(|&i| {
                plan.producers
                    .get(i)
                    .is_some_and(|p| point_for_village(&nodes, &p.village).is_some())
            })
            .collect();

        let carriers = self.store.carriers().await?;
        let carrier_id = |code: &str| {
            carriers
                .iter()
                .find(|c| c.code == code)
                .map(|c| c.id.to_string())
                .unwrap_or_default()
        };
        let mut parcels = Vec::new();
        for &producer in &served {
            let Some(wanted) = ORDERS.get(parcels.len()) else {
                break;
            };
            let sent = self
                .demo_order_sent_up(plan, demo, producer, &buyer, carrier_id(wanted))
                .await?;
            parcels.extend(sent);
        }
        let warehouse = nodes.iter().find(|n| n.kind() == NodeKind::Warehouse);
        let carrier = carriers
            .iter()
            .find(|c| c.code == ORDERS[0])
            .or(carriers.first());
        for (index, parcel) in parcels.iter().enumerate().take(3) {
            self.demo_scan(&staff, parcel, ParcelStage::PickedUp, Some(&parcel.point))
                .await?;
            let warehouse = warehouse.map(|w| &w.id);
            self.demo_scan(&staff, parcel, ParcelStage::Received, warehouse)
                .await?;
            if let (0, Some(carrier)) = (index, carrier) {
                let handover = Handover {
                    code: parcel.code.clone(),
                    carrier: carrier.id.clone(),
                    tracking: "7800 2611 2300 01".to_owned(),
                };
                self.hand_over_parcel(&staff, &handover).await?;
            }
        }
        for (&producer, (name, phone, destination)) in served.iter().rev().zip(PRODUCE) {
            let form = ProduceForm {
                recipient: name.to_owned(),
                phone: phone.to_owned(),
                destination: destination.to_owned(),
                weight_kg: "2.5".to_owned(),
                carrier_wanted: String::new(),
            };
            let owner = shop_owner(demo, producer)?;
            self.declare_produce(
                &owner,
                &demo.shops[producer],
                &form,
                &contact_phone(producer),
            )
            .await?;
        }
        Ok(())
    }

    /// One unit of the producer's first product bought by the demo buyer, paid and sent up;
    /// `None` when it cannot be bought today (out of season, sold out).
    async fn demo_order_sent_up(
        &self,
        plan: &DemoPlan,
        demo: &DemoShops<'_>,
        producer: usize,
        buyer: &Actor,
        carrier_wanted: String,
    ) -> ServiceResult<Option<Parcel>> {
        let Some(product) = plan
            .products
            .iter()
            .zip(demo.products)
            .find_map(|(planned, id)| id.as_ref().filter(|_| planned.producer == producer))
        else {
            return Ok(None);
        };
        let detail = self.product(None, product).await?;
        let Some(sku) = detail.skus.first() else {
            return Ok(None);
        };
        let request = CheckoutRequest {
            items: vec![CartItem {
                product: product.clone(),
                sku: sku.id.clone(),
                quantity: 1,
                video: None,
            }],
            address: AddressForm {
                recipient: "林晓雨".into(),
                phone: "13800138000".into(),
                province: "63".into(),
                city: "西宁市".into(),
                county: "城西区".into(),
                detail: "五四大街 8 号".into(),
            },
            idempotency_key: format!("demo-up-{producer:04}"),
            ..CheckoutRequest::default()
        };
        let placed = match self.checkout(buyer, &request).await {
            Ok(placed) => placed,
            Err(ServiceError::Conflict(_) | ServiceError::Validation(_)) => return Ok(None),
            Err(other) => return Err(other),
        };
        self.demo_pay(&placed).await?;
        let Some(order) = placed.orders.first() else {
            return Ok(None);
        };
        let known = order_weight_g(order.lines.iter().map(|l| l.weight_g)).is_some();
        let declare = DeclareOrder {
            weight_kg: if known { String::new() } else { "1.5".into() },
            contact_phone: contact_phone(producer),
            carrier_wanted,
        };
        let owner = shop_owner(demo, producer)?;
        let declared = self
            .declare_order(&owner, &order.order.id, &declare)
            .await?;
        Ok(Some(declared.parcel))
    }

    /// Pays a demo checkout as a provider's success callback would: the payment recorded,
    /// then settled with its ledger entry.
    async fn demo_pay(&self, placed: &PlacedCheckout) -> ServiceResult<()> {
        let internal =
            |e: farmgate_domain::ledger::LedgerError| ServiceError::Internal(e.to_string());
        let per_shop: Vec<(ShopId, Money)> = placed
            .orders
            .iter()
            .map(|o| (o.order.shop_id.clone(), o.order.total))
            .collect();
        let total = per_shop
            .iter()
            .try_fold(Money::fen(0), |sum, (_, total)| sum.checked_add(*total))
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let now = self.clock.now();
        let payment = PaymentRecord {
            id: new_id(),
            checkout_id: placed.checkout.clone(),
            provider: "sandbox".to_owned(),
            provider_ref: None,
            amount: total,
            status: PaymentStatus::Pending,
            created_at: now,
            settled_at: None,
        };
        self.store.insert_payment(&payment).await?;
        let captured = payment_captured(total, &per_shop).map_err(internal)?;
        let settlement = PaymentSettlement {
            payment: payment.id,
            outcome: PaymentStatus::Succeeded,
            at: now,
            captured: Some((new_id::<PaymentId>().to_string(), captured)),
        };
        self.store.settle_payment(&settlement).await?;
        Ok(())
    }

    async fn demo_scan(
        &self,
        staff: &Actor,
        parcel: &Parcel,
        stage: ParcelStage,
        node: Option<&farmgate_domain::id::NetworkNodeId>,
    ) -> ServiceResult<()> {
        let scan = Scan {
            code: parcel.code.clone(),
            stage,
            at: None,
            node: node.cloned(),
            run: None,
        };
        self.scan_parcel(staff, &scan).await.map(|_| ())
    }
}

/// The demo account `local@…` acting in one role.
pub(crate) fn demo_actor(demo: &DemoShops<'_>, local: &str, role: Role) -> ServiceResult<Actor> {
    demo.accounts
        .get(&format!("{local}@{EMAIL_DOMAIN}"))
        .map(|id| actor(id.clone(), role, None))
        .ok_or(ServiceError::Internal(format!("no demo {local} account")))
}

fn actor(account_id: AccountId, role: Role, shop: Option<&ShopId>) -> Actor {
    Actor {
        account_id,
        roles: vec![role],
        shops: shop.into_iter().cloned().collect(),
    }
}

pub(crate) fn shop_owner(demo: &DemoShops<'_>, producer: usize) -> ServiceResult<Actor> {
    let owner = demo.owners.get(producer).ok_or(ServiceError::Internal(
        "a demo shop without its owner".into(),
    ))?;
    Ok(actor(
        owner.clone(),
        Role::Producer,
        demo.shops.get(producer),
    ))
}

/// A made-up mobile number per demo producer, for its village point to call.
fn contact_phone(producer: usize) -> String {
    format!("1390971{:04}", producer % 10_000)
}
