//! A leader's own page: what their share links brought (clicks, buyers, orders) and earned
//! (pending until delivery, earned, paid), with the terms they earn on.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::settings::percent;
use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "leader_home.html")]
struct LeaderHome {
    page: PageContext,
    terms: String,
    /// "肉类 2.00% · 乳品 2.00%": the categories with a rate of their own.
    own_rates: String,
    clicks: i64,
    buyers: i64,
    orders: i64,
    pending: String,
    earned: String,
    paid: String,
    owed: String,
}

/// `GET /leader`
pub async fn show(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let user = page.signed()?;
    let figures = state.services.my_leader_figures(&user.actor).await?;
    let terms = state.services.leader_terms().await?;
    let percent = |rate| format!("{}%", percent(rate));
    let own_rates: Vec<String> = terms
        .rates
        .exceptions()
        .map(|(category, rate)| format!("{} {}", page.t.category(category), percent(rate)))
        .collect();
    render(&LeaderHome {
        terms: page
            .t
            .leader
            .my_terms
            .replace("{days}", &terms.window.days().to_string())
            .replace("{rate}", &percent(terms.rates.default_rate())),
        own_rates: own_rates.join(" · "),
        clicks: figures.clicks,
        buyers: figures.buyers,
        orders: figures.orders,
        pending: figures.pending.to_string(),
        earned: figures.earned.to_string(),
        paid: figures.paid.to_string(),
        owed: figures.owed().to_string(),
        page,
    })
}
