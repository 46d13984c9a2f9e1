//! The county commerce bureau's figures, read from the rollups only: the headline figures with
//! year-on-year and period-on-period growth, the channel and category mix, the quarterly trend,
//! places, top lists and where the goods went. A producer sees the same for their own shop.

mod campaigns;
mod cells;
mod figures;
mod live_network;
mod request;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::Category;
use farmgate_domain::place::{AreaCode, Place, PlaceLevel};
use farmgate_domain::stats::{Channel, Period, PeriodKind, RollupFigures};
use farmgate_store::{Breakdown, RollupScope};

use cells::PeriodCells;
use serde::Serialize;

pub use campaigns::CampaignRow;
pub use figures::{Figure, FigureId, Headline, Ranked, Unit};
pub use live_network::{LiveSection, LiveSessionRow};
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
    /// None when narrowed to a category or another channel than live.
    pub live: Option<LiveSection>,
    /// Runs, co-distribution and village coverage; county-wide requests only.
    pub network: Option<Vec<Headline>>,
    /// Campaigns overlapping the period with their paid orders; county-wide requests only.
    pub campaigns: Option<Vec<CampaignRow>>,
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
        let cells = self.period_cells(request).await?;
        let now = request.scope(request.period);
        let year = request.period.to.year;
        let (summary, months, top_products, top_shops, destinations, live, network, campaigns) = tokio::try_join!(
            self.summary_from(request, &county, &cells),
            self.months_of(request, year),
            self.top_products_of(&now, request.top),
            self.top_shops_of(&now, request.top),
            self.destinations_of(request, &now),
            self.live_section(request),
            self.network_section(request),
            self.campaigns_section(request),
        )?;
        let categories = figures::joined(&cells.each(PeriodCells::by_category));
        Ok(Dashboard {
            summary,
            categories,
            quarters: figures::quarters(&months, year),
            months,
            places: self.places_of(&cells, &county).await?,
            top_products,
            top_shops,
            destinations,
            live,
            network,
            campaigns,
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
        let cells = self.period_cells(request).await?;
        self.summary_from(request, &county, &cells).await
    }

    /// The county's headline figures for the operator at the machine (`farmgate stats
    /// summary`), who holds the data folder and so everything in it.
    pub async fn county_summary(&self, period: Period) -> ServiceResult<Summary> {
        let request = StatsRequest::county(period);
        let county = self.county().await?;
        let cells = self.period_cells(&request).await?;
        self.summary_from(&request, &county, &cells).await
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

    /// The county Farmgate serves: the one county-level place, once places are set up.
    async fn county(&self) -> ServiceResult<Option<Place>> {
        Ok(self
            .store
            .places()
            .await?
            .into_iter()
            .find(|place| place.level() == PlaceLevel::County))
    }

    /// The cells of the period, the same period last year and the period before, read at once.
    async fn period_cells(&self, request: &StatsRequest) -> ServiceResult<ThreePeriods> {
        let [now, last_year, previous] = request.periods().map(|period| request.scope(period));
        let (now, last_year, previous) = tokio::try_join!(
            self.store.sales_cells(&now),
            self.store.sales_cells(&last_year),
            self.store.sales_cells(&previous),
        )?;
        Ok(ThreePeriods([
            PeriodCells(now),
            PeriodCells(last_year),
            PeriodCells(previous),
        ]))
    }

    async fn summary_from(
        &self,
        request: &StatsRequest,
        county: &Option<Place>,
        cells: &ThreePeriods,
    ) -> ServiceResult<Summary> {
        let county_code = county.as_ref().map(|county| &county.code);
        let rural = cells.0.each_ref().map(|cells| {
            rural_place(county_code, request.place.as_ref())
                .map_or_else(RollupFigures::default, |place| cells.within(&place))
        });
        let (down, buyers, producers) = tokio::try_join!(
            self.down_into(request, county),
            self.buyers_of(request),
            self.producers_with_sales(request),
        )?;
        let by_category = cells.each(PeriodCells::by_category);
        let headlines = figures::headlines(&by_category, &rural, down, buyers, producers);
        let [now, last_year, previous] = request.periods();
        Ok(Summary {
            from: now.from.to_string(),
            to: now.to.to_string(),
            last_year_from: last_year.from.to_string(),
            last_year_to: last_year.to.to_string(),
            previous_from: previous.from.to_string(),
            previous_to: previous.to.to_string(),
            headlines,
            channels: figures::joined(&cells.each(PeriodCells::by_channel)),
        })
    }

    /// Net sales by month over the period's year and the year before, `(yyyymm, fen)`.
    async fn months_of(&self, request: &StatsRequest, year: i64) -> ServiceResult<Vec<(i64, i64)>> {
        let two_years = CivilDate::new(year - 1, 1, 1)
            .zip(CivilDate::new(year, 12, 31))
            .and_then(|(from, to)| Period::range(from, to).ok())
            .ok_or(ServiceError::NotFound)?;
        let months = self
            .store
            .sales_by(&request.scope(two_years), Breakdown::Month)
            .await?;
        Ok(months
            .iter()
            .filter_map(|(key, f)| Some((key.parse().ok()?, f.sales_minor())))
            .collect())
    }

    /// Goods delivered into the county in each period, by where the buyer is. Destinations
    /// are kept by day only, so a narrower request has no such figure.
    async fn down_into(
        &self,
        request: &StatsRequest,
        county: &Option<Place>,
    ) -> ServiceResult<Option<[i64; 3]>> {
        let Some(county) = county.as_ref().filter(|_| request.is_county_wide()) else {
            return Ok(None);
        };
        let province = &county.code.as_str()[..2];
        let mut down = [0; 3];
        for (slot, period) in down.iter_mut().zip(request.periods()) {
            let rows = self
                .store
                .sales_by_destination(&request.scope(period), i64::MAX)
                .await?;
            *slot = rows
                .iter()
                .filter(|((p, name), _)| p == province && *name == county.name_zh)
                .map(|(_, f)| f.sales_minor())
                .sum();
        }
        Ok(Some(down))
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
        let [now, last_year, previous] = request.periods().map(|period| request.scope(period));
        let (now, last_year, previous) = tokio::try_join!(
            self.store.shops_with_sales(&now),
            self.store.shops_with_sales(&last_year),
            self.store.shops_with_sales(&previous),
        )?;
        Ok(Figure::counted(now, last_year, previous))
    }

    /// Townships, then villages, of the county with their sales.
    async fn places_of(
        &self,
        cells: &ThreePeriods,
        county: &Option<Place>,
    ) -> ServiceResult<Vec<(Place, Figure)>> {
        let places = self.store.places().await?;
        let mut found = Vec::new();
        for digits in [9, 12] {
            let rows: Vec<(String, Figure)> = figures::joined(&cells.each(|c| c.by_place(digits)));
            for (key, figure) in rows {
                let place = places.iter().find(|p| {
                    p.code.prefix() == key
                        && county.as_ref().is_none_or(|c| p.code.lies_in(&c.code))
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

    /// Where buyers are, by province; county-wide requests only, as destinations are kept by
    /// day only and the county's must not pass for a shop's, a place's or a channel's.
    async fn destinations_of(
        &self,
        request: &StatsRequest,
        scope: &RollupScope,
    ) -> ServiceResult<Vec<(String, i64)>> {
        if !request.is_county_wide() {
            return Ok(Vec::new());
        }
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

/// The cells of the period, the same period last year and the period before.
struct ThreePeriods([PeriodCells; 3]);

impl ThreePeriods {
    fn each<T>(&self, cut: impl Fn(&PeriodCells) -> T) -> Vec<T> {
        self.0.iter().map(cut).collect()
    }
}

/// Where rural sellers are within the requested place: the county and below, so the county
/// itself, the requested place inside it, or nowhere for a place outside it (or no county).
fn rural_place(county: Option<&AreaCode>, place: Option<&AreaCode>) -> Option<AreaCode> {
    let county = county?;
    match place {
        None => Some(county.clone()),
        Some(place) => place.lies_in(county).then(|| place.clone()),
    }
}
