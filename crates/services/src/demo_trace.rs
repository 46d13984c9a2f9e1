//! The demo's traceability: the county's GS1 prefix; for each order the demo buyer sent up, a
//! harvest batch of its product with a GTIN, a passed residue test, and the order packed from
//! it, so its label scans to a whole story; batches and a green-food certificate for the demo
//! producer; and one recall — a later heavy-metals test of a packed batch failed, so the
//! quality desk and the buyer each see it, while the product sells on from a newer harvest.
//! All through the use cases producers and officers use.

use farmgate_demo::DemoPlan;
use farmgate_domain::access::Actor;
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::{ProductId, ShopId};
use farmgate_domain::order::OrderStatus;
use farmgate_domain::role::Role;
use farmgate_domain::time::Timestamp;
use farmgate_domain::trace::{
    Batch, BatchForm, CertificateForm, CertificateHolder, InspectionForm, MeasurementForm, PackForm,
};
use farmgate_store::{OrderDetail, Page};

use crate::demo_up::{demo_actor, shop_owner, DemoShops};
use crate::trace::ProductTraceForm;
use crate::{ServiceError, ServiceResult, Services};

/// Made up, in the 690–699 range GS1 China licenses from.
const COMPANY_PREFIX: &str = "6975310";
const LAB: &str = "海西州农畜产品质量安全检测中心";
const MILLIS_PER_DAY: i64 = 86_400_000;

/// What the lab found: (name, value, limit) in mg/kg.
type Findings = &'static [(&'static str, &'static str, &'static str)];
const RESIDUES: Findings = &[("毒死蜱", "0.01", "0.5"), ("吡虫啉", "0.02", "1")];
const METALS_FAILED: Findings = &[
    ("铅（以 Pb 计）", "0.42", "0.2"),
    ("镉（以 Cd 计）", "0.05", "0.1"),
];

impl Services {
    pub(crate) async fn seed_demo_trace(
        &self,
        plan: &DemoPlan,
        demo: &DemoShops<'_>,
    ) -> ServiceResult<()> {
        let officer = demo_actor(demo, "quality", Role::QualityOfficer)?;
        let hub = demo_actor(demo, "hub", Role::HubOperator)?;
        self.set_company_prefix(&hub, COMPANY_PREFIX).await?;

        let buyer = demo_actor(demo, "buyer", Role::Buyer)?;
        let orders = self
            .store
            .orders_of_buyer(&buyer.account_id, Page::first(50))
            .await?;
        let mut packed = None;
        let packable = orders
            .iter()
            .filter(|o| matches!(o.order.status, OrderStatus::Paid | OrderStatus::Shipped));
        for order in packable {
            packed = self
                .demo_pack(plan, demo, &officer, order)
                .await?
                .or(packed);
        }
        if let Some((owner, product, batch)) = packed {
            self.demo_recall(plan, demo, &officer, &owner, &product, &batch)
                .await?;
        }
        self.demo_producer_batches(plan, demo, &officer).await
    }

    /// The order's first line gets a GTIN, a batch with a passed test, and is packed from it.
    async fn demo_pack(
        &self,
        plan: &DemoPlan,
        demo: &DemoShops<'_>,
        officer: &Actor,
        order: &OrderDetail,
    ) -> ServiceResult<Option<(Actor, ProductId, Batch)>> {
        let (Some(line), Some(producer)) =
            (order.lines.first(), shop_index(demo, &order.order.shop_id))
        else {
            return Ok(None);
        };
        let owner = shop_owner(demo, producer)?;
        let product = line.product_id.clone();
        let batch = self
            .demo_batch(plan, &owner, producer, &product, 21)
            .await?;
        self.demo_inspection(officer, &batch, "pesticide_residue", RESIDUES, 16)
            .await?;
        let pack = PackForm {
            batch: batch.id.to_string(),
            units: line.quantity.to_string(),
            ..PackForm::default()
        };
        self.pack_order_line(&owner, &order.order.id, line.line_no, &[pack])
            .await?;
        Ok(Some((owner, product, batch)))
    }

