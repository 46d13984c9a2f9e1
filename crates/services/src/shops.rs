//! Shops as buyers and producers see them, and the profile their members edit.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::ShopId;
use farmgate_domain::shop::{shop_description, shop_name};
use farmgate_domain::validation::ValidationErrors;
use farmgate_store::{ShopProfile, ShopRecord};

use crate::{ServiceError, ServiceResult, Services};

impl Services {
    pub async fn shop(&self, id: &ShopId) -> ServiceResult<ShopRecord> {
        self.store.shop(id).await?.ok_or(ServiceError::NotFound)
    }

    /// The shops the actor works in.
    pub async fn my_shops(&self, actor: &Actor) -> ServiceResult<Vec<ShopRecord>> {
        authorize(actor, &Action::ViewProducerConsole)?;
        Ok(self.store.shops_of(&actor.account_id).await?)
    }

    pub async fn update_shop_profile(
        &self,
        actor: &Actor,
        id: &ShopId,
        name: &str,
        description: &str,
    ) -> ServiceResult<ShopRecord> {
        authorize(actor, &Action::ManageShop(id))?;
        let mut errors = ValidationErrors::default();
        let name = errors.check(shop_name(name));
        let description = errors.check(shop_description(description));
        let (Some(name), Some(description)) = (name, description) else {
            return Err(errors.into());
        };
        let profile = ShopProfile { name, description };
        self.store.update_shop_profile(id, &profile).await?;
        self.directory.invalidate();
        self.shop(id).await
    }
}
