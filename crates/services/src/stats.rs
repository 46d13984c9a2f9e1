//! The county commerce bureau's figures, read from the rollups only: the headline figures with
//! year-on-year and period-on-period growth, the channel and category mix, the quarterly trend,
//! places, top lists and where the goods went. A producer sees the same for their own shop.

mod figures;
mod request;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::Category;
use farmgate_domain::place::{AreaCode, Place, PlaceLevel};
use farmgate_domain::stats::{Channel, Period, PeriodKind, RollupFigures};
use farmgate_store::{Breakdown, RollupScope};
use serde::Serialize;

pub use figures::{Figure, FigureId, Headline, Ranked, Unit};
pub use request::{StatsForm, StatsRequest, DEFAULT_TOP};

use crate::{ServiceError, ServiceResult, Services};

/// The headline figures of a period, each beside the same period last year: what
/// `farmgate stats summary` prints and the province's systems read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub from: String,
    pub to: String,
    pub last_year_from: String,
    pub last_year_to: String,
    pub previous_from: String,
    pub previous_to: String,
    pub headlines: Vec<Headline>,
    pub channels: Vec<(Channel, Figure)>,
}

/// Everything the dashboard draws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dashboard {
    pub summary: Summary,
    pub categories: Vec<(Category, Figure)>,
    /// The quarters of the period's year and the year before: `(quarter, this year, last)`,
    /// net sales in fen.
    pub quarters: Vec<(u8, i64, i64)>,
    /// Net sales by month over the same two years, `(yyyymm, fen)`.
    pub months: Vec<(i64, i64)>,
    /// Townships, then villages, with their sales.
    pub places: Vec<(Place, Figure)>,
    pub top_products: Vec<Ranked>,
    pub top_shops: Vec<Ranked>,
    /// Where buyers are, by province: `(province code, net sales in fen)`, largest first;
    /// county-wide requests only.
    pub destinations: Vec<(String, i64)>,
}

impl Services {
    /// The dashboard, for whoever may see the request's scope.
    pub async fn stats_dashboard(
        &self,
        actor: &Actor,
        request: &StatsRequest,
    ) -> ServiceResult<Dashboard> {
        self.authorize_stats(actor, request)?;
        let county = self.county().await?;
        let summary = self.summary_of(request, &county).await?;
        let now = request.scope(request.period);
        let year = request.period.to.year;
        let two_years = Period::range(
            CivilDate::new(year - 1, 1, 1).ok_or(ServiceError::NotFound)?,
            CivilDate::new(year, 12, 31).ok_or(ServiceError::NotFound)?,
        )
        .map_err(|_| ServiceError::NotFound)?;
        let months = self
            .store
            .sales_by(&request.scope(two_years), Breakdown::Month)
            .await?;
        let months: Vec<(i64, i64)> = months
            .iter()
            .filter_map(|(key, f)| Some((key.parse().ok()?, f.sales_minor())))
            .collect();
        Ok(Dashboard {
            categories: self.compared_by(request, Breakdown::Category).await?,
            quarters: figures::quarters(&months, year),
            months,
            places: self.places_of(request, &county).await?,
            top_products: self.top_products_of(&now, request.top).await?,
            top_shops: self.top_shops_of(&now, request.top).await?,
            // Kept by day only: a shop's, place's or channel's destinations are not known, and
            // the county's must not pass for them.
            destinations: if request.is_county_wide() {
                self.destinations_of(&now).await?
            } else {
                Vec::new()
            },
            summary,
        })
    }

    /// The headline figures, for whoever may see the request's scope.
    pub async fn stats_summary(
        &self,
        actor: &Actor,
        request: &StatsRequest,
    ) -> ServiceResult<Summary> {
        self.authorize_stats(actor, request)?;
        let county = self.county().await?;
        self.summary_of(request, &county).await
    }

