//! A campaign's landing page: its terms and the products on sale taking part, best-selling
//! first, each at the price the campaign gives it. Anyone may open it, signed in or not.

use farmgate_domain::campaign::{CampaignTerms, Scope};
use farmgate_domain::id::CampaignId;
use farmgate_domain::money::Money;
use farmgate_search::{SearchQuery, Sort};
use farmgate_store::{CampaignRecord, Page, ProductDetail};

use crate::{ServiceError, ServiceResult, Services};

/// Products a landing page shows.
pub const LANDING_PRODUCTS: usize = 24;

#[derive(Debug, Clone)]
pub struct CampaignLanding {
    pub campaign: CampaignRecord,
    /// Whether it runs now (its window, and the hub has not ended it).
    pub running: bool,
    /// Each product with the lowest price the campaign gives one of its variants, when it
    /// runs and has an item price (a spend-save campaign has none).
    pub products: Vec<(ProductDetail, Option<Money>)>,
}

impl Services {
    /// A campaign as anyone may see it: its terms, for its landing page and banner.
    pub async fn campaign(&self, id: &CampaignId) -> ServiceResult<CampaignRecord> {
        self.store.campaign(id).await?.ok_or(ServiceError::NotFound)
    }

    pub async fn campaign_landing(&self, id: &CampaignId) -> ServiceResult<CampaignLanding> {
        let campaign = self.campaign(id).await?;
        let running = campaign.is_running(self.clock.now());
        let mut products = Vec::new();
        for detail in self.taking_part(&campaign.terms.scope).await? {
            let lowest = running
                .then(|| lowest_campaign_price(&campaign.terms, &detail))
                .flatten();
            products.push((detail, lowest));
        }
        Ok(CampaignLanding {
            campaign,
            running,
            products,
        })
    }

    /// Up to `LANDING_PRODUCTS` products on sale in the scope, best-selling first.
    async fn taking_part(&self, scope: &Scope) -> ServiceResult<Vec<ProductDetail>> {
        let mut found = match scope {
            Scope::Everything => self.best_selling(None).await?,
            Scope::Categories(categories) => {
                let mut lists = Vec::with_capacity(categories.len());
                for category in categories {
                    lists.push(self.best_selling(Some(category.slug())).await?);
                }
                // Each category's best seller first, then each one's second, and so on.
                interleave(lists)
            }
            Scope::Shops(shops) => {
                let mut all = Vec::new();
                for shop in shops {
                    let page = Page::first(LANDING_PRODUCTS as i64);
                    all.extend(self.store.products_of_shop(shop, page).await?);
                }
                all
            }
            Scope::Products(ids) => {
                let mut all = Vec::new();
                for id in ids.iter().take(LANDING_PRODUCTS) {
                    all.extend(self.store.product(id).await?);
                }
                all
            }
        };
        found.retain(|detail| detail.product.status.is_on_sale());
        found.truncate(LANDING_PRODUCTS);
        Ok(found)
    }

    async fn best_selling(&self, category: Option<&str>) -> ServiceResult<Vec<ProductDetail>> {
        let query = SearchQuery {
            category: category.map(str::to_owned),
            sort: Sort::Sales,
            limit: LANDING_PRODUCTS,
            ..SearchQuery::default()
        };
        Ok(self.search_products(&query).await?.products)
    }
}

fn interleave<T>(lists: Vec<Vec<T>>) -> Vec<T> {
    let mut iters: Vec<_> = lists.into_iter().map(Vec::into_iter).collect();
    let mut out = Vec::new();
    loop {
        let before = out.len();
        out.extend(iters.iter_mut().filter_map(Iterator::next));
        if out.len() == before {
            return out;
        }
    }
}

fn lowest_campaign_price(terms: &CampaignTerms, detail: &ProductDetail) -> Option<Money> {
    detail
        .skus
        .iter()
        .filter_map(|sku| terms.item_price(sku.price))
        .min_by_key(|price| price.minor())
}

#[cfg(test)]
mod tests {
    use super::interleave;

    #[test]
    fn categories_take_turns_on_the_landing_page() {
        let lists = vec![vec![1, 2, 3], vec![10], vec![20, 21]];
        assert_eq!(interleave(lists), vec![1, 10, 20, 2, 21, 3]);
    }
}
