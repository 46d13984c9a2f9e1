//! Seeds the demo county's down parcels of the day it is generated, through the same use cases
//! the staff and the carriers use: the carriers' intake, receiving, the driver's scan at the
//! point, the notice sender and collection by code. The demo is seeded once per data folder,
//! so on later days these parcels are "from earlier days" on the console, still waiting where
//! they were left.

use std::collections::HashMap;

use farmgate_demo::{DemoDownParcel, DemoDownStage};
use farmgate_domain::parcel::{IntakeForm, ParcelStage};

use super::{Collected, OutboxNotifier};
use crate::parcels::Scan;
use crate::{ServiceError, ServiceResult, Services};

impl Services {
    pub(crate) async fn seed_demo_down_parcels(
        &self,
        parcels: &[DemoDownParcel],
    ) -> ServiceResult<()> {
        let staff = self.demo_logistics_staff().await?;
        let mut codes = HashMap::new();
        for carrier in self.store.carriers().await? {
            let items: Vec<IntakeForm> = parcels
                .iter()
                .filter(|parcel| parcel.carrier == carrier.code)
                .map(|parcel| IntakeForm {
                    tracking: parcel.tracking.clone(),
                    destination: parcel.destination.clone(),
                    villager_name: parcel.villager_name.clone(),
                    villager_phone: parcel.villager_phone.clone(),
                    weight_g: parcel.weight_g.clone(),
                })
                .collect();
            let receipts = self
                .intake_from_carrier(&carrier.id, &items)
                .await?
                .map_err(|problems| {
                    ServiceError::Internal(format!("demo parcels refused: {problems:?}"))
                })?;
            codes.extend(receipts.into_iter().map(|r| (r.tracking, r.code)));
        }
        for parcel in parcels {
            if parcel.stage == DemoDownStage::Announced {
                continue;
            }
            let receipt = self.receive_parcel(&staff, &parcel.tracking).await?;
            if parcel.stage == DemoDownStage::Received {
                continue;
            }
            let code = codes.get(&parcel.tracking).ok_or(ServiceError::NotFound)?;
            let scan = Scan {
                code: code.clone(),
                stage: ParcelStage::AtPoint,
                at: None,
                node: Some(receipt.point.id.clone()),
                run: None,
            };
            self.scan_parcel(&staff, &scan).await?;
        }
        self.send_pickup_notices(&OutboxNotifier).await?;
        for parcel in parcels {
            if parcel.stage != DemoDownStage::Collected {
                continue;
            }
            let stored = self.find_down_parcel(&parcel.tracking).await?;
            let pickup = stored.pickup_code.ok_or(ServiceError::NotFound)?;
            let collected = self
                .collect_parcel(&staff, &stored.point, stored.code.as_str(), pickup.as_str())
                .await?;
            if !matches!(collected, Collected::Handed(_)) {
                return Err(ServiceError::Internal("demo parcel not collected".into()));
            }
        }
        Ok(())
    }
}