    /// The county's headline figures for the operator at the machine (`farmgate stats
    /// summary`), who holds the data folder and so everything in it.
    pub async fn county_summary(&self, period: Period) -> ServiceResult<Summary> {
        let county = self.county().await?;
        self.summary_of(&StatsRequest::county(period), &county)
            .await
    }

    /// Recomputes the rollups from orders and refunds (`farmgate stats rebuild`).
    pub async fn rebuild_stats(&self) -> ServiceResult<farmgate_store::RebuildReport> {
        Ok(self.store.rebuild_rollups().await?)
    }

    fn authorize_stats(&self, actor: &Actor, request: &StatsRequest) -> ServiceResult<()> {
        match &request.shop {
            Some(shop) => authorize(actor, &Action::ViewShopStats(shop))?,
            None => authorize(actor, &Action::ViewCountyStats)?,
        }
        Ok(())
    }

    /// The county Farmgate serves: the one county-level place.
    async fn county(&self) -> ServiceResult<Place> {
        self.store
            .places()
            .await?
            .into_iter()
            .find(|place| place.level() == PlaceLevel::County)
            .ok_or(ServiceError::NotFound)
    }

    async fn summary_of(&self, request: &StatsRequest, county: &Place) -> ServiceResult<Summary> {
        let periods = request.periods();
        let mut by_category = Vec::new();
        let mut rural = Vec::new();
        let mut down = Vec::new();
        for period in periods {
            let scope = request.scope(period);
            by_category.push(self.store.sales_by(&scope, Breakdown::Category).await?);
            rural.push(match rural_place(&county.code, request.place.as_ref()) {
                Some(place) => {
                    let in_county = RollupScope {
                        place: Some(place),
                        ..scope.clone()
                    };
                    total(&self.store.sales_by(&in_county, Breakdown::Total).await?)
                }
                None => RollupFigures::default(),
            });
            if request.is_county_wide() {
                down.push(self.down_into(&scope, county).await?);
            }
        }
        let buyers = self.buyers_of(request).await?;
        let producers = self.producers_with_sales(request).await?;
        // Destinations are kept by day only: a narrowed request cannot say what went down.
        let down = request.is_county_wide().then_some(down.as_slice());
        let headlines = figures::headlines(&by_category, &rural, down, buyers, producers);
        let (now, last_year, previous) = (periods[0], periods[1], periods[2]);
        Ok(Summary {
            from: now.from.to_string(),
            to: now.to.to_string(),
            last_year_from: last_year.from.to_string(),
            last_year_to: last_year.to.to_string(),
            previous_from: previous.from.to_string(),
            previous_to: previous.to.to_string(),
            headlines,
            channels: self.compared_by(request, Breakdown::Channel).await?,
        })
    }

    /// Sums by `by` in the three periods, joined by key.
    async fn compared_by<K: figures::Key>(
        &self,
        request: &StatsRequest,
        by: Breakdown,
    ) -> ServiceResult<Vec<(K, Figure)>> {
        let mut rows = Vec::new();
        for period in request.periods() {
            rows.push(self.store.sales_by(&request.scope(period), by).await?);
        }
        Ok(figures::joined(&rows))
    }

    /// Goods delivered into the county, by where the buyer is; the scope's days only.
    async fn down_into(&self, scope: &RollupScope, county: &Place) -> ServiceResult<i64> {
        let rows = self.store.sales_by_destination(scope, i64::MAX).await?;
        let province = &county.code.as_str()[..2];
        Ok(rows
            .iter()
            .filter(|((p, name), _)| p == province && *name == county.name_zh)
            .map(|(_, f)| f.sales_minor())
            .sum())
    }

    /// Buyers count per calendar month, quarter and year, county-wide: other periods and
    /// narrower scopes have none.
    async fn buyers_of(&self, request: &StatsRequest) -> ServiceResult<Option<[Figure; 2]>> {
        if !request.is_county_wide() || request.period.kind == PeriodKind::Range {
            return Ok(None);
        }
        let mut counts = Vec::new();
        for period in request.periods() {
            match figures::buyer_period(period) {
                Some(key) => counts.push(self.store.buyer_counts(key).await?),
                None => return Ok(None),
            }
        }
        Ok(Some(figures::buyer_figures(&counts)))
    }

