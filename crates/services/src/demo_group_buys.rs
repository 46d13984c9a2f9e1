//! The demo's group-buys (planned in `farmgate_demo::group_buys`), made the way buyers make
//! them: each organised by its shop's owner, each seat taken with `open_team` or `join_team`
//! and paid at the sandbox cashier, every step with the clock set to the moment the plan says.
//! So the teams fill, ship, expire and are refunded through the sandbox like any other. It
//! needs the payment provider, so `serve` runs it once the sandbox is up; once per store.

use std::sync::Arc;

use farmgate_demo::{DemoBuyer, DemoGroupBuy, DemoPlan, DEMO_PASSWORD};
use farmgate_domain::access::Actor;
use farmgate_domain::id::{CheckoutId, GroupBuyId, ProductId, SkuId};
use farmgate_domain::money::Money;
use farmgate_domain::role::Role;
use farmgate_domain::time::Timestamp;
use farmgate_payments::sandbox::SandboxProvider;
use farmgate_payments::PaymentOutcome;
use farmgate_store::{Page, PaymentStatus};

use crate::checkout::AddressForm;
use crate::group_buys::{GroupBuyForm, SeatRequest};
use crate::{FixedClock, ServiceError, ServiceResult, Services};

const DEMO_GROUP_BUYS_KEY: &str = "demo_group_buys";
const MINUTE: i64 = 60_000;
/// Between one member paying and the next joining.
const JOIN_GAP_MINUTES: i64 = 7;

impl Services {
    /// Seeds the demo's group-buys unless this store has them; how many teams it opened.
    pub async fn seed_demo_group_buys(
        &self,
        plan: &DemoPlan,
        sandbox: &SandboxProvider,
    ) -> ServiceResult<usize> {
        let Some(seed) = self.demo_step_due(DEMO_GROUP_BUYS_KEY).await? else {
            return Ok(0);
        };
        let now = self.clock.now();
        let demo = farmgate_demo::group_buys(plan, seed, now);
        let hash = self.passwords.hash(DEMO_PASSWORD).await?;
        let mut members = Vec::with_capacity(demo.members.len());
        for member in &demo.members {
            let id = match self.store.account_by_email(&member.email).await? {
                Some(account) => account.id,
                None => {
                    let roles = vec![Role::Buyer];
                    self.demo_account(&member.email, &member.display_name, &hash, roles)
                        .await?
                }
            };
            members.push((buyer_actor(id), address(member)));
        }
        let mut teams = 0;
        for offer in &demo.offers {
            let first = offer.teams.iter().map(|t| t.opened_minutes_ago).max();
            let created = now.plus_millis(-(first.unwrap_or(0) + 60) * MINUTE);
            let group_buy = self.seed_offer(plan, offer, created).await?;
            for team in &offer.teams {
                let opened = now.plus_millis(-team.opened_minutes_ago * MINUTE);
                self.seed_team(&group_buy, &team.members, &members, opened, sandbox)
                    .await?;
                teams += 1;
            }
        }
        self.store.set_meta(DEMO_GROUP_BUYS_KEY, "1").await?;
        Ok(teams)
    }

    async fn seed_offer(
        &self,
        plan: &DemoPlan,
        offer: &DemoGroupBuy,
        at: Timestamp,
    ) -> ServiceResult<GroupBuyId> {
        let (owner, product, sku) = self.demo_variant(plan, offer.product, offer.sku).await?;
        let tiers: Vec<String> = offer
            .tiers
            .iter()
            .map(|(size, fen)| format!("{size} {}", Money::fen(*fen)))
            .collect();
        let form = GroupBuyForm {
            team_price: Money::fen(offer.team_price_fen).to_string(),
            team_size: offer.team_size.to_string(),
            time_limit_hours: offer.time_limit_hours.to_string(),
            stock_limit: offer.stock_limit.to_string(),
            per_buyer_limit: offer.per_buyer_limit.to_string(),
            tiers: tiers.join("\n"),
            virtual_fill: offer.virtual_fill,
        };
        let created = self
            .at(at)
            .create_group_buy(&owner, &product, &sku, &form)
            .await?;
        Ok(created.id)
    }

