//! Puts the demo county into a store: its places, role accounts, producers with their shops and
//! a few applications waiting for the hub. Runs once; later starts find it and reuse it.

use std::collections::HashMap;

use farmgate_demo::{DemoPlan, DemoProduct, DEMO_PASSWORD};
use farmgate_domain::access::Actor;
use farmgate_domain::account::{DisplayName, Email};
use farmgate_domain::availability::{PreSale, Season};
use farmgate_domain::id::AccountId;
use farmgate_domain::id::{ProductId, ShopId, SkuId};
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::money::Money;
use farmgate_domain::place::AreaCode;
use farmgate_domain::role::Role;
use farmgate_domain::unit::PackSize;
use farmgate_store::ShopRecord;
use farmgate_store::{ProductDetail, ProductRecord, SkuRecord};

pub use crate::demo_history::HistorySize;
use crate::demo_photos::subject_of;
use crate::demo_up::DemoShops;
use crate::onboarding::{ApplicationForm, UploadedDocument};
use crate::{new_id, ServiceError, ServiceResult, Services};

/// Pre-sales in the demo ship this many days after the demo is made.
const PRESALE_LEAD_DAYS: i64 = 45;

/// The meta key that records which seed the stored demo came from.
pub const DEMO_SEED_KEY: &str = "demo.seed";

/// How far seeding has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoProgress {
    pub done: u64,
    pub total: u64,
}

/// Whether the demo starts with two years of order history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoHistory {
    Included,
    LeftOut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoOutcome {
    Created { seed: u64, history: HistorySize },
    Reused { seed: u64 },
}

impl Services {
    /// The seed of the demo already in the store, if any.
    pub async fn demo_seed(&self) -> ServiceResult<Option<u64>> {
        let value = self.store.meta(DEMO_SEED_KEY).await?;
        Ok(value.and_then(|seed| seed.parse().ok()))
    }

    /// The demo's seed, when this store holds the demo county and its step `key` (a part
    /// seeded once the server runs) has not been done yet; mark it done with `set_meta`.
    pub(crate) async fn demo_step_due(&self, key: &str) -> ServiceResult<Option<u64>> {
        let Some(seed) = self.demo_seed().await? else {
            return Ok(None);
        };
        let done = self.store.meta(key).await?.is_some();
        Ok((!done).then_some(seed))
    }

    /// Seeds the demo county unless it is there already. Refuses a store that holds other data,
    /// so a real county's accounts are never mixed with demo ones. `history` adds the two years
    /// of orders; benchmarks and tests of other areas leave it out, as it takes a while.
    pub async fn seed_demo(
        &self,
        seed: u64,
        plan: &DemoPlan,
        history: DemoHistory,
        progress: &mut dyn FnMut(DemoProgress),
    ) -> ServiceResult<DemoOutcome> {
        if let Some(existing) = self.demo_seed().await? {
            self.add_missing_role_accounts(plan).await?;
            return Ok(DemoOutcome::Reused { seed: existing });
        }
        if self.store.count_accounts().await? > 0 {
            return Err(ServiceError::Conflict(
                "this data folder already holds accounts that are not the demo's; use a fresh --data folder for the demo",
            ));
        }
        // The history counts as one step: it is written in a few large transactions.
        let total = 2
            + plan.accounts.len()
            + plan.producers.len()
            + plan.applications.len()
            + plan.products.len();
        let mut tracker = Tracker {
            done: 0,
            total: total as u64,
            progress,
        };
        self.store.upsert_places(&plan.places).await?;
        tracker.step();

        let hash = self.passwords.hash(DEMO_PASSWORD).await?;
        let mut ids: HashMap<String, AccountId> = HashMap::new();
        for account in &plan.accounts {
            let created = self
                .demo_account(
                    &account.email,
                    &account.display_name,
                    &hash,
                    account.roles.clone(),
                )
                .await?;
            ids.insert(account.email.clone(), created);
            tracker.step();
        }
        let mut shops = Vec::with_capacity(plan.producers.len());
        let mut owners = Vec::with_capacity(plan.producers.len());
        for producer in &plan.producers {
            let owner = match ids.get(&producer.owner_email) {
                Some(id) => id.clone(),
                None => {
                    self.demo_account(
                        &producer.owner_email,
                        &producer.owner_name,
                        &hash,
                        vec![Role::Buyer],
                    )
                    .await?
                }
            };
            let shop = ShopRecord {
                id: new_id(),
                name: producer.shop_name.clone(),
                kind: producer.kind,
                village: producer.village.clone(),
                description: producer.description.clone(),
                created_at: self.clock.now(),
            };
            self.store.insert_shop_with_owner(&shop, &owner).await?;
            shops.push(shop.id);
            owners.push(owner);
            tracker.step();
        }
        let drawings = self.start_demo_drawings(&plan.products);
        let mut products = Vec::with_capacity(plan.products.len());
        let mut skus = Vec::with_capacity(plan.products.len());
        let mut photographed = Vec::with_capacity(plan.products.len());
        for product in &plan.products {
            let (Some(shop), Some(producer)) = (
                shops.get(product.producer),
                plan.producers.get(product.producer),
            ) else {
                products.push(None);
                skus.push(Vec::new());
                continue;
            };
            let (id, variants) = self.seed_product(shop, &producer.village, product).await?;
            photographed.push((id.clone(), subject_of(product)));
            products.push(Some(id));
            skus.push(variants);
            tracker.step();
        }
        let demo = DemoShops {
            accounts: &ids,
            shops: &shops,
            owners: &owners,
            products: &products,
        };
        self.seed_demo_live(&plan.live_sessions, &shops, &owners, &products)
            .await?;
        self.seed_demo_network(&plan.network).await?;
        self.seed_demo_yesterday(&plan.down_parcels).await?;
        self.seed_demo_up_parcels(plan, &demo).await?;
        self.seed_demo_trace(plan, &demo).await?;
        self.seed_demo_down_parcels(&plan.down_parcels).await?;
        self.seed_demo_applications(plan, &hash, &mut tracker)
            .await?;
        let history = match history {
            DemoHistory::Included => {
                let history = farmgate_demo::history(plan, seed, self.clock.now());
                self.seed_demo_history(plan, &history, &demo, &skus, &hash)
                    .await?
            }
            DemoHistory::LeftOut => HistorySize::default(),
        };
        self.show_demo_drawings(drawings, &photographed).await?;
        tracker.step();
        self.store
            .set_meta(DEMO_SEED_KEY, &seed.to_string())
            .await?;
        self.directory.invalidate();
        Ok(DemoOutcome::Created { seed, history })
    }

