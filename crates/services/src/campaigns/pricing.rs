//! A checkout under the running campaigns (the priority in `docs/campaigns.md`): step 1 lowers
//! each shelf line to the best campaign item price, step 2 takes each spend-save campaign's
//! saving off the orders' covered lines; what each campaign took off each order is stored with
//! it. Product pages ask here too (and the cart, `cart.rs`), so they show the price checkout
//! will charge.

use std::sync::Arc;

use farmgate_domain::campaign::{
    apply_spend_save, best_item_price, CampaignTerms, LineFacts, LineSource, PriceRule,
};
use farmgate_domain::checkout::{CartLine, OrderDraft};
use farmgate_domain::id::{CampaignId, SkuId};
use farmgate_domain::money::Money;
use farmgate_domain::sku::Price;
use farmgate_domain::time::Timestamp;
use farmgate_store::{NewCheckout, OrderCampaignPart, ProductDetail};

use super::internal;
use crate::{ServiceResult, Services};

/// A SKU's shelf price a running campaign lowers, as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignPrice {
    pub sku: SkuId,
    pub campaign: CampaignId,
    /// The campaign's name: the badge beside the price.
    pub name: String,
    pub rule: PriceRule,
    pub price: Money,
    pub was: Money,
}

/// What campaigns took off a checkout: step 1 per SKU (a unit's saving), steps 2 and 3 per
/// order (the drafts' indexes); every step reads the one snapshot of the open campaigns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CampaignSavings {
    pub(super) campaigns: OpenCampaigns,
    per_unit: Vec<(SkuId, CampaignId, Money)>,
    per_order: Vec<(usize, CampaignId, Money)>,
}

pub(super) type OpenCampaigns = Arc<Vec<(CampaignId, CampaignTerms)>>;

impl Services {
    /// The campaigns not ended, read again at most every 2 s: every checkout asks.
    pub(super) async fn open_campaigns(&self) -> ServiceResult<OpenCampaigns> {
        let load = async {
            let open = self.store.campaigns_open_at(self.clock.now()).await?;
            Ok(Arc::new(
                open.into_iter().map(|c| (c.id, c.terms)).collect(),
            ))
        };
        self.caches.campaigns.get_or_load(&(), load).await
    }

    /// The campaigns running now, by their end: the home page's banners.
    pub async fn running_campaigns(&self) -> ServiceResult<Vec<(CampaignId, CampaignTerms)>> {
        let now = self.clock.now();
        let mut running: Vec<_> = self
            .open_campaigns()
            .await?
            .iter()
            .filter(|(_, terms)| terms.is_running(now))
            .cloned()
            .collect();
        running.sort_by_key(|(_, terms)| terms.ends);
        Ok(running)
    }

    /// The product's SKUs a running campaign lowers now, at the price checkout will charge.
    pub async fn campaign_prices(
        &self,
        detail: &ProductDetail,
    ) -> ServiceResult<Vec<CampaignPrice>> {
        let campaigns = self.open_campaigns().await?;
        let now = self.clock.now();
        let product = &detail.product;
        Ok(detail
            .skus
            .iter()
            .filter_map(|sku| {
                let facts = LineFacts {
                    product: &product.id,
                    shop: &product.shop_id,
                    category: product.category,
                    price: sku.price,
                    source: LineSource::Shelf,
                };
                let (id, price) = best_item_price(&campaigns, &facts, now)?;
                let terms = terms_of(&campaigns, id)?;
                Some(CampaignPrice {
                    sku: sku.id.clone(),
                    campaign: id.clone(),
                    name: terms.name.clone(),
                    rule: terms.rule,
                    price,
                    was: sku.price,
                })
            })
            .collect())
    }

