//! Puts the demo county into a store: its places, role accounts, producers with their shops and
//! a few applications waiting for the hub. Runs once; later starts find it and reuse it.

use std::collections::HashMap;

use farmgate_demo::{DemoPlan, DEMO_PASSWORD};
use farmgate_domain::access::Actor;
use farmgate_domain::account::{DisplayName, Email};
use farmgate_domain::id::AccountId;
use farmgate_domain::role::Role;
use farmgate_store::ShopRecord;

use crate::onboarding::{ApplicationForm, UploadedDocument};
use crate::{new_id, ServiceError, ServiceResult, Services};

/// The meta key that records which seed the stored demo came from.
pub const DEMO_SEED_KEY: &str = "demo.seed";

/// How far seeding has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoProgress {
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoOutcome {
    Created { seed: u64 },
    Reused { seed: u64 },
}

impl Services {
    /// The seed of the demo already in the store, if any.
    pub async fn demo_seed(&self) -> ServiceResult<Option<u64>> {
        let value = self.store.meta(DEMO_SEED_KEY).await?;
        Ok(value.and_then(|seed| seed.parse().ok()))
    }

    /// Seeds the demo county unless it is there already. Refuses a store that holds other data,
    /// so a real county's accounts are never mixed with demo ones.
    pub async fn seed_demo(
        &self,
        seed: u64,
        plan: &DemoPlan,
        progress: &mut dyn FnMut(DemoProgress),
    ) -> ServiceResult<DemoOutcome> {
        if let Some(existing) = self.demo_seed().await? {
            return Ok(DemoOutcome::Reused { seed: existing });
        }
        if self.store.count_accounts().await? > 0 {
            return Err(ServiceError::Conflict(
                "this data folder already holds accounts that are not the demo's; use a fresh --data folder for the demo",
            ));
        }
        let total = 1 + plan.accounts.len() + plan.producers.len() + plan.applications.len();
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
            tracker.step();
        }
        for application in &plan.applications {
            let applicant = self
                .demo_account(
                    &application.applicant_email,
                    &application.applicant_name,
                    &hash,
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
        self.store
            .set_meta(DEMO_SEED_KEY, &seed.to_string())
            .await?;
        self.directory.invalidate();
        Ok(DemoOutcome::Created { seed })
    }

    async fn demo_account(
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
