//! How catalogue records look on a page: one shape for the console, the shop page, search
//! results and the hub's review queue.

use farmgate_domain::availability::Availability;
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::time::Timestamp;
use farmgate_services::campaigns::CampaignPrice;
use farmgate_store::ProductDetail;

use crate::texts::Texts;

pub struct ProductCard {
    pub id: String,
    pub shop_id: String,
    pub title: String,
    pub category: &'static str,
    pub grade: String,
    pub status: &'static str,
    pub status_class: &'static str,
    pub review_reason: String,
    /// "¥68.00", the lowest variant price.
    pub price: String,
    /// "¥136.00 per 500 g" when a variant has a net weight.
    pub per_500g: String,
    pub skus: Vec<SkuLine>,
    /// The photos' file ids, cover first: `/photos/{id}/card.jpg`.
    pub photos: Vec<String>,
    /// Whether it can be bought now (in season, or on pre-sale).
    pub available: bool,
    /// Says when an out-of-season product is back, in the reader's language.
    pub season_note: String,
    pub can_delist: bool,
    pub can_resubmit: bool,
}

pub struct SkuLine {
    pub id: String,
    pub name: String,
    pub unit: &'static str,
    pub price: String,
    /// The shelf price a running campaign lowered `price` from; empty when none does.
    pub was: String,
    pub per_500g: String,
    pub stock: i64,
}

/// The card at the prices checkout charges: each variant a running campaign lowers shows its
/// campaign price beside the struck-through shelf price (the cheapest and per 500 g follow).
pub fn priced_card(
    detail: &ProductDetail,
    lowered: &[CampaignPrice],
    t: &Texts,
    now: Timestamp,
) -> ProductCard {
    if lowered.is_empty() {
        return product_card(detail, t, now);
    }
    let mut priced = detail.clone();
    for sku in &mut priced.skus {
        if let Some(found) = lowered.iter().find(|l| l.sku == sku.id) {
            sku.price = found.price;
        }
    }
    let mut card = product_card(&priced, t, now);
    for line in &mut card.skus {
        if let Some(found) = lowered.iter().find(|l| l.sku.as_str() == line.id) {
            line.was = found.was.to_string();
        }
    }
    card
}

pub fn product_card(detail: &ProductDetail, t: &Texts, now: Timestamp) -> ProductCard {
    let product = &detail.product;
    let availability = Availability {
        season: product.season,
        presale: product.presale,
    };
    let season = availability.check(now);
    let cheapest = detail.skus.iter().min_by_key(|sku| sku.price.minor());
    let per_500g = |sku: &farmgate_store::SkuRecord| {
        sku.pack
            .price_per_500g(sku.price)
            .map(|price| format!("{price} {}", t.per_500g))
            .unwrap_or_default()
    };
    ProductCard {
        id: product.id.to_string(),
        shop_id: product.shop_id.to_string(),
        title: product.title.clone(),
        category: t.category(product.category),
        grade: if t.zh {
            product.grade.label_zh()
        } else {
            product.grade.label_en()
        }
        .to_owned(),
        status: t.listing_status(product.status),
        status_class: match product.status {
            ListingStatus::Listed => "approved",
            ListingStatus::Rejected | ListingStatus::Delisted => "rejected",
            ListingStatus::Draft | ListingStatus::PendingReview => "pending",
        },
        review_reason: product.review_reason.clone().unwrap_or_default(),
        price: cheapest
            .map(|sku| sku.price.to_string())
            .unwrap_or_default(),
        per_500g: cheapest.map(per_500g).unwrap_or_default(),
        skus: detail
            .skus
            .iter()
            .map(|sku| SkuLine {
                id: sku.id.to_string(),
                name: sku.name.clone(),
                unit: t.unit(sku.pack.unit()),
                price: sku.price.to_string(),
                was: String::new(),
                per_500g: per_500g(sku),
                stock: sku.stock,
            })
            .collect(),
        photos: detail.photos.iter().map(|p| p.file_id.clone()).collect(),
        available: season.is_ok(),
        season_note: season
            .err()
            .map(|out| {
                t.out_of_season
                    .replace("{month}", t.months[usize::from(out.back_in.number() - 1)])
            })
            .unwrap_or_default(),
        can_delist: matches!(
            product.status,
            ListingStatus::Listed | ListingStatus::PendingReview
        ),
        can_resubmit: matches!(
            product.status,
            ListingStatus::Rejected | ListingStatus::Delisted | ListingStatus::Draft
        ),
    }
}
