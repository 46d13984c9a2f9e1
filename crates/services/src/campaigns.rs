//! County campaigns: the hub sets them up and ends them; a running campaign's item price is
//! what a checkout's shelf line pays (`domain::campaign` decides which and how it stacks); what
//! it took off each order is stored with the order, and the platform's declared share of that
//! reaches the producer on delivery and goes back in proportion on a refund after it. How a
//! checkout is priced under the running campaigns is `campaigns/pricing.rs`.

mod cart;
mod coupons;
mod landing;
mod pricing;

pub use coupons::{CampaignCouponForm, BELOW_MINIMUM, NOT_RUNNING, NO_SUCH_CODE};

pub use landing::{CampaignLanding, LANDING_PRODUCTS};

pub use cart::{CampaignCart, CouponChoice, SpendSaveProgress};
pub use pricing::CampaignPrice;
pub(crate) use pricing::{apply_spend_saves, attribute_to_campaigns, CampaignSavings};

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::campaign::{CampaignInput, CampaignTerms, Scope};
use farmgate_domain::catalogue::Category;
use farmgate_domain::commission::{commission_share, share_taken_back};
use farmgate_domain::id::{CampaignId, ProductId, ShopId};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{CampaignFigures, CampaignRecord, OrderRecord, Page};

use crate::{new_id, ServiceError, ServiceResult, Services};

/// Campaigns listed for the hub.
const HUB_CAMPAIGNS_SHOWN: i64 = 50;
/// A shop's products read to see which campaigns cover it.
const SHOP_PRODUCTS_READ: i64 = 1_000;

/// The hub's campaign form, its window already read in the county's time zone.
#[derive(Debug, Clone, Default)]
pub struct CampaignForm {
    pub name: String,
    pub starts: Option<Timestamp>,
    pub ends: Option<Timestamp>,
    pub rule: String,
    pub percent_off: String,
    pub fixed_price: String,
    pub threshold: String,
    pub amount_off: String,
    pub platform_share: String,
    /// `everything`, `categories`, `shops` or `products`.
    pub scope: String,
    /// Category slugs, for `categories`.
    pub categories: Vec<String>,
    /// Shop ids, for `shops`: every product of these producers.
    pub shops: Vec<String>,
    /// For `products`: one product a line, by its id or its page's link.
    pub products: String,
}

impl Services {
    /// Sets up a campaign; the hub's only.
    pub async fn create_campaign(
        &self,
        actor: &Actor,
        form: &CampaignForm,
    ) -> ServiceResult<CampaignId> {
        authorize(actor, &Action::ManageMarketplaceSettings)?;
        let scope = self.scope_of(form).await?;
        let input = CampaignInput {
            name: &form.name,
            rule: &form.rule,
            percent_off: &form.percent_off,
            fixed_price: &form.fixed_price,
            threshold: &form.threshold,
            amount_off: &form.amount_off,
            platform_share: &form.platform_share,
        };
        let now = self.clock.now();
        let terms = CampaignTerms::parse(&input, (form.starts, form.ends), scope, now)?;
        let record = CampaignRecord {
            id: new_id(),
            terms,
            created_by: actor.account_id.clone(),
            created_at: now,
            ended_at: None,
        };
        self.store.insert_campaign(&record).await?;
        self.caches.campaigns.clear();
        Ok(record.id)
    }

    /// Every campaign, newest first, with its paid orders.
    pub async fn hub_campaigns(
        &self,
        actor: &Actor,
    ) -> ServiceResult<Vec<(CampaignRecord, CampaignFigures)>> {
        authorize(actor, &Action::ManageMarketplaceSettings)?;
        let mut listed = Vec::new();
        for campaign in self.store.campaigns(HUB_CAMPAIGNS_SHOWN).await? {
            let figures = self.store.campaign_figures(&campaign.id).await?;
            listed.push((campaign, figures));
        }
        Ok(listed)
    }

