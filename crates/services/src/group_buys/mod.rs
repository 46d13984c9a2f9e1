//! Group-buys (拼团): a shop's members or the hub offer a SKU at a team price; buyers open
//! teams and join them by paying (`seats.rs`); a team that fills becomes orders that ship, one
//! that does not fill in time is refunded through the payment provider, and its members are
//! told either way (`ending.rs`).

mod ending;
mod seats;

pub use seats::{seat_pay_by, SeatBought, SeatRequest};
pub use seats::{ALREADY_IN_TEAM, GROUP_BUY_ENDED, NO_UNITS_LEFT, OVER_BUYER_LIMIT};
pub use seats::{TEAM_ENDED, TEAM_FULL};

/// Why a group-buy order may not ask for a refund yet.
pub const TEAM_FORMING: &str = "a group-buy order can ask for a refund once its team has ended";

use std::sync::Arc;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::flash_sale::SkuOffer;
use farmgate_domain::group_buy::{GroupBuyInput, GroupBuyTerms, TeamOutcome};
use farmgate_domain::id::{GroupBuyId, ProductId, SkuId, TeamId};
use farmgate_store::{GroupBuyRecord, ProductDetail, TeamRecord};

use crate::{new_id, ServiceError, ServiceResult, Services};

/// Open teams shown beside a group-buy, closest to filling first.
const TEAMS_SHOWN: i64 = 20;

/// What an organiser typed.
#[derive(Debug, Clone, Default)]
pub struct GroupBuyForm {
    pub team_price: String,
    pub team_size: String,
    pub time_limit_hours: String,
    pub stock_limit: String,
    pub per_buyer_limit: String,
    /// One tier per line: team size, then price in yuan.
    pub tiers: String,
    pub virtual_fill: bool,
}

/// A group-buy with its product and the teams a buyer may join.
#[derive(Debug, Clone)]
pub struct GroupBuyView {
    pub group_buy: GroupBuyRecord,
    pub product: Arc<ProductDetail>,
    pub open_teams: Vec<TeamView>,
}

/// A team as it stands now, with its group-buy's terms at hand.
#[derive(Debug, Clone)]
pub struct TeamView {
    pub team: TeamRecord,
    pub standing: TeamOutcome,
    /// Places not yet held, paid or awaiting payment.
    pub places_left: u32,
}

impl Services {
    pub async fn create_group_buy(
        &self,
        actor: &Actor,
        product: &ProductId,
        sku: &SkuId,
        form: &GroupBuyForm,
    ) -> ServiceResult<GroupBuyRecord> {
        let detail = self
            .store
            .product(product)
            .await?
            .ok_or(ServiceError::NotFound)?;
        authorize(actor, &Action::ManageShop(&detail.product.shop_id))?;
        let offered = detail
            .skus
            .iter()
            .find(|found| &found.id == sku)
            .ok_or(ServiceError::NotFound)?;
        let input = GroupBuyInput {
            team_price: &form.team_price,
            team_size: &form.team_size,
            time_limit_hours: &form.time_limit_hours,
            stock_limit: &form.stock_limit,
            per_buyer_limit: &form.per_buyer_limit,
            tiers: &form.tiers,
            virtual_fill: form.virtual_fill,
        };
        let offer = SkuOffer {
            price: offered.price,
            stock: offered.stock,
        };
        let record = GroupBuyRecord {
            id: new_id(),
            shop_id: detail.product.shop_id.clone(),
            product_id: product.clone(),
            sku_id: sku.clone(),
            terms: GroupBuyTerms::parse(&input, offer)?,
            created_by: actor.account_id.clone(),
            created_at: self.clock.now(),
            closed_at: None,
        };
        self.store.insert_group_buy(&record).await?;
        self.caches.group_buys.clear();
        Ok(record)
    }

