//! The demo county's running campaigns, set up by its hub the way an operator does on the
//! campaigns page: a New Year goods festival taking 15% off food, half of it borne by the
//! platform, with two coupons (¥10 off from ¥99; 10% off up to ¥30 from ¥150), and a
//! spend-¥199-save-¥30 across every shop. Once per store, after the leader's sales, so those
//! stay at the shelf price they were planned at.

use crate::campaigns::{CampaignCouponForm, CampaignForm};
use crate::{ServiceResult, Services};

const DEMO_CAMPAIGNS_KEY: &str = "demo_campaigns";
/// How long the demo's campaigns run from the day the demo is made.
const DEMO_CAMPAIGN_DAYS: i64 = 21;

impl Services {
    /// Sets up the demo's campaigns unless this store has them; how many.
    pub async fn seed_demo_campaigns(&self) -> ServiceResult<usize> {
        if self.demo_step_due(DEMO_CAMPAIGNS_KEY).await?.is_none() {
            return Ok(0);
        }
        let Some(hub) = self.demo_account_actor("hub").await? else {
            return Ok(0);
        };
        let now = self.clock.now();
        let window = CampaignForm {
            starts: Some(now.plus_days(-1)),
            ends: Some(now.plus_days(DEMO_CAMPAIGN_DAYS)),
            ..CampaignForm::default()
        };
        let festival = CampaignForm {
            name: "年货节".into(),
            rule: "percent_off".into(),
            percent_off: "15".into(),
            platform_share: "50".into(),
            scope: "categories".into(),
            categories: ["fruit", "meat", "dairy", "grain"]
                .map(str::to_owned)
                .to_vec(),
            ..window.clone()
        };
        let spend_save = CampaignForm {
            name: "冬至跨店满减".into(),
            rule: "spend_save".into(),
            threshold: "199".into(),
            amount_off: "30".into(),
            platform_share: "100".into(),
            scope: "everything".into(),
            ..window
        };
        let festival = self.create_campaign(&hub, &festival).await?;
        self.create_campaign(&hub, &spend_save).await?;
        for coupon in festival_coupons() {
            self.create_campaign_coupon(&hub, &festival, &coupon)
                .await?;
        }
        self.store.set_meta(DEMO_CAMPAIGNS_KEY, "done").await?;
        Ok(2)
    }
}

fn festival_coupons() -> [CampaignCouponForm; 2] {
    let common = CampaignCouponForm {
        per_buyer_limit: "1".into(),
        valid_days: "7".into(),
        ..CampaignCouponForm::default()
    };
    [
        CampaignCouponForm {
            kind: "amount".into(),
            amount_off: "10".into(),
            minimum_spend: "99".into(),
            quantity: "5000".into(),
            ..common.clone()
        },
        CampaignCouponForm {
            kind: "percent".into(),
            percent_off: "10".into(),
            cap: "30".into(),
            minimum_spend: "150".into(),
            quantity: "2000".into(),
            ..common
        },
    ]
}
