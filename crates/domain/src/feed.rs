//! The interest feed: what to show a buyer first. Each item (a product, or a short video, which
//! counts in the category of the first product it shows) scores on four things, each read as a
//! share from 0 to 1:
//!
//! - **category interest** (weight 0.45): the buyer's signals on the item's category, and half
//!   as much on its kin — a buyer of yak meat is likely to want yak butter too (pastoral goods:
//!   meat, dairy, eggs), but not a thangka;
//! - **producer interest** (0.20): the buyer's signals on the item's shop;
//! - **freshness** (0.20): halving every 7 days since the item was published;
//! - **popularity** (0.15): units sold (a video: orders bought from it), on a log scale against
//!   the best seller.
//!
//! Signals: buying counts 3, following a shop 2. Interests are scaled so the buyer's strongest
//! reads 1. A buyer with no signals gets fresh and popular items. The page then keeps at most
//! two items of one shop, so one busy producer cannot fill a phone's screen.

use std::collections::HashMap;

use crate::catalogue::Category;
use crate::id::{ProductId, ShopId, ShortVideoId};
use crate::time::Timestamp;

const CATEGORY_WEIGHT: f64 = 0.45;
const SHOP_WEIGHT: f64 = 0.20;
const FRESHNESS_WEIGHT: f64 = 0.20;
const POPULARITY_WEIGHT: f64 = 0.15;
const HALF_LIFE_DAYS: f64 = 7.0;
const DAY_MILLIS: f64 = 86_400_000.0;
/// The share of a category's interest its kin receive.
const KIN_SHARE: f64 = 0.5;
/// Items of one shop on a page, at most (while others are left to fill it).
const PER_SHOP: usize = 2;

/// Something the buyer did that says what they like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    Bought { category: Category, shop: ShopId },
    Followed { shop: ShopId },
}

/// What a buyer likes, from their signals.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Interests {
    categories: HashMap<Category, f64>,
    shops: HashMap<ShopId, f64>,
}

impl Interests {
    pub fn from_signals(signals: &[Signal]) -> Interests {
        let mut categories: HashMap<Category, f64> = HashMap::new();
        let mut shops: HashMap<ShopId, f64> = HashMap::new();
        for signal in signals {
            match signal {
                Signal::Bought { category, shop } => {
                    *categories.entry(*category).or_default() += 3.0;
                    for kin in kin_of(*category) {
                        *categories.entry(*kin).or_default() += 3.0 * KIN_SHARE;
                    }
                    *shops.entry(shop.clone()).or_default() += 3.0;
                }
                Signal::Followed { shop } => *shops.entry(shop.clone()).or_default() += 2.0,
            }
        }
        scale(&mut categories);
        scale(&mut shops);
        Interests { categories, shops }
    }

    fn category(&self, category: Category) -> f64 {
        self.categories.get(&category).copied().unwrap_or(0.0)
    }

    fn shop(&self, shop: &ShopId) -> f64 {
        self.shops.get(shop).copied().unwrap_or(0.0)
    }
}

/// What a feed item is: a product, or a short video showing products.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FeedKey {
    Product(ProductId),
    Video(ShortVideoId),
}

/// One thing the feed may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem<K> {
    pub key: K,
    pub category: Category,
    pub shop: ShopId,
    pub published: Timestamp,
    /// Units sold.
    pub sales: i64,
}

/// The `n` items to show first, best first.
pub fn rank<'a, K>(
    items: &'a [FeedItem<K>],
    interests: &Interests,
    now: Timestamp,
    n: usize,
) -> Vec<&'a FeedItem<K>> {
    if n == 0 || items.is_empty() {
        return Vec::new();
    }
    let best_seller = items.iter().map(|i| i.sales).max().unwrap_or(0).max(0);
    let popularity_scale = (1.0 + best_seller as f64).ln().max(f64::EPSILON);
    let mut scored: Vec<(f64, usize)> = items
        .iter()
        .enumerate()
        .map(|(at, item)| (score(item, interests, now, popularity_scale), at))
        .collect();
    // Enough candidates that the per-shop cap can still fill the page.
    let keep = (n * 4).min(scored.len());
    let best_first = |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if keep < scored.len() {
        scored.select_nth_unstable_by(keep - 1, best_first);
        scored.truncate(keep);
    }
    scored.sort_unstable_by(best_first);
    let mut per_shop: HashMap<&ShopId, usize> = HashMap::new();
    let mut page = Vec::with_capacity(n);
    let mut held_back = Vec::new();
    for (_, at) in scored {
        let item = &items[at];
        let count = per_shop.entry(&item.shop).or_default();
        if *count < PER_SHOP {
            *count += 1;
            page.push(item);
        } else {
            held_back.push(item);
        }
        if page.len() == n {
            return page;
        }
    }
    page.extend(held_back.into_iter().take(n - page.len()));
    page
}