    /// Step 1: lowers each shelf line to the best running campaign's item price.
    pub(crate) async fn apply_campaign_prices(
        &self,
        lines: &mut [CartLine],
        now: Timestamp,
    ) -> ServiceResult<CampaignSavings> {
        let campaigns = self.open_campaigns().await?;
        let mut savings = CampaignSavings {
            campaigns: campaigns.clone(),
            ..CampaignSavings::default()
        };
        for line in lines.iter_mut() {
            let facts = LineFacts {
                product: &line.product,
                shop: &line.shop,
                category: line.category,
                price: line.unit_price.money(),
                source: LineSource::Shelf,
            };
            let Some((id, price)) = best_item_price(&campaigns, &facts, now) else {
                continue;
            };
            let off = line
                .unit_price
                .money()
                .checked_sub(price)
                .map_err(internal)?;
            line.unit_price = Price::parse("price", price)?;
            savings.per_unit.push((line.sku.clone(), id.clone(), off));
        }
        Ok(savings)
    }
}

impl CampaignSavings {
    /// What `campaign` took off each order (by the drafts' index), for those it took from.
    pub(super) fn note_order_savings(&mut self, campaign: &CampaignId, per_order: Vec<Money>) {
        for (order, saved) in per_order.into_iter().enumerate() {
            if saved.minor() > 0 {
                self.per_order.push((order, campaign.clone(), saved));
            }
        }
    }
}

/// Step 2: each running spend-save campaign's saving off the drafts' lines it covers.
pub(crate) fn apply_spend_saves(
    drafts: &mut [OrderDraft],
    savings: &mut CampaignSavings,
    now: Timestamp,
) -> ServiceResult<()> {
    let campaigns = savings.campaigns.clone();
    for (id, terms) in campaigns.iter() {
        if !matches!(terms.rule, PriceRule::SpendSave { .. }) || !terms.is_running(now) {
            continue;
        }
        let per_order = apply_spend_save(drafts, &terms.rule, |shop, line| {
            terms.scope.covers(&line.product, shop, line.category)
        })
        .map_err(internal)?;
        savings.note_order_savings(id, per_order);
    }
    Ok(())
}

/// Stores with each order what each campaign took off it and the platform's part of that, and
/// counts such an order in the campaign channel unless it was bought in a live room or from a
/// video.
pub(crate) fn attribute_to_campaigns(checkout: &mut NewCheckout, savings: &CampaignSavings) {
    for (index, detail) in checkout.orders.iter_mut().enumerate() {
        let mut parts: Vec<OrderCampaignPart> = Vec::new();
        let mut add = |campaign: &CampaignId, off: i64| {
            let platform = terms_of(&savings.campaigns, campaign)
                .map_or(0, |terms| terms.platform_part(Money::fen(off)).minor());
            match parts.iter_mut().find(|p| &p.campaign == campaign) {
                Some(part) => {
                    part.discount = Money::fen(part.discount.minor() + off);
                    part.platform = Money::fen(part.platform.minor() + platform);
                }
                None => parts.push(OrderCampaignPart {
                    order: detail.order.id.clone(),
                    campaign: campaign.clone(),
                    discount: Money::fen(off),
                    platform: Money::fen(platform),
                }),
            }
        };
        for line in &detail.lines {
            if let Some((_, campaign, off)) = savings
                .per_unit
                .iter()
                .find(|(sku, _, _)| sku == &line.sku_id)
            {
                add(campaign, off.minor() * line.quantity);
            }
        }
        for (_, campaign, saved) in savings.per_order.iter().filter(|(i, _, _)| *i == index) {
            add(campaign, saved.minor());
        }
        if !parts.is_empty() && detail.order.channel == "shelf" {
            detail.order.channel = "campaign".to_owned();
        }
        checkout.campaign_parts.extend(parts);
    }
}

pub(super) fn terms_of<'a>(
    campaigns: &'a OpenCampaigns,
    id: &CampaignId,
) -> Option<&'a CampaignTerms> {
    campaigns
        .iter()
        .find(|(c, _)| c == id)
        .map(|(_, terms)| terms)
}