    /// Lists a demo product, grown in its producer's village, as already approved; its photo
    /// comes later (`demo_photos.rs`).
    async fn seed_product(
        &self,
        shop: &ShopId,
        origin: &AreaCode,
        product: &DemoProduct,
    ) -> ServiceResult<(ProductId, Vec<SkuId>)> {
        let now = self.clock.now();
        let id: ProductId = new_id();
        let skus = product
            .skus
            .iter()
            .enumerate()
            .map(|(position, sku)| {
                let pack = PackSize::new(sku.unit, sku.net_weight_g, sku.shipping_weight_g)
                    .map_err(ServiceError::from)?;
                Ok(SkuRecord {
                    id: new_id(),
                    product_id: id.clone(),
                    position: position as i64,
                    name: sku.name.clone(),
                    pack,
                    price: Money::fen(sku.price_fen),
                    stock: sku.stock,
                })
            })
            .collect::<ServiceResult<Vec<_>>>()?;
        let variants: Vec<SkuId> = skus.iter().map(|sku| sku.id.clone()).collect();
        let season = if product.season_months.is_empty() {
            Season::ALL_YEAR
        } else {
            Season::from_months(&product.season_months)?
        };
        let detail = ProductDetail {
            product: ProductRecord {
                id: id.clone(),
                shop_id: shop.clone(),
                title: product.title.clone(),
                title_en: product.title_en.clone(),
                description: product.description.clone(),
                category: product.category,
                grade: product.grade.clone(),
                origin: origin.clone(),
                status: ListingStatus::Listed,
                review_reason: None,
                season,
                presale: product
                    .presale
                    .then(|| PreSale::stored(now.plus_days(PRESALE_LEAD_DAYS))),
                sales: 0,
                created_at: now,
                updated_at: now,
            },
            skus,
            photos: Vec::new(),
        };
        self.store.insert_product(&detail).await?;
        Ok((id, variants))
    }

    /// A few shop applications, waiting for the hub.
    async fn seed_demo_applications(
        &self,
        plan: &DemoPlan,
        hash: &str,
        tracker: &mut Tracker<'_>,
    ) -> ServiceResult<()> {
        for application in &plan.applications {
            let applicant = self
                .demo_account(
                    &application.applicant_email,
                    &application.applicant_name,
                    hash,
                    vec![Role::Buyer],
                )
                .await?;
            let actor = Actor {
                account_id: applicant,
                roles: vec![Role::Buyer],
                shops: Vec::new(),
            };
            let form = ApplicationForm {
                shop_name: application.shop_name.clone(),
                kind: application.kind.as_str().to_owned(),
                village: application.village.as_str().to_owned(),
                description: application.description.clone(),
                contact_phone: application.contact_phone.clone(),
                documents: application
                    .documents
                    .iter()
                    .map(|document| UploadedDocument {
                        kind: document.kind.as_str().to_owned(),
                        file_name: document.file_name.clone(),
                        content: document.content.clone(),
                    })
                    .collect(),
            };
            self.apply_for_shop(&actor, form).await?;
            tracker.step();
        }
        Ok(())
    }

    /// Role accounts a newer plan lists that a demo made by an older binary lacks (the leader
    /// came later), so every account on the start page signs in.
    async fn add_missing_role_accounts(&self, plan: &DemoPlan) -> ServiceResult<()> {
        let mut hash = None;
        for account in &plan.accounts {
            if self.store.account_by_email(&account.email).await?.is_some() {
                continue;
            }
            let hash = match &hash {
                Some(hash) => hash,
                None => hash.insert(self.passwords.hash(DEMO_PASSWORD).await?),
            };
            let roles = account.roles.clone();
            self.demo_account(&account.email, &account.display_name, hash, roles)
                .await?;
        }
        Ok(())
    }

    pub(crate) async fn demo_account(
        &self,
        email: &str,
        name: &str,
        hash: &str,
        roles: Vec<Role>,
    ) -> ServiceResult<AccountId> {
        let email = Email::parse(email)?;
        let name = DisplayName::parse(name)?;
        let account = self
            .insert_account(&email, &name, hash.to_owned(), roles)
            .await?;
        Ok(account.id)
    }
}

struct Tracker<'a> {
    done: u64,
    total: u64,
    progress: &'a mut dyn FnMut(DemoProgress),
}

impl Tracker<'_> {
    fn step(&mut self) {
        self.done += 1;
        (self.progress)(DemoProgress {
            done: self.done,
            total: self.total,
        });
    }
}
