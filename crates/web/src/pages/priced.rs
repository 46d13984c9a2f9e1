//! Product cards at the prices checkout charges, for every page that shows products to buyers
//! (search, the feed, a video's cards, a live room's bag): a running campaign's price where
//! one lowers a variant.

use farmgate_store::ProductDetail;

use crate::error::WebError;
use crate::state::AppState;
use crate::texts::Texts;
use crate::views::{priced_card, ProductCard};

pub async fn card(
    state: &AppState,
    t: &Texts,
    detail: &ProductDetail,
) -> Result<ProductCard, WebError> {
    let lowered = state.services.campaign_prices(detail).await?;
    Ok(priced_card(detail, &lowered, t, state.services.clock.now()))
}
