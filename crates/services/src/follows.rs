//! Following shops, and the in-app notifications followers receive.

use farmgate_domain::access::Actor;
use farmgate_domain::id::ShopId;
use farmgate_store::NotificationRecord;

use crate::{ServiceError, ServiceResult, Services};

/// Notifications shown on the notifications page.
const NOTIFICATIONS_SHOWN: i64 = 50;

impl Services {
    /// Follows or unfollows a shop; doing either twice is harmless.
    pub async fn set_following(
        &self,
        actor: &Actor,
        shop: &ShopId,
        follow: bool,
    ) -> ServiceResult<()> {
        self.store.shop(shop).await?.ok_or(ServiceError::NotFound)?;
        Ok(self
            .store
            .set_following(shop, &actor.account_id, follow, self.clock.now())
            .await?)
    }

    pub async fn is_following(&self, actor: &Actor, shop: &ShopId) -> ServiceResult<bool> {
        Ok(self.store.is_following(shop, &actor.account_id).await?)
    }

    pub async fn follower_count(&self, shop: &ShopId) -> ServiceResult<i64> {
        Ok(self.store.follower_count(shop).await?)
    }

    pub async fn unread_notifications(&self, actor: &Actor) -> ServiceResult<i64> {
        Ok(self.store.unread_notifications(&actor.account_id).await?)
    }

    /// The newest notifications; reading them marks them all read.
    pub async fn read_notifications(
        &self,
        actor: &Actor,
    ) -> ServiceResult<Vec<NotificationRecord>> {
        let notifications = self
            .store
            .notifications(&actor.account_id, NOTIFICATIONS_SHOWN)
            .await?;
        self.store
            .mark_notifications_read(&actor.account_id, self.clock.now())
            .await?;
        Ok(notifications)
    }
}
