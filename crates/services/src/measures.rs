//! The network's measures over the last N days, for the hub, logistics staff and analysts:
//! the parcels taken in during the window, the runs of its days that went out (a run only
//! planned has driven nothing and carries nothing yet), the stops done, and the county's rural
//! villages, read in a few queries and measured by the domain's rules.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::network::Carrier;
use farmgate_domain::parcel::{measure, CarrierMeasures, NetworkMeasures};
use farmgate_domain::place::{Place, PlaceLevel};
use farmgate_domain::route_run::RunDay;
use farmgate_domain::time::Timestamp;
use farmgate_domain::validation::{Problem, ValidationErrors};

use crate::{ServiceError, ServiceResult, Services};

pub const DEFAULT_MEASURE_DAYS: i64 = 7;
pub const MAX_MEASURE_DAYS: i64 = 90;

/// The measures of the window of `days` ending at `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasuresReport {
    pub days: i64,
    pub since: Timestamp,
    pub until: Timestamp,
    pub measures: NetworkMeasures,
    /// Each carrier's shares with its name, in carrier code order.
    pub carriers: Vec<(Carrier, CarrierMeasures)>,
    /// The villages no run reached within the window, by code.
    pub unreached: Vec<Place>,
}

/// Reads the window's length from a query: absent is the default, otherwise a whole number
/// of days from 1 to `MAX_MEASURE_DAYS`.
pub fn measure_days(text: Option<&str>) -> Result<i64, ValidationErrors> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(DEFAULT_MEASURE_DAYS);
    };
    text.parse::<i64>()
        .ok()
        .filter(|days| (1..=MAX_MEASURE_DAYS).contains(days))
        .ok_or_else(|| ValidationErrors::single("days", Problem::Invalid))
}

impl Services {
    /// The county's rural villages: those the network's coverage is measured over.
    pub(crate) async fn rural_villages(&self) -> ServiceResult<Vec<Place>> {
        Ok(self
            .store
            .places()
            .await?
            .into_iter()
            .filter(|p| p.level() == PlaceLevel::Village && p.urban_rural.is_rural())
            .collect())
    }

    pub async fn network_measures(
        &self,
        actor: &Actor,
        days: i64,
    ) -> ServiceResult<MeasuresReport> {
        authorize(actor, &Action::ViewNetworkMeasures)?;
        if !(1..=MAX_MEASURE_DAYS).contains(&days) {
            return Err(ValidationErrors::single("days", Problem::Invalid).into());
        }
        let until = self.clock.now();
        let since = until.plus_days(-days);
        let trips = self.store.trips_taken_in(since, until).await?;
        let runs = self
            .store
            .runs_gone_out(RunDay::of(since), RunDay::of(until))
            .await?;
        let visits = self.store.visits_between(since, until).await?;
        let villages = self.rural_villages().await?;
        let codes: Vec<_> = villages.iter().map(|p| p.code.clone()).collect();
        let measures = measure(
            &trips,
            &runs,
            &codes,
            &visits,
            days,
            until,
            Money::zero(Currency::Cny),
        )
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let mut carriers: Vec<(Carrier, CarrierMeasures)> = Vec::new();
        for carrier in self.store.carriers().await? {
            if let Some(shares) = measures
                .per_carrier
                .iter()
                .find(|m| m.carrier == carrier.id)
            {
                carriers.push((carrier, shares.clone()));
            }
        }
        carriers.sort_by(|a, b| a.0.code.cmp(&b.0.code));
        let reached: std::collections::HashSet<_> = visits.iter().map(|v| &v.village).collect();
        let unreached = villages
            .into_iter()
            .filter(|p| !reached.contains(&p.code))
            .collect();
        Ok(MeasuresReport {
            days,
            since,
            until,
            measures,
            carriers,
            unreached,
        })
    }
}
