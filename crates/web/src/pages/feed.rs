//! The interest feed: one column of products and short videos for a phone, ranked for the
//! signed-in buyer by what they bought and follow (the freshest and most popular for a visitor).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use farmgate_services::feed::FeedEntry;

use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;
use crate::views::{product_card, ProductCard};

/// Items on one screenful of the feed.
const FEED_LENGTH: usize = 30;

#[derive(Template)]
#[template(path = "feed.html")]
struct FeedPage {
    page: PageContext,
    items: Vec<FeedCard>,
}

enum FeedCard {
    Product(ProductCard),
    /// A video: its id, title, and its first product's card.
    Video {
        id: String,
        title: String,
        product: ProductCard,
    },
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
        .filter_map(|entry| match entry {
            FeedEntry::Product(detail) => {
                Some(FeedCard::Product(product_card(detail, page.t, now)))
            }
            FeedEntry::Video(view) => view.products.first().map(|first| FeedCard::Video {
                id: view.video.id.to_string(),
                title: view.video.title.clone(),
                product: product_card(first, page.t, now),
            }),
        })
        .collect();
    render(&FeedPage { items, page })
}
