//! The sorting view at `/logistics/sorting`: parcels waiting at the warehouse by village point,
//! each carrier's share beside them, grouped by the nearest township station.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::receiving::kilograms;
use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "sorting.html")]
struct SortingPage {
    page: PageContext,
    carriers: Vec<String>,
    groups: Vec<Group>,
    total: usize,
}

struct Group {
    station: String,
    point: String,
    parcels: usize,
    weight_kg: String,
    /// "3 · 4.2 kg" per carrier, empty when none.
    by_carrier: Vec<String>,
    consolidated: bool,
}

/// `GET /logistics/sorting`
pub async fn show(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let user = page.signed()?;
    let view = state.services.sorting(&user.actor).await?;
    let groups: Vec<Group> = view
        .groups
        .iter()
        .map(|group| Group {
            station: group
                .station
                .as_ref()
                .map(|s| format!("{} {}", s.code, s.name))
                .unwrap_or_default(),
            point: format!("{} {}", group.point.code, group.point.name),
            parcels: group.parcels,
            weight_kg: kilograms(group.weight_g),
            by_carrier: group
                .by_carrier
                .iter()
                .map(|(n, grams)| {
                    if *n == 0 {
                        String::new()
                    } else {
                        format!("{n} · {} kg", kilograms(*grams))
                    }
                })
                .collect(),
            consolidated: group.consolidated(),
        })
        .collect();
    render(&SortingPage {
        carriers: view.carriers.iter().map(|c| c.code.clone()).collect(),
        total: groups.iter().map(|g| g.parcels).sum(),
        groups,
        page,
    })
}
