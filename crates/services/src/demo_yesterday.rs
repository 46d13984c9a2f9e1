//! The demo's yesterday, so the measures page has something to measure on the first start:
//! some of the carriers' parcels taken in yesterday morning, yesterday's runs planned, loaded,
//! driven stop by stop and finished — all through the use cases, on a clock set to yesterday.
//! Seeded before today's parcels, so yesterday's plan holds only yesterday's parcels.

use std::sync::Arc;

use farmgate_demo::{DemoDownParcel, EMAIL_DOMAIN};
use farmgate_domain::access::Actor;
use farmgate_domain::parcel::IntakeForm;
use farmgate_domain::route_run::RunDay;
use farmgate_domain::time::Timestamp;

use crate::down::OutboxNotifier;
use crate::route_runs::{Distances, RunScan};
use crate::{FixedClock, ServiceError, ServiceResult, Services};

/// How many of the plan's down parcels also came yesterday.
const YESTERDAY_PARCELS: usize = 60;
const MINUTE: i64 = 60_000;
/// The warehouse takes yesterday's parcels in at seven.
const INTAKE_MINUTE: i64 = 7 * 60;
/// Enough for yesterday's few dozen parcels; the search would use all it is given.
const PLAN_TIME: std::time::Duration = std::time::Duration::from_millis(500);

impl Services {
    /// The demo's logistics account, who takes the demo's parcels along.
    pub(crate) async fn demo_logistics_staff(&self) -> ServiceResult<Actor> {
        let email = format!("logistics@{EMAIL_DOMAIN}");
        let staff = self
            .store
            .account_by_email(&email)
            .await?
            .ok_or_else(|| ServiceError::Internal(format!("no demo account {email}")))?;
        Ok(Actor {
            account_id: staff.id,
            roles: staff.roles,
            shops: Vec::new(),
        })
    }

    pub(crate) async fn seed_demo_yesterday(
        &self,
        parcels: &[DemoDownParcel],
    ) -> ServiceResult<()> {
        let staff = self.demo_logistics_staff().await?;
        let day = RunDay::of(self.clock.now().plus_days(-1));
        let clock = Arc::new(FixedClock::new(at_minute(day, INTAKE_MINUTE)));
        let mut past = self.clone();
        past.clock = clock.clone();
        // Yesterday's parcels are today's first ones with a tracking number of their own.
        let yesterday: Vec<DemoDownParcel> = parcels
            .iter()
            .take(YESTERDAY_PARCELS)
            .map(|p| DemoDownParcel {
                tracking: format!(
                    "{}Y{}",
                    p.carrier,
                    p.tracking.strip_prefix(&p.carrier).unwrap_or(&p.tracking)
                ),
                ..p.clone()
            })
            .collect();
        for carrier in past.store.carriers().await? {
            let items: Vec<IntakeForm> = yesterday
                .iter()
                .filter(|p| p.carrier == carrier.code)
                .map(|p| IntakeForm {
                    tracking: p.tracking.clone(),
                    destination: p.destination.clone(),
                    villager_name: p.villager_name.clone(),
                    villager_phone: p.villager_phone.clone(),
                    weight_g: p.weight_g.clone(),
                })
                .collect();
            past.intake_from_carrier(&carrier.id, &items)
                .await?
                .map_err(|problems| {
                    ServiceError::Internal(format!("yesterday's parcels refused: {problems:?}"))
                })?;
        }
        for parcel in &yesterday {
            past.receive_parcel(&staff, &parcel.tracking).await?;
        }
        past.plan_day(&staff, day, Distances::StraightLine, PLAN_TIME)
            .await?;
        for run in past.day_runs(&staff, day).await?.runs {
            let sheet = past.run_sheet(&staff, &run.id).await?;
            move_to(&clock, at_minute(day, sheet.depart_minute));
            let scan = |stop: Option<usize>, code: &str| RunScan {
                run: run.id.clone(),
                stop,
                code: code.to_owned(),
            };
            for parcel in sheet.stops.iter().flat_map(|s| &s.drop) {
                past.scan_on_run(&staff, &scan(None, &parcel.code)).await?;
            }
            for (position, stop) in sheet.stops.iter().enumerate() {
                move_to(&clock, at_minute(day, stop.arrival_minute));
                for parcel in &stop.drop {
                    past.scan_on_run(&staff, &scan(Some(position), &parcel.code))
                        .await?;
                }
                past.finish_stop(&staff, &run.id, position).await?;
            }
        }
        past.send_pickup_notices(&OutboxNotifier).await?;
        Ok(())
    }
}

fn at_minute(day: RunDay, minute: i64) -> Timestamp {
    day.start().plus_millis(minute * MINUTE)
}

/// Moves the clock forward to `to`; it never goes back.
fn move_to(clock: &FixedClock, to: Timestamp) {
    let ahead = to.millis() - clock.now_ms().millis();
    if ahead > 0 {
        clock.advance_millis(ahead);
    }
}