    /// A later test of a packed batch fails: the officer recalls it, the producer sells on
    /// from a newer harvest that passed.
    async fn demo_recall(
        &self,
        plan: &DemoPlan,
        demo: &DemoShops<'_>,
        officer: &Actor,
        owner: &Actor,
        product: &ProductId,
        batch: &Batch,
    ) -> ServiceResult<()> {
        self.demo_inspection(officer, batch, "heavy_metals", METALS_FAILED, 2)
            .await?;
        let reason = "复检铅含量 0.42 mg/kg，超过 GB 2762 限量 0.2 mg/kg，召回本批次全部产品。";
        self.open_recall(officer, &batch.id.to_string(), reason)
            .await?;
        let producer = owner_index(demo, owner)?;
        let newer = self.demo_batch(plan, owner, producer, product, 6).await?;
        self.demo_inspection(officer, &newer, "pesticide_residue", RESIDUES, 1)
            .await
    }

    /// The demo producer's first two products each have a passed batch, and the shop holds
    /// a green-food certificate, so the producer's console shows traceability at work.
    async fn demo_producer_batches(
        &self,
        plan: &DemoPlan,
        demo: &DemoShops<'_>,
        officer: &Actor,
    ) -> ServiceResult<()> {
        let producer = demo_actor(demo, "producer", Role::Producer)?;
        let index = owner_index(demo, &producer)?;
        let owner = shop_owner(demo, index)?;
        let products = plan
            .products
            .iter()
            .zip(demo.products)
            .filter_map(|(planned, id)| id.as_ref().filter(|_| planned.producer == index));
        for product in products.take(2) {
            let batch = self.demo_batch(plan, &owner, index, product, 30).await?;
            self.demo_inspection(officer, &batch, "pesticide_residue", RESIDUES, 25)
                .await?;
        }
        let form = CertificateForm {
            kind: "green_food".into(),
            number: "LB-15-2603631109A".into(),
            issuer: "中国绿色食品发展中心".into(),
            valid_from: self.demo_date(200),
            valid_to: self.demo_date(-895),
            ..CertificateForm::default()
        };
        let shop = demo.shops[index].clone();
        self.record_certificate(officer, &CertificateHolder::Shop(shop), &form)
            .await
            .map(|_| ())
    }

    /// A batch of the product harvested `days_ago` in its producer's village, under a GTIN
    /// given out from the county's prefix.
    async fn demo_batch(
        &self,
        plan: &DemoPlan,
        owner: &Actor,
        producer: usize,
        product: &ProductId,
        days_ago: i64,
    ) -> ServiceResult<Batch> {
        let gtin = ProductTraceForm {
            assign_gtin: true,
            ..ProductTraceForm::default()
        };
        self.set_product_trace_settings(owner, product, &gtin)
            .await?;
        let village = plan
            .producers
            .get(producer)
            .map(|p| p.village.as_str().to_owned())
            .unwrap_or_default();
        let form = BatchForm {
            harvested_on: self.demo_date(days_ago),
            village,
            units: "200".into(),
            grade: "first".into(),
            notes: "人工采收，当日晾晒。".into(),
            ..BatchForm::default()
        };
        self.record_batch(owner, product, &form).await
    }

    async fn demo_inspection(
        &self,
        officer: &Actor,
        batch: &Batch,
        kind: &str,
        findings: Findings,
        days_ago: i64,
    ) -> ServiceResult<()> {
        let measurements = findings
            .iter()
            .map(|(name, value, limit)| MeasurementForm {
                name: (*name).into(),
                value: (*value).into(),
                limit: (*limit).into(),
                unit: "mg/kg".into(),
            })
            .collect();
        let form = InspectionForm {
            kind: kind.into(),
            lab: LAB.into(),
            inspected_on: self.demo_date(days_ago),
            measurements,
        };
        self.record_inspection(officer, &batch.id, &form, None)
            .await
            .map(|_| ())
    }

    /// The date `days_ago` before today in China, as a form takes it.
    fn demo_date(&self, days_ago: i64) -> String {
        let at = self.clock.now().millis() - days_ago * MILLIS_PER_DAY;
        CivilDate::in_china(Timestamp::from_millis(at)).to_string()
    }
}

fn shop_index(demo: &DemoShops<'_>, shop: &ShopId) -> Option<usize> {
    demo.shops.iter().position(|s| s == shop)
}

fn owner_index(demo: &DemoShops<'_>, owner: &Actor) -> ServiceResult<usize> {
    demo.owners
        .iter()
        .position(|o| *o == owner.account_id)
        .ok_or(ServiceError::Internal("a demo owner without a shop".into()))
}
