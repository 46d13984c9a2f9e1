//! Who came to a room and what they clicked, for the host's dashboard: distinct visitors
//! (kept as 64-bit fingerprints of their identity, so a million cost about 16 MB, not the
//! identities themselves) and clicks per product, both bounded.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};

/// Distinct visitors one room counts; beyond it the count stops and says so.
pub const MAX_UNIQUE_VISITORS: usize = 1_000_000;
/// Distinct products one room counts clicks for; clicks on others are not counted.
pub const MAX_CLICKED_PRODUCTS: usize = 200;
/// Longest product id counted; ids are UUIDs, anything longer is junk.
const MAX_PRODUCT_ID_CHARS: usize = 64;

/// A room's figures at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomFigures {
    pub viewers: u64,
    /// The most viewers at once since the room opened.
    pub peak_viewers: u64,
    pub unique_viewers: u64,
    /// True when `unique_viewers` stopped at `MAX_UNIQUE_VISITORS`: there were at least that many.
    pub unique_capped: bool,
    pub likes: u64,
    /// Product id and clicks, most clicked first.
    pub clicks: Vec<(String, u64)>,
}

#[derive(Debug, Default)]
pub(crate) struct Audience {
    hasher: RandomState,
    visitors: HashSet<u64>,
    capped: bool,
    clicks: HashMap<String, u64>,
}

impl Audience {
    /// Counts a visitor once however often they come back.
    pub fn visit(&mut self, identity: &str) {
        if self.visitors.len() >= MAX_UNIQUE_VISITORS {
            self.capped = true;
            return;
        }
        self.visitors.insert(self.hasher.hash_one(identity));
    }

    pub fn click(&mut self, product: &str) {
        if product.is_empty() || product.chars().count() > MAX_PRODUCT_ID_CHARS {
            return;
        }
        if let Some(clicks) = self.clicks.get_mut(product) {
            *clicks += 1;
        } else if self.clicks.len() < MAX_CLICKED_PRODUCTS {
            self.clicks.insert(product.to_owned(), 1);
        }
    }

    pub fn unique(&self) -> (u64, bool) {
        (self.visitors.len() as u64, self.capped)
    }

    pub fn clicks(&self) -> Vec<(String, u64)> {
        let mut clicks: Vec<(String, u64)> = self
            .clicks
            .iter()
            .map(|(product, n)| (product.clone(), *n))
            .collect();
        clicks.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        clicks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visitors_count_once_and_the_count_stops_at_its_cap() {
        let mut audience = Audience::default();
        for identity in ["a", "b", "a", "anon:x", "b"] {
            audience.visit(identity);
        }
        assert_eq!(audience.unique(), (3, false));
        for n in 0..MAX_UNIQUE_VISITORS {
            audience.visit(&format!("v{n}"));
        }
        assert_eq!(audience.unique(), (MAX_UNIQUE_VISITORS as u64, true));
    }

    #[test]
    fn clicks_count_per_product_for_a_bounded_number_of_products() {
        let mut audience = Audience::default();
        for product in ["goji", "yak", "goji", "", &"x".repeat(65)] {
            audience.click(product);
        }
        assert_eq!(
            audience.clicks(),
            [("goji".to_owned(), 2), ("yak".to_owned(), 1)]
        );
        for n in 0..MAX_CLICKED_PRODUCTS {
            audience.click(&format!("p{n}"));
        }
        assert_eq!(audience.clicks().len(), MAX_CLICKED_PRODUCTS);
        audience.click("goji");
        audience.click("p199");
        let clicks: HashMap<String, u64> = audience.clicks().into_iter().collect();
        assert_eq!(clicks["goji"], 3, "known products still count");
        assert!(
            !clicks.contains_key("p199"),
            "a product past the cap is not counted"
        );
    }
}