fn score<K>(
    item: &FeedItem<K>,
    interests: &Interests,
    now: Timestamp,
    popularity_scale: f64,
) -> f64 {
    let age_days = ((now.millis() - item.published.millis()).max(0) as f64) / DAY_MILLIS;
    let freshness = 0.5_f64.powf(age_days / HALF_LIFE_DAYS);
    let popularity = (1.0 + item.sales.max(0) as f64).ln() / popularity_scale;
    CATEGORY_WEIGHT * interests.category(item.category)
        + SHOP_WEIGHT * interests.shop(&item.shop)
        + FRESHNESS_WEIGHT * freshness
        + POPULARITY_WEIGHT * popularity
}

/// Categories a buyer of `category` is likely to want as well: goods of the same kind of
/// farming.
fn kin_of(category: Category) -> &'static [Category] {
    use Category::*;
    match category {
        Meat => &[Dairy, Eggs],
        Dairy => &[Meat, Eggs],
        Eggs => &[Meat, Dairy],
        Grain => &[Vegetables, Oils, Processed],
        Vegetables => &[Grain, Oils],
        Oils => &[Grain, Vegetables],
        Fruit => &[Honey, Tea],
        Honey => &[Fruit, Tea],
        Tea => &[Fruit, Honey],
        Fungi => &[Herbs],
        Herbs => &[Fungi],
        Seasonings => &[Processed],
        Processed => &[Seasonings, Grain],
        Aquatic | Handicrafts | Other => &[],
    }
}

/// Scales weights so the largest reads 1.
fn scale<K>(weights: &mut HashMap<K, f64>) {
    let top = weights.values().copied().fold(0.0, f64::max);
    if top > 0.0 {
        weights.values_mut().for_each(|w| *w /= top);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp::from_millis(1_800_000_000_000);

    fn shop(n: usize) -> ShopId {
        ShopId::new(format!("shop-{n}"))
    }

    /// Every category from three shops each, all published today and selling alike.
    fn catalogue() -> Vec<FeedItem<String>> {
        Category::ALL
            .iter()
            .enumerate()
            .flat_map(|(c, category)| {
                (0..3).map(move |s| FeedItem {
                    key: format!("{}-{s}", category.slug()),
                    category: *category,
                    shop: shop(c * 3 + s),
                    published: NOW,
                    sales: 10,
                })
            })
            .collect()
    }

    #[test]
    fn a_buyer_of_yak_meat_sees_meat_and_dairy_not_handicrafts() {
        let items = catalogue();
        let bought = Signal::Bought {
            category: Category::Meat,
            shop: shop(99),
        };
        let page = rank(&items, &Interests::from_signals(&[bought]), NOW, 8);
        let categories: Vec<Category> = page.iter().map(|i| i.category).collect();
        assert_eq!(&categories[..3], [Category::Meat; 3]);
        assert!(categories.contains(&Category::Dairy));
        assert!(!categories.contains(&Category::Handicrafts));
    }

    #[test]
    fn a_followed_producer_comes_first_but_fills_no_more_than_two_places() {
        let mut items = catalogue();
        for n in 0..5 {
            items.push(FeedItem {
                key: format!("followed-{n}"),
                category: Category::Other,
                shop: shop(500),
                published: NOW,
                sales: 10,
            });
        }
        let followed = Signal::Followed { shop: shop(500) };
        let page = rank(&items, &Interests::from_signals(&[followed]), NOW, 6);
        assert_eq!(page[0].shop, shop(500));
        assert_eq!(page.iter().filter(|i| i.shop == shop(500)).count(), 2);
    }

    #[test]
    fn without_signals_fresh_and_popular_items_lead() {
        let mut items = catalogue();
        items[0].published = NOW.plus_millis(-30 * DAY_MILLIS as i64);
        items[1].sales = 10_000;
        let page = rank(&items, &Interests::default(), NOW, items.len());
        assert_eq!(page[0].key, items[1].key);
        assert_eq!(page.last().map(|i| &i.key), Some(&items[0].key));
        assert_eq!(rank(&items, &Interests::default(), NOW, 0).len(), 0);
    }
}
