//! The commerce figures as the web shows them (issue 7): the filters read from a query string,
//! who may ask for what, numbers the local way, the tables every view and export shares, and
//! the charts drawn as inline SVG. The page, the exports and the API all start here.

pub mod charts;
pub mod format;
mod table_id;
pub mod tables;

use farmgate_domain::access::{permits, Action, Actor};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::ShopId;
use farmgate_services::stats::{StatsForm, StatsRequest};
use farmgate_services::{ServiceError, Services};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use crate::error::WebError;
use crate::texts::stats::{COUNTY_ONLY, NOT_YOUR_SHOP};

/// The filters, as typed in the page's form or an API client's query string.
#[derive(Debug, Clone, Default, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// `day`, `week`, `month`, `quarter` (default), `year`, `ytd` or `range`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// A day in the period, `yyyy-mm-dd`; today (China time) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// First day of a `range`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last day of a `range` (at most 3,660 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// A 12-digit area code: the county, a township or a village (where sellers are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// A category slug, e.g. `fruit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// `shelf`, `live`, `group_buy`, `short_video` or `campaign`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// One shop's own figures; without it, the county's (hub and analysts only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop: Option<String>,
    /// Length of the top lists, 1–100 (10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<String>,
}

impl StatsQuery {
    /// The request, or every field's problem.
    pub fn request(&self, today: CivilDate) -> Result<StatsRequest, WebError> {
        let form = StatsForm {
            period: self.period.as_deref(),
            date: self.date.as_deref(),
            from: self.from.as_deref(),
            to: self.to.as_deref(),
            place: self.place.as_deref(),
            category: self.category.as_deref(),
            channel: self.channel.as_deref(),
            shop: self.shop.as_deref(),
            top: self.top.as_deref(),
        };
        StatsRequest::parse(&form, today).map_err(WebError::Validation)
    }

    /// The filters as a query string, for links to the exports of the same figures.
    pub fn query_string(&self) -> String {
        let kept = StatsQuery {
            period: present(&self.period),
            date: present(&self.date),
            from: present(&self.from),
            to: present(&self.to),
            place: present(&self.place),
            category: present(&self.category),
            channel: present(&self.channel),
            shop: present(&self.shop),
            top: present(&self.top),
        };
        serde_urlencoded::to_string(&kept).unwrap_or_default()
    }

    pub fn shop_id(&self) -> Option<ShopId> {
        present(&self.shop).map(ShopId::new)
    }

    /// Refuses, before reading any input, whoever may not see the figures asked for: the
    /// county's are the hub's and the analysts', a shop's are its members' too. Says why.
    pub fn authorize(&self, actor: &Actor) -> Result<(), WebError> {
        match self.shop_id() {
            Some(shop) if permits(actor, &Action::ViewShopStats(&shop)) => Ok(()),
            Some(_) => Err(WebError::ForbiddenBecause(NOT_YOUR_SHOP)),
            None if permits(actor, &Action::ViewCountyStats) => Ok(()),
            None => Err(WebError::ForbiddenBecause(COUNTY_ONLY)),
        }
    }
}

fn present(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Today in China, where the figures' days are.
pub fn today(services: &Services) -> CivilDate {
    CivilDate::in_china(services.clock.now())
}

/// A service's refusal said the way the query's check says it.
pub fn refused(query: &StatsQuery) -> impl Fn(ServiceError) -> WebError + '_ {
    move |error| match error {
        ServiceError::Forbidden if query.shop_id().is_some() => {
            WebError::ForbiddenBecause(NOT_YOUR_SHOP)
        }
        ServiceError::Forbidden => WebError::ForbiddenBecause(COUNTY_ONLY),
        other => other.into(),
    }
}
