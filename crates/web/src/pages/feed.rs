//! The interest feed: one column of products and short videos for a phone, ranked for the
//! signed-in buyer by what they bought and follow (the freshest and most popular for a visitor).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use farmgate_services::feed::FeedEntry;

use super::priced;
use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;
use crate::views::ProductCard;

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
    let entries = state.services.feed(viewer, FEED_LENGTH).await?;
    let mut items = Vec::with_capacity(entries.len());
    for entry in &entries {
        items.push(match entry {
            FeedEntry::Product(detail) => {
                FeedCard::Product(priced::card(&state, page.t, detail).await?)
            }
            FeedEntry::Video(view) => {
                let Some(first) = view.products.first() else {
                    continue;
                };
                FeedCard::Video {
                    id: view.video.id.to_string(),
                    title: view.video.title.clone(),
                    product: priced::card(&state, page.t, first).await?,
                }
            }
        });
    }
    render(&FeedPage { items, page })
}