    /// The campaigns running or to come that cover any of the shop's products: what its
    /// producer sees, with the share of each discount they bear.
    pub async fn shop_campaigns(
        &self,
        actor: &Actor,
        shop: &ShopId,
    ) -> ServiceResult<Vec<(CampaignId, CampaignTerms)>> {
        authorize(actor, &Action::ManageShop(shop))?;
        let products = self
            .store
            .products_of_shop(shop, Page::first(SHOP_PRODUCTS_READ))
            .await?;
        Ok(self
            .open_campaigns()
            .await?
            .iter()
            .filter(|(_, terms)| {
                products.iter().any(|detail| {
                    let product = &detail.product;
                    terms.scope.covers(&product.id, shop, product.category)
                })
            })
            .cloned()
            .collect())
    }

    /// One campaign, for the hub's pages.
    pub async fn hub_campaign(
        &self,
        actor: &Actor,
        id: &CampaignId,
    ) -> ServiceResult<CampaignRecord> {
        authorize(actor, &Action::ManageMarketplaceSettings)?;
        self.campaign(id).await
    }

    /// Ends a campaign before its window closes.
    pub async fn end_campaign(&self, actor: &Actor, id: &CampaignId) -> ServiceResult<()> {
        authorize(actor, &Action::ManageMarketplaceSettings)?;
        if !self.store.end_campaign(id, self.clock.now()).await? {
            return Err(ServiceError::Conflict("this campaign has already ended"));
        }
        self.caches.campaigns.clear();
        Ok(())
    }

    /// The platform's share a delivery settling `held` of `order` pays its producer: the
    /// order's campaign shares, in proportion to what is still held.
    pub(crate) async fn campaign_settlement(
        &self,
        order: &OrderRecord,
        held: Money,
    ) -> ServiceResult<Money> {
        let platform = self
            .store
            .campaign_parts(&order.id)
            .await?
            .iter()
            .try_fold(Money::fen(0), |sum, part| sum.checked_add(part.platform))
            .map_err(internal)?;
        commission_share(platform, held, order.total).map_err(internal)
    }

    /// What a refund of `amount` after delivery takes back of the platform's share paid on a
    /// `settled` amount, given what was refunded after delivery before.
    pub(crate) async fn campaign_reversal(
        &self,
        order: &OrderRecord,
        settled: Money,
        refunded_before: Money,
        amount: Money,
    ) -> ServiceResult<Money> {
        let booked = self.campaign_settlement(order, settled).await?;
        share_taken_back(booked, settled, refunded_before, amount).map_err(internal)
    }
}

impl Services {
    /// Who takes part, each shop and product checked to exist.
    async fn scope_of(&self, form: &CampaignForm) -> ServiceResult<Scope> {
        let invalid = |field| ServiceError::from(ValidationErrors::single(field, Problem::Invalid));
        match form.scope.as_str() {
            "everything" => Ok(Scope::Everything),
            "categories" => form
                .categories
                .iter()
                .map(|slug| Category::parse(slug))
                .collect::<Option<Vec<_>>>()
                .map(Scope::Categories)
                .ok_or_else(|| invalid("categories")),
            "shops" => {
                let mut shops = Vec::with_capacity(form.shops.len());
                for text in &form.shops {
                    let shop = ShopId::parse(text).ok_or_else(|| invalid("shops"))?;
                    self.store
                        .shop(&shop)
                        .await?
                        .ok_or_else(|| invalid("shops"))?;
                    shops.push(shop);
                }
                Ok(Scope::Shops(shops))
            }
            "products" => {
                let mut products = Vec::new();
                for line in form
                    .products
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                {
                    // A pasted link ends in the id: `…/products/<id>` or `…/products/<id>?…`.
                    let tail = line.split(['?', '#']).next().unwrap_or(line);
                    let id = tail.rsplit('/').next().unwrap_or(tail);
                    let product = ProductId::parse(id).ok_or_else(|| invalid("products"))?;
                    self.store
                        .product(&product)
                        .await?
                        .ok_or_else(|| invalid("products"))?;
                    if !products.contains(&product) {
                        products.push(product);
                    }
                }
                Ok(Scope::Products(products))
            }
            _ => Err(ValidationErrors::single("scope", Problem::Required).into()),
        }
    }
}

fn internal(error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(error.to_string())
}