    /// Stops new teams opening; teams already open run to their deadline. Answers the
    /// group-buy's product.
    pub async fn close_group_buy(
        &self,
        actor: &Actor,
        id: &GroupBuyId,
    ) -> ServiceResult<ProductId> {
        let record = self.group_buy_record(id).await?;
        authorize(actor, &Action::ManageShop(&record.shop_id))?;
        self.store.close_group_buy(id, self.clock.now()).await?;
        self.caches.group_buys.clear();
        Ok(record.product_id)
    }

    pub async fn group_buy(&self, id: &GroupBuyId) -> ServiceResult<GroupBuyView> {
        let group_buy = self.group_buy_record(id).await?;
        let product = self.visible_product(&group_buy.product_id).await?;
        let teams = self.store.open_teams(id, TEAMS_SHOWN).await?;
        let open_teams = teams
            .into_iter()
            .map(|team| self.team_view(&group_buy, team))
            .collect();
        Ok(GroupBuyView {
            group_buy,
            product,
            open_teams,
        })
    }

    /// The product's group-buys, newest first, closed ones too: for its shop's members.
    pub async fn product_group_buys(
        &self,
        actor: &Actor,
        product: &ProductId,
    ) -> ServiceResult<(ProductDetail, Vec<GroupBuyRecord>)> {
        let detail = self
            .store
            .product(product)
            .await?
            .ok_or(ServiceError::NotFound)?;
        authorize(actor, &Action::ManageShop(&detail.product.shop_id))?;
        let group_buys = self.group_buys_of(&detail).await?;
        Ok((detail, group_buys))
    }

    /// Group-buys opening teams, newest first, with their products (those a buyer can see):
    /// what the home page offers.
    pub async fn group_buy_offers(
        &self,
        limit: i64,
    ) -> ServiceResult<Vec<(GroupBuyRecord, Arc<ProductDetail>)>> {
        let load = async { self.store.running_group_buys(limit).await.map(Arc::new) };
        let running = self.caches.group_buys.get_or_load(&limit, load).await?;
        let mut offers = Vec::new();
        for group_buy in running.iter().cloned() {
            match self.visible_product(&group_buy.product_id).await {
                Ok(product) => offers.push((group_buy, product)),
                Err(ServiceError::NotFound) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(offers)
    }

    /// The product's group-buys still opening teams, newest first: what its page offers.
    pub async fn running_group_buys_of(
        &self,
        detail: &ProductDetail,
    ) -> ServiceResult<Vec<GroupBuyRecord>> {
        let mut group_buys = self.group_buys_of(detail).await?;
        group_buys.retain(|group_buy| group_buy.closed_at.is_none());
        Ok(group_buys)
    }

    async fn group_buys_of(&self, detail: &ProductDetail) -> ServiceResult<Vec<GroupBuyRecord>> {
        let mut group_buys = self
            .store
            .group_buys_of_shop(&detail.product.shop_id)
            .await?;
        group_buys.retain(|group_buy| group_buy.product_id == detail.product.id);
        Ok(group_buys)
    }

    /// A team, with its group-buy and product: what its share link opens.
    pub async fn team(&self, id: &TeamId) -> ServiceResult<(GroupBuyView, TeamView)> {
        let team = self.store.team(id).await?.ok_or(ServiceError::NotFound)?;
        let view = self.group_buy(&team.group_buy_id).await?;
        let team = self.team_view(&view.group_buy, team);
        Ok((view, team))
    }

    fn team_view(&self, group_buy: &GroupBuyRecord, team: TeamRecord) -> TeamView {
        let rules = team.team();
        let capacity = usize::try_from(group_buy.terms.capacity()).unwrap_or(usize::MAX);
        let places_left = capacity.saturating_sub(rules.seats.len());
        TeamView {
            standing: team.outcome(&group_buy.terms, self.clock.now()),
            places_left: u32::try_from(places_left).unwrap_or(u32::MAX),
            team,
        }
    }

    async fn group_buy_record(&self, id: &GroupBuyId) -> ServiceResult<GroupBuyRecord> {
        self.store
            .group_buy(id)
            .await?
            .ok_or(ServiceError::NotFound)
    }
}