    /// The planned product's shop owner, product and variant, found by the owner's email and
    /// the product's title (unique within its shop).
    pub(crate) async fn demo_variant(
        &self,
        plan: &DemoPlan,
        product: usize,
        sku: usize,
    ) -> ServiceResult<(Actor, ProductId, SkuId)> {
        let missing = || ServiceError::Internal("a demo product is missing".into());
        let planned = plan.products.get(product).ok_or_else(missing)?;
        let producer = plan.producers.get(planned.producer).ok_or_else(missing)?;
        let owner = self
            .store
            .account_by_email(&producer.owner_email)
            .await?
            .ok_or_else(missing)?;
        let shop = self.store.shops_of(&owner.id).await?;
        let shop = shop.first().ok_or_else(missing)?;
        let products = self
            .store
            .products_of_shop(&shop.id, Page::first(100))
            .await?;
        let detail = products
            .iter()
            .find(|p| p.product.title == planned.title)
            .ok_or_else(missing)?;
        let sku = detail.skus.get(sku).ok_or_else(missing)?;
        let actor = Actor {
            account_id: owner.id,
            roles: vec![Role::Producer],
            shops: vec![shop.id.clone()],
        };
        Ok((actor, detail.product.id.clone(), sku.id.clone()))
    }

    /// The opener opens the team at `opened`; each member after joins a few minutes later;
    /// each pays a minute after taking their seat.
    async fn seed_team(
        &self,
        group_buy: &GroupBuyId,
        team: &[usize],
        members: &[(Actor, AddressForm)],
        opened: Timestamp,
        sandbox: &SandboxProvider,
    ) -> ServiceResult<()> {
        let mut joined = None;
        for (n, &member) in team.iter().enumerate() {
            let (actor, address) = members
                .get(member)
                .ok_or_else(|| ServiceError::Internal("a demo team's member is missing".into()))?;
            let at = opened.plus_millis(i64::try_from(n).unwrap_or(0) * JOIN_GAP_MINUTES * MINUTE);
            let request = SeatRequest {
                units: 1,
                address: address.clone(),
                idempotency_key: format!("demo-{group_buy}-{n}"),
            };
            let past = self.at(at);
            let seat = match &joined {
                None => past.open_team(actor, group_buy, &request).await?,
                Some(team) => past.join_team(actor, team, &request).await?,
            };
            self.at(at.plus_millis(MINUTE))
                .pay_at_sandbox(actor, &seat.checkout, sandbox)
                .await?;
            joined = Some(seat.team);
        }
        Ok(())
    }

    /// Pays as a buyer pressing "pay" at the sandbox cashier, then applies the outcome as
    /// the callback would; the callback, delivered once the server runs, is a duplicate.
    pub(crate) async fn pay_at_sandbox(
        &self,
        actor: &Actor,
        checkout: &CheckoutId,
        sandbox: &SandboxProvider,
    ) -> ServiceResult<()> {
        let now = self.clock.now();
        self.pay_checkout(actor, checkout).await?;
        let payment = self
            .store
            .payments_of_checkout(checkout)
            .await?
            .into_iter()
            .find(|p| p.status == PaymentStatus::Pending)
            .ok_or(ServiceError::NotFound)?;
        let provider_ref = payment.provider_ref.clone().ok_or(ServiceError::NotFound)?;
        sandbox
            .complete(&provider_ref, true, now)
            .await
            .map_err(|error| ServiceError::Internal(error.to_string()))?;
        let amount = Some(payment.amount.minor());
        self.apply_outcome(&payment.id, PaymentOutcome::Succeeded, amount, now)
            .await?;
        Ok(())
    }

    /// These services with the clock stopped at `at`.
    pub(crate) fn at(&self, at: Timestamp) -> Services {
        Services {
            clock: Arc::new(FixedClock::new(at)),
            ..self.clone()
        }
    }
}

pub(crate) fn buyer_actor(account_id: farmgate_domain::id::AccountId) -> Actor {
    Actor {
        account_id,
        roles: vec![Role::Buyer],
        shops: Vec::new(),
    }
}

pub(crate) fn address(member: &DemoBuyer) -> AddressForm {
    AddressForm {
        recipient: member.display_name.clone(),
        phone: member.phone.clone(),
        province: member.province.clone(),
        city: member.city.clone(),
        county: member.county.clone(),
        detail: member.address_detail.clone(),
    }
}