    async fn producers_with_sales(&self, request: &StatsRequest) -> ServiceResult<Figure> {
        let mut counts = Vec::new();
        for period in request.periods() {
            let shops = self
                .store
                .top_shops(&request.scope(period), i64::MAX)
                .await?;
            let selling = shops.iter().filter(|(_, f)| f.paid_minor > 0).count();
            counts.push(i64::try_from(selling).unwrap_or(i64::MAX));
        }
        Ok(Figure::counted(counts[0], counts[1], counts[2]))
    }

    async fn places_of(
        &self,
        request: &StatsRequest,
        county: &Place,
    ) -> ServiceResult<Vec<(Place, Figure)>> {
        let mut townships: Vec<Vec<(String, RollupFigures)>> = Vec::new();
        let mut villages: Vec<Vec<(String, RollupFigures)>> = Vec::new();
        for period in request.periods() {
            let scope = request.scope(period);
            townships.push(self.store.sales_by(&scope, Breakdown::Township).await?);
            villages.push(self.store.sales_by(&scope, Breakdown::Village).await?);
        }
        let townships: Vec<(String, Figure)> = figures::joined(&townships);
        let villages: Vec<(String, Figure)> = figures::joined(&villages);
        let places = self.store.places().await?;
        let mut found = Vec::new();
        for (prefix, rows) in [(9, townships), (12, villages)] {
            for (key, figure) in rows {
                let place = places.iter().find(|p| {
                    p.code.as_str().get(..prefix) == Some(key.as_str())
                        && p.code.prefix().len() == prefix
                        && p.code.lies_in(&county.code)
                });
                if let Some(place) = place {
                    found.push((place.clone(), figure));
                }
            }
        }
        Ok(found)
    }

    async fn top_products_of(&self, scope: &RollupScope, top: i64) -> ServiceResult<Vec<Ranked>> {
        let mut ranked = Vec::new();
        for (id, figures) in self.store.top_products(scope, top).await? {
            let name = match self.store.product(&id).await? {
                Some(detail) => detail.product.title,
                None => id.to_string(),
            };
            ranked.push(Ranked::new(id.to_string(), name, &figures));
        }
        Ok(ranked)
    }

    async fn top_shops_of(&self, scope: &RollupScope, top: i64) -> ServiceResult<Vec<Ranked>> {
        let mut ranked = Vec::new();
        for (id, figures) in self.store.top_shops(scope, top).await? {
            let name = match self.store.shop(&id).await? {
                Some(shop) => shop.name,
                None => id.to_string(),
            };
            ranked.push(Ranked::new(id.to_string(), name, &figures));
        }
        Ok(ranked)
    }

    async fn destinations_of(&self, scope: &RollupScope) -> ServiceResult<Vec<(String, i64)>> {
        let mut provinces: Vec<(String, i64)> = Vec::new();
        for ((province, _), figures) in self.store.sales_by_destination(scope, i64::MAX).await? {
            match provinces.iter_mut().find(|(p, _)| *p == province) {
                Some(entry) => entry.1 += figures.sales_minor(),
                None => provinces.push((province, figures.sales_minor())),
            }
        }
        provinces.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(provinces)
    }
}

/// Where rural sellers are within the requested place: the county and below, so the county
/// itself, the requested place inside it, or nowhere for a place outside it.
fn rural_place(county: &AreaCode, place: Option<&AreaCode>) -> Option<AreaCode> {
    match place {
        None => Some(county.clone()),
        Some(place) => place.lies_in(county).then(|| place.clone()),
    }
}

fn total(rows: &[(String, RollupFigures)]) -> RollupFigures {
    let mut sum = RollupFigures::default();
    rows.iter().for_each(|(_, f)| sum.add(f));
    sum
}
