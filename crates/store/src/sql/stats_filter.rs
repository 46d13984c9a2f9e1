//! The conditions rollup reads share: the days of a scope from month and day rows
//! (`Coverage`), its place, category, channel and shop, with their values bound in order.

use farmgate_domain::stats::{day_key, Coverage};
use sqlx::any::AnyArguments;
use sqlx::query::QueryAs;
use sqlx::Any;

use super::param;
use crate::{Backend, RollupScope};

/// A condition on a rollup table and the values it binds, in order.
pub(super) struct Filter {
    backend: Backend,
    clauses: Vec<String>,
    values: Vec<Bound>,
}

pub(super) enum Bound {
    Text(String),
    Number(i64),
}

impl Filter {
    pub(super) fn new(backend: Backend) -> Filter {
        Filter {
            backend,
            clauses: Vec::new(),
            values: Vec::new(),
        }
    }

    pub(super) fn next(&mut self, value: Bound) -> String {
        self.values.push(value);
        param(self.backend, self.values.len())
    }

    /// The scope's days: from month and day rows, or from day rows only (for a daily series).
    pub(super) fn days(&mut self, scope: &RollupScope, days_only: bool) {
        let coverage = if days_only {
            Coverage {
                months: None,
                days: vec![(day_key(scope.from), day_key(scope.to))],
            }
        } else {
            Coverage::of(scope.from, scope.to)
        };
        let mut ranges = Vec::new();
        let grains = coverage.months.iter().map(|range| ("m", range));
        for (grain, (first, last)) in grains.chain(coverage.days.iter().map(|range| ("d", range))) {
            let first = self.next(Bound::Number(*first));
            let last = self.next(Bound::Number(*last));
            ranges.push(format!(
                "(grain = '{grain}' AND period BETWEEN {first} AND {last})"
            ));
        }
        if ranges.is_empty() {
            ranges.push("1 = 0".to_owned());
        }
        self.clauses.push(format!("({})", ranges.join(" OR ")));
    }

    pub(super) fn equals(&mut self, column: &str, value: String) {
        let value = self.next(Bound::Text(value));
        self.clauses.push(format!("{column} = {value}"));
    }

    /// The scope's place, category, channel and shop, on a table that keeps them.
    pub(super) fn narrow(&mut self, scope: &RollupScope, with_shop: bool) {
        if let Some(place) = &scope.place {
            let prefix = place.prefix();
            self.equals(
                &format!("substr(place, 1, {})", prefix.len()),
                prefix.to_owned(),
            );
        }
        if let Some(category) = scope.category {
            self.equals("category", category.slug().to_owned());
        }
        if let Some(channel) = scope.channel {
            self.equals("channel", channel.as_str().to_owned());
        }
        if let (true, Some(shop)) = (with_shop, &scope.shop) {
            self.equals("shop_id", shop.to_string());
        }
    }

    pub(super) fn sql(&self) -> String {
        self.clauses.join(" AND ")
    }

    /// Adds a condition as it is; its values are bound with `next`.
    pub(super) fn clause(&mut self, clause: String) {
        self.clauses.push(clause);
    }

    /// Binds the filter's values to a query, in order.
    pub(super) fn bind_all<'q, O>(
        &'q self,
        query: QueryAs<'q, Any, O, AnyArguments<'q>>,
    ) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
        self.values.iter().fold(query, |query, value| match value {
            Bound::Text(text) => query.bind(text.as_str()),
            Bound::Number(number) => query.bind(*number),
        })
    }
}
