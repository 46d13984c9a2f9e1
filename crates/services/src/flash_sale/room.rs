//! What a flash sale tells its room: the sale card (price, what is left, when it opens and
//! closes) whenever it changes, and a ticker line for each purchase, naming only the buyer's
//! city — never who they are.

use farmgate_domain::address::ShippingAddress;
use farmgate_live::RoomEvent;
use serde_json::json;

use super::FlashSaleState;
use crate::Services;

impl Services {
    /// Shows the sale's current state to everyone in its session's room.
    pub(crate) fn post_flash_sale(&self, sale: &FlashSaleState) {
        let card = json!({
            "id": sale.id,
            "product": sale.product_id,
            "title": format!("{} · {}", sale.title, sale.sku_name),
            "price": sale.price.to_string(),
            "regular_price": sale.regular_price.to_string(),
            "remaining": sale.remaining,
            "stock_limit": sale.stock_limit,
            "per_buyer_limit": sale.per_buyer_limit,
            "opens_at": sale.opens_at,
            "closes_at": sale.closes_at,
            "phase": sale.phase,
        });
        self.rooms
            .post(sale.session_id.as_str(), RoomEvent::Sale(card));
    }

    /// "西宁市 · 黑枸杞 × 2": the ticker line of an accepted purchase.
    pub(super) fn post_flash_purchase(
        &self,
        sale: &FlashSaleState,
        address: &ShippingAddress,
        quantity: i64,
    ) {
        let line = json!({
            "line": format!("{} · {} × {quantity}", address.city, sale.title),
            "city": address.city,
            "title": sale.title,
            "quantity": quantity,
        });
        self.rooms
            .post(sale.session_id.as_str(), RoomEvent::Purchase(line));
    }
}
