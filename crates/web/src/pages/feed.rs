//! The interest feed: one column of products for a phone, ranked for the signed-in buyer by
//! what they bought and follow (the freshest and most popular for a visitor).

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;
use crate::views::{product_card, ProductCard};

/// Products on one screenful of the feed.
const FEED_LENGTH: usize = 30;

#[derive(Template)]
#[template(path = "feed.html")]
struct FeedPage {
    page: PageContext,
    items: Vec<ProductCard>,
}

/// `GET /feed`
pub async fn show(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let viewer = page.user.as_ref().map(|user| &user.actor);
    let now = state.services.clock.now();
    let items = state
        .services
        .feed(viewer, FEED_LENGTH)
        .await?
        .iter()
        .map(|detail| product_card(detail, page.t, now))
        .collect();
    render(&FeedPage { items, page })
}
