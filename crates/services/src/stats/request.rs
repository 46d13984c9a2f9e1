//! What a dashboard, the API or `farmgate stats summary` asks for, read and checked from the
//! text people type: a period, and optionally a place, category, channel or shop.

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::ShopId;
use farmgate_domain::place::AreaCode;
use farmgate_domain::stats::{Channel, Period};
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::RollupScope;

/// How many products and producers the top lists show unless asked otherwise.
pub const DEFAULT_TOP: i64 = 10;
const MAX_TOP: i64 = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsRequest {
    pub period: Period,
    pub place: Option<AreaCode>,
    pub category: Option<Category>,
    pub channel: Option<Channel>,
    /// One shop's own figures.
    pub shop: Option<ShopId>,
    /// How long the top lists are.
    pub top: i64,
}

/// The request as typed: every field optional text.
#[derive(Debug, Clone, Copy, Default)]
pub struct StatsForm<'a> {
    /// `day`, `week`, `month`, `quarter` (the default), `year`, `ytd` or `range`.
    pub period: Option<&'a str>,
    /// A day in the period (`yyyy-mm-dd`), today by default.
    pub date: Option<&'a str>,
    /// Both ends of a `range`.
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub place: Option<&'a str>,
    pub category: Option<&'a str>,
    pub channel: Option<&'a str>,
    pub shop: Option<&'a str>,
    pub top: Option<&'a str>,
}

impl StatsRequest {
    /// Everything the county sold in `period`.
    pub fn county(period: Period) -> StatsRequest {
        StatsRequest {
            period,
            place: None,
            category: None,
            channel: None,
            shop: None,
            top: super::DEFAULT_TOP,
        }
    }

    /// Reads a typed request; empty fields are absent. Every problem is named by its field.
    pub fn parse(form: &StatsForm<'_>, today: CivilDate) -> Result<StatsRequest, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let date = match present(form.date) {
            None => today,
            Some(text) => CivilDate::parse(text).unwrap_or_else(|| {
                errors.push("date", Problem::Invalid);
                today
            }),
        };
        let period = match present(form.period).unwrap_or("quarter") {
            "day" => Some(Period::day(date)),
            "week" => Some(Period::week_of(date)),
            "month" => Some(Period::month_of(date)),
            "quarter" => Some(Period::quarter_of(date)),
            "year" => Some(Period::year_of(date)),
            "ytd" => Some(Period::year_to_date(date)),
            "range" => range(form, &mut errors),
            _ => {
                errors.push("period", Problem::Invalid);
                None
            }
        };
        let place = parsed(form.place, "place", &mut errors, AreaCode::parse);
        let category = parsed(form.category, "category", &mut errors, Category::parse);
        let channel = parsed(form.channel, "channel", &mut errors, Channel::parse);
        let top = parsed(form.top, "top", &mut errors, |text| {
            text.parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_TOP).contains(n))
        });
        match period {
            Some(period) if errors.is_empty() => Ok(StatsRequest {
                period,
                place,
                category,
                channel,
                shop: present(form.shop).map(ShopId::new),
                top: top.unwrap_or(super::DEFAULT_TOP),
            }),
            _ => Err(errors),
        }
    }

    /// The period, the same period last year, and the period before.
    pub fn periods(&self) -> [Period; 3] {
        [self.period, self.period.last_year(), self.period.previous()]
    }

    pub fn scope(&self, period: Period) -> RollupScope {
        RollupScope {
            from: period.from,
            to: period.to,
            place: self.place.clone(),
            category: self.category,
            channel: self.channel,
            shop: self.shop.clone(),
        }
    }

    /// Nothing narrows it: the whole county.
    pub fn is_county_wide(&self) -> bool {
        self.place.is_none()
            && self.category.is_none()
            && self.channel.is_none()
            && self.shop.is_none()
    }
}

fn present(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

fn parsed<T>(
    text: Option<&str>,
    field: &'static str,
    errors: &mut ValidationErrors,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let text = present(text)?;
    let value = parse(text);
    if value.is_none() {
        errors.push(field, Problem::Invalid);
    }
    value
}

fn range(form: &StatsForm<'_>, errors: &mut ValidationErrors) -> Option<Period> {
    let from = parsed(form.from, "from", errors, CivilDate::parse);
    let to = parsed(form.to, "to", errors, CivilDate::parse);
    for (field, value) in [("from", form.from), ("to", form.to)] {
        if present(value).is_none() {
            errors.push(field, Problem::Required);
        }
    }
    match Period::of_days(from?, to?) {
        Ok(period) => Some(period),
        Err(_) => {
            errors.push("to", Problem::Invalid);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use farmgate_domain::stats::PeriodKind;

    fn today() -> CivilDate {
        CivilDate::parse("2026-11-23").unwrap()
    }

    #[test]
    fn the_default_is_this_quarter_county_wide() {
        let request = StatsRequest::parse(&StatsForm::default(), today()).unwrap();
        assert_eq!(request.period.kind, PeriodKind::Quarter);
        assert_eq!(request.period.from.to_string(), "2026-10-01");
        assert!(request.is_county_wide());
        assert_eq!(request.top, DEFAULT_TOP);
    }

    #[test]
    fn a_range_needs_both_ends_in_order() {
        let form = StatsForm {
            period: Some("range"),
            from: Some("2026-03-01"),
            to: Some("2026-02-01"),
            ..StatsForm::default()
        };
        assert!(StatsRequest::parse(&form, today()).is_err());
        let missing = StatsForm {
            period: Some("range"),
            from: Some("2026-03-01"),
            ..StatsForm::default()
        };
        let errors = StatsRequest::parse(&missing, today()).unwrap_err();
        assert!(errors.0.iter().any(|e| e.field == "to"));
    }

    #[test]
    fn every_bad_field_is_named() {
        let form = StatsForm {
            period: Some("fortnight"),
            place: Some("63"),
            category: Some("gold"),
            channel: Some("tv"),
            top: Some("0"),
            ..StatsForm::default()
        };
        let errors = StatsRequest::parse(&form, today()).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["period", "place", "category", "channel", "top"]);
    }

    #[test]
    fn a_narrowed_request_is_not_county_wide() {
        let form = StatsForm {
            period: Some("ytd"),
            channel: Some("live"),
            ..StatsForm::default()
        };
        let request = StatsRequest::parse(&form, today()).unwrap();
        assert_eq!(request.channel, Some(Channel::Live));
        assert_eq!(request.period.from.to_string(), "2026-01-01");
        assert!(!request.is_county_wide());
    }
}
